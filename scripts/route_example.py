#!/usr/bin/env python3
"""Make the routing example of the README and docs/route.md from a real run: three models behind a
local endpoint speaking OpenAI's wire format (tests/support/fake_llm.py), each answering the
greeting page of benchmarks/hello_page well or badly by a fixed pattern, eight samples each, judged
in the browser as any run is; then ``llmcode route`` on the results.

    .venv/bin/python scripts/route_example.py     # about two minutes; rewrites docs/route-example.*

``quick-coder`` and ``steady-coder`` are priced in the aliases file; ``big-coder`` has no price and
its endpoint reports each request's cost in its usage, as OpenRouter and LiteLLM do."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pytest_llmcode.cli import main as llmcode  # noqa: E402
from tests.support.fake_llm import Action, FakeLLM  # noqa: E402 - a real HTTP server on 127.0.0.1

SUITE = ROOT / "benchmarks" / "hello_page"
GOOD = "File: index.html\n```html\n" + (SUITE / "reference" / "index.html").read_text() + "```\n"
BAD = "File: index.html\n```html\n<!doctype html><title>Hi</title><h1>Hello, visitor</h1>\n```\n"  # no Greet button
# which of a model's answers are good, in the order its requests arrive (sample 0 first)
PATTERNS = {"demo/quick-coder": "10110100", "demo/steady-coder": "11101110", "demo/big-coder": "11111011"}
REPORTED_COST = 0.03  # USD a request, big-coder's endpoint


def main() -> int:
    served: dict[str, int] = {}
    lock = threading.Lock()

    def choose(body: dict[str, Any]) -> Action:
        model = str(body["model"])
        with lock:
            turn = served.get(model, 0)
            served[model] = turn + 1
        good = PATTERNS[model][turn % len(PATTERNS[model])] == "1"
        return Action(text=GOOD if good else BAD, cost=REPORTED_COST if model == "demo/big-coder" else None)

    with tempfile.TemporaryDirectory(prefix="llmcode-route-") as tmp, FakeLLM() as server:
        server.choose = choose
        work = Path(tmp)
        (work / "llmcode.yaml").write_text(textwrap.dedent(f"""\
            models:
              quick-coder:
                provider: openai-compatible
                model: demo/quick-coder
                base_url: {server.openai_url}
                price: {{input: 0.1, output: 0.4}}
              steady-coder:
                provider: openai-compatible
                model: demo/steady-coder
                base_url: {server.openai_url}
                price: {{input: 1.0, output: 4.0}}
              big-coder:
                provider: openai-compatible
                model: demo/big-coder
                base_url: {server.openai_url}
            """))
        command = [sys.executable, "-m", "pytest", str(SUITE), "-p", "no:cacheprovider", "-q", "--llm-progress=off",
                   "--llm-model=quick-coder", "--llm-model=steady-coder", "--llm-model=big-coder",
                   "--llm-samples=8", "--llm-cache=off", "--llm-concurrency=1",  # asked in sample order
                   f"--llm-config={work / 'llmcode.yaml'}",
                   f"--llm-output={work / 'out'}"]
        done = subprocess.run(command, cwd=work, env={**os.environ, "PYTHONPATH": str(ROOT)}, text=True,
                              capture_output=True)
        print(done.stdout[-600:])
        if done.returncode not in (0, 1):
            print(done.stderr[-3000:], file=sys.stderr)
            return done.returncode
        svg = ROOT / "docs" / "route-example.svg"
        table = io.StringIO()
        with contextlib.redirect_stdout(table):
            status = llmcode(["route", str(work / "out"), "--svg", str(svg),
                              "--picture-link", "[route-example.svg](route-example.svg)"])
        if status:
            return status
    (ROOT / "docs" / "route-example.md").write_text(table.getvalue())
    print(table.getvalue())
    print(f"written: {svg} and docs/route-example.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
