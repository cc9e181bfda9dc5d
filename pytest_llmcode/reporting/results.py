"""``results.jsonl`` as readers take it: the records of a file, or of every one under a folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytest_llmcode.reporting.record import RESULTS_FILE


class ResultsError(Exception):
    """A results file or folder that cannot be read; the message names it and says why."""


def load_results(path: Path) -> list[dict[str, Any]]:
    """The records of a ``results.jsonl`` file, or of every one under a folder (shards, say)."""
    if path.is_dir():
        files = sorted(path.rglob(RESULTS_FILE))
        if not files:
            raise ResultsError(f"{path}: no {RESULTS_FILE} in this folder or below it")
    elif path.is_file():
        files = [path]
    else:
        raise ResultsError(f"{path}: no such file or folder")
    records = []
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ResultsError(f"{file}:{number}: not a JSON line ({exc.msg})") from exc
            missing = [k for k in ("challenge", "test", "model", "sample", "outcome") if k not in record]
            if missing:
                raise ResultsError(f"{file}:{number}: a result without {', '.join(missing)}")
            records.append(record)
    if not records:
        raise ResultsError(f"{path}: no results in {', '.join(map(str, files))}")
    return records


def pick_model(records: list[dict[str, Any]], wanted: str | None, side: str) -> tuple[str, list[dict[str, Any]]]:
    """The records of one model: ``wanted``, or the only model there is."""
    models = sorted({str(r["model"]) for r in records})
    if wanted is None:
        if len(models) > 1:
            raise ResultsError(f"the {side} results hold several models ({', '.join(models)}): "
                               f"choose one with --{side}-model")
        wanted = models[0]
    chosen = [r for r in records if r["model"] == wanted]
    if not chosen:
        raise ResultsError(f"the {side} results hold no model {wanted!r} (they hold {', '.join(models)})")
    return wanted, chosen
