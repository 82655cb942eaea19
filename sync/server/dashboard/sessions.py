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
import math
import os
import threading
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
    def __init__(self, message_id: str, wait_s: int = 0) -> None:
        self.message_id = message_id
        self.wait_s = wait_s
        super().__init__(message_id)


def csrf_token(token: str) -> str:
    return hmac.new(token.encode(), b"hocvu-dashboard-csrf", hashlib.sha256).hexdigest()


def csrf_matches(token: str, offered: str | None) -> bool:
    # As bytes: compare_digest refuses str with non-ASCII letters, which a form may hold.
    return offered is not None and hmac.compare_digest(
        csrf_token(token).encode(), offered.encode("utf-8", "surrogatepass")
    )


def _pair_key(source: str | None, username: str) -> str:
    """Failures are counted per (account, address): a stranger's failures elsewhere never
    slow the account's owner down, and the key holds no name in clear."""
    pair = f"{username.casefold()}\0{source or '?'}".encode()
    return f"login:{hashlib.sha256(pair).hexdigest()[:40]}"


def throttle_wait(
    session: Session, settings: ServerSettings, username: str, source: str | None, now: datetime
) -> int:
    """Seconds this (account, address) must still wait before its next try: none for
    the first `login_free_failures` failures in the window, then a delay that doubles
    with each further failure, up to `login_delay_cap`."""
    key = _pair_key(source, username)
    since = now - settings.rate_window
    count, last = session.execute(
        select(func.count(), func.max(RateEvent.at)).where(
            RateEvent.key == key, RateEvent.at > since
        )
    ).one()
    extra = count - settings.login_free_failures
    if extra < 0 or last is None:
        return 0
    delay = min(2 ** min(extra, 20), settings.login_delay_cap.total_seconds())
    left = (aware(last) + timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(left))


def find_account(session: Session, username: str) -> AdminAccount | None:
    return session.scalar(select(AdminAccount).where(AdminAccount.username == username))


# Argon2id is deliberately costly (64 MiB, about 0.4 s of a core): at most half the
# cores hash at once, so a flood of failed logins queues here instead of starving the
# devices' pushes of CPU.
_HASHING = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2) // 2))


def password_matches(account: AdminAccount | None, password: str) -> bool:
    """Called outside any transaction, so that failed logins never hold the database's
    write lock while they hash."""
    with _HASHING:
        good = admin.check_password(password, account.password_hash if account else _DUMMY_HASH)
    return good and account is not None and not account.disabled


def record_failure(
    session: Session, settings: ServerSettings, username: str, source: str | None, now: datetime
) -> None:
    key = _pair_key(source, username)
    session.execute(
        delete(RateEvent).where(RateEvent.key == key, RateEvent.at < now - settings.rate_window)
    )
    session.add(RateEvent(key=key, at=now))
    admin.audit(session, username[:200], "login-failed", None, source=source)
    log.warning("failed dashboard login from %s", source or "an unknown address")


def start_session(
    session: Session, account: AdminAccount, source: str | None, now: datetime
) -> tuple[str, SignedIn]:
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


def log_in(
    db: Database,
    settings: ServerSettings,
    username: str,
    password: str,
    source: str | None,
    now: datetime,
) -> tuple[str, SignedIn]:
    """A new session token for a right password; LoginRefused otherwise (with the
    seconds to wait when throttled). Every failure and throttle is audited, without
    the password. Blocking: run it in a worker thread."""
    with db.read() as session:
        wait = throttle_wait(session, settings, username, source, now)
        account = find_account(session, username)
    if wait:
        with db.write() as session:
            admin.audit(
                session, username[:200], "login-throttled", None, source=source, wait_s=wait
            )
        raise LoginRefused("login.too_many", wait)
    if not password_matches(account, password):
        with db.write() as session:
            record_failure(session, settings, username, source, now)
        raise LoginRefused("login.wrong")
    with db.write() as session:
        return start_session(session, account, source, now)


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
