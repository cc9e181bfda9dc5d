"""Run a commit challenge's tests on a built case: every test file is put back as the commit has it
(an answer's changes to tests are undone, and said), then the challenge's test command runs in the
case's sandbox, without network, and its JUnit report is read."""

from __future__ import annotations

import dataclasses
import shlex
import shutil
import time
from pathlib import Path

from pytest_llmcode.answers.parse import AnswerError
from pytest_llmcode.answers.workspace import write_file
from pytest_llmcode.core.commit_challenge import JUNIT_FILE
from pytest_llmcode.core.errors import Stage, StageFailure
from pytest_llmcode.core.files import NotRegularFile, project_files, read_inside
from pytest_llmcode.core.process import tail
from pytest_llmcode.pipeline.case import BuiltCase
from pytest_llmcode.pipeline.junit_read import MAX_REPORT_BYTES, ReportError, TestResult, read_report
from pytest_llmcode.sandbox.base import Sandbox
from pytest_llmcode.sandbox.files import give_to_sandbox_user
from pytest_llmcode.sandbox.links import describe as describe_links
from pytest_llmcode.sandbox.links import remove_escaping_links

REPORT_EVIDENCE = "hidden-tests.xml"  # the report, kept in the case's folder


@dataclasses.dataclass
class HiddenRun:
    """What the tests said: test id -> result; the test files the answer had changed, put back."""

    results: dict[str, TestResult]
    undone: list[str]
    seconds: float
    log_path: str

    def describe_undone(self) -> str:
        if not self.undone:
            return ""
        return (f"the answer's changes to {', '.join(self.undone[:5])}{' ...' if len(self.undone) > 5 else ''} were "
                "undone: the tests run as the commit has them")


def put_back_tests(case: BuiltCase) -> list[str]:
    """Make the workspace's test files those of the commit: each written as the commit has it, and any
    other (one the commit deleted, or one the answer added, a conftest.py say) removed. Returns the
    ones the answer had changed, deleted or added (not those it could not see)."""
    source = case.spec.challenge.commit
    assert source is not None
    workspace, undone, base = case.dir.workspace, [], case.spec.challenge.base
    commit_tests = set(source.restored_files())
    for path in project_files(workspace):  # without node_modules, .venv and other generated folders
        relative = path.relative_to(workspace).as_posix()
        if relative not in commit_tests and source.is_test(relative) and relative != JUNIT_FILE:
            path.unlink()
            if base is None or not (base / relative).is_file():  # the answer's own (one the commit deleted is not)
                undone.append(relative)
    for relative in sorted(commit_tests):
        wanted = (source.restore / relative).read_bytes()
        target = workspace / relative
        try:
            present = read_inside(workspace, relative)
        except NotRegularFile:  # a link or a folder where a test file belongs
            present = b"" if target.is_symlink() else None
            if target.is_symlink():
                target.unlink()
        shown = (base / relative).read_bytes() if base is not None and (base / relative).is_file() else None
        if present != shown:  # the answer changed, deleted or made what the model was shown (or not shown)
            undone.append(relative)
        try:
            write_file(workspace, relative, wanted)
        except AnswerError as exc:
            raise StageFailure(Stage.TEST, f"the tests cannot be put back: {exc}") from None
    return undone


def run_hidden_tests(case: BuiltCase, sandbox: Sandbox, timeout: float, env: dict[str, str] | None = None) -> HiddenRun:
    """Put the tests back, run the test command in ``sandbox`` (no network; closed once it ends) and
    read its report; a command that writes no readable report fails the case at the test stage."""
    challenge = case.spec.challenge
    assert challenge.commit is not None and challenge.stack.test is not None
    workspace = case.dir.workspace
    undone = put_back_tests(case)
    report = workspace / JUNIT_FILE
    if report.is_dir() and not report.is_symlink():  # a report the answer left must not be read as the tests'
        shutil.rmtree(report)
    elif report.is_symlink() or report.exists():
        report.unlink()
    if sandbox.isolated:
        give_to_sandbox_user(workspace)
    hidden = " ".join(shlex.quote(path) for path in challenge.commit.hidden)
    command = challenge.stack.test.replace("{junit}", shlex.quote(JUNIT_FILE)).replace("{tests}", hidden)
    log = case.dir.log(str(Stage.TEST))
    started = time.monotonic()
    try:
        result = sandbox.run(command, cwd=workspace, log_path=log, timeout=timeout, env=env)
    finally:
        # every process the tests started ends before the report is read: nothing left behind (a daemon of
        # the code under test) can write it afterwards
        for note in sandbox.notes():
            case.note(note)
        sandbox.close()
    seconds = time.monotonic() - started
    case.add_time(Stage.TEST, seconds)
    removed = remove_escaping_links(workspace)
    if removed:
        _take_away_hidden(case)
        raise StageFailure(Stage.TEST, describe_links(removed, "the tests"), log_path=str(log))
    if result.timed_out:
        _take_away_hidden(case)
        raise StageFailure(Stage.TEST, result.explain(timeout), log_tail=tail(log), log_path=str(log))
    try:
        data = read_inside(workspace, JUNIT_FILE, limit=MAX_REPORT_BYTES + 1)
    except NotRegularFile:
        data = None
    if data is None:
        _take_away_hidden(case)
        raise StageFailure(Stage.TEST, f"`{command}` wrote no JUnit report to {{junit}} ({result.explain(timeout)})",
                           log_tail=tail(log), log_path=str(log))
    _keep(case.dir.root / REPORT_EVIDENCE, data[:MAX_REPORT_BYTES])
    _take_away_hidden(case)
    try:
        results = read_report(data)
    except ReportError as exc:
        raise StageFailure(Stage.TEST, f"`{command}`: {exc}", log_tail=tail(log), log_path=str(log)) from None
    return HiddenRun(results=results, undone=undone, seconds=round(seconds, 3), log_path=str(log))


def _take_away_hidden(case: BuiltCase) -> None:
    """Remove the hidden test files from the workspace once they ran: a repair round's answer (and its
    install and build) must not find them there. The report in the case's folder says what they did."""
    source = case.spec.challenge.commit
    assert source is not None
    for relative in source.hidden:
        target = case.dir.workspace / relative
        if target.is_file() or target.is_symlink():
            target.unlink()


def _keep(path: Path, data: bytes) -> None:
    path.write_bytes(data)
