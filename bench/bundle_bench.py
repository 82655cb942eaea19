"""The built desktop bundle (dist/hocvu/): cold start to an interactive unlock screen, and
its size on disk.

    .venv/bin/python bench/bundle_bench.py [--quick] [--bundle dist/hocvu]

Measured as bench/app_bench.py does: each cold start is a fresh process (median of 5),
timed from just before the process is spawned until the unlock screen shows the profile
list and takes typing. The bundle reports that moment itself when started with
HOCVU_BENCH_UNLOCK_READY=1 (packaging/launcher.py). The same entry point run from this
checkout's Python gives the unfrozen figure beside it. The profile is made first by the
bundle's own smoke test. Without a bundle (build one with packaging/build) it says so and
exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.machine import describe

ROOT = Path(__file__).resolve().parents[1]

READY = "unlock screen ready "


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOCVU_")}
    return {**env, "QT_QPA_PLATFORM": "offscreen"}


def cold_start(command: list[str], data: Path, **extra_env: str) -> float:
    env = {**environment(), **extra_env, "HOCVU_BENCH_UNLOCK_READY": "1"}
    started = time.time()
    result = subprocess.run(
        [*command, "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith(READY)]
    if result.returncode or not lines:
        raise SystemExit(f"{command[0]} did not reach the unlock screen: {result.stderr[-2000:]}")
    return float(lines[-1][len(READY) :]) - started


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def summary(label: str, times: list[float]) -> str:
    return (
        f"{label} median {statistics.median(times):.3f} s over {len(times)} fresh processes "
        f"(min {min(times):.3f}, max {max(times):.3f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "hocvu")
    args = parser.parse_args()
    print(f"machine: {describe()}")
    executable = args.bundle / "hocvu"
    if not executable.is_file():
        print(f"no bundle at {args.bundle}: build one with packaging/build, then run this again")
        return
    runs = 2 if args.quick else 5
    data = Path(tempfile.mkdtemp(prefix="hocvu-bundlebench-"))
    made = subprocess.run(
        [str(executable), "--smoke-test", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=300,
    )
    if made.returncode:
        raise SystemExit(f"the bundle's smoke test failed: {made.stderr[-2000:]}")
    flavour = (args.bundle / "BUNDLE-FLAVOUR").read_text(encoding="utf-8").split()[0]
    print(f"bundle: {args.bundle} ({flavour} flavour), {folder_size(args.bundle) / 2**20:.0f} MiB")
    bundled = [cold_start([str(executable)], data) for _ in range(runs)]
    unfrozen = [
        cold_start(
            [sys.executable, str(ROOT / "packaging" / "launcher.py")], data, PYTHONPATH=str(ROOT)
        )
        for _ in range(runs)
    ]
    print(summary("cold start to interactive unlock screen, bundle:  ", bundled))
    print(summary("same, unfrozen from this checkout's Python:       ", unfrozen))


if __name__ == "__main__":
    main()
