"""The one check of the benchmark's many-cases run: the page greets the visitor."""

from playwright.sync_api import Page, expect


def test_greets(app_page: Page) -> None:
    expect(app_page.get_by_role("heading", name="Hello, visitor")).to_be_visible()
    expect(app_page.get_by_role("button", name="Greet")).to_be_visible()
