"""The solar checks on a small three.js scene whose features a test chooses: bodies found by their
names or, with none, by their place (a small planet passing a large one stays a planet; a moon in a
group with its planet, or placed beside it by hand, is no planet); a panel that opens from the app's
Info button; a body clicked where no other body lies in front of it; planets no name fits, told
apart by the panel's title; and each test fails only for the behaviour it is named for, in plain
words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support.apps import EXAMPLES
from tests.support.runs import junit_cases, run, wrong_verdicts

APP = Path(__file__).parent / "data" / "solar.html"
CHALLENGE = """\
id: solar_static
title: The solar checks on a static three.js scene
prompt: Build a solar system.
stack:
  name: static HTML with three.js from npm, served by Python
  install: npm install --no-audit --no-fund --prefer-offline
  serve: python3 -m http.server {port} --bind 127.0.0.1
"""
PACKAGE = {"name": "solar-static", "private": True, "dependencies": {"three": "^0.180.0"}}
ALL = {"names": True, "marsByJupiter": False, "moon": "group", "panel": "click", "madeUp": False, "stuckPanel": False,
       "mercuryOverSun": False, "latePresses": 0,
       "fadingPanel": False, "leavesScreen": False, "closeUp": False}
TESTS = ["test_sun_and_planets_are_in_the_scene", "test_clicking_a_body_shows_its_facts",
         "test_clicking_another_body_updates_the_panel"]
VARIANTS: dict[str, tuple[dict[str, object], dict[str, str]]] = {
    # name: (features changed, {test: the start of its failure message})
    "named": ({}, {}),
    # no names: Mars beside Jupiter (its moon by size and distance alone) and the Moon in a group with the Earth
    "by_place": ({"names": False, "marsByJupiter": True}, {}),
    # no names: the Moon placed beside the Earth by hand, in no group of theirs
    "flat_moon": ({"names": False, "moon": "flat"}, {}),
    "info_button": ({"panel": "menu"}, {}),
    # Mercury in front of the Sun's centre: the Sun is clicked where no other body lies in front of it
    "mercury_over_sun": ({"mercuryOverSun": True}, {}),
    # a slow machine: the planets move on before each of ten presses after the Sun's, then clicks land
    "late_presses": ({"latePresses": 10}, {}),
    # and before every press: the verdict says the clicks missed, not that the app showed nothing
    "always_late": ({"latePresses": 10_000}, {
        "test_clicking_another_body_updates_the_panel": "after the Sun's details were shown, every click at "}),
    # a panel that keeps its first body, on a slow machine: the two missed clicks are said apart
    "late_stuck": ({"latePresses": 2, "stuckPanel": True}, {
        "test_clicking_another_body_updates_the_panel": "after the Sun's details were shown, clicking Jupiter (and "
        "hovering over it, and double-clicking it) showed no panel, tooltip or dialog that names it (it was found by "
        "its name; 2 of its 8 clicks missed it as it moved)"}),
    # a dialog over the whole scene, closed by its × and fading out for a second: the next body is
    # clicked once it has gone
    "fading_dialog": ({"fadingPanel": True}, {}),
    # the planet aimed at leaves the screen before it is clicked (near the camera on a slow machine):
    # it is not clicked where it went, and another planet is
    "leaves_screen": ({"leavesScreen": True}, {}),
    # the camera flies close to the body shown, which fills the view: a person zooms out to find another
    "close_up": ({"closeUp": True}, {}),
    "no_panel": ({"panel": "none"}, {
        "test_clicking_a_body_shows_its_facts": "clicking the Sun (and hovering over it, and double-clicking it) "
                                                "showed no panel",
        "test_clicking_another_body_updates_the_panel": "[set-up] could not show a body's details first: clicking "
                                                        "the Sun or three planets showed no panel"}),
    "made_up": ({"names": False, "madeUp": True}, {
        "test_sun_and_planets_are_in_the_scene": "not found in the scene: Mercury, Venus, Earth, Mars, Jupiter, "
                                                 "Saturn, Uranus, Neptune",
        "test_clicking_a_body_shows_its_facts": "clicking the Sun (and hovering over it, and double-clicking it) "
                                                "showed no panel"}),
    "stuck_panel": ({"stuckPanel": True}, {
        "test_clicking_another_body_updates_the_panel": "after the Sun's details were shown, clicking "}),
    # made-up names and a panel that keeps its first body: three clicks on another body, then the verdict
    "stuck_made_up": ({"names": False, "madeUp": True, "stuckPanel": True}, {
        "test_sun_and_planets_are_in_the_scene": "not found in the scene: Mercury, Venus, Earth, Mars, Jupiter, "
                                                 "Saturn, Uranus, Neptune",
        "test_clicking_a_body_shows_its_facts": "clicking the Sun (and hovering over it, and double-clicking it) "
                                                "showed no panel",
        "test_clicking_another_body_updates_the_panel": "after clicking the "}),
}


def _variant(folder: Path, name: str) -> str:
    changed, _ = VARIANTS[name]
    html = APP.read_text().replace("const FEATURES = " + _js(ALL), "const FEATURES = " + _js({**ALL, **changed}))
    app = folder / name
    app.mkdir(parents=True)
    (app / "index.html").write_text(html)
    (app / "package.json").write_text(json.dumps(PACKAGE))
    return f"--llm-model={name}=dir:{app}"


def _js(features: dict[str, object]) -> str:
    return "{" + ", ".join(f"{key}: {json.dumps(value)}" for key, value in features.items()) + "}"


def test_the_app_template_has_the_features_line() -> None:
    assert "const FEATURES = " + _js(ALL) + ";" in APP.read_text()


def test_each_solar_test_fails_only_for_its_own_behaviour(pytester: pytest.Pytester) -> None:
    challenge = pytester.mkdir("solar_static")
    (challenge / "challenge.yaml").write_text(CHALLENGE)
    for name in ("test_solar.py", "solar_helpers.py", "solar_panels.py"):
        shutil.copy(EXAMPLES / "solar_system" / name, challenge / name)
    models = [_variant(pytester.path / "apps", name) for name in VARIANTS]
    result = run(pytester, *models, "--junitxml=junit.xml", "-k", " or ".join(TESTS), "-n", "2")
    cases = junit_cases(pytester.path / "junit.xml")
    assert len(cases) == len(TESTS) * len(VARIANTS), result.stdout.str()[-3000:]
    wrong = wrong_verdicts(cases, TESTS, {variant: expected for variant, (*_, expected) in VARIANTS.items()})
    assert not wrong, "\n".join(wrong)
