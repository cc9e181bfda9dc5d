"""Hand-check harness: drive one corpus app with ITS OWN controls (selectors read from its
source), scenario by scenario, each in a fresh browser context, and print what happened.

usage (from this folder, with the app served by `npm run preview`):
    /work/main/.venv/bin/python hand.py APP URL [scenario ...]
The per-app driver (a class in apps.py) knows how a person uses that app: which field,
which key or button adds, what marks a task done, where filters and delete are.
"""

from __future__ import annotations

import json
import sys
import time

import apps
from playwright.sync_api import sync_playwright

SHOTS = "/tmp/corpus-hand/shots"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def watch(page, log):
    def on_console(msg):
        if msg.type == "error":
            log["console_errors"].append(f"{msg.text} @ {msg.location.get('url')}")

    def on_pageerror(err):
        log["console_errors"].append(f"pageerror: {err}")

    def on_response(resp):
        req = resp.request
        url = resp.url
        ctype = resp.headers.get("content-type", "")
        bad = resp.status >= 400 or (
            req.resource_type in ("script", "stylesheet", "image", "font") and "text/html" in ctype
        )
        if bad:
            log["bad_resources"].append(f"{resp.status} {req.resource_type} {url} ({ctype})")

    def on_failed(req):
        log["bad_resources"].append(f"FAILED {req.resource_type} {req.url} {req.failure}")

    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    page.on("response", on_response)
    page.on("requestfailed", on_failed)


def run(app_name: str, url: str, scenarios: list[str]) -> dict:
    Driver = apps.DRIVERS[app_name]
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for sc in scenarios:
            ctx = browser.new_context(viewport={"width": 1000, "height": 800})
            ctx.set_default_timeout(5000)
            page = ctx.new_page()
            log = {"console_errors": [], "bad_resources": []}
            watch(page, log)
            page.goto(url)
            page.wait_for_load_state("networkidle")
            d = Driver(page, url)
            d.ready()
            out = {}
            try:
                getattr(Scenarios, sc)(d, out)
            except Exception as e:
                out["error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"
            out["log"] = log
            page.screenshot(path=f"{SHOTS}/{app_name}-{sc}.png", full_page=True)
            results[sc] = out
            ctx.close()
        browser.close()
    return results


class Scenarios:
    @staticmethod
    def load(d, out):
        d.page.wait_for_timeout(1000)
        out["tasks_at_start"] = d.titles()

    @staticmethod
    def enter(d, out):
        if not d.ENTER_ADDS_POSSIBLE:
            pass
        d.type_and_enter("Buy milk")
        d.page.wait_for_timeout(300)
        out["after_first"] = d.titles()
        d.type_and_enter("Walk the dog")
        d.page.wait_for_timeout(300)
        out["after_second"] = d.titles()

    @staticmethod
    def button(d, out):
        out["has_button"] = d.has_add_button()
        if out["has_button"]:
            d.type_and_click("Walk the dog")
            d.page.wait_for_timeout(300)
            out["after"] = d.titles()

    @staticmethod
    def empty(d, out):
        d.add("Buy milk")
        before = d.titles()
        out["before"] = before
        d.type_and_enter("")
        d.type_and_enter("   ")
        d.page.wait_for_timeout(200)
        out["after_enter"] = d.titles()
        if d.has_add_button():
            d.type_and_click("")
            d.page.wait_for_timeout(200)
            out["after_button_empty"] = d.titles()
            d.type_and_click("  ")
            d.page.wait_for_timeout(200)
            out["after_button_blank"] = d.titles()

    @staticmethod
    def complete(d, out):
        d.add("Buy milk")
        d.add("Walk the dog")
        d.toggle("Buy milk")
        d.page.wait_for_timeout(200)
        out["after_toggle"] = {t: d.is_done(t) for t in ("Buy milk", "Walk the dog")}
        d.toggle("Buy milk")
        d.page.wait_for_timeout(200)
        out["after_untoggle"] = {t: d.is_done(t) for t in ("Buy milk", "Walk the dog")}

    @staticmethod
    def filters(d, out):
        d.add("Buy milk")
        d.add("Walk the dog")
        d.toggle("Buy milk")
        out["filter_controls"] = d.filter_names()
        for name in ("Active", "Completed", "All"):
            if d.filter(name):
                d.page.wait_for_timeout(300)
                out[f"shown_{name}"] = d.visible_titles()
            else:
                out[f"shown_{name}"] = "NO SUCH FILTER"
        if d.filter("Active") and d.filter("All"):
            d.page.wait_for_timeout(200)
            d.toggle("Buy milk")
            d.filter("Active")
            d.page.wait_for_timeout(300)
            out["active_after_reactivating"] = d.visible_titles()
            d.filter("All")

    @staticmethod
    def clear(d, out):
        d.add("Buy milk")
        d.add("Walk the dog")
        d.toggle("Buy milk")
        out["has_clear"] = d.clear_completed()
        if out["has_clear"]:
            d.page.wait_for_timeout(300)
            out["after_clear"] = d.titles()
            d.page.wait_for_timeout(1500)
            d.page.reload()
            d.page.wait_for_load_state("networkidle")
            d.ready()
            out["after_reload"] = d.titles()

    @staticmethod
    def delete(d, out):
        for t in ("Buy milk", "Walk the dog", "Write report"):
            d.add(t)
        out["has_delete"] = d.delete("Walk the dog")
        d.page.wait_for_timeout(400)
        out["after_delete"] = d.titles()
        d.page.wait_for_timeout(1500)
        d.page.reload()
        d.page.wait_for_load_state("networkidle")
        d.ready()
        out["after_reload"] = d.titles()

    @staticmethod
    def reload(d, out):
        d.add("Buy milk")
        d.add("Walk the dog")
        d.toggle("Buy milk")
        out["before"] = {t: d.is_done(t) for t in d.titles()}
        d.page.wait_for_timeout(1500)
        d.page.reload()
        d.page.wait_for_load_state("networkidle")
        d.ready()
        out["after_reload"] = {t: d.is_done(t) for t in d.titles()}
        tab = d.page.context.new_page()
        tab.goto(d.url)
        tab.wait_for_load_state("networkidle")
        d2 = type(d)(tab, d.url)
        d2.ready()
        out["new_tab"] = {t: d2.is_done(t) for t in d2.titles()}


ALL = ["load", "enter", "button", "empty", "complete", "filters", "clear", "delete", "reload"]

if __name__ == "__main__":
    name, url, *scs = sys.argv[1:]
    import os

    os.makedirs(SHOTS, exist_ok=True)
    t = time.time()
    res = run(name, url, scs or ALL)
    print(json.dumps(res, indent=1, ensure_ascii=False))
    print(f"({time.time() - t:.1f}s)")
