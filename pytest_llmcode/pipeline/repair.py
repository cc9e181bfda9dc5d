"""Repair rounds (``--llm-repair-rounds=K``): when a case fails at parse, install, build or launch, the
model gets back what a developer would see (the failure and the tail of the stage's log, never the
checks) and answers with changes; the app is rebuilt, up to K times. Each round is recorded with
its stage, reason, tokens and cost. Failed behaviour tests: see :mod:`pytest_llmcode.plugin.repair`."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from pytest_llmcode.core.errors import Stage, StageFailure
from pytest_llmcode.core.files import project_files
from pytest_llmcode.core.text import clip
from pytest_llmcode.models.base import Message, Usage

REPAIRABLE = (Stage.PARSE, Stage.INSTALL, Stage.BUILD, Stage.LAUNCH)
LISTED_FILES = 200


MESSAGE_CHARS = 4_000  # a failure's message, as the model sees it
LOG_CHARS = 4_000  # the end of a stage's log
MAX_FAILURES = 20


def round_record(number: int, usage: Usage, failure: StageFailure | None) -> dict[str, Any]:
    """One generation of the case: 0 is the first try, then each repair."""
    return {"round": number, "failed_stage": str(failure.stage) if failure else None,
            "reason": failure.message.splitlines()[0][:500] if failure else None, "usage": dataclasses.asdict(usage)}


def repair_message_tail(workspace: Path, modify: bool) -> str:
    """How to answer, and the files the workspace holds now."""
    files = [path.relative_to(workspace).as_posix() for path in project_files(workspace)]
    more = len(files) - LISTED_FILES
    listing = "\n".join(name[:300] for name in files[:LISTED_FILES]) + (f"\n… and {more} more" if more > 0 else "")
    how = ("`Edit:` sections (SEARCH/REPLACE against the files as they are now), whole files for new files, "
           "`Delete:` for files to remove" if modify else
           "whole files for every file you create or change, `Delete:` for files to remove")
    return "\n".join(["Find the cause and fix it. Answer with the changes only, in the same format as before: "
                      f"{how}. Files you do not mention stay as they are.", "", "The workspace now holds:", "",
                      "```", listing or "(nothing)", "```"])


def repair_message(failure: StageFailure, workspace: Path, modify: bool) -> Message:
    """What the model is told after a failed round (each text from the app cut to a size: a page's
    2 MiB title must not become a 6 MB request billed to the user)."""
    parts = [f"Your answer did not get through the {failure.stage} stage:", "", "```",
             clip(failure.message.strip(), MESSAGE_CHARS), "```"]
    if failure.log_tail.strip():
        parts += ["", f"The last lines of the {failure.stage} log:", "", "```",
                  clip(failure.log_tail.strip(), LOG_CHARS, keep="end"), "```"]
    parts += ["", repair_message_tail(workspace, modify)]
    return Message("user", "\n".join(parts) + "\n")


def verify_message(failures: list[tuple[str, str]], workspace: Path, modify: bool) -> Message:
    """What the model is told after behaviour tests failed on its running app."""
    parts = ["Your app was built and served, but a person using it in a browser found that it does not do "
             "what was asked. These behaviours failed:"]
    for name, message in failures[:MAX_FAILURES]:
        parts += ["", f"{name[:200]}:", "", "```", clip(message, MESSAGE_CHARS), "```"]
    if len(failures) > MAX_FAILURES:
        parts += ["", f"… and {len(failures) - MAX_FAILURES} more"]
    body = repair_message_tail(workspace, modify)
    return Message("user", "\n".join(parts) + "\n\n" + body)
