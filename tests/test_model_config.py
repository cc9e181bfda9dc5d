from __future__ import annotations

from pathlib import Path

import pytest

from pytest_llmcode.models.config import ConfigError, direct_config, find_config, load_aliases
from pytest_llmcode.models.registry import ModelSpecError
from pytest_llmcode.pipeline.models import model_resolver

ALIASES = """\
models:
  qwen3.5:
    provider: openrouter
    model: qwen/qwen3.5-35b-a3b
    params: {temperature: 0.6, max_tokens: 32000, seed: 1, reasoning_effort: high}
    price: {input: 0.25, output: 2.0}
    max_concurrency: 8
  local:
    provider: openai-compatible
    model: Qwen/Qwen3-32B
    base_url: http://127.0.0.1:8000/v1
  sonnet:
    provider: anthropic
    model: claude-sonnet-4-5
    params: {thinking_budget: 4000}
    price: {input: 3, output: 15, cached_input: 0.3}
"""


def test_aliases_resolve_provider_defaults_and_parameters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENROUTER_BASE_URL", raising=False)
    path = tmp_path / "llmcode.yaml"
    path.write_text(ALIASES)
    aliases = load_aliases(path)
    qwen = aliases["qwen3.5"]
    assert (qwen.wire, qwen.model, qwen.base_url) == ("openai", "qwen/qwen3.5-35b-a3b", "https://openrouter.ai/api/v1")
    assert qwen.key_env == "OPENROUTER_API_KEY" and qwen.key_required
    assert qwen.params.temperature == 0.6 and qwen.params.max_tokens == 32000 and qwen.params.reasoning_effort == "high"
    assert qwen.max_concurrency == 8
    assert qwen.cost(1_000_000, 100_000) == pytest.approx(0.25 + 0.2)
    local = aliases["local"]
    assert (local.wire, local.key_env, local.key_required) == ("openai", None, False)
    sonnet = aliases["sonnet"]
    assert sonnet.wire == "anthropic" and sonnet.params.thinking_budget == 4000
    assert sonnet.cost(1_000_000, 0, cached_tokens=500_000) == pytest.approx(1.5 + 0.15)


def test_pyproject_tool_llmcode_is_found(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.llmcode.models.fast]\nprovider = "ollama"\nmodel = "qwen3:8b"\n'
    )
    found = find_config(tmp_path, None)
    assert found == tmp_path / "pyproject.toml"
    assert load_aliases(found)["fast"].base_url == "http://127.0.0.1:11434/v1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("models:\n  a:\n    provider: openai\n", "key 'models.a.model': missing"),
        ("models:\n  a:\n    provider: acme\n    model: m\n", "key 'models.a.provider': expected the wire format or a provider"),
        ("models:\n  a:\n    provider: openai\n    model: m\n    colour: red\n", "key 'models.a.colour': unknown key"),
        ("models:\n  a:\n    provider: openai\n    model: m\n    max_concurrency: 0\n", "key 'models.a.max_concurrency': expected a whole number"),
        ("models:\n  a:\n    provider: openai-compatible\n    model: m\n", "key 'models.a.base_url': missing"),
        ("models:\n  a:\n    provider: openai\n    model: m\n    params: {reasoning_effort: max}\n", "key 'models.a.params.reasoning_effort'"),
        ("models: [1, 2]\n", "key 'models': expected a mapping of alias to model settings, got a list"),
        ("models:\n  a: [\n", "cannot be parsed"),
    ],
)
def test_config_errors_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "llmcode.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message) as info:
        load_aliases(path)
    assert str(info.value).startswith(str(path))


@pytest.mark.parametrize(
    ("spec", "wire", "model", "base", "key"),
    [
        ("openai/gpt-5", "openai", "gpt-5", "https://api.openai.com/v1", "OPENAI_API_KEY"),
        ("openrouter/qwen/qwen3.5-35b-a3b", "openai", "qwen/qwen3.5-35b-a3b", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
        ("anthropic/claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5", "https://api.anthropic.com", "ANTHROPIC_API_KEY"),
        ("together/meta/llama", "openai", "meta/llama", "https://api.together.xyz/v1", "TOGETHER_API_KEY"),
        ("fireworks/accounts/x/models/y", "openai", "accounts/x/models/y", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY"),
        ("vllm/Qwen/Qwen3-32B", "openai", "Qwen/Qwen3-32B", "http://127.0.0.1:8000/v1", "VLLM_API_KEY"),
    ],
)
def test_direct_specs(spec: str, wire: str, model: str, base: str, key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_BASE_URL", "OPENROUTER_BASE_URL", "ANTHROPIC_BASE_URL", "TOGETHER_BASE_URL",
                 "FIREWORKS_BASE_URL", "VLLM_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    config = direct_config(spec)
    assert config is not None
    assert (config.wire, config.model, config.base_url, config.key_env) == (wire, model, base, key)


def test_base_url_environment_variables_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1/")
    config = direct_config("openai/gpt-5")
    assert config is not None and config.base_url == "http://127.0.0.1:9999/v1"


def test_labels_and_unknown_specs(tmp_path: Path) -> None:
    resolver = model_resolver(tmp_path)
    assert [m.label for m in resolver.resolve("openrouter/qwen/qwen3.5-35b-a3b")] == ["openrouter_qwen_qwen3.5-35b-a3b"]
    assert [m.label for m in resolver.resolve("qwen=openrouter/qwen/qwen3.5-35b-a3b")] == ["qwen"]
    with pytest.raises(ModelSpecError, match="names no known model; expected 'reference', 'dir:PATH'"):
        resolver.resolve("gpt-imaginary")
    with pytest.raises(ModelSpecError, match="openai-compatible/<model>@<base url>"):
        resolver.resolve("openai-compatible/no-url")
