"""Remote models' endpoints are tried once the run knows its cases, and only those a request will
be sent to: a re-run whose first answers all come from the response cache starts with the endpoint
down. (Under pytest-xdist, where the controller collects nothing, every endpoint is tried at start.)"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pytest_llmcode.models.base import Model
from pytest_llmcode.models.checks import NotReady, check_endpoint
from pytest_llmcode.pipeline.builder import CaseBuilder
from pytest_llmcode.pipeline.case import CaseSpec
from pytest_llmcode.pipeline.prompt import first_request
from pytest_llmcode.plugin.prefetch import cases_in_run_order, will_run


def sends_requests(builder: CaseBuilder, specs: list[CaseSpec], *, repairs: bool) -> list[Model]:
    """The remote models some case will ask: none answered from a ``--llm-replay`` cassette; with
    repair rounds (whose requests follow the case's failures) or in agent mode every other one; else
    those with a case whose first request the response cache does not hold."""
    found: dict[str, Model] = {}
    for spec in specs:
        model = spec.model
        answered = getattr(model, "answered", None)
        if answered is None or model.label in found or answered(None):
            continue
        if repairs or not builder.strategy(model).asks_first:
            found[model.label] = model
            continue
        request = first_request(spec, builder.timeouts)
        if request is not None and not answered(request):  # None: the case fails at build, asking nothing
            found[model.label] = model
    return list(found.values())


class EndpointCheck:
    """A pytest plugin: after collection, the endpoints the run will send requests to must answer."""

    def __init__(self, builder: Callable[[], CaseBuilder], repairs: bool) -> None:
        self._builder = builder
        self._repairs = repairs

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if not will_run(session):
            return
        for model in sends_requests(self._builder(), cases_in_run_order(session.items), repairs=self._repairs):
            try:
                check_endpoint(model)
            except NotReady as exc:
                raise pytest.UsageError(str(exc)) from None
