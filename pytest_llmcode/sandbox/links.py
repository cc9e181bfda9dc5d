"""Links that generated code leaves in its workspace: one that points out of it (``leak.txt ->
/root/.secret``, ``env -> /proc/self/environ``) would make every host reader that follows links
(a copy, an upload, a report) carry host files into the evidence. Each stage that ran generated
code ends by removing them; links inside the workspace (``node_modules/.bin``) stay."""

from __future__ import annotations

import os
import stat
from pathlib import Path

SHOWN = 5  # links named in a failure; the rest are counted


def stays_inside(link: str | Path, root: str | Path) -> bool:
    """Whether ``link`` resolves (as the file system stands, links through links included) inside ``root``."""
    target, base = os.path.realpath(link), os.path.realpath(root)
    return target == base or target.startswith(base + os.sep)


def remove_escaping_links(root: Path) -> list[str]:
    """Remove every link under ``root`` whose target (resolved as the file system stands, links
    through links included) is outside ``root``; returns them as ``relative -> target``. Nothing is
    followed on the way."""
    removed = []
    for current, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(current, name)
            try:
                if not stat.S_ISLNK(os.lstat(path).st_mode):
                    continue
                target = os.readlink(path)
                if stays_inside(path, root):
                    continue
                os.unlink(path)
            except OSError:
                continue  # gone meanwhile
            removed.append(f"{os.path.relpath(path, root)} -> {target}")
    return sorted(removed)


def describe(removed: list[str], what: str) -> str:
    """``[sandbox] the build left a link to /root/.secret (leak.txt -> /root/.secret) ...``"""
    first = removed[0].split(" -> ", 1)[1]
    listed = "; ".join(removed[:SHOWN]) + (f"; {len(removed) - SHOWN} more" if len(removed) > SHOWN else "")
    return (f"[sandbox] {what} left a link to {first} ({listed}), out of the workspace: removed, so that no "
            f"host file reaches the evidence; links out of the workspace are not allowed")
