"""The browser's memory is limited (issue 18, finding 5): as root, Chromium and its children run in
a cgroup of ``--llm-browser-memory-mb``; a page that holds more is killed, and the test using it
fails saying why, while a page within it is judged as usual."""

from __future__ import annotations

import os

import pytest

from pytest_llmcode.sandbox.limits import cgroups_available
from tests.support.apps import write_app
from tests.support.sandbox import BACKENDS, need

CHALLENGE = """\
id: hungry
title: A page that eats memory
prompt: Serve a page.
stack:
  name: static HTML served by Python
  install: "true"
  build: "true"
  serve: python3 -m http.server {port} --bind 127.0.0.1
timeouts: {launch: 20}
"""
PAGE = """<!doctype html><title>Hungry</title><h1>Hungry</h1>
<button onclick="grow()">Grow</button><p id="state">small</p>
<script>
const kept = [];
function grow() {
  for (let i = 0; i < 200; i++) kept.push(new Uint8Array(50 * 1024 * 1024).fill(i % 255 + 1));
  document.getElementById('state').textContent = 'grown';
}
</script>
"""
CHECKS = """\
from playwright.sync_api import expect


def test_heading(app_page):
    expect(app_page.get_by_role("heading", name="Hungry")).to_be_visible()


def test_grows(app_page):
    app_page.get_by_role("button", name="Grow").click()
    expect(app_page.get_by_text("grown")).to_be_visible(timeout=30_000)
"""


@pytest.mark.skipif(os.geteuid() != 0 or cgroups_available() is not None,
                    reason="the browser's cgroup needs root and cgroups")
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_page_over_the_browsers_memory_limit_fails_saying_so(pytester: pytest.Pytester, backend: str) -> None:
    need(backend)
    write_app(pytester.path / "hungry", {"challenge.yaml": CHALLENGE, "test_hungry.py": CHECKS})
    app = write_app(pytester.path / "app", {"index.html": PAGE})
    result = pytester.runpytest_subprocess("hungry", "-p", "no:cacheprovider", f"--llm-model=hungry=dir:{app}",
                                           f"--llm-sandbox={backend}", "--llm-browser-memory-mb=768", "--llm-output=out")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["the page used more than 768 MiB of memory, the browser's limit "
                                 "(--llm-browser-memory-mb): the kernel killed it"])
