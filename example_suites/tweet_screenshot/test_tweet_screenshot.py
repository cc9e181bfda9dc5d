"""Behaviour checks of the screenshot feature added to xdl, and of the features it must not break."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Download, Page, expect
from tweet_helpers import (
    CAPTURE_BOUND_S,
    NOT_A_POST_URL,
    POST_URL,
    UNKNOWN_POST_URL,
    background_control,
    capture,
    capture_button,
    check_png,
    open_screen,
    padding_control,
    post_link_field,
    preview_shown,
    set_background,
    set_padding,
    visible_error,
)

from pytest_llmcode import RunningApp
from pytest_llmcode.verify import frame_stats

PROJECT_TESTS = "node --test test/"
# the page fetches the file itself: the app is reachable from its browser, inside the sandbox
_FETCH_HEAD = """async (url) => {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, type: String.fromCharCode(...bytes.slice(4, 8)) };
}"""


@pytest.fixture
def screen(app_page: Page | None, llm_app: RunningApp) -> Page | None:
    """The /screen page (None when the case failed before: the test then fails with that stage)."""
    if app_page is not None:
        open_screen(app_page, llm_app)
    return app_page


# -- what the codebase did before the change, and must still do ---------------------------------


def test_download_page_still_extracts(app_page: Page) -> None:
    app_page.get_by_label("Post link").fill(POST_URL)
    app_page.get_by_role("button", name="Extract").click()
    link = app_page.get_by_role("link", name="Download 720p MP4")
    expect(link, "the 720p variant of the post, ready to download").to_be_visible()
    expect(app_page.get_by_text("640×360"), "the 360p variant").to_be_visible()
    fetched = app_page.evaluate(_FETCH_HEAD, urljoin(app_page.url, link.get_attribute("href") or ""))
    assert fetched["status"] == 200, f"the 720p download answered {fetched['status']}"
    assert fetched["type"] == "ftyp", "the 720p download is not an MP4 file"


def test_navigation_still_works(app_page: Page, llm_app: RunningApp) -> None:
    nav = app_page.get_by_role("navigation")
    for name, heading in (("History", "History"), ("About", "About xdl"), ("Download", "Download a video from X")):
        nav.get_by_role("link", name=name, exact=True).click()
        expect(app_page.get_by_role("heading", level=1, name=heading), f"the {name} page").to_be_visible()
    app_page.goto(llm_app.url + "about")
    expect(app_page.get_by_role("heading", level=1, name="About xdl"), "the About page opened directly").to_be_visible()


def test_project_tests_still_pass(llm_app: RunningApp) -> None:
    """The codebase's own tests, as the codebase had them (restored before running)."""
    base = llm_app.case.spec.challenge.base
    assert base is not None
    originals = {f"test/{path.name}": path.read_text() for path in sorted((base / "test").glob("*.js"))}
    llm_app.put_files(originals, name="restore-project-tests")  # written in the sandbox, not as root
    result = llm_app.run(PROJECT_TESTS, name="project-tests", timeout=120)
    assert result.ok, f"the project's own tests fail ({result.explain(120)}):\n{result.tail(30)}"


# -- the new page -------------------------------------------------------------------------------


def test_screen_page_linked_from_navigation(app_page: Page) -> None:
    links = app_page.get_by_role("navigation").get_by_role("link")
    names = []
    for index in range(links.count()):
        link = links.nth(index)
        names.append(link.inner_text().strip())
        if urlparse(link.get_attribute("href") or "").path.rstrip("/").endswith("/screen"):
            link.click()
            break
    else:
        pytest.fail(f"no link to /screen in the navigation (its links: {', '.join(names)})")
    expect(app_page).to_have_url(re.compile(r"/screen/?(\?.*)?$"))
    capture_button(app_page)


def test_screen_page_controls(screen: Page) -> None:
    expect(post_link_field(screen), "a field for the post link").to_be_visible()
    capture_button(screen)
    expect(background_control(screen), "a background colour option (labelled Background)").to_be_visible()
    expect(padding_control(screen), "a padding option (labelled Padding)").to_be_visible()


def test_capture_downloads_png(screen: Page, llm_app: RunningApp) -> None:
    post_link_field(screen).fill(POST_URL)
    data = capture(screen, llm_app, "capture")
    check_png(screen, data)
    assert 2_000 <= len(data) <= 30_000_000, f"the PNG is {len(data)} bytes"
    missing = preview_shown(screen)
    assert missing is None, missing


def test_background_colour_in_png(screen: Page, llm_app: RunningApp) -> None:
    post_link_field(screen).fill(POST_URL)
    set_padding(screen, 48, step="set the padding")
    for hex_colour in ("#d9480f", "#2f9e44"):
        chosen = set_background(screen, hex_colour)
        data = capture(screen, llm_app, f"background-{hex_colour[1:]}", step="capture the post as a PNG")
        check_png(screen, data)
        frame = frame_stats(screen.context, data)
        wanted = "#{:02x}{:02x}{:02x}".format(*chosen)
        assert frame.edge_is(chosen) and frame.edge_share >= 0.9, (
            f"with background {wanted} and padding 48 px, the PNG's edges are {frame.describe_edge()} "
            f"({frame.edge_share:.0%} of edge pixels), not the chosen background"
        )


def test_larger_padding_larger_margin(screen: Page, llm_app: RunningApp) -> None:
    post_link_field(screen).fill(POST_URL)
    set_background(screen, "#d9480f", step="set the background")
    margins = {}
    for pixels in (16, 96):
        set_padding(screen, pixels)
        data = capture(screen, llm_app, f"padding-{pixels}", step="capture the post as a PNG")
        width, height = check_png(screen, data)
        frame = frame_stats(screen.context, data)
        margin = min(frame.margins["left"], frame.margins["top"])
        assert margin < min(width, height) / 2, f"with padding {pixels} px, no card stands out from the background"
        margins[pixels] = margin
    assert margins[96] >= margins[16] + 40, (
        f"a larger padding gives no larger margin: padding 16 px left a margin of {margins[16]} px, "
        f"padding 96 px left {margins[96]} px"
    )


def _error_shown_for(screen: Page, link: str) -> None:
    downloads: list[str] = []

    def on_download(download: Download) -> None:
        downloads.append(download.suggested_filename)

    screen.on("download", on_download)
    assert not visible_error(screen), "an error message shows before anything was tried"
    post_link_field(screen).fill(link)
    capture_button(screen).click()
    shown = ""
    for _ in range(CAPTURE_BOUND_S * 10):
        shown = visible_error(screen)
        if shown:
            break
        screen.wait_for_timeout(100)
    assert shown, f"no error message within {CAPTURE_BOUND_S}s of capturing {link}"
    assert not downloads, f"{downloads[0]} was downloaded for {link}"


def test_link_not_to_a_post_shows_error(screen: Page) -> None:
    _error_shown_for(screen, NOT_A_POST_URL)


def test_unknown_post_shows_error(screen: Page) -> None:
    _error_shown_for(screen, UNKNOWN_POST_URL)
