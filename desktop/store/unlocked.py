"""An unlocked profile: recording statements, the sync interface, and everything
derived from the log.

Recording (each returns the statement as stored; every call is one committed
transaction, so a statement whose call returned survives the app being killed):

    lesson_opened(pack_id, pack_version, lesson_slug)
    lesson_completed(pack_id, pack_version, lesson_slug, duration_s)
    attempt_started(pack_id, pack_version, quiz_slug, kind="quiz", form=None)
                                        -> registration; `form` is the drawn form's JSON
    item_answered(pack_id, pack_version, quiz_slug, item_id, response, score, success,
                  registration, duration_s=None, rating=None)
                                        score/success None for a sealed item; rating 1–4
                                        for a review answer (Again … Easy)
    quiz_finished(pack_id, pack_version, quiz_slug, score, passed, registration,
                  duration_s=None, kind="quiz" | "placement")
    exam_submitted(pack_id, pack_version, exam_slug, registration, duration_s)
    record(statement)                   any statement built with sync.xapi.make_statement

An exam is graded by the server only: the device submits it, and the server's
result statement (pulled, or in a return bundle) says passed or failed; the
certificate the server signs is attached by `attach_signed_certificate()` to that
result statement. Provisional certificates made by older versions of the app (for
a device's own exam pass) stay in the store as they are.

Sync client: `pending(limit)`, `pending_count()`, `mark_synced(ids)`,
`insert_pulled(statements)`.

Derived (see `sync.progress`, `engine` and `review`): `progress(course_map)` (lessons, modules,
areas, levels, placement, where to continue), `review_queue(now)`,
`review_schedule()`, `answers_in(registration)`, `open_attempts()`, `previous_items(...)`,
`exam_standing(pack_id, exam_slug)`.

Settings: `device_id`, `device_token` / `set_device_token()`, `setting()` /
`set_setting()`, all encrypted.

`lock()` drops the data key and every decrypted copy; any later call raises
`ProfileLocked`. (Python cannot promise to wipe memory; dropping every reference
is what it can do.)
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from content.forms import EXT_FORM
from hocvu import APP_VERSION
from sync import progress as progress_rule
from sync.certificates import RevocationList, read_revocation_list
from sync.progress import CourseMap, Fact, Progress
from sync.xapi import (
    EXT_GRADING,
    EXT_REVIEW_RATING,
    Activity,
    StatementError,
    actor_name,
    make_statement,
    server_authored,
)

from . import engine, exams, review, settings
from .certificates import (
    REVOCATIONS,
    Certificate,
    CertificateBook,
    CertificateStatus,
    with_revocations,
)
from .crypto import RowCipher
from .engine import OpenAttempt
from .errors import NotFound, ProfileLocked, StatementRefused
from .review import ReviewItem
from .statements import StatementLog

UnitOfWork = Callable[[], AbstractContextManager[Session]]
ATTEMPT_KINDS = ("quiz", "exam", "placement")


class UnlockedProfile:
    def __init__(
        self, path: Path, unit: UnitOfWork, profile_id: str, display_name: str, data_key: bytes
    ) -> None:
        self.profile_id = profile_id
        self.display_name = display_name
        self._unit = unit
        cipher = RowCipher(profile_id, data_key)
        self._log: StatementLog | None = StatementLog(path, cipher)
        self._certificates: CertificateBook | None = CertificateBook(path, cipher)
        self._settings: settings.ProfileSettings | None = settings.ProfileSettings(path, cipher)
        self._device_id: str | None = None
        self._ordered: tuple[int, list[Fact]] = (-1, [])
        self._replay = review.ReviewReplay()
        self._last_stamp: datetime | None = None

    # -------------------------------------------------------------- state

    @property
    def locked(self) -> bool:
        return self._log is None

    def lock(self) -> None:
        if self._log is not None:
            self._log.forget()
        self._log = None
        self._certificates = None
        self._settings = None
        self._device_id = None
        self._ordered = (-1, [])
        self._replay = review.ReviewReplay()

    def _parts(self) -> tuple[StatementLog, CertificateBook, settings.ProfileSettings]:
        if self._log is None or self._certificates is None or self._settings is None:
            raise ProfileLocked(self.display_name)
        return self._log, self._certificates, self._settings

    # -------------------------------------------------------------- settings

    @property
    def device_id(self) -> str:
        if self._device_id is None:
            _, _, values = self._parts()
            with self._unit() as session:
                self._device_id = values.get(session, settings.DEVICE_ID)
        return self._device_id

    @property
    def device_token(self) -> str | None:
        return self.setting(settings.DEVICE_TOKEN)

    def set_device_token(self, token: str | None) -> None:
        _, _, values = self._parts()
        with self._unit() as session:
            if token is None:
                values.remove(session, settings.DEVICE_TOKEN)
            else:
                values.put(session, settings.DEVICE_TOKEN, token)

    def setting(self, name: str, default: Any = None) -> Any:
        _, _, values = self._parts()
        with self._unit() as session:
            return values.get(session, name, default)

    def set_setting(self, name: str, value: Any) -> None:
        _, _, values = self._parts()
        with self._unit() as session:
            values.put(session, name, value)

    # -------------------------------------------------------------- recording

    def lesson_opened(self, pack_id: str, pack_version: int, lesson_slug: str) -> dict[str, Any]:
        return self._new("experienced", pack_id, pack_version, "lesson", lesson_slug)

    def lesson_completed(
        self, pack_id: str, pack_version: int, lesson_slug: str, duration_s: float
    ) -> dict[str, Any]:
        return self._new(
            "completed",
            pack_id,
            pack_version,
            "lesson",
            lesson_slug,
            completion=True,
            duration_s=duration_s,
        )

    def attempt_started(
        self,
        pack_id: str,
        pack_version: int,
        quiz_slug: str,
        *,
        kind: str = "quiz",
        form: dict[str, Any] | None = None,
    ) -> str:
        """Record the start of a quiz, exam or placement attempt; returns its registration.
        `form` (content.forms.Form.to_json()) is what the attempt shows: it lets the
        attempt resume identically and the server rebuild what it grades."""
        _check_kind(kind)
        registration = str(uuid.uuid4())
        self._new(
            "attempted",
            pack_id,
            pack_version,
            kind,
            quiz_slug,
            registration=registration,
            extensions={EXT_FORM: form} if form is not None else None,
        )
        return registration

    def item_answered(
        self,
        pack_id: str,
        pack_version: int,
        quiz_slug: str,
        item_id: str,
        response: str,
        score: float | None,
        success: bool | None,
        registration: str,
        duration_s: float | None = None,
        *,
        rating: int | None = None,
    ) -> dict[str, Any]:
        """`response` in xAPI interaction format (see `responses`); `score` and `success`
        None for a sealed exam item, which only the server can grade. `rating` (1 Again,
        2 Hard, 3 Good, 4 Easy) is the learner's grade of a review answer."""
        if rating is not None and rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1, 2, 3 or 4, not {rating!r}")
        return self._new(
            "answered",
            pack_id,
            pack_version,
            "item",
            f"{quiz_slug}/{item_id}",
            registration=registration,
            score=score,
            success=success,
            response=response,
            duration_s=duration_s,
            extensions={EXT_REVIEW_RATING: rating} if rating is not None else None,
        )

    def quiz_finished(
        self,
        pack_id: str,
        pack_version: int,
        quiz_slug: str,
        score: float,
        passed: bool,
        registration: str,
        duration_s: float | None = None,
        *,
        kind: str = "quiz",
        level: int | None = None,
    ) -> dict[str, Any]:
        """End a quiz or placement attempt with passed or failed. An exam is not ended
        this way: see `exam_submitted`. (`level` is accepted for older callers.)"""
        _check_kind(kind)
        if kind == "exam":
            raise ValueError("an exam is graded by the server: record exam_submitted()")
        statement = make_statement(
            profile_id=self.profile_id,
            verb="passed" if passed else "failed",
            pack_id=pack_id,
            kind=kind,
            local_id=quiz_slug,
            pack_version=pack_version,
            app_version=APP_VERSION,
            device_id=self.device_id,
            timestamp=self._timestamp(),
            registration=registration,
            score=score,
            success=passed,
            completion=True,
            duration_s=duration_s,
        )
        return self.record(statement)

    def exam_submitted(
        self,
        pack_id: str,
        pack_version: int,
        exam_slug: str,
        registration: str,
        duration_s: float | None = None,
    ) -> dict[str, Any]:
        """Submit an exam attempt: `completed` with no score and no success. The result
        and any certificate come from the server."""
        return self._new(
            "completed",
            pack_id,
            pack_version,
            "exam",
            exam_slug,
            registration=registration,
            completion=True,
            duration_s=duration_s,
        )

    def record(self, statement: dict[str, Any], *, level: int | None = None) -> dict[str, Any]:
        """Append a statement made on this device (its actor must be this profile). A
        statement claiming the server's authority or grading is refused: only the
        server writes those, and they reach the store by `insert_pulled`. (`level` is
        accepted for older callers and unused: the device makes no certificate.)"""
        log, _, _ = self._parts()
        try:
            actor = actor_name(statement)
        except (KeyError, TypeError):
            actor = None
        if actor != self.profile_id:
            raise StatementRefused(statement.get("id"), "its actor is not this profile")
        result = statement.get("result")
        extensions = result.get("extensions") if isinstance(result, dict) else None
        if (
            "authority" in statement
            or server_authored(statement)
            or (isinstance(extensions, dict) and EXT_GRADING in extensions)
        ):
            raise StatementRefused(statement.get("id"), "only the server writes a grading")
        with self._unit() as session:
            log.append(session, statement)
        return statement

    def _timestamp(self) -> str:
        # Statements recorded within one millisecond would otherwise tie, and ties are
        # broken by the random statement id: a quiz's last answer could land after its
        # result. A step of a millisecond keeps this device's order; a clock that went
        # back by more than a second is followed as it is.
        now = datetime.now(UTC)
        now = now.replace(microsecond=now.microsecond // 1000 * 1000)
        last = self._last_stamp
        if last is not None and last - timedelta(seconds=1) < now <= last:
            now = last + timedelta(milliseconds=1)
        self._last_stamp = now
        return now.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def _new(self, verb: str, pack_id: str, pack_version: int, kind: str, local_id: str, **extra):
        statement = make_statement(
            profile_id=self.profile_id,
            verb=verb,
            pack_id=pack_id,
            kind=kind,
            local_id=local_id,
            pack_version=pack_version,
            app_version=APP_VERSION,
            device_id=self.device_id,
            timestamp=self._timestamp(),
            **extra,
        )
        return self.record(statement)

    # -------------------------------------------------------------- sync

    def statements(self) -> list[dict[str, Any]]:
        """Every statement of the profile in the order it was stored."""
        log, _, _ = self._parts()
        with self._unit() as session:
            return list(log.statements(session))

    def pending(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Statements not yet accepted by the server, in the order they were recorded."""
        log, _, _ = self._parts()
        with self._unit() as session:
            return log.pending(session, limit)

    def pending_count(self) -> int:
        log, _, _ = self._parts()
        with self._unit() as session:
            return log.pending_count(session)

    def mark_synced(self, ids: Iterable[str]) -> int:
        log, _, _ = self._parts()
        with self._unit() as session:
            return log.mark_synced(session, list(ids))

    def insert_pulled(self, statements: Iterable[dict[str, Any]]) -> int:
        """Store statements pulled from the server (marked synced); ids already present
        are skipped. Returns how many were new."""
        log, _, _ = self._parts()
        with self._unit() as session:
            return log.insert_pulled(session, statements)

    # -------------------------------------------------------------- derived

    def _learning_order(self) -> list[Fact]:
        log, _, _ = self._parts()
        with self._unit() as session:
            facts = log.facts(session)
        # The log only grows, so its length tells whether the ordered copy is current.
        if self._ordered[0] != len(facts):
            self._ordered = (len(facts), progress_rule.learning_order(facts))
        return self._ordered[1]

    def progress(self, course: CourseMap) -> Progress:
        certified: dict[tuple[str, str], float | None] = {}
        revoked: set[str] = set()
        for certificate in self.certificates():
            if certificate.revoked is not None:
                # A revoked certificate proves nothing, nor does the result it was for.
                revoked.add(certificate.statement_id)
            elif certificate.status is CertificateStatus.SIGNED:
                # Signed certificates stand, whatever statement they were attached to
                # (before server grading, a device's own exam pass).
                key = (certificate.pack_id, certificate.exam_slug)
                certified[key] = max(certified.get(key) or 0.0, certificate.score or 0.0)
        return progress_rule.derive(self._learning_order(), course, certified, frozenset(revoked))

    def previous_items(self, pack_id: str, kind: str, quiz_slug: str) -> frozenset[str]:
        """Items of the latest attempt at this quiz, for a new attempt to draw last."""
        return engine.previous_items(self._learning_order(), pack_id, kind, quiz_slug)

    def exam_standing(self, pack_id: str, exam_slug: str) -> exams.ExamStanding:
        """Submissions of this exam with the server's results (see `exams`)."""
        return exams.exam_standing(self._learning_order(), pack_id, exam_slug)

    def review_schedule(self) -> list[ReviewItem]:
        """Every item ever answered wrong, with its FSRS card, soonest due first."""
        return self._replay.schedule(self._learning_order())

    def review_queue(self, now: datetime | None = None) -> list[ReviewItem]:
        """Items due for review at `now` (default: the current time), soonest due first."""
        return review.due(self.review_schedule(), now or datetime.now(UTC))

    def answers_in(self, registration: str) -> dict[tuple[str, str], Fact]:
        """The first answer to each item (pack id, quiz slug/item id) within one attempt
        or review session: what counts of it."""
        found: dict[tuple[str, str], Fact] = {}
        for fact in self._learning_order():
            if fact.registration == registration and (fact.kind, fact.verb) == (
                "item",
                "answered",
            ):
                found.setdefault((fact.pack, fact.local), fact)
        return found

    def open_attempts(self) -> list[OpenAttempt]:
        return engine.open_attempts(self._learning_order())

    # -------------------------------------------------------------- certificates

    def certificates(self) -> list[Certificate]:
        """Every certificate, a revoked one carrying when and why (`revoked`)."""
        _, certificates, _ = self._parts()
        with self._unit() as session:
            found = certificates.all(session)
        return with_revocations(found, self.revocations())

    def revocations(self) -> RevocationList | None:
        """The newest certificate revocation list the server signed (verified by sync
        before it was kept)."""
        document = self.setting(REVOCATIONS)
        return None if document is None else read_revocation_list(document)

    def adopt_revocations(self, revocations: RevocationList) -> bool:
        """Keep a verified revocation list unless this profile holds one as new or
        newer: an older list (an old return bundle opened late) never wins."""
        if not revocations.newer_than(self.revocations()):
            return False
        self.set_setting(REVOCATIONS, revocations.document)
        return True

    def attach_signed_certificate(
        self, statement_id: str, signed: dict[str, Any], *, level: int | None = None
    ) -> Certificate:
        """Replace the provisional certificate of an exam statement by the server's signed
        record. Works also for an exam passed on another device once its statement was
        pulled."""
        log, certificates, _ = self._parts()
        with self._unit() as session:
            current = certificates.get(session, statement_id)
            if current is None:
                statement = log.get(session, statement_id)
                if statement is None or _kind(statement) != "exam":
                    raise NotFound(
                        f"No exam statement {statement_id} in this profile: pull statements "
                        "from the server first, then attach the certificate."
                    )
                current = Certificate.provisional(statement, level)
            signed_level = signed.get("level")
            body = signed.get("certificate")
            if signed_level is None and isinstance(body, dict):
                signed_level = body.get("level")
            updated = Certificate(
                current.statement_id,
                current.pack_id,
                current.exam_slug,
                level or (signed_level if isinstance(signed_level, int) else None) or current.level,
                current.score,
                current.passed_at,
                CertificateStatus.SIGNED,
                dict(signed),
            )
            certificates.put(session, updated)
        return updated


def _kind(statement: dict[str, Any]) -> str | None:
    try:
        return Activity.parse(statement["object"]["id"]).kind
    except (KeyError, TypeError, StatementError):
        return None


def _check_kind(kind: str) -> None:
    if kind not in ATTEMPT_KINDS:
        raise ValueError(f"kind must be one of {', '.join(ATTEMPT_KINDS)}, not {kind!r}")
