"""Moving bytes between two sockets until either side closes: the registry proxy's tunnels and the
forwarders that put an agent's endpoint inside its sandbox's network, both :class:`Relay` s."""

from __future__ import annotations

import selectors
import socket
import threading
from collections.abc import Callable

IDLE_S = 300


def shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


def pipe(a: socket.socket, b: socket.socket, closed: Callable[[], bool]) -> None:
    """Copy each side's bytes to the other until one closes, nothing moves for :data:`IDLE_S`, or
    ``closed()`` says the owner has closed."""
    with selectors.DefaultSelector() as selector:
        selector.register(a, selectors.EVENT_READ, b)
        selector.register(b, selectors.EVENT_READ, a)
        while not closed():
            events = selector.select(timeout=IDLE_S)
            if not events:
                return
            for key, _ in events:
                data = key.fileobj.recv(65536)  # type: ignore[union-attr]
                if not data:
                    return
                key.data.sendall(data)


class Unreachable(OSError):
    """The target of a relayed connection could not be reached."""


class Relay:
    """Listening sockets whose connections are each handled on a thread of their own, at most
    ``limit`` at once (more are shut at once); every socket it holds (listeners, clients, their
    upstreams) is ended by :meth:`close`, and none is taken on after it."""

    def __init__(self, limit: int) -> None:
        self.closed = False
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._slots = threading.BoundedSemaphore(limit)

    def listen_on(self, server: socket.socket, handle: Callable[[socket.socket], None]) -> None:
        """Accept connections on ``server`` (closed by :meth:`close`) and give each to ``handle``,
        which may raise OSError or ValueError: the connection is then ended."""
        if not self._track(server):
            shut(server)
            return
        threading.Thread(target=self._accept, args=(server, handle), daemon=True).start()

    def _track(self, sock: socket.socket) -> bool:
        with self._lock:
            if self.closed:
                return False
            self._open.add(sock)
            return True

    def _end(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.discard(sock)
        shut(sock)

    def _accept(self, server: socket.socket, handle: Callable[[socket.socket], None]) -> None:
        while not self.closed:
            try:
                client, _ = server.accept()
            except OSError:
                return
            if not self._slots.acquire(blocking=False):
                shut(client)  # too many at once
                continue
            threading.Thread(target=self._serve_one, args=(client, handle), daemon=True).start()

    def _serve_one(self, client: socket.socket, handle: Callable[[socket.socket], None]) -> None:
        try:
            if self._track(client):
                handle(client)
        except (OSError, ValueError):
            pass
        finally:
            self._end(client)
            self._slots.release()

    def join(self, client: socket.socket, target: tuple[str, int], timeout: float, *, reply: bytes = b"",
             first: bytes = b"") -> None:
        """Connect from the host's namespace to ``target`` (:class:`Unreachable` if that fails), send
        ``reply`` to the client and ``first`` on to the target, then copy both ways until either side
        closes or the relay does."""
        try:
            upstream = socket.create_connection(target, timeout=timeout)
        except OSError as exc:
            raise Unreachable(exc.errno, exc.strerror or str(exc)) from exc
        try:
            if not self._track(upstream):
                return
            upstream.settimeout(None)  # close() ends a blocked send
            client.sendall(reply)
            upstream.sendall(first)
            pipe(client, upstream, lambda: self.closed)
        finally:
            self._end(upstream)

    def close(self) -> None:
        """Stop listening and end every connection."""
        with self._lock:
            self.closed = True
            sockets = list(self._open)
            self._open.clear()
        for sock in sockets:
            shut(sock)
