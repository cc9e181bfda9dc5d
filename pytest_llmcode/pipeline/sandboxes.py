"""The sandboxes of a run's cases: each named after its case and purpose, hiding what generated code
must not see, and, where the backend allows it, serving a worker's cases in one network where its
browser runs (``--llm-browser-scope=worker``)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pytest_llmcode.core.commit_challenge import cache_root as commit_cache
from pytest_llmcode.sandbox.base import NO_REACH, Backend, Reach, Sandbox, SandboxRequest
from pytest_llmcode.sandbox.config import SandboxConfig
from pytest_llmcode.sandbox.files import npm_cache_dir
from pytest_llmcode.sandbox.netns import NetNamespace
from pytest_llmcode.sandbox.registry import backends


class CaseSandboxes:
    def __init__(self, config: SandboxConfig, output: Path, run_id: str, hidden: tuple[Path, ...] = (),
                 registry: dict[str, Backend] | None = None, browser_scope: str = "worker") -> None:
        """``hidden``: more folders generated code must not see (the project, say: other
        challenges' references and checks)."""
        self.config = config
        self.output = output
        self.run_id = run_id
        self.hidden = hidden
        self.registry = registry if registry is not None else backends()
        self.backend = self.registry[config.backend]
        self.browser_scope = browser_scope
        self._serving_network: NetNamespace | None = None

    def open(self, case_root: Path, challenge_dir: Path, purpose: str, reach: Reach = NO_REACH,
             private: tuple[Path, ...] = ()) -> Sandbox:
        """The sandbox of one case's stage (``build``, ``serve``, ``agent``, ...); ``private``: more
        host folders it must not see (a commit challenge's repository)."""
        where = case_root.relative_to(self.output)
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"llmcode-{self.run_id[:8]}-{os.getpid()}-{where}-{purpose}")
        # commit_cache: where commit challenges keep their hidden tests (under XDG_CACHE_HOME, wherever it is)
        hidden = (self.output, Path.home(), Path("/root"), Path("/home"), Path("/run"), challenge_dir,
                  npm_cache_dir().parent, commit_cache(), *private, *self.hidden)
        network = self.serving_network() if purpose == "serve" else None
        request = SandboxRequest(name, case_root / "workspace", hidden, reach, network)
        return self.backend.open(self.config, request)

    @property
    def shares_serving_network(self) -> bool:
        """Whether this worker serves its cases one after another in one network."""
        return self.browser_scope == "worker" and self.backend.shares_network

    def serving_network(self) -> NetNamespace | None:
        """The network this worker serves its cases in, one after another, where its one browser
        runs; None when each case is served in a network of its own (the backend cannot share one,
        or ``--llm-browser-scope=case``)."""
        if not self.shares_serving_network:
            return None
        if self._serving_network is None:
            self._serving_network = NetNamespace()
        return self._serving_network

    def close(self) -> None:
        if self._serving_network is not None:
            self._serving_network.close()
            self._serving_network = None
