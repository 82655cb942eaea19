"""A small ministry for the report tests: packs on the server, units, learners and
statements stored through ingest, exactly as devices would push them.

The tests count what they expect from the `Seeded` record of what was pushed, in
plain Python, never through `sync.server.reports`.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sync.progress import pack_map, pack_map_to_json
from sync.server import admin, grading
from sync.server.db import now
from sync.server.ingest import prepare, store
from sync.server.models import Device, Pack, Profile
from sync.xapi import make_statement

AREAS = (1, 2, 3, 4, 5, 6)
START = datetime(2025, 6, 1, tzinfo=UTC)


def level_pack_id(level: int) -> str:
    return f"vn.mofa.dl.l{level}"


def level_manifest(level: int) -> dict:
    return {
        "format": 1,
        "id": level_pack_id(level),
        "version": 1,
        "modules": [
            {"id": f"l{level}-a{a}", "area": a, "level": level, "quiz": f"l{level}-a{a}-quiz"}
            for a in AREAS
        ],
        "exam": {"quiz": f"l{level}-exam", "level": level},
    }


def publish_levels(session, levels=(1, 2, 3, 4), version: int = 1) -> None:
    """Level packs as `admin.add_pack` records them (manifest, exam level and the
    course map; these packs' modules have no lessons, so a module counts once its
    quiz is passed)."""
    for level in levels:
        manifest = level_manifest(level)
        manifest["version"] = version
        session.add(
            Pack(
                pack_id=level_pack_id(level),
                version=version,
                sha256="0" * 64,
                size=1,
                file=f"packs/l{level}-v{version}.hvpack",
                manifest=json.dumps(manifest),
                exam_level=level,
                uploaded=now(),
                course_map=pack_map_to_json(pack_map(manifest, version, lambda slug: None)),
            )
        )
    session.flush()


@dataclass
class Pushed:
    learner_id: str
    verb: str
    pack_id: str
    kind: str
    local_id: str
    success: bool | None
    response: str | None
    timestamp: datetime
    pack_version: int = 1
    # The attempt an answer belongs to (item analysis counts answers of ended attempts).
    registration: str | None = None


@dataclass
class Seeded:
    units: dict[int, int | None] = field(default_factory=dict)  # unit → parent
    learners: dict[str, int] = field(default_factory=dict)  # learner → unit
    names: dict[str, str] = field(default_factory=dict)
    pushed: list[Pushed] = field(default_factory=list)

    def subtree(self, root: int) -> set[int]:
        found = {root}
        changed = True
        while changed:
            more = {u for u, p in self.units.items() if p in found and u not in found}
            found |= more
            changed = bool(more)
        return found


class Pusher:
    """Stores statements through ingest's `store`, one profile per learner."""

    def __init__(self, ctx, seeded: Seeded) -> None:
        self.ctx = ctx
        self.seeded = seeded
        self.profiles: dict[str, str] = {}

    def unit(self, session, name: str, kind: str, parent: int | None) -> int:
        unit = admin.create_unit(session, "test", name, kind, parent).id
        self.seeded.units[unit] = parent
        return unit

    def learner(self, session, name: str, unit: int) -> str:
        learner = admin.create_learner(session, "test", name, unit).id
        profile = str(uuid.uuid4())
        session.add(Profile(profile_id=profile, learner_id=learner, created=now()))
        session.flush()
        # Enrolled, as a learner who pushes is: one laptop each.
        session.add(
            Device(
                id=str(uuid.uuid4()),
                learner_id=learner,
                profile_id=profile,
                name="Laptop",
                public_key="A" * 43 + "=",
                token_hash=uuid.uuid4().hex * 2,
                created=now(),
            )
        )
        self.profiles[learner] = profile
        self.seeded.learners[learner] = unit
        self.seeded.names[learner] = name
        return learner

    def push(self, session, items: list[Pushed]) -> None:
        """Store the statements; an exam's pass or fail becomes what the server writes
        for a graded attempt (a submission, then its result statement and, for a pass,
        a certificate), since a device's own exam results count for nothing."""
        statements = []
        graded: list[tuple[dict, Pushed]] = []
        for p in items:
            exam = p.kind == "exam" and p.verb in ("passed", "failed")
            statement = make_statement(
                profile_id=self.profiles[p.learner_id],
                verb="completed" if exam else p.verb,
                pack_id=p.pack_id,
                kind=p.kind,
                local_id=p.local_id,
                pack_version=p.pack_version,
                app_version="0.1.0",
                device_id="test-device",
                success=None if exam else p.success,
                score=_score(p, exam),
                completion=True if exam else None,
                response=p.response,
                registration=str(uuid.uuid4()) if exam else p.registration,
                timestamp=p.timestamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            )
            statements.append(statement)
            if exam:
                graded.append((statement, p))
        prepared, errors = prepare(statements)
        assert not errors, errors
        learner_of = {profile: learner for learner, profile in self.profiles.items()}
        moment = datetime.now(UTC)
        store(
            session,
            prepared,
            learner_of=learner_of,
            device_id=None,
            xapi_client_id=None,
            now=moment,
            grader=None,
        )
        results = []
        for statement, p in graded:
            sub = grading.submission(statement, p.learner_id)
            outcome = grading.Outcome(
                grading.GRADED, score=0.9 if p.success else 0.3, passed=bool(p.success), attempt=1
            )
            results += self.ctx.grader.record(session, sub, outcome, moment).statements
        prepared, errors = prepare(results, server=True)
        assert not errors, errors
        store(
            session,
            prepared,
            learner_of=learner_of,
            device_id=None,
            xapi_client_id=None,
            now=moment,
            grader=None,
        )
        self.seeded.pushed += items


def _score(p: Pushed, exam: bool) -> float | None:
    if exam or p.success is None:
        return None
    if p.kind == "item":
        return 1.0 if p.success else 0.0
    return 0.9 if p.success else 0.3


def exam(learner: str, level: int, passed: bool, at: datetime) -> Pushed:
    return Pushed(
        learner,
        "passed" if passed else "failed",
        level_pack_id(level),
        "exam",
        f"l{level}-exam",
        passed,
        None,
        at,
    )


def module_quiz(learner: str, level: int, area: int, passed: bool, at: datetime) -> Pushed:
    return Pushed(
        learner,
        "passed" if passed else "failed",
        level_pack_id(level),
        "quiz",
        f"l{level}-a{area}-quiz",
        passed,
        None,
        at,
    )


def answer(learner: str, level: int, item: str, response: str, right: bool, at) -> Pushed:
    return Pushed(
        learner,
        "answered",
        level_pack_id(level),
        "item",
        f"l{level}-a1-quiz/{item}",
        right,
        response,
        at,
    )


def quiz_attempt(
    learner: str, level: int, answers: list[tuple[str, str, bool]], at: datetime
) -> list[Pushed]:
    """Answers to items of the level's area-1 quiz in one attempt, ended by its result
    (failed unless every answer is right)."""
    registration = str(uuid.uuid4())
    quiz = f"l{level}-a1-quiz"
    out = [
        Pushed(
            learner,
            "answered",
            level_pack_id(level),
            "item",
            f"{quiz}/{item}",
            right,
            response,
            at,
            registration=registration,
        )
        for item, response, right in answers
    ]
    passed = all(right for _, _, right in answers)
    out.append(
        Pushed(
            learner,
            "passed" if passed else "failed",
            level_pack_id(level),
            "quiz",
            quiz,
            passed,
            None,
            at,
            registration=registration,
        )
    )
    return out


@dataclass
class Ministry:
    seeded: Seeded
    root: int
    asia: int
    europe: int
    tokyo: int
    seoul: int
    paris: int
    an: str
    binh: str
    chi: str
    dung: str
    em: str
    giang: str
    pusher: Pusher


def build_ministry(ctx) -> Ministry:
    """Ministry → two departments → three missions; six learners with a known history."""
    seeded = Seeded()
    pusher = Pusher(ctx, seeded)
    t = START
    with ctx.db.write() as session:
        publish_levels(session)
        root = pusher.unit(session, "Bộ Ngoại giao", "ministry", None)
        asia = pusher.unit(session, "Vụ Châu Á", "department", root)
        europe = pusher.unit(session, "Vụ Châu Âu", "department", root)
        tokyo = pusher.unit(session, "ĐSQ Tokyo", "mission", asia)
        seoul = pusher.unit(session, "ĐSQ Seoul", "mission", asia)
        paris = pusher.unit(session, "ĐSQ Paris", "mission", europe)
        an = pusher.learner(session, "Nguyễn Thị An", tokyo)
        binh = pusher.learner(session, "Trần Văn Bình", tokyo)
        chi = pusher.learner(session, "Lê Minh Chi", seoul)
        dung = pusher.learner(session, "Phạm Dũng", paris)
        em = pusher.learner(session, "Hoàng Em", paris)
        giang = pusher.learner(session, "Vũ Giang", paris)
        pusher.push(
            session,
            [
                # An: every level-1 module, then the exam (failed once, then passed).
                *(module_quiz(an, 1, a, True, t + timedelta(days=a)) for a in AREAS),
                exam(an, 1, False, t + timedelta(days=10)),
                exam(an, 1, True, t + timedelta(days=40)),
                # Bình: two modules of area 4 (levels 1 and 2), one failed quiz.
                module_quiz(binh, 1, 4, True, t + timedelta(days=70)),
                module_quiz(binh, 2, 4, True, t + timedelta(days=100)),
                module_quiz(binh, 1, 1, False, t + timedelta(days=101)),
                # Chi: level 1 and level 2.
                exam(chi, 1, True, t + timedelta(days=130)),
                exam(chi, 2, True, t + timedelta(days=200)),
                # Dũng: level 1 passed twice (the first pass counts).
                exam(dung, 1, True, t + timedelta(days=250)),
                exam(dung, 1, True, t + timedelta(days=300)),
                # Items of the level-1 area-1 quiz, answered in Tokyo and in Paris.
                *quiz_attempt(an, 1, [("q1", "b", True)], t),
                *quiz_attempt(binh, 1, [("q1", "c", False)], t),
                *quiz_attempt(chi, 1, [("q1", "c", False)], t),
                *quiz_attempt(dung, 1, [("q1", "a", False), ("q2", "true", True)], t),
                *quiz_attempt(em, 1, [("q1", "a", False)], t),
                *quiz_attempt(giang, 1, [("q1", "a", False)], t),
            ],
        )
    return Ministry(
        seeded, root, asia, europe, tokyo, seoul, paris, an, binh, chi, dung, em, giang, pusher
    )
