"""``--llm-shard=I/N``: a deterministic share of the cases, so that a CI matrix spreads one run over
N runners. Cases (challenge, model, sample) are sorted and dealt round-robin; every test of a case
goes to the same shard (a case is built once). Tests that are not cases run in shard 1 only."""

from __future__ import annotations

import re
from typing import Any

import pytest


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``; raises ``pytest.UsageError``."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise pytest.UsageError(f"--llm-shard={text}: expected I/N with 1 <= I <= N, e.g. 2/4")
    return int(match[1]), int(match[2])


def case_of(item: pytest.Item) -> Any:
    """The test's case (its ``llm_case`` parameter, a ``CaseSpec``), or None for a test of no case."""
    callspec: Any = getattr(item, "callspec", None)
    return callspec.params.get("llm_case") if callspec is not None else None


def case_key(item: pytest.Item) -> str | None:
    """``challenge/model/sN`` of the test's case (:attr:`CaseSpec.name`), or None."""
    spec = case_of(item)
    return None if spec is None else str(spec.name)


def select(items: list[pytest.Item], index: int, total: int) -> tuple[list[pytest.Item], list[pytest.Item]]:
    """The items of shard ``index`` of ``total``, and the others."""
    keys = sorted({key for key in map(case_key, items) if key is not None})
    mine = {key for position, key in enumerate(keys) if position % total == index - 1}
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        key = case_key(item)
        (kept if (key in mine if key is not None else index == 1) else dropped).append(item)
    return kept, dropped
