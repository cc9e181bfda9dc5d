"""A network namespace with only loopback, held open by a sleeping process, and sockets made
inside it from this process (a thread that joins the namespace creates them)."""

from __future__ import annotations

import ctypes
import os
import socket
import subprocess
import threading
from collections.abc import Callable
from typing import Any, TypeVar

CLONE_NEWNET = 0x40000000
T = TypeVar("T")


def _libc() -> Any:
    return ctypes.CDLL(None, use_errno=True)


class NetNamespace:
    """``unshare --net`` holding a fresh namespace; ``lo`` is brought up. Nothing outside is reachable
    from it, and nothing in it is reachable from the host."""

    def __init__(self) -> None:
        # the holder lives until its stdin closes: when this process ends, however it ends, so does it
        holder = subprocess.Popen(
            ["unshare", "--net", "--", "sh", "-c", "exec cat > /dev/null"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self._holder: subprocess.Popen[bytes] | None = holder
        self.pid = holder.pid
        self._fd: int | None = None
        try:
            self._wait_for_namespace()
            # held open here: commands enter the namespace through this descriptor, never by a pid
            # that could be reused if the holder died
            self._fd = os.open(f"/proc/{self.pid}/ns/net", os.O_RDONLY)
            subprocess.run([*self.enter(), "ip", "link", "set", "lo", "up"], check=True, capture_output=True,
                           timeout=10)
        except (OSError, subprocess.SubprocessError) as exc:
            self.close()
            raise OSError(f"cannot set up a network namespace: {exc}") from exc

    @classmethod
    def of_process(cls, pid: int) -> NetNamespace:
        """The network namespace process ``pid`` is in (a container's, say), held by a descriptor
        from now on; closing it leaves the namespace to its owner."""
        joined = cls.__new__(cls)
        joined._holder = None
        joined.pid = pid
        joined._fd = os.open(f"/proc/{pid}/ns/net", os.O_RDONLY)
        return joined

    def _wait_for_namespace(self) -> None:
        mine = os.readlink("/proc/self/ns/net")
        for _ in range(200):
            assert self._holder is not None
            if self._holder.poll() is not None:
                error = self._holder.stderr.read().decode(errors="replace") if self._holder.stderr else ""
                raise OSError(f"`unshare --net` exited with status {self._holder.returncode}: {error.strip()}")
            try:
                if os.readlink(f"/proc/{self.pid}/ns/net") != mine:
                    return
            except OSError:
                pass
            threading.Event().wait(0.01)
        raise OSError("`unshare --net` did not enter a new namespace within 2s")

    def enter(self) -> list[str]:
        """The argv prefix that runs a command inside the namespace."""
        if self._fd is None:
            raise OSError("the network namespace is closed")
        return ["nsenter", f"--net=/proc/{os.getpid()}/fd/{self._fd}", "--"]

    def inside(self, work: Callable[[], T]) -> T:
        """Run ``work`` in a thread that has joined the namespace (sockets it makes live there)."""
        outcome: dict[str, Any] = {}

        def target() -> None:
            try:
                if self._fd is None:
                    raise OSError("the network namespace is closed")
                if _libc().setns(self._fd, CLONE_NEWNET) != 0:
                    raise OSError(ctypes.get_errno(), "setns into the case's network namespace failed")
                outcome["value"] = work()
            except BaseException as exc:  # handed to the caller
                outcome["error"] = exc

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]  # type: ignore[no-any-return]

    def connect(self, host: str, port: int, timeout: float) -> socket.socket:
        return self.inside(lambda: socket.create_connection((host, port), timeout=timeout))

    def listen(self, host: str = "127.0.0.1", port: int = 0) -> socket.socket:
        def make() -> socket.socket:
            server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind((host, port))
            server.listen(64)
            return server
        return self.inside(make)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._holder is None:
            return
        if self._holder.poll() is None:
            self._holder.kill()
        self._holder.wait()
        for stream in (self._holder.stdin, self._holder.stderr):
            if stream is not None:
                stream.close()
