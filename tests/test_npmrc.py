"""A model's ``.npmrc`` cannot make the install run its code or fetch from elsewhere: keys outside an
allow-list fail the install before anything runs, naming the key; and npm's ``git`` is a refusing
program whatever a project's ``.npmrc`` says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pytest_llmcode.answers.npmrc import refused_keys
from pytest_llmcode.core.process import scrubbed_env
from tests.support.apps import PAGE, write_app
from tests.support.runs import run

EVIL_NPMRC = "git=./evil.sh\nregistry=http://127.0.0.1:9/\n; a comment\nlegacy-peer-deps=true\n"


def test_keys_outside_the_allow_list_are_named(tmp_path: Path) -> None:
    (tmp_path / ".npmrc").write_text(EVIL_NPMRC)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".npmrc").write_text("script-shell=./evil.sh\n//registry.npmjs.org/:_authToken=x\n")
    (tmp_path / "node_modules" / "pkg").mkdir(parents=True)
    (tmp_path / "node_modules" / "pkg" / ".npmrc").write_text("git=x\n")  # a dependency's, not read by npm
    assert refused_keys(tmp_path) == [(".npmrc", "git"), (".npmrc", "registry"), ("sub/.npmrc", "script-shell"),
                                      ("sub/.npmrc", "//registry.npmjs.org/:_authToken")]


def test_an_npmrc_that_is_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".npmrc").symlink_to("/etc/hostname")
    assert refused_keys(tmp_path) == [(".npmrc", "(not a regular file)")]


def test_an_allowed_npmrc_is_fine(tmp_path: Path) -> None:
    (tmp_path / ".npmrc").write_text("legacy-peer-deps=true\nengine-strict = true\n# note\n")
    assert refused_keys(tmp_path) == []


def test_a_refused_npmrc_fails_the_install_before_it_runs(pytester: pytest.Pytester, static_challenge: Path) -> None:
    evil = write_app(pytester.path / "apps" / "evil", {
        "index.html": PAGE, ".npmrc": EVIL_NPMRC,
        "evil.sh": f"#!/bin/sh\ntouch {pytester.path / 'evil-ran'}\n"})
    result = run(pytester, f"--llm-model=dir:{evil}")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]install[]] the project's .npmrc sets what llmcode does not allow "
                                 "(.npmrc: git; .npmrc: registry)*"])
    assert not (pytester.path / "counts.txt").exists()  # the install command never ran
    assert not (pytester.path / "evil-ran").exists()


def test_an_allowed_npmrc_installs(pytester: pytest.Pytester, static_challenge: Path) -> None:
    fine = write_app(pytester.path / "apps" / "fine", {"index.html": PAGE, ".npmrc": "legacy-peer-deps=true\n"})
    run(pytester, f"--llm-model=dir:{fine}").assert_outcomes(passed=2)


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_npm_git_is_refusing_whatever_the_project_npmrc_says(tmp_path: Path) -> None:
    (tmp_path / ".npmrc").write_text("git=./evil.sh\n")
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}')
    done = subprocess.run(["npm", "config", "get", "git"], cwd=tmp_path, env=scrubbed_env(), capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == "false"
