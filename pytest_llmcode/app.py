"""One case's app: generate, parse, write, install, build (once), then serve it for the checks."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import re
import shlex
import sys
import threading
import time
import traceback
import uuid
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from pytest_llmcode import __version__
from pytest_llmcode.agent_limits import AgentLimits
from pytest_llmcode.agent_loop import agent_messages, run_agent_session
from pytest_llmcode.agent_run import run_agent
from pytest_llmcode.answer import AnswerError, parse_answer, safe_path
from pytest_llmcode.build_store import BuildStore, snapshot
from pytest_llmcode.challenge import Challenge, Service
from pytest_llmcode.dep_store import DependencyStore, Installed
from pytest_llmcode.dep_store import describe as describe_reuse
from pytest_llmcode.diffs import change_diff
from pytest_llmcode.models.agent_cli import AgentModel
from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest, Message, Model, Usage
from pytest_llmcode.models.config import RemoteConfig
from pytest_llmcode.process import Process, RunResult, run, scrubbed_env, tail
from pytest_llmcode.prompt import build_messages, render_markdown
from pytest_llmcode.repair import REPAIRABLE, add_usage, repair_message, round_record, verify_message
from pytest_llmcode.sandbox import SandboxConfig
from pytest_llmcode.sandbox.case import CaseSandbox, disk_use, give_to_sandbox_user, npm_cache_dir
from pytest_llmcode.sandbox.netns import NetNamespace
from pytest_llmcode.stages import InfrastructureError, Stage, StageFailure
from pytest_llmcode.verify.layout import layout_problems
from pytest_llmcode.verify_repair import keep_round_evidence
from pytest_llmcode.workspace import CaseDir, apply_changes, changed_files, copy_tree, fingerprints


@dataclasses.dataclass(frozen=True)
class CaseSpec:
    """One case: a challenge answered by a model, as one independent sample."""

    challenge: Challenge
    model: Model
    sample: int

    @property
    def key(self) -> tuple[str, str, int]:
        return (str(self.challenge.path), self.model.label, self.sample)

    @property
    def id(self) -> str:
        return f"{self.model.label}-s{self.sample}"


@dataclasses.dataclass
class BuiltCase:
    """What the expensive stages left behind; shared by all behaviour tests of the case."""

    spec: CaseSpec
    dir: CaseDir
    timings: dict[str, float] = dataclasses.field(default_factory=dict)
    usage: Usage = Usage()
    failure: StageFailure | None = None
    error: InfrastructureError | None = None  # the harness could not do the case (endpoint down, ...)
    generation: dict[str, Any] = dataclasses.field(default_factory=dict)
    notes: list[str] = dataclasses.field(default_factory=list)
    run_id: str = ""
    sandbox: str = ""  # the backend its commands ran in
    rounds: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # each generation: see repair.py
    deps: dict[str, Any] = dataclasses.field(default_factory=dict)  # the dependency store's part, if any
    build: dict[str, Any] = dataclasses.field(default_factory=dict)  # the build store's part, if any
    # the messages of its last generation and the answer (in memory only), for a repair after verify
    conversation: tuple[tuple[Message, ...], str] | None = None

    def record(self, **extra: Any) -> None:
        spec = self.spec
        self.dir.write_json(
            "case.json",
            {
                "challenge": spec.challenge.id,
                "challenge_fingerprint": spec.challenge.fingerprint(),
                "model": spec.model.label,
                "model_spec": spec.model.spec,
                "sample": spec.sample,
                "run_id": self.run_id,
                "failed_stage": str(self.failure.stage) if self.failure else None,
                "failure": self.failure.message if self.failure else None,
                "failure_log_tail": self.failure.log_tail if self.failure else None,
                "failure_log_path": self.failure.log_path if self.failure else None,
                "error": str(self.error) if self.error else None,
                "generation": self.generation,
                "timings": self.timings,
                "usage": dataclasses.asdict(self.usage),
                "notes": self.notes,
                "sandbox": self.sandbox,
                "rounds": self.rounds,
                "dependencies": self.deps,
                "build": self.build,
                "repair_rounds": max(0, len(self.rounds) - 1),
                "tool_version": __version__,
                **extra,
            },
        )


    @classmethod
    def from_record(cls, spec: CaseSpec, cdir: CaseDir, data: dict[str, Any]) -> BuiltCase:
        """The case as another pytest-xdist worker of the same run built it."""
        case = cls(spec=spec, dir=cdir, timings=data["timings"], usage=Usage(**data["usage"]),
                   generation=data["generation"], notes=data["notes"], run_id=data["run_id"],
                   sandbox=data.get("sandbox", ""), rounds=data.get("rounds", []))
        if data["failed_stage"]:
            case.failure = StageFailure(Stage(data["failed_stage"]), data["failure"],
                                        log_tail=data["failure_log_tail"] or "", log_path=data["failure_log_path"])
        if data["error"]:
            case.error = InfrastructureError(data["error"])
        return case


def stage_timeout(spec: CaseSpec, stage: str, overrides: dict[str, float | None]) -> float:
    value = overrides.get(stage)
    return float(value) if value else spec.challenge.timeouts[stage]


def _fail_from_run(stage: Stage, result: Any, timeout: float) -> StageFailure:
    return StageFailure(stage, result.explain(timeout), log_tail=tail(result.log_path), log_path=str(result.log_path))


class CaseBuilder:
    """Builds each case once per session and remembers the outcome, failures included."""

    def __init__(
        self,
        output: Path,
        timeouts: dict[str, float | None],
        sandbox: SandboxConfig | None = None,
        hidden: tuple[Path, ...] = (),
        repair_rounds: int = 0,
        mode: str = "completion",
        agent_limits: AgentLimits | None = None,
        store_dir: Path | None = None,
        reuse: str = "all",
        browser_scope: str = "worker",
    ) -> None:
        """``hidden``: more folders generated code must not see (the project, say: other challenges'
        references and checks). ``repair_rounds``: how often a failed parse, install or build goes
        back to the model with what went wrong."""
        self.output = output
        self.repair_rounds = repair_rounds
        self.mode = mode  # of remote models without a mode of their own
        self.agent_limits = agent_limits or AgentLimits()
        self.hidden = hidden
        self.timeouts = timeouts
        self.sandbox_config = sandbox or SandboxConfig("none", limits=False)
        # a sandboxed user cannot write root's files: linked; with commands running as you, copies
        self.deps = (DependencyStore(store_dir / "deps", link=self.sandbox_config.backend != "none")
                     if store_dir is not None and reuse in ("all", "deps") else None)
        self.builds = (BuildStore(store_dir / "builds", self.deps)
                       if self.deps is not None and store_dir is not None and reuse == "all" else None)
        # the same for every pytest-xdist worker of one run, new for every run
        self.run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
        self.browser_scope = browser_scope
        self._serving_network: NetNamespace | None = None
        self._built: dict[tuple[str, str, int], BuiltCase] = {}
        self._key_locks: dict[tuple[str, str, int], threading.Lock] = {}
        self._locks_lock = threading.Lock()
        # told when a case enters a stage ("generating", "installing", "building", "launching"): progress
        self.on_stage: Callable[[CaseSpec, str], None] = lambda spec, stage: None
        # answers the first generation of a case; a prefetcher may have it ready (see prefetch.py)
        self.first_answer: Callable[[CaseSpec, GenerationRequest], Completion] = (
            lambda spec, request: spec.model.generate(request))
        # serves a built case for its checks; a prefetcher may have served it already
        self.app_for: Callable[[BuiltCase], RunningApp] = self.launch

    def sandbox(self, spec: CaseSpec, purpose: str, extra_hosts: tuple[str, ...] = ()) -> CaseSandbox:
        """The sandbox of one case's stages (install and build, or serving and checks)."""
        cdir = self.case_dir(spec)
        where = cdir.root.relative_to(self.output)
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"llmcode-{self.run_id[:8]}-{os.getpid()}-{where}-{purpose}")
        hidden = [self.output, Path.home(), Path("/root"), Path("/home"), Path("/run"), spec.challenge.directory,
                  npm_cache_dir().parent, *self.hidden]
        network = self.serving_network() if purpose == "serve" else None
        return CaseSandbox(self.sandbox_config, name, cdir.workspace, hidden, extra_hosts, network)

    def launch(self, case: BuiltCase) -> RunningApp:
        """Serve a built case for its behaviour tests (see :func:`launch`)."""
        return launch(case, self.timeouts, self.sandbox(case.spec, "serve"))

    def serving_network(self) -> NetNamespace | None:
        """The network this worker serves its cases in, one after another, where its one browser
        runs; None when each case is served in a network of its own (docker, or scope ``case``)."""
        if self.browser_scope != "worker" or self.sandbox_config.backend != "namespace":
            return None
        if self._serving_network is None:
            self._serving_network = NetNamespace()
        return self._serving_network

    def close(self) -> None:
        if self._serving_network is not None:
            self._serving_network.close()
            self._serving_network = None

    def case_dir(self, spec: CaseSpec) -> CaseDir:
        return CaseDir(self.output / spec.challenge.id / spec.model.label / f"s{spec.sample}")

    def build(self, spec: CaseSpec) -> BuiltCase:
        """Build the case, or reuse it if this run already did (in this process or another
        pytest-xdist worker: a lock per case makes the others wait for the first)."""
        with self._locks_lock:  # a thread building ahead (see prefetch.py) and the run's own
            key_lock = self._key_locks.setdefault(spec.key, threading.Lock())
        with key_lock:
            if spec.key not in self._built:
                cdir = self.case_dir(spec)
                cdir.root.parent.mkdir(parents=True, exist_ok=True)
                with (cdir.root.parent / f".{cdir.root.name}.lock").open("w") as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    self._built[spec.key] = self._built_by_this_run(spec, cdir) or self._build(spec)
        return self._built[spec.key]

    def _built_by_this_run(self, spec: CaseSpec, cdir: CaseDir) -> BuiltCase | None:
        try:
            data = json.loads((cdir.root / "case.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        if data.get("run_id") != self.run_id:
            return None
        return BuiltCase.from_record(spec, cdir, data)

    def _build(self, spec: CaseSpec) -> BuiltCase:
        case = BuiltCase(spec=spec, dir=self.case_dir(spec), run_id=self.run_id, sandbox=self.sandbox_config.backend)
        case.dir.prepare()
        try:
            self._stages(case)
        except StageFailure as failure:
            if case.notes and failure.stage is not Stage.PARSE:
                failure.message += "\nnotes: " + "; ".join(case.notes)
            case.failure = failure
        except InfrastructureError as error:
            case.error = error
        except Exception as exc:  # noqa: BLE001 - a harness bug must not lose the case
            detail = "".join(traceback.format_exception(exc))
            (case.dir.root / "internal-error.txt").write_text(detail, encoding="utf-8")
            case.error = InfrastructureError(f"internal error of pytest-llmcode: {exc!r} (see {case.dir.root})")
        finally:
            case.record()
        return case

    def _timed(self, case: BuiltCase, stage: Stage, started: float) -> None:
        """Add the stage's time (over repair rounds, a stage's times add up)."""
        case.timings[str(stage)] = round(case.timings.get(str(stage), 0.0) + time.monotonic() - started, 3)

    def _stages(self, case: BuiltCase) -> None:
        spec, cdir = case.spec, case.dir
        challenge = spec.challenge
        starter_files: list[str] = []
        if challenge.starter is not None:
            starter_files = copy_tree(challenge.starter, cdir.workspace)
        if challenge.base is not None:
            copy_tree(challenge.base, cdir.workspace)
        messages = build_messages(challenge, starter_files)
        if self.in_agent_mode(spec.model) or isinstance(spec.model, AgentModel):
            self.on_stage(spec, "generating")
        if self.in_agent_mode(spec.model):
            (cdir.root / "prompt.md").write_text(render_markdown(agent_messages(messages)), encoding="utf-8")
            before = fingerprints(cdir.workspace)
            limits = dataclasses.replace(self.agent_limits, max_seconds=stage_timeout(spec, "generate", self.timeouts))
            run_agent_session(self, case, spec.model, messages, limits)  # type: ignore[arg-type]
            changed = changed_files(before, fingerprints(cdir.workspace))
            cdir.write_json("files.json", changed)
            if challenge.base is not None:
                (cdir.root / "change.diff").write_text(change_diff(challenge.base, cdir.workspace, changed),
                                                       encoding="utf-8")
            if not changed:
                raise StageFailure(Stage.GENERATE, "the agent finished without creating or changing any file")
            self._install_and_build(case)
            return
        if isinstance(spec.model, AgentModel):
            (cdir.root / "prompt.md").write_text(render_markdown(messages), encoding="utf-8")
            run_agent(self, case, spec.model, messages)
            self._install_and_build(case)
            return
        paths: list[str] = []
        for number in range(self.repair_rounds + 1):
            (cdir.root / "prompt.md").write_text(render_markdown(messages), encoding="utf-8")
            completion = self._generate(case, messages, number)
            try:
                paths = self._apply(case, completion, number, paths)
                self._install_and_build(case)
                if number < self.repair_rounds:  # a round is left: find out now whether the app starts
                    self._check_launch(case)
            except StageFailure as failure:
                case.rounds.append(round_record(number, completion.usage, failure))
                if number == self.repair_rounds or failure.stage not in REPAIRABLE:
                    raise
                messages = (*messages, Message("assistant", completion.text),
                            repair_message(failure, cdir.workspace, modify=challenge.base is not None))
                continue
            case.rounds.append(round_record(number, completion.usage, None))
            case.conversation = (messages, completion.text)
            return

    def repair_after_verify(self, spec: CaseSpec, failures: list[tuple[str, str]]) -> bool:
        """Send failed behaviours back to the model and rebuild the case with its changes; False when
        this case cannot be repaired here (built elsewhere, by an agent, or already failed)."""
        case = self._built.get(spec.key)
        if case is None or case.conversation is None or case.failure or case.error or not case.rounds:
            return False
        messages, answer = case.conversation
        number = len(case.rounds)
        case.rounds[-1].update(failed_stage=str(Stage.VERIFY), reason=f"{len(failures)} behaviour(s) failed: "
                               + ", ".join(name for name, _ in failures))
        keep_round_evidence(case.dir.root, number - 1)
        messages = (*messages, Message("assistant", answer),
                    verify_message(failures, case.dir.workspace, modify=spec.challenge.base is not None))
        (case.dir.root / "prompt.md").write_text(render_markdown(messages), encoding="utf-8")
        case.conversation = None
        usage = Usage()
        try:
            completion = self._generate(case, messages, number)
            usage = completion.usage
            earlier = json.loads((case.dir.root / "files.json").read_text(encoding="utf-8"))
            self._apply(case, completion, number, earlier)
            self._install_and_build(case)
            case.conversation = (messages, completion.text)
            case.rounds.append(round_record(number, usage, None))
        except StageFailure as failure:
            case.failure = failure
            case.rounds.append(round_record(number, usage, failure))
        except InfrastructureError as error:
            case.error = error
        case.record()
        return True

    def _check_launch(self, case: BuiltCase) -> None:
        """Serve the built app once and stop it: a launch failure can still go back to the model."""
        self.on_stage(case.spec, "launching")
        app = launch(case, self.timeouts, self.sandbox(case.spec, "launch-check"))
        try:
            failure = app.failure
        finally:
            app.stop()
            case.failure = None
            case.timings.pop("launch", None)
        if failure is not None:
            raise failure

    def in_agent_mode(self, model: Model) -> bool:
        """A remote model with tool calling, in agent mode (its alias's, else --llm-mode's); or a
        ``replay:FILE`` model whose cassette recorded agent sessions."""
        config = getattr(model, "config", None)
        if not isinstance(config, RemoteConfig):
            return False
        replay = getattr(getattr(model, "services", None), "replay", None)
        if config.wire == "replay" and replay is not None:
            return replay.agent_wire(model.label) is not None
        return config.wire in ("openai", "anthropic") and (config.mode or self.mode) == "agent"

    def _generate(self, case: BuiltCase, messages: tuple[Message, ...], number: int) -> Completion:
        spec, cdir = case.spec, case.dir
        self.on_stage(spec, "generating")
        started = time.monotonic()
        request = GenerationRequest(
            messages=messages,
            sample=spec.sample,
            reference=spec.challenge.reference,
            timeout=stage_timeout(spec, "generate", self.timeouts),
        )
        try:
            completion = self.first_answer(spec, request) if number == 0 else spec.model.generate(request)
        except GenerationError as exc:
            case.usage = add_usage(case.usage, exc.usage)
            raise StageFailure(Stage.GENERATE, str(exc)) from None
        except InfrastructureError as exc:
            raise InfrastructureError(
                f"generate ({spec.challenge.id} / {spec.model.label} / sample {spec.sample}): {exc}"
            ) from None
        finally:
            self._timed(case, Stage.GENERATE, started)
        case.usage = add_usage(case.usage, completion.usage)
        case.generation = {
            "source": completion.source,
            "model_id": completion.model_id,
            "first_token_s": completion.first_token_s,
            "total_s": round(float(case.generation.get("total_s", 0.0)) + completion.total_s, 3),
            "attempts": int(case.generation.get("attempts", 0)) + completion.attempts,
        }
        suffix = f"-repair-{number}" if number else ""
        (cdir.root / f"answer{suffix}.md").write_text(completion.text, encoding="utf-8")
        if completion.thinking:
            (cdir.root / f"thinking{suffix}.md").write_text(completion.thinking, encoding="utf-8")
        return completion

    def _apply(self, case: BuiltCase, completion: Completion, number: int, earlier: list[str]) -> list[str]:
        """Parse the answer and apply it to the workspace; returns every path written so far."""
        cdir, challenge = case.dir, case.spec.challenge
        started = time.monotonic()
        answer = cdir.root / (f"answer-repair-{number}.md" if number else "answer.md")
        try:
            parsed = parse_answer(completion.text)
            case.notes.extend(parsed.notes)
            case.notes.extend(apply_changes(cdir.workspace, parsed.changes))
        except (AnswerError, OSError) as exc:
            raise StageFailure(Stage.PARSE, f"{exc}\n(answer: {answer})") from None
        finally:
            self._timed(case, Stage.PARSE, started)
        paths = list(dict.fromkeys([*earlier, *parsed.paths]))
        cdir.write_json("files.json", paths)
        if challenge.base is not None:
            (cdir.root / "change.diff").write_text(change_diff(challenge.base, cdir.workspace, paths), encoding="utf-8")
        case.notes.extend(p for p in layout_problems(cdir.workspace) if p not in case.notes)
        return paths

    def _install_and_build(self, case: BuiltCase) -> None:
        spec, cdir = case.spec, case.dir
        challenge = spec.challenge
        sandbox = self.sandbox(spec, "build")
        try:
            for stage, command in ((Stage.INSTALL, challenge.stack.install), (Stage.BUILD, challenge.stack.build)):
                if not command:
                    continue
                self.on_stage(spec, "installing" if stage is Stage.INSTALL else "building")
                timeout = stage_timeout(spec, str(stage), self.timeouts)
                if stage is Stage.INSTALL:
                    self._install(case, sandbox, command, timeout)
                    sandbox.end_network()  # the build gets no way out
                else:
                    self._build_stage(case, sandbox, command, timeout)
                _check_disk_use(stage, cdir.workspace, self.sandbox_config.workspace_bytes)
        finally:
            # before close: the cgroup's counters go with it
            case.notes.extend(n for n in sandbox.notes() if n not in case.notes)
            sandbox.close()


    def _run_stage(self, case: BuiltCase, sandbox: CaseSandbox, stage: Stage, command: str, timeout: float) -> None:
        cdir = case.dir
        env = sandbox.env(scrubbed_env(), network=stage is Stage.INSTALL)
        result = run(command, cwd=cdir.workspace, log_path=cdir.log(str(stage)), env=env, timeout=timeout,
                     argv=sandbox.wrap(command, cdir.workspace, env))
        case.timings[str(stage)] = round(case.timings.get(str(stage), 0.0) + result.seconds, 3)
        if not result.ok:
            raise _fail_from_run(stage, result, timeout)

    def _install(self, case: BuiltCase, sandbox: CaseSandbox, command: str, timeout: float) -> None:
        """Install the workspace's dependencies: from the dependency store when the same set was
        installed before (by any case, this run or an earlier one), else by ``command``, storing
        what it installed for the next workspace with the same set."""
        store, workspace = self.deps, case.dir.workspace
        key = store.key(workspace, command) if store is not None else None
        case.deps = {}  # a repair round's install into existing node_modules: neither stored nor a build key
        if store is None or key is None:
            self._run_stage(case, sandbox, Stage.INSTALL, command, timeout)
            return
        with store.locked(key) as entry:
            if entry is not None:
                started = time.monotonic()
                files = store.restore(entry, workspace)
                if sandbox.isolated:
                    give_to_sandbox_user(workspace / "node_modules")
                installed = Installed(key, reused=True, files=files, seconds=time.monotonic() - started)
                log = case.dir.log(str(Stage.INSTALL))
                log.write_text(describe_reuse(installed, command, store.link), encoding="utf-8")
                case.timings[str(Stage.INSTALL)] = round(case.timings.get(str(Stage.INSTALL), 0.0)
                                                         + installed.seconds, 3)
                case.deps = {"key": key, "reused": True, "files": files}
                return
            before = store.before_install(workspace)
            self._run_stage(case, sandbox, Stage.INSTALL, command, timeout)
            why_not = store.save(key, workspace, before)
            case.deps = {"key": key, "reused": False, "stored": not why_not}
            if why_not:
                case.notes.append(f"dependencies not kept in the store: {why_not}")

    def _build_stage(self, case: BuiltCase, sandbox: CaseSandbox, command: str, timeout: float) -> None:
        """Build the workspace, or copy in what a build of the same sources (and dependencies) made."""
        store, workspace, dependency_key = self.builds, case.dir.workspace, case.deps.get("key")
        if store is None or not dependency_key:
            self._run_stage(case, sandbox, Stage.BUILD, command, timeout)
            return
        started = time.monotonic()
        sources = snapshot(workspace)
        key = store.key(sources, dependency_key, command)
        with store.locked(key) as entry:
            if entry is None:
                self._run_stage(case, sandbox, Stage.BUILD, command, timeout)
                why_not = store.save(key, workspace, sources, case.dir.log(str(Stage.BUILD)))
                case.build = {"key": key, "reused": False, "stored": not why_not}
                if why_not:
                    case.notes.append(f"build output not kept in the store: {why_not}")
                return
            restored = store.restore(entry, workspace)
            if sandbox.isolated:
                give_to_sandbox_user(workspace)
            earlier = (entry / "build.log").read_text(encoding="utf-8", errors="replace") \
                if (entry / "build.log").is_file() else ""
            case.dir.log(str(Stage.BUILD)).write_text(
                f"build output reused from the store (entry {key}: {len(restored)} files) instead of running "
                f"`{command}`: the same sources, dependencies, build command, Node and npm were built before. "
                f"--llm-reuse=deps builds anew. The log of that build:\n{earlier}", encoding="utf-8")
            case.timings[str(Stage.BUILD)] = round(case.timings.get(str(Stage.BUILD), 0.0)
                                                   + time.monotonic() - started, 3)
            case.build = {"key": key, "reused": True, "files": len(restored)}


def _check_disk_use(stage: Stage, workspace: Path, limit: int) -> None:
    used = disk_use(workspace)
    if used > limit:
        raise StageFailure(stage, f"the workspace uses {used / 2**20:.0f} MiB of disk after {stage}, over the "
                                  f"limit of {limit / 2**20:.0f} MiB")


def _answers(sandbox: CaseSandbox, port: int, path: str) -> bool:
    """Whether an HTTP GET of ``path`` gets an answer below 500 (reached inside the sandbox's network)."""
    try:
        with sandbox.connect("127.0.0.1", port, timeout=2) as conn:
            conn.settimeout(2)
            conn.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            status_line = conn.recv(64).split(b"\r\n", 1)[0].split()
    except OSError:
        return False
    return len(status_line) >= 2 and status_line[1].isdigit() and int(status_line[1]) < 500


@dataclasses.dataclass
class RunningApp:
    """The app of one case, served for its behaviour tests (or the reason it is not)."""

    case: BuiltCase
    sandbox: CaseSandbox
    url: str = ""
    failure: StageFailure | None = None
    env: dict[str, str] = dataclasses.field(default_factory=dict)  # what the app was given (service URLs, PORT)
    browser: Any = None  # a Playwright Browser started inside this app's sandbox, if it has a network of its own
    _processes: list[Process] = dataclasses.field(default_factory=list)
    _on_stop: list[Callable[[], None]] = dataclasses.field(default_factory=list)

    @property
    def workspace(self) -> Path:
        return self.case.dir.workspace

    @property
    def dir(self) -> CaseDir:
        return self.case.dir

    def run(self, command: str, *, name: str, timeout: float = 120.0) -> RunResult:
        """Run a command in the app's workspace, in its sandbox, with the app's environment (e.g. the
        codebase's own tests), logged to ``logs/<name>.log``."""
        env = self.sandbox.env(scrubbed_env(self.env))
        return run(command, cwd=self.workspace, log_path=self.dir.log(name), env=env, timeout=timeout,
                   argv=self.sandbox.wrap(command, self.workspace, env))

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
                                      f"{result.explain(60)}\n{tail(result.log_path)}")

    def on_stop(self, callback: Callable[[], None]) -> None:
        self._on_stop.append(callback)

    def stop(self) -> None:
        """Stop the app, its services and every process they started; close what was tied to it."""
        while self._on_stop:
            self._on_stop.pop()()
        while self._processes:
            self._processes.pop().stop()
        notes = [note for note in self.sandbox.notes() if note not in self.case.notes]
        self.sandbox.close()
        if notes:
            self.case.notes.extend(notes)
            self.case.record()


def _wait_until_ready(app: RunningApp, process: Process, port: int, path: str, timeout: float) -> str | None:
    """None once ``path`` answers on ``port``; otherwise why not (the process died, or time ran out)."""
    started = time.monotonic()
    url = f"http://127.0.0.1:{port}{path}"
    pause = 0.01  # most servers answer within a fraction of a second: look often at first
    while True:
        code = process.poll()  # first: a server that died must not be mistaken for one on its port
        if code is None and _answers(app.sandbox, port, path):
            return None
        if code is not None:
            return f"`{process.command}` exited with status {code} before {url} answered"
        if time.monotonic() - started > timeout:
            return f"{url} did not answer within {timeout:g}s of `{process.command}`"
        time.sleep(pause)
        pause = min(0.1, pause * 1.5)


SERVICE_TIMEOUT = 30.0


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
        process = Process(command, cwd=challenge.directory, log_path=log, env=scrubbed_env(),
                          argv=app.sandbox.service_argv(command))
    except OSError as exc:
        raise InfrastructureError(f"could not start the {service.name} service (`{command}`): {exc}") from exc
    app._processes.append(process)
    why = _wait_until_ready(app, process, port, service.ready_path, SERVICE_TIMEOUT)
    if why is not None:
        app.stop()
        raise InfrastructureError(f"the {service.name} service of {challenge.id} did not start: {why}\n{tail(log)}")
    url = f"http://127.0.0.1:{port}"
    for variable, value in service.env.items():
        app.env[variable] = value.replace("{url}", url).replace("{port}", str(port))


def launch(case: BuiltCase, timeouts: dict[str, float | None], sandbox: CaseSandbox) -> RunningApp:
    """Start the challenge's services, serve a built case and wait until it answers, all in
    ``sandbox``; a failure of the app is recorded, not raised (a service that does not start is an
    infrastructure error)."""
    app = RunningApp(case=case, sandbox=sandbox)
    if case.failure is not None:
        app.failure = case.failure
        sandbox.close()
        return app
    stack = case.spec.challenge.stack
    for service in case.spec.challenge.services:
        _start_service(app, service)
    port = sandbox.free_port()
    command = stack.serve.replace("{port}", str(port))
    timeout = stage_timeout(case.spec, "launch", timeouts)
    log = case.dir.log("launch")
    started = time.monotonic()
    app.env.update({"PORT": str(port), "HOST": "127.0.0.1"})
    try:
        env = sandbox.env(scrubbed_env(app.env))
        process = Process(command, cwd=case.dir.workspace, log_path=log, env=env,
                          argv=sandbox.wrap(command, case.dir.workspace, env))
    except OSError as exc:
        app.stop()
        raise InfrastructureError(f"could not start `{command}`: {exc}") from exc
    app._processes.append(process)
    why = _wait_until_ready(app, process, port, stack.ready_path, timeout)
    if why is not None:
        app.stop()
        app.failure = StageFailure(Stage.LAUNCH, why, log_tail=tail(log), log_path=str(log))
    case.timings["launch"] = round(time.monotonic() - started, 3)
    app.url = f"http://127.0.0.1:{port}/"
    if app.failure is not None:
        case.failure = case.failure or app.failure
        case.record()
    return app
