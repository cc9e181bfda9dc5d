"""OpenAI Chat Completions, as spoken by OpenAI, OpenRouter, vLLM, Ollama, Together and Fireworks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from pytest_llmcode.models.config import RemoteConfig
from pytest_llmcode.models.http import Reply, Request, Transient, Wire, loads, read_cost

_THINK = re.compile(r"<think>.*?(</think>|\Z)", re.S)


def split_think(text: str) -> tuple[str, str]:
    """Separate ``<think>...</think>`` blocks (reasoning models served raw) from the answer."""
    thinking = "".join(m.group(0) for m in _THINK.finditer(text))
    return _THINK.sub("", text), thinking


def build(config: RemoteConfig, messages: list[dict[str, str]], key: str | None) -> Request:
    params = config.params
    body: dict[str, Any] = {"model": config.model, "messages": messages, "max_tokens": params.max_tokens}
    for name in ("temperature", "top_p", "seed", "reasoning_effort"):
        value = getattr(params, name)
        if value is not None:
            body[name] = value
    if config.stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    body.update(params.extra_body)
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    return f"{config.base_url}/chat/completions", headers, body


def _usage(usage: Any, reply: Reply) -> None:
    if not isinstance(usage, dict):
        return
    reply.input_tokens = int(usage.get("prompt_tokens") or 0)
    reply.output_tokens = int(usage.get("completion_tokens") or 0)
    reply.cached_tokens = int((usage.get("prompt_tokens_details") or {}).get("cached_tokens") or 0)
    reply.reasoning_tokens = int((usage.get("completion_tokens_details") or {}).get("reasoning_tokens") or 0)
    read_cost(usage, reply)


def _finish(reason: str | None) -> str:
    return {"max_tokens": "length"}.get(reason or "", reason or "")


def read_stream(events: Iterator[tuple[str, str]], reply: Reply, progress: Callable[[], None]) -> None:
    text: list[str] = []
    thinking: list[str] = []
    done = False
    for _event, data in events:
        if data.strip() == "[DONE]":
            done = True
            break
        chunk = loads(data, "the stream")
        if isinstance(chunk, dict) and "error" in chunk:
            raise Transient(f"error in the stream: {str(chunk['error'])[:300]}")
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            if delta.get("content"):
                text.append(delta["content"])
                progress()
            reasoning = delta.get("reasoning_content") or delta.get("reasoning")
            if reasoning:
                thinking.append(reasoning)
                progress()
            if choice.get("finish_reason"):
                reply.finish = _finish(choice["finish_reason"])
        _usage(chunk.get("usage"), reply)
    if not done and not reply.finish:
        raise Transient("the stream ended before the answer was complete")
    reply.text, inline = split_think("".join(text))
    reply.thinking = "".join(thinking) + inline


def read_json(data: Any, reply: Reply) -> None:
    try:
        choice = data["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError):
        raise Transient(f"a response without choices[0].message: {str(data)[:300]}") from None
    reply.text, inline = split_think(message.get("content") or "")
    reply.thinking = (message.get("reasoning_content") or message.get("reasoning") or "") + inline
    reply.finish = _finish(choice.get("finish_reason"))
    _usage(data.get("usage"), reply)


WIRE = Wire(build=build, read_stream=read_stream, read_json=read_json)
