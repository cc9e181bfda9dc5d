"""``--llm-shard=I/N`` and ``llmcode merge``: a run spread over runners, joined back into one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import llmcode
from tests.support.runs import run


def cases_of(results: Path) -> set[tuple[str, int]]:
    return {(r["test"], r["sample"]) for r in map(json.loads, results.read_text().splitlines())}


def test_shards_split_the_cases_and_merge_back_into_the_whole(pytester: pytest.Pytester,
                                                               static_challenge: Path) -> None:
    first = run(pytester, "--llm-model=reference", "--llm-samples=3", "--llm-shard=1/2", "--llm-output=shard1")
    first.assert_outcomes(passed=4, deselected=2)  # samples 0 and 2: both tests of each
    second = run(pytester, "--llm-model=reference", "--llm-samples=3", "--llm-shard=2/2", "--llm-output=shard2")
    second.assert_outcomes(passed=2, deselected=4)
    one, two = cases_of(pytester.path / "shard1" / "results.jsonl"), cases_of(pytester.path / "shard2" / "results.jsonl")
    assert {s for _, s in one} == {0, 2} and {s for _, s in two} == {1}
    run(pytester, "--llm-model=reference", "--llm-samples=3", "--llm-shard=1/2", "--llm-output=again").assert_outcomes(passed=4, deselected=2)
    assert cases_of(pytester.path / "again" / "results.jsonl") == one  # deterministic

    done = llmcode("merge", str(pytester.path / "merged"), str(pytester.path / "shard1"), str(pytester.path / "shard2"))
    assert done.returncode == 0, done.stderr
    assert "merged 6 results from 2 shard(s)" in done.stdout
    records = [json.loads(line) for line in (pytester.path / "merged" / "results.jsonl").read_text().splitlines()]
    assert {(r["test"], r["sample"]) for r in records} == one | two and len(records) == 6
    for record in records:  # evidence copied, and the records point at the copies
        case_dir = Path(record["artifacts"]["case_dir"])
        assert case_dir == pytester.path / "merged" / "static_page" / "reference" / f"s{record['sample']}"
        assert (case_dir / "case.json").is_file()

    whole = run(pytester, "--llm-model=reference", "--llm-samples=3", "--llm-output=whole")
    whole.assert_outcomes(passed=6)
    assert llmcode("compare", str(pytester.path / "whole"), str(pytester.path / "merged")).returncode == 0

    overlap = llmcode("merge", str(pytester.path / "bad"), str(pytester.path / "shard1"), str(pytester.path / "again"))
    assert overlap.returncode == 2
    assert "the shards overlap: static_page / reference / sample 0 / test_" in overlap.stderr


@pytest.mark.parametrize("shard", ["3/2", "0/2", "half", "1/0"])
def test_a_bad_shard_is_a_usage_error(pytester: pytest.Pytester, static_challenge: Path, shard: str) -> None:
    result = run(pytester, "--llm-model=reference", f"--llm-shard={shard}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--llm-shard={shard}: expected I/N with 1 <= I <= N, e.g. 2/4*"])
