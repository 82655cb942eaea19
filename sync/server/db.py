"""The server's database: engine, units of work and migrations.

SQLite (the default, one file) runs in WAL mode with a busy timeout, and every
write transaction starts with `BEGIN IMMEDIATE`: several server threads or
processes then queue for the write lock instead of failing when a transaction
that has read tries to write. PostgreSQL is reached through psycopg 3.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalise_url(url: str) -> str:
    """Accept the usual spellings of a PostgreSQL URL and use psycopg 3 for all."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str, *, pool_size: int = 10, writer: bool = False) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        options: dict = {"connect_args": {"check_same_thread": False, "timeout": 30}}
        if writer:
            # One connection for all of this process's writes: threads queue for it in
            # the pool (a condition variable, not SQLite's sleeping busy handler), and
            # its page cache stays valid between transactions because no other
            # connection of the process writes. Other processes still queue through
            # busy_timeout.
            options.update(pool_size=1, max_overflow=0, pool_timeout=300)
        engine = create_engine(url, **options)
        _sqlite_pragmas(engine)
        return engine
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see `_begin`).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # WAL with synchronous=NORMAL survives a killed process (not a power cut of
        # the last transactions); the server's clients resend anything unacknowledged.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        # 64 MiB of page cache keeps the statement-id index in memory at a million rows.
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """One engine and its units of work: `read()` and `write()` each yield a session
    whose transaction commits when the block ends without an exception."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        # The server's data folder, when known (`ServerContext` sets it): migrations
        # that read pack files need it.
        self.data_dir: Path | None = None
        self.url = normalise_url(url)
        self.engine = make_engine(self.url, pool_size=pool_size)
        self.dialect = self.engine.dialect.name
        writer = self.engine
        if self.dialect == "sqlite":
            self.write_engine = make_engine(self.url, writer=True)
            writer = self.write_engine.execution_options(sqlite_immediate=True)
        self._read = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self._write = sessionmaker(writer, expire_on_commit=False, autoflush=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write() as session, session.begin():
            yield session

    def migrate(self) -> None:
        upgrade(self.engine, data_dir=self.data_dir)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.dialect == "sqlite":
            self.write_engine.dispose()


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head", *, data_dir: Path | None = None) -> None:
    """Bring the database to `revision` (the server does this at every start).
    `data_dir` lets a migration read the pack files (without it, what they hold is
    read from the manifests alone)."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        config.attributes["data_dir"] = data_dir
        command.upgrade(config, revision)


def now() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without a zone; the server stores UTC only."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
