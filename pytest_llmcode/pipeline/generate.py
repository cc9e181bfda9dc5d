"""How a case's app comes to be, one strategy per kind of model, chosen from :data:`STRATEGIES`:

- :class:`CompletionRounds`: the model answers with files; the answer is parsed and applied, the app
  installed and built; a failure goes back to the model while repair rounds are left;
- :class:`BuiltinAgent`: a remote model with tool calling works on the workspace (``--llm-mode=agent``);
- :class:`ExternalAgent`: an agent CLI (``agent:NAME``) works on the workspace.

Each leaves the app installed and built, or raises the :class:`StageFailure` of the stage it
failed at. The agents see the case only as an :class:`~pytest_llmcode.agents.task.AgentTask`."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any, Protocol

from pytest_llmcode.agents.external import AgentModel, agent_prompt, run_external
from pytest_llmcode.agents.limits import AgentLimits
from pytest_llmcode.agents.session import agent_messages, run_agent_session
from pytest_llmcode.answers.diffs import change_diff
from pytest_llmcode.answers.evidence import CaseDir
from pytest_llmcode.answers.parse import LOCAL_LIMITS, MODEL_LIMITS, AnswerError, parse_answer
from pytest_llmcode.answers.workspace import apply_changes, changed_files, copy_tree, fingerprints
from pytest_llmcode.core.challenge import Challenge
from pytest_llmcode.core.errors import InfrastructureError, Stage, StageFailure
from pytest_llmcode.models.base import Completion, GenerationError, Message, Model, Usage, add_usage
from pytest_llmcode.models.config import RemoteConfig
from pytest_llmcode.models.remote import RemoteModel
from pytest_llmcode.pipeline.case import BuiltCase, stage_timeout
from pytest_llmcode.pipeline.events import CaseEvents, FirstAnswers
from pytest_llmcode.pipeline.install import Installer
from pytest_llmcode.pipeline.prompt import case_messages, render_markdown, request_for
from pytest_llmcode.pipeline.repair import REPAIRABLE, repair_message, round_record, verify_message
from pytest_llmcode.pipeline.sandboxes import CaseSandboxes
from pytest_llmcode.pipeline.serve import check_launch
from pytest_llmcode.sandbox.base import NO_REACH, Reach, Sandbox
from pytest_llmcode.sandbox.config import stack_registries
from pytest_llmcode.verify.layout import layout_problems


@dataclasses.dataclass
class CaseWork:
    """What a strategy works with: the run's sandboxes, installer, events, time limits and answers."""

    sandboxes: CaseSandboxes
    installer: Installer
    events: CaseEvents
    answers: FirstAnswers
    timeouts: dict[str, float | None]
    repair_rounds: int = 0
    mode: str = "completion"  # of remote models without a mode of their own
    agent_limits: AgentLimits = dataclasses.field(default_factory=AgentLimits)

    def sandbox(self, case: BuiltCase, purpose: str, reach: Reach = NO_REACH) -> Sandbox:
        challenge = case.spec.challenge
        private = challenge.commit.private if challenge.commit is not None else ()
        return self.sandboxes.open(case.dir.root, challenge.directory, purpose, reach, private)

    def install_and_build(self, case: BuiltCase) -> None:
        """In a sandbox whose install may reach the registries the stack needs (PyPI for pip)."""
        registries = Reach(hosts=stack_registries(case.spec.challenge.stack.install))
        self.installer.install_and_build(case, self.sandbox(case, "build", registries))


@dataclasses.dataclass
class CaseTask:
    """A case as an agent sees it (:class:`~pytest_llmcode.agents.task.AgentTask`)."""

    case: BuiltCase
    work: CaseWork

    @property
    def dir(self) -> CaseDir:
        return self.case.dir

    @property
    def challenge(self) -> Challenge:
        return self.case.spec.challenge

    @property
    def sample(self) -> int:
        return self.case.spec.sample

    def sandbox(self, purpose: str, reach: Reach = NO_REACH) -> Sandbox:
        return self.work.sandbox(self.case, purpose, reach)

    def note(self, text: str) -> None:
        self.case.note(text)

    def report(self, *, usage: Usage, generation: dict[str, Any], seconds: float) -> None:
        self.case.usage = usage
        if generation:
            self.case.generation = generation
        self.case.timings[str(Stage.GENERATE)] = seconds


class Strategy(Protocol):
    """One way of generating a case's app."""

    asks_first: bool  # its first step is one plain request (the prefetcher may ask for it ahead)

    def generate(self, work: CaseWork, case: BuiltCase, messages: tuple[Message, ...]) -> None: ...


def _write_changes(case: BuiltCase, changed: list[str]) -> None:
    """``files.json`` and, for a change to a codebase, ``change.diff``."""
    case.dir.write_json("files.json", changed)
    base = case.spec.challenge.base
    if base is not None:
        (case.dir.root / "change.diff").write_text(change_diff(base, case.dir.workspace, changed), encoding="utf-8")


class BuiltinAgent:
    asks_first = False

    def generate(self, work: CaseWork, case: BuiltCase, messages: tuple[Message, ...]) -> None:
        spec, cdir = case.spec, case.dir
        assert isinstance(spec.model, RemoteModel)
        work.events.stage(spec, "generating")
        (cdir.root / "prompt.md").write_text(render_markdown(agent_messages(messages)), encoding="utf-8")
        before = fingerprints(cdir.workspace)
        limits = dataclasses.replace(work.agent_limits, max_seconds=stage_timeout(spec, "generate", work.timeouts))
        run_agent_session(CaseTask(case, work), spec.model, messages, limits)
        changed = changed_files(before, fingerprints(cdir.workspace))
        _write_changes(case, changed)
        if not changed:
            raise StageFailure(Stage.GENERATE, "the agent finished without creating or changing any file")
        work.install_and_build(case)


class ExternalAgent:
    asks_first = False

    def generate(self, work: CaseWork, case: BuiltCase, messages: tuple[Message, ...]) -> None:
        assert isinstance(case.spec.model, AgentModel)
        work.events.stage(case.spec, "generating")
        prompt = render_markdown(agent_prompt(messages, modify=case.spec.challenge.base is not None))
        (case.dir.root / "prompt.md").write_text(prompt, encoding="utf-8")
        run_external(CaseTask(case, work), case.spec.model, prompt)
        work.install_and_build(case)


class CompletionRounds:
    """One answer, parsed and applied; then repair rounds while the case fails at a stage a model
    can fix (parse, install, build, launch) or, after its tests ran, at verify."""

    asks_first = True

    def generate(self, work: CaseWork, case: BuiltCase, messages: tuple[Message, ...]) -> None:
        cdir, challenge = case.dir, case.spec.challenge
        paths: list[str] = []
        for number in range(work.repair_rounds + 1):
            (cdir.root / "prompt.md").write_text(render_markdown(messages), encoding="utf-8")
            completion = self._ask(work, case, messages, number)
            try:
                paths = self._apply(case, completion, number, paths)
                work.install_and_build(case)
                # a round is left: find out now whether the app starts (a commit challenge serves nothing,
                # and its tests are not run before the model's last word: they would be in its workspace)
                if number < work.repair_rounds and challenge.stack.test is None:
                    work.events.stage(case.spec, "launching")
                    check_launch(case, work.timeouts, work.sandbox(case, "launch-check"))
            except StageFailure as failure:
                case.rounds.append(round_record(number, completion.usage, failure))
                if number == work.repair_rounds or failure.stage not in REPAIRABLE:
                    raise
                messages = (*messages, Message("assistant", completion.text),
                            repair_message(failure, cdir.workspace, modify=challenge.base is not None))
                continue
            case.rounds.append(round_record(number, completion.usage, None))
            case.conversation = (messages, completion.text)
            return

    def repair(self, work: CaseWork, case: BuiltCase, failures: list[tuple[str, str]]) -> None:
        """Send failed behaviours back to the model and rebuild the case with its changes."""
        assert case.conversation is not None
        messages, answer = case.conversation
        number = len(case.rounds)
        case.rounds[-1].update(failed_stage=str(Stage.VERIFY), reason=f"{len(failures)} behaviour(s) failed: "
                               + ", ".join(name for name, _ in failures))
        case.dir.keep_round(number - 1)
        messages = (*messages, Message("assistant", answer),
                    verify_message(failures, case.dir.workspace, modify=case.spec.challenge.base is not None))
        (case.dir.root / "prompt.md").write_text(render_markdown(messages), encoding="utf-8")
        case.conversation = None
        usage = Usage()
        try:
            completion = self._ask(work, case, messages, number)
            usage = completion.usage
            earlier = case.dir.read_json("files.json")
            self._apply(case, completion, number, earlier)
            work.install_and_build(case)
            case.conversation = (messages, completion.text)
            case.rounds.append(round_record(number, usage, None))
        except StageFailure as failure:
            case.failure = failure
            case.rounds.append(round_record(number, usage, failure))
        except InfrastructureError as error:
            case.error = error

    @staticmethod
    def _ask(work: CaseWork, case: BuiltCase, messages: tuple[Message, ...], number: int) -> Completion:
        spec, cdir = case.spec, case.dir
        work.events.stage(spec, "generating")
        started = time.monotonic()
        request = request_for(spec, messages, work.timeouts)
        try:
            completion = work.answers.first_answer(spec, request) if number == 0 else spec.model.generate(request)
        except GenerationError as exc:
            case.usage = add_usage(case.usage, exc.usage)
            raise StageFailure(Stage.GENERATE, str(exc)) from None
        except InfrastructureError as exc:
            raise InfrastructureError(
                f"generate ({spec.challenge.id} / {spec.model.label} / sample {spec.sample}): {exc}"
            ) from None
        finally:
            case.add_time(Stage.GENERATE, time.monotonic() - started)
        case.usage = add_usage(case.usage, completion.usage)
        case.generation = {
            "source": completion.source,
            "model_id": completion.model_id,
            "first_token_s": completion.first_token_s,
            "total_s": round(float(case.generation.get("total_s", 0.0)) + completion.total_s, 3),
            "attempts": int(case.generation.get("attempts", 0)) + completion.attempts,
            "cost_source": completion.cost_source,
        }
        suffix = f"-repair-{number}" if number else ""
        (cdir.root / f"answer{suffix}.md").write_text(completion.text, encoding="utf-8")
        if completion.thinking:
            (cdir.root / f"thinking{suffix}.md").write_text(completion.thinking, encoding="utf-8")
        return completion

    @staticmethod
    def _apply(case: BuiltCase, completion: Completion, number: int, earlier: list[str]) -> list[str]:
        """Parse the answer and apply it to the workspace; returns every path written so far."""
        cdir = case.dir
        started = time.monotonic()
        answer = cdir.root / (f"answer-repair-{number}.md" if number else "answer.md")
        try:
            # an answer made from files people wrote (reference, dir:, file:) may hold a real app's textures
            parsed = parse_answer(completion.text, LOCAL_LIMITS if completion.source == "local" else MODEL_LIMITS)
            case.notes.extend(parsed.notes)
            case.notes.extend(apply_changes(cdir.workspace, parsed.changes))
        except (AnswerError, OSError) as exc:
            raise StageFailure(Stage.PARSE, f"{exc}\n(answer: {answer})") from None
        finally:
            case.add_time(Stage.PARSE, time.monotonic() - started)
        paths = list(dict.fromkeys([*earlier, *parsed.paths]))
        _write_changes(case, paths)
        for problem in layout_problems(cdir.workspace):
            case.note(problem)
        return paths


def in_agent_mode(model: Model, mode: str) -> bool:
    """A remote model with tool calling, in agent mode (its alias's, else ``mode``); or a
    ``replay:FILE`` model whose cassette recorded agent sessions."""
    config = getattr(model, "config", None)
    if not isinstance(config, RemoteConfig):
        return False
    replay = getattr(getattr(model, "services", None), "replay", None)
    if config.wire == "replay" and replay is not None:
        return replay.agent_wire(model.label) is not None
    return config.wire in ("openai", "anthropic", "responses") and (config.mode or mode) == "agent"


# the first whose test holds: (test of the model and --llm-mode, strategy)
STRATEGIES: list[tuple[Callable[[Model, str], bool], Strategy]] = [
    (lambda model, mode: isinstance(model, AgentModel), ExternalAgent()),
    (in_agent_mode, BuiltinAgent()),
    (lambda model, mode: True, CompletionRounds()),
]


def strategy_for(model: Model, mode: str) -> Strategy:
    return next(strategy for applies, strategy in STRATEGIES if applies(model, mode))


def prepare_workspace(case: BuiltCase) -> tuple[Message, ...]:
    """Copy the starter files and the codebase into the workspace; the first messages of the case
    (as :func:`~pytest_llmcode.pipeline.prompt.first_request` makes them for the prefetcher)."""
    challenge, workspace = case.spec.challenge, case.dir.workspace
    if challenge.starter is not None:
        copy_tree(challenge.starter, workspace)
    if challenge.base is not None:
        copy_tree(challenge.base, workspace)
    return case_messages(challenge)
