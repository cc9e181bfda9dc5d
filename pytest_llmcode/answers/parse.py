"""A model's answer text -> the files it wrote, with path safety and size caps.

The format (documented in docs/models.md and given to the model in the prompt, see
:mod:`pytest_llmcode.answers.formats`)::

    File: src/App.jsx
    ```jsx
    ...the whole file...
    ```

A fence of more backticks (````) holds a file that itself contains ``` lines.
A fence whose info string names the path (```jsx title="src/App.jsx"``` or
```src/App.jsx```) is accepted too, as are headings (``### src/App.jsx``)
and bold paths (``**src/App.jsx**``) on the line before the fence.

An existing file (of a challenge that starts from a codebase) may instead be changed with
search/replace edits (see :mod:`pytest_llmcode.answers.edits`) under ``Edit: <path>``, and removed
with a line ``Delete: <path>``. Changes apply in the order the answer gives them.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import itertools
import re
import time
from pathlib import PurePosixPath

from pytest_llmcode.answers.edits import EditError, Replacement, has_edits, read_replacements

MAX_FILES = 300
MAX_FILE_BYTES = 512 * 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024


TIME_LIMIT_S = 30.0  # reading an answer, and applying its edits, like any other stage


@dataclasses.dataclass(frozen=True)
class AnswerLimits:
    """How much an answer may hold. A model's answer is text it generated (:data:`MODEL_LIMITS`);
    an answer made from files people wrote (``reference``, ``dir:``, ``file:``) holds real apps with
    images and textures (:data:`LOCAL_LIMITS`)."""

    files: int
    file_bytes: int
    total_bytes: int
    kind: str  # how the message names the answer

    def describe(self) -> str:
        return (f"{self.kind} may hold {self.files} files of up to {_size(self.file_bytes)} each, "
                f"{_size(self.total_bytes)} in all")


def _size(count: int) -> str:
    return f"{count // 2**20} MiB" if count >= 2**20 and count % 2**20 == 0 else f"{count // 1024} KiB"


MODEL_LIMITS = AnswerLimits(MAX_FILES, MAX_FILE_BYTES, MAX_TOTAL_BYTES, "a model's answer")
LOCAL_LIMITS = AnswerLimits(5_000, 64 * 2**20, 256 * 2**20, "an answer made from files (reference, dir:, file:)")
FORBIDDEN_PARTS = {"node_modules", ".git"}

_OPEN_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_HEADER_PATTERNS = [
    # matched against the stripped line, and greedy: linear however many spaces a line holds
    re.compile(r"^(?:[-*]\s*)?(?:\*\*)?(?:File|Path|Filename|Edit)\s*:\s*(?:\*\*)?\s*(?P<path>.+)$", re.I),
    re.compile(r"^\s*#{1,6}\s+(?P<path>\S+)\s*$"),
    re.compile(r"^\s*\*\*(?P<path>[^*\s]+?)\*\*:?\s*$"),
    re.compile(r"^\s*`(?P<path>[^`\s]+)`:?\s*$"),
]
_INFO_PATH = [
    re.compile(r"""(?:title|file|path|filename)\s*=\s*["']?(?P<path>[^"'\s]+)["']?"""),
    re.compile(r"^\s*\w+:(?P<path>\S+/\S*|\S+\.\w+)\s*$"),  # ```jsx:src/App.jsx
    re.compile(r"^\s*(?P<path>\S*[/.]\S*)\s*$"),  # ```src/App.jsx
]
_LOOKS_LIKE_PATH = re.compile(r"^[\w.@+-][\w.@+/ -]*$")
_BARE_PATH = re.compile(r"^\s*(?P<path>[\w.@+-]+(?:/[\w.@+-]+)*\.\w+)\s*$")  # Aider style: the path alone
_DELETE = re.compile(r"^\s*(?:[-*]\s*)?(?:\*\*)?Delete\s*:\s*(?:\*\*)?\s*`?(?P<path>[^`\s]+)`?\s*$", re.I)


class AnswerError(Exception):
    """The answer cannot be turned into files; the message says why and where."""


@dataclasses.dataclass(frozen=True)
class AnswerFile:
    path: str
    content: str
    line: int  # 1-based line of the opening fence in the answer
    binary: bytes | None = None  # a file given as a ```base64 block

    @property
    def data(self) -> bytes:
        return self.binary if self.binary is not None else self.content.encode("utf-8")


@dataclasses.dataclass(frozen=True)
class AnswerEdit:
    path: str
    replacements: tuple[Replacement, ...]
    line: int


@dataclasses.dataclass(frozen=True)
class AnswerDeletion:
    path: str
    line: int


Change = AnswerFile | AnswerEdit | AnswerDeletion


@dataclasses.dataclass(frozen=True)
class ParsedAnswer:
    files: tuple[AnswerFile, ...]  # the whole files, the last of each path
    notes: tuple[str, ...]
    changes: tuple[Change, ...] = ()  # everything in the answer's order (whole files, edits, deletions)

    @property
    def paths(self) -> list[str]:
        """Every path the answer writes, edits or deletes, in order of first mention."""
        ordered = [c.path for c in self.changes] or [f.path for f in self.files]
        return list(dict.fromkeys(ordered))


def safe_path(raw: str, *, line: int | None = None) -> str:
    """Normalize a path from an answer, or raise :class:`AnswerError` if it is unsafe."""
    where = f" (line {line})" if line else ""
    path = raw.strip().strip("`'\"").strip()
    if path.startswith("./"):
        path = path[2:]
    if not path:
        raise AnswerError(f"empty file path{where}")
    if any(ord(c) < 32 for c in path) or "\\" in path:
        raise AnswerError(f"unsafe file path {raw!r}{where}: control characters or backslashes")
    if path.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", path):
        raise AnswerError(f"unsafe file path {raw!r}{where}: absolute paths are not allowed")
    parts = PurePosixPath(path).parts
    if not parts or parts == (".",):
        raise AnswerError(f"file path {raw!r}{where} names the workspace itself, not a file")
    if ".." in parts:
        raise AnswerError(f"unsafe file path {raw!r}{where}: '..' leaves the workspace")
    forbidden = FORBIDDEN_PARTS.intersection(parts)
    if forbidden:
        raise AnswerError(f"unsafe file path {raw!r}{where}: writing into {sorted(forbidden)[0]}/ is not allowed")
    if len(path) > 240 or any(len(p) > 120 for p in parts):
        raise AnswerError(f"file path too long{where}: {raw[:60]!r}...")
    return str(PurePosixPath(*parts))


def _path_from_info(info: str) -> str | None:
    if info in ("base64", ""):
        return None
    for pattern in _INFO_PATH:
        match = pattern.search(info)
        if match:
            return match.group("path")
    return None


def _without_note(raw: str) -> str:
    """``src/App.jsx (updated)`` or ``src/App.jsx - the root component`` -> ``src/App.jsx``
    (in one pass over the words: a line of any length costs its length)."""
    words = list(re.finditer(r"\S+", raw))
    closes = raw.rstrip().endswith(")")
    for previous, word in itertools.pairwise(words):
        text = word.group()
        if (text.startswith("(") and closes) or (text in ("-", "\u2013", "\u2014") and word is not words[-1]):
            return raw[: previous.end()]
    return raw


def _path_from_header(line: str) -> str | None:
    """The path a header line names. ``File: X`` is taken as it is (and checked for safety
    later); a heading or bold text only counts when it looks like a file path."""
    line = line.strip()
    for number, pattern in enumerate(_HEADER_PATTERNS):
        match = pattern.match(line)
        if match:
            raw = match.group("path")
            quoted = re.search(r"`([^`]+)`", raw)
            if quoted:  # File: `src/App.jsx` (entry point)
                raw = quoted.group(1)
            elif number == 0:  # File: src/App.jsx (updated)  /  File: src/App.jsx - the root component
                raw = _without_note(raw)
            candidate = raw.strip().strip("`*").strip()
            if number == 0 or (_LOOKS_LIKE_PATH.match(candidate) and ("." in candidate or "/" in candidate)):
                return candidate
    return None


def _edit(path: str | None, body: list[str], first_line: int, where: str) -> AnswerEdit:
    """The search/replace sections of ``body`` (whose first line is answer line ``first_line``)."""
    if path is None:
        raise AnswerError(f"the edit {where} does not say which file it changes: put 'Edit: <path>' before it")
    safe = safe_path(path, line=first_line)
    try:
        replacements, end = read_replacements(body, 0, first_line)
    except EditError as exc:
        raise AnswerError(f"{safe}: {exc}") from None
    if end < len(body):
        raise AnswerError(
            f"{safe}: the edit {where} has text outside its SEARCH/REPLACE sections at line {first_line + end}: "
            f"{body[end].strip()[:80]!r}"
        )
    return AnswerEdit(safe, tuple(replacements), first_line)


class _Reader:
    """Walks an answer's lines, collecting whole files, edits and deletions in order."""

    def __init__(self, text: str, limits: AnswerLimits = MODEL_LIMITS, time_limit_s: float = TIME_LIMIT_S) -> None:
        self.limits = limits
        self.time_limit_s = time_limit_s
        self.deadline = time.monotonic() + time_limit_s
        self.lines = text.splitlines()
        self.files: dict[str, AnswerFile] = {}
        self.changes: list[Change] = []
        self.notes: list[str] = []
        self.total = 0

    def add(self, change: Change) -> None:
        if isinstance(change, AnswerFile):
            if change.path in self.files:
                earlier = self.files[change.path].line
                self.notes.append(
                    f"{change.path} is given twice (lines {earlier} and {change.line}); the last one is used"
                )
            self.files[change.path] = change
            size = len(change.data)
            if size > self.limits.file_bytes:
                raise AnswerError(f"{change.path} (line {change.line}) is {size} bytes, over the limit of "
                                  f"{self.limits.file_bytes} bytes a file: {self.limits.describe()}")
        else:
            size = sum(len(r.replace) for r in getattr(change, "replacements", ()))
        self.total += size
        self.changes.append(change)
        if len(self.files) > self.limits.files or len(self.changes) > 4 * self.limits.files:
            raise AnswerError(f"the answer holds more than {self.limits.files} files: {self.limits.describe()}")
        if self.total > self.limits.total_bytes:
            raise AnswerError(f"the answer's files add up to more than {self.limits.total_bytes} bytes: "
                              f"{self.limits.describe()}")

    def read(self) -> ParsedAnswer:
        lines = self.lines
        pending_path: str | None = None
        pending_line = 0
        bare_path: str | None = None  # a path alone on the line before a block: counts for edits only
        index = 0
        while index < len(lines):
            if index % 256 == 0 and time.monotonic() > self.deadline:
                raise AnswerError(f"reading the answer took over {self.time_limit_s:g}s (stopped at line {index + 1} "
                                  f"of {len(lines)}); nothing of it was written")
            line = lines[index]
            opening = _OPEN_FENCE.match(line.rstrip())
            if not opening:
                deletion = _DELETE.match(line)
                if deletion and ("." in deletion.group("path") or "/" in deletion.group("path")):
                    self.add(AnswerDeletion(safe_path(deletion.group("path"), line=index + 1), index + 1))
                    pending_path = bare_path = None
                    index += 1
                    continue
                if has_edits([line]):  # sections written without a fence
                    try:
                        _, end = read_replacements(lines, index, 1)
                    except EditError as exc:
                        raise AnswerError(f"{pending_path or bare_path or 'an edit'}: {exc}") from None
                    self.add(_edit(pending_path or bare_path, lines[index:end], index + 1, f"at line {index + 1}"))
                    index = end
                    pending_path = bare_path = None
                    continue
                header = _path_from_header(line)
                if header is not None:
                    pending_path, pending_line = header, index + 1
                elif line.strip() and pending_path is not None and index + 1 - pending_line > 1:
                    pending_path = None  # prose between the path and the block: not its header
                if line.strip():
                    bare = _BARE_PATH.match(line)
                    bare_path = bare.group("path") if bare else None
                index += 1
                continue
            fence = opening.group("fence")
            indent = len(opening.group("indent"))
            info = opening.group("info").strip()
            start = index
            closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            index += 1
            body: list[str] = []
            while index < len(lines) and not closing.match(lines[index]):
                line = lines[index]
                # a block indented inside a list item: its lines carry that indentation
                body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
                index += 1
            raw_path = _path_from_info(info) or pending_path
            if index >= len(lines):
                name = f" for {raw_path}" if raw_path else ""
                raise AnswerError(
                    f"the code block{name} opened at line {start + 1} is never closed: the answer looks cut off"
                )
            index += 1
            pending_path = None
            if has_edits(body):
                self.add(_edit(raw_path or bare_path, body, start + 2, f"in the block at line {start + 1}"))
                bare_path = None
                continue
            bare_path = None
            if raw_path is None:
                self.notes.append(f"code block at line {start + 1} has no file path; ignored")
                continue
            self.add(_whole_file(raw_path, info, body, start + 1))
        if not self.changes:
            raise AnswerError(
                "the answer contains no files: expected each file as a line 'File: <path>' "
                "followed by a fenced code block (see the answer format in docs/models.md)"
            )
        _check_prefix_clashes(self.files)
        return ParsedAnswer(files=tuple(self.files.values()), notes=tuple(self.notes), changes=tuple(self.changes))


def _whole_file(raw_path: str, info: str, body: list[str], line: int) -> AnswerFile:
    path = safe_path(raw_path, line=line)
    content = "\n".join(body) + "\n" if body else ""
    binary = None
    if info.split()[:1] == ["base64"]:
        try:
            binary = base64.b64decode("".join(body), validate=True)
        except (binascii.Error, ValueError):
            raise AnswerError(f"{path} (line {line}) is marked base64 but is not valid base64") from None
    return AnswerFile(path=path, content=content, line=line, binary=binary)


def parse_answer(text: str, limits: AnswerLimits = MODEL_LIMITS, time_limit_s: float = TIME_LIMIT_S) -> ParsedAnswer:
    """Extract the files, edits and deletions of an answer. Raises :class:`AnswerError` with a clear
    reason, also when reading it takes over ``time_limit_s`` (it is linear: a MiB takes well under a second)."""
    return _Reader(text, limits, time_limit_s).read()


def _check_prefix_clashes(files: dict[str, AnswerFile]) -> None:
    for path in files:
        parent = PurePosixPath(path).parent
        while str(parent) != ".":
            if str(parent) in files:
                raise AnswerError(f"{parent} is given as a file and also as the folder of {path}")
            parent = parent.parent
