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


def wrong_verdicts(cases: dict[str, ET.Element], tests: list[str], expected: dict[str, dict[str, str]]) -> list[str]:
    """The cells of ``cases`` (JUnit cases of models run on ``tests``) whose verdict is not the expected
    one: ``expected`` gives, per model, the tests that must fail and the start of each one's message;
    every other test must pass."""
    wrong = []
    for model, failing in expected.items():
        for test in tests:
            case = cases[f"{test}[{model}-s0]"]
            found = case.find("failure")
            message = "" if found is None else found.get("message", "") + "\n" + (found.text or "")
            message = message.strip().removeprefix("Failed: ").split("AssertionError: ", 1)[-1].strip()
            if test not in failing and found is not None:
                wrong.append(f"{model}/{test} failed: {message[:400]}")
            elif test in failing and not message.startswith(failing[test]):
                wrong.append(f"{model}/{test} should fail with {failing[test]!r}, got: {message[:400]!r}")
    return wrong


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
