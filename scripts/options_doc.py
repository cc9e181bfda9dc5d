#!/usr/bin/env python3
"""Write docs/options.md from the plugin's own option definitions, so the reference cannot drift:
``--check`` exits 1 when the file differs from what the code defines (a test runs it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pytest_llmcode.plugin.options import add_options

DOC = Path(__file__).resolve().parent.parent / "docs" / "options.md"
HEADER = """# Options

Generated from the code by `scripts/options_doc.py` (do not edit by hand; a test checks that this
page matches the code). Every option is in the `pytest-llmcode` group of `pytest --help`. The
command line wins over the ini key (`pytest.ini`, or `[tool.pytest.ini_options]` in
`pyproject.toml`), which wins over the default. API keys come only from the environment, never
from a flag or a file (see [models.md](models.md)).
"""


class _Recorder:
    """Stands for ``pytest.Parser`` and its group: records what :func:`add_options` defines."""

    def __init__(self) -> None:
        self.options: list[tuple[tuple[str, ...], dict[str, Any]]] = []
        self.ini: dict[str, dict[str, Any]] = {}
        self.group_name = ""

    def getgroup(self, name: str, description: str = "") -> _Recorder:
        self.group_name = description or name
        return self

    def addoption(self, *names: str, **attrs: Any) -> None:
        self.options.append((names, attrs))

    def addini(self, name: str, help: str, type: str | None = None, default: Any = None) -> None:
        self.ini[name] = {"help": help, "type": type or "string", "default": default}


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render() -> str:
    recorder = _Recorder()
    add_options(recorder)  # type: ignore[arg-type]
    rows = ["| option | ini key | what it does |", "| --- | --- | --- |"]
    used_ini: set[str] = set()
    for names, attrs in recorder.options:
        flag = names[0]
        metavar = attrs.get("metavar")
        choices = attrs.get("choices")
        shown = f"`{flag}={metavar}`" if metavar else f"`{flag}={{{','.join(choices)}}}`" if choices else f"`{flag}`"
        ini = flag.removeprefix("--").replace("-", "_")
        ini_cell = "—"
        if ini in recorder.ini:
            used_ini.add(ini)
            ini_cell = f"`{ini}`"
        rows.append(f"| {shown} | {ini_cell} | {_cell(attrs.get('help', ''))} |")
    lines = [HEADER, "## Command line", "", *rows]
    extra = [name for name in recorder.ini if name not in used_ini]
    lines += ["", "## Ini keys", "", "| ini key | type | default | what it sets |", "| --- | --- | --- | --- |"]
    for name, spec in recorder.ini.items():
        default = spec["default"]
        default_cell = "—" if default in ("", None, []) else f"`{default}`"
        lines.append(f"| `{name}` | {spec['type']} | {default_cell} | {_cell(spec['help'])} |")
    if extra:
        lines += ["", "Ini keys without a flag of the same name: " + ", ".join(f"`{name}`" for name in extra) + "."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/options.md is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.is_file() else ""
        if current != text:
            print(f"{DOC} is out of date: run `python scripts/options_doc.py`", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
