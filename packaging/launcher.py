"""The entry point PyInstaller freezes: the `hocvu` command as the desktop bundle has it.

Behaves like the `hocvu` console script, except that:
- the ministry server (`hocvu server`, `hocvu admin`) is left out of the desktop bundle on
  purpose: those commands say where to get it instead of failing on a missing module;
- with HOCVU_BENCH_UNLOCK_READY=1 the app prints `unlock screen ready <unix time>` as soon
  as the unlock screen is shown with a profile listed, and quits. bench/bundle_bench.py
  times cold starts of the built app with it, by the same rule as bench/app_bench.py.
"""

from __future__ import annotations

import os
import sys
import time

SERVER_ONLY = ("server", "admin")
BENCH_UNLOCK_READY = "HOCVU_BENCH_UNLOCK_READY"


def main() -> int:
    args = sys.argv[1:]
    if args and args[0] in SERVER_ONLY:
        print(
            f"hocvu {args[0]}: the ministry server is not part of the desktop app. "
            'Install it with pip: pip install "hocvu[server]" (see docs/packaging.md).',
            file=sys.stderr,
        )
        return 2
    if os.environ.get(BENCH_UNLOCK_READY) == "1":
        _report_unlock_ready()
    from hocvu.cli import main as hocvu_main

    return hocvu_main(args)


def _report_unlock_ready() -> None:
    """Wrap the app's window factory so the first interactive unlock screen is reported."""
    import desktop.app

    build_window = desktop.app.build_window

    def build_and_watch(app, folder):
        from PySide6.QtCore import QTimer

        window = build_window(app, folder)

        def poll() -> None:
            if (
                window.isVisible()
                and window.stack.currentWidget() is window.unlock
                and window.unlock.profile.count() > 0
            ):
                print(f"unlock screen ready {time.time():.6f}", flush=True)
                window.close()
                app.exit(0)
                return
            QTimer.singleShot(1, poll)

        QTimer.singleShot(0, poll)
        return window

    desktop.app.build_window = build_and_watch


if __name__ == "__main__":
    sys.exit(main())
