"""Whose attachment contents a tool gets back (`sync.server.xapi_attachments`): only
those the writer of each statement sent itself, on SQLite and PostgreSQL.

The attack: contents are kept once per SHA-2 and a `fileUrl` attachment needs no
part, so a tool of another mission that guesses or learns the digest of a file (a
short text, a common form) could declare it and ask for `attachments=true`. The world:
the ministry, its mission in Tokyo (Alice, enrolled) and a sibling mission in Paris,
each with its own xAPI tool, and the ministry's analytics tool.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import pytest
from alembic import command
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select, text

from sync.server import admin
from sync.server.db import alembic_config
from sync.server.models import XapiAttachment, XapiAttachmentUpload, XapiClient
from sync.xapi import ACCOUNT_HOME_PAGE, make_statement

from .conftest import bearer, enrol
from .test_xapi_attachments import attachment, multipart
from .xapi_helpers import Lrs, V, add_client, statement, voiding

# A short, low-entropy text: exactly what a tool elsewhere could guess the digest of.
SECRET = "Mật khẩu két sắt: 4711\n".encode()
SECRET_SHA2 = hashlib.sha256(SECRET).hexdigest()
ELSEWHERE = "http://example.org/files/note.txt"


@dataclass
class Tools:
    tokyo: Lrs
    paris: Lrs
    ministry: Lrs
    alice: dict


@pytest.fixture
def tools(api, ctx, world) -> Tools:
    with ctx.db.write() as session:
        paris = admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id
    return Tools(
        tokyo=Lrs(api, add_client(ctx, world.mission, "Tokyo LMS")),
        paris=Lrs(api, add_client(ctx, paris, "Paris LMS")),
        ministry=Lrs(api, add_client(ctx, world.ministry, "Ministry analytics")),
        alice=enrol(api, world.alice_code),
    )


def send(lrs: Lrs, document, parts: list[tuple[bytes, str]], content_type="text/plain"):
    """POST statements with their parts, each part with `content_type`."""
    body, headers = multipart(document, [(content, sha2) for content, sha2 in parts])
    body = body.replace(
        b"Content-Type: application/octet-stream", f"Content-Type: {content_type}".encode()
    )
    answer = lrs.api.post("/xapi/statements", content=body, headers=headers, auth=lrs.auth)
    assert answer.status_code == 200, answer.text
    return answer


def parts_of(answer) -> tuple[dict, list[tuple[str, bytes]]]:
    """A multipart answer's JSON document, and its attachment parts as (type, bytes)."""
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("multipart/mixed")
    boundary = answer.headers["content-type"].split("boundary=")[1].strip('"')
    pieces = (b"\r\n" + answer.content).split(b"\r\n--" + boundary.encode())
    parts = []
    for piece in pieces[1:]:
        if piece.startswith(b"--"):
            break
        head, _, content = piece.partition(b"\r\n\r\n")
        headers = dict(
            line.split(": ", 1) for line in head.decode("latin-1").split("\r\n") if ": " in line
        )
        parts.append((headers["Content-Type"], content))
    (_, document), rest = parts[0], parts[1:]
    return json.loads(document), rest


def uploaded_secret(tools: Tools, **extra) -> dict:
    """Tokyo's tool sends the secret as a part, with a statement of its own."""
    sent = statement(attachments=[attachment(SECRET)], **extra)
    send(tools.tokyo, sent, [(SECRET, SECRET_SHA2)])
    return sent


def declared_elsewhere(**extra) -> dict:
    """A statement declaring the secret's digest with a fileUrl: it needs no part."""
    return statement(attachments=[attachment(SECRET, fileUrl=ELSEWHERE)], **extra)


def account(profile_id: str) -> dict:
    return {"objectType": "Agent", "account": {"homePage": ACCOUNT_HOME_PAGE, "name": profile_id}}


# ------------------------------------------------------------------ the attack


def test_a_tool_declaring_another_units_digest_never_gets_its_bytes(tools):
    mine = uploaded_secret(tools)
    # The bytes are there: the tool that sent them reads them back.
    assert parts_of(tools.tokyo.get(statementId=mine["id"], attachments="true"))[1] == [
        ("text/plain", SECRET)
    ]
    probes = [declared_elsewhere() for _ in range(3)]
    assert tools.paris.post(probes).status_code == 200

    single = tools.paris.get(statementId=probes[0]["id"], attachments="true")
    document, parts = parts_of(single)
    # The statement comes back as stored, with its fileUrl, and nothing beside it.
    assert document["attachments"] == probes[0]["attachments"]
    assert parts == []
    assert SECRET not in single.content

    listed = tools.paris.get(attachments="true")
    document, parts = parts_of(listed)
    assert {s["id"] for s in document["statements"]} == {p["id"] for p in probes}
    assert parts == [] and SECRET not in listed.content

    # Page by page through `more`.
    seen, answer = [], tools.paris.get(attachments="true", limit="1")
    while True:
        document, parts = parts_of(answer)
        assert parts == [] and SECRET not in answer.content
        seen += [s["id"] for s in document["statements"]]
        if not document["more"]:
            break
        answer = tools.paris.api.get(document["more"], headers=V, auth=tools.paris.auth)
    assert sorted(seen) == sorted(p["id"] for p in probes)

    # Voided, through voidedStatementId.
    assert tools.paris.post(voiding(probes[1]["id"])).status_code == 200
    voided = tools.paris.get(voidedStatementId=probes[1]["id"], attachments="true")
    assert parts_of(voided)[1] == [] and SECRET not in voided.content


def test_another_tools_content_does_not_shorten_a_page(tools, monkeypatch):
    """Were the secret's size counted against the budget, the page would stop after
    one statement: its length would tell the tool the file exists, and how big."""
    from sync.server import limits

    monkeypatch.setattr(limits, "XAPI_ATTACHMENT_PAGE_BYTES", len(SECRET) - 1)
    uploaded_secret(tools)
    probes = [declared_elsewhere() for _ in range(3)]
    assert tools.paris.post(probes).status_code == 200
    document, parts = parts_of(tools.paris.get(attachments="true"))
    assert len(document["statements"]) == 3 and document["more"] == ""
    assert parts == []
    # The budget still holds for the contents the reader is served: Tokyo's newest
    # statement carries another file, and the two files do not fit in one page.
    own = [uploaded_secret(tools) for _ in range(2)]
    other = b"a second file of Tokyo's"
    last = statement(attachments=[attachment(other)])
    send(tools.tokyo, last, [(other, hashlib.sha256(other).hexdigest())])
    monkeypatch.setattr(limits, "XAPI_ATTACHMENT_PAGE_BYTES", len(SECRET) + len(other) - 1)
    document, parts = parts_of(tools.tokyo.get(attachments="true"))
    assert [s["id"] for s in document["statements"]] == [last["id"]] and document["more"]
    assert parts == [("text/plain", other)]
    rest = tools.tokyo.api.get(document["more"], headers=V, auth=tools.tokyo.auth)
    document, parts = parts_of(rest)
    assert [s["id"] for s in document["statements"]][:2] == [own[1]["id"], own[0]["id"]]
    assert len(document["statements"]) == 3 and document["more"] == ""
    assert parts == [("text/plain", SECRET)]


def test_a_second_tool_sending_the_same_bytes_learns_nothing_of_the_first(api, ctx, tools):
    """Both get the content with their own statements, each with the type it sent: a
    type from the first upload would confirm to the second that the file was there."""
    tokyo = uploaded_secret(tools)
    paris = statement(attachments=[attachment(SECRET)])
    send(tools.paris, paris, [(SECRET, SECRET_SHA2)], content_type="application/x-probe")
    assert parts_of(tools.paris.get(statementId=paris["id"], attachments="true"))[1] == [
        ("application/x-probe", SECRET)
    ]
    assert parts_of(tools.tokyo.get(statementId=tokyo["id"], attachments="true"))[1] == [
        ("text/plain", SECRET)
    ]
    # Paris's statements that merely declare it later are served too: it sent the bytes.
    later = declared_elsewhere()
    assert tools.paris.post(later).status_code == 200
    assert parts_of(tools.paris.get(statementId=later["id"], attachments="true"))[1] == [
        ("application/x-probe", SECRET)
    ]
    # The bytes are kept once.
    with ctx.db.read() as session:
        assert session.scalars(select(XapiAttachment.sha2)).all() == [SECRET_SHA2]
        assert len(session.scalars(select(XapiAttachmentUpload.xapi_client_id)).all()) == 2


def test_a_tool_gets_its_own_content_with_a_later_file_url_statement(tools):
    uploaded_secret(tools)
    later = declared_elsewhere()
    assert tools.tokyo.post(later).status_code == 200
    document, parts = parts_of(tools.tokyo.get(statementId=later["id"], attachments="true"))
    assert document["attachments"][0]["fileUrl"] == ELSEWHERE
    assert parts == [("text/plain", SECRET)]


def test_a_reader_gets_the_content_its_writer_sent_and_not_what_another_declared(tools):
    """The ministry's tool reads Alice's statements from Tokyo's tool, which sent the
    bytes; a statement of its own about her that declares the digest gets nothing, for
    itself or for Tokyo's tool reading it."""
    alice = account(tools.alice["profile_id"])
    tokyo = uploaded_secret(tools, actor=alice)
    assert parts_of(tools.ministry.get(statementId=tokyo["id"], attachments="true"))[1] == [
        ("text/plain", SECRET)
    ]
    claimed = declared_elsewhere(actor=alice)
    assert tools.ministry.post(claimed).status_code == 200
    for reader in (tools.ministry, tools.tokyo):
        answer = reader.get(statementId=claimed["id"], attachments="true")
        assert parts_of(answer)[1] == [] and SECRET not in answer.content


def test_a_devices_statement_declaring_a_digest_comes_without_content(api, tools):
    """Devices send no parts (the device API takes JSON), so a device's statement never
    carries contents, even one whose digest a tool of its unit sent."""
    uploaded_secret(tools)
    pushed = make_statement(
        profile_id=tools.alice["profile_id"],
        verb="experienced",
        pack_id="vn.gov.mofa.test",
        kind="lesson",
        local_id="l1",
        pack_version=1,
        app_version="0.1.0",
        device_id="alice-laptop",
    )
    pushed["attachments"] = [attachment(SECRET)]
    answer = api.post(
        "/api/v1/statements",
        json={"statements": [pushed]},
        headers=bearer(tools.alice["device_token"]),
    )
    assert answer.status_code == 200, answer.text
    read = tools.tokyo.get(statementId=pushed["id"], attachments="true")
    document, parts = parts_of(read)
    assert document["id"] == pushed["id"] and document["attachments"] == pushed["attachments"]
    assert parts == [] and SECRET not in read.content


# ------------------------------------------------------------------ migration 0012


def _uploads(ctx) -> set[tuple[str, str, str]]:
    with ctx.db.read() as session:
        return set(
            session.execute(
                select(
                    XapiAttachmentUpload.sha2, XapiClient.name, XapiAttachmentUpload.content_type
                ).join(XapiClient, XapiClient.id == XapiAttachmentUpload.xapi_client_id)
            ).all()
        )


def test_migration_0012_records_only_the_uploads_the_statements_prove(ctx, tools):
    """Back at 0011 every tool got every content; 0012 finds who sent what from the
    statements that declared it without a fileUrl (which needed the part), down and up
    again."""
    tokyo = uploaded_secret(tools)
    probe = declared_elsewhere()
    assert tools.paris.post(probe).status_code == 200
    # Sent as a part beside a fileUrl: nothing in the statement proves the upload.
    linked = b"sent with a fileUrl and its part"
    linked_sha2 = hashlib.sha256(linked).hexdigest()
    both = statement(attachments=[attachment(linked, fileUrl=ELSEWHERE)])
    send(tools.tokyo, both, [(linked, linked_sha2)], content_type="text/csv")
    assert _uploads(ctx) == {
        (SECRET_SHA2, "Tokyo LMS", "text/plain"),
        (linked_sha2, "Tokyo LMS", "text/csv"),
    }

    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
    with ctx.db.engine.connect() as connection:
        assert "xapi_attachment_uploads" not in sa_inspect(connection).get_table_names()
        kept = connection.execute(text("SELECT sha2, content_type FROM xapi_attachments"))
        types = dict(kept.all())
    assert types == {SECRET_SHA2: "text/plain", linked_sha2: "text/csv"}

    ctx.db.migrate()
    assert _uploads(ctx) == {(SECRET_SHA2, "Tokyo LMS", "text/plain")}
    assert parts_of(tools.tokyo.get(statementId=tokyo["id"], attachments="true"))[1] == [
        ("text/plain", SECRET)
    ]
    answer = tools.paris.get(statementId=probe["id"], attachments="true")
    assert parts_of(answer)[1] == [] and SECRET not in answer.content
    # Not proven, so not served (until Tokyo's tool sends it again).
    assert parts_of(tools.tokyo.get(statementId=both["id"], attachments="true"))[1] == []
    send(tools.tokyo, statement(attachments=[attachment(linked)]), [(linked, linked_sha2)])
    assert parts_of(tools.tokyo.get(statementId=both["id"], attachments="true"))[1] == [
        ("text/plain", linked)
    ]
