"""The solar checks' drag and zoom are made on the scene, not on an HTML label that happens to lie
over the usual place (labels move with their planets): a press on a label selects text instead of
turning the view, a wheel over it never reaches the scene's controls, and the app would be blamed."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from playwright.sync_api import Browser

from tests.support.apps import EXAMPLES
from tests.support.report_browser import chromium

browser = chromium  # a fixture: one Chromium for this module

PAGE = """<!doctype html><html><body style="margin:0">
<canvas id="scene" width="1280" height="800" style="position:fixed;inset:0;width:100%;height:100%"></canvas>
<div id="label" style="position:fixed;left:{left}px;top:{top}px;width:120px;height:80px;background:#88f">Mars</div>
<script>
  window.pressed = [];
  window.wheeled = [];
  addEventListener('pointerdown', (event) => window.pressed.push(event.target.id), true);
  addEventListener('wheel', (event) => window.wheeled.push(event.target.id), true);
</script></body></html>"""


def _solar_checks() -> ModuleType:
    """The challenge's test module, as its folder imports it (beside its helpers)."""
    folder = EXAMPLES / "solar_system"
    sys.path.insert(0, str(folder))
    try:
        spec = importlib.util.spec_from_file_location("solar_checks_under_test", folder / "test_solar.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(folder))


def test_a_drag_starts_where_no_label_covers_the_scene(browser: Browser) -> None:
    checks = _solar_checks()
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    box = {"x": 0.0, "y": 0.0, "width": 1280.0, "height": 800.0}
    # a label over the usual start (a fifth in from the left, four fifths down): the press goes beside it
    page.set_content(PAGE.format(left=1280 * 0.2 - 60, top=800 * 0.8 - 40))
    checks._drag(page, box)
    assert page.evaluate("window.pressed") == ["scene"]
    # nothing over it: the usual start
    page.set_content(PAGE.format(left=900, top=40))
    page.evaluate("window.pressed = []")
    checks._drag(page, box)
    assert page.evaluate("window.pressed") == ["scene"]
    page.close()


def test_a_zoom_is_made_where_no_label_covers_the_scene(browser: Browser) -> None:
    checks = _solar_checks()
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    box = {"x": 0.0, "y": 0.0, "width": 1280.0, "height": 800.0}
    # a planet's label over the middle (dilums_r3f_dialog, under load: "did not zoom", changed by 0)
    page.set_content(PAGE.format(left=640 - 60, top=400 - 40))
    checks._zoom(page, box)
    assert set(page.evaluate("window.wheeled")) == {"scene"}
    page.set_content(PAGE.format(left=900, top=40))  # nothing over it: the middle
    page.evaluate("window.wheeled = []")
    checks._zoom(page, box)
    assert set(page.evaluate("window.wheeled")) == {"scene"}
    page.close()
