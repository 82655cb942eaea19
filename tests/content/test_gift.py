"""GIFT import: a realistic Moodle export, malformed input, and random quizzes sent through GIFT."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.gift import GiftImport, GiftProblem, dump_quiz_yaml, import_gift
from content.quiz import compile_quiz

REALISTIC = Path(__file__).parent / "data" / "realistic.gift"
NO_EXPLANATION = "no general feedback: add an explanation"
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")  # docs/pack-format.md


def line_of(fragment: str) -> int:
    """The line of realistic.gift holding `fragment`, which must be on one line only."""
    lines = REALISTIC.read_text(encoding="utf-8").split("\n")
    found = [number for number, line in enumerate(lines, start=1) if fragment in line]
    assert len(found) == 1, f"{fragment!r} is on lines {found}"
    return found[0]


def by_id(result: GiftImport) -> dict[str, dict]:
    return {item["id"]: item for item in result.quiz["items"]}


def compiles(quiz: dict) -> list[str]:
    """Run the pack's own quiz compiler on the YAML text; return its warnings."""
    warnings: list[str] = []
    compile_quiz(yaml.safe_load(dump_quiz_yaml(quiz)), "imported", ["vi"], 0.8, warnings.append)
    return warnings


@pytest.fixture(scope="module")
def realistic() -> GiftImport:
    return import_gift(REALISTIC.read_text(encoding="utf-8"), source=str(REALISTIC))


# --- The realistic file -------------------------------------------------------------------


def test_realistic_file_keeps_every_supported_question_in_order(realistic: GiftImport) -> None:
    assert realistic.quiz["title"] == "realistic"  # several categories: the file name
    assert [item["id"] for item in realistic.quiz["items"]] == [
        "mat-khau-mat-khau-manh",
        "mat-khau-khi-nao-doi-mat-khau",
        "mat-khau-xac-thuc-hai-yeu-to",
        "mat-khau-q4",
        "mat-khau-q5",
        "mat-khau-viet-tat-2fa",
        "mat-khau-entropy",
        "mat-khau-do-dai-khuyen-nghi",
        "mat-khau-mat-khau-manh-2",
        "thu-lua-dao-q10",
        "thu-lua-dao-ghep-thuat-ngu",
        "thu-lua-dao-thu-khan",
        "thu-lua-dao-bao-cao",
        "thu-lua-dao-dau-hieu",
        "thu-lua-dao-ky-tu-dac-biet-cu-phap",
        "thu-lua-dao-luat-an-ninh-mang",
        "thu-lua-dao-bao-nhieu-ngay",
        "data-protection-public-wi-fi",
        "data-protection-lock-screen",
        "data-protection-backup",
        "data-protection-usb",
        "data-protection-ma-hoa",
    ]


def test_single_choice_keeps_option_feedback_and_general_feedback_as_explanation(
    realistic: GiftImport,
) -> None:
    assert by_id(realistic)["mat-khau-mat-khau-manh"] == {
        "id": "mat-khau-mat-khau-manh",
        "type": "single",
        "prompt": "Mật khẩu nào sau đây mạnh nhất?",
        "options": [
            {
                "id": "a",
                "text": "Tr@ng-Sen-Mua-Thu-42",
                "correct": True,
                "feedback": "Đúng: dài, khó đoán và không chứa thông tin cá nhân.",
            },
            {
                "id": "b",
                "text": "12345678",
                "feedback": "Đây là một trong những mật khẩu bị dùng nhiều nhất.",
            },
            {"id": "c", "text": "NguyenVanA1980", "feedback": "Tên và năm sinh rất dễ đoán."},
        ],
        "explanation": "Mật khẩu mạnh nên dài ít nhất 12 ký tự; một cụm từ dễ nhớ là lựa chọn tốt.",
    }


def test_partial_and_negative_weights_make_a_weighted_single_choice(
    realistic: GiftImport,
) -> None:
    item = by_id(realistic)["mat-khau-khi-nao-doi-mat-khau"]
    assert item["type"] == "single"
    # The pack format takes `correct` or `weight`, not both: the right answer weighs 1.
    assert [(o["id"], o["weight"]) for o in item["options"]] == [
        ("a", 1.0),
        ("b", 0.5),
        ("c", -0.5),
    ]
    assert not any("correct" in option for option in item["options"])
    assert item["options"][1]["feedback"].startswith("Đúng một phần")
    assert "feedback" not in item["options"][0]


def test_several_positive_weights_make_a_multiple_choice(realistic: GiftImport) -> None:
    item = by_id(realistic)["mat-khau-xac-thuc-hai-yeu-to"]
    assert item["type"] == "multiple"
    assert item["prompt"].startswith("Which of these can serve as a second factor")
    assert item["options"] == [
        {"id": "a", "text": "A one-time code from an authenticator app", "weight": 0.5},
        {"id": "b", "text": "A hardware security key", "weight": 0.5},
        {
            "id": "c",
            "text": "Your mother's maiden name",
            "weight": -1.0,
            "feedback": "This is something you know, like the password itself.",
        },
    ]
    laptop = by_id(realistic)["data-protection-ma-hoa"]
    assert [option.get("weight") for option in laptop["options"]] == [0.5, 0.5, -0.5, None]


def test_true_false_feedbacks_follow_the_learners_answer(realistic: GiftImport) -> None:
    # GIFT writes `#feedback for a wrong answer#feedback for a right answer`.
    sharing = by_id(realistic)["mat-khau-q4"]
    assert sharing == {
        "id": "mat-khau-q4",
        "type": "true_false",
        "prompt": "Chia sẻ mật khẩu với đồng nghiệp thân thiết là chấp nhận được.",
        "answer": False,
        "feedback_true": "Chưa đúng: mật khẩu là của riêng bạn, kể cả với đồng nghiệp.",
        "feedback_false": "Chính xác: không chia sẻ mật khẩu với bất kỳ ai.",
        "explanation": "Mỗi người chịu trách nhiệm về những gì được làm bằng tài khoản của mình.",
    }
    urgent = by_id(realistic)["thu-lua-dao-thu-khan"]
    assert urgent["answer"] is True
    assert urgent["feedback_true"].startswith("Đúng: tên miền giả")
    assert urgent["feedback_false"].startswith("Hãy xem kỹ tên miền")
    wifi = by_id(realistic)["data-protection-public-wi-fi"]
    assert wifi["answer"] is False
    assert wifi["feedback_true"].startswith("Public Wi-Fi can be watched")
    assert wifi["feedback_false"].startswith("Right: without the VPN")
    plain = by_id(realistic)["mat-khau-q5"]
    assert plain == {
        "id": "mat-khau-q5",
        "type": "true_false",
        "prompt": "Trình quản lý mật khẩu giúp dùng mật khẩu khác nhau cho mỗi dịch vụ.",
        "answer": True,
    }


def test_short_answer_keeps_weights_and_feedback(realistic: GiftImport) -> None:
    assert by_id(realistic)["mat-khau-viet-tat-2fa"] == {
        "id": "mat-khau-viet-tat-2fa",
        "type": "short_answer",
        "prompt": 'Cụm từ tiếng Anh nào được viết tắt là "2FA"?',
        "accept": [
            "two-factor authentication",
            {
                "text": "two factor",
                "weight": 0.5,
                "feedback": 'Gần đúng: còn thiếu từ "authentication".',
            },
        ],
        "explanation": "2FA: two-factor authentication — xác thực hai yếu tố.",
    }
    lock = by_id(realistic)["data-protection-lock-screen"]
    assert lock["accept"][:2] == ["Windows + L", "Win+L"]  # `=%100%` is a plain answer
    assert lock["accept"][2]["weight"] == 0.25


def test_numeric_tolerance_range_and_weighted_answers(realistic: GiftImport) -> None:
    items = by_id(realistic)
    entropy = items["mat-khau-entropy"]
    assert (entropy["type"], entropy["answer"], entropy["tolerance"]) == ("numeric", 71.45, 0.5)
    assert entropy["explanation"] == "12 × log2(62) ≈ 71.45 bits."
    assert items["mat-khau-do-dai-khuyen-nghi"]["answers"] == [{"min": 12, "max": 64}]
    assert items["thu-lua-dao-luat-an-ninh-mang"]["answers"] == [
        {"value": 2019, "tolerance": 0, "feedback": "Đúng: từ ngày 1/1/2019."},
        {
            "value": 2018,
            "tolerance": 0,
            "weight": 0.5,
            "feedback": "Luật được thông qua năm 2018 nhưng có hiệu lực năm 2019.",
        },
    ]
    backup = items["data-protection-backup"]
    assert (backup["answer"], "tolerance" in backup, "answers" in backup) == (3, False, False)
    # The `~` answer was dropped (and reported); the `=` one is left.
    days = items["thu-lua-dao-bao-nhieu-ngay"]
    assert (days["answer"], days["tolerance"]) == (30, 5)


def test_matching_entry_with_empty_left_side_is_a_distractor(realistic: GiftImport) -> None:
    item = by_id(realistic)["thu-lua-dao-ghep-thuat-ngu"]
    assert item["type"] == "matching"
    assert item["pairs"] == [
        {"id": "a", "left": "Phishing", "right": "Thư giả mạo nhằm lấy thông tin đăng nhập"},
        {"id": "b", "left": "Malware", "right": "Phần mềm độc hại"},
        {"id": "c", "left": "Ransomware", "right": "Mã độc mã hoá dữ liệu để đòi tiền chuộc"},
    ]
    assert item["distractors"] == [{"id": "d", "text": "Phần mềm diệt virus"}]


def test_missing_word_puts_a_blank_where_the_answers_were(realistic: GiftImport) -> None:
    item = by_id(realistic)["thu-lua-dao-q10"]
    assert item["prompt"] == (
        "Trước khi bấm vào một liên kết, hãy kiểm tra ___ của địa chỉ người gửi."
    )
    assert [(o["text"], o.get("correct", False)) for o in item["options"]] == [
        ("tên miền", True),
        ("màu chữ", False),
        ("cỡ chữ", False),
    ]


def test_escapes_are_resolved_in_title_prompt_answers_and_feedback(
    realistic: GiftImport,
) -> None:
    item = by_id(realistic)["thu-lua-dao-ky-tu-dac-biet-cu-phap"]  # title "…\: cú pháp"
    assert item["prompt"] == (
        "Trong GIFT, muốn viết dấu ngoặc { } hay dấu = ~ # : trong câu hỏi\n"
        "thì phải làm gì? (ví dụ C:\\Users)"
    )
    assert item["options"][0] == {
        "id": "a",
        "text": "Đặt dấu \\ phía trước",
        "correct": True,
        "feedback": "Đúng: \\{ cho ra {.",
    }
    assert item["explanation"] == "Mỗi ký tự đặc biệt được thoát bằng dấu \\ đứng trước."


def test_format_markers_are_read_and_html_loses_its_tags(realistic: GiftImport) -> None:
    items = by_id(realistic)
    assert items["thu-lua-dao-thu-khan"]["prompt"] == (
        'Bạn nhận được thư từ it-support@mofa-gov.vn yêu cầu đăng nhập ngay để "giữ hộp thư".'
        "\n\nĐây là thư lừa đảo."
    )
    assert items["thu-lua-dao-bao-cao"]["prompt"] == (
        "Khi nghi ngờ một thư lừa đảo, bạn nên làm gì trước tiên?"
    )
    assert items["thu-lua-dao-dau-hieu"]["prompt"] == (
        "Which of these is **not** a usual sign of a phishing e-mail?"
    )
    assert items["mat-khau-xac-thuc-hai-yeu-to"]["prompt"].startswith("Which of these")  # [plain]
    assert items["mat-khau-mat-khau-manh"]["prompt"].startswith("Mật khẩu nào")  # [moodle]


def test_each_problem_names_its_line(realistic: GiftImport) -> None:
    expected = [
        (line_of("/Mật khẩu"), "category `$course$/top/An toàn số/Mật khẩu`"),
        (line_of("Trình quản lý mật khẩu"), NO_EXPLANATION),
        (line_of("/Thư lừa đảo"), "ids of its questions, which start with `thu-lua-dao-`"),
        (line_of("hãy kiểm tra {=tên miền"), NO_EXPLANATION),
        (line_of("::Thư khẩn::"), "HTML formatting [html] kept as plain text: tags <b>, <i>, <p>"),
        (line_of("::Thư khẩn::"), NO_EXPLANATION),
        (line_of("~%0%365"), "numeric answer in the form `{#..}` with multiple choice notation"),
        (line_of("::Tình huống::"), "essay question"),
        (line_of("Phần tiếp theo nói về"), "description (text without an answer block)"),
        (line_of("/Data protection"), "start with `data-protection-`"),
        (line_of("{=The encrypted folder"), "answer block opened with `{` is never closed"),
        (line_of("::Backup::"), NO_EXPLANATION),
    ]
    got = [(problem.line, problem.message) for problem in realistic.problems]
    assert len(got) == len(expected), got
    for (line, message), (want_line, fragment) in zip(got, expected, strict=True):
        assert (line, fragment in message) == (want_line, True), (line, message)


def test_realistic_import_is_accepted_by_the_pack_quiz_compiler(realistic: GiftImport) -> None:
    warnings = compiles(realistic.quiz)
    unexplained = [
        "mat-khau-q5",
        "thu-lua-dao-q10",
        "thu-lua-dao-thu-khan",
        "data-protection-backup",
    ]
    for item_id in unexplained:
        assert any(item_id in warning and "explanation" in warning for warning in warnings)


def test_yaml_is_readable_and_loads_back_unchanged(realistic: GiftImport) -> None:
    text = dump_quiz_yaml(realistic.quiz)
    assert yaml.safe_load(text) == realistic.quiz
    assert "title: realistic\nitems:\n- id: mat-khau-mat-khau-manh\n  type: single\n" in text
    assert "Mật khẩu nào sau đây mạnh nhất?" in text  # not \u-escaped
    assert "  prompt: |-\n    Bạn nhận được thư từ" in text  # several lines: a literal block


# --- Small inputs ---------------------------------------------------------------------------


def test_a_single_category_names_the_quiz_and_leaves_the_ids_alone() -> None:
    result = import_gift("$CATEGORY: $course$/top/An toàn số/Thư lừa đảo\n\nHỏi?{T####Vì.}\n")
    assert result.quiz == {
        "title": "Thư lừa đảo",
        "items": [
            {
                "id": "q1",
                "type": "true_false",
                "prompt": "Hỏi?",
                "answer": True,
                "explanation": "Vì.",
            }
        ],
    }
    assert result.problems == []


@pytest.mark.parametrize(
    ("source", "title"),
    [
        ("FILE.gift", "FILE"),
        ("/home/trainer/an-toan-so.gift", "an-toan-so"),
        ("C:\\Users\\trainer\\Kiểm tra 1.gift", "Kiểm tra 1"),
        ("", "GIFT import"),
    ],
)
def test_without_categories_the_file_name_is_the_title(source: str, title: str) -> None:
    assert import_gift("Q?{T}", source=source).quiz["title"] == title


def test_ids_count_every_question_of_the_file_and_never_repeat() -> None:
    text = "Mô tả.\n\nA?{T}\n\n::A::B?{T}\n\n::a!::C?{F}\n\n::q2::D?{T}\n\n::?!::E?{T}\n"
    ids = [item["id"] for item in import_gift(text).quiz["items"]]
    assert ids == ["q2", "a", "a-2", "q2-2", "q6"]


@pytest.mark.parametrize("spelling", ["T", "TRUE", "true", "t", " True "])
def test_true_spellings(spelling: str) -> None:
    assert import_gift(f"Q?{{{spelling}}}").quiz["items"][0]["answer"] is True


@pytest.mark.parametrize("spelling", ["F", "FALSE", "false", "f"])
def test_false_spellings(spelling: str) -> None:
    assert import_gift(f"Q?{{{spelling}}}").quiz["items"][0]["answer"] is False


def test_two_right_answers_in_a_single_choice_become_weights() -> None:
    item = import_gift("Q?{=a =b ~c}").quiz["items"][0]
    assert item["options"] == [
        {"id": "a", "text": "a", "weight": 1.0},
        {"id": "b", "text": "b", "weight": 1.0},
        {"id": "c", "text": "c"},
    ]


def test_html_without_tags_is_not_reported_and_entities_are_decoded() -> None:
    result = import_gift("[html]A &amp; B?{=x ~y####ok}")
    assert result.quiz["items"][0]["prompt"] == "A & B?"
    assert result.problems == []


def test_windows_line_ends_and_a_byte_order_mark_keep_line_numbers() -> None:
    result = import_gift("\ufeff// c\r\n\r\nQ?{T####x}\r\n\r\nBroken {=a\r\n")
    assert result.problems == [
        GiftProblem(5, "answer block opened with `{` is never closed; skipped")
    ]


def test_empty_file_reports_that_nothing_was_imported() -> None:
    result = import_gift("// only a comment\n")
    assert result.quiz == {"title": "FILE", "items": []}
    assert result.problems == [GiftProblem(1, "no question could be imported")]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("One {=a ~b} two {=c ~d}", 1, "a second answer block"),
        ("Q?\n}{=a ~b}", 2, "unescaped `}` outside an answer block"),
        ("Q?{=a ~b}\n}", 2, "unescaped `}` outside an answer block"),
        ("Q?{=a\n{~b}", 2, "unescaped `{` inside an answer block"),
        ("::Title\nQ?{T}", 1, "question title opened with `::` is never closed"),
        ("::T::{=a ~b}", 1, "question has no text"),
        ("Q?\n{#abc}", 2, "numeric answer `abc` is not `value[:tolerance]`"),
        ("Q?{#5..1}", 1, "numeric range `5..1` has min above max"),
        ("Q?{#nan}", 1, "numeric answer `nan` is not"),
        ("Q?{#1e999}", 1, "numeric answer `1e999` is not"),
        ("Q?{#}", 1, "numeric question has no usable answer"),
        ("Q?\n{#3:1\n~2}", 3, "numeric answer in the form `{#..}` with multiple choice"),
        ("Q?{#=%-50%3}", 1, "no answer earns credit"),
        ("Q?{~a ~b}", 1, "no answer earns credit"),
        ("Q?{=a}\n\nR?{~a}", 3, "multiple choice needs two answers or more"),
        ("Q?{=a->1 =b}", 1, "matching entry without `->`"),
        ("Q?{=a->1 = -> 2}", 1, "matching needs two pairs or more"),
        ("Q?{=a->1#well =b->2 =c->3}", 1, "feedback on a matching pair"),
        ("Q?{maybe}", 1, "answer block `maybe` has no answers"),
        ("Q?{so =a ~b}", 1, "text `so` before the first answer dropped"),
        ("Q?\n{=a\n~%150%b\n~c}", 3, "weight `%150%` is outside -100%..100%; clamped"),
        ("Q?{=a ~%x%b}", 1, "weight `%x%` is not a number"),
        ("Q?{=%50%a ~b}", 1, "the best answer is worth 50%"),
        ("Q?{~%30%a ~%30%b ~c}", 1, "weights add up to 60%"),
        ("Q?{=Hà* =Hà Nội}", 1, "the Moodle wildcard `*` is matched literally"),
        ("Q?{T#a#b#c}", 1, "only two feedbacks"),
        ("Q?{= ~a ~b=c}", 1, "empty answer dropped"),
        ("Q? {####Nothing to answer.}", 1, "essay question"),
        ("Just words.\nOn two lines.", 1, "description"),
    ],
)
def test_bad_or_unsupported_input_is_reported_on_its_line(
    text: str, line: int, fragment: str
) -> None:
    problems = import_gift(text).problems
    assert any(p.line == line and fragment in p.message for p in problems), problems


def test_a_broken_question_does_not_take_its_neighbours_with_it() -> None:
    text = "A?{T####a}\n\nB? {=x ~y\n\nC?{F####c}\n"
    result = import_gift(text)
    assert [item["prompt"] for item in result.quiz["items"]] == ["A?", "C?"]
    assert [item["id"] for item in result.quiz["items"]] == ["q1", "q3"]


# --- Properties -------------------------------------------------------------------------------


def assert_sound(result: GiftImport, text: str) -> None:
    """What any input must give: problems on real lines, valid unique ids, loadable YAML."""
    last_line = len(
        text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    for problem in result.problems:
        assert 1 <= problem.line <= last_line, (problem, last_line)
        assert "internal error" not in problem.message, problem
    ids = [item["id"] for item in result.quiz["items"]]
    assert len(ids) == len(set(ids))
    assert all(SLUG.fullmatch(item_id) for item_id in ids)
    assert yaml.safe_load(dump_quiz_yaml(result.quiz)) == result.quiz
    if ids:
        compiles(result.quiz)
    explained = sum("explanation" in item for item in result.quiz["items"])
    unexplained = sum(p.message == NO_EXPLANATION for p in result.problems)
    assert explained + unexplained == len(ids)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_sound(import_gift(text), text)


GIFT_FRAGMENTS = st.sampled_from(
    [
        "{", "}", "=", "~", "#", "####", "->", "::", ":", "\\", "\\n", "%", "%50%", "%-33.3%",
        "..", "T", "FALSE", "#1..5", "#3.14:0.01", "1", "-2", "$CATEGORY: a/b", "//", "[html]",
        "[markdown]", "<b>", "</p>", "<![x[", "\n", "\n\n", "\r\n", " ", "Câu hỏi", "đáp án", "x",
    ]
)  # fmt: skip


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(GIFT_FRAGMENTS, max_size=60).map("".join))
def test_gift_like_text_never_raises(text: str) -> None:
    assert_sound(import_gift(text), text)


# A small GIFT writer, independent of the importer, to send random quizzes through GIFT.

SPECIAL = "~=#{}:"


def escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\n", "\\n")


def percent(weight: float) -> str:
    return f"%{weight * 100:.10g}%"


def render_option(marker: str, text: str, weight: float | None, feedback: str | None) -> str:
    out = marker + ("" if weight is None else percent(weight)) + escape(text)
    return out + (f" #{escape(feedback)}" if feedback else "")


def render_block(item: dict) -> str:
    kind = item["type"]
    if kind in ("single", "multiple"):
        parts = []
        for option in item["options"]:
            weight = option.get("weight")
            if option.get("correct") or (kind == "single" and weight == 1):
                parts.append(render_option("=", option["text"], None, option.get("feedback")))
            else:
                parts.append(render_option("~", option["text"], weight, option.get("feedback")))
        return " ".join(parts)
    if kind == "true_false":
        right, wrong = ("feedback_true", "feedback_false")[:: 1 if item["answer"] else -1]
        head = "TRUE" if item["answer"] else "F"
        feedbacks = [escape(item.get(wrong, "")), escape(item.get(right, ""))]
        while feedbacks and not feedbacks[-1]:  # `{T#x#}` + `####` would read as `#####`
            feedbacks.pop()
        return "#".join([head, *feedbacks])
    if kind == "short_answer":
        parts = []
        for entry in item["accept"]:
            if isinstance(entry, str):
                parts.append(render_option("=", entry, None, None))
            else:
                weight = entry.get("weight")
                parts.append(render_option("=", entry["text"], weight, entry.get("feedback")))
        return " ".join(parts)
    if kind == "numeric":
        if "answer" in item:
            return f"#{item['answer']!r}" + (
                f":{item['tolerance']!r}" if "tolerance" in item else ""
            )
        parts = []
        for entry in item["answers"]:
            spec = (
                f"{entry['value']!r}:{entry['tolerance']!r}"
                if "value" in entry
                else f"{entry['min']!r}..{entry['max']!r}"
            )
            weight = percent(entry["weight"]) if "weight" in entry else ""
            feedback = f"#{escape(entry['feedback'])}" if "feedback" in entry else ""
            parts.append(f"={weight}{spec}{feedback}")
        return "#" + " ".join(parts)
    assert kind == "matching"
    pairs = [f"={escape(p['left'])} -> {escape(p['right'])}" for p in item["pairs"]]
    distractors = [f"= -> {escape(d['text'])}" for d in item.get("distractors", [])]
    return " ".join(pairs + distractors)


def render_question(item: dict, title: str | None) -> str:
    block = "{" + render_block(item)
    if "explanation" in item:
        block += "####" + escape(item["explanation"])
    block += "}"
    head = f"::{title}::" if title else ""
    before, blank, after = item["prompt"].partition("___")
    if blank and after.strip():  # missing word
        return head + escape(before) + block + escape(after)
    return head + escape(item["prompt"]) + block


# Random quiz items of the supported types, in the importer's canonical form.

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
VIETNAMESE = "ăâđêôơưáàảãạấầẩẫậếềểễệốồổỗộớờởỡợúùủũụứừửữựíìỉĩịýỳỷỹỵĐƯ"
ALPHABET = LETTERS + VIETNAMESE + " " + SPECIAL + "\\%->.,?!()[]*_'\"@"


def _usable(text: str) -> bool:
    # A leading `%` would read as a weight, a leading `[` as a format marker.
    return bool(text) and text[0] not in "%["


texts = (
    st.text(alphabet=ALPHABET, min_size=1, max_size=20)
    .map(lambda t: " ".join(t.split()))
    .filter(_usable)
)
plain_texts = texts.filter(lambda t: "->" not in t)  # `->` would make a matching pair
feedbacks = st.none() | texts
percents = [5, 10, 12.5, 20, 25, 33.33333, 40, 50, 66.66667, 75, 90]
partial = st.sampled_from(percents).map(lambda p: round(p / 100, 7))
negative = st.sampled_from([-5, -25, -33.33333, -50, -100]).map(lambda p: round(p / 100, 7))


def with_feedback(entry: dict, feedback: str | None) -> dict:
    return {**entry, "feedback": feedback} if feedback else entry


def letters(count: int) -> list[str]:
    return [chr(ord("a") + i) for i in range(count)]


@st.composite
def single_items(draw: st.DrawFn) -> dict:
    count = draw(st.integers(2, 6))
    right = draw(st.integers(0, count - 1))
    weighted = draw(st.booleans())
    options = []
    for index, option_id in enumerate(letters(count)):
        option: dict = {"id": option_id, "text": draw(texts)}
        if index == right:
            option.update({"weight": 1.0} if weighted else {"correct": True})
        elif weighted:
            weight = draw(st.none() | partial | negative)
            if weight is not None:
                option["weight"] = weight
        options.append(with_feedback(option, draw(feedbacks)))
    if weighted and sum("weight" in option for option in options) == 1:
        options[right]["correct"] = True  # one right answer and nothing else: `correct`
        del options[right]["weight"]
    return {"type": "single", "options": options}


@st.composite
def multiple_items(draw: st.DrawFn) -> dict:
    count = draw(st.integers(2, 6))
    rights = draw(st.sets(st.integers(0, count - 1), min_size=2))
    options = []
    for index, option_id in enumerate(letters(count)):
        option: dict = {"id": option_id, "text": draw(texts)}
        weight = draw(partial | st.just(1.0)) if index in rights else draw(st.none() | negative)
        if weight is not None:
            option["weight"] = weight
        options.append(with_feedback(option, draw(feedbacks)))
    return {"type": "multiple", "options": options}


@st.composite
def true_false_items(draw: st.DrawFn) -> dict:
    item: dict = {"type": "true_false", "answer": draw(st.booleans())}
    for key in ("feedback_true", "feedback_false"):
        if (feedback := draw(feedbacks)) is not None:
            item[key] = feedback
    return item


@st.composite
def short_answer_items(draw: st.DrawFn) -> dict:
    accept: list = [draw(plain_texts)]  # one full-credit answer, so the item earns credit
    for _ in range(draw(st.integers(0, 3))):
        text, weight, feedback = draw(plain_texts), draw(st.none() | partial), draw(feedbacks)
        if weight is None and feedback is None:
            accept.append(text)
        else:
            entry = {"text": text} if weight is None else {"text": text, "weight": weight}
            accept.append(with_feedback(entry, feedback))
    return {"type": "short_answer", "accept": draw(st.permutations(accept))}


numbers = st.integers(-100_000, 100_000) | st.floats(
    -1e6, 1e6, allow_nan=False, allow_infinity=False
)
tolerances = st.integers(0, 100) | st.floats(0, 100, allow_nan=False)


@st.composite
def numeric_items(draw: st.DrawFn) -> dict:
    if draw(st.booleans()):
        item: dict = {"type": "numeric", "answer": draw(numbers)}
        tolerance = draw(tolerances)
        if tolerance:
            item["tolerance"] = tolerance
        return item
    answers = []
    for index in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            entry: dict = {"value": draw(numbers), "tolerance": draw(tolerances)}
        else:
            low, high = sorted((draw(numbers), draw(numbers)))
            entry = {"min": low, "max": high}
        if index and (weight := draw(st.none() | partial)) is not None:
            entry["weight"] = weight
        answers.append(with_feedback(entry, draw(feedbacks)))
    if len(answers) == 1 and set(answers[0]) == {"value", "tolerance"}:
        answers[0]["feedback"] = draw(texts)  # else it is written as `answer:`
    return {"type": "numeric", "answers": answers}


@st.composite
def matching_items(draw: st.DrawFn) -> dict:
    count = draw(st.integers(2, 5))
    extra = draw(st.integers(0, 2))
    ids = letters(count + extra)
    item: dict = {
        "type": "matching",
        "pairs": [
            {"id": ids[i], "left": draw(plain_texts), "right": draw(texts)} for i in range(count)
        ],
    }
    if extra:
        item["distractors"] = [{"id": ids[count + i], "text": draw(texts)} for i in range(extra)]
    return item


@st.composite
def prompts(draw: st.DrawFn) -> str:
    prompt = draw(texts)
    if draw(st.booleans()):  # missing word
        prompt = f"{prompt} ___ {draw(texts)}"
    return prompt


@st.composite
def quizzes(draw: st.DrawFn) -> tuple[list[dict], list[str | None]]:
    kinds = st.one_of(
        single_items(),
        multiple_items(),
        true_false_items(),
        short_answer_items(),
        numeric_items(),
        matching_items(),
    )
    bodies = draw(st.lists(kinds, min_size=1, max_size=6))
    titles = draw(
        st.lists(
            st.none() | st.from_regex(r"t[a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True),
            min_size=len(bodies),
            max_size=len(bodies),
            unique_by=lambda title: title or object(),
        )
    )
    items = []
    for number, (body, title) in enumerate(zip(bodies, titles, strict=True), start=1):
        item = {"id": title or f"q{number}", "type": body.pop("type"), "prompt": draw(prompts())}
        item.update(body)
        if (explanation := draw(st.none() | texts)) is not None:
            item["explanation"] = explanation
        items.append(item)
    return items, titles


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(quizzes())
def test_random_quizzes_survive_a_trip_through_gift(quiz: tuple[list[dict], list]) -> None:
    items, titles = quiz
    text = "\n\n".join(
        render_question(item, title) for item, title in zip(items, titles, strict=True)
    )
    result = import_gift(text)
    assert result.quiz["items"] == items, text
    assert_sound(result, text)
