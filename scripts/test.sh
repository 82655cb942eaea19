#!/usr/bin/env bash
# Sets up everything the tests need (Python packages, system services) and runs the
# whole suite: lint, then pytest. This is exactly what .ci/run runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/chromium.sh  # the dashboard's browser tests (tests/e2e) use Debian's chromium
# The second independent xAPI client (tests/sync/test_xapi_js_client.py) runs under node.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
bash scripts/xapi_js.sh >/dev/null
export QT_QPA_PLATFORM=offscreen
# The server tests run against PostgreSQL as well as SQLite (DESIGN section 8). If it
# cannot start here, the PostgreSQL tests fail under CI (and skip, saying why, locally).
if pg_env=$(bash scripts/postgres.sh --env); then
  eval "$pg_env"
else
  echo "test.sh: PostgreSQL could not be started; its tests will report why" >&2
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
# The installable bundle (issue 8): build it and run its smoke test (about a minute).
# Skipped when pytest was given arguments, i.e. when running a chosen subset.
if [ $# -eq 0 ]; then
  packaging/check
fi
