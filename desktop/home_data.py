"""What the home screen shows, computed from the log off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from content.exam_policy import ExamPolicy
from content.localised import pick
from desktop.catalog import Catalog, LessonRef
from desktop.review_queue import due_count, next_due

if TYPE_CHECKING:
    # Annotations only: the store (SQLAlchemy) loads after the unlock screen shows.
    from desktop.store.exams import ExamGate, ExamStanding


@dataclass(frozen=True)
class ExamLine:
    """One level exam as Home and the library tell it: the latest submission and the
    server's result for it (never keys or questions), and whether a retake may start."""

    pack_id: str
    level: int
    standing: ExamStanding
    gate: ExamGate

    @property
    def awaiting(self) -> bool:
        return self.standing.awaiting


def exam_lines(learner, catalog: Catalog, now: datetime | None = None) -> list[ExamLine]:
    now = now or datetime.now(UTC)
    lines = []
    for pack, exam in catalog.exams():
        standing = learner.exam_standing(pack.pack_id, exam["quiz"])
        gate = standing.gate(ExamPolicy.of(pack.manifest), pack.version, now)
        lines.append(ExamLine(pack.pack_id, exam.get("level") or 0, standing, gate))
    return lines


@dataclass(frozen=True)
class HomeData:
    display_name: str
    continue_ref: LessonRef | None
    continue_title: str
    placement_taken: bool
    has_placement: bool
    areas: list[tuple[int, float]]
    levels: list[tuple[int, float]]
    review_due: int  # the cards a review session started now holds (desktop.review_queue)
    assigned: list[tuple[str, str]] = field(default_factory=list)
    # (level, date, confirmed): an unconfirmed one is an older app's own exam pass.
    certificates: list[tuple[int, str, bool]] = field(default_factory=list)
    exams: list[ExamLine] = field(default_factory=list)
    review_next: datetime | None = None  # when the soonest scheduled card falls due
    placement_open: bool = False  # a placement test left to be continued


def home_data(learner, display_name: str, catalog: Catalog, lang: str) -> HomeData:
    progress = learner.progress(catalog.course_map())
    ref, title = None, ""
    point = progress.continue_at
    if point is not None:
        ref = LessonRef(point.pack_id, point.module_id, point.lesson_slug)
        try:
            title = catalog.lesson_title(ref, lang)
        except (KeyError, StopIteration):
            ref, title = None, ""
    assigned = []
    for entry in learner.setting("assignments", []) or []:
        pack = catalog.packs.get(entry.get("pack_id", ""))
        name = pick(pack.manifest["title"], lang) if pack else entry.get("pack_id", "")
        assigned.append((name, entry.get("due", "")))
    certificates = [
        (c.level or 0, c.passed_at[:10], c.status.value == "signed") for c in learner.certificates()
    ]
    return HomeData(
        display_name=display_name,
        continue_ref=ref,
        continue_title=title,
        placement_taken=progress.placement.taken,
        has_placement=catalog.placement is not None,
        areas=[(a, p.fraction) for a, p in sorted(progress.areas.items())],
        levels=[(n, p.fraction) for n, p in sorted(progress.levels.items())],
        review_due=due_count(learner, catalog),
        review_next=next_due(learner.review_schedule(), catalog),
        assigned=assigned,
        certificates=certificates,
        exams=exam_lines(learner, catalog),
        placement_open=catalog.placement is not None
        and any(
            a.kind == "placement" and a.pack_id == catalog.placement.pack_id
            for a in learner.open_attempts()
        ),
    )
