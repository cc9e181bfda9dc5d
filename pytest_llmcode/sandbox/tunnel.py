"""Moving bytes between two sockets until either side closes: the registry proxy's tunnels and the
forwarders that put an agent's endpoint inside its sandbox's network."""

from __future__ import annotations

import selectors
import socket
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
