"""``results.jsonl`` under ``--llm-output``: one record per behaviour test per case, appended as
each test finishes (a crash loses nothing already finished). Written by the controller only
under pytest-xdist, from the reports every worker sends it."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from pytest_llmcode import __version__

RESULTS_FILE = "results.jsonl"


def _reason(report: Any) -> str:
    crash = getattr(getattr(report, "longrepr", None), "reprcrash", None)
    text = str(getattr(crash, "message", "") or getattr(report, "longreprtext", "") or "")
    lines = [line for line in text.splitlines() if line.strip() and not re.match(r"\[gw\d+\] ", line)]
    return lines[0].strip()[:500] if lines else ""


class ResultsWriter:
    """A plugin object: gathers each test's phases, writes one line when its teardown is done."""

    def __init__(self, output: Path) -> None:
        self.path = output / RESULTS_FILE
        self._pending: dict[str, dict[str, Any]] = {}
        self.report: str | None = None  # what became of report.html, for the terminal summary

    def pytest_sessionfinish(self) -> None:
        """The HTML report of everything in the results folder (this run's and earlier ones')."""
        if not self.path.is_file():
            return
        from pytest_llmcode.html_report import write_report

        try:
            self.report = f"report: {write_report(self.path.parent)}"
        except Exception as exc:  # noqa: BLE001 - the run's verdict stands without its report
            self.report = f"report: not written: {type(exc).__name__}: {exc}"

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.report:
            terminalreporter.write_line(self.report)

    def pytest_runtest_logreport(self, report: Any) -> None:
        props = dict(report.user_properties)
        if "llm.case_dir" not in props:
            return
        record = self._pending.setdefault(report.nodeid, {"outcome": "passed", "reason": ""})
        record["props"] = props
        if report.failed and record["outcome"] == "passed":
            record["outcome"] = "failed" if report.when == "call" else "error"
            record["reason"] = _reason(report)
        elif report.skipped and record["outcome"] == "passed":
            record["outcome"] = "skipped"
        if report.when == "teardown":
            self._write(report.nodeid, self._pending.pop(report.nodeid))

    def _write(self, nodeid: str, record: dict[str, Any]) -> None:
        props = record["props"]
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "nodeid": nodeid,
            "challenge": props["llm.challenge"],
            "challenge_fingerprint": props.get("llm.challenge_fingerprint", ""),
            "test": nodeid.split("::")[-1].split("[")[0],
            "model": props["llm.model"],
            "model_spec": props.get("llm.model_spec", ""),
            "model_id": props.get("llm.model_id", ""),
            "sample": int(props["llm.sample"]),
            "outcome": record["outcome"],
            "stage": props.get("llm.stage") or ("verify" if record["outcome"] == "failed" else None),
            "reason": record["reason"],
            "timings": {k[len("llm.time."):]: float(v) for k, v in props.items() if k.startswith("llm.time.")},
            "tokens": {
                "input": int(props.get("llm.tokens.input", 0)),
                "output": int(props.get("llm.tokens.output", 0)),
                "cached": int(props.get("llm.tokens.cached", 0)),
                "reasoning": int(props.get("llm.tokens.reasoning", 0)),
            },
            "cost_usd": float(props.get("llm.cost_usd", 0.0)),
            "repair_rounds": int(props.get("llm.repair_rounds", 0)),
            "passed_first_try": bool(props["llm.passed_first_try"]) if "llm.passed_first_try" in props
            else record["outcome"] == "passed" and not int(props.get("llm.repair_rounds", 0)),
            "answer_source": props.get("llm.answer_source", ""),
            "artifacts": {"case_dir": props["llm.case_dir"], "screenshot": props.get("llm.screenshot")},
            "tool_version": __version__,
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
            handle.flush()
