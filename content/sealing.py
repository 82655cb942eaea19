"""Sealed exam items: what a laptop may show of an exam item, and what only the
ministry's grading key opens (DESIGN section 9, docs/assessment.md section 3).

`seal_quiz` turns a compiled quiz into its sealed form at build time. Each item keeps
in the clear what the learner must see: its id, type, prompt, competences, area and
level, and the texts of its options, steps or matching sides, each under an opaque id
(`k` + 10 hex digits, an HMAC of the authored id under a per-pack secret) that says
nothing of the key. The authored item whole (key, weights, feedback, explanation,
accepted answers, step order, pairs) and the map from opaque ids back to authored
ids are encrypted to the grading key with `content.envelope`, bound to
`<quiz>|<item>` as associated data.

Sealing is deterministic (the ephemeral key and nonce are derived from the per-pack
secret and the plaintext), so a pack still builds byte for byte the same.

`open_for_grading` is the grader's side: with the grading private keys it returns the
quiz as the device saw it and as the trainer wrote it, and grades a response given in
the pack's ids. It takes unsealed quizzes too, so one path grades every exam.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from content import envelope
from content.grading import Grade, decode_response, encode_response, grade
from content.quiz import Quiz

INFO = b"hocvu exam seal v1"
_PUBLIC_FIELDS = ("id", "type", "prompt", "competences", "area", "level")


class SealError(Exception):
    """An item that cannot be opened: no grading key for it, or a changed ciphertext."""

    def __init__(self, quiz: str, item: str, detail: str) -> None:
        self.quiz = quiz
        self.item = item
        self.detail = detail
        super().__init__(f"quizzes/{quiz}.json, item {item!r}: {detail}")


def pack_secret(signing_key: Ed25519PrivateKey, pack_id: str, version: int) -> bytes:
    """The per-pack secret the opaque ids and seals derive from. Only the trainer's
    private key makes it, so nobody can recompute opaque ids from authored ones."""
    raw = signing_key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    info = f"hocvu seal secret\x1f{pack_id}\x1f{version}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(raw)


def _mac(secret: bytes, *parts: str) -> bytes:
    return hmac.new(secret, "\x1f".join(parts).encode(), hashlib.sha256).digest()


def _opaque(secret: bytes, quiz: str, item: str, side: str, authored: str) -> str:
    return "k" + _mac(secret, quiz, item, side, authored).hex()[:10]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _public_view(item: dict[str, Any], opaque) -> tuple[dict[str, Any], dict, dict]:
    """The item as the device sees it, and the maps opaque → authored (choices, left)."""
    public = {k: item[k] for k in _PUBLIC_FIELDS if k in item}
    ids: dict[str, str] = {}
    left: dict[str, str] = {}

    def listed(entries: list[dict], side: str, text_key: str, into: dict) -> list[dict]:
        out = []
        for entry in entries:
            token = opaque(side, entry["id"])
            into[token] = entry["id"]
            out.append({"id": token, "text": entry[text_key]})
        return sorted(out, key=lambda e: e["id"])

    kind = item["type"]
    if kind in ("single", "multiple"):
        public["options"] = listed(item["options"], "option", "text", ids)
    elif kind == "ordering":
        public["steps"] = listed(item["steps"], "step", "text", ids)
    elif kind == "matching":
        rights = [{"id": p["id"], "text": p["right"]} for p in item["pairs"]] + item["distractors"]
        public["pairs"] = [
            {"id": e["id"], "left": e["text"], "right": None}
            for e in listed(item["pairs"], "left", "left", left)
        ]
        public["distractors"] = listed(rights, "right", "text", ids)
    if len(set(ids)) != len(ids.values()) or len(set(left)) != len(left.values()):
        raise ValueError(f"item {item['id']!r}: two opaque ids collide; change a choice id")
    return public, ids, left


def seal_quiz(
    compiled: Mapping[str, Any], recipient: X25519PublicKey, key_id: str, secret: bytes
) -> dict[str, Any]:
    """The compiled quiz with every item sealed to `recipient` (see the module doc)."""
    slug = compiled["slug"]
    items = []
    for item in compiled["items"]:
        public, ids, left = _public_view(
            item, lambda side, authored, i=item["id"]: _opaque(secret, slug, i, side, authored)
        )
        plaintext = _canonical({"item": item, "ids": ids, "left": left})
        aad = f"{slug}|{item['id']}".encode()
        derived = _mac(secret, "seal", slug, item["id"], hashlib.sha256(plaintext).hexdigest())
        nonce = _mac(secret, "nonce", derived.hex())[:12]
        ephemeral_raw, ciphertext = envelope.encrypt(
            recipient,
            plaintext,
            aad,
            INFO,
            ephemeral=X25519PrivateKey.from_private_bytes(derived),
            nonce=nonce,
        )
        public["sealed"] = {
            "key_id": key_id,
            "ephemeral": _b64(ephemeral_raw),
            "nonce": _b64(nonce),
            "ciphertext": _b64(ciphertext),
        }
        items.append(public)
    return {**compiled, "items": items}


def _open_item(
    slug: str, item: Mapping[str, Any], keys: Mapping[str, X25519PrivateKey]
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    sealed = item["sealed"]
    key = keys.get(str(sealed.get("key_id")))
    if key is None:
        raise SealError(
            slug,
            item["id"],
            f"sealed to grading key {sealed.get('key_id')!r}, which this server does not hold "
            "(add it with `hocvu admin add-grading-key`)",
        )
    try:
        plaintext = envelope.decrypt(
            key,
            base64.b64decode(sealed["ephemeral"], validate=True),
            base64.b64decode(sealed["nonce"], validate=True),
            base64.b64decode(sealed["ciphertext"], validate=True),
            f"{slug}|{item['id']}".encode(),
            INFO,
        )
        opened = json.loads(plaintext)
    except (InvalidTag, ValueError, KeyError, TypeError):
        raise SealError(slug, item["id"], "the sealed part was changed or is damaged") from None
    if opened["item"].get("id") != item["id"]:
        raise SealError(slug, item["id"], "the sealed part belongs to another item")
    return opened["item"], opened["ids"], opened["left"]


@dataclass(frozen=True)
class GradingQuiz:
    """A quiz as the device saw it (`public`) and as the trainer wrote it (`quiz`)."""

    public: Quiz
    quiz: Quiz
    ids: Mapping[str, Mapping[str, str]]  # item id → opaque choice id → authored id
    left: Mapping[str, Mapping[str, str]]  # item id → opaque left id → authored (matching)

    def authored(self, item_id: str, response: Any) -> Any:
        """A decoded response in the pack's ids, in authored ids. Ids the item never had
        stay as they are, and score nothing."""
        ids = self.ids.get(item_id, {})
        kind = self.quiz.item(item_id).type
        if kind == "single":
            return ids.get(response, response)
        if kind == "multiple":
            return {ids.get(r, r) for r in response}
        if kind == "ordering":
            return [ids.get(r, r) for r in response]
        if kind == "matching":
            left = self.left.get(item_id, {})
            return {left.get(k, k): ids.get(v, v) for k, v in response.items()}
        return response

    def grade(self, item_id: str, response_text: str, lang: str = "vi") -> Grade:
        """Grade a response as recorded (xAPI interaction text in the pack's ids)."""
        response = decode_response(self.public.item(item_id), response_text)
        return grade(self.quiz.item(item_id), self.authored(item_id, response), lang)

    def authored_response(self, item_id: str, response_text: str) -> str:
        """The recorded response re-encoded in authored ids (for item analysis)."""
        response = decode_response(self.public.item(item_id), response_text)
        return encode_response(self.quiz.item(item_id), self.authored(item_id, response))


def unseal_quiz(
    compiled: Mapping[str, Any], keys: Mapping[str, X25519PrivateKey]
) -> tuple[dict[str, Any], dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """The authored compiled quiz, with the maps opaque → authored ids of each sealed
    item (choices, and left sides of matching items); raises SealError."""
    slug = compiled["slug"]
    authored: list[dict[str, Any]] = []
    ids: dict[str, dict[str, str]] = {}
    left: dict[str, dict[str, str]] = {}
    for item in compiled["items"]:
        if item.get("sealed") is None:
            authored.append(dict(item))
            continue
        opened, ids[item["id"]], left[item["id"]] = _open_item(slug, item, keys)
        authored.append(opened)
    return {**compiled, "items": authored}, ids, left


def open_for_grading(
    compiled: Mapping[str, Any], keys: Mapping[str, X25519PrivateKey]
) -> GradingQuiz:
    """Open a compiled quiz (sealed or not) for grading; raises SealError."""
    authored, ids, left = unseal_quiz(compiled, keys)
    return GradingQuiz(Quiz.from_json(compiled), Quiz.from_json(authored), ids, left)
