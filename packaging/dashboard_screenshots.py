"""PNG screenshots of every dashboard page at 1366×768, in Vietnamese and English.

    .venv/bin/python packaging/dashboard_screenshots.py --shots DIR

Seeds a small ministry (tests/sync/dashboard_world.py) on a throwaway SQLite
server, adds the built level-1 starter pack (resources/packs, made by
scripts/setup.sh) as an administrator does, so that item analysis shows its
questions and options, serves it on a loopback port and drives Debian's chromium (headless) with
Playwright. For reviewing the layout by eye: diacritics, clipping, charts.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The starter pack whose module quiz the seeded learners answer.
STARTER = ROOT / "resources" / "packs" / "vn.mofa.dl.l1.hvpack"


def pages(world, ids: dict[str, str]) -> dict[str, str]:
    """Every page a ministry administrator reaches, the confirmations included."""
    return {
        "login": "/admin/login",
        "overview": "/admin/",
        "ministry": f"/admin/units/{world.ministry}",
        "mission": f"/admin/units/{world.tokyo}",
        "learner": f"/admin/learners/{world.learners['tokyo'][0]}",
        "device-revoke": f"/admin/devices/{ids['device']}/revoke",
        "certificate-revoke": f"/admin/certificates/{ids['certificate']}/revoke",
        "assignments": "/admin/assignments",
        "assignment-remove": f"/admin/assignments/{ids['assignment']}/delete",
        "packs": "/admin/packs",
        "items": "/admin/items",
        "enrol": "/admin/enrol",
        "bundles": "/admin/bundles",
        "certificates": "/admin/certificates",
        "attempts": "/admin/attempts",
        "attempt-release": f"/admin/attempts/{ids['attempt']}/release",
        "attempt-reject": f"/admin/attempts/{ids['attempt']}/reject",
        "audit": "/admin/audit",
    }


def _title_packs(session) -> None:
    """Titles as built packs carry them (the world's packs have none; the starter
    pack keeps its own): the pack, a lesson per module."""
    import json

    from sqlalchemy import select

    from sync.server.models import Pack

    names = {1: ("Cơ bản", "Basic"), 2: ("Trung cấp", "Intermediate")}
    for pack in session.scalars(select(Pack)):
        manifest = json.loads(pack.manifest)
        if "title" in manifest:
            continue
        level = pack.exam_level or 1
        vi, en = names.get(level, (str(level), str(level)))
        manifest["title"] = {"vi": f"Cấp độ {level} — {vi}", "en": f"Level {level} — {en}"}
        manifest["modules"][0]["lessons"] = [
            {
                "slug": f"l{level}-a1-passwords",
                "title": {"vi": "Mật khẩu mạnh và xác thực hai bước", "en": "Strong passwords"},
            }
        ]
        pack.manifest = json.dumps(manifest)


def _held_attempt(session, learner: str) -> str:
    """A level-1 exam attempt the server held as too fast, for the attempts pages."""
    import uuid
    from datetime import timedelta

    from sqlalchemy import select

    from sync.server.db import now
    from sync.server.models import ExamAttempt, Profile

    registration = str(uuid.uuid4())
    session.add(
        ExamAttempt(
            registration=registration,
            learner_id=learner,
            profile_id=session.scalar(
                select(Profile.profile_id).where(Profile.learner_id == learner)
            ),
            pack_id="vn.mofa.dl.l1",
            pack_version=1,
            exam="l1-exam",
            submission_id=str(uuid.uuid4()),
            submitted=now() - timedelta(hours=3),
            received=now() - timedelta(hours=2),
            status="held",
            held_reason="too_fast",
            score=0.93,
            items=30,
            seconds_taken=95.0,
            min_seconds=240.0,
        )
    )
    return registration


def _item_attempts(world, pack: Path, version: int) -> list:
    """Attempts at the starter pack's area-1 quiz by all ten learners, so that item
    analysis has first answers (answers outside an attempt count for nothing) and
    flags: its first single-choice item (one distractor chosen once, the others by
    nobody), first true/false item (everyone right: too easy), first typed item (one
    wrong answer typed by three, shown; a name typed by one, withheld) and first
    multiple-choice item (wrong twice)."""
    import json
    import zipfile
    from dataclasses import replace

    from content.grading import encode_response
    from content.quiz import Quiz
    from tests.sync.exams import right_answer, wrong_answer
    from tests.sync.reporting_world import quiz_attempt

    with zipfile.ZipFile(pack) as archive:
        quiz = Quiz.from_json(json.loads(archive.read("quizzes/l1-a1-quiz.json")))
    kinds = ("single", "true_false", "short_answer", "multiple")
    first = {kind: next(i for i in quiz.items if i.type == kind) for kind in kinds}
    t, p, d = world.learners["tokyo"], world.learners["paris"], world.learners["department"]
    when = datetime(2026, 9, 16, 9, 0, tzinfo=UTC)
    typed = {t[0]: "link:", t[1]: "link:", t[2]: "link:", p[0]: "Hoàng Văn Em"}
    wrong = {
        "single": {d[1]: wrong_answer(first["single"])},
        "true_false": {},
        "short_answer": typed,
        "multiple": {t[0]: wrong_answer(first["multiple"]), p[2]: wrong_answer(first["multiple"])},
    }
    attempts = []
    for learner in (*t, *p, *d):
        answers = []
        for kind, item in first.items():
            given = wrong[kind].get(learner, right_answer(item))
            answers.append((item.id, encode_response(item, given), learner not in wrong[kind]))
        attempts += [
            replace(a, pack_version=version) for a in quiz_attempt(learner, 1, answers, when)
        ]
    return attempts


def shoot(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright
    from sqlalchemy import select, update

    from sync.server import admin
    from sync.server.context import ServerContext, ServerSettings
    from sync.server.db import now
    from sync.server.derived import pack_versions as versions
    from sync.server.models import Assignment, Certificate, Device, Learner, Profile
    from tests.e2e.conftest import ARGS, CHROMIUM
    from tests.sync.conftest import ThreadServer
    from tests.sync.dashboard_world import PASSWORD, seed_ministry
    from tests.sync.reporting_world import Pushed, Pusher

    out.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        # Hà Nội's zone: the footer of every page names it.
        settings = ServerSettings(data_dir=Path(tmp) / "server", time_zone="Asia/Ho_Chi_Minh")
        ctx = ServerContext(settings)
        ctx.db.migrate()
        world = seed_ministry(ctx)
        # The built starter pack, verified and stored as an administrator adds it: a
        # level-1 version newer than the world's, whose quiz texts item analysis reads.
        starter = admin.add_pack(ctx.db, "demo", STARTER, settings.data_dir, ctx.roots)
        pusher = Pusher(ctx, world.seeded)
        with ctx.db.read() as session:
            rows = session.execute(select(Profile.learner_id, Profile.profile_id)).all()
            pusher.profiles = {learner: profile for learner, profile in rows}
        tokyo = world.learners["tokyo"]
        with ctx.db.write() as session:
            pusher.push(session, _item_attempts(world, STARTER, starter.version))
            # Enrolled before their exams (the world's learners are made today), so the
            # unit pages' months start with nobody certified.
            session.execute(update(Learner).values(created=datetime(2026, 8, 3, tzinfo=UTC)))
        # The starter version is one that some devices lack.
        with ctx.db.write() as session:
            admin.assign(session, "demo", "vn.mofa.dl.l1", world.tokyo, None)
            held = ((tokyo[2], starter.version), (tokyo[1], 1), (world.learners["paris"][1], 1))
            for learner, version in held:
                device = session.scalars(select(Device.id).where(Device.learner_id == learner))
                versions.record_download(session, device.first(), "vn.mofa.dl.l1", version, now())
        # Titles, a lesson read and a held attempt; the ids the confirmations act on.
        with ctx.db.write() as session:
            _title_packs(session)
        with ctx.db.write() as session:
            pusher.push(
                session,
                [
                    Pushed(
                        tokyo[0], "completed", "vn.mofa.dl.l1", "lesson", "l1-a1-passwords",
                        None, None, datetime(2026, 9, 14, 2, 30, tzinfo=UTC),
                    )
                ],
            )  # fmt: skip
        with ctx.db.write() as session:
            ids = {
                "device": session.scalar(select(Device.id).where(Device.learner_id == tokyo[0])),
                "certificate": session.scalar(
                    select(Certificate.id).where(Certificate.learner_id == tokyo[0])
                ),
                "assignment": session.scalar(
                    select(Assignment.id).where(Assignment.unit_id == world.tokyo)
                ),
                "attempt": _held_attempt(session, tokyo[1]),
            }
        sheet = Path(tmp) / "learners.csv"
        sheet.write_text(
            "name,staff_ref,unit\n"
            f"Lý Thị Nga,NV-0101,{world.tokyo}\n"
            "Đoàn Văn Phúc,NV-0102,Đại sứ quán tại Paris\n",
            encoding="utf-8",
        )
        bad_sheet = Path(tmp) / "bad.csv"
        bad_sheet.write_text(
            "name,staff_ref,unit\nLý Thị Nga,NV-0201,Hà Nội\n,NV-0202,1\n", encoding="utf-8"
        )
        not_a_pack = Path(tmp) / "tai-lieu.hvpack"
        not_a_pack.write_bytes(b"not a zip file")
        not_a_bundle = Path(tmp) / "ket-qua.hvsync"
        not_a_bundle.write_bytes(b"HVSYNC\x00\x01 truncated")
        server = ThreadServer(ctx)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                for lang in ("vi", "en"):
                    page = browser.new_page(viewport={"width": 1366, "height": 768})
                    page.context.add_cookies(
                        [{"name": "hocvu_lang", "value": lang, "url": server.url + "/admin/"}]
                    )

                    def snap(name: str, page=page, lang=lang) -> None:
                        target = out / f"{name}-{lang}.png"
                        page.screenshot(path=str(target), full_page=True)
                        made.append(target)

                    for name, path in pages(world, ids).items():
                        page.goto(server.url + path)
                        snap(name)
                        if name == "login":
                            page.fill("input[name=username]", "bo")
                            page.fill("input[name=password]", PASSWORD)
                            page.click("button[type=submit]")
                    # The pages a form leads to: codes made, a CSV refused, a refusal.
                    page.goto(server.url + "/admin/enrol")
                    page.set_input_files("input[name=file]", str(sheet))
                    page.click("form.row button[type=submit]")
                    snap("enrol-codes")
                    page.goto(server.url + "/admin/enrol")
                    page.set_input_files("input[name=file]", str(bad_sheet))
                    page.click("form.row button[type=submit]")
                    snap("enrol-refused")
                    page.goto(server.url + "/admin/units/999999")
                    snap("refused")
                    # Refusals from the verifier, the bundle import, the certificate check.
                    page.goto(server.url + "/admin/packs")
                    page.set_input_files("input[name=pack]", str(not_a_pack))
                    page.click("button.primary")
                    snap("pack-refused")
                    page.goto(server.url + "/admin/bundles")
                    page.set_input_files("input[name=bundle]", str(not_a_bundle))
                    page.click("form.row button[type=submit]")
                    snap("bundle-refused")
                    page.goto(server.url + "/admin/certificates")
                    page.fill("textarea[name=document]", '{"certificate": {}, "signature": {}}')
                    page.click("button.primary")
                    snap("certificate-invalid")
                    # The audit log once the forms above have written to it.
                    page.goto(server.url + "/admin/audit")
                    snap("audit-after")
                    page.close()
                browser.close()
        finally:
            server.stop()
            ctx.db.dispose()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shots", required=True, type=Path, help="folder for the PNG files")
    args = parser.parse_args(argv)
    from tests.e2e.conftest import CHROMIUM

    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing: run `bash scripts/chromium.sh` first", file=sys.stderr)
        return 1
    if not STARTER.exists():
        print(f"{STARTER} is missing: run `bash scripts/setup.sh` first", file=sys.stderr)
        return 1
    for path in shoot(args.shots):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
