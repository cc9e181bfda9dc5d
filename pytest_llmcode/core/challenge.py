"""Load and validate ``challenge.yaml``: every error names the file, the key and what was expected."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from pytest_llmcode.core import commit_challenge
from pytest_llmcode.core.commit_challenge import CommitSource
from pytest_llmcode.core.files import project_files
from pytest_llmcode.core.schema import Reader, SchemaError, describe

CHALLENGE_FILE = "challenge.yaml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
KINDS = ("new_app", "modify", "commit")
SERVICE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
CONTEXT_BUDGET = 60_000  # characters of an existing codebase shown to the model
STAGE_TIMEOUTS = {"generate": 600.0, "install": 300.0, "build": 180.0, "launch": 60.0, "test": 300.0}


class ChallengeError(SchemaError):
    """A ``challenge.yaml`` that cannot be used; the message says where and what was expected."""


@dataclasses.dataclass(frozen=True)
class Stack:
    name: str
    install: str
    build: str | None
    serve: str  # empty for a commit challenge: its tests run instead
    ready_path: str
    test: str | None = None  # a commit challenge's test command; {junit}: where it writes its JUnit report


@dataclasses.dataclass(frozen=True)
class Service:
    """A helper server the challenge's app talks to (a fake third-party API), started per case.

    ``command`` may use ``{port}``, ``{python}`` (this Python) and ``{challenge}`` (its folder) and
    runs in the challenge folder; ``env`` is given to the app, with ``{port}`` and ``{url}`` filled in."""

    name: str
    command: str
    ready_path: str
    env: dict[str, str]


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
    reference: Path  # a folder of the solution's files, or a file holding the solution as an answer
    timeouts: dict[str, float]
    base: Path | None = None  # the existing codebase a 'modify' challenge starts from
    services: tuple[Service, ...] = ()
    context_budget: int = CONTEXT_BUDGET
    checks_at_once: int = 1  # behaviour tests of a case that may be checked at once (see plugin/at_once.py)
    commit: CommitSource | None = None  # where a 'commit' challenge comes from, and the tests that judge it

    @property
    def path(self) -> Path:
        return self.directory / CHALLENGE_FILE

    def fingerprint(self) -> str:
        """Digest of what defines the challenge: its YAML and its check modules."""
        digest = hashlib.sha256(self.path.read_bytes())
        for test_file in sorted(self.directory.glob("test_*.py")):
            digest.update(test_file.name.encode())
            digest.update(test_file.read_bytes())
        if self.base is not None:  # the codebase is part of the prompt
            for path in project_files(self.base):
                digest.update(path.relative_to(self.base).as_posix().encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()[:16]


_TOP_KEYS = {
    "id": "a short name of letters, digits, '_', '-' or '.'",
    "title": "a one-line title",
    "prompt": "the task, as a user would write it to the model",
    "kind": f"one of {', '.join(KINDS)}",
    **commit_challenge.KEYS,
    "stack": "a mapping with name, install, build, serve and ready",
    "starter": "a folder of starter files copied into the workspace first",
    "base": "the folder of the existing codebase a 'modify' challenge changes",
    "reference": "the known-good solution: a folder of files, or a file holding an answer (default: reference)",
    "timeouts": "a mapping of stage to seconds",
    "services": "a mapping of service name to {command, ready, env}",
    "context_budget": "the number of characters of the codebase's files shown to the model",
    "checks_at_once": "how many behaviour tests of a case may run at once, each in its own browser context "
                      "(a whole number, at least 1; keep 1 when the app keeps its state on its server)",
}
_SERVICE_KEYS = {
    "command": "the shell command that starts it on {port} (also {python}, {challenge})",
    "ready": "the HTTP path polled until it answers",
    "env": "a mapping of environment variable to value for the app ({url}, {port})",
}
_STACK_KEYS = {
    "name": "the stack in words, e.g. 'React + Vite'",
    "install": "the shell command that installs dependencies",
    "build": "the shell command that builds the app",
    "serve": "the shell command that serves the app on {port}",
    "test": "a commit challenge's test command, writing a JUnit report to {junit} ({tests}: the hidden test files)",
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


def _parse_stack(reader: Reader, kind: str) -> Stack:
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
    test = command("test", kind == "commit")
    if kind == "commit" and "serve" in reader.data:
        raise reader.fail("serve", "is not used by a commit challenge: its tests run with test:")
    if test is not None and kind != "commit":
        raise reader.fail("test", "is only used by challenges of kind 'commit' (set kind: commit)")
    if test is not None and "{junit}" not in test:
        raise reader.fail("test", "expected a command that writes a JUnit XML report to {junit}, such as "
                                  "'python -m pytest --junitxml={junit}' or 'node --test --test-reporter=junit "
                                  "--test-reporter-destination={junit}'")
    return Stack(
        name=reader.text("name", "the stack in words, e.g. 'React + Vite'") or "",
        install=command("install", True) or "",
        build=command("build", False),
        serve=command("serve", kind != "commit") or "",
        ready_path=ready_path,
        test=test,
    )


def _parse_services(reader: Reader | None) -> tuple[Service, ...]:
    if reader is None:
        return ()
    services = []
    for name in reader.data:
        if not isinstance(name, str) or not SERVICE_NAME.match(name):
            raise reader.fail(str(name), "expected a service name of letters, digits, '_' or '-'")
        entry = reader.mapping(name, "a mapping with command, ready and env", required=True)
        assert entry is not None
        entry.check_keys(_SERVICE_KEYS)
        command = entry.text("command", f"a shell command ({_SERVICE_KEYS['command']})") or ""
        if "{port}" not in command:
            raise entry.fail("command", "expected a command that uses {port}, the port it must listen on")
        ready = entry.text("ready", "an HTTP path starting with '/'", required=False) or "/"
        if not ready.startswith("/"):
            raise entry.error("ready", "an HTTP path starting with '/'")
        env: dict[str, str] = {}
        env_reader = entry.mapping("env", _SERVICE_KEYS["env"], required=False)
        if env_reader is not None:
            for variable, value in env_reader.data.items():
                if not isinstance(variable, str) or not ENV_NAME.match(variable):
                    raise env_reader.fail(str(variable), "expected an environment variable name")
                if not isinstance(value, (str, int)) or isinstance(value, bool):
                    raise env_reader.error(variable, "a string such as http://127.0.0.1:{port}")
                env[variable] = str(value)
        services.append(Service(name=name, command=command, ready_path=ready, env=env))
    return tuple(services)


def _reference(top: Reader, directory: Path) -> Path:
    raw = top.text("reference", _TOP_KEYS["reference"], required=False)
    if raw is None:
        return (directory / "reference").resolve()  # need not exist: the reference model says so when asked
    path = (directory / raw).resolve()
    if not path.exists():
        raise top.fail("reference", f"expected an existing folder or file, but {path} does not exist")
    return path


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
    base = top.folder("base", directory, required=kind == "modify")
    if base is not None and kind != "modify":
        raise top.fail("base", "is only used by challenges of kind 'modify' (set kind: modify)")
    for name in commit_challenge.KEYS:
        if name in data and kind != "commit":
            raise top.fail(name, "is only used by challenges of kind 'commit' (set kind: commit)")
    laid = commit_challenge.load_commit(top, directory) if kind == "commit" else None
    if laid is not None and "prompt" in data:
        raise top.fail("prompt", "is not used by a commit challenge: its task is task: (default: the commit's message)")
    budget = top.number("context_budget", "a whole number of characters", minimum=1000, integer=True)
    at_once = top.number("checks_at_once", _TOP_KEYS["checks_at_once"], minimum=1, integer=True)
    return Challenge(
        id=challenge_id,
        title=top.text("title", _TOP_KEYS["title"]) or "",
        prompt=laid.task if laid is not None else top.text("prompt", _TOP_KEYS["prompt"]) or "",
        kind=kind,
        stack=_parse_stack(stack, kind),
        directory=directory,
        starter=top.folder("starter", directory, required=False),
        reference=laid.reference if laid is not None else _reference(top, directory),
        timeouts=_parse_timeouts(top.mapping("timeouts", _TOP_KEYS["timeouts"], required=False)),
        base=laid.base if laid is not None else base,
        services=_parse_services(top.mapping("services", _TOP_KEYS["services"], required=False)),
        context_budget=int(budget) if budget is not None else CONTEXT_BUDGET,
        checks_at_once=int(at_once) if at_once is not None else 1,
        commit=laid.source if laid is not None else None,
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
