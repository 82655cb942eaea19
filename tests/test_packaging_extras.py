"""`pip install ".[server]"` installs no Qt (issue 16): the desktop's dependencies are
the `desktop` extra, and the commands that set up a whole checkout or build the
desktop bundle ask for it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Only the desktop app needs these: Qt, the learner store's scheduler, the certificate QR.
DESKTOP_ONLY = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6", "fsrs", "segno"}


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s\[<>=!~;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_base_dependencies_and_the_server_extra_hold_no_qt_nor_other_desktop_packages():
    base = _names(PROJECT["dependencies"])
    server = _names(PROJECT["optional-dependencies"]["server"])
    assert not (base | server) & DESKTOP_ONLY
    assert not any(name.startswith(("pyside", "pyqt", "shiboken")) for name in base | server)


def test_the_desktop_extra_holds_qt():
    assert "pyside6-essentials" in _names(PROJECT["optional-dependencies"]["desktop"])


def test_setup_and_the_bundle_build_install_the_desktop_extra():
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    build = (ROOT / "packaging" / "build").read_text(encoding="utf-8")
    installs = re.findall(r'pip install[^\n]*"\.\[([^\]]*)\]"', setup + build)
    assert installs and all("desktop" in extras.split(",") for extras in installs)
