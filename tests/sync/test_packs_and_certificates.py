"""Packs on the server (verified like the app does), catalog and resumable downloads,
the trust list, and certificates signed when the server grades an exam pass."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from content.errors import PackRefused
from sync.certificates import CertificateInvalid, verify_certificate
from sync.server import admin
from sync.xapi import make_statement

from . import exams
from .conftest import CREATED, bearer, enrol, make_pack

EXAM = {"quiz": "demo-quiz", "time_limit_minutes": None, "level": 2}


@pytest.fixture
def exam_pack(dev, tmp_path: Path) -> Path:
    return make_pack(
        dev, tmp_path / "demo-v3.hvpack", version=3, manifest=lambda m: m.update(exam=EXAM)
    )


def add(ctx, path: Path):
    return admin.add_pack(ctx.db, "test", path, ctx.settings.data_dir, ctx.roots, at=CREATED)


def test_added_pack_is_in_the_catalog_of_units_below_the_assignment(api, ctx, world, exam_pack):
    added = add(ctx, exam_pack)
    with ctx.db.write() as session:
        admin.assign(session, "test", added.pack_id, world.ministry, None)
    device = enrol(api, world.alice_code)
    catalog = api.get("/api/v1/packs", headers=bearer(device["device_token"])).json()["packs"]
    assert [(p["id"], p["version"]) for p in catalog] == [("vn.mofa.dl.demo", 3)]
    assert catalog[0]["sha256"] == hashlib.sha256(exam_pack.read_bytes()).hexdigest()
    assert catalog[0]["size"] == exam_pack.stat().st_size


def test_tampered_pack_is_refused_by_the_server_as_by_the_app(ctx, dev, tmp_path, exam_pack):
    data = bytearray(exam_pack.read_bytes())
    index = data.find(b"strong")
    data[index] ^= 0x20
    tampered = tmp_path / "tampered.hvpack"
    tampered.write_bytes(bytes(data))
    with pytest.raises(PackRefused):
        add(ctx, tampered)
    assert not list((ctx.settings.data_dir / "packs").iterdir())


def test_download_resumes_with_http_range(api, ctx, world, exam_pack):
    added = add(ctx, exam_pack)
    with ctx.db.write() as session:
        admin.assign(session, "test", added.pack_id, world.mission, None)
    device = enrol(api, world.alice_code)
    url = f"/api/v1/packs/{added.pack_id}/{added.version}/download"
    whole = exam_pack.read_bytes()
    headers = bearer(device["device_token"])
    full = api.get(url, headers=headers)
    assert full.status_code == 200 and full.content == whole
    part = api.get(url, headers={**headers, "Range": "bytes=1000-"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 1000-{len(whole) - 1}/{len(whole)}"
    assert part.content == whole[1000:]


def test_pack_not_assigned_to_the_learner_is_not_served(api, ctx, world, exam_pack):
    added = add(ctx, exam_pack)
    device = enrol(api, world.alice_code)
    url = f"/api/v1/packs/{added.pack_id}/{added.version}/download"
    assert api.get(url, headers=bearer(device["device_token"])).status_code == 404


def test_trust_serves_the_newest_list(api, ctx, dev, exam_pack):
    assert api.get("/api/v1/trust").status_code == 404
    add(ctx, exam_pack)
    assert json.loads(api.get("/api/v1/trust").content) == json.loads(dev.trust_bytes)
    newer = dev.trust_with(lambda body: None, version=9)
    with ctx.db.write() as session:
        admin.set_trust(session, "test", newer, ctx.roots)
    assert json.loads(api.get("/api/v1/trust").content)["trust"]["version"] == 9
    with ctx.db.write() as session, pytest.raises(admin.AdminError, match="never goes back"):
        admin.set_trust(session, "test", dev.trust_bytes, ctx.roots)


def exam_pass(profile_id: str, **extra) -> dict:
    return make_statement(
        profile_id=profile_id,
        verb="passed",
        pack_id="vn.mofa.dl.demo",
        kind="exam",
        local_id="demo-quiz",
        pack_version=3,
        app_version="0.1.0",
        device_id="d",
        score=0.9,
        success=True,
        completion=True,
        **extra,
    )


def graded_pass(api, device, exam_pack: Path) -> exams.Attempt:
    """An exam attempt answered right, pushed as the app pushes it."""
    attempt = exams.attempt(exams.opened_exam(exam_pack), device["profile_id"], "right")
    headers = bearer(device["device_token"])
    response = api.post(
        "/api/v1/statements", json={"statements": attempt.statements}, headers=headers
    )
    assert response.status_code == 200, response.text
    return attempt


def test_a_graded_exam_pass_gets_a_certificate_signed_by_the_server(api, ctx, world, exam_pack):
    add(ctx, exam_pack)
    device = enrol(api, world.alice_code)
    headers = bearer(device["device_token"])
    attempt = graded_pass(api, device, exam_pack)
    # A second push of the same statements issues nothing new.
    api.post("/api/v1/statements", json={"statements": attempt.statements}, headers=headers)
    certificates = api.get("/api/v1/certificates", headers=headers).json()["certificates"]
    assert len(certificates) == 1
    body = verify_certificate(certificates[0], ctx.keys.signing.public_key())
    assert body["level"] == 2
    assert body["learner_id"] == world.alice
    assert body["learner_name"] == "Nguyễn Thị An"
    assert body["statement_id"] == attempt.result_id
    assert body["score"] == 1.0


def test_changed_certificate_does_not_verify(api, ctx, world, exam_pack):
    add(ctx, exam_pack)
    device = enrol(api, world.alice_code)
    headers = bearer(device["device_token"])
    graded_pass(api, device, exam_pack)
    document = api.get("/api/v1/certificates", headers=headers).json()["certificates"][0]
    document["certificate"]["level"] = 4
    with pytest.raises(CertificateInvalid, match="signature does not verify"):
        verify_certificate(document, ctx.keys.signing.public_key())
    from content import keys

    with pytest.raises(CertificateInvalid, match="not by this server's key"):
        verify_certificate(document, keys.new_key().public_key())


def test_a_devices_own_exam_pass_gets_no_certificate(api, ctx, world, exam_pack):
    add(ctx, exam_pack)
    device = enrol(api, world.alice_code)
    headers = bearer(device["device_token"])
    api.post(
        "/api/v1/statements",
        json={"statements": [exam_pass(device["profile_id"])]},
        headers=headers,
    )
    assert api.get("/api/v1/certificates", headers=headers).json()["certificates"] == []


def test_exam_of_a_pack_the_server_does_not_hold_gets_no_certificate(api, world):
    device = enrol(api, world.alice_code)
    headers = bearer(device["device_token"])
    api.post(
        "/api/v1/statements",
        json={"statements": [exam_pass(device["profile_id"])]},
        headers=headers,
    )
    assert api.get("/api/v1/certificates", headers=headers).json()["certificates"] == []


def test_the_same_pack_version_cannot_be_added_twice(ctx, dev, tmp_path):
    old = make_pack(dev, tmp_path / "v1.hvpack", version=1)
    add(ctx, old)
    with pytest.raises(admin.AdminError, match="already on the server"):
        add(ctx, old)
