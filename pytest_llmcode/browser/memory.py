"""The browser's memory limit (``--llm-browser-memory-mb``, default 4096): as root, where cgroups
can be made, Chromium and all its children run in a cgroup of their own with that limit, so no page
can take the host's memory; a page over it is killed by the kernel, and the test that was using it
fails saying so (see plugin/verdict.py)."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from pytest_llmcode.sandbox.limits import CaseLimits, cgroups_available, limit_events

MAX_PIDS = 4096  # a browser's processes and threads: far more than it needs, far fewer than a fork bomb


def unlimited() -> list[str]:
    """What of the browser cannot be limited here, and why: its memory and its downloads folder
    need root (the Action runs pytest through sudo), the memory cgroups as well."""
    if os.geteuid() != 0:
        return ["the browser's memory and downloads folder are not limited: that needs root (the Action "
                "runs pytest through sudo); a page can take the host's memory, and a download no check saves "
                "the disk"]
    problem = cgroups_available()
    if problem is not None:
        return [f"the browser's memory is not limited ({problem}): a page can take the host's memory"]
    return []


class BrowserMemory:
    """One cgroup for the browsers of a :class:`~pytest_llmcode.browser.host.BrowserHost`."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        self._limits: CaseLimits | None = None
        self._folder: Path | None = None  # of the wrapper script
        if os.geteuid() == 0 and cgroups_available() is None:
            try:
                name = f"llmcode-browser-{os.getpid()}-{uuid.uuid4().hex[:8]}"
                self._limits = CaseLimits(name, limit_bytes, MAX_PIDS)
            except OSError:
                self._limits = None

    @property
    def limited(self) -> bool:
        return self._limits is not None

    def wrap(self, executable: str) -> str:
        """An executable that joins the cgroup and starts ``executable``."""
        if self._limits is None:
            return executable
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="llmcode-browser-cgroup-"))
        wrapper = self._folder / f"chromium-in-cgroup-{len(list(self._folder.iterdir()))}.sh"
        joins = "".join(f'echo $$ > "{group}/cgroup.procs"\n' for group in self._limits.dirs)
        wrapper.write_text(f'#!/bin/sh\n{joins}exec "{executable}" "$@"\n')
        wrapper.chmod(0o755)
        return str(wrapper)

    def kills(self) -> int:
        """How many of the browser's processes the kernel killed for memory so far."""
        if self._limits is None:
            return 0
        for note in limit_events(self._limits.dirs):
            if note.startswith("hit the memory limit ("):
                return int(note.split("(")[1].split()[0])
            if note == "hit the memory limit":
                return 1
        return 0

    def describe(self) -> str:
        return (f"the page used more than {self.limit_bytes / 2**20:g} MiB of memory, the browser's limit "
                "(--llm-browser-memory-mb): the kernel killed it")

    def close(self) -> None:
        if self._limits is not None:
            self._limits.kill_all()
            self._limits = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
