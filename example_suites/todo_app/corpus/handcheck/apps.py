"""Per-app drivers: how a person uses each corpus app, with selectors read from its source."""

from __future__ import annotations

from typing import ClassVar


class Base:
    FIELD = "input[type=text]"
    ADD_BUTTON: str | None = None  # a CSS/text selector of the add button, None when there is none
    ENTER_ADDS_POSSIBLE = True
    ROW = "li"
    ROW_TEXT = None  # selector inside a row for its text (None: the row's own text)
    ROW_CHECKBOX = "input[type=checkbox]"
    FILTERS: ClassVar[dict[str, str]] = {}  # filter name -> selector
    CLEAR: str | None = None
    DELETE: str | None = None  # selector inside a row
    HOVER_BEFORE_DELETE = False
    ADD_BY = "enter"

    def __init__(self, page, url):
        self.page = page
        self.url = url

    def ready(self):
        self.field().wait_for(state="visible", timeout=10_000)

    def field(self):
        return self.page.locator(self.FIELD).first

    def type_and_enter(self, text):
        f = self.field()
        f.fill(text)
        f.press("Enter")

    def has_add_button(self):
        return bool(self.ADD_BUTTON) and self.page.locator(self.ADD_BUTTON).count() > 0

    def type_and_click(self, text):
        self.field().fill(text)
        self.page.locator(self.ADD_BUTTON).first.click()

    def add(self, text):
        if self.ADD_BY == "enter":
            self.type_and_enter(text)
        else:
            self.type_and_click(text)
        self.page.wait_for_timeout(150)
        assert text in self.titles(), f"could not add {text!r}: {self.titles()}"

    def rows(self):
        return self.page.locator(self.ROW)

    def row_text(self, row):
        el = row.locator(self.ROW_TEXT).first if self.ROW_TEXT else row
        return el.inner_text().strip()

    def titles(self):
        out = []
        rows = self.rows()
        for i in range(rows.count()):
            r = rows.nth(i)
            if r.is_visible():
                out.append(self.row_text(r))
        return out

    def visible_titles(self):
        return self.titles()

    def row(self, title):
        rows = self.rows()
        for i in range(rows.count()):
            r = rows.nth(i)
            if r.is_visible() and self.row_text(r) == title:
                return r
        raise AssertionError(f"no row {title!r} in {self.titles()}")

    def is_done(self, title):
        return self.row(title).locator(self.ROW_CHECKBOX).first.is_checked()

    def toggle(self, title):
        self.row(title).locator(self.ROW_CHECKBOX).first.click()

    def filter_names(self):
        return [n for n, s in self.FILTERS.items() if self.page.locator(s).count()]

    def filter(self, name):
        sel = self.FILTERS.get(name)
        if not sel or not self.page.locator(sel).count():
            return False
        self.page.locator(sel).first.click()
        return True

    def clear_completed(self):
        if not self.CLEAR or not self.page.locator(self.CLEAR).count():
            return False
        self.page.locator(self.CLEAR).first.click()
        return True

    def delete(self, title):
        if not self.DELETE:
            return False
        r = self.row(title)
        if self.HOVER_BEFORE_DELETE:
            r.hover()
        r.locator(self.DELETE).first.click()
        return True


class WdsTodo(Base):
    FIELD = "#item"
    ADD_BUTTON = "form.new-item-form button"
    ROW = "ul.list > li"
    ROW_TEXT = "label"
    DELETE = "button.btn-danger"

    def toggle(self, title):
        # the checkbox is 0x0 and pointer-events:none; a person clicks the label's drawn box
        self.row(title).locator("label").click(position={"x": 5, "y": 8})


DRIVERS = {
    "wds_todo": WdsTodo,
}


class ReduxTodos(Base):
    FIELD = "form input"
    ADD_BUTTON = "form button[type=submit]"
    ROW = "ul > li"
    FILTERS: ClassVar[dict[str, str]] = {n: f"button:text-is('{n}')" for n in ("All", "Active", "Completed")}

    def is_done(self, title):
        return "line-through" in self.row(title).evaluate("e => getComputedStyle(e).textDecorationLine")

    def toggle(self, title):
        self.row(title).click()  # the app toggles a todo when its text is clicked

    def filter(self, name):
        sel = self.FILTERS[name]
        b = self.page.locator(sel).first
        if b.is_disabled():  # the current filter's button is disabled: already showing
            return True
        b.click()
        return True


DRIVERS["redux_todos"] = ReduxTodos


class JotaiTodos(Base):
    FIELD = "input[name=inputTitle]"
    ROW = "div.item"
    ROW_TEXT = "span:not([role])"
    FILTERS: ClassVar[dict[str, str]] = {
        "All": "label.ant-radio-wrapper:has-text('All')",
        "Completed": "label.ant-radio-wrapper:has-text('Completed')",
        "Incomplete": "label.ant-radio-wrapper:has-text('Incomplete')",
        "Active": "label.ant-radio-wrapper:has-text('Active')",
    }
    DELETE = "span.anticon-close"


DRIVERS["jotai_todos"] = JotaiTodos


class ValtioTodo(Base):
    FIELD = "input[type=text]"
    ADD_BUTTON = "button:text-is('Add Todo')"
    ADD_BY = "button"
    ROW = "div:has(> input[type=checkbox])"
    ROW_TEXT = "h2 >> nth=0"
    FILTERS: ClassVar[dict[str, str]] = {
        "All": "button:text-is('all')",
        "Completed": "button:text-is('completed')",
        "Active": "button:text-is('active')",
    }
    DELETE = "h2:text-is('X')"

    def is_done(self, title):
        r = self.row(title)
        box = r.locator("input").is_checked()
        struck = "line-through" in r.evaluate("e => getComputedStyle(e).textDecorationLine")
        return box if box == struck else f"checkbox={box} struck={struck}"


DRIVERS["valtio_todo"] = ValtioTodo


class TodoMvc(Base):
    FIELD = "input.new-todo"
    ROW = "ul.todo-list > li"
    ROW_TEXT = "label"
    ROW_CHECKBOX = "input.toggle"
    FILTERS: ClassVar[dict[str, str]] = {
        n: f"ul.filters a:text-is('{n}')" for n in ("All", "Active", "Completed")
    }
    CLEAR = "button.clear-completed"
    DELETE = "button.destroy"
    HOVER_BEFORE_DELETE = True  # the × shows on hover only

    def clear_completed(self):
        b = self.page.locator(self.CLEAR)
        if not b.count() or not b.first.is_visible():
            return False
        b.first.click()
        return True


DRIVERS["todomvc_svelte"] = TodoMvc


class TodoMvcLit(TodoMvc):
    # Playwright's CSS engine pierces the open shadow roots of the custom elements
    ROW = "todo-item li"


DRIVERS["todomvc_lit"] = TodoMvcLit


class VanjsTodo(Base):
    FIELD = "input[type=text]"
    ADD_BUTTON = "button:text-is('Add')"
    ADD_BY = "button"
    ROW = "div:has(> input[type=checkbox])"
    ROW_TEXT = ":scope > span, :scope > del"
    DELETE = "a:text-is('❌')"

    def is_done(self, title):
        r = self.row(title)
        box = r.locator("input").is_checked()
        struck = r.locator(":scope > del").count() > 0
        return box if box == struck else f"checkbox={box} struck={struck}"


DRIVERS["vanjs_todo"] = VanjsTodo


class VueTutorialTodo(Base):
    FIELD = "input[placeholder='new todo']"
    ADD_BUTTON = "form button"
    ROW = "ul > li"
    ROW_TEXT = "span"
    DELETE = "button:text-is('X')"
    # its only list control: one button toggling "Hide completed" / "Show all"
    FILTERS: ClassVar[dict[str, str]] = {
        "Hide completed": "button:text-is('Hide completed')",
        "Show all": "button:text-is('Show all')",
    }


DRIVERS["vue_tutorial_todo"] = VueTutorialTodo


class PreactSignalsTodo(Base):
    FIELD = "input.todo-input"
    ROW = "div.todo-item"
    ROW_TEXT = "span.todo-text"
    DELETE = "button.todo-delete-btn"
    CLEAR = "button.todo-clear-btn"
    FILTERS: ClassVar[dict[str, str]] = {
        n: f"button.todo-filter-btn:text-is('{n.lower()}')" for n in ("All", "Active", "Completed")
    }


DRIVERS["preact_signals_todo"] = PreactSignalsTodo

DRIVERS["todomvc_vue"] = TodoMvc
