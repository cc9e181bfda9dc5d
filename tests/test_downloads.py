"""Downloads are bounded (issue 18, finding 5): a check saves a download through
``verify.save_download``, which fails an endless or oversized one at ``--llm-max-download-mb`` and a
trickling one at its time bound, cancelled either way; and the browser's own downloads folder holds
no more than the limit, whatever a page downloads without a check asking."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.support.apps import write_app
from tests.support.sandbox import BACKENDS, need

CHALLENGE = """\
id: downloads
title: A page with downloads
prompt: Serve a page with links to download.
stack:
  name: a Python server
  install: "true"
  build: "true"
  serve: python3 server.py {port}
timeouts: {launch: 20}
"""
SERVER = r'''
import http.server, socketserver, sys, time

PAGE = (b"<!doctype html><title>Files</title><h1>Files</h1>"
        b"<a href='/small.png' download>small</a> <a href='/huge.png' download>huge</a> "
        b"<a href='/trickle.png' download>trickle</a>")

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        if self.path == "/small.png":
            body = b"\x89PNG\r\n\x1a\n" + b"x" * 1000
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.end_headers()
        try:
            while True:  # endless: fast, or a byte at a time
                if self.path == "/huge.png":  # about 4 MiB/s: over 2 MiB in half a second
                    self.wfile.write(b"\0" * 65536)
                    time.sleep(0.015)
                else:
                    self.wfile.write(b"\0")
                    self.wfile.flush()
                    time.sleep(0.5)
        except OSError:
            pass

    def log_message(self, *args):
        pass

socketserver.ThreadingTCPServer.daemon_threads = True
socketserver.ThreadingTCPServer.allow_reuse_address = True
socketserver.ThreadingTCPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
'''
CHECKS = """\
import time

import pytest
from pytest_llmcode.verify import DownloadTooLarge, save_download


def download(page, label):
    with page.expect_download() as info:
        page.get_by_role("link", name=label).click()
    return info.value


def test_small(app_page, llm_app):
    assert save_download(download(app_page, "small"), llm_app, "small").startswith(b"\\x89PNG")


def test_huge(app_page, llm_app):
    save_download(download(app_page, "huge"), llm_app, "huge")


def test_trickle(app_page, llm_app):
    save_download(download(app_page, "trickle"), llm_app, "trickle", timeout_s=3)


def test_unsaved_download_is_bounded_by_the_browser(app_page, llm_app):
    download(app_page, "huge")  # no check saves it: the page just downloads
    held = []
    for _ in range(60):
        app_page.wait_for_timeout(100)
        held.append(llm_app.browser_host.downloads.used())
    print(f"held: {held}")
    assert max(held) >= 2**20  # it did download
    assert max(held) <= (2 + 8) * 2**20, f"the downloads folder held {max(held)} bytes"
"""


@pytest.mark.skipif(os.geteuid() != 0, reason="the browser's downloads folder is bounded by a tmpfs as root")
@pytest.mark.parametrize("backend", BACKENDS)
def test_downloads_are_bounded_in_size_and_time(pytester: pytest.Pytester, backend: str) -> None:
    need(backend)
    write_app(pytester.path / "downloads", {"challenge.yaml": CHALLENGE, "test_downloads.py": CHECKS})
    app = write_app(pytester.path / "app", {"server.py": SERVER})
    result = pytester.runpytest_subprocess("downloads", "-p", "no:cacheprovider", f"--llm-model=files=dir:{app}",
                                           f"--llm-sandbox={backend}", "--llm-max-download-mb=2", "--llm-output=out", "-rA")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines([
        "E *DownloadTooLarge: the download ('huge.png') went over 2 MiB, the download limit "
        "(--llm-max-download-mb): cancelled",
        "E * AssertionError: the download ('trickle.png') did not finish within 3s: cancelled",
    ])
    saved = pytester.path / "out" / "downloads" / "files" / "s0" / "downloads"
    assert sorted(p.name for p in saved.iterdir()) == ["small-small.png"]


def test_the_download_limit_must_be_a_count_of_megabytes(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--llm-model=reference",
                                           "--llm-max-download-mb=0")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--llm-max-download-mb=0: expected at least 1*"])


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_download_folders_of_killed_runs_are_unmounted(tmp_path: Path) -> None:
    """A run killed with SIGKILL leaves its tmpfs mounted; the next browser host takes it down."""
    from pytest_llmcode.browser.downloads import PREFIX, DownloadFolder

    stale = Path(tempfile.mkdtemp(prefix=f"{PREFIX}999999999-"))  # no such process
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "llmcode-downloads", str(stale)], check=True)
    folder = DownloadFolder(2**20)
    try:
        assert str(stale) not in Path("/proc/mounts").read_text() and not stale.exists()
        assert str(folder.path) in Path("/proc/mounts").read_text()  # its own is mounted
    finally:
        folder.close()
    assert str(folder.path) not in Path("/proc/mounts").read_text() and not folder.path.exists()
