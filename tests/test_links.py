"""Links out of the workspace (issue 18, findings 1 and 2): a build that leaves ``leak.txt ->
/root/.secret`` fails with the reason and the link is gone; no host read (the diff, the report,
``llmcode merge``, the stores' fingerprints) goes through a link, a FIFO or a linked folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from pytest_llmcode.answers.diffs import change_diff
from pytest_llmcode.answers.workspace import fingerprints
from pytest_llmcode.core.files import NotRegularFile, read_inside
from pytest_llmcode.reporting.html import write_report
from pytest_llmcode.reporting.merge import merge
from pytest_llmcode.sandbox.links import remove_escaping_links
from tests.support.apps import write_app
from tests.support.cli import llmcode

SECRET = "planted-root-secret-5150"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A host file generated code must never carry out, in a folder of its own."""
    folder = tmp_path / "host-secrets"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET + "\n")
    return folder


def all_text(root: Path) -> str:
    """Every regular file under ``root``, read without following links."""
    found = []
    for current, _, names in os.walk(root):
        for name in names:
            path = Path(current, name)
            if not path.is_symlink() and path.is_file():
                found.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(found)


def links_under(root: Path) -> list[str]:
    return sorted(str(Path(current, name).relative_to(root)) for current, dirs, names in os.walk(root)
                  for name in dirs + names if Path(current, name).is_symlink())


def test_links_out_of_the_workspace_are_removed_and_named(tmp_path: Path, secret: Path) -> None:
    workspace = tmp_path / "ws"
    write_app(workspace, {"node_modules/vite/bin/vite.js": "run()\n", "src/a.js": "a\n"})
    (workspace / "node_modules" / ".bin").mkdir()
    os.symlink("../vite/bin/vite.js", workspace / "node_modules" / ".bin" / "vite")  # inside: kept
    os.symlink("a.js", workspace / "src" / "alias.js")  # inside: kept
    os.symlink(secret / "secret.txt", workspace / "leak.txt")
    os.symlink("/proc/self/environ", workspace / "environ.txt")
    os.symlink(secret, workspace / "src" / "secrets")  # a folder
    os.symlink("hop", workspace / "chain")  # a link to a link that leaves
    os.symlink("../../host-secrets/secret.txt", workspace / "hop")
    os.symlink(".", workspace / "here")  # inside, but ``here/..`` is not
    os.symlink("here/..", workspace / "up")
    removed = remove_escaping_links(workspace)
    assert sorted(r.split(" -> ")[0] for r in removed) == ["chain", "environ.txt", "hop", "leak.txt",
                                                            "src/secrets", "up"]
    assert f"leak.txt -> {secret / 'secret.txt'}" in removed
    assert links_under(workspace) == ["here", "node_modules/.bin/vite", "src/alias.js"]


def test_host_reads_never_go_through_a_link_or_block_on_a_fifo(tmp_path: Path, secret: Path) -> None:
    workspace = tmp_path / "ws"
    write_app(workspace, {"src/ok.js": "fine\n"})
    os.symlink(secret / "secret.txt", workspace / "leak.txt")
    os.symlink(secret, workspace / "linked")
    os.mkfifo(workspace / "pipe")
    assert read_inside(workspace, "src/ok.js") == b"fine\n"
    assert read_inside(workspace, "missing.js") is None
    for relative in ("leak.txt", "linked/secret.txt", "pipe", "src", "../host-secrets/secret.txt"):
        with pytest.raises(NotRegularFile):
            read_inside(workspace, relative)
    assert set(fingerprints(workspace)) == {"src/ok.js"}  # neither the link nor the FIFO is read


def test_the_diff_does_not_show_a_linked_host_file(tmp_path: Path, secret: Path) -> None:
    base, workspace = tmp_path / "base", tmp_path / "ws"
    write_app(base, {"src/app.js": "old\n", "config/settings.js": "x\n"})
    write_app(workspace, {"src/app.js": "new\n"})
    os.symlink(secret / "secret.txt", workspace / "notes.txt")  # an agent's or a build's link
    os.symlink(secret, workspace / "config")  # a linked folder in place of the codebase's
    diff = change_diff(base, workspace, ["src/app.js", "notes.txt", "config/secret.txt", "config/settings.js"])
    assert SECRET not in diff
    assert "+new" in diff and "(a link or a special file: not read)" in diff


def test_merge_and_report_leave_links_out(tmp_path: Path, secret: Path) -> None:
    """A shard's case folder holding links (to a host file, to a folder) merges without them, and
    the report reads none of them."""
    shard = tmp_path / "shard"
    case = shard / "hello" / "reference" / "s0"
    write_app(case, {"case.json": '{"challenge": "hello"}\n', "workspace/index.html": "<h1>Hi</h1>\n"})
    record = ('{"challenge": "hello", "model": "reference", "sample": 0, "test": "test_greets", "outcome": "passed",'
              f' "artifacts": {{"case_dir": "{case}"}}}}\n')
    (shard / "results.jsonl").write_text(record)
    os.symlink(secret / "secret.txt", case / "workspace" / "leak.txt")
    os.symlink(secret, case / "workspace" / "dir")
    os.symlink(secret / "secret.txt", case / "change.diff")
    (case / "screenshots").mkdir()
    os.symlink(secret / "secret.txt", case / "screenshots" / "shot.png")
    assert SECRET not in write_report(shard).read_text()
    out = tmp_path / "merged"
    done = llmcode("merge", str(out), str(shard))
    assert done.returncode == 0, done.stderr
    assert "left out 4 link(s) or special file(s), never followed" in done.stderr
    assert (out / "hello" / "reference" / "s0" / "workspace" / "index.html").is_file()
    assert links_under(out) == [] and SECRET not in all_text(out)
    left_out: list[str] = []
    assert merge(tmp_path / "again", [shard], left_out) == 1 and len(left_out) == 4


CHALLENGE = """\
id: linker
title: A build that leaves links
prompt: Serve a page.
stack:
  name: shell scripts
  install: "true"
  build: sh build.sh
  serve: sh serve.sh {port}
timeouts: {build: 20, launch: 20}
"""
CHECKS = """\
from playwright.sync_api import expect

def test_page_is_served(app_page):
    expect(app_page.locator("body")).to_contain_text("served")
"""
SERVE = 'echo served > index.html\nexec python3 -m http.server "$1" --bind 127.0.0.1\n'


def test_a_build_that_leaves_a_link_fails_and_no_host_file_reaches_the_evidence(
        pytester: pytest.Pytester, secret: Path) -> None:
    """Even unsandboxed (--llm-sandbox=none), the links a build leaves are removed before anything
    is stored, diffed or reported, and the case fails saying so; an app that leaves one while served
    passes its checks and gets a note, and its link is gone too."""
    target = secret / "secret.txt"
    write_app(pytester.path / "suite", {"challenge.yaml": CHALLENGE, "test_page.py": CHECKS})
    builder = write_app(pytester.path / "apps" / "builder", {
        "build.sh": f"ln -s {target} leak.txt\nln -s /proc/self/environ environ.txt\nln -s {secret} secrets\n",
        "serve.sh": SERVE})
    server = write_app(pytester.path / "apps" / "server", {
        "build.sh": "true\n", "serve.sh": f"ln -s {target} served-leak.txt\n" + SERVE})
    result = pytester.runpytest_subprocess(
        "suite", "-p", "no:cacheprovider", "--llm-sandbox=none", f"--llm-model=builder=dir:{builder}",
        f"--llm-model=server=dir:{server}", "--llm-output=out", "--junitxml=junit.xml")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([f"*[[]build] [[]sandbox] the build left a link to * (*leak.txt -> {target}*"])
    out = pytester.path / "out"
    assert links_under(out) == []
    case = (out / "linker" / "server" / "s0" / "case.json").read_text()
    assert "the app (served) left a link to" in case
    assert llmcode("report", str(out)).returncode == 0
    assert SECRET not in all_text(out) and SECRET not in (pytester.path / "junit.xml").read_text()


def test_a_fifo_in_the_workspace_does_not_hang_the_host(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    write_app(workspace, {"package.json": "{}\n"})
    os.mkfifo(workspace / "package-lock.json")
    done: list[object] = []
    reader = threading.Thread(target=lambda: done.append(fingerprints(workspace)), daemon=True)
    reader.start()
    reader.join(10)
    assert done == [{"package.json": fingerprints(workspace)["package.json"]}]
