"""Every ``--llm-*`` option with its ini key, resolved once into a frozen settings object."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from pytest_llmcode.models import Model, ModelSpecError, resolve_models

TIMEOUT_STAGES = ("install", "build", "launch")
NO_MODEL_REASON = (
    "no model selected: pass --llm-model=SPEC (e.g. --llm-model=reference, the known-good "
    "answers) or set llm_model in pytest.ini / [tool.pytest.ini_options]"
)


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("llmcode", "pytest-llmcode: judge generated apps in a real browser")
    group.addoption(
        "--llm-model",
        action="append",
        default=None,
        metavar="SPEC",
        help="model to generate with; repeat for several (each is its own parametrization): "
        "'reference', 'dir:PATH', or 'LABEL=SPEC'. ini: llm_model",
    )
    group.addoption(
        "--llm-samples",
        type=int,
        default=None,
        metavar="N",
        help="independent samples per model and challenge (default 1). ini: llm_samples",
    )
    group.addoption(
        "--llm-output",
        default=None,
        metavar="DIR",
        help="where each case's evidence is written (default llmcode-results). ini: llm_output",
    )
    for stage in TIMEOUT_STAGES:
        group.addoption(
            f"--llm-timeout-{stage}",
            type=float,
            default=None,
            metavar="SECONDS",
            help=f"time limit of the {stage} stage, overriding the challenge's. ini: llm_timeout_{stage}",
        )
    group.addoption(
        "--llm-browser",
        default=None,
        metavar="PATH",
        help="Chromium binary to use (default: Playwright's, else the system's). "
        "ini: llm_browser; env: LLMCODE_BROWSER",
    )
    group.addoption("--llm-headed", action="store_true", default=False, help="show the browser window")

    parser.addini("llm_model", "models to generate with (one spec a line)", type="linelist", default=[])
    parser.addini("llm_samples", "independent samples per model and challenge", default="1")
    parser.addini("llm_output", "where each case's evidence is written", default="llmcode-results")
    for stage in TIMEOUT_STAGES:
        parser.addini(f"llm_timeout_{stage}", f"time limit of the {stage} stage (seconds)", default="")
    parser.addini("llm_browser", "Chromium binary to use", default="")


@dataclasses.dataclass(frozen=True)
class Settings:
    models: tuple[Model, ...]
    samples: int
    output: Path
    timeouts: dict[str, float | None]
    browser: str | None
    headed: bool


def _number(config: pytest.Config, option: str, ini: str, cast: type, *, minimum: float) -> float | int | None:
    value = config.getoption(option)
    source = f"--{option.replace('_', '-')}"
    if value is None:
        raw = str(config.getini(ini)).strip()
        if not raw:
            return None
        source = f"ini {ini}"
        try:
            value = cast(raw)
        except ValueError:
            raise pytest.UsageError(f"{source} = {raw!r}: expected a number") from None
    if value < minimum:
        raise pytest.UsageError(f"{source}={value}: expected at least {minimum:g}")
    return value  # type: ignore[no-any-return]


def resolve(config: pytest.Config) -> Settings:
    """Resolve options: command line over ini over defaults. Raises ``pytest.UsageError``."""
    specs = config.getoption("llm_model") or list(config.getini("llm_model"))
    base = config.invocation_params.dir
    try:
        models = tuple(resolve_models(specs, base))
    except ModelSpecError as exc:
        raise pytest.UsageError(str(exc)) from None
    samples = _number(config, "llm_samples", "llm_samples", int, minimum=1)
    output = config.getoption("llm_output") or config.getini("llm_output") or "llmcode-results"
    browser = config.getoption("llm_browser") or config.getini("llm_browser") or os.environ.get("LLMCODE_BROWSER")
    return Settings(
        models=models,
        samples=int(samples or 1),
        output=(base / output).resolve(),
        timeouts={
            stage: _number(config, f"llm_timeout_{stage}", f"llm_timeout_{stage}", float, minimum=0.1)
            for stage in TIMEOUT_STAGES
        },
        browser=browser or None,
        headed=bool(config.getoption("llm_headed")),
    )
