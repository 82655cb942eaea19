"""`hocvu pack audit` and `--strict-audit`: what a trainer reads about a pack a blind
learner could game, and what the build refuses."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from content import placement
from content.audit import audit, percent, read_source, render
from content.cli import main
from content.quiz import Quiz, compile_quiz
from hocvu.paths import development_dir

DEV_KEY = development_dir() / "DEVELOPMENT-ONLY-trainer.key"
GRADING_KEY = development_dir() / "DEVELOPMENT-ONLY-grading.key"
FORMS = "200"


def single(ident: str, key_at: int = 0, options: int = 4, prompt: str | None = None) -> dict:
    return {
        "id": ident,
        "type": "single",
        "competences": ["4.1"],
        "prompt": prompt or f"Question {ident}?",
        "options": [
            {"id": f"o{n}", "text": f"option {n} of {ident}", "correct": n == key_at}
            for n in range(options)
        ],
        "explanation": "Because.",
    }


def true_false(ident: str, answer: bool, area: int = 4, level: int | None = None) -> dict:
    item = {
        "id": ident,
        "type": "true_false",
        "competences": [f"{area}.1"],
        "prompt": f"Statement {ident}.",
        "answer": answer,
        "explanation": "Because.",
    }
    if level is not None:
        item |= {"area": area, "level": level}
    return item


def write_quiz(folder: Path, slug: str, items: list[dict], **extra) -> None:
    doc = {"title": slug, "pass_mark": 0.8, **extra, "items": items}
    (folder / "quizzes" / f"{slug}.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
    )


def with_exam(source: Path, items: list[dict], **extra) -> Path:
    """The scaffold with an exam of these items added."""
    course = source / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + "exam:\n  quiz: final\n", "utf-8")
    write_quiz(source, "final", items, **extra)
    return source


def quiz_of(items: list[dict], slug: str = "q", **extra) -> Quiz:
    doc = {"title": slug, "pass_mark": 0.8, **extra, "items": items}
    return Quiz.from_json(compile_quiz(doc, slug, ["vi", "en"], 0.8, lambda _m: None))


def figures(report, slug: str) -> dict[str, float]:
    entry = next(q for q in report.quizzes if q.slug == slug)
    return {row.strategy: row.pass_probability for row in entry.strategies}


def binomial_tail(n: int, p: float, at_least: int) -> float:
    return sum(math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(at_least, n + 1))


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ how items are written


def test_keys_all_written_first_are_flagged_in_the_report(source):
    with_exam(source, [single(f"s{n}") for n in range(20)])
    text = render(audit_of(source))
    assert "key position as written (single): 1: 20  2: 0  3: 0  4: 0" in text
    assert (
        "warning: exam final: the key is written as option 1 in 20 of 20 single-choice "
        "items (100%, limit 60%)" in text
    )


def test_keys_spread_over_positions_are_not_flagged(source):
    with_exam(source, [single(f"s{n}", key_at=n % 4) for n in range(20)])
    text = render(audit_of(source))
    assert "1: 5  2: 5  3: 5  4: 5" in text
    assert "key is written as option" not in text


def test_longest_option_as_key_and_true_false_balance_are_reported(source):
    items = [single(f"s{n}", key_at=n % 4) for n in range(8)]
    for item in items:  # the key's text is the longest
        key = next(o for o in item["options"] if o["correct"])
        key["text"] += " and a good deal more explanation than the others"
    items += [true_false(f"t{n}", answer=False) for n in range(6)]
    with_exam(source, items)
    text = render(audit_of(source))
    assert "longest option is the key: 8 of 8 (100%)" in text
    assert "true/false keyed true: 0 of 6 (0%)" in text
    assert "0 of 6 true/false items are keyed true (0%; keep it between 30% and 70%)" in text


def test_an_exam_that_shows_every_item_warns_that_retakes_see_the_same_items(source):
    with_exam(source, [single(f"s{n}", key_at=n % 4) for n in range(20)])
    text = render(audit_of(source))
    assert "exam final: 20 items in the pool, 20 per attempt (every item)" in text
    assert "the pool has 20 items for 20 drawn per attempt (keep at least 1.5×)" in text


def test_items_duplicated_across_pools_are_listed(source):
    module_quiz = source / "quizzes" / "demo-quiz.yaml"
    doc = yaml.safe_load(module_quiz.read_text(encoding="utf-8"))
    doc["items"].append(single("shared", prompt="Which  file is SAFE to open?"))
    doc["items"].append(single("same-text", prompt="What is phishing?"))
    module_quiz.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    exam = [single(f"s{n}", key_at=n % 4) for n in range(10)]
    exam += [single("shared", prompt="Which file is safe to open?")]
    exam += [single("other-id", prompt="  what is PHISHING? ")]
    with_exam(source, exam)
    text = render(audit_of(source))
    assert "items in more than one pool:" in text
    assert "  id shared: demo-quiz/shared, final/shared" in text
    assert "  prompt “What is phishing?”: demo-quiz/same-text, final/other-id" in text
    assert (
        "warning: demo-quiz/same-text, final/other-id ask the same question: a learner "
        "who practised has seen the exam item and its feedback" in text
    )


# ------------------------------------------------------------------ blind strategies


def test_always_first_on_a_shuffled_four_option_exam_passes_almost_never(source):
    with_exam(source, [single(f"s{n}") for n in range(20)])  # every key written first
    report = audit_of(source)
    found = figures(report, "final")
    # The shuffle puts the key first about one time in four: as good as guessing.
    guessing = binomial_tail(20, 0.25, 16)
    assert found["random"] == pytest.approx(guessing, rel=1e-9)
    assert found["always-first"] < 1e-4
    assert guessing / 4 < found["always-first"] < guessing * 4
    assert not report.over


def test_true_false_exam_keyed_false_is_passed_by_all_false(source):
    with_exam(source, [true_false(f"t{n}", answer=False) for n in range(12)])
    report = audit_of(source)
    found = figures(report, "final")
    assert found["all-false"] == 1.0
    assert found["always-first"] == 0.0  # "true" is shown first: never right here
    assert found["random"] == pytest.approx(binomial_tail(12, 0.5, 10))
    text = render(report)
    assert re.search(r"^  all-false +100 % +100%$", text, re.M)
    assert re.search(r"^  typed-empty +1.93 % +50% +\(plays as random here\)$", text, re.M)
    assert (
        "OVER: exam final: a learner who answers every true/false item false passes with "
        "probability 100 % (limit 1.00 %, strategy all-false); key about half of the "
        "true/false items true" in text
    )


def test_typed_empty_scores_nothing_on_typed_items():
    items = [
        {
            "id": "word",
            "type": "short_answer",
            "prompt": "Type the word phishing.",
            "accept": ["phishing"],
        },
        {"id": "number", "type": "numeric", "prompt": "How much is 2 + 2?", "answer": 4},
        {"id": "echo", "type": "numeric", "prompt": "Repeat 7.", "answer": 7},
    ]
    report = audit("p", "here", [("exam", quiz_of(items))], forms=20)
    rows = {r.strategy: r for r in report.quizzes[0].strategies}
    assert rows["typed-empty"].mean_score == 0.0
    assert rows["typed-empty"].pass_probability == 0.0
    # Guessing a word or number of the prompt finds "phishing" 1 time in 4 and 7 always.
    assert rows["random"].mean_score == pytest.approx((1 / 4 + 0 + 1) / 3)


@settings(max_examples=30, deadline=None)
@given(
    items=st.integers(1, 12),
    options=st.integers(2, 5),
    pass_mark=st.sampled_from([0.5, 0.6, 0.75, 0.8, 1.0]),
)
def test_random_guessing_pass_probability_is_the_binomial_tail(items, options, pass_mark):
    quiz = quiz_of([single(f"s{n}", options=options) for n in range(items)], pass_mark=pass_mark)
    report = audit("p", "here", [("exam", quiz)], forms=5)
    needed = math.ceil(pass_mark * items - 1e-9)
    assert figures(report, "q")["random"] == pytest.approx(
        binomial_tail(items, 1 / options, needed), rel=1e-9, abs=1e-15
    )


def test_the_report_is_the_same_every_time(source):
    with_exam(source, [single(f"s{n}") for n in range(10)], draw=6)
    first = audit_of(source).to_json()
    assert audit_of(source).to_json() == first


def test_probabilities_read_as_trainers_expect():
    assert percent(0.0003) == "0.03 %"
    assert percent(0.0) == "0 %"
    assert percent(1.0) == "100 %"
    assert percent(2.3e-8) == "2e-06 %"


# ------------------------------------------------------------------ placement


def placement_source(tmp_path: Path, answer: bool, items_per_module: int = 5) -> Path:
    folder = tmp_path / "placement"
    (folder / "quizzes").mkdir(parents=True)
    (folder / "course.yaml").write_text(
        "id: vn.mofa.dl.placement\nversion: 1\nlanguages: [vi, en]\ntitle: Placement\n"
        "placement:\n  quizzes: [placement-l1]\n",
        encoding="utf-8",
    )
    items = [
        true_false(f"a{area}-{n}", answer=answer if n else not answer, area=area, level=1)
        for area in (1, 2, 3)
        for n in range(items_per_module)
    ]
    write_quiz(folder, "placement-l1", items)
    return folder


def test_placement_keyed_false_lets_an_all_false_learner_skip_modules(tmp_path):
    folder = placement_source(tmp_path, answer=False)
    report = audit_of(folder)
    rows = {r.strategy: r for r in report.placement.strategies}
    # Each module: 4 of 5 items keyed false, the pass mark is 80 %: all-false skips all 3.
    assert rows["all-false"].modules_skipped == pytest.approx(3.0)
    assert rows["always-first"].modules_skipped == pytest.approx(0.0)
    # At random, 4 of 5 right with chance 6/32 per module.
    assert rows["random"].modules_skipped == pytest.approx(3 * 6 / 32)
    text = render(report)
    assert "placement (placement-l1): 3 modules probed, 5 to 5 items per module" in text
    assert (
        "OVER: placement test: a learner who answers every true/false item false skips "
        "3.00 modules on average (limit 1, strategy all-false)" in text
    )


def test_the_placement_rule_skips_a_module_whose_items_reach_its_pass_mark():
    means = placement.probe_means({(1, 1): [1.0, 1.0, 0.5, 1.0, 0.5], (2, 1): []})
    assert means == {(1, 1): 0.8}
    assert placement.skips(means[(1, 1)], 0.8)
    assert not placement.skips(means[(1, 1)], 0.81)
    assert not placement.skips(means.get((2, 1)), 0.0)


# ------------------------------------------------------------------ the command line


def test_audit_exits_0_and_with_strict_1_when_over_a_threshold(source, capsys):
    with_exam(source, [true_false(f"t{n}", answer=False) for n in range(12)])
    code, out, _ = run(capsys, "audit", str(source), "--forms", FORMS)
    assert code == 0 and "OVER: exam final" in out
    code, out, _ = run(capsys, "audit", str(source), "--forms", FORMS, "--strict")
    assert code == 1 and "2 over a threshold" in out
    code, out, _ = run(capsys, "audit", str(source), "--forms", FORMS, "--json")
    document = json.loads(out)
    assert code == 0 and document["over_thresholds"] is True
    exam = next(q for q in document["packs"][0]["quizzes"] if q["slug"] == "final")
    assert {r["strategy"]: r["pass_probability"] for r in exam["strategies"]}["all-false"] == 1


def test_audit_of_a_sound_pack_with_strict_exits_0(source, capsys):
    with_exam(source, [single(f"s{n}", key_at=n % 4) for n in range(30)], draw=20)
    code, out, _ = run(capsys, "audit", str(source), "--forms", FORMS, "--strict")
    assert code == 0, out
    assert "0 over a threshold" in out or "Nothing over a threshold" in out


def test_audit_of_a_missing_folder_says_so(tmp_path, capsys):
    code, _, err = run(capsys, "audit", str(tmp_path / "nowhere"))
    assert code == 1 and "nowhere" in err


def test_build_with_strict_audit_refuses_a_pack_a_guesser_passes(source, tmp_path, capsys):
    with_exam(source, [true_false(f"t{n}", answer=False) for n in range(12)])
    out_pack = tmp_path / "gamed.hvpack"
    code, _, err = run(
        capsys, "build", str(source), "--key", str(DEV_KEY), "-o", str(out_pack),
        "--strict-audit", "--audit-forms", FORMS,
    )  # fmt: skip
    assert code == 1
    assert "refused: src: exam final: a learner who answers every true/false item false" in err
    assert "strategy all-false" in err and "100 %" in err
    assert "nothing built" in err and not out_pack.exists()
    # --strict alone runs the same gate.
    code, _, err = run(
        capsys, "build", str(source), "--key", str(DEV_KEY), "-o", str(out_pack),
        "--strict", "--audit-forms", FORMS,
    )  # fmt: skip
    assert code == 1 and "strategy all-false" in err and not out_pack.exists()
    # Without either flag the same sources build (the audit gate is opt-in).
    code, _, _ = run(capsys, "build", str(source), "--key", str(DEV_KEY), "-o", str(out_pack))
    assert code == 0 and out_pack.exists()


def test_build_with_strict_audit_builds_a_sound_pack_whose_sealed_exam_audits_with_the_key(
    source, tmp_path, capsys
):
    with_exam(source, [single(f"s{n}", key_at=n % 4) for n in range(30)], draw=20)
    out_pack = tmp_path / "sound.hvpack"
    code, out, err = run(
        capsys, "build", str(source), "--key", str(DEV_KEY), "-o", str(out_pack),
        "--strict-audit", "--audit-forms", FORMS,
    )  # fmt: skip
    assert code == 0, err
    assert f"Built {out_pack}" in out
    # The built exam is sealed: without the grading key the report says so.
    code, out, _ = run(capsys, "audit", str(out_pack), "--forms", FORMS)
    assert code == 0
    assert f"Audit of vn.mofa.dl.demo ({out_pack})" in out
    assert "exam final: 30 items in the pool, 20 per attempt (draw 20)" in out
    assert "warning: exam final is sealed (its keys are encrypted): not audited" in out
    code, out, _ = run(
        capsys, "audit", str(out_pack), "--forms", FORMS, "--strict",
        "--grading-key", str(GRADING_KEY),
    )  # fmt: skip
    assert code == 0, out
    assert "sealed" not in out
    assert "key position as written (single): 1: 8  2: 8  3: 7  4: 7" in out
    assert re.search(r"^  random +\S+ % +25%$", out, re.M)


def audit_of(folder: Path, forms: int = int(FORMS)):
    source = read_source(folder)
    return audit(
        source.pack_id,
        source.source,
        source.quizzes,
        lang=source.lang,
        forms=forms,
        module_pass_marks=source.module_pass_marks,
    )


def test_audit_explains_itself(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["audit", "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert "PACK_OR_SOURCE_DIR" in out and "--grading-key" in out and "--forms" in out
