"""Under pytest-xdist each case's tests run on one worker: built and served once, and repaired there."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_llmcode.plugin.xdist import case_scope
from tests.support.fake_llm import Action, FakeLLM
from tests.support.models import BUTTONLESS, FIXED, fake_coder, fake_models
from tests.support.runs import run


def test_the_case_of_a_test_is_read_from_its_id() -> None:
    scope = case_scope(["reference", "qwen-s1", "gpt-4o"])
    assert scope("suites/todo_app/test_todo.py::test_keeps_items[gpt-4o-s3]") == "suites/todo_app::gpt-4o-s3"
    # a label that itself ends like a sample, and the case's id among other parameters
    assert scope("todo/test_a.py::test_x[qwen-s1-s12]") == "todo::qwen-s1-s12"
    assert scope("todo/test_a.py::test_x[wide-reference-s0-dark]") == "todo::reference-s0"
    assert scope("todo/test_a.py::TestMore::test_x[reference-s2]") == "todo::reference-s2"
    for other in ("tests/test_unit.py::test_plain", "tests/test_unit.py::test_p[reference]",
                  "tests/test_unit.py::test_p[unknown-s1]", "tests/test_unit.py::test_p[reference-s]"):
        assert scope(other) is None  # not a case's test: scheduled alone, as xdist would
    assert case_scope([])("todo/test_a.py::test_x[reference-s0]") is None


def _workers(output: str) -> dict[str, set[str]]:
    """The workers each case's tests ran on, from ``-v`` output: ``[gw1] PASSED path::test[case]``."""
    seen: dict[str, set[str]] = {}
    for worker, case in re.findall(r"\[(gw\d+)\] (?:\[ *\d+%\] )?(?:PASSED|FAILED|ERROR)\S* \S+\[(\S+)\]", output):
        seen.setdefault(case, set()).add(worker)
    return seen


@pytest.mark.parametrize("dist", [[], ["--dist", "worksteal"]], ids=["default", "worksteal"])
def test_each_case_runs_on_one_worker_and_the_cases_spread(
    pytester: pytest.Pytester, static_challenge: Path, dist: list[str]
) -> None:
    checks = "".join(
        f"def test_heading_{n}(app_page):\n    assert app_page.get_by_role('heading').count() == 1\n\n" for n in range(4)
    )
    (static_challenge / "test_page.py").write_text(checks)
    result = run(pytester, "-n", "2", *dist, "-v", "--llm-model=reference", "--llm-samples=4")
    result.assert_outcomes(passed=16)
    workers = _workers(result.stdout.str())
    assert sorted(workers) == [f"reference-s{n}" for n in range(4)]
    assert all(len(ran_on) == 1 for ran_on in workers.values())  # each case on one worker
    assert len(set().union(*workers.values())) == 2  # and both workers had cases
    assert sorted((pytester.path / "counts.txt").read_text().split()) == ["build"] * 4 + ["install"] * 4  # once each


@pytest.fixture
def server() -> Iterator[FakeLLM]:
    """Answers a first request with a page that has no button, and a repair request with the fix."""
    with FakeLLM() as fake:
        def choose(body: dict[str, Any]) -> Action:
            repair = "These behaviours failed" in body["messages"][-1]["content"]
            return Action(text=FIXED if repair else BUTTONLESS)

        fake.choose = choose
        yield fake


def test_failed_behaviours_go_back_to_the_model_under_xdist(
    pytester: pytest.Pytester, static_challenge: Path, server: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_models(pytester, monkeypatch, fake_coder(server))
    result = run(pytester, "-n", "2", "--llm-model=fake", "--llm-samples=2", "--llm-repair-rounds=1",
                 "--llm-output=out")
    result.assert_outcomes(passed=4)  # 2 tests x 2 cases, each reported once
    assert len(server.requests) == 4  # a first answer and a repair per case
    for sample in range(2):
        case = json.loads((pytester.path / "out" / "static_page" / "fake" / f"s{sample}" / "case.json").read_text())
        assert [r["failed_stage"] for r in case["rounds"]] == ["verify", None]
    records = [json.loads(line) for line in (pytester.path / "out" / "results.jsonl").read_text().splitlines()]
    assert sorted((r["sample"], r["test"], r["passed_first_try"]) for r in records) == [
        (sample, test, test == "test_greets") for sample in range(2) for test in ("test_greets", "test_has_button")]
