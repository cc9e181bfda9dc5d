"""Every ``--llm-*`` option with its ini key, resolved once into a frozen settings object (kept in
``config.stash``; see :mod:`pytest_llmcode.plugin.stash`). docs/options.md is generated from here."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from pytest_llmcode.agents.limits import AgentLimits
from pytest_llmcode.models.base import Model
from pytest_llmcode.models.config import ConfigError, find_config, load_aliases
from pytest_llmcode.models.registry import ModelSpecError, Resolver
from pytest_llmcode.models.store import CACHE_MODES, Cassette, ResponseCache, Services, default_cache_dir
from pytest_llmcode.plugin.option_values import number
from pytest_llmcode.plugin.sandbox_choice import choose_sandbox
from pytest_llmcode.plugin.xdist import distributed
from pytest_llmcode.sandbox.config import SandboxConfig
from pytest_llmcode.sandbox.registry import AUTO

TIMEOUT_STAGES = ("generate", "install", "build", "launch", "test")
# options with a fixed set of values, the first the default: --llm-NAME and ini llm_NAME
CHOICES = {
    "mode": ("completion", "agent"),
    "browser_scope": ("worker", "case"),
    "reuse": ("all", "deps", "none"),
    "progress": ("auto", "lines", "off"),
}
NO_MODEL_REASON = (
    "no model selected: pass --llm-model=SPEC (e.g. --llm-model=reference, the known-good "
    "answers) or set llm_model in pytest.ini / [tool.pytest.ini_options]"
)


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("llmcode", "pytest-llmcode: judge generated apps in a real browser")

    def add_choice(name: str, text: str) -> None:
        allowed, flag = CHOICES[name], f"--llm-{name.replace('_', '-')}"
        group.addoption(flag, default=None, choices=allowed, help=f"{text} ini: llm_{name}")
        parser.addini(f"llm_{name}", f"{', '.join(allowed[:-1])} or {allowed[-1]} (see {flag})", default="")

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
        "--llm-concurrency",
        type=int,
        default=None,
        metavar="N",
        help="generations of later cases asked ahead at once per remote model, while earlier cases build "
        "and verify (default 4; 1: each case asks when it is built; off under pytest-xdist). ini: llm_concurrency",
    )
    group.addoption(
        "--llm-repair-rounds",
        type=int,
        default=None,
        metavar="K",
        help="when a case fails at parse, install, build, launch or in its behaviour tests, send the model "
        "what went wrong and rebuild with its fix, up to K times (default 0). ini: llm_repair_rounds",
    )
    add_choice("mode", "how remote models work: completion (one answer, the default) or agent (the built-in "
               "agent: tools to read, write and edit files, install, run the build, finish). Per alias: mode.")
    for name, kind, text in (("turns", int, "turns"), ("tokens", int, "tokens (input and output)"),
                             ("cost", float, "USD")):
        group.addoption(f"--llm-agent-max-{name}", type=kind, default=None, metavar="N",
                        help=f"limit of an agent session in {text}")
    group.addoption(
        "--llm-shard",
        default=None,
        metavar="I/N",
        help="run only shard I of N: a deterministic share of the cases, for a CI matrix "
        "(join the shards' results with `llmcode merge`)",
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
    add_choice("browser_scope", "one browser per worker (default; a fresh context per test) or a new browser "
               "per case.")
    group.addoption("--llm-checks-at-once", type=int, default=None, metavar="N",
                    help="behaviour tests of a case checked at once, each in its own browser context, where its "
                    "challenge allows as many (checks_at_once in challenge.yaml; default 4; 1: one after another). "
                    "ini: llm_checks_at_once")
    add_choice("reuse", "all (default): install each distinct dependency set once and link it into later "
               "workspaces, and build each distinct source tree once; deps: dependency sets only; none: "
               "install and build in every workspace.")
    group.addoption(
        "--llm-store-dir",
        default=None,
        metavar="DIR",
        help="where installed dependency sets and builds are kept for reuse (default "
        "~/.cache/pytest-llmcode/store). ini: llm_store_dir",
    )

    group.addoption(
        "--llm-sandbox",
        default=None,
        metavar="BACKEND",
        help="where generated code runs: namespace (its own loopback-only network, the host read-only, "
        "as nobody, with limits), docker (a container per case, no network, built from a local image), "
        "none (the host), or auto (default: namespace where this host allows it, else docker, else none "
        "with a warning); a plugin may add more. ini: llm_sandbox",
    )
    group.addoption(
        "--llm-require-sandbox",
        action="store_true",
        default=None,
        help="never run generated code unsandboxed: auto fails instead of falling back to none, and "
        "--llm-sandbox=none is refused (the GitHub Action sets it unless allow-unsandboxed). "
        "ini: llm_require_sandbox",
    )
    group.addoption(
        "--llm-memory-mb",
        type=int,
        default=None,
        metavar="MB",
        help="memory limit of a case's commands (default 4096). ini: llm_memory_mb",
    )
    group.addoption(
        "--llm-max-processes",
        type=int,
        default=None,
        metavar="N",
        help="process-count limit of a case's commands (default 1024). ini: llm_max_processes",
    )
    group.addoption(
        "--llm-max-file-mb",
        type=int,
        default=None,
        metavar="MB",
        help="largest file a case's commands may write (default 1024). ini: llm_max_file_mb",
    )
    group.addoption(
        "--llm-max-workspace-files",
        type=int,
        default=None,
        metavar="N",
        help="files and folders a case's workspace may hold, node_modules included (default 100000): "
        "checked after install and build, and every 3 s while served. ini: llm_max_workspace_files",
    )
    group.addoption(
        "--llm-max-download-mb",
        type=int,
        default=None,
        metavar="MB",
        help="largest download a page may make (default 64): the browser's downloads folder holds no "
        "more, and a check that saves a larger one fails saying so. ini: llm_max_download_mb",
    )
    group.addoption(
        "--llm-browser-memory-mb",
        type=int,
        default=None,
        metavar="MB",
        help="memory limit of the browser and its pages (default 4096; as root, where cgroups can be made): "
        "a page over it is killed and its test fails saying so. ini: llm_browser_memory_mb",
    )
    group.addoption(
        "--llm-npm-cache-mb",
        type=int,
        default=None,
        metavar="MB",
        help="size cap of the npm cache sandboxed installs share (default 2048): over it, its oldest files "
        "are removed when a run starts. ini: llm_npm_cache_mb",
    )
    group.addoption(
        "--llm-config",
        default=None,
        metavar="FILE",
        help="model aliases (default: llmcode.yaml in the rootdir, else [tool.llmcode] in pyproject.toml). "
        "ini: llm_config",
    )
    group.addoption(
        "--llm-cache",
        default=None,
        choices=CACHE_MODES,
        help="the response cache: off, read, write or readwrite (default). ini: llm_cache",
    )
    group.addoption(
        "--llm-cache-dir",
        default=None,
        metavar="DIR",
        help="where answers are cached (default ~/.cache/pytest-llmcode/responses). ini: llm_cache_dir",
    )
    group.addoption(
        "--llm-record",
        default=None,
        metavar="FILE",
        help="append every model exchange of the run to a cassette (JSON Lines, no keys)",
    )
    group.addoption(
        "--llm-replay",
        default=None,
        metavar="FILE",
        help="answer every model from a cassette instead of its endpoint: no key, no network",
    )
    add_choice("progress", "a line as each case enters a stage (generating, installing, building, launching, "
               "verifying, done) with the cases left: auto (default: on unless -qq), lines (even under -qq) or "
               "off; always logged to <output>/progress.log.")
    parser.addini("llm_model", "models to generate with (one spec a line)", type="linelist", default=[])
    parser.addini("llm_samples", "independent samples per model and challenge", default="1")
    parser.addini("llm_concurrency", "generations asked ahead at once per remote model (1: none)", default="")
    parser.addini("llm_output", "where each case's evidence is written", default="llmcode-results")
    parser.addini("llm_checks_at_once", "behaviour tests of a case checked at once (1: one after another)",
                  default="")
    for stage in TIMEOUT_STAGES:
        parser.addini(f"llm_timeout_{stage}", f"time limit of the {stage} stage (seconds)", default="")
    parser.addini("llm_browser", "Chromium binary to use", default="")
    parser.addini("llm_config", "model aliases file", default="")
    parser.addini("llm_store_dir", "where installed dependency sets and builds are kept", default="")
    parser.addini("llm_repair_rounds", "repair rounds after a failed parse, install, build or launch", default="")
    parser.addini("llm_sandbox", "where generated code runs: auto, namespace, docker or none",
                  default=AUTO)
    parser.addini("llm_require_sandbox", "never run generated code unsandboxed", type="bool", default=False)
    parser.addini("llm_memory_mb", "memory limit of a case's commands (MB)", default="")
    parser.addini("llm_max_processes", "process-count limit of a case's commands", default="")
    parser.addini("llm_max_file_mb", "largest file a case's commands may write (MB)", default="")
    parser.addini("llm_max_workspace_files", "files and folders a case's workspace may hold", default="")
    parser.addini("llm_max_download_mb", "largest download a page may make (MB)", default="")
    parser.addini("llm_browser_memory_mb", "memory limit of the browser and its pages (MB)", default="")
    parser.addini("llm_npm_cache_mb", "size cap of the shared npm cache (MB)", default="")
    parser.addini("llm_cache", "the response cache: off, read, write or readwrite", default="readwrite")
    parser.addini("llm_cache_dir", "where answers are cached", default="")


@dataclasses.dataclass(frozen=True)
class Settings:
    models: tuple[Model, ...]
    samples: int
    output: Path
    timeouts: dict[str, float | None]
    browser: str | None
    headed: bool
    cache_mode: str = "readwrite"
    replay: Path | None = None
    sandbox: SandboxConfig | None = None  # resolved only when there are models to run
    repair_rounds: int = 0
    mode: str = "completion"
    agent_limits: AgentLimits = dataclasses.field(default_factory=AgentLimits)
    concurrency: int = 4  # generations asked ahead at once per remote model; 1: none (see prefetch.py)
    store_dir: Path | None = None  # dependency sets and builds kept for reuse; None: none
    reuse: str = "all"  # what is reused: all (dependencies and builds), deps, none
    browser_scope: str = "worker"
    checks_at_once: int = 4  # behaviour tests of a case checked at once, up to its challenge's (see at_once.py)
    progress: str = "auto"  # --llm-progress: auto, lines or off (see progress.py)
    max_download_bytes: int = 64 * 2**20  # --llm-max-download-mb
    browser_memory_bytes: int = 4096 * 2**20  # --llm-browser-memory-mb
    npm_cache_bytes: int = 2048 * 2**20  # --llm-npm-cache-mb


def resolve(config: pytest.Config) -> Settings:
    """Resolve options: command line over ini over defaults. Raises ``pytest.UsageError``."""
    specs = config.getoption("llm_model") or list(config.getini("llm_model"))
    if config.getoption("llm_shard"):
        from pytest_llmcode.plugin.shard import parse_shard

        parse_shard(config.getoption("llm_shard"))
    base = config.invocation_params.dir
    cache_mode = config.getoption("llm_cache") or str(config.getini("llm_cache")) or "readwrite"
    if cache_mode not in CACHE_MODES:
        raise pytest.UsageError(f"ini llm_cache = {cache_mode!r}: expected one of {', '.join(CACHE_MODES)}")
    replay = _path(config, "llm_replay", None, base)
    if replay is not None and not replay.is_file():
        raise pytest.UsageError(f"--llm-replay={replay}: no such cassette")
    try:
        resolver = _resolver(config, base, cache_mode, replay)
        models = tuple(resolver.resolve_all(specs))
    except (ModelSpecError, ConfigError) as exc:
        raise pytest.UsageError(str(exc)) from None
    if not hasattr(config, "workerinput"):  # checked once, by the controller
        from pytest_llmcode.models.checks import NotReady, check_ready

        try:
            # endpoints: under xdist now; else once the run knows which it will ask (plugin/endpoints.py)
            check_ready(models, offline=replay is not None or cache_mode == "read", endpoints=distributed(config))
        except NotReady as exc:
            raise pytest.UsageError(str(exc)) from None
    samples = number(config, "llm_samples", "llm_samples", int, minimum=1)
    output = config.getoption("llm_output") or config.getini("llm_output") or "llmcode-results"
    browser = config.getoption("llm_browser") or config.getini("llm_browser") or os.environ.get("LLMCODE_BROWSER")
    sandbox = choose_sandbox(config) if models else None
    return Settings(
        models=models,
        samples=int(samples or 1),
        output=(base / output).resolve(),
        timeouts={
            stage: number(config, f"llm_timeout_{stage}", f"llm_timeout_{stage}", float, minimum=0.1)
            for stage in TIMEOUT_STAGES
        },
        browser=browser or None,
        headed=bool(config.getoption("llm_headed")),
        cache_mode=cache_mode,
        replay=replay,
        sandbox=sandbox,
        repair_rounds=int(number(config, "llm_repair_rounds", "llm_repair_rounds", int, minimum=0) or 0),
        mode=_choice(config, "llm_mode"),
        agent_limits=_agent_limits(config),
        concurrency=int(number(config, "llm_concurrency", "llm_concurrency", int, minimum=1) or 4),
        store_dir=_store_dir(config, base),
        reuse=_choice(config, "llm_reuse"),
        browser_scope=_choice(config, "llm_browser_scope"),
        checks_at_once=int(number(config, "llm_checks_at_once", "llm_checks_at_once", int, minimum=1) or 4),
        progress=_choice(config, "llm_progress"),
        max_download_bytes=int(number(config, "llm_max_download_mb", "llm_max_download_mb", int, minimum=1) or 64)
        * 2**20,
        browser_memory_bytes=int(number(config, "llm_browser_memory_mb", "llm_browser_memory_mb", int, minimum=128)
                                 or 4096) * 2**20,
        npm_cache_bytes=int(number(config, "llm_npm_cache_mb", "llm_npm_cache_mb", int, minimum=64) or 2048) * 2**20,
    )


def _choice(config: pytest.Config, name: str) -> str:
    """The value of a CHOICES option: the flag's, else the ini key's, else the first allowed."""
    allowed = CHOICES[name.removeprefix("llm_")]
    value = config.getoption(name) or str(config.getini(name)).strip() or allowed[0]
    if value not in allowed:
        raise pytest.UsageError(f"ini {name} = {value!r}: expected one of {', '.join(allowed)}")
    return value


def _store_dir(config: pytest.Config, base: Path) -> Path | None:
    if _choice(config, "llm_reuse") == "none":
        return None
    from pytest_llmcode.pipeline.dep_store import default_store_dir

    return _path(config, "llm_store_dir", "llm_store_dir", base) or default_store_dir()


def _agent_limits(config: pytest.Config) -> AgentLimits:
    limits = AgentLimits()
    for name, minimum in (("turns", 1), ("tokens", 1), ("cost", 0)):
        value = config.getoption(f"llm_agent_max_{name}")
        if value is None:
            continue
        if value < minimum:
            raise pytest.UsageError(f"--llm-agent-max-{name}={value}: expected at least {minimum}")
        limits = dataclasses.replace(limits, **{f"max_{name}": value})
    return limits


def _path(config: pytest.Config, option: str, ini: str | None, base: Path) -> Path | None:
    raw = config.getoption(option) or (str(config.getini(ini)) if ini else "")
    return (base / raw).resolve() if raw else None


def _resolver(config: pytest.Config, base: Path, cache_mode: str, replay: Path | None) -> Resolver:
    from pytest_llmcode.agents.config import load_agents
    from pytest_llmcode.pipeline.models import BUILTIN, model_resolver

    explicit = _path(config, "llm_config", "llm_config", base)
    if explicit is not None and not explicit.is_file():
        raise pytest.UsageError(f"--llm-config={explicit}: no such file")
    config_path = find_config(config.rootpath, explicit)
    if config_path is not None:  # a broken config is refused whatever the specs
        load_aliases(config_path)
        load_agents(config_path)
    cache_dir = _path(config, "llm_cache_dir", "llm_cache_dir", base) or default_cache_dir()
    record = _path(config, "llm_record", None, base)
    services = Services(
        cache=ResponseCache(cache_dir, cache_mode),
        lock_dir=cache_dir.parent / "locks",
        record=Cassette(record) if record else None,
        replay=Cassette(replay) if replay else None,
    )
    families = [family for found in config.hook.pytest_llmcode_models(config=config) for family in found]
    return model_resolver(base, config_path, services, [*families, *BUILTIN])
