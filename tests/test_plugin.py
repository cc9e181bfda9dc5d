"""The plugin as users run it: options, collection, ids, stages, evidence, JUnit."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.support.apps import STATIC_CHALLENGE, write_app
from tests.support.runs import junit_cases, processes_under, properties, run


def test_options_in_one_group_with_ini_keys(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--help")
    result.stdout.fnmatch_lines(
        [
            "pytest-llmcode: judge generated apps in a real browser:",
            "*--llm-model=SPEC*",
            "*--llm-samples=N*",
            "*--llm-output=DIR*",
            "*--llm-timeout-install=SECONDS*",
            "*--llm-timeout-build=SECONDS*",
            "*--llm-timeout-launch=SECONDS*",
            "*--llm-browser=PATH*",
        ]
    )
    result.stdout.fnmatch_lines(["*llm_model (linelist)*", "*llm_samples (string)*", "*llm_output (string)*"])


def test_without_a_model_challenge_tests_skip_and_other_tests_run(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    pytester.makepyfile(test_unrelated="def test_plain():\n    assert 1 + 1 == 2\n")
    result = run(pytester, "-rs")
    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(["*no model selected: pass --llm-model=SPEC*"])


def test_ids_read_per_model_and_sample_and_select_with_k(pytester: pytest.Pytester, static_challenge: Path) -> None:
    other = write_app(pytester.path / "elsewhere" / "app", {"index.html": "<h1>Hi</h1>"})
    args = ["--collect-only", "-q", "--llm-model=reference", f"--llm-model=mine=dir:{other}", "--llm-samples=2"]
    result = run(pytester, *args)
    result.stdout.fnmatch_lines(
        [
            "static_page/test_page.py::test_greets[[]reference-s0]",
            "static_page/test_page.py::test_greets[[]reference-s1]",
            "static_page/test_page.py::test_greets[[]mine-s0]",
            "static_page/test_page.py::test_greets[[]mine-s1]",
        ],
        consecutive=False,
    )
    selected = run(pytester, *args, "-k", "mine and s1")
    selected.stdout.fnmatch_lines(["*test_greets[[]mine-s1]", "*test_has_button[[]mine-s1]", "2/8 tests collected*"])


def test_dir_model_is_labelled_by_its_folder(pytester: pytest.Pytester, static_challenge: Path) -> None:
    app = write_app(pytester.path / "apps" / "broken one", {"index.html": "<h1>Hi</h1>"})
    result = run(pytester, "--collect-only", "-q", f"--llm-model=dir:{app}")
    result.stdout.fnmatch_lines(["*test_greets[[]dir-broken_one-s0]"])


def test_ini_keys_set_defaults(pytester: pytest.Pytester, static_challenge: Path) -> None:
    pytester.makeini("[pytest]\nllm_model =\n    reference\nllm_samples = 3\n")
    result = run(pytester, "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*test_greets[[]reference-s2]", "6 tests collected*"])
    overridden = run(pytester, "--collect-only", "-q", "--llm-samples=1")
    overridden.stdout.fnmatch_lines(["2 tests collected*"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--llm-model=gpt-imaginary"], "*--llm-model='gpt-imaginary' names no known model; expected 'reference', 'dir:PATH'*"),
        (["--llm-model=dir:no/such/folder"], "*--llm-model='dir:no/such/folder':*no/such/folder is not a folder*"),
        (["--llm-model=reference", "--llm-model=reference"], "*would both be labelled 'reference'*LABEL=SPEC*"),
        (["--llm-model=reference", "--llm-samples=0"], "*--llm-samples=0: expected at least 1*"),
    ],
)
def test_bad_model_options_are_usage_errors(
    pytester: pytest.Pytester, static_challenge: Path, args: list[str], message: str
) -> None:
    result = run(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])


def test_broken_challenge_yaml_is_a_collection_error_that_hides_no_other_challenge(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    broken = pytester.mkdir("broken")
    (broken / "challenge.yaml").write_text(STATIC_CHALLENGE.replace("  build:", "  biuld:"))
    (broken / "test_broken.py").write_text("def test_x(app_page):\n    pass\n")
    result = run(pytester, "--collect-only", "-q", "--llm-model=reference")
    result.stdout.fnmatch_lines(
        [
            "*ERROR collecting broken/test_broken.py*",
            "*broken/challenge.yaml: key 'stack.biuld': unknown key; the keys allowed here are: build, install, name, ready, serve, test",
        ]
    )
    result.stdout.fnmatch_lines(["static_page/test_page.py::test_greets[[]reference-s0]"])
    assert "Traceback" not in result.stdout.str()
    assert "INTERNALERROR" not in result.stdout.str()
    going_on = run(pytester, "--llm-model=reference", "--continue-on-collection-errors")
    going_on.assert_outcomes(passed=2, errors=1)


def test_reference_end_to_end_builds_once_and_leaves_evidence(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    result = run(pytester, "--llm-model=reference", "--junitxml=junit.xml", "--llm-output=out")
    result.assert_outcomes(passed=2)
    assert (pytester.path / "counts.txt").read_text().split() == ["install", "build"]
    case_dir = pytester.path / "out" / "static_page" / "reference" / "s0"
    assert "Write an index.html that greets the visitor." in (case_dir / "prompt.md").read_text()
    assert "File: index.html" in (case_dir / "answer.md").read_text()
    assert (case_dir / "workspace" / "index.html").is_file()
    assert "$ echo build" in (case_dir / "logs" / "build.log").read_text()
    assert {p.name for p in (case_dir / "screenshots").iterdir()} == {
        "test_page__test_greets.png",
        "test_page__test_has_button.png",
    }
    props = properties(junit_cases(pytester.path / "junit.xml")["test_greets[reference-s0]"])
    assert props["llm.model"] == "reference" and props["llm.challenge"] == "static_page"
    assert props["llm.sample"] == "0" and props["llm.tokens.input"] == "0" and props["llm.cost_usd"] == "0.000000"
    assert {"llm.time.generate", "llm.time.parse", "llm.time.install", "llm.time.build", "llm.time.launch"} <= set(props)
    assert "llm.stage" not in props
    result.stdout.fnmatch_lines(
        ["*llmcode: behaviour tests passed per challenge and model*", "challenge*reference", "static_page*2/2 passed"]
    )


def test_failed_build_fails_every_test_at_build_with_log_tail_without_rebuilding(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    app = write_app(pytester.path / "apps" / "no_index", {"home.html": "<h1>Hello, visitor</h1>"})
    result = run(pytester, f"--llm-model=dir:{app}", "--junitxml=junit.xml")
    result.assert_outcomes(failed=2)
    assert (pytester.path / "counts.txt").read_text().split() == ["install", "build"]
    result.stdout.fnmatch_lines(
        [
            "*[[]build[]] `echo build >> * && test -f index.html` exited with status 1 after *s",
            "*--- last lines of the build log (full log: */logs/build.log) ---",
        ]
    )
    for case in junit_cases(pytester.path / "junit.xml").values():
        assert case.find("failure") is not None  # a failure of the model, not an error
        assert properties(case)["llm.stage"] == "build"


def test_unsafe_file_name_fails_at_parse_and_nothing_is_written(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    app = write_app(pytester.path / "apps" / "backslash", {"index.html": "<h1>Hi</h1>", "..\\evil.sh": "x"})
    result = run(pytester, f"--llm-model=dir:{app}", "--llm-output=out")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]parse[]] unsafe file path*evil.sh*backslashes*"])
    workspace = pytester.path / "out" / "static_page" / "dir-backslash" / "s0" / "workspace"
    assert list(workspace.iterdir()) == []
    assert not (pytester.path / "counts.txt").exists()


def test_empty_answer_fails_at_generate(pytester: pytest.Pytester, static_challenge: Path) -> None:
    empty = pytester.mkdir("empty_app")
    result = run(pytester, f"--llm-model=dir:{empty}")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]generate[]] *empty_app holds no files"])


def test_server_that_never_answers_fails_at_launch_and_is_killed(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    yaml_path = static_challenge / "challenge.yaml"
    yaml_path.write_text(
        yaml_path.read_text()
        .replace("python3 -m http.server {port} --bind 127.0.0.1", "echo starting on {port}; sleep 600")
        .replace("launch: 20", "launch: 2")
    )
    result = run(pytester, "--llm-model=reference")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]launch[]] http://127.0.0.1:*/ did not answer within 2s*", "*starting on *"])
    assert not processes_under(pytester.path)


def test_no_process_survives_the_run(pytester: pytest.Pytester, static_challenge: Path) -> None:
    run(pytester, "--llm-model=reference").assert_outcomes(passed=2)
    assert not processes_under(pytester.path)


def test_uncaught_page_error_is_noted_in_a_failing_test_and_fails_no_test_by_itself(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    app = write_app(
        pytester.path / "apps" / "throws",
        {
            "index.html": "<h1>Hello, visitor</h1><button onclick=\"throw new Error('greet exploded')\">Greet</button>"
            "<script>console.error('something odd')</script>"
        },
    )
    (static_challenge / "test_page.py").write_text(
        "from playwright.sync_api import expect\n\n"
        "def test_greets(app_page, app_log):\n"
        "    expect(app_page.get_by_role('heading', name='Hello, visitor')).to_be_visible()\n"
        "    assert app_log.console_errors == ['error: something odd (' + app_page.url + ')']\n\n"
        "def test_clicks(app_page):\n"
        "    app_page.get_by_role('button', name='Greet').click()\n"
        "    app_page.wait_for_timeout(200)\n\n"
        "def test_click_greets(app_page):\n"
        "    app_page.get_by_role('button', name='Greet').click()\n"
        "    expect(app_page.get_by_text('Greetings')).to_be_visible(timeout=500)\n"
    )
    result = run(pytester, f"--llm-model=dir:{app}")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        ["*test_click_greets*", "*the app threw an uncaught error in the page:*", "*greet exploded*"]
    )


def test_page_error_while_loading_fails_fast_at_verify(pytester: pytest.Pytester, static_challenge: Path) -> None:
    app = write_app(
        pytester.path / "apps" / "blank",
        {"index.html": "<div id=root></div><script>null.filter(Boolean)</script>"},
    )
    result = run(pytester, f"--llm-model=dir:{app}", "--durations=0")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]verify[]] the app threw an uncaught error while loading and shows a blank page:*", "*Cannot read properties of null*"])


def test_interrupted_run_leaves_no_server_behind(pytester: pytest.Pytester, static_challenge: Path) -> None:
    (static_challenge / "test_page.py").write_text(
        "def test_interrupted(app_page):\n    raise KeyboardInterrupt\n"
    )
    result = run(pytester, "--llm-model=reference")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert not processes_under(pytester.path)


@pytest.mark.parametrize("dist", [[], ["--dist", "worksteal"]], ids=["default", "worksteal"])
def test_under_xdist_each_case_is_built_once(pytester: pytest.Pytester, static_challenge: Path, dist: list[str]) -> None:
    checks = "".join(
        f"def test_heading_{n}(app_page):\n    assert app_page.get_by_role('heading').count() == 1\n\n" for n in range(8)
    )
    (static_challenge / "test_page.py").write_text(checks)
    result = run(pytester, "-n", "2", *dist, "--llm-model=reference")
    result.assert_outcomes(passed=8)
    assert (pytester.path / "counts.txt").read_text().split() == ["install", "build"]


def test_missing_browser_is_an_error_of_the_harness_not_a_failure(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    result = run(pytester, "--llm-model=reference", "--llm-browser=/no/such/chromium", "--junitxml=junit.xml")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*[[]infrastructure[]] --llm-browser=/no/such/chromium: no such file*"])
    assert all(case.find("error") is not None for case in junit_cases(pytester.path / "junit.xml").values())


def test_sigterm_stops_the_run_and_its_servers(pytester: pytest.Pytester, static_challenge: Path) -> None:
    (static_challenge / "test_page.py").write_text(
        "import os, signal, time\n\n"
        "def test_terminated(app_page):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(5)\n"
    )
    result = run(pytester, "--llm-model=reference")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert not processes_under(pytester.path)


def test_workers_of_one_run_share_a_build_and_a_new_run_rebuilds(
    static_challenge: Path, tmp_path: Path
) -> None:
    from pytest_llmcode.core.challenge import load_challenge
    from pytest_llmcode.models.reference import ReferenceModel
    from pytest_llmcode.pipeline.builder import CaseBuilder
    from pytest_llmcode.pipeline.case import CaseSpec

    spec = CaseSpec(load_challenge(static_challenge), ReferenceModel(), 0)
    workers = [CaseBuilder(tmp_path / "out", {}, run_id="run-1") for _ in range(3)]  # as three xdist workers would
    built = []
    threads = [threading.Thread(target=lambda b=b: built.append(b.build(spec))) for b in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = static_challenge.parent / "counts.txt"
    assert counts.read_text().split() == ["install", "build"]
    assert len(built) == 3 and all(case.failure is None and case.timings["build"] >= 0 for case in built)
    CaseBuilder(tmp_path / "out", {}, run_id="run-2").build(spec)
    assert counts.read_text().split() == ["install", "build", "install", "build"]


def test_a_run_inside_an_xdist_worker_is_a_run_of_its_own(
    pytester: pytest.Pytester, static_challenge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pytest run started inside a worker of another xdist run (a CI step, pytester) inherits that
    run's PYTEST_XDIST_TESTRUNUID: its re-run must still build anew, not take the first run's case
    (its answer source and timings) as if a worker of the same run had built it."""
    monkeypatch.setenv("PYTEST_XDIST_TESTRUNUID", "the-outer-run")
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw0")
    counts = pytester.path / "counts.txt"
    run(pytester, "--llm-model=reference", "--llm-output=out").assert_outcomes(passed=2)
    run(pytester, "--llm-model=reference", "--llm-output=out").assert_outcomes(passed=2)
    assert counts.read_text().split() == ["install", "build", "install", "build"]


def _results(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_results_jsonl_has_one_record_per_behaviour_test_per_case(
    pytester: pytest.Pytester, static_challenge: Path
) -> None:
    broken = write_app(pytester.path / "apps" / "no_index", {"home.html": "<h1>Hi</h1>"})
    run(pytester, "--llm-model=reference", f"--llm-model=dir:{broken}", "--llm-output=out", "-n", "2")
    records = _results(pytester.path / "out" / "results.jsonl")
    assert len(records) == 4  # 2 tests x 2 cases, once each even under xdist
    by_key = {(r["model"], r["test"]): r for r in records}
    good = by_key[("reference", "test_greets")]
    assert good["outcome"] == "passed" and good["stage"] is None and good["sample"] == 0
    assert good["challenge"] == "static_page" and len(str(good["challenge_fingerprint"])) == 16
    assert {"generate", "parse", "install", "build", "launch"} <= set(good["timings"])
    assert good["tokens"] == {"input": 0, "output": 0, "cached": 0, "reasoning": 0} and good["cost_usd"] == 0.0
    assert str(good["artifacts"]["screenshot"]).endswith("test_page__test_greets.png")
    bad = by_key[("dir-no_index", "test_has_button")]
    assert bad["outcome"] == "failed" and bad["stage"] == "build" and "[build]" in str(bad["reason"])


def test_results_record_the_reason_of_a_failed_check(pytester: pytest.Pytester, static_challenge: Path) -> None:
    app = write_app(pytester.path / "apps" / "no_button", {"index.html": "<h1>Hello, visitor</h1>"})
    run(pytester, f"--llm-model=dir:{app}", "--llm-output=out")
    records = {r["test"]: r for r in _results(pytester.path / "out" / "results.jsonl")}
    assert records["test_greets"]["outcome"] == "passed"
    failed = records["test_has_button"]
    assert failed["outcome"] == "failed" and failed["stage"] == "verify"
    assert "Locator expected to be visible" in str(failed["reason"])
