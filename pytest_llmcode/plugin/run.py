"""A run's set-up and end: the settings resolved, the plugin objects registered, the case builder
made on first use, and nothing left behind (apps, sandboxes) however the run ends."""

from __future__ import annotations

import signal
import sys
import threading
from typing import TYPE_CHECKING

import pytest

from pytest_llmcode.core.files import mark_output_dir
from pytest_llmcode.plugin import options, xdist
from pytest_llmcode.plugin.sandbox_choice import sandbox_backends
from pytest_llmcode.plugin.stash import BUILDER, CHALLENGES, PREFETCHER, SETTINGS, reset_item

if TYPE_CHECKING:
    from pytest_llmcode.pipeline.builder import CaseBuilder


def configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "llmcode: a behaviour check of a generated app")
    xdist.configure(config, lambda: [model.label for model in config.stash[SETTINGS].models])
    resolved = options.resolve(config)
    config.stash[SETTINGS] = resolved
    config.stash[CHALLENGES] = {}
    from pytest_llmcode.plugin.progress import Progress
    from pytest_llmcode.plugin.results import ResultsWriter
    from pytest_llmcode.plugin.summary import SummaryReporter

    config.pluginmanager.register(SummaryReporter(resolved.output, resolved.sandbox), "llmcode-summary")
    config.pluginmanager.register(Progress(config, resolved.progress, resolved.output), "llmcode-progress")
    if not hasattr(config, "workerinput"):  # under xdist the controller writes every record
        config.pluginmanager.register(ResultsWriter(resolved.output), "llmcode-results")
    distributed = xdist.distributed(config)
    on_one_worker = not distributed or xdist.cases_together(config)  # each case's tests
    if resolved.repair_rounds and on_one_worker:  # see plugin/repair.py
        from pytest_llmcode.plugin.repair import VerifyRepair

        config.pluginmanager.register(
            VerifyRepair(lambda: builder(config), resolved.repair_rounds, _reset), "llmcode-verify-repair")
    # answers asked ahead: see plugin/prefetch.py (and why not under xdist)
    if resolved.concurrency > 1 and resolved.models and not distributed:
        from pytest_llmcode.plugin.prefetch import Prefetcher

        config.stash[PREFETCHER] = Prefetcher(lambda: builder(config), resolved.concurrency, build_ahead=True)
        config.pluginmanager.register(config.stash[PREFETCHER], "llmcode-prefetch")
    if resolved.checks_at_once > 1 and on_one_worker:  # a case's tests checked at once: see plugin/at_once.py
        from pytest_llmcode.plugin.at_once import AT_ONCE, AtOnce

        config.stash[AT_ONCE] = AtOnce(resolved.checks_at_once)
    if resolved.models and not distributed:  # under xdist, every endpoint was tried at start (see options)
        from pytest_llmcode.plugin.endpoints import EndpointCheck

        config.pluginmanager.register(EndpointCheck(lambda: builder(config), repairs=resolved.repair_rounds > 0),
                                      "llmcode-endpoints")
    if resolved.models and not hasattr(config, "workerinput"):  # once a run, before any case installs
        _trim_npm_cache(resolved.npm_cache_bytes)
    _stop_on_sigterm(config)


def _reset(item: pytest.Item) -> None:
    """Forget what a behaviour test's last run left on its item, before it runs again."""
    from pytest_llmcode.plugin import at_once

    reset_item(item)
    at_once.forget(item)


def _trim_npm_cache(cap: int) -> None:
    from pytest_llmcode.sandbox.files import npm_cache_dir, trim_cache

    trimmed = trim_cache(npm_cache_dir(), cap)
    if trimmed is not None:
        before, after = trimmed
        print(f"llmcode: the shared npm cache ({npm_cache_dir()}) held {before / 2**20:.0f} MiB, over its cap of "
              f"{cap / 2**20:.0f} MiB (--llm-npm-cache-mb): its oldest files were removed, {after / 2**20:.0f} MiB "
              "kept", file=sys.stderr)


def builder(config: pytest.Config) -> CaseBuilder:
    """The run's case builder (of this process), made on first use."""
    if BUILDER not in config.stash:
        from pytest_llmcode.pipeline.builder import CaseBuilder
        from pytest_llmcode.plugin.events import HookEvents

        resolved = config.stash[SETTINGS]
        mark_output_dir(resolved.output)
        config.stash[BUILDER] = CaseBuilder(
            resolved.output, resolved.timeouts, resolved.sandbox,
            hidden=(config.rootpath, config.invocation_params.dir), repair_rounds=resolved.repair_rounds,
            mode=resolved.mode, agent_limits=resolved.agent_limits, store_dir=resolved.store_dir, reuse=resolved.reuse,
            browser_scope=resolved.browser_scope, events=HookEvents(config),
            answers=config.stash.get(PREFETCHER, None),  # first answers asked ahead, while earlier cases build
            backends=sandbox_backends(config) if resolved.sandbox is not None else None,
            # the run's own workers share its id; not the environment's PYTEST_XDIST_TESTRUNUID, which a
            # pytest run inside an xdist worker (a CI step, pytester) inherits from the outer run
            run_id=getattr(config, "workerinput", {}).get("testrunuid"),
        )
    return config.stash[BUILDER]


def unconfigure(config: pytest.Config) -> None:
    from pytest_llmcode.core.process import stop_all

    stop_all()  # a safety net: whatever happened to fixture teardown, no app outlives the run
    if BUILDER in config.stash:
        config.stash[BUILDER].close()
    if "pytest_llmcode.sandbox.base" in sys.modules:
        sys.modules["pytest_llmcode.sandbox.base"].close_all()


def _on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt("SIGTERM")  # pytest then tears down fixtures: apps are stopped


def _stop_on_sigterm(config: pytest.Config) -> None:
    """A cancelled CI job sends SIGTERM; without this, Python dies without any teardown."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)

        def restore() -> None:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

        config.add_cleanup(restore)
