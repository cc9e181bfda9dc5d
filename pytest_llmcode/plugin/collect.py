"""Collection: challenge folders become parametrized tests, one per behaviour per model per sample;
generated apps and a challenge's own apps are never collected; a broken ``challenge.yaml`` is a
clean collection error naming the file and the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pytest_llmcode.core.challenge import CHALLENGE_FILE, Challenge, ChallengeError, find_challenge_file, load_challenge
from pytest_llmcode.core.files import OUTPUT_MARKER
from pytest_llmcode.plugin.stash import CHALLENGE_ERROR, CHALLENGES, SETTINGS

APP_FOLDERS = {"reference", "mutants", "alternatives", "corpus", "base", "starter"}


def challenge_for(config: pytest.Config, path: Path) -> Challenge | ChallengeError | None:
    root = config.rootpath
    found = find_challenge_file(path, stop=root if path.is_relative_to(root) else None)
    if found is None:
        return None
    cache = config.stash[CHALLENGES]
    if found not in cache:
        try:
            cache[found] = load_challenge(found)
        except ChallengeError as exc:
            cache[found] = exc
    return cache[found]


def ignore_collect(collection_path: Path) -> bool | None:
    if collection_path.is_dir():
        if (collection_path / OUTPUT_MARKER).exists():
            return True  # generated apps are evidence, not tests
        if collection_path.name in APP_FOLDERS and (collection_path.parent / CHALLENGE_FILE).is_file():
            return True  # a challenge's reference, mutants, base or starter app
    return None


class BrokenChallengeModule(pytest.Module):
    """Stands for a test module whose challenge.yaml is invalid: a clean collection error."""

    def collect(self) -> Any:
        raise self.CollectError(str(self.stash[CHALLENGE_ERROR]))


def make_module(module_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    challenge = challenge_for(parent.config, module_path)
    if isinstance(challenge, ChallengeError):
        module = BrokenChallengeModule.from_parent(parent, path=module_path)
        module.stash[CHALLENGE_ERROR] = challenge
        return module
    return None


class CommitChallengeModule(pytest.Module):
    """A commit challenge's ``challenge.yaml``, collected as the module of its hidden tests (the
    functions of :mod:`pytest_llmcode.plugin.commit_tests`)."""

    def _getobj(self) -> Any:
        from pytest_llmcode.plugin import commit_tests

        return commit_tests


def collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """A commit challenge's tests, from its ``challenge.yaml``; a broken one with no test module
    beside it to report it is a collection error of its own."""
    if file_path.name != CHALLENGE_FILE:
        return None
    challenge = challenge_for(parent.config, file_path)
    if isinstance(challenge, ChallengeError) and not any(file_path.parent.glob("test_*.py")):
        module = BrokenChallengeModule.from_parent(parent, path=file_path)
        module.stash[CHALLENGE_ERROR] = challenge
        return module
    if isinstance(challenge, Challenge) and challenge.commit is not None:
        return CommitChallengeModule.from_parent(parent, path=file_path)
    return None


def _hidden_tests(metafunc: pytest.Metafunc, challenge: Challenge) -> None:
    """``hidden_test``: the commit's tests of the function's group, one parameter each."""
    if "hidden_test" not in metafunc.fixturenames or challenge.commit is None:
        return
    group = "fail_to_pass" if metafunc.function.__name__ == "test_fail_to_pass" else "pass_to_pass"
    tests = getattr(challenge.commit, group)
    metafunc.parametrize("hidden_test", tests, ids=list(tests), scope="function")


def generate_tests(metafunc: pytest.Metafunc) -> None:
    """``llm_case``, the case of a behaviour test: one parameter per model and sample."""
    if "llm_case" not in metafunc.fixturenames:
        return
    challenge = challenge_for(metafunc.config, metafunc.definition.path)
    if not isinstance(challenge, Challenge):
        return  # the fixture explains that it only works inside a challenge folder
    resolved = metafunc.config.stash[SETTINGS]
    from pytest_llmcode.pipeline.case import CaseSpec
    from pytest_llmcode.plugin.options import NO_MODEL_REASON

    if not resolved.models:
        skip = pytest.mark.skip(reason=NO_MODEL_REASON)
        params = [pytest.param(None, marks=skip, id="no-model")]
    else:
        specs = [CaseSpec(challenge, model, sample) for model in resolved.models for sample in range(resolved.samples)]
        # the group: for pytest-xdist's --dist loadgroup (see plugin/xdist.py)
        params = [pytest.param(spec, id=spec.id, marks=pytest.mark.xdist_group(f"{challenge.id}-{spec.id}"))
                  for spec in specs]
    metafunc.parametrize("llm_case", params, indirect=True, scope="module")
    _hidden_tests(metafunc, challenge)


def select_shard(config: pytest.Config, items: list[pytest.Item]) -> None:
    raw = config.getoption("llm_shard")
    if not raw:
        return
    from pytest_llmcode.plugin.shard import parse_shard, select

    index, total = parse_shard(raw)
    kept, dropped = select(items, index, total)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
