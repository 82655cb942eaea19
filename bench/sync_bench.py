"""Ministry server ingest: statements per second in batches of 500, p95 batch latency,
the rate as the store grows, and 100 devices pushing 1,000 statements each.

    .venv/bin/python bench/sync_bench.py            # SQLite and PostgreSQL, up to 1M rows
    .venv/bin/python bench/sync_bench.py --quick    # CI: small sizes, still both databases

The server runs as `hocvu server` in its own process on a loopback port, as in
production; this process only sends pre-encoded batches. The store is grown between
measurements by inserting rows straight into the database (through HTTP it would
take most of the run). PostgreSQL comes from HOCVU_TEST_POSTGRES_URL or
scripts/postgres.sh; it is skipped, with the reason, when neither works. Prints
figures and never asserts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe, median_time  # noqa: E402
from content import keys  # noqa: E402
from sync.server import admin  # noqa: E402
from sync.server.context import ServerContext, ServerSettings  # noqa: E402
from sync.server.db import normalise_url  # noqa: E402
from sync.xapi import make_statement  # noqa: E402

BATCH = 500


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_url() -> str | None:
    url = os.environ.get("HOCVU_TEST_POSTGRES_URL")
    if not url:
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True
        )
        if done.returncode != 0:
            print(f"PostgreSQL skipped: {done.stderr.strip()[-300:]}")
            return None
        url = done.stdout.strip().splitlines()[-1]
    return normalise_url(url)


class Server:
    def __init__(self, data_dir: Path, url: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable,
            "-m",
            "hocvu",
            "server",
            "--port",
            str(self.port),
            "--data-dir",
            str(data_dir),
            "--database-url",
            url,
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT)
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{self.url}/api/v1/about", timeout=1)
                return
            except requests.RequestException:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


class Deployment:
    """A fresh database and data folder with one unit and enrolled devices."""

    def __init__(self, kind: str, base_url: str | None, workdir: Path) -> None:
        self.kind = kind
        self.workdir = workdir
        self.drop: str | None = None
        if kind == "sqlite":
            url = f"sqlite:///{workdir / 'bench.db'}"
        else:
            assert base_url is not None
            name = f"bench_{uuid.uuid4().hex[:10]}"
            self.admin_engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
            with self.admin_engine.connect() as connection:
                connection.execute(text(f"CREATE DATABASE {name}"))
            self.drop = name
            url = base_url.rpartition("/")[0] + "/" + name
        self.url = url
        self.ctx = ServerContext(ServerSettings(data_dir=workdir / "server", database_url=url))
        self.ctx.db.migrate()
        with self.ctx.db.write() as session:
            self.unit = admin.create_unit(session, "bench", "Ministry", "ministry", None).id
        self.server = Server(workdir / "server", url)

    def device(self) -> tuple[str, dict[str, str]]:
        """Enrol a new learner's device; returns its profile id and headers."""
        with self.ctx.db.write() as session:
            learner = admin.create_learner(session, "bench", "Learner", self.unit).id
            code = admin.create_enrolment_code(session, "bench", learner, 14)
        profile = str(uuid.uuid4())
        answer = requests.post(
            f"{self.server.url}/api/v1/enrol",
            json={
                "code": code,
                "device_name": "bench",
                "device_public_key": keys.public_b64(keys.new_key().public_key()),
                "profile_id": profile,
            },
            timeout=30,
        )
        answer.raise_for_status()
        token = answer.json()["device_token"]
        return profile, {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def count(self) -> int:
        with self.ctx.db.read() as session:
            return session.execute(text("SELECT count(*) FROM statements")).scalar_one()

    def grow(self, target: int) -> None:
        """Add filler rows (unattached, as an xAPI tool's would be) until `target`."""
        missing = target - self.count()
        if missing <= 0:
            return
        template = batch_statements(str(uuid.uuid4()), 1)[0]
        body = json.dumps(template, sort_keys=True, separators=(",", ":"))
        now = datetime.now(UTC)
        sqlite = self.kind == "sqlite"
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
        chunk = 20_000
        with self.ctx.db.engine.connect() as connection:
            raw = connection.connection.driver_connection
            for start in range(0, missing, chunk):
                rows = []
                for _ in range(min(chunk, missing - start)):
                    sid = uuid.uuid4()
                    rows.append(
                        (
                            sid.bytes if sqlite else str(sid),
                            body,
                            hashlib.sha256(sid.bytes).digest(),
                            template["verb"]["id"],
                            template["object"]["id"],
                            stamp,
                            stamp,
                        )
                    )
                mark = "?" if sqlite else "%s"
                sql = (
                    "INSERT INTO statements (statement_id, body, content_hash, verb, object_id, "
                    f"timestamp, stored) VALUES ({', '.join([mark] * 7)})"
                )
                cursor = raw.cursor()
                cursor.executemany(sql, rows)
                raw.commit()
            if not sqlite:
                raw.cursor().execute("ANALYZE statements")
                raw.commit()

    def close(self) -> None:
        self.server.stop()
        self.ctx.db.dispose()
        if self.drop:
            drop_database(self.admin_engine, self.drop)
            self.admin_engine.dispose()


def drop_database(engine, name: str) -> None:
    # Backends still closing (the server's) can make DROP fail for a moment.
    for attempt in range(20):
        try:
            with engine.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            return
        except Exception:
            if attempt == 19:
                raise
            time.sleep(0.5)


def batch_statements(profile: str, count: int) -> list[dict]:
    registration = str(uuid.uuid4())
    return [
        make_statement(
            profile_id=profile,
            verb="answered",
            pack_id="vn.mofa.dl.safety.l1",
            kind="item",
            local_id=f"l1-a4-quiz/item-{i % 40}",
            pack_version=3,
            app_version="0.1.0",
            device_id="bench-device",
            registration=registration,
            score=1.0 if i % 3 else 0.0,
            success=bool(i % 3),
            response="b",
            duration_s=14.2,
        )
        for i in range(count)
    ]


def encoded_batches(profile: str, batches: int) -> list[bytes]:
    return [
        json.dumps({"statements": batch_statements(profile, BATCH)}).encode()
        for _ in range(batches)
    ]


def ingest(deployment: Deployment, batches: int, runs: int) -> tuple[float, float]:
    """Statements/s (median of `runs` runs of `batches` sequential batches) and the p95
    latency of all the batches sent."""
    profile, headers = deployment.device()
    session = requests.Session()
    url = f"{deployment.server.url}/api/v1/statements"
    latencies: list[float] = []
    # Encoded before timing, fresh ids for every run; one batch first to warm up.
    work = [encoded_batches(profile, batches) for _ in range(runs)]
    session.post(url, data=encoded_batches(profile, 1)[0], headers=headers).raise_for_status()

    def run() -> None:
        for body in work.pop():
            sent = time.perf_counter()
            answer = session.post(url, data=body, headers=headers)
            latencies.append(time.perf_counter() - sent)
            if answer.status_code != 200:
                raise RuntimeError(f"push failed: {answer.status_code} {answer.text[:200]}")

    seconds = median_time(run, runs)
    return batches * BATCH / seconds, statistics.quantiles(latencies, n=20)[-1]


def many_devices(deployment: Deployment, devices: int, each: int, workers: int) -> float:
    """Seconds from the first push to the last answer, for `devices` devices each
    pushing `each` statements in batches of 500, `workers` at a time."""
    prepared = []
    for _ in range(devices):
        profile, headers = deployment.device()
        bodies = [
            json.dumps({"statements": batch_statements(profile, min(BATCH, each - done))}).encode()
            for done in range(0, each, BATCH)
        ]
        prepared.append((headers, bodies))

    def run(job: tuple[dict, list[bytes]]) -> None:
        headers, bodies = job
        with requests.Session() as session:
            for body in bodies:
                answer = session.post(
                    f"{deployment.server.url}/api/v1/statements", data=body, headers=headers
                )
                answer.raise_for_status()

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(run, prepared))
    return time.perf_counter() - start


def bench(kind: str, base_url: str | None, sizes: list[int], args) -> None:
    with tempfile.TemporaryDirectory(prefix="hocvu-sync-bench-") as tmp:
        deployment = Deployment(kind, base_url, Path(tmp))
        try:
            print(f"\n{kind}:")
            print(f"  {'store size':>12}  {'statements/s':>12}  {'p95 batch':>10}")
            for size in sizes:
                deployment.grow(size)
                before = deployment.count()
                rate, p95 = ingest(deployment, args.batches, args.runs)
                print(f"  {before:>12,}  {rate:>12,.0f}  {p95 * 1000:>8.1f} ms")
            seconds = many_devices(deployment, args.devices, args.per_device, args.workers)
            total = args.devices * args.per_device
            print(
                f"  {args.devices} devices x {args.per_device:,} statements "
                f"({args.workers} at a time): {seconds:.1f} s end to end "
                f"({total / seconds:,.0f} statements/s)"
            )
        finally:
            deployment.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (CI)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--sizes", help="store sizes to measure at, e.g. 0,100000")
    args = parser.parse_args()
    if args.quick:
        sizes, args.batches, args.runs = [0, 20_000], 4, 3
        args.devices, args.per_device, args.workers = 10, 1_000, 4
    else:
        sizes, args.batches, args.runs = [0, 250_000, 500_000, 1_000_000], 20, 3
        args.devices, args.per_device, args.workers = 100, 1_000, 8
    if args.sizes:
        sizes = [int(size) for size in args.sizes.split(",")]
    print("Học Vụ Số sync bench (batches of 500; server ingest over HTTP on loopback)")
    print(f"machine: {describe()}")
    for kind in args.databases.split(","):
        base = None
        if kind == "postgresql":
            base = postgres_url()
            if base is None:
                continue
        bench(kind, base, sizes, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
