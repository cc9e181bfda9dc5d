"""Remote models against a real HTTP server on loopback speaking each wire format."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest, Message
from pytest_llmcode.models.config import Params, RemoteConfig
from pytest_llmcode.models.http import ProviderError
from pytest_llmcode.models.remote import RemoteModel
from pytest_llmcode.models.store import Cassette, ReplayMiss, ResponseCache, Services
from tests.support.fake_llm import Action, FakeLLM

KEY = "sk-test-0123456789abcdef"
MESSAGES = (Message("system", "You write code."), Message("user", "Write hello.txt"))
ANSWER = "File: hello.txt\n```\nhello\n```\n"


@pytest.fixture
def server() -> Iterator[FakeLLM]:
    with FakeLLM(ANSWER) as fake:
        yield fake


def make(
    server: FakeLLM, tmp_path: Path, *, wire: str = "openai", cache: str = "readwrite", **changes: Any
) -> RemoteModel:
    config = RemoteConfig(
        label="fake",
        wire=wire,
        model="fake-model-1",
        base_url=server.anthropic_url if wire == "anthropic" else server.openai_url,
        key_env="LLMCODE_TEST_KEY",
        key_required=True,
        params=Params(max_tokens=1000, temperature=0.2, seed=7),
        price_input=2.0,
        price_output=10.0,
        retries=3,
        retry_base_delay=0.05,
        retry_budget=20.0,
        request_timeout=5.0,
    )
    config = dataclasses.replace(config, **changes)
    services = Services(cache=ResponseCache(tmp_path / "cache", cache), lock_dir=tmp_path / "locks")
    return RemoteModel(config, services, "fake")


def ask(model: RemoteModel, sample: int = 0) -> Completion:
    return model.generate(GenerationRequest(messages=MESSAGES, sample=sample))


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMCODE_TEST_KEY", KEY)


@pytest.mark.parametrize("stream", [True, False])
def test_openai_chat_completions(server: FakeLLM, tmp_path: Path, stream: bool) -> None:
    completion = make(server, tmp_path, stream=stream).generate(GenerationRequest(messages=MESSAGES, sample=0))
    assert completion.text == ANSWER
    assert completion.usage.input_tokens > 0 and completion.usage.output_tokens == len(ANSWER) // 4
    expected_cost = (completion.usage.input_tokens * 2.0 + completion.usage.output_tokens * 10.0) / 1e6
    assert completion.usage.cost_usd == pytest.approx(expected_cost)
    assert completion.source == "endpoint" and completion.first_token_s is not None and completion.total_s > 0
    seen = server.requests[0]
    assert seen.path == "/v1/chat/completions"
    assert seen.headers["authorization"] == f"Bearer {KEY}"
    assert seen.body["model"] == "fake-model-1" and seen.body["max_tokens"] == 1000
    assert seen.body["temperature"] == 0.2 and seen.body["seed"] == 7
    assert seen.body["messages"] == [{"role": "system", "content": "You write code."},
                                     {"role": "user", "content": "Write hello.txt"}]
    assert seen.body.get("stream", False) is stream
    if stream:
        assert seen.body["stream_options"] == {"include_usage": True}


@pytest.mark.parametrize("stream", [True, False])
def test_anthropic_messages(server: FakeLLM, tmp_path: Path, stream: bool) -> None:
    completion = make(server, tmp_path, wire="anthropic", stream=stream).generate(
        GenerationRequest(messages=MESSAGES, sample=0)
    )
    assert completion.text == ANSWER and completion.usage.output_tokens == len(ANSWER) // 4
    seen = server.requests[0]
    assert seen.path == "/v1/messages"
    assert seen.headers["x-api-key"] == KEY and seen.headers["anthropic-version"] == "2023-06-01"
    assert seen.body["system"] == "You write code."
    assert seen.body["messages"] == [{"role": "user", "content": "Write hello.txt"}]
    assert "seed" not in seen.body


@pytest.mark.parametrize("wire", ["openai", "anthropic", "responses"])
def test_a_streamed_request_answered_with_one_json_body_is_read(server: FakeLLM, tmp_path: Path, wire: str) -> None:
    server.script = [Action("whole")]  # LiteLLM's proxy does this for some providers
    completion = ask(make(server, tmp_path, wire=wire, stream=True))
    assert completion.text == ANSWER and completion.usage.output_tokens == len(ANSWER) // 4
    assert len(server.requests) == 1 and server.requests[0].body["stream"] is True  # no retries


@pytest.mark.parametrize("wire", ["openai", "anthropic", "responses"])
@pytest.mark.parametrize("stream", [True, False])
def test_the_endpoints_own_cost_is_used_when_no_price_is_set(
    server: FakeLLM, tmp_path: Path, wire: str, stream: bool
) -> None:
    server.choose = lambda body: Action(cost=0.0123)
    unpriced = ask(make(server, tmp_path / "a", wire=wire, stream=stream, price_input=0.0, price_output=0.0))
    assert unpriced.usage.cost_usd == pytest.approx(0.0123) and unpriced.cost_source == "endpoint"
    priced = ask(make(server, tmp_path / "b", wire=wire, stream=stream))
    assert priced.usage.cost_usd == pytest.approx((priced.usage.input_tokens * 2.0 + priced.usage.output_tokens * 10.0)
                                                  / 1e6) and priced.cost_source == "prices"
    server.choose = None
    silent = ask(make(server, tmp_path / "c", wire=wire, stream=stream, price_input=0.0, price_output=0.0))
    assert silent.usage.cost_usd == 0.0 and silent.cost_source == "none"


@pytest.mark.parametrize("stream", [True, False])
def test_openai_responses(server: FakeLLM, tmp_path: Path, stream: bool) -> None:
    server.script = [Action("thinking", thinking="first, plan the file")]
    completion = ask(make(server, tmp_path, wire="responses", stream=stream))
    assert completion.text == ANSWER and completion.thinking == "first, plan the file"
    assert completion.usage.output_tokens > 0 and completion.usage.cost_usd > 0
    seen = server.requests[0]
    assert seen.path == "/v1/responses" and seen.headers["authorization"] == f"Bearer {KEY}"
    assert seen.body["instructions"] == "You write code."
    assert seen.body["input"] == [{"role": "user", "content": "Write hello.txt"}]
    assert seen.body["max_output_tokens"] == 1000 and seen.body["temperature"] == 0.2 and "seed" not in seen.body
    assert seen.body.get("stream", False) is stream


def test_wire_responses_is_an_alias_setting_of_openai_compatible_endpoints(tmp_path: Path) -> None:
    from pytest_llmcode.models.config import ConfigError, load_aliases

    config = tmp_path / "llmcode.yaml"
    config.write_text("models:\n  r:\n    provider: openai-compatible\n    base_url: http://127.0.0.1:1/v1\n"
                      "    model: m\n    wire: responses\n")
    assert load_aliases(config)["r"].wire == "responses"
    config.write_text("models:\n  r:\n    provider: anthropic\n    model: m\n    wire: responses\n")
    with pytest.raises(ConfigError, match=r"models.r.wire.*chat .*or responses \(provider 'anthropic' speaks anthropic\)"):
        load_aliases(config)


def test_429_waits_for_retry_after(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Action("status", status=429, headers={"Retry-After": "1"})]
    started = time.monotonic()
    completion = make(server, tmp_path).generate(GenerationRequest(messages=MESSAGES, sample=0))
    assert completion.text == ANSWER and completion.attempts == 2
    assert time.monotonic() - started >= 0.95
    assert len(server.requests) == 2


def test_500_then_success(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Action("status", status=500), Action("status", status=503)]
    completion = make(server, tmp_path, wire="anthropic").generate(GenerationRequest(messages=MESSAGES, sample=0))
    assert completion.text == ANSWER and completion.attempts == 3


def test_persistent_500_is_an_infrastructure_error_naming_the_endpoint(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Action("status", status=500, text='{"error": "overloaded"}')] * 10
    with pytest.raises(ProviderError, match=rf"{server.openai_url}/chat/completions gave no answer after 4 attempt"):
        ask(make(server, tmp_path))
    assert len(server.requests) == 4


def test_client_error_is_not_retried(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Action("status", status=404, text='{"error": "model fake-model-1 not found"}')]
    with pytest.raises(ProviderError, match=r"answered HTTP 404.*model fake-model-1 not found"):
        ask(make(server, tmp_path))
    assert len(server.requests) == 1


def test_hung_response_hits_the_timeout(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Action("hang", seconds=5)] * 3
    started = time.monotonic()
    with pytest.raises(ProviderError, match=r"timed out .*ReadTimeout"):
        ask(make(server, tmp_path, request_timeout=0.5, retries=1))
    assert time.monotonic() - started < 4


def test_the_generate_timeout_bounds_retries(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Action("hang", seconds=5)] * 5
    started = time.monotonic()
    with pytest.raises(ProviderError):
        make(server, tmp_path).generate(GenerationRequest(messages=MESSAGES, sample=0, timeout=0.6))
    assert time.monotonic() - started < 3


@pytest.mark.parametrize("stream", [True, False])
def test_malformed_json_is_retried_then_reported(server: FakeLLM, tmp_path: Path, stream: bool) -> None:
    server.script = [Action("malformed")]
    assert ask(make(server, tmp_path, stream=stream)).text == ANSWER
    server.script = [Action("malformed")] * 5
    with pytest.raises(ProviderError, match="malformed JSON"):
        ask(make(server, tmp_path, stream=stream, cache="off"), sample=1)


@pytest.mark.parametrize("wire", ["openai", "anthropic", "responses"])
def test_stream_cut_off_midway_is_retried(server: FakeLLM, tmp_path: Path, wire: str) -> None:
    server.default_answer = ANSWER * 20  # several chunks, so the cut falls inside the answer
    server.script = [Action("cut")]
    completion = make(server, tmp_path, wire=wire).generate(GenerationRequest(messages=MESSAGES, sample=0))
    assert completion.text == ANSWER * 20 and completion.attempts == 2


@pytest.mark.parametrize("wire", ["openai", "anthropic", "responses"])
def test_answer_cut_off_by_the_token_limit_fails_at_generate_and_is_not_cached(
    server: FakeLLM, tmp_path: Path, wire: str
) -> None:
    server.script = [Action("length", text="File: a.js\n```js\nconst a =")]
    model = make(server, tmp_path, wire=wire)
    with pytest.raises(GenerationError, match=r"cut off at the token limit \(max_tokens=1000\)") as info:
        ask(model)
    assert info.value.usage.output_tokens > 0
    assert ask(model).text == ANSWER
    assert len(server.requests) == 2


@pytest.mark.parametrize(
    ("wire", "kind"), [("openai", "thinking"), ("openai", "think_inline"), ("anthropic", "thinking")]
)
def test_thinking_is_kept_out_of_the_answer(server: FakeLLM, tmp_path: Path, wire: str, kind: str) -> None:
    server.script = [Action(kind, thinking="Let me plan the files carefully.")]
    completion = make(server, tmp_path, wire=wire).generate(GenerationRequest(messages=MESSAGES, sample=0))
    assert completion.text.strip() == ANSWER.strip()
    assert "plan the files" in completion.thinking


@pytest.mark.parametrize(("wire", "kind"), [("openai", "thinking"), ("openai", "think_inline"), ("anthropic", "thinking")])
def test_empty_answer_after_thinking_fails_at_generate(server: FakeLLM, tmp_path: Path, wire: str, kind: str) -> None:
    server.script = [Action(kind, text="", thinking="Hmm. " * 50)]
    with pytest.raises(GenerationError, match=r"answer is empty after .* thinking"):
        ask(make(server, tmp_path, wire=wire))


def test_cache_serves_a_rerun_but_not_another_sample(server: FakeLLM, tmp_path: Path) -> None:
    first = make(server, tmp_path)
    ask(first)
    again = make(server, tmp_path)  # a new session: same cache folder
    completion = again.generate(GenerationRequest(messages=MESSAGES, sample=0))
    assert completion.source == "cache" and completion.text == ANSWER
    assert completion.usage == first.generate(GenerationRequest(messages=MESSAGES, sample=0)).usage
    assert len(server.requests) == 1
    ask(again, sample=1)
    assert len(server.requests) == 2
    changed = make(server, tmp_path, params=Params(max_tokens=1000, temperature=0.9))
    ask(changed)
    assert len(server.requests) == 3
    ask(make(server, tmp_path, cache="off"))
    assert len(server.requests) == 4


def test_errors_are_not_cached(server: FakeLLM, tmp_path: Path) -> None:
    server.script = [Action("status", status=500)] * 4
    with pytest.raises(ProviderError):
        ask(make(server, tmp_path))
    assert ask(make(server, tmp_path)).text == ANSWER
    assert len(server.requests) == 5


def test_record_then_replay_with_the_server_stopped(server: FakeLLM, tmp_path: Path) -> None:
    cassette = tmp_path / "run.jsonl"
    recorder = make(server, tmp_path, cache="off")
    recorder.services.record = Cassette(cassette)
    ask(recorder, sample=0)
    ask(recorder, sample=1)
    server.stop()
    text = cassette.read_text()
    assert KEY not in text and "authorization" not in text.lower()
    player = make(server, tmp_path, cache="off")
    player.services.replay = Cassette(cassette)
    completion = player.generate(GenerationRequest(messages=MESSAGES, sample=1))
    assert completion.source == "replay" and completion.text == ANSWER and completion.usage.output_tokens > 0
    with pytest.raises(ReplayMiss, match="holds no answer"):
        ask(player, sample=2)


def test_concurrent_requests_stay_within_the_limit(server: FakeLLM, tmp_path: Path) -> None:
    server.delay = 0.3
    model = make(server, tmp_path, cache="off", max_concurrency=2)
    errors: list[BaseException] = []

    def one(sample: int) -> None:
        try:
            ask(model, sample)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(server.requests) == 6 and server.max_in_flight == 2


def test_read_only_and_write_only_cache_modes(server: FakeLLM, tmp_path: Path) -> None:
    ask(make(server, tmp_path, cache="read"))  # nothing cached yet, and a read-only cache stores nothing
    ask(make(server, tmp_path, cache="read"))
    assert len(server.requests) == 2
    ask(make(server, tmp_path, cache="write"))  # stores, but never serves
    ask(make(server, tmp_path, cache="write"))
    assert len(server.requests) == 4
    assert make(server, tmp_path, cache="read").generate(GenerationRequest(messages=MESSAGES, sample=0)).source == "cache"
    assert len(server.requests) == 4
