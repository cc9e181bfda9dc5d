"""What a run's sandbox is: the backend it resolved to, its limits, the registries installs may reach."""

from __future__ import annotations

import dataclasses
import os
import re
from urllib.parse import urlparse

SANDBOX_UID = 65534  # nobody
DEFAULT_REGISTRY = "https://registry.npmjs.org/"


class SandboxUnavailable(Exception):
    """The sandbox asked for cannot be had on this host; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class SandboxConfig:
    backend: str  # a backend's name ("namespace", "docker", "none", or a plugin's), after ``auto``
    memory_bytes: int = 4 * 1024**3
    max_pids: int = 1024
    file_size_bytes: int = 1024**3
    workspace_bytes: int = 4 * 1024**3
    workspace_files: int = 100_000  # files and folders (inodes) of a workspace, node_modules included
    allowed_hosts: frozenset[str] = frozenset()
    limits: bool = True  # cgroups usable
    warning: str | None = None  # why the run is less isolated than asked (shown in the summary)
    where: str = ""  # the backend's isolation, in words

    def describe(self) -> str:
        limits = (f"{self.memory_bytes // 2**20} MiB, {self.max_pids} processes" if self.limits
                  else "no memory or process limits")
        where = f"{self.where}; " if self.where else ""
        return f"{self.backend} ({where}{limits}; files up to {self.file_size_bytes // 2**20} MiB)"


PYPI_HOSTS = ("pypi.org", "files.pythonhosted.org")
# an install command that fetches Python packages: its sandbox may reach PyPI too
_PYTHON_INSTALL = re.compile(r"(^|[\s/;&|(])(pip3?|uv|poetry|pipenv|pdm)\s|-m\s+pip\b")


def stack_registries(install: str) -> tuple[str, ...]:
    """The registries an install command needs beyond npm's: PyPI (and the hosts of ``PIP_INDEX_URL``,
    ``PIP_EXTRA_INDEX_URL`` and ``UV_INDEX_URL``) for one that installs Python packages, else none."""
    if not _PYTHON_INSTALL.search(install):
        return ()
    hosts = list(PYPI_HOSTS)
    for variable in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "UV_INDEX_URL"):
        for url in os.environ.get(variable, "").split():
            if urlparse(url).scheme == "https" and urlparse(url).hostname:
                hosts.append(str(urlparse(url).hostname))
    return tuple(dict.fromkeys(hosts))


def registry_hosts() -> frozenset[str]:
    """The package registries dependency installation may reach: npm's configured registry (or
    npmjs.org), plus ``LLMCODE_ALLOW_HOSTS`` (comma-separated host names)."""
    hosts = set()
    configured = os.environ.get("npm_config_registry") or os.environ.get("NPM_CONFIG_REGISTRY") or DEFAULT_REGISTRY
    if urlparse(configured).hostname:
        hosts.add(str(urlparse(configured).hostname))
    hosts |= {h.strip() for h in os.environ.get("LLMCODE_ALLOW_HOSTS", "").split(",") if h.strip()}
    return frozenset(hosts)
