"""xAPI documents (State, Activity Profile): request latency over HTTP as the table grows.

    .venv/bin/python bench/xapi_documents_bench.py           # SQLite and PostgreSQL, to 1M
    .venv/bin/python bench/xapi_documents_bench.py --quick   # small sizes, both databases

The server runs as `hocvu server` in its own process on a loopback port (as
bench/sync_bench.py does); the table is grown between measurements by inserting rows
straight into the database, spread over 50 units and 1,000 agents. Each operation is
timed over `--requests` sequential requests of one xAPI client: PUT of a new state,
GET of it, POST merging into it, GET of a set's ids, PUT of a profile with If-Match.
Prints p50 and p95 per operation; never asserts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from bench.sync_bench import Deployment, postgres_url  # noqa: E402
from sync.server import admin  # noqa: E402
from sync.server.xapi_documents import DocumentSet  # noqa: E402
from sync.xapi import XAPI_VERSION  # noqa: E402
from sync.xapi_actors import parse_actor  # noqa: E402

ACTIVITY = "http://example.org/bench/course"
V = {"X-Experience-API-Version": XAPI_VERSION}


class DocumentsDeployment(Deployment):
    """sync_bench's fresh database and server, with 50 missions and an xAPI client;
    the table it grows is `xapi_documents`."""

    def __init__(self, kind: str, base_url: str | None, workdir: Path) -> None:
        super().__init__(kind, base_url, workdir)
        with self.ctx.db.write() as session:
            self.units = [
                admin.create_unit(session, "bench", f"Mission {n}", "mission", self.unit).id
                for n in range(50)
            ]
            self.auth = admin.add_xapi_client(session, "bench", "LMS", self.units[0])
            session.flush()
            self.client_id = session.execute(text("SELECT max(id) FROM xapi_clients")).scalar()

    def count(self) -> int:
        with self.ctx.db.read() as session:
            return session.execute(text("SELECT count(*) FROM xapi_documents")).scalar_one()

    def grow(self, target: int) -> None:
        missing = target - self.count()
        if missing <= 0:
            return
        sqlite = self.kind == "sqlite"
        now = datetime.now(UTC)
        stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
        content = b'{"page": 3, "seen": ["intro", "chapter-1"]}'
        etag = hashlib.sha1(content).hexdigest()
        mark = "?" if sqlite else "%s"
        sql = (
            "INSERT INTO xapi_documents (unit_id, kind, set_hash, key_hash, document_id, "
            "activity_id, agent_key, content, content_type, etag, updated, xapi_client_id) "
            f"VALUES ({', '.join([mark] * 12)})"
        )
        chunk = 20_000
        with self.ctx.db.engine.connect() as connection:
            raw = connection.connection.driver_connection
            for start in range(0, missing, chunk):
                rows = []
                for n in range(start, min(start + chunk, missing)):
                    agent = parse_actor({"mbox": f"mailto:learner{n % 1000}@example.org"})
                    key = DocumentSet("state", f"{ACTIVITY}/{n % 97}", agent.key, None)
                    document_id = f"filler-{uuid.uuid4().hex}"
                    rows.append(
                        (
                            self.units[n % len(self.units)],
                            "state",
                            key.set_hash,
                            key.key_hash(document_id),
                            document_id,
                            key.activity_id,
                            key.agent_key,
                            content,
                            "application/json",
                            etag,
                            stamp,
                            self.client_id,
                        )
                    )
                raw.cursor().executemany(sql, rows)
                raw.commit()
            if not sqlite:
                raw.cursor().execute("ANALYZE xapi_documents")
                raw.commit()


def timed(session: requests.Session, method: str, url: str, **kwargs) -> float:
    start = time.perf_counter()
    answer = session.request(method, url, timeout=60, **kwargs)
    elapsed = time.perf_counter() - start
    if answer.status_code >= 300:
        raise RuntimeError(f"{method} {url}: {answer.status_code} {answer.text[:200]}")
    return elapsed


def measure(deployment: DocumentsDeployment, requests_each: int) -> dict[str, list[float]]:
    base = deployment.server.url
    session = requests.Session()
    session.auth = deployment.auth
    agent = json.dumps({"mbox": f"mailto:bench-{uuid.uuid4().hex[:8]}@example.org"})
    state = f"{base}/xapi/activities/state"
    json_headers = {**V, "Content-Type": "application/json"}
    times: dict[str, list[float]] = {
        "PUT state": [],
        "GET state": [],
        "POST state (merge)": [],
        "GET state ids": [],
        "PUT profile If-Match": [],
    }
    for n in range(requests_each):
        params = {"activityId": ACTIVITY, "agent": agent, "stateId": f"s{n}"}
        body = json.dumps({"page": n, "seen": ["intro"]}).encode()
        times["PUT state"].append(
            timed(session, "PUT", state, params=params, data=body, headers=json_headers)
        )
        times["GET state"].append(timed(session, "GET", state, params=params, headers=V))
        times["POST state (merge)"].append(
            timed(
                session, "POST", state, params=params, data=b'{"done": true}', headers=json_headers
            )
        )
    for _ in range(requests_each):
        times["GET state ids"].append(
            timed(session, "GET", state, params={"activityId": ACTIVITY, "agent": agent}, headers=V)
        )
    profile = f"{base}/xapi/activities/profile"
    params = {"activityId": ACTIVITY, "profileId": f"p-{uuid.uuid4().hex[:8]}"}
    content = b'{"v": 0}'
    session.put(profile, params=params, data=content, headers=json_headers, timeout=60)
    for n in range(requests_each):
        tag = '"' + hashlib.sha1(content).hexdigest() + '"'
        content = json.dumps({"v": n + 1}).encode()
        times["PUT profile If-Match"].append(
            timed(
                session,
                "PUT",
                profile,
                params=params,
                data=content,
                headers={**json_headers, "If-Match": tag},
            )
        )
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def bench(kind: str, base_url: str | None, sizes: list[int], requests_each: int) -> None:
    with tempfile.TemporaryDirectory(prefix="hocvu-xapi-docs-bench-") as tmp:
        deployment = DocumentsDeployment(kind, base_url, Path(tmp))
        try:
            print(f"\n{kind}:")
            for size in sizes:
                deployment.grow(size)
                stored = deployment.count()
                print(f"  {stored:,} documents stored ({requests_each} requests each):")
                for name, values in measure(deployment, requests_each).items():
                    print(
                        f"    {name:<22} p50 {statistics.median(values) * 1000:6.1f} ms"
                        f"   p95 {p95(values) * 1000:6.1f} ms"
                    )
        finally:
            deployment.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--sizes", help="table sizes to measure at, e.g. 0,100000")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    sizes = [0, 10_000] if args.quick else [0, 100_000, 1_000_000]
    if args.sizes:
        sizes = [int(size) for size in args.sizes.split(",")]
    print("Học Vụ Số xAPI documents bench (one client, sequential requests, loopback)")
    print(f"machine: {describe()}")
    for kind in args.databases.split(","):
        base = None
        if kind == "postgresql":
            base = postgres_url()
            if base is None:
                continue
        bench(kind, base, sizes, args.requests)
    return 0


if __name__ == "__main__":
    sys.exit(main())
