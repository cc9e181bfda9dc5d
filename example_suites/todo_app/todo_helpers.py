"""Find a to-do app's parts the way a person would: by role, label, placeholder and text."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

ADD_BUTTON = re.compile(r"^\s*\+?\s*add( (a )?(new )?(task|todo|to-do|item))?\s*\+?\s*$|^\s*\+\s*$", re.I)
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


def task_text(page: Page, title: str) -> Locator:
    return page.get_by_text(title, exact=True)


def task_row(page: Page, title: str, part: Locator) -> Locator:
    """The innermost element holding both the task's text and ``part`` (its checkbox, its button)."""
    return page.locator("*").filter(has=page.get_by_text(title, exact=True)).filter(has=part).last


def checkbox(page: Page, title: str) -> Locator:
    return task_row(page, title, page.get_by_role("checkbox")).get_by_role("checkbox").first


def complete(page: Page, title: str) -> None:
    box = checkbox(page, title)
    box.click()
    expect(box).to_be_checked()


def control(page: Page, name: str) -> Locator:
    """A button, link, tab or radio named ``name`` (a count such as 'Active (2)' may follow)."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\b", re.I)
    candidates = [page.get_by_role(role, name=pattern) for role in ("button", "link", "tab", "radio")]
    found = candidates[0]
    for candidate in candidates[1:]:
        found = found.or_(candidate)
    return found.first


def delete_button(page: Page, title: str) -> Locator:
    button = page.get_by_role("button", name=DELETE_BUTTON)
    row = task_row(page, title, button)
    page.get_by_text(title, exact=True).hover()  # some apps show the button on hover only
    return row.get_by_role("button", name=DELETE_BUTTON).first
