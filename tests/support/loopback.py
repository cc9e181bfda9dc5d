"""A real HTTP server on 127.0.0.1, at a free port, each request on a thread of its own: the fake
model endpoints of the tests (:class:`~tests.support.fake_llm.FakeLLM`,
:class:`~tests.support.agent_endpoint.AgentEndpoint`) answer its requests."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

S = TypeVar("S", bound="LoopbackServer")


class LoopbackServer:
    """Started and stopped by ``with``; a subclass answers POST in :meth:`_post` (GET and HEAD are
    501, as http.server has them, unless it answers them too)."""

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # the names http.server calls
                owner._post(self)

            def do_GET(self) -> None:
                owner._get(self)

            def do_HEAD(self) -> None:
                owner._head(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def openai_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def anthropic_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self: S) -> S:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _post(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError

    def _get(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_error(501, f"Unsupported method ({handler.command!r})")

    def _head(self, handler: BaseHTTPRequestHandler) -> None:
        handler.send_error(501, f"Unsupported method ({handler.command!r})")
