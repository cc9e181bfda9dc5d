"""Serve a built case for its behaviour tests: the challenge's services first, then the app, each
waited for until it answers over HTTP, all inside the case's sandbox."""

from __future__ import annotations

import dataclasses
import shlex
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from pytest_llmcode.answers.evidence import CaseDir
from pytest_llmcode.answers.parse import safe_path
from pytest_llmcode.core.challenge import Service
from pytest_llmcode.core.errors import InfrastructureError, Stage, StageFailure
from pytest_llmcode.core.process import Process, RunResult, tail
from pytest_llmcode.pipeline.case import BuiltCase, stage_timeout
from pytest_llmcode.pipeline.hidden_tests import HiddenRun, run_hidden_tests
from pytest_llmcode.sandbox.base import Sandbox
from pytest_llmcode.sandbox.files import over_limits
from pytest_llmcode.sandbox.links import describe as describe_links
from pytest_llmcode.sandbox.links import remove_escaping_links

SERVICE_TIMEOUT = 30.0
WATCH_EVERY_S = 3.0  # how often a served app's workspace is measured


@dataclasses.dataclass
class RunningApp:
    """The app of one case, served for its behaviour tests (or the reason it is not)."""

    case: BuiltCase
    sandbox: Sandbox
    url: str = ""
    failure: StageFailure | None = None
    env: dict[str, str] = dataclasses.field(default_factory=dict)  # what the app was given (service URLs, PORT)
    browser: Any = None  # a Playwright Browser started inside this app's sandbox, if it has a network of its own
    browser_host: Any = None  # the BrowserHost of its tests' pages: downloads folder, memory limit
    hidden: HiddenRun | None = None  # a commit challenge's tests, run instead of serving an app
    answers: int = 0  # how many answers its case had when it was launched (a repair round adds one)
    _processes: list[Process] = dataclasses.field(default_factory=list)
    _on_stop: list[Callable[[], None]] = dataclasses.field(default_factory=list)
    _stopping: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    _stopped: threading.Event = dataclasses.field(default_factory=threading.Event)

    def watch_disk(self, limit_bytes: int, limit_files: int, every_s: float = WATCH_EVERY_S) -> None:
        """While served, look at the workspace every ``every_s``: over its limits, the app's
        processes are ended and the case fails (``[verify] the app's workspace uses ...``)."""
        def watch() -> None:
            while not self._stopped.wait(every_s):
                over = over_limits(self.workspace, limit_bytes, limit_files)
                if over is None:
                    continue
                with self._stopping:
                    if self._stopped.is_set():
                        return
                    self.failure = StageFailure(Stage.VERIFY, f"[sandbox] the app's workspace uses {over} while "
                                                              "served: the app was stopped")
                    self.case.failure = self.case.failure or self.failure
                    self.case.notes.extend(n for n in self.sandbox.notes() if n not in self.case.notes)  # before close
                    self.sandbox.close()  # every process of the app, daemons included
                    self.case.record()
                return
        threading.Thread(target=watch, name="llmcode-disk-watch", daemon=True).start()

    @property
    def workspace(self) -> Path:
        return self.case.dir.workspace

    @property
    def dir(self) -> CaseDir:
        return self.case.dir

    def run(self, command: str, *, name: str, timeout: float = 120.0) -> RunResult:
        """Run a command in the app's workspace, in its sandbox, with the app's environment (e.g. the
        codebase's own tests), logged to ``logs/<name>.log``."""
        return self.sandbox.run(command, cwd=self.workspace, log_path=self.dir.log(name), timeout=timeout,
                                env=self.env)

    def put_files(self, files: dict[str, str], *, name: str = "put-files") -> None:
        """Write text files into the workspace from inside the sandbox, as the app's own user: never
        as root into a folder the generated code controls (it could hold symlinks)."""
        lines = ["set -e"]
        for raw_path, content in files.items():
            path = safe_path(raw_path)
            marker = "LLMCODE_" + uuid.uuid4().hex
            lines += [f"mkdir -p {shlex.quote(str(PurePosixPath(path).parent))}",
                      f"cat > {shlex.quote(path)} <<'{marker}'", content.rstrip("\n"), marker]
        result = self.run("\n".join(lines), name=name, timeout=60)
        if not result.ok:
            raise InfrastructureError(f"could not write {', '.join(files)} into {self.workspace}: "
                                      f"{result.explain(60)}\n{result.tail()}")

    def on_stop(self, callback: Callable[[], None]) -> None:
        self._on_stop.append(callback)

    def stop(self) -> None:
        """Stop the app, its services and every process they started; close what was tied to it."""
        with self._stopping:
            self._stopped.set()
        while self._on_stop:
            self._on_stop.pop()()
        while self._processes:
            self._processes.pop().stop()
        notes = [note for note in self.sandbox.notes() if note not in self.case.notes]
        self.sandbox.close()
        removed = remove_escaping_links(self.workspace)
        if removed:
            notes.append(describe_links(removed, "the app (served)"))
        if notes:
            self.case.notes.extend(notes)
            self.case.record()


def _answers(sandbox: Sandbox, port: int, path: str) -> bool:
    """Whether an HTTP GET of ``path`` gets an answer below 500 (reached inside the sandbox's network)."""
    try:
        with sandbox.connect("127.0.0.1", port, timeout=2) as conn:
            conn.settimeout(2)
            conn.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            status_line = conn.recv(64).split(b"\r\n", 1)[0].split()
    except OSError:
        return False
    return len(status_line) >= 2 and status_line[1].isdigit() and int(status_line[1]) < 500


def _wait_until_ready(sandbox: Sandbox, process: Process, port: int, path: str, timeout: float) -> str | None:
    """None once ``path`` answers on ``port``; otherwise why not (the process died, or time ran out)."""
    started = time.monotonic()
    url = f"http://127.0.0.1:{port}{path}"
    pause = 0.01  # most servers answer within a fraction of a second: look often at first
    while True:
        code = process.poll()  # first: a server that died must not be mistaken for one on its port
        if code is None and _answers(sandbox, port, path):
            return None
        if code is not None:
            return f"`{process.command}` exited with status {code} before {url} answered"
        if time.monotonic() - started > timeout:
            return f"{url} did not answer within {timeout:g}s of `{process.command}`"
        time.sleep(pause)
        pause = min(0.1, pause * 1.5)


def _start_service(app: RunningApp, service: Service) -> None:
    """Start one of the challenge's services (in the case's network); its failure is the
    challenge's, not the model's."""
    challenge = app.case.spec.challenge
    port = app.sandbox.free_port()
    command = (
        service.command.replace("{port}", str(port))
        .replace("{python}", shlex.quote(sys.executable))
        .replace("{challenge}", shlex.quote(str(challenge.directory)))
    )
    log = app.dir.log(f"service-{service.name}")
    try:
        process = app.sandbox.start_service(command, cwd=challenge.directory, log_path=log)
    except OSError as exc:
        raise InfrastructureError(f"could not start the {service.name} service (`{command}`): {exc}") from exc
    app._processes.append(process)
    why = _wait_until_ready(app.sandbox, process, port, service.ready_path, SERVICE_TIMEOUT)
    if why is not None:
        app.stop()
        raise InfrastructureError(f"the {service.name} service of {challenge.id} did not start: {why}\n{tail(log)}")
    url = f"http://127.0.0.1:{port}"
    for variable, value in service.env.items():
        app.env[variable] = value.replace("{url}", url).replace("{port}", str(port))


def launch(case: BuiltCase, timeouts: dict[str, float | None], sandbox: Sandbox,
           limits: tuple[int, int] | None = None) -> RunningApp:
    """Start the challenge's services, serve a built case and wait until it answers, all in
    ``sandbox``; a failure of the app is recorded, not raised (a service that does not start is an
    infrastructure error)."""
    app = RunningApp(case=case, sandbox=sandbox, answers=len(case.rounds))
    if case.failure is not None:
        app.failure = case.failure
        sandbox.close()
        return app
    stack = case.spec.challenge.stack
    for service in case.spec.challenge.services:
        _start_service(app, service)
    if stack.test is not None:  # a commit challenge: its tests are run, nothing is served
        try:
            app.hidden = run_hidden_tests(case, sandbox, stage_timeout(case.spec, "test", timeouts), app.env)
        except StageFailure as failure:
            app.failure = failure
            case.failure = case.failure or failure
            case.record()
        return app
    port = sandbox.free_port()
    command = stack.serve.replace("{port}", str(port))
    timeout = stage_timeout(case.spec, "launch", timeouts)
    log = case.dir.log("launch")
    started = time.monotonic()
    app.env.update({"PORT": str(port), "HOST": "127.0.0.1"})
    try:
        process = sandbox.start(command, cwd=case.dir.workspace, log_path=log, env=app.env)
    except OSError as exc:
        app.stop()
        raise InfrastructureError(f"could not start `{command}`: {exc}") from exc
    app._processes.append(process)
    why = _wait_until_ready(sandbox, process, port, stack.ready_path, timeout)
    if why is not None:
        app.stop()
        app.failure = StageFailure(Stage.LAUNCH, why, log_tail=tail(log), log_path=str(log))
    case.timings["launch"] = round(time.monotonic() - started, 3)
    app.url = f"http://127.0.0.1:{port}/"
    if app.failure is None and limits is not None and sandbox.isolated:
        app.watch_disk(*limits)
    if app.failure is not None:
        case.failure = case.failure or app.failure
        case.record()
    return app


def relaunch(app: RunningApp, fresh: Callable[[BuiltCase], RunningApp]) -> None:
    """Stop ``app`` and make it, in place, the one ``fresh`` launches for its case now: for an app whose
    case was repaired after it was launched (its server would serve, or its tests would judge, the
    earlier answer). Fixtures and pages holding ``app`` see the new one."""
    app.stop()
    new = fresh(app.case)
    for field in dataclasses.fields(RunningApp):
        setattr(app, field.name, getattr(new, field.name))


def check_launch(case: BuiltCase, timeouts: dict[str, float | None], sandbox: Sandbox) -> None:
    """Serve the built app once and stop it, so that a launch failure can still go back to the model
    (a repair round is left); raises the launch's :class:`StageFailure`."""
    app = launch(case, timeouts, sandbox)
    try:
        failure = app.failure
    finally:
        app.stop()
        case.failure = None
        case.timings.pop("launch", None)
    if failure is not None:
        raise failure
