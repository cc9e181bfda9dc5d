"""The public API for challenge authors: a small surface, pinned, typed, and light to import."""

from __future__ import annotations

import importlib.resources
import subprocess
import sys

import pytest

import pytest_llmcode
import pytest_llmcode.verify

PUBLIC = [
    "AnswerError",
    "BrowserLog",
    "Challenge",
    "ChallengeError",
    "FrameStats",
    "ImageStats",
    "InfrastructureError",
    "RunResult",
    "RunningApp",
    "ScreenBody",
    "SetupError",
    "Stage",
    "StageFailure",
    "__version__",
    "assert_app_at_root",
    "frame_stats",
    "image_stats",
    "load_challenge",
    "locate",
    "parse_answer",
    "png_size",
    "scene_ready",
    "view",
    "view_change",
]


def test_the_public_names_are_pinned() -> None:
    assert sorted(pytest_llmcode.__all__) == PUBLIC  # a change here is a change of the public API


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(pytest_llmcode, name) is not None
    assert name in dir(pytest_llmcode)


def test_the_verify_helpers_are_the_same_objects_from_both_places() -> None:
    for name in pytest_llmcode.verify.__all__:
        value = getattr(pytest_llmcode.verify, name)
        if name in PUBLIC:
            assert getattr(pytest_llmcode, name) is value


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'app'"):
        getattr(pytest_llmcode, "app")  # noqa: B009 - the old module is private now


def test_the_package_is_typed() -> None:
    assert importlib.resources.files("pytest_llmcode").joinpath("py.typed").is_file()


def test_importing_the_public_api_loads_nothing_heavy() -> None:
    code = ("import sys, pytest_llmcode; from pytest_llmcode import RunningApp, BrowserLog, Challenge; "
            "print('playwright' in sys.modules, 'httpx' in sys.modules, 'docker' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "False", "False"], done.stderr


def test_the_example_suites_use_only_the_public_api() -> None:
    from tests.support.apps import EXAMPLES

    for path in sorted(EXAMPLES.rglob("*.py")):
        for line in path.read_text().splitlines():
            if line.startswith(("from pytest_llmcode", "import pytest_llmcode")):
                module = line.split()[1]
                assert module in ("pytest_llmcode", "pytest_llmcode.verify"), f"{path}: {line}"
