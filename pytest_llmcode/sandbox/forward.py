"""An agent's model endpoint inside its sandbox's network, at the address it was configured with.

The sandbox's network has only its own loopback, so ``http://127.0.0.1:8000/v1`` there would be
the sandbox itself, and a LAN or public host no address at all. For each endpoint ``host:port``
a listener is made inside the namespace at that address (an IP address as it is, added to the
namespace's loopback when it is not 127.x; a host name at a loopback address of its own, given
to it by the sandbox's ``/etc/hosts``), and each connection to it is joined, from the host, to
the real ``host:port``. Any scheme works (plain http, TLS end to end), and so does any client,
whether or not it honours proxy variables. Nothing else of the host's network is reachable."""

from __future__ import annotations

import functools
import ipaddress
import socket
import subprocess
from pathlib import Path

from pytest_llmcode.sandbox.netns import NetNamespace
from pytest_llmcode.sandbox.tunnel import Relay, Unreachable

Endpoint = tuple[str, int]
FIRST_ALIAS = 10  # host names get 127.0.0.10, 127.0.0.11, ...
CONNECT_TIMEOUT_S = 30
MAX_CONNECTIONS = 64


def listen_addresses(endpoints: tuple[Endpoint, ...]) -> dict[str, str]:
    """Each endpoint host's address inside the sandbox: an IPv4 address as it is, ``localhost`` as
    127.0.0.1, a host name a loopback address of its own."""
    found: dict[str, str] = {}
    for host, _ in endpoints:
        if host in found:
            continue
        try:
            found[host] = str(ipaddress.IPv4Address(host))
        except ValueError:
            found[host] = "127.0.0.1" if host == "localhost" else f"127.0.0.{FIRST_ALIAS + len(found)}"
    return found


def hosts_file(endpoints: tuple[Endpoint, ...], folder: Path) -> Path | None:
    """An ``/etc/hosts`` for the sandbox naming each endpoint host name's address inside it (None
    when every endpoint is an address)."""
    names = {host: address for host, address in listen_addresses(endpoints).items()
             if host != "localhost" and host != address}
    if not names:
        return None
    try:
        system = Path("/etc/hosts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        system = "127.0.0.1 localhost\n"
    path = folder / "hosts"
    path.write_text("".join(f"{address} {host}\n" for host, address in names.items()) + system, encoding="utf-8")
    path.chmod(0o644)
    return path


class Forwarder(Relay):
    """Listeners inside ``namespace`` for ``endpoints``, each joined to the real endpoint; ``close``
    ends them and every connection made through them."""

    def __init__(self, namespace: NetNamespace, endpoints: tuple[Endpoint, ...]) -> None:
        super().__init__(MAX_CONNECTIONS)
        self.refused: list[str] = []
        addresses = listen_addresses(endpoints)
        try:
            for host, port in dict.fromkeys(endpoints):
                address = addresses[host]
                if not ipaddress.IPv4Address(address).is_loopback:
                    subprocess.run([*namespace.enter(), "ip", "addr", "add", f"{address}/32", "dev", "lo"],
                                   check=True, capture_output=True, timeout=10)
                self.listen_on(namespace.listen(address, port), functools.partial(self._join, target=(host, port)))
        except (OSError, subprocess.SubprocessError) as exc:
            self.close()
            raise OSError(f"cannot make the agent's endpoint reachable in its sandbox: {exc}") from exc

    def _join(self, client: socket.socket, target: Endpoint) -> None:
        try:
            self.join(client, target, CONNECT_TIMEOUT_S)
        except Unreachable as exc:
            if len(self.refused) < 10:
                self.refused.append(f"{target[0]}:{target[1]} ({exc.strerror or exc})")
