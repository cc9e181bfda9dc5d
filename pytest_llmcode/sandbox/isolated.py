"""What the isolated backends (namespace, docker) share: a private HOME and TMPDIR, npm's cache
shared by cases, while dependencies install the package registry reachable through a proxy in the
sandbox's network and nothing else, and, for an agent, its model endpoint at its own address (see
:mod:`pytest_llmcode.sandbox.forward`)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from pytest_llmcode.sandbox.base import CommandSandbox
from pytest_llmcode.sandbox.files import npm_cache_dir, shared_cache
from pytest_llmcode.sandbox.forward import Forwarder, hosts_file
from pytest_llmcode.sandbox.netns import NetNamespace
from pytest_llmcode.sandbox.proxy import RegistryProxy

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")
NO_PROXY_VARIABLES = ("NO_PROXY", "no_proxy")


class RegistryAccess(CommandSandbox):
    """Mixed into a backend whose :attr:`network` is its own namespace."""

    isolated = True
    proxy: RegistryProxy | None = None
    forwarder: Forwarder | None = None
    hosts_path: Path | None = None  # the sandbox's /etc/hosts, when an endpoint has a host name
    _private: Path | None = None
    npm_cache: Path

    def _use_npm_cache(self) -> Path:
        self.npm_cache = shared_cache(npm_cache_dir())
        return self.npm_cache

    def _name_endpoints(self) -> None:
        """Before any command starts: the ``/etc/hosts`` that gives the endpoints' host names their
        addresses inside the sandbox."""
        endpoints = self.request.reach.endpoints
        if endpoints and self._private is None:
            self._private = Path(tempfile.mkdtemp(prefix="llmcode-reach-"))
            self._private.chmod(0o755)
            self.hosts_path = hosts_file(endpoints, self._private)

    def env(self, base: Mapping[str, str], *, network: bool = False) -> dict[str, str]:
        env = super().env(base, network=network)
        namespace = self.network
        if namespace is None:
            return env
        env.update({"HOME": "/tmp", "TMPDIR": "/tmp", "npm_config_cache": str(self.npm_cache)})
        for key in (*PROXY_VARIABLES, *NO_PROXY_VARIABLES):
            env.pop(key, None)
        endpoints = self.request.reach.endpoints
        if endpoints and self.forwarder is None:
            self.forwarder = Forwarder(namespace, endpoints)
        if network:
            if self.proxy is None:
                self.proxy = RegistryProxy(namespace, {*self.config.allowed_hosts, *self.request.reach.hosts},
                                           endpoints)
            env.update({"npm_config_proxy": self.proxy.url, "npm_config_https_proxy": self.proxy.url,
                        "HTTPS_PROXY": self.proxy.url, "HTTP_PROXY": self.proxy.url,
                        "npm_config_ignore_scripts": "true"})
            if endpoints:  # straight to their own address, not through the proxy
                direct = ",".join(dict.fromkeys(host for host, _ in endpoints))
                env.update({name: direct for name in NO_PROXY_VARIABLES})
        return env

    def notes(self) -> list[str]:
        found = super().notes()
        refused = self.proxy.refused if self.proxy is not None else []
        if refused:
            reachable = "the package registry" + (" and the agent's hosts" if self.request.reach.hosts else "")
            found.append(f"network access refused (only {reachable} can be reached): "
                         + ", ".join(sorted(set(refused))[:10]))
        failed = self.forwarder.refused if self.forwarder is not None else []
        if failed:
            found.append("the agent's endpoint could not be reached from the host: " + ", ".join(sorted(set(failed))))
        return found

    def end_network(self) -> None:
        if self.proxy is not None:
            self.proxy.close()

    def close(self) -> None:
        if self.proxy is not None:
            self.proxy.close()
        if self.forwarder is not None:
            self.forwarder.close()
        if self._private is not None:
            shutil.rmtree(self._private, ignore_errors=True)
        super().close()


def own_network(network: NetNamespace | None) -> NetNamespace:
    """``network`` (a worker's, shared) or a new namespace of the sandbox's own."""
    return network if network is not None else NetNamespace()
