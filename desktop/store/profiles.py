"""The store file and its profiles: create, list, unlock, change passphrase, delete.

    store = Store.open(data_dir / STORE_FILE_NAME)
    store.profiles()                                  -> [ProfileInfo] for the unlock screen
    learner = store.create_profile("Lan", passphrase) -> UnlockedProfile
    learner = store.unlock(profile_id, passphrase)    -> UnlockedProfile
    store.change_passphrase(profile_id, old, new)
    store.delete_profile(profile_id, passphrase)
    store.close()

Several profiles share the file; each has its own random data key, wrapped by a
key derived from its own passphrase, so none can read another's rows. Unlocking
tells three failures apart: `WrongPassphrase` (the key record is intact and the
passphrase does not unwrap it), `ProfileDamaged` (the key record fails its
passphrase-free check) and, when opening, `ForeignFile` / `StoreDamaged`.

Argon2id parameters are chosen when a profile is created or its passphrase
changed: by default tuned on this computer (`crypto.tune_kdf`, never below
RFC 9106's 64 MiB, t=3, p=1), and stored with the profile, so they can be raised
later without touching the data. Tests pass cheap `kdf_params` to `Store.open`.
"""

from __future__ import annotations

import hmac
import os
import sqlite3
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from sqlalchemy import Engine, delete, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sync.xapi import now_iso

from . import settings
from .crypto import (
    SALT_BYTES,
    KdfParams,
    RowCipher,
    derive_wrapping_key,
    key_record_check,
    new_data_key,
    tune_kdf,
    unwrap_data_key,
    wrap_data_key,
)
from .database import open_database
from .errors import (
    ProfileDamaged,
    ProfileNotFound,
    StoreDamaged,
    WeakPassphrase,
    WrongPassphrase,
)
from .passphrase import MINIMUM_LENGTH, passphrase_hint
from .schema import CertificateRow, ProfileRow, SettingRow, StatementRow
from .unlocked import UnlockedProfile

STORE_FILE_NAME = "learners.sqlite"
MAX_DISPLAY_NAME = 80


@dataclass(frozen=True)
class ProfileInfo:
    """What the unlock screen may show before any passphrase is typed."""

    profile_id: str
    display_name: str
    kdf: KdfParams


class Store:
    """One learner store file. Use from one thread at a time (the app's database worker)."""

    def __init__(self, path: Path, engine: Engine, kdf_params: KdfParams | None) -> None:
        self.path = path
        self._engine = engine
        self._kdf_params = kdf_params
        self._unlocked: weakref.WeakSet[UnlockedProfile] = weakref.WeakSet()

    @classmethod
    def open(cls, path: Path | str, *, kdf_params: KdfParams | None = None) -> Store:
        """Open (or create) the store at `path`. `kdf_params` fixes the Argon2id cost of
        profiles created or re-keyed from now on; None tunes it on this computer."""
        path = Path(path)
        return cls(path, open_database(path), kdf_params)

    def close(self) -> None:
        """Lock every profile unlocked from this store and close the file."""
        for profile in list(self._unlocked):
            profile.lock()
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _unit(self) -> Iterator[Session]:
        """One unit of work: a session in a transaction, committed on success. SQLite's
        word that the file is corrupt becomes StoreDamaged."""
        try:
            with (
                Session(self._engine, autoflush=False, expire_on_commit=False) as session,
                session.begin(),
            ):
                yield session
        except DBAPIError as error:
            if _is_damage(error):
                raise StoreDamaged(self.path, str(error.orig)) from error
            raise

    # -------------------------------------------------------------- profiles

    def profiles(self) -> list[ProfileInfo]:
        with self._unit() as session:
            rows = session.scalars(select(ProfileRow)).all()
            found = [ProfileInfo(row.id, row.display_name, _params(row)) for row in rows]
        found.sort(key=lambda p: (p.display_name.casefold(), p.profile_id))
        return found

    def create_profile(self, display_name: str, passphrase: str) -> UnlockedProfile:
        """Create a profile and return it unlocked (deriving the key once, not twice).

        The display name is stored in plain text so the unlock screen can list it."""
        name = " ".join(display_name.split())
        if not name or len(name) > MAX_DISPLAY_NAME:
            raise ValueError(f"A display name needs 1 to {MAX_DISPLAY_NAME} characters.")
        _check_new_passphrase(passphrase)
        params = self._kdf_params or tune_kdf()
        profile_id = str(uuid.uuid4())
        data_key = new_data_key()
        salt = os.urandom(SALT_BYTES)
        wrapped = wrap_data_key(derive_wrapping_key(passphrase, salt, params), profile_id, data_key)
        cipher = RowCipher(profile_id, data_key)
        values = settings.ProfileSettings(self.path, cipher)
        with self._unit() as session:
            session.add(
                ProfileRow(
                    id=profile_id,
                    display_name=name,
                    kdf_salt=salt,
                    kdf_memory_kib=params.memory_kib,
                    kdf_iterations=params.iterations,
                    kdf_lanes=params.lanes,
                    wrapped_key=wrapped,
                    key_check=key_record_check(profile_id, salt, params, wrapped),
                )
            )
            session.flush()
            values.put(session, settings.DEVICE_ID, str(uuid.uuid4()))
            values.put(session, settings.CREATED_AT, now_iso())
        return self._unlocking(profile_id, name, data_key)

    def unlock(self, profile_id: str, passphrase: str) -> UnlockedProfile:
        with self._unit() as session:
            row = self._row(session, profile_id)
            data_key = self._data_key(row, passphrase)
            name = row.display_name
        return self._unlocking(profile_id, name, data_key)

    def change_passphrase(self, profile_id: str, old: str, new: str) -> None:
        """Re-wrap the data key under the new passphrase, with a new salt and parameters
        at least as costly as before. No encrypted row changes."""
        _check_new_passphrase(new)
        with self._unit() as session:
            row = self._row(session, profile_id)
            data_key = self._data_key(row, old)
            params = (self._kdf_params or tune_kdf()).at_least(_params(row))
            salt = os.urandom(SALT_BYTES)
            wrapped = wrap_data_key(derive_wrapping_key(new, salt, params), profile_id, data_key)
            row.kdf_salt = salt
            row.kdf_memory_kib = params.memory_kib
            row.kdf_iterations = params.iterations
            row.kdf_lanes = params.lanes
            row.wrapped_key = wrapped
            row.key_check = key_record_check(profile_id, salt, params, wrapped)

    def delete_profile(self, profile_id: str, passphrase: str) -> None:
        """Delete a profile and everything in it; its passphrase is required. Deleted
        pages are zeroed (secure_delete) and the WAL is truncated so no old copy stays."""
        with self._unit() as session:
            row = self._row(session, profile_id)
            self._data_key(row, passphrase)
            for table in (StatementRow, SettingRow, CertificateRow):
                session.execute(delete(table).where(table.profile_id == profile_id))
            session.delete(row)
        with self._engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))

    # -------------------------------------------------------------- internals

    def _unlocking(self, profile_id: str, name: str, data_key: bytes) -> UnlockedProfile:
        profile = UnlockedProfile(self.path, self._unit, profile_id, name, data_key)
        self._unlocked.add(profile)
        return profile

    def _row(self, session: Session, profile_id: str) -> ProfileRow:
        row = session.get(ProfileRow, profile_id)
        if row is None:
            raise ProfileNotFound(profile_id)
        return row

    def _data_key(self, row: ProfileRow, passphrase: str) -> bytes:
        params = _params(row)
        expected = key_record_check(row.id, row.kdf_salt, params, row.wrapped_key)
        intact = (
            hmac.compare_digest(expected, row.key_check or b"")
            and len(row.kdf_salt) >= 8
            and params.lanes >= 1
            and params.iterations >= 1
            and params.memory_kib >= 8 * params.lanes
        )
        if not intact:
            raise ProfileDamaged(self.path, row.display_name)
        wrapping_key = derive_wrapping_key(passphrase, row.kdf_salt, params)
        try:
            return unwrap_data_key(wrapping_key, row.id, row.wrapped_key)
        except InvalidTag:
            raise WrongPassphrase(row.display_name) from None


_DAMAGE = ("malformed", "not a database", "no such table", "no such column")


def _is_damage(error: DBAPIError) -> bool:
    return isinstance(error.orig, sqlite3.DatabaseError) and any(
        phrase in str(error.orig) for phrase in _DAMAGE
    )


def _params(row: ProfileRow) -> KdfParams:
    return KdfParams(row.kdf_memory_kib, row.kdf_iterations, row.kdf_lanes)


def _check_new_passphrase(passphrase: str) -> None:
    if not passphrase_hint(passphrase).acceptable:
        raise WeakPassphrase(MINIMUM_LENGTH)
