"""The ``llmcode`` command, as a user runs it (tests/conftest.py puts this Python's folder on PATH)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def llmcode(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``llmcode ARGS...`` run to its end (at most a minute), its output captured as text."""
    return subprocess.run(["llmcode", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
