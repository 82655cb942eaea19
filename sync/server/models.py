"""The ministry server's tables (SQLAlchemy 2.0).

Statements are the hot path: one multi-row insert per pushed batch, so the table
keeps only the columns the server filters on and two indexes (the statement id for
idempotency, learner and sequence for pull). Everything else here is small:
the unit tree, learners and the profile UUIDs bound to them, devices, enrolment
codes, packs and their assignments, trust lists, certificates, admin accounts,
xAPI clients, the database-backed rate limiter and the audit log.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.expression import false
from sqlalchemy.types import TypeEngine


class UUIDText(TypeDecorator[str]):
    """A UUID kept as text in Python: native `uuid` on PostgreSQL, 16 bytes on SQLite
    (half the size of the hex text, which keeps the statement-id index in cache)."""

    impl = LargeBinary(16)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.UUID(as_uuid=False))
        return dialect.type_descriptor(LargeBinary(16))

    def process_bind_param(self, value: str | None, dialect: Dialect):
        if value is None or dialect.name == "postgresql":
            return value
        return uuid.UUID(value).bytes

    def process_result_value(self, value, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if dialect.name == "postgresql":
            return str(value)
        # What str(uuid.UUID(bytes=...)) gives, a third of the cost: reports read
        # every learner id of the scope (20,000 for the ministry's overview).
        h = bytes(value).hex()
        if len(h) != 32:
            return str(uuid.UUID(bytes=bytes(value)))
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# SQLite only gives an auto-incrementing rowid to an INTEGER PRIMARY KEY.
SEQ = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class Unit(Base):
    """A node of the ministry's tree: the ministry, a department or a mission."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Learner(Base):
    __tablename__ = "learners"
    id: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    staff_ref: Mapped[str | None] = mapped_column(String(100))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Profile(Base):
    """A profile UUID made on a device, bound to exactly one learner at enrolment."""

    __tablename__ = "profiles"
    profile_id: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    profile_id: Mapped[str] = mapped_column(ForeignKey("profiles.profile_id"))
    name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(String(64))
    # SHA-256 of the bearer token; the token itself is never stored.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EnrolmentCode(Base):
    __tablename__ = "enrolment_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    device_id: Mapped[str | None] = mapped_column(UUIDText)


class RateEvent(Base):
    """One failed attempt (enrolment, admin login) under a key such as `ip:…` or
    `code:<hash>`; kept in the database so every server process sees the same count."""

    __tablename__ = "rate_events"
    id: Mapped[int] = mapped_column(SEQ, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_rate_events_key_at", "key", "at"),)


class Statement(Base):
    __tablename__ = "statements"
    # The pull cursor: strictly increasing in commit order per row, never reused.
    seq: Mapped[int] = mapped_column(SEQ, primary_key=True, autoincrement=True)
    statement_id: Mapped[str] = mapped_column(UUIDText, unique=True)
    # Null for statements an xAPI client wrote for an account no learner has claimed.
    learner_id: Mapped[str | None] = mapped_column(UUIDText)
    device_id: Mapped[str | None] = mapped_column(UUIDText)
    xapi_client_id: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    # At most 2,048 UTF-8 bytes each (`sync.xapi_validation.MAX_IRI_BYTES`): the verb is
    # in a PostgreSQL btree index, whose rows hold at most 2,704 bytes.
    verb: Mapped[str] = mapped_column(String(2048))
    object_id: Mapped[str] = mapped_column(String(2048))
    timestamp: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stored: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # context.registration, for the xAPI `registration` filter.
    registration: Mapped[str | None] = mapped_column(UUIDText)
    # Set when a voiding statement names this one: xAPI queries no longer show it.
    voided: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    __table_args__ = (
        Index("ix_statements_learner_seq", "learner_id", "seq"),
        # The xAPI filters, each walked newest first with the limit applied in the index.
        Index("ix_statements_verb_seq", "verb", "seq"),
        Index("ix_statements_registration_seq", "registration", "seq"),
        # A tool's own statements and the authority filter (`xapi_reader`, migration 0013).
        Index("ix_statements_xapi_client_seq", "xapi_client_id", "seq"),
        Index("ix_statements_device_seq", "device_id", "seq"),
    )


class StatementAgent(Base):
    """An agent or identified group a statement names (`sync.server.statement_index`):
    one row per statement and agent, `related` when it is named only as authority,
    instructor, team or inside a sub-statement (the `related_agents` filter)."""

    __tablename__ = "statement_agents"
    # The first 16 bytes of SHA-256 of the agent's key (`sync.xapi_actors.Actor.key`).
    agent: Mapped[bytes] = mapped_column(LargeBinary(16), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    related: Mapped[bool] = mapped_column(Boolean)
    # SQLite: the primary key is the table (one B-tree to write per row, not two).
    __table_args__ = ({"sqlite_with_rowid": False},)


class StatementActivity(Base):
    """An activity a statement names: its object (`related` false), or a context
    activity or a sub-statement's object (`related` true, the `related_activities`
    filter)."""

    __tablename__ = "statement_activities"
    # The first 16 bytes of SHA-256 of the activity id.
    activity: Mapped[bytes] = mapped_column(LargeBinary(16), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    related: Mapped[bool] = mapped_column(Boolean)
    __table_args__ = ({"sqlite_with_rowid": False},)


class StatementVoid(Base):
    """A statement id a voiding statement names, kept even while the target is not
    stored yet, so that a target arriving later is stored voided."""

    __tablename__ = "statement_voids"
    target: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    voiding_id: Mapped[str] = mapped_column(UUIDText)
    xapi_client_id: Mapped[int | None] = mapped_column(Integer)


class StatementReference(Base):
    """A statement whose object is a StatementRef, by the id it targets (migration 0011):
    the query filters match it when its target matches (`sync.server.xapi_query`).
    Only such statements have a row; the target need not be stored yet."""

    __tablename__ = "statement_refs"
    target: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    __table_args__ = (
        # A statement has one object: one row at most. The page's references are walked
        # by seq, and a chain followed from a statement to the one it targets.
        Index("ix_statement_refs_seq", "seq", unique=True),
        {"sqlite_with_rowid": False},
    )


class XapiAttachment(Base):
    """The content of a statement attachment sent as a multipart part, by its SHA-2
    (kept once whoever sent it; who may have it back is `XapiAttachmentUpload`)."""

    __tablename__ = "xapi_attachments"
    sha2: Mapped[str] = mapped_column(String(128), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class XapiAttachmentUpload(Base):
    """An xAPI client that sent an attachment's content itself, and the type it gave.
    A statement's attachments are returned with their contents only when its writer
    has a row here (`sync.server.xapi_attachments`): a tool that knows a digest but
    never had the bytes must not get another unit's file by declaring it with a
    `fileUrl`, nor learn that the file exists (so the type is the writer's own too)."""

    __tablename__ = "xapi_attachment_uploads"
    sha2: Mapped[str] = mapped_column(String(128), primary_key=True)
    xapi_client_id: Mapped[int] = mapped_column(ForeignKey("xapi_clients.id"), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(255))


class Pack(Base):
    __tablename__ = "packs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    # Relative to the server's data folder.
    file: Mapped[str] = mapped_column(String(500))
    manifest: Mapped[str] = mapped_column(Text)
    exam_level: Mapped[int | None] = mapped_column(Integer)
    uploaded: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The pack as the progress rule sees it (`sync.progress.pack_map_to_json`): its
    # modules, exam, pass marks and placement targets, read from its quizzes when it
    # was added, so ingest derives progress without opening pack files.
    course_map: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("pack_id", "version"),)


class Assignment(Base):
    """A pack (every version, the newest served) assigned to a unit and all below it."""

    __tablename__ = "assignments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    due: Mapped[date | None] = mapped_column(Date)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (UniqueConstraint("pack_id", "unit_id"),)


class TrustDocument(Base):
    __tablename__ = "trust_documents"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    added: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Certificate(Base):
    __tablename__ = "certificates"
    id: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"), index=True)
    statement_id: Mapped[str] = mapped_column(UUIDText, unique=True)
    pack_id: Mapped[str] = mapped_column(String(200))
    level: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[float | None]
    issued: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The signed document exactly as handed out.
    document: Mapped[str] = mapped_column(Text)
    # Set once, never cleared: a revocation is for good (the revocation list's version
    # is the number of revoked certificates).
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by: Mapped[str | None] = mapped_column(String(200))


class AdminAccount(Base):
    __tablename__ = "admin_accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    # Argon2id in PHC string form.
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class AdminSession(Base):
    """A dashboard login. The cookie holds a random token; only its SHA-256 is kept
    here, in the database, so every server process accepts the same sessions."""

    __tablename__ = "admin_sessions"
    id: Mapped[int] = mapped_column(SEQ, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    admin_id: Mapped[int] = mapped_column(ForeignKey("admin_accounts.id"), index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class XapiClient(Base):
    """Credentials for an ordinary xAPI tool (HTTP Basic: key and secret)."""

    __tablename__ = "xapi_clients"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(SEQ, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    target: Mapped[str | None] = mapped_column(String(300))
    detail: Mapped[str | None] = mapped_column(Text)


class LearnerResult(Base):
    """The best result of a learner on a quiz, exam or placement activity, derived from
    the passed/failed statements by ingest in the same transaction (see
    `sync.server.derived.results`): the dashboard's overview reads these few rows
    per learner instead of a million statement bodies."""

    __tablename__ = "learner_results"
    learner_id: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    local_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    # The earliest timestamp of a pass (device clock); null while never passed.
    first_passed: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    best_score: Mapped[float | None]
    attempts: Mapped[int] = mapped_column(Integer)
    last_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        Index("ix_learner_results_activity", "kind", "pack_id", "local_id", "first_passed"),
    )


class LearnerProgress(Base):
    """A learner's progress in one area or at one level, as the progress rule
    (`sync.progress`) derives it from all the learner's statements: the figures the
    app shows. Ingest rewrites a learner's rows when a batch touches them, a
    certificate revocation when it withdraws a pass (see
    `sync.server.derived.progress`)."""

    __tablename__ = "learner_progress"
    learner_id: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    # "area" or "level".
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    fraction: Mapped[float]
    # Modules complete (an area), or 1 when the level is complete (a level).
    complete: Mapped[int] = mapped_column(Integer)
    # A level: the timestamp of the first server-graded pass of its exam that counts
    # (a certificate's pass); null while there is none.
    certified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_learner_progress_certified", "kind", "number", "certified_at"),)


class PackDownload(Base):
    """A pack version a device downloaded to its last byte over the API (resumed
    downloads count once they reach the end): what devices really hold, for the packs
    page. One row per device, pack and version; `at` is the newest such download."""

    __tablename__ = "pack_downloads"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    downloads: Mapped[int] = mapped_column(Integer)


class LearnerPackVersion(Base):
    """A pack version a learner's statements were made with (the statement's
    pack-version extension), kept by ingest like `learner_results`: learners who
    install from a USB stick never download, but their statements say what they use."""

    __tablename__ = "learner_pack_versions"
    learner_id: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The newest statement timestamp (device clock) seen with this version.
    last_seen: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ItemAnswer(Base):
    """A learner's first answer to an item of a pack version, in authored ids, with its
    score and the rest of its attempt's score: what item analysis counts (see
    `sync.server.derived.item_answers`). Written when the attempt ends."""

    __tablename__ = "item_answers"
    learner_id: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    pack_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    pack_version: Mapped[int] = mapped_column(Integer, primary_key=True)
    # "<quiz slug>/<item id>", as in the item's activity IRI.
    item_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    quiz: Mapped[str] = mapped_column(String(200))
    # quiz, exam or placement
    kind: Mapped[str] = mapped_column(String(20))
    registration: Mapped[str] = mapped_column(UUIDText)
    # The xAPI interaction text in authored ids.
    response: Mapped[str] = mapped_column(Text)
    score: Mapped[float]
    # The mean score of the attempt's other items; null for a one-item attempt.
    rest: Mapped[float | None]
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (Index("ix_item_answers_quiz", "pack_id", "quiz", "pack_version"),)


class ExamAttempt(Base):
    """An exam attempt the server graded or holds (`sync.server.grading`), one per
    registration: attempts are counted and held ones listed from these rows, never
    from statement bodies. `status` is the result's (graded, cooldown, attempt_limit,
    rejected, invalid) or `held` while an admin has not decided."""

    __tablename__ = "exam_attempts"
    registration: Mapped[str] = mapped_column(UUIDText, primary_key=True)
    learner_id: Mapped[str] = mapped_column(ForeignKey("learners.id"))
    # The profile that submitted: the result statement's actor.
    profile_id: Mapped[str] = mapped_column(UUIDText)
    pack_id: Mapped[str] = mapped_column(String(200))
    pack_version: Mapped[int] = mapped_column(Integer)
    exam: Mapped[str] = mapped_column(String(200))
    # The `completed` statement that submitted the attempt.
    submission_id: Mapped[str] = mapped_column(UUIDText)
    # The submission's timestamp (device clock), never later than `received`.
    submitted: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))
    held_reason: Mapped[str | None] = mapped_column(String(20))
    # In English, for logs and the command line (an invalid form's fault, …).
    detail: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None]
    passed: Mapped[bool | None] = mapped_column(Boolean)
    # Its number among the attempts that count (graded, held, rejected).
    attempt: Mapped[int | None] = mapped_column(Integer)
    items: Mapped[int | None] = mapped_column(Integer)
    seconds_taken: Mapped[float | None]
    # The plausibility floor: items × the exam's min_seconds_per_item.
    min_seconds: Mapped[float | None]
    result_statement_id: Mapped[str | None] = mapped_column(UUIDText)
    certificate_id: Mapped[str | None] = mapped_column(UUIDText)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        Index("ix_exam_attempts_learner_pack", "learner_id", "pack_id", "pack_version"),
        Index("ix_exam_attempts_status", "status"),
    )


class XapiDocument(Base):
    """A document of the xAPI State, Activity Profile or Agent Profile resource
    (`sync.server.xapi_documents`). It belongs to the unit of the xAPI client that
    created it; `set_hash` names the set it is listed and deleted with (kind,
    activity, agent, registration), `key_hash` the document in that set (with its
    state or profile id): both SHA-256, so that IRIs of any length index alike."""

    __tablename__ = "xapi_documents"
    id: Mapped[int] = mapped_column(SEQ, primary_key=True, autoincrement=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(20))
    set_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    key_hash: Mapped[bytes] = mapped_column(LargeBinary(32))
    document_id: Mapped[str] = mapped_column(Text)
    activity_id: Mapped[str | None] = mapped_column(Text)
    # `Actor.key` of the agent (sync/xapi_actors.py), for the Agents resource.
    agent_key: Mapped[str | None] = mapped_column(Text)
    registration: Mapped[str | None] = mapped_column(UUIDText)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_type: Mapped[str] = mapped_column(String(255))
    # SHA-1 of the content in hexadecimal, as xAPI's ETags are.
    etag: Mapped[str] = mapped_column(String(40))
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    xapi_client_id: Mapped[int] = mapped_column(ForeignKey("xapi_clients.id"))
    __table_args__ = (
        UniqueConstraint("key_hash", "unit_id", name="uq_xapi_documents_key_unit"),
        Index("ix_xapi_documents_set", "set_hash", "unit_id", "updated"),
    )
