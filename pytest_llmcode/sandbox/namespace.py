"""``--llm-sandbox=namespace``: each case's commands run in a network namespace with only loopback
(its own, or the worker's serving network, shared by the cases it serves one after another), under
bubblewrap (the host read-only, home folders and other results hidden, a private /tmp) as the user
nobody, in the case's cgroup, so that limits hold and nothing outlives the case. Needs root."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from pytest_llmcode.sandbox.base import Backend, SandboxRequest
from pytest_llmcode.sandbox.config import SANDBOX_UID, SandboxConfig
from pytest_llmcode.sandbox.files import give_to_sandbox_user
from pytest_llmcode.sandbox.host import HostSandbox
from pytest_llmcode.sandbox.isolated import RegistryAccess
from pytest_llmcode.sandbox.netns import NetNamespace

_NEEDED = ("/usr", "/bin", "/sbin", "/lib", "/lib64", "/etc")


def _parents(path: Path) -> list[str]:
    """bwrap arguments that make the missing parents of ``path`` traversable (bwrap would make them 0700)."""
    args = []
    for parent in reversed(path.parents[:-1]):
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _hideable(paths: tuple[Path, ...]) -> list[Path]:
    """The folders of ``paths`` that can be hidden without hiding what commands need to run
    (system folders, and where node and npm live, e.g. a Node.js under ~/.nvm)."""
    needed = [Path(p) for p in _NEEDED]
    for tool in ("node", "npm"):
        found = shutil.which(tool)
        if found:
            needed += [Path(found).parent, Path(os.path.realpath(found)).parent]
    return [p for p in dict.fromkeys(paths) if p.is_dir() and not any(n == p or p in n.parents for n in needed)]


class NamespaceSandbox(RegistryAccess, HostSandbox):
    def __init__(self, config: SandboxConfig, request: SandboxRequest) -> None:
        self._namespace: NetNamespace | None = None
        self._shared = request.network is not None
        super().__init__(config, request)
        try:
            self._namespace = request.network if self._shared else NetNamespace()
            self._use_npm_cache()
            self._name_endpoints()
            give_to_sandbox_user(request.workspace)
        except BaseException:
            self.close()
            raise

    @property
    def network(self) -> NetNamespace | None:
        return self._namespace

    @property
    def shared_network(self) -> bool:
        return self._shared

    def argv(self, command: str, cwd: Path, env: Mapping[str, str]) -> list[str]:
        self._check_open()
        assert self._namespace is not None
        mounts = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--tmpfs", "/tmp",
                  "--perms", "1777", "--tmpfs", "/var/tmp",
                  "--perms", "1777", "--tmpfs", "/dev/shm"]
        for path in _hideable(self.request.hidden):
            mounts += [*_parents(path), "--tmpfs", str(path)]
        for path in self.request.reach.folders:  # where an agent's program is installed
            mounts += [*_parents(path), "--ro-bind", str(path), str(path)]
        if self.hosts_path is not None:
            mounts += ["--ro-bind", str(self.hosts_path), "/etc/hosts"]
        for path in (self.workspace, self.npm_cache):
            mounts += [*_parents(path), "--bind", str(path), str(path)]
        return [*self._namespace.enter(), "bwrap", *mounts, "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--die-with-parent", "--new-session", "--chdir", str(cwd), "--",
                "setpriv", f"--reuid={SANDBOX_UID}", f"--regid={SANDBOX_UID}", "--clear-groups", "--",
                "/bin/sh", "-c", command]

    def close(self) -> None:
        super().close()
        if self._namespace is not None and not self._shared:
            self._namespace.close()
        self._namespace = None


def namespace_problem() -> str | None:
    """Why the namespace backend cannot run here, or None if it can."""
    if os.geteuid() != 0:
        return "it needs root (network namespaces and cgroups); run as root, or in a container or VM you own"
    for tool in ("unshare", "nsenter", "bwrap", "ip", "setpriv"):
        if shutil.which(tool) is None:
            package = {"bwrap": "bubblewrap", "ip": "iproute2", "setpriv": "util-linux"}.get(tool, "util-linux")
            return f"`{tool}` is not installed (Debian/Ubuntu: apt-get install {package})"
    try:
        namespace = NetNamespace()
    except OSError as exc:
        return f"this host does not allow network namespaces: {exc}"
    try:
        done = subprocess.run(
            [*namespace.enter(), "bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
             "--unshare-pid", "--", "true"],
            capture_output=True, text=True, timeout=20,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"bubblewrap does not run here: {exc}"
    finally:
        namespace.close()
    if done.returncode != 0:
        return f"bubblewrap does not run here: {done.stderr.strip()[:300]}"
    return None


BACKEND = Backend("namespace", "own loopback-only network, host read-only, as nobody", NamespaceSandbox,
                  problem=namespace_problem, shares_network=True)
