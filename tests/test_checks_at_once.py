"""A case's behaviour tests checked at once (plugin/at_once.py): they overlap in time, yet pytest
reports each one in its order with the same outcome, message, JUnit properties and evidence as one
after another; -x, -k, --lf and repair rounds see no difference; a test that needs a fixture of its
suite runs in its turn; a challenge that does not allow it runs one test at a time."""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.apps import GREETING_CHALLENGE, PAGE

# Each check writes when it began and ended (monotonic clock) to spans.txt, waits on its page as a
# person's check would, and asserts something of its own. The first three also wait (up to 30 s) until
# three checks are inside at once when meet.txt says so: how many ran together then does not depend
# on how fast a loaded machine opens pages.
CHECKS = textwrap.dedent(
    """
    import os
    import time
    import pytest
    from playwright.sync_api import expect

    SPANS = {spans!r}
    INSIDE = SPANS + ".inside"
    MEET = os.path.join(os.path.dirname(SPANS), "meet.txt")

    def _inside():
        lines = open(INSIDE).read().split() if os.path.exists(INSIDE) else []
        return sum(1 if line.startswith("+") else -1 for line in lines)

    def _span(name, page, hold_ms=300):
        began = time.monotonic()
        with open(INSIDE, "a") as out:
            out.write(f"+{{name}}\\n")
        meet = int(open(MEET).read()) if os.path.exists(MEET) else 1
        deadline = time.monotonic() + 30
        while name in ("greets", "has_button", "no_farewell") and _inside() < meet and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        page.wait_for_timeout(hold_ms)
        with open(INSIDE, "a") as out:
            out.write(f"-{{name}}\\n")
        with open(SPANS, "a") as out:
            out.write(f"{{name}} {{began}} {{time.monotonic()}} {{page.url}}\\n")

    def test_greets(app_page):
        _span("greets", app_page)
        expect(app_page.get_by_role("heading", name="Hello, visitor")).to_be_visible()

    def test_has_button(app_page):
        _span("has_button", app_page)
        expect(app_page.get_by_role("button", name="Greet")).to_be_visible()

    def test_no_farewell(app_page, app_log):
        _span("no_farewell", app_page)
        assert app_page.get_by_text("Goodbye").count() == 1, "no farewell shown (looked for the text Goodbye)"

    def test_title(app_page, llm_app):
        _span("title", app_page)
        app_page.evaluate("() => localStorage.setItem('mine', 'title')")
        assert app_page.evaluate("() => Object.keys(localStorage)") == ["mine"]
        assert app_page.title() == "Hi"

    @pytest.fixture
    def greeting(app_page):
        return app_page.get_by_role("heading").inner_text()

    def test_suite_fixture(greeting, app_page):
        _span("suite_fixture", app_page, hold_ms=10)
        assert greeting == "Hello, visitor"

    def test_storage_is_its_own(app_page):
        _span("storage", app_page)
        assert app_page.evaluate("() => Object.keys(localStorage)") == []

    def test_served(llm_app):  # no page: never run ahead, so run once
        with open(SPANS + ".served", "a") as out:
            out.write(llm_app.url + "\\n")
    """
)
NAMES = ["greets", "has_button", "no_farewell", "title", "suite_fixture", "storage"]


@pytest.fixture
def spans(pytester: pytest.Pytester) -> Path:
    return pytester.path / "spans.txt"


def _challenge(pytester: pytest.Pytester, spans: Path, at_once: int | None) -> Path:
    folder = pytester.mkdir("greeting")
    extra = f"checks_at_once: {at_once}\n" if at_once is not None else ""
    (folder / "challenge.yaml").write_text(GREETING_CHALLENGE + extra)
    (folder / "reference").mkdir()
    (folder / "reference" / "index.html").write_text(PAGE)
    (folder / "test_greeting.py").write_text(CHECKS.format(spans=str(spans)))
    return folder


def _spans(path: Path) -> dict[str, tuple[float, float]]:
    found = {}
    for line in path.read_text().splitlines():
        name, began, ended, _url = line.split()
        found[name] = (float(began), float(ended))
    return found


def _overlapping(spans: dict[str, tuple[float, float]]) -> int:
    """The most checks that ran at the same moment."""
    edges = sorted([(b, 1) for b, _ in spans.values()] + [(e, -1) for _, e in spans.values()])
    most = running = 0
    for _, step in edges:
        running += step
        most = max(most, running)
    return most


def _junit(path: Path) -> dict[str, ET.Element]:
    return {case.get("name", ""): case for case in ET.parse(path).getroot().iter("testcase")}


def _props(case: ET.Element) -> dict[str, str]:
    return {p.get("name", ""): p.get("value", "") for p in case.iter("property")}


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference", "--llm-sandbox=none",
                                         "--junitxml=junit.xml", "--llm-output=out", *args)


def test_checks_overlap_yet_each_test_is_reported_as_if_alone(pytester: pytest.Pytester, spans: Path) -> None:
    _challenge(pytester, spans, at_once=3)
    (pytester.path / "meet.txt").write_text("3")
    together = _run(pytester, "-v")
    together.assert_outcomes(passed=6, failed=1)
    seen = _spans(spans)
    assert set(seen) == set(NAMES)
    assert _overlapping(seen) == 3, seen  # three at once: the run's default 4, capped by the challenge's 3
    assert not any((pytester.path / "out").rglob(".ahead"))  # evidence set aside until reported, then moved
    order = [line.split("::")[1].split("[")[0].split()[0] for line in together.outlines
             if "::test_" in line and line.rstrip().endswith("%]")]
    assert order == ["test_" + name for name in
                     ["greets", "has_button", "no_farewell", "title", "suite_fixture", "storage_is_its_own", "served"]]
    assert len(Path(str(spans) + ".served").read_text().splitlines()) == 1
    # the failing check's own message, its traceback in its own file, and the page in words
    together.stdout.fnmatch_lines(["*no farewell shown (looked for the text Goodbye)*"])
    assert "test_greeting.py:" in together.stdout.str()
    cases = _junit(pytester.path / "junit.xml")
    failed = cases["test_no_farewell[reference-s0]"]
    assert failed.find("failure") is not None
    props = _props(failed)
    assert props["llm.stage"] == "verify"
    shot = Path(props["llm.screenshot"])
    assert shot.is_file() and shot.read_bytes()[:4] == b"\x89PNG"
    assert "Hello, visitor" in shot.with_suffix(".txt").read_text()  # the page when its check failed
    for name, case in cases.items():
        if name.startswith("test_served"):
            continue  # no page: no screenshot, no page time
        props = _props(case)
        assert Path(props["llm.screenshot"]).is_file(), name
        assert float(props["llm.test_time.waits"]) >= (0.0 if "suite_fixture" in name else 0.25), (name, props)
        assert float(props["llm.test_time.navigation"]) > 0, name
    log = next((pytester.path / "out").rglob("test_greeting__test_no_farewell.log"))
    assert log.is_file()
    records = [json.loads(line) for line in (pytester.path / "out" / "results.jsonl").read_text().splitlines()]
    assert sorted(r["test"] for r in records) == sorted(
        f"test_{n}" for n in ["greets", "has_button", "no_farewell", "title", "suite_fixture", "storage_is_its_own",
                              "served"])

    # the same run one test at a time: the same verdicts, messages and evidence
    spans.unlink()
    (pytester.path / "meet.txt").write_text("1")
    alone = _run(pytester, "-v", "--llm-checks-at-once=1")
    alone.assert_outcomes(passed=6, failed=1)
    assert _overlapping(_spans(spans)) == 1
    alone_cases = _junit(pytester.path / "junit.xml")
    assert sorted(alone_cases) == sorted(cases)
    for name in cases:
        assert (cases[name].find("failure") is None) == (alone_cases[name].find("failure") is None), name
        assert set(_props(cases[name])) == set(_props(alone_cases[name])), name


def test_a_test_with_a_suite_fixture_runs_in_its_turn(pytester: pytest.Pytester, spans: Path) -> None:
    _challenge(pytester, spans, at_once=4)
    _run(pytester).assert_outcomes(passed=6, failed=1)
    seen = _spans(spans)
    # it began only after the tests before it had ended: nothing checked it ahead
    assert seen["suite_fixture"][0] >= max(seen[n][1] for n in ["greets", "has_button", "no_farewell", "title"])


def test_a_challenge_that_does_not_allow_it_runs_one_test_at_a_time(pytester: pytest.Pytester, spans: Path) -> None:
    _challenge(pytester, spans, at_once=None)
    _run(pytester).assert_outcomes(passed=6, failed=1)
    assert _overlapping(_spans(spans)) == 1


def test_exitfirst_stops_at_the_first_failure_and_leaves_no_trace_of_later_tests(
    pytester: pytest.Pytester, spans: Path
) -> None:
    _challenge(pytester, spans, at_once=4)
    result = _run(pytester, "-x")
    result.assert_outcomes(passed=2, failed=1)
    cases = _junit(pytester.path / "junit.xml")
    assert sorted(cases) == sorted(f"test_{n}[reference-s0]" for n in ["greets", "has_button", "no_farewell"])
    shots = {p.stem for p in (pytester.path / "out").rglob("screenshots/*.png")}
    assert shots == {f"test_greeting__test_{n}" for n in ["greets", "has_button", "no_farewell"]}
    records = (pytester.path / "out" / "results.jsonl").read_text().splitlines()
    assert len(records) == 3
    assert "Stopping after" not in result.stderr.str()  # no error from checks stopped with their case


def test_keyword_selection_checks_only_what_was_selected(pytester: pytest.Pytester, spans: Path) -> None:
    _challenge(pytester, spans, at_once=4)
    _run(pytester, "-k", "greets or title or storage").assert_outcomes(passed=3)
    assert set(_spans(spans)) == {"greets", "title", "storage"}


def test_last_failed_reruns_only_the_failed_test(pytester: pytest.Pytester, spans: Path) -> None:
    _challenge(pytester, spans, at_once=4)
    first = pytester.runpytest_subprocess("--llm-model=reference", "--llm-sandbox=none", "--llm-output=out")
    first.assert_outcomes(passed=6, failed=1)
    spans.unlink()
    again = pytester.runpytest_subprocess("--llm-model=reference", "--llm-sandbox=none", "--llm-output=out", "--lf")
    again.assert_outcomes(failed=1)
    assert set(_spans(spans)) == {"no_farewell"}


def test_a_broken_value_in_challenge_yaml_is_named(pytester: pytest.Pytester, spans: Path) -> None:
    _challenge(pytester, spans, at_once=0)
    result = _run(pytester)
    result.stdout.fnmatch_lines(["*challenge.yaml: key 'checks_at_once': expected how many behaviour tests*got a "
                                 "number 0*"])
