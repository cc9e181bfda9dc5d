"""The built-in agent's file tools never hang pytest or read beyond the workspace: a FIFO, a device
or a link is refused at once, and reads are bounded."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pytest_llmcode.agents.tools import READ_LIMIT, Workbench
from pytest_llmcode.models.conversation import ToolCall


def workbench(workspace: Path) -> Workbench:
    task: Any = SimpleNamespace(dir=SimpleNamespace(workspace=workspace))
    return Workbench(task, deadline=time.monotonic() + 60)


def call_soon(bench: Workbench, name: str, **arguments: str) -> str:
    """The tool's answer, or a failure if it has not answered within 10 s (it hung)."""
    answer: list[str] = []
    worker = threading.Thread(target=lambda: answer.append(bench.call(ToolCall("1", name, arguments), 60)),
                              daemon=True)
    worker.start()
    worker.join(10)
    if not answer:
        for fifo in bench.root.glob("*.fifo"):  # let the hung thread go
            fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
            os.close(fd)
        pytest.fail(f"{name} hung on {arguments}")
    return answer[0]


@pytest.mark.parametrize("tool", ["read_file", "edit_file", "write_file"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, tool: str) -> None:
    os.mkfifo(tmp_path / "trap.fifo")
    answer = call_soon(workbench(tmp_path), tool, path="trap.fifo", search="a", replace="b", content="x")
    assert answer.startswith("error:") and "regular file" in answer


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    bench = workbench(tmp_path)
    (tmp_path / "zero").symlink_to("/dev/zero")
    assert "symbolic link" in call_soon(bench, "read_file", path="zero")


def test_a_regular_file_is_read_up_to_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("y" * (READ_LIMIT + 10))
    (tmp_path / "app.js").write_text("let a = 1;\n")
    bench = workbench(tmp_path)
    assert call_soon(bench, "read_file", path="big.txt").endswith(f"[cut at {READ_LIMIT} characters]")
    assert call_soon(bench, "edit_file", path="app.js", search="1", replace="2").startswith("wrote app.js")
    assert (tmp_path / "app.js").read_text() == "let a = 2;\n"
    assert call_soon(bench, "write_file", path="app.js", content="short").startswith("wrote app.js")
    assert (tmp_path / "app.js").read_text() == "short"


def test_a_listing_of_a_flooded_workspace_stays_small(tmp_path: Path) -> None:
    """A workspace of 20,000 files (an earlier command made them) costs the model 500 names, not all."""
    for number in range(20_000):
        (tmp_path / f"f{number:05d}-{'x' * 300}.txt"[:250]).touch()
    listing = call_soon(workbench(tmp_path), "list_files")
    assert len(listing.splitlines()) == 501 and listing.endswith("[19500 more files not listed]")
    assert len(listing) < 500 * 260


def test_install_refuses_an_npmrc_outside_the_allow_list(tmp_path: Path) -> None:
    """The install tool opens the registry to npm, which reads the project's .npmrc: the agent's own
    .npmrc is held to the same allow-list as an answer's, before anything runs."""
    ran = tmp_path / "install-ran"
    task: Any = SimpleNamespace(dir=SimpleNamespace(workspace=tmp_path),
                                challenge=SimpleNamespace(stack=SimpleNamespace(install=f"touch {ran}")))
    bench = Workbench(task, deadline=time.monotonic() + 60)
    assert call_soon(bench, "write_file", path=".npmrc", content="node-options=--require ./evil.js\n").startswith("wrote")
    answer = call_soon(bench, "install")
    assert answer.startswith("error: the project's .npmrc sets what is not allowed (.npmrc: node-options)"), answer
    assert "Nothing was installed" in answer and not ran.exists()
