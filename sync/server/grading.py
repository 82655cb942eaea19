"""The server grades exams (DESIGN section 9, docs/assessment.md sections 2 and 4).

A device or an imported bundle submits an exam attempt with a `completed` statement
on the exam activity; ingest hands every newly stored one to `Grader.grade` in the
same transaction. The grader reads what the server holds of the attempt (its
`attempted` statement with the drawn form, its `answered` item statements), opens
the exam's quiz from the pack file the server stores (sealed items with the
server's grading keys), checks the form, scores it, applies the retake policy and
the plausibility floor, and then either

- writes the result statement (authority: the server; id derived from the
  registration, so it is written once) through ingest's own insertion path, and a
  certificate for a graded pass; or
- holds the attempt for an admin (`release` / `reject`), writing nothing a device
  sees until then.

Every attempt it looks at gets one `ExamAttempt` row: attempts are counted and held
ones listed from those rows, never from statement bodies.

The submission is what the server holds when the `completed` statement arrives: the
app records (and pushes, in that order) `attempted`, the answers, then `completed`,
so everything of an attempt is stored by then. An answer arriving later was given
after the submission and never counts; an item without an answer scores 0.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from content import forms
from content.exam_policy import ExamPolicy
from content.forms import EXT_FORM, Form, FormError
from content.sealing import GradingQuiz, SealError, open_for_grading
from sync.certificates import sign_certificate
from sync.problems import BY_CODE, Problem, Refusal
from sync.server.keys import ServerKeys
from sync.server.models import (
    Certificate,
    ExamAttempt,
    Learner,
    Pack,
    Statement,
    StatementVoid,
)
from sync.server.xapi_format import CLIENT_HOME_PAGE, DEVICE_HOME_PAGE
from sync.xapi import (
    ACCOUNT_HOME_PAGE,
    EXT_GRADING,
    EXT_PACK_VERSION,
    SERVER_HOME_PAGE,
    VERBS,
    XAPI_VERSION,
    Activity,
    StatementError,
    parse_duration,
    parse_timestamp,
)

log = logging.getLogger("hocvu.server.grading")

_COMPLETED = VERBS["completed"]
_ATTEMPTED = VERBS["attempted"]
_ANSWERED = VERBS["answered"]

# Statuses of a result statement (docs/assessment.md section 2), and `held`, the
# status of an attempt no result was written for yet.
GRADED, COOLDOWN, ATTEMPT_LIMIT, REJECTED, INVALID, HELD = (
    "graded",
    "cooldown",
    "attempt_limit",
    "rejected",
    "invalid",
    "held",
)
# The attempts that use up one of the policy's: graded ones, held ones (a learner
# cannot submit again and again while one waits) and rejected ones.
COUNTED = (GRADED, HELD, REJECTED)

# Why an attempt is held.
TOO_FAST = "too_fast"  # submitted sooner after its start than the floor allows
SEED = "seed"  # the form is not what its seed draws
NO_PACK = "no_pack"  # the server does not hold the pack version the attempt used
NO_KEY = "no_key"  # no grading key opens the sealed exam (or its seal is damaged)
HELD_REASONS = (TOO_FAST, SEED, NO_PACK, NO_KEY)

# How many earlier attempts' item sets a form may have been drawn to avoid.
_AVOID_CANDIDATES = 5


class GradingRefused(Refusal, ValueError):
    """An admin decision that cannot be made: its `problem` code (`attempt.*`, which the
    dashboard words), and the English `detail` that says why and what to do."""


# ------------------------------------------------------------------ what only the server writes


def server_only_fault(statement: Mapping[str, Any]) -> str | None:
    """Why a statement from a device, a bundle or an xAPI client is refused, if it
    claims what only the server writes: its authority, the authority it gives devices
    and xAPI tools (`xapi_format.authority`), or an exam grading."""
    authority = statement.get("authority")
    if isinstance(authority, Mapping):
        members = authority.get("member")
        agents = [authority, *(members if isinstance(members, list) else [])]
        for agent in agents:
            account = agent.get("account") if isinstance(agent, Mapping) else None
            home = account.get("homePage") if isinstance(account, Mapping) else None
            if home == SERVER_HOME_PAGE:
                return f"authority names the ministry server ({home}); only it writes those"
            if home in (DEVICE_HOME_PAGE, CLIENT_HOME_PAGE):
                # The server names a statement's credentials so when it has none: a
                # writer must not pass its statement off as a device's or another tool's.
                return f"authority names credentials of this server ({home}); it sets those"
    result = statement.get("result")
    extensions = result.get("extensions") if isinstance(result, Mapping) else None
    if isinstance(extensions, Mapping) and EXT_GRADING in extensions:
        return f"result.extensions carries {EXT_GRADING}; only the server grades exams"
    return None


def result_statement_id(registration: str) -> str:
    """The id of an attempt's result statement: one per registration, whoever grades."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:hocvu:result:" + registration.lower()))


def _free_result_id(session: Session, registration: str) -> str:
    """The attempt's result statement id, unless a statement took it first or a voiding
    statement waits for it: the id follows from the registration, which a device and
    the xAPI tools of the learner's unit can read before the attempt is graded. A taken
    id cannot be this result's (an attempt is written once), so the result gets a random
    one instead of being lost as a conflict or stored voided;
    `exam_attempts.result_statement_id` and the certificate name it."""
    statement_id = result_statement_id(registration)
    taken = select(Statement.seq).where(Statement.statement_id == statement_id)
    awaited = select(StatementVoid.target).where(StatementVoid.target == statement_id)
    if session.scalar(taken) is not None or session.scalar(awaited) is not None:
        return str(uuid.uuid4())
    return statement_id


# ------------------------------------------------------------------ submissions


@dataclass(frozen=True)
class Submission:
    """A `completed` statement on an exam: an attempt handed in for grading."""

    statement: dict[str, Any]
    learner_id: str
    profile_id: str
    registration: str
    activity: Activity
    pack_version: int | None


def submission(statement: dict[str, Any], learner_id: str | None) -> Submission | None:
    """The submission a (validated) statement makes, or None. Cheap for every other
    statement: ingest asks this of each one it stores."""
    if statement["verb"]["id"] != _COMPLETED or ":exam:" not in statement["object"]["id"]:
        return None
    context = statement.get("context") or {}
    registration = context.get("registration") if isinstance(context, dict) else None
    if learner_id is None or not isinstance(registration, str):
        return None
    try:
        activity = Activity.parse(statement["object"]["id"])
        registration = str(uuid.UUID(registration))
    except (StatementError, ValueError):
        return None
    if activity.kind != "exam":
        return None
    return Submission(
        statement,
        learner_id,
        statement["actor"]["account"]["name"].lower(),
        registration,
        activity,
        _pack_version(statement),
    )


def _pack_version(statement: Mapping[str, Any]) -> int | None:
    extensions = (statement.get("context") or {}).get("extensions") or {}
    version = extensions.get(EXT_PACK_VERSION) if isinstance(extensions, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _registration(statement: Mapping[str, Any]) -> str | None:
    context = statement.get("context")
    text = context.get("registration") if isinstance(context, dict) else None
    try:
        return str(uuid.UUID(text)) if isinstance(text, str) else None
    except ValueError:
        return None


def _time(statement: Mapping[str, Any]) -> datetime | None:
    try:
        text = statement.get("timestamp")
        return None if text is None else parse_timestamp(text).astimezone(UTC)
    except StatementError:
        return None


# ------------------------------------------------------------------ grading


@dataclass
class Outcome:
    """What grading an attempt decided, before anything is written."""

    status: str
    held_reason: str | None = None
    detail: str | None = None
    score: float | None = None
    passed: bool = False
    per_area: dict[int, float] = field(default_factory=dict)
    revisit: tuple[str, ...] = ()
    items: int | None = None
    seconds_taken: float | None = None
    min_seconds: float | None = None
    attempt: int | None = None
    attempts_allowed: int | None = None
    next_attempt_after: datetime | None = None


@dataclass
class Written:
    """What grading wrote: result statements (raw, for ingest) and certificate ids."""

    statements: list[dict[str, Any]] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)


class Grader:
    """Grades submissions with the server's keys and the pack files in its data folder.
    The opened quizzes are kept per pack file (never changed once added), so a busy
    exam day opens each seal once per process."""

    def __init__(self, keys: ServerKeys, data_dir: Path) -> None:
        self.keys = keys
        self.data_dir = data_dir
        self._quizzes: dict[tuple[str, str, str], GradingQuiz] = {}
        self._lock = threading.Lock()

    # -- reading the exam ------------------------------------------------------

    def _open(self, pack: Pack, slug: str) -> GradingQuiz:
        """The exam's quiz opened for grading; raises SealError or OSError/ValueError."""
        key = (pack.file, pack.sha256, slug)
        with self._lock:
            found = self._quizzes.get(key)
        if found is not None:
            return found
        with zipfile.ZipFile(self.data_dir / pack.file) as archive:
            data = json.loads(archive.read(f"quizzes/{slug}.json"))
        opened = open_for_grading(data, self.keys.grading)
        with self._lock:
            self._quizzes[key] = opened
        return opened

    def opener(self, session: Session):
        """(pack id, version, quiz slug) → that quiz opened with the grading keys, or
        None when the server cannot open it: for item analysis
        (`sync.server.derived.item_answers`), which maps sealed answers back to
        authored ids and grades them as `grade` does."""

        def open_quiz(pack_id: str, version: int, slug: str) -> GradingQuiz | None:
            pack = session.scalar(
                select(Pack).where(Pack.pack_id == pack_id, Pack.version == version)
            )
            if pack is None:
                return None
            try:
                return self._open(pack, slug)
            except (SealError, OSError, KeyError, ValueError, zipfile.BadZipFile):
                return None

        return open_quiz

    # -- grading ---------------------------------------------------------------

    def grade(self, session: Session, submissions: Iterable[Submission], now: datetime) -> Written:
        """Grade each submission not graded before; return what ingest must store."""
        written = Written()
        for sub in submissions:
            if session.get(ExamAttempt, sub.registration) is not None:
                # The same attempt submitted again (another `completed` statement).
                continue
            outcome, row = self._evaluate(session, sub, now, hold=True)
            session.add(row)
            session.flush()
            if outcome.status != HELD:
                self._write(session, row, outcome, sub, now, written)
        return written

    def record(self, session: Session, sub: Submission, outcome: Outcome, now: datetime) -> Written:
        """Record an outcome decided without grading: for worlds of tests and benchmarks
        that need certified learners without building real exams. Written as `grade`
        writes it; the caller stores the statements."""
        row = ExamAttempt(
            registration=sub.registration,
            learner_id=sub.learner_id,
            profile_id=sub.profile_id,
            pack_id=sub.activity.pack_id,
            pack_version=sub.pack_version or 0,
            exam=sub.activity.local_id,
            submission_id=sub.statement["id"].lower(),
            submitted=min(_time(sub.statement) or now, now),
            received=now,
            status=outcome.status,
            score=outcome.score,
            passed=outcome.passed,
            attempt=outcome.attempt,
        )
        session.add(row)
        session.flush()
        written = Written()
        self._write(session, row, outcome, sub, now, written)
        return written

    def _evaluate(
        self, session: Session, sub: Submission, now: datetime, *, hold: bool
    ) -> tuple[Outcome, ExamAttempt]:
        submitted = min(_time(sub.statement) or now, now)
        row = session.get(ExamAttempt, sub.registration) or ExamAttempt(
            registration=sub.registration,
            learner_id=sub.learner_id,
            profile_id=sub.profile_id,
            pack_id=sub.activity.pack_id,
            pack_version=sub.pack_version or 0,
            exam=sub.activity.local_id,
            submission_id=sub.statement["id"].lower(),
            submitted=submitted,
            received=now,
        )
        outcome = self._outcome(session, sub, row, hold=hold)
        row.status = outcome.status
        row.held_reason = outcome.held_reason
        row.detail = outcome.detail
        row.score = outcome.score
        row.passed = outcome.passed if outcome.score is not None else None
        row.items = outcome.items
        row.seconds_taken = outcome.seconds_taken
        row.min_seconds = outcome.min_seconds
        row.attempt = outcome.attempt
        return outcome, row

    def _outcome(self, session: Session, sub: Submission, row: ExamAttempt, *, hold: bool):
        slug = sub.activity.local_id
        pack = session.scalar(
            select(Pack).where(
                Pack.pack_id == sub.activity.pack_id, Pack.version == (sub.pack_version or -1)
            )
        )
        if pack is None:
            return Outcome(HELD, NO_PACK, f"the server holds no {row.pack_id} v{row.pack_version}")
        manifest = json.loads(pack.manifest)
        if (manifest.get("exam") or {}).get("quiz") != slug:
            return Outcome(INVALID, detail=f"{slug!r} is not the exam of {pack.pack_id}")
        policy = ExamPolicy.of(manifest)
        try:
            opened = self._open(pack, slug)
        except SealError as exc:
            return Outcome(HELD, NO_KEY, str(exc))
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            log.error("cannot read exam %s of %s: %s", slug, pack.file, exc)
            return Outcome(HELD, NO_PACK, f"the pack file cannot be read: {exc}")
        attempted, answers, earlier = self._attempt_statements(session, sub)
        if attempted is None:
            return Outcome(INVALID, detail="no attempted statement with this registration")
        try:
            form = Form.from_json(
                ((attempted.get("context") or {}).get("extensions") or {}).get(EXT_FORM)
            )
            forms.check_form(opened.public, form)
        except FormError as exc:
            return Outcome(INVALID, detail=str(exc))
        scored = self.score_form(opened, form, answers, manifest.get("languages") or ["vi"])
        started = _time(attempted)
        span = (_aware(row.submitted) - started).total_seconds() if started else 0.0
        try:
            duration = parse_duration((sub.statement.get("result") or {}).get("duration") or "")
        except StatementError:
            duration = 0.0
        outcome = Outcome(
            GRADED,
            score=scored.score,
            passed=scored.passed,
            per_area=dict(scored.per_area),
            revisit=scored.revisit,
            items=len(form.items),
            # Both figures come from the device; an honest app gives both, and the
            # larger never holds a learner whose clock was corrected mid-attempt
            # (docs/assessment.md section 4).
            seconds_taken=max(span, duration),
            min_seconds=len(form.items) * policy.min_seconds_per_item,
            attempts_allowed=policy.attempts,
        )
        self._apply_policy(session, row, policy, outcome)
        if outcome.status != GRADED or not hold:
            return outcome
        if not forms.matches_seed(opened.public, form, [*earlier, ()]):
            outcome.status, outcome.held_reason = HELD, SEED
            outcome.detail = "the form is not the one its seed draws"
        elif not policy.plausible(outcome.items or 0, outcome.seconds_taken or 0.0):
            outcome.status, outcome.held_reason = HELD, TOO_FAST
            outcome.detail = (
                f"{outcome.seconds_taken:.0f} s for {outcome.items} items; "
                f"the floor is {outcome.min_seconds:.0f} s"
            )
        return outcome

    def _attempt_statements(self, session: Session, sub: Submission):
        """The attempt's `attempted` statement, its answers (item id → response text,
        the last given before the submission), and the item sets of the learner's
        earlier attempts at this exam (newest first)."""
        exam_iri = sub.activity.iri
        item_prefix = f"urn:hocvu:pack:{sub.activity.pack_id}:item:{sub.activity.local_id}/"
        rows = session.execute(
            select(Statement.verb, Statement.object_id, Statement.body)
            .where(
                Statement.learner_id == sub.learner_id,
                # Only what the learner's devices sent: an xAPI tool in her unit may
                # write statements attached to her, and must not answer her exam.
                Statement.xapi_client_id.is_(None),
                or_(
                    (Statement.verb == _ATTEMPTED) & (Statement.object_id == exam_iri),
                    (Statement.verb == _ANSWERED)
                    & Statement.object_id.startswith(item_prefix, autoescape=True),
                ),
            )
            .order_by(Statement.seq)
        ).all()
        attempted: dict[str, Any] | None = None
        earlier: list[tuple[datetime, tuple[str, ...]]] = []
        answers: dict[str, str] = {}
        for verb, object_id, body in rows:
            statement = json.loads(body)
            registration = _registration(statement)
            if verb == _ATTEMPTED:
                if registration == sub.registration:
                    attempted = attempted or statement
                    continue
                try:
                    form = ((statement.get("context") or {}).get("extensions") or {}).get(EXT_FORM)
                    ids = Form.from_json(form).item_ids
                except FormError:
                    continue
                earlier.append((_time(statement) or datetime.min.replace(tzinfo=UTC), ids))
            elif registration == sub.registration:
                response = (statement.get("result") or {}).get("response")
                if isinstance(response, str):
                    answers[object_id.removeprefix(item_prefix)] = response
        started = _time(attempted) if attempted else None
        before = sorted((e for e in earlier if started is None or e[0] <= started), reverse=True)
        return attempted, answers, [ids for _, ids in before[:_AVOID_CANDIDATES]]

    @staticmethod
    def score_form(
        opened: GradingQuiz, form: Form, answers: Mapping[str, str], languages: list[str]
    ):
        scores: dict[str, float] = {}
        for item_id in form.item_ids:
            if item_id not in answers:
                continue
            item = opened.public.item(item_id)
            # A typed answer counts in any of the pack's languages: the server does not
            # know which one the learner's app showed.
            langs = languages if item.type == "short_answer" else languages[:1]
            scores[item_id] = max(
                opened.grade(item_id, answers[item_id], lang).score for lang in langs
            )
        return forms.score_attempt(opened.public, form, scores)

    @staticmethod
    def _apply_policy(
        session: Session, row: ExamAttempt, policy: ExamPolicy, outcome: Outcome
    ) -> None:
        earlier = session.execute(
            select(ExamAttempt.submitted).where(
                ExamAttempt.learner_id == row.learner_id,
                ExamAttempt.pack_id == row.pack_id,
                ExamAttempt.pack_version == row.pack_version,
                ExamAttempt.status.in_(COUNTED),
                ExamAttempt.registration != row.registration,
                ExamAttempt.received <= row.received,
            )
        ).scalars()
        times = [_aware(t) for t in earlier]
        cooldown = timedelta(hours=policy.cooldown_hours)
        submitted = _aware(row.submitted)
        if len(times) >= policy.attempts:
            outcome.status, outcome.attempt = ATTEMPT_LIMIT, len(times)
        elif any(abs(submitted - t) < cooldown for t in times):
            outcome.status, outcome.attempt = COOLDOWN, len(times)
            outcome.next_attempt_after = policy.next_attempt_after(max(times))
        else:
            outcome.attempt = len(times) + 1
            if not outcome.passed and outcome.attempt < policy.attempts:
                outcome.next_attempt_after = policy.next_attempt_after(submitted)

    # -- writing -----------------------------------------------------------------

    def _write(
        self,
        session: Session,
        row: ExamAttempt,
        outcome: Outcome,
        sub: Submission,
        now: datetime,
        written: Written,
    ) -> None:
        certificate_id = None
        statement_id = _free_result_id(session, row.registration)
        if outcome.status == GRADED and outcome.passed:
            certificate_id = self._certify(session, row, outcome, sub, statement_id, now)
            written.certificates.append(certificate_id)
        written.statements.append(self._result(row, outcome, certificate_id, statement_id, now))
        row.result_statement_id = statement_id
        row.certificate_id = certificate_id

    def _result(
        self,
        row: ExamAttempt,
        outcome: Outcome,
        certificate_id: str | None,
        statement_id: str,
        now: datetime,
    ) -> dict[str, Any]:
        passed = outcome.status == GRADED and outcome.passed
        result: dict[str, Any] = {
            "success": passed,
            "completion": True,
            "extensions": {
                EXT_GRADING: {
                    "status": outcome.status,
                    "per_area": {str(a): round(s, 4) for a, s in sorted(outcome.per_area.items())},
                    "revisit": list(outcome.revisit),
                    "certificate": certificate_id,
                    "attempt": outcome.attempt,
                    "attempts_allowed": outcome.attempts_allowed,
                    "next_attempt_after": _iso(outcome.next_attempt_after),
                }
            },
        }
        if outcome.score is not None:
            result["score"] = {"scaled": round(outcome.score, 4)}
        return {
            "id": statement_id,
            "actor": {
                "objectType": "Agent",
                "account": {"homePage": ACCOUNT_HOME_PAGE, "name": row.profile_id},
            },
            "verb": {
                "id": VERBS["passed" if passed else "failed"],
                "display": {"en-US": "passed" if passed else "failed"},
            },
            "object": {
                "objectType": "Activity",
                "id": Activity(row.pack_id, "exam", row.exam).iri,
            },
            "authority": {
                "objectType": "Agent",
                "account": {"homePage": SERVER_HOME_PAGE, "name": self.keys.signing_key_id},
            },
            "result": result,
            "context": {
                "registration": row.registration,
                "contextActivities": {"parent": [{"id": f"urn:hocvu:pack:{row.pack_id}"}]},
                "extensions": {EXT_PACK_VERSION: row.pack_version},
            },
            # When the attempt was handed in, not when it was graded: an offline
            # mission's pass counts from the day it was taken.
            "timestamp": _iso(row.submitted),
            "version": XAPI_VERSION,
        }

    def _certify(
        self,
        session: Session,
        row: ExamAttempt,
        outcome: Outcome,
        sub: Submission,
        statement_id: str,
        now: datetime,
    ) -> str:
        level = session.scalar(
            select(Pack.exam_level).where(
                Pack.pack_id == row.pack_id, Pack.version == row.pack_version
            )
        )
        learner_name = session.scalar(select(Learner.name).where(Learner.id == row.learner_id))
        certificate_id = str(uuid.uuid4())
        score = round(outcome.score or 0.0, 4)
        document = sign_certificate(
            {
                "id": certificate_id,
                "learner_id": row.learner_id,
                "learner_name": learner_name,
                "level": level,
                "pack_id": row.pack_id,
                "exam": row.exam,
                "score": score,
                "passed_at": sub.statement.get("timestamp") or _iso(row.submitted),
                "issued": now.isoformat(timespec="seconds"),
                "statement_id": statement_id,
            },
            self.keys.signing,
        )
        session.add(
            Certificate(
                id=certificate_id,
                learner_id=row.learner_id,
                statement_id=statement_id,
                pack_id=row.pack_id,
                level=level,
                score=score,
                issued=now,
                document=json.dumps(document, ensure_ascii=False, sort_keys=True),
            )
        )
        return certificate_id

    # -- admin decisions on held attempts -----------------------------------------

    def decide(
        self,
        session: Session,
        actor: str,
        registration: str,
        *,
        release: bool,
        reason: str | None,
        now: datetime,
        scope: Iterable[int] | None = None,
    ) -> ExamAttempt:
        """Release a held attempt (grade it without the hold: result, and a certificate
        for a pass within the policy) or reject it (a `rejected` result). Writes the
        result through ingest and an audit entry, in the caller's transaction."""
        # Imported here: ingest calls this module, and admin needs the server context.
        from sync.server.admin import audit
        from sync.server.ingest import prepare, store

        try:
            key = str(uuid.UUID(registration))
        except ValueError:
            key = None
        row = session.get(ExamAttempt, key) if key else None
        if row is not None and scope is not None:
            unit = session.scalar(select(Learner.unit_id).where(Learner.id == row.learner_id))
            if unit not in set(scope):
                row = None
        if row is None:
            raise GradingRefused(
                Problem.ATTEMPT_NOT_FOUND,
                f"no exam attempt {registration}; see `hocvu admin held-attempts`",
            )
        if row.status != HELD:
            raise GradingRefused(
                Problem.ATTEMPT_NOT_HELD,
                f"attempt {registration} is not held (it is {row.status}); nothing to decide",
            )
        if not release and not (reason or "").strip():
            raise GradingRefused(
                Problem.ATTEMPT_REASON_NEEDED, "give the reason for rejecting the attempt"
            )
        completed = session.scalar(
            select(Statement.body).where(Statement.statement_id == row.submission_id)
        )
        sub = submission(json.loads(completed), row.learner_id) if completed else None
        if sub is None:
            raise GradingRefused(
                Problem.ATTEMPT_NOT_FOUND, f"the submission of attempt {registration} is not stored"
            )
        if release:
            outcome, row = self._evaluate(session, sub, now, hold=False)
            if outcome.status == HELD:
                raise GradingRefused(
                    BY_CODE[f"attempt.{outcome.held_reason or NO_PACK}"],
                    f"attempt {registration} still cannot be graded: {outcome.detail}. "
                    + (
                        "Add that pack version first (hocvu admin add-pack)."
                        if outcome.held_reason == NO_PACK
                        else "Install the grading key first (hocvu admin add-grading-key)."
                    ),
                )
        else:
            outcome = Outcome(
                REJECTED,
                score=row.score,
                attempt=row.attempt,
                attempts_allowed=None,
            )
            row.status = REJECTED
        row.decided_by = actor
        row.decided_at = now
        row.decision_reason = (reason or "").strip() or None
        written = Written()
        self._write(session, row, outcome, sub, now, written)
        prepared, errors = prepare(written.statements, server=True)
        assert not errors, errors
        store(
            session,
            prepared,
            learner_of={row.profile_id: row.learner_id},
            device_id=None,
            xapi_client_id=None,
            now=now,
            # Grades nothing (a result is no submission); opens the exam for the
            # released attempt's item analysis.
            grader=self,
        )
        audit(
            session,
            actor,
            "release-attempt" if release else "reject-attempt",
            f"attempt:{row.registration}",
            learner=row.learner_id,
            pack=f"{row.pack_id}:{row.pack_version}",
            status=row.status,
            score=row.score,
            certificate=row.certificate_id,
            reason=row.decision_reason,
        )
        return row


# ------------------------------------------------------------------ listing held attempts


@dataclass(frozen=True)
class HeldAttempt:
    registration: str
    learner_id: str
    learner_name: str
    unit_id: int
    unit_name: str
    pack_id: str
    pack_version: int
    exam: str
    exam_title: Mapping[str, str] | str | None
    submitted: datetime
    score: float | None
    items: int | None
    seconds_taken: float | None
    min_seconds: float | None
    reason: str
    detail: str | None

    def title(self, lang: str) -> str:
        title = self.exam_title
        if isinstance(title, Mapping):
            return title.get(lang) or next(iter(title.values()), self.exam)
        return title or self.exam


def held_attempts(session: Session, units: Iterable[int] | None = None) -> list[HeldAttempt]:
    """Held attempts of learners in `units` (all when None), oldest first."""
    from sync.server.models import Unit

    query = (
        select(ExamAttempt, Learner.name, Learner.unit_id, Unit.name)
        .join(Learner, Learner.id == ExamAttempt.learner_id)
        .join(Unit, Unit.id == Learner.unit_id)
        .where(ExamAttempt.status == HELD)
        .order_by(ExamAttempt.submitted)
    )
    if units is not None:
        query = query.where(Learner.unit_id.in_(list(units)))
    rows = session.execute(query).all()
    titles: dict[tuple[str, int], Any] = {}
    for attempt, *_ in rows:
        key = (attempt.pack_id, attempt.pack_version)
        if key not in titles:
            manifest = session.scalar(
                select(Pack.manifest).where(
                    Pack.pack_id == attempt.pack_id, Pack.version == attempt.pack_version
                )
            )
            titles[key] = _exam_title(manifest)
    return [
        HeldAttempt(
            a.registration,
            a.learner_id,
            name,
            unit_id,
            unit_name,
            a.pack_id,
            a.pack_version,
            a.exam,
            titles[(a.pack_id, a.pack_version)],
            _aware(a.submitted),
            a.score,
            a.items,
            a.seconds_taken,
            a.min_seconds,
            a.held_reason or "",
            a.detail,
        )
        for a, name, unit_id, unit_name in rows
    ]


def _exam_title(manifest: str | None):
    if not manifest:
        return None
    data = json.loads(manifest)
    # The exam is named by its pack's title: one exam per pack.
    return data.get("title")


def counted_attempts(session: Session, learner_id: str, pack_id: str, version: int) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                ExamAttempt.learner_id == learner_id,
                ExamAttempt.pack_id == pack_id,
                ExamAttempt.pack_version == version,
                ExamAttempt.status.in_(COUNTED),
            )
        )
        or 0
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return _aware(value).astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
