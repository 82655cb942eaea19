"""Enrolment codes and binding a device to a learner (DESIGN section 6).

Codes are one-time and expire; the server stores only their SHA-256. Failed
attempts are counted in the database per source address and per code, so every
server process applies the same limit; a failure is logged without the code.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from content import keys as content_keys
from sync.problems import Problem, Refusal
from sync.server.auth import new_secret, secret_hash
from sync.server.context import ServerSettings
from sync.server.db import aware
from sync.server.models import Device, EnrolmentCode, Learner, Profile, RateEvent

log = logging.getLogger("hocvu.server.enrol")

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class EnrolmentRefused(Refusal):
    """`counts`: whether the failure counts towards the rate limits (a wrong code does;
    a malformed request or a profile of another learner does not)."""

    def __init__(
        self, problem: Problem, detail: str, *, counts: bool = True, **values: object
    ) -> None:
        super().__init__(problem, detail, **values)
        self.counts = counts


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def create_code(session: Session, learner_id: str, now: datetime, days: int) -> str:
    code = new_code()
    session.add(
        EnrolmentCode(
            code_hash=code_hash(code),
            learner_id=learner_id,
            created=now,
            expires=now + timedelta(days=days),
        )
    )
    return code


def rate_keys(source: str | None, code: str) -> list[str]:
    keys = [f"code:{code_hash(code)[:32]}"]
    if source:
        keys.append(f"ip:{source}"[:100])
    return keys


def check_rate(session: Session, settings: ServerSettings, source: str | None, code: str, now):
    since = now - settings.rate_window
    limits = {f"code:{code_hash(code)[:32]}": settings.rate_per_code}
    if source:
        limits[f"ip:{source}"[:100]] = settings.rate_per_source
    for key, limit in limits.items():
        count = session.scalar(
            select(func.count()).where(RateEvent.key == key, RateEvent.at > since)
        )
        if count >= limit:
            # No Retry-After header: the client would sleep through the window.
            raise EnrolmentRefused(
                Problem.ENROL_TOO_MANY_ATTEMPTS,
                "too many failed enrolment attempts; wait and check the code with your "
                "administrator",
                counts=False,
                retry_after_s=int(settings.rate_window.total_seconds()),
            )


def failure_delay(session: Session, settings: ServerSettings, source: str | None, now) -> float:
    """Seconds to hold a failed enrolment's answer: none for the first failures from
    an address in the window, then growing to 10 s, so that guessing codes is slow while
    a right code from the same address goes through at once."""
    if not source:
        return 0.0
    since = now - settings.rate_window
    count = session.scalar(
        select(func.count()).where(RateEvent.key == f"ip:{source}"[:100], RateEvent.at > since)
    )
    extra = count - settings.rate_per_source // 2
    return 0.0 if extra < 0 else min(0.25 * 2 ** min(extra, 10), 10.0)


def record_failure(
    session: Session, settings: ServerSettings, source: str | None, code: str, now: datetime
) -> None:
    keys = rate_keys(source, code)
    session.execute(
        delete(RateEvent).where(RateEvent.key.in_(keys), RateEvent.at < now - settings.rate_window)
    )
    session.add_all(RateEvent(key=key, at=now) for key in keys)


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    device_token: str
    learner_id: str


def _uuid(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    try:
        return str(uuid.UUID(text))
    except (ValueError, AttributeError, TypeError):
        raise EnrolmentRefused(
            Problem.ENROL_ID_INVALID, f"{what} {text!r} is not a UUID", counts=False, field=what
        ) from None


def enrol(
    session: Session,
    settings: ServerSettings,
    *,
    code: str,
    device_name: str,
    public_key: str,
    profile_id: str,
    device_id: str | None,
    source: str | None,
    now: datetime,
) -> Enrolled:
    """Use a code: bind the profile to the code's learner and register the device.

    A valid code is never refused because of other failures from the same address (a
    whole embassy may sit behind one); only failures meet the rate limits."""
    profile_id = _uuid(profile_id, "profile_id") or ""
    wanted_device = _uuid(device_id, "device_id")
    try:
        content_keys.public_from_b64(public_key)
    except ValueError:
        raise EnrolmentRefused(
            Problem.ENROL_KEY_INVALID,
            "device_public_key is not a base64 Ed25519 public key",
            counts=False,
        ) from None
    row = session.scalar(select(EnrolmentCode).where(EnrolmentCode.code_hash == code_hash(code)))
    if row is None or row.used is not None or aware(row.expires) < now:
        check_rate(session, settings, source, code, now)
    if row is None:
        raise EnrolmentRefused(
            Problem.ENROL_CODE_UNKNOWN, "unknown enrolment code; check it with your administrator"
        )
    if row.used is not None:
        raise EnrolmentRefused(
            Problem.ENROL_CODE_USED, "this enrolment code was already used; ask for a new one"
        )
    if aware(row.expires) < now:
        raise EnrolmentRefused(
            Problem.ENROL_CODE_EXPIRED, "this enrolment code has expired; ask for a new one"
        )
    learner = session.get(Learner, row.learner_id)
    assert learner is not None
    bound = session.get(Profile, profile_id)
    if bound is not None and bound.learner_id != learner.id:
        raise EnrolmentRefused(
            Problem.ENROL_PROFILE_TAKEN,
            "this profile is already enrolled for another learner",
            counts=False,
        )
    if bound is None:
        session.add(Profile(profile_id=profile_id, learner_id=learner.id, created=now))
        # No ORM relationships here: flush so the profile row exists before the device's.
        session.flush()
    if wanted_device is None or session.get(Device, wanted_device) is not None:
        wanted_device = str(uuid.uuid4())
    token = new_secret()
    session.add(
        Device(
            id=wanted_device,
            learner_id=learner.id,
            profile_id=profile_id,
            name=device_name[:200],
            public_key=public_key,
            token_hash=secret_hash(token),
            created=now,
        )
    )
    row.used = now
    row.device_id = wanted_device
    session.flush()
    log.info("device %s enrolled for learner %s", wanted_device, learner.id)
    return Enrolled(wanted_device, token, learner.id)
