"""Desktop app figures: cold start to an interactive unlock screen, unlock to home,
opening a lesson, and idle memory after a lesson.

    .venv/bin/python bench/app_bench.py [--quick]

Each cold start is a fresh process (median of 5), timed from just before the process
is spawned until the unlock screen shows the profile list and takes typing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.machine import describe

PASSPHRASE = "bench passphrase river cloud 42"


def bare_child(spawned_at: float) -> None:
    """The reference: a bare PySide6 window (a label in a 1366x768 window), timed the
    same way from spawn to its first turn of the event loop after it is shown."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    window = QLabel("Học Vụ Số")
    window.resize(1366, 768)
    window.show()

    def ready() -> None:
        print(json.dumps({"cold_start_s": time.time() - spawned_at}), flush=True)
        app.exit(0)

    QTimer.singleShot(0, ready)
    app.exec()


def child(spawned_at: float, data_dir: str, mode: str) -> None:
    """Runs in the fresh process: start the app as `hocvu` does, report timings as JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if mode == "bare":
        bare_child(spawned_at)
        return
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window

    app = QApplication([])
    window = build_window(app, Path(data_dir))
    out: dict[str, float] = {}

    def ready() -> bool:
        return (
            window.isVisible()
            and window.stack.currentWidget() is window.unlock
            and window.unlock.profile.count() > 0
        )

    def poll() -> None:
        if mode == "create" and window.stack.currentWidget() is window.new_profile:
            form = window.new_profile
            form.name.setText("Bench")
            form.passphrase.setText(PASSPHRASE)
            form.repeat.setText(PASSPHRASE)
            form.placement.setChecked(False)
            form.create_button.click()
            QTimer.singleShot(50, wait_home)
            return
        if ready():
            out["cold_start_s"] = time.time() - spawned_at
            if mode == "start":
                finish()
                return
            window.unlock.passphrase.setText(PASSPHRASE)
            out["_unlock_at"] = time.perf_counter()
            window.unlock.unlock_button.click()
            QTimer.singleShot(1, wait_home)
            return
        QTimer.singleShot(1, poll)

    def wait_home() -> None:
        if window.stack.currentWidget() is window.home and window.home._data is not None:
            if "_unlock_at" in out:
                out["unlock_to_home_s"] = time.perf_counter() - out.pop("_unlock_at")
            if mode == "create":
                finish()
                return
            first = window.workspace.catalog.lesson_sequence()[0]
            start = time.perf_counter()
            window.open_lesson(first)
            app.processEvents()
            out["lesson_open_s"] = time.perf_counter() - start
            QTimer.singleShot(1500, measure_memory)
            return
        QTimer.singleShot(1, wait_home)

    def measure_memory() -> None:
        with open("/proc/self/status", encoding="utf-8") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
        out["idle_rss_mb"] = rss / 1024
        finish()

    def finish() -> None:
        print(json.dumps(out), flush=True)
        window.close()
        app.exit(0)

    QTimer.singleShot(0, poll)
    app.exec()


def spawn(data_dir: Path, mode: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # An installed app runs from compiled bytecode (the bundle ships it; a source install
    # caches it on first start); a sandbox that forbids the cache would time the compiler.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(started), str(data_dir), mode],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode or not lines:
        raise SystemExit(f"child failed ({mode}): {result.stderr[-2000:]}")
    return json.loads(lines[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(float(sys.argv[2]), sys.argv[3], sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 2 if args.quick else 5
    data = Path(tempfile.mkdtemp(prefix="hocvu-appbench-"))
    spawn(data, "create")  # a profile with the real (tuned) passphrase cost, packs installed
    # Interleaved with the app's starts, so that both see the same machine.
    starts, bare = [], []
    for _ in range(runs):
        bare.append(spawn(data, "bare")["cold_start_s"])
        starts.append(spawn(data, "start")["cold_start_s"])
    full = [spawn(data, "full") for _ in range(max(1, runs // 2))]
    print(f"machine: {describe()}")
    print(
        f"cold start to interactive unlock screen: median {statistics.median(starts):.3f} s "
        f"over {runs} fresh processes (min {min(starts):.3f}, max {max(starts):.3f})"
    )
    print(
        f"bare PySide6 window, same runs:          median {statistics.median(bare):.3f} s; "
        f"the app takes {statistics.median(starts) / statistics.median(bare):.2f}x"
    )
    print(
        f"unlock to home (real Argon2id cost):      median "
        f"{statistics.median(r['unlock_to_home_s'] for r in full):.3f} s"
    )
    print(
        f"opening a lesson:                          median "
        f"{statistics.median(r['lesson_open_s'] for r in full) * 1000:.1f} ms"
    )
    print(
        f"idle RSS after a lesson:                   median "
        f"{statistics.median(r['idle_rss_mb'] for r in full):.0f} MB"
    )


if __name__ == "__main__":
    main()
