"""Schema versions of the learner store and the steps between them.

The file records its version in `PRAGMA user_version` and identifies itself
with `PRAGMA application_id` (both live in the SQLite header). Version 1 is the
first released schema. Each later change appends one `Migration` to
`MIGRATIONS`, written as literal SQL: a step must keep doing exactly what it
did when it shipped, whatever the models in `schema` say by then. A saved v1
database under `tests/desktop/store/fixtures/` is migrated by the tests, and
every released version gets such a fixture.

All pending steps and the new version number are applied in one transaction,
so an interrupted upgrade leaves the file at its old version. Steps are plain
SQL because the store cannot decrypt anything while it upgrades: no key is
unlocked then.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

# "HVS1" in ASCII: marks the file as a Học Vụ Số learner store for `file(1)` and for us.
APPLICATION_ID = 0x48565331


@dataclass(frozen=True)
class Migration:
    version: int
    summary: str
    sql: tuple[str, ...]


_V1 = (
    """CREATE TABLE profiles (
        id VARCHAR(36) NOT NULL,
        display_name TEXT NOT NULL,
        kdf_salt BLOB NOT NULL,
        kdf_memory_kib INTEGER NOT NULL,
        kdf_iterations INTEGER NOT NULL,
        kdf_lanes INTEGER NOT NULL,
        wrapped_key BLOB NOT NULL,
        key_check BLOB NOT NULL,
        PRIMARY KEY (id)
    )""",
    """CREATE TABLE profile_settings (
        profile_id VARCHAR(36) NOT NULL,
        name VARCHAR(64) NOT NULL,
        body BLOB NOT NULL,
        PRIMARY KEY (profile_id, name),
        FOREIGN KEY(profile_id) REFERENCES profiles (id) ON DELETE CASCADE
    )""",
    """CREATE TABLE statements (
        seq INTEGER NOT NULL,
        profile_id VARCHAR(36) NOT NULL,
        id VARCHAR(36) NOT NULL,
        synced BOOLEAN DEFAULT 0 NOT NULL,
        body BLOB NOT NULL,
        PRIMARY KEY (seq),
        CONSTRAINT uq_statements_profile_statement UNIQUE (profile_id, id),
        FOREIGN KEY(profile_id) REFERENCES profiles (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_statements_profile_seq ON statements (profile_id, seq)",
    "CREATE INDEX ix_statements_pending ON statements (profile_id, synced, seq)",
    """CREATE TABLE certificates (
        profile_id VARCHAR(36) NOT NULL,
        statement_id VARCHAR(36) NOT NULL,
        body BLOB NOT NULL,
        PRIMARY KEY (profile_id, statement_id),
        FOREIGN KEY(profile_id) REFERENCES profiles (id) ON DELETE CASCADE
    )""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "first released schema: profiles, settings, statements, certificates", _V1),
)
CURRENT_VERSION = MIGRATIONS[-1].version


def read_header(connection: sqlite3.Connection) -> tuple[int, int]:
    """(application_id, user_version) of an open SQLite file."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    return application_id, version


def migrate(
    connection: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS
) -> tuple[int, int]:
    """Bring the file up to the last of `migrations`; return (version before, after).

    The caller has checked that the file is ours (or empty) and not newer than the
    last step. The connection must be in autocommit mode (isolation_level None), so
    that this function owns the transaction."""
    _, before = read_header(connection)
    steps = [m for m in migrations if m.version > before]
    if not steps:
        return before, before
    _check_sequence(migrations)
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have upgraded meanwhile.
        _, before = read_header(connection)
        for step in (m for m in migrations if m.version > before):
            for sql in step.sql:
                connection.execute(sql)
            connection.execute(f"PRAGMA user_version = {int(step.version)}")
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return before, read_header(connection)[1]


def _check_sequence(migrations: Sequence[Migration]) -> None:
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migration versions must run 1, 2, 3 … without gaps: {versions}")
