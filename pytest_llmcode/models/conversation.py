"""One turn of a tool-using conversation, in the two wire formats: OpenAI Chat Completions with
``tools`` (``tool_calls`` in the reply, ``role: tool`` results) and Anthropic Messages with tool use
(``tool_use`` blocks, ``tool_result`` blocks in a user message). Requests go through the same
retries, timeouts and error handling as plain answers (:func:`pytest_llmcode.models.http.request`)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from pytest_llmcode.models.anthropic_messages import build as anthropic_build
from pytest_llmcode.models.base import Message, Usage
from pytest_llmcode.models.config import RemoteConfig
from pytest_llmcode.models.http import ProviderError, Reply, Wire, request
from pytest_llmcode.models.openai_chat import build as openai_build


@dataclasses.dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    parameters: dict[str, Any]  # JSON schema of the arguments


@dataclasses.dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]
    error: str | None = None  # the arguments were not a JSON object


@dataclasses.dataclass
class Turn:
    text: str
    calls: list[ToolCall]
    usage: Usage
    finish: str
    seconds: float


def _arguments(raw: Any) -> tuple[dict[str, Any], str | None]:
    if isinstance(raw, dict):
        return raw, None
    try:
        value = json.loads(raw or "{}")
    except (TypeError, json.JSONDecodeError) as exc:
        return {}, f"the arguments are not valid JSON: {exc}"
    return (value, None) if isinstance(value, dict) else ({}, "the arguments are not a JSON object")


class Conversation:
    """The messages of one agent session in the endpoint's own format, and how to ask for the next turn."""

    def __init__(self, config: RemoteConfig, messages: tuple[Message, ...], tools: list[ToolSpec]) -> None:
        if config.wire == "responses":
            raise ProviderError(f"{config.label}: the built-in agent speaks Chat Completions or Messages, not the "
                                "Responses API (wire: responses); set wire: chat for agent mode")
        self.config = dataclasses.replace(config, stream=False)
        self.anthropic = config.wire == "anthropic"
        self.tools = tools
        self.messages: list[dict[str, Any]] = [{"role": m.role, "content": m.content} for m in messages]
        self.last_reply: dict[str, Any] = {}  # the JSON body of the last reply asked for

    def _tool_list(self) -> list[dict[str, Any]]:
        if self.anthropic:
            return [{"name": t.name, "description": t.description, "input_schema": t.parameters} for t in self.tools]
        return [{"type": "function", "function": {"name": t.name, "description": t.description,
                                                  "parameters": t.parameters}} for t in self.tools]

    def ask(self) -> Turn:
        captured: dict[str, Any] = {}

        def build(config: RemoteConfig, messages: list[dict[str, str]], key: str | None) -> tuple[str, dict[str, str],
                                                                                                dict[str, Any]]:
            url, headers, body = (anthropic_build if self.anthropic else openai_build)(config, messages, key)
            body["tools"] = self._tool_list()
            return url, headers, body

        def read_json(data: Any, reply: Reply) -> None:
            if not isinstance(data, dict):
                raise ProviderError(f"the reply is not a JSON object: {str(data)[:200]}")
            captured["data"] = data

        wire = Wire(build=build, read_stream=lambda *_: None, read_json=read_json)
        reply = request(self.config, wire, self.messages)
        self.last_reply = captured["data"]
        turn = self.replay(self.last_reply)
        turn.seconds = reply.total_s
        return turn

    def replay(self, data: dict[str, Any]) -> Turn:
        """Take ``data`` (a reply's JSON body, as the endpoint sent it) as the next turn."""
        return self._read_anthropic(data) if self.anthropic else self._read_openai(data)

    def _read_openai(self, data: dict[str, Any]) -> Turn:
        choice = (data.get("choices") or [{}])[0]
        message = choice.get("message") or {}
        calls = []
        for call in message.get("tool_calls") or []:
            function = call.get("function") or {}
            arguments, error = _arguments(function.get("arguments"))
            calls.append(ToolCall(str(call.get("id", "")), str(function.get("name", "")), arguments, error))
        self.messages.append({k: v for k, v in {"role": "assistant", "content": message.get("content") or "",
                                                "tool_calls": message.get("tool_calls")}.items() if v is not None})
        usage = data.get("usage") or {}
        return Turn(message.get("content") or "", calls,
                    Usage(int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)),
                    str(choice.get("finish_reason") or ""), 0.0)

    def _read_anthropic(self, data: dict[str, Any]) -> Turn:
        blocks = data.get("content") or []
        text = "".join(b.get("text", "") for b in blocks if b.get("type") == "text")
        calls = [ToolCall(str(b.get("id", "")), str(b.get("name", "")), *_arguments(b.get("input")))
                 for b in blocks if b.get("type") == "tool_use"]
        self.messages.append({"role": "assistant", "content": blocks})
        usage = data.get("usage") or {}
        return Turn(text, calls, Usage(int(usage.get("input_tokens") or 0), int(usage.get("output_tokens") or 0)),
                    str(data.get("stop_reason") or ""), 0.0)

    def answer(self, results: list[tuple[ToolCall, str]]) -> None:
        """Give the results of the turn's tool calls back, in order."""
        if self.anthropic:
            self.messages.append({"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": call.id, "content": output} for call, output in results]})
        else:
            self.messages += [{"role": "tool", "tool_call_id": call.id, "content": output} for call, output in results]

    def nudge(self, text: str) -> None:
        """A plain user message (the model answered without calling a tool)."""
        self.messages.append({"role": "user", "content": text})
