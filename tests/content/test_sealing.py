"""Sealed exams (content/sealing.py): a laptop holds the exam, not its keys.

The scaffold's quiz uses all seven item types; used as the pack's exam, every one of
them is sealed at build, graded with the grading key, and refused when changed.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from content import keys, trust
from content.build import SealingError, build_pack
from content.envelope import x25519_key_id
from content.errors import PackRefused
from content.forms import draw_form
from content.grading import encode_response
from content.quiz import Quiz
from content.sealing import SealError, open_for_grading, unseal_quiz
from hocvu.paths import development_dir

from .conftest import CREATED


@pytest.fixture(scope="module")
def grading() -> X25519PrivateKey:
    return keys.load_grading_private(development_dir() / "DEVELOPMENT-ONLY-grading.key", None)


@pytest.fixture
def exam_source(source: Path) -> Path:
    """The scaffold with its quiz also used as the pack's exam."""
    course = source / "course.yaml"
    course.write_text(
        course.read_text(encoding="utf-8") + "exam:\n  quiz: demo-exam\n", encoding="utf-8"
    )
    quiz = (source / "quizzes" / "demo-quiz.yaml").read_text(encoding="utf-8")
    (source / "quizzes" / "demo-exam.yaml").write_text(quiz, encoding="utf-8")
    return source


def _exam_json(pack: Path) -> dict:
    with zipfile.ZipFile(pack) as archive:
        return json.loads(archive.read("quizzes/demo-exam.json"))


def _authored(exam_source: Path) -> dict:
    from content.sources import read_sources

    return json.loads(read_sources(exam_source).entries["quizzes/demo-exam.json"])


def test_the_built_exam_holds_no_key_feedback_or_explanation_in_clear(dev, exam_source, tmp_path):
    pack = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "p.hvpack").path
    sealed_text = json.dumps(_exam_json(pack), ensure_ascii=False)
    authored = _authored(exam_source)
    for item in authored["items"]:
        for secret in (item.get("explanation") or {}).values():
            assert secret not in sealed_text
        for option in item.get("options", []):
            for feedback in (option.get("feedback") or {}).values():
                assert feedback not in sealed_text
    assert '"correct"' not in sealed_text and '"accept"' not in sealed_text
    # The module quiz is practice: it keeps its keys for immediate feedback.
    with zipfile.ZipFile(pack) as archive:
        assert '"correct": true' in archive.read("quizzes/demo-quiz.json").decode()


def test_opaque_ids_say_nothing_of_which_option_is_the_key(dev, exam_source, tmp_path):
    pack = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "p.hvpack").path
    public = Quiz.from_json(_exam_json(pack))
    for item in public.items:
        for option in item.options:
            assert option.id.startswith("k") and len(option.id) == 11
            assert not option.correct
        # Listed sorted by opaque id: the authored order (key first) is gone too.
        assert [o.id for o in item.options] == sorted(o.id for o in item.options)


def test_a_rebuild_is_byte_identical(dev, exam_source, tmp_path):
    first = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "a.hvpack")
    second = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "b.hvpack")
    assert first.sha256 == second.sha256


def _right_response(authored: Quiz, graded, item_id: str) -> str:
    """The right answer to an authored item, recorded in the pack's opaque ids."""
    item = authored.item(item_id)
    back = {a: p for p, a in graded.ids.get(item_id, {}).items()}
    left = {a: p for p, a in graded.left.get(item_id, {}).items()}
    if item.type == "single":
        return next(back[o.id] for o in item.options if o.correct or (o.weight or 0) >= 1)
    if item.type == "multiple":
        return encode_response(
            graded.public.item(item_id), {back[o.id] for o in item.options if o.correct}
        )
    if item.type == "true_false":
        return "true" if item.answer else "false"
    if item.type == "short_answer":
        return next(a.text for a in item.accept["vi"] if a.weight >= 1)
    if item.type == "numeric":
        answer = next(a for a in item.answers if a.weight >= 1)
        return str(answer.value if answer.value is not None else answer.min)
    if item.type == "ordering":
        return "[,]".join(back[s.id] for s in item.steps)
    return "[,]".join(f"{left[p.id]}[.]{back[p.id]}" for p in item.pairs)


def test_the_grading_key_grades_every_item_type_from_opaque_responses(
    dev, exam_source, tmp_path, grading
):
    pack = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "p.hvpack").path
    graded = open_for_grading(_exam_json(pack), {x25519_key_id(grading.public_key()): grading})
    assert {i.type for i in graded.quiz.items} == {
        "single",
        "multiple",
        "true_false",
        "short_answer",
        "numeric",
        "ordering",
        "matching",
    }
    for item in graded.quiz.items:
        right = _right_response(graded.quiz, graded, item.id)
        assert graded.grade(item.id, right).score == 1.0, item.type
        wrong = {"true": "false", "false": "true"}.get(right, "kdeadbeef00")
        assert graded.grade(item.id, wrong).score == 0.0, item.type
        # Item analysis reads the answer back in authored ids.
        if item.type == "single":
            key = next(o.id for o in item.options if o.correct)
            assert graded.authored_response(item.id, right) == key
    # The form a device draws is in the opaque ids and covers every item.
    form = draw_form(graded.public, 11)
    assert sorted(form.item_ids) == sorted(i.id for i in graded.quiz.items)


def test_without_the_grading_key_nothing_opens(dev, exam_source, tmp_path):
    pack = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "p.hvpack").path
    stranger = X25519PrivateKey.generate()
    with pytest.raises(SealError, match="does not hold"):
        unseal_quiz(_exam_json(pack), {x25519_key_id(stranger.public_key()): stranger})
    with pytest.raises(SealError, match="add-grading-key"):
        unseal_quiz(_exam_json(pack), {})


def test_a_changed_ciphertext_is_refused_by_the_grader(dev, exam_source, tmp_path, grading):
    pack = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "p.hvpack").path
    exam = _exam_json(pack)
    sealed = exam["items"][0]["sealed"]
    sealed["ciphertext"] = sealed["ciphertext"][:-8] + "AAAAAAA="
    with pytest.raises(SealError, match="changed or is damaged"):
        unseal_quiz(exam, {x25519_key_id(grading.public_key()): grading})
    # A seal moved onto another item does not open either (bound to quiz|item).
    exam = _exam_json(pack)
    exam["items"][1]["sealed"] = exam["items"][0]["sealed"]
    with pytest.raises(SealError):
        unseal_quiz(exam, {x25519_key_id(grading.public_key()): grading})


def test_a_pack_whose_sealed_exam_was_changed_is_refused_like_any_changed_pack(
    dev, exam_source, tmp_path, library
):
    pack = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "p.hvpack").path
    tampered = tmp_path / "tampered.hvpack"
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(tampered, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "quizzes/demo-exam.json":
                exam = json.loads(data)
                exam["items"][0]["sealed"]["ciphertext"] = (
                    "AAAA" + exam["items"][0]["sealed"]["ciphertext"][4:]
                )
                data = json.dumps(exam).encode()
            out.writestr(info, data)
    with pytest.raises(PackRefused, match=r"demo-exam\.json"):
        library.install(tampered, now=CREATED)


def test_an_exam_without_a_grading_key_in_the_trust_list_is_not_built(dev, exam_source, tmp_path):
    bare = dev.trust_with(lambda body: body.pop("grading_keys", None))
    with pytest.raises(SealingError, match="add-grading-key"):
        build_pack(exam_source, dev.trainer, bare, tmp_path / "p.hvpack")
    assert not (tmp_path / "p.hvpack").exists()


def test_after_a_rotation_new_packs_seal_to_the_new_key_and_old_ones_still_open(
    dev, exam_source, tmp_path, grading
):
    newer = X25519PrivateKey.generate()
    rotated = dev.trust_with(
        lambda body: trust.add_grading_key(
            body, newer.public_key(), CREATED.replace(year=2026, month=6), CREATED.replace(2030)
        )
    )
    old_pack = build_pack(exam_source, dev.trainer, dev.trust_bytes, tmp_path / "old.hvpack").path
    new_pack = build_pack(exam_source, dev.trainer, rotated, tmp_path / "new.hvpack").path
    new_id = x25519_key_id(newer.public_key())
    assert {i["sealed"]["key_id"] for i in _exam_json(new_pack)["items"]} == {new_id}
    both = {new_id: newer, x25519_key_id(grading.public_key()): grading}
    for pack in (old_pack, new_pack):
        unseal_quiz(_exam_json(pack), both)
