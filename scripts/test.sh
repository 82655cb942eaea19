#!/usr/bin/env bash
# Sets up everything the tests need (Python packages, system services) and runs the
# whole suite: lint, then pytest. This is exactly what .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
