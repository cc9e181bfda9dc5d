"""Install and build a case's workspace in its sandbox: from the dependency and build stores when
the same dependency set or source tree was done before (by any case, this run or an earlier one),
else by the challenge's commands, storing what they made for the next workspace."""

from __future__ import annotations

import time
from pathlib import Path

from pytest_llmcode.answers import npmrc
from pytest_llmcode.core.errors import Stage, StageFailure
from pytest_llmcode.core.process import RunResult, tail
from pytest_llmcode.pipeline.build_store import BuildStore, snapshot
from pytest_llmcode.pipeline.case import BuiltCase, stage_timeout
from pytest_llmcode.pipeline.dep_store import DependencyStore, Installed
from pytest_llmcode.pipeline.dep_store import describe as describe_reuse
from pytest_llmcode.pipeline.events import CaseEvents
from pytest_llmcode.sandbox.base import Sandbox
from pytest_llmcode.sandbox.files import give_to_sandbox_user, over_limits
from pytest_llmcode.sandbox.links import describe as describe_links
from pytest_llmcode.sandbox.links import remove_escaping_links


def fail_from_run(stage: Stage, result: RunResult, timeout: float) -> StageFailure:
    return StageFailure(stage, result.explain(timeout), log_tail=tail(result.log_path), log_path=str(result.log_path))


def check_links(stage: Stage, workspace: Path, log_path: Path | None = None) -> None:
    """End a stage that ran generated code: links out of the workspace are removed, and fail it."""
    removed = remove_escaping_links(workspace)
    if removed:
        raise StageFailure(stage, describe_links(removed, f"the {stage}"),
                           log_path=None if log_path is None else str(log_path))


def check_disk_use(stage: Stage, workspace: Path, limit: int, limit_files: int = 100_000) -> None:
    over = over_limits(workspace, limit, limit_files)
    if over:
        raise StageFailure(stage, f"the workspace uses {over} after {stage}")


class Installer:
    """``deps`` and ``builds``: the stores, or None (``--llm-reuse``)."""

    def __init__(self, timeouts: dict[str, float | None], workspace_bytes: int, events: CaseEvents,
                 deps: DependencyStore | None = None, builds: BuildStore | None = None,
                 workspace_files: int = 100_000) -> None:
        self.timeouts = timeouts
        self.workspace_bytes = workspace_bytes
        self.workspace_files = workspace_files
        self.events = events
        self.deps = deps
        self.builds = builds

    def install_and_build(self, case: BuiltCase, sandbox: Sandbox) -> None:
        """Run the challenge's install (the registry reachable) and build (no network) in ``sandbox``,
        which is closed afterwards; its notes (limits hit) go to the case."""
        spec, cdir = case.spec, case.dir
        stack = spec.challenge.stack
        done = False
        try:
            for stage, command in ((Stage.INSTALL, stack.install), (Stage.BUILD, stack.build)):
                if not command:
                    continue
                self.events.stage(spec, "installing" if stage is Stage.INSTALL else "building")
                timeout = stage_timeout(spec, str(stage), self.timeouts)
                if stage is Stage.INSTALL:
                    self._install(case, sandbox, command, timeout)
                    sandbox.end_network()  # the build gets no way out
                else:
                    self._build(case, sandbox, command, timeout)
                check_disk_use(stage, cdir.workspace, self.workspace_bytes, self.workspace_files)
            done = True
        finally:
            # before close: the cgroup's counters go with it
            for note in sandbox.notes():
                case.note(note)
            sandbox.close()
            removed = remove_escaping_links(cdir.workspace)  # what a process left after its stage, always
        if removed and done:
            raise StageFailure(Stage.BUILD, describe_links(removed, "the build"))

    @staticmethod
    def _run(case: BuiltCase, sandbox: Sandbox, stage: Stage, command: str, timeout: float) -> None:
        result = sandbox.run(command, cwd=case.dir.workspace, log_path=case.dir.log(str(stage)), timeout=timeout,
                             network=stage is Stage.INSTALL)
        case.add_time(stage, result.seconds)
        check_links(stage, case.dir.workspace, result.log_path)  # before anything is stored or read
        if not result.ok:
            raise fail_from_run(stage, result, timeout)

    def _install(self, case: BuiltCase, sandbox: Sandbox, command: str, timeout: float) -> None:
        """Install the workspace's dependencies: from the dependency store when the same set was
        installed before, else by ``command``, storing what it installed for the next workspace."""
        store, workspace = self.deps, case.dir.workspace
        npmrc.check(workspace)
        key = store.key(workspace, command) if store is not None else None
        case.deps = {}  # a repair round's install into existing node_modules: neither stored nor a build key
        if store is None or key is None:
            self._run(case, sandbox, Stage.INSTALL, command, timeout)
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
                case.add_time(Stage.INSTALL, installed.seconds)
                case.deps = {"key": key, "reused": True, "files": files}
                return
            before = store.before_install(workspace)
            self._run(case, sandbox, Stage.INSTALL, command, timeout)
            why_not = store.save(key, workspace, before)
            case.deps = {"key": key, "reused": False, "stored": not why_not}
            if why_not:
                case.notes.append(f"dependencies not kept in the store: {why_not}")

    def _build(self, case: BuiltCase, sandbox: Sandbox, command: str, timeout: float) -> None:
        """Build the workspace, or copy in what a build of the same sources (and dependencies) made."""
        store, workspace, dependency_key = self.builds, case.dir.workspace, case.deps.get("key")
        if store is None or not dependency_key:
            self._run(case, sandbox, Stage.BUILD, command, timeout)
            return
        started = time.monotonic()
        sources = snapshot(workspace)
        key = store.key(sources, dependency_key, command)
        with store.locked(key) as entry:
            if entry is None:
                self._run(case, sandbox, Stage.BUILD, command, timeout)
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
            case.add_time(Stage.BUILD, time.monotonic() - started)
            case.build = {"key": key, "reused": True, "files": len(restored)}
