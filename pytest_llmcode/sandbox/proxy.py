"""The only way out of a case's network namespace while dependencies install: an HTTP CONNECT
proxy listening on the namespace's loopback that tunnels to the package registry and nothing else.

The listening socket is made inside the namespace; the tunnels are opened from the host. Every
destination refused is recorded, so the report can say what the install tried."""

from __future__ import annotations

import select
import socket
import threading

from pytest_llmcode.sandbox.netns import NetNamespace


def _pipe(a: socket.socket, b: socket.socket) -> None:
    sockets = [a, b]
    try:
        while True:
            readable, _, _ = select.select(sockets, [], [], 300)
            if not readable:
                return
            for source in readable:
                data = source.recv(65536)
                if not data:
                    return
                (b if source is a else a).sendall(data)
    except OSError:
        return
    finally:
        a.close()
        b.close()


class RegistryProxy:
    def __init__(self, namespace: NetNamespace, allowed_hosts: set[str]) -> None:
        self.allowed = {h.lower() for h in allowed_hosts}
        self.refused: list[str] = []
        self._server = namespace.listen()
        self.port = int(self._server.getsockname()[1])
        self._closed = False
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        try:
            client.settimeout(30)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 16384:
                chunk = client.recv(4096)
                if not chunk:
                    client.close()
                    return
                head += chunk
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = request_line.split()
            if len(parts) < 2 or parts[0].upper() != "CONNECT":
                self.refused.append(request_line[:200])
                client.sendall(b"HTTP/1.1 405 Only CONNECT to the package registry\r\nContent-Length: 0\r\n\r\n")
                client.close()
                return
            host, _, port_text = parts[1].rpartition(":")
            port = int(port_text) if port_text.isdigit() else 0
            if host.lower().strip("[]") not in self.allowed or port != 443:
                self.refused.append(parts[1])
                client.sendall(b"HTTP/1.1 403 Not the package registry\r\nContent-Length: 0\r\n\r\n")
                client.close()
                return
            upstream = socket.create_connection((host, port), timeout=30)  # from the host's namespace
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            client.settimeout(None)
            upstream.settimeout(None)
            _pipe(client, upstream)
        except (OSError, ValueError):
            client.close()

    def close(self) -> None:
        self._closed = True
        self._server.close()
