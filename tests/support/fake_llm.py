"""A real HTTP server on 127.0.0.1 that speaks the OpenAI Chat Completions, OpenAI Responses and
Anthropic Messages wire formats (JSON and server-sent events), with scripted trouble for the tests.

Each request takes the action ``choose`` gives for its body, if set and not None; else the next
scripted action (default: answer with ``default_answer``).
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.loopback import LoopbackServer


@dataclasses.dataclass
class Action:
    kind: str = "answer"  # answer | whole | status | hang | malformed | cut | length | thinking | think_inline
    text: str | None = None
    thinking: str = ""
    status: int = 200
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    seconds: float = 0.0  # for hang, and a delay before answering
    tools: list[tuple[str, dict[str, Any]]] | None = None  # tool calls to answer with (agent sessions)
    cost: float | None = None  # the cost the endpoint reports in its usage (as LiteLLM and OpenRouter do)


@dataclasses.dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


class FakeLLM(LoopbackServer):
    def __init__(self, default_answer: str = "Hello") -> None:
        self.default_answer = default_answer
        self.script: list[Action] = []
        self.requests: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.delay = 0.0
        self.choose: Callable[[dict[str, Any]], Action | None] | None = None  # called in the server's threads
        self._lock = threading.Lock()
        self._stopping = threading.Event()  # wakes requests held by ``delay`` when the server stops
        super().__init__()

    def stop(self) -> None:
        self._stopping.set()
        super().stop()

    def _next(self) -> Action:
        with self._lock:
            return self.script.pop(0) if self.script else Action()

    def _post(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length", 0))
        body = json.loads(handler.rfile.read(length) or b"{}")
        with self._lock:
            self.requests.append(Seen(handler.path, {k.lower(): v for k, v in handler.headers.items()}, body))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            action = (self.choose(body) if self.choose is not None else None) or self._next()
            if self._stopping.wait(self.delay + (action.seconds if action.kind != "hang" else 0)):
                handler.close_connection = True
                return
            if action.kind == "hang":
                time.sleep(action.seconds)
                handler.close_connection = True
                return
            if action.kind == "status":
                payload = (action.text or json.dumps({"error": {"message": "scripted"}})).encode()
                handler.send_response(action.status)
                for name, value in action.headers.items():
                    handler.send_header(name, value)
                handler.send_header("Content-Type", "application/json")
                handler.send_header("Content-Length", str(len(payload)))
                handler.end_headers()
                handler.wfile.write(payload)
                return
            anthropic = handler.path.endswith("/v1/messages")
            stream = bool(body.get("stream")) and action.kind != "whole"  # whole: one JSON body even when asked to stream
            if handler.path.endswith("/responses"):
                self._responses(handler, body, action, stream)
            elif anthropic:
                self._anthropic(handler, body, action, stream)
            else:
                self._openai(handler, body, action, stream)
        finally:
            with self._lock:
                self.in_flight -= 1

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, content_type: str, payload: bytes, *, cut: bool = False) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload) * 2 if cut else len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
        handler.wfile.flush()
        if cut:
            handler.close_connection = True

    def _usage(self, body: dict[str, Any], text: str) -> tuple[int, int]:
        return len(json.dumps(body.get("messages", []))) // 4 + len(body.get("system", "")) // 4, max(1, len(text) // 4)

    def _openai(self, handler: BaseHTTPRequestHandler, body: dict[str, Any], action: Action, stream: bool) -> None:
        text = self.default_answer if action.text is None else action.text
        reasoning = action.thinking if action.kind == "thinking" else ""
        if action.kind == "think_inline":
            text = f"<think>{action.thinking}</think>\n{text}"
        finish = "length" if action.kind == "length" else "stop"
        prompt_tokens, completion_tokens = self._usage(body, text + reasoning)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
            "prompt_tokens_details": {"cached_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": len(reasoning) // 4},
            **({"cost": action.cost} if action.cost is not None else {}),
        }
        if action.kind == "malformed":
            self._send(handler, "application/json" if not stream else "text/event-stream",
                       b'{"choices": [{"message": ' if not stream else b'data: {"choices": [\n\n')
            return
        if not stream:
            message: dict[str, Any] = {"role": "assistant", "content": text}
            if reasoning:
                message["reasoning_content"] = reasoning
            if action.tools is not None:
                message["content"] = action.text  # None when it only calls tools, as OpenAI sends it
                message["tool_calls"] = [
                    {"id": f"call_{len(self.requests)}_{i}", "type": "function",
                     "function": {"name": name, "arguments": json.dumps(args)}}
                    for i, (name, args) in enumerate(action.tools)]
                finish = "tool_calls"
            payload = {
                "id": "chatcmpl-1", "object": "chat.completion", "created": int(time.time()), "model": body["model"],
                "choices": [{"index": 0, "message": message, "finish_reason": finish}], "usage": usage,
            }
            self._send(handler, "application/json", json.dumps(payload).encode())
            return

        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> str:
            data = {
                "id": "chatcmpl-1", "object": "chat.completion.chunk", "created": int(time.time()),
                "model": body["model"], "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
            }
            return f"data: {json.dumps(data)}\n\n"

        events = [chunk({"role": "assistant", "content": ""})]
        for start in range(0, len(reasoning), 200):
            events.append(chunk({"reasoning_content": reasoning[start : start + 200]}))
        for start in range(0, len(text), 200):
            events.append(chunk({"content": text[start : start + 200]}))
        if action.kind == "cut":
            self._send(handler, "text/event-stream", "".join(events[: max(2, len(events) // 2)]).encode(), cut=True)
            return
        events.append(chunk({}, finish))
        events.append(f"data: {json.dumps({'id': 'chatcmpl-1', 'choices': [], 'usage': usage})}\n\n")
        events.append("data: [DONE]\n\n")
        self._send(handler, "text/event-stream", "".join(events).encode())

    def _anthropic(self, handler: BaseHTTPRequestHandler, body: dict[str, Any], action: Action, stream: bool) -> None:
        text = self.default_answer if action.text is None else action.text
        thinking = action.thinking if action.kind == "thinking" else ""
        stop = "max_tokens" if action.kind == "length" else "end_turn"
        input_tokens, output_tokens = self._usage(body, text + thinking)
        if action.kind == "malformed":
            self._send(handler, "application/json", b'{"content": [')
            return
        blocks: list[dict[str, Any]] = ([{"type": "thinking", "thinking": thinking, "signature": "sig"}] if thinking else []) + [
            {"type": "text", "text": text}
        ]
        if action.tools is not None:
            blocks = ([{"type": "text", "text": action.text}] if action.text else []) + [
                {"type": "tool_use", "id": f"toolu_{len(self.requests)}_{i}", "name": name, "input": args}
                for i, (name, args) in enumerate(action.tools)]
            stop = "tool_use"
        if not stream:
            payload = {
                "id": "msg_1", "type": "message", "role": "assistant", "model": body["model"], "content": blocks,
                "stop_reason": stop, "stop_sequence": None,
                "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens, "cache_read_input_tokens": 0,
                          **({"cost": action.cost} if action.cost is not None else {})},
            }
            self._send(handler, "application/json", json.dumps(payload).encode())
            return

        def event(name: str, data: dict[str, Any]) -> str:
            return f"event: {name}\ndata: {json.dumps(data)}\n\n"

        events = [
            event("message_start", {"type": "message_start", "message": {
                "id": "msg_1", "type": "message", "role": "assistant", "content": [], "model": body["model"],
                "stop_reason": None, "stop_sequence": None,
                "usage": {"input_tokens": input_tokens, "output_tokens": 1, "cache_read_input_tokens": 0}}}),
            event("ping", {"type": "ping"}),
        ]
        for index, block in enumerate(blocks):
            kind = block["type"]
            events.append(event("content_block_start", {"type": "content_block_start", "index": index,
                                                        "content_block": {"type": kind, kind: ""}}))
            content = block[kind]
            delta_type = "thinking_delta" if kind == "thinking" else "text_delta"
            for start in range(0, len(content), 200):
                events.append(event("content_block_delta", {"type": "content_block_delta", "index": index,
                                                            "delta": {"type": delta_type, kind: content[start:start + 200]}}))
            events.append(event("content_block_stop", {"type": "content_block_stop", "index": index}))
        if action.kind == "cut":
            self._send(handler, "text/event-stream", "".join(events[: max(3, len(events) // 2)]).encode(), cut=True)
            return
        events.append(event("message_delta", {"type": "message_delta", "delta": {"stop_reason": stop, "stop_sequence": None},
                                              "usage": {"output_tokens": output_tokens,
                                                        **({"cost": action.cost} if action.cost is not None else {})}}))
        events.append(event("message_stop", {"type": "message_stop"}))
        self._send(handler, "text/event-stream", "".join(events).encode())

    def _responses(self, handler: BaseHTTPRequestHandler, body: dict[str, Any], action: Action, stream: bool) -> None:
        text = self.default_answer if action.text is None else action.text
        thinking = action.thinking if action.kind == "thinking" else ""
        input_tokens, output_tokens = self._usage({"messages": body.get("input", []),
                                                   "system": body.get("instructions", "")}, text + thinking)
        usage = {"input_tokens": input_tokens, "output_tokens": output_tokens, "total_tokens": input_tokens + output_tokens,
                 "input_tokens_details": {"cached_tokens": 0},
                 "output_tokens_details": {"reasoning_tokens": len(thinking) // 4},
                 **({"cost": action.cost} if action.cost is not None else {})}
        output: list[dict[str, Any]] = ([{"type": "reasoning", "id": "rs_1", "summary": [
            {"type": "summary_text", "text": thinking}]}] if thinking else []) + [
            {"type": "message", "id": "msg_1", "role": "assistant", "status": "completed",
             "content": [{"type": "output_text", "text": text, "annotations": []}]}]
        length = action.kind == "length"
        response = {"id": "resp_1", "object": "response", "model": body["model"], "output": output, "usage": usage,
                    "status": "incomplete" if length else "completed",
                    "incomplete_details": {"reason": "max_output_tokens"} if length else None}
        if action.kind == "malformed":
            self._send(handler, "text/event-stream" if stream else "application/json", b'{"output": [')
            return
        if not stream:
            self._send(handler, "application/json", json.dumps(response).encode())
            return

        def event(name: str, data: dict[str, Any]) -> str:
            return f"event: {name}\ndata: {json.dumps({'type': name, **data})}\n\n"

        events = [event("response.created", {"response": {**response, "status": "in_progress", "output": []}})]
        for start in range(0, len(thinking), 200):
            events.append(event("response.reasoning_summary_text.delta", {"delta": thinking[start:start + 200]}))
        for start in range(0, len(text), 200):
            events.append(event("response.output_text.delta", {"item_id": "msg_1", "delta": text[start:start + 200]}))
        if action.kind == "cut":
            self._send(handler, "text/event-stream", "".join(events[: max(2, len(events) // 2)]).encode(), cut=True)
            return
        events.append(event("response.incomplete" if length else "response.completed", {"response": response}))
        self._send(handler, "text/event-stream", "".join(events).encode())
