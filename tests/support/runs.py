"""pytest runs in a subprocess, and what they leave behind: JUnit cases and their properties, and
processes still running in a folder."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """pytest in a subprocess. Unless ``args`` choose a sandbox, on the host (``--llm-sandbox=none``):
    most tests check the plugin's mechanics (the static challenge counts its builds in a file outside
    the workspace, which the namespace sandbox forbids); tests/test_sandbox.py checks the sandbox."""
    if not any(arg.startswith("--llm-sandbox") for arg in args):
        args = ("--llm-sandbox=none", *args)
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", *args)


def junit_cases(path: Path) -> dict[str, ET.Element]:
    """The test cases of a JUnit XML file by name (``test_greets[reference-s0]``)."""
    return {case.get("name", ""): case for case in ET.parse(path).iter("testcase")}


def properties(case: ET.Element) -> dict[str, str]:
    """The ``<property>`` values of one JUnit test case (``llm.model``, ``llm.stage``...)."""
    return {p.get("name", ""): p.get("value", "") for p in case.iter("property")}


def processes_under(folder: Path) -> list[str]:
    """The processes (other than this one) whose working directory is in ``folder``: ``pid: cmdline``."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            cwd = os.readlink(f"/proc/{pid}/cwd")
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if cwd.startswith(str(folder)):
            found.append(f"{pid}: {cmdline}")
    return found


def processes_with(marker: str) -> list[str]:
    """The processes (other than this one) whose command line contains ``marker``: ``pid: cmdline``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in cmdline and int(pid) != os.getpid():
            found.append(f"{pid}: {cmdline}")
    return found
