"""pytest glue: the hooks of the pytest11 entry point ``llmcode``, and nothing else.

Each hook hands over to a module of this package: options and set-up (:mod:`.options`,
:mod:`.run`), collection (:mod:`.collect`), fixtures (:mod:`.fixtures`, registered at configure),
verdicts and evidence (:mod:`.verdict`, :mod:`.evidence`); the hooks it adds are declared in
:mod:`.hookspecs`. Importing it imports neither Playwright nor anything that starts a process; the
work of a case is done by :mod:`pytest_llmcode.pipeline`.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from pytest_llmcode.plugin import collect, fixtures, options, run, verdict


@pytest.hookimpl
def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    from pytest_llmcode.plugin import hookspecs

    pluginmanager.add_hookspecs(hookspecs)


def pytest_addoption(parser: pytest.Parser) -> None:
    options.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    run.configure(config)
    config.pluginmanager.register(fixtures, "llmcode-fixtures")


def pytest_unconfigure(config: pytest.Config) -> None:
    run.unconfigure(config)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    return collect.ignore_collect(collection_path)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    return collect.collect_file(file_path, parent)


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    return collect.make_module(module_path, parent)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    collect.select_shard(config, items)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    collect.generate_tests(metafunc)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    return (yield from verdict.runtest_call(item))


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    return verdict.pyfunc_call(pyfuncitem)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    return (yield from verdict.runtest_makereport(item, call))
