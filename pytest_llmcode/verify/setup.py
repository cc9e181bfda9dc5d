"""The failure of a step before the behaviour under test (kept apart in reports and compare)."""

from __future__ import annotations


class SetupError(AssertionError):
    """A step before the behaviour under test could not be done; the behaviour was not judged."""

    def __init__(self, step: str, missing: str, detail: str = "") -> None:
        message = f"[set-up] could not {step}: {missing}"
        super().__init__(message + (f"\n{detail}" if detail else ""))


__all__ = ["SetupError"]
