#!/usr/bin/env bash
# The code-quality step of CI (not a test): lint, strict types, and the rules of the house
# (no import circles, imports point down, small modules, a hooks-only plugin module).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "quality: ruff" && .venv/bin/ruff check pytest_llmcode tests example_suites benchmarks scripts || status=1
echo "quality: mypy --strict (package and tests)" && .venv/bin/mypy || status=1
echo "quality: the house" && .venv/bin/python scripts/check_house.py || status=1
exit "$status"
