#!/usr/bin/env bash
# Installs the second independent xAPI client of the tests, @xapi/xapi from the npm
# registry, at the version and with the dependencies pinned by
# tests/sync/xapi_js/package-lock.json, into var/xapi-js (git-ignored). Idempotent:
# when that folder already holds the locked install it only prints the module's path.
#
#   bash scripts/xapi_js.sh     # prints the path of the installed @xapi/xapi
#
# Exits 2 when node or npm is missing (the test then skips, saying so).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SOURCE=$ROOT/tests/sync/xapi_js
TARGET=$ROOT/var/xapi-js
MODULE=$TARGET/node_modules/@xapi/xapi

say() { echo "xapi_js.sh: $*" >&2; }

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    say "$tool is not installed"
    exit 2
  fi
done

mkdir -p "$TARGET"
if [ -f "$MODULE/package.json" ] && cmp -s "$SOURCE/package-lock.json" "$TARGET/package-lock.json"; then
  echo "$MODULE"
  exit 0
fi
cp "$SOURCE/package.json" "$SOURCE/package-lock.json" "$TARGET/"
say "installing @xapi/xapi into $TARGET"
# `npm ci` installs exactly the lock file (integrity checked) and runs no install scripts.
(cd "$TARGET" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
# npm ci may rewrite nothing, but keep the copy the check above compares with.
cp "$SOURCE/package-lock.json" "$TARGET/package-lock.json"
echo "$MODULE"
