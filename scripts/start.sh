#!/usr/bin/env bash
# Sets up the project on a fresh machine, builds the starter curriculum's packs and
# starts the app with them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/hocvu "$@"
