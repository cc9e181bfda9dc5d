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


PREFIX = "llmcode-downloads-"


def remove_stale() -> None:
    """Unmount and remove the download folders of pytest processes that are gone (killed before
    they could clean up): a tmpfs keeps its memory until it is unmounted."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return
    for line in mounts:
        fields = line.split()
        if len(fields) < 2 or fields[0] != "llmcode-downloads":
            continue
        folder = Path(fields[1])
        pid = folder.name.removeprefix(PREFIX).split("-", 1)[0]
        if not folder.name.startswith(PREFIX) or not pid.isdigit() or Path(f"/proc/{pid}").exists():
            continue
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


class DownloadFolder:
    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        self.bounded = False  # whether the file system itself bounds it (a tmpfs)
        if os.geteuid() == 0 and shutil.which("mount"):
            remove_stale()
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
