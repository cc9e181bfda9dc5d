"""``--llm-sandbox=docker``: a container per case (see :mod:`pytest_llmcode.sandbox.container`), with
no network but its own loopback, the host's system read-only, as nobody, with its own limits;
commands run in it with ``docker exec``, and it is removed when the sandbox closes."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pytest_llmcode.sandbox.base import Backend, SandboxRequest
from pytest_llmcode.sandbox.config import SandboxConfig
from pytest_llmcode.sandbox.container import CaseContainer, docker_problem
from pytest_llmcode.sandbox.files import give_to_sandbox_user
from pytest_llmcode.sandbox.isolated import RegistryAccess
from pytest_llmcode.sandbox.limits import limit_events
from pytest_llmcode.sandbox.netns import NetNamespace


class DockerSandbox(RegistryAccess):
    def __init__(self, config: SandboxConfig, request: SandboxRequest) -> None:
        self.container: CaseContainer | None = None
        super().__init__(config, request)
        try:
            self._use_npm_cache()
            self._name_endpoints()
            give_to_sandbox_user(request.workspace)
            readonly = {str(path): str(path) for path in request.reach.folders}
            if self.hosts_path is not None:
                readonly[str(self.hosts_path)] = "/etc/hosts"
            self.container = CaseContainer(config, request.name, [request.workspace, self.npm_cache],
                                           list(request.hidden), readonly)
        except BaseException:
            self.close()
            raise

    @property
    def network(self) -> NetNamespace | None:
        return self.container.network if self.container is not None else None

    def argv(self, command: str, cwd: Path, env: Mapping[str, str]) -> list[str]:
        self._check_open()
        if self.container is None:
            raise RuntimeError("this case's container is gone; nothing more may run in it")
        return self.container.exec_argv(command, cwd, env)

    def notes(self) -> list[str]:
        events = limit_events(self.container.groups) if self.container is not None else []
        return [*events, *super().notes()]

    def close(self) -> None:
        super().close()
        if self.container is not None:
            self.container.close()  # its namespace with it
            self.container = None


BACKEND = Backend("docker", "a container per case, no network, host system read-only, as nobody", DockerSandbox,
                  problem=docker_problem, cgroup_limits=False)
