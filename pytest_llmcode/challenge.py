"""Load and validate ``challenge.yaml``: every error names the file, the key and what was expected."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path
from typing import Callable

import yaml

from pytest_llmcode.schema import Reader, SchemaError, describe

CHALLENGE_FILE = "challenge.yaml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
KINDS = ("new_app",)
STAGE_TIMEOUTS = {"generate": 600.0, "install": 300.0, "build": 180.0, "launch": 60.0}


class ChallengeError(SchemaError):
    """A ``challenge.yaml`` that cannot be used; the message says where and what was expected."""


@dataclasses.dataclass(frozen=True)
class Stack:
    name: str
    install: str
    build: str | None
    serve: str
    ready_path: str


@dataclasses.dataclass(frozen=True)
class Challenge:
    """One coding challenge: a folder with ``challenge.yaml`` and its behaviour tests."""

    id: str
    title: str
    prompt: str
    kind: str
    stack: Stack
    directory: Path
    starter: Path | None
    reference: Path
    timeouts: dict[str, float]

    @property
    def path(self) -> Path:
        return self.directory / CHALLENGE_FILE

    def fingerprint(self) -> str:
        """Digest of what defines the challenge: its YAML and its check modules."""
        digest = hashlib.sha256(self.path.read_bytes())
        for test_file in sorted(self.directory.glob("test_*.py")):
            digest.update(test_file.name.encode())
            digest.update(test_file.read_bytes())
        return digest.hexdigest()[:16]


_TOP_KEYS = {
    "id": "a short name of letters, digits, '_', '-' or '.'",
    "title": "a one-line title",
    "prompt": "the task, as a user would write it to the model",
    "kind": f"one of {', '.join(KINDS)}",
    "stack": "a mapping with name, install, build, serve and ready",
    "starter": "a folder of starter files copied into the workspace first",
    "reference": "the folder of the known-good solution (default: reference)",
    "timeouts": "a mapping of stage to seconds",
}
_STACK_KEYS = {
    "name": "the stack in words, e.g. 'React + Vite'",
    "install": "the shell command that installs dependencies",
    "build": "the shell command that builds the app",
    "serve": "the shell command that serves the app on {port}",
    "ready": "a mapping with the HTTP path that answers once the app is up",
}


def _parse_timeouts(reader: Reader | None) -> dict[str, float]:
    timeouts = dict(STAGE_TIMEOUTS)
    if reader is None:
        return timeouts
    reader.check_keys({name: "seconds" for name in STAGE_TIMEOUTS})
    for name, value in reader.data.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise reader.error(name, "a positive number of seconds")
        timeouts[name] = float(value)
    return timeouts


def _parse_stack(reader: Reader) -> Stack:
    reader.check_keys(_STACK_KEYS)
    command: Callable[[str, bool], str | None] = lambda name, required: reader.text(  # noqa: E731
        name, f"a shell command ({_STACK_KEYS[name]})", required=required
    )
    ready_path = "/"
    ready = reader.mapping("ready", "a mapping like {path: /}", required=False)
    if ready is not None:
        ready.check_keys({"path": "the HTTP path polled until it answers"})
        ready_path = ready.text("path", "an HTTP path starting with '/'") or "/"
        if not ready_path.startswith("/"):
            raise ready.error("path", "an HTTP path starting with '/'")
    return Stack(
        name=reader.text("name", "the stack in words, e.g. 'React + Vite'") or "",
        install=command("install", True) or "",
        build=command("build", False),
        serve=command("serve", True) or "",
        ready_path=ready_path,
    )


def load_challenge(path: Path) -> Challenge:
    """Load the challenge whose ``challenge.yaml`` is at ``path`` (or in the folder ``path``)."""
    path = Path(path)
    if path.is_dir():
        path = path / CHALLENGE_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ChallengeError(path, None, f"not valid YAML{where}: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ChallengeError(path, None, f"cannot be read: {exc}") from None
    if not isinstance(data, dict):
        expected = "a mapping of keys (id, title, prompt, stack, ...)"
        raise ChallengeError(path, None, f"expected {expected}, got {describe(data)}")
    top = Reader(path, data, ChallengeError)
    top.check_keys(_TOP_KEYS)
    challenge_id = top.text("id", _TOP_KEYS["id"]) or ""
    if not ID_PATTERN.match(challenge_id):
        raise top.error("id", _TOP_KEYS["id"])
    kind = top.text("kind", _TOP_KEYS["kind"], required=False) or "new_app"
    if kind not in KINDS:
        raise top.error("kind", _TOP_KEYS["kind"])
    stack = top.mapping("stack", _TOP_KEYS["stack"], required=True)
    assert stack is not None
    directory = path.parent.resolve()
    return Challenge(
        id=challenge_id,
        title=top.text("title", _TOP_KEYS["title"]) or "",
        prompt=top.text("prompt", _TOP_KEYS["prompt"]) or "",
        kind=kind,
        stack=_parse_stack(stack),
        directory=directory,
        starter=top.folder("starter", directory, required=False),
        reference=top.folder("reference", directory, required=False, default="reference") or directory,
        timeouts=_parse_timeouts(top.mapping("timeouts", _TOP_KEYS["timeouts"], required=False)),
    )


def find_challenge_file(start: Path, stop: Path | None = None) -> Path | None:
    """The nearest ``challenge.yaml`` in ``start`` or its parents (not above ``stop``)."""
    current = start if start.is_dir() else start.parent
    while True:
        candidate = current / CHALLENGE_FILE
        if candidate.is_file():
            return candidate
        if current.parent == current or (stop is not None and current == stop):
            return None
        current = current.parent
