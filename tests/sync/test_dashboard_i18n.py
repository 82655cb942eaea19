"""The dashboard's catalog is complete in Vietnamese and English, and the templates
show no text that bypasses it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from content.errors import Rule
from sync.bundle import BundleRefused
from sync.certificates import CertificateInvalid
from sync.server import admin, reports
from sync.server.dashboard import downloads, i18n, reasons
from sync.server.dashboard.web import HERE
from sync.server.ingest import ForeignStatements
from sync.xapi import OBJECT_KINDS, VERBS

TEMPLATES = sorted((HERE / "templates").glob("*.html"))
# Text that is the same in every language: format names, units, the language names
# (each written in its own language), and the sample CSV whose header is the format.
SAME_IN_EVERY_LANGUAGE = {"CSV", "XLSX", "JSON", "ID", "KiB", "English", "Tiếng", "Việt"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_placeholders():
    for message_id, texts in i18n.MESSAGES.items():
        assert set(texts) == set(i18n.LANGUAGES), message_id
        assert all(texts[lang].strip() for lang in i18n.LANGUAGES), message_id
        assert _fields(texts["vi"]) == _fields(texts["en"]), message_id


def test_every_message_id_the_templates_and_routes_use_exists():
    used = set()
    for path in TEMPLATES:
        used |= set(re.findall(r"\bt\('([a-z_]+\.[a-z_0-9.]+)'", path.read_text("utf-8")))
    for path in HERE.glob("*.py"):
        used |= set(
            re.findall(
                r'"((?:refused|upload|login|packs|assign|bundles)\.[a-z_]+)"',
                path.read_text("utf-8"),
            )
        )
    used = {u for u in used if not u.endswith(".html")}
    assert used, "the pattern found nothing: the test would pass vacuously"
    assert sorted(used - set(i18n.MESSAGES)) == []
    # Ids built in templates from a value: every value has its message.
    for role in admin.ROLES:
        assert f"role.{role}" in i18n.MESSAGES
    for kind in admin.UNIT_KINDS:
        assert f"kind.{kind}" in i18n.MESSAGES
    for fault, english in admin.CSV_FAULTS.items():
        assert i18n.MESSAGES[f"csv.{fault}"]["en"] == english
    for verb in VERBS:
        assert f"verb.{verb}" in i18n.MESSAGES
    for table in downloads.TABLES:
        assert table == "certificates" or f"export.{table}" in i18n.MESSAGES
    for area in reports.AREAS:
        assert f"area.{area}" in i18n.MESSAGES and f"area_short.{area}" in i18n.MESSAGES


def test_templates_hold_no_untranslated_words():
    for path in TEMPLATES:
        text = path.read_text("utf-8")
        text = re.sub(r"<pre class=\"sample\">.*?</pre>", "", text, flags=re.S)
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
        text = re.sub(r"<!doctype[^>]*>|<[^>]+>", " ", text, flags=re.S | re.I)
        words = {w for w in re.findall(r"[^\W\d_]{2,}", text)}
        assert words <= SAME_IN_EVERY_LANGUAGE, f"{path.name}: {sorted(words)}"


def test_translator_fills_values_and_falls_back_to_the_id():
    assert i18n.translator("en")("level.n", n=2) == "Level 2"
    assert i18n.translator("vi")("level.n", n=2) == "Cấp độ 2"
    assert i18n.translator("en")("no.such.message") == "no.such.message"


# ------------------------------------------------------------------ refusal reasons


def test_every_pack_rule_and_activity_kind_has_its_message():
    for rule in Rule:
        texts = i18n.MESSAGES[f"pack_rule.{rule.name.lower()}"]
        assert texts["en"] == rule.value, rule
    for kind in OBJECT_KINDS:
        assert f"activity.{kind}" in i18n.MESSAGES


def test_every_reason_pattern_names_a_message_with_its_values():
    for patterns in (reasons.BUNDLE, reasons.ADMIN, reasons.CERTIFICATE):
        for message_id, pattern in patterns:
            texts = i18n.MESSAGES[message_id]
            assert _fields(texts["en"]) == set(pattern.groupindex), message_id
    for fallback in ("reason.other", "reason.bundle_other", "reason.english"):
        assert fallback in i18n.MESSAGES


def _sample(node: ast.expr) -> str | None:
    """The text a raise's message argument makes, with a stand-in for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append("'x1'" if value.conversion == ord("r") else "x1")
        return "".join(parts)
    return None


def _raised(path: Path, exception: str, argument: int, functions: set[str]) -> list[str]:
    """Every message `raise exception(...)` builds inside the named functions."""
    tree = ast.parse(path.read_text("utf-8"))
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef) or function.name not in functions:
            continue
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == exception
                and len(node.args) > argument
            ):
                # Another exception's text passed on (`str(exc)`) is sampled by the caller.
                text = _sample(node.args[argument])
                if text is not None:
                    found.append(text)
    assert found, f"no {exception} found in {path.name}: the test would pass vacuously"
    return found


def test_every_refusal_the_dashboard_can_show_has_a_translated_reason():
    """The English texts come from the code that raises them: a new or reworded one
    needs its pattern in sync/server/dashboard/reasons.py and its message in i18n."""
    from sync.server.enrolment import EnrolmentRefused

    sync_dir = Path(reasons.__file__).resolve().parents[2]
    bundle_texts = _raised(
        sync_dir / "bundle.py", "BundleRefused", 1, {"open_sealed", "decrypt", "_unb64"}
    )
    bundle_texts += _raised(
        sync_dir / "server" / "bundles.py", "BundleRefused", 1, {"import_bundle", "_import"}
    )
    enrolment_texts = _raised(
        sync_dir / "server" / "enrolment.py",
        "EnrolmentRefused",
        1,
        {"enrol", "check_rate", "_uuid"},
    )
    # The enrolment's own refusal is passed on inside the bundle's: sampled here.
    bundle_texts.remove("the enrolment was refused: x1")
    bundle_texts += [f"the enrolment was refused: {text}" for text in enrolment_texts]
    bundle_texts.append(str(ForeignStatements(["id-1", "id-2"])))
    for text in bundle_texts:
        reason = reasons.of_bundle(BundleRefused("tokyo.hvsync", text))
        assert reason.message_id != "reason.bundle_other", text
        assert reason.where == "tokyo.hvsync" and text in reason.english
    admin_texts = _raised(
        sync_dir / "server" / "admin.py",
        "AdminError",
        0,
        {"add_pack", "assign", "_unit", "unassign", "revoke_device"},
    )
    for text in admin_texts:
        assert reasons.of_admin_error(admin.AdminError(text)).message_id != "reason.other", text
    certificate_texts = _raised(
        sync_dir / "certificates.py", "CertificateInvalid", 0, {"verify_certificate"}
    )
    for text in certificate_texts:
        reason = reasons.of_certificate(CertificateInvalid(text))
        assert reason.message_id != "reason.other", text
    assert issubclass(EnrolmentRefused, Exception)


def test_reason_values_fill_the_vietnamese_sentence():
    t = i18n.translator("vi")
    reason = reasons.of_admin_error(
        admin.AdminError("vn.mofa.dl.l9 version 3 is already on the server")
    )
    assert (
        t(reason.message_id, **reason.values) == "gói vn.mofa.dl.l9 phiên bản 3 đã có trên máy chủ"
    )
    unknown = reasons.of_error(ValueError("something new"))
    assert unknown.message_id == "reason.other" and unknown.english == "something new"
