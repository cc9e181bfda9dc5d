"""The GitHub Action (``action.yml``), run here step by step as the runner would run it: a candidate
that holds up passes the gate, one that regresses fails it and the step summary names the challenge."""

from __future__ import annotations

import json
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import runner_user
from tests.support.action_runner import ActionRun, ActionRunner, load_action, runner_env
from tests.support.apps import GREETING_CHALLENGE, PAGE, PAGE_CHECKS, ROOT, write_app


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one challenge (and its reference), and an app that lost its button."""
    write_app(tmp_path / "suites" / "greeting", {
        "challenge.yaml": GREETING_CHALLENGE, "test_greeting.py": PAGE_CHECKS, "reference/index.html": PAGE})
    write_app(tmp_path / "buttonless", {"index.html": "<!doctype html><title>Hi</title><h1>Hello, visitor</h1>\n"})
    return tmp_path


def run_action(repo: Path, **given: str) -> ActionRun:
    inputs = {"suites": "suites", "install": "false", "pytest-args": "-p no:cacheprovider", **given}
    return ActionRunner(ROOT / "action.yml", repo, runner_env()).run(inputs)


def test_a_candidate_that_holds_up_passes_the_gate(repo: Path) -> None:
    run = run_action(repo, model="reference", **{"baseline-model": "reference"})
    assert not run.failed, run.log
    assert dict(run.steps)["Compare with the baseline"] == "success"
    assert run.outputs == {"pass-rate": "1.0000", "regressions": "0",
                           "report": "llmcode-results/candidate/report.html",
                           "route": "reference@baseline"}  # the same model both ways, at $0: the first by name
    assert "## llmcode: 2/2 behaviour tests passed" in run.summary
    assert "✅ **No regression** on 1 challenge(s) compared." in run.summary
    uploaded = run.artifacts / "llmcode-results" / "llmcode-results"
    assert (uploaded / "candidate" / "report.html").is_file() and (uploaded / "gate.xml").is_file()
    case = uploaded / "candidate" / "greeting" / "reference" / "s0"
    assert (case / "screenshots").is_dir()
    # the workspace goes as a tar that keeps links as links (upload-artifact follows them)
    assert not (case / "workspace").exists()
    with tarfile.open(case / "workspace.tar.gz") as packed:
        assert "./index.html" in packed.getnames()


def test_a_regressing_candidate_fails_the_gate_and_the_summary_names_the_challenge(repo: Path) -> None:
    run = run_action(repo, model=f"buttonless=dir:{repo / 'buttonless'}", **{"baseline-model": "reference"})
    assert run.failed
    steps = dict(run.steps)
    assert steps["Run the candidate"] == "success"  # failing tests are evidence, not an error of the run
    assert steps["Compare with the baseline"] == "failure"
    assert steps["Upload the report and evidence"] == "success"  # always uploaded
    assert run.outputs["regressions"] == "1" and run.outputs["pass-rate"] == "0.5000"
    assert "❌ **Regressed**" in run.summary
    assert "- ` greeting `: pass rate dropped 50.0 pp (allowed 0.0 pp)" in run.summary
    assert "| ` greeting ` | ` test_has_button ` | 1/1 (100%) | 0/1 (0%) |" in run.summary
    # which model for which work: the baseline alone (escalating to it from the candidate adds nothing here)
    assert run.outputs["route"] == "reference"
    assert "## llmcode route: which model for which work" in run.summary
    assert "| ` greeting ` | ` reference ` | 1/1 (100%) [21%, 100%] |" in run.summary
    assert "| ` reference ` | 100.0%, $0.0000 ★ (recommended) | 1/1 (100%) [21%, 100%] |" in run.summary
    assert ("`route.html` (the pictures, and these tables) and `route.svg` in the artifact `llmcode-results` of "
            "[this run](https://github.com/octo/app/actions/runs/4242): its link is at the end of this summary") \
        in run.summary
    # the link to the picture, once uploaded: upload-artifact's own URL, last in the summary
    assert run.summary.rstrip().endswith(
        "[The artifact `llmcode-results`](https://github.com/octo/app/actions/runs/4242/artifacts/1) holds "
        "`candidate/report.html` (every case, its screenshots, logs and diff), `route.html` (pass rate against cost "
        "for every model, and the routing tables) and `route.svg`.")
    uploaded = run.artifacts / "llmcode-results" / "llmcode-results"
    assert (uploaded / "route.svg").read_text().startswith("<svg xmlns='http://www.w3.org/2000/svg'")
    # the page has both runs' models and the policies (the candidate's report has its own model only)
    page = (uploaded / "route.html").read_text()
    assert "<table id='policies'>" in page and "buttonless" in page and "reference" in page
    assert "<svg" in page and "<script" not in page
    assert json.loads((uploaded / "route.json").read_text())["recommended"] == "reference"


def test_a_route_step_that_cannot_read_the_baseline_leaves_the_gate_to_decide(repo: Path) -> None:
    stored = repo / "stored-baseline.jsonl"
    stored.write_text(json.dumps({"challenge": "greeting", "test": "test_has_button", "model": "old",
                                  "sample": "first", "outcome": "passed"}) + "\n")
    run = run_action(repo, model="reference", **{"baseline-results": str(stored), "artifact-name": ""})
    steps = dict(run.steps)
    assert steps["Which model for which work"] == "tolerated failure"
    assert steps["Compare with the baseline"] != "skipped"  # the gate still runs, and says what it finds
    assert "a result that cannot be read" in run.log


def test_stored_baseline_results_and_a_threshold(repo: Path) -> None:
    first = run_action(repo, model="reference", **{"artifact-name": ""})
    assert not first.failed, first.log
    stored = repo / "stored-baseline.jsonl"
    stored.write_text((repo / "llmcode-results" / "candidate" / "results.jsonl").read_text())
    lenient = run_action(repo, model=f"buttonless=dir:{repo / 'buttonless'}", output="second",
                         **{"baseline-results": str(stored), "max-drop": "50%", "artifact-name": ""})
    assert not lenient.failed, lenient.log
    assert dict(lenient.steps)["Run the baseline"] == "skipped"
    assert "✅ **No regression**" in lenient.summary
    # nothing uploaded: the summary says where the picture is on the runner, and links no artifact
    assert "`second/route.html` (the pictures, and these tables) and `second/route.svg` on the runner: with no " \
           "artifact-name, nothing is uploaded" in lenient.summary
    assert "### The report and evidence" not in lenient.summary and (repo / "second" / "route.html").is_file()


def test_without_a_baseline_every_behaviour_test_must_pass(repo: Path) -> None:
    run = run_action(repo, model=f"buttonless=dir:{repo / 'buttonless'}")
    assert run.failed
    assert dict(run.steps)["Without a baseline, every behaviour test must pass"] == "failure"
    assert dict(run.steps)["Compare with the baseline"] == "skipped"
    assert "| ` greeting ` | ` buttonless ` | s0 | ` test_has_button ` | failed |" in run.summary


def test_a_shard_runs_its_share_and_compares_nothing(repo: Path) -> None:
    run = run_action(repo, model="reference", samples="2", shard="2/2", **{"baseline-model": "reference"})
    assert not run.failed, run.log
    assert dict(run.steps)["Run the baseline"] == "skipped" and dict(run.steps)["Compare with the baseline"] == "skipped"
    records = (repo / "llmcode-results" / "candidate" / "results.jsonl").read_text().splitlines()
    assert {json.loads(r)["sample"] for r in records} == {1}


@pytest.fixture
def runner_repo() -> Iterator[Path]:
    """The ``repo`` of these tests where a runner user can reach it (pytest's own tmp folders are root's)."""
    if runner_user.problem():
        pytest.skip(f"no runner user here: {runner_user.problem()}")
    root = Path(tempfile.mkdtemp(prefix="llmcode-action-"))
    root.chmod(0o755)
    write_app(root / "repo" / "suites" / "greeting", {
        "challenge.yaml": GREETING_CHALLENGE, "test_greeting.py": PAGE_CHECKS, "reference/index.html": PAGE})
    (root / "staging").mkdir(mode=0o700)
    yield root
    shutil.rmtree(root, ignore_errors=True)


def run_as(root: Path, given: dict[str, str], *, nosudo: bool = False) -> ActionRun:
    """The Action's steps run as a GitHub-hosted runner's user: not root, in the docker group, with
    passwordless sudo (or, ``nosudo``, without)."""
    user = runner_user.runner_user(nosudo=nosudo)
    repo = root / "repo"
    for current, dirs, files in os.walk(repo):
        for name in [current, *(os.path.join(current, n) for n in dirs + files)]:
            os.chown(name, user.pw_uid, user.pw_gid)
    inputs = {"suites": "suites", "install": "false", "pytest-args": "-p no:cacheprovider", **given}
    env = runner_user.runner_env(user, runner_env())
    runner = ActionRunner(ROOT / "action.yml", repo, env, prefix=runner_user.step_prefix(user, root / "staging"),
                          owner=(user.pw_uid, user.pw_gid))
    return runner.run(inputs)


@pytest.mark.slow
def test_as_a_non_root_sudoer_the_route_step_reads_both_runs(runner_repo: Path) -> None:
    """The results pytest wrote through sudo are the job user's: the route step (not root) reads them."""
    run = run_as(runner_repo, {"model": "reference", "baseline-model": "reference", "artifact-name": ""})
    assert not run.failed, run.log
    assert dict(run.steps)["Which model for which work"] == "success", run.log
    assert run.outputs["route"] == "reference@baseline"
    assert "## llmcode route: which model for which work" in run.summary


@pytest.mark.slow
def test_as_a_non_root_sudoer_the_generated_code_still_runs_sandboxed(runner_repo: Path) -> None:
    """A GitHub-hosted runner's job is not root: the Action runs pytest through sudo, so the
    namespace (or docker) sandbox runs, and the results are the job user's again afterwards."""
    run = run_as(runner_repo, {"model": "reference"})
    assert not run.failed, run.log
    assert "running pytest as root through sudo" in run.log
    assert "sandbox: " in run.log and "warning: the browser's memory" not in run.log  # as root, it is limited
    case = runner_repo / "repo" / "llmcode-results" / "candidate" / "greeting" / "reference" / "s0"
    assert json.loads((case / "case.json").read_text())["sandbox"] in ("namespace", "docker"), run.log
    owner = runner_user.runner_user().pw_uid
    assert {Path(c, n).lstat().st_uid for c, dirs, files in os.walk(case.parents[3]) for n in dirs + files} == {owner}


@pytest.mark.slow
def test_without_sudo_the_action_fails_rather_than_run_generated_code_unsandboxed(runner_repo: Path) -> None:
    refused = run_as(runner_repo, {"model": "reference", "artifact-name": ""}, nosudo=True)
    assert dict(refused.steps)["Run the candidate"] == "failure"
    assert "--llm-require-sandbox: no sandbox can run here (namespace: it needs root" in refused.log
    assert "allow-unsandboxed: true" in refused.log
    allowed = run_as(runner_repo, {"model": "reference", "output": "allowed", "artifact-name": "",
                                   "allow-unsandboxed": "true"}, nosudo=True)
    assert not allowed.failed, allowed.log
    case = runner_repo / "repo" / "allowed" / "candidate" / "greeting" / "reference" / "s0"
    assert json.loads((case / "case.json").read_text())["sandbox"] == "none"
    assert "warning: the browser's memory and downloads folder are not limited: that needs root" in allowed.log


def test_the_action_declares_what_its_docs_document() -> None:
    action = load_action(ROOT)
    assert set(action["outputs"]) == {"pass-rate", "regressions", "report", "route"}
    docs = (ROOT / "docs" / "action.md").read_text()
    for name in action["inputs"]:
        assert f"`{name}`" in docs, f"input {name} is not documented in docs/action.md"
    steps = action["runs"]["steps"]
    install = next(s for s in steps if s.get("name") == "Install pytest-llmcode and Chromium")
    assert "playwright install --with-deps chromium" in install["run"]
    assert all("${{ inputs." not in str(s.get("run", "")) for s in steps)  # inputs reach scripts via env only
