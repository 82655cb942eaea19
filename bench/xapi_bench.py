"""The xAPI LRS: filtered statement queries as the store grows (ingest through /xapi
beside the device API is `bench/ingest_bench.py`).

    .venv/bin/python bench/xapi_bench.py            # SQLite and PostgreSQL, 1,000,000 rows
    .venv/bin/python bench/xapi_bench.py --quick    # CI: 20,000 rows, still both databases

The server runs as `hocvu server` in its own process (`bench.sync_bench.Deployment`).
Queries: GET /xapi/statements with an agent, a verb, an activity, or an agent and a
verb, each with random values, sequentially, default page (100 statements); p50 and
p95 per filter. Then one page of 500 statements naming 1,000 activities (object and
parent), each also defined by one of them, read with format=exact and with
format=canonical (which looks up each activity's definition in its newest statements);
GET by a tool's authority with related_agents (`authority_times`), and GETs by a tool
that sees none of the store (`blind_times`).
The store is grown by inserting rows and their index rows straight into the database:
10,000 agents (every IFI form), 50 verbs, 5,000 activities; one statement in 100 is a
StatementRef to an earlier one (`REFS_EVERY`). Prints figures and never asserts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe  # noqa: E402
from bench.sync_bench import Deployment, postgres_url  # noqa: E402
from sync.server import admin  # noqa: E402
from sync.server.statement_index import activity_digest  # noqa: E402
from sync.xapi import XAPI_VERSION  # noqa: E402
from sync.xapi_actors import parse_actor  # noqa: E402

AGENTS, VERBS, ACTIVITIES = 10_000, 50, 5_000
# One grown statement in REFS_EVERY shares an earlier one (a StatementRef object): the
# filters match it through its target, which every filtered GET pays for.
REFS_EVERY = 100
SHARED = "http://adlnet.gov/expapi/verbs/shared"
V = {"X-Experience-API-Version": XAPI_VERSION, "Content-Type": "application/json"}


def agent_json(n: int) -> dict:
    form = n % 4
    if form == 0:
        return {"mbox": f"mailto:officer{n}@mofa.example.gov.vn"}
    if form == 1:
        return {"mbox_sha1sum": hashlib.sha1(f"mailto:o{n}@x".encode()).hexdigest()}
    if form == 2:
        return {"openid": f"https://id.example.gov.vn/officer/{n}"}
    return {"account": {"homePage": "https://hr.example.gov.vn", "name": f"officer-{n}"}}


def verb_iri(n: int) -> str:
    return f"http://example.gov.vn/xapi/verbs/v{n}"


def activity_iri(n: int) -> str:
    return f"http://example.gov.vn/xapi/activities/course-{n}"


class Lrs:
    def __init__(self, deployment: Deployment) -> None:
        self.deployment = deployment
        with deployment.ctx.db.write() as session:
            self.auth = admin.add_xapi_client(session, "bench", "bench-lms", deployment.unit)
        with deployment.ctx.db.read() as session:
            from sqlalchemy import text

            self.client_id = session.execute(
                text("SELECT id FROM xapi_clients WHERE name = 'bench-lms'")
            ).scalar_one()
        self.http = requests.Session()
        self.http.auth = self.auth
        self.http.headers.update(V)
        self.url = f"{deployment.server.url}/xapi/statements"


def grow(lrs: Lrs, target: int, rng: random.Random) -> None:
    """Insert statements and their index rows until the store holds `target`."""
    deployment = lrs.deployment
    missing = target - deployment.count()
    if missing <= 0:
        return
    agents = [agent_json(n) for n in range(AGENTS)]
    agent_keys = [parse_actor(a).digest for a in agents]
    activity_keys = [activity_digest(activity_iri(n)) for n in range(ACTIVITIES)]
    sqlite = deployment.kind == "sqlite"
    now = datetime.now(UTC)
    stamp = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
    mark = "?" if sqlite else "%s"
    chunk = 20_000
    with deployment.ctx.db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        cursor = raw.cursor()
        cursor.execute("SELECT coalesce(max(seq), 0) FROM statements")
        seq = cursor.fetchone()[0]
        grown: list[uuid.UUID] = []
        for start in range(0, missing, chunk):
            rows, agent_rows, activity_rows, ref_rows = [], [], [], []
            for _ in range(min(chunk, missing - start)):
                seq += 1
                a, v, o = rng.randrange(AGENTS), rng.randrange(VERBS), rng.randrange(ACTIVITIES)
                sid = uuid.uuid4()
                verb, obj = verb_iri(v), {"id": activity_iri(o)}
                if seq % REFS_EVERY == 0 and grown:
                    target = grown[rng.randrange(len(grown))]
                    verb, obj = SHARED, {"objectType": "StatementRef", "id": str(target)}
                    ref_rows.append((target.bytes if sqlite else target, seq))
                else:
                    activity_rows.append((activity_keys[o], seq, False))
                grown.append(sid)
                body = json.dumps(
                    {
                        "id": str(sid),
                        "actor": agents[a],
                        "verb": {"id": verb},
                        "object": obj,
                        "timestamp": now.isoformat(),
                    },
                    separators=(",", ":"),
                )
                rows.append(
                    (
                        seq,
                        sid.bytes if sqlite else str(sid),
                        lrs.client_id,
                        body,
                        hashlib.sha256(body.encode()).digest(),
                        verb,
                        obj["id"],
                        stamp,
                        stamp,
                    )
                )
                agent_rows.append((agent_keys[a], seq, False))
            cursor.executemany(
                "INSERT INTO statements (seq, statement_id, xapi_client_id, body, content_hash, "
                f"verb, object_id, timestamp, stored) VALUES ({', '.join([mark] * 9)})",
                rows,
            )
            cursor.executemany(
                f"INSERT INTO statement_agents (agent, seq, related) VALUES ({mark},{mark},{mark})",
                agent_rows,
            )
            cursor.executemany(
                "INSERT INTO statement_activities (activity, seq, related) "
                f"VALUES ({mark},{mark},{mark})",
                activity_rows,
            )
            cursor.executemany(
                f"INSERT INTO statement_refs (target, seq) VALUES ({mark},{mark})", ref_rows
            )
            raw.commit()
        if not sqlite:
            # PostgreSQL's autovacuum analyses a table that grew this much; do it now.
            for table in (
                "statements",
                "statement_agents",
                "statement_activities",
                "statement_refs",
            ):
                cursor.execute(f"ANALYZE {table}")
            cursor.execute("SELECT setval(pg_get_serial_sequence('statements', 'seq'), %s)", [seq])
            raw.commit()


def query_times(lrs: Lrs, requests_each: int, rng: random.Random) -> dict[str, list[float]]:
    def agent() -> str:
        return json.dumps(agent_json(rng.randrange(AGENTS)))

    filters = {
        "agent": lambda: {"agent": agent()},
        "verb": lambda: {"verb": verb_iri(rng.randrange(VERBS))},
        "activity": lambda: {"activity": activity_iri(rng.randrange(ACTIVITIES))},
        "agent+verb": lambda: {"agent": agent(), "verb": verb_iri(rng.randrange(VERBS))},
    }
    times: dict[str, list[float]] = {}
    for name, params in filters.items():
        lrs.http.get(lrs.url, params=params()).raise_for_status()  # warm up
        spent = []
        for _ in range(requests_each):
            sent = time.perf_counter()
            answer = lrs.http.get(lrs.url, params=params())
            spent.append(time.perf_counter() - sent)
            answer.raise_for_status()
        times[name] = spent
    return times


def canonical_times(lrs: Lrs, requests_each: int, rng: random.Random) -> dict[str, list[float]]:
    """One page of 500 statements, each naming two of the store's activities (object
    and parent) and defining the first, read in the exact and the canonical format,
    alternating."""
    verb = f"http://example.gov.vn/xapi/verbs/defined-{uuid.uuid4().hex[:8]}"
    named = rng.sample(range(ACTIVITIES), 1000)
    page = [
        {
            "actor": agent_json(rng.randrange(AGENTS)),
            "verb": {"id": verb, "display": {"en-US": "defined", "vi": "đã định nghĩa"}},
            "object": {
                "id": activity_iri(named[n]),
                "definition": {
                    "name": {"en-US": f"Course {named[n]}", "vi": f"Khóa {named[n]}"},
                    "description": {"en-US": "Protocol", "vi": "Lễ tân"},
                },
            },
            "context": {"contextActivities": {"parent": [{"id": activity_iri(named[500 + n])}]}},
        }
        for n in range(500)
    ]
    lrs.http.post(lrs.url, data=json.dumps(page)).raise_for_status()
    params = {"verb": verb, "limit": "500"}
    times: dict[str, list[float]] = {"exact": [], "canonical": []}
    for form in times:  # warm up
        lrs.http.get(lrs.url, params={**params, "format": form}).raise_for_status()
    for _ in range(requests_each):
        for form, spent in times.items():
            sent = time.perf_counter()
            answer = lrs.http.get(
                lrs.url, params={**params, "format": form}, headers={"Accept-Language": "vi"}
            )
            spent.append(time.perf_counter() - sent)
            answer.raise_for_status()
            assert len(answer.json()["statements"]) == 500
    return times


def authority_times(lrs: Lrs, requests_each: int) -> dict[str, list[float]]:
    """GET ?agent=<a tool's authority>&related_agents=true, matched by the statements'
    xapi_client_id (its index, migration 0013): for the tool that wrote the store and
    for one that wrote a single statement."""
    deployment = lrs.deployment
    name = f"rare-{uuid.uuid4().hex[:8]}"
    with deployment.ctx.db.write() as session:
        auth = admin.add_xapi_client(session, "bench", name, deployment.unit)
    rare = requests.Session()
    rare.auth = auth
    rare.headers.update(V)
    one = {"actor": agent_json(0), "verb": {"id": verb_iri(0)}, "object": {"id": activity_iri(0)}}
    rare.post(lrs.url, data=json.dumps(one)).raise_for_status()
    [mine] = rare.get(lrs.url, params={"limit": "1"}).json()["statements"]
    tools = {
        "wrote the store": (lrs.http, str(lrs.client_id)),
        "wrote one": (rare, mine["authority"]["account"]["name"]),
    }
    times: dict[str, list[float]] = {}
    for label, (http, client) in tools.items():
        agent = {"account": {"homePage": "urn:hocvu:xapi-client", "name": client}}
        params = {"agent": json.dumps(agent), "related_agents": "true"}
        http.get(lrs.url, params=params).raise_for_status()  # warm up
        spent = []
        for _ in range(requests_each):
            sent = time.perf_counter()
            answer = http.get(lrs.url, params=params)
            spent.append(time.perf_counter() - sent)
            answer.raise_for_status()
            assert answer.json()["statements"]
        times[label] = spent
    return times


def blind_times(lrs: Lrs, requests_each: int) -> dict[str, list[float]]:
    """GETs by a tool of a sibling unit, which sees none of the store (the hostile
    review's slow queries, docs/server.md: they walked the whole table until the pages
    were found among what the tool sees)."""
    deployment = lrs.deployment
    name = f"sibling-{uuid.uuid4().hex[:8]}"
    with deployment.ctx.db.write() as session:
        unit = admin.create_unit(session, "bench", name, "mission", deployment.unit).id
        auth = admin.add_xapi_client(session, "bench", name, unit)
    http = requests.Session()
    http.auth = auth
    http.headers.update(V)
    filters = {
        "none": {},
        "since": {"since": "2000-01-01T00:00:00Z"},
        "ascending": {"ascending": "true"},
        "verb": {"verb": verb_iri(3)},
    }
    times: dict[str, list[float]] = {}
    for label, params in filters.items():
        spent = []
        for _ in range(requests_each):
            sent = time.perf_counter()
            http.get(lrs.url, params=params).raise_for_status()
            spent.append(time.perf_counter() - sent)
        times[label] = spent
    return times


def bench(kind: str, base_url: str | None, sizes: list[int], args) -> None:
    rng = random.Random(20261207)
    with tempfile.TemporaryDirectory(prefix="hocvu-xapi-bench-") as tmp:
        deployment = Deployment(kind, base_url, Path(tmp))
        try:
            lrs = Lrs(deployment)
            print(f"\n{kind}:")
            for size in sizes:
                start = time.perf_counter()
                grow(lrs, size, rng)
                grown = time.perf_counter() - start
                stored = deployment.count()
                print(f"  store: {stored:,} statements (grown in {grown:.0f} s)")
                for name, spent in query_times(lrs, args.queries, rng).items():
                    p50 = statistics.median(spent) * 1000
                    p95 = statistics.quantiles(spent, n=20)[-1] * 1000
                    print(
                        f"    GET ?{name:<11} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
                        f"({len(spent)} requests)"
                    )
                canonical = canonical_times(lrs, max(5, args.queries // 10), rng)
                for name, spent in canonical.items():
                    p50, most = statistics.median(spent) * 1000, max(spent) * 1000
                    print(
                        f"    GET 500 statements, format={name:<9} p50 {p50:6.1f} ms  "
                        f"max {most:6.1f} ms ({len(spent)} requests)"
                    )
                print("    GET ?agent=<a tool's authority>&related_agents=true, by a tool that")
                for name, spent in authority_times(lrs, max(5, args.queries // 20)).items():
                    p50, most = statistics.median(spent) * 1000, max(spent) * 1000
                    print(f"      {name:<16} p50 {p50:6.1f} ms  max {most:6.1f} ms")
                print("    a tool that sees none of it:")
                for name, spent in blind_times(lrs, max(5, args.queries // 20)).items():
                    p50, most = statistics.median(spent) * 1000, max(spent) * 1000
                    print(f"      GET ?{name:<9} p50 {p50:6.1f} ms  max {most:6.1f} ms")
        finally:
            deployment.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (CI)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--sizes", help="store sizes to measure at, e.g. 0,1000000")
    args = parser.parse_args()
    if args.quick:
        sizes, args.queries = [20_000], 40
    else:
        sizes, args.queries = [0, 1_000_000], 200
    if args.sizes:
        sizes = [int(size) for size in args.sizes.split(",")]
    print("Học Vụ Số xAPI bench (filtered GETs over HTTP on loopback)")
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
