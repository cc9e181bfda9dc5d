"""Run a case's commands: own process group, capped log, timeout, nothing left behind."""

from __future__ import annotations

import atexit
import dataclasses
import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import IO

LOG_CAP_BYTES = 2 * 1024 * 1024
_SECRET_NAME = re.compile(
    r"(API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE|ACCESS_KEY|_KEY$|_KEY_ID$|_PAT$|"
    r"DATABASE_URL|_DSN$|_PWD$)",
    re.I,
)
_URL_WITH_PASSWORD = re.compile(r"://[^/\s:@]+:[^/\s@]+@")


def scrubbed_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The runner's environment without keys, tokens and other secrets (by their names, and any value
    that is a URL with a password in it), plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not _SECRET_NAME.search(k) and not _URL_WITH_PASSWORD.search(v)}
    env.update(
        {
            "CI": "true",
            "BROWSER": "none",
            "npm_config_fund": "false",
            "npm_config_audit": "false",
            "npm_config_update_notifier": "false",
            # npm runs this for git dependencies, whatever a project's .npmrc says: refuse them all
            # (a model's `git=./evil.sh` with a git+file: dependency ran code at install)
            "npm_config_git": "false",
        }
    )
    env.update(extra or {})
    return env


def tail(path: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of a log file."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 64 * 1024))
            data = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(data.splitlines()[-lines:])


class _CappedCopy(threading.Thread):
    """Copies a process's output to its log file, up to a cap, noting what was cut."""

    def __init__(self, source: IO[bytes], log: IO[bytes], cap: int) -> None:
        super().__init__(daemon=True)
        self.source, self.log, self.cap = source, log, cap
        self.dropped = 0

    def run(self) -> None:
        written = 0
        for chunk in iter(lambda: self.source.read1(65536), b""):  # type: ignore[attr-defined]
            room = self.cap - written
            if room > 0:
                self.log.write(chunk[:room])
                self.log.flush()
                written += min(room, len(chunk))
            self.dropped += max(0, len(chunk) - max(room, 0))
        if self.dropped:
            self.log.write(f"\n[llmcode: log cut at {self.cap} bytes; {self.dropped} more bytes dropped]\n".encode())
            self.log.flush()


def kill_group(proc: subprocess.Popen[bytes], grace: float = 3.0) -> None:
    """Terminate the process group of ``proc``: SIGTERM, then SIGKILL after ``grace`` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # the leader is gone; make sure nothing else of its group is
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        break


_LIVE: set[Process] = set()


def stop_all() -> None:
    """Stop every process still running (an interrupted run must not leave servers behind)."""
    for process in list(_LIVE):
        process.stop()


class Process:
    """A command started in its own session (so its whole group can be killed), logging to a file."""

    def __init__(
        self,
        command: str,
        *,
        cwd: Path,
        log_path: Path,
        env: dict[str, str],
        cap: int = LOG_CAP_BYTES,
        argv: list[str] | None = None,
    ):
        """``argv`` is how to start ``command`` (default ``/bin/sh -c command``; a sandbox wraps it)."""
        self.command = command
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = log_path.open("ab")
        self._log.write(f"$ {command}\n".encode())
        self._log.flush()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            argv or ["/bin/sh", "-c", command],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        assert self.proc.stdout is not None
        self._copy = _CappedCopy(self.proc.stdout, self._log, cap)
        self._copy.start()
        _LIVE.add(self)

    def poll(self) -> int | None:
        return self.proc.poll()

    def stop(self) -> None:
        kill_group(self.proc)
        self._finish()

    def _finish(self) -> None:
        _LIVE.discard(self)
        self._copy.join(timeout=5)
        if self.proc.stdout is not None and not self._copy.is_alive():
            self.proc.stdout.close()
        if not self._log.closed:
            self._log.close()

    def wait(self, timeout: float) -> RunResult:
        try:
            code = self.proc.wait(timeout=timeout)
            timed_out = False
            # a background child may still hold the pipe: end the group either way
            kill_group(self.proc, grace=0.5)
        except subprocess.TimeoutExpired:
            timed_out = True
            kill_group(self.proc)
            code = self.proc.returncode if self.proc.returncode is not None else -9
        self._finish()
        return RunResult(self.command, code, timed_out, time.monotonic() - self.started, self.log_path)


@dataclasses.dataclass(frozen=True)
class RunResult:
    command: str
    returncode: int
    timed_out: bool
    seconds: float
    log_path: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def tail(self, lines: int = 40) -> str:
        """The last ``lines`` lines of its log."""
        return tail(self.log_path, lines)

    def explain(self, timeout: float) -> str:
        if self.timed_out:
            return f"`{self.command}` did not finish within {timeout:g}s"
        return f"`{self.command}` exited with status {self.returncode} after {self.seconds:.1f}s"


atexit.register(stop_all)


def run(
    command: str,
    *,
    cwd: Path,
    log_path: Path,
    env: dict[str, str],
    timeout: float,
    argv: list[str] | None = None,
) -> RunResult:
    """Run ``command`` to completion (or its timeout), its output in ``log_path``."""
    return Process(command, cwd=cwd, log_path=log_path, env=env, argv=argv).wait(timeout)
