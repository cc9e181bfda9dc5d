#!/usr/bin/env bash
# Installs everything pytest-llmcode needs on Debian/Ubuntu, then the package itself in .venv:
#   Node.js + npm (to build generated apps), a Chromium (Playwright's, else the system's),
#   the tools of the namespace sandbox, and pytest-llmcode with its test extras.
# Safe to run again: it installs only what is missing.
#   --docker  also a Docker engine for --llm-sandbox=docker: Debian's docker.io, started as
#             `dockerd --iptables=false --bridge=none` when no engine answers (needs root)
set -euo pipefail
cd "$(dirname "$0")/.."
with_docker=""
for arg in "$@"; do
  case "$arg" in
    --docker) with_docker=1 ;;
    *) echo "install.sh: unknown option $arg (expected --docker)" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
apt_candidate() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  # grep reads all of it: with pipefail, `grep -q` could end the pipe early and fail it
  apt-cache policy "$1" 2>/dev/null | grep 'Candidate: [0-9]' >/dev/null
}

missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v git >/dev/null 2>&1 || missing+=(git)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
# the namespace sandbox (--llm-sandbox): bubblewrap, iproute2, util-linux; curl for its tests
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
command -v curl >/dev/null 2>&1 || missing+=(curl)
# sudo: the Action runs pytest through it on non-root runners (and its tests play such a runner)
command -v sudo >/dev/null 2>&1 || missing+=(sudo)
if [ -n "$with_docker" ]; then
  { command -v docker >/dev/null 2>&1 && command -v dockerd >/dev/null 2>&1; } || missing+=(docker.io)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install.sh: installing ${missing[*]}"
  apt_install "${missing[@]}"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 18 ]; then
  echo "install.sh: Node.js $(node --version) is too old for Vite; install Node.js 20 or newer" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

# A browser: Playwright's managed Chromium if present, else a system one, else install one.
has_playwright_browser=$(.venv/bin/python - <<'PY'
import os
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    print("yes" if os.path.exists(p.chromium.executable_path) else "no")
PY
)
if [ "$has_playwright_browser" = yes ] || [ -n "${LLMCODE_BROWSER:-}" ]; then
  :
elif command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || command -v google-chrome >/dev/null 2>&1; then
  :
elif command -v apt-get >/dev/null 2>&1 && apt_candidate chromium; then
  echo "install.sh: installing Debian's chromium"
  apt_install chromium
else
  echo "install.sh: installing Playwright's Chromium"
  .venv/bin/python -m playwright install --with-deps chromium
fi
if [ -n "$with_docker" ]; then
  ./scripts/docker-engine.sh
fi
echo "install.sh: ready ($(node --version), npm $(npm --version), $(.venv/bin/python --version))"
