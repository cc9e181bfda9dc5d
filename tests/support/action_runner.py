"""Runs a composite ``action.yml`` the way the GitHub runner does, here: inputs from their defaults
and the ``with:`` given, ``${{ }}`` expressions substituted, ``if:`` conditions evaluated (with the
runner's rule that after a failure only ``always()`` steps run), each ``run:`` step in
``bash --noprofile --norc -eo pipefail`` with ``GITHUB_OUTPUT`` and ``GITHUB_STEP_SUMMARY`` as files,
step outputs collected. ``uses:`` steps get their local equivalent: ``actions/setup-python`` is the
Python already here, ``actions/upload-artifact`` copies its paths into ``artifacts/<name>`` (and sets its ``artifact-url``)."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
TOKEN = re.compile(r"\s*(\(|\)|&&|\|\||==|!=|'[^']*'|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*)")


@dataclasses.dataclass
class ActionRun:
    steps: list[tuple[str, str]]  # (step name, "success" / "failure" / "tolerated failure" / "skipped")
    outputs: dict[str, str]
    summary: str
    artifacts: Path
    log: str

    @property
    def failed(self) -> bool:
        return any(outcome == "failure" for _, outcome in self.steps)


# the run's context as a runner gives it (the values of a made-up run)
GITHUB = {"github.server_url": "https://github.com", "github.repository": "octo/app", "github.run_id": "4242"}


class ActionRunner:
    """``prefix`` starts each ``run:`` step's bash (as another user, say: see tests/support/runner_user.py),
    ``owner`` (uid, gid) is given the files the runner makes for the steps."""

    def __init__(self, action: Path, workdir: Path, env: dict[str, str], prefix: tuple[str, ...] = (),
                 owner: tuple[int, int] | None = None) -> None:
        self.prefix = prefix
        self.owner = owner
        self.definition = yaml.safe_load(action.read_text())
        self.action_path = action.parent
        self.workdir = workdir
        self.env = env
        self.inputs: dict[str, str] = {}
        self.step_outputs: dict[str, dict[str, str]] = {}

    def _value(self, name: str) -> str:
        if name.startswith("inputs."):
            return self.inputs.get(name[len("inputs."):], "")
        if name == "github.action_path":
            return str(self.action_path)
        if name == "github.workspace":
            return str(self.workdir)
        if name in GITHUB:
            return GITHUB[name]
        match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", name)
        if match:
            return self.step_outputs.get(match[1], {}).get(match[2], "")
        raise ValueError(f"expression not supported by this runner: {name}")

    def substitute(self, text: str) -> str:
        return EXPRESSION.sub(lambda m: self._value(m[1]), text)

    def condition(self, text: str | None, failed: bool) -> bool:
        """An ``if:`` as the runner evaluates it (without a status function it means success() && ...)."""
        if text is None:
            return not failed
        source = EXPRESSION.sub(lambda m: m[1], str(text))
        python: list[str] = []
        position = 0
        status_given = False
        while position < len(source):
            match = TOKEN.match(source, position)
            if not match:
                raise ValueError(f"if: {text!r}: cannot read {source[position:]!r}")
            token = match[1]
            position = match.end()
            if token in ("(", ")"):
                python.append(token)
            elif token == "&&":
                python.append(" and ")
            elif token == "||":
                python.append(" or ")
            elif token in ("==", "!="):
                python.append(f" {token} ")
            elif token.startswith("'"):
                python.append(repr(token[1:-1]))
            elif token.endswith("()"):
                status_given = True
                python.append({"always()": "True", "success()": repr(not failed), "failure()": repr(failed),
                               "cancelled()": "False"}[token])
            else:
                python.append(repr(self._value(token)))
        result = bool(eval("".join(python), {"__builtins__": {}}))  # our own tokens only, no builtins
        return result if status_given else result and not failed

    def _own(self, path: Path) -> None:
        if self.owner is not None:
            os.chown(path, *self.owner)

    def _upload(self, with_: dict[str, str]) -> dict[str, str]:
        """Copies the paths; the outputs upload-artifact v4 sets (none when nothing was uploaded)."""
        lines = [line.strip() for line in self.substitute(str(with_.get("path", ""))).splitlines() if line.strip()]
        excluded = [line[1:] for line in lines if line.startswith("!")]
        target = self.workdir / "artifacts" / self.substitute(str(with_["name"]))
        for line in lines:
            if line.startswith("!"):
                continue
            source = self.workdir / line
            if not source.exists():
                continue

            def ignore(folder: str, names: list[str]) -> set[str]:
                return {n for n in names for pattern in excluded
                        if fnmatch.fnmatch(str(Path(folder, n).relative_to(self.workdir)), pattern)}
            shutil.copytree(source, target / source.name, dirs_exist_ok=True, ignore=ignore)
        if not target.exists():
            return {}
        run = f"{GITHUB['github.server_url']}/{GITHUB['github.repository']}/actions/runs/{GITHUB['github.run_id']}"
        return {"artifact-id": "1", "artifact-url": f"{run}/artifacts/1"}

    def run(self, given: dict[str, str]) -> ActionRun:
        declared = self.definition.get("inputs") or {}
        unknown = set(given) - set(declared)
        if unknown:
            raise ValueError(f"inputs not declared in action.yml: {sorted(unknown)}")
        self.inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
        self.inputs.update(given)
        missing = [n for n, spec in declared.items() if spec.get("required") and not self.inputs.get(n)]
        if missing:
            raise ValueError(f"required inputs missing: {missing}")
        summary = self.workdir / "step-summary.md"
        summary.write_text("")
        self._own(summary)
        results: list[tuple[str, str]] = []
        log: list[str] = []
        failed = False
        for index, step in enumerate(self.definition["runs"]["steps"]):
            name = str(step.get("name") or step.get("uses") or f"step {index}")
            if not self.condition(step.get("if"), failed):
                results.append((name, "skipped"))
                continue
            if "uses" in step:
                uses = str(step["uses"])
                if uses.startswith("actions/upload-artifact@"):
                    uploaded = self._upload(step.get("with") or {})
                    if step.get("id"):
                        self.step_outputs[str(step["id"])] = uploaded
                elif not uses.startswith("actions/setup-python@"):
                    raise ValueError(f"no local equivalent for `uses: {uses}`")
                results.append((name, "success"))
                continue
            outputs_file = self.workdir / f"github-output-{index}"
            outputs_file.write_text("")
            self._own(outputs_file)
            env = {**self.env, **{k: self.substitute(str(v)) for k, v in (step.get("env") or {}).items()},
                   "GITHUB_OUTPUT": str(outputs_file), "GITHUB_STEP_SUMMARY": str(summary),
                   "GITHUB_ACTION_PATH": str(self.action_path), "GITHUB_WORKSPACE": str(self.workdir), "CI": "true"}
            assert step.get("shell") == "bash", f"{name}: composite run steps need shell: bash"
            done = subprocess.run([*self.prefix, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                                   self.substitute(str(step["run"]))],
                                  cwd=self.workdir, env=env, capture_output=True, text=True, timeout=900)
            log.append(f"--- {name} (exit {done.returncode})\n{done.stdout}{done.stderr}")
            outputs = dict(line.split("=", 1) for line in outputs_file.read_text().splitlines() if "=" in line)
            if step.get("id"):
                self.step_outputs[str(step["id"])] = outputs
            tolerated = step.get("continue-on-error") is True  # its conclusion is success: the job goes on
            if done.returncode != 0 and not tolerated:
                failed = True
            results.append((name, "success" if not done.returncode else "tolerated failure" if tolerated else "failure"))
        action_outputs = {name: self.substitute(str(spec["value"]))
                          for name, spec in (self.definition.get("outputs") or {}).items()}
        return ActionRun(results, action_outputs, summary.read_text(), self.workdir / "artifacts", "\n".join(log))


def runner_env() -> dict[str, str]:
    """The job's environment: this interpreter's folder first on PATH, as setup-python leaves it."""
    import sys

    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def load_action(root: Path) -> dict[str, Any]:
    action: dict[str, Any] = yaml.safe_load((root / "action.yml").read_text())
    return action
