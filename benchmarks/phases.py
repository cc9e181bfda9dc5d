"""A pytest plugin for the benchmark only (``-p benchmarks.phases``): writes, per test phase, when it
started and stopped, how long it took and which case it belongs to, to $LLMCODE_BENCH_PHASES."""

from __future__ import annotations

import json
import os
from typing import Any


def pytest_runtest_logreport(report: Any) -> None:
    target = os.environ.get("LLMCODE_BENCH_PHASES")
    if not target:
        return
    props = dict(report.user_properties)
    record = {"nodeid": report.nodeid, "when": report.when, "seconds": report.duration, "outcome": report.outcome,
              "start": report.start, "stop": report.stop,
              "case": props.get("llm.case_dir", ""), "model_s": float(props.get("llm.latency.total", 0) or 0)}
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
