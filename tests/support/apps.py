"""The repository's folders, the small challenges the tests judge (served by Python's http.server:
the whole pipeline without npm), and apps written on disk."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "example_suites"

# the page the static challenges want: a heading and a button
PAGE = "<!doctype html><title>Hi</title><h1>Hello, visitor</h1><button>Greet</button>\n"

# the challenge of the ``static_challenge`` fixture; it counts its installs and builds in
# $LLMCODE_TEST_COUNTS
STATIC_CHALLENGE = """\
id: static_page
title: A static page
prompt: Write an index.html that greets the visitor.
stack:
  name: static HTML served by Python
  install: echo install >> "$LLMCODE_TEST_COUNTS"
  build: echo build >> "$LLMCODE_TEST_COUNTS" && test -f index.html
  serve: python3 -m http.server {port} --bind 127.0.0.1
timeouts:
  launch: 20
"""
# the checks of both: the heading and the button are there
PAGE_CHECKS = textwrap.dedent(
    """
    from playwright.sync_api import expect

    def test_greets(app_page):
        expect(app_page.get_by_role("heading", name="Hello, visitor")).to_be_visible()

    def test_has_button(app_page):
        expect(app_page.get_by_role("button", name="Greet")).to_be_visible()
    """
)

# the same page as a challenge that counts nothing: it writes nowhere outside its workspace, so it
# also runs in a sandbox
GREETING_CHALLENGE = """\
id: greeting
title: A greeting page
prompt: Write an index.html that greets the visitor and has a Greet button.
stack:
  name: static HTML served by Python
  install: "true"
  build: test -f index.html
  serve: python3 -m http.server {port} --bind 127.0.0.1
timeouts:
  launch: 20
"""


def readme_agents() -> str:
    """The ``agents:`` configuration the README shows under "Coding agents"."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Coding agents.*?```yaml\n(agents:.*?)```", readme, re.S)
    assert block is not None, "README.md has no agents: block under 'Coding agents'"
    return block.group(1)


def write_app(folder: Path, files: dict[str, str]) -> Path:
    """``files`` (relative path -> text) written under ``folder``, which is created; returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content)
    return folder
