"""The ``llmcode`` command: challenges (``validate``, ``prompt``), models (``models``, ``cache``) and
results (``compare``, ``report``, ``merge``, ``route``), without running pytest."""

from __future__ import annotations

import argparse
import sys

from pytest_llmcode._version import __version__
from pytest_llmcode.cli import challenges as challenge_commands
from pytest_llmcode.cli import models as model_commands
from pytest_llmcode.cli.commits import add_commit_commands
from pytest_llmcode.cli.results import add_results_commands
from pytest_llmcode.cli.route import add_route_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="llmcode", description="pytest-llmcode: challenges for coding models")
    parser.add_argument("--version", action="version", version=f"llmcode {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check challenge.yaml files (folders are searched)")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.set_defaults(run=challenge_commands.validate)
    prompt = commands.add_parser("prompt", help="print the prompt a model is sent for a challenge")
    prompt.add_argument("path", metavar="CHALLENGE")
    prompt.set_defaults(run=challenge_commands.prompt)
    models = commands.add_parser("models", help="list the resolved models (no key is ever printed)")
    models.add_argument("specs", nargs="*", metavar="SPEC", help="specs to resolve (default: every alias)")
    models.add_argument("--config", metavar="FILE", help="the aliases file (default: llmcode.yaml here)")
    models.set_defaults(run=model_commands.models)
    cache = commands.add_parser("cache", help="show or clear the response cache")
    cache.add_argument("action", choices=["info", "clear"])
    cache.add_argument("--dir", metavar="DIR", help="the cache folder (default ~/.cache/pytest-llmcode/responses)")
    cache.set_defaults(run=model_commands.cache)
    add_results_commands(commands)
    add_route_command(commands)
    add_commit_commands(commands)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
