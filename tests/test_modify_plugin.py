"""Challenges that change an existing codebase: the base is copied, the answer's edits apply on
top of it, the diff is kept, and the challenge's services run beside the app."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.support.apps import write_app
from tests.support.runs import junit_cases, processes_under, run

CHALLENGE = """\
id: shop
title: Rename the shop
kind: modify
base: base
reference: reference.md
prompt: Rename the shop to "New shop".
stack:
  name: static HTML with a Python server
  install: "true"
  serve: python3 server.py {port}
services:
  greeter:
    command: "{python} greeter.py --port {port}"
    ready: /health
    env:
      GREETING_API: "{url}"
timeouts:
  launch: 20
"""
SERVER = """\
import http.server, os, sys, urllib.request

class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/greeting":
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            body = opener.open(os.environ["GREETING_API"] + "/hello").read()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().do_GET()

http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""
GREETER = """\
import argparse, http.server

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"Hello from the greeter" if self.path == "/hello" else b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int)
http.server.ThreadingHTTPServer(("127.0.0.1", parser.parse_args().port), Handler).serve_forever()
"""
INDEX = """\
<!doctype html>
<title>Shop</title>
<h1>Old shop</h1>
<p id="greeting">loading</p>
<script>
  fetch('/greeting').then((r) => r.text()).then((t) => (document.getElementById('greeting').textContent = t));
</script>
"""
REFERENCE = """\
Renamed the shop.

Edit: index.html
```html
<<<<<<< SEARCH
<h1>Old shop</h1>
=======
<h1>New shop</h1>
>>>>>>> REPLACE
```

File: CHANGELOG.md
```md
- Renamed to New shop
```
"""
CHECKS = """\
from playwright.sync_api import expect

def test_new_name(app_page):
    expect(app_page.get_by_role("heading", name="New shop")).to_be_visible()

def test_greeting_comes_from_the_service(app_page):
    expect(app_page.get_by_text("Hello from the greeter")).to_be_visible()
"""


@pytest.fixture
def shop(pytester: pytest.Pytester) -> Path:
    folder = pytester.mkdir("shop")
    write_app(folder, {"challenge.yaml": CHALLENGE, "greeter.py": GREETER, "reference.md": REFERENCE,
                       "test_shop.py": CHECKS})
    write_app(folder / "base", {"index.html": INDEX, "server.py": SERVER, "NOTES.txt": "keep me\n"})
    return folder


def test_reference_edits_the_base_and_the_diff_is_kept(pytester: pytest.Pytester, shop: Path) -> None:
    result = run(pytester, "--llm-model=reference", "--llm-output=out")
    result.assert_outcomes(passed=2)  # the greeting proves the service ran and its URL reached the app
    case = pytester.path / "out" / "shop" / "reference" / "s0"
    assert (case / "workspace" / "NOTES.txt").read_text() == "keep me\n"  # untouched base files stay
    diff = (case / "change.diff").read_text()
    assert "--- a/index.html\n+++ b/index.html\n" in diff
    assert "-<h1>Old shop</h1>\n+<h1>New shop</h1>\n" in diff
    assert "diff --git a/CHANGELOG.md b/CHANGELOG.md\nnew file\n--- /dev/null\n" in diff
    assert "NOTES.txt" not in diff and "server.py" not in diff
    prompt = (case / "prompt.md").read_text()
    assert "File: server.py\n```py\nimport http.server" in prompt  # the model sees the code it changes
    assert "<<<<<<< SEARCH" in prompt and "Edit: <path>" in prompt
    assert "GREETING_API=http://127.0.0.1:<port> (greeter, a service running beside the app)" in prompt
    assert "GET /hello" in (case / "logs" / "service-greeter.log").read_text()
    assert not processes_under(pytester.path)  # the service stopped with its app


def test_edit_that_does_not_apply_fails_at_parse_naming_file_and_block(pytester: pytest.Pytester, shop: Path) -> None:
    bad = pytester.path / "bad.md"
    bad.write_text(REFERENCE.replace("<h1>Old shop</h1>\n=======", "<h1>Old Shop</h1>\n======="))
    result = run(pytester, f"--llm-model=file:{bad}", "--junitxml=junit.xml", "--llm-output=out")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "*[[]parse[]] edit of index.html (answer line 5) does not apply: its SEARCH text was not found in index.html:",
        "*    | <h1>Old Shop</h1>",
        "*the closest line in the file is line 3: '<h1>Old shop</h1>'",
    ])
    assert all(c.find("failure") is not None for c in junit_cases(pytester.path / "junit.xml").values())
    assert not (pytester.path / "out" / "shop" / "file-bad" / "s0" / "change.diff").exists()


def test_service_that_does_not_start_is_an_error_of_the_challenge(pytester: pytest.Pytester, shop: Path) -> None:
    (shop / "greeter.py").write_text("import sys\nprint('greeter: no data file')\nsys.exit(3)\n")
    result = run(pytester, "--llm-model=reference")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*the greeter service of shop did not start: `*greeter.py --port *` exited with status 3*",
                                 "*greeter: no data file*"])


def test_answer_file_model_is_labelled_by_its_name(pytester: pytest.Pytester, shop: Path) -> None:
    (pytester.path / "good.md").write_text(REFERENCE)
    result = run(pytester, "--llm-model=file:good.md", "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*test_new_name[[]file-good-s0[]]"])
    missing = run(pytester, "--llm-model=file:nowhere.md")
    assert missing.ret == pytest.ExitCode.USAGE_ERROR
    missing.stderr.fnmatch_lines(["*'file:' needs an answer file, and */nowhere.md is not one"])


def test_modify_challenge_yaml_errors_name_the_key(pytester: pytest.Pytester) -> None:
    from pytest_llmcode.core.challenge import ChallengeError, load_challenge

    folder = pytester.mkdir("broken")
    (folder / "base").mkdir()
    cases = {
        "kind: modify\n": "key 'base': missing; expected a folder path",
        "base: base\n": "key 'base': is only used by challenges of kind 'modify'",
        "services:\n  api:\n    command: python3 api.py\n": "key 'services.api.command': expected a command that uses {port}",
        "services:\n  api:\n    command: x {port}\n    env:\n      bad-name: x\n": "key 'services.api.env.bad-name'",
    }
    minimal = "id: b\ntitle: t\nprompt: p\nstack: {name: n, install: i, serve: 's {port}'}\n"
    for extra, message in cases.items():
        (folder / "challenge.yaml").write_text(minimal + textwrap.dedent(extra))
        with pytest.raises(ChallengeError) as info:
            load_challenge(folder)
        assert message in str(info.value)


def test_codebase_in_the_prompt_keeps_to_its_budget_and_names_what_it_leaves_out(tmp_path: Path) -> None:
    from pytest_llmcode.pipeline.prompt import codebase_context

    write_app(tmp_path, {"a.js": "a" * 400 + "\n", "b.js": "b" * 400 + "\n", "package-lock.json": "{}\n",
                         "node_modules/x/index.js": "skipped\n"})
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\xff\xfe")
    text = codebase_context(tmp_path, budget=500)
    assert "- a.js (401 bytes)\n- b.js (401 bytes)\n- logo.png (6 bytes)\n- package-lock.json (3 bytes)" in text
    assert "File: a.js\n```js\n" + "a" * 400 in text and "File: b.js" not in text
    assert text.endswith("Not shown here (over the size budget, generated or binary): b.js, logo.png (binary), "
                         "package-lock.json")
    assert "node_modules" not in text
