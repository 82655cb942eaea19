"""What the packs on the server say about the curriculum: which exam makes which
level, which module quiz belongs to which area, and what completes a pack."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models import Pack

TARGETS = (0.40, 1.00)
LEVELS = (1, 2, 3, 4)
# The national framework's six areas (DESIGN section 1); a module's `area` is one of these.
AREAS = (1, 2, 3, 4, 5, 6)
AREA_TITLES: dict[int, dict[str, str]] = {
    1: {"vi": "Dữ liệu và thông tin", "en": "Data and information"},
    2: {"vi": "Giao tiếp và hợp tác", "en": "Communication and collaboration"},
    3: {"vi": "Sáng tạo nội dung số", "en": "Digital content creation"},
    4: {"vi": "An toàn số", "en": "Digital safety"},
    5: {"vi": "Giải quyết vấn đề", "en": "Problem solving"},
    6: {"vi": "Ứng dụng trí tuệ nhân tạo", "en": "Applying artificial intelligence"},
}


@dataclass(frozen=True)
class Curriculum:
    """What the packs on the server say: which exam makes which level, which module
    quiz belongs to which area, and what completes a pack."""

    exams: dict[tuple[str, str], int]
    modules: dict[int, set[tuple[str, str]]]
    # pack id → the (kind, local id) activities whose passes complete it.
    completes: dict[str, set[tuple[str, str]]]


def load(session: Session) -> Curriculum:
    exams: dict[tuple[str, str], int] = {}
    modules: dict[int, set[tuple[str, str]]] = defaultdict(set)
    completes: dict[str, set[tuple[str, str]]] = {}
    rows = session.execute(
        select(Pack.pack_id, Pack.version, Pack.manifest, Pack.exam_level).order_by(
            Pack.pack_id, Pack.version
        )
    ).all()
    for row in rows:
        manifest = json.loads(row.manifest)
        exam = (manifest.get("exam") or {}).get("quiz")
        if exam and row.exam_level in LEVELS:
            exams[(row.pack_id, exam)] = row.exam_level
        quizzes = set()
        for module in manifest.get("modules") or []:
            quiz = module.get("quiz")
            if quiz and module.get("area") in AREAS:
                modules[module["area"]].add((row.pack_id, quiz))
            if quiz:
                quizzes.add(("quiz", quiz))
        # Rows come oldest version first: the newest version's rule wins.
        if exam:
            completes[row.pack_id] = {("exam", exam)}
        elif quizzes:
            completes[row.pack_id] = quizzes
        else:
            placement = (manifest.get("placement") or {}).get("quizzes") or []
            completes[row.pack_id] = {("placement", q) for q in placement}
    return Curriculum(exams, dict(modules), completes)
