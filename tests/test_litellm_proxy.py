"""A real third-party server: LiteLLM's proxy serves the static challenge's answer through both wire
formats, streamed and not: in ``mock_response`` mode, and relaying to an OpenAI-compatible upstream
(a fake one on loopback), as a team puts it in front of vLLM. It runs from a venv of its own
(installed once into the tool's cache; skipped, saying why, where pip cannot install it). Its
install takes minutes, so it runs when LLMCODE_PIP_TOOLS=1, not in .ci/run."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from pytest_llmcode.answers.formats import format_files
from tests.support.apps import PAGE
from tests.support.fake_llm import FakeLLM
from tests.support.models import fake_alias, fake_models
from tests.support.pip_tools import opt_in, pip_installed
from tests.support.runs import junit_cases, properties, run

pytestmark = [pytest.mark.slow, opt_in]

VERSION = "1.80.0"
MASTER_KEY = "sk-litellm-master-1234"
ANSWER = "Here is the page.\n\n" + format_files({"index.html": PAGE})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def litellm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The proxy's base URL, with an OpenAI model ``coder`` and an Anthropic model ``claude-coder``
    that both answer :data:`ANSWER` (mock), and ``relay-coder`` that asks an upstream for it."""
    bin_dir = pip_installed("servers", "litellm", VERSION, f"litellm[proxy]=={VERSION}")
    upstream = FakeLLM(ANSWER).__enter__()
    folder = tmp_path_factory.mktemp("litellm")
    models = [{"model_name": name, "litellm_params": {"model": model, "api_key": "sk-upstream-unused",
                                                      "mock_response": ANSWER}}
              for name, model in (("coder", "openai/coder"), ("claude-coder", "anthropic/claude-coder"))]
    models.append({"model_name": "relay-coder", "litellm_params": {"model": "openai/fake-coder",
                                                                    "api_base": upstream.openai_url,
                                                                    "api_key": "sk-upstream"}})
    (folder / "config.yaml").write_text(yaml.safe_dump({"model_list": models,
                                                         "general_settings": {"master_key": MASTER_KEY}}))
    port = _free_port()
    log = (folder / "litellm.log").open("w")
    server = subprocess.Popen([str(bin_dir / "litellm"), "--config", str(folder / "config.yaml"), "--host",
                               "127.0.0.1", "--port", str(port)], cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                              env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(folder),
                                   "LITELLM_LOCAL_MODEL_COST_MAP": "True", "NO_DOCS": "True"})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(f"{url}/health/liveliness", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"LiteLLM's proxy did not start:\n{(folder / 'litellm.log').read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        upstream.__exit__(None, None, None)
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


CELLS = [("openai", "coder", "/v1", True), ("openai", "coder", "/v1", False),
         ("anthropic", "claude-coder", "", False),
         # LiteLLM 1.80.0's mock mode fails a streamed Messages request with its own HTTP 500 (see
         # below), so the streamed Messages answer is relayed from the upstream
         ("anthropic", "relay-coder", "", True), ("openai", "relay-coder", "/v1", True)]


@pytest.mark.parametrize("provider, model, path, stream", CELLS,
                         ids=[f"{c[0]}-{c[1]}-{'streamed' if c[3] else 'whole'}" for c in CELLS])
def test_litellm_proxy_answers_through_both_wire_formats(
    pytester: pytest.Pytester, static_challenge: Path, monkeypatch: pytest.MonkeyPatch, litellm: str,
    provider: str, model: str, path: str, stream: bool,
) -> None:
    fake_models(pytester, monkeypatch, fake_alias("lite", litellm + path, provider=provider, model=model,
                                                  more=f"stream: {str(stream).lower()}"), key=MASTER_KEY)
    result = run(pytester, "--llm-model=lite", "--junitxml=junit.xml")
    result.assert_outcomes(passed=2)
    props = properties(junit_cases(pytester.path / "junit.xml")["test_greets[lite-s0]"])
    assert props["llm.answer_source"] == "endpoint" and props["llm.model_id"]
    assert int(props["llm.tokens.input"]) > 0 and int(props["llm.tokens.output"]) > 0


def test_a_server_error_of_litellm_is_an_infrastructure_error_that_quotes_it(
    pytester: pytest.Pytester, static_challenge: Path, monkeypatch: pytest.MonkeyPatch, litellm: str
) -> None:
    """LiteLLM 1.80.0 answers a streamed Messages request of a mock model with HTTP 500 ("'async for'
    requires an object with __aiter__ method"): the tests error, retried and quoting the server, and
    no behaviour test is failed for it."""
    fake_models(pytester, monkeypatch, fake_alias("lite", litellm, provider="anthropic", model="claude-coder",
                                                  more="stream: true\nretries: 1"), key=MASTER_KEY)
    result = run(pytester, "--llm-model=lite")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*[[]infrastructure[]] generate (static_page / lite / sample 0): "
                                 f"{litellm}/v1/messages gave no answer after 2 attempt(s)*HTTP 500*"])
