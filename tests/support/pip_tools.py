"""Python programs the tests run as users install them: a venv of their own per version, kept
between runs in the tool's cache (a venv cannot be moved, so it is made in place, under a lock,
and counts as installed once pip has finished)."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# these installs take minutes each (pip resolving and fetching hundreds of MB): not in .ci/run
OPT_IN = "LLMCODE_PIP_TOOLS"
opt_in = pytest.mark.skipif(os.environ.get(OPT_IN) != "1",
                            reason=f"installs a Python program from PyPI (6-9 min here): set {OPT_IN}=1 to run it")
INSTALL_TIMEOUT_S = 1200  # LiteLLM's proxy or Aider: 6-9 minutes here
# read once, at import: pytester points HOME at each test's own folder
TOOLS_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pytest-llmcode"


def pip_installed(kind: str, name: str, version: str, requirement: str) -> Path:
    """The ``bin`` folder of a venv holding ``requirement`` (``name`` at ``version``), under
    ``~/.cache/pytest-llmcode/<kind>/<name>@<version>``; the test is skipped, saying why, where it
    cannot be installed (no package index)."""
    cache = TOOLS_CACHE / kind
    venv = cache / f"{name}@{version}"
    cache.mkdir(parents=True, exist_ok=True)
    with (cache / f".{name}@{version}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (venv / ".installed").is_file():
            shutil.rmtree(venv, ignore_errors=True)
            python = shutil.which("python3") or sys.executable
            subprocess.run([python, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
            done = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check",
                                   requirement], capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S)
            if done.returncode != 0:
                shutil.rmtree(venv, ignore_errors=True)
                errors = [line for line in done.stderr.splitlines() if not line.startswith("WARNING")]
                pytest.skip(f"pip could not install {requirement}: {' '.join(errors)[-600:]}")
            (venv / ".installed").touch()
    return venv / "bin"
