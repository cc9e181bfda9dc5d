"""The tools of the built-in agent (``--llm-mode=agent``): list, read, write, edit and delete files of
the workspace, install the dependencies (the registry reachable for that only), run a command such
as the build in the sandbox and see its output, and finish.

Files are read and written by this process, never through a symbolic link and never outside the
workspace: commands the agent runs end with their sandbox before the next tool call, so nothing of
the generated code runs while a file is touched here."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from pytest_llmcode.agents.task import AgentTask
from pytest_llmcode.answers import npmrc
from pytest_llmcode.answers.parse import AnswerError, safe_path
from pytest_llmcode.core.files import project_files
from pytest_llmcode.models.conversation import ToolCall, ToolSpec
from pytest_llmcode.sandbox.links import describe as describe_links
from pytest_llmcode.sandbox.links import remove_escaping_links

READ_LIMIT = 60_000
EDIT_LIMIT = 4 * 2**20  # bytes of a file edit_file reads; a larger one is written whole
OUTPUT_LIMIT = 8_000
LIST_LIMIT = 500  # file names list_files gives
NAME_LIMIT = 200  # characters of each


def _object(**properties: str) -> dict[str, Any]:
    return {"type": "object", "properties": {name: {"type": "string", "description": text}
                                             for name, text in properties.items()},
            "required": list(properties), "additionalProperties": False}


TOOLS = [
    ToolSpec("list_files", "List the files of the project (dependencies and build output left out).", _object()),
    ToolSpec("read_file", "Read a text file of the project.", _object(path="path relative to the project root")),
    ToolSpec("write_file", "Create a text file or replace its whole content.",
             _object(path="path relative to the project root", content="the complete new content")),
    ToolSpec("edit_file", "Replace the one occurrence of `search` in a file by `replace` (search must match "
             "exactly once, whitespace included).",
             _object(path="path relative to the project root", search="the exact text to find",
                     replace="the text to put instead")),
    ToolSpec("delete_file", "Delete a file.", _object(path="path relative to the project root")),
    ToolSpec("install", "Install the dependencies with the project's install command; the package registry is "
             "reachable for this command only.", _object()),
    ToolSpec("run", "Run a shell command in the project folder, with no network (e.g. the build command). "
             "Returns its exit status and the end of its output.", _object(command="the shell command")),
    ToolSpec("finish", "Say that the work is done; the project is then installed, built and checked.",
             _object(summary="what you did")),
]


class Workbench:
    """Carries out one agent's tool calls on its case's workspace."""

    def __init__(self, task: AgentTask, deadline: float) -> None:
        self.task = task
        self.root = task.dir.workspace
        self.deadline = deadline
        self.commands = 0
        self.finished: str | None = None

    def _path(self, raw: Any) -> Path:
        relative = safe_path(str(raw or ""))
        target = self.root / relative
        real_root = os.path.realpath(self.root)
        parent = os.path.realpath(target.parent)
        if parent != real_root and not parent.startswith(real_root + os.sep):
            raise AnswerError(f"{relative}: its folder leads outside the project")
        if target.is_symlink():
            raise AnswerError(f"{relative} is a symbolic link; it is not followed")
        return target

    def call(self, call: ToolCall, remaining_s: float) -> str:
        """The tool's result as the model sees it (errors included, as text)."""
        if call.error:
            return f"error: {call.error}"
        try:
            return self._dispatch(call, remaining_s)
        except (AnswerError, OSError, UnicodeDecodeError) as exc:
            return f"error: {exc}"

    def _dispatch(self, call: ToolCall, remaining_s: float) -> str:
        args = call.arguments
        if call.name == "list_files":
            return self._list()
        if call.name == "read_file":
            data = _read_regular(self._path(args.get("path")), READ_LIMIT + 1)
            text = data[:READ_LIMIT].decode("utf-8")
            return text + (f"\n[cut at {READ_LIMIT} characters]" if len(data) > READ_LIMIT else "")
        if call.name == "write_file":
            return self._write(self._path(args.get("path")), str(args.get("content", "")))
        if call.name == "edit_file":
            path = self._path(args.get("path"))
            data = _read_regular(path, EDIT_LIMIT + 1)
            if len(data) > EDIT_LIMIT:
                return f"error: {args.get('path')} is over {EDIT_LIMIT} bytes; write it whole instead"
            text = data.decode("utf-8")
            search = str(args.get("search", ""))
            count = text.count(search) if search else 0
            if count != 1:
                return f"error: `search` occurs {count} times in {args.get('path')}; it must occur exactly once"
            return self._write(path, text.replace(search, str(args.get("replace", "")), 1))
        if call.name == "delete_file":
            path = self._path(args.get("path"))
            path.unlink()
            return f"deleted {args.get('path')}"
        if call.name == "install":
            command = self.task.challenge.stack.install
            if not command:
                return "this project has no install step"
            refused = npmrc.refused_keys(self.root)  # as the install stage does: npm reads it with the registry open
            if refused:
                listed = "; ".join(f"{file}: {key}" for file, key in refused[:10])
                return (f"error: the project's .npmrc sets what is not allowed ({listed}); allowed keys: "
                        f"{', '.join(sorted(npmrc.ALLOWED))}. Nothing was installed")
            return self._run(command, remaining_s, network=True)
        if call.name == "run":
            return self._run(str(args.get("command", "")), remaining_s, network=False)
        if call.name == "finish":
            self.finished = str(args.get("summary", ""))
            return "finished"
        return f"error: no tool named {call.name!r}; the tools are {', '.join(t.name for t in TOOLS)}"

    def _list(self) -> str:
        """The project's files, at most :data:`LIST_LIMIT` names (the model pays for every one)."""
        names: list[str] = []
        more = 0
        for path in project_files(self.root):
            if len(names) < LIST_LIMIT:
                name = path.relative_to(self.root).as_posix()
                names.append(name if len(name) <= NAME_LIMIT else name[:NAME_LIMIT] + "…")
            else:
                more += 1
        if not names:
            return "(no files)"
        return "\n".join(names) + (f"\n[{more} more files not listed]" if more else "")

    def _write(self, path: Path, content: str) -> str:
        path.parent.mkdir(parents=True, exist_ok=True)  # its existing folders were checked by _path
        # O_NONBLOCK: a FIFO with no reader fails at once instead of blocking pytest
        refused = AnswerError(f"{path.relative_to(self.root).as_posix()} is not a regular file; it is not written")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            if exc.errno == errno.ENXIO:  # a FIFO nobody reads
                raise refused from None
            raise
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise refused
        os.ftruncate(fd, 0)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        return f"wrote {path.relative_to(self.root).as_posix()} ({len(content)} characters)"

    def _run(self, command: str, remaining_s: float, *, network: bool) -> str:
        if not command.strip():
            return "error: an empty command"
        self.commands += 1
        timeouts = self.task.challenge.timeouts
        timeout = max(1.0, min(remaining_s, timeouts["install"] if network else timeouts["build"]))
        log = self.task.dir.log(f"agent-run-{self.commands}")
        sandbox = self.task.sandbox(f"agent-{self.commands}")
        try:
            result = sandbox.run(command, cwd=self.root, log_path=log, timeout=timeout, network=network)
        finally:
            sandbox.close()  # nothing it started lives on while this process touches the workspace
        removed = remove_escaping_links(self.root)
        output = log.read_text(encoding="utf-8", errors="replace")
        shown = output[-OUTPUT_LIMIT:]
        status = "exit status 0" if result.ok else result.explain(timeout)
        if removed:
            status += "\n" + describe_links(removed, "the command")
        return f"{status}\n{'[output cut]' if len(output) > OUTPUT_LIMIT else ''}{shown}"


def _read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of a regular file, never through a link; a FIFO, a device or a folder
    is refused at once (opened without blocking, then checked), as the agent's reads must not hang
    pytest."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise AnswerError(f"{path.name} is not a regular file (a FIFO, a device or a folder); it is not read")
        return handle.read(limit)
