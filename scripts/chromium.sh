#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser tests (tests/e2e), when it is
# missing. Playwright drives this system browser: it never downloads one of its own.
# Idempotent and quiet: prints nothing when chromium is already there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes apt-get install -y -qq --no-install-recommends \
  chromium fonts-dejavu-core >/dev/null
