"""The ``llmcode`` command: look at challenges without running pytest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pytest_llmcode import __version__
from pytest_llmcode.challenge import CHALLENGE_FILE, ChallengeError, load_challenge
from pytest_llmcode.prompt import build_messages, render_markdown


def _challenge_files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append(path)
        else:
            found.extend(sorted(p for p in path.rglob(CHALLENGE_FILE) if "node_modules" not in p.parts))
    return found


def _validate(args: argparse.Namespace) -> int:
    files = _challenge_files(args.paths)
    if not files:
        print(f"no {CHALLENGE_FILE} found under {', '.join(args.paths)}", file=sys.stderr)
        return 2
    bad = 0
    for path in files:
        try:
            challenge = load_challenge(path)
        except ChallengeError as exc:
            bad += 1
            print(f"error: {exc}")
            continue
        reference = "reference" if challenge.reference.exists() else "no reference"
        if challenge.base is not None:
            reference += f"; changes {challenge.base.relative_to(challenge.directory)}/"
        print(f"ok     {challenge.id}: {challenge.title} ({path}; {reference})")
    return 1 if bad else 0


def _prompt(args: argparse.Namespace) -> int:
    try:
        challenge = load_challenge(Path(args.path))
    except ChallengeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    starter = sorted(
        p.relative_to(challenge.starter).as_posix() for p in challenge.starter.rglob("*") if p.is_file()
    ) if challenge.starter else []
    print(render_markdown(build_messages(challenge, starter)))
    return 0


def _models(args: argparse.Namespace) -> int:
    from pytest_llmcode.models import ModelSpecError, Resolver
    from pytest_llmcode.models.config import ConfigError, find_config, load_aliases

    root = Path.cwd()
    try:
        config_path = find_config(root, Path(args.config) if args.config else None)
        aliases = load_aliases(config_path) if config_path else {}
        resolver = Resolver(base_dir=root, aliases=aliases, config_path=config_path)
        configs = [m.config for spec in args.specs for m in resolver.resolve(spec) if hasattr(m, "config")]
    except (ConfigError, ModelSpecError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    configs = configs or list(aliases.values())
    print(f"config: {config_path or 'none (no llmcode.yaml or [tool.llmcode] here)'}")
    rows = [["alias", "provider", "model id", "base URL", "key variable", "key set"]]
    for config in configs:
        key = config.key_env or "-"
        is_set = "yes" if config.api_key() else ("no" if config.key_required else "not needed")
        rows.append([config.label, config.wire, config.model, config.base_url, key, is_set])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return 0


def _cache(args: argparse.Namespace) -> int:
    from pytest_llmcode.models.store import clear_cache, default_cache_dir

    folder = Path(args.dir) if args.dir else default_cache_dir()
    if args.action == "clear":
        print(f"removed {clear_cache(folder)} cached answer(s) from {folder}")
    else:
        count = len(list(folder.glob("*/*.json")))
        print(f"{folder}: {count} cached answer(s)")
    return 0


def _compare(args: argparse.Namespace) -> int:
    from pytest_llmcode.compare import ResultsError, Side, Thresholds, compare, load_results, pick_model
    from pytest_llmcode.gate_report import junit, markdown

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
        with Path(args.markdown).open("a", encoding="utf-8") as handle:  # $GITHUB_STEP_SUMMARY is appended to
            handle.write(text)
    if args.junitxml:
        junit(comparison, Path(args.junitxml))
    return 1 if comparison.regressed else 0


def _merge(args: argparse.Namespace) -> int:
    from pytest_llmcode.compare import ResultsError
    from pytest_llmcode.merge import merge

    out = Path(args.out)
    shards = [Path(s) for s in args.shards]
    if any(out.resolve() == s.resolve() for s in shards):
        print(f"error: {out} is also a shard; merge into a new folder", file=sys.stderr)
        return 2
    try:
        count = merge(out, shards)
    except ResultsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"merged {count} results from {len(shards)} shard(s) into {out / 'results.jsonl'}")
    return 0


def _fraction(text: str) -> float:
    """0.05, 5% or 5pp: a fraction."""
    raw = text.strip().lower()
    try:
        if raw.endswith("pp") or raw.endswith("%"):
            return float(raw.rstrip("p%")) / 100
        return float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a fraction like 0.05 or 5%, got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="llmcode", description="pytest-llmcode: challenges for coding models")
    parser.add_argument("--version", action="version", version=f"llmcode {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check challenge.yaml files (folders are searched)")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.set_defaults(run=_validate)
    prompt = commands.add_parser("prompt", help="print the prompt a model is sent for a challenge")
    prompt.add_argument("path", metavar="CHALLENGE")
    prompt.set_defaults(run=_prompt)
    models = commands.add_parser("models", help="list the resolved models (no key is ever printed)")
    models.add_argument("specs", nargs="*", metavar="SPEC", help="specs to resolve (default: every alias)")
    models.add_argument("--config", metavar="FILE", help="the aliases file (default: llmcode.yaml here)")
    models.set_defaults(run=_models)
    cache = commands.add_parser("cache", help="show or clear the response cache")
    cache.add_argument("action", choices=["info", "clear"])
    cache.add_argument("--dir", metavar="DIR", help="the cache folder (default ~/.cache/pytest-llmcode/responses)")
    cache.set_defaults(run=_cache)
    gate = commands.add_parser(
        "compare", help="may we switch? compare a candidate's results with a baseline's; exit 1 on a regression",
        description="Compare two runs' results (a results.jsonl, or a folder holding them, e.g. shards). "
        "Exit status: 0 no regression beyond the thresholds, 1 regression, 2 bad input.")
    gate.add_argument("baseline", metavar="BASELINE")
    gate.add_argument("candidate", metavar="CANDIDATE")
    gate.add_argument("--baseline-model", metavar="NAME", help="the model to take from BASELINE if it holds several")
    gate.add_argument("--candidate-model", metavar="NAME", help="the model to take from CANDIDATE if it holds several")
    gate.add_argument("--max-drop", type=_fraction, default=0.0, metavar="FRACTION",
                      help="overall pass-rate drop allowed, e.g. 0.05 or 5%% (default 0: none)")
    gate.add_argument("--max-drop-challenge", type=_fraction, default=None, metavar="FRACTION",
                      help="pass-rate drop allowed per challenge (default: --max-drop)")
    gate.add_argument("--max-cost-increase", type=_fraction, default=None, metavar="FRACTION",
                      help="relative cost increase allowed, e.g. 0.2 or 20%% (default: not gated)")
    gate.add_argument("--markdown", metavar="FILE", help="also append the summary here (e.g. $GITHUB_STEP_SUMMARY)")
    gate.add_argument("--junitxml", metavar="FILE", help="write the gate's own JUnit file, a testcase per challenge")
    gate.set_defaults(run=_compare)
    join = commands.add_parser("merge", help="join the output folders of shards (--llm-shard) into one")
    join.add_argument("out", metavar="OUT", help="the merged output folder")
    join.add_argument("shards", nargs="+", metavar="SHARD", help="a shard's --llm-output folder")
    join.set_defaults(run=_merge)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
