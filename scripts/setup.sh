#!/usr/bin/env bash
# Sets up the project on a fresh machine (Python 3.11 and apt only are assumed):
# system libraries Qt needs, the virtual environment in .venv, the compiled
# translations and the starter packs. Idempotent: a second run only does what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's runtime libraries (with those of its xcb and Wayland platform plugins, which a
# desktop without them lacks: "Could not load the Qt platform plugin xcb"), a font with
# Vietnamese letters, and Xvfb for the test that starts the app on an X display.
need=()
for pkg in libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core \
  libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 \
  libxcb-xkb1 libwayland-client0 libwayland-cursor0 xvfb xauth; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[desktop,server,test]"
bash scripts/translations.sh
# The starter curriculum, signed with the development key (production packaging signs
# with the ministry's keys instead).
.venv/bin/hocvu pack build-all content/courses \
  --key resources/trust/development/DEVELOPMENT-ONLY-trainer.key \
  -o resources/packs --strict >/dev/null
