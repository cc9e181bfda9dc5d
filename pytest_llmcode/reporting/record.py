"""The results record: one line of ``results.jsonl`` per behaviour test per case, and the ``llm.*``
JUnit properties it is made from. Both are defined here and nowhere else: the plugin writes the
properties (:class:`Prop`), :class:`ResultRecord` reads them, and every reader of results
(report, compare, merge, summaries) reads the record's fields."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Mapping
from typing import Any

from pytest_llmcode._version import __version__

RESULTS_FILE = "results.jsonl"
SETUP_MARK = "[set-up]"  # a check's message that starts so: a step before its behaviour was impossible
SETUP_STAGE = "set-up"  # the stage such a failure is recorded at (its behaviour was not judged)


# where a case's cost came from (``cost_source``), in words
COST_SOURCES = {"prices": "the configured prices", "endpoint": "the cost the endpoint reported",
                "none": "none known (no prices configured, none reported): counted as $0",
                "not recorded": "not recorded (results of an earlier version): counted as $0"}


def cost_from(sources: set[str] | list[str]) -> str:
    """The sources of some cases' costs in words (``""``, from older results, is "not recorded"; a
    value this version does not know is said as unknown: it is text from a results file)."""
    named = sorted({source or "not recorded" for source in sources})
    return " and ".join(COST_SOURCES.get(source, "unknown") for source in named) or "no cases"


class Prop:
    """The ``llm.*`` properties of a behaviour test's JUnit testcase (``item.user_properties``)."""

    CHALLENGE = "llm.challenge"
    CHALLENGE_FINGERPRINT = "llm.challenge_fingerprint"
    MODEL = "llm.model"
    MODEL_SPEC = "llm.model_spec"
    MODEL_ID = "llm.model_id"
    SAMPLE = "llm.sample"
    CASE_DIR = "llm.case_dir"
    SANDBOX = "llm.sandbox"
    TOKENS_INPUT = "llm.tokens.input"
    TOKENS_OUTPUT = "llm.tokens.output"
    TOKENS_CACHED = "llm.tokens.cached"
    TOKENS_REASONING = "llm.tokens.reasoning"
    COST = "llm.cost_usd"
    COST_SOURCE = "llm.cost_source"  # prices (configured), endpoint (its reported figure) or none
    REPAIR_ROUNDS = "llm.repair_rounds"
    TIME = "llm.time."  # + a stage: seconds it took
    TEST_TIME = "llm.test_time."  # + a part of a behaviour test's own time (see plugin/timing.py): seconds
    ANSWER_SOURCE = "llm.answer_source"
    LATENCY_FIRST_TOKEN = "llm.latency.first_token"
    LATENCY_TOTAL = "llm.latency.total"
    STAGE = "llm.stage"  # where a failed test failed: verify, set-up, or the stage that failed the case
    SCREENSHOT = "llm.screenshot"
    PASSED_FIRST_TRY = "llm.passed_first_try"  # set when repair rounds ran
    HIDDEN_TEST = "llm.hidden_test"  # a commit challenge's hidden test: '<group>: <id>' (its results' test)


def is_case_test(props: Mapping[str, Any]) -> bool:
    """Whether these properties are of a behaviour test of a case (not any other test)."""
    return Prop.CASE_DIR in props


def reason_of(report: Any) -> str:
    """The first line of a failed report's message (not an xdist worker's prefix)."""
    crash = getattr(getattr(report, "longrepr", None), "reprcrash", None)
    text = str(getattr(crash, "message", "") or getattr(report, "longreprtext", "") or "")
    lines = [line for line in text.splitlines() if line.strip() and not re.match(r"\[gw\d+\] ", line)]
    return lines[0].strip()[:500] if lines else ""


@dataclasses.dataclass(frozen=True)
class ResultRecord:
    """One behaviour test of one case, as ``results.jsonl`` holds it."""

    nodeid: str
    challenge: str
    test: str
    model: str
    sample: int
    outcome: str  # passed, failed, error or skipped
    reason: str = ""
    challenge_fingerprint: str = ""
    model_spec: str = ""
    model_id: str = ""
    stage: str | None = None
    timings: dict[str, float] = dataclasses.field(default_factory=dict)
    test_time: dict[str, float] = dataclasses.field(default_factory=dict)  # this test's own: context, navigation…
    tokens: dict[str, int] = dataclasses.field(default_factory=dict)
    cost_usd: float = 0.0
    cost_source: str = ""  # prices, endpoint or none ("": results of an earlier version)
    repair_rounds: int = 0
    passed_first_try: bool = False
    answer_source: str = ""
    artifacts: dict[str, str | None] = dataclasses.field(default_factory=dict)
    time: str = ""
    tool_version: str = __version__

    @classmethod
    def from_properties(cls, nodeid: str, props: Mapping[str, Any], outcome: str, reason: str) -> ResultRecord:
        rounds = int(props.get(Prop.REPAIR_ROUNDS, 0))
        return cls(
            time=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            nodeid=nodeid,
            challenge=str(props[Prop.CHALLENGE]),
            challenge_fingerprint=str(props.get(Prop.CHALLENGE_FINGERPRINT, "")),
            test=str(props[Prop.HIDDEN_TEST]) if Prop.HIDDEN_TEST in props else nodeid.split("::")[-1].split("[")[0],
            model=str(props[Prop.MODEL]),
            model_spec=str(props.get(Prop.MODEL_SPEC, "")),
            model_id=str(props.get(Prop.MODEL_ID, "")),
            sample=int(props[Prop.SAMPLE]),
            outcome=outcome,
            stage=props.get(Prop.STAGE) or ("verify" if outcome == "failed" else None),
            reason=reason,
            timings={k[len(Prop.TIME):]: float(v) for k, v in props.items() if k.startswith(Prop.TIME)},
            test_time={k[len(Prop.TEST_TIME):]: float(v) for k, v in props.items() if k.startswith(Prop.TEST_TIME)},
            tokens={
                "input": int(props.get(Prop.TOKENS_INPUT, 0)),
                "output": int(props.get(Prop.TOKENS_OUTPUT, 0)),
                "cached": int(props.get(Prop.TOKENS_CACHED, 0)),
                "reasoning": int(props.get(Prop.TOKENS_REASONING, 0)),
            },
            cost_usd=float(props.get(Prop.COST, 0.0)),
            cost_source=str(props.get(Prop.COST_SOURCE, "")),
            repair_rounds=rounds,
            passed_first_try=bool(props[Prop.PASSED_FIRST_TRY]) if Prop.PASSED_FIRST_TRY in props
            else outcome == "passed" and not rounds,
            answer_source=str(props.get(Prop.ANSWER_SOURCE, "")),
            artifacts={"case_dir": str(props[Prop.CASE_DIR]), "screenshot": props.get(Prop.SCREENSHOT)},
        )

    def to_json(self) -> dict[str, Any]:
        """The record as one JSON line holds it (the field order of earlier versions)."""
        data = dataclasses.asdict(self)
        order = ("time", "nodeid", "challenge", "challenge_fingerprint", "test", "model", "model_spec", "model_id",
                 "sample", "outcome", "stage", "reason", "timings", "test_time", "tokens", "cost_usd", "cost_source",
                 "repair_rounds", "passed_first_try", "answer_source", "artifacts", "tool_version")
        return {key: data[key] for key in order}
