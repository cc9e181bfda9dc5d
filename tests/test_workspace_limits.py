"""A workspace's disk and file count are limited while served, not only after install and build
(issue 18, finding 9): an app that makes files while it is checked is stopped and its case fails
naming the limit; a build that makes too many fails at build. On each sandbox backend this host has."""

from __future__ import annotations

import pytest

from tests.support.apps import write_app
from tests.support.runs import run
from tests.support.sandbox import BACKENDS, need

CHALLENGE = """\
id: filler
title: A page whose app makes files
prompt: Serve a page.
stack:
  name: shell and Python
  install: "true"
  build: sh build.sh
  serve: sh serve.sh {port}
timeouts: {build: 60, launch: 20}
"""
CHECKS = """\
import time

from playwright.sync_api import Error, expect

def test_first(app_page):
    # the app makes its files meanwhile (the workspace is looked at every 3 s): until it is stopped
    # for them (its server no longer answers), however slow the machine, or 3 minutes
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:  # from the page: the browser is in the app's network, not the test's process
            app_page.evaluate("fetch(location.href, {cache: 'no-store'}).then(r => r.status)")
        except Error:
            break
        app_page.wait_for_timeout(500)
    expect(app_page.get_by_role("heading", name="Filler")).to_be_visible()

def test_second(app_page):
    expect(app_page.get_by_role("heading", name="Filler")).to_be_visible()
"""
MAKE_FILES = "python3 -c \"import os; os.makedirs('many', exist_ok=True); [open(f'many/{i}', 'w').close() " \
             "for i in range(20000)]\""
PAGE = "<!doctype html><title>Filler</title><h1>Filler</h1>\n"
SERVE = 'exec python3 -m http.server "$1" --bind 127.0.0.1\n'


@pytest.mark.parametrize("backend", BACKENDS)
def test_files_made_while_served_or_built_fail_the_case_naming_the_limit(pytester: pytest.Pytester,
                                                                          backend: str) -> None:
    need(backend)
    write_app(pytester.path / "filler", {"challenge.yaml": CHALLENGE, "test_filler.py": CHECKS})
    served = write_app(pytester.path / "served", {
        "index.html": PAGE, "build.sh": "true\n", "serve.sh": f"{MAKE_FILES} &\n" + SERVE})
    built = write_app(pytester.path / "built", {"index.html": PAGE, "build.sh": MAKE_FILES + "\n", "serve.sh": SERVE})
    result = run(pytester, f"--llm-sandbox={backend}", f"--llm-model=served=dir:{served}",
                 f"--llm-model=built=dir:{built}", "--llm-max-workspace-files=5000", "--llm-output=out")
    result.assert_outcomes(failed=4)
    result.stdout.fnmatch_lines([
        "[[]build] the workspace uses 200?? files and folders, over the limit of 5000 (--llm-max-workspace-files) "
        "after build",
    ])
    stopped = [line for line in result.stdout.lines  # each failure's section, not the summary's line
               if line.startswith("[verify] [sandbox] the app's workspace uses ")]
    assert len(stopped) == 2, result.stdout.str()  # both tests of the case
    result.stdout.fnmatch_lines(["*files and folders, over the limit of 5000 (--llm-max-workspace-files) while "
                                 "served: the app was stopped*"])
