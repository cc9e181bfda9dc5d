"""``llmcode challenge from-commit`` and ``from-history`` on a repository made here: the commits
that change code and tests become challenges whose lists come from running the tests before and
after; the others are refused, each with its reason; a challenge made so runs under pytest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.runs import junit_cases, run
from tests.test_commit_challenge import CALC, CALC_SUB, TEST_ADD, TEST_SUB, commit, git

END = "});\n"
NETWORK_TEST = """\
const { test } = require('node:test');
test('fetches the rate', async () => { await fetch('http://rates.example.invalid/today'); });
"""


def llmcode(*args: str) -> subprocess.CompletedProcess[str]:
    """The ``llmcode`` command as installed beside this Python."""
    return subprocess.run([str(Path(sys.executable).parent / "llmcode"), *args], capture_output=True, text=True,
                          timeout=600)


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A Node project of seven commits: the first, then one of each kind from-history tells apart."""
    repo = tmp_path / "calc"
    repo.mkdir()
    git(repo, "init", "-q")
    shas = {"first": commit(repo, {"package.json": '{"name": "calc", "private": true}\n', "src/calc.js": CALC,
                                   "test/calc.test.js": TEST_ADD + END}, "Add")}
    shas["sub"] = commit(repo, {"src/calc.js": CALC_SUB, "test/calc.test.js": TEST_SUB + END}, "Add sub")
    shas["docs"] = commit(repo, {"README.md": "# calc\n"}, "Write a README")
    shas["tests_only"] = commit(repo, {"test/calc.test.js": TEST_SUB + "  test('adds zero', () => "
                                       "assert.equal(calc.add(2, 0), 2));\n" + END}, "Test adding zero")
    shas["no_new_failure"] = commit(repo, {"src/calc.js": CALC_SUB.replace("a + b", "b + a"),
                                           "test/calc.test.js": TEST_SUB + "  test('adds in any order', () => "
                                           "assert.equal(calc.add(3, 2), 5));\n" + END}, "Add in any order")
    shas["broken"] = commit(repo, {"src/calc.js": CALC_SUB + "exports.mul = (a, b) => a + b;\n",
                                   "test/mul.test.js": "const { test } = require('node:test');\nconst assert = "
                                   "require('node:assert');\nconst calc = require('../src/calc.js');\ntest('multiplies', "
                                   "() => assert.equal(calc.mul(2, 3), 6));\n"}, "Add mul (wrongly)")
    shas["network"] = commit(repo, {"src/rates.js": "exports.url = 'http://rates.example.invalid/today';\n",
                                    "test/rates.test.js": NETWORK_TEST}, "Fetch today's rate")
    return repo, shas


def test_from_history_makes_what_it_can_and_says_why_not(history: tuple[Path, dict[str, str]],
                                                         tmp_path: Path) -> None:
    repo, shas = history
    done = llmcode("challenge", "from-history", str(repo), str(tmp_path / "made"), "--since", shas["first"],
                   "--sandbox", "none")
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    rows = {line.split()[0]: line for line in out.splitlines()[1:-1]}
    assert "made" in rows[shas["sub"][:10]] and "1 fail_to_pass, 1 pass_to_pass" in rows[shas["sub"][:10]]
    assert shas["docs"][:10] not in rows  # no tests: not a candidate
    assert "refused  Test adding zero" in rows[shas["tests_only"][:10]] and \
        "it changes only tests" in rows[shas["tests_only"][:10]]
    assert "its new tests do not fail before the commit" in rows[shas["no_new_failure"][:10]]
    assert "its tests do not pass at the commit itself: multiplies failed" in rows[shas["broken"][:10]]
    assert "its tests need the network beyond the package registry" in rows[shas["network"][:10]]
    assert out.splitlines()[-1].startswith("1 made, 4 refused")
    assert done.stderr.count("running its tests at the commit and at its parent") == 5  # progress, per commit
    made = yaml.safe_load((tmp_path / "made" / f"{shas['sub'][:8]}_add_sub" / "challenge.yaml").read_text())
    assert made["fail_to_pass"] == ["calc > subtracts"] and made["pass_to_pass"] == ["calc > adds"]
    assert made["commit"] == shas["sub"] and made["stack"]["test"].startswith("node --test")


def test_from_commit_writes_a_challenge_that_the_reference_passes(history: tuple[Path, dict[str, str]],
                                                                 pytester: pytest.Pytester, tmp_path: Path) -> None:
    repo, shas = history
    dest = pytester.path / "suite" / "calc_sub"
    done = llmcode("challenge", "from-commit", str(repo), shas["sub"], str(dest), "--sandbox", "none")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"made    {dest / 'challenge.yaml'}: 1 fail_to_pass, 1 pass_to_pass")
    refused = llmcode("challenge", "from-commit", str(repo), shas["broken"], str(tmp_path / "no"), "--sandbox", "none")
    assert refused.returncode == 1 and "its tests do not pass at the commit itself" in refused.stdout
    assert not (tmp_path / "no").exists()
    result = run(pytester, "suite", "--llm-model=reference", "--junitxml=junit.xml")
    assert sorted(junit_cases(pytester.path / "junit.xml")) == [
        "test_fail_to_pass[reference-s0-calc > subtracts]", "test_pass_to_pass[reference-s0-calc > adds]"]
    result.assert_outcomes(passed=2)


VITEST = """\
import { describe, test, expect } from 'vitest';
import { add, sub } from '../src/calc.js';
describe('calc', () => {
  test('adds', () => expect(add(2, 3)).toBe(5));
"""
JEST = VITEST.replace("import { describe, test, expect } from 'vitest';\nimport { add, sub } from '../src/calc.js';",
                      "const { add, sub } = require('../src/calc.js');")


@pytest.mark.parametrize("runner", ["vitest", "jest"])
def test_from_commit_guesses_vitest_and_jest_and_their_ids_judge_the_reference(
        runner: str, pytester: pytest.Pytester, tmp_path: Path) -> None:
    """A Node project tested with vitest, or jest with jest-junit (installed from the registry): the
    guessed command's JUnit ids are ``file::describe > test``, the lists are found by running the tests
    before and after, and the challenge it makes passes on the reference."""
    repo = tmp_path / runner
    repo.mkdir()
    git(repo, "init", "-q")
    dev = {"vitest": '"vitest": "^3.2.0"', "jest": '"jest": "^29.7.0", "jest-junit": "^16.0.0"'}[runner]
    esm = '"type": "module", ' if runner == "vitest" else ""
    code = ("export const add = (a, b) => a + b;\n" if runner == "vitest" else "exports.add = (a, b) => a + b;\n")
    tests = VITEST if runner == "vitest" else JEST
    commit(repo, {"package.json": f'{{"name": "calc", "private": true, {esm}"devDependencies": {{{dev}}}}}\n',
                  "src/calc.js": code + ("export const sub = () => NaN;\n" if runner == "vitest" else
                                         "exports.sub = () => NaN;\n"),
                  "test/calc.test.js": tests + "});\n"}, "Add")
    sha = commit(repo, {"src/calc.js": code + ("export const sub = (a, b) => a - b;\n" if runner == "vitest" else
                                               "exports.sub = (a, b) => a - b;\n"),
                        "test/calc.test.js": tests + "  test('subtracts', () => expect(sub(5, 3)).toBe(2));\n});\n"},
                 "Make sub subtract")
    dest = pytester.path / "suite" / f"{runner}_sub"
    done = llmcode("challenge", "from-commit", str(repo), sha, str(dest), "--sandbox", "none")
    assert done.returncode == 0, done.stdout + done.stderr
    made = yaml.safe_load((dest / "challenge.yaml").read_text())
    assert made["stack"]["name"] == f"Node, {runner}"
    assert made["fail_to_pass"] == ["test/calc.test.js::calc > subtracts"]
    assert made["pass_to_pass"] == ["test/calc.test.js::calc > adds"]
    result = run(pytester, "suite", "--llm-model=reference", "--junitxml=junit.xml")
    result.assert_outcomes(passed=2)
