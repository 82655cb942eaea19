"""Pack build, verify and install speed against the machine's raw SHA-256 throughput.

.venv/bin/python bench/pack_bench.py            # 500 lessons, 100 MB media, 5 runs
.venv/bin/python bench/pack_bench.py --quick    # small, to prove it still runs (CI)
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.machine import describe, median_time
from content import keys, trust
from content.build import build_pack
from content.library import Library
from content.verify import verify_pack
from hocvu.paths import development_dir, root_key_files

LESSON = """---
title: Bài {n}
minutes: 10
competences: ["4.1"]
---

# Bài {n}

{body}
"""


def make_sources(folder: Path, lessons: int, media_mb: int) -> None:
    (folder / "lessons").mkdir(parents=True)
    (folder / "quizzes").mkdir()
    (folder / "media").mkdir()
    # About 800 words, the length of a real lesson.
    body = ("Một đoạn văn về an toàn thông tin cho cán bộ ngoại giao. " * 20 + "\n\n") * 4
    slugs = []
    for n in range(lessons):
        slug = f"lesson-{n:04d}"
        slugs.append(slug)
        for lang in ("vi", "en"):
            (folder / "lessons" / f"{slug}.{lang}.md").write_text(
                LESSON.format(n=n, body=body), encoding="utf-8"
            )
    # Incompressible images, as real photos are.
    per_file = 1024 * 1024
    for n in range(media_mb):
        (folder / "media" / f"photo-{n:03d}.png").write_bytes(
            b"\x89PNG\r\n\x1a\n" + os.urandom(per_file - 8)
        )
    (folder / "quizzes" / "q.yaml").write_text(
        "title: q\nitems:\n  - {id: a, type: true_false, prompt: x, answer: true, "
        "explanation: y}\n",
        encoding="utf-8",
    )
    modules = "\n".join(
        f"  - {{id: m{m}, area: {m % 6 + 1}, level: 1, title: M{m}, quiz: q, lessons: "
        f"[{', '.join(slugs[m::10])}]}}"
        for m in range(10)
    )
    (folder / "course.yaml").write_text(
        f"id: vn.mofa.dl.bench\nversion: 1\nlanguages: [vi, en]\ntitle: Bench\n"
        f"created: 2026-11-01T00:00:00Z\nmodules:\n{modules}\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    lessons, media_mb, repeat = (20, 4, 1) if args.quick else (500, 100, 5)
    dev = development_dir()
    trainer = keys.load_private(dev / "DEVELOPMENT-ONLY-trainer.key", None)
    trust_bytes = (dev / "trust.json").read_bytes()
    roots = trust.load_roots(root_key_files())
    work = Path(tempfile.mkdtemp(prefix="hocvu-bench-"))
    try:
        make_sources(work / "src", lessons, media_mb)
        pack = work / "bench.hvpack"
        build_s = median_time(lambda: build_pack(work / "src", trainer, trust_bytes, pack), repeat)
        size_mb = pack.stat().st_size / 1e6
        verify_s = median_time(lambda: verify_pack(pack, roots), repeat)

        def install() -> None:
            shutil.rmtree(work / "lib", ignore_errors=True)
            Library(work / "lib", roots, [trust_bytes]).install(pack)

        install_s = median_time(install, repeat)
        data = pack.read_bytes()

        def raw_hash() -> None:
            hashlib.sha256(data).digest()

        hash_s = median_time(raw_hash, repeat)
        print(f"machine: {describe()}")
        print(
            f"pack: {lessons} lessons x 2 languages, {media_mb} MB media, {size_mb:.1f} MB "
            f"on disk; median of {repeat} runs"
        )
        for name, seconds in (
            ("build", build_s),
            ("verify", verify_s),
            ("install", install_s),
            ("raw SHA-256 (in memory)", hash_s),
        ):
            print(f"  {name:<24} {seconds:7.3f} s  {size_mb / seconds:8.1f} MB/s")
        print(f"  verify / raw hashing     {verify_s / hash_s:7.2f} x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
