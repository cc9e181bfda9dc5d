from __future__ import annotations

from pathlib import Path

import pytest

from pytest_llmcode.core.challenge import ChallengeError, load_challenge
from tests.support.apps import EXAMPLES, STATIC_CHALLENGE


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "challenge.yaml"
    path.write_text(text)
    return path


def test_example_todo_challenge_loads() -> None:
    challenge = load_challenge(EXAMPLES / "todo_app")
    assert challenge.id == "todo_app"
    assert "localStorage" in challenge.prompt
    assert challenge.stack.serve.endswith("--strictPort") and "{port}" in challenge.stack.serve
    assert challenge.reference.is_dir()
    assert challenge.timeouts["install"] == 300


def test_defaults(tmp_path: Path) -> None:
    challenge = load_challenge(write(tmp_path, STATIC_CHALLENGE))
    assert challenge.kind == "new_app"
    assert challenge.stack.ready_path == "/"
    assert challenge.timeouts["launch"] == 20 and challenge.timeouts["build"] == 180


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: [unclosed\n", r"challenge.yaml: not valid YAML at line \d+, column \d+"),
        ("- a list\n", "expected a mapping of keys"),
        (STATIC_CHALLENGE.replace("id: static_page\n", ""), "key 'id': missing; expected a short name"),
        (STATIC_CHALLENGE + "colour: blue\n", "key 'colour': unknown key; the keys allowed here are: "),
        (STATIC_CHALLENGE.replace("title: A static page", "title: [a, b]"), "key 'title': expected a one-line title, got a list"),
        (STATIC_CHALLENGE.replace("  launch: 20", "  launch: soon"), "key 'timeouts.launch': expected a positive number of seconds, got a string 'soon'"),
        (STATIC_CHALLENGE.replace("  launch: 20", "  lunch: 20"), "key 'timeouts.lunch': unknown key"),
        (STATIC_CHALLENGE.replace("  serve: python3 -m http.server {port} --bind 127.0.0.1\n", ""), "key 'stack.serve': missing; expected a shell command"),
        (STATIC_CHALLENGE.replace("id: static_page", "id: has spaces"), "key 'id': expected a short name"),
        (STATIC_CHALLENGE + "starter: nowhere\n", "key 'starter': expected an existing folder"),
        (STATIC_CHALLENGE + "kind: rewrite\n", "key 'kind': expected one of new_app, modify, commit, got a string 'rewrite'"),
    ],
)
def test_errors_name_file_key_and_expectation(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ChallengeError, match=message) as info:
        load_challenge(path)
    assert str(info.value).startswith(str(path))
