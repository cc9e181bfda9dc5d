"""The only way out of a case's network namespace while dependencies install: an HTTP CONNECT
proxy listening on the namespace's loopback that tunnels to the package registry and nothing else.

The listening socket is made inside the namespace; the tunnels are opened from the host. Every
destination refused is recorded, so the report can say what the install tried. Closing it ends
the tunnels too, so nothing started during install keeps a way out."""

from __future__ import annotations

import selectors
import socket
import threading

from pytest_llmcode.sandbox.netns import NetNamespace

MAX_TUNNELS = 64
MAX_RECORDED = 50


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


class RegistryProxy:
    def __init__(self, namespace: NetNamespace, allowed_hosts: set[str]) -> None:
        self.allowed = {h.lower() for h in allowed_hosts}
        self.refused: list[str] = []
        self._server = namespace.listen()
        self.port = int(self._server.getsockname()[1])
        self._closed = False
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_TUNNELS)
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _track(self, sock: socket.socket) -> bool:
        with self._lock:
            if self._closed:
                return False
            self._open.add(sock)
            return True

    def _refuse(self, client: socket.socket, what: str, answer: bytes) -> None:
        if len(self.refused) < MAX_RECORDED:
            self.refused.append(what)
        client.sendall(answer)

    def _serve(self) -> None:
        while not self._closed:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            if not self._slots.acquire(blocking=False):
                _shut(client)  # too many tunnels at once
                continue
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        try:
            if not self._track(client):
                return
            client.settimeout(30)
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 16384:
                chunk = client.recv(4096)
                if not chunk:
                    return
                head += chunk
            parts = head.split(b"\r\n", 1)[0].decode("latin-1").split()
            if len(parts) < 2 or parts[0].upper() != "CONNECT":
                self._refuse(client, " ".join(parts)[:200], b"HTTP/1.1 405 Only CONNECT to the package registry\r\n"
                                                            b"Content-Length: 0\r\n\r\n")
                return
            host, _, port_text = parts[1].rpartition(":")
            if host.lower() not in self.allowed or port_text != "443":
                self._refuse(client, parts[1][:200], b"HTTP/1.1 403 Not the package registry\r\n"
                                                     b"Content-Length: 0\r\n\r\n")
                return
            upstream = socket.create_connection((host, 443), timeout=30)  # from the host's namespace
            if not self._track(upstream):
                return
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            self._pipe(client, upstream)
        except (OSError, ValueError):
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    with self._lock:
                        self._open.discard(sock)
                    _shut(sock)
            self._slots.release()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(a, selectors.EVENT_READ, b)
            selector.register(b, selectors.EVENT_READ, a)
            while not self._closed:
                events = selector.select(timeout=300)
                if not events:
                    return
                for key, _ in events:
                    data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                    if not data:
                        return
                    key.data.sendall(data)

    def close(self) -> None:
        """Stop listening and end every tunnel."""
        with self._lock:
            self._closed = True
            tunnels = list(self._open)
        _shut(self._server)  # wakes the accept()
        for sock in tunnels:
            _shut(sock)
