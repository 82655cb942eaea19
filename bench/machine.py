"""What machine a benchmark ran on, printed beside every figure."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable


def describe() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def median_time(run: Callable[[], object], repeat: int) -> float:
    """Median wall-clock seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_times(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock seconds and median CPU seconds of this process over `repeat`
    runs. On a shared machine the wall clock mostly measures the queue for a core;
    the CPU time is the work (a database server's own CPU is not in it)."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def load() -> str:
    """The 1-minute load average against the cores, printed beside figures."""
    try:
        return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    except OSError:
        return "load unknown"
