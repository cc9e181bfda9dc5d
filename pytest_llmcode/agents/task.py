"""What an agent may touch: one case, through a small interface (never the case builder)."""

from __future__ import annotations

from typing import Any, Protocol

from pytest_llmcode.answers.evidence import CaseDir
from pytest_llmcode.core.challenge import Challenge
from pytest_llmcode.models.base import Usage
from pytest_llmcode.sandbox.base import NO_REACH, Reach, Sandbox


class AgentTask(Protocol):
    """One case an agent works on: its evidence folder (the workspace is ``dir.workspace``), its
    challenge and sample, fresh sandboxes for the commands it runs, and where what it did is told."""

    @property
    def dir(self) -> CaseDir: ...

    @property
    def challenge(self) -> Challenge: ...

    @property
    def sample(self) -> int: ...

    def sandbox(self, purpose: str, reach: Reach = NO_REACH) -> Sandbox:
        """A new sandbox of the case for one purpose (an agent's command, one tool call); ``reach``:
        what more its commands may reach (an external agent's program and endpoint)."""
        ...

    def note(self, text: str) -> None:
        """A note for the case's record (a limit hit, access refused)."""
        ...

    def report(self, *, usage: Usage, generation: dict[str, Any], seconds: float) -> None:
        """What the generation has cost so far: tokens and cost, how it was answered, its time."""
        ...
