"""``llmcode models`` and ``llmcode cache``: the resolved models (never a key) and the response cache."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def models(args: argparse.Namespace) -> int:
    from pytest_llmcode.models.config import ConfigError, find_config, load_aliases
    from pytest_llmcode.models.registry import ModelSpecError
    from pytest_llmcode.pipeline.models import model_resolver

    root = Path.cwd()
    try:
        config_path = find_config(root, Path(args.config) if args.config else None)
        aliases = load_aliases(config_path) if config_path else {}
        resolver = model_resolver(root, config_path)
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


def cache(args: argparse.Namespace) -> int:
    from pytest_llmcode.models.store import clear_cache, default_cache_dir

    folder = Path(args.dir) if args.dir else default_cache_dir()
    if args.action == "clear":
        print(f"removed {clear_cache(folder)} cached answer(s) from {folder}")
    else:
        count = len(list(folder.glob("*/*.json")))
        print(f"{folder}: {count} cached answer(s)")
    return 0
