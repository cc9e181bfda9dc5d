"""Where an agent's program is installed, as the sandbox must show it: the folder it is found in,
its npm package or venv or prefix, and the interpreter its first line names; and the program of a
command that starts with assignments."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pytest_llmcode.agents.program import host_folders, program_of


@pytest.mark.parametrize("command, program", [
    ("qwen -p {prompt}", "qwen"),
    ("HOME=/x OPENAI_BASE_URL='http://a b' qwen -p x", "qwen"),
    ("env -i A=1 -- claude -p", "claude"),
    ("A=1", ""),
])
def test_the_program_of_a_command_comes_after_its_assignments(command: str, program: str) -> None:
    assert program_of(command) == program


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


def test_an_npm_package_is_shown_with_its_bin_folder_and_interpreter(tmp_path: Path) -> None:
    node = executable(tmp_path / "nvm" / "v22" / "bin" / "node", "#!/bin/sh\n")
    (tmp_path / "nvm" / "v22" / "lib").mkdir()
    cli = executable(tmp_path / "npm" / "lib" / "node_modules" / "@acme" / "coder" / "dist" / "cli.js",
                     "#!/usr/bin/env node\n")
    (tmp_path / "npm" / "bin").mkdir()
    (tmp_path / "npm" / "bin" / "coder").symlink_to(cli)
    found = host_folders("coder", os.pathsep.join([str(tmp_path / "npm" / "bin"), str(node.parent), "/usr/bin"]))
    assert found == [tmp_path / "npm" / "bin", tmp_path / "npm" / "lib" / "node_modules" / "@acme" / "coder",
                     tmp_path / "nvm" / "v22" / "bin", tmp_path / "nvm" / "v22" / "lib"]


def test_a_venv_program_is_shown_with_its_venv_and_shims_are_skipped(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "pyvenv.cfg").parent.mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    executable(venv / "bin" / "aider", f"#!{venv}/bin/python\n")
    (venv / "bin" / "python").symlink_to("/usr/bin/python3")
    assert host_folders("aider", str(venv / "bin")) == [venv / "bin", venv]
    executable(tmp_path / "shims" / "aider", "#!/bin/sh\nexec pyenv exec aider\n")
    assert host_folders("aider", os.pathsep.join([str(tmp_path / "shims"), str(venv / "bin")])) == [venv / "bin", venv]
    assert host_folders("sh", "/bin:/usr/bin") == []  # a system program: already there


def test_a_program_straight_in_a_home_folder_would_show_all_of_it() -> None:
    from pytest_llmcode.agents.program import too_wide

    assert too_wide(Path.home()) and too_wide(Path("/")) and too_wide(Path("/home"))
    assert not too_wide(Path.home() / ".npm-global" / "bin")
