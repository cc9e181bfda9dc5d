"""A per-model limit on requests in flight, shared by threads and pytest-xdist workers (file locks)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path


class ConcurrencyLimit:
    """At most ``slots`` holders at once, across processes, by ``flock`` on one file per slot."""

    def __init__(self, folder: Path, name: str, slots: int) -> None:
        self.folder = folder / re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
        self.slots = slots

    def _acquire(self) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        while True:
            for slot in range(self.slots):
                fd = os.open(self.folder / f"slot-{slot}", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    os.close(fd)
                    continue
                return fd
            time.sleep(0.05)

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        fd = self._acquire()
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
