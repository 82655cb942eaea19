"""The direction of imports of DESIGN section 2, read from the source (every `import`,
at module level or inside a function, and `importlib.import_module("…")` with a
literal name):

- `content/` imports stdlib and third-party packages only;
- `sync/` outside the server imports `content` (and itself, never `sync.server`);
- `sync/server/` imports `sync` and `content`;
- nothing under `sync/` imports `desktop` or Qt;
- `desktop/` imports `content` and the client side of `sync` (never `sync.server`);
- `desktop/store/` imports no Qt;
- nothing under `content/` or `sync/` imports the rest of the `desktop` extra (fsrs,
  segno), which a server install lacks.

`hocvu/__init__.py` (version numbers) and `hocvu/paths.py` (where resources are) sit
below all of them and import nothing of ours; `hocvu.cli`, the command that dispatches
to every layer, is imported by no layer.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = ("content", "sync", "desktop", "hocvu")
QT = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "shiboken2")
# The rest of pyproject.toml's `desktop` extra: a server install lacks them too.
DESKTOP_EXTRA = ("fsrs", "segno")
# What every layer may use of the `hocvu` package, and what none may.
BASE = ("hocvu", "hocvu.paths")
TOP = ("hocvu.cli", "hocvu.__main__")


@dataclass(frozen=True)
class Layer:
    name: str
    folder: str
    allowed: tuple[str, ...]  # first-party packages (and their submodules) it may import
    forbidden: tuple[str, ...] = ()  # exceptions inside `allowed`
    qt: bool = False
    desktop_extra: bool = False  # fsrs, segno


# Most specific folder first: a file belongs to the first layer whose folder holds it.
SERVER = ("sync.server",)
LAYERS = (
    Layer("sync/server", "sync/server", ("sync", "content", *BASE)),
    Layer("sync", "sync", ("sync", "content", *BASE), SERVER),
    Layer("content", "content", ("content", *BASE)),
    Layer(
        "desktop/store",
        "desktop/store",
        ("desktop", "content", "sync", *BASE),
        SERVER,
        desktop_extra=True,
    ),
    Layer(
        "desktop",
        "desktop",
        ("desktop", "content", "sync", *BASE),
        SERVER,
        qt=True,
        desktop_extra=True,
    ),
    Layer("hocvu (base)", "hocvu/__init__.py", ()),
    Layer("hocvu (base)", "hocvu/paths.py", ()),
)
SKIPPED = ("content/courses",)


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def imported(source: str, where: str) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the source of the file at `where`
    (a path from the repository's root), wherever it stands."""
    parts = where.removesuffix(".py").split("/")
    package = parts[:-1]  # a module's package; an __init__'s package is its folder
    for node in ast.walk(ast.parse(source, filename=where)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            yield node.lineno, module
            # `from sync import server` imports sync.server.
            for alias in node.names:
                yield node.lineno, f"{module}.{alias.name}"
        elif (
            isinstance(node, ast.Call)
            and _called(node.func) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value


def _called(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def layer_of(where: str) -> Layer | None:
    if where.startswith(SKIPPED):
        return None
    for layer in LAYERS:
        if where == layer.folder or where.startswith(layer.folder + "/"):
            return layer
    return None


def violations(where: str, source: str) -> list[str]:
    """What the file at `where` (from the repository's root) imports against the rules,
    as `file:line: …`."""
    layer = layer_of(where)
    if layer is None:
        return []
    found = []
    for line, module in imported(source, where):
        if _within(module, QT) and not layer.qt:
            found.append(f"{where}:{line}: {layer.name} imports Qt ({module})")
        elif _within(module, DESKTOP_EXTRA) and not layer.desktop_extra:
            found.append(
                f"{where}:{line}: {layer.name} imports {module}, which only the desktop "
                "extra installs"
            )
        elif _within(module, OURS) and (
            not _within(module, layer.allowed) or _within(module, layer.forbidden + TOP)
        ):
            rule = ", ".join(layer.allowed) or "nothing of ours"
            if layer.forbidden:
                rule += f" (not {', '.join(layer.forbidden)})"
            found.append(f"{where}:{line}: {layer.name} imports {module}; it may import {rule}")
    return found


def checked_files() -> list[str]:
    files = [p for folder in ("content", "sync", "desktop") for p in (ROOT / folder).rglob("*.py")]
    files += [ROOT / "hocvu" / "__init__.py", ROOT / "hocvu" / "paths.py"]
    names = (p.relative_to(ROOT).as_posix() for p in files)
    return sorted(name for name in names if layer_of(name) is not None)


def test_every_layer_imports_only_what_design_section_2_allows():
    found = [
        v for where in checked_files() for v in violations(where, (ROOT / where).read_text("utf-8"))
    ]
    assert not found, "imports against DESIGN section 2:\n" + "\n".join(found)


def test_the_check_reads_every_layer():
    layers = {layer_of(where).name for where in checked_files()}
    assert layers == {layer.name for layer in LAYERS}


@pytest.mark.parametrize(
    ("where", "source", "expected"),
    [
        ("content/x.py", "from sync import xapi\n", "content/x.py:1: content imports sync"),
        ("content/x.py", "def f():\n    import desktop.app\n", "content/x.py:2:"),
        ("sync/x.py", "def f():\n    from sync.server import app\n", "imports sync.server"),
        ("sync/x.py", "from .server import app\n", "imports sync.server"),
        ("sync/x.py", "from . import server\n", "imports sync.server"),
        ("sync/server/x.py", "import PySide6.QtCore\n", "imports Qt"),
        ("sync/server/x.py", "from desktop.store import Store\n", "imports desktop"),
        ("sync/x.py", "importlib.import_module('desktop.app')\n", "imports desktop"),
        ("desktop/store/x.py", "def f():\n    from PySide6 import QtCore\n", "imports Qt"),
        ("desktop/x.py", "from sync.server.db import Database\n", "imports sync.server"),
        ("content/x.py", "from hocvu.cli import main\n", "imports hocvu.cli"),
        ("sync/server/x.py", "def f():\n    import segno\n", "only the desktop extra"),
    ],
)
def test_a_forbidden_import_is_named_with_file_and_line(where, source, expected):
    found = violations(where, source)
    assert any(expected in v for v in found), found


@pytest.mark.parametrize(
    ("where", "source"),
    [
        ("sync/server/x.py", "from sync.xapi import validate\nfrom content import keys\n"),
        ("sync/server/routes/x.py", "from ..context import server\n"),
        ("desktop/x.py", "from sync.client import Client\nfrom PySide6 import QtCore\n"),
        ("desktop/store/x.py", "from content.files import make_private\nfrom hocvu import X\n"),
        ("desktop/store/x.py", "import fsrs\n"),
        ("content/x.py", "import yaml\nfrom hocvu.paths import resources_dir\n"),
    ],
)
def test_allowed_imports_pass(where, source):
    assert violations(where, source) == []
