"""The interface translations (resources/translations/*.ts) are complete, sound and in sync.

Plain XML checks, no Qt widgets: every message is translated, keeps its placeholders and
keyboard accelerator, the Vietnamese file really is Vietnamese, the files hold exactly the
self.tr() strings of desktop/ui (`bash scripts/translations.sh update` refreshes them), and
lrelease compiles them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
UI_DIR = ROOT / "desktop" / "ui"
# Language of each file, and how many plural forms Qt uses for it.
LANGUAGES = {"vi": 1, "en": 2}
FIX = "run `bash scripts/translations.sh update`, then translate what is new"

PLACEHOLDER = re.compile(r"%(?:[1-9]|n)")
VIETNAMESE_LETTERS = set("àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    translations: tuple[str, ...]
    kind: str | None  # the translation's type attribute: unfinished, vanished, obsolete
    number_of_forms: int

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def read_ts(path: Path) -> tuple[str, list[Message]]:
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{path.name}: no <translation> in {name}"
            numerus = message.get("numerus") == "yes"
            forms = translation.findall("numerusform") if numerus else [translation]
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source") or "",
                    numerus=numerus,
                    translations=tuple(form.text or "" for form in forms),
                    kind=translation.get("type"),
                    number_of_forms=len(forms),
                )
            )
    return root.get("language") or "", messages


def tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found: run scripts/setup.sh")
    return found


def accelerators(text: str) -> int:
    """How many `&x` keyboard accelerators the text has (`&&` is a literal ampersand)."""
    return len(re.findall(r"&(?=[^&\s])", text.replace("&&", "")))


@pytest.fixture(scope="module", params=sorted(LANGUAGES))
def ts(request) -> tuple[str, str, list[Message]]:
    lang = request.param
    language, messages = read_ts(TS_DIR / f"hocvu_{lang}.ts")
    assert messages, f"hocvu_{lang}.ts holds no message"
    return lang, language, messages


def test_the_file_declares_its_language(ts):
    lang, language, _ = ts
    assert language.split("_")[0] == lang


def test_every_message_is_translated_and_current(ts):
    lang, _, messages = ts
    stale = [f"{m} ({m.kind})" for m in messages if m.kind is not None]
    assert not stale, f"hocvu_{lang}.ts has unfinished or obsolete messages ({FIX}):\n" + "\n".join(
        stale
    )
    empty = [str(m) for m in messages if not all(text.strip() for text in m.translations)]
    assert not empty, f"hocvu_{lang}.ts has empty translations:\n" + "\n".join(empty)


def test_plural_messages_have_every_form(ts):
    lang, _, messages = ts
    wrong = [
        f"{m}: {m.number_of_forms} forms"
        for m in messages
        if m.numerus and m.number_of_forms != LANGUAGES[lang]
    ]
    assert not wrong, f"hocvu_{lang}.ts needs {LANGUAGES[lang]} plural form(s):\n" + "\n".join(
        wrong
    )
    missing_n = [
        str(m) for m in messages if m.numerus and not all("%n" in t for t in m.translations)
    ]
    assert not missing_n, f"hocvu_{lang}.ts: plural forms without %n:\n" + "\n".join(missing_n)


def test_placeholders_are_kept(ts):
    lang, _, messages = ts
    wrong = []
    for message in messages:
        expected = set(PLACEHOLDER.findall(message.source)) - ({"%n"} if message.numerus else set())
        for text in message.translations:
            found = set(PLACEHOLDER.findall(text)) - ({"%n"} if message.numerus else set())
            if found != expected:
                wrong.append(f"{message} -> {text!r}")
    assert not wrong, f"hocvu_{lang}.ts: placeholders lost or added:\n" + "\n".join(wrong)


def test_accelerators_are_kept(ts):
    lang, _, messages = ts
    wrong = [
        f"{m} -> {text!r}"
        for m in messages
        for text in m.translations
        if accelerators(text) != min(accelerators(m.source), 1)
    ]
    assert not wrong, (
        f"hocvu_{lang}.ts: each translation needs one `&` accelerator exactly when its "
        "source has one:\n" + "\n".join(wrong)
    )


def test_vietnamese_is_written_in_vietnamese():
    _, messages = read_ts(TS_DIR / "hocvu_vi.ts")
    sentences = []
    for message in messages:
        for text in message.translations:
            words = [w for w in PLACEHOLDER.sub(" ", text).split() if any(c.isalpha() for c in w)]
            if len(words) >= 3:
                sentences.append((message, text))
    assert len(sentences) > 20
    plain = [
        f"{message} -> {text!r}"
        for message, text in sentences
        if not VIETNAMESE_LETTERS & set(text.lower())
    ]
    # Nearly every Vietnamese sentence has a diacritic; a few may legitimately lack one.
    assert len(plain) <= len(sentences) // 20, (
        "these Vietnamese translations look untranslated (no diacritics):\n" + "\n".join(plain)
    )
    english = [
        str(message)
        for message, text in sentences
        if text == message.source and VIETNAMESE_LETTERS.isdisjoint(text.lower())
    ]
    assert not english, "left in English in hocvu_vi.ts:\n" + "\n".join(english)


def test_files_hold_exactly_the_strings_of_the_code(tmp_path):
    fresh = tmp_path / "fresh_vi.ts"
    result = subprocess.run(
        # What scripts/translations.sh scans: the screens and the operations.
        [
            tool("pyside6-lupdate"),
            *sorted(map(str, UI_DIR.glob("*.py"))),
            *sorted(map(str, (ROOT / "desktop" / "operations").glob("*.py"))),
            "-ts",
            str(fresh),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _, from_code = read_ts(fresh)
    in_code = {(m.context, m.source, m.numerus) for m in from_code}
    assert in_code, "lupdate found no self.tr() string in desktop/ui"
    for lang in LANGUAGES:
        _, committed = read_ts(TS_DIR / f"hocvu_{lang}.ts")
        in_file = {(m.context, m.source, m.numerus) for m in committed}
        new = sorted(in_code - in_file)
        assert not new, f"hocvu_{lang}.ts lacks strings of the code ({FIX}):\n" + "\n".join(
            f"{context}: {source!r}" for context, source, _ in new
        )
        gone = sorted(in_file - in_code)
        assert not gone, f"hocvu_{lang}.ts holds strings gone from the code ({FIX}):\n" + (
            "\n".join(f"{context}: {source!r}" for context, source, _ in gone)
        )


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_lrelease_compiles_the_file(lang, tmp_path):
    compiled = tmp_path / f"hocvu_{lang}.qm"
    result = subprocess.run(
        [
            tool("pyside6-lrelease"),
            "-fail-on-unfinished",
            str(TS_DIR / f"hocvu_{lang}.ts"),
            "-qm",
            str(compiled),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert compiled.stat().st_size > 0
