"""Writing files as an answer in the format of :mod:`pytest_llmcode.answers.formats` (whole files,
``File:`` blocks; deleted files, ``Delete:`` lines): what the local models answer, and the reference
answer a commit challenge lays out when it is loaded."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from pathlib import PurePosixPath


def _fence_for(content: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", content)), default=0)
    return "`" * max(3, longest + 1)


def format_files(files: dict[str, str | bytes], deleted: Sequence[str] = ()) -> str:
    """Write files as an answer in the documented format (what the local models answer), and the
    ``deleted`` paths as ``Delete:`` lines.

    Bytes that are not UTF-8 text (an image) are written as a ```base64 block."""
    blocks = []
    for path in sorted(files):
        raw = files[path]
        if isinstance(raw, bytes):
            encoded = base64.b64encode(raw).decode("ascii")
            lines = "\n".join(encoded[i : i + 76] for i in range(0, len(encoded), 76))
            blocks.append(f"File: {path}\n```base64\n{lines}\n```\n")
            continue
        content = raw
        if content and not content.endswith("\n"):
            content += "\n"
        fence = _fence_for(content)
        language = PurePosixPath(path).suffix.lstrip(".")
        blocks.append(f"File: {path}\n{fence}{language}\n{content}{fence}\n")
    blocks += [f"Delete: {path}\n" for path in sorted(deleted)]
    return "\n".join(blocks)
