"""Dashboard reports at ministry size: 20,000 learners and 1,000,000 statements.

    .venv/bin/python bench/report_bench.py            # SQLite and PostgreSQL, full size
    .venv/bin/python bench/report_bench.py --quick    # CI: a few hundred learners

The unit tree is a ministry, 15 departments and 90 missions. Every learner walks the
curriculum for a while (lessons experienced and completed, module quizzes attempted,
answered item by item, passed or failed, then the level exam) over the last 18
months, some far, most not: about 50 statements a learner. The first 5,000
statements go through ingest's own `prepare` and `store` (not through HTTP), which
validates every shape the walker makes; the rest are written in transactions of
20,000 by `bench/report_seed.py` with ingest's own writers (its statement insert, the
xAPI index, the derived tables), a few times faster, so every row is what a device's
push would have left (tests/test_report_bench_seed.py compares the two ways). No
exam is graded (there are no pack files): the server's results are seeded as graded
and no certificate is issued. Packs are recorded as `add_pack` records them
(manifest, exam level, course map) without building pack files.

Prints the seeding time, then the median of several runs of: the overview of the
ministry and of one mission, a unit drill-down, item analysis, and the XLSX export
of the learners table; then the dashboard's overview page and the XLSX download
as a logged-in ministry admin gets them from the app (in process, no network); on
SQLite and on PostgreSQL (skipped with the reason when it cannot be started). The
goal is an overview under one second. Never asserts.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import random
import sqlite3
import sys
import tempfile
import time
import uuid
import zlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, insert, select, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import describe, load, median_times  # noqa: E402
from bench.report_seed import Walked, write  # noqa: E402
from bench.sync_bench import drop_database, postgres_url  # noqa: E402
from sync.progress import pack_map, pack_map_to_json  # noqa: E402
from sync.server import admin, exports  # noqa: E402
from sync.server.context import ServerContext, ServerSettings  # noqa: E402
from sync.server.derived.progress import course  # noqa: E402
from sync.server.ingest import prepare, store  # noqa: E402
from sync.server.models import Device, Learner, LearnerResult, Pack, Profile, Statement  # noqa: E402
from sync.server.reporting.items import item_analysis  # noqa: E402
from sync.server.reporting.learners import unit_detail  # noqa: E402
from sync.server.reporting.overview import overview  # noqa: E402
from sync.server.reporting.tables import export_table  # noqa: E402
from sync.xapi import EXT_GRADING, SERVER_HOME_PAGE, make_statement  # noqa: E402

AREAS = (1, 2, 3, 4, 5, 6)
LEVELS = (1, 2, 3, 4)
ITEMS_PER_QUIZ = 5
ITEMS_PER_EXAM = 10
TRANSACTION = 5_000
# Statements per transaction of the fast writer (bench/report_seed.py).
FAST_TRANSACTION = 20_000
DAYS = 540
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Văn An", "Thị Bình", "Minh Chi", "Quốc Dũng", "Thu Hà", "Đức Huy", "Lan Anh"]


def new_id(rng: random.Random) -> str:
    """A random (version 4) UUID drawn from the seeded generator: the same ministry
    every run. Formatted by hand: `uuid.UUID` was a tenth of the seeding time."""
    h = f"{rng.getrandbits(122):031x}"
    return f"{h[:8]}-{h[8:12]}-4{h[12:15]}-{'89ab'[int(h[15], 16) & 3]}{h[16:19]}-{h[19:31]}"


def pack_id(level: int) -> str:
    return f"vn.mofa.dl.l{level}"


def manifest(level: int, version: int) -> dict:
    return {
        "format": 1,
        "id": pack_id(level),
        "version": version,
        "modules": [
            {
                "id": f"l{level}-a{area}",
                "area": area,
                "level": level,
                # As a built manifest lists them: slug and title.
                "lessons": [
                    {"slug": f"l{level}-a{area}-{n}", "title": {"vi": "Bài", "en": "Lesson"}}
                    for n in (1, 2)
                ],
                "quiz": f"l{level}-a{area}-quiz",
            }
            for area in AREAS
        ],
        "exam": {"quiz": f"l{level}-exam", "level": level},
    }


class Walker:
    """One learner's statements, in the order the app would record them."""

    def __init__(self, rng: random.Random, profile: str, start: datetime, now: datetime):
        self.rng = rng
        self.profile = profile
        self.t = start
        self.now = now
        self.out: list[dict] = []
        # Half-way through the period the packs move to version 2.
        self.switch = now - timedelta(days=DAYS // 2)

    def emit(self, verb: str, pack: str, kind: str, local_id: str, **extra) -> None:
        self.t += timedelta(seconds=self.rng.uniform(20, 400))
        if self.rng.random() < 0.08:
            self.t += timedelta(days=self.rng.expovariate(1 / 6))
        if self.t > self.now:
            raise StopIteration
        self.out.append(
            make_statement(
                profile_id=self.profile,
                verb=verb,
                pack_id=pack,
                kind=kind,
                local_id=local_id,
                pack_version=2 if self.t > self.switch else 1,
                app_version="0.1.0",
                device_id="bench-device",
                timestamp=self.t.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                statement_id=new_id(self.rng),
                # Validated by ingest for the first learners; the shapes do not change.
                check=False,
                **extra,
            )
        )

    def attempt(self, level: int, kind: str, quiz: str, items: int, skill: float) -> bool:
        registration = new_id(self.rng)
        pack = pack_id(level)
        self.emit("attempted", pack, kind, quiz, registration=registration)
        right = 0
        for n in range(1, items + 1):
            # Some items are harder than others, the same for everyone.
            hard = (zlib.crc32(f"{quiz}/{n}".encode()) % 100) / 250
            ok = self.rng.random() < skill - hard
            right += ok
            wrong = self.rng.choices("bcd", weights=(5, 2, 1))[0]
            self.emit(
                "answered",
                pack,
                "item",
                f"{quiz}/q{n}",
                registration=registration,
                response="a" if ok else wrong,
                success=ok,
                score=1.0 if ok else 0.0,
                duration_s=self.rng.uniform(5, 60),
            )
        score = right / items
        passed = score >= 0.8
        if kind == "exam":
            self.emit("completed", pack, kind, quiz, registration=registration, completion=True)
        self.emit(
            "passed" if passed else "failed",
            pack,
            kind,
            quiz,
            registration=registration,
            score=score,
            success=passed,
            completion=True,
        )
        if kind == "exam":
            # An exam's result is the server's (sync.server.grading): only it counts.
            self.out[-1]["authority"] = {
                "objectType": "Agent",
                "account": {"homePage": SERVER_HOME_PAGE, "name": "bench"},
            }
            # Graded by the server (status graded): only such a pass certifies.
            self.out[-1]["result"].setdefault("extensions", {})[EXT_GRADING] = {"status": "graded"}
        return passed

    def walk(self, budget: int) -> list[dict]:
        skill = self.rng.uniform(0.75, 1.05)
        try:
            for level in LEVELS:
                for area in AREAS:
                    for lesson in (1, 2):
                        slug = f"l{level}-a{area}-{lesson}"
                        self.emit("experienced", pack_id(level), "lesson", slug)
                        self.emit(
                            "completed",
                            pack_id(level),
                            "lesson",
                            slug,
                            completion=True,
                            duration_s=self.rng.uniform(300, 1200),
                        )
                    quiz = f"l{level}-a{area}-quiz"
                    for _ in range(3):
                        if self.attempt(level, "quiz", quiz, ITEMS_PER_QUIZ, skill):
                            break
                    if len(self.out) >= budget:
                        raise StopIteration
                for _ in range(3):
                    exam = f"l{level}-exam"
                    if self.attempt(level, "exam", exam, ITEMS_PER_EXAM, skill + 0.05):
                        break
        except StopIteration:
            pass
        return self.out[:budget]


def budgets(rng: random.Random, learners: int, statements: int) -> list[int]:
    raw = [rng.lognormvariate(0, 1.0) for _ in range(learners)]
    scale = statements / sum(raw)
    out = [max(1, round(r * scale)) for r in raw]
    out[-1] = max(1, out[-1] + statements - sum(out))
    return out


class Ministry:
    def __init__(
        self, kind: str, base_url: str | None, workdir: Path, copy_of: str | None = None
    ) -> None:
        """A new database, empty or (`copy_of`) a copy of a cached seeded one: a SQLite
        file or a PostgreSQL database name (see `SeedCache`)."""
        self.kind = kind
        self.drop: str | None = None
        self.admin_engine = None
        if kind == "sqlite":
            url = f"sqlite:///{workdir / 'reports.db'}"
            if copy_of:
                with (
                    sqlite3.connect(copy_of) as source,
                    sqlite3.connect(workdir / "reports.db") as copy,
                ):
                    source.backup(copy)
        else:
            assert base_url is not None
            name = f"bench_{uuid.uuid4().hex[:10]}"
            self.admin_engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
            template = f" TEMPLATE {copy_of}" if copy_of else ""
            with self.admin_engine.connect() as connection:
                connection.execute(text(f"CREATE DATABASE {name}{template}"))
            self.drop = name
            url = base_url.rpartition("/")[0] + "/" + name
        self.ctx = ServerContext(ServerSettings(data_dir=workdir / "server", database_url=url))
        self.ctx.db.migrate()

    def save(self, cache: SeedCache, seeded: dict) -> None:
        """Keep a copy of the seeded database for the next run."""
        self.ctx.db.dispose()
        if self.kind == "sqlite":
            cache.folder.mkdir(parents=True, exist_ok=True)
            path = self.ctx.settings.database_url.removeprefix("sqlite:///")
            with sqlite3.connect(path) as source, sqlite3.connect(cache.sqlite_file) as copy:
                source.backup(copy)
        else:
            assert self.admin_engine is not None and self.drop is not None
            drop_database(self.admin_engine, cache.postgres_name)
            with self.admin_engine.connect() as connection:
                connection.execute(
                    text(f"CREATE DATABASE {cache.postgres_name} TEMPLATE {self.drop}")
                )
        cache.record(self.kind, seeded)

    def close(self) -> None:
        self.ctx.db.dispose()
        if self.drop and self.admin_engine is not None:
            drop_database(self.admin_engine, self.drop)
            self.admin_engine.dispose()

    def seed(self, args, rng: random.Random, now: datetime | None = None) -> dict:
        """Seed the ministry; `args.through_ingest` statements go through ingest
        itself, the rest through the fast writer."""
        db = self.ctx.db
        now = now or datetime.now(UTC)
        with db.write() as session:
            root = admin.create_unit(session, "bench", "Bộ Ngoại giao", "ministry", None).id
            missions = []
            for d in range(args.departments):
                dept = admin.create_unit(session, "bench", f"Vụ {d + 1}", "department", root).id
                for m in range(args.missions // args.departments):
                    missions.append(
                        admin.create_unit(
                            session, "bench", f"Cơ quan đại diện {d + 1}.{m + 1}", "mission", dept
                        ).id
                    )
            for level in LEVELS:
                for version in (1, 2):
                    session.add(
                        Pack(
                            pack_id=pack_id(level),
                            version=version,
                            sha256="0" * 64,
                            size=1,
                            file=f"packs/l{level}-v{version}.hvpack",
                            manifest=json.dumps(manifest(level, version)),
                            exam_level=level,
                            uploaded=now - timedelta(days=DAYS),
                            course_map=pack_map_to_json(
                                pack_map(manifest(level, version), version, lambda slug: None)
                            ),
                        )
                    )
            session.flush()
            admin.assign(session, "bench", pack_id(1), root, (now - timedelta(days=60)).date())
            admin.assign(session, "bench", pack_id(2), root, (now + timedelta(days=200)).date())
        # Missions differ in size, as embassies do.
        weights = [rng.uniform(0.3, 3) for _ in missions]
        homes = rng.choices(missions, weights=weights, k=args.learners)
        learners, profiles = [], []
        with db.write() as session:
            learner_rows, profile_rows, device_rows = [], [], []
            for i, unit in enumerate(homes):
                learner, profile = new_id(rng), new_id(rng)
                created = now - timedelta(days=DAYS + 10)
                name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
                learner_rows.append(
                    {
                        "id": learner,
                        "name": name,
                        "unit_id": unit,
                        "staff_ref": f"BNG-{i:06d}",
                        "created": created,
                    }
                )
                profile_rows.append(
                    {"profile_id": profile, "learner_id": learner, "created": created}
                )
                device_rows.append(
                    {
                        "id": new_id(rng),
                        "learner_id": learner,
                        "profile_id": profile,
                        "name": "Laptop",
                        "public_key": "A" * 43 + "=",
                        "token_hash": f"{rng.getrandbits(256):064x}",
                        "created": created,
                        "revoked": None,
                    }
                )
                learners.append(learner)
                profiles.append(profile)
            session.execute(insert(Learner), learner_rows)
            session.execute(insert(Profile), profile_rows)
            session.execute(insert(Device), device_rows)
        start = time.perf_counter()
        pending: list[Walked] = []
        stored = through_ingest = 0
        ingest_time = 0.0
        with db.read() as session:
            course_map = course(session)

        def flush() -> None:
            nonlocal stored, through_ingest, ingest_time
            count = sum(len(w.statements) for w in pending)
            if stored < args.through_ingest:
                begun = time.perf_counter()
                statements = [s for w in pending for s in w.statements]
                self.store(statements, {w.profile_id: w.learner_id for w in pending}, now)
                ingest_time += time.perf_counter() - begun
                through_ingest += count
            else:
                with db.write() as session:
                    write(session, pending, now, course_map)
            stored += count
            pending.clear()

        # A learner who started recently runs out of days before their budget: the
        # next learners make up the difference, so the total is what was asked.
        carry = waiting = 0
        for learner, profile, budget in zip(
            learners, profiles, budgets(rng, args.learners, args.statements), strict=True
        ):
            begin = now - timedelta(days=rng.uniform(0, DAYS))
            walked = Walker(rng, profile, begin, now).walk(budget + carry)
            carry += budget - len(walked)
            pending.append(Walked(learner, profile, walked))
            waiting += len(walked)
            if waiting >= (TRANSACTION if stored < args.through_ingest else FAST_TRANSACTION):
                flush()
                waiting = 0
        if pending:
            flush()
        statements_time = time.perf_counter() - start
        with db.read() as session:
            results = session.scalar(select(func.count()).select_from(LearnerResult))
            count = session.scalar(select(func.count()).select_from(Statement))
            biggest = session.execute(
                select(Learner.unit_id, func.count())
                .group_by(Learner.unit_id)
                .order_by(func.count().desc())
                .limit(1)
            ).first()
        return {
            "root": root,
            "mission": biggest[0],
            "mission_learners": biggest[1],
            "statements": count,
            "results": results,
            "statements_time": statements_time,
            "through_ingest": through_ingest,
            "ingest_time": ingest_time,
        }

    def store(self, statements: list[dict], learner_of: dict[str, str], now: datetime) -> int:
        # The ministry as the server holds it, its own exam results included: seeded
        # without grading real exams (there are no pack files here).
        prepared, errors = prepare(statements, server=True)
        assert not errors, errors[:3]
        with self.ctx.db.write() as session:
            done = store(
                session,
                prepared,
                learner_of=learner_of,
                device_id=None,
                xapi_client_id=None,
                now=now,
                grader=None,
            )
        return len(done.accepted)


def pages(ministry: Ministry, root: int, args) -> None:
    """The dashboard's pages as a ministry admin gets them: logged in through the form,
    served by the app in this process (no network in the figure)."""
    import warnings

    from sync.server.app import create_app

    with warnings.catch_warnings():
        # Starlette's notice about its test client's HTTP library, not about us.
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    ctx = ministry.ctx
    password = uuid.uuid4().hex
    with ctx.db.write() as session:
        admin.create_admin(session, "bench", "bench-admin", password, "ministry_admin", root)
    with TestClient(create_app(ctx.settings, ctx), base_url="http://127.0.0.1") as client:
        form = client.get("/admin/login")
        csrf = form.cookies.get("hocvu_login_csrf")
        if form.status_code != 200 or not csrf:
            print(f"  dashboard pages skipped: the login form answered {form.status_code}")
            return
        done = client.post(
            "/admin/login",
            data={"username": "bench-admin", "password": password, "csrf": csrf},
            follow_redirects=False,
        )
        if done.status_code != 303 and done.status_code != 302:
            print(f"  dashboard pages skipped: logging in answered {done.status_code}")
            return
        for label, path, repeat in (
            ("overview page (GET /admin/, SVG charts)", "/admin/", args.runs),
            (
                "item analysis page, the level-1 exam",
                f"/admin/items?pack={pack_id(1)}&quiz=l1-exam",
                args.runs,
            ),
            ("XLSX download of the learners table", "/admin/export/learners.xlsx", args.slow_runs),
        ):
            status = []

            def get(path: str = path, status: list[int] = status) -> None:
                status.append(client.get(path).status_code)

            wall, cpu = median_times(get, repeat)
            note = "" if set(status) == {200} else f"  (answered {sorted(set(status))})"
            print(f"  {label:<46} {wall * 1000:>9.1f} ms  {cpu * 1000:>8.1f} ms CPU{note}")


class SeedCache:
    """Seeded databases kept between full-size runs under var/report-bench/ (ignored by
    git), keyed by the sizes, the day (the walk ends today) and the seeding code (this
    file's walker and seeding, report_seed.py) and migrations, so a change to any of
    them seeds again. A SQLite file; on PostgreSQL a
    database of the cluster, copied as a template."""

    def __init__(self, args) -> None:
        digest = hashlib.sha256()
        for code in (new_id, manifest, Walker, budgets, Ministry.seed, Ministry.store):
            digest.update(inspect.getsource(code).encode())
        sources = [ROOT / "bench" / "report_seed.py"]
        sources += sorted((ROOT / "sync" / "server" / "migrations" / "versions").glob("*.py"))
        for path in sources:
            digest.update(path.name.encode() + path.read_bytes())
        sizes = (args.learners, args.statements, args.departments, args.missions)
        digest.update(f"{sizes} {args.through_ingest} {date.today()}".encode())
        self.key = digest.hexdigest()[:12]
        self.folder = ROOT / "var" / "report-bench"
        self.sqlite_file = self.folder / f"ministry-{self.key}.db"
        self.postgres_name = f"hocvu_report_cache_{self.key}"

    def _facts(self, kind: str) -> Path:
        return self.folder / f"ministry-{self.key}-{kind}.json"

    def found(self, kind: str) -> dict | None:
        """What the cached seeding returned, if this kind's copy exists."""
        path = self._facts(kind)
        return json.loads(path.read_text()) if path.exists() else None

    def source(self, kind: str) -> str:
        return str(self.sqlite_file) if kind == "sqlite" else self.postgres_name

    def record(self, kind: str, seeded: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._facts(kind).write_text(json.dumps(seeded))


def bench(kind: str, base_url: str | None, args) -> None:
    cache = None if args.quick else SeedCache(args)
    cached = cache.found(kind) if cache and not args.fresh else None
    with tempfile.TemporaryDirectory(prefix="hocvu-report-bench-") as tmp:
        copy_of = cache.source(kind) if cache and cached else None
        start = time.perf_counter()
        ministry = Ministry(kind, base_url, Path(tmp), copy_of)
        try:
            print(f"\n{kind}:")
            if cached:
                print(
                    f"  seeded ministry copied from the cache ({copy_of}, "
                    f"{cached['statements']:,} statements) in "
                    f"{time.perf_counter() - start:.1f} s; its seeding took "
                    f"{cached['seeding_time']:.1f} s"
                )
            cpu = time.process_time()
            seeded = cached or ministry.seed(args, random.Random(7))
            total = cached["seeding_time"] if cached else time.perf_counter() - start
            if not cached:
                seeded["seeding_time"] = total
                seeded["seeding_cpu"] = time.process_time() - cpu
            if cache and not cached:
                ministry.save(cache, seeded)
            fast = seeded["statements"] - seeded["through_ingest"]
            fast_time = seeded["statements_time"] - seeded["ingest_time"]
            print(
                f"  seeding: {args.learners:,} learners, {seeded['statements']:,} statements "
                f"({seeded['results']:,} learner results) in {total:.1f} s: "
                f"{seeded['through_ingest']:,} through ingest "
                f"({seeded['through_ingest'] / max(seeded['ingest_time'], 1e-9):,.0f}/s), "
                f"{fast:,} by its writers ({fast / max(fast_time, 1e-9):,.0f}/s); "
                + (
                    f"{seeded['seeding_cpu']:.0f} s CPU in this process"
                    if "seeding_cpu" in seeded
                    else "CPU not recorded"
                )
            )
            print(
                f"  medians of {args.runs} runs ({args.slow_runs} for the XLSX), wall clock "
                f"and this process's CPU; {load()}"
            )
            db = ministry.ctx.db
            today = date.today()
            root, mission = seeded["root"], seeded["mission"]

            def timed(label: str, run, repeat: int) -> object:
                result = None

                def once() -> None:
                    nonlocal result
                    with db.read() as session:
                        result = run(session)

                wall, cpu = median_times(once, repeat)
                print(f"  {label:<46} {wall * 1000:>9.1f} ms  {cpu * 1000:>8.1f} ms CPU")
                return result

            view = timed("overview, ministry root", lambda s: overview(s, root, today), args.runs)
            timed(
                f"overview, one mission ({seeded['mission_learners']} learners)",
                lambda s: overview(s, mission, today),
                args.runs,
            )
            timed(
                "unit drill-down, the mission with its learners",
                lambda s: unit_detail(s, mission, root),
                args.runs,
            )
            timed(
                "unit drill-down, the ministry (children only)",
                lambda s: unit_detail(s, root, root),
                args.runs,
            )
            items = timed(
                "item analysis, the level-1 exam, whole ministry",
                lambda s: item_analysis(s, root, pack_id(1), "l1-exam"),
                args.runs,
            )
            data = timed(
                f"XLSX export of the learners table ({args.learners:,} rows)",
                lambda s: exports.to_xlsx(export_table(s, "learners", root), "learners"),
                args.slow_runs,
            )
            pages(ministry, root, args)
            print(f"  ({load()} at the end)")
            shares = ", ".join(f"L{s.level} {s.share:.1%}" for s in view.levels)
            print(
                f"  (certified: {shares}; {len(view.trend)} months of trend; "
                f"{len(view.behind)} units behind; {len(items)} items; "
                f"XLSX {len(data) / 1e6:.1f} MB)"
            )
        finally:
            ministry.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (CI)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--fresh", action="store_true", help="seed again and replace the copy in var/report-bench/"
    )
    args = parser.parse_args()
    args.through_ingest = TRANSACTION
    if args.quick:
        args.learners, args.statements = 300, 15_000
        args.departments, args.missions = 3, 9
        args.runs, args.slow_runs = 2, 1
    else:
        args.learners, args.statements = 20_000, 1_000_000
        args.departments, args.missions = 15, 90
        args.runs, args.slow_runs = 5, 3
    print("Học Vụ Số report bench (dashboard numbers over a seeded ministry)")
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
