#!/usr/bin/env bash
# Compiles the interface translations (resources/translations/*.ts) to the .qm files the
# app loads. With `update`, first refreshes the .ts files from the self.tr() strings in
# desktop/ui and desktop/operations (new strings arrive unfinished; strings gone from the code are dropped).
# Idempotent: the .qm files are build products (git-ignored) and are always rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
TS_DIR=resources/translations
TS_FILES=("$TS_DIR/hocvu_vi.ts" "$TS_DIR/hocvu_en.ts")
if [ "${1:-}" = "update" ]; then
  .venv/bin/pyside6-lupdate desktop/ui/*.py desktop/operations/*.py -no-obsolete -ts "${TS_FILES[@]}"
elif [ $# -gt 0 ]; then
  echo "usage: $0 [update]" >&2
  exit 2
fi
for ts in "${TS_FILES[@]}"; do
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
