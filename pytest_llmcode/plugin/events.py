"""The case builder's events, told as hook calls (``pytest_llmcode_case_stage``,
``pytest_llmcode_case_built``): the plugin's progress lines are one listener, a user's plugin or
conftest may be another."""

from __future__ import annotations

import pytest

from pytest_llmcode.pipeline.case import BuiltCase, CaseSpec


class HookEvents:
    """:class:`~pytest_llmcode.pipeline.events.CaseEvents` for one pytest run."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    def stage(self, spec: CaseSpec, stage: str) -> None:
        self.config.hook.pytest_llmcode_case_stage(config=self.config, spec=spec, stage=stage)

    def built(self, case: BuiltCase) -> None:
        self.config.hook.pytest_llmcode_case_built(config=self.config, case=case, record=case.to_record())
