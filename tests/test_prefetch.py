"""--llm-concurrency: later cases' answers asked for while earlier cases build and verify, against a
local fake endpoint that counts the requests it holds at once."""

from __future__ import annotations

import dataclasses
import itertools
import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_llmcode.answers.formats import format_files
from tests.support.apps import EXAMPLES
from tests.support.fake_llm import Action, FakeLLM
from tests.support.models import fake_alias, fake_models
from tests.support.runs import junit_cases, properties, run

FAREWELL_CHALLENGE = """\
id: farewell_page
title: A farewell page
prompt: Write an index.html that says FAREWELL to the visitor.
starter: starter
stack:
  name: static HTML served by Python
  install: "true"
  build: test -f index.html && test -f css/site.css
  serve: python3 -m http.server {port} --bind 127.0.0.1
timeouts:
  launch: 20
"""


def page(heading: str, number: int) -> str:
    html = f"<!doctype html><title>Hi</title><h1>{heading}</h1><button>Greet</button><!-- answer {number} -->\n"
    return "Here is the page.\n\n" + format_files({"index.html": html})


@pytest.fixture
def server() -> Iterator[FakeLLM]:
    """Answers each request with a page of its own: the farewell challenge's, or the greeting."""
    with FakeLLM() as fake:
        numbers = itertools.count()

        def choose(body: dict[str, Any]) -> Action:
            farewell = "FAREWELL" in json.dumps(body["messages"])
            return Action(text=page("Farewell, visitor" if farewell else "Hello, visitor", next(numbers)))

        fake.choose = choose
        yield fake


@pytest.fixture
def configured(pytester: pytest.Pytester, static_challenge: Path, server: FakeLLM,
               monkeypatch: pytest.MonkeyPatch) -> Path:
    return fake_models(pytester, monkeypatch, fake_alias("fake-oai", server.openai_url, more="""\
        retries: 0
        max_concurrency: 8  # so that --llm-concurrency is what bounds the requests asked ahead
        """))


def write_farewell(folder: Path) -> Path:
    """A second challenge, with starter files (listed in its prompt) and one behaviour test."""
    folder.mkdir()
    (folder / "challenge.yaml").write_text(FAREWELL_CHALLENGE)
    for name in ("starter/css/site.css", "starter/README.md", "starter/assets/logo.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"{name}\n")
    (folder / "test_farewell.py").write_text(textwrap.dedent("""\
        from playwright.sync_api import expect

        def test_says_farewell(app_page):
            expect(app_page.get_by_role("heading", name="Farewell, visitor")).to_be_visible()
        """))
    return folder


@pytest.fixture
def farewell(pytester: pytest.Pytester) -> Path:
    return write_farewell(pytester.path / "farewell_page")


def test_later_cases_are_asked_for_while_earlier_ones_build(
    pytester: pytest.Pytester, configured: Path, farewell: Path, server: FakeLLM
) -> None:
    server.delay = 1.0
    result = run(pytester, "--llm-model=fake-oai", "--llm-samples=3", "--llm-concurrency=4", "--llm-output=out")
    result.assert_outcomes(passed=9)  # 3 greeting cases x 2 tests, 3 farewell cases x 1
    assert len(server.requests) == 6  # once per case: what was asked ahead was exactly the case's own request
    assert 2 <= server.max_in_flight <= 4
    answers = set()
    for challenge, heading in (("static_page", "Hello, visitor"), ("farewell_page", "Farewell, visitor")):
        for sample in range(3):
            case = pytester.path / "out" / challenge / "fake-oai" / f"s{sample}"
            answer = (case / "answer.md").read_text()
            assert heading in answer
            answers.add(answer)
            generation = json.loads((case / "case.json").read_text())["generation"]
            assert generation["source"] == "endpoint"
            assert generation["total_s"] >= 1.0  # the model's own time, not the wait for it
    assert len(answers) == 6  # each answer went to one case only
    prompt = (pytester.path / "out" / "farewell_page" / "fake-oai" / "s0" / "prompt.md").read_text()
    assert "- README.md\n- assets/logo.txt\n- css/site.css\n" in prompt


def test_concurrency_one_asks_when_each_case_is_built(
    pytester: pytest.Pytester, configured: Path, farewell: Path, server: FakeLLM
) -> None:
    server.delay = 0.3
    run(pytester, "--llm-model=fake-oai", "--llm-samples=2", "--llm-concurrency=1").assert_outcomes(passed=6)
    assert len(server.requests) == 4 and server.max_in_flight == 1


def test_only_the_cases_that_run_are_asked_for(pytester: pytest.Pytester, configured: Path, server: FakeLLM) -> None:
    picked = run(pytester, "--llm-model=fake-oai", "--llm-samples=4", "-k", "fake-oai-s2", "--llm-cache=off")
    picked.assert_outcomes(passed=2, deselected=6)
    assert len(server.requests) == 1
    shard = run(pytester, "--llm-model=fake-oai", "--llm-samples=4", "--llm-shard=2/2", "--llm-cache=off")
    shard.assert_outcomes(passed=4, deselected=4)
    assert len(server.requests) == 3
    run(pytester, "--llm-model=fake-oai", "--llm-samples=4", "--collect-only")
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    ("action", "outcome", "line"),
    [
        (Action("length", text="File: index.html\n```html\n<h1>Fare"), "failed",
         "*[[]generate[]] the answer was cut off at the token limit*"),
        (Action("status", status=401, text="bad key"), "errors",
         "*[[]infrastructure[]] generate (farewell_page / fake-oai / sample 1): *answered HTTP 401: bad key*"),
    ],
    ids=["cut-off", "endpoint-error"],
)
def test_a_failed_generation_asked_ahead_fails_only_its_case(
    pytester: pytest.Pytester, configured: Path, farewell: Path, server: FakeLLM, action: Action, outcome: str,
    line: str,
) -> None:
    greeting = server.choose
    assert greeting is not None
    server.choose = lambda body: action if "FAREWELL" in json.dumps(body["messages"]) else greeting(body)
    result = run(pytester, "--llm-model=fake-oai", "--llm-samples=2", "--junitxml=junit.xml")
    result.assert_outcomes(passed=4, **{outcome: 2})
    result.stdout.fnmatch_lines([line])
    assert len(server.requests) == 4
    if outcome == "failed":
        for sample in range(2):
            props = properties(junit_cases(pytester.path / "junit.xml")[f"test_says_farewell[fake-oai-s{sample}]"])
            assert props["llm.stage"] == "generate"


def test_not_under_xdist(pytester: pytest.Pytester, configured: Path, server: FakeLLM) -> None:
    server.delay = 0.3
    run(pytester, "-n", "2", "--llm-model=fake-oai", "--llm-samples=4", "--llm-concurrency=4").assert_outcomes(passed=8)
    assert len(server.requests) == 4  # a worker asking ahead would ask for the other worker's cases too


def test_an_interrupted_run_does_not_wait_for_answers_in_flight(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = pytester.path / "asked"
    monkeypatch.setenv("LLMCODE_TEST_ASKED", str(asked))
    greeting = server.choose
    assert greeting is not None

    def choose(body: dict[str, Any]) -> Action | None:
        asked.touch()
        return greeting(body)

    server.choose = choose
    server.delay = 120.0
    (pytester.path / "a_test.py").write_text(textwrap.dedent("""\
        import os, pathlib, time

        def test_interrupted_while_cases_are_asked_for():
            asked = pathlib.Path(os.environ["LLMCODE_TEST_ASKED"])
            while not asked.exists():
                time.sleep(0.05)
            raise KeyboardInterrupt
        """))
    result = run(pytester, "--llm-model=fake-oai", "--llm-samples=3")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert server.in_flight >= 1  # the run ended while the endpoint still held its requests


def test_an_answer_asked_ahead_goes_only_to_the_request_it_was_asked_for(tmp_path: Path, server: FakeLLM) -> None:
    from pytest_llmcode.core.challenge import load_challenge
    from pytest_llmcode.models.base import Message
    from pytest_llmcode.models.config import RemoteConfig
    from pytest_llmcode.models.remote import RemoteModel
    from pytest_llmcode.models.store import ResponseCache, Services
    from pytest_llmcode.pipeline.builder import CaseBuilder
    from pytest_llmcode.pipeline.case import CaseSpec
    from pytest_llmcode.pipeline.prompt import first_request
    from pytest_llmcode.plugin.prefetch import Prefetcher

    server.choose = lambda body: Action(text="asked: " + body["messages"][-1]["content"])
    challenge = load_challenge(write_farewell(tmp_path / "farewell"))
    config = RemoteConfig(label="fake", wire="openai", model="m", base_url=server.openai_url, key_env=None,
                          key_required=False, retries=0)
    model = RemoteModel(config, Services(ResponseCache(tmp_path / "cache", "off"), tmp_path / "locks"), "fake")
    builder = CaseBuilder(tmp_path / "out", {})
    prefetcher = Prefetcher(lambda: builder, 2)
    first, second, third = (CaseSpec(challenge, model, sample) for sample in range(3))
    prefetcher.start([first, second, third])
    request = first_request(first, builder.timeouts)
    assert request is not None
    assert "FAREWELL" in prefetcher.first_answer(first, request).text
    changed = dataclasses.replace(request, messages=(*request.messages, Message("user", "one more thing")))
    # not what was asked ahead: the answer asked ahead is dropped and the model asked as the case asks
    assert prefetcher.first_answer(second, changed).text == "asked: one more thing"
    prefetcher.stop()
    assert "FAREWELL" in prefetcher.first_answer(third, request).text  # after stop: asked directly
    assert len(server.requests) in (4, 5)  # 2 or 3 asked ahead (the third may be cancelled first), 2 directly


@pytest.mark.parametrize("where", ["starter", "modify"])
def test_the_request_asked_ahead_is_the_one_the_case_builder_makes(tmp_path: Path, where: str) -> None:
    from pytest_llmcode.core.challenge import load_challenge
    from pytest_llmcode.core.errors import Stage
    from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest
    from pytest_llmcode.models.reference import ReferenceModel
    from pytest_llmcode.pipeline.builder import CaseBuilder
    from pytest_llmcode.pipeline.case import CaseSpec
    from pytest_llmcode.pipeline.prompt import first_request

    folder = write_farewell(tmp_path / "farewell") if where == "starter" else EXAMPLES / "tweet_screenshot"
    spec = CaseSpec(load_challenge(folder), ReferenceModel(), 1)
    made: list[GenerationRequest] = []

    class Recorder:
        def first_answer(self, spec: CaseSpec, request: GenerationRequest) -> Completion:
            made.append(request)
            raise GenerationError("recorded")

    builder = CaseBuilder(tmp_path / "out", {"generate": 42.0}, answers=Recorder())
    case = builder.build(spec)
    assert case.failure is not None and case.failure.stage is Stage.GENERATE
    assert made == [first_request(spec, builder.timeouts)]


def test_the_next_case_is_built_while_the_one_before_is_checked(
    pytester: pytest.Pytester, configured: Path, static_challenge: Path
) -> None:
    with (static_challenge / "test_page.py").open("a") as tests:  # the case's last test takes its time
        tests.write("\n\ndef test_takes_its_time(app_page):\n    import time\n    time.sleep(1.5)\n")
    result = run(pytester, "--llm-model=fake-oai", "--llm-samples=2", "-p", "no:randomly", "--llm-output=out")
    result.assert_outcomes(passed=6)
    log = (pytester.path / "out" / "progress.log").read_text().splitlines()
    position = {text: index for index, line in enumerate(log) for text in (line.split("Z ", 1)[-1],)}
    [built] = [i for text, i in position.items() if text.startswith("static_page/fake-oai/s1 building")]
    [done] = [i for text, i in position.items() if text.startswith("static_page/fake-oai/s0 done")]
    assert built < done  # s1 was built during s0's checks
    assert (pytester.path / "counts.txt").read_text().splitlines() == ["install", "build"] * 2


def test_the_next_case_is_served_while_the_one_before_is_checked(
    pytester: pytest.Pytester, configured: Path, static_challenge: Path
) -> None:
    challenge = static_challenge / "challenge.yaml"
    challenge.write_text(challenge.read_text().replace(
        "serve: python3", 'serve: echo serve >> "$LLMCODE_TEST_COUNTS" && exec python3'))
    with (static_challenge / "test_page.py").open("a") as tests:  # the case's last test takes its time
        tests.write(textwrap.dedent("""

            def test_takes_its_time(app_page):
                import os, time
                time.sleep(1.5)
                with open(os.environ["LLMCODE_TEST_COUNTS"], "a") as counts:
                    counts.write("checked\\n")
            """))
    result = run(pytester, "--llm-model=fake-oai", "--llm-samples=2", "-p", "no:randomly")
    result.assert_outcomes(passed=6)
    # s1 was built and served while s0 was checked, and served once: its tests took that app
    assert (pytester.path / "counts.txt").read_text().splitlines() == (
        ["install", "build", "serve"] * 2 + ["checked"] * 2)


def test_apps_served_ahead_stay_up_through_their_checks_in_the_sandbox(
    pytester: pytest.Pytester, configured: Path, static_challenge: Path, server: FakeLLM
) -> None:
    """The thread that serves a case ahead outlives the case's checks: bubblewrap ends a sandbox
    when the thread that started it ends. And the pages opened while answers were awaited are as
    fresh as any: no test sees another's storage."""
    from pytest_llmcode.sandbox.registry import resolve_backend

    if resolve_backend("auto").backend != "namespace":
        pytest.skip("no namespace sandbox on this host")
    challenge = static_challenge / "challenge.yaml"  # no counting: the sandbox cannot write outside its workspace
    challenge.write_text(challenge.read_text().replace('echo install >> "$LLMCODE_TEST_COUNTS"', "'true'")
                         .replace('echo build >> "$LLMCODE_TEST_COUNTS" && ', ""))
    seen = pytester.path / "storage.txt"
    (static_challenge / "test_storage.py").write_text("".join(textwrap.dedent(f"""\
        def test_sees_no_other_tests_storage_{n}(app_page):  # two tests on one origin: the case's app
            stored = app_page.evaluate("() => localStorage.getItem('mark')")
            app_page.evaluate("() => localStorage.setItem('mark', 'set')")
            with open({str(seen)!r}, "a") as handle:
                handle.write(f"{{stored}}\\n")

        """) for n in range(2)))
    server.delay = 1.0  # time to open pages ahead
    result = run(pytester, "--llm-sandbox=namespace", "--llm-model=fake-oai", "--llm-samples=3")
    result.assert_outcomes(passed=12)
    assert seen.read_text().splitlines() == ["None"] * 6
