"""``llmcode route RESULTS…``: which model for which work (see :mod:`pytest_llmcode.reporting.route`),
as Markdown on stdout, and on request as JSON, an SVG picture, an HTML page and ``$GITHUB_OUTPUT`` lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pytest_llmcode.cli.results import append_text, fraction, write_outputs


def _records(paths: list[str]) -> list[dict[str, Any]]:
    """The records of every RESULTS; a model label found in more than one of them is told apart by
    the folder or file it came from (``reference@baseline``)."""
    from pytest_llmcode.reporting.results import load_results

    loaded = [(path, load_results(Path(path))) for path in paths]
    seen: dict[str, int] = {}
    for _, records in loaded:
        for model in {str(r["model"]) for r in records}:
            seen[model] = seen.get(model, 0) + 1
    out, used = [], set()
    for path, records in loaded:
        name = (Path(path).name if Path(path).name != "results.jsonl" else Path(path).parent.name) or path
        tag, count = name, 1
        while tag in used:  # r1/candidate and r2/candidate: candidate, candidate#2
            count += 1
            tag = f"{name}#{count}"
        used.add(tag)
        out += [{**r, "model": f"{r['model']}@{tag}"} if seen[str(r["model"])] > 1 else r for r in records]
    return out


def route_command(args: argparse.Namespace) -> int:
    from pytest_llmcode.reporting.results import ResultsError
    from pytest_llmcode.reporting.route import RouteError, route
    from pytest_llmcode.reporting.route_table import markdown, pictures

    try:
        records = _records(args.results)
        routing = route(records, min_pass_rate=args.min_pass_rate, tolerance=args.tolerance,
                        max_chain=args.max_chain)
    except (ResultsError, RouteError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.svg:
        Path(args.svg).write_text(pictures(routing)[0] + "\n", encoding="utf-8")
    if args.html:
        from pytest_llmcode.reporting.html import write_route_page

        write_route_page(routing, Path(args.html))
    text = markdown(routing, picture=args.picture_link or (args.svg and f"`{args.svg}`") or None)
    print(text, end="")
    if args.markdown:
        append_text(args.markdown, text)
    if args.json:
        Path(args.json).write_text(json.dumps(routing.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.outputs:
        recommended = routing.recommended.name if routing.recommended is not None else ""
        write_outputs(args.outputs, {"route": " ".join(recommended.split())})
    return 0


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of models, 1 or more, got {text!r}")
    return value


def add_route_command(commands: Any) -> None:

    route = commands.add_parser(
        "route", help="which model for which work: the cheapest good-enough model per challenge, and "
        "escalation policies simulated from the results (no model is called)",
        description="Read one or more runs' results (results.jsonl files, or folders holding them) of two or "
        "more models, and print per challenge the cheapest model whose pass rate meets the bar, and the "
        "policies 'A, escalate to B when A's case fails' (and chains of three) simulated from the recorded "
        "outcomes. Exit status: 0, or 2 for bad input.")
    route.add_argument("results", nargs="+", metavar="RESULTS")
    route.add_argument("--min-pass-rate", type=fraction, default=None, metavar="FRACTION",
                       help="the bar a model must reach on a challenge (default: the best model's rate minus "
                       "--tolerance)")
    route.add_argument("--tolerance", type=fraction, default=0.05, metavar="FRACTION",
                       help="pass-rate points below the best that still count as good enough, for the bar and the "
                       "recommended policy (default 0.05)")
    route.add_argument("--max-chain", type=_at_least_one, default=3, metavar="N",
                       help="longest escalation chain (default 3)")
    route.add_argument("--markdown", metavar="FILE", help="also append the tables here (e.g. $GITHUB_STEP_SUMMARY)")
    route.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    route.add_argument("--svg", metavar="FILE", help="write the picture of pass rate against cost (all challenges)")
    route.add_argument("--html", metavar="FILE", help="write the pictures (all challenges, and each) and the tables "
                       "as a page of their own, as in the report's section Quality against cost")
    route.add_argument("--picture-link", metavar="TEXT", help="what the Markdown says of where the picture is "
                       "(default: the --svg path)")
    route.add_argument("--outputs", metavar="FILE", help="append a route= line, the recommended policy "
                       "(the format of $GITHUB_OUTPUT)")
    route.set_defaults(run=route_command)
