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


def sends_requests(builder: CaseBuilder, specs: list[CaseSpec]) -> list[Model]:
    """The remote models some case will ask: in agent mode every one; in completion mode those
    with a case whose first request is not answered by the cassette or the response cache."""
    found: dict[str, Model] = {}
    for spec in specs:
        model = spec.model
        answered = getattr(model, "answered", None)
        if answered is None or model.label in found:
            continue
        request = first_request(spec, builder.timeouts) if builder.strategy(model).asks_first else None
        if request is None or not answered(request):
            found[model.label] = model
    return list(found.values())


class EndpointCheck:
    """A pytest plugin: after collection, the endpoints the run will send requests to must answer."""

    def __init__(self, builder: Callable[[], CaseBuilder]) -> None:
        self._builder = builder

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        if not will_run(session):
            return
        for model in sends_requests(self._builder(), cases_in_run_order(session.items)):
            try:
                check_endpoint(model)
            except NotReady as exc:
                raise pytest.UsageError(str(exc)) from None
