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
    "server": ("sync.server.cli", "run the ministry server"),
    "admin": ("sync.server.admin_cli", "administer the ministry server (units, learners, packs)"),
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
        print(f"hocvu {APP_VERSION} (pack format {PACK_FORMAT}, store schema {_store_schema()})")
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
    except ImportError as missing:
        # A server or trainer install has no Qt: the app is the `desktop` extra.
        print(
            f"hocvu: the desktop app cannot start ({missing}); install it with "
            '`pip install "hocvu[desktop]"`, or use `hocvu pack --help` for the trainer tools.',
            file=sys.stderr,
        )
        return 1
    return run(args)


def _store_schema() -> int:
    """The learner store's schema version, without importing the store.

    `desktop.store` loads SQLAlchemy and cryptography (a third of a second), so the one
    module that holds the number, `desktop.store.migrations` (stdlib only), is loaded on
    its own, through whichever finder serves the code (source tree, wheel or frozen build).
    """
    import importlib.util

    import desktop

    name = "desktop.store.migrations"
    search = [f"{folder}/store" for folder in desktop.__path__]
    for finder in sys.meta_path:
        find_spec = getattr(finder, "find_spec", None)
        spec = find_spec(name, search) if find_spec else None
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # dataclasses look their module up while defined
            try:
                spec.loader.exec_module(module)
            finally:
                del sys.modules[name]
            return module.CURRENT_VERSION
    from desktop.store.migrations import CURRENT_VERSION

    return CURRENT_VERSION


def _usage() -> str:
    lines = [f"  {name:<8} {help_}" for name, (_, help_) in _GROUPS.items()]
    return USAGE.format(commands="\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
