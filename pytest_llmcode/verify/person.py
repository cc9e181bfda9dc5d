"""Helpers that act and fail the way a person testing an app would.

- A test fails only for the behaviour it is named for. When a step *before* that behaviour cannot be
  done (the app offers no way at all to add a task), raise ``SetupError`` (in
  :mod:`pytest_llmcode.verify.setup`): its message starts with ``[set-up]`` and says what was
  missing, and the report and ``llmcode compare`` keep such failures apart from failures of the
  behaviour itself.
- Messages are plain words first (``no 'Active' filter control (looked for a button, link, tab or
  radio named Active)``); Playwright's own text goes below (:func:`plainly`).
- Waits follow events and state, never fixed sleeps: :func:`settle` (the page handled what was just
  done), :func:`settle_motion` (and its transitions ended), :func:`saving` (a save to the browser's
  storage landed), :func:`find` (something appears, within a deadline a loaded machine meets).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

from playwright.sync_api import Error, Locator, Page

# how long "is it there yet" may take: long enough for a loaded 2-core machine, and only spent
# when the thing never comes (every wait returns as soon as it is there)
PATIENCE_MS = int(float(os.environ.get("LLMCODE_PATIENCE", "1")) * 10_000)
# how long a page may take to load (the browser context's navigation timeout, for a check's reloads
# too): a heavy WebGL app (its shaders compiled in software) took more than 10 s on a loaded 2-core
# machine; a person waits
OPEN_TIMEOUT_MS = 6 * PATIENCE_MS
SAVE_DEADLINE_MS = 3_000  # a save debounced by up to a second, on a loaded machine
QUIET_MS = 250  # no further write for this long: the save is done


def plainly(message: str, error: BaseException | None = None) -> AssertionError:
    """An assertion error that says ``message``, with Playwright's own text (if any) below it."""
    if error is None:
        return AssertionError(message)
    lines = [line for line in str(error).strip().splitlines() if line.strip()][:4]
    return AssertionError(message + ("\n  Playwright: " + "\n  ".join(lines) if lines else ""))


# one frame, another, then a task: whatever the last event scheduled (a render, a state update) has run
_SETTLE = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 20))))"


def settle(page: Page) -> None:
    """Wait until the page has handled what was just done to it (its handlers ran, it re-rendered)."""
    with contextlib.suppress(Error):  # a page that navigated away has settled too
        page.evaluate(_SETTLE)


# the page's CSS transitions and animations still running that end (a spinner's never do)
_MOVING = """() => document.getAnimations().filter((a) => a.playState === 'running'
  && !(a.effect && a.effect.getComputedTiming().iterations === Infinity)).length === 0"""
MOTION_DEADLINE_MS = 5_000  # a 0.3 s slide, at a loaded machine's few frames a second


def settle_motion(page: Page) -> None:
    """Wait until what the page set moving has come to rest (a panel sliding away still covers what
    is under it), or a deadline: a person waits for it before clicking what was under it."""
    settle(page)
    with contextlib.suppress(Error):
        page.wait_for_function(_MOVING, timeout=MOTION_DEADLINE_MS, polling=50)


def find(target: Locator, missing: str, *, timeout: float | None = None, visible: bool = True) -> Locator:
    """``target`` once it is there (visible, or only attached); otherwise fail with ``missing``."""
    try:
        target.first.wait_for(state="visible" if visible else "attached",
                              timeout=PATIENCE_MS if timeout is None else timeout)
    except Error as exc:
        raise plainly(missing, exc) from None
    return target.first


def exists(target: Locator, *, timeout: float = 0) -> bool:
    """Whether ``target`` is (or, within ``timeout`` ms, becomes) visible."""
    if timeout <= 0:
        return bool(target.count()) and target.first.is_visible()
    try:
        target.first.wait_for(state="visible", timeout=timeout)
    except Error:
        return False
    return True


_REACHABLE = """(el) => {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  if (box.width < 4 || box.height < 4 || style.visibility === 'hidden' || Number(style.opacity) < 0.05) return false;
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return true;  // off screen: the click scrolls to it
  const hit = document.elementFromPoint(x, y);
  return !!hit && (hit === el || el.contains(hit) || (hit.closest('label') && hit.closest('label').control === el));
}"""
# the label of a control, or the part of it a person sees (the styled box beside a hidden checkbox)
_VISIBLE_PART_OF_LABEL = """(el) => {
  const label = (el.labels && el.labels[0]) || el.closest('label');
  if (!label) return null;
  const seen = [...label.querySelectorAll('*')].filter((part) => {
    const box = part.getBoundingClientRect();
    return part !== el && box.width > 4 && box.height > 4;
  });
  return seen[0] || label;
}"""


def click(target: Locator, what: str) -> None:
    """Click as a person would: the control itself, or, when it is visually hidden behind a styled
    replacement (an "sr-only" checkbox), the part of its label that shows. ``what`` names it in a
    failure ("the checkbox of 'Buy milk'")."""
    control = find(target, f"{what} is not on the page", visible=False)
    try:
        handle = control.element_handle(timeout=PATIENCE_MS)
        if not handle.evaluate(_REACHABLE):
            shown = handle.evaluate_handle(_VISIBLE_PART_OF_LABEL).as_element()
            if shown is not None:
                shown.click(timeout=PATIENCE_MS)
                return
        control.click(timeout=PATIENCE_MS)
    except Error as exc:
        raise plainly(f"{what} could not be clicked", exc) from None


STORAGE_SCRIPT = """
(() => {
  if (window.__llmcode_storage) return;
  const state = { writes: 0, last: 0 };
  window.__llmcode_storage = state;
  const bump = () => { state.writes += 1; state.last = performance.now(); };
  for (const name of ['setItem', 'removeItem', 'clear']) {
    const original = Storage.prototype[name];
    Storage.prototype[name] = function (...args) { bump(); return original.apply(this, args); };
  }
  if (window.IDBObjectStore) {
    for (const name of ['put', 'add', 'delete', 'clear']) {
      const original = IDBObjectStore.prototype[name];
      IDBObjectStore.prototype[name] = function (...args) { bump(); return original.apply(this, args); };
    }
  }
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.set) {
    Object.defineProperty(Document.prototype, 'cookie', {
      get() { return cookie.get.call(this); },
      set(value) { bump(); cookie.set.call(this, value); },
      configurable: true,
    });
  }
})();
"""
_WRITES = "() => (window.__llmcode_storage || {writes: 0}).writes"
_SAVED = """([since, quiet]) => {
  const s = window.__llmcode_storage;
  return !!s && s.writes > since && performance.now() - s.last >= quiet;
}"""


def storage_writes(page: Page) -> int:
    """How many writes to the browser's storage (localStorage, sessionStorage, IndexedDB, cookies)
    the page has made (counted by :data:`STORAGE_SCRIPT`, which every ``app_page`` has)."""
    try:
        return int(page.evaluate(_WRITES))
    except Error:
        return 0


@contextlib.contextmanager
def saving(page: Page) -> Iterator[None]:
    """Around actions whose result the app should save: on leaving, wait until a write to the
    browser's storage happened after them and the writes went quiet, or until a deadline (an app
    that saves nothing is then judged by what a reload shows)."""
    since = storage_writes(page)
    yield
    settle(page)
    with contextlib.suppress(Error):
        page.wait_for_function(_SAVED, arg=[since, QUIET_MS], timeout=SAVE_DEADLINE_MS, polling=50)


def text_of(target: Any) -> str:
    try:
        return " ".join(str(target.inner_text(timeout=1_000)).split())
    except Error:
        return ""
