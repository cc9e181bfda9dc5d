"""The limits of a built-in agent session (kept apart from the agent, which imports an HTTP client)."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class AgentLimits:
    max_turns: int = 40
    max_tokens: int = 1_000_000  # input and output, over the whole session
    max_cost: float | None = None  # USD
    max_seconds: float = 1800.0
