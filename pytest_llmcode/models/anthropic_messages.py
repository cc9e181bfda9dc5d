"""The Anthropic Messages API, streaming (server-sent events) or not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pytest_llmcode.models.config import RemoteConfig
from pytest_llmcode.models.http import Reply, Request, Transient, Wire, loads, read_cost

API_VERSION = "2023-06-01"


def build(config: RemoteConfig, messages: list[dict[str, str]], key: str | None) -> Request:
    params = config.params
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    body: dict[str, Any] = {
        "model": config.model,
        "max_tokens": params.max_tokens,
        "messages": [m for m in messages if m["role"] != "system"],
    }
    if system:
        body["system"] = system
    for name in ("temperature", "top_p"):
        value = getattr(params, name)
        if value is not None:
            body[name] = value
    if params.thinking_budget:
        body["thinking"] = {"type": "enabled", "budget_tokens": params.thinking_budget}
    if config.stream:
        body["stream"] = True
    body.update(params.extra_body)
    headers = {"Content-Type": "application/json", "anthropic-version": API_VERSION}
    if key:
        headers["x-api-key"] = key
    return f"{config.base_url}/v1/messages", headers, body


def _finish(reason: str | None) -> str:
    return {"max_tokens": "length", "end_turn": "stop", "stop_sequence": "stop"}.get(reason or "", reason or "")


def _usage(usage: Any, reply: Reply) -> None:
    if not isinstance(usage, dict):
        return
    if "input_tokens" in usage:
        cached = int(usage.get("cache_read_input_tokens") or 0)
        created = int(usage.get("cache_creation_input_tokens") or 0)
        reply.input_tokens = int(usage["input_tokens"] or 0) + cached + created
        reply.cached_tokens = cached
    if "output_tokens" in usage:
        reply.output_tokens = int(usage["output_tokens"] or 0)
    read_cost(usage, reply)


def read_stream(events: Iterator[tuple[str, str]], reply: Reply, progress: Callable[[], None]) -> None:
    text: list[str] = []
    thinking: list[str] = []
    stopped = False
    for event, data in events:
        payload = loads(data, "the stream")
        kind = payload.get("type", event) if isinstance(payload, dict) else event
        if kind == "error":
            raise Transient(f"error in the stream: {str(payload.get('error'))[:300]}")
        if kind == "message_start":
            _usage((payload.get("message") or {}).get("usage"), reply)
        elif kind == "content_block_delta":
            delta = payload.get("delta") or {}
            if delta.get("type") == "text_delta":
                text.append(delta.get("text", ""))
                progress()
            elif delta.get("type") == "thinking_delta":
                thinking.append(delta.get("thinking", ""))
                progress()
        elif kind == "message_delta":
            reply.finish = _finish((payload.get("delta") or {}).get("stop_reason"))
            _usage(payload.get("usage"), reply)
        elif kind == "message_stop":
            stopped = True
            break
    if not stopped:
        raise Transient("the stream ended before message_stop")
    reply.text, reply.thinking = "".join(text), "".join(thinking)


def read_json(data: Any, reply: Reply) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("content"), list):
        raise Transient(f"a response without content blocks: {str(data)[:300]}")
    reply.text = "".join(b.get("text", "") for b in data["content"] if b.get("type") == "text")
    reply.thinking = "".join(b.get("thinking", "") for b in data["content"] if b.get("type") == "thinking")
    reply.finish = _finish(data.get("stop_reason"))
    _usage(data.get("usage"), reply)


WIRE = Wire(build=build, read_stream=read_stream, read_json=read_json)
