"""Where the browser puts what pages download: a folder of its own, bounded. As root it is a tmpfs
a little larger than the download limit (``--llm-max-download-mb``), so no page can fill the
host's disk however it downloads; elsewhere a plain folder, emptied after each test. Checks save a
download through :func:`pytest_llmcode.verify.save_download`, which bounds its size and time."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

MARGIN = 8 * 2**20  # over the limit, so that a check sees "too large" before "no space left"


class DownloadFolder:
    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        self.path = Path(tempfile.mkdtemp(prefix="llmcode-downloads-"))
        self.bounded = False  # whether the file system itself bounds it (a tmpfs)
        if os.geteuid() == 0 and shutil.which("mount"):
            size = limit_bytes + MARGIN
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "llmcode-downloads",
                                   str(self.path)], capture_output=True, timeout=10)
            self.bounded = done.returncode == 0

    def used(self) -> int:
        """Bytes in the folder now (downloads in progress included)."""
        total = 0
        for entry in os.scandir(self.path):
            try:
                total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                pass
        return total

    def partial(self) -> bool:
        """Whether a download is still being written (Chromium's ``.crdownload`` files)."""
        return any(entry.name.endswith(".crdownload") for entry in os.scandir(self.path))

    def clear(self) -> None:
        for entry in os.scandir(self.path):
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
            except OSError:
                pass

    def close(self) -> None:
        if self.bounded:
            subprocess.run(["umount", "-l", str(self.path)], capture_output=True, timeout=10)
            self.bounded = False
        shutil.rmtree(self.path, ignore_errors=True)
