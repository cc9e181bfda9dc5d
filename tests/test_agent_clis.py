"""Real coding-agent CLIs through ``agent:NAME``, configured exactly as the README shows: Qwen Code
(OpenAI Chat Completions) and Claude Code (Anthropic Messages), installed as npm installs them,
under a folder of their own (the sandbox hides home folders and /tmp), each driven by a scripted
endpoint on ``http://127.0.0.1:PORT`` that writes the todo app's reference through the agent's own
shell tool. Both must pass every behaviour of ``todo_app``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.agent_endpoint import AgentEndpoint
from tests.support.apps import EXAMPLES, readme_agents
from tests.support.runs import junit_cases

pytestmark = pytest.mark.slow

# the versions tested (README: "Coding agents"); npm package, version, program
CLIS = {"qwen-code": ("@qwen-code/qwen-code", "0.15.10", "qwen"),
        "claude-code": ("@anthropic-ai/claude-code", "2.1.197", "claude")}


def installed(package: str, version: str) -> Path:
    """The ``bin`` folder of ``package@version`` installed with ``npm i -g --prefix`` into a cache
    kept between runs (keyed by version), as a user would have it under their home."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pytest-llmcode" / "agent-clis"
    prefix = cache / f"{package.replace('/', '+')}@{version}"
    if not (prefix / "bin").is_dir():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed")
        building = Path(f"{prefix}.partial-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        done = subprocess.run(["npm", "install", "--global", "--prefix", str(building), "--no-audit", "--no-fund",
                               f"{package}@{version}"], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"npm could not install {package}@{version}:\n{done.stderr[-2000:]}"
        try:
            building.rename(prefix)
        except OSError:  # another worker finished first
            shutil.rmtree(building, ignore_errors=True)
    return prefix / "bin"


def reference_files() -> dict[str, str]:
    root = EXAMPLES / "todo_app" / "reference"
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_qwen_code_and_claude_code_pass_todo_app_as_configured_in_the_readme(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = [installed(package, version) for package, version, _ in CLIS.values()]
    monkeypatch.setenv("PATH", os.pathsep.join([*map(str, folders), os.environ["PATH"]]))
    with AgentEndpoint(reference_files()) as endpoint:
        config = readme_agents()
        for address in ("http://127.0.0.1:8000", "http://127.0.0.1:4000"):
            assert address in config
            config = config.replace(address, f"http://127.0.0.1:{endpoint.port}")
        (pytester.path / "llmcode.yaml").write_text(config)
        result = pytester.runpytest_subprocess(
            "-p", "no:cacheprovider", str(EXAMPLES / "todo_app"), "--llm-model=agent:qwen-code",
            "--llm-model=agent:claude-code", "--llm-config=llmcode.yaml", "--llm-output=out", "--junitxml=junit.xml")
        paths = {request["path"].split("?")[0] for request in endpoint.requests}
    cases = junit_cases(pytester.path / "junit.xml")
    failed = {name: case.find("failure").get("message", "")[:300]  # type: ignore[union-attr]
              for name, case in cases.items() if case.find("failure") is not None}
    assert not failed, failed
    for name in CLIS:
        ran = [n for n in cases if f"[agent-{name}-s0]" in n]
        assert len(ran) >= 11, (name, sorted(cases))
        assert (pytester.path / "out" / "todo_app" / f"agent-{name}" / "s0" / "workspace" / "src").is_dir()
    assert {"/v1/chat/completions", "/v1/messages"} <= paths  # each agent spoke its own wire format
    result.assert_outcomes(passed=len(cases))
