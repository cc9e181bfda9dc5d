"""``llmcode merge OUT SHARD...``: the results of shards run apart (``--llm-shard``), joined into one
output folder: each shard's evidence copied in, ``results.jsonl`` concatenated with its artifact
paths pointing into OUT. Shards that ran the same test of the same case are refused. Links and
special files are left out, never followed: a shard is evidence of generated code, and a link in it
(``leak.txt -> /etc/shadow``) must not become a copy of a host file."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Callable
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


def _left_out(into: list[str]) -> Callable[[str, list[str]], set[str]]:
    """A ``copytree`` ignore that drops results files, links and anything not a file or a folder."""
    def ignore(folder: str, names: list[str]) -> set[str]:
        dropped = set()
        for name in names:
            mode = os.lstat(os.path.join(folder, name)).st_mode
            if name == RESULTS_FILE or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                dropped.add(name)
                if name != RESULTS_FILE:
                    into.append(os.path.join(folder, name))
        return dropped
    return ignore


def merge(out: Path, shards: list[Path], left_out: list[str] | None = None) -> int:
    """Join ``shards`` into ``out``; returns the number of results written. The links and special
    files not copied are added to ``left_out``."""
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
        dropped = left_out if left_out is not None else []
        shutil.copytree(shard, out, symlinks=True, dirs_exist_ok=True, ignore=_left_out(dropped))
    with (out / RESULTS_FILE).open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record, ensure_ascii=False) + "\n" for record in merged)
    return len(merged)
