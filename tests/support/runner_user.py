"""A user like a GitHub-hosted runner's ``runner``: not root, passwordless sudo, in the docker group,
for running the Action's steps as the runner would (tests/test_action.py). Made once on this host
(it needs root and sudo); ``nosudo=True`` gives the same user without sudo.

Steps run in a private mount namespace where ``/root`` (root's own, 0700) is an empty folder
showing only the interpreter's tree when it lives there (pyenv's ``/root/.pyenv``): the user can
start this Python, and still sees none of root's files."""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

SUDOER, NO_SUDO = "llmcode-runner", "llmcode-nosudo"


def problem() -> str | None:
    """Why this host cannot make such a user, or None."""
    if os.geteuid() != 0:
        return "making a runner user needs root"
    missing = [tool for tool in ("sudo", "useradd", "setpriv", "unshare", "mount") if shutil.which(tool) is None]
    if missing:
        return f"{', '.join(missing)} not installed (Debian/Ubuntu: apt-get install sudo util-linux passwd)"
    return None


def runner_user(*, nosudo: bool = False) -> pwd.struct_passwd:
    """The user (made if missing): in the docker group, with passwordless sudo unless ``nosudo``."""
    name = NO_SUDO if nosudo else SUDOER
    subprocess.run(["groupadd", "-f", "docker"], check=True)
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "--groups", "docker", name], check=True)
    sudoers = Path("/etc/sudoers.d") / name
    if nosudo:
        sudoers.unlink(missing_ok=True)
    else:
        sudoers.parent.mkdir(exist_ok=True)
        sudoers.write_text(f"{name} ALL=(ALL) NOPASSWD:ALL\n")
        sudoers.chmod(0o440)
    return pwd.getpwnam(name)


def step_prefix(user: pwd.struct_passwd, staging: Path) -> tuple[str, ...]:
    """How to start a command as ``user``, with this Python reachable (``staging``: an empty
    root-only folder for the mount)."""
    interpreter = Path(os.path.realpath(sys.executable))
    mounts = ""
    if interpreter.is_relative_to("/root"):
        top = interpreter.relative_to("/root").parts[0]
        view = shlex.quote(str(staging / top))
        mounts = (f"mkdir -p {view} && mount --bind /root/{shlex.quote(top)} {view} && "
                  "mount -t tmpfs -o mode=0711 llmcode-root /root && "
                  f"mkdir /root/{shlex.quote(top)} && mount --bind {view} /root/{shlex.quote(top)} && ")
    script = f'{mounts}exec setpriv --reuid={user.pw_uid} --regid={user.pw_gid} --init-groups -- "$@"'
    return ("unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh")


def runner_env(user: pwd.struct_passwd, base: dict[str, str]) -> dict[str, str]:
    """``base`` as that user's job would have it: its HOME and name, no root caches."""
    env = {k: v for k, v in base.items() if not k.startswith(("XDG_", "LLMCODE_NPM_CACHE", "PYTEST_"))}
    env.update({"HOME": user.pw_dir, "USER": user.pw_name, "LOGNAME": user.pw_name})
    return env
