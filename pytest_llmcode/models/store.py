"""The response cache (content-addressed, on disk) and cassettes (record / replay, JSON Lines).

Neither ever holds an API key or a header: only what was asked and what was answered.
Writes are atomic (cache) or locked appends (cassette), so pytest-xdist workers can share them,
and so can the threads that generate ahead (prefetch.py): ``flock`` on a file opened anew for
each append excludes other threads as well as other processes.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from pytest_llmcode.core.errors import InfrastructureError

CACHE_MODES = ("off", "read", "write", "readwrite")


def digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pytest-llmcode" / "responses"


class ResponseCache:
    """Answers by the digest of everything that shaped them (provider, model, URL, messages, params, sample)."""

    def __init__(self, folder: Path, mode: str) -> None:
        self.folder = folder
        self.mode = mode

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if self.mode not in ("read", "readwrite"):
            return None
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))  # type: ignore[no-any-return]
        except (OSError, json.JSONDecodeError):
            return None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        if self.mode not in ("write", "readwrite"):
            return
        target = self._path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(entry, handle, ensure_ascii=False)
        os.replace(tmp, target)


def clear_cache(folder: Path) -> int:
    """Delete every cached answer; returns how many there were."""
    count = 0
    for path in folder.glob("*/*.json"):
        path.unlink()
        count += 1
    return count


class ReplayMiss(InfrastructureError):
    """The cassette holds no answer for a request."""


class Cassette:
    """A JSON Lines file of model exchanges: appended to by --llm-record, read by replay."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] | None = None
        self._loading = threading.Lock()  # read once, even when several threads replay at once

    def append(self, entry: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        line = json.dumps({"recorded_at": stamp, **entry}, ensure_ascii=False)
        with self.path.open("a", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            handle.write(line + "\n")
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)

    def entries(self) -> dict[str, dict[str, Any]]:
        with self._loading:
            return self._load()

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            entries: dict[str, dict[str, Any]] = {}
            try:
                lines = self.path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise InfrastructureError(f"cassette {self.path} cannot be read: {exc}") from None
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    entry = json.loads(line)
                    entries[entry["replay_key"]] = entry
                except (json.JSONDecodeError, KeyError, TypeError):
                    raise InfrastructureError(f"cassette {self.path}, line {number}: not a recorded exchange") from None
            self._entries = entries
        return self._entries

    def labels(self) -> list[str]:
        return sorted({entry["label"] for entry in self.entries().values()})

    def agent_wire(self, label: str) -> str | None:
        """The wire format of the agent sessions recorded for ``label``; None if none was."""
        return next((str(entry["wire"]) for entry in self.entries().values()
                     if entry.get("label") == label and "agent_turn" in entry), None)

    def find(self, key: str) -> dict[str, Any]:
        entry = self.entries().get(key)
        if entry is None:
            raise ReplayMiss(f"the cassette {self.path} holds no answer for this request")
        return entry


def replay_key(label: str, messages: list[dict[str, str]], sample: int) -> str:
    """What identifies an exchange in a cassette: the model's label, the prompt and the sample."""
    return digest({"label": label, "messages": messages, "sample": sample})


def agent_turn_key(label: str, messages: list[dict[str, str]], sample: int, turn: int) -> str:
    """What identifies one turn of an agent session in a cassette: the model's label, the challenge's
    prompt, the sample and the turn's number (tool results vary from run to run: build times, say)."""
    return digest({"label": label, "agent_session": messages, "sample": sample, "turn": turn})


@dataclasses.dataclass
class Services:
    """What all remote models of a session share."""

    cache: ResponseCache
    lock_dir: Path
    record: Cassette | None = None
    replay: Cassette | None = None
