"""Progress lines (``--llm-progress``): what each case is doing and how many remain, between pytest's
own output, and in ``<output>/progress.log``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support import runs
from tests.support.apps import write_app

STAGES = ("generating", "installing", "building", "launching", "verifying", "done")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """pytest on the host, its evidence (and progress.log) in ``out``."""
    return runs.run(pytester, "--llm-output=out", *args)


@pytest.fixture
def no_index(pytester: pytest.Pytester) -> Path:
    """An app whose build fails (the static challenge's build wants an index.html)."""
    return write_app(pytester.path / "apps" / "no_index", {"home.html": "<h1>Hello, visitor</h1>"})


def progress_lines(result: pytest.RunResult) -> list[str]:
    return [line for line in result.stdout.lines if "llmcode: static_page/" in line]


def stages_of(lines: list[str], case: str) -> list[str]:
    found = [re.match(rf"llmcode: static_page/{re.escape(case)} (\w+)", line) for line in lines]
    return [match[1] for match in found if match]


def left_counts(lines: list[str]) -> list[tuple[int, int]]:
    found = [re.search(r"· (\d+) of (\d+) cases? left$", line) for line in lines]
    return [(int(match[1]), int(match[2])) for match in found if match]


def test_each_case_reports_its_stages_in_order_and_the_cases_left_go_down(
    pytester: pytest.Pytester, static_challenge: Path, no_index: Path
) -> None:
    result = run(pytester, "--llm-model=reference", f"--llm-model=dir:{no_index}")
    result.assert_outcomes(passed=2, failed=2)
    lines = progress_lines(result)
    assert all(line.startswith("llmcode: static_page/") for line in lines), lines  # each on a line of its own
    assert stages_of(lines, "reference/s0") == list(STAGES)
    result.stdout.fnmatch_lines(
        [
            "llmcode: static_page/reference/s0 generating · 2 of 2 cases left",
            "llmcode: static_page/reference/s0 installing (generating took *s) · 2 of 2 cases left",
            "llmcode: static_page/reference/s0 building (installing took *s) · 2 of 2 cases left",
            "llmcode: static_page/reference/s0 launching (building took *s) · 2 of 2 cases left",
            "llmcode: static_page/reference/s0 verifying (launching took *s) · 2 of 2 cases left",
            "llmcode: static_page/reference/s0 done: 2 passed in *s · 1 of 2 cases left",
            "llmcode: static_page/dir-no_index/s0 generating · 1 of 2 cases left",
        ],
        consecutive=False,
    )
    # a failed build: no launching nor verifying, and the done line names the stage
    assert stages_of(lines, "dir-no_index/s0") == ["generating", "installing", "building", "done"]
    result.stdout.fnmatch_lines(["llmcode: static_page/dir-no_index/s0 done: 2 failed at build in *s · 0 of 2 cases left"])
    counts = left_counts(lines)
    assert len(counts) == len(lines)
    assert [left for left, _ in counts] == sorted((left for left, _ in counts), reverse=True)
    assert {total for _, total in counts} == {2}
    assert counts[-1] == (0, 2)
    result.stdout.fnmatch_lines(["*2 failed, 2 passed in *"])


def test_quiet_run_keeps_pytest_outcomes_and_final_line(
    pytester: pytest.Pytester, static_challenge: Path, no_index: Path
) -> None:
    pytester.makepyfile(test_unrelated="def test_plain():\n    pass\n")
    result = run(pytester, "-q", f"--llm-model=dir:{no_index}", "--llm-samples=2")
    result.assert_outcomes(passed=1, failed=4)
    lines = progress_lines(result)
    assert stages_of(lines, "dir-no_index/s1") == ["generating", "installing", "building", "done"]
    assert all(line.startswith("llmcode: static_page/") for line in lines), lines  # not glued to pytest's dots
    assert re.fullmatch(r"4 failed, 1 passed in [\d.]+s", result.stdout.lines[-1].strip())


@pytest.mark.parametrize(
    ("args", "ini", "printed"),
    [
        (["--llm-progress=off"], "", False),
        (["-qq"], "", False),
        ([], "llm_progress = off", False),
        (["-qq", "--llm-progress=lines"], "", True),
        (["--llm-progress=auto"], "llm_progress = off", True),
    ],
    ids=["off", "qq", "ini-off", "qq-lines", "option-over-ini"],
)
def test_off_and_qq_print_no_progress_but_it_is_still_logged(
    pytester: pytest.Pytester, static_challenge: Path, no_index: Path, args: list[str], ini: str, printed: bool
) -> None:
    if ini:
        pytester.makeini(f"[pytest]\n{ini}\n")
    result = run(pytester, f"--llm-model=dir:{no_index}", *args)
    assert result.ret == pytest.ExitCode.TESTS_FAILED  # -qq prints no "2 failed" line to parse
    assert bool(progress_lines(result)) is printed
    log = (pytester.path / "out" / "progress.log").read_text(encoding="utf-8")
    assert "static_page/dir-no_index/s0 done: 2 failed at build" in log


def test_bad_ini_value_is_a_usage_error(pytester: pytest.Pytester, static_challenge: Path) -> None:
    pytester.makeini("[pytest]\nllm_progress = bar\n")
    result = run(pytester, "--llm-model=reference")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*llm_progress = 'bar': expected one of auto, lines, off*"])


def test_progress_log_has_a_timestamped_line_per_event(
    pytester: pytest.Pytester, static_challenge: Path, no_index: Path
) -> None:
    run(pytester, f"--llm-model=dir:{no_index}").assert_outcomes(failed=2)
    lines = (pytester.path / "out" / "progress.log").read_text(encoding="utf-8").splitlines()
    stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
    assert re.fullmatch(rf"{stamp} run: 1 case, 2 tests", lines[0])
    events = [re.fullmatch(rf"{stamp} static_page/dir-no_index/s0 (\w+).* · \d of 1 case left", line) or line
              for line in lines[1:]]
    assert [event if isinstance(event, str) else event[1] for event in events] == [
        "generating", "installing", "building", "done"]
    run(pytester, f"--llm-model=dir:{no_index}", "--llm-progress=off")  # a later run appends
    again = (pytester.path / "out" / "progress.log").read_text(encoding="utf-8").splitlines()
    assert again[: len(lines)] == lines
    assert re.fullmatch(rf"{stamp} run: 1 case, 2 tests", again[len(lines)])
    assert "s0 done: 2 failed at build" in again[-1]


def test_under_xdist_the_controller_prints_done_lines_and_workers_log_their_stages(
    pytester: pytest.Pytester, static_challenge: Path, no_index: Path
) -> None:
    result = run(pytester, "-n", "2", "--llm-model=reference", f"--llm-model=dir:{no_index}")
    result.assert_outcomes(passed=2, failed=2)
    lines = progress_lines(result)
    assert sorted(stages_of(lines, "reference/s0") + stages_of(lines, "dir-no_index/s0")) == ["done", "done"]
    result.stdout.fnmatch_lines(["llmcode: static_page/dir-no_index/s0 done: 2 failed at build in *s · ? of 2 cases left"])
    assert sorted(left for left, _ in left_counts(lines)) == [0, 1]
    log = (pytester.path / "out" / "progress.log").read_text(encoding="utf-8")
    assert re.search(r"\[gw\d\] static_page/reference/s0 building \(installing took [\d.]+s\)\n", log)
    assert re.search(r"Z static_page/reference/s0 done: 2 passed in [\d.]+s · [01] of 2 cases left\n", log)


def test_each_tests_own_time_is_split_into_context_navigation_actions_waits_and_evidence(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    (static_challenge / "test_page.py").write_text(
        "import time\n\n"
        "def test_waits(app_page):\n"
        "    app_page.wait_for_timeout(400)\n"
        "    app_page.get_by_role('heading').wait_for(state='visible')\n\n"
        "def test_reloads_and_works(app_page):\n"
        "    app_page.reload()\n"
        "    app_page.go_back()\n"
        "    time.sleep(0.3)  # the check's own work, no wait on the page\n"
    )
    result = run(pytester, "--llm-model=reference", "--junitxml=junit.xml")
    result.assert_outcomes(passed=2)
    cases = runs.junit_cases(pytester.path / "junit.xml")
    spent = {name.split("[")[0]: {p.get("name", "")[len("llm.test_time."):]: float(p.get("value", ""))
                                  for p in case.iter("property") if p.get("name", "").startswith("llm.test_time.")}
             for name, case in cases.items()}
    assert set(spent["test_waits"]) == {"context", "navigation", "actions", "waits", "evidence"}
    assert spent["test_waits"]["waits"] >= 0.4
    assert spent["test_waits"]["actions"] < 0.3  # its waits are not its actions
    assert spent["test_reloads_and_works"]["actions"] >= 0.3
    assert spent["test_reloads_and_works"]["waits"] < 0.3
    assert all(split["context"] > 0 and split["navigation"] > 0 and split["evidence"] > 0 for split in spent.values())
    log = (pytester.path / "out" / "progress.log").read_text()
    lines = re.findall(r"static_page/reference/s0 (test_\w+) ([\d.]+)s: context [\d.]+ · navigation [\d.]+ · "
                       r"actions [\d.]+ · waits ([\d.]+) · evidence [\d.]+$", log, re.MULTILINE)
    assert sorted(name for name, _, _ in lines) == ["test_reloads_and_works", "test_waits"]
    assert all(float(total) >= float(waits) for _, total, waits in lines)
    records = [json.loads(line) for line in (pytester.path / "out" / "results.jsonl").read_text().splitlines()]
    assert {record["test"]: record["test_time"]["waits"] for record in records}["test_waits"] >= 0.4
    assert " · waits " not in result.stdout.str()  # the log's alone: the terminal keeps one line a case
