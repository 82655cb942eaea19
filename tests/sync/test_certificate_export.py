"""The certificate export for the national identity platform: every certificate of
the scope, each verifying offline with the issuer key the export names."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from content import keys
from sync.certificates import verify_certificate
from sync.server import certificate_export
from sync.server.admin_cli import main as admin
from sync.server.models import AuditEntry

from .reporting_world import Ministry, build_ministry


@pytest.fixture
def ministry(ctx) -> Ministry:
    return build_ministry(ctx)


def test_export_holds_the_scopes_certificates_and_each_verifies_offline(ctx, ministry):
    public = ctx.keys.signing.public_key()
    with ctx.db.read() as session:
        data = json.loads(certificate_export.export_json(session, ministry.root, ctx.keys.signing))
    assert data["schema"] == "urn:hocvu:certificate-export"
    assert data["schema_version"] == 1
    assert data["issuer"]["key_id"] == keys.key_id(public)
    issuer = keys.public_from_b64(data["issuer"]["public_key"])
    got = sorted((c["learner"]["name"], c["level"]) for c in data["certificates"])
    assert got == [
        ("Lê Minh Chi", 1),
        ("Lê Minh Chi", 2),
        ("Nguyễn Thị An", 1),
        ("Phạm Dũng", 1),
        ("Phạm Dũng", 1),
    ]
    for certificate in data["certificates"]:
        body = verify_certificate(certificate["document"], issuer)
        assert body["id"] == certificate["certificate_id"]
        assert body["level"] == certificate["level"]
        assert certificate["competence_areas"] == [1, 2, 3, 4, 5, 6]
        assert set(certificate["learner"]) == {"staff_ref", "name"}


def test_a_changed_certificate_in_the_export_no_longer_verifies(ctx, ministry):
    with ctx.db.read() as session:
        data = certificate_export.export(session, ministry.root, ctx.keys.signing)
    document = data["certificates"][0]["document"]
    document["certificate"]["level"] = 4
    with pytest.raises(ValueError, match="signature"):
        verify_certificate(document, keys.public_from_b64(data["issuer"]["public_key"]))


def test_export_certificates_command_keeps_to_its_unit_and_is_audited(
    ctx, ministry, capsys, tmp_path
):
    out = tmp_path / "paris.json"
    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    code = admin([*base, "export-certificates", "--unit", str(ministry.paris), "-o", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "2 certificate(s)" in printed.out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {c["learner"]["name"] for c in data["certificates"]} == {"Phạm Dũng"}
    assert data["scope"] == {"unit_id": ministry.paris, "name": "ĐSQ Paris", "kind": "mission"}
    code = admin([*base, "report", "overview", "--unit", str(ministry.root)])
    capsys.readouterr()
    with ctx.db.read() as session:
        targets = [e.target for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert targets[-2:] == ["export:certificates.json", "report:overview"]
