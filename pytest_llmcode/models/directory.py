"""The ``dir:PATH`` and ``file:PATH`` models: answer with the files of a folder, as a model would
have written them, or with a saved answer (an ``answer.md`` of an earlier case, a hand-written edit)."""

from __future__ import annotations

import os
from pathlib import Path

from pytest_llmcode.answers.formats import format_files
from pytest_llmcode.core.files import GENERATED_DIRS, OUTPUT_MARKER
from pytest_llmcode.models.base import Completion, GenerationError, GenerationRequest, Model
from pytest_llmcode.models.registry import ModelSpecError, Prefixed, SpecContext, label_for_path

SKIPPED_FILES = {".DS_Store"}


def answer_from_directory(root: Path) -> str:
    """All files under ``root`` as an answer: text as code blocks, images and other binary files
    as base64 blocks; dependencies, build output and pytest-llmcode results left out."""
    files: dict[str, str | bytes] = {}
    for current, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames if d not in GENERATED_DIRS and not (Path(current) / d / OUTPUT_MARKER).exists()
        )
        for name in sorted(filenames):
            if name in SKIPPED_FILES:
                continue
            path = Path(current) / name
            relative = path.relative_to(root).as_posix()
            if path.is_symlink() or not path.is_file():
                raise GenerationError(f"{path} is a symlink or special file; an answer holds regular files only")
            data = path.read_bytes()
            try:
                files[relative] = data.decode("utf-8")
            except UnicodeDecodeError:
                files[relative] = data
        for name in dirnames:
            if (Path(current) / name).is_symlink():
                raise GenerationError(f"{Path(current) / name} is a symlink; an answer holds regular files only")
    if not files:
        raise GenerationError(f"{root} holds no files")
    return format_files(files)


class DirectoryModel:
    def __init__(self, root: Path, label: str, spec: str) -> None:
        self.root = root
        self.label = label
        self.spec = spec

    def generate(self, request: GenerationRequest) -> Completion:
        if not self.root.is_dir():
            raise GenerationError(f"{self.root} is not a folder")
        return Completion(text=answer_from_directory(self.root))


def answer_from_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GenerationError(f"cannot read the answer file {path}: {exc}") from None
    if not text.strip():
        raise GenerationError(f"the answer file {path} is empty")
    return text


class FileModel:
    def __init__(self, path: Path, label: str, spec: str) -> None:
        self.path = path
        self.label = label
        self.spec = spec

    def generate(self, request: GenerationRequest) -> Completion:
        return Completion(text=answer_from_file(self.path))


def _dir_models(rest: str, spec: str, context: SpecContext) -> list[Model]:
    if not rest:
        raise ModelSpecError("'dir:' needs a folder, e.g. dir:path/to/app")
    root = context.path(rest)
    if not root.is_dir():
        raise ModelSpecError(f"{root} is not a folder")
    return [DirectoryModel(root, label=label_for_path(root, "dir"), spec=spec)]


def _file_models(rest: str, spec: str, context: SpecContext) -> list[Model]:
    path = context.path(rest)
    if not rest or not path.is_file():
        raise ModelSpecError(f"'file:' needs an answer file, and {path} is not one")
    return [FileModel(path, label=label_for_path(path, "file"), spec=spec)]


DIR_FAMILY = Prefixed("dir:", "dir:PATH", _dir_models)
FILE_FAMILY = Prefixed("file:", "file:ANSWER", _file_models)
