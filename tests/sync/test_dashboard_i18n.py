"""The dashboard's catalog is complete in Vietnamese and English, and the templates
show no text that bypasses it."""

from __future__ import annotations

import re
import string

from sync.server import admin, reports
from sync.server.dashboard import downloads, i18n
from sync.server.dashboard.web import HERE
from sync.xapi import VERBS

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
