"""Import Moodle GIFT question files as quiz documents (docs/pack-format.md).

Trainers who already have questions in Moodle export them as GIFT text; this module
turns such a file into a `quizzes/<slug>.yaml` document and a list of problems, each
naming the source line and what could not be carried over, so the trainer can finish
the quiz by hand. Nothing is dropped without a problem saying so, and no input text
makes `import_gift` raise.

What maps to what:

- multiple choice `{=right ~wrong}` → `single`; without any `=` and with several
  positive weights (`~%50%a ~%50%b`) → `multiple` with weights;
- `{T}` / `{FALSE#…#…}` → `true_false`; `{=a =%50%b}` → `short_answer`;
  `{=a -> 1 = -> x}` → `matching` (an empty left side is a distractor);
  `{#3.14:0.01}`, `{#1..5}`, `{#=2:0 =%50%3:1}` → `numeric`;
- per-answer feedback `#…` → the option's (or answer's) `feedback`; general feedback
  `####…` → the item's `explanation`;
- `::title::` → the item id (a slug of the title, else `q<n>` for the n-th question
  of the file); text around the answer block ("missing word") → `___` in the prompt;
- `$CATEGORY:` → the quiz title when the file has one category; with several, the
  ids of each category's items start with a slug of its last segment;
- `[html]` texts lose their tags (reported); `[moodle]`, `[plain]` and `[markdown]`
  texts are kept as written.

Essays, descriptions, Cloze (several answer blocks) and malformed questions are
skipped, each with a problem.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import PurePath

import yaml

__all__ = ["GiftImport", "GiftProblem", "dump_quiz_yaml", "import_gift"]


@dataclass(frozen=True)
class GiftProblem:
    """Something in the GIFT source that was not carried over as written, and why."""

    line: int
    message: str


@dataclass
class GiftImport:
    """A quiz document ready for `yaml.safe_dump`, and what the trainer must look at."""

    quiz: dict
    problems: list[GiftProblem] = field(default_factory=list)


def import_gift(text: str, *, source: str = "FILE.gift") -> GiftImport:
    """Read GIFT `text`; `source` is the file name, used for the quiz title."""
    reader = _FileReader()
    for block in _blocks(text):
        if isinstance(block, _Category):
            reader.categories.append(block)
        else:
            reader.read_question(block)
    return reader.finish(source)


class _QuizDumper(yaml.SafeDumper):
    """Safe YAML whose multi-line texts are written as `|` blocks, as a trainer would."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_QuizDumper.add_representer(str, _represent_str)


def dump_quiz_yaml(quiz: dict) -> str:
    """The quiz document as YAML text, keys in the order the pack format lists them."""
    return yaml.dump(
        quiz,
        Dumper=_QuizDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # one text, one line: editors wrap, YAML folding confuses
        indent=2,
    )


# --- Splitting the file into questions -------------------------------------------------


@dataclass(frozen=True)
class _Category:
    line: int
    path: str


@dataclass(frozen=True)
class _QuestionLines:
    lines: list[tuple[int, str]]  # (1-based source line, text) with comment lines left out


_CATEGORY_RE = re.compile(r"\s*\$CATEGORY:(.*)", re.IGNORECASE)


def _blocks(text: str) -> list[_Category | _QuestionLines]:
    """Questions are separated by blank lines; comment and category lines are not text."""
    text = text.removeprefix("\ufeff")
    # Only CR, LF and CRLF end a line: str.splitlines would also split on form feeds
    # and Unicode separators, and the line numbers would no longer match an editor's.
    blocks: list[_Category | _QuestionLines] = []
    current: list[tuple[int, str]] = []

    def close() -> None:
        if current:
            blocks.append(_QuestionLines(list(current)))
            current.clear()

    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if not line.strip():
            close()
        elif line.lstrip().startswith("//"):
            continue
        elif match := _CATEGORY_RE.match(line):
            close()
            blocks.append(_Category(number, match.group(1).strip()))
        else:
            current.append((number, line))
    close()
    return blocks


# --- Escapes ----------------------------------------------------------------------------

_ESCAPABLE = "~=#{}:\\"


def _find(text: str, sub: str, start: int = 0, end: int | None = None) -> int:
    """Offset of the first `sub` in text[start:end] that is not escaped by `\\`, or -1."""
    end = len(text) if end is None else end
    i = start
    while i < end:
        if text[i] == "\\":
            i += 2
        elif text.startswith(sub, i, end):
            return i
        else:
            i += 1
    return -1


def _find_any(text: str, chars: str, start: int, end: int) -> list[int]:
    """Offsets of every unescaped character of `chars` in text[start:end]."""
    found = []
    i = start
    while i < end:
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in chars:
            found.append(i)
        i += 1
    return found


def _unescape(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            following = text[i + 1]
            if following == "n":
                out.append("\n")
            elif following in _ESCAPABLE:
                out.append(following)
            else:  # not a GIFT escape: Moodle keeps both characters
                out.append(char + following)
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6"}


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        if tag == "br" or tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tags.add(tag)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html_to_text(text: str) -> tuple[str, set[str]]:
    parser = _HtmlText()
    try:
        parser.feed(text)
        parser.close()
        joined, tags = "".join(parser.parts), parser.tags
    except AssertionError:  # html.parser gives up on some marked sections (`<![foo[`)
        tags = {name.lower() for name in re.findall(r"</?([A-Za-z][\w-]*)", text)}
        joined = html.unescape(re.sub(r"<[^>]*>", " ", text))
    lines = [" ".join(line.split()) for line in joined.split("\n")]
    plain = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return plain, tags


# --- Names ----------------------------------------------------------------------------

_SLUG_MAX = 60


def _slug(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        cut = slug[:_SLUG_MAX]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")
    return slug


def _letter_id(index: int) -> str:
    """a, b, …, z, aa, ab, …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _category_name(path: str) -> str:
    """The last segment of `$course$/top/An toàn số/Mật khẩu`, i.e. `Mật khẩu`."""
    segments = [s.strip() for s in path.split("/")]
    named = [s for s in segments if s and not re.fullmatch(r"\$\w*\$", s)]
    return named[-1] if named else path.strip()


def _title_from_source(source: str) -> str:
    name = re.split(r"[\\/]", source)[-1]
    stem = PurePath(name).stem if name else ""
    return stem.strip() or "GIFT import"


# --- Numbers and weights ----------------------------------------------------------------

_NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER_RE = re.compile(r"[+-]?\d+")


def _number(text: str) -> int | float | None:
    text = text.strip()
    if _INTEGER_RE.fullmatch(text):
        return int(text)
    if _NUMBER_RE.fullmatch(text):
        value = float(text)
        return value if math.isfinite(value) else None
    return None


def _weight_text(weight: float) -> str:
    return f"{weight * 100:g}%"


# --- One question ------------------------------------------------------------------------

_FORMAT_RE = re.compile(r"\s*\[(moodle|plain|markdown|html)\]")
_TRUE_FALSE = {"t": True, "true": True, "f": False, "false": False}
_NUMERIC_TILDE = (
    "numeric answer in the form `{#..}` with multiple choice notation (`~`) not supported; dropped"
)


@dataclass
class _Answer:
    """One `=…` or `~…` entry of an answer block, still as raw GIFT text."""

    marker: str  # "=" or "~"
    offset: int  # of the marker in the question text
    weight: float | None  # from `%50%`, as a fraction
    text: str
    text_offset: int
    feedback: str | None


class _Skip(Exception):
    """The question cannot be carried over; the problem has already been reported."""


class _QuestionReader:
    """Reads one question; every problem it reports carries the line of the construct."""

    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.text = "\n".join(line for _, line in lines)
        self.numbers = [number for number, _ in lines]
        self.starts = []
        offset = 0
        for _, line in lines:
            self.starts.append(offset)
            offset += len(line) + 1
        self.problems: list[GiftProblem] = []
        self.html_tags: set[str] = set()
        self.html_offset: int | None = None
        self.format = "moodle"

    @property
    def first_line(self) -> int:
        return self.numbers[0]

    def line_at(self, offset: int) -> int:
        return self.numbers[max(bisect_right(self.starts, offset) - 1, 0)]

    def report(self, offset: int, message: str) -> None:
        self.problems.append(GiftProblem(self.line_at(offset), message))

    def skip(self, offset: int, message: str) -> _Skip:
        self.report(offset, message)
        return _Skip()

    def plain(self, start: int, end: int, *, own_format: bool = True) -> str:
        """text[start:end] with escapes resolved and `[html]` tags removed.

        An answer or feedback may start with its own format marker; the parts of the
        question text around the answer block may not (the question's marker was read).
        """
        raw = self.text[start:end]
        text_format = self.format
        if own_format and (match := _FORMAT_RE.match(raw)):
            text_format = match.group(1)
            raw = raw[match.end() :]
        text = _unescape(raw)
        if text_format == "html":
            text, tags = _html_to_text(text)
            if tags:
                self.html_tags |= tags
                if self.html_offset is None:
                    self.html_offset = start
        return text.strip()

    # The question as a whole.

    def read(self) -> tuple[str | None, dict]:
        """(title, item without id); raises _Skip when the question is not carried over."""
        text = self.text
        pos = len(text) - len(text.lstrip())
        title = None
        if text.startswith("::", pos):
            end = _find(text, "::", pos + 2)
            if end < 0:
                raise self.skip(pos, "question title opened with `::` is never closed; skipped")
            title = _unescape(text[pos + 2 : end]).strip()
            pos = end + 2
        if match := _FORMAT_RE.match(text, pos):
            self.format = match.group(1)
            pos = match.end()

        opening = _find(text, "{", pos)
        stray = _find(text, "}", pos, opening if opening >= 0 else None)
        if stray >= 0:
            raise self.skip(
                stray, "unescaped `}` outside an answer block (write `\\}` for a brace); skipped"
            )
        if opening < 0:
            raise self.skip(
                pos, "description (text without an answer block): no equivalent item type; skipped"
            )
        closing = _find(text, "}", opening + 1)
        if closing < 0:
            raise self.skip(opening, "answer block opened with `{` is never closed; skipped")
        nested = _find(text, "{", opening + 1, closing)
        if nested >= 0:
            raise self.skip(
                nested, "unescaped `{` inside an answer block (write `\\{` for a brace); skipped"
            )
        second = _find(text, "{", closing + 1)
        if second >= 0:
            raise self.skip(
                second,
                "a second answer block: Cloze questions are not supported (or the blank line "
                "between two questions is missing); skipped",
            )
        stray = _find(text, "}", closing + 1)
        if stray >= 0:
            raise self.skip(
                stray, "unescaped `}` outside an answer block (write `\\}` for a brace); skipped"
            )

        before = self.plain(pos, opening, own_format=False)
        after = self.plain(closing + 1, len(text), own_format=False)
        if after:  # "missing word": the answer goes where the block was
            spaced_before = before + " " if text[opening - 1 : opening].isspace() else before
            spaced_after = " " + after if text[closing + 1 : closing + 2].isspace() else after
            prompt = (spaced_before + "___" + spaced_after).strip()
        else:
            prompt = before
        if not prompt:
            raise self.skip(pos, "question has no text; skipped")

        body_start = opening + 1
        # As in Moodle, general feedback is cut off first, so `{####…}` is an essay.
        general = _find(text, "####", body_start, closing)
        body_end = general if general >= 0 else closing
        explanation = self.plain(general + 4, closing) if general >= 0 else ""

        body = text[body_start:body_end].strip()
        numeric = body.startswith("#")
        if not body:
            raise self.skip(
                opening,
                "essay question (empty answer block `{}`): no equivalent item type; skipped",
            )
        if numeric:
            details = self.read_numeric(body_start, body_end)
        elif (head := self.true_false_head(body_start, body_end)) is not None:
            details = self.read_true_false(head, body_start, body_end)
        else:
            details = self.read_answers(body_start, body_end)

        item: dict = {"type": details.pop("type"), "prompt": prompt, **details}
        if explanation:
            item["explanation"] = explanation
        return title, item

    # True / false.

    def true_false_head(self, start: int, end: int) -> bool | None:
        cut = _find(self.text, "#", start, end)
        head = self.text[start : cut if cut >= 0 else end].strip().lower()
        return _TRUE_FALSE.get(head)

    def read_true_false(self, answer: bool, start: int, end: int) -> dict:
        cuts = _find_any(self.text, "#", start, end)
        bounds = [*cuts, end]
        feedbacks = [self.plain(bounds[i] + 1, bounds[i + 1]) for i in range(len(cuts))]
        if len(feedbacks) > 2:
            self.report(
                cuts[2], "true/false: only two feedbacks (`#wrong#right`) exist; the rest dropped"
            )
        wrong = feedbacks[0] if feedbacks else ""
        right = feedbacks[1] if len(feedbacks) > 1 else ""
        details: dict = {"type": "true_false", "answer": answer}
        on_true, on_false = (right, wrong) if answer else (wrong, right)
        if on_true:
            details["feedback_true"] = on_true
        if on_false:
            details["feedback_false"] = on_false
        return details

    # `=` / `~` answers: multiple choice, short answer, matching.

    def split_answers(self, start: int, end: int, markers: str) -> list[_Answer]:
        cuts = _find_any(self.text, markers, start, end)
        lead = self.text[start : cuts[0] if cuts else end].strip()
        if lead:
            if not cuts:
                raise self.skip(
                    start,
                    f"answer block `{lead[:40]}` has no answers (they start with `=`, `~` "
                    "or `#`); skipped",
                )
            self.report(start, f"text `{lead[:40]}` before the first answer dropped")
        answers = []
        for i, cut in enumerate(cuts):
            stop = cuts[i + 1] if i + 1 < len(cuts) else end
            answers.append(self.read_answer(cut, stop))
        return answers

    def read_answer(self, marker: int, stop: int) -> _Answer:
        text = self.text
        pos = marker + 1
        while pos < stop and text[pos].isspace():
            pos += 1
        weight = None
        if text.startswith("%", pos, stop):
            closing = text.find("%", pos + 1, stop)
            if closing >= 0:
                raw = text[pos + 1 : closing]
                value = _number(raw.replace(",", "."))
                if value is None:
                    self.report(pos, f"weight `%{raw}%` is not a number; dropped")
                elif not -100 <= value <= 100:
                    weight = max(-1.0, min(1.0, value / 100))
                    self.report(pos, f"weight `%{raw}%` is outside -100%..100%; clamped")
                else:
                    weight = round(value / 100, 7)
                pos = closing + 1
        cut = _find(text, "#", pos, stop)
        feedback = self.plain(cut + 1, stop) if cut >= 0 else None
        return _Answer(
            marker=text[marker],
            offset=marker,
            weight=weight,
            text=text[pos : cut if cut >= 0 else stop],
            text_offset=pos,
            feedback=feedback or None,
        )

    def read_answers(self, start: int, end: int) -> dict:
        answers = self.split_answers(start, end, "=~")
        if any(answer.marker == "~" for answer in answers):
            return self.read_choice(answers)
        if any(_find(answer.text, "->") >= 0 for answer in answers):
            return self.read_matching(answers)
        return self.read_short_answer(answers)

    def read_choice(self, answers: list[_Answer]) -> dict:
        kept = []
        for answer in answers:
            text = self.plain(answer.text_offset, answer.text_offset + len(answer.text))
            if not text:
                self.report(answer.offset, "empty answer dropped")
                continue
            default = 1.0 if answer.marker == "=" else 0.0
            weight = default if answer.weight is None else answer.weight
            kept.append((text, weight, answer.feedback))
        if len(kept) < 2:
            raise self.skip(
                _start_of(answers), "multiple choice needs two answers or more; skipped"
            )
        positive = [weight for _, weight, _ in kept if weight > 0]
        if not positive:
            raise self.skip(
                _start_of(answers), "no answer earns credit (no `=` or positive weight); skipped"
            )

        several = not any(answer.marker == "=" for answer in answers) and len(positive) > 1
        # The pack format takes either `correct` or `weight` on the options of an item,
        # and `correct` on one option only in a single-choice item.
        weights = [weight for _, weight, _ in kept]
        weighted = several or any(w not in (0, 1) for w in weights) or weights.count(1) > 1
        options = []
        for index, (text, weight, feedback) in enumerate(kept):
            option: dict = {"id": _letter_id(index), "text": text}
            if weighted and weight != 0:
                option["weight"] = float(weight)
            elif not weighted and weight == 1:
                option["correct"] = True
            if feedback:
                option["feedback"] = feedback
            options.append(option)

        if several and sum(positive) < 1 - 0.001:
            self.report(
                _start_of(answers),
                f"the right answers' weights add up to {_weight_text(sum(positive))}, "
                "so no response scores 100%; check the weights",
            )
        elif not several:
            self.check_full_marks(_start_of(answers), weights)
        return {"type": "multiple" if several else "single", "options": options}

    def check_full_marks(self, offset: int, weights: list[float]) -> None:
        """Skip a question no response earns credit for; warn when none scores 100%."""
        best = max(weights, default=0)
        if best <= 0:
            raise self.skip(offset, "no answer earns credit (no `=` or positive weight); skipped")
        if best < 1:
            self.report(
                offset,
                f"the best answer is worth {_weight_text(best)}, "
                "so no response scores 100%; check the weights",
            )

    def read_short_answer(self, answers: list[_Answer]) -> dict:
        accept: list = []
        for answer in answers:
            text = self.plain(answer.text_offset, answer.text_offset + len(answer.text))
            if not text:
                self.report(answer.offset, "empty answer dropped")
                continue
            if "*" in text:
                self.report(
                    answer.offset,
                    f"short answer `{text}`: the Moodle wildcard `*` is matched literally here",
                )
            weight = 1.0 if answer.weight is None else answer.weight
            if weight == 1 and not answer.feedback:
                accept.append(text)
                continue
            entry: dict = {"text": text}
            if weight != 1:
                entry["weight"] = weight
            if answer.feedback:
                entry["feedback"] = answer.feedback
            accept.append(entry)
        if not accept:
            raise self.skip(_start_of(answers), "short answer has no answer; skipped")
        weights = [1.0 if isinstance(entry, str) else entry.get("weight", 1.0) for entry in accept]
        self.check_full_marks(_start_of(answers), weights)
        return {"type": "short_answer", "accept": accept}

    def read_matching(self, answers: list[_Answer]) -> dict:
        pairs: list[tuple[str, str]] = []
        distractors: list[str] = []
        for answer in answers:
            arrow = _find(answer.text, "->")
            if arrow < 0:
                self.report(answer.offset, "matching entry without `->`; dropped")
                continue
            if answer.weight is not None:
                self.report(answer.offset, "weight on a matching pair has no equivalent; dropped")
            if answer.feedback:
                self.report(answer.offset, "feedback on a matching pair has no equivalent; dropped")
            left_end = answer.text_offset + arrow
            left = self.plain(answer.text_offset, left_end)
            right = self.plain(left_end + 2, answer.text_offset + len(answer.text))
            if not right:
                self.report(answer.offset, "matching entry with nothing right of `->`; dropped")
            elif left:
                pairs.append((left, right))
            else:
                distractors.append(right)
        if len(pairs) < 2:
            raise self.skip(_start_of(answers), "matching needs two pairs or more; skipped")
        details: dict = {
            "type": "matching",
            "pairs": [
                {"id": _letter_id(i), "left": left, "right": right}
                for i, (left, right) in enumerate(pairs)
            ],
        }
        if distractors:
            details["distractors"] = [
                {"id": _letter_id(len(pairs) + i), "text": text}
                for i, text in enumerate(distractors)
            ]
        return details

    # Numeric.

    def read_numeric(self, start: int, end: int) -> dict:
        pos = _find(self.text, "#", start, end) + 1
        if self.text[pos:end].lstrip().startswith("="):
            answers = self.split_answers(pos, end, "=~")
        else:
            tilde = _find(self.text, "~", pos, end)
            if tilde >= 0:
                self.report(tilde, _NUMERIC_TILDE)
            answers = [self.read_answer(pos - 1, tilde if tilde >= 0 else end)]
        ranges = []
        for answer in answers:
            if answer.marker == "~":
                self.report(answer.offset, _NUMERIC_TILDE)
                continue
            entry = self.read_range(answer)
            if entry is not None:
                ranges.append(entry)
        if not ranges:
            raise self.skip(start, "numeric question has no usable answer; skipped")
        self.check_full_marks(start, [entry.get("weight", 1.0) for entry in ranges])
        only = ranges[0]
        if len(ranges) == 1 and "value" in only and set(only) <= {"value", "tolerance"}:
            details: dict = {"type": "numeric", "answer": only["value"]}
            if only["tolerance"]:
                details["tolerance"] = only["tolerance"]
            return details
        return {"type": "numeric", "answers": ranges}

    def read_range(self, answer: _Answer) -> dict | None:
        spec = _unescape(answer.text).strip()
        shown = spec or "(nothing)"
        entry: dict
        if ".." in spec:
            low, high = (_number(part) for part in spec.split("..", 1))
            if low is None or high is None:
                self.report(answer.offset, f"numeric range `{shown}` is not `min..max`; dropped")
                return None
            if low > high:
                self.report(answer.offset, f"numeric range `{shown}` has min above max; dropped")
                return None
            entry = {"min": low, "max": high}
        else:
            value_text, _, tolerance_text = spec.partition(":")
            value = _number(value_text)
            tolerance = _number(tolerance_text) if tolerance_text.strip() else 0
            if value is None or tolerance is None:
                self.report(
                    answer.offset, f"numeric answer `{shown}` is not `value[:tolerance]`; dropped"
                )
                return None
            if tolerance < 0:
                self.report(answer.offset, f"negative tolerance in `{shown}` taken as positive")
                tolerance = -tolerance
            entry = {"value": value, "tolerance": tolerance}
        if answer.weight is not None and answer.weight != 1:
            entry["weight"] = answer.weight
        if answer.feedback:
            entry["feedback"] = answer.feedback
        return entry


def _start_of(answers: list[_Answer]) -> int:
    return answers[0].offset if answers else 0


# --- The whole file -----------------------------------------------------------------------


@dataclass
class _Imported:
    title: str | None
    number: int  # the question's position in the file, for `q<n>`
    category: str | None
    item: dict


class _FileReader:
    def __init__(self) -> None:
        self.categories: list[_Category] = []
        self.imported: list[_Imported] = []
        self.problems: list[GiftProblem] = []
        self.questions = 0

    def read_question(self, block: _QuestionLines) -> None:
        self.questions += 1
        reader = _QuestionReader(block.lines)
        try:
            title, item = reader.read()
        except _Skip:
            self.problems.extend(reader.problems)
            return
        except Exception as error:  # a bug here must not cost the trainer the whole file
            self.problems.extend(reader.problems)
            self.problems.append(
                GiftProblem(
                    reader.first_line,
                    f"internal error while reading this question ({error!r}); skipped",
                )
            )
            return
        self.problems.extend(reader.problems)
        if reader.html_tags:
            tags = ", ".join(f"<{tag}>" for tag in sorted(reader.html_tags))
            self.problems.append(
                GiftProblem(
                    reader.line_at(reader.html_offset or 0),
                    f"HTML formatting [html] kept as plain text: tags {tags} removed",
                )
            )
        if "explanation" not in item:
            self.problems.append(
                GiftProblem(reader.first_line, "no general feedback: add an explanation")
            )
        category = self.categories[-1].path if self.categories else None
        self.imported.append(_Imported(title, self.questions, category, item))

    def finish(self, source: str) -> GiftImport:
        paths = list(dict.fromkeys(category.path for category in self.categories))
        prefixes: dict[str, str] = {}
        if len(paths) > 1:
            for index, path in enumerate(paths, start=1):
                prefixes[path] = _slug(_category_name(path)) or f"category-{index}"
            for category in self.categories:
                self.problems.append(
                    GiftProblem(
                        category.line,
                        f"category `{category.path}`: the quiz format has no categories; "
                        f"kept in the ids of its questions, which start with "
                        f"`{prefixes[category.path]}-`",
                    )
                )
        title = _category_name(paths[0]) if len(paths) == 1 else ""
        title = title or _title_from_source(source)

        used: set[str] = set()
        items = []
        for imported in self.imported:
            base = _slug(imported.title or "") or f"q{imported.number}"
            if imported.category in prefixes:
                base = f"{prefixes[imported.category]}-{base}"
            item_id, suffix = base, 2
            while item_id in used:
                item_id, suffix = f"{base}-{suffix}", suffix + 1
            used.add(item_id)
            items.append({"id": item_id, **imported.item})

        if not items:
            self.problems.append(GiftProblem(1, "no question could be imported"))
        problems = sorted(self.problems, key=lambda problem: problem.line)
        return GiftImport(quiz={"title": title, "items": items}, problems=problems)
