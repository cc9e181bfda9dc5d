"""Reading a number option: the command line's value, else the ini key's, checked against its
least allowed value; a bad one is a usage error naming where it came from."""

from __future__ import annotations

import pytest


def number(config: pytest.Config, option: str, ini: str, cast: type, *, minimum: float) -> float | int | None:
    value = config.getoption(option)
    source = f"--{option.replace('_', '-')}"
    if value is None:
        raw = str(config.getini(ini)).strip()
        if not raw:
            return None
        source = f"ini {ini}"
        try:
            value = cast(raw)
        except ValueError:
            raise pytest.UsageError(f"{source} = {raw!r}: expected a number") from None
    if value < minimum:
        raise pytest.UsageError(f"{source}={value}: expected at least {minimum:g}")
    return value  # type: ignore[no-any-return]
