"""Model aliases from ``llmcode.yaml`` (or ``[tool.llmcode]`` in pyproject.toml) and direct specs.

A resolved :class:`RemoteConfig` says everything about reaching one model: wire format,
model id, base URL, which environment variable holds the key (never the key itself),
generation parameters, prices, concurrency and retry limits.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import tomllib
import yaml

from pytest_llmcode.core.schema import Reader, SchemaError, describe

CONFIG_FILE = "llmcode.yaml"
WIRE_FORMATS = ("openai", "anthropic", "openai-compatible")


class ConfigError(SchemaError):
    """A model configuration that cannot be used; names the file, the key and what was expected."""


@dataclasses.dataclass(frozen=True)
class Provider:
    """A direct-spec prefix: ``openrouter/qwen/qwen3.5-35b-a3b`` and friends."""

    wire: str
    base_url: str
    key_env: str | None
    base_env: str
    key_required: bool = True


PROVIDERS: dict[str, Provider] = {
    "openai": Provider("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", "OPENAI_BASE_URL"),
    "openrouter": Provider("openai", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", "OPENROUTER_BASE_URL"),
    "anthropic": Provider("anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"),
    "ollama": Provider("openai", "http://127.0.0.1:11434/v1", None, "OLLAMA_BASE_URL", key_required=False),
    "vllm": Provider("openai", "http://127.0.0.1:8000/v1", "VLLM_API_KEY", "VLLM_BASE_URL", key_required=False),
    "together": Provider("openai", "https://api.together.xyz/v1", "TOGETHER_API_KEY", "TOGETHER_BASE_URL"),
    "fireworks": Provider("openai", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY", "FIREWORKS_BASE_URL"),
}
COMPATIBLE = "openai-compatible"  # openai-compatible/<model>@<base url>
COMPATIBLE_KEY_ENV = "OPENAI_COMPATIBLE_API_KEY"


@dataclasses.dataclass(frozen=True)
class Params:
    """Generation parameters; ``None`` leaves the provider's default."""

    temperature: float | None = None
    top_p: float | None = None
    max_tokens: int = 16000
    seed: int | None = None
    reasoning_effort: str | None = None  # OpenAI-style reasoning models
    thinking_budget: int | None = None  # Anthropic extended thinking
    extra_body: dict[str, Any] = dataclasses.field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in dataclasses.asdict(self).items() if v not in (None, {})}


@dataclasses.dataclass(frozen=True)
class RemoteConfig:
    label: str
    wire: str
    model: str
    base_url: str
    key_env: str | None
    key_required: bool
    params: Params = Params()
    price_input: float = 0.0  # USD per million input tokens
    price_output: float = 0.0  # USD per million output tokens
    price_cached_input: float | None = None  # USD per million cached input tokens (default: input price)
    max_concurrency: int = 4
    request_timeout: float = 600.0  # seconds without progress before a request is given up
    retries: int = 4  # further attempts after the first
    retry_base_delay: float = 1.0
    retry_budget: float = 300.0  # seconds all retries of one request may take
    stream: bool = True
    source: str = "direct spec"
    mode: str | None = None  # "completion" or "agent"; None: as --llm-mode says

    def api_key(self) -> str | None:
        return os.environ.get(self.key_env) if self.key_env else None

    def cost(self, input_tokens: int, output_tokens: int, cached_tokens: int = 0) -> float:
        cached_price = self.price_input if self.price_cached_input is None else self.price_cached_input
        fresh = max(0, input_tokens - cached_tokens)
        return (fresh * self.price_input + cached_tokens * cached_price + output_tokens * self.price_output) / 1e6


def direct_config(spec: str) -> RemoteConfig | None:
    """The config of a direct spec (``openai/gpt-5``), or ``None`` if ``spec`` is not one."""
    prefix, _, rest = spec.partition("/")
    if prefix == COMPATIBLE:
        model, sep, base = rest.rpartition("@")
        if not sep or not model or not base.startswith(("http://", "https://")):
            raise ConfigError(Path("--llm-model"), None, f"{spec!r}: expected openai-compatible/<model>@<base url>")
        key_set = bool(os.environ.get(COMPATIBLE_KEY_ENV))
        return RemoteConfig(
            label=spec, wire="openai", model=model, base_url=base.rstrip("/"),
            key_env=COMPATIBLE_KEY_ENV if key_set else None, key_required=False,
        )
    provider = PROVIDERS.get(prefix)
    if provider is None or not rest:
        return None
    base = os.environ.get(provider.base_env) or provider.base_url
    return RemoteConfig(
        label=spec, wire=provider.wire, model=rest, base_url=base.rstrip("/"),
        key_env=provider.key_env, key_required=provider.key_required,
    )


_ALIAS_KEYS = {
    "provider": f"the wire format or a provider: {', '.join(sorted({*WIRE_FORMATS, *PROVIDERS}))}",
    "model": "the model id the endpoint knows",
    "base_url": "the endpoint's base URL (http:// or https://)",
    "api_key_env": "the name of the environment variable that holds the key",
    "params": "generation parameters: temperature, top_p, max_tokens, seed, reasoning_effort, "
    "thinking_budget, extra_body",
    "price": "USD per million tokens: input, output, cached_input",
    "max_concurrency": "a whole number of requests at once, at least 1",
    "timeout": "seconds a request may go without progress",
    "retries": "how many times a failed request is tried again",
    "retry_base_delay": "seconds of the first backoff",
    "retry_budget": "seconds all retries of one request may take",
    "stream": "true to stream the answer (default), false for one response",
    "mode": "completion (one answer, the default) or agent (the built-in tool-using agent)",
    "wire": "the API of an OpenAI-compatible endpoint: chat (Chat Completions, the default) or responses",
}
_PARAM_KEYS = {
    "temperature": "a number",
    "top_p": "a number",
    "max_tokens": "a whole number",
    "seed": "a whole number",
    "reasoning_effort": "low, medium or high",
    "thinking_budget": "a whole number of tokens",
    "extra_body": "a mapping merged into the request body",
}


def _alias(label: str, reader: Reader) -> RemoteConfig:
    reader.check_keys(_ALIAS_KEYS)
    provider_name = reader.text("provider", _ALIAS_KEYS["provider"]) or ""
    if provider_name not in WIRE_FORMATS and provider_name not in PROVIDERS:
        raise reader.error("provider", _ALIAS_KEYS["provider"])
    known = PROVIDERS.get(provider_name)
    base_url = reader.text("base_url", _ALIAS_KEYS["base_url"], required=known is None)
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise reader.error("base_url", _ALIAS_KEYS["base_url"])
    key_env = reader.text("api_key_env", _ALIAS_KEYS["api_key_env"], required=False)
    params_reader = reader.mapping("params", _ALIAS_KEYS["params"], required=False)
    params = Params()
    if params_reader is not None:
        params_reader.check_keys(_PARAM_KEYS)
        values: dict[str, Any] = {}
        for name in ("temperature", "top_p"):
            values[name] = params_reader.number(name, _PARAM_KEYS[name])
        for name in ("max_tokens", "seed", "thinking_budget"):
            number = params_reader.number(name, _PARAM_KEYS[name], integer=True)
            values[name] = None if number is None else int(number)
        effort = params_reader.text("reasoning_effort", _PARAM_KEYS["reasoning_effort"], required=False)
        if effort is not None and effort not in ("low", "medium", "high"):
            raise params_reader.error("reasoning_effort", _PARAM_KEYS["reasoning_effort"])
        values["reasoning_effort"] = effort
        extra = params_reader.data.get("extra_body", {})
        if not isinstance(extra, dict):
            raise params_reader.error("extra_body", _PARAM_KEYS["extra_body"])
        values["extra_body"] = extra
        params = Params(**{k: v for k, v in values.items() if v is not None})
    price = reader.mapping("price", _ALIAS_KEYS["price"], required=False)
    if price is not None:
        price.check_keys({"input": "USD", "output": "USD", "cached_input": "USD"})
    concurrency = reader.number("max_concurrency", _ALIAS_KEYS["max_concurrency"], minimum=1, integer=True)
    stream = reader.data.get("stream", True)
    if not isinstance(stream, bool):
        raise reader.error("stream", _ALIAS_KEYS["stream"])
    mode = reader.text("mode", _ALIAS_KEYS["mode"], required=False)
    if mode is not None and mode not in ("completion", "agent"):
        raise reader.error("mode", _ALIAS_KEYS["mode"])
    wire = known.wire if known else "openai" if provider_name == COMPATIBLE else provider_name
    api = reader.text("wire", _ALIAS_KEYS["wire"], required=False)
    if api is not None:
        if api not in ("chat", "responses") or wire != "openai":
            raise reader.error("wire", _ALIAS_KEYS["wire"] + f" (provider {provider_name!r} speaks {wire})")
        if api == "responses" and mode == "agent":
            raise reader.error("wire", "chat with mode: agent (the built-in agent speaks Chat Completions)")
        wire = "responses" if api == "responses" else wire
    optional = {
        "request_timeout": reader.number("timeout", _ALIAS_KEYS["timeout"], minimum=0.001),
        "retries": reader.number("retries", _ALIAS_KEYS["retries"], integer=True),
        "retry_base_delay": reader.number("retry_base_delay", _ALIAS_KEYS["retry_base_delay"]),
        "retry_budget": reader.number("retry_budget", _ALIAS_KEYS["retry_budget"]),
    }
    return RemoteConfig(
        label=label,
        wire=wire,
        model=reader.text("model", _ALIAS_KEYS["model"]) or "",
        base_url=(base_url or (os.environ.get(known.base_env) if known else None) or (known.base_url if known else ""))
        .rstrip("/"),
        # a base URL of your own (vLLM, a proxy) needs only the key you name; the provider's
        # own endpoint needs the provider's key
        key_env=key_env or (known.key_env if known and base_url is None else None),
        key_required=bool(key_env) or bool(known and base_url is None and known.key_required),
        params=params,
        price_input=(price.number("input", "a number of USD") or 0.0) if price else 0.0,
        price_output=(price.number("output", "a number of USD") or 0.0) if price else 0.0,
        price_cached_input=price.number("cached_input", "a number of USD") if price else None,
        max_concurrency=int(concurrency or 4),
        stream=stream,
        mode=mode,
        source=f"{reader.path}",
        **{k: (int(v) if k == "retries" else v) for k, v in optional.items() if v is not None},  # type: ignore[arg-type]
    )


def load_aliases(path: Path) -> dict[str, RemoteConfig]:
    """Aliases from ``llmcode.yaml`` (``models:``) or ``pyproject.toml`` (``[tool.llmcode.models]``)."""
    try:
        if path.suffix == ".toml":
            data: Any = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("llmcode", {})
        else:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(path, None, f"cannot be parsed: {exc}") from None
    except OSError as exc:
        raise ConfigError(path, None, f"cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(path, None, f"expected a mapping with a 'models' key, got {describe(data)}")
    top = Reader(path, data, ConfigError, prefix="tool.llmcode." if path.suffix == ".toml" else "")
    top.check_keys({"models": "a mapping of alias to model settings",
                    "agents": "a mapping of agent name to its command and settings"})
    models = top.mapping("models", "a mapping of alias to model settings", required=False)
    aliases: dict[str, RemoteConfig] = {}
    for label, settings in (models.data if models else {}).items():
        assert models is not None
        entry = models.mapping(str(label), "a mapping with provider, model, base_url, ...", required=True)
        assert entry is not None and isinstance(settings, dict)
        aliases[str(label)] = _alias(str(label), entry)
    return aliases


def find_config(root: Path, explicit: Path | None) -> Path | None:
    """The config file in use: ``--llm-config``, else ``llmcode.yaml``, else a pyproject with [tool.llmcode]."""
    if explicit is not None:
        return explicit
    if (root / CONFIG_FILE).is_file():
        return root / CONFIG_FILE
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            if "llmcode" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                return pyproject
        except tomllib.TOMLDecodeError:
            return None
    return None
