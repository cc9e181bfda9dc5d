"""``llmcode merge OUT SHARD...``: the results of shards run apart (``--llm-shard``), joined into one
output folder: each shard's evidence copied in, ``results.jsonl`` concatenated with its artifact
paths pointing into OUT. Shards that ran the same test of the same case are refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from pytest_llmcode.reporting.record import RESULTS_FILE
from pytest_llmcode.reporting.results import ResultsError, load_results


def _moved(record: dict[str, Any], out: Path) -> dict[str, Any]:
    """The record with its artifact paths under ``out`` (a case's folder is challenge/model/sN)."""
    artifacts = dict(record.get("artifacts") or {})
    old = artifacts.get("case_dir")
    new = out / str(record["challenge"]) / str(record["model"]) / f"s{record['sample']}"
    for key, value in artifacts.items():
        if isinstance(value, str) and old and value.startswith(old):
            artifacts[key] = str(new) + value[len(old):]
    return {**record, "artifacts": artifacts}


def merge(out: Path, shards: list[Path]) -> int:
    """Join ``shards`` into ``out``; returns the number of results written."""
    seen: dict[tuple[str, str, int, str], Path] = {}
    merged = []
    for shard in shards:
        if not shard.is_dir():
            raise ResultsError(f"{shard}: not a folder (a shard's --llm-output folder is expected)")
        for record in load_results(shard):
            key = (str(record["challenge"]), str(record["model"]), int(record["sample"]), str(record["test"]))
            if key in seen:
                raise ResultsError(f"the shards overlap: {key[0]} / {key[1]} / sample {key[2]} / {key[3]} is in "
                                   f"both {seen[key]} and {shard}")
            seen[key] = shard
            merged.append(_moved(record, out))
    out.mkdir(parents=True, exist_ok=True)
    for shard in shards:
        shutil.copytree(shard, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns(RESULTS_FILE))
    with (out / RESULTS_FILE).open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in merged)
    return len(merged)
