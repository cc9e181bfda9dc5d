"""What a behaviour test leaves: its case's ``llm.*`` JUnit properties, and after its call a
screenshot of its page (described in words when it failed) and the page's browser log."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pytest_llmcode.core.errors import Stage
from pytest_llmcode.plugin.stash import ITEM_APP, ITEM_FAILURE, ITEM_LOG, ITEM_PAGE
from pytest_llmcode.reporting.record import SETUP_MARK, SETUP_STAGE, Prop

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from pytest_llmcode.pipeline.case import BuiltCase
    from pytest_llmcode.pipeline.serve import RunningApp


def case_properties(case: BuiltCase) -> list[tuple[str, object]]:
    """The JUnit properties of every behaviour test of ``case`` (see :class:`Prop`)."""
    spec = case.spec
    props: list[tuple[str, object]] = [
        (Prop.CHALLENGE, spec.challenge.id),
        (Prop.CHALLENGE_FINGERPRINT, spec.challenge.fingerprint()),
        (Prop.MODEL, spec.model.label),
        (Prop.MODEL_SPEC, spec.model.spec),
        (Prop.SAMPLE, spec.sample),
        (Prop.CASE_DIR, str(case.dir.root)),
        (Prop.SANDBOX, case.sandbox),
        (Prop.TOKENS_INPUT, case.usage.input_tokens),
        (Prop.TOKENS_OUTPUT, case.usage.output_tokens),
        (Prop.TOKENS_CACHED, case.usage.cached_tokens),
        (Prop.TOKENS_REASONING, case.usage.reasoning_tokens),
        (Prop.COST, f"{case.usage.cost_usd:.6f}"),
        (Prop.REPAIR_ROUNDS, max(0, len(case.rounds) - 1)),
    ]
    props += [(f"{Prop.TIME}{stage}", f"{seconds:.3f}") for stage, seconds in case.timings.items()]
    generation = case.generation
    if generation:
        props += [(Prop.MODEL_ID, generation["model_id"]), (Prop.ANSWER_SOURCE, generation["source"]),
                  (Prop.COST_SOURCE, generation.get("cost_source", "none"))]
        if generation["first_token_s"] is not None:
            props.append((Prop.LATENCY_FIRST_TOKEN, f"{generation['first_token_s']:.3f}"))
        if generation["source"] == "endpoint":
            props.append((Prop.LATENCY_TOTAL, f"{generation['total_s']:.3f}"))
    return props


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:120]


@dataclasses.dataclass
class Shot:
    """A test's page when its check ended: the screenshot (or why there is none) and, after a failure,
    the page described in words."""

    path: Path | None = None
    error: str | None = None
    description: str | None = None

    def files(self) -> list[Path]:
        return [] if self.path is None else [self.path, self.path.with_suffix(".txt")]

    def move_to(self, folder: Path) -> None:
        """Into ``folder`` (a test's check run ahead keeps its evidence aside until it is reported)."""
        for path in self.files():
            if path.exists():
                path.replace(folder / path.name)
        if self.path is not None:
            self.path = folder / self.path.name


ITEM_SHOT: pytest.StashKey[Shot] = pytest.StashKey()  # its screenshot, when its check ran at once with others


def evidence_name(item: pytest.Item) -> str:
    """The file name (without suffix) of a test's screenshot and browser log."""
    return _slug(f"{Path(str(item.path)).stem}__{getattr(item, 'originalname', item.name)}")


def take_shot(page: Page, app: RunningApp, item: pytest.Item, failed: bool, folder: Path | None = None) -> Shot:
    """The screenshot of ``page`` for ``item`` (and its description when the check failed), in the
    case's screenshots folder or ``folder``."""
    shot = Shot()
    path = (folder or app.dir.screenshots) / f"{evidence_name(item)}.png"
    try:
        page.screenshot(path=str(path), timeout=10_000)
        shot.path = path
    except Exception as exc:  # evidence is best effort, the verdict is not
        shot.error = str(exc)
    if failed:  # what the screenshot shows, in words: for people and repair rounds
        from pytest_llmcode.browser.log import describe_page

        shot.description = describe_page(page)
        path.with_suffix(".txt").write_text(shot.description + "\n", encoding="utf-8")
    return shot


def record_call(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """The stage a failed test failed at, its page's screenshot (and description) and browser log."""
    app = item.stash[ITEM_APP]
    failure = item.stash.get(ITEM_FAILURE, None)
    if failure is not None:
        item.user_properties.append((Prop.STAGE, str(failure.stage)))
    elif call.excinfo is not None:
        setup = str(call.excinfo.value).lstrip().startswith(SETUP_MARK)
        item.user_properties.append((Prop.STAGE, SETUP_STAGE if setup else str(Stage.VERIFY)))
    shot = item.stash.get(ITEM_SHOT, None)  # taken when its check ended, if it ran at once with others
    page = item.stash.get(ITEM_PAGE, None)
    if shot is None and page is not None and not page.is_closed():
        shot = take_shot(page, app, item, failed=call.excinfo is not None)
    if shot is not None:
        if shot.path is not None:
            item.user_properties.append((Prop.SCREENSHOT, str(shot.path)))
        if shot.error is not None:
            item.add_report_section("call", "llmcode", f"screenshot failed: {shot.error}")
        if shot.description is not None:
            item.add_report_section("call", "page", shot.description)
    log = item.stash.get(ITEM_LOG, None)
    if log is not None:
        text = "\n".join(log.console) + ("\n\n" + log.describe() if log.describe() else "")
        browser_dir = app.dir.logs / "browser"
        browser_dir.mkdir(exist_ok=True)
        (browser_dir / f"{evidence_name(item)}.log").write_text(text + "\n", encoding="utf-8")
        if log.describe():
            item.add_report_section("call", "browser", log.describe())
