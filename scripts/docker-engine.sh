#!/usr/bin/env bash
# Makes sure a Docker engine answers, for --llm-sandbox=docker. If none does, starts one the way
# that needs no registry and touches no firewall: dockerd --iptables=false --bridge=none
# (the sandbox's containers have no network at all, so no bridge is needed). Needs root.
# The engine's log: ${LLMCODE_DOCKERD_LOG:-/tmp/pytest-llmcode-dockerd.log}
set -euo pipefail
if docker info >/dev/null 2>&1; then
  echo "docker-engine.sh: an engine answers ($(docker info --format '{{.ServerVersion}}' 2>/dev/null))"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "docker-engine.sh: no Docker engine answers, and starting one needs root" >&2
  exit 1
fi
log="${LLMCODE_DOCKERD_LOG:-/tmp/pytest-llmcode-dockerd.log}"
echo "docker-engine.sh: starting dockerd --iptables=false --bridge=none (log: $log)"
nohup dockerd --iptables=false --bridge=none >"$log" 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    echo "docker-engine.sh: engine ready ($(docker info --format '{{.ServerVersion}}'))"
    exit 0
  fi
  sleep 0.5
done
echo "docker-engine.sh: dockerd did not answer within 30s; its log ends:" >&2
tail -20 "$log" >&2
exit 1
