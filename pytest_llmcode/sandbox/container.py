"""The docker backend: one container per case, made with the ``docker`` library from an image this
package builds itself (``image/Dockerfile``, ``FROM scratch``: no registry is ever asked).

The container has no network but its own loopback (``network_mode=none``), a read-only root, the
host's system folders bound read-only (that is where sh, node and npm come from), the case's
workspace and the shared npm cache bound read-write at the same paths, a private /tmp, memory,
process-count and file-size limits, no capabilities, and runs as the user nobody. Commands run in
it with ``docker exec``; the browser, the registry proxy and the challenge's services join its
network namespace from the host.

It ends when :meth:`CaseContainer.close` removes it, and also when this process dies however it
dies: its first process reads a stdin attached from here and exits at end of file, which ends
every other process of the container."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pytest_llmcode.sandbox.config import SANDBOX_UID, SandboxConfig
from pytest_llmcode.sandbox.limits import groups_of
from pytest_llmcode.sandbox.netns import NetNamespace

IMAGE_DIR = Path(__file__).parent / "image"
LABEL = "org.pytest-llmcode.sandbox"
# not /sbin: docker-init is mounted there
SYSTEM = ("/usr", "/bin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt")
START_TIMEOUT_S = 30


def image_tag() -> str:
    """The image's tag: named by what it is built from, so that a changed Dockerfile is rebuilt."""
    digest = hashlib.sha256()
    for path in sorted(IMAGE_DIR.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"pytest-llmcode-sandbox:{digest.hexdigest()[:12]}"


def _api() -> Any:
    import docker

    return docker.from_env(timeout=120).api


def ensure_image(api: Any) -> str:
    """Build the sandbox image if this engine does not have it yet; return its tag."""
    import docker

    tag = image_tag()
    try:
        api.inspect_image(tag)
        return tag
    except docker.errors.ImageNotFound:
        pass
    for chunk in api.build(path=str(IMAGE_DIR), tag=tag, rm=True, pull=False, decode=True):
        if "error" in chunk:
            raise OSError(f"building the sandbox image {tag} from {IMAGE_DIR} failed: {chunk['error'].strip()}")
    return tag


def docker_problem() -> str | None:
    """Why the docker backend cannot run here, or None if it can (the image is built on the way)."""
    try:
        import docker
    except ImportError:
        return "the `docker` Python package is not installed (pip install docker)"
    if shutil.which("docker") is None:
        return "the `docker` command is not installed (Debian/Ubuntu: apt-get install docker.io)"
    if os.geteuid() != 0:
        return "it needs root (the browser and the challenge's services join each container's network)"
    if shutil.which("nsenter") is None:
        return "`nsenter` is not installed (Debian/Ubuntu: apt-get install util-linux)"
    try:
        api = _api()
    except docker.errors.DockerException as exc:
        return _no_engine(exc)
    try:
        api.ping()
        ensure_image(api)
    except docker.errors.APIError as exc:
        return str(exc)
    except (docker.errors.DockerException, OSError) as exc:
        return _no_engine(exc)
    finally:
        api.close()
    return None


def _no_engine(exc: Exception) -> str:
    return (f"no Docker engine answers ({exc}); start one, e.g. "
            "`dockerd --iptables=false --bridge=none &` (see docs/security.md)")


def _system_folders() -> list[str]:
    """The host folders a container sees read-only: the system's, and where node and npm live."""
    folders = [p for p in SYSTEM if os.path.exists(p)]
    for tool in ("node", "npm"):
        found = shutil.which(tool)
        if found:
            prefix = Path(os.path.realpath(found)).parent.parent  # .../bin/node -> the installation
            if not any(prefix == Path(f) or Path(f) in prefix.parents for f in folders):
                folders.append(str(prefix))
    return folders


class CaseContainer:
    """One case's container, started on creation; its network namespace is :attr:`network`."""

    def __init__(self, config: SandboxConfig, name: str, writable: Iterable[Path], hidden: Iterable[Path],
                 readonly: Mapping[str, str] | None = None) -> None:
        """``readonly``: more host paths bound read-only, to where they are seen in the container."""
        import docker
        from docker.types import Ulimit

        self.api = _api()
        self.id: str | None = None
        self._stdin: Any = None
        self.network: NetNamespace | None = None
        self._groups: list[Path] = []
        system = _system_folders()
        binds = {folder: {"bind": folder, "mode": "ro"} for folder in system}
        binds.update({source: {"bind": target, "mode": "ro"} for source, target in (readonly or {}).items()})
        binds.update({str(path): {"bind": str(path), "mode": "rw"} for path in writable})
        tmpfs = {"/tmp": "rw,nosuid,nodev,mode=1777", "/var/tmp": "rw,nosuid,nodev,mode=1777"}
        # empty, root-owned: as in the namespace sandbox, these are there and show nothing of the host's
        for path in ("/run", "/root", "/home", *(str(p) for p in hidden if p.is_dir() and any(
                Path(f) in p.parents for f in system))):  # hidden folders inside a bound system folder
            tmpfs[path] = "rw,nosuid,nodev,size=1m,mode=0755"
        max_file = config.file_size_bytes  # bytes: docker sets the rlimit as it is
        host_config = self.api.create_host_config(
            binds=binds, tmpfs=tmpfs, network_mode="none", read_only=True, init=True,
            mem_limit=config.memory_bytes, memswap_limit=config.memory_bytes, pids_limit=config.max_pids,
            ulimits=[Ulimit(name="fsize", soft=max_file, hard=max_file), Ulimit(name="core", soft=0, hard=0)],
            cap_drop=["ALL"], security_opt=["no-new-privileges"], auto_remove=True,
        )
        try:
            created = self.api.create_container(
                ensure_image(self.api), command=["/bin/sh", "-c", "exec cat > /dev/null"],
                user=f"{SANDBOX_UID}:{SANDBOX_UID}", stdin_open=True, detach=False, name=name,
                labels={LABEL: "case", f"{LABEL}.owner": str(os.getpid())}, host_config=host_config,
            )
            self.id = str(created["Id"])
            # the container's stdin is this socket: when this process ends, it closes, and so does the container
            self._stdin = self.api.attach_socket(self.id, params={"stdin": 1, "stream": 1})
            self.api.start(self.id)
            pid = self._wait_running()
            self._groups = groups_of(pid)
            self.network = NetNamespace.of_process(pid)
        except (docker.errors.DockerException, OSError) as exc:
            self.close()
            raise OSError(f"cannot start the case's container: {exc}") from exc
        except BaseException:
            self.close()
            raise

    def _wait_running(self) -> int:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            state = self.api.inspect_container(self.id)["State"]
            if state.get("Running") and state.get("Pid"):
                return int(state["Pid"])
            if state.get("Status") in ("exited", "dead"):
                raise OSError(f"the container exited at once: {state.get('Error') or state.get('ExitCode')}")
            time.sleep(0.05)
        raise OSError(f"the container was not running within {START_TIMEOUT_S}s")

    def exec_argv(self, command: str, cwd: Path, env_keys: Iterable[str]) -> list[str]:
        """``docker exec`` of ``command`` as nobody in ``cwd``; the values of ``env_keys`` are taken
        from the environment the ``docker`` client itself is started with."""
        if self.id is None:
            raise RuntimeError("this case's container is gone; nothing more may run in it")
        forwarded = [arg for key in env_keys if not key.startswith("DOCKER_") for arg in ("-e", key)]
        return ["docker", "exec", "-u", f"{SANDBOX_UID}:{SANDBOX_UID}", "-w", str(cwd), *forwarded, self.id,
                "/bin/sh", "-c", command]

    @property
    def groups(self) -> list[Path]:
        """The container's cgroups (its memory and process-count counters)."""
        return self._groups

    def close(self) -> None:
        """Remove the container: every process in it ends."""
        import docker

        if self.network is not None:
            self.network.close()
            self.network = None
        if self.id is not None:
            try:
                self.api.remove_container(self.id, force=True)
            except docker.errors.NotFound:
                pass
            except docker.errors.APIError as exc:
                if "already in progress" not in str(exc):
                    raise
            deadline = time.monotonic() + 60  # a loaded engine took over 20 s to remove one
            while time.monotonic() < deadline:
                try:
                    self.api.inspect_container(self.id)
                except docker.errors.NotFound:
                    break
                time.sleep(0.05)
            self.id = None
        if self._stdin is not None:
            underlying = getattr(self._stdin, "_sock", None)  # attach_socket gives a SocketIO over it
            self._stdin.close()
            if underlying is not None:
                underlying.close()
            self._stdin = None
        self.api.close()


def remaining_containers(under: Path | None = None) -> list[str]:
    """Names of the sandbox containers this engine still has (none once every run has ended); with
    ``under``, only those with a folder of it bound (the cases of a run whose output is there)."""
    api = _api()
    try:
        found = api.containers(all=True, filters={"label": f"{LABEL}=case"})
    finally:
        api.close()
    if under is not None:
        found = [c for c in found if any(Path(m.get("Source", "/")).is_relative_to(under) for m in c.get("Mounts", []))]
    return [c["Names"][0].lstrip("/") for c in found]
