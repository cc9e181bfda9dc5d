"""The npm cache that sandboxed installs share is kept under a cap (issue 18, finding 9): a run that
finds it over ``--llm-npm-cache-mb`` removes its oldest files first, says so, and follows no link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.runs import run


def test_an_oversized_npm_cache_is_trimmed_oldest_first(pytester: pytest.Pytester, static_challenge: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    cache = pytester.path / "npm-cache"
    content = cache / "_cacache" / "content-v2" / "sha512"
    content.mkdir(parents=True)
    for number in range(100):  # 100 MiB, the oldest first
        path = content / f"{number:03d}"
        path.write_bytes(os.urandom(2**20))
        os.utime(path, (1_000_000 + number, 1_000_000 + number))
    outside = pytester.path / "not-the-cache.txt"
    outside.write_text("kept\n")
    os.symlink(outside, content / "link")
    os.utime(content / "link", (1, 1), follow_symlinks=False)
    monkeypatch.setenv("LLMCODE_NPM_CACHE", str(cache))
    monkeypatch.setenv("LLMCODE_TEST_COUNTS", str(pytester.path / "counts.txt"))
    result = run(pytester, "--llm-model=reference", "--llm-npm-cache-mb=64")
    result.assert_outcomes(passed=2)
    result.stderr.fnmatch_lines(["llmcode: the shared npm cache (*) held 100 MiB, over its cap of 64 MiB "
                                 "(--llm-npm-cache-mb): its oldest files were removed, 51 MiB kept"])
    kept = sorted(p.name for p in content.iterdir())
    assert kept == [f"{n:03d}" for n in range(49, 100)]  # the newest, up to 80% of the cap
    assert outside.read_text() == "kept\n"  # the link went, not what it pointed to
    again = run(pytester, "--llm-model=reference", "--llm-npm-cache-mb=64")
    assert "npm cache" not in again.stderr.str()  # under the cap: nothing to do
