"""The quiz model: seven item types, compiled from a trainer's YAML to the pack's JSON.

`compile_quiz` turns an authoring document into the compiled dict stored in the pack
(every text expanded to every language, defaults filled in); `Quiz.from_json` reads
that dict back for the app. Grading lives in `content.grading`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from content.localised import Localised, localise

ITEM_TYPES = (
    "single",
    "multiple",
    "true_false",
    "short_answer",
    "numeric",
    "ordering",
    "matching",
)
# The types whose responses the learner types rather than chooses: they may hold any
# text, a name included (the server's item analysis withholds rare ones).
TYPED_ITEM_TYPES = frozenset({"short_answer", "numeric"})
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ITEM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
COMPETENCES_PER_AREA = {1: 3, 2: 6, 3: 4, 4: 4, 5: 4, 6: 3}
DEFAULT_PASS_MARK = 0.8


class QuizError(ValueError):
    """A quiz document that does not follow docs/pack-format.md; names the item and field."""


def check_competence(tag: Any, where: str) -> str:
    match = re.fullmatch(r"([1-6])\.([1-9])", str(tag))
    if not match or int(match[2]) > COMPETENCES_PER_AREA[int(match[1])]:
        raise QuizError(f"{where}: {tag!r} is not a competence of the framework (e.g. '4.2')")
    return str(tag)


@dataclass(frozen=True)
class Option:
    id: str
    text: Localised
    correct: bool = False
    weight: float | None = None
    feedback: Localised | None = None


@dataclass(frozen=True)
class Answer:
    """An accepted short answer or numeric range, with its credit."""

    weight: float = 1.0
    feedback: Localised | None = None
    text: str = ""
    value: float | None = None
    tolerance: float = 0.0
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True)
class Step:
    id: str
    text: Localised


@dataclass(frozen=True)
class Pair:
    id: str
    left: Localised
    right: Localised


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    prompt: Localised
    explanation: Localised | None = None
    feedback: Localised | None = None
    competences: tuple[str, ...] = ()
    area: int | None = None
    level: int | None = None
    options: tuple[Option, ...] = ()
    answer: bool | None = None
    feedback_true: Localised | None = None
    feedback_false: Localised | None = None
    accept: Mapping[str, tuple[Answer, ...]] = field(default_factory=dict)
    case_sensitive: bool = False
    ignore_diacritics: bool = True
    answers: tuple[Answer, ...] = ()
    steps: tuple[Step, ...] = ()
    pairs: tuple[Pair, ...] = ()
    distractors: tuple[Step, ...] = ()
    # A sealed exam item (content.sealing): its key, feedback and explanation are
    # ciphertext for the ministry's grading key; the device shows it and cannot grade it.
    sealed: Mapping[str, Any] | None = None

    @property
    def measured_area(self) -> int | None:
        return area_of(self.area, self.competences)

    @property
    def weighted(self) -> bool:
        return any(o.weight is not None for o in self.options)

    def right_choices(self) -> list[str]:
        """Every text a learner can pick on the right side of a matching item, by id. A
        sealed item lists them all as distractors: which one pairs with which is sealed."""
        if self.sealed is not None:
            return [d.id for d in self.distractors]
        return [p.id for p in self.pairs] + [d.id for d in self.distractors]


@dataclass(frozen=True)
class Quiz:
    slug: str
    title: Localised
    pass_mark: float
    shuffle: bool
    items: tuple[Item, ...]
    draw: int | None = None  # how many items an attempt draws from the pool (None: all)
    blueprint: Mapping[int, int] | None = None  # area -> items an attempt draws of it

    @property
    def sealed(self) -> bool:
        return any(item.sealed is not None for item in self.items)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Quiz:
        return cls(
            slug=data["slug"],
            title=data["title"],
            pass_mark=float(data["pass_mark"]),
            shuffle=bool(data.get("shuffle", False)),
            items=tuple(_item_from_json(i) for i in data["items"]),
            draw=data.get("draw"),
            blueprint={int(a): int(n) for a, n in data["blueprint"].items()}
            if data.get("blueprint")
            else None,
        )


def _answer(data: Mapping[str, Any]) -> Answer:
    return Answer(
        weight=float(data.get("weight", 1.0)),
        feedback=data.get("feedback"),
        text=data.get("text", ""),
        value=data.get("value"),
        tolerance=float(data.get("tolerance", 0.0)),
        min=data.get("min"),
        max=data.get("max"),
    )


def _item_from_json(data: Mapping[str, Any]) -> Item:
    if data.get("type") not in ITEM_TYPES:
        raise QuizError(f"item {data.get('id')!r}: unknown type {data.get('type')!r}")
    return Item(
        id=data["id"],
        type=data["type"],
        prompt=data["prompt"],
        explanation=data.get("explanation"),
        feedback=data.get("feedback"),
        competences=tuple(data.get("competences", ())),
        area=data.get("area"),
        level=data.get("level"),
        options=tuple(
            Option(o["id"], o["text"], bool(o.get("correct")), o.get("weight"), o.get("feedback"))
            for o in data.get("options", ())
        ),
        answer=data.get("answer"),
        feedback_true=data.get("feedback_true"),
        feedback_false=data.get("feedback_false"),
        accept={
            lang: tuple(_answer(a) for a in answers)
            for lang, answers in data.get("accept", {}).items()
        },
        case_sensitive=bool(data.get("case_sensitive", False)),
        ignore_diacritics=bool(data.get("ignore_diacritics", True)),
        answers=tuple(_answer(a) for a in data.get("answers", ())),
        steps=tuple(Step(s["id"], s["text"]) for s in data.get("steps", ())),
        pairs=tuple(Pair(p["id"], p["left"], p["right"]) for p in data.get("pairs", ())),
        distractors=tuple(Step(d["id"], d["text"]) for d in data.get("distractors", ())),
        sealed=data.get("sealed"),
    )


# --- compiling a trainer's YAML -------------------------------------------------------


class _Compiler:
    def __init__(self, languages: list[str], warn: Callable[[str], None]) -> None:
        self.languages = languages
        self.warn = warn

    def text(self, value: Any, where: str) -> Localised:
        try:
            return localise(value, self.languages, where, self.warn)
        except ValueError as exc:
            raise QuizError(str(exc)) from None

    def optional_text(self, value: Any, where: str) -> Localised | None:
        return None if value is None else self.text(value, where)

    def number(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise QuizError(f"{where}: expected a number, found {value!r}")
        return float(value)

    def weight(self, value: Any, where: str) -> float:
        weight = self.number(value, where)
        if not -1.0 <= weight <= 1.0:
            raise QuizError(f"{where}: a weight is between -1 and 1, found {weight}")
        return weight

    def ids(self, entries: list[dict], where: str, pattern: re.Pattern[str] = ITEM_ID) -> None:
        seen: set[str] = set()
        for n, entry in enumerate(entries):
            ident = str(entry.get("id", ""))
            if not pattern.match(ident):
                raise QuizError(f"{where}[{n}]: id {ident!r} must be letters, digits, '-' or '_'")
            if ident in seen:
                raise QuizError(f"{where}: id {ident!r} is used twice")
            seen.add(ident)

    def mapping_list(self, value: Any, where: str, minimum: int) -> list[dict]:
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise QuizError(f"{where}: expected a list of entries")
        if len(value) < minimum:
            raise QuizError(f"{where}: needs at least {minimum} entries")
        return value

    def item(self, raw: Any, n: int) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise QuizError(f"items[{n}]: expected a mapping")
        item_id = str(raw.get("id", ""))
        where = f"item {item_id!r}" if item_id else f"items[{n}]"
        if not ITEM_ID.match(item_id):
            raise QuizError(f"{where}: every item needs an id (letters, digits, '-', '_')")
        kind = raw.get("type")
        if kind not in ITEM_TYPES:
            raise QuizError(f"{where}: type must be one of {', '.join(ITEM_TYPES)}, not {kind!r}")
        known = {
            "id",
            "type",
            "prompt",
            "explanation",
            "feedback",
            "competences",
            "area",
            "level",
        } | _TYPE_FIELDS[kind]
        unknown = sorted(set(raw) - known)
        if unknown:
            raise QuizError(f"{where}: unknown field(s) {', '.join(unknown)} for a {kind} item")
        if "prompt" not in raw:
            raise QuizError(f"{where}: prompt is required")
        out: dict[str, Any] = {
            "id": item_id,
            "type": kind,
            "prompt": self.text(raw["prompt"], f"{where}.prompt"),
            "explanation": self.optional_text(raw.get("explanation"), f"{where}.explanation"),
            "feedback": self.optional_text(raw.get("feedback"), f"{where}.feedback"),
            "competences": [
                check_competence(t, f"{where}.competences") for t in raw.get("competences") or []
            ],
        }
        if out["explanation"] is None:
            self.warn(f"{where}: no explanation; learners see nothing after answering")
        for key, top in (("area", 6), ("level", 4)):
            if key in raw:
                value = raw[key]
                if not isinstance(value, int) or not 1 <= value <= top:
                    raise QuizError(f"{where}.{key}: expected 1..{top}, found {value!r}")
                out[key] = value
        getattr(self, f"_{kind}")(raw, out, where)
        return out

    def _options(self, raw: dict, out: dict, where: str) -> list[dict]:
        options = self.mapping_list(raw.get("options"), f"{where}.options", 2)
        self.ids(options, f"{where}.options")
        compiled = []
        for option in options:
            owhere = f"{where}.options[{option['id']}]"
            weight = option.get("weight")
            compiled.append(
                {
                    "id": str(option["id"]),
                    "text": self.text(option.get("text"), f"{owhere}.text"),
                    "correct": bool(option.get("correct", False)),
                    "weight": None if weight is None else self.weight(weight, f"{owhere}.weight"),
                    "feedback": self.optional_text(option.get("feedback"), f"{owhere}.feedback"),
                }
            )
        out["options"] = compiled
        weighted = any(o["weight"] is not None for o in compiled)
        if weighted and any(o["correct"] for o in compiled):
            raise QuizError(f"{where}: use either `correct` or `weight` on options, not both")
        if not weighted and not any(o["correct"] for o in compiled):
            raise QuizError(f"{where}: no option is marked correct")
        if weighted and not any((o["weight"] or 0) > 0 for o in compiled):
            raise QuizError(f"{where}: no option has a positive weight")
        return compiled

    def _single(self, raw: dict, out: dict, where: str) -> None:
        options = self._options(raw, out, where)
        if sum(o["correct"] for o in options) > 1:
            raise QuizError(f"{where}: a single-choice item has one correct option; use multiple")
        if all(o["weight"] is None for o in options) and not any(o["feedback"] for o in options):
            self.warn(f"{where}: no option carries feedback")

    def _multiple(self, raw: dict, out: dict, where: str) -> None:
        self._options(raw, out, where)

    def _true_false(self, raw: dict, out: dict, where: str) -> None:
        if not isinstance(raw.get("answer"), bool):
            raise QuizError(f"{where}.answer: expected true or false")
        out["answer"] = raw["answer"]
        for key in ("feedback_true", "feedback_false"):
            out[key] = self.optional_text(raw.get(key), f"{where}.{key}")

    def _answer_entry(self, entry: Any, where: str) -> dict[str, Any]:
        if isinstance(entry, str | int | float) and not isinstance(entry, bool):
            entry = {"text": str(entry)}
        if not isinstance(entry, dict) or not str(entry.get("text", "")).strip():
            raise QuizError(f"{where}: expected an answer text or {{text, weight, feedback}}")
        return {
            "text": str(entry["text"]),
            "weight": self.weight(entry.get("weight", 1.0), f"{where}.weight"),
            "feedback": self.optional_text(entry.get("feedback"), f"{where}.feedback"),
        }

    def _short_answer(self, raw: dict, out: dict, where: str) -> None:
        accept = raw.get("accept")
        if isinstance(accept, list):
            accept = {lang: accept for lang in self.languages}
        if not isinstance(accept, dict) or not accept:
            raise QuizError(f"{where}.accept: expected a list of answers or language -> list")
        compiled: dict[str, list[dict]] = {}
        for lang in self.languages:
            answers = accept.get(lang)
            if answers is None:
                self.warn(f"{where}.accept: no {lang!r} answers; the first language's stand in")
                answers = next(iter(accept.values()))
            if not isinstance(answers, list) or not answers:
                raise QuizError(f"{where}.accept.{lang}: expected a non-empty list")
            compiled[lang] = [
                self._answer_entry(a, f"{where}.accept.{lang}[{i}]") for i, a in enumerate(answers)
            ]
            if not any(a["weight"] > 0 for a in compiled[lang]):
                raise QuizError(f"{where}.accept.{lang}: no answer earns credit")
        out["accept"] = compiled
        out["case_sensitive"] = bool(raw.get("case_sensitive", False))
        out["ignore_diacritics"] = bool(raw.get("ignore_diacritics", True))

    def _numeric(self, raw: dict, out: dict, where: str) -> None:
        if "answer" in raw:
            if "answers" in raw:
                raise QuizError(f"{where}: give `answer` or `answers`, not both")
            entries = [{"value": raw["answer"], "tolerance": raw.get("tolerance", 0)}]
        elif "tolerance" in raw:
            raise QuizError(f"{where}: `tolerance` goes with `answer`")
        else:
            entries = self.mapping_list(raw.get("answers"), f"{where}.answers", 1)
        compiled = []
        for i, entry in enumerate(entries):
            awhere = f"{where}.answers[{i}]"
            answer: dict[str, Any] = {
                "weight": self.weight(entry.get("weight", 1.0), f"{awhere}.weight"),
                "feedback": self.optional_text(entry.get("feedback"), f"{awhere}.feedback"),
            }
            if "value" in entry:
                answer["value"] = self.number(entry["value"], f"{awhere}.value")
                answer["tolerance"] = abs(
                    self.number(entry.get("tolerance", 0), f"{awhere}.tolerance")
                )
            elif "min" in entry and "max" in entry:
                low = self.number(entry["min"], f"{awhere}.min")
                high = self.number(entry["max"], f"{awhere}.max")
                if low > high:
                    raise QuizError(f"{awhere}: min is above max")
                answer["min"], answer["max"] = low, high
            else:
                raise QuizError(f"{awhere}: expected `value` (with `tolerance`) or `min` and `max`")
            compiled.append(answer)
        if not any(a["weight"] > 0 for a in compiled):
            raise QuizError(f"{where}: no answer earns credit")
        out["answers"] = compiled

    def _ordering(self, raw: dict, out: dict, where: str) -> None:
        steps = self.mapping_list(raw.get("steps"), f"{where}.steps", 2)
        self.ids(steps, f"{where}.steps")
        out["steps"] = [
            {"id": str(s["id"]), "text": self.text(s.get("text"), f"{where}.steps[{s['id']}]")}
            for s in steps
        ]

    def _matching(self, raw: dict, out: dict, where: str) -> None:
        pairs = self.mapping_list(raw.get("pairs"), f"{where}.pairs", 2)
        distractors = self.mapping_list(raw.get("distractors") or [], f"{where}.distractors", 0)
        self.ids(pairs + distractors, f"{where}.pairs and distractors")
        out["pairs"] = [
            {
                "id": str(p["id"]),
                "left": self.text(p.get("left"), f"{where}.pairs[{p['id']}].left"),
                "right": self.text(p.get("right"), f"{where}.pairs[{p['id']}].right"),
            }
            for p in pairs
        ]
        out["distractors"] = [
            {
                "id": str(d["id"]),
                "text": self.text(d.get("text"), f"{where}.distractors[{d['id']}]"),
            }
            for d in distractors
        ]


_TYPE_FIELDS: dict[str, set[str]] = {
    "single": {"options"},
    "multiple": {"options"},
    "true_false": {"answer", "feedback_true", "feedback_false"},
    "short_answer": {"accept", "case_sensitive", "ignore_diacritics"},
    "numeric": {"answer", "tolerance", "answers"},
    "ordering": {"steps"},
    "matching": {"pairs", "distractors"},
}


def compile_quiz(
    doc: Any,
    slug: str,
    languages: list[str],
    default_pass_mark: float,
    warn: Callable[[str], None],
) -> dict[str, Any]:
    """Check an authoring quiz document and return its compiled form (raises QuizError)."""
    if not isinstance(doc, dict):
        raise QuizError("expected a mapping with `title` and `items`")
    unknown = sorted(
        set(doc) - {"title", "pass_mark", "shuffle", "items", "id", "draw", "blueprint"}
    )
    if unknown:
        raise QuizError(f"unknown field(s) {', '.join(unknown)}")
    compiler = _Compiler(languages, warn)
    items = doc.get("items")
    if not isinstance(items, list) or not items:
        raise QuizError("`items` must be a non-empty list")
    pass_mark = doc.get("pass_mark", default_pass_mark)
    if (
        isinstance(pass_mark, bool)
        or not isinstance(pass_mark, int | float)
        or not 0 < pass_mark <= 1
    ):
        raise QuizError(f"pass_mark must be a share between 0 and 1 (e.g. 0.8), not {pass_mark!r}")
    compiled_items = [compiler.item(raw, n) for n, raw in enumerate(items)]
    seen: set[str] = set()
    for item in compiled_items:
        if item["id"] in seen:
            raise QuizError(f"item id {item['id']!r} is used twice")
        seen.add(item["id"])
    compiled = {
        "slug": slug,
        "title": compiler.text(doc.get("title", slug), "title"),
        "pass_mark": float(pass_mark),
        "shuffle": bool(doc.get("shuffle", False)),
        "items": compiled_items,
    }
    compiled.update(_drawing(doc, compiled_items))
    return compiled


def _drawing(doc: dict, items: list[dict]) -> dict[str, Any]:
    """`draw: N` or `blueprint: {area: N}`: how an attempt draws from the pool."""
    if "draw" in doc and "blueprint" in doc:
        raise QuizError("give `draw` or `blueprint`, not both")
    if "draw" in doc:
        draw = doc["draw"]
        if isinstance(draw, bool) or not isinstance(draw, int) or not 1 <= draw <= len(items):
            raise QuizError(
                f"draw must be a whole number from 1 to the {len(items)} items, not {draw!r}"
            )
        return {"draw": draw}
    if "blueprint" in doc:
        raw = doc["blueprint"]
        if not isinstance(raw, dict) or not raw:
            raise QuizError("blueprint must map areas to item counts, e.g. {1: 5, 2: 5}")
        blueprint: dict[str, int] = {}
        for area, count in raw.items():
            if isinstance(area, bool) or not isinstance(area, int) or not 1 <= area <= 6:
                raise QuizError(f"blueprint: {area!r} is not an area (1..6)")
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                raise QuizError(f"blueprint: area {area} needs a whole number of items")
            pool = sum(1 for i in items if area_of(i.get("area"), i["competences"]) == area)
            if pool < count:
                raise QuizError(
                    f"blueprint: area {area} asks {count} items but the pool has {pool}"
                )
            blueprint[str(area)] = count
        return {"blueprint": blueprint}
    return {}


def area_of(area: int | None, competences: Iterable[str]) -> int | None:
    """The area an item measures: its `area`, else that of its first competence tag."""
    if area is not None:
        return int(area)
    for tag in competences:
        return int(str(tag).split(".", 1)[0])
    return None
