"""The behaviour tests of a commit challenge (``kind: commit``), collected from its
``challenge.yaml``: one item per hidden test of the commit, per model and sample, grouped as the
challenge lists them. Each passes when that test passed in the case's run of the commit's tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytest_llmcode.pipeline.serve import RunningApp

__test__ = True


def test_fail_to_pass(llm_app: RunningApp, hidden_test: str) -> None:
    """A test the commit made pass: it must pass after the answer."""
    judge(llm_app, hidden_test)


def test_pass_to_pass(llm_app: RunningApp, hidden_test: str) -> None:
    """A test that passed before the commit: it must still pass after the answer."""
    judge(llm_app, hidden_test)


def judge(app: RunningApp, test: str) -> None:
    run = app.hidden
    assert run is not None, "the case's tests were not run"
    undone = f"\nnote: {run.describe_undone()}" if run.undone else ""
    result = run.results.get(test)
    if f"{test} #2" in run.results:  # two tests of that name (another file's): which one is meant is unknown
        raise AssertionError(f"{test}: the test command's report has more than one test of that name, so this one "
                             f"cannot be told apart{undone}")
    if result is None:
        ran = ", ".join(list(run.results)[:8]) or "none"
        raise AssertionError(f"{test} did not run: the test command's report has no such test "
                             f"(it ran {len(run.results)}: {ran}){undone}")
    if not result.passed:
        raise AssertionError(f"{test} {result.outcome}{': ' + result.message if result.message else ''}{undone}")
