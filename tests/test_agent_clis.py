"""Real coding-agent CLIs through ``agent:NAME``, configured exactly as the README and
``examples/agents.llmcode.yaml`` show: Qwen Code (OpenAI Chat Completions) and Claude Code
(Anthropic Messages) from the README, Codex (OpenAI Responses) and OpenCode (Chat Completions
through its own provider) from the examples. Each is installed as npm installs it, under a folder of
its own in the home folder (which the sandbox hides), and driven by a scripted endpoint on
``http://127.0.0.1:PORT`` that writes the todo app's reference through the agent's own shell tool.
Every one must pass every behaviour of ``todo_app``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support.agent_endpoint import AgentEndpoint
from tests.support.apps import EXAMPLES, ROOT, readme_agents
from tests.support.pip_tools import TOOLS_CACHE, opt_in, pip_installed
from tests.support.runs import junit_cases

pytestmark = pytest.mark.slow

# the versions tested (README: "Coding agents"); npm package, version, program
CLIS = {"qwen-code": ("@qwen-code/qwen-code", "0.15.10", "qwen"),
        "claude-code": ("@anthropic-ai/claude-code", "2.1.197", "claude"),
        "codex": ("@openai/codex", "0.171.0", "codex"),
        "opencode": ("opencode-ai", "1.18.33", "opencode")}


def installed(package: str, version: str) -> Path:
    """The ``bin`` folder of ``package@version`` installed with ``npm i -g --prefix`` into a cache
    kept between runs (keyed by version), as a user would have it under their home."""
    cache = TOOLS_CACHE / "agent-clis"
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


def configuration(port: int) -> str:
    """The README's agents and the examples' Codex and OpenCode, with the endpoint's port."""
    agents = yaml.safe_load(readme_agents())["agents"]
    examples = yaml.safe_load((ROOT / "examples" / "agents.llmcode.yaml").read_text())["agents"]
    agents.update({name: examples[name] for name in ("codex", "opencode")})
    assert set(agents) == set(CLIS)
    text = yaml.safe_dump({"agents": agents}, sort_keys=False)
    for address in ("http://127.0.0.1:8000", "http://127.0.0.1:4000"):
        text = text.replace(address, f"http://127.0.0.1:{port}")
    return text


def test_real_agent_clis_pass_todo_app_as_configured_in_the_readme_and_examples(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = [installed(package, version) for package, version, _ in CLIS.values()]
    monkeypatch.setenv("PATH", os.pathsep.join([*map(str, folders), os.environ["PATH"]]))
    with AgentEndpoint(reference_files()) as endpoint:
        (pytester.path / "llmcode.yaml").write_text(configuration(endpoint.port))
        models = [f"--llm-model=agent:{name}" for name in CLIS]
        result = pytester.runpytest_subprocess(
            "-p", "no:cacheprovider", str(EXAMPLES / "todo_app"), *models, "--llm-config=llmcode.yaml",
            "--llm-output=out", "--junitxml=junit.xml")
        paths = {request["path"].split("?")[0] for request in endpoint.requests}
    cases = junit_cases(pytester.path / "junit.xml")
    failed = {name: case.find("failure").get("message", "")[:300]  # type: ignore[union-attr]
              for name, case in cases.items() if case.find("failure") is not None}
    assert not failed, failed
    for name in CLIS:
        ran = [n for n in cases if f"[agent-{name}-s0]" in n]
        assert len(ran) >= 11, (name, sorted(cases))
        assert (pytester.path / "out" / "todo_app" / f"agent-{name}" / "s0" / "workspace" / "src").is_dir()
    assert {"/v1/chat/completions", "/v1/messages", "/v1/responses"} <= paths  # each spoke its own wire format
    result.assert_outcomes(passed=len(cases))


# Python CLIs (pip): 6-9 minutes each to install here, so not in .ci/run (docs/agents.md says how
# to run them): name -> (PyPI package, version, the wire path it speaks)
PYTHON_CLIS = {"mini-swe-agent": ("mini-swe-agent", "2.4.6", "/v1/chat/completions"),
               "aider": ("aider-chat", "0.86.2", "/v1/chat/completions")}


@opt_in
@pytest.mark.parametrize("name", list(PYTHON_CLIS))
def test_real_python_agent_clis_pass_todo_app_as_configured_in_the_examples(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    package, version, wire = PYTHON_CLIS[name]
    monkeypatch.setenv("PATH", os.pathsep.join([str(pip_installed("agent-clis", package, version,
                                                                   f"{package}=={version}")), os.environ["PATH"]]))
    examples = yaml.safe_load((ROOT / "examples" / "agents.llmcode.yaml").read_text())["agents"]
    with AgentEndpoint(reference_files()) as endpoint:
        text = yaml.safe_dump({"agents": {name: examples[name]}}, sort_keys=False)
        (pytester.path / "llmcode.yaml").write_text(text.replace("http://127.0.0.1:8000", endpoint.anthropic_url))
        result = pytester.runpytest_subprocess(
            "-p", "no:cacheprovider", str(EXAMPLES / "todo_app"), f"--llm-model=agent:{name}",
            "--llm-config=llmcode.yaml", "--llm-output=out", "--junitxml=junit.xml")
        paths = {request["path"].split("?")[0] for request in endpoint.requests}
    cases = junit_cases(pytester.path / "junit.xml")
    failed = {case_name: case.find("failure").get("message", "")[:300]  # type: ignore[union-attr]
              for case_name, case in cases.items() if case.find("failure") is not None}
    assert not failed, failed
    assert len(cases) >= 11 and paths == {wire}
    workspace = pytester.path / "out" / "todo_app" / f"agent-{name}" / "s0" / "workspace"
    assert (workspace / "src").is_dir()
    result.assert_outcomes(passed=len(cases))
