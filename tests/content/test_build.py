"""Building packs from sources: reproducible bytes, clear errors, useful warnings."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile

import pytest

from content.build import build_pack
from content.errors import SourceError
from content.sources import read_sources
from content.verify import verify_pack


def test_same_sources_give_byte_identical_packs(dev, source, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = build_pack(source, dev.trainer, dev.trust_bytes, tmp_path / "a.hvpack")
    for path in source.rglob("*"):
        os.utime(path, (2_000_000_000, 2_000_000_000))  # a fresh checkout has other mtimes
    second = build_pack(source, dev.trainer, dev.trust_bytes, tmp_path / "b.hvpack")
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (first.path, second.path)]
    assert digest[0] == digest[1] == first.sha256
    assert first.manifest["created"] == "2026-01-01T00:00:00Z"


def test_created_in_course_yaml_wins(dev, source, tmp_path):
    course = source / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8") + "created: 2026-03-04T05:06:07Z\n", encoding="utf-8"
    )
    result = build_pack(source, dev.trainer, dev.trust_bytes, tmp_path / "a.hvpack")
    assert result.manifest["created"] == "2026-03-04T05:06:07Z"


def test_scaffold_builds_without_warnings_and_verifies(dev, source, tmp_path):
    result = build_pack(source, dev.trainer, dev.trust_bytes, tmp_path / "demo.hvpack")
    assert result.warnings == []
    verified = verify_pack(result.path, dev.roots)
    compiled = json.loads(zipfile.ZipFile(result.path).read("quizzes/demo-quiz.json"))
    quiz_types = {item["type"] for item in compiled["items"]}
    assert quiz_types == {
        "single",
        "multiple",
        "true_false",
        "short_answer",
        "numeric",
        "ordering",
        "matching",
    }
    assert verified.manifest["modules"][0]["lessons"][0]["title"]["en"] == "Strong passwords"


def test_malformed_yaml_names_file_and_line(source):
    (source / "quizzes" / "demo-quiz.yaml").write_text(
        "title: x\nitems: [\n  - id: a\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as caught:
        read_sources(source)
    assert "quizzes/demo-quiz.yaml" in str(caught.value) and "line" in str(caught.value)


def test_malformed_front_matter_names_the_lesson(source):
    (source / "lessons" / "strong-passwords.en.md").write_text(
        "# No front matter\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as caught:
        read_sources(source)
    assert "lessons/strong-passwords.en.md" in str(caught.value)
    assert "front matter" in str(caught.value)


def test_missing_translation_and_explanation_are_warnings(source):
    (source / "lessons" / "strong-passwords.en.md").unlink()
    quiz = source / "quizzes" / "demo-quiz.yaml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace(
            '    explanation: {vi: "Độ dài làm mật khẩu khó đoán nhất.", '
            'en: "Length makes a password hardest to guess."}\n',
            "",
        ),
        encoding="utf-8",
    )
    warnings = read_sources(source).warnings
    assert any("strong-passwords.en.md" in w and "missing" in w for w in warnings)
    assert any("'longest'" in w and "explanation" in w for w in warnings)


@pytest.mark.parametrize(
    ("yaml_item", "fault"),
    [
        ("{id: x, type: essay, prompt: hi}", "type must be one of"),
        (
            "{id: x, type: single, prompt: hi, options: [{id: a, text: A}, {id: b, text: B}]}",
            "no option is marked correct",
        ),
        ("{id: x, type: numeric, prompt: hi, answer: many}", "expected a number"),
        ("{id: x, type: true_false, prompt: hi, answer: maybe}", "true or false"),
        (
            "{id: x, type: single, prompt: hi, competences: ['9.9'], options: "
            "[{id: a, text: A, correct: true}, {id: b, text: B}]}",
            "competence",
        ),
    ],
)
def test_bad_quiz_items_are_refused_with_the_item_named(source, yaml_item, fault):
    (source / "quizzes" / "demo-quiz.yaml").write_text(
        f"title: t\nitems:\n  - {yaml_item}\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as caught:
        read_sources(source)
    assert "quizzes/demo-quiz.yaml" in str(caught.value) and fault in str(caught.value)


def test_image_outside_media_is_refused(source):
    lesson = source / "lessons" / "strong-passwords.en.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\n![x](https://example.org/x.png)\n", encoding="utf-8"
    )
    with pytest.raises(SourceError, match=r"strong-passwords\.en\.md.*media/"):
        read_sources(source)


def test_unsafe_svg_in_sources_is_refused(source):
    (source / "media" / "example.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', encoding="utf-8"
    )
    with pytest.raises(SourceError, match=r"media/example\.svg.*event-handler"):
        read_sources(source)
