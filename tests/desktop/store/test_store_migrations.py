"""Schema migrations, tested from every released schema: each version has a saved
database (an SQL dump under fixtures/) that the current code must open and read."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from desktop.store import CertificateStatus, Store
from desktop.store.database import open_database
from desktop.store.migrations import (
    APPLICATION_ID,
    CURRENT_VERSION,
    MIGRATIONS,
    Migration,
    migrate,
    read_header,
)
from desktop.store.schema import Base
from tests.desktop.store.learner_logs import CHEAP_KDF, L1

FIXTURES = Path(__file__).parent / "fixtures"
RELEASED = sorted(FIXTURES.glob("store_v*.sql"))


def _load(fixture: Path, path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.executescript(fixture.read_text(encoding="utf-8"))
    raw.close()


def _schema(path: Path) -> dict[str, object]:
    """Tables with their columns, keys and indexes, as SQLite reports them."""
    with sqlite3.connect(path) as raw:
        tables = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        found: dict[str, object] = {}
        for table in tables:
            indexes = {}
            for _, name, unique, origin, partial in raw.execute(f"PRAGMA index_list({table})"):
                columns = [r[2] for r in raw.execute(f"PRAGMA index_info('{name}')")]
                key = name if origin == "c" else (origin, tuple(columns))
                indexes[key] = (unique, origin, partial, tuple(columns))
            found[table] = {
                "columns": raw.execute(f"PRAGMA table_info({table})").fetchall(),
                "foreign_keys": raw.execute(f"PRAGMA foreign_key_list({table})").fetchall(),
                "indexes": indexes,
            }
    raw.close()
    return found


def test_every_released_schema_version_has_a_saved_database():
    assert [p.name for p in RELEASED] == [f"store_v{v}.sql" for v in range(1, CURRENT_VERSION + 1)]


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_a_saved_store_of_a_released_version_opens_and_reads_after_upgrade(fixture, tmp_path):
    path = tmp_path / "learners.sqlite"
    _load(fixture, path)

    with Store.open(path, kdf_params=CHEAP_KDF) as store:
        with sqlite3.connect(path) as raw:
            assert read_header(raw) == (APPLICATION_ID, CURRENT_VERSION)
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        raw.close()
        profiles = {p.display_name: p for p in store.profiles()}
        assert set(profiles) == {"Lan (v1)", "Minh"}

        lan = store.unlock(profiles["Lan (v1)"].profile_id, "fixture passphrase v1")
        assert len(lan.statements()) == 9
        assert lan.pending_count() == 6
        assert lan.device_token == "device-token-v1"
        [certificate] = lan.certificates()
        assert (certificate.level, certificate.status) == (1, CertificateStatus.PROVISIONAL)
        [missed] = lan.review_schedule()
        assert missed.item_id == "file-names"
        lan.lesson_opened(L1, 1, "l1-a1-files")
        assert lan.pending_count() == 7

        minh = store.unlock(profiles["Minh"].profile_id, "another fixture passphrase")
        assert len(minh.statements()) == 1


def test_migrations_build_exactly_the_schema_the_models_describe(tmp_path):
    migrated = tmp_path / "migrated.sqlite"
    open_database(migrated).dispose()
    modelled = tmp_path / "modelled.sqlite"
    engine = create_engine(f"sqlite:///{modelled}")
    Base.metadata.create_all(engine)
    engine.dispose()
    assert _schema(migrated) == _schema(modelled)


def test_a_new_file_is_created_at_the_current_version_with_our_application_id(tmp_path):
    path = tmp_path / "sub" / "learners.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as raw:
        assert read_header(raw) == (APPLICATION_ID, CURRENT_VERSION)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    raw.close()


def test_an_upgrade_applies_the_next_steps_and_keeps_the_data(tmp_path):
    path = tmp_path / "learners.sqlite"
    _load(RELEASED[0], path)
    with sqlite3.connect(path) as raw:
        before = raw.execute("SELECT seq, id, body FROM statements ORDER BY seq").fetchall()
    raw.close()
    later = (
        *MIGRATIONS,
        Migration(
            CURRENT_VERSION + 1,
            "an example later step",
            ("CREATE TABLE bookmarks (profile_id VARCHAR(36) NOT NULL, body BLOB NOT NULL)",),
        ),
    )
    open_database(path, later).dispose()
    with sqlite3.connect(path) as raw:
        assert read_header(raw)[1] == CURRENT_VERSION + 1
        assert raw.execute("SELECT seq, id, body FROM statements ORDER BY seq").fetchall() == before
        assert raw.execute("SELECT count(*) FROM bookmarks").fetchone() == (0,)
    raw.close()


def test_a_failing_step_leaves_the_file_at_its_old_version_unchanged(tmp_path):
    path = tmp_path / "learners.sqlite"
    _load(RELEASED[0], path)
    broken = (
        *MIGRATIONS,
        Migration(
            CURRENT_VERSION + 1,
            "a step that fails half way",
            (
                "CREATE TABLE bookmarks (body BLOB)",
                "INSERT INTO no_such_table VALUES (1)",
            ),
        ),
    )
    raw = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        migrate(raw, broken)
    assert read_header(raw)[1] == CURRENT_VERSION
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "bookmarks" not in tables
    raw.close()


def test_migrations_must_be_numbered_without_gaps(tmp_path):
    raw = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    with pytest.raises(ValueError, match="without gaps"):
        migrate(raw, (*MIGRATIONS, Migration(CURRENT_VERSION + 2, "gap", ())))
    raw.close()
