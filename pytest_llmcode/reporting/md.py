"""Untrusted text (a model's, an app's or a page's: names, reasons, file names) in Markdown that
GitHub renders (the step summary, the compare report, a pull-request comment): always as a code
span, so it shows literally: no image, link, mention, HTML or emphasis, and one line."""

from __future__ import annotations

import re

LIMIT = 300


def code(text: object, limit: int = LIMIT, table: bool = True) -> str:
    """``text`` as one code span (empty for empty text), at most ``limit`` characters, on one
    line. ``table``: safe in a table cell too (a ``|`` is escaped, as GFM tables read it first)."""
    value = " ".join(str(text).split())
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    if not value:
        return ""
    if table:
        value = value.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    return f"{fence} {value} {fence}"  # the spaces keep a leading or trailing backtick apart
