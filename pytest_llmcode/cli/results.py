"""The ``llmcode`` commands on results: ``compare`` (the gate), ``report`` and ``merge``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def _compare(args: argparse.Namespace) -> int:
    from pytest_llmcode.reporting.compare import Side, Thresholds, compare
    from pytest_llmcode.reporting.gate import junit, markdown
    from pytest_llmcode.reporting.results import ResultsError, load_results, pick_model

    try:
        base_model, base = pick_model(load_results(Path(args.baseline)), args.baseline_model, "baseline")
        cand_model, cand = pick_model(load_results(Path(args.candidate)), args.candidate_model, "candidate")
    except ResultsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    per_challenge = args.max_drop if args.max_drop_challenge is None else args.max_drop_challenge
    thresholds = Thresholds(args.max_drop, per_challenge, args.max_cost_increase)
    comparison = compare(Side(base_model, base), Side(cand_model, cand), thresholds)
    if not comparison.compared:
        print("error: no challenge can be compared: " + "; ".join(
            f"{c}: {why}" for c, why in sorted(comparison.set_apart.items())), file=sys.stderr)
        return 2
    text = markdown(comparison)
    print(text, end="")
    if args.markdown:
        append_text(args.markdown, text)
    if args.junitxml:
        junit(comparison, Path(args.junitxml))
    if args.outputs:
        write_outputs(args.outputs, {"regressions": str(sum(1 for row in comparison.rows if row.regressed)),
                                      "flipped": str(len(comparison.flipped)),
                                      "verdict": "regressed" if comparison.regressed else "ok"})
    return 1 if comparison.regressed else 0


def _report(args: argparse.Namespace) -> int:
    from pytest_llmcode.reporting.html import write_report
    from pytest_llmcode.reporting.results import ResultsError

    try:
        path = write_report(Path(args.dir))
    except ResultsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"report: {path}")
    from pytest_llmcode.reporting.cases import load_cases
    from pytest_llmcode.reporting.markdown import markdown

    _, cases = load_cases(Path(args.dir))
    if args.markdown:
        append_text(args.markdown, markdown(cases, report=str(path)))
    if args.outputs:
        total = sum(len(c.counted) for c in cases.values())
        rate = sum(c.passed for c in cases.values()) / total if total else 0.0
        failed = sum(1 for c in cases.values() for t in c.tests.values() if t["outcome"] in ("failed", "error"))
        write_outputs(args.outputs, {"report": str(path), "pass-rate": f"{rate:.4f}", "failed": str(failed)})
    return 0


def write_outputs(path: str, values: dict[str, str]) -> None:
    """Append ``name=value`` lines, the format of ``$GITHUB_OUTPUT``."""
    append_text(path, "".join(f"{name}={value}\n" for name, value in values.items()))


def append_text(path: str, text: str) -> None:
    """Append to a file, as ``$GITHUB_STEP_SUMMARY`` and ``$GITHUB_OUTPUT`` are written to."""
    with Path(path).open("a", encoding="utf-8") as handle:
        handle.write(text)


def _merge(args: argparse.Namespace) -> int:
    from pytest_llmcode.reporting.merge import merge
    from pytest_llmcode.reporting.results import ResultsError

    out = Path(args.out)
    shards = [Path(s) for s in args.shards]
    if any(out.resolve() == s.resolve() for s in shards):
        print(f"error: {out} is also a shard; merge into a new folder", file=sys.stderr)
        return 2
    left_out: list[str] = []
    try:
        count = merge(out, shards, left_out)
    except ResultsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"merged {count} results from {len(shards)} shard(s) into {out / 'results.jsonl'}")
    if left_out:
        shown = ", ".join(left_out[:5]) + (f" and {len(left_out) - 5} more" if len(left_out) > 5 else "")
        print(f"left out {len(left_out)} link(s) or special file(s), never followed: {shown}", file=sys.stderr)
    return 0


def fraction(text: str) -> float:
    """0.05, 5% or 5pp: a fraction."""
    raw = text.strip().lower()
    try:
        if raw.endswith(("pp", "%")):
            return float(raw.rstrip("p%")) / 100
        return float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a fraction like 0.05 or 5%, got {text!r}") from None


def add_results_commands(commands: Any) -> None:
    """Add ``compare``, ``report`` and ``merge`` to the ``llmcode`` subcommands."""
    gate = commands.add_parser(
        "compare", help="may we switch? compare a candidate's results with a baseline's; exit 1 on a regression",
        description="Compare two runs' results (a results.jsonl, or a folder holding them, e.g. shards). "
        "Exit status: 0 no regression beyond the thresholds, 1 regression, 2 bad input.")
    gate.add_argument("baseline", metavar="BASELINE")
    gate.add_argument("candidate", metavar="CANDIDATE")
    gate.add_argument("--baseline-model", metavar="NAME", help="the model to take from BASELINE if it holds several")
    gate.add_argument("--candidate-model", metavar="NAME", help="the model to take from CANDIDATE if it holds several")
    gate.add_argument("--max-drop", type=fraction, default=0.0, metavar="FRACTION",
                      help="overall pass-rate drop allowed, e.g. 0.05 or 5%% (default 0: none)")
    gate.add_argument("--max-drop-challenge", type=fraction, default=None, metavar="FRACTION",
                      help="pass-rate drop allowed per challenge (default: --max-drop)")
    gate.add_argument("--max-cost-increase", type=fraction, default=None, metavar="FRACTION",
                      help="relative cost increase allowed, e.g. 0.2 or 20%% (default: not gated)")
    gate.add_argument("--markdown", metavar="FILE", help="also append the summary here (e.g. $GITHUB_STEP_SUMMARY)")
    gate.add_argument("--junitxml", metavar="FILE", help="write the gate's own JUnit file, a testcase per challenge")
    gate.add_argument("--outputs", metavar="FILE", help="append regressions=, flipped= and verdict= lines "
                      "(the format of $GITHUB_OUTPUT)")
    gate.set_defaults(run=_compare)
    report = commands.add_parser("report", help="write report.html for a results folder (a run's --llm-output)")
    report.add_argument("dir", metavar="DIR")
    report.add_argument("--markdown", metavar="FILE",
                        help="also append a Markdown summary here, failures first (e.g. $GITHUB_STEP_SUMMARY)")
    report.add_argument("--outputs", metavar="FILE", help="append report=, pass-rate= and failed= lines "
                        "(the format of $GITHUB_OUTPUT)")
    report.set_defaults(run=_report)
    join = commands.add_parser("merge", help="join the output folders of shards (--llm-shard) into one")
    join.add_argument("out", metavar="OUT", help="the merged output folder")
    join.add_argument("shards", nargs="+", metavar="SHARD", help="a shard's --llm-output folder")
    join.set_defaults(run=_merge)
