"""The server's data on disk: owner-only permissions, a clear refusal to start on a data
folder it cannot write, and 503 with Retry-After when the disk fails at run time."""

from __future__ import annotations

import errno
import logging
import os
import stat

import pytest
from sqlalchemy import event

from sync.server import context as server_context
from sync.server.cli import main as server_main
from sync.server.context import DATABASE_FILE, DataFolderUnusable, ServerContext, ServerSettings

from .conftest import bearer, enrol
from .test_server_api import statement, stored_count

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_folder_and_database_files_are_owner_only(tmp_path):
    settings = ServerSettings(data_dir=tmp_path / "server")
    ctx = ServerContext(settings)
    ctx.db.migrate()
    with ctx.db.write() as session:
        session.execute(__import__("sqlalchemy").text("select 1"))
        modes = {
            p.name: mode(p) for p in settings.data_dir.iterdir() if p.name.startswith(DATABASE_FILE)
        }
    ctx.db.dispose()
    assert mode(settings.data_dir) == 0o700
    assert set(modes) >= {DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm"}
    assert set(modes.values()) == {0o600}, modes


def test_wider_permissions_found_at_start_are_narrowed_with_a_warning(tmp_path, caplog):
    folder = tmp_path / "server"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (folder / DATABASE_FILE).touch()
    (folder / DATABASE_FILE).chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="hocvu.server"):
        ServerContext(ServerSettings(data_dir=folder)).db.dispose()
    assert mode(folder) == 0o700 and mode(folder / DATABASE_FILE) == 0o600
    assert "readable by other accounts" in caplog.text and "755" in caplog.text


def test_a_data_folder_that_takes_no_writes_stops_the_start_with_a_clear_message(
    tmp_path, monkeypatch, capsys
):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    # Root ignores permission bits, so the read-only file system is simulated.
    monkeypatch.setattr(server_context.tempfile, "TemporaryFile", read_only)
    with pytest.raises(DataFolderUnusable, match="cannot be written"):
        ServerContext(ServerSettings(data_dir=tmp_path / "server"))
    code = server_main(["--data-dir", str(tmp_path / "server"), "--port", "1"])
    err = capsys.readouterr().err
    assert code == 1
    assert "cannot be written (Read-only file system)" in err and "--data-dir" in err


def test_a_disk_that_fails_at_run_time_answers_503_with_retry_after(api, ctx, world):
    device = enrol(api, world.alice_code)
    if ctx.db.dialect == "sqlite":
        engine = ctx.db.write_engine

        @event.listens_for(engine, "connect")
        def read_only(connection, _record):
            connection.execute("PRAGMA query_only = ON")

        engine.dispose()
    else:
        engine = ctx.db.engine

        @event.listens_for(engine, "connect")
        def read_only(connection, _record):
            with connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")

        engine.dispose()
    response = api.post(
        "/api/v1/statements",
        json={"statements": [statement(device["profile_id"])]},
        headers=bearer(device["device_token"]),
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    problem = response.json()
    assert problem["code"] == "server.storage_unavailable"
    assert problem["values"]["retry_after_s"] == 60
    event.remove(engine, "connect", read_only)
    engine.dispose()
    assert stored_count(ctx) == 0
