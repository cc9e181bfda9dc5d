"""A scripted model endpoint for real coding-agent CLIs (Qwen Code, Claude Code, Codex, ...): a real
HTTP server on 127.0.0.1 speaking OpenAI Chat Completions, OpenAI Responses and Anthropic Messages,
JSON and server-sent events, with tool calls.

Its first turn in a conversation writes the app: one call of the agent's own shell tool per file
(a here-document into the agent's working folder). A turn whose conversation already holds the
result of one of *this endpoint's* calls (known by the call ids it issued, not by "any tool
result") gets the final message. Requests without a shell tool (titles, summaries) get plain text.
"""

from __future__ import annotations

import itertools
import json
import shlex
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.loopback import LoopbackServer

SHELL_TOOLS = ("run_shell_command", "Bash", "bash", "shell", "exec_command")
# an agent that ends only on this command's output (mini-swe-agent) gets it as its last call
SUBMIT = "COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT"
# an agent without tools that asks for whole files in a *file listing* (Aider's "whole" format)
FILE_LISTING = "*file listing*"
DONE = "I wrote the app's files in the working folder. Done."


def shell_script(path: str, content: str) -> str:
    """A shell command that writes ``content`` to ``path`` (relative), whatever the content holds."""
    marker = "LLMCODE_EOF_7f3a"
    folder = path.rpartition("/")[0]
    mkdir = f"mkdir -p {shlex.quote(folder)} && " if folder else ""
    ending = "" if content.endswith("\n") else "\n"
    return f"{mkdir}cat > {shlex.quote(path)} <<'{marker}'\n{content}{ending}{marker}"


def _text_of(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return "".join(str(block.get("text", "")) for block in content if isinstance(block, dict))
    return str(content or "")


class AgentEndpoint(LoopbackServer):
    """``files``: what the agent is made to write (relative path -> text)."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.requests: list[dict[str, Any]] = []  # path, body, headers
        self.issued: set[str] = set()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        super().__init__()

    def _get(self, handler: BaseHTTPRequestHandler) -> None:
        self._reply(handler, 200, "application/json", json.dumps({"object": "list", "data": []}).encode())

    def _head(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    # --- the script ---

    def _new_id(self, prefix: str) -> str:
        with self._lock:
            call_id = f"{prefix}_llmcode_{next(self._ids)}"
            self.issued.add(call_id)
        return call_id

    def _answered(self, body: dict[str, Any]) -> bool:
        """Whether the conversation holds the result of one of this endpoint's calls."""
        for item in body.get("input") or []:  # the Responses API
            if isinstance(item, dict) and item.get("type") == "function_call_output" and item.get("call_id") in self.issued:
                return True
        for message in body.get("messages", []):
            if message.get("role") == "tool" and message.get("tool_call_id") in self.issued:
                return True
            content = message.get("content")
            if isinstance(content, list):
                for block in content:
                    if isinstance(block, dict) and block.get("type") == "tool_result" \
                            and block.get("tool_use_id") in self.issued:
                        return True
        return False

    @staticmethod
    def _shell_tool(body: dict[str, Any]) -> str | None:
        names = set()
        for tool in body.get("tools") or []:
            names.add(tool.get("name") or (tool.get("function") or {}).get("name"))
        return next((name for name in SHELL_TOOLS if name in names), None)

    def _calls(self, body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]] | None:
        """The tool calls of this turn, or None for the final message."""
        tool = self._shell_tool(body)
        if tool is None:
            return None
        if self._answered(body):
            asked_to_submit = SUBMIT in json.dumps(body.get("messages", []))
            return [(tool, {"command": f"echo {SUBMIT}"})] if asked_to_submit else None
        if tool == "exec_command":  # Codex: one command string
            return [(tool, {"cmd": shell_script(path, text)}) for path, text in self.files.items()]
        return [(tool, {"command": shell_script(path, text), "description": f"write {path}"})
                for path, text in self.files.items()]

    def _text(self, body: dict[str, Any]) -> str:
        """The text of a turn without tool calls: the files as a file listing for an agent that
        asks for one and has not been answered yet, else the final message."""
        messages = body.get("messages", [])
        asks = any(FILE_LISTING in _text_of(m) for m in messages if m.get("role") == "system")
        listing = "".join(f"{path}\n```\n{text}{'' if text.endswith(chr(10)) else chr(10)}```\n\n"
                          for path, text in self.files.items())
        # given already: a reflection after its edits (its example turns are not this endpoint's)
        given = any(m.get("role") == "assistant" and listing[:200] in _text_of(m) for m in messages)
        return listing if asks and not given else DONE

    # --- the wire ---

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, kind: str, payload: bytes) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def _post(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length", 0))
        body = json.loads(handler.rfile.read(length) or b"{}")
        with self._lock:
            self.requests.append({"path": handler.path, "body": body,
                                  "headers": {k.lower(): v for k, v in handler.headers.items()}})
        path = handler.path.split("?")[0]
        if path.endswith("/count_tokens"):
            self._reply(handler, 200, "application/json", json.dumps({"input_tokens": 100}).encode())
        elif path.endswith("/messages"):
            self._messages(handler, body)
        elif path.endswith("/chat/completions"):
            self._chat(handler, body)
        elif path.endswith("/responses"):
            self._responses(handler, body)
        else:
            self._reply(handler, 404, "application/json", json.dumps({"error": {"message": f"no {path}"}}).encode())

    def _chat(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        calls = self._calls(body)
        usage = {"prompt_tokens": 1000, "completion_tokens": 200, "total_tokens": 1200}
        made = [(self._new_id("call"), name, args) for name, args in calls or []]
        finish = "tool_calls" if made else "stop"
        if not body.get("stream"):
            message: dict[str, Any] = {"role": "assistant", "content": None if made else self._text(body)}
            if made:
                message["tool_calls"] = [{"id": i, "type": "function",
                                          "function": {"name": n, "arguments": json.dumps(a)}} for i, n, a in made]
            payload = {"id": "chatcmpl-llmcode", "object": "chat.completion", "created": 0, "model": body.get("model"),
                       "choices": [{"index": 0, "message": message, "finish_reason": finish}], "usage": usage}
            self._reply(handler, 200, "application/json", json.dumps(payload).encode())
            return

        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> str:
            data = {"id": "chatcmpl-llmcode", "object": "chat.completion.chunk", "created": 0,
                    "model": body.get("model"), "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}]}
            return f"data: {json.dumps(data)}\n\n"

        def events() -> Iterator[str]:
            yield chunk({"role": "assistant", "content": ""})
            if not made:
                text = self._text(body)
                for start in range(0, len(text), 4000):
                    yield chunk({"content": text[start:start + 4000]})
            for index, (call_id, name, args) in enumerate(made):
                yield chunk({"tool_calls": [{"index": index, "id": call_id, "type": "function",
                                             "function": {"name": name, "arguments": ""}}]})
                text = json.dumps(args)
                for start in range(0, len(text), 4000):
                    yield chunk({"tool_calls": [{"index": index, "function": {"arguments": text[start:start + 4000]}}]})
            yield chunk({}, finish)
            yield f"data: {json.dumps({'id': 'chatcmpl-llmcode', 'choices': [], 'usage': usage})}\n\n"
            yield "data: [DONE]\n\n"

        self._reply(handler, 200, "text/event-stream", "".join(events()).encode())

    def _messages(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        calls = self._calls(body)
        blocks: list[dict[str, Any]] = [{"type": "tool_use", "id": self._new_id("toolu"), "name": name, "input": args}
                                        for name, args in calls or []] or [{"type": "text", "text": DONE}]
        stop = "tool_use" if calls else "end_turn"
        usage = {"input_tokens": 1000, "output_tokens": 200, "cache_read_input_tokens": 0,
                 "cache_creation_input_tokens": 0}
        message = {"id": "msg_llmcode", "type": "message", "role": "assistant", "model": body.get("model"),
                   "stop_reason": stop, "stop_sequence": None, "usage": usage}
        if not body.get("stream"):
            self._reply(handler, 200, "application/json", json.dumps({**message, "content": blocks}).encode())
            return

        def event(name: str, data: dict[str, Any]) -> str:
            return f"event: {name}\ndata: {json.dumps({'type': name, **data})}\n\n"

        def events() -> Iterator[str]:
            yield event("message_start", {"message": {**message, "content": [], "stop_reason": None,
                                                      "usage": {**usage, "output_tokens": 1}}})
            for index, block in enumerate(blocks):
                if block["type"] == "text":
                    yield event("content_block_start", {"index": index, "content_block": {"type": "text", "text": ""}})
                    yield event("content_block_delta", {"index": index,
                                                        "delta": {"type": "text_delta", "text": block["text"]}})
                else:
                    yield event("content_block_start", {"index": index, "content_block": {**block, "input": {}}})
                    text = json.dumps(block["input"])
                    for start in range(0, len(text), 4000):
                        yield event("content_block_delta", {"index": index, "delta": {
                            "type": "input_json_delta", "partial_json": text[start:start + 4000]}})
                yield event("content_block_stop", {"index": index})
            yield event("message_delta", {"delta": {"stop_reason": stop, "stop_sequence": None},
                                          "usage": {"output_tokens": 200}})
            yield event("message_stop", {})

        self._reply(handler, 200, "text/event-stream", "".join(events()).encode())

    def _responses(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        """OpenAI's Responses API (Codex): function calls as output items, streamed as typed events."""
        calls = self._calls(body)
        items: list[dict[str, Any]] = [
            {"type": "function_call", "id": f"fc_{index}", "call_id": self._new_id("call"), "name": name,
             "arguments": json.dumps(args), "status": "completed"} for index, (name, args) in enumerate(calls or [])
        ] or [{"type": "message", "id": "msg_0", "role": "assistant", "status": "completed",
               "content": [{"type": "output_text", "text": DONE, "annotations": []}]}]
        usage = {"input_tokens": 1000, "output_tokens": 200, "total_tokens": 1200,
                 "input_tokens_details": {"cached_tokens": 0}, "output_tokens_details": {"reasoning_tokens": 0}}
        response = {"id": "resp_llmcode", "object": "response", "created_at": 0, "model": body.get("model"),
                    "status": "completed", "output": items, "usage": usage}
        if not body.get("stream"):
            self._reply(handler, 200, "application/json", json.dumps(response).encode())
            return

        def event(name: str, data: dict[str, Any]) -> str:
            return f"event: {name}\ndata: {json.dumps({'type': name, **data})}\n\n"

        def events() -> Iterator[str]:
            yield event("response.created", {"response": {**response, "status": "in_progress", "output": []}})
            for index, item in enumerate(items):
                if item["type"] == "function_call":
                    yield event("response.output_item.added", {"output_index": index, "item": {**item, "arguments": ""}})
                    yield event("response.function_call_arguments.delta", {"item_id": item["id"], "output_index": index,
                                                                           "delta": item["arguments"]})
                    yield event("response.function_call_arguments.done", {"item_id": item["id"], "output_index": index,
                                                                          "arguments": item["arguments"]})
                else:
                    text = item["content"][0]["text"]
                    yield event("response.output_item.added", {"output_index": index,
                                                               "item": {**item, "content": [], "status": "in_progress"}})
                    yield event("response.content_part.added", {"item_id": item["id"], "output_index": index,
                                                                "content_index": 0,
                                                                "part": {"type": "output_text", "text": ""}})
                    yield event("response.output_text.delta", {"item_id": item["id"], "output_index": index,
                                                               "content_index": 0, "delta": text})
                    yield event("response.output_text.done", {"item_id": item["id"], "output_index": index,
                                                              "content_index": 0, "text": text})
                    yield event("response.content_part.done", {"item_id": item["id"], "output_index": index,
                                                               "content_index": 0, "part": item["content"][0]})
                yield event("response.output_item.done", {"output_index": index, "item": item})
            yield event("response.completed", {"response": response})

        self._reply(handler, 200, "text/event-stream", "".join(events()).encode())
