"""``--llm-sandbox=none``: commands run on the host, as you, unisolated; still in the case's cgroup
(memory and process-count limits, where cgroups are usable) with file-size and core rlimits, so
that limits hold and nothing outlives the case."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path

from pytest_llmcode.sandbox.base import Backend, CommandSandbox, SandboxRequest
from pytest_llmcode.sandbox.config import SandboxConfig
from pytest_llmcode.sandbox.limits import CaseLimits


class HostSandbox(CommandSandbox):
    def __init__(self, config: SandboxConfig, request: SandboxRequest) -> None:
        super().__init__(config, request)
        self.limits: CaseLimits | None = None
        try:
            if config.limits:
                self.limits = CaseLimits(request.name, config.memory_bytes, config.max_pids)
        except BaseException:
            self.close()
            raise

    def wrap(self, command: str, cwd: Path, env: Mapping[str, str]) -> list[str]:
        """In the case's cgroup, with its rlimits (set by a shell before it executes the command:
        no Python runs between fork and exec), then :meth:`argv`."""
        joins = [f"echo $$ > {shlex.quote(str(group / 'cgroup.procs'))}" for group in
                 (self.limits.dirs if self.limits is not None else [])]
        blocks = max(1, self.config.file_size_bytes // 512)
        script = " && ".join([*joins, f"ulimit -f {blocks}", "ulimit -c 0", 'exec "$@"'])
        return ["/bin/sh", "-c", script, "llmcode-limits", *self.argv(command, cwd, env)]

    def notes(self) -> list[str]:
        return list(self.limits.events()) if self.limits is not None else []

    def close(self) -> None:
        super().close()
        if self.limits is not None:
            self.limits.kill_all()


BACKEND = Backend("none", "on the host, unisolated", HostSandbox, isolated=False, registry_proxy=False)
