"""Keep all behaviour tests of a case on one pytest-xdist worker, so it is built once.

``-n`` alone turns on ``--dist=load``, which (like ``worksteal``) spreads tests singly;
the controller is switched to ``loadgroup`` (``loadscope`` and ``loadfile`` keep a module
together and are left alone; ``each`` is refused) and each worker is told to tag tests with their case's
``xdist_group`` (xdist decides that on the worker from the worker's own arguments).
"""

from __future__ import annotations

from typing import Any

import pytest

_FLAG = "llmcode_loadgroup"


class XdistGrouping:
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[_FLAG] = node.config.option.dist == "loadgroup"


def configure(config: pytest.Config) -> None:
    if not config.pluginmanager.hasplugin("xdist"):
        config.addinivalue_line("markers", "xdist_group(name): tests of one case (used by pytest-xdist)")
        return
    worker_input = getattr(config, "workerinput", None)
    if worker_input is not None:
        if worker_input.get(_FLAG):
            config.option.loadgroup = True
        return
    dist = getattr(config.option, "dist", None)
    if dist == "each":
        raise pytest.UsageError(
            "pytest-llmcode: --dist=each would build every case on every worker; use -n N alone (loadgroup)"
        )
    # load and worksteal spread a case's tests singly over workers; each then waits for the
    # case's build lock and reuses the build, but loadgroup keeps them together. pytest 9.2
    # changed node ids in a way pytest-xdist 3.8's loadgroup does not yet follow, so there
    # only the lock is relied upon.
    if dist in ("load", "worksteal") and pytest.version_tuple < (9, 2):
        config.option.dist = "loadgroup"
    config.pluginmanager.register(XdistGrouping(), "llmcode-xdist")
