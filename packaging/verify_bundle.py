"""Check a built desktop bundle before it is handed out.

    python packaging/verify_bundle.py dist/hocvu

Fails (exit 1, one line per problem) when the bundle:
  - holds a private key: a `*.key` file or a PEM private-key block, anywhere, packs included;
  - does not match its flavour (BUNDLE-FLAVOUR): a production bundle with the development
    trust folder, or a development bundle without it;
  - carries Python modules or Qt parts that have no place in the desktop app (the ministry
    server, test tools, QtWebEngine, QML/Quick, Qt3D, Multimedia, Designer);
  - has a shared library (Linux) whose dependencies do not resolve on this machine.
It prints the size, and on Linux the oldest glibc the bundle runs with.
Run it with the build environment's Python: the module list is read with PyInstaller's
own archive reader.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

# A PEM block with a body, not just the words (libraries carry "PRIVATE KEY" as text).
PEM_PRIVATE = re.compile(rb"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\s+[A-Za-z0-9+/=]{16}")
FORBIDDEN_MODULES = re.compile(
    r"^(sync\.server|fastapi|starlette|uvicorn|alembic|jinja2|openpyxl|psycopg|pydantic|"
    r"pytest|_pytest|pytestqt|hypothesis|playwright|tkinter|PyInstaller|"
    r"PySide6\.Qt(WebEngine\w*|Qml|Quick\w*|3D\w*|Multimedia\w*|Designer|UiTools))(\.|$)"
)
FORBIDDEN_FILES = re.compile(
    r"Qt6?(WebEngine|Qml|Quick|3D|Multimedia|Designer|VirtualKeyboard)|"
    r"(^|/)(qml|qmltooling|designer|pydantic_core|psycopg_binary)(/|$)"
)
# Left to the system on purpose (PyInstaller's rule): the graphics stack and Wayland.
SYSTEM_LIBS = re.compile(r"^lib(E?(Open)?GLX?\w*|drm|xcb|wayland-\w+)\.so")


def private_keys_in(folder: Path) -> list[str]:
    """Every private key under `folder`, looking inside pack and zip archives too."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        if path.suffix == ".key":
            found.append(str(path))
            continue
        if PEM_PRIVATE.search(path.read_bytes()):
            found.append(str(path))
        if path.suffix in (".hvpack", ".zip"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".key") or PEM_PRIVATE.search(archive.read(name)):
                        found.append(f"{path}!{name}")
    return found


def flavour_problems(bundle: Path) -> list[str]:
    marker = bundle / "BUNDLE-FLAVOUR"
    if not marker.exists():
        return [f"{marker} is missing"]
    flavour = marker.read_text(encoding="utf-8").split()[0]
    trust = resources_of(bundle) / "trust"
    dev = (trust / "development").exists()
    roots = list((trust / "roots").glob("*.pub.json"))
    if flavour == "production" and dev:
        return ["a production bundle carries the development trust root"]
    if flavour == "production" and not roots:
        return ["a production bundle pins no ministry root key"]
    if flavour == "development" and not dev:
        return ["a development bundle lacks the development trust root"]
    if flavour not in ("development", "production"):
        return [f"unknown flavour {flavour!r} in {marker}"]
    return []


def resources_of(bundle: Path) -> Path:
    for candidate in (bundle / "_internal" / "resources", bundle / "Contents" / "Resources"):
        if candidate.exists():
            return candidate
    return bundle / "resources"


def module_problems(executable: Path) -> list[str]:
    from PyInstaller.archive.readers import pkg_archive_contents

    names = pkg_archive_contents(str(executable))
    return [f"module {name} is bundled" for name in names if FORBIDDEN_MODULES.search(name)]


def file_problems(bundle: Path) -> list[str]:
    return [
        f"{path.relative_to(bundle)} is bundled"
        for path in sorted(bundle.rglob("*"))
        if FORBIDDEN_FILES.search(path.relative_to(bundle).as_posix())
    ]


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def library_problems(bundle: Path, elves: list[Path]) -> list[str]:
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    problems = []
    for path in elves:
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            name = line.strip().split(" ", 1)[0]
            if "not found" in line and not SYSTEM_LIBS.match(name):
                problems.append(f"{path.relative_to(bundle)} needs {name}, not found")
    return sorted(set(problems))


def oldest_glibc(elves: list[Path]) -> str:
    newest = (0, 0)
    for path in elves:
        result = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True)
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", result.stdout):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    executable = next(
        (p for p in (bundle / "hocvu", bundle / "hocvu.exe") if p.exists()),
        bundle / "hocvu",
    )
    if not executable.exists():
        print(f"verify_bundle: no hocvu executable in {bundle}", file=sys.stderr)
        return 1
    problems = [f"private key in the bundle: {p}" for p in private_keys_in(bundle)]
    problems += flavour_problems(bundle)
    problems += module_problems(executable)
    problems += file_problems(bundle)
    if sys.platform.startswith("linux"):
        elves = elf_files(bundle)
        problems += library_problems(bundle, elves)
        print(f"verify_bundle: the bundle needs glibc {oldest_glibc(elves)} or newer")
    for problem in problems:
        print(f"verify_bundle: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"verify_bundle: {bundle} is clean (no private key, flavour as marked, no excluded part)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
