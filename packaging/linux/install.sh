#!/usr/bin/env bash
# Installs Học Vụ Số for the current user, with no admin rights and no network:
# the unpacked bundle goes to ~/.local/opt/hocvu, a menu entry, icons and AppStream
# data to ~/.local/share, and a `hocvu` command to ~/.local/bin.
#
#   ./install.sh               install, or update an earlier install, from this folder
#   ./install.sh --uninstall   remove the app (the learners' profiles are kept)
#
# Run it from the unpacked folder (hocvu-VERSION-linux-x86_64/). HOCVU_PREFIX changes
# where the app goes (default ~/.local/opt/hocvu).
set -euo pipefail

APP_ID=vn.gov.mofa.HocVuSo
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${HOCVU_PREFIX:-$HOME/.local/opt/hocvu}
SHARE=${XDG_DATA_HOME:-$HOME/.local/share}
BIN=$HOME/.local/bin
SIZES=(64x64 128x128 256x256)

refresh_menus() {
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$SHARE/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" 2>/dev/null || true
  fi
}

uninstall() {
  rm -rf "$PREFIX"
  rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml"
  rm -f "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in "${SIZES[@]}"; do
    rm -f "$SHARE/icons/hicolor/$size/apps/$APP_ID.png"
  done
  if [ -L "$BIN/hocvu" ] && [ "$(readlink "$BIN/hocvu")" = "$PREFIX/hocvu" ]; then
    rm -f "$BIN/hocvu"
  fi
  refresh_menus
  echo "Học Vụ Số is uninstalled."
  echo "Learners' profiles are kept in ${SHARE}/hocvu; delete that folder to remove them too."
}

install() {
  if [ ! -x "$HERE/hocvu" ] || [ ! -d "$HERE/_internal" ]; then
    echo "install.sh: run me from the unpacked app folder (it holds hocvu and _internal/)" >&2
    exit 1
  fi
  if [ "$HERE" != "$PREFIX" ]; then
    # Copy beside the old install, then swap, so a failed copy leaves the old one working.
    mkdir -p "$(dirname "$PREFIX")"
    local fresh="$PREFIX.new.$$"
    rm -rf "$fresh"
    cp -a "$HERE" "$fresh"
    rm -rf "$PREFIX"
    mv "$fresh" "$PREFIX"
  fi

  mkdir -p "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps" "$BIN"
  # The menu entry must name the program by its full path: ~/.local/bin is not on
  # every desktop session's PATH.
  sed "s|^Exec=.*|Exec=\"$PREFIX/hocvu\"|" "$PREFIX/share/applications/$APP_ID.desktop" \
    >"$SHARE/applications/$APP_ID.desktop"
  cp "$PREFIX/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
  cp "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg" "$SHARE/icons/hicolor/scalable/apps/"
  for size in "${SIZES[@]}"; do
    mkdir -p "$SHARE/icons/hicolor/$size/apps"
    cp "$PREFIX/share/icons/hicolor/$size/apps/$APP_ID.png" "$SHARE/icons/hicolor/$size/apps/"
  done
  ln -sfn "$PREFIX/hocvu" "$BIN/hocvu"
  refresh_menus
  echo "Học Vụ Số $("$PREFIX/hocvu" --version | cut -d' ' -f2) is installed in $PREFIX."
  echo "Start it from the applications menu, or run: $BIN/hocvu"
}

case "${1:-}" in
  "") install ;;
  --uninstall) uninstall ;;
  -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' ;;
  *)
    echo "usage: $0 [--uninstall]" >&2
    exit 2
    ;;
esac
