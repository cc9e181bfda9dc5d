"""Cases apart (issue 18, finding 4): while one case is checked in the worker's serving network, no
other case is served there, so its processes cannot find another case's server however they scan.
The next case is still built ahead (install, build) meanwhile."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from pytest_llmcode.answers.formats import format_files
from tests.support.apps import write_app
from tests.support.fake_llm import Action, FakeLLM
from tests.support.models import fake_alias, fake_models
from tests.support.runs import run
from tests.support.sandbox import BACKENDS, need

CHALLENGE = """\
id: scanner
title: A page whose server looks around
prompt: Serve a page.
stack:
  name: shell and Python
  install: "true"
  build: "true"
  serve: sh serve.sh {port}
timeouts: {launch: 20}
"""
CHECKS = """\
from playwright.sync_api import expect

def test_page_is_served(app_page):
    app_page.wait_for_timeout(6000)  # time for the next case to be served, if it were
    expect(app_page.get_by_role("heading", name="Scanner")).to_be_visible()
"""
# every port of the network's loopback, again and again for 15 s; what answers (but its own) is kept
SCAN = """import socket, sys, time
own = int(sys.argv[1])
found = set()
end = time.time() + 15
while time.time() < end:
    for port in range(1024, 65536):
        if port == own or port in found:
            continue
        with socket.socket() as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0 and sock.getsockname() != sock.getpeername():
                found.add(port)  # (not a connection to itself: TCP's simultaneous open)
    with open("found.txt", "w") as out:
        out.write(" ".join(map(str, sorted(found))) + "\\n")
"""
SERVE = ('python3 scan.py "$1" > scan.log 2>&1 &\n'
         'exec python3 -m http.server "$1" --bind 127.0.0.1\n')
ANSWER = "Here it is.\n\n" + format_files({
    "index.html": "<!doctype html><title>Scanner</title><h1>Scanner</h1>\n", "scan.py": SCAN, "serve.sh": SERVE})


@pytest.fixture
def server() -> Iterator[FakeLLM]:
    with FakeLLM() as fake:
        def choose(body: dict[str, Any]) -> Action:
            return Action(text=ANSWER)

        fake.choose = choose
        yield fake


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_case_cannot_reach_the_server_of_the_case_after_it(
        pytester: pytest.Pytester, server: FakeLLM, monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    need(backend)
    write_app(pytester.path / "scanner", {"challenge.yaml": CHALLENGE, "test_scanner.py": CHECKS})
    fake_models(pytester, monkeypatch, fake_alias("fake-oai", server.openai_url, more="retries: 0\n"))
    result = run(pytester, f"--llm-sandbox={backend}", "--llm-model=fake-oai", "--llm-samples=2",
                 "--llm-concurrency=2", "--llm-output=out")
    result.assert_outcomes(passed=2)
    first = pytester.path / "out" / "scanner" / "fake-oai" / "s0"
    assert (first / "workspace" / "found.txt").read_text().split() == []  # it scanned, and found nothing
    second = json.loads((pytester.path / "out" / "scanner" / "fake-oai" / "s1" / "case.json").read_text())
    assert second["generation"]["source"] == "endpoint"
