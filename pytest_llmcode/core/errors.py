"""The stages of a case and the failure that names one of them."""

from __future__ import annotations

import enum


class Stage(str, enum.Enum):
    """Where in the pipeline of a case something happened."""

    GENERATE = "generate"
    PARSE = "parse"
    INSTALL = "install"
    BUILD = "build"
    LAUNCH = "launch"
    TEST = "test"  # a commit challenge's hidden tests, run
    VERIFY = "verify"

    def __str__(self) -> str:
        return self.value


class StageFailure(Exception):
    """The model's app failed at a stage: a failure of the model, not of the harness.

    ``log_tail`` holds the last lines of that stage's log, ``log_path`` the full log.
    """

    def __init__(
        self,
        stage: Stage,
        message: str,
        *,
        log_tail: str = "",
        log_path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.stage = stage
        self.message = message
        self.log_tail = log_tail
        self.log_path = log_path

    def describe(self) -> str:
        """The text a user sees for every behaviour test of the failed case."""
        lines = [f"[{self.stage}] {self.message}"]
        if self.log_tail:
            where = f" (full log: {self.log_path})" if self.log_path else ""
            lines.append(f"--- last lines of the {self.stage} log{where} ---")
            lines.append(self.log_tail.rstrip("\n"))
        elif self.log_path:
            lines.append(f"log: {self.log_path}")
        return "\n".join(lines)


class InfrastructureError(Exception):
    """The harness itself could not do its work (browser, endpoint, disk).

    Reported as a test *error*, never as a failure of the model.
    """
