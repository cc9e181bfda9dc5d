"""The ``llmcode`` command: look at challenges without running pytest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pytest_llmcode import __version__
from pytest_llmcode.challenge import CHALLENGE_FILE, ChallengeError, load_challenge
from pytest_llmcode.cli_results import add_results_commands
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
    add_results_commands(commands)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
