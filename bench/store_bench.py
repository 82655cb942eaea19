"""Headline figures of the learner store: unlock time, recording latency, derivation.

    python bench/store_bench.py           # full run
    python bench/store_bench.py --quick   # short run for CI: proves the bench still works

Prints figures, asserts nothing. Targets (DESIGN section 4, store issue): unlocking
0.3-1 s with the tuned Argon2id parameters, recording one committed statement under
5 ms at p95, deriving all progress from 50,000 statements under 1 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.store import CourseMap, ExamMap, KdfParams, ModuleMap, PackMap, Store
from hocvu import APP_VERSION
from sync.xapi import make_statement

PASSPHRASE = "bench passphrase, not secret"
# Fast Argon2id for the parts that do not measure unlocking.
CHEAP_KDF = KdfParams(memory_kib=8, iterations=1, lanes=1)


def curriculum() -> CourseMap:
    packs = []
    for level in range(1, 5):
        modules = [
            ModuleMap(
                f"l{level}-a{area}",
                area,
                level,
                [f"l{level}-a{area}-lesson{n}" for n in range(1, 4)],
                f"l{level}-a{area}-quiz",
            )
            for area in range(1, 7)
        ]
        packs.append(PackMap(f"vn.mofa.dl.l{level}", 1, modules, ExamMap(f"l{level}-exam", level)))
    placement_items = {
        f"placement-l{level}/p{area}-{n}": (area, level)
        for level in range(1, 5)
        for area in range(1, 7)
        for n in range(3)
    }
    packs.append(
        PackMap(
            "vn.mofa.dl.placement",
            1,
            placement_quizzes=[f"placement-l{level}" for level in range(1, 5)],
            placement_items=placement_items,
        )
    )
    return CourseMap(packs)


def synthetic_log(profile_id: str, device_id: str, count: int, seed: int = 7) -> list[dict]:
    """A plausible learner history: lessons opened and completed, quiz attempts with
    answered items (a third of them wrong), passes and failures."""
    rng = random.Random(seed)
    course = curriculum()
    modules = [(p, m) for p in course.packs for m in p.modules]
    clock = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    out: list[dict] = []

    def add(verb, pack, kind, local, **extra):
        nonlocal clock
        clock += timedelta(seconds=rng.randint(5, 600))
        out.append(
            make_statement(
                profile_id=profile_id,
                verb=verb,
                pack_id=pack.pack_id,
                kind=kind,
                local_id=local,
                pack_version=pack.version,
                app_version=APP_VERSION,
                device_id=device_id,
                timestamp=clock.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                statement_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                **extra,
            )
        )

    while len(out) < count:
        pack, module = rng.choice(modules)
        lesson = rng.choice(module.lessons)
        add("experienced", pack, "lesson", lesson)
        add("completed", pack, "lesson", lesson, completion=True, duration_s=rng.randint(60, 900))
        registration = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        add("attempted", pack, "quiz", module.quiz, registration=registration)
        right = 0
        for n in range(10):
            ok = rng.random() > 0.33
            right += ok
            add(
                "answered",
                pack,
                "item",
                f"{module.quiz}/q{n}",
                registration=registration,
                response="a[,]c" if ok else "b",
                score=1.0 if ok else 0.0,
                success=ok,
                duration_s=rng.randint(5, 90),
            )
        score = right / 10
        add(
            "passed" if score >= 0.8 else "failed",
            pack,
            "quiz",
            module.quiz,
            registration=registration,
            score=score,
            success=score >= 0.8,
            completion=True,
            duration_s=600,
        )
    return out[:count]


def measure_unlock(folder: Path, runs: int) -> tuple[float, KdfParams]:
    store = Store.open(folder / "unlock.sqlite")
    learner = store.create_profile("Bench", PASSPHRASE)
    info = next(p for p in store.profiles() if p.profile_id == learner.profile_id)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        store.unlock(learner.profile_id, PASSPHRASE)
        times.append(time.perf_counter() - start)
    store.close()
    return statistics.median(times), info.kdf


def measure_record(folder: Path, count: int) -> list[float]:
    store = Store.open(folder / "record.sqlite", kdf_params=CHEAP_KDF)
    learner = store.create_profile("Bench", PASSPHRASE)
    registration = str(uuid.uuid4())
    times = []
    for n in range(count):
        start = time.perf_counter()
        if n % 4 == 0:
            learner.lesson_opened("vn.mofa.dl.l1", 1, "l1-a4-lesson1")
        else:
            learner.item_answered(
                "vn.mofa.dl.l1", 1, "l1-a4-quiz", f"q{n % 10}", "a[,]c", 1.0, True, registration, 9
            )
        times.append(time.perf_counter() - start)
    store.close()
    return times


def measure_derive(folder: Path, count: int, runs: int) -> dict[str, float]:
    """Median seconds, each run on a freshly unlocked profile (nothing in memory):
    progress cold (read, decrypt, derive), progress again (warm), then the review
    queue and the open attempts on the log already in memory."""
    course = curriculum()
    store = Store.open(folder / "derive.sqlite", kdf_params=CHEAP_KDF)
    learner = store.create_profile("Bench", PASSPHRASE)
    learner.insert_pulled(synthetic_log(learner.profile_id, learner.device_id, count))
    now = datetime(2027, 1, 1, tzinfo=UTC)
    steps = {
        "progress_cold": lambda p: p.progress(course),
        "progress_warm": lambda p: p.progress(course),
        "review_queue": lambda p: p.review_queue(now),
        "open_attempts": lambda p: p.open_attempts(),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(runs):
        fresh = store.unlock(learner.profile_id, PASSPHRASE)
        for name, step in steps.items():
            start = time.perf_counter()
            step(fresh)
            times[name].append(time.perf_counter() - start)
        fresh.lock()
    store.close()
    return {name: statistics.median(values) for name, values in times.items()}


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown processor"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run for CI")
    args = parser.parse_args(argv)
    records, statements, runs, unlock_runs = (
        (100, 2_000, 2, 1) if args.quick else (1_000, 50_000, 5, 3)
    )

    print("Học Vụ Số learner store benchmark" + (" (quick)" if args.quick else ""))
    print(
        f"machine: {platform.platform()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{cpu_model()}"
    )
    print(f"python:  {platform.python_implementation()} {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="hocvu-bench-") as tmp:
        folder = Path(tmp)
        unlock_s, params = measure_unlock(folder, unlock_runs)
        print(
            f"unlock (tuned Argon2id m={params.memory_kib // 1024} MiB, t={params.iterations}, "
            f"p={params.lanes}): {unlock_s * 1000:.0f} ms (median of {unlock_runs})"
        )
        times = sorted(measure_record(folder, records))
        p50 = times[len(times) // 2]
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(
            f"record one committed statement: p50 {p50 * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms "
            f"(over {records})"
        )
        derive = measure_derive(folder, statements, runs)
        print(
            f"derive all progress from {statements:,} statements: "
            f"{derive['progress_cold'] * 1000:.0f} ms from a fresh unlock (read, decrypt, "
            f"derive), {derive['progress_warm'] * 1000:.0f} ms again in the same session "
            f"(median of {runs})"
        )
        total = sum(derive[k] for k in ("progress_cold", "review_queue", "open_attempts"))
        print(
            f"  then review queue (FSRS replay) {derive['review_queue'] * 1000:.0f} ms, "
            f"open attempts {derive['open_attempts'] * 1000:.0f} ms; "
            f"everything from a fresh unlock {total * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
