"""Attachments and signed statements (xAPI 1.0.3 Data 2.4.11, 2.6; Communication
1.5.2): multipart/mixed in and out, SHA-2 checks, fileUrl, JWS signatures."""

from __future__ import annotations

import base64
import datetime
import hashlib
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

from .xapi_helpers import Lrs, V, add_client, statement

SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"


@pytest.fixture
def lrs(api, ctx, world) -> Lrs:
    return Lrs(api, add_client(ctx, world.ministry))


def attachment(content: bytes, **extra) -> dict:
    return {
        "usageType": "http://example.org/attachment-usage/certificate",
        "display": {"en-US": "Certificate"},
        "contentType": "text/plain",
        "length": len(content),
        "sha2": hashlib.sha256(content).hexdigest(),
        **extra,
    }


def multipart(document, parts: list[tuple[bytes, str | None]], boundary="b0und4ry"):
    out = [
        f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(),
        json.dumps(document).encode(),
        b"\r\n",
    ]
    for content, sha2 in parts:
        head = "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n"
        if sha2 is not None:
            head += f"X-Experience-API-Hash: {sha2}\r\n"
        out += [f"--{boundary}\r\n{head}\r\n".encode(), content, b"\r\n"]
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), {"Content-Type": f"multipart/mixed; boundary={boundary}", **V}


def send(lrs: Lrs, document, parts):
    body, headers = multipart(document, parts)
    return lrs.api.post("/xapi/statements", content=body, headers=headers, auth=lrs.auth)


def read_multipart(answer) -> list[bytes]:
    boundary = answer.headers["content-type"].split("boundary=")[1].strip('"')
    pieces = (b"\r\n" + answer.content).split(b"\r\n--" + boundary.encode())
    return [p.partition(b"\r\n\r\n")[2] for p in pieces[1:] if not p.startswith(b"--")]


def test_an_attachment_is_stored_and_returned_as_multipart(lrs):
    content = "Chứng nhận\n".encode() + bytes(range(256))
    sent = statement(attachments=[attachment(content)])
    assert send(lrs, sent, [(content, hashlib.sha256(content).hexdigest())]).status_code == 200
    plain = lrs.get(statementId=sent["id"])
    assert plain.headers["content-type"] == "application/json"
    assert plain.json()["attachments"] == sent["attachments"]
    both = lrs.get(statementId=sent["id"], attachments="true")
    assert both.headers["content-type"].startswith("multipart/mixed")
    document, returned = read_multipart(both)
    assert json.loads(document)["id"] == sent["id"]
    assert returned == content
    listed = read_multipart(lrs.get(attachments="true"))
    assert listed[1] == content


def test_a_file_url_attachment_needs_no_part(lrs):
    sent = statement(
        attachments=[attachment(b"elsewhere", fileUrl="http://example.org/certificate.txt")]
    )
    assert lrs.post(sent).status_code == 200


def test_a_part_whose_content_differs_from_its_hash_is_refused(lrs):
    content = b"the real content"
    sent = statement(attachments=[attachment(content)])
    wrong = send(lrs, sent, [(b"other content", hashlib.sha256(content).hexdigest())])
    assert wrong.status_code == 400
    assert lrs.get(statementId=sent["id"]).status_code == 404


def test_a_missing_part_an_unreferenced_part_and_a_part_without_hash_are_refused(lrs):
    content = b"declared"
    missing = statement(attachments=[attachment(content)])
    assert lrs.post(missing).status_code == 400
    extra = b"not declared"
    unused = send(lrs, statement(), [(extra, hashlib.sha256(extra).hexdigest())])
    assert (unused.status_code, unused.json()["code"]) == (400, "xapi.attachment_unused")
    no_hash = send(lrs, statement(attachments=[attachment(content)]), [(content, None)])
    assert no_hash.status_code == 400


# ------------------------------------------------------------------ signatures


def _key_and_certificate():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Academy LMS")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(payload: dict, key, certificate, alg="RS256") -> bytes:
    header = {
        "alg": alg,
        "x5c": [base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()],
    }
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    digest = {"RS256": hashes.SHA256(), "RS384": hashes.SHA384(), "RS512": hashes.SHA512()}[alg]
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), digest)
    return f"{signing_input}.{_b64(signature)}".encode()


def signed(payload: dict, jws: bytes) -> dict:
    return {
        **payload,
        "attachments": [
            {
                "usageType": SIGNATURE,
                "display": {"en-US": "Signature"},
                "contentType": "application/octet-stream",
                "length": len(jws),
                "sha2": hashlib.sha256(jws).hexdigest(),
            }
        ],
    }


@pytest.mark.parametrize("alg", ["RS256", "RS384", "RS512"])
def test_a_signed_statement_that_verifies_is_stored(lrs, alg):
    key, certificate = _key_and_certificate()
    payload = statement()
    jws = sign(payload, key, certificate, alg)
    answer = send(lrs, signed(payload, jws), [(jws, hashlib.sha256(jws).hexdigest())])
    assert answer.status_code == 200, answer.text
    assert lrs.get(statementId=payload["id"]).status_code == 200


def test_a_signature_of_other_content_or_by_another_key_is_refused(lrs):
    key, certificate = _key_and_certificate()
    payload = statement()
    changed = {**payload, "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}}
    jws = sign(changed, key, certificate)
    other = send(lrs, signed(payload, jws), [(jws, hashlib.sha256(jws).hexdigest())])
    assert (other.status_code, other.json()["code"]) == (400, "xapi.signature_invalid")
    _, stranger = _key_and_certificate()
    forged = sign(payload, key, stranger)
    wrong_key = send(lrs, signed(payload, forged), [(forged, hashlib.sha256(forged).hexdigest())])
    assert (wrong_key.status_code, wrong_key.json()["code"]) == (400, "xapi.signature_invalid")
    junk = b"not.a-jws"
    garbled = send(lrs, signed(payload, junk), [(junk, hashlib.sha256(junk).hexdigest())])
    assert garbled.status_code == 400
    assert lrs.get(statementId=payload["id"]).status_code == 404


def test_a_signature_with_another_algorithm_is_refused(lrs):
    payload = statement()
    header = _b64(json.dumps({"alg": "HS256"}).encode())
    jws = f"{header}.{_b64(json.dumps(payload).encode())}.{_b64(b'mac')}".encode()
    answer = send(lrs, signed(payload, jws), [(jws, hashlib.sha256(jws).hexdigest())])
    assert (answer.status_code, answer.json()["code"]) == (400, "xapi.signature_invalid")


def test_a_page_with_attachments_stops_at_its_byte_budget_and_goes_on_by_more(lrs, monkeypatch):
    """Three statements, each with its own 40-byte attachment, and a budget of 100
    bytes: a page carries two, its `more` link the third; nothing is lost or repeated."""
    from sync.server import limits

    monkeypatch.setattr(limits, "XAPI_ATTACHMENT_PAGE_BYTES", 100)
    sent = []
    for n in range(3):
        content = bytes([n]) * 40
        one = statement(attachments=[attachment(content)])
        assert send(lrs, one, [(content, hashlib.sha256(content).hexdigest())]).status_code == 200
        sent.append(one["id"])
    first = lrs.get(attachments="true", ascending="true")
    document, *parts = read_multipart(first)
    page = json.loads(document)
    assert [s["id"] for s in page["statements"]] == sent[:2]
    # Parts are found by their hash header, in no set order.
    assert sorted(parts) == [bytes([0]) * 40, bytes([1]) * 40]
    assert page["more"]
    rest = lrs.api.get(page["more"], headers=V, auth=lrs.auth)
    document, *parts = read_multipart(rest)
    assert [s["id"] for s in json.loads(document)["statements"]] == sent[2:]
    assert parts == [bytes([2]) * 40]
