"""A page that floods its console (100 messages of 1 MiB, a 1 MiB URL) leaves a log of bounded size
in the evidence, the JUnit file and the messages: entries are cut and counted."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from pytest_llmcode.browser.log import ENTRY_CHARS, LOG_ENTRIES, BrowserLog

MIB = "x" * 2**20


def message(kind: str, text: str) -> Any:
    return SimpleNamespace(type=kind, text=text, location={"url": "http://127.0.0.1:5173/app.js"})


def test_a_flooded_console_keeps_a_bounded_log() -> None:
    log = BrowserLog(origin="http://127.0.0.1:5173")
    for _ in range(LOG_ENTRIES + 100):
        log._on_console(message("error", MIB))
        log._on_console(message("log", MIB))
    kept = log.console + log.console_errors
    assert len(log.console) == len(log.console_errors) == LOG_ENTRIES and log.dropped == 500  # 400 + 100
    assert all(len(entry) <= ENTRY_CHARS + 40 for entry in kept)
    assert sum(map(len, kept)) < 2 * 2**20
    assert "(500 more log entries dropped)" in log.describe()


def test_a_huge_failing_url_is_cut() -> None:
    log = BrowserLog(origin="http://127.0.0.1:5173")
    request = SimpleNamespace(url="http://127.0.0.1:5173/" + MIB, failure="net::ERR_CONNECTION_RESET")
    log._on_request_failed(request)
    assert len(log.missing_resources) == 1 and len(log.missing_resources[0]) < ENTRY_CHARS + 600
