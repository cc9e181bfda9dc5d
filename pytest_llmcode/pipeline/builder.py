"""Build each case of a run once (generate, parse, install, build), remember the outcome, failures
included, and serve it for its checks. The stages are elsewhere: the generation strategies in
:mod:`~pytest_llmcode.pipeline.generate`, install and build in :mod:`~pytest_llmcode.pipeline.install`,
serving in :mod:`~pytest_llmcode.pipeline.serve`, sandboxes in :mod:`~pytest_llmcode.pipeline.sandboxes`."""

from __future__ import annotations

import fcntl
import json
import threading
import traceback
import uuid
from pathlib import Path

from pytest_llmcode.agents.limits import AgentLimits
from pytest_llmcode.answers.evidence import CaseDir
from pytest_llmcode.core.errors import InfrastructureError, Stage, StageFailure
from pytest_llmcode.models.base import Model
from pytest_llmcode.pipeline.build_store import BuildStore
from pytest_llmcode.pipeline.case import CASE_FILE, BuiltCase, CaseSpec
from pytest_llmcode.pipeline.dep_store import DependencyStore
from pytest_llmcode.pipeline.events import AskTheModel, CaseEvents, FirstAnswers, NoEvents
from pytest_llmcode.pipeline.generate import CaseWork, CompletionRounds, Strategy, prepare_workspace, strategy_for
from pytest_llmcode.pipeline.install import Installer
from pytest_llmcode.pipeline.sandboxes import CaseSandboxes
from pytest_llmcode.pipeline.serve import RunningApp, launch
from pytest_llmcode.sandbox.base import NO_REACH, Backend, Reach, Sandbox
from pytest_llmcode.sandbox.config import SandboxConfig
from pytest_llmcode.sandbox.netns import NetNamespace


class CaseBuilder:
    """Builds each case once per run (per process, and across pytest-xdist workers: a lock per case
    makes the others wait for the first and take its ``case.json``)."""

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
        events: CaseEvents | None = None,
        answers: FirstAnswers | None = None,
        backends: dict[str, Backend] | None = None,
        run_id: str | None = None,
    ) -> None:
        """``hidden``: more folders generated code must not see. ``repair_rounds``: how often a failed
        parse, install, build or launch goes back to the model with what went wrong. ``events``: told
        of each case's stages and when it is built; ``answers``: gives each case its first answer (a
        prefetcher may have it ready). ``run_id``: the same for every pytest-xdist worker of one run
        (its ``testrunuid``), new for every run when not given."""
        self.output = output
        self.sandbox_config = sandbox or SandboxConfig("none", limits=False)
        self.run_id = run_id or uuid.uuid4().hex
        self.sandboxes = CaseSandboxes(self.sandbox_config, output, self.run_id, hidden, backends, browser_scope)
        self.events = events or NoEvents()
        # a sandboxed user cannot write root's files: linked; with commands running as you, copies
        deps = (DependencyStore(store_dir / "deps", link=self.sandboxes.backend.isolated)
                if store_dir is not None and reuse in ("all", "deps") else None)
        builds = BuildStore(store_dir / "builds", deps) if deps is not None and store_dir is not None \
            and reuse == "all" else None
        self.timeouts = timeouts
        self.work = CaseWork(self.sandboxes, Installer(timeouts, self.sandbox_config.workspace_bytes, self.events,
                                                       deps, builds, self.sandbox_config.workspace_files),
                             self.events, answers or AskTheModel(), timeouts, repair_rounds, mode,
                             agent_limits or AgentLimits())
        self._built: dict[tuple[str, str, int], BuiltCase] = {}
        self._key_locks: dict[tuple[str, str, int], threading.Lock] = {}
        self._locks_lock = threading.Lock()

    @property
    def deps(self) -> DependencyStore | None:
        return self.work.installer.deps

    @property
    def builds(self) -> BuildStore | None:
        return self.work.installer.builds

    def strategy(self, model: Model) -> Strategy:
        """How the model's cases are generated."""
        return strategy_for(model, self.work.mode)

    def sandbox(self, spec: CaseSpec, purpose: str, reach: Reach = NO_REACH) -> Sandbox:
        """The sandbox of one case's stage (install and build, or serving and checks)."""
        private = spec.challenge.commit.private if spec.challenge.commit is not None else ()
        return self.sandboxes.open(self.case_dir(spec).root, spec.challenge.directory, purpose, reach, private)

    def serving_network(self) -> NetNamespace | None:
        return self.sandboxes.serving_network()

    def launch(self, case: BuiltCase) -> RunningApp:
        """Serve a built case for its behaviour tests (see :func:`~pytest_llmcode.pipeline.serve.launch`)."""
        config = self.sandbox_config
        return launch(case, self.timeouts, self.sandbox(case.spec, "serve"),
                      limits=(config.workspace_bytes, config.workspace_files))

    @property
    def serves_in_one_network(self) -> bool:
        """Whether cases are served one after another in one network (the worker's, where its browser
        runs): then a case may be served only once the one before has stopped, or its processes could
        reach the other's server."""
        return self.sandboxes.shares_serving_network

    def close(self) -> None:
        self.sandboxes.close()

    def case_dir(self, spec: CaseSpec) -> CaseDir:
        return CaseDir(self.output / spec.challenge.id / spec.model.label / f"s{spec.sample}")

    def build(self, spec: CaseSpec) -> BuiltCase:
        """Build the case, or reuse it if this run already did (in this process or another
        pytest-xdist worker: a lock per case makes the others wait for the first)."""
        with self._locks_lock:  # a thread building ahead (see plugin/prefetch.py) and the run's own
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
            data = json.loads((cdir.root / CASE_FILE).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None
        if data.get("run_id") != self.run_id:
            return None
        return BuiltCase.from_record(spec, cdir, data)

    def _build(self, spec: CaseSpec) -> BuiltCase:
        case = BuiltCase(spec=spec, dir=self.case_dir(spec), run_id=self.run_id, sandbox=self.sandbox_config.backend)
        case.dir.prepare()
        try:
            messages = prepare_workspace(case)
            self.strategy(spec.model).generate(self.work, case, messages)
        except StageFailure as failure:
            if case.notes and failure.stage is not Stage.PARSE:
                failure.message += "\nnotes: " + "; ".join(case.notes)
            case.failure = failure
        except InfrastructureError as error:
            case.error = error
        except Exception as exc:  # a harness bug must not lose the case
            detail = "".join(traceback.format_exception(exc))
            (case.dir.root / "internal-error.txt").write_text(detail, encoding="utf-8")
            case.error = InfrastructureError(f"internal error of pytest-llmcode: {exc!r} (see {case.dir.root})")
        finally:
            case.record()
        self.events.built(case)
        return case

    def repair_after_verify(self, spec: CaseSpec, failures: list[tuple[str, str]]) -> bool:
        """Send failed behaviours back to the model and rebuild the case with its changes; False when
        this case cannot be repaired here (built elsewhere, by an agent, or already failed)."""
        case = self._built.get(spec.key)
        strategy = self.strategy(spec.model)
        if case is None or case.conversation is None or case.failure or case.error or not case.rounds \
                or not isinstance(strategy, CompletionRounds):
            return False
        strategy.repair(self.work, case, failures)
        case.record()
        self.events.built(case)
        return True
