"""Repair rounds: a model that sees its build fail and fixes the cause, against a local endpoint that
plays the conversation (real HTTP, OpenAI's wire format)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pytest_llmcode.answers.formats import format_files
from tests.support.apps import PAGE
from tests.support.cli import llmcode
from tests.support.fake_llm import Action, FakeLLM
from tests.support.models import BUTTONLESS, FIXED, fake_coder, fake_models
from tests.support.runs import junit_cases, properties, run

BROKEN = "Here is the page.\n\n" + format_files({"page.html": PAGE})  # the build wants index.html


@pytest.fixture
def server() -> Iterator[FakeLLM]:
    with FakeLLM(FIXED) as fake:
        yield fake


@pytest.fixture
def configured(pytester: pytest.Pytester, static_challenge: Path, server: FakeLLM,
               monkeypatch: pytest.MonkeyPatch) -> None:
    fake_models(pytester, monkeypatch, fake_coder(server))


def messages(server: FakeLLM, index: int) -> list[dict[str, str]]:
    sent: list[dict[str, str]] = server.requests[index].body["messages"]
    return sent


def test_a_fix_after_seeing_the_build_error_passes_with_one_round(
    pytester: pytest.Pytester, configured: None, server: FakeLLM
) -> None:
    server.script = [Action(text=BROKEN), Action(text=FIXED)]
    result = run(pytester, "--llm-model=fake", "--llm-repair-rounds=1", "--junitxml=j.xml", "--llm-output=out")
    result.assert_outcomes(passed=2)
    assert len(server.requests) == 2
    second = messages(server, 1)
    assert [m["role"] for m in second][-3:] == ["user", "assistant", "user"]
    assert second[-2]["content"] == BROKEN  # its own first answer
    feedback = second[-1]["content"]
    assert "Your answer did not get through the build stage:" in feedback
    assert "test -f index.html` exited with status 1" in feedback  # what a developer would see
    assert "page.html" in feedback.split("The workspace now holds:")[1]
    assert "get_by_role" not in feedback and "test_greets" not in feedback  # never the checks

    case = json.loads((pytester.path / "out" / "static_page" / "fake" / "s0" / "case.json").read_text())
    assert [r["failed_stage"] for r in case["rounds"]] == ["build", None]
    assert case["repair_rounds"] == 1 and case["failed_stage"] is None
    per_round = [r["usage"]["output_tokens"] for r in case["rounds"]]
    assert all(per_round) and case["usage"]["output_tokens"] == sum(per_round)  # both rounds are paid for
    assert (pytester.path / "out" / "static_page" / "fake" / "s0" / "answer-repair-1.md").read_text() == FIXED
    props = properties(junit_cases(pytester.path / "j.xml")["test_greets[fake-s0]"])
    assert props["llm.repair_rounds"] == "1"
    records = [json.loads(line) for line in (pytester.path / "out" / "results.jsonl").read_text().splitlines()]
    assert {(r["outcome"], r["repair_rounds"], r["passed_first_try"]) for r in records} == {("passed", 1, False)}
    assert "1 repair round(s):" in (pytester.path / "out" / "report.html").read_text()

    compared = llmcode("compare", str(pytester.path / "out"), str(pytester.path / "out"))
    assert "| behaviour tests passed at first try (pass@1) | 0/2 (0%) | 0/2 (0%) |" in compared.stdout
    assert "| behaviour tests passed after repair rounds | 2/2 (100%) | 2/2 (100%) |" in compared.stdout


def test_without_repair_rounds_the_same_answer_fails_at_build(
    pytester: pytest.Pytester, configured: None, server: FakeLLM
) -> None:
    server.script = [Action(text=BROKEN), Action(text=FIXED)]
    result = run(pytester, "--llm-model=fake", "--llm-output=out")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]build[]] `*test -f index.html` exited with status 1*"])
    assert len(server.requests) == 1


def test_a_model_that_never_fixes_it_fails_after_its_rounds(
    pytester: pytest.Pytester, configured: None, server: FakeLLM
) -> None:
    server.script = [Action(text=BROKEN), Action(text="I cannot see the problem."), Action(text=BROKEN)]
    result = run(pytester, "--llm-model=fake", "--llm-repair-rounds=2", "--llm-output=out")
    result.assert_outcomes(failed=2)
    assert len(server.requests) == 3
    assert "did not get through the parse stage" in messages(server, 2)[-1]["content"]  # an answer with no files
    case = json.loads((pytester.path / "out" / "static_page" / "fake" / "s0" / "case.json").read_text())
    assert [r["failed_stage"] for r in case["rounds"]] == ["build", "parse", "build"]
    assert case["failed_stage"] == "build"


def test_repair_rounds_must_be_a_count(pytester: pytest.Pytester, static_challenge: Path) -> None:
    result = run(pytester, "--llm-model=reference", "--llm-repair-rounds=-1")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--llm-repair-rounds=-1: expected at least 0*"])


LAUNCHED = """\
id: launched
title: A page served by the app's own script
prompt: Write index.html (a heading "Hello, visitor" and a Greet button) and serve.sh, which serves the folder on port $1.
stack:
  name: a shell script serving static files
  install: "true"
  build: test -f serve.sh
  serve: sh serve.sh {port}
timeouts: {launch: 10}
"""
SERVE = 'exec python3 -m http.server "$1" --bind 127.0.0.1\n'


def test_a_server_that_does_not_start_goes_back_to_the_model(
    pytester: pytest.Pytester, configured: None, server: FakeLLM
) -> None:
    folder = pytester.mkdir("launched")
    (folder / "challenge.yaml").write_text(LAUNCHED)
    (folder / "test_page.py").write_text(
        "from playwright.sync_api import expect\n\n"
        "def test_greets(app_page):\n"
        "    expect(app_page.get_by_role('heading', name='Hello, visitor')).to_be_visible()\n")
    crashing = format_files({"index.html": PAGE, "serve.sh": 'echo "serve.sh: no folder www/ to serve" >&2\nexit 3\n'})
    server.script = [Action(text=crashing), Action(text=format_files({"serve.sh": SERVE}))]
    result = run(pytester, str(folder), "--llm-model=fake", "--llm-repair-rounds=1", "--llm-output=out")
    result.assert_outcomes(passed=1)
    feedback = messages(server, 1)[-1]["content"]
    assert "Your answer did not get through the launch stage:" in feedback
    assert "`sh serve.sh " in feedback and "exited with status 3" in feedback
    assert "serve.sh: no folder www/ to serve" in feedback  # the server's own output
    case = json.loads((pytester.path / "out" / "launched" / "fake" / "s0" / "case.json").read_text())
    assert [r["failed_stage"] for r in case["rounds"]] == ["launch", None]
    assert case["failed_stage"] is None


@pytest.mark.parametrize("at_once", [1, 2], ids=["one-at-a-time", "checked-at-once"])
@pytest.mark.parametrize("fixed", [True, False], ids=["fixed", "still-broken"])
def test_failed_behaviours_go_back_and_only_the_last_round_is_reported(
    pytester: pytest.Pytester, configured: None, server: FakeLLM, static_challenge: Path, fixed: bool, at_once: int
) -> None:
    challenge = static_challenge / "challenge.yaml"  # its two tests checked at once (plugin/at_once.py), or not
    challenge.write_text(challenge.read_text() + f"checks_at_once: {at_once}\n")
    server.script = [Action(text=BUTTONLESS), Action(text=FIXED if fixed else BUTTONLESS)]
    result = run(pytester, "--llm-model=fake", "--llm-repair-rounds=1", "--junitxml=j.xml", "--llm-output=out")
    result.assert_outcomes(passed=2) if fixed else result.assert_outcomes(passed=1, failed=1)
    assert len(server.requests) == 2
    feedback = messages(server, 1)[-1]["content"]
    assert "does not do what was asked. These behaviours failed:" in feedback
    assert "test_has_button:" in feedback and "test_greets" not in feedback  # only what failed
    assert "Locator expected to be visible" in feedback
    assert "The page's console and errors:" in feedback and "greet.js: no button template" in feedback
    # the screenshot, in words: what a person would have seen instead of the button
    assert "What the page showed when the check failed:" in feedback
    assert 'title: Hi\naccessibility tree:\n- heading "Hello, visitor" [level=1]' in feedback
    cases = junit_cases(pytester.path / "j.xml")
    assert sorted(cases) == ["test_greets[fake-s0]", "test_has_button[fake-s0]"]  # each test reported once
    root = pytester.path / "out" / "static_page" / "fake" / "s0"
    record = json.loads((root / "case.json").read_text())
    assert [r["failed_stage"] for r in record["rounds"]] == ["verify", None]
    assert record["rounds"][0]["reason"] == "1 behaviour(s) failed: test_has_button"
    assert (root / "rounds" / "0" / "screenshots" / "test_page__test_has_button.png").is_file()  # kept
    assert "Hello, visitor" in (root / "rounds" / "0" / "screenshots" / "test_page__test_has_button.txt").read_text()
    assert (root / "screenshots" / "test_page__test_has_button.png").is_file()  # and the last round's
    records = [json.loads(line) for line in (pytester.path / "out" / "results.jsonl").read_text().splitlines()]
    assert len(records) == 2 and {r["repair_rounds"] for r in records} == {1}
    first_try = {r["test"]: r["passed_first_try"] for r in records}
    assert first_try == {"test_greets": True, "test_has_button": False}  # what each did before the repair
    assert properties(cases["test_has_button[fake-s0]"])["llm.repair_rounds"] == "1"


CACHING_SERVER = """\
import http.server, sys
PAGE = open("index.html", "rb").read()  # read once, when the server starts


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(PAGE)


http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""


def test_a_case_repaired_beside_another_model_is_served_anew(
    pytester: pytest.Pytester, configured: None, server: FakeLLM, static_challenge: Path
) -> None:
    """With a second model in the run, the repaired case's app outlives its first round; a server that
    reads its page once, at start, must be started again for the repaired answer, or the repair is
    judged by the answer before it."""
    serve = pytester.path / "serve_cached.py"
    serve.write_text(CACHING_SERVER)
    challenge = static_challenge / "challenge.yaml"
    challenge.write_text(challenge.read_text().replace("serve: python3 -m http.server {port} --bind 127.0.0.1",
                                                       f"serve: python3 {serve} {{port}}"))
    server.script = [Action(text=BUTTONLESS), Action(text=FIXED)]
    result = run(pytester, "--llm-model=fake", "--llm-model=reference", "--llm-repair-rounds=1", "--junitxml=j.xml",
                 "--llm-output=out")
    result.assert_outcomes(passed=4)
    assert len(server.requests) == 2
    record = json.loads((pytester.path / "out" / "static_page" / "fake" / "s0" / "case.json").read_text())
    assert [r["failed_stage"] for r in record["rounds"]] == ["verify", None]
