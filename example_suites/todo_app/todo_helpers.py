"""Find and use a to-do app's parts the way a person would: by role, label, placeholder and visible
text, through whatever way the app offers (Enter or an Add button, a checkbox or a ✓ button or a
click on the text), and say in plain words what could not be found.

A step before the behaviour a test is named for that cannot be done raises ``SetupError``
(``[set-up] could not add a task: ...``); the behaviour itself fails with an ``AssertionError``.
"""

from __future__ import annotations

import re
import time
import weakref
from typing import Any

from playwright.sync_api import Error, Locator, Page

from pytest_llmcode.verify import PATIENCE_MS, SetupError, click, exists, plainly, settle

ADD_NAME = re.compile(r"^\W*add\b|^\s*[+➕]\s*$", re.I)
DELETE_NAME = re.compile(r"delete|remove|trash|discard|^\W*[x×✕✖❌🗑]+\W*$", re.I)
TOGGLE_NAME = re.compile(r"complete|done|finish|check|toggle|mark|^\W*[✓✔☐☑○●◯]+\W*$", re.I)
INPUT_HINT = re.compile(r"add|new|todo|to-do|task|what", re.I)
ENTER_GRACE_MS = 2_000  # after settling, how long an Enter may take to show its task before the button is tried
# what a test learnt of its app, per browser context (a new tab shares it)
_ENTER_WORKS: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()  # Enter adds a task
_TOGGLES: weakref.WeakKeyDictionary[Any, dict[str, int]] = weakref.WeakKeyDictionary()  # task -> way that did
_TITLES: weakref.WeakKeyDictionary[Any, list[str]] = weakref.WeakKeyDictionary()  # the tasks the test added


def _title(title: str) -> re.Pattern[str]:
    # the task's text, maybe with a mark beside it ("✓ Buy milk", "• Buy milk")
    return re.compile(rf"^\W*{re.escape(title)}\W*$")


def task_text(page: Page, title: str) -> Locator:
    return page.get_by_text(_title(title))


def shown(page: Page, title: str) -> bool:
    """Whether the task's text shows on the page now."""
    found = task_text(page, title)
    return any(found.nth(i).is_visible() for i in range(min(found.count(), 5)))


def wait_shown(page: Page, title: str, wanted: bool, message: str, timeout_ms: int = PATIENCE_MS) -> None:
    """Wait until the task shows (or is gone); fail with ``message`` when it does not come to be."""
    deadline = time.monotonic() + timeout_ms / 1000
    while shown(page, title) != wanted:
        if time.monotonic() > deadline:
            raise AssertionError(message)
        page.wait_for_timeout(50)


def new_task_input(page: Page, step: str = "add a task") -> Locator:
    """The text field for a new task: the one named or hinted as such, else the only one."""
    boxes = page.get_by_role("textbox")
    if not exists(boxes, timeout=PATIENCE_MS):
        raise SetupError(step, "no text field for a new task on the page")
    for hinted in (page.get_by_role("textbox", name=INPUT_HINT), page.get_by_placeholder(INPUT_HINT)):
        if exists(hinted):
            return hinted.first
    return boxes.first


def add_button(page: Page, field: Locator | None = None) -> Locator | None:
    """The button that adds the typed task: named Add (or +), else the only button of the field's
    form, else the only button in the field's row, whatever its icon. None if there is none."""
    named = page.get_by_role("button", name=ADD_NAME)
    if exists(named):
        return named.first
    field = field if field is not None else new_task_input(page)
    for level in range(1, 5):
        container = field.locator(f"xpath=ancestor::*[{level}]")
        buttons = container.get_by_role("button")
        visible = [buttons.nth(i) for i in range(min(buttons.count(), 10)) if buttons.nth(i).is_visible()]
        if len(visible) == 1:
            return visible[0]
        if len(visible) > 1 or container.evaluate("el => el.tagName === 'FORM' || el === document.body"):
            return None  # several buttons: none of them is the one beside the field
    return None


def add_task(page: Page, title: str) -> None:
    """Add a task as a person would: type it and press Enter, and if that adds nothing, use the
    button beside the field. Raises ``SetupError`` when the app offers no way that works."""
    field = new_task_input(page)
    key = page.context
    _TITLES.setdefault(key, []).append(title)
    tried_enter = _ENTER_WORKS.get(key, True)
    if tried_enter:
        field.fill(title)
        field.press("Enter")
        settle(page)
        learnt = key in _ENTER_WORKS
        if exists(task_text(page, title), timeout=PATIENCE_MS if learnt else ENTER_GRACE_MS):
            _ENTER_WORKS[key] = True
            return
        if learnt:
            raise SetupError("add a task", f"pressing Enter added '{title}' before, but not this time")
    button = add_button(page, field)
    # Enter's task may just be slow (a loaded machine): with no button to try instead, or once the app
    # has taken the typed text from the field, a person waits for it rather than adding it twice
    if (tried_enter and (button is None or _taken(field, title))
            and exists(task_text(page, title), timeout=PATIENCE_MS - ENTER_GRACE_MS)):
        _ENTER_WORKS[key] = True
        return
    if button is None:
        raise SetupError("add a task", "Enter added nothing and no button beside the field adds one (looked for a "
                                       "button named Add or +, or the only button of the field's form or row)")
    field.fill(title)
    click(button, "the Add button")
    if not exists(task_text(page, title), timeout=PATIENCE_MS):
        raise SetupError("add a task", f"neither Enter nor the button beside the field added '{title}'")
    _ENTER_WORKS[key] = False


def _taken(field: Locator, title: str) -> bool:
    """Whether the app took the typed text from the field (cleared it, or the field is gone)."""
    try:
        return field.input_value(timeout=1_000) != title
    except Error:
        return True


# The page as a person sees it, through shadow roots too (web components): the row of a task is the
# element that holds its text and its controls. With other tasks on the page it is the child of the
# list that holds them all (a semantic row, li, tr, listitem, row, inside it is preferred). The row
# found is marked so that locators (which pierce shadow roots) can address it.
_LIB = r"""
  const all = (root = document) => {
    const found = [];
    const walk = (node) => {
      for (const el of node.querySelectorAll('*')) {
        found.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    return found;
  };
  const up = (el) => el.parentElement || (el.getRootNode() && el.getRootNode().host) || null;
  const within = (outer, el) => { for (let e = el; e; e = up(e)) if (e === outer) return true; return false; };
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const visible = (el) => {
    const b = el.getBoundingClientRect();
    return b.width > 0 && b.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const kids = (el) => [...el.children, ...(el.shadowRoot ? el.shadowRoot.children : [])];
  const textOf = (t) => {
    const pattern = new RegExp('^\\W*' + esc(t) + '\\W*$');
    const hits = all().filter((el) => !/^(SCRIPT|STYLE|TEMPLATE)$/.test(el.tagName) && visible(el)
      && pattern.test(norm(el.innerText)));
    return hits.find((el) => !kids(el).some((c) => pattern.test(norm(c.innerText)))) || null;
  };
"""
_MARK_ROW = "([title, others, mark]) => {" + _LIB + r"""
  for (const el of all()) {
    if (el.dataset && el.dataset.llmcodeRow === mark) delete el.dataset.llmcodeRow;
    if (el.dataset && el.dataset.llmcodeTitle === mark) delete el.dataset.llmcodeTitle;
  }
  const own = textOf(title);
  if (!own) return false;
  const semantic = (el, stop) => {
    for (let e = el; e && e !== stop; e = up(e)) {
      if (/^(LI|TR)$/.test(e.tagName) || /^(listitem|row|option)$/.test(e.getAttribute('role') || '')) return e;
    }
    return null;
  };
  let row = null;
  let deepest = null;
  for (const other of others) {
    const el = textOf(other);
    if (!el || el === own) continue;
    let common = up(own);
    while (common && !within(common, el)) common = up(common);
    if (common && (!deepest || within(deepest, common))) deepest = common;
  }
  if (deepest) {
    row = kids(deepest).find((child) => within(child, own)) || own;
    row = semantic(own, up(row)) || row;
  } else {
    row = semantic(own, document.body);
    if (!row) {
      row = own;
      const controls = 'input, button, [role=checkbox], [role=button]';
      while (up(row) && up(row) !== document.body && !all(row).some((e) => e.matches(controls))) row = up(row);
    }
  }
  row.dataset.llmcodeRow = mark;
  own.dataset.llmcodeTitle = mark;
  return true;
}"""

# how a task's row shows that it is complete: a checked box, a pressed control, struck-through text,
# or a class that says so
_DONE = "(row) => {" + _LIB + r"""
  const inside = [row, ...all(row)];
  const title = inside.find((e) => e.dataset && e.dataset.llmcodeTitle) || row;
  const box = inside.find((e) => e.matches('input[type=checkbox], [role=checkbox], [role=switch]'));
  const checked = !!box && (box.checked === true || box.getAttribute('aria-checked') === 'true');
  const pressed = inside.some((e) => e.getAttribute('aria-pressed') === 'true')
    || row.getAttribute('aria-checked') === 'true';
  let struck = false;
  for (let e = title; e; e = up(e)) {
    const line = getComputedStyle(e).textDecorationLine.includes('line-through');
    if (line || e.tagName === 'S' || e.tagName === 'DEL') struck = true;
    if (e === row) break;
  }
  const word = /^(is-|todo-{0,2}|item-{0,2}|task-{0,2})?(completed?|done|checked|finished)$/i;
  const classes = [...row.classList, ...(title === row ? [] : title.classList)];
  return checked || pressed || struck || classes.some((c) => word.test(c));
}"""

# the task's delete control: a control (a button, a link, an icon, even a heading showing an X)
# in its row, named or showing delete, remove, trash, close or an X; marked for a locator
_MARK_DELETE = "([mark]) => {" + _LIB + r"""
  const row = all().find((e) => e.dataset && e.dataset.llmcodeRow === mark);
  if (!row) return null;
  const title = all(row).find((e) => e.dataset && e.dataset.llmcodeTitle === mark);
  const generated = (e) => {  // an icon drawn by CSS (content: '×')
    const content = getComputedStyle(e, '::after').content;
    return content && content !== 'none' && content !== 'normal' ? content.replace(/^"|"$/g, '') : '';
  };
  const named = /\b(delete|remove|trash|discard|destroy|close)\b|^\W*(x|×|✕|✖|❌|🗑|🗑️)\W*$/i;
  const nameOf = (e) => norm([e.getAttribute('aria-label'), e.getAttribute('title'), e.innerText,
    e.tagName === 'BUTTON' ? generated(e) : ''].join(' '));
  const candidates = all(row).filter((e) => visible(e) && !(title && (within(e, title) || within(title, e)))
    && named.test(nameOf(e)) && !all(e).some((c) => visible(c) && named.test(nameOf(c)) && c !== e
                                                   && /^(BUTTON|A)$/.test(c.tagName)));
  const rank = (e) => /^(BUTTON|A)$/.test(e.tagName) || /^(button|link)$/.test(e.getAttribute('role') || '') ? 0 : 1;
  candidates.sort((a, b) => rank(a) - rank(b));
  for (const el of all()) if (el.dataset && el.dataset.llmcodeDelete === mark) delete el.dataset.llmcodeDelete;
  if (!candidates.length) return null;
  candidates[0].dataset.llmcodeDelete = mark;
  return nameOf(candidates[0]) || candidates[0].tagName;
}"""

_ROWS = "(titles) => {" + _LIB + r"""
  const marks = titles.map((t) => all().find((e) => e.dataset && e.dataset.llmcodeRow === t));
  if (marks.some((m) => !m)) return -1;
  let list = up(marks[0]);
  while (list && !marks.every((m) => within(list, m))) list = up(list);
  return list ? kids(list).filter(visible).length : -1;
}"""


def task_row(page: Page, title: str) -> Locator:
    """The row of the task (its text and its controls); fails plainly when the task is not shown."""
    others = [t for t in _TITLES.get(page.context, []) if t != title]
    if not page.evaluate(_MARK_ROW, [title, others, title]):
        wait_shown(page, title, True, f"the task '{title}' is not shown")
        if not page.evaluate(_MARK_ROW, [title, others, title]):
            raise AssertionError(f"the task '{title}' is not shown")
    return page.locator(f'[data-llmcode-row="{_css(title)}"]')


def _css(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def is_done(page: Page, title: str) -> bool:
    return bool(task_row(page, title).evaluate(_DONE))


def wait_done(page: Page, title: str, wanted: bool, timeout_ms: int = PATIENCE_MS) -> bool:
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        try:
            if is_done(page, title) == wanted:
                return True
        except (AssertionError, Error):
            pass
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(50)


def accessible_name(control: Locator) -> str:
    """A control's name as a screen reader gives it (its label, text, icon text, CSS content)."""
    try:
        snapshot = control.aria_snapshot(timeout=2_000)
    except Error:
        snapshot = ""
    found = re.match(r'\s*- \w+ "((?:[^"\\]|\\.)*)"', snapshot)
    named = found.group(1) if found else ""
    return " ".join((named or control.get_attribute("title") or control.text_content() or "").split())


def _toggles(page: Page, title: str) -> list[tuple[str, Locator]]:
    """The ways to mark the task complete, in the order a person would try them (the same order
    every time: a way is remembered by its place in it, since a toggle's label may change)."""
    row = task_row(page, title)
    ways: list[tuple[str, Locator]] = []
    boxes = row.get_by_role("checkbox").or_(row.get_by_role("switch"))
    if boxes.count():
        ways.append(("its checkbox", boxes.first))
    buttons = row.get_by_role("button")
    unlabelled: list[tuple[str, Locator]] = []
    for index in range(min(buttons.count(), 6)):
        button = buttons.nth(index)
        name = accessible_name(button)
        if DELETE_NAME.search(name) or re.search(r"edit|rename", name, re.I) \
                or re.search(r"trash|delete|remove|\bbin\b|close|xmark|times", button.inner_html(), re.I):
            continue
        if TOGGLE_NAME.search(name) or button.get_attribute("aria-pressed") is not None:
            ways.append((f"its {name or 'toggle'} button", button))
        elif not name:
            unlabelled.append(("its unlabelled button", button))
    text = row if row.get_attribute("data-llmcode-title") is not None else row.locator("[data-llmcode-title]")
    ways.append(("a click on its text", text))
    return ways + unlabelled[:1]


def complete(page: Page, title: str, step: str | None = "mark a task complete") -> None:
    """Mark the task complete by whatever its row offers (a checkbox, a ✓ or toggle button, a click
    on its text), remembering the way that worked. ``step``: the failure is a ``SetupError`` of that
    step; None: a failure of the behaviour itself."""
    if is_done(page, title):
        return
    tried = []
    for name, way in _toggles(page, title):
        tried.append(name)
        click(way, f"{name} of the task '{title}'")
        if wait_done(page, title, True, timeout_ms=ENTER_GRACE_MS):
            _TOGGLES.setdefault(page.context, {})[title] = len(tried) - 1
            return
        if not shown(page, title):
            break  # that way removed the task: nothing more to try on it
    missing = f"nothing in the row of '{title}' marks it complete (tried {', '.join(tried)})"
    if step is None:
        raise AssertionError(f"no way to mark a task complete: {missing}")
    raise SetupError(step, missing)


def toggle_again(page: Page, title: str) -> None:
    """Use the way that completed the task once more (to make it active again)."""
    ways = _toggles(page, title)
    place = _TOGGLES.get(page.context, {}).get(title, 0)
    if place >= len(ways):
        raise SetupError("make a task active again", f"the control that completed '{title}' is gone")
    name, way = ways[place]
    click(way, f"{name} of the task '{title}'")


def clear_completed_control(page: Page) -> Locator:
    """The control that removes every completed task."""
    pattern = re.compile(r"^\W*clear\b.*(completed?|done|finished)", re.I)
    found = page.get_by_role("button", name=pattern).or_(page.get_by_role("link", name=pattern))
    if not exists(found, timeout=1_000):
        raise AssertionError("no 'Clear completed' control (looked for a button or link named Clear completed)")
    return found.first


def _labelled(control: Locator) -> bool:
    """A control hidden behind a label a person sees (a styled radio button): it is there."""
    if not control.count():
        return False
    shown: bool = control.first.evaluate(
        "(el) => !!el.labels && [...el.labels].some((l) => { const b = l.getBoundingClientRect(); "
        "return b.width > 0 && b.height > 0; })")
    return shown


def filter_control(page: Page, name: str, step: str | None = None) -> Locator:
    """A button, link, tab or radio named ``name`` (a count such as 'Active (2)' may follow).
    ``step``: its absence is a ``SetupError`` of that step; None: a failure of the behaviour."""
    pattern = re.compile(rf"^\W*{re.escape(name)}\b", re.I)
    candidates = [page.get_by_role(role, name=pattern) for role in ("button", "link", "tab", "radio")]
    found = candidates[0]
    for candidate in candidates[1:]:
        found = found.or_(candidate)
    if not exists(found, timeout=1_000) and not _labelled(found):
        missing = f"no '{name}' filter control (looked for a button, link, tab or radio named {name})"
        if step is None:
            raise AssertionError(missing)
        raise SetupError(step, missing)
    return found.first


def use_filter(page: Page, name: str, step: str | None = None) -> None:
    control = filter_control(page, name, step)
    if control.is_enabled():  # a disabled filter is the one already chosen
        click(control, f"the '{name}' filter")
    settle(page)


def delete_control(page: Page, title: str) -> Locator:
    """The task's delete control in its row (shown on hover by some apps), whatever it is made of."""
    row = task_row(page, title)
    for attempt in range(2):
        if page.evaluate(_MARK_DELETE, [title]) is not None:
            return page.locator(f'[data-llmcode-delete="{_css(title)}"]').first
        if attempt == 0:
            row.hover()  # some apps show the button on hover only
            settle(page)
    raise AssertionError(f"no delete control for the task '{title}' (looked for a button, link or icon named Delete, "
                         "Remove, Trash or Close, or showing × or 🗑, in its row, also on hover)")


def rows_of_list(page: Page, titles: list[str]) -> int:
    """How many rows the list of tasks shows: the children of the element that holds the rows of
    ``titles``, counted by what shows (not by any widget type)."""
    for title in titles:
        task_row(page, title)
    count: int = page.evaluate(_ROWS, titles)
    return count


def network_quiet(page: Page) -> None:
    """Let late requests (fonts, icons, lazy chunks) finish or fail before judging the log."""
    try:
        page.wait_for_load_state("networkidle", timeout=PATIENCE_MS)
    except Error as exc:
        raise plainly("the page kept loading for too long", exc) from None
