"""Remote models through the plugin, as users run it, against a local fake endpoint (the fixtures
``server`` and ``configured``, its aliases ``fake-oai`` and ``fake-claude``, are in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import llmcode
from tests.support.fake_llm import Action, FakeLLM
from tests.support.models import KEY
from tests.support.runs import junit_cases, properties, run


def test_alias_from_llmcode_yaml_runs_the_challenge_with_tokens_and_cost(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM
) -> None:
    result = run(pytester, "--llm-model=fake-oai", "--junitxml=junit.xml", "--llm-output=out")
    result.assert_outcomes(passed=2)
    assert len(server.requests) == 1  # one generation per case, shared by its tests
    props = properties(junit_cases(pytester.path / "junit.xml")["test_greets[fake-oai-s0]"])
    assert props["llm.model"] == "fake-oai" and props["llm.model_id"] == "fake/coder-7b"
    assert props["llm.answer_source"] == "endpoint"
    tokens_in, tokens_out = int(props["llm.tokens.input"]), int(props["llm.tokens.output"])
    assert tokens_in > 100 and tokens_out > 10
    assert float(props["llm.cost_usd"]) == pytest.approx((tokens_in * 3 + tokens_out * 15) / 1e6, abs=1e-6)
    assert float(props["llm.latency.first_token"]) >= 0 and float(props["llm.latency.total"]) > 0
    result.stdout.fnmatch_lines(
        ["*llmcode: per model*", "model*cases*all passed*input tokens*output tokens*cost USD*USD per passing case",
         f"fake-oai*1*1*{tokens_in}*{tokens_out}*"]
    )
    rerun = run(pytester, "--llm-model=fake-oai", "--junitxml=junit2.xml", "--llm-output=out")
    rerun.assert_outcomes(passed=2)
    assert len(server.requests) == 1  # the re-run regenerated nothing
    again = properties(junit_cases(pytester.path / "junit2.xml")["test_greets[fake-oai-s0]"])
    assert again["llm.answer_source"] == "cache" and again["llm.cost_usd"] == props["llm.cost_usd"]


def test_anthropic_alias_and_samples_are_asked_separately(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM
) -> None:
    run(pytester, "--llm-model=fake-claude", "--llm-samples=2").assert_outcomes(passed=4)
    assert len(server.requests) == 2
    assert all(seen.path == "/v1/messages" for seen in server.requests)


def test_direct_specs_need_no_config(pytester: pytest.Pytester, static_challenge: Path, server: FakeLLM,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLLAMA_BASE_URL", server.openai_url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(pytester.path / "xdg-cache"))
    result = run(pytester, "--llm-model=ollama/qwen3:8b", f"--llm-model=openai-compatible/my-model@{server.openai_url}",
                 "--collect-only", "-q")
    result.stdout.fnmatch_lines(["*test_greets[[]ollama_qwen3_8b-s0]", "*test_greets[[]openai-compatible_my-model-s0]"])
    run(pytester, "--llm-model=ollama/qwen3:8b").assert_outcomes(passed=2)
    assert server.requests[0].body["model"] == "qwen3:8b" and "authorization" not in server.requests[0].headers


def test_missing_key_is_a_usage_error_that_says_what_to_set(
    pytester: pytest.Pytester, configured: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FAKE_API_KEY")
    result = run(pytester, "--llm-model=fake-oai")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--llm-model=fake-oai (defined in *llmcode.yaml): no API key; set the environment variable FAKE_API_KEY*"])
    direct = run(pytester, "--llm-model=anthropic/claude-sonnet-4-5")
    direct.stderr.fnmatch_lines(["*no API key; set the environment variable ANTHROPIC_API_KEY*"])


def test_unreachable_endpoint_is_a_usage_error(pytester: pytest.Pytester, configured: Path, server: FakeLLM) -> None:
    server.stop()
    result = run(pytester, "--llm-model=fake-oai")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--llm-model=fake-oai*cannot reach {server.openai_url}*"])


def test_a_rerun_answered_from_the_cache_starts_with_the_endpoint_down(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM
) -> None:
    """The endpoint is tried only when some request will be sent: a re-run whose answers all come
    from the response cache needs no endpoint; one sample more does, and says so before any test."""
    run(pytester, "--llm-model=fake-oai").assert_outcomes(passed=2)
    server.stop()
    cached = run(pytester, "--llm-model=fake-oai", "--junitxml=junit.xml")
    cached.assert_outcomes(passed=2)
    props = properties(junit_cases(pytester.path / "junit.xml")["test_greets[fake-oai-s0]"])
    assert props["llm.answer_source"] == "cache"
    more = run(pytester, "--llm-model=fake-oai", "--llm-samples=2")
    assert more.ret == pytest.ExitCode.USAGE_ERROR
    more.stderr.fnmatch_lines([f"*--llm-model=fake-oai*cannot reach {server.openai_url}*"])
    listed = run(pytester, "--llm-model=fake-oai", "--llm-samples=2", "--collect-only", "-q")
    assert listed.ret == pytest.ExitCode.OK  # listing the tests asks nothing


def test_unknown_spec_lists_the_aliases(pytester: pytest.Pytester, configured: Path) -> None:
    result = run(pytester, "--llm-model=qwen3.5")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--llm-model='qwen3.5' names no known model*aliases: fake-claude, fake-oai)*"])


def test_broken_config_names_file_and_key(pytester: pytest.Pytester, configured: Path) -> None:
    configured.write_text(configured.read_text().replace("price: {input: 3.0, output: 15.0}", "price: {input: cheap}"))
    result = run(pytester, "--llm-model=fake-oai")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*llmcode.yaml: key 'models.fake-oai.price.input': expected a number of USD, got a string 'cheap'*"])


def test_endpoint_failing_after_retries_errors_the_tests_it_does_not_fail_them(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM
) -> None:
    server.script = [Action("status", status=502, text="bad gateway")] * 10
    result = run(pytester, "--llm-model=fake-oai", "--junitxml=junit.xml")
    result.assert_outcomes(errors=2)
    assert len(server.requests) == 3  # retried, once for the case, not per test
    result.stdout.fnmatch_lines(
        [f"*[[]infrastructure[]] generate (static_page / fake-oai / sample 0): {server.openai_url}/chat/completions "
         "gave no answer after 3 attempt(s)*HTTP 502: bad gateway*"]
    )
    for case in junit_cases(pytester.path / "junit.xml").values():
        assert case.find("error") is not None and case.find("failure") is None


def test_cut_off_answer_fails_the_case_at_generate(pytester: pytest.Pytester, configured: Path, server: FakeLLM) -> None:
    server.script = [Action("length", text="File: index.html\n```html\n<h1>Hel")]
    result = run(pytester, "--llm-model=fake-oai", "--junitxml=junit.xml")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]generate[]] the answer was cut off at the token limit (max_tokens=4000)*"])
    props = properties(junit_cases(pytester.path / "junit.xml")["test_greets[fake-oai-s0]"])
    assert props["llm.stage"] == "generate" and int(props["llm.tokens.output"]) > 0


def test_record_then_replay_without_key_or_server(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(pytester, "--llm-model=fake-oai", "--llm-model=fake-claude", "--llm-record=run.jsonl",
        "--llm-cache=off").assert_outcomes(passed=4)
    server.stop()
    monkeypatch.delenv("FAKE_API_KEY")
    replayed = run(pytester, "--llm-model=fake-oai", "--llm-model=fake-claude", "--llm-replay=run.jsonl",
                   "--junitxml=junit.xml")
    replayed.assert_outcomes(passed=4)
    props = properties(junit_cases(pytester.path / "junit.xml")["test_greets[fake-oai-s0]"])
    assert props["llm.answer_source"] == "replay" and float(props["llm.cost_usd"]) > 0
    by_label = run(pytester, "--llm-model=replay:run.jsonl", "--collect-only", "-q")
    by_label.stdout.fnmatch_lines(["*test_greets[[]fake-claude-s0]", "*test_greets[[]fake-oai-s0]"])
    missing = run(pytester, "--llm-model=fake-oai", "--llm-replay=run.jsonl", "--llm-samples=2")
    missing.assert_outcomes(passed=2, errors=2)
    missing.stdout.fnmatch_lines(
        ["*[[]infrastructure[]] generate (static_page / fake-oai / sample 1): the cassette *run.jsonl holds no answer*"]
    )


def test_keys_never_reach_any_file(
    pytester: pytest.Pytester, configured: Path, server: FakeLLM
) -> None:
    server.script = [Action("status", status=401, text=f'{{"error": "invalid key {KEY}"}}')]
    run(pytester, "--llm-model=fake-oai", "--llm-model=fake-claude", "--llm-record=run.jsonl",
        "--junitxml=junit.xml", "--llm-output=out")
    files = [p for p in pytester.path.rglob("*") if p.is_file()]  # evidence, cassette, JUnit, cache
    assert {"junit.xml", "run.jsonl", "answer.md", "prompt.md", "case.json"} <= {p.name for p in files}
    assert any("xdg-cache" in p.parts for p in files)
    leaks = [p for p in files if KEY.encode() in p.read_bytes()]
    assert leaks == []
    assert "[redacted]" in (pytester.path / "junit.xml").read_text()


def test_llmcode_models_lists_without_printing_keys(pytester: pytest.Pytester, configured: Path) -> None:
    done = llmcode("models", cwd=pytester.path)
    assert done.returncode == 0, done.stderr
    assert KEY not in done.stdout
    lines = done.stdout.splitlines()
    assert lines[1].split() == ["alias", "provider", "model", "id", "base", "URL", "key", "variable", "key", "set"]
    assert any(line.split()[:3] == ["fake-oai", "openai", "fake/coder-7b"] and line.split()[-2:] == ["FAKE_API_KEY", "yes"]
               for line in lines)


def test_a_file_the_disk_refuses_fails_at_parse(pytester: pytest.Pytester, configured: Path, server: FakeLLM) -> None:
    server.script = [Action(text="File: " + "\u6587" * 100 + ".js\n```js\nx\n```\n")]
    result = run(pytester, "--llm-model=fake-oai")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*[[]parse[]] *File name too long*"])
