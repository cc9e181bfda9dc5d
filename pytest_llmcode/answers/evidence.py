"""The on-disk evidence of one case: ``<output>/<challenge>/<model>/s<sample>/`` and what lives in it."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path
from typing import Any

ROUND_EVIDENCE = ("screenshots", "logs/browser")  # what the behaviour tests of one round leave


@dataclasses.dataclass(frozen=True)
class CaseDir:
    """A case's folder: its workspace, logs, screenshots and records."""

    root: Path

    @property
    def workspace(self) -> Path:
        return self.root / "workspace"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def screenshots(self) -> Path:
        return self.root / "screenshots"

    def log(self, stage: str) -> Path:
        return self.logs / f"{stage}.log"

    def prepare(self) -> None:
        """Start the case afresh: an earlier run's evidence of the same case is replaced."""
        if self.root.exists():
            shutil.rmtree(self.root)
        for folder in (self.workspace, self.logs, self.screenshots):
            folder.mkdir(parents=True)

    def write_json(self, name: str, data: Any) -> None:
        target = self.root / name
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
        os.replace(tmp, target)

    def read_json(self, name: str) -> Any:
        return json.loads((self.root / name).read_text(encoding="utf-8"))

    def keep_round(self, number: int) -> None:
        """Move a round's screenshots and browser logs to ``rounds/<number>/`` before the behaviour
        tests run again on a repaired app (see :mod:`pytest_llmcode.plugin.repair`)."""
        target = self.root / "rounds" / str(number)
        for relative in ROUND_EVIDENCE:
            source = self.root / relative
            if source.is_dir():
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(source), str(target / relative))
                source.mkdir(parents=True, exist_ok=True)
