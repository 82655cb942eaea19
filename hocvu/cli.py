"""The `hocvu` command: the app by default, and the trainer, key, server and admin tools.

Sub-command modules are imported only when their command runs, so `hocvu` (the app)
starts without loading the trainer or server code.
"""

from __future__ import annotations

import sys

from hocvu import APP_VERSION, PACK_FORMAT

_GROUPS = {
    "pack": ("content.cli", "build, check and inspect content packs (trainers)"),
    "keys": ("content.keys_cli", "manage the trust root and trainer signing keys"),
}

USAGE = """usage: hocvu [--version] [COMMAND ...]

With no command, starts the desktop app.

commands:
{commands}

Run `hocvu COMMAND --help` for the options of each command.
"""


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print(_usage())
        return 0
    if args and args[0] == "--version":
        print(f"hocvu {APP_VERSION} (pack format {PACK_FORMAT})")
        return 0
    if args and args[0] in _GROUPS:
        import importlib

        module = importlib.import_module(_GROUPS[args[0]][0])
        return module.main(args[1:], prog=f"hocvu {args[0]}")
    if args and not args[0].startswith("-"):
        print(f"hocvu: unknown command {args[0]!r}\n", file=sys.stderr)
        print(_usage(), file=sys.stderr)
        return 2
    return _run_app(args)


def _run_app(args: list[str]) -> int:
    try:
        from desktop.app import run  # type: ignore[import-not-found]
    except ImportError:
        print(
            "hocvu: the desktop app is not built yet; use `hocvu pack --help` for the "
            "trainer tools.",
            file=sys.stderr,
        )
        return 1
    return run(args)


def _usage() -> str:
    lines = [f"  {name:<8} {help_}" for name, (_, help_) in _GROUPS.items()]
    return USAGE.format(commands="\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
