"""A small ministry for the dashboard tests (HTTP and browser): a department and two
missions, ten learners with exam passes and answers pushed through ingest, and one
account of each role. Expected numbers are counted from `Seeded` in the tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sync.server import admin
from sync.server.context import ServerContext

from .reporting_world import Pusher, Seeded, exam, module_quiz, publish_levels, quiz_attempt

PASSWORD = "mật-khẩu-thử-nghiệm-dài"
WHEN = datetime(2026, 9, 15, 9, 0, tzinfo=UTC)


@dataclass
class Ministry:
    seeded: Seeded
    ministry: int
    department: int
    tokyo: int
    paris: int
    learners: dict[str, list[str]]  # unit name → learner ids


def seed_ministry(ctx: ServerContext) -> Ministry:
    seeded = Seeded()
    pusher = Pusher(ctx, seeded)
    with ctx.db.write() as session:
        publish_levels(session, levels=(1, 2))
        ministry = pusher.unit(session, "Bộ Ngoại giao", "ministry", None)
        department = pusher.unit(session, "Vụ Tổng hợp Kinh tế", "department", ministry)
        tokyo = pusher.unit(session, "Đại sứ quán tại Tokyo", "mission", ministry)
        paris = pusher.unit(session, "Đại sứ quán tại Paris", "mission", ministry)
        names = {
            tokyo: ["Nguyễn Thị An", "Trần Văn Bình", "Lê Thị Cúc", "Phạm Đức Dũng"],
            paris: ["Hoàng Văn Em", "Vũ Thị Giang", "Đặng Quốc Hùng", "Bùi Thị Khánh"],
            department: ["Đỗ Minh Long", "Ngô Thị Mai"],
        }
        learners = {
            unit: [pusher.learner(session, name, unit) for name in people]
            for unit, people in names.items()
        }
        t, p, d = learners[tokyo], learners[paris], learners[department]
        pusher.push(
            session,
            [
                exam(t[0], 1, True, WHEN),
                exam(t[1], 1, True, WHEN),
                exam(t[2], 1, True, WHEN),
                exam(t[3], 1, False, WHEN),
                exam(t[0], 2, True, WHEN),
                exam(p[0], 1, True, WHEN),
                exam(d[0], 1, True, WHEN),
                module_quiz(t[0], 1, 1, True, WHEN),
                module_quiz(t[1], 1, 1, True, WHEN),
                *quiz_attempt(t[0], 1, [("q1", "b", True)], WHEN),
                *quiz_attempt(t[1], 1, [("q1", "c", False)], WHEN),
                *quiz_attempt(p[0], 1, [("q1", "c", False)], WHEN),
                *quiz_attempt(p[1], 1, [("q1", "a", False)], WHEN),
            ],
        )
        for username, role, unit in (
            ("bo", "ministry_admin", ministry),
            ("tokyo", "unit_admin", tokyo),
            ("paris", "unit_admin", paris),
            ("giangvien", "trainer", ministry),
        ):
            admin.create_admin(session, "test", username, PASSWORD, role, unit)
    named = {
        "tokyo": learners[tokyo],
        "paris": learners[paris],
        "department": learners[department],
    }
    return Ministry(seeded, ministry, department, tokyo, paris, named)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field in the page"
    return match.group(1)


def log_in(client, username: str, password: str = PASSWORD):
    """Log a requests/TestClient session in through the login form."""
    page = client.get("/admin/login")
    return client.post(
        "/admin/login",
        data={"username": username, "password": password, "csrf": csrf_of(page.text)},
        follow_redirects=False,
    )
