"""Typed reading of YAML/TOML mappings, every error naming the file, the key and what was expected."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class SchemaError(Exception):
    def __init__(self, path: Path, key: str | None, message: str) -> None:
        where = f"{path}: key '{key}'" if key else str(path)
        super().__init__(f"{where}: {message}")
        self.path = path
        self.key = key


def describe(value: Any) -> str:
    """A value in words, for 'expected X, got Y'."""
    kind = {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
        type(None): "nothing (null)",
    }.get(type(value), type(value).__name__)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "...'"
        return f"{kind} {shown}"
    return kind


class Reader:
    """Reads typed keys of one mapping, collecting the file and key for every error."""

    def __init__(self, path: Path, data: dict[str, Any], error: type[SchemaError], prefix: str = "") -> None:
        self.path = path
        self.data = data
        self.error_type = error
        self.prefix = prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def fail(self, name: str | None, message: str) -> SchemaError:
        return self.error_type(self.path, self.key(name) if name else None, message)

    def error(self, name: str, expected: str) -> SchemaError:
        got = describe(self.data[name]) if name in self.data else "nothing"
        return self.fail(name, f"expected {expected}, got {got}")

    def check_keys(self, allowed: dict[str, str]) -> None:
        for name in self.data:
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(str(name), f"unknown key; the keys allowed here are: {known}")

    def text(self, name: str, expected: str, *, required: bool = True) -> str | None:
        if name not in self.data:
            if required:
                raise self.fail(name, f"missing; expected {expected}")
            return None
        value = self.data[name]
        if not isinstance(value, str) or not value.strip():
            raise self.error(name, expected)
        return value

    def number(self, name: str, expected: str, *, minimum: float = 0.0, integer: bool = False) -> float | None:
        if name not in self.data:
            return None
        value = self.data[name]
        wrong_type = isinstance(value, bool) or not isinstance(value, (int, float))
        if wrong_type or value < minimum or (integer and not float(value).is_integer()):
            raise self.error(name, expected)
        return float(value)

    def mapping(self, name: str, expected: str, *, required: bool) -> Reader | None:
        if name not in self.data:
            if required:
                raise self.fail(name, f"missing; expected {expected}")
            return None
        value = self.data[name]
        if not isinstance(value, dict):
            raise self.error(name, expected)
        return Reader(self.path, value, self.error_type, prefix=f"{self.key(name)}.")

    def folder(self, name: str, base: Path, *, required: bool, default: str | None = None) -> Path | None:
        raw = self.text(name, "a folder path relative to the challenge", required=required and default is None)
        if raw is None:
            if default is None:
                return None
            raw = default
        folder = (base / raw).resolve()
        if not folder.is_dir():
            if raw == default and name not in self.data:
                return folder  # the default need not exist; whoever needs it says so when asked
            raise self.fail(name, f"expected an existing folder, but {folder} is not one")
        return folder
