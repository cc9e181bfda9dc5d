"""What a behaviour test leaves: its case's ``llm.*`` JUnit properties, and after its call a
screenshot of its page (described in words when it failed) and the page's browser log."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pytest_llmcode.core.errors import Stage
from pytest_llmcode.plugin.stash import ITEM_APP, ITEM_FAILURE, ITEM_LOG, ITEM_PAGE
from pytest_llmcode.reporting.record import SETUP_MARK, SETUP_STAGE, Prop

if TYPE_CHECKING:
    from pytest_llmcode.pipeline.case import BuiltCase


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


def record_call(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """The stage a failed test failed at, its page's screenshot (and description) and browser log."""
    app = item.stash[ITEM_APP]
    failure = item.stash.get(ITEM_FAILURE, None)
    if failure is not None:
        item.user_properties.append((Prop.STAGE, str(failure.stage)))
    elif call.excinfo is not None:
        setup = str(call.excinfo.value).lstrip().startswith(SETUP_MARK)
        item.user_properties.append((Prop.STAGE, SETUP_STAGE if setup else str(Stage.VERIFY)))
    name = _slug(f"{Path(str(item.path)).stem}__{getattr(item, 'originalname', item.name)}")
    page = item.stash.get(ITEM_PAGE, None)
    if page is not None and not page.is_closed():
        shot = app.dir.screenshots / f"{name}.png"
        try:
            page.screenshot(path=str(shot), timeout=10_000)
            item.user_properties.append((Prop.SCREENSHOT, str(shot)))
        except Exception as exc:  # evidence is best effort, the verdict is not
            item.add_report_section("call", "llmcode", f"screenshot failed: {exc}")
        if call.excinfo is not None:  # what the screenshot shows, in words: for people and repair rounds
            from pytest_llmcode.browser.log import describe_page

            description = describe_page(page)
            shot.with_suffix(".txt").write_text(description + "\n", encoding="utf-8")
            item.add_report_section("call", "page", description)
    log = item.stash.get(ITEM_LOG, None)
    if log is not None:
        text = "\n".join(log.console) + ("\n\n" + log.describe() if log.describe() else "")
        browser_dir = app.dir.logs / "browser"
        browser_dir.mkdir(exist_ok=True)
        (browser_dir / f"{name}.log").write_text(text + "\n", encoding="utf-8")
        if log.describe():
            item.add_report_section("call", "browser", log.describe())
