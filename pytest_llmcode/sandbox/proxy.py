"""The only way out of a case's network namespace while dependencies install: an HTTP CONNECT
proxy listening on the namespace's loopback that tunnels to the package registry and nothing else.

The listening socket is made inside the namespace; the tunnels are opened from the host. Every
destination refused is recorded, so the report can say what the install tried. Closing it ends
the tunnels too, so nothing started during install keeps a way out."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from pytest_llmcode.sandbox.netns import NetNamespace
from pytest_llmcode.sandbox.tunnel import Relay

MAX_TUNNELS = 64
MAX_RECORDED = 50


def _endpoint(url: str) -> tuple[str, int] | None:
    """The host and port of an absolute-form ``http://`` request target, else None."""
    parsed = urlsplit(url)
    if parsed.scheme != "http" or not parsed.hostname:
        return None
    try:
        return parsed.hostname, parsed.port or 80
    except ValueError:
        return None


class RegistryProxy(Relay):
    """``allowed_hosts``: reached on port 443 (CONNECT); ``endpoints``: an agent's model endpoints,
    reached at their own port, by CONNECT or, for plain http, by a request in absolute form
    (``POST http://host:port/path``), which is passed on as it is."""

    def __init__(self, namespace: NetNamespace, allowed_hosts: set[str],
                 endpoints: tuple[tuple[str, int], ...] = ()) -> None:
        super().__init__(MAX_TUNNELS)
        self.allowed = {h.lower() for h in allowed_hosts}
        self.endpoints = {(h.lower(), p) for h, p in endpoints}
        self.refused: list[str] = []
        server = namespace.listen()
        self.port = int(server.getsockname()[1])
        self.listen_on(server, self._handle)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _refuse(self, client: socket.socket, what: str, answer: bytes) -> None:
        if len(self.refused) < MAX_RECORDED:
            self.refused.append(what)
        client.sendall(answer)

    def _handle(self, client: socket.socket) -> None:
        client.settimeout(30)
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 16384:
            chunk = client.recv(4096)
            if not chunk:
                return
            head += chunk
        parts = head.split(b"\r\n", 1)[0].decode("latin-1").split()
        connect = len(parts) >= 2 and parts[0].upper() == "CONNECT"
        target = _endpoint(parts[1]) if len(parts) >= 2 and not connect else None
        if target is not None and (target[0].lower(), target[1]) not in self.endpoints:
            target = None  # plain http to anything but an agent's endpoint: only CONNECT is served
        if connect:
            host, _, port_text = parts[1].rpartition(":")
            port = int(port_text) if port_text.isdigit() else 0
        elif target is not None:
            host, port = target
        else:
            self._refuse(client, " ".join(parts)[:200], b"HTTP/1.1 405 Only CONNECT to the package registry\r\n"
                                                        b"Content-Length: 0\r\n\r\n")
            return
        if not ((host.lower() in self.allowed and port == 443) or (host.lower(), port) in self.endpoints):
            self._refuse(client, f"{host}:{port}"[:200], b"HTTP/1.1 403 Not the package registry\r\n"
                                                        b"Content-Length: 0\r\n\r\n")
            return
        if connect:
            self.join(client, (host, port), 30, reply=b"HTTP/1.1 200 Connection established\r\n\r\n")
        else:  # a plain-http request to an endpoint, passed on whole
            self.join(client, (host, port), 30, first=head)
