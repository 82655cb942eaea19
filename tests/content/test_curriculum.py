"""The starter curriculum in content/courses/: four level packs and the placement test.

Every check reads the packs as built by the project's own build and signed with the
development trainer key, so what is tested is what a learner's app would install.
Each test gathers all its problems and names the pack, lesson or item of each one.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from content import keys, yamltext
from content.build import BuildResult, build_pack
from content.envelope import x25519_key_id
from content.errors import PackRefused
from content.lesson import LessonMeta, split_front_matter
from content.render import render_lesson
from content.sealing import unseal_quiz
from content.trust import parse_time
from content.verify import verify_pack
from hocvu.paths import development_dir

COURSES = Path(__file__).resolve().parents[2] / "content" / "courses"
LEVEL_PACKS = {1: "vn.mofa.dl.l1", 2: "vn.mofa.dl.l2", 3: "vn.mofa.dl.l3", 4: "vn.mofa.dl.l4"}
PLACEMENT_PACK = "vn.mofa.dl.placement"
AREAS = (1, 2, 3, 4, 5, 6)
LANGUAGES = ("vi", "en")
LESSONS_PER_MODULE = 2
# Modules beyond one per area and level, with their (area, level): level 1's orientation.
EXTRA_MODULES = {"l1-orientation": (5, 1)}
# Tags a module's lessons may carry outside the module's area: the orientation lesson on the
# movement also teaches taking part in the digital state as a citizen (2.3).
CROSS_AREA_LESSON_TAGS = {"l1-orientation": {"2.3"}}
MIN_WORDS, MAX_WORDS = 400, 900
MIN_MODULE_QUIZ_ITEMS, MIN_MODULE_QUIZ_TYPES = 8, 3
MIN_EXAM_ITEMS = 30
MIN_PLACEMENT_ITEMS = 4
# Measured on the starter lessons: in every Vietnamese body 81-92 % of the words carry a
# non-ASCII letter; the same bodies stripped of their combining marks keep at most 12 %
# (the words with "đ", which has no decomposition). Half sits well clear of both.
MIN_ACCENTED_SHARE = 0.5
# English bodies keep at most 2 % (names such as "Bình dân học vụ số").
MAX_ACCENTED_SHARE_EN = 0.2

_GRADING = keys.load_grading_private(development_dir() / "DEVELOPMENT-ONLY-grading.key", None)
GRADING_KEYS = {x25519_key_id(_GRADING.public_key()): _GRADING}

_ESCAPED_TAG = re.compile(r"&lt;/?[A-Za-z][A-Za-z0-9]*")
_RAW_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HEADING_MARK = re.compile(r"^#{1,6}(\s|$)")
_FENCED_CODE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_CODE_SPAN = re.compile(r"`[^`\n]*`")


@dataclass(frozen=True)
class BuiltPack:
    folder: str
    build: BuildResult
    entries: dict[str, bytes]

    @property
    def manifest(self) -> dict[str, Any]:
        return self.build.manifest

    @property
    def pack_id(self) -> str:
        return self.manifest["id"]

    @property
    def media(self) -> set[str]:
        return {name for name in self.entries if name.startswith("media/")}

    def quiz(self, slug: str) -> dict[str, Any]:
        """The quiz as its trainer wrote it: a sealed exam is opened with the development
        grading key, as the ministry server opens it."""
        return unseal_quiz(json.loads(self.entries[f"quizzes/{slug}.json"]), GRADING_KEYS)[0]

    def lesson(self, slug: str, lang: str) -> str | None:
        data = self.entries.get(f"lessons/{slug}.{lang}.md")
        return None if data is None else data.decode("utf-8")

    def quiz_slugs(self) -> list[str]:
        """Every quiz the manifest uses: module quizzes, the exam, the placement sections."""
        slugs = [m["quiz"] for m in self.manifest["modules"] if m["quiz"]]
        if self.manifest.get("exam"):
            slugs.append(self.manifest["exam"]["quiz"])
        if self.manifest.get("placement"):
            slugs.extend(self.manifest["placement"]["quizzes"])
        return slugs


@dataclass(frozen=True)
class Lesson:
    pack: BuiltPack
    module: dict[str, Any]
    slug: str
    lang: str
    text: str
    meta: LessonMeta
    body: str

    @property
    def name(self) -> str:
        return f"{self.pack.pack_id} lessons/{self.slug}.{self.lang}.md"


@pytest.fixture(scope="session")
def curriculum(dev, tmp_path_factory) -> dict[str, BuiltPack]:
    """Every pack of content/courses/, built once per session, by pack id."""
    out = tmp_path_factory.mktemp("curriculum")
    packs: dict[str, BuiltPack] = {}
    for course in sorted(COURSES.glob("*/course.yaml")):
        folder = course.parent
        result = build_pack(folder, dev.trainer, dev.trust_bytes, out / f"{folder.name}.hvpack")
        with zipfile.ZipFile(result.path) as archive:
            entries = {name: archive.read(name) for name in archive.namelist()}
        packs[result.manifest["id"]] = BuiltPack(folder.name, result, entries)
    return packs


@pytest.fixture(scope="session")
def level_packs(curriculum) -> dict[int, BuiltPack]:
    return {level: curriculum[pack_id] for level, pack_id in LEVEL_PACKS.items()}


@pytest.fixture(scope="session")
def lessons(level_packs) -> list[Lesson]:
    """Every lesson file of the level packs, in both languages, as listed by the manifests."""
    found = []
    for pack in level_packs.values():
        for module in pack.manifest["modules"]:
            for entry in module["lessons"]:
                for lang in LANGUAGES:
                    text = pack.lesson(entry["slug"], lang)
                    if text is not None:
                        meta, body = split_front_matter(text)
                        found.append(Lesson(pack, module, entry["slug"], lang, text, meta, body))
    return found


def quiz_items(pack: BuiltPack) -> Iterator[tuple[str, dict[str, Any]]]:
    """(a name for messages, the compiled item) for every item of every quiz of the pack."""
    for slug in pack.quiz_slugs():
        for item in pack.quiz(slug)["items"]:
            yield f"{pack.pack_id} quizzes/{slug}.json item {item['id']!r}", item


def tag_areas(items: list[dict[str, Any]]) -> set[int]:
    return {int(tag.split(".")[0]) for item in items for tag in item["competences"]}


def accented_share(text: str) -> float:
    """Share of the words (tokens with a letter) that contain a non-ASCII letter."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if not words:
        return 0.0
    accented = sum(any(c.isalpha() and not c.isascii() for c in w) for w in words)
    return accented / len(words)


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def bilingual_problem(text: dict[str, str] | None) -> str | None:
    """Why a compiled text is not really in both languages, or None when it is.

    The build expands a plain string to every language, so identical texts mean the
    trainer wrote only one of them."""
    if not text:
        return "missing"
    empty = [lang for lang in LANGUAGES if not text.get(lang, "").strip()]
    if empty:
        return f"no {', '.join(empty)} text"
    if text["vi"] == text["en"]:
        return "the same text in vi and en (written in one language only)"
    return None


class LessonHtml(HTMLParser):
    """The visible text of rendered lesson HTML (one line per block, code left out),
    its images and its links."""

    _BLOCKS = frozenset(
        {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "br", "tr"}
    )

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.images: list[dict[str, str | None]] = []
        self.links: list[dict[str, str | None]] = []
        self._in_code = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre"):
            self._in_code += 1
        if tag in self._BLOCKS:
            self.lines.append("")
        if tag == "img":
            self.images.append(dict(attrs))
        if tag == "a":
            self.links.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self._in_code -= 1
        if tag in self._BLOCKS:
            self.lines.append("")

    def handle_data(self, data: str) -> None:
        if not self._in_code:
            self.lines[-1] += data

    def text_lines(self) -> list[str]:
        return [line.strip() for line in "\n".join(self.lines).splitlines() if line.strip()]


def markdown_leftovers(html: str) -> list[str]:
    """Markdown or HTML that the renderer left as text, each with the line it sits in."""
    found = [f"escaped tag {m.group()!r}" for m in _ESCAPED_TAG.finditer(html)]
    for line in LessonHtml(html).text_lines():
        if _HEADING_MARK.match(line):
            found.append(f"heading mark left as text: {line[:60]!r}")
        for mark, what in (("**", "bold mark"), ("](", "link syntax"), ("![", "image syntax")):
            if mark in line:
                found.append(f"{what} {mark!r} left as text: {line[:60]!r}")
    return found


def test_courses_folder_holds_the_four_levels_and_the_placement_test(curriculum):
    assert sorted(curriculum) == sorted([*LEVEL_PACKS.values(), PLACEMENT_PACK])


def test_every_pack_builds_without_warnings_and_verify_accepts_it(curriculum, dev):
    problems = []
    for pack in curriculum.values():
        problems += [f"{pack.folder}: build warning: {w}" for w in pack.build.warnings]
        # Verified as of the day after it was made, so the test does not depend on today's
        # date against the development trust list's expiry.
        now = parse_time(pack.manifest["created"]) + timedelta(days=1)
        try:
            verified = verify_pack(pack.build.path, dev.roots, now=now)
        except PackRefused as refused:
            problems.append(f"{pack.folder}: verify refused the pack: {refused}")
            continue
        problems += [f"{pack.folder}: verify warning: {w}" for w in verified.warnings]
    assert not problems, "\n".join(problems)


def test_every_course_yaml_fixes_created_so_builds_are_reproducible(curriculum):
    problems = []
    for pack in curriculum.values():
        course = yamltext.load((COURSES / pack.folder / "course.yaml").read_text("utf-8"))
        if "created" not in course:
            problems.append(
                f"{pack.folder}/course.yaml: no created: the pack's date (and bytes) would "
                "follow the files' modification times"
            )
    assert not problems, "\n".join(problems)


def test_each_level_pack_has_a_module_per_area_at_its_own_level(level_packs):
    """Every area has a module at the pack's level; the one extra module is level 1's
    orientation module (area 5: the movement, how the app certifies, finding one's gaps)."""
    problems = []
    for level, pack in level_packs.items():
        modules = pack.manifest["modules"]
        extra = [m["id"] for m in modules if m["id"] in EXTRA_MODULES]
        areas = sorted(m["area"] for m in modules if m["id"] not in EXTRA_MODULES)
        if areas != list(AREAS):
            problems.append(
                f"{pack.pack_id}: module areas {areas} besides {extra}, expected one each of 1..6"
            )
        problems += [
            f"{pack.pack_id} module {m['id']}: area {m['area']} level {m['level']}, expected "
            f"area {EXTRA_MODULES[m['id']][0]} level {EXTRA_MODULES[m['id']][1]}"
            for m in modules
            if m["id"] in EXTRA_MODULES and (m["area"], m["level"]) != EXTRA_MODULES[m["id"]]
        ]
        problems += [
            f"{pack.pack_id} module {m['id']}: level {m['level']}, the pack is level {level}"
            for m in modules
            if m["level"] != level
        ]
        exam = pack.manifest.get("exam")
        if not exam or exam.get("level") != level:
            problems.append(f"{pack.pack_id}: expected a level {level} exam, found {exam}")
    assert not problems, "\n".join(problems)


def test_every_module_has_two_lessons_in_both_languages_of_400_to_900_words(level_packs, lessons):
    problems = []
    for pack in level_packs.values():
        for module in pack.manifest["modules"]:
            slugs = [entry["slug"] for entry in module["lessons"]]
            if len(slugs) < LESSONS_PER_MODULE:
                problems.append(
                    f"{pack.pack_id} module {module['id']}: {len(slugs)} lesson(s), "
                    f"expected at least {LESSONS_PER_MODULE}"
                )
            for slug in slugs:
                problems += [
                    f"{pack.pack_id} lessons/{slug}.{lang}.md: missing"
                    for lang in LANGUAGES
                    if pack.lesson(slug, lang) is None
                ]
    for lesson in lessons:
        words = len(lesson.body.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(f"{lesson.name}: {words} words, expected {MIN_WORDS}..{MAX_WORDS}")
    assert not problems, "\n".join(problems)


def test_every_lesson_has_minutes_objectives_and_competences_of_its_module_area(lessons):
    problems = []
    for lesson in lessons:
        area = lesson.module["area"]
        if not 1 <= lesson.meta.minutes <= 240:
            problems.append(f"{lesson.name}: minutes {lesson.meta.minutes}")
        if not lesson.meta.objectives:
            problems.append(f"{lesson.name}: no objectives")
        if not lesson.meta.competences:
            problems.append(f"{lesson.name}: no competences")
        problems += [
            f"{lesson.name}: competence {tag} is not of area {area} (module {lesson.module['id']})"
            for tag in lesson.meta.competences
            if tag.split(".")[0] != str(area)
            and tag not in CROSS_AREA_LESSON_TAGS.get(lesson.module["id"], ())
        ]
    assert not problems, "\n".join(problems)


def test_module_quizzes_have_eight_items_of_three_types_tagged_with_the_module_area(
    level_packs,
):
    problems = []
    for pack in level_packs.values():
        for module in pack.manifest["modules"]:
            name = f"{pack.pack_id} quizzes/{module['quiz']}.json"
            items = pack.quiz(module["quiz"])["items"]
            types = {item["type"] for item in items}
            if len(items) < MIN_MODULE_QUIZ_ITEMS:
                problems.append(f"{name}: {len(items)} items, expected {MIN_MODULE_QUIZ_ITEMS}+")
            if len(types) < MIN_MODULE_QUIZ_TYPES:
                problems.append(
                    f"{name}: item types {sorted(types)}, expected {MIN_MODULE_QUIZ_TYPES}+"
                )
            for item in items:
                areas = tag_areas([item])
                if areas != {module["area"]}:
                    problems.append(
                        f"{name} item {item['id']!r}: competence areas {sorted(areas)}, "
                        f"expected the module's area {module['area']}"
                    )
    assert not problems, "\n".join(problems)


def test_level_exams_have_thirty_items_covering_all_six_areas(level_packs):
    problems = []
    for pack in level_packs.values():
        slug = pack.manifest["exam"]["quiz"]
        items = pack.quiz(slug)["items"]
        name = f"{pack.pack_id} quizzes/{slug}.json"
        if len(items) < MIN_EXAM_ITEMS:
            problems.append(f"{name}: {len(items)} items, expected {MIN_EXAM_ITEMS}+")
        problems += [
            f"{name} item {item['id']!r}: no competence tags"
            for item in items
            if not item["competences"]
        ]
        missing = sorted(set(AREAS) - tag_areas(items))
        if missing:
            problems.append(f"{name}: no item tagged with area(s) {missing}")
    assert not problems, "\n".join(problems)


def test_placement_probes_every_module_of_every_level_with_four_items(curriculum):
    pack = curriculum[PLACEMENT_PACK]
    probes: Counter[tuple[int, int]] = Counter()
    problems = []
    for name, item in quiz_items(pack):
        probes[(item.get("area"), item.get("level"))] += 1
        if item.get("area") is None or item.get("level") is None:
            problems.append(f"{name}: no area and level")
        elif tag_areas([item]) != {item["area"]}:
            problems.append(
                f"{name}: competence areas {sorted(tag_areas([item]))}, "
                f"but it probes area {item['area']}"
            )
    problems += [
        f"{PLACEMENT_PACK}: {probes[(area, level)]} item(s) for area {area} level {level}, "
        f"expected {MIN_PLACEMENT_ITEMS}+"
        for level in LEVEL_PACKS
        for area in AREAS
        if probes[(area, level)] < MIN_PLACEMENT_ITEMS
    ]
    assert not problems, "\n".join(problems)


def test_every_quiz_item_explains_its_answer_in_both_languages(curriculum):
    problems = []
    for pack in curriculum.values():
        for name, item in quiz_items(pack):
            why = bilingual_problem(item.get("explanation"))
            if why:
                problems.append(f"{name}: explanation {why}")
    assert not problems, "\n".join(problems)


def test_every_wrong_option_of_choice_items_has_feedback_in_both_languages(curriculum):
    problems = []
    for pack in curriculum.values():
        for name, item in quiz_items(pack):
            if item["type"] not in ("single", "multiple"):
                continue
            for option in item["options"]:
                weight = option["weight"]
                wrong = not option["correct"] if weight is None else weight <= 0
                why = bilingual_problem(option["feedback"]) if wrong else None
                if why:
                    problems.append(f"{name} option {option['id']!r}: feedback {why}")
    assert not problems, "\n".join(problems)


def test_vietnamese_lessons_are_written_with_diacritics_and_english_ones_are_not(lessons):
    problems = []
    for lesson in lessons:
        share = accented_share(lesson.body)
        if lesson.lang == "vi" and share < MIN_ACCENTED_SHARE:
            problems.append(
                f"{lesson.name}: only {share:.0%} of the words carry Vietnamese diacritics "
                f"(expected {MIN_ACCENTED_SHARE:.0%}+); is it typed without accents?"
            )
        if lesson.lang == "en" and share > MAX_ACCENTED_SHARE_EN:
            problems.append(
                f"{lesson.name}: {share:.0%} of the words carry diacritics; is it Vietnamese?"
            )
    assert not problems, "\n".join(problems)


def test_diacritics_check_rejects_a_real_lesson_stripped_of_its_accents(lessons):
    # Only combining marks go, so "đ" stays: the hardest case for the check.
    accepted = [
        lesson
        for lesson in lessons
        if lesson.lang == "vi" and accented_share(lesson.body) >= MIN_ACCENTED_SHARE
    ]
    assert accepted, "no Vietnamese lesson passes the check, so it proves nothing"
    for lesson in accepted:
        share = accented_share(strip_diacritics(lesson.body))
        assert share < MIN_ACCENTED_SHARE, f"{lesson.name}: stripped, it still passes ({share:.0%})"


def test_lessons_are_plain_markdown_and_render_without_leftovers(lessons):
    problems = []
    for lesson in lessons:
        source = _CODE_SPAN.sub("", _FENCED_CODE.sub("", lesson.body))
        problems += [
            f"{lesson.name}: raw HTML {tag!r} in the Markdown" for tag in _RAW_TAG.findall(source)
        ]
        html = render_lesson(lesson.text, lesson.pack.media).html
        problems += [f"{lesson.name}: {leftover}" for leftover in markdown_leftovers(html)]
    assert not problems, "\n".join(problems)


def test_rendered_images_point_at_pack_media_and_links_keep_their_address(lessons):
    problems = []
    for lesson in lessons:
        page = LessonHtml(render_lesson(lesson.text, lesson.pack.media).html)
        for image in page.images:
            if image.get("src") not in lesson.pack.media:
                problems.append(
                    f"{lesson.name}: image {image.get('alt')!r} has src {image.get('src')!r}, "
                    "not a media file of the pack"
                )
            if not (image.get("alt") or "").strip():
                problems.append(f"{lesson.name}: image {image.get('src')!r} has no alt text")
        problems += [
            f"{lesson.name}: a link lost its href" for a in page.links if not a.get("href")
        ]
    assert not problems, "\n".join(problems)


def test_markdown_leftover_check_catches_what_the_renderer_leaves_as_text():
    html = render_lesson(
        "---\ntitle: t\nminutes: 1\n---\n\n"
        " # indented heading\n\n**unclosed bold\n\n[broken link] (x)](y\n\n"
        "Fine **bold** and `**code**` and [a link](https://dichvucong.gov.vn).\n",
        set(),
    ).html
    leftovers = markdown_leftovers(html)
    assert any("heading" in found for found in leftovers), html
    assert any("bold" in found for found in leftovers), html
    assert any("link syntax" in found for found in leftovers), html
    assert len(leftovers) == 3, leftovers


# ---------- The item bank, terminology and law (curriculum 2027) ----------

COMPETENCES = {1: 3, 2: 6, 3: 4, 4: 4, 5: 4, 6: 3}  # area → competences in the framework
ALL_COMPETENCES = [
    f"{area}.{n}" for area, count in COMPETENCES.items() for n in range(1, count + 1)
]
MIN_LESSONS_PER_COMPETENCE, MIN_ITEMS_PER_COMPETENCE = 2, 6
MIN_MODULE_POOL, MODULE_DRAW = 30, 10
MIN_EXAM_POOL, MIN_EXAM_PER_AREA = 60, 5
GLOSSARY = COURSES / "GLOSSARY.md"
MIN_GLOSSARY_TERMS = 60
# A replaced instrument may be named (as history) only next to its successor.
SUCCESSORS = {
    r"13/2023/NĐ-CP": "356/2025/NĐ-CP",
    r"29/2018/QH14": "117/2025/QH15",
    r"59/2022/NĐ-CP": "69/2024/NĐ-CP",
    r"24/2018/QH14": "116/2025/QH15",
    r"86/2015/QH13": "116/2025/QH15",
}
_INSTRUMENT_NUMBER = re.compile(r"\b\d{1,3}/(?:19|20)\d\d/(?:QH\d+|NĐ-CP|ND-CP|TT-\w+|QĐ-\w+)")
_LAW_DATE_QUESTION = re.compile(
    r"(?i)(năm nào|ngày nào|có hiệu lực từ|số mấy|which year|what year|in force from"
    r"|came into force)"
)


def glossary_table(heading: str) -> list[list[str]]:
    """The rows of the first Markdown table under `## heading` in GLOSSARY.md (cells
    stripped, `\\|` unescaped, header and rule rows left out)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append(cells)
    return rows[1:]


def forbidden_patterns() -> list[tuple[re.Pattern[str], str, str]]:
    return [
        (re.compile(p.strip("`")), lang, instead)
        for p, lang, instead in glossary_table("Forbidden")
    ]


def texts(value: Any, lang: str | None = None) -> Iterator[tuple[str, str]]:
    """Every localised text inside a compiled item or manifest entry, as (lang, text)."""
    if isinstance(value, dict):
        if (
            set(value)
            and set(value) <= set(LANGUAGES)
            and all(isinstance(v, str) for v in value.values())
        ):
            yield from value.items()
            return
        for key, inner in value.items():
            yield from texts(inner, key if key in LANGUAGES else lang)
    elif isinstance(value, list):
        for inner in value:
            yield from texts(inner, lang)
    elif isinstance(value, str) and lang:
        yield lang, value


def everything_written(curriculum) -> Iterator[tuple[str, str, str]]:
    """(where, lang, text) for every lesson, quiz item and manifest text of every pack."""
    for pack in curriculum.values():
        for lang, text in texts({k: v for k, v in pack.manifest.items() if k != "files"}):
            yield f"{pack.pack_id} manifest", lang, text
        for module in pack.manifest.get("modules", []):
            for entry in module["lessons"]:
                for lang in LANGUAGES:
                    body = pack.lesson(entry["slug"], lang)
                    if body is not None:
                        yield f"{pack.pack_id} lessons/{entry['slug']}.{lang}.md", lang, body
        for name, item in quiz_items(pack):
            for lang, text in texts(item):
                yield name, lang, text


def test_glossary_has_sixty_terms_and_one_english_name_for_each_marking():
    terms = glossary_table("Terms")
    assert len(terms) >= MIN_GLOSSARY_TERMS, f"{len(terms)} terms in GLOSSARY.md"
    english = {vi: en for vi, en, *_ in terms}
    assert english["Hạn chế"] == "Restricted" and english["Mật"] == "Confidential"
    assert english["Tối mật"] == "Secret" and english["Tuyệt mật"] == "Top Secret"
    assert english["Công khai"] == "Public" and english["Nội bộ"] == "Internal"
    assert len({vi for vi, *_ in terms}) == len(terms), "a Vietnamese term listed twice"


def test_the_forbidden_variants_are_caught_and_the_house_style_is_not():
    patterns = forbidden_patterns()

    def caught(lang: str, text: str) -> bool:
        return any(p.search(text) for p, where, _ in patterns if where == lang)

    for text in (
        "Bạn hãy bấm Lưu.",
        "gửi cho anh chị",
        "hoá đơn",
        "bấm vào link",
        "CSV mã hóa UTF-8",
    ):
        assert caught("vi", text), text
    house_style = ("Anh/chị hãy bấm Lưu.", "gửi cho anh/chị", "hóa đơn", "quý khách", "bạn bè")
    house_style += ("Bộ trưởng nước bạn", "phía bạn", "kết bạn", "bấm vào đường dẫn", "toàn bộ")
    for text in house_style:
        assert not caught("vi", text), text
    assert caught("en", "the Embassy of Vietnam") and not caught("en", "Vietnamese; Viet Nam")
    assert caught("en", "Confidential (*Hạn chế*)") and not caught("en", "Restricted (*Hạn chế*)")


def test_no_lesson_or_item_uses_a_variant_the_glossary_forbids(curriculum):
    patterns = forbidden_patterns()
    problems = []
    for where, lang, text in everything_written(curriculum):
        for pattern, applies, instead in patterns:
            if applies != lang:
                continue
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
                problems.append(f"{where} [{lang}]: {match.group()!r} → {instead}: …{context}…")
    assert not problems, f"{len(problems)} problem(s)\n" + "\n".join(problems[:200])


def test_every_competence_is_taught_in_two_lessons_and_tagged_on_six_items(curriculum, lessons):
    taught: dict[str, set[str]] = {c: set() for c in ALL_COMPETENCES}
    for lesson in lessons:
        for tag in lesson.meta.competences:
            taught.setdefault(tag, set()).add(lesson.slug)
    tagged: Counter[str] = Counter()
    for pack in curriculum.values():
        for _, item in quiz_items(pack):
            tagged.update(set(item["competences"]))
    problems = [
        f"competence {c}: taught in {len(taught[c])} lesson(s), "
        f"expected {MIN_LESSONS_PER_COMPETENCE}+"
        for c in ALL_COMPETENCES
        if len(taught[c]) < MIN_LESSONS_PER_COMPETENCE
    ]
    problems += [
        f"competence {c}: tagged on {tagged[c]} item(s), expected {MIN_ITEMS_PER_COMPETENCE}+"
        for c in ALL_COMPETENCES
        if tagged[c] < MIN_ITEMS_PER_COMPETENCE
    ]
    problems += [f"unknown competence tag {c} (lessons {sorted(taught[c])})"
                 for c in taught if c not in ALL_COMPETENCES]  # fmt: skip
    assert not problems, "\n".join(problems)


def test_module_pools_hold_thirty_items_and_an_attempt_draws_ten(level_packs):
    problems = []
    for pack in level_packs.values():
        for module in pack.manifest["modules"]:
            quiz = pack.quiz(module["quiz"])
            name = f"{pack.pack_id} quizzes/{module['quiz']}.json"
            if len(quiz["items"]) < MIN_MODULE_POOL:
                problems.append(
                    f"{name}: pool of {len(quiz['items'])}, expected {MIN_MODULE_POOL}+"
                )
            if quiz.get("draw") != MODULE_DRAW:
                problems.append(f"{name}: draws {quiz.get('draw')}, expected {MODULE_DRAW}")
    assert not problems, "\n".join(problems)


def test_level_exams_draw_by_blueprint_from_a_pool_of_sixty_of_their_own(level_packs):
    problems = []
    for pack in level_packs.values():
        slug = pack.manifest["exam"]["quiz"]
        exam = pack.quiz(slug)
        name = f"{pack.pack_id} quizzes/{slug}.json"
        items = exam["items"]
        if len(items) < MIN_EXAM_POOL:
            problems.append(f"{name}: pool of {len(items)}, expected {MIN_EXAM_POOL}+")
        blueprint = {int(area): n for area, n in (exam.get("blueprint") or {}).items()}
        for area in AREAS:
            in_area = sum(
                1
                for item in items
                if tag_areas([item]) and int(item["competences"][0].split(".")[0]) == area
            )
            if blueprint.get(area, 0) < MIN_EXAM_PER_AREA:
                problems.append(f"{name}: blueprint draws {blueprint.get(area, 0)} of area {area}")
            elif in_area < 2 * blueprint[area]:
                problems.append(
                    f"{name}: {in_area} items of area {area} for {blueprint[area]} drawn"
                )
        module_prompts = {
            " ".join(item["prompt"]["vi"].split()).casefold()
            for module in pack.manifest["modules"]
            for item in pack.quiz(module["quiz"])["items"]
        }
        problems += [
            f"{name} item {item['id']!r}: the same prompt as a module quiz item"
            for item in items
            if " ".join(item["prompt"]["vi"].split()).casefold() in module_prompts
        ]
    assert not problems, "\n".join(problems)


def test_no_item_asks_for_a_law_number_or_date(curriculum):
    problems = []
    for pack in curriculum.values():
        for name, item in quiz_items(pack):
            for lang, prompt in item["prompt"].items():
                number = _INSTRUMENT_NUMBER.search(prompt)
                if number or (
                    _LAW_DATE_QUESTION.search(prompt)
                    and re.search(r"(?i)luật|nghị định|law|decree", prompt)
                ):
                    problems.append(f"{name} [{lang}]: {prompt[:120]}")
    assert not problems, "\n".join(problems)


def test_no_lesson_cites_a_replaced_instrument_without_its_successor(curriculum):
    problems = []
    for where, _lang, text in everything_written(curriculum):
        for replaced, successor in SUCCESSORS.items():
            if re.search(re.escape(replaced).replace("NĐ", "N[ĐD]"), text) and successor.replace(
                "NĐ", "N"
            )[:8] not in text.replace("NĐ", "N").replace("ND", "N"):
                problems.append(f"{where}: cites {replaced} without {successor}")
    assert not problems, "\n".join(problems)


def test_the_audit_finds_no_figure_over_a_threshold_in_any_pack():
    from content.audit import audit_input, read_source

    folders = sorted(p.parent for p in COURSES.glob("*/course.yaml"))
    sources = [read_source(folder) for folder in folders]
    marks = {target: mark for s in sources for target, mark in s.module_pass_marks.items()}
    problems = []
    for folder, source in zip(folders, sources, strict=True):
        report = audit_input(source, forms=300, module_pass_marks=marks)
        problems += [f"{folder.name}: {finding.message}" for finding in report.over]
    assert not problems, "\n".join(problems)
