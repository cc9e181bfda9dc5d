#!/usr/bin/env bash
# The Action's pytest run: ``action-pytest.sh OUT PYTEST_ARGS...``. Generated code must run
# sandboxed, and the sandboxes need root: a job that is not root (a GitHub-hosted runner's
# `runner`, which has passwordless sudo) runs pytest through sudo, keeping its environment, PATH
# and HOME, and gets OUT back as its own afterwards. Unless ALLOW_UNSANDBOXED=true, pytest gets
# --llm-require-sandbox: no sandbox means a failed run, never generated code on the runner.
set -uo pipefail
out="$1"
shift
args=("$@")
if [ "${ALLOW_UNSANDBOXED:-false}" != "true" ]; then
  args+=(--llm-require-sandbox)
fi
if [ "$(id -u)" != 0 ] && sudo -n true 2>/dev/null; then
  echo "action-pytest: running pytest as root through sudo, so that generated code runs sandboxed"
  sudo -n -E env "PATH=$PATH" "HOME=$HOME" python -m pytest "${args[@]}"
  status=$?
  if [ -e "$out" ]; then
    # not files with more than one link: those are the dependency store's, linked into workspaces,
    # and must stay root's (a sandboxed case may change only what it owns)
    sudo -n find "$out" ! \( -type f -links +1 \) -exec chown -h "$(id -u):$(id -g)" {} +
  fi
else
  python -m pytest "${args[@]}"
  status=$?
fi
exit "$status"
