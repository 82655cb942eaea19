"""Ingest through /xapi beside ingest through the device API (issue 18 asks that an
xAPI tool's statements go in at least as fast as a device's).

    .venv/bin/python bench/ingest_bench.py            # SQLite and PostgreSQL
    .venv/bin/python bench/ingest_bench.py --quick    # CI: fewer batches, both databases

Both paths get batches of 500 of the app's own statements, for two learners of the
same unit (so the same derived work: results, progress), the paths alternating batch
by batch or run by run so that a change in the machine's load falls on both:

1. Over HTTP on loopback, `hocvu server` in its own process (`bench.sync_bench.
   Deployment`), as in production: statements/s, and the server process's CPU time
   per 1,000 statements (read from /proc, which other processes do not move), per run
   of several batches.
2. In this process, each path's own cost: the same server objects called through
   Starlette's TestClient, a garbage collection before each batch (a full collection
   of the server's 170,000 start-up objects costs as much as a quarter of a batch and
   falls on one path or the other at random), the process's CPU time per batch.

For each, the median of the pairs' ratios /xapi ÷ device API (below 1: /xapi is
cheaper, or for rates above 1: faster) and a bootstrap 95 % interval of that median.
Prints figures and never asserts.
"""

from __future__ import annotations

import argparse
import base64
import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from bench.sync_bench import BATCH, Deployment, batch_statements, postgres_url  # noqa: E402
from bench.xapi_bench import Lrs  # noqa: E402
from sync.xapi import XAPI_VERSION  # noqa: E402

PATHS = ("device API", "/xapi")


@dataclass
class Figures:
    """One path's figures, measurement by measurement."""

    rates: list[float] = field(default_factory=list)  # statements/s
    cpu: list[float] = field(default_factory=list)  # CPU ms per 1,000 statements


class Senders:
    """Encoded batches and where to send them, for each path."""

    def __init__(self, lrs: Lrs) -> None:
        deployment = lrs.deployment
        # Two learners: ingest derives a learner's progress from all their statements, so
        # one path would otherwise pay for the other's statements.
        self.profile, self.device_headers = deployment.device()
        self.other, _ = deployment.device()
        key, secret = lrs.auth
        token = base64.b64encode(f"{key}:{secret}".encode()).decode()
        self.xapi_headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json",
        }

    def body(self, path: str) -> bytes:
        if path == "device API":
            return json.dumps({"statements": batch_statements(self.profile, BATCH)}).encode()
        return json.dumps(batch_statements(self.other, BATCH)).encode()

    def route(self, path: str) -> tuple[str, dict[str, str]]:
        if path == "device API":
            return "/api/v1/statements", self.device_headers
        return "/xapi/statements", self.xapi_headers


def server_cpu(pid: int) -> float | None:
    """CPU seconds the server process has used (Linux), None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def over_http(lrs: Lrs, senders: Senders, batches: int, runs: int) -> dict[str, Figures]:
    """Runs of `batches` batches, one run of each path back to back, the order
    alternating."""
    server = lrs.deployment.server
    http = requests.Session()
    figures = {path: Figures() for path in PATHS}
    for path in PATHS:  # one batch each first, to warm up
        url, headers = senders.route(path)
        http.post(server.url + url, data=senders.body(path), headers=headers).raise_for_status()
    for run in range(runs):
        for path in PATHS if run % 2 == 0 else PATHS[::-1]:
            url, headers = senders.route(path)
            work = [senders.body(path) for _ in range(batches)]
            cpu_before, start = server_cpu(server.process.pid), time.perf_counter()
            for body in work:
                http.post(server.url + url, data=body, headers=headers).raise_for_status()
            seconds, cpu_after = time.perf_counter() - start, server_cpu(server.process.pid)
            figures[path].rates.append(batches * BATCH / seconds)
            if cpu_before is not None and cpu_after is not None:
                figures[path].cpu.append((cpu_after - cpu_before) * 1000 / (batches * BATCH / 1000))
    return figures


def in_process(lrs: Lrs, senders: Senders, pairs: int) -> dict[str, Figures]:
    """Batch by batch through the app in this process, after a garbage collection."""
    from fastapi.testclient import TestClient

    from sync.server.app import create_app

    deployment = lrs.deployment
    app = create_app(deployment.ctx.settings, deployment.ctx)
    figures = {path: Figures() for path in PATHS}
    with TestClient(app) as client:
        for pair in range(pairs + 1):  # the first pair warms up
            for path in PATHS if pair % 2 == 0 else PATHS[::-1]:
                url, headers = senders.route(path)
                body = senders.body(path)
                gc.collect()
                cpu, start = time.process_time(), time.perf_counter()
                client.post(url, content=body, headers=headers).raise_for_status()
                cpu, seconds = time.process_time() - cpu, time.perf_counter() - start
                if pair:
                    figures[path].rates.append(BATCH / seconds)
                    figures[path].cpu.append(cpu * 1000 / (BATCH / 1000))
    return figures


def ratio(xapi: list[float], device: list[float], rng: random.Random) -> str:
    """The median of the pairs' ratios and a bootstrap 95 % interval of it."""
    pairs = [x / d for x, d in zip(xapi, device, strict=True)]
    medians = sorted(statistics.median(rng.choices(pairs, k=len(pairs))) for _ in range(2000))
    return (
        f"{statistics.median(pairs):.3f} (95 % interval {medians[50]:.3f}-{medians[1949]:.3f}, "
        f"{len(pairs)} pairs)"
    )


def report(title: str, figures: dict[str, Figures], rng: random.Random) -> None:
    print(f"  {title}:")
    for path in PATHS:
        figure = figures[path]
        cpu = f", CPU {statistics.median(figure.cpu):.0f} ms per 1,000" if figure.cpu else ""
        print(f"    {path:<10} {statistics.median(figure.rates):7,.0f} statements/s{cpu} (medians)")
    device, xapi = figures["device API"], figures["/xapi"]
    print(f"    /xapi / device API, rate: {ratio(xapi.rates, device.rates, rng)}")
    if device.cpu and xapi.cpu:
        print(f"    /xapi / device API, CPU per statement: {ratio(xapi.cpu, device.cpu, rng)}")


def bench(kind: str, base_url: str | None, args: argparse.Namespace) -> None:
    rng = random.Random(20261207)
    with tempfile.TemporaryDirectory(prefix="hocvu-ingest-bench-") as tmp:
        deployment = Deployment(kind, base_url, Path(tmp))
        try:
            lrs = Lrs(deployment)
            senders = Senders(lrs)
            print(f"\n{kind}:")
            report(
                f"over HTTP, {args.runs} runs of {args.batches} batches of {BATCH} per path",
                over_http(lrs, senders, args.batches, args.runs),
                rng,
            )
            report(
                f"in process, each path's own cost, {args.pairs} batches of {BATCH} per path",
                in_process(lrs, senders, args.pairs),
                rng,
            )
            print(f"  stored at the end: {deployment.count():,} statements")
        finally:
            deployment.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer batches (CI)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    args.runs, args.batches, args.pairs = (4, 2, 8) if args.quick else (16, 6, 60)
    print("Học Vụ Số ingest bench (/xapi beside the device API)")
    print(f"machine: {describe()}")
    for kind in args.databases.split(","):
        base = None
        if kind == "postgresql":
            base = postgres_url()
            if base is None:
                continue
        bench(kind, base, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
