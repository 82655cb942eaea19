"""The audit log as an admin reads it: each action in their language, its target and
details by name (units, learners, devices, packs, certificates) rather than by id,
and no JSON.

The log itself stays as written (action codes, ids, JSON details): the CSV export
and `hocvu admin` give it raw. Only the page words it; an id nothing names any
more (a deleted row, a tampered URL) is shown shortened, never a whole UUID.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.dashboard import i18n
from sync.server.dashboard.titles import Titles
from sync.server.models import (
    Assignment,
    AuditEntry,
    Certificate,
    Device,
    ExamAttempt,
    Learner,
    Unit,
)

UUID_TEXT = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
# Details whose value is a count, a flag or a plain text shown as it is.
_AS_IS = {"file", "source", "name", "due", "days", "lines", "learners", "rows", "accepted"}
_AS_IS |= {"duplicates", "conflicts", "errors", "packs", "assignments", "statements"}
_AS_IS |= {"certificates", "revocations"}


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    actor: str
    action: str  # the words for the action code
    target: str
    details: list[tuple[str, str]]  # (label, value), in the admin's language
    refused: bool


def _short(text: str) -> str:
    """An id nothing names: its first eight characters, enough to search the export."""
    return text[:8] + "…" if UUID_TEXT.fullmatch(text) else text


def _uuid(text: object) -> str | None:
    try:
        return str(uuid.UUID(str(text)))
    except ValueError:
        return None


class _Names:
    """Names of everything the entries of one page mention, fetched in a few queries."""

    def __init__(self, session: Session, entries: list[AuditEntry], details: list[dict]) -> None:
        ids: set[str] = set()
        unit_ids: set[int] = set()
        assignment_ids: set[int] = set()
        for entry, detail in zip(entries, details, strict=True):
            for text in (entry.target or "", *(str(v) for v in detail.values())):
                ids |= {m.lower() for m in UUID_TEXT.findall(text)}
            kind, _, value = (entry.target or "").partition(":")
            if kind == "unit" and value.isdigit():
                unit_ids.add(int(value))
            if kind == "assignment" and value.isdigit() and len(value) < 12:
                assignment_ids.add(int(value))
            for key in ("unit", "parent"):
                if isinstance(detail.get(key), int):
                    unit_ids.add(detail[key])
        self.assignments = {
            a.id: a
            for a in session.scalars(select(Assignment).where(Assignment.id.in_(assignment_ids)))
        }
        unit_ids |= {a.unit_id for a in self.assignments.values()}
        self.units = dict(
            session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids))).all()
        )
        self.devices = {
            row.id: (row.name, row.learner_id)
            for row in session.execute(
                select(Device.id, Device.name, Device.learner_id).where(Device.id.in_(ids))
            )
        }
        self.certificates = {
            row.id: (row.level, row.learner_id)
            for row in session.execute(
                select(Certificate.id, Certificate.level, Certificate.learner_id).where(
                    Certificate.id.in_(ids)
                )
            )
        }
        self.attempts = dict(
            session.execute(
                select(ExamAttempt.registration, ExamAttempt.learner_id).where(
                    ExamAttempt.registration.in_(ids)
                )
            ).all()
        )
        learner_ids = ids | {x for _, x in self.devices.values()}
        learner_ids |= {x for _, x in self.certificates.values()} | set(self.attempts.values())
        self.learners = dict(
            session.execute(
                select(Learner.id, Learner.name).where(Learner.id.in_(learner_ids))
            ).all()
        )
        self.titles = Titles.load(session, None)

    def learner(self, learner_id: object) -> str:
        key = _uuid(learner_id)
        return self.learners.get(key, _short(str(learner_id))) if key else str(learner_id)

    def unit(self, unit_id: object) -> str | None:
        """The unit's name; None when no unit has that id."""
        try:
            return self.units.get(int(str(unit_id)))
        except ValueError:
            return None


class AuditWords:
    """Turns entries into lines for one language."""

    def __init__(self, names: _Names, lang: str) -> None:
        self.names = names
        self.lang = lang
        self.t = i18n.translator(lang)

    def pack(self, value: str) -> str:
        """ "vn.mofa.dl.l1" or "vn.mofa.dl.l1:2" (a pack and its version)."""
        pack_id, _, version = value.partition(":")
        title = self.names.titles.pack(pack_id, self.lang)
        return self.t("audit.pack_version", pack=title, version=version) if version else title

    def unit(self, unit_id: object) -> str:
        name = self.names.unit(unit_id)
        return name if name is not None else self.t("audit.unit_unknown", id=str(unit_id)[:20])

    def certificate(self, certificate_id: str) -> str:
        key = _uuid(certificate_id)
        if key not in self.names.certificates:
            return self.t("audit.certificate_unknown", id=_short(certificate_id))
        level, learner_id = self.names.certificates[key]
        return self.t(
            "audit.certificate_of",
            level=self.t("level.n", n=level) if level else "–",
            name=self.names.learner(learner_id),
        )

    def device(self, device_id: str) -> str:
        key = _uuid(device_id)
        if key not in self.names.devices:
            return self.t("audit.device_unknown", id=_short(device_id))
        name, learner_id = self.names.devices[key]
        return self.t("audit.device_of", device=name, name=self.names.learner(learner_id))

    def attempt(self, registration: str) -> str:
        learner_id = self.names.attempts.get(_uuid(registration) or "")
        if learner_id is None:
            return self.t("audit.attempt_unknown", id=_short(registration))
        return self.t("audit.attempt_of", name=self.names.learner(learner_id))

    def assignment(self, value: str) -> str:
        found = (
            self.names.assignments.get(int(value)) if value.isdigit() and len(value) < 12 else None
        )
        if found is None:
            return self.t("audit.assignment_unknown", id=value[:20])
        return self.t(
            "audit.assignment_of",
            pack=self.pack(found.pack_id),
            unit=self.unit(found.unit_id),
        )

    def target(self, target: str | None) -> str:
        if not target:
            return "–"
        kind, _, value = target.partition(":")
        words: dict[str, Callable[[str], str]] = {
            "unit": self.unit,
            "learner": self.names.learner,
            "device": self.device,
            "certificate": self.certificate,
            "attempt": self.attempt,
            "assignment": self.assignment,
            "pack": self.pack,
            "admin": lambda v: self.t("audit.admin", name=v),
            "file": lambda v: v,
            "export": self.export,
            "trust": lambda v: self.t("audit.trust", version=v),
            "xapi": lambda v: self.t("audit.xapi", name=v),
            "grading-key": lambda v: self.t("audit.grading_key", key=v),
            "report": lambda v: self.t("audit.report"),
            "action": lambda v: self.t("audit.role_action", action=v),
            "bundle": lambda v: v,
        }
        if kind in words:
            return words[kind](value)
        return self.readable_text(target)

    def export(self, value: str) -> str:
        table, _, fmt = value.rpartition(".")
        name = self.t(f"export.{table}") if f"export.{table}" in i18n.MESSAGES else table
        return self.t("audit.export_file", table=name, format=fmt.upper())

    def readable_text(self, text: str) -> str:
        """A free text (a path, a reason) with every id in it replaced by its name."""

        def name(match: re.Match) -> str:
            key = match.group(0).lower()
            if key in self.names.learners:
                return self.names.learners[key]
            if key in self.names.devices:
                return self.device(key)
            if key in self.names.certificates:
                return self.certificate(key)
            if key in self.names.attempts:
                return self.attempt(key)
            return _short(key)

        return UUID_TEXT.sub(name, text)

    def value(self, key: str, value: object) -> str:
        t = self.t
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return t("audit.yes") if value else t("audit.no")
        if key in ("unit", "parent"):
            return self.unit(value)
        if key == "learner":
            return self.names.learner(value)
        if key == "level" and isinstance(value, int):
            return t("level.n", n=value)
        if key == "pack":
            return self.pack(str(value))
        if key == "certificate":
            return self.certificate(str(value))
        if key == "kind" and f"kind.{value}" in i18n.MESSAGES:
            return t(f"kind.{value}")
        if key == "role" and f"role.{value}" in i18n.MESSAGES:
            return t(f"role.{value}")
        if key == "result" and f"audit.result_{value}" in i18n.MESSAGES:
            return t(f"audit.result_{value}")
        if key == "status" and f"audit.status_{value}" in i18n.MESSAGES:
            return t(f"audit.status_{value}")
        if key == "score" and isinstance(value, int | float):
            return i18n.percent(value)
        if key == "wait_s":
            return t("audit.seconds", n=value)
        if key == "sha256":
            return str(value)[:12] + "…"
        if key == "reason" and isinstance(value, str):
            if value in i18n.MESSAGES:
                return t(value)
            if f"audit.reason_{value}" in i18n.MESSAGES:
                return t(f"audit.reason_{value}")
        if isinstance(value, dict | list):
            return ", ".join(
                f"{k}: {v}"
                for k, v in (value.items() if isinstance(value, dict) else enumerate(value))
            )
        return self.readable_text(str(value))

    def label(self, key: str) -> str:
        message = f"audit.key_{key}"
        return self.t(message) if message in i18n.MESSAGES else key

    def action(self, code: str) -> str:
        message = f"audit_action.{code}"
        return self.t(message) if message in i18n.MESSAGES else code

    def _reason(self, action: str, detail: dict) -> list[tuple[str, str]]:
        """A refusal's reason, taken out of `detail`: worded by its code when the entry
        kept one, the server's English labelled as such."""
        reason_id = detail.pop("reason_id", None)
        values = detail.pop("reason_values", None) or {}
        english = detail.get("reason")
        worded: list[tuple[str, str]] = []
        if isinstance(reason_id, str) and reason_id in i18n.MESSAGES:
            try:
                worded.append((self.label("reason"), self.t(reason_id, **values)))
            except (KeyError, IndexError, ValueError):
                worded.append((self.label("reason"), self.t(reason_id)))
        elif not (action.endswith("-refused") and isinstance(english, str)):
            return worded
        detail.pop("reason", None)
        if isinstance(english, str):
            worded.append((self.t("reason.english"), self.readable_text(english)))
        return worded

    def line(self, entry: AuditEntry, detail: dict) -> AuditLine:
        detail = dict(detail)
        worded = self._reason(entry.action, detail)
        return AuditLine(
            at=entry.at,
            actor=entry.actor,
            action=self.action(entry.action),
            target=self.target(entry.target),
            details=worded + [(self.label(k), self.value(k, v)) for k, v in sorted(detail.items())],
            refused=any(word in entry.action for word in ("refused", "failed", "throttled")),
        )


def _detail(entry: AuditEntry) -> dict:
    if not entry.detail:
        return {}
    try:
        found = json.loads(entry.detail)
    except ValueError:
        return {"text": entry.detail}
    return found if isinstance(found, dict) else {"text": found}


def audit_lines(session: Session, entries: Iterable[AuditEntry], lang: str) -> list[AuditLine]:
    """One page of the log, worded for `lang`."""
    entries = list(entries)
    details = [_detail(entry) for entry in entries]
    words = AuditWords(_Names(session, entries, details), lang)
    return [words.line(entry, detail) for entry, detail in zip(entries, details, strict=True)]
