"""The store benchmark still runs (its figures are printed, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench" / "store_bench.py"


def test_store_benchmark_runs_in_quick_mode_and_prints_every_figure():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    for figure in ("machine:", "python:", "unlock (tuned Argon2id", "p50", "p95", "derive all"):
        assert figure in done.stdout
