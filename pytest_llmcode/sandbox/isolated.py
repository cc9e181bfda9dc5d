"""What the isolated backends (namespace, docker) share: a private HOME and TMPDIR, npm's cache
shared by cases, and, while dependencies install, the package registry reachable through a proxy
in the sandbox's network and nothing else."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pytest_llmcode.sandbox.base import CommandSandbox
from pytest_llmcode.sandbox.files import npm_cache_dir, shared_cache
from pytest_llmcode.sandbox.netns import NetNamespace
from pytest_llmcode.sandbox.proxy import RegistryProxy

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")


class RegistryAccess(CommandSandbox):
    """Mixed into a backend whose :attr:`network` is its own namespace."""

    isolated = True
    proxy: RegistryProxy | None = None
    npm_cache: Path

    def _use_npm_cache(self) -> Path:
        self.npm_cache = shared_cache(npm_cache_dir())
        return self.npm_cache

    def env(self, base: Mapping[str, str], *, network: bool = False) -> dict[str, str]:
        env = super().env(base, network=network)
        namespace = self.network
        if namespace is None:
            return env
        env.update({"HOME": "/tmp", "TMPDIR": "/tmp", "npm_config_cache": str(self.npm_cache)})
        for key in PROXY_VARIABLES:
            env.pop(key, None)
        if network:
            if self.proxy is None:
                self.proxy = RegistryProxy(namespace, {*self.config.allowed_hosts, *self.request.extra_hosts})
            env.update({"npm_config_proxy": self.proxy.url, "npm_config_https_proxy": self.proxy.url,
                        "HTTPS_PROXY": self.proxy.url, "HTTP_PROXY": self.proxy.url,
                        "npm_config_ignore_scripts": "true"})
        return env

    def notes(self) -> list[str]:
        found = super().notes()
        refused = self.proxy.refused if self.proxy is not None else []
        if refused:
            found.append("network access refused during install: " + ", ".join(sorted(set(refused))[:10]))
        return found

    def end_network(self) -> None:
        if self.proxy is not None:
            self.proxy.close()

    def close(self) -> None:
        if self.proxy is not None:
            self.proxy.close()
        super().close()


def own_network(network: NetNamespace | None) -> NetNamespace:
    """``network`` (a worker's, shared) or a new namespace of the sandbox's own."""
    return network if network is not None else NetNamespace()
