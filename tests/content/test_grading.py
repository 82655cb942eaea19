"""Grading: scores stay in [0, 1], a right answer scores 1, partial credit where it makes sense."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from content.grading import decode_response, encode_response, fold_text, grade, score_quiz
from content.quiz import Answer, Item, Option, Pair, Quiz, Step

T = {"vi": "x", "en": "x"}
ids = st.text("abcdefgh", min_size=1, max_size=3)


def single(correct="b", item_id="i"):
    return Item(
        item_id,
        "single",
        T,
        options=tuple(
            Option(o, T, correct=o == correct, feedback={"vi": f"fb {o}", "en": f"fb {o}"})
            for o in "abc"
        ),
    )


def test_single_right_wrong_and_feedback():
    item = single()
    assert grade(item, "b").score == 1 and grade(item, "b").correct
    wrong = grade(item, "a")
    assert wrong.score == 0 and wrong.feedback[0]["en"] == "fb a"
    assert grade(item, "zzz").score == 0 and grade(item, None).score == 0


def test_multiple_partial_credit_and_penalty():
    item = Item(
        "i",
        "multiple",
        T,
        options=(
            Option("a", T, True),
            Option("b", T, True),
            Option("c", T, False),
            Option("d", T, False),
        ),
    )
    assert grade(item, {"a", "b"}).score == 1
    assert grade(item, {"a"}).score == 0.5
    assert grade(item, {"a", "c"}).score == 0
    assert grade(item, {"a", "b", "c", "d"}).score == 0
    assert grade(item, "ab").score == 0  # a string is not a set of choices


def test_weighted_options():
    item = Item(
        "i",
        "multiple",
        T,
        options=(
            Option("a", T, weight=0.5),
            Option("b", T, weight=0.5),
            Option("c", T, weight=-1.0),
        ),
    )
    assert grade(item, ["a", "b"]).score == 1
    assert grade(item, ["a"]).score == 0.5
    assert grade(item, ["a", "b", "c"]).score == 0


def test_short_answer_ignores_case_spacing_and_diacritics_by_default():
    item = Item(
        "i",
        "short_answer",
        T,
        accept={
            "vi": (Answer(text="bảo mật"), Answer(text="an ninh", weight=0.5)),
            "en": (Answer(text="security"),),
        },
    )
    assert grade(item, "  BAO   mat ", "vi").score == 1
    assert grade(item, "an ninh", "vi").score == 0.5
    assert grade(item, "Security", "en").score == 1
    assert grade(item, "", "vi").score == 0
    strict = Item(
        "i",
        "short_answer",
        T,
        accept={"vi": (Answer(text="Đà Nẵng"),)},
        case_sensitive=True,
        ignore_diacritics=False,
    )
    assert grade(strict, "Đà Nẵng").score == 1 and grade(strict, "Da Nang").score == 0


def test_fold_treats_d_stroke_as_d():
    assert fold_text("Đường", case_sensitive=False, ignore_diacritics=True) == "duong"


def test_numeric_tolerance_ranges_and_decimal_comma():
    item = Item(
        "i",
        "numeric",
        T,
        answers=(Answer(value=3.14, tolerance=0.01), Answer(min=3.0, max=3.5, weight=0.5)),
    )
    assert grade(item, 3.145).score == 1
    assert grade(item, "3,14").score == 1
    assert grade(item, 3.3).score == 0.5
    assert grade(item, "pi").score == 0
    assert grade(item, float("nan")).score == 0


def test_ordering_partial_credit_by_pairs_in_order():
    item = Item("i", "ordering", T, steps=tuple(Step(s, T) for s in "abcd"))
    assert grade(item, list("abcd")).score == 1
    assert grade(item, list("dcba")).score == 0
    assert grade(item, list("bacd")).score == 5 / 6
    assert grade(item, list("abc")).score == 0


def test_matching_share_of_right_pairs_with_distractor():
    item = Item(
        "i", "matching", T, pairs=tuple(Pair(p, T, T) for p in "abc"), distractors=(Step("z", T),)
    )
    assert grade(item, {"a": "a", "b": "b", "c": "c"}).score == 1
    assert grade(item, {"a": "a", "b": "z", "c": "b"}).score == 1 / 3


def test_true_false_feedback_follows_the_answer_given():
    item = Item("i", "true_false", T, answer=False, feedback_true={"vi": "sai", "en": "no"})
    assert grade(item, False).score == 1
    wrong = grade(item, True)
    assert wrong.score == 0 and wrong.feedback == ({"vi": "sai", "en": "no"},)
    assert grade(item, "false").score == 0


def test_quiz_score_counts_unanswered_items_as_zero():
    quiz = Quiz("q", T, 0.8, False, (single(), single(item_id="j")))
    assert score_quiz(quiz, {"i": 1.0}) == 0.5


# --- properties ---------------------------------------------------------------------

options_st = st.lists(
    st.tuples(st.booleans(), st.none() | st.floats(-1, 1)), min_size=2, max_size=6
).filter(lambda opts: any(c for c, _ in opts))


def choice_item(kind: str, opts, weighted: bool) -> Item:
    return Item(
        "i",
        kind,
        T,
        options=tuple(
            Option(f"o{n}", T, correct=(c and not weighted), weight=(w if weighted else None))
            for n, (c, w) in enumerate(opts)
        ),
    )


any_response = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=5),
    st.lists(st.text("o0123456789", max_size=3), max_size=6),
    st.dictionaries(st.text("abc", max_size=2), st.text("abc", max_size=2), max_size=4),
)


@given(
    opts=options_st,
    weighted=st.booleans(),
    response=any_response,
    kind=st.sampled_from(["single", "multiple"]),
)
def test_choice_scores_stay_between_zero_and_one(opts, weighted, response, kind):
    score = grade(choice_item(kind, opts, weighted), response).score
    assert 0.0 <= score <= 1.0


@given(opts=options_st, data=st.data())
def test_multiple_fully_correct_scores_one_in_any_order(opts, data):
    item = choice_item("multiple", opts, weighted=False)
    right = [o.id for o in item.options if o.correct]
    shuffled = data.draw(st.permutations(right))
    assert grade(item, shuffled).score == 1.0
    assert grade(item, set(shuffled)).score == grade(item, list(reversed(shuffled))).score


@given(steps=st.lists(ids, min_size=2, max_size=6, unique=True), data=st.data())
def test_ordering_scores_in_range_and_right_order_scores_one(steps, data):
    item = Item("i", "ordering", T, steps=tuple(Step(s, T) for s in steps))
    assert grade(item, steps).score == 1.0
    assert 0.0 <= grade(item, data.draw(st.permutations(steps))).score <= 1.0
    assert 0.0 <= grade(item, data.draw(any_response)).score <= 1.0


@given(pairs=st.lists(ids, min_size=2, max_size=5, unique=True), response=any_response)
def test_matching_scores_in_range(pairs, response):
    item = Item("i", "matching", T, pairs=tuple(Pair(p, T, T) for p in pairs))
    assert grade(item, {p: p for p in pairs}).score == 1.0
    assert 0.0 <= grade(item, response).score <= 1.0


@given(value=st.floats(-1e6, 1e6), tol=st.floats(0, 100), response=any_response)
def test_numeric_scores_in_range_and_exact_value_scores_one(value, tol, response):
    item = Item("i", "numeric", T, answers=(Answer(value=value, tolerance=tol),))
    assert grade(item, value).score == 1.0
    assert 0.0 <= grade(item, response).score <= 1.0


@given(text=st.text(min_size=1, max_size=20).filter(str.strip), response=any_response)
def test_short_answer_scores_in_range_and_own_text_scores_one(text, response):
    item = Item("i", "short_answer", T, accept={"vi": (Answer(text=text),)})
    assert grade(item, text, "vi").score == 1.0
    assert 0.0 <= grade(item, response, "vi").score <= 1.0


@given(opts=options_st, data=st.data())
def test_multiple_response_survives_xapi_encoding(opts, data):
    item = choice_item("multiple", opts, weighted=False)
    chosen = data.draw(st.sets(st.sampled_from([o.id for o in item.options])))
    decoded = decode_response(item, encode_response(item, chosen))
    assert grade(item, decoded).score == grade(item, chosen).score


def test_matching_and_ordering_responses_survive_xapi_encoding():
    match = Item("i", "matching", T, pairs=tuple(Pair(p, T, T) for p in "ab"))
    assert decode_response(match, encode_response(match, {"a": "b", "b": "a"})) == {
        "a": "b",
        "b": "a",
    }
    order = Item("i", "ordering", T, steps=tuple(Step(s, T) for s in "abc"))
    assert decode_response(order, encode_response(order, ["c", "a", "b"])) == ["c", "a", "b"]
