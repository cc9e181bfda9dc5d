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
