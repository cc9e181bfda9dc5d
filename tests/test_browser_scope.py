"""One browser per worker: cases are served one after another in the worker's serving network,
where its one Chromium runs; each test still gets a fresh context."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pytest_llmcode.sandbox.registry import resolve_backend


@pytest.fixture
def browsers_seen(pytester: pytest.Pytester, static_challenge: Path) -> Path:
    """The static challenge's tests also record which browser (its Python object) and which
    storage they saw."""
    seen = pytester.path / "browsers.txt"
    challenge = static_challenge / "challenge.yaml"  # no counting: the sandbox cannot write outside its workspace
    challenge.write_text(challenge.read_text().replace('echo install >> "$LLMCODE_TEST_COUNTS"', "'true'")
                         .replace('echo build >> "$LLMCODE_TEST_COUNTS" && ', ""))
    (static_challenge / "test_browser.py").write_text(textwrap.dedent(
        f"""
        def test_records_its_browser(app_page):
            stored = app_page.evaluate("() => localStorage.getItem('mark')")
            app_page.evaluate("() => localStorage.setItem('mark', 'set')")
            with open({str(seen)!r}, "a") as handle:
                handle.write(f"{{id(app_page.context.browser)}} {{stored}}\\n")
        """
    ))
    return seen


@pytest.mark.parametrize(("scope", "browsers"), [("worker", 1), ("case", 3)])
def test_cases_share_the_workers_browser_unless_asked_otherwise(
    pytester: pytest.Pytester, browsers_seen: Path, scope: str, browsers: int
) -> None:
    if resolve_backend("auto").backend != "namespace":
        pytest.skip("no namespace sandbox on this host")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-sandbox=namespace", "--llm-model=reference",
                                           "--llm-samples=3", f"--llm-browser-scope={scope}")
    result.assert_outcomes(passed=9)
    lines = browsers_seen.read_text().splitlines()
    assert len(lines) == 3
    assert len({line.split()[0] for line in lines}) == browsers
    assert all(line.endswith(" None") for line in lines)  # no storage carried over from another case



def test_a_page_opened_ahead_is_blank_in_a_context_of_its_own_and_taken_once() -> None:
    """While the run waits for an answer, the worker's browser opens the next test's page ahead."""
    if resolve_backend("auto").backend != "namespace":
        pytest.skip("no namespace sandbox on this host")
    from pytest_llmcode.browser.host import BrowserHost
    from pytest_llmcode.sandbox.netns import NetNamespace

    host, network = BrowserHost(None), NetNamespace()
    try:
        assert host.prepare_page(network)
        assert not host.prepare_page(network)  # one waits at a time
        shared = host.shared_browser(network)
        context, page = host.new_page(shared)
        assert page.url == "about:blank" and context.pages == [page] and shared.contexts == [context]
        again, other = host.new_page(shared)  # the next test: a new context, not the one taken
        assert again is not context and other is not page and len(shared.contexts) == 2
        for taken in (context, again):
            taken.close()
        assert host.prepare_page(network) and len(shared.contexts) == 1
        on_host = host.browser  # a page for another browser: the one waiting is closed, not given
        elsewhere, _ = host.new_page(on_host)
        assert elsewhere.browser is on_host and shared.contexts == []
    finally:
        host.close()
        network.close()
