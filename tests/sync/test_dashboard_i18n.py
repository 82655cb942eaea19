"""The dashboard's catalog is complete in Vietnamese and English, and the templates
show no text that bypasses it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from content.errors import Rule
from sync.bundle import BundleRefused
from sync.problems import Problem
from sync.server import admin
from sync.server.dashboard import downloads, i18n, reasons
from sync.server.dashboard.web import HERE
from sync.server.enrolment import EnrolmentRefused
from sync.server.ingest import ForeignStatements
from sync.server.reporting.curriculum import AREAS
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
    # An id ending in "." is a prefix completed from a value (items.flag.<flag>).
    used = {u for u in used if not u.endswith((".html", "."))}
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
    for area in AREAS:
        assert f"area.{area}" in i18n.MESSAGES
    # Areas go by their names ("Digital safety"), never by a code such as LV4 or A4.
    assert not any(m.startswith("area_short.") for m in i18n.MESSAGES)
    for path in TEMPLATES:
        assert "area_short" not in path.read_text("utf-8"), path.name


def _audit_actions() -> set[str]:
    """Every action code any code writes to the audit log (`audit(session, actor,
    ACTION, ...)` and the dashboard's `audit(ctx, who, ACTION, ...)`)."""
    sync_dir = Path(reasons.__file__).resolve().parents[2]
    found = set()
    for path in sync_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 3:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            args = node.args
            if name == "run_in_threadpool" and getattr(args[0], "id", None) == "audit":
                name, args = "audit", args[1:]
            if name != "audit" or len(args) < 3:
                continue
            found |= {
                c.value
                for c in ast.walk(args[2])
                if isinstance(c, ast.Constant) and isinstance(c.value, str)
            }
    return found


def test_every_audit_action_has_its_words_in_both_languages():
    actions = _audit_actions()
    assert {"revoke-device", "unassign", "login", "refused", "release-attempt"} <= actions
    missing = sorted(a for a in actions if f"audit_action.{a}" not in i18n.MESSAGES)
    assert missing == []


def test_templates_hold_no_untranslated_words():
    for path in TEMPLATES:
        text = path.read_text("utf-8")
        text = re.sub(r"<pre class=\"sample\">.*?</pre>", "", text, flags=re.S)
        text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", text, flags=re.S)
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


def test_every_refusal_code_has_vietnamese_and_english_with_its_own_values():
    """The catalogue: every code of sync/problems.py is worded in both languages, and
    each sentence uses only the values its code carries."""
    for problem in Problem:
        texts = i18n.MESSAGES[f"problem.{problem.code}"]
        assert set(texts) == set(i18n.LANGUAGES), problem
        names = set(problem.value_names)
        if "retry_after_s" in names:
            names.add("retry_after_min")  # reasons.values_of derives it
        assert _fields(texts["en"]) == _fields(texts["vi"]) <= names, problem
    assert set(i18n.PROBLEMS) == set(Problem)
    for fallback in ("reason.other", "reason.english"):
        assert fallback in i18n.MESSAGES


def _raises(path: Path, exception: str) -> list[ast.Call]:
    calls = [
        node
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == exception
    ]
    assert calls, f"no {exception} in {path.name}: the test would pass vacuously"
    return calls


def test_every_refusal_the_dashboard_can_show_names_its_code_and_the_values_it_words():
    """Each refusal raised in the code names a code of the set and passes the values its
    sentence shows, so the dashboard needs no English to word it."""
    sync_dir = Path(reasons.__file__).resolve().parents[2]
    sites = [
        (sync_dir / "bundle.py", "BundleRefused", 1),
        (sync_dir / "server" / "bundles.py", "BundleRefused", 1),
        (sync_dir / "server" / "enrolment.py", "EnrolmentRefused", 0),
        (sync_dir / "server" / "admin.py", "AdminError", 0),
        (sync_dir / "server" / "revocations.py", "AdminError", 0),
        (sync_dir / "certificates.py", "CertificateInvalid", 0),
        (sync_dir / "server" / "routes" / "xapi.py", "Refusal", 0),
    ]
    for path, exception, position in sites:
        for call in _raises(path, exception):
            code = call.args[position]
            if isinstance(code, ast.Attribute) and code.attr in ("problem",):
                continue  # another refusal's code passed on, with its values
            assert isinstance(code, ast.Attribute) and isinstance(code.value, ast.Name)
            assert code.value.id == "Problem", f"{path.name}:{call.lineno}"
            problem = Problem[code.attr]
            given = {k.arg for k in call.keywords if k.arg}
            words = _fields(i18n.MESSAGES[f"problem.{problem.code}"]["en"])
            assert words - {"retry_after_min"} <= given, f"{path.name}:{call.lineno}"


def test_a_bundle_refused_for_its_enrolment_is_worded_by_the_enrolments_code():
    refused = EnrolmentRefused(Problem.ENROL_TOO_MANY_ATTEMPTS, "x", retry_after_s=900)
    bundle = BundleRefused("tokyo.hvsync", refused.problem, "reworded freely", **refused.values)
    reason = reasons.of_bundle(bundle)
    t = i18n.translator("vi")
    assert reason.where == "tokyo.hvsync" and "reworded freely" in reason.english
    assert t(reason.message_id, **reason.values) == (
        "ghi danh bị từ chối: quá nhiều lần thử mã sai; hãy chờ 15 phút"
    )
    foreign = reasons.of_bundle(
        BundleRefused(
            "t.hvsync", Problem.STATEMENT_FOREIGN_ACTOR, "x", **ForeignStatements(["a", "b"]).values
        )
    )
    assert t(foreign.message_id, **foreign.values).startswith("2 kết quả thuộc về học viên khác")


def test_reason_values_fill_the_vietnamese_sentence():
    t = i18n.translator("vi")
    reason = reasons.of_admin_error(
        admin.AdminError(Problem.ADMIN_PACK_EXISTS, "anything", pack="vn.mofa.dl.l9", version=3)
    )
    assert (
        t(reason.message_id, **reason.values) == "gói vn.mofa.dl.l9 phiên bản 3 đã có trên máy chủ"
    )
    unknown = reasons.of_error(ValueError("something new"))
    assert unknown.message_id == "reason.other" and unknown.english == "something new"
