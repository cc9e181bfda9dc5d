"""Find a to-do app's parts the way a person would: by role, label, placeholder and text."""

from __future__ import annotations

import re

from playwright.sync_api import Error, Locator, Page, expect

ADD_BUTTON = re.compile(r"^\W*add\b|^\s*[+➕]\s*$", re.I)
DELETE_BUTTON = re.compile(r"delete|remove|trash|^\s*[x×✕✖❌🗑️]+\s*$", re.I)
INPUT_HINT = re.compile(r"add|new|todo|to-do|task|what", re.I)


def new_task_input(page: Page) -> Locator:
    """The text field for a new task: the one named or hinted as such, else the only one."""
    boxes = page.get_by_role("textbox")
    expect(boxes.first).to_be_visible()
    hinted = page.get_by_role("textbox", name=INPUT_HINT)
    if hinted.count() >= 1:
        return hinted.first
    placeholder = page.get_by_placeholder(INPUT_HINT)
    if placeholder.count() >= 1:
        return placeholder.first
    return boxes.first


def add_button(page: Page) -> Locator:
    return page.get_by_role("button", name=ADD_BUTTON).first


def add_task(page: Page, title: str) -> None:
    """Type a task and press Enter, then wait for it to appear."""
    field = new_task_input(page)
    field.fill(title)
    field.press("Enter")
    expect(task_text(page, title)).to_be_visible()


def _title(title: str) -> re.Pattern[str]:
    # the task's text, maybe with a mark beside it ("✓ Buy milk", "• Buy milk")
    return re.compile(rf"^\W*{re.escape(title)}\W*$")


def task_text(page: Page, title: str) -> Locator:
    return page.get_by_text(_title(title))


def task_row(page: Page, title: str, part: Locator) -> Locator:
    """The innermost element holding both the task's text and ``part`` (its checkbox, its button)."""
    return page.locator("*").filter(has=page.get_by_text(_title(title))).filter(has=part).last


def checkbox(page: Page, title: str) -> Locator:
    return task_row(page, title, page.get_by_role("checkbox")).get_by_role("checkbox").first


# the label of a control, or the part of it a person sees (the styled box beside a hidden checkbox)
_VISIBLE_PART_OF_LABEL = """el => {
  const label = el.labels && el.labels[0];
  if (!label) return null;
  const seen = [...label.querySelectorAll('*')].filter((part) => {
    const box = part.getBoundingClientRect();
    return part !== el && box.width > 4 && box.height > 4;
  });
  return seen[0] || label;
}"""


def click(target: Locator) -> None:
    """Click as a person would: the control itself, or, when it is visually hidden behind a
    styled replacement (an "sr-only" checkbox or radio), the label that shows it."""
    try:
        target.click(timeout=2_000)
        return
    except Error:
        label = target.element_handle(timeout=2_000).evaluate_handle(_VISIBLE_PART_OF_LABEL)
        element = label.as_element()
        if element is None:
            raise
        element.click()


def complete(page: Page, title: str) -> None:
    box = checkbox(page, title)
    click(box)
    expect(box).to_be_checked()


def control(page: Page, name: str) -> Locator:
    """A button, link, tab or radio named ``name`` (a count such as 'Active (2)' may follow)."""
    pattern = re.compile(rf"^\W*{re.escape(name)}\b", re.I)
    candidates = [page.get_by_role(role, name=pattern) for role in ("button", "link", "tab", "radio")]
    found = candidates[0]
    for candidate in candidates[1:]:
        found = found.or_(candidate)
    return found.first


def delete_button(page: Page, title: str) -> Locator:
    button = page.get_by_role("button", name=DELETE_BUTTON)
    row = task_row(page, title, button)
    page.get_by_text(_title(title)).hover()  # some apps show the button on hover only
    return row.get_by_role("button", name=DELETE_BUTTON).first
