"""Saving what a page downloads, bounded: a check waits for a download of at most the run's
download limit (``--llm-max-download-mb``, default 64) and a time bound, so that an endless or a
1 GiB "PNG" fails the check saying so, and neither fills the disk nor the memory of pytest."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Download

DEFAULT_LIMIT = 64 * 2**20
POLL_MS = 50


class DownloadTooLarge(AssertionError):
    """The download went over the limit: cancelled, not saved."""


def _limit(app: Any) -> tuple[int, Any]:
    host = getattr(app, "browser_host", None)
    folder = host.downloads if host is not None else None
    return (folder.limit_bytes if folder is not None else DEFAULT_LIMIT), folder


def _file_of(download: Download) -> Path | None:
    """Where the browser writes ``download`` (Playwright's artifact knows; None if it does not say)."""
    try:
        return Path(download._impl_obj._artifact._initializer["absolutePath"])
    except (AttributeError, KeyError, TypeError):
        return None


def _size(path: Path) -> int:
    try:
        return path.lstat().st_size
    except OSError:
        return 0


def _wait(download: Download, folder: Any, limit: int, timeout_s: float) -> None:
    """Until the download finished (or failed), cancelling it over ``limit`` bytes or ``timeout_s``."""
    mib = f"{limit / 2**20:g} MiB"
    final = _file_of(download)
    partial = final.with_name(final.name + ".crdownload") if final is not None else None
    deadline = time.monotonic() + timeout_s
    seen_partial = False
    while True:
        if final is not None and partial is not None:  # this download's own file: others do not count
            used = max(_size(final), _size(partial))
            seen_partial = seen_partial or partial.exists()
            finished = not partial.exists() and (final.exists() or seen_partial)
        else:  # the file is not known: the folder holds no download in progress
            used = folder.used() if folder is not None else 0
            finished = folder is None or not folder.partial()
        if used > limit:
            download.cancel()
            raise DownloadTooLarge(f"the download ({download.suggested_filename!r}) went over {mib}, the download "
                                   "limit (--llm-max-download-mb): cancelled")
        if finished:
            return
        if time.monotonic() > deadline:
            download.cancel()
            raise AssertionError(f"the download ({download.suggested_filename!r}) did not finish within "
                                 f"{timeout_s:g}s: cancelled")
        time.sleep(POLL_MS / 1000)  # (not the page's clock: a popup that downloaded may be closed)


def save_download(download: Download, app: Any, name: str, *, timeout_s: float = 30.0) -> bytes:
    """Wait for ``download`` (of the page of ``app``, a :class:`RunningApp`), keep it in the case's
    ``downloads/`` folder as ``<name>-<suggested file name>`` and return its bytes. Fails (an
    ``AssertionError``, the download cancelled) when it goes over the download limit or does not
    finish within ``timeout_s``, or when the browser gave up on it."""
    limit, folder = _limit(app)
    mib = f"{limit / 2**20:g} MiB"
    _wait(download, folder, limit, timeout_s)
    failure = download.failure()  # finished now: this does not wait
    if failure:
        bounded = folder is not None and folder.bounded
        raise AssertionError(f"the browser could not download {download.suggested_filename!r} ({failure})"
                             + (f": pages may download at most {mib} (--llm-max-download-mb), and a faster one is "
                                "cut off by the browser" if bounded else ""))
    source = Path(download.path())
    size = source.stat().st_size
    if size > limit:
        raise DownloadTooLarge(f"the download ({download.suggested_filename!r}) is {size / 2**20:.1f} MiB, over "
                               f"{mib}, the download limit (--llm-max-download-mb)")
    target_dir = Path(app.dir.root) / "downloads"
    target_dir.mkdir(exist_ok=True)
    target = target_dir / f"{name}-{Path(download.suggested_filename).name or 'download'}"
    data = source.read_bytes()
    target.write_bytes(data)
    download.delete()  # out of the browser's bounded folder: the next download of the test has room
    return data
