"""Importing the plugin stays cheap: pytest loads it in every run, model or not. (Lint and type checks
are steps of CI: ``ruff check`` and ``mypy``, configured in pyproject.toml.)"""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_plugin_starts_nothing_heavy() -> None:
    code = "import sys, pytest_llmcode.plugin; print('playwright' in sys.modules, 'httpx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "False"]
