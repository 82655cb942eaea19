"""`hocvu admin` and `hocvu server` as an administrator runs them."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import time

import pytest
import requests
from sqlalchemy import select

from sync.client import ServerUnreachable, SyncClient
from sync.server.admin_cli import main as admin
from sync.server.models import AuditEntry

from .conftest import ROOT, free_port, make_pack
from .tls import self_signed


def run(ctx, capsys, *args: str) -> str:
    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    code = admin([*base, *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_admin_builds_a_ministry_and_everything_is_audited(ctx, capsys, dev, tmp_path):
    ministry = re.search(r"unit (\d+)", run(ctx, capsys, "add-unit", "Bộ", "--kind", "ministry"))
    mission = run(
        ctx, capsys, "add-unit", "ĐSQ Tokyo", "--kind", "mission", "--parent", ministry[1]
    )
    mission_id = re.search(r"unit (\d+)", mission)[1]
    assert "ĐSQ Tokyo" in run(ctx, capsys, "list-units")
    learner = re.search(
        r"learner (\S+):", run(ctx, capsys, "add-learner", "Lê Văn C", "--unit", mission_id)
    )[1]
    code = run(ctx, capsys, "enrolment-code", learner).strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    pack = make_pack(dev, tmp_path / "demo.hvpack", version=4, created=dt.datetime.now(dt.UTC))
    assert "version 4" in run(ctx, capsys, "add-pack", str(pack))
    assert "due 2027-06-30" in run(
        ctx,
        capsys,
        "assign",
        "--pack",
        "vn.mofa.dl.demo",
        "--unit",
        ministry[1],
        "--due",
        "2027-06-30",
    )
    keys = json.loads(run(ctx, capsys, "server-keys"))
    assert keys == ctx.keys.public()
    secret = run(ctx, capsys, "add-xapi-client", "LMS", "--unit", ministry[1])
    assert "secret:" in secret
    with ctx.db.read() as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        details = " ".join(d or "" for d in session.scalars(select(AuditEntry.detail)))
    assert actions == [
        "create-unit",
        "create-unit",
        "create-learner",
        "create-enrolment-code",
        "add-pack",
        "assign",
        "add-xapi-client",
    ]
    assert code not in details


def test_admin_errors_are_one_clear_line(ctx, capsys, tmp_path):
    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    assert admin([*base, "add-learner", "X", "--unit", "99"]) == 1
    assert "no unit 99" in capsys.readouterr().err
    bogus = tmp_path / "bogus.hvpack"
    bogus.write_bytes(b"not a zip")
    assert admin([*base, "add-pack", str(bogus)]) == 1
    assert "not a readable ZIP" in capsys.readouterr().err


def test_server_serves_tls_directly_and_the_client_verifies_it(tmp_path):
    cert, key = self_signed(tmp_path)
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "hocvu",
        "server",
        "--port",
        str(port),
        "--data-dir",
        str(tmp_path / "data"),
        "--cert",
        str(cert),
        "--key",
        str(key),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT)
    url = f"https://localhost:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{url}/openapi.json", verify=str(cert), timeout=1)
                break
            except requests.RequestException:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("the TLS server did not start")
                time.sleep(0.1)
        with SyncClient(url, ca_bundle=cert) as client:
            assert client.about()["api_version"] == 1
        with SyncClient(url) as client, pytest.raises(ServerUnreachable, match="TLS certificate"):
            client.about()
    finally:
        server.terminate()
        server.wait(timeout=20)
