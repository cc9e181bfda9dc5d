"""Read the JUnit XML report a commit challenge's test command wrote (pytest, ``node --test``,
vitest, jest-junit): each test case's id, outcome and message. The report was written by code
under test, so it is read within a size limit and its text is cut short."""

from __future__ import annotations

import dataclasses
import html
import re
import xml.etree.ElementTree as ET

MAX_REPORT_BYTES = 8 * 1024 * 1024
MAX_MESSAGE_CHARS = 2_000
MAX_DETAIL_LINES = 12  # of a failure's details (a stack trace): the first ones say where
# the classname node's junit reporter gives every test: no file, no class
_FILE_NAME = re.compile(r"\.(c|m)?[jt]sx?$|\.py$")  # a suite named after its file (vitest)
_NO_CLASS = {"", "test"}


class ReportError(Exception):
    """The report cannot be read: the message says why."""


@dataclasses.dataclass(frozen=True)
class TestResult:
    outcome: str  # passed, failed, error or skipped
    message: str = ""  # the failure's message and details, cut short

    @property
    def passed(self) -> bool:
        return self.outcome == "passed"


def test_id(classname: str, suites: list[str], name: str) -> str:
    """How a test is named: ``class::name`` (pytest: ``tests.test_calc::test_add``; vitest: the
    file), else its suites and name joined by `` > `` (``node --test``: ``parse > rejects empty``)."""
    name = name.strip().removeprefix("> ")  # jest-junit's title of a test outside any describe block
    if classname.strip() not in _NO_CLASS:
        return f"{classname.strip()}::{name}"
    return " > ".join([*suites, name.strip()])


def read_report(data: bytes) -> dict[str, TestResult]:
    """Test id -> result, in the report's order (a repeated id gets `` #2``, `` #3``...)."""
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(f"the JUnit report is {len(data) / 1e6:.1f} MB, over the {MAX_REPORT_BYTES >> 20} MB read")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ReportError(f"the JUnit report is not valid XML ({exc})") from None
    results: dict[str, TestResult] = {}

    def walk(element: ET.Element, suites: list[str]) -> None:
        for child in element:
            if child.tag == "testsuite":
                name = (child.get("name") or "").strip()
                # a suite that names the runner or a file (pytest's 'pytest', vitest's file) adds nothing to an id
                named_file = child.get("file") or _FILE_NAME.search(name)
                inner = suites if not name or name == "pytest" or named_file else [*suites, name]
                walk(child, inner)
            elif child.tag == "testcase":
                identity = test_id(child.get("classname") or "", suites, child.get("name") or "")
                unique, number = identity, 1
                while unique in results:
                    number += 1
                    unique = f"{identity} #{number}"
                results[unique] = _result(child)

    if root.tag == "testsuite":  # a single suite at the top (some reporters)
        wrapper = ET.Element("testsuites")
        wrapper.append(root)
        root = wrapper
    if root.tag != "testsuites":
        raise ReportError(f"the JUnit report's top element is <{root.tag}>, not <testsuites> or <testsuite>")
    walk(root, [])
    return results


def _result(case: ET.Element) -> TestResult:
    for tag, outcome in (("failure", "failed"), ("error", "error"), ("skipped", "skipped")):
        found = case.find(tag)
        if found is not None:
            # node's reporter escapes quotes twice: &quot; is left after the XML's own escapes are read
            said = html.unescape(found.get("message") or "").strip()
            detail = html.unescape("\n".join((found.text or "").strip().splitlines()[:MAX_DETAIL_LINES]))
            text = detail if said and detail.startswith(said) else "\n".join(part for part in (said, detail) if part)
            return TestResult(outcome, text[:MAX_MESSAGE_CHARS])
    return TestResult("passed")
