"""A model behind an HTTP endpoint, with its response cache, cassette, concurrency limit and prices."""

from __future__ import annotations

import dataclasses
from typing import Any

from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest, Model, Usage
from pytest_llmcode.models.config import RemoteConfig
from pytest_llmcode.models.http import Reply, Wire, request
from pytest_llmcode.models.limits import ConcurrencyLimit
from pytest_llmcode.models.registry import ModelSpecError, Prefixed, SpecContext
from pytest_llmcode.models.store import Cassette, Services, digest, replay_key


def _wire(name: str) -> Wire:
    if name == "anthropic":
        from pytest_llmcode.models.anthropic_messages import WIRE as ANTHROPIC

        return ANTHROPIC
    if name == "responses":
        from pytest_llmcode.models.openai_responses import WIRE as RESPONSES

        return RESPONSES
    from pytest_llmcode.models.openai_chat import WIRE as OPENAI

    return OPENAI


def judge(entry: dict[str, Any], usage: Usage, max_tokens: int | None) -> None:
    """A cut-off or empty answer is the model's failure at the generate stage."""
    if entry["finish"] == "length":
        limit = f" (max_tokens={max_tokens})" if max_tokens else ""
        raise GenerationError(
            f"the answer was cut off at the token limit{limit} after {usage.output_tokens} output tokens", usage
        )
    if not entry["text"].strip():
        thought = f" after {usage.reasoning_tokens or len(entry['thinking'])} tokens/characters of thinking" if entry[
            "thinking"
        ] else ""
        raise GenerationError(f"the model's answer is empty{thought}", usage)


class RemoteModel:
    def __init__(self, config: RemoteConfig, services: Services, spec: str) -> None:
        self.config = config
        self.services = services
        self.label = config.label
        self.spec = spec
        self.limit = ConcurrencyLimit(services.lock_dir, f"{config.wire}-{config.base_url}-{config.model}",
                                      config.max_concurrency)

    def _usage(self, entry: dict[str, Any]) -> Usage:
        tokens = entry["usage"]
        return Usage(
            input_tokens=tokens["input_tokens"],
            output_tokens=tokens["output_tokens"],
            cached_tokens=tokens["cached_tokens"],
            reasoning_tokens=tokens["reasoning_tokens"],
            cost_usd=self.config.cost(tokens["input_tokens"], tokens["output_tokens"], tokens["cached_tokens"])
            if self.priced
            else float(entry.get("reported_cost_usd") or entry.get("cost_usd") or 0.0),
        )

    @property
    def priced(self) -> bool:
        return bool(self.config.price_input or self.config.price_output)

    def _cost_source(self, entry: dict[str, Any]) -> str:
        """Where a request's cost comes from: the configured prices, the endpoint's own figure, or nowhere."""
        if self.priced:
            return "prices"
        return "endpoint" if entry.get("reported_cost_usd") is not None or entry.get("cost_usd") else "none"

    def _cache_key(self, messages: list[dict[str, str]], sample: int) -> str:
        config = self.config
        return digest({"wire": config.wire, "model": config.model, "base_url": config.base_url, "messages": messages,
                       "params": config.params.as_dict(), "sample": sample})

    def answered(self, request_: GenerationRequest | None) -> bool:
        """Whether :meth:`generate` would answer ``request_`` without the endpoint: from the
        ``--llm-replay`` cassette, or from the response cache. ``None``: any request (only a
        cassette answers every one)."""
        if self.services.replay is not None:
            return True
        if request_ is None:
            return False
        messages = [{"role": m.role, "content": m.content} for m in request_.messages]
        return self.services.cache.get(self._cache_key(messages, request_.sample)) is not None

    def generate(self, request_: GenerationRequest) -> Completion:
        messages = [{"role": m.role, "content": m.content} for m in request_.messages]
        config = self.config
        if request_.timeout:
            config = dataclasses.replace(
                config,
                request_timeout=min(config.request_timeout, request_.timeout),
                retry_budget=min(config.retry_budget, request_.timeout),
            )
        rkey = replay_key(self.label, messages, request_.sample)
        ckey = self._cache_key(messages, request_.sample)
        services = self.services
        if services.replay is not None:
            entry, source = services.replay.find(rkey), "replay"
        else:
            cached = services.cache.get(ckey)
            if cached is not None:
                entry, source = cached, "cache"
            else:
                with self.limit.slot():
                    reply = request(config, _wire(config.wire), messages)
                entry, source = _entry(reply), "endpoint"
        usage = self._usage(entry)
        if services.record is not None:
            services.record.append(
                {
                    "replay_key": rkey,
                    "label": self.label,
                    "wire": config.wire,
                    "model": config.model,
                    "sample": request_.sample,
                    "params": config.params.as_dict(),
                    "messages": messages,
                    "cost_usd": usage.cost_usd,
                    **entry,
                }
            )
        judge(entry, usage, config.params.max_tokens)
        if source == "endpoint":
            services.cache.put(ckey, entry)  # only complete answers are cached
        return Completion(
            text=entry["text"],
            usage=usage,
            thinking=entry["thinking"],
            model_id=str(entry.get("model", config.model)),
            first_token_s=entry["first_token_s"] if source == "endpoint" else None,
            total_s=entry["total_s"] if source == "endpoint" else 0.0,
            source=source,
            attempts=entry.get("attempts", 1) if source == "endpoint" else 0,
            cost_source=self._cost_source(entry),
        )


def _entry(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.text,
        "thinking": reply.thinking,
        "finish": reply.finish,
        "usage": {
            "input_tokens": reply.input_tokens,
            "output_tokens": reply.output_tokens,
            "cached_tokens": reply.cached_tokens,
            "reasoning_tokens": reply.reasoning_tokens,
        },
        "first_token_s": reply.first_token_s,
        "total_s": reply.total_s,
        "attempts": reply.attempts,
        "reported_cost_usd": reply.reported_cost,
    }


class ReplayModel(RemoteModel):
    """``replay:FILE``: answers recorded under one label, without any endpoint or config."""

    def __init__(self, label: str, cassette: Cassette, services: Services, spec: str) -> None:
        config = RemoteConfig(label=label, wire="replay", model=label, base_url="", key_env=None, key_required=False)
        super().__init__(config, dataclasses.replace(services, replay=cassette), spec)


def _replay_models(rest: str, spec: str, context: SpecContext) -> list[Model]:
    path = context.path(rest)
    if not path.is_file():
        raise ModelSpecError(f"no cassette at {path}")
    cassette = Cassette(path)
    labels = cassette.labels()
    if not labels:
        raise ModelSpecError(f"the cassette {path} records no exchange")
    return [ReplayModel(label, cassette, context.shared_services(), spec) for label in labels]


REPLAY_FAMILY = Prefixed("replay:", "replay:FILE", _replay_models)
