#!/usr/bin/env python3
"""The rules of the house, checked on the package's source (a CI step, see .ci/run):

- imports form no circle (every import counts: at module level, inside functions, under
  TYPE_CHECKING);
- at most one import points up the floors of ``LAYERS`` (a lower package importing a higher one);
- no module is over ``MAX_LINES`` lines;
- ``plugin/__init__.py`` holds pytest hooks only.

Prints the graph's figures (modules, floors, circles, imports pointing up) and exits 1 when a rule
is broken. ``--graph`` also prints every module's imports of the package."""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

PACKAGE = "pytest_llmcode"
# the floors, lowest first: a package may import those below it, never those above
LAYERS = ("_version", "core", "verify", "sandbox", "answers", "models", "agents", "browser", "pipeline",
          "reporting", "plugin", "cli", "")  # "": the package's own __init__ (the lazy public API)
MAX_LINES = 400
MAX_UP = 1


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(tree: ast.AST, name: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules ``name`` imports (``from a import b``: ``a.b`` when that is a module)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target.startswith(PACKAGE):
                found.add(target)
    return found


def layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    return LAYERS.index(top) if top in LAYERS else len(LAYERS)


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def floors(graph: dict[str, set[str]]) -> int:
    """The longest chain of imports (modules on it), counted on a graph without circles."""
    depth: dict[str, int] = {}

    def height(node: str, seen: tuple[str, ...] = ()) -> int:
        if node in depth:
            return depth[node]
        below = [height(n, (*seen, node)) for n in graph[node] if n not in seen]
        depth[node] = 1 + max(below, default=0)
        return depth[node]

    return max((height(node) for node in graph), default=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(Path(__file__).resolve().parent.parent / PACKAGE))
    parser.add_argument("--graph", action="store_true", help="print every module's imports of the package")
    args = parser.parse_args(argv)
    root = Path(args.root)
    files = {module_name(root, path): path for path in sorted(root.rglob("*.py"))}
    known = set(files)
    graph: dict[str, set[str]] = {}
    problems: list[str] = []
    for name, path in files.items():
        text = path.read_text(encoding="utf-8")
        graph[name] = imports_of(ast.parse(text), name, path.name == "__init__.py", known)
        lines = text.count("\n")
        if lines > MAX_LINES:
            problems.append(f"{path.relative_to(root.parent)}: {lines} lines (at most {MAX_LINES})")
    up = sorted((a, b) for a, targets in graph.items() for b in targets if layer(a) < layer(b))
    found = circles(graph)
    plugin_init = root / "plugin" / "__init__.py"
    if plugin_init.is_file():
        for node in ast.parse(plugin_init.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("pytest_"):
                problems.append(f"plugin/__init__.py: {node.name} is not a pytest hook (hooks only here)")
    if args.graph:
        for name in sorted(graph):
            print(f"{name}: {', '.join(sorted(graph[name])) or '-'}")
    acyclic = {a: {b for b in targets if not any(a in c and b in c for c in found)} for a, targets in graph.items()}
    print(f"{len(graph)} modules on {floors(acyclic)} floors; {len(found)} import circles; "
          f"{len(up)} imports pointing up (at most {MAX_UP})")
    for component in found:
        problems.append("import circle: " + " <-> ".join(component))
    for a, b in up:
        print(f"  up: {a} imports {b}")
    if len(up) > MAX_UP:
        problems.append(f"{len(up)} imports point up the floors {' < '.join(LAYERS[:-1])}")
    for problem in problems:
        print(f"error: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
