"""A pytest plugin for the benchmark only (``-p benchmarks.phases``). Appends to
$LLMCODE_BENCH_PHASES one JSON line per test phase (when it started and stopped, its case) and per
piece of case-level work: the ``llm_case`` and ``llm_app`` fixtures (generate, install, build,
launch) and every browser launch."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator
from typing import Any

import pytest

_current = {"case": ""}


def _write(record: dict[str, Any]) -> None:
    target = os.environ.get("LLMCODE_BENCH_PHASES")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record) + "\n")


def _case_of(item: Any) -> str:
    spec = getattr(getattr(item, "callspec", None), "params", {}).get("llm_case")
    return f"/{spec.challenge.id}/{spec.model.label}/s{spec.sample}" if spec is not None else ""


def pytest_configure(config: pytest.Config) -> None:
    from pytest_llmcode.browser.host import BrowserHost

    launch = BrowserHost._launch

    def timed(self: BrowserHost, *args: Any, **kwargs: Any) -> Any:
        started = time.monotonic()
        try:
            return launch(self, *args, **kwargs)
        finally:
            _write({"kind": "work", "name": "browser", "case": _current["case"],
                    "seconds": time.monotonic() - started})

    BrowserHost._launch = timed  # type: ignore[method-assign]


def pytest_runtest_setup(item: pytest.Item) -> None:
    _current["case"] = _case_of(item)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: Any) -> Generator[None, Any, Any]:
    started = time.monotonic()
    try:
        return (yield)
    finally:
        if fixturedef.argname in ("llm_case", "llm_app") or os.environ.get("LLMCODE_BENCH_ALL_FIXTURES"):
            _write({"kind": "work", "name": fixturedef.argname, "case": _case_of(request._pyfuncitem),
                    "seconds": time.monotonic() - started})


def pytest_runtest_logreport(report: Any) -> None:
    props = dict(report.user_properties)
    _write({"kind": "phase", "nodeid": report.nodeid, "when": report.when, "seconds": report.duration,
            "outcome": report.outcome, "start": report.start, "stop": report.stop, "case": _current["case"],
            "model_s": float(props.get("llm.latency.total", 0) or 0)})
