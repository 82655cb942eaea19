"""Opening the store's SQLite file: recognising it, upgrading it, and the settings
every connection gets.

- WAL journal, so that a reader never blocks the writer and a killed process
  leaves a consistent file.
- `synchronous=NORMAL`. In WAL mode a commit is then written to the WAL file (the
  OS has it) before the call returns, and fsynced at checkpoints. A statement
  whose `record()` returned survives the app being killed or crashing, which is
  what the crash test checks; only a power cut or kernel crash in the next moments
  may lose the last commits, and even then the file stays consistent. FULL would
  add an fsync to every statement, whose cost depends on the laptop's disk and
  OS and has no upper bound, to protect only the last moments of learning before
  a power cut (on the development machine it doubled the p95 of a record).
- `secure_delete=ON`: deleted content (a deleted profile) is overwritten with
  zeros, not left in free pages.
- `foreign_keys=ON`, so deleting a profile deletes its rows.
- `temp_store=MEMORY`: sorts and temporary indices never touch the disk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from content.files import make_private

from .errors import ForeignFile, StoreDamaged, StoreTooNew
from .migrations import APPLICATION_ID, CURRENT_VERSION, MIGRATIONS, Migration, migrate, read_header

SQLITE_MAGIC = b"SQLite format 3\x00"
TABLES = frozenset({"profiles", "profile_settings", "statements", "certificates"})
BUSY_TIMEOUT_MS = 5000


def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
    finally:
        cursor.close()


def open_database(path: Path, migrations: tuple[Migration, ...] = MIGRATIONS) -> Engine:
    """An engine on the store at `path`, created if missing and upgraded if older.

    Raises ForeignFile for a file that is not ours, StoreTooNew for one from a newer
    app, StoreDamaged for one of ours that SQLite cannot read."""
    _refuse_non_sqlite(path)
    make_private(path.parent, path.name)
    known = migrations[-1].version if migrations else 0
    try:
        _prepare(path, migrations, known)
    except sqlite3.DatabaseError as error:
        raise StoreDamaged(path, str(error)) from error
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _configure)
    return engine


def _refuse_non_sqlite(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise ForeignFile(path, "it is a folder") from None
    if head and head != SQLITE_MAGIC:
        raise ForeignFile(path, "it is not an SQLite database")


def _prepare(path: Path, migrations: tuple[Migration, ...], known: int) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        _configure(connection, None)
        application_id, version = read_header(connection)
        tables = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if application_id == 0 and version == 0:
            if tables:
                raise ForeignFile(path, "it is another program's database")
        elif application_id != APPLICATION_ID:
            raise ForeignFile(path, f"its application id is {application_id:#x}")
        elif version > known:
            raise StoreTooNew(path, version, known)
        elif not tables >= TABLES and version == CURRENT_VERSION:
            missing = ", ".join(sorted(TABLES - tables))
            raise StoreDamaged(path, f"tables missing: {missing}")
        migrate(connection, migrations)
    finally:
        connection.close()
