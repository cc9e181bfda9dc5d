"""Behaviour checks of a to-do app, each as a person would try it in the browser.

Each test fails only for the behaviour it is named for: the steps before it (adding tasks,
completing one) go through whatever way the app offers, and when the app offers none the test
fails with a message that starts with ``[set-up]`` and says what was missing."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page
from todo_helpers import (
    add_button,
    add_task,
    clear_completed_control,
    complete,
    delete_control,
    filter_control,
    is_done,
    network_quiet,
    new_task_input,
    rows_of_list,
    shown,
    task_text,
    toggle_again,
    use_filter,
    wait_done,
    wait_shown,
)

from pytest_llmcode import BrowserLog, RunningApp
from pytest_llmcode.verify import click, exists, saving, settle


def test_loads_without_errors(app_page: Page, app_log: BrowserLog) -> None:
    network_quiet(app_page)
    problems = [
        *(f"uncaught error: {e}" for e in app_log.page_errors),
        *(f"console error: {e}" for e in app_log.console_errors),
        *(f"did not load: {r}" for r in app_log.missing_resources),
    ]
    assert not problems, "the app reports errors on load:\n" + "\n".join(problems)


def test_no_errors_while_used(app_page: Page, app_log: BrowserLog) -> None:
    """Adding, completing, filtering and deleting (whatever the app offers) throws no uncaught error."""
    add_task(app_page, "Buy milk")
    add_task(app_page, "Walk the dog")
    steps: list[Callable[[], object]] = [
        lambda: complete(app_page, "Buy milk", step=None),
        lambda: use_filter(app_page, "Active"),
        lambda: use_filter(app_page, "All"),
        lambda: click(delete_control(app_page, "Walk the dog"), "delete"),
    ]
    for step in steps:
        try:
            step()
        except AssertionError:
            pass  # a feature the app lacks: its own test says so
        settle(app_page)
    assert not app_log.page_errors, "the app threw uncaught errors while used:\n" + "\n".join(app_log.page_errors)


def test_add_task_with_enter(app_page: Page) -> None:
    field = new_task_input(app_page, step="find the new-task field")
    for title in ("Buy milk", "Walk the dog"):
        field.fill(title)
        field.press("Enter")
        wait_shown(app_page, title, True, f"pressing Enter in the new-task field did not add '{title}'")
    assert shown(app_page, "Buy milk"), "the first task is gone after adding a second"


def test_add_task_with_button(app_page: Page) -> None:
    field = new_task_input(app_page, step="find the new-task field")
    field.fill("Walk the dog")
    button = add_button(app_page, field)
    assert button is not None, ("no Add button beside the new-task field (looked for a button named Add or +, "
                                "or the only button of the field's form or row)")
    click(button, "the Add button")
    wait_shown(app_page, "Walk the dog", True, "clicking the Add button did not add the typed task")


def test_empty_input_does_not_add(app_page: Page) -> None:
    add_task(app_page, "Buy milk")
    add_task(app_page, "Walk the dog")
    before = rows_of_list(app_page, ["Buy milk", "Walk the dog"])
    field = new_task_input(app_page)
    for blank in ("", "   "):
        field.fill(blank)
        field.press("Enter")
        settle(app_page)
    button = add_button(app_page, field)
    if button is not None:  # the button must refuse blank input too
        field.fill("  ")
        click(button, "the Add button")
        settle(app_page)
    after = rows_of_list(app_page, ["Buy milk", "Walk the dog"])
    assert after == before, f"{after - before} task(s) added from empty or blank input (the list had {before} rows)"


def test_complete_task(app_page: Page) -> None:
    add_task(app_page, "Buy milk")
    add_task(app_page, "Walk the dog")
    complete(app_page, "Buy milk", step=None)
    assert not is_done(app_page, "Walk the dog"), "completing one task completed another"
    toggle_again(app_page, "Buy milk")
    assert wait_done(app_page, "Buy milk", False), "a completed task can be made active again: it stays completed"


def _two_tasks_one_done(page: Page) -> None:
    with saving(page):
        add_task(page, "Buy milk")
        add_task(page, "Walk the dog")
        complete(page, "Buy milk")


def test_filter_active(app_page: Page) -> None:
    _two_tasks_one_done(app_page)
    use_filter(app_page, "Active")
    wait_shown(app_page, "Walk the dog", True, "an active task under the Active filter is not shown")
    wait_shown(app_page, "Buy milk", False, "a completed task under the Active filter is still shown")
    use_filter(app_page, "All", step="show every task again")
    toggle_again(app_page, "Buy milk")  # made active again
    use_filter(app_page, "Active")
    wait_shown(app_page, "Buy milk", True, "a task made active again under the Active filter is not shown")


def test_filter_completed(app_page: Page) -> None:
    _two_tasks_one_done(app_page)
    use_filter(app_page, "Completed")
    wait_shown(app_page, "Buy milk", True, "a completed task under the Completed filter is not shown")
    wait_shown(app_page, "Walk the dog", False, "an active task under the Completed filter is still shown")


def test_filter_all(app_page: Page) -> None:
    _two_tasks_one_done(app_page)
    filter_control(app_page, "All")  # the behaviour: an All filter
    try:  # first narrow the list by another filter, whichever the app has (only All is judged here)
        use_filter(app_page, "Completed", step="narrow the list first")
    except AssertionError:
        use_filter(app_page, "Active", step="narrow the list first (no Completed or Active filter)")
    use_filter(app_page, "All")
    wait_shown(app_page, "Buy milk", True, "a completed task under the All filter is not shown")
    wait_shown(app_page, "Walk the dog", True, "an active task under the All filter is not shown")


def test_clear_completed(app_page: Page) -> None:
    _two_tasks_one_done(app_page)
    button = clear_completed_control(app_page)
    with saving(app_page):
        click(button, "the 'Clear completed' button")
        wait_shown(app_page, "Buy milk", False, "the completed task is not cleared")
        assert shown(app_page, "Walk the dog"), "the active task is cleared too"
    app_page.reload()
    exists(task_text(app_page, "Walk the dog"), timeout=5_000)  # the list is back (if the app keeps it)
    settle(app_page)
    assert not shown(app_page, "Buy milk"), "the cleared task is back after a reload"


def test_delete_task(app_page: Page) -> None:
    with saving(app_page):
        for title in ("Buy milk", "Walk the dog", "Write report"):
            add_task(app_page, title)
    control = delete_control(app_page, "Walk the dog")
    with saving(app_page):
        click(control, "the delete control of 'Walk the dog'")
        wait_shown(app_page, "Walk the dog", False, "the deleted task is still shown")
        assert shown(app_page, "Buy milk") and shown(app_page, "Write report"), "deleting one task removed others"
    app_page.reload()
    exists(task_text(app_page, "Buy milk"), timeout=5_000)  # the list is back (if the app keeps it)
    settle(app_page)
    assert not shown(app_page, "Walk the dog"), "the deleted task is back after a reload"


def test_items_survive_reload(app_page: Page, llm_app: RunningApp) -> None:
    _two_tasks_one_done(app_page)
    app_page.reload()
    tab = app_page.context.new_page()
    tab.goto(llm_app.url)
    for page, how in ((app_page, "after a reload"), (tab, "in a new tab")):
        wait_shown(page, "Buy milk", True, f"the task 'Buy milk' is not kept {how}", timeout_ms=5_000)
        wait_shown(page, "Walk the dog", True, f"the task 'Walk the dog' is not kept {how}", timeout_ms=5_000)
        assert wait_done(page, "Buy milk", True, timeout_ms=3_000), f"the completion of 'Buy milk' is not kept {how}"
        assert not is_done(page, "Walk the dog"), f"'Walk the dog' shows as completed {how}"
