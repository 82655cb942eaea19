"""Dashboard logins: password check, rate limits, database-backed sessions, CSRF.

The cookie holds 32 random bytes; the `admin_sessions` table keeps only their
SHA-256, so any server process accepts the session and a copy of the database
gives no one a login. The CSRF token of a session is an HMAC of its secret token,
so it needs no storage and changes with every login.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sync.server import admin
from sync.server.auth import new_secret, secret_hash
from sync.server.context import ServerSettings
from sync.server.db import Database, aware
from sync.server.models import AdminAccount, AdminSession, RateEvent

log = logging.getLogger("hocvu.server.dashboard")

IDLE = timedelta(hours=8)
LONGEST = timedelta(hours=24)
# A session's last_seen is written at most this often: one write per page is waste.
TOUCH_EVERY = timedelta(minutes=5)
# An Argon2id hash to check against when the account does not exist, so that a
# wrong username costs as long as a wrong password.
_DUMMY_HASH = admin.hash_password("not a password of anyone")


@dataclass(frozen=True)
class SignedIn:
    """The admin behind a request."""

    session_id: int
    admin_id: int
    username: str
    role: str
    unit_id: int
    csrf: str


class LoginRefused(Exception):
    def __init__(self, message_id: str) -> None:
        self.message_id = message_id
        super().__init__(message_id)


def csrf_token(token: str) -> str:
    return hmac.new(token.encode(), b"hocvu-dashboard-csrf", hashlib.sha256).hexdigest()


def csrf_matches(token: str, offered: str | None) -> bool:
    return offered is not None and hmac.compare_digest(csrf_token(token), offered)


def _rate_keys(source: str | None, username: str) -> dict[str, str]:
    account = hashlib.sha256(username.casefold().encode()).hexdigest()[:32]
    keys = {"account": f"login:{account}"}
    if source:
        keys["source"] = f"login-ip:{source}"[:100]
    return keys


def log_in(
    session: Session,
    settings: ServerSettings,
    username: str,
    password: str,
    source: str | None,
    now: datetime,
) -> tuple[str, SignedIn]:
    """A new session token for a right password; LoginRefused otherwise. Failures
    are counted per source address and per account name, and audited without the
    password."""
    keys = _rate_keys(source, username)
    limits = {keys["account"]: settings.rate_per_code}
    if "source" in keys:
        limits[keys["source"]] = settings.rate_per_source
    since = now - settings.rate_window
    for key, limit in limits.items():
        count = session.scalar(
            select(func.count()).where(RateEvent.key == key, RateEvent.at > since)
        )
        if count >= limit:
            admin.audit(session, username[:200], "login-refused", None, reason="rate limit")
            raise LoginRefused("login.too_many")
    account = session.scalar(select(AdminAccount).where(AdminAccount.username == username))
    good = admin.check_password(password, account.password_hash if account else _DUMMY_HASH)
    if account is None or not good or account.disabled:
        session.execute(delete(RateEvent).where(RateEvent.key.in_(limits), RateEvent.at < since))
        session.add_all(RateEvent(key=key, at=now) for key in limits)
        admin.audit(session, username[:200], "login-failed", None, source=source)
        log.warning("failed dashboard login from %s", source or "an unknown address")
        raise LoginRefused("login.wrong")
    token = new_secret()
    row = AdminSession(
        token_hash=secret_hash(token), admin_id=account.id, created=now, last_seen=now
    )
    session.add(row)
    session.flush()
    admin.audit(session, account.username, "login", f"admin:{account.username}", source=source)
    return token, SignedIn(
        row.id, account.id, account.username, account.role, account.unit_id, csrf_token(token)
    )


def signed_in(db: Database, token: str | None, now: datetime) -> SignedIn | None:
    """The admin a session cookie belongs to, if the session is alive. Reads only,
    except every few minutes (to move the idle deadline) or to drop a dead session:
    a write per page would queue every page behind the devices' pushes on SQLite."""
    if not token:
        return None
    with db.read() as session:
        row = session.execute(
            select(AdminSession, AdminAccount)
            .join(AdminAccount, AdminAccount.id == AdminSession.admin_id)
            .where(AdminSession.token_hash == secret_hash(token))
        ).first()
    if row is None:
        return None
    record, account = row
    alive = not (
        account.disabled
        or aware(record.last_seen) + IDLE < now
        or aware(record.created) + LONGEST < now
    )
    if not alive or aware(record.last_seen) + TOUCH_EVERY < now:
        with db.write() as session:
            if alive:
                session.execute(
                    update(AdminSession).where(AdminSession.id == record.id).values(last_seen=now)
                )
            else:
                session.execute(delete(AdminSession).where(AdminSession.id == record.id))
    if not alive:
        return None
    return SignedIn(
        record.id, account.id, account.username, account.role, account.unit_id, csrf_token(token)
    )


def log_out(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(AdminSession).where(AdminSession.token_hash == secret_hash(token)))
