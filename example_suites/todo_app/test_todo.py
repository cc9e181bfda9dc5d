"""Behaviour checks of a to-do app, each as a person would try it in the browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from todo_helpers import (
    add_button,
    add_task,
    checkbox,
    click,
    complete,
    control,
    delete_button,
    new_task_input,
    task_text,
)

from pytest_llmcode import BrowserLog, RunningApp


def test_loads_without_errors(app_page: Page, app_log: BrowserLog) -> None:
    expect(new_task_input(app_page)).to_be_visible()
    app_page.wait_for_timeout(500)  # let effects and late requests report
    assert not app_log.console_errors, "console errors on load:\n" + "\n".join(app_log.console_errors)


def test_add_task_with_enter(app_page: Page) -> None:
    add_task(app_page, "Buy milk")
    add_task(app_page, "Walk the dog")
    expect(task_text(app_page, "Buy milk"), "the first task stays").to_be_visible()


def test_add_task_with_button(app_page: Page) -> None:
    new_task_input(app_page).fill("Walk the dog")
    button = add_button(app_page)
    expect(button, "an Add button next to the new-task field").to_be_visible()
    button.click()
    expect(task_text(app_page, "Walk the dog")).to_be_visible()


def test_empty_input_does_not_add(app_page: Page) -> None:
    add_task(app_page, "Buy milk")
    boxes = app_page.get_by_role("checkbox")
    before = boxes.count()
    field = new_task_input(app_page)
    field.fill("")
    field.press("Enter")
    field.fill("   ")
    field.press("Enter")
    button = add_button(app_page)
    if button.count():  # the Add button must refuse blank input too
        field.fill("  ")
        button.click()
    app_page.wait_for_timeout(300)
    assert boxes.count() == before, f"{boxes.count() - before} task(s) added from empty or blank input"


def test_complete_task(app_page: Page) -> None:
    add_task(app_page, "Buy milk")
    add_task(app_page, "Walk the dog")
    complete(app_page, "Buy milk")
    expect(checkbox(app_page, "Walk the dog")).not_to_be_checked()
    click(checkbox(app_page, "Buy milk"))
    expect(checkbox(app_page, "Buy milk"), "a completed task can be made active again").not_to_be_checked()


def _two_tasks_one_done(page: Page) -> None:
    add_task(page, "Buy milk")
    add_task(page, "Walk the dog")
    complete(page, "Buy milk")


def test_filter_active(app_page: Page) -> None:
    _two_tasks_one_done(app_page)
    click(control(app_page, "Active"))
    expect(task_text(app_page, "Walk the dog"), "an active task under the Active filter").to_be_visible()
    expect(task_text(app_page, "Buy milk"), "a completed task under the Active filter").to_be_hidden()
    click(control(app_page, "All"))
    click(checkbox(app_page, "Buy milk"))  # made active again
    click(control(app_page, "Active"))
    expect(task_text(app_page, "Buy milk"), "a task made active again under the Active filter").to_be_visible()


def test_filter_completed(app_page: Page) -> None:
    _two_tasks_one_done(app_page)
    click(control(app_page, "Completed"))
    expect(task_text(app_page, "Buy milk"), "a completed task under the Completed filter").to_be_visible()
    expect(task_text(app_page, "Walk the dog"), "an active task under the Completed filter").to_be_hidden()


def test_filter_all(app_page: Page) -> None:
    _two_tasks_one_done(app_page)
    click(control(app_page, "Completed"))
    expect(task_text(app_page, "Walk the dog"), "an active task under the Completed filter").to_be_hidden()
    click(control(app_page, "All"))
    expect(task_text(app_page, "Buy milk")).to_be_visible()
    expect(task_text(app_page, "Walk the dog")).to_be_visible()


def test_clear_completed(app_page: Page) -> None:
    _two_tasks_one_done(app_page)
    button = control(app_page, "Clear completed")
    expect(button, "a 'Clear completed' button").to_be_visible()
    button.click()
    expect(task_text(app_page, "Buy milk"), "the completed task is cleared").to_be_hidden()
    expect(task_text(app_page, "Walk the dog"), "the active task stays").to_be_visible()
    app_page.wait_for_timeout(1_500)  # a debounced save gets its chance
    app_page.reload()
    expect(task_text(app_page, "Buy milk"), "the cleared task stays gone after a reload").to_be_hidden()


def test_delete_task(app_page: Page) -> None:
    for title in ("Buy milk", "Walk the dog", "Write report"):
        add_task(app_page, title)
    delete_button(app_page, "Walk the dog").click()
    expect(task_text(app_page, "Walk the dog"), "the deleted task is gone").to_be_hidden()
    expect(task_text(app_page, "Buy milk"), "the other tasks stay").to_be_visible()
    expect(task_text(app_page, "Write report"), "the other tasks stay").to_be_visible()
    app_page.wait_for_timeout(1_500)  # a debounced save gets its chance
    app_page.reload()
    expect(task_text(app_page, "Walk the dog"), "the deleted task stays gone after a reload").to_be_hidden()


def test_items_survive_reload(app_page: Page, llm_app: RunningApp) -> None:
    _two_tasks_one_done(app_page)
    app_page.wait_for_timeout(1_500)  # a debounced save (up to a second) gets its chance
    app_page.reload()
    for page, how in ((app_page, "after a reload"), (app_page.context.new_page(), "in a new tab")):
        if page is not app_page:
            page.goto(llm_app.url)
        expect(task_text(page, "Buy milk"), f"task kept {how}").to_be_visible()
        expect(task_text(page, "Walk the dog"), f"task kept {how}").to_be_visible()
        expect(checkbox(page, "Buy milk"), f"completion kept {how}").to_be_checked()
        expect(checkbox(page, "Walk the dog"), f"active state kept {how}").not_to_be_checked()
