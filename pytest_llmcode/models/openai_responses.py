"""OpenAI's Responses API (``POST /responses``), as spoken by OpenAI for its newer models (and Codex),
LiteLLM's proxy and vLLM: the system message as ``instructions``, the rest as ``input``; the answer
as output items, streamed as typed events (``response.output_text.delta``, ``response.completed``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from pytest_llmcode.models.config import RemoteConfig
from pytest_llmcode.models.http import Reply, Request, Transient, Wire, loads, read_cost
from pytest_llmcode.models.openai_chat import split_think


def build(config: RemoteConfig, messages: list[dict[str, str]], key: str | None) -> Request:
    params = config.params
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    body: dict[str, Any] = {"model": config.model, "input": [m for m in messages if m["role"] != "system"],
                            "store": False}
    if system:
        body["instructions"] = system
    if params.max_tokens is not None:
        body["max_output_tokens"] = params.max_tokens
    for name in ("temperature", "top_p"):
        value = getattr(params, name)
        if value is not None:
            body[name] = value
    if params.reasoning_effort is not None:
        body["reasoning"] = {"effort": params.reasoning_effort}
    if config.stream:
        body["stream"] = True
    body.update(params.extra_body)
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    return f"{config.base_url}/responses", headers, body


def _finish(response: dict[str, Any]) -> str:
    status = response.get("status")
    reason = (response.get("incomplete_details") or {}).get("reason")
    if status == "incomplete":
        return "length" if reason in ("max_output_tokens", "max_tokens") else str(reason or "incomplete")
    return "stop" if status == "completed" else str(status or "")


def _usage(usage: Any, reply: Reply) -> None:
    if not isinstance(usage, dict):
        return
    reply.input_tokens = int(usage.get("input_tokens") or 0)
    reply.output_tokens = int(usage.get("output_tokens") or 0)
    reply.cached_tokens = int((usage.get("input_tokens_details") or {}).get("cached_tokens") or 0)
    reply.reasoning_tokens = int((usage.get("output_tokens_details") or {}).get("reasoning_tokens") or 0)
    read_cost(usage, reply)


def _failure(response: dict[str, Any]) -> Transient:
    return Transient(f"the response failed: {str(response.get('error') or response)[:300]}")


def read_stream(events: Iterator[tuple[str, str]], reply: Reply, progress: Callable[[], None]) -> None:
    text: list[str] = []
    thinking: list[str] = []
    for event, data in events:
        payload = loads(data, "the stream")
        kind = payload.get("type", event) if isinstance(payload, dict) else event
        if kind == "response.output_text.delta":
            text.append(str(payload.get("delta") or ""))
            progress()
        elif kind in ("response.reasoning_summary_text.delta", "response.reasoning_text.delta"):
            thinking.append(str(payload.get("delta") or ""))
            progress()
        elif kind in ("response.completed", "response.incomplete"):
            response = payload.get("response") or {}
            reply.finish = _finish(response)
            _usage(response.get("usage"), reply)
            break
        elif kind in ("response.failed", "error"):
            raise _failure(payload.get("response") or payload)
    if not reply.finish:
        raise Transient("the stream ended before response.completed")
    reply.text, inline = split_think("".join(text))
    reply.thinking = "".join(thinking) + inline


def read_json(data: Any, reply: Reply) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("output"), list):
        raise Transient(f"a response without an output list: {str(data)[:300]}")
    if data.get("status") == "failed":
        raise _failure(data)
    text: list[str] = []
    thinking: list[str] = []
    for item in data["output"]:
        if not isinstance(item, dict):
            continue
        if item.get("type") == "message":
            text += [str(part.get("text") or "") for part in item.get("content") or []
                     if isinstance(part, dict) and part.get("type") == "output_text"]
        elif item.get("type") == "reasoning":
            thinking += [str(part.get("text") or "") for part in item.get("summary") or [] if isinstance(part, dict)]
    reply.text, inline = split_think("".join(text))
    reply.thinking = "".join(thinking) + inline
    reply.finish = _finish(data)
    _usage(data.get("usage"), reply)


WIRE = Wire(build=build, read_stream=read_stream, read_json=read_json)
