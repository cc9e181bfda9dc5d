"""One request to a model endpoint: streaming, bounded retries with backoff, plain errors.

Transient trouble (429, 5xx, connection errors, timeouts, a stream cut off, malformed
JSON) is retried with exponential backoff and full jitter, honouring ``Retry-After``,
bounded in attempts and in total time. What still fails is a :class:`ProviderError`:
an error of the harness's infrastructure, never a failure of the model.
"""

from __future__ import annotations

import dataclasses
import email.utils
import functools
import json
import random
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import httpx

from pytest_llmcode.core.errors import InfrastructureError
from pytest_llmcode.models.config import RemoteConfig


class ProviderError(InfrastructureError):
    """The endpoint could not give an answer (after retries); says which endpoint and what it said."""


class Transient(Exception):
    """Worth another try."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclasses.dataclass
class Reply:
    """What an endpoint answered, before any judgement of it."""

    text: str = ""
    thinking: str = ""
    finish: str = ""  # "stop", "length", ... as normalized by the wire module
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    first_token_s: float | None = None
    total_s: float = 0.0
    attempts: int = 1
    reported_cost: float | None = None  # USD, when the endpoint says what the request cost (LiteLLM, OpenRouter)


Request = tuple[str, dict[str, str], dict[str, Any]]  # url, headers, JSON body


@dataclasses.dataclass(frozen=True)
class Wire:
    """How one API is spoken: the request, and how to read its stream or its JSON body."""

    build: Callable[[RemoteConfig, list[dict[str, str]], str | None], Request]
    read_stream: Callable[[Iterator[tuple[str, str]], Reply, Callable[[], None]], None]
    read_json: Callable[[Any, Reply], None]


def read_cost(usage: dict[str, Any], reply: Reply) -> None:
    """The cost an endpoint reports in its usage (``usage.cost``, USD), if it does."""
    cost = usage.get("cost")
    if isinstance(cost, (int, float)) and not isinstance(cost, bool) and cost >= 0:
        reply.reported_cost = float(cost)


def _json_answer(response: httpx.Response) -> bool:
    """Whether a response to a streamed request came as one JSON body instead (some servers do)."""
    return str(response.headers.get("content-type", "")).split(";")[0].strip().lower() == "application/json"


def redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "[redacted]") if secret else text


def sse_events(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Server-sent events as (event name, data) pairs."""
    event, data = "message", list[str]()
    for line in lines:
        if not line:
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith(":"):
            continue
        else:
            name, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if name == "event":
                event = value
            elif name == "data":
                data.append(value)
    if data:
        yield event, "\n".join(data)


def loads(data: str, what: str) -> Any:
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise Transient(f"malformed JSON in {what}: {exc}: {data[:200]!r}") from None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def _check_status(response: httpx.Response, body: str) -> None:
    status = response.status_code
    if status == 429 or status >= 500:
        raise Transient(f"HTTP {status}: {body[:300]}", _retry_after(response.headers.get("retry-after")))
    if status >= 400:
        raise ProviderError(f"HTTP {status}: {body[:500]}")


def _once(config: RemoteConfig, wire: Wire, client: httpx.Client, messages: list[dict[str, str]], reply: Reply) -> None:
    key = config.api_key()
    url, headers, body = wire.build(config, messages, key)
    started = time.monotonic()
    deadline = started + config.request_timeout

    def progress() -> None:
        if reply.first_token_s is None:
            reply.first_token_s = round(time.monotonic() - started, 3)
        if time.monotonic() > deadline:
            raise Transient(f"no complete answer within {config.request_timeout:g}s")

    try:
        if config.stream:
            with client.stream("POST", url, headers=headers, json=body) as response:
                if response.status_code >= 400:
                    _check_status(response, response.read().decode("utf-8", "replace"))
                if _json_answer(response):
                    wire.read_json(loads(response.read().decode("utf-8", "replace"), "the response body"), reply)
                    progress()
                else:
                    wire.read_stream(sse_events(response.iter_lines()), reply, progress)
        else:
            response = client.post(url, headers=headers, json=body)
            _check_status(response, response.text)
            wire.read_json(loads(response.text, "the response body"), reply)
            reply.first_token_s = round(time.monotonic() - started, 3)
    except httpx.TimeoutException as exc:
        raise Transient(f"timed out ({type(exc).__name__}) after {time.monotonic() - started:.1f}s") from None
    except (httpx.TransportError, httpx.DecodingError) as exc:
        raise Transient(f"connection failed: {type(exc).__name__}: {exc}") from None
    reply.total_s = round(time.monotonic() - started, 3)


@functools.lru_cache(maxsize=1)
def _tls() -> ssl.SSLContext:
    """One TLS context (httpx's default: certifi's CAs, or SSL_CERT_FILE / SSL_CERT_DIR) for every
    request of the run: building one reads the CA bundle, about 30 ms a request otherwise."""
    return httpx.create_ssl_context()


def request(
    config: RemoteConfig, wire: Wire, messages: list[dict[str, str]], *, sleep: Callable[[float], None] = time.sleep
) -> Reply:
    """Ask the endpoint once, retrying transient trouble within the configured bounds."""
    timeout = httpx.Timeout(connect=10.0, read=config.request_timeout, write=60.0, pool=10.0)
    endpoint = wire.build(config, messages, None)[0]
    started = time.monotonic()
    failures: list[str] = []
    with httpx.Client(timeout=timeout, verify=_tls()) as client:
        for attempt in range(config.retries + 1):
            reply = Reply(attempts=attempt + 1)
            try:
                _once(config, wire, client, messages, reply)
                return reply
            except Transient as exc:
                failures.append(redact(str(exc), config.api_key()))
                if attempt == config.retries:
                    break
                backoff = random.uniform(0, config.retry_base_delay * 2**attempt)
                delay = exc.retry_after if exc.retry_after is not None else backoff
                if time.monotonic() - started + delay > config.retry_budget:
                    failures.append(f"(retry budget of {config.retry_budget:g}s spent)")
                    break
                sleep(delay)
            except ProviderError as exc:
                raise ProviderError(f"{endpoint} answered {redact(str(exc), config.api_key())}") from None
    tried = len([f for f in failures if not f.startswith("(")])
    raise ProviderError(
        f"{endpoint} gave no answer after {tried} attempt(s) over {time.monotonic() - started:.1f}s: "
        + "; ".join(failures[-3:])
    )
