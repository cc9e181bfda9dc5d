"""The store: each distinct dependency set is installed once and linked into later workspaces,
never shared with an agent's own node_modules, never writable by generated code; each distinct
source tree is built once."""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from pytest_llmcode.pipeline.dep_store import DependencyStore, dependency_key
from tests.support.apps import write_app
from tests.support.sandbox import need

MANIFEST = {"name": "app", "version": "1.0.0", "scripts": {"build": "vite build"},
            "dependencies": {"react": "^19.0.0"}, "devDependencies": {"vite": "^7.0.0"}}

# an "install" that records where it ran; a "build" that tries to change an installed file
DEPS_CHALLENGE = """\
id: deps_page
title: A page with dependencies
prompt: Write an index.html and a package.json.
stack:
  name: static HTML with a fake package manager
  install: mkdir -p node_modules/dep && echo "$PWD" > node_modules/dep/installed-in && echo lock > package-lock.json
  build: (echo tampered >> node_modules/dep/installed-in) 2>/dev/null; test -f index.html
  serve: python3 -m http.server {port} --bind 127.0.0.1
timeouts:
  launch: 20
"""


def manifest(folder: Path, data: Mapping[str, object]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps(data))
    return folder


def test_key_follows_what_decides_the_install_and_nothing_else(tmp_path: Path) -> None:
    key = dependency_key(manifest(tmp_path / "a", MANIFEST), "npm install", "v20 11")
    renamed = {**MANIFEST, "name": "other", "version": "2.0.0", "scripts": {"build": "vite build --x"}}
    assert dependency_key(manifest(tmp_path / "b", renamed), "npm install", "v20 11") == key
    more = {**MANIFEST, "dependencies": {"react": "^19.0.0", "three": "^0.170.0"}}
    assert dependency_key(manifest(tmp_path / "c", more), "npm install", "v20 11") != key
    hooked = {**MANIFEST, "scripts": {"postinstall": "node setup.js"}}
    assert dependency_key(manifest(tmp_path / "d", hooked), "npm install", "v20 11") != key
    assert dependency_key(manifest(tmp_path / "e", MANIFEST), "npm ci", "v20 11") != key
    assert dependency_key(manifest(tmp_path / "f", MANIFEST), "npm install", "v22 11") != key
    locked = manifest(tmp_path / "g", MANIFEST)
    (locked / "package-lock.json").write_text("{}")
    assert dependency_key(locked, "npm install", "v20 11") != key


def test_no_key_for_an_answer_with_its_own_node_modules_or_no_manifest(tmp_path: Path) -> None:
    shipped = manifest(tmp_path / "a", MANIFEST)
    (shipped / "node_modules" / "react").mkdir(parents=True)
    assert dependency_key(shipped, "npm install", "") is None
    assert dependency_key(tmp_path, "npm install", "") is None
    broken = tmp_path / "b"
    broken.mkdir()
    (broken / "package.json").write_text("{not json")
    assert dependency_key(broken, "npm install", "") is None


def test_an_install_that_changed_more_than_node_modules_is_not_stored(tmp_path: Path) -> None:
    store = DependencyStore(tmp_path / "store")
    workspace = manifest(tmp_path / "ws", MANIFEST)
    before = store.before_install(workspace)
    (workspace / "node_modules" / "react").mkdir(parents=True)
    (workspace / "generated.js").write_text("// written by an install script")
    key = store.key(workspace, "npm install") or "k"
    with store.locked(key) as entry:
        assert entry is None
        assert "generated.js" in store.save(key, workspace, before)
    with store.locked(key) as entry:
        assert entry is None


def test_stored_files_are_roots_and_linked(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("the store's protection is root's ownership")
    store = DependencyStore(tmp_path / "store")
    first = manifest(tmp_path / "first", MANIFEST)
    before = store.before_install(first)
    write_app(first / "node_modules" / "react", {"index.js": "module.exports = 1\n"})
    os.symlink("../react/index.js", first / "node_modules" / "alias.js")
    assert store.save("k", first, before) == ""
    second = manifest(tmp_path / "second", MANIFEST)
    with store.locked("k") as entry:
        assert entry is not None
        assert store.restore(entry, second) == 1
    linked = second / "node_modules" / "react" / "index.js"
    assert linked.stat().st_nlink == 2 and linked.stat().st_uid == 0
    assert os.readlink(second / "node_modules" / "alias.js") == "../react/index.js"
    assert linked.stat().st_mode & 0o022 == 0  # nobody may write the store's copy


@pytest.fixture
def deps_challenge(pytester: pytest.Pytester) -> Path:
    folder = pytester.mkdir("deps_page")
    (folder / "challenge.yaml").write_text(DEPS_CHALLENGE)
    write_app(folder / "reference", {"index.html": "<h1>Hello</h1>\n",
                                     "package.json": json.dumps({"name": "page", "dependencies": {"dep": "1"}})})
    (folder / "test_page.py").write_text(textwrap.dedent(
        """
        from playwright.sync_api import expect

        def test_greets(app_page):
            expect(app_page.get_by_role("heading", name="Hello")).to_be_visible()
        """
    ))
    return folder


def _installed_in(output: Path, sample: int, model: str = "reference") -> list[str]:
    path = output / "deps_page" / model / f"s{sample}" / "workspace" / "node_modules" / "dep" / "installed-in"
    return path.read_text().splitlines()


def _case(output: Path, sample: int, model: str = "reference") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((output / "deps_page" / model / f"s{sample}" / "case.json").read_text())
    return data


@pytest.mark.parametrize("sandbox", ["none", "namespace", "docker"])
def test_second_case_reuses_the_first_install_and_cannot_change_it(
    pytester: pytest.Pytester, deps_challenge: Path, sandbox: str
) -> None:
    if sandbox != "none":
        need(sandbox)
    store = pytester.path / "store"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--llm-sandbox={sandbox}", "--llm-model=reference",
                                           "--llm-samples=3", f"--llm-store-dir={store}", "--llm-output=out")
    result.assert_outcomes(passed=3)
    output = pytester.path / "out"
    first_workspace = str(output / "deps_page" / "reference" / "s0" / "workspace")
    assert _case(output, 0)["dependencies"] == {"key": _case(output, 1)["dependencies"]["key"],
                                                "reused": False, "stored": True}
    for sample in (1, 2):
        assert _case(output, sample)["dependencies"]["reused"] is True
        log = (output / "deps_page" / "reference" / f"s{sample}" / "logs" / "install.log").read_text()
        assert "reused from the dependency store" in log
        assert (output / "deps_page" / "reference" / f"s{sample}" / "workspace" / "package-lock.json").read_text() \
            == "lock\n"
    [entry] = [p for p in (store / "deps").iterdir() if not p.name.startswith(".")]
    assert (entry / "node_modules" / "dep" / "installed-in").read_text().splitlines() == [first_workspace]
    if sandbox != "none":  # the build, as nobody, could not append to the linked file
        assert _installed_in(output, 1) == [first_workspace]
    else:  # on the host each workspace has a copy: its build changed only that
        assert _installed_in(output, 1) == [first_workspace, "tampered"]


def test_fresh_installs_in_every_workspace(pytester: pytest.Pytester, deps_challenge: Path) -> None:
    store = pytester.path / "store"
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-sandbox=none", f"--llm-store-dir={store}",
                                           "--llm-output=out", "--llm-model=reference", "--llm-samples=2",
                                           "--llm-reuse=none")
    result.assert_outcomes(passed=2)
    output = pytester.path / "out"
    for sample in (0, 1):
        workspace = output / "deps_page" / "reference" / f"s{sample}" / "workspace"
        assert _installed_in(output, sample)[0] == str(workspace)
        assert _case(output, sample)["dependencies"] == {}
    assert not store.exists()


BUILD_CHALLENGE = """\
id: built_page
title: A page that is built
prompt: Write src/index.html and a package.json.
stack:
  name: a fake bundler
  install: mkdir -p node_modules/dep && echo dep > node_modules/dep/index.js
  build: echo build >> "$LLMCODE_TEST_COUNTS" && mkdir -p dist && cp src/index.html dist/index.html
  serve: python3 -m http.server {port} --bind 127.0.0.1 --directory dist
timeouts:
  launch: 20
"""


@pytest.fixture
def built_challenge(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("LLMCODE_TEST_COUNTS", str(pytester.path / "counts.txt"))
    folder = pytester.mkdir("built_page")
    (folder / "challenge.yaml").write_text(BUILD_CHALLENGE)
    write_app(folder / "reference", {"src/index.html": "<h1>Hello</h1>\n",
                                     "package.json": json.dumps({"dependencies": {"dep": "1"}})})
    (folder / "test_page.py").write_text(textwrap.dedent(
        """
        import re
        from playwright.sync_api import expect

        def test_greets(app_page):
            expect(app_page.get_by_role("heading", name=re.compile("^(Hello|Bye)$"))).to_be_visible()
        """
    ))
    return folder


def test_the_same_sources_are_built_once_and_other_sources_again(
    pytester: pytest.Pytester, built_challenge: Path
) -> None:
    other = write_app(pytester.path / "other", {"src/index.html": "<h1>Bye</h1>\n",
                                                "package.json": json.dumps({"dependencies": {"dep": "1"}})})
    common = ("-p", "no:cacheprovider", "--llm-sandbox=none", f"--llm-store-dir={pytester.path / 'store'}",
              "--llm-output=out", "--llm-samples=3")
    result = pytester.runpytest_subprocess(*common, "--llm-model=reference", f"--llm-model=other=dir:{other}")
    result.assert_outcomes(passed=6)
    counts = pytester.path / "counts.txt"
    assert counts.read_text().splitlines() == ["build", "build"]  # one per distinct answer
    output = pytester.path / "out" / "built_page"
    for model, heading in (("reference", "Hello"), ("other", "Bye")):
        reused = 0
        for sample in range(3):
            case = output / model / f"s{sample}"
            assert (case / "workspace" / "dist" / "index.html").read_text() == f"<h1>{heading}</h1>\n"
            build = json.loads((case / "case.json").read_text())["build"]
            reused += build["reused"]
            if build["reused"]:
                assert "build output reused from the store" in (case / "logs" / "build.log").read_text()
        assert reused == 2
    counts.unlink()
    result = pytester.runpytest_subprocess(*common, "--llm-model=reference", "--llm-reuse=deps")
    result.assert_outcomes(passed=3)
    assert counts.read_text().splitlines() == ["build"] * 3


def test_workers_installing_the_same_set_at_once_install_it_once(
    pytester: pytest.Pytester, deps_challenge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = pytester.path / "counts.txt"
    monkeypatch.setenv("LLMCODE_TEST_COUNTS", str(counts))
    challenge = deps_challenge / "challenge.yaml"
    challenge.write_text(challenge.read_text().replace("  install: ", '  install: echo install >> "$LLMCODE_TEST_COUNTS" && sleep 2 && '))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2", "--llm-sandbox=none",
                                           "--llm-model=reference", "--llm-samples=4", "--llm-output=out",
                                           f"--llm-store-dir={pytester.path / 'store'}")
    result.assert_outcomes(passed=4)
    assert counts.read_text().splitlines() == ["install"]
    reused = [_case(pytester.path / "out", sample)["dependencies"]["reused"] for sample in range(4)]
    assert sorted(reused) == [False, True, True, True]
