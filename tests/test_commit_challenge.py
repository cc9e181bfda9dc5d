"""A commit of a repository as a challenge (``kind: commit``): the model starts from the parent
without the commit's tests, and each of those tests is an item of its own, judged by the test
command's JUnit report. The repository is made here, with git, as a bundle beside the challenge."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pytest_llmcode.core.challenge import ChallengeError, load_challenge
from pytest_llmcode.pipeline.junit_read import read_report
from pytest_llmcode.pipeline.prompt import case_messages
from tests.support.fake_llm import Action, FakeLLM
from tests.support.models import fake_coder, fake_models
from tests.support.runs import junit_cases, run
from tests.support.sandbox import need

CALC = "exports.add = (a, b) => a + b;\n"
CALC_SUB = CALC + "exports.sub = (a, b) => a - b;\n"
TEST_ADD = """\
const { describe, test } = require('node:test');
const assert = require('node:assert');
const calc = require('../src/calc.js');
describe('calc', () => {
  test('adds', () => assert.equal(calc.add(2, 3), 5));
"""
TEST_SUB = TEST_ADD + "  test('subtracts', () => assert.equal(calc.sub(5, 3), 2));\n"
CHALLENGE = """\
id: calc_sub
title: Subtraction
kind: commit
repo: calc.bundle
commit: {sha}
stack:
  name: Node, node --test
  install: "true"
  test: node --test --test-reporter=junit --test-reporter-destination={{junit}} test/
fail_to_pass: ["calc > subtracts"]
pass_to_pass: ["calc > adds"]
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(repo: Path, files: dict[str, str], message: str) -> str:
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def challenge(tmp_path: Path) -> Path:
    """A challenge folder: calc.bundle (two commits: add, then sub with its test) and challenge.yaml."""
    repo = tmp_path / "calc"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"package.json": '{"name": "calc", "private": true}\n', "src/calc.js": CALC,
                  "test/calc.test.js": TEST_ADD + "});\n"}, "Add")
    sha = commit(repo, {"src/calc.js": CALC_SUB, "test/calc.test.js": TEST_SUB + "});\n"},
                 "Add sub(a, b), the difference of two numbers")
    folder = tmp_path / "suite" / "calc_sub"
    folder.mkdir(parents=True)
    git(repo, "bundle", "create", "-q", str(folder / "calc.bundle"), "--all")
    (folder / "challenge.yaml").write_text(CHALLENGE.format(sha=sha))
    return folder


def test_the_model_sees_the_parent_without_the_hidden_tests(challenge: Path, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    loaded = load_challenge(challenge)
    assert loaded.commit is not None and loaded.base is not None
    assert loaded.prompt == "Add sub(a, b), the difference of two numbers"  # the commit's message
    assert loaded.commit.hidden == ("test/calc.test.js",)
    assert loaded.commit.private == (challenge,)  # the bundle's folder: hidden from generated code
    assert sorted(p.relative_to(loaded.base).as_posix() for p in loaded.base.rglob("*") if p.is_file()) == \
        ["package.json", "src/calc.js"]
    assert (loaded.base / "src/calc.js").read_text() == CALC  # the parent's code
    shown = case_messages(loaded)[1].content
    assert "subtracts" not in shown and "exports.add" in shown
    assert "File: src/calc.js" in loaded.reference.read_text() and "test/" not in loaded.reference.read_text()


def test_a_commit_that_is_not_there_is_named(challenge: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    text = (challenge / "challenge.yaml").read_text()
    sha = text.split("commit: ")[1].split()[0]
    (challenge / "challenge.yaml").write_text(text.replace(sha, "deadbeef" * 5))
    with pytest.raises(ChallengeError, match=r"challenge.yaml: key 'commit': expected a commit of .*, but it has no "
                                             r"commit 'deadbeef"):
        load_challenge(challenge)
    (challenge / "challenge.yaml").write_text(text.replace(sha, "1234567"))
    with pytest.raises(ChallengeError, match=r"key 'commit': expected the commit to replay \(a SHA, in quotes\), got a"):
        load_challenge(challenge)
    (challenge / "challenge.yaml").write_text(text.replace('pass_to_pass: ["calc > adds"]', 'pass_to_pass: ["calc > subtracts"]'))
    with pytest.raises(ChallengeError, match=r"key 'pass_to_pass': names 'calc > subtracts', also in fail_to_pass"):
        load_challenge(challenge)
    (challenge / "challenge.yaml").write_text(text.replace("  test: ", "  serve: x {port}\n  test: "))
    with pytest.raises(ChallengeError, match=r"'stack\.serve': is not used by a commit challenge"):
        load_challenge(challenge)


@pytest.mark.parametrize("sandbox", ["none", "namespace", "docker"])
def test_each_hidden_test_is_an_item_with_its_verdict(challenge: Path, pytester: pytest.Pytester, tmp_path: Path,
                                                     sandbox: str) -> None:
    """The reference passes both; an answer that leaves sub out fails only the test the commit made
    pass; one that also rewrites the tests to drop that test still fails it (the tests are put back).
    In each sandbox: there the tests run as nobody, without network."""
    if sandbox != "none":
        need(sandbox)
    mutants = tmp_path / "mutants"
    (mutants / "partial" / "src").mkdir(parents=True)
    (mutants / "partial" / "src" / "calc.js").write_text(CALC + "exports.sub = (a, b) => b - a;\n")
    (mutants / "tests_edited" / "test").mkdir(parents=True)
    (mutants / "tests_edited" / "test" / "calc.test.js").write_text(TEST_ADD + "});\n")
    # no sub, and a test file of its own with a test of the same name that passes: removed before the run
    (mutants / "twin" / "test").mkdir(parents=True)
    (mutants / "twin" / "test" / "twin.test.js").write_text(
        "const { describe, test } = require('node:test');\ndescribe('calc', () => { test('subtracts', () => {}); });\n")
    pytester.syspathinsert()
    result = run(pytester, str(challenge.parent), "--llm-model=reference",
                 f"--llm-model=partial=dir:{mutants / 'partial'}",
                 f"--llm-model=tests_edited=dir:{mutants / 'tests_edited'}", f"--llm-model=twin=dir:{mutants / 'twin'}",
                 "--junitxml=junit.xml",
                 f"--llm-output={tmp_path / 'out'}", f"--llm-sandbox={sandbox}")
    cases = junit_cases(pytester.path / "junit.xml")
    names = sorted(cases)
    assert names == sorted(f"test_{group}[{model}-s0-{test}]" for model in ("reference", "partial", "tests_edited", "twin")
                           for group, test in (("fail_to_pass", "calc > subtracts"), ("pass_to_pass", "calc > adds"))), \
        result.stdout.str()[-3000:]

    def failure(name: str) -> str:
        found = cases[name].find("failure")
        return "" if found is None else found.text or ""

    assert failure("test_fail_to_pass[reference-s0-calc > subtracts]") == ""
    assert failure("test_pass_to_pass[reference-s0-calc > adds]") == ""
    assert "calc > subtracts failed: -2 == 2" in failure("test_fail_to_pass[partial-s0-calc > subtracts]")
    assert failure("test_pass_to_pass[partial-s0-calc > adds]") == ""
    edited = failure("test_fail_to_pass[tests_edited-s0-calc > subtracts]")
    assert "calc > subtracts failed" in edited and "the answer's changes to test/calc.test.js were undone" in edited
    twin = failure("test_fail_to_pass[twin-s0-calc > subtracts]")
    assert "calc.sub is not a function" in twin and "the answer's changes to test/twin.test.js were undone" in twin
    reference = tmp_path / "out" / "calc_sub" / "reference" / "s0"
    assert (reference / "hidden-tests.xml").is_file()
    # once run, the hidden tests leave the workspace: a repair round's answer would not find them
    assert not (reference / "workspace" / "test" / "calc.test.js").exists()


def test_the_report_names_tests_as_each_runner_does() -> None:
    node = (b'<testsuites><testcase name="top" classname="test"/><testsuite name="calc"><testcase name="adds" '
            b'classname="test"><failure message="1 == 2">boom</failure></testcase></testsuite></testsuites>')
    assert {k: v.outcome for k, v in read_report(node).items()} == {"top": "passed", "calc > adds": "failed"}
    pytest_xml = textwrap.dedent("""\
        <testsuites><testsuite name="pytest"><testcase classname="tests.test_calc" name="test_add[1-2]"/>
        <testcase classname="tests.test_calc.TestSub" name="test_sub"><skipped message="later"/></testcase>
        </testsuite></testsuites>""").encode()
    assert {k: v.outcome for k, v in read_report(pytest_xml).items()} == {
        "tests.test_calc::test_add[1-2]": "passed", "tests.test_calc.TestSub::test_sub": "skipped"}


PARTIAL = """I added sub.

Edit: src/calc.js
```js
<<<<<<< SEARCH
exports.add = (a, b) => a + b;
=======
exports.add = (a, b) => a + b;
exports.sub = (a, b) => b - a;
>>>>>>> REPLACE
```
"""

FIX = """sub had its operands the wrong way round.

Edit: src/calc.js
```js
<<<<<<< SEARCH
exports.sub = (a, b) => b - a;
=======
exports.sub = (a, b) => a - b;
>>>>>>> REPLACE
```
"""


def test_a_repair_round_gets_the_tests_output_and_the_figures_say_first_time_green(
        challenge: Path, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A model whose first answer subtracts the wrong way round sees the failing test's output (never
    its source) and fixes it: resolved, but not first-time green. The reference is both. The figures
    are in the terminal summary, the JUnit properties, results.jsonl, the report and compare."""
    with FakeLLM("unused") as server:
        server.script = [Action(text=PARTIAL), Action(text=FIX)]
        fake_models(pytester, monkeypatch, fake_coder(server))
        shutil.copytree(challenge.parent, pytester.path / "suite")  # beside llmcode.yaml
        result = run(pytester, "suite", "--llm-model=fake", "--llm-model=reference",
                     "--llm-repair-rounds=1", "--junitxml=j.xml", f"--llm-output={tmp_path / 'out'}")
        requests = list(server.requests)
    assert len(requests) == 2
    feedback = requests[1].body["messages"][-1]["content"]
    assert "fail_to_pass: calc > subtracts:" in feedback and "-2 == 2" in feedback
    assert "calc.sub(5, 3)" not in feedback and "require(" not in feedback and "adds" not in feedback
    result.assert_outcomes(passed=4)
    summary = result.stdout.str()
    assert "llmcode: commit tasks" in summary
    assert re.search(r"fake\s+1\s+1/1\s+0/1\s", summary) and re.search(r"reference\s+1\s+1/1\s+1/1\s", summary)
    suite = ET.parse(pytester.path / "j.xml").getroot().find("testsuite")
    assert suite is not None
    props = {p.get("name"): p.get("value") for p in suite.iter("property") if str(p.get("name")).startswith("llm.tasks")}
    assert props["llm.tasks.fake.resolved"] == "1" and props["llm.tasks.fake.first_time_green"] == "0"
    assert props["llm.tasks.reference.first_time_green"] == "1" and float(props["llm.tasks.fake.cost_per_resolved_usd"] or 0) > 0
    records = [json.loads(line) for line in (tmp_path / "out" / "results.jsonl").read_text().splitlines()]
    assert sorted({r["test"] for r in records}) == ["fail_to_pass: calc > subtracts", "pass_to_pass: calc > adds"]
    assert "Commit tasks" in (tmp_path / "out" / "report.html").read_text()
    for model in ("fake", "reference"):
        (tmp_path / model).mkdir()
        (tmp_path / model / "results.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in records if r["model"] == model))
    compared = subprocess.run([str(Path(sys.executable).parent / "llmcode"), "compare", str(tmp_path / "reference"),
                               str(tmp_path / "fake")], capture_output=True, text=True, timeout=60)
    assert "| resolved (every hidden test passed) | 1/1 (100%) | 1/1 (100%) |" in compared.stdout, compared.stdout
    assert "| first-time green (resolved before any repair round) | 1/1 (100%) | 0/1 (0%) |" in compared.stdout
    assert "| cost per resolved task | $0.0000 | $0.0" in compared.stdout


@pytest.mark.parametrize("backend", ["namespace", "docker"])
def test_an_answer_that_hunts_for_the_hidden_tests_or_rewrites_them_is_contained(
        challenge: Path, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        backend: str) -> None:
    """An answer whose install searches the machine for the hidden tests (the commit cache, the
    bundle beside challenge.yaml, any calc.test.js) finds nothing of them; its own rewrite of the test
    file is undone; and it fails the test it did not fix, saying so."""
    need(backend)
    cache = tmp_path / "elsewhere-cache"  # not under HOME: hidden all the same
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    yaml_path = challenge / "challenge.yaml"
    bundle = challenge.parent / "calc.bundle"  # beside the challenge's folder, as a suite ships it
    (challenge / "calc.bundle").rename(bundle)
    yaml_path.write_text(yaml_path.read_text().replace('install: "true"', "install: if [ -f setup.sh ]; then sh setup.sh; "
                                                                          "fi").replace("repo: calc.bundle",
                                                                                        "repo: ../calc.bundle"))
    answer = tmp_path / "hunter"
    (answer / "test").mkdir(parents=True)
    (answer / "test" / "calc.test.js").write_text(TEST_ADD + "  test('subtracts', () => {});\n});\n")
    (answer / "setup.sh").write_text(
        f"{{ ls -R {cache} {challenge}; head -c 200 {bundle}; "
        "find / -name 'calc.test.js' -not -path '/proc/*' -exec cat {} \\; ; } > looked.txt 2>&1\n"
        "echo \"test('subtracts', () => {});\" >> test/calc.test.js\n")
    result = run(pytester, str(challenge.parent), f"--llm-model=hunter=dir:{answer}", "--junitxml=j.xml",
                 f"--llm-output={tmp_path / 'out'}", f"--llm-sandbox={backend}")
    result.assert_outcomes(passed=1, failed=1)
    failure = junit_cases(pytester.path / "j.xml")["test_fail_to_pass[hunter-s0-calc > subtracts]"].find("failure")
    assert failure is not None and "calc.sub is not a function" in (failure.text or "")
    assert "the answer's changes to test/calc.test.js were undone" in (failure.text or "")
    looked = (tmp_path / "out" / "calc_sub" / "hunter" / "s0" / "workspace" / "looked.txt").read_text()
    assert "calc.sub(5, 3)" not in looked and "git bundle" not in looked, looked[:2000]
    assert "commits" not in looked  # the cache of hidden tests is not there at all (not merely unreadable)
    assert any((cache / "pytest-llmcode" / "commits").iterdir())  # the hidden tests were there, on the host


def test_the_built_in_agent_works_on_a_commit_and_never_sees_the_hidden_tests(
        challenge: Path, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--llm-mode=agent``: the agent lists the workspace (no test file of the commit in it), fails to
    read the hidden test, finds no copy of it with a command, writes the fix and finishes; then the
    hidden tests judge it."""
    need("namespace")
    session = [
        Action(tools=[("list_files", {})]),
        Action(tools=[("read_file", {"path": "test/calc.test.js"})]),
        Action(tools=[("run", {"command": "find / -name 'calc.test.js' -not -path '/proc/*' 2>/dev/null; echo searched"})]),
        Action(tools=[("write_file", {"path": "src/calc.js", "content": CALC_SUB})]),
        Action(tools=[("finish", {"summary": "sub(a, b) returns a - b"})]),
    ]
    with FakeLLM("unused") as server:
        server.script = list(session)
        fake_models(pytester, monkeypatch, fake_coder(server))
        shutil.copytree(challenge.parent, pytester.path / "suite")
        result = run(pytester, "suite", "--llm-model=fake", "--llm-mode=agent", "--llm-sandbox=namespace",
                     "--llm-output=out")
        requests = list(server.requests)
    result.assert_outcomes(passed=2)
    results = [m["content"] for m in requests[-1].body["messages"] if m["role"] == "tool"]
    assert "package.json" in results[0] and "src/calc.js" in results[0] and "test/" not in results[0]
    assert "subtracts" not in results[1] and "calc.sub" not in results[1]
    assert results[2].strip().endswith("searched") and "calc.test.js" not in results[2].replace(
        "find / -name 'calc.test.js'", "")


def test_a_challenge_inside_the_repository_it_replays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``repo: .`` (the repository the challenge is in), the task from a file beside challenge.yaml,
    and the hidden tests named by a glob; the whole work tree is private to the sandbox."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    repo = tmp_path / "calc"
    repo.mkdir()
    git(repo, "init", "-q")
    commit(repo, {"package.json": "{}\n", "src/calc.js": CALC, "test/calc.test.js": TEST_ADD + "});\n"}, "Add")
    sha = commit(repo, {"src/calc.js": CALC_SUB, "test/calc.test.js": TEST_SUB + "});\n",
                        "test/more.test.js": "// more\n"}, "Add sub")
    folder = repo / "challenges" / "calc_sub"
    folder.mkdir(parents=True)
    (folder / "task.md").write_text("Add sub(a, b): a minus b.\n")
    (folder / "challenge.yaml").write_text(CHALLENGE.format(sha=sha).replace("repo: calc.bundle", "repo: .")
                                           + "task: task.md\ntests: [test/calc.test.js]\n")
    loaded = load_challenge(folder)
    assert loaded.commit is not None and loaded.base is not None
    assert loaded.prompt == "Add sub(a, b): a minus b."
    assert loaded.commit.hidden == ("test/calc.test.js",) and loaded.commit.private == (repo,)
    assert (loaded.base / "src/calc.js").read_text() == CALC and not (loaded.base / "test/calc.test.js").exists()


EXTERNAL_AGENT = """
import os, pathlib
seen = sorted(os.path.join(d, f) for d, _, fs in os.walk('.') for f in fs)
print('agent: sees', seen)
print('agent: hidden test there:', pathlib.Path('test/calc.test.js').exists())
calc = pathlib.Path('src/calc.js')
calc.write_text(calc.read_text() + 'exports.sub = (a, b) => a - b;\\n')
print('agent: wrote sub')
"""


def test_an_external_agent_works_on_a_commit_without_the_hidden_tests(
        challenge: Path, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """``agent:NAME``: a command-line agent works in a workspace without the commit's tests, in the
    namespace sandbox; the hidden tests judge what it left."""
    need("namespace")
    monkeypatch.setenv("FAKE_AGENT_SCRIPT", EXTERNAL_AGENT)
    (pytester.path / "llmcode.yaml").write_text(
        'agents:\n  scripted:\n    command: python3 -c "$FAKE_AGENT_SCRIPT"\n    env: [FAKE_AGENT_SCRIPT]\n'
        "    timeout: 60\n")
    shutil.copytree(challenge.parent, pytester.path / "suite")
    result = run(pytester, "suite", "--llm-model=agent:scripted", "--llm-sandbox=namespace", "--llm-output=out")
    result.assert_outcomes(passed=2)
    log = (pytester.path / "out" / "calc_sub" / "agent-scripted" / "s0" / "logs" / "agent.log").read_text()
    assert "agent: sees ['./.llmcode-prompt.md', './package.json', './src/calc.js']" in log  # no test file
    assert "agent: hidden test there: False" in log and "agent: wrote sub" in log
