"""Drawn attempts (content/forms.py): what a guesser, a copier and a resumed attempt see."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.forms import (
    Form,
    FormError,
    check_form,
    draw_form,
    lesson_practice,
    matches_seed,
    score_attempt,
    shuffled_choices,
)
from content.quiz import Quiz, compile_quiz


def _single(ident: str, area: int, right: str = "a") -> dict:
    return {
        "id": ident,
        "type": "single",
        "competences": [f"{area}.1"],
        "prompt": f"Question {ident}?",
        "options": [
            {"id": o, "text": f"Option {o}", "correct": o == right} for o in ("a", "b", "c", "d")
        ],
        "explanation": "Because.",
    }


def _quiz(items: list[dict], **drawing) -> Quiz:
    doc = {"title": "Test", "items": items, **drawing}
    return Quiz.from_json(compile_quiz(doc, "test", ["vi", "en"], 0.8, lambda m: None))


POOL = [_single(f"q{n}", area=1 + n % 3) for n in range(18)]  # six items in each of areas 1-3
BLUEPRINT = _quiz(POOL, blueprint={1: 3, 2: 3, 3: 2}, shuffle=True)


def test_same_seed_gives_the_same_form_so_a_resumed_attempt_is_identical():
    first = draw_form(BLUEPRINT, 12345)
    again = draw_form(BLUEPRINT, 12345)
    assert again == first
    assert Form.from_json(first.to_json()) == first


def test_options_are_shuffled_so_the_key_is_not_always_shown_first():
    shown_first_is_key = Counter()
    quiz = _quiz([_single("only", 1)])
    for seed in range(400):
        order = draw_form(quiz, seed).order_of("only")
        assert sorted(order) == ["a", "b", "c", "d"]  # recorded by authored id
        shown_first_is_key[order[0] == "a"] += 1
    # Authored first, the key is shown first about a quarter of the time, not always.
    assert 60 < shown_first_is_key[True] < 140


def test_a_blueprint_draws_its_count_per_area():
    form = draw_form(BLUEPRINT, 7)
    areas = Counter(BLUEPRINT.item(i).measured_area for i in form.item_ids)
    assert areas == {1: 3, 2: 3, 3: 2}


def test_draw_takes_n_of_the_pool():
    quiz = _quiz(POOL, draw=5)
    assert len(draw_form(quiz, 1).items) == 5
    assert {len(set(draw_form(quiz, s).item_ids)) for s in range(20)} == {5}


def test_a_retake_avoids_the_previous_attempts_items_where_the_pool_allows():
    first = draw_form(BLUEPRINT, 1)
    retake = draw_form(BLUEPRINT, 2, avoid=first.item_ids)
    # Each area has six items and the blueprint takes at most three: no repeat at all.
    assert not set(first.item_ids) & set(retake.item_ids)
    small = _quiz(POOL[:6], draw=4)
    again = draw_form(small, 9, avoid=draw_form(small, 8).item_ids)
    assert len(set(again.item_ids) & set(draw_form(small, 8).item_ids)) == 2  # 6-item pool


def test_two_fresh_attempts_usually_differ():
    forms = {draw_form(BLUEPRINT, seed).item_ids for seed in range(30)}
    assert len(forms) > 20


def test_an_ordering_item_never_starts_in_the_right_order():
    item = {
        "id": "steps",
        "type": "ordering",
        "prompt": "Order them",
        "steps": [{"id": s, "text": s} for s in ("s1", "s2", "s3")],
        "explanation": "So.",
    }
    quiz = _quiz([item])
    assert all(draw_form(quiz, seed).order_of("steps") != ("s1", "s2", "s3") for seed in range(200))


def test_check_form_refuses_a_form_a_cheat_assembled():
    honest = draw_form(BLUEPRINT, 3)
    check_form(BLUEPRINT, honest)
    outsider = Form("test", 3, (*honest.items[:-1], honest.items[-1].__class__("nope", ())))
    with pytest.raises(FormError, match="not in quiz"):
        check_form(BLUEPRINT, outsider)
    short = Form("test", 3, honest.items[:-1])
    with pytest.raises(FormError, match="items where the quiz draws"):
        check_form(BLUEPRINT, short)
    first = honest.items[0]
    wrong_order = Form(
        "test", 3, (first.__class__(first.item_id, first.order[:-1]), *honest.items[1:])
    )
    with pytest.raises(FormError, match="option order"):
        check_form(BLUEPRINT, wrong_order)
    # Hand-picked items that satisfy the blueprint are still not what the seed draws.
    easy = draw_form(BLUEPRINT, 4)
    forged = Form("test", 3, easy.items)
    check_form(BLUEPRINT, forged)
    assert not matches_seed(BLUEPRINT, forged, [()])
    assert matches_seed(BLUEPRINT, honest, [()])


def test_a_malformed_recorded_form_is_a_form_error():
    for bad in (None, [], {"seed": "x", "quiz": "t", "items": []}, {"seed": 1, "items": [{}]}):
        with pytest.raises(FormError):
            Form.from_json(bad)


def test_the_attempt_score_is_per_area_and_names_competences_not_keys():
    form = draw_form(BLUEPRINT, 5)
    right = {i: 1.0 for i in form.item_ids[:4]}
    result = score_attempt(BLUEPRINT, form, right)
    assert result.score == pytest.approx(4 / 8)
    assert not result.passed
    assert set(result.per_area) == {1, 2, 3}
    assert result.revisit  # competence codes such as "1.1", never option ids
    assert all("." in code for code in result.revisit)


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**48 - 1),
    avoid=st.sets(st.sampled_from([item["id"] for item in POOL])),
)
def test_every_drawn_form_fits_its_quiz_and_its_seed(seed, avoid):
    form = draw_form(BLUEPRINT, seed, avoid)
    check_form(BLUEPRINT, form)
    assert matches_seed(BLUEPRINT, form, [(), avoid])
    for entry in form.items:
        assert sorted(entry.order) == sorted(shuffled_choices(BLUEPRINT.item(entry.item_id)))


def test_a_lesson_practice_item_shares_a_competence_with_the_lesson_and_varies():
    quiz = _quiz(POOL, draw=5)
    drawn = [lesson_practice(quiz, ["2.1"], seed) for seed in range(60)]
    by_id = {item.id: item for item in quiz.items}
    assert {by_id[d.item_id].competences for d in drawn} == {("2.1",)}
    assert len({d.item_id for d in drawn}) == 6  # every area-2 item comes up
    assert lesson_practice(quiz, ["2.1"], 7) == lesson_practice(quiz, ["2.1"], 7)
    assert sorted(lesson_practice(quiz, ["2.1"], 7).order) == ["a", "b", "c", "d"]
    # The item shown last time comes last; a lesson whose tags no item shares gets any.
    for seed in range(20):
        first = lesson_practice(quiz, ["2.1"], seed)
        assert lesson_practice(quiz, ["2.1"], seed, avoid=[first.item_id]) != first
    assert lesson_practice(quiz, ["6.3"], 1).item_id in by_id
    assert lesson_practice(_quiz([POOL[0]]), ["1.1"], 1, avoid=[POOL[0]["id"]]).item_id == "q0"
