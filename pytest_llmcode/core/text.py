"""Text from generated code (a page's title, a log, an assertion quoting the page) cut to a size
before it goes anywhere that costs or is read: a model request, a report."""

from __future__ import annotations


def clip(text: str, limit: int, keep: str = "start") -> str:
    """``text`` at most ``limit`` characters (plus a note of what was cut), keeping its start or,
    with ``keep="end"``, its end (a log's last lines)."""
    if len(text) <= limit:
        return text
    cut = len(text) - limit
    if keep == "end":
        return f"[{cut} characters cut]\n" + text[-limit:]
    return text[:limit] + f"\n[{cut} characters cut]"
