"""Per-case resource limits: a cgroup (v1 or v2) with a memory and a process-count limit, which also
lists every process of the case so that none outlives it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


def _v2_root() -> Path | None:
    controllers = CGROUP_ROOT / "cgroup.controllers"
    if not controllers.is_file():
        return None
    wanted = {"memory", "pids"}
    try:
        if not wanted <= set((CGROUP_ROOT / "cgroup.subtree_control").read_text().split()):
            return None
    except OSError:
        return None
    return CGROUP_ROOT


def _v1_roots() -> list[Path] | None:
    roots = [CGROUP_ROOT / "pids", CGROUP_ROOT / "memory"]
    return roots if all((r / "cgroup.procs").is_file() for r in roots) else None


def cgroups_available() -> str | None:
    """Why per-case cgroups cannot be used here, or None if they can."""
    probe = f"llmcode-probe-{os.getpid()}"
    v2 = _v2_root()
    roots = [v2] if v2 is not None else (_v1_roots() or [])
    if not roots:
        return "no cgroup v2 with the memory and pids controllers, nor cgroup v1 pids and memory hierarchies"
    try:
        for root in roots:
            (root / probe).mkdir()
            (root / probe).rmdir()
    except OSError as exc:
        return f"cannot create a cgroup under {roots[0]}: {exc.strerror}"
    return None


def groups_of(pid: int) -> list[Path]:
    """The memory and pids cgroup folders process ``pid`` is in (a container's, say)."""
    found = []
    try:
        lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
    except OSError:
        return []
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controllers == "" and _v2_root() is not None:
            found.append(CGROUP_ROOT / path.lstrip("/"))
        for controller in ("memory", "pids"):
            if controller in controllers.split(","):
                found.append(CGROUP_ROOT / controller / path.lstrip("/"))
    return [group for group in found if group.is_dir()]


def limit_events(groups: list[Path]) -> list[str]:
    """Limits the processes of these cgroups ran into, in words."""
    notes = []
    for group in groups:
        for name, key, words in (("pids.events", "max", "process-count limit ({n} forks refused)"),
                                 ("memory.events", "oom_kill", "memory limit ({n} processes killed)")):
            try:
                fields = dict(line.split() for line in (group / name).read_text().splitlines())
            except (OSError, ValueError):
                continue
            if int(fields.get(key, "0")):
                notes.append("hit the " + words.format(n=fields[key]))
        try:  # cgroup v1
            fields = dict(line.split() for line in (group / "memory.oom_control").read_text().splitlines())
            if int(fields.get("oom_kill", "0")):
                notes.append(f"hit the memory limit ({fields['oom_kill']} processes killed)")
            elif int((group / "memory.failcnt").read_text()):
                notes.append("hit the memory limit")
        except (OSError, ValueError):
            pass
    return sorted(set(notes))


class CaseLimits:
    """The cgroup(s) of one case; a command joins them by writing its pid to each ``cgroup.procs``."""

    def __init__(self, name: str, memory_bytes: int, max_pids: int) -> None:
        self.dirs: list[Path] = []
        v2 = _v2_root()
        if v2 is not None:
            group = v2 / name
            group.mkdir(exist_ok=True)
            (group / "memory.max").write_text(str(memory_bytes))
            if (group / "memory.swap.max").exists():
                (group / "memory.swap.max").write_text("0")
            (group / "pids.max").write_text(str(max_pids))
            self.dirs = [group]
        else:
            roots = _v1_roots()
            if roots is None:
                raise OSError("no usable cgroup hierarchy")
            pids_root, memory_root = roots
            for root in roots:
                (root / name).mkdir(exist_ok=True)
            (pids_root / name / "pids.max").write_text(str(max_pids))
            (memory_root / name / "memory.limit_in_bytes").write_text(str(memory_bytes))
            self.dirs = [pids_root / name, memory_root / name]

    def pids(self) -> set[int]:
        found: set[int] = set()
        for group in self.dirs:
            try:
                found |= {int(p) for p in (group / "cgroup.procs").read_text().split()}
            except OSError:
                pass
        return found

    def events(self) -> list[str]:
        """Limits the case ran into, in words."""
        return limit_events(self.dirs)

    def kill_all(self) -> None:
        """End every process of the case, daemons included, then remove the cgroups."""
        for _ in range(50):
            remaining = self.pids()
            if not remaining:
                break
            for pid in remaining:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)
        for group in self.dirs:
            try:
                group.rmdir()
            except OSError:
                pass
