"""Item analysis for trainers: how each item was answered the first time learners met
it, per pack version, never by whom (docs/dashboard.md, "Item analysis").

The rows are `item_answers` (`sync.server.derived.item_answers`): one first answer
per learner, item and pack version, in authored ids, written when its attempt ended.
The database adds them up per item and per response; `item_stats` turns the sums
into the share correct, the discrimination and the flags. The question and option
texts come from the pack files (`reporting.quizzes`, sealed exam items opened with
the grading keys), in the admin's language.

A wrong answer to an item that takes typed text (short answer, numeric, or an item
whose type is unknown) may be a name or another personal detail: it is shown only
when at least `MIN_LEARNERS_FOR_TEXT` different learners gave it (each row is one
learner), otherwise the item says its wrong answers were varied. Chosen options are
always shown with their share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from content.localised import pick
from content.quiz import TYPED_ITEM_TYPES, Item, Quiz
from sync.server.models import ItemAnswer, Learner
from sync.server.reporting import item_stats
from sync.server.reporting.quizzes import PackQuizzes
from sync.server.reporting.scope import UnitTree
from sync.server.reporting.spec import TableSpec, attr, col

# Typed wrong answers given by fewer learners than this are not shown.
MIN_LEARNERS_FOR_TEXT = 3
# The items table's top wrong response of a typed-text item when no wrong answer was
# given by enough learners to be shown (the page says it in the admin's language).
VARIED = "(varied answers)"
_TRUE_FALSE = (
    ("true", {"vi": "Đúng", "en": "True"}, True),
    ("false", {"vi": "Sai", "en": "False"}, False),
)


@dataclass(frozen=True)
class OptionShare:
    """One option of a choice item: how many first answers chose it."""

    option_id: str
    text: str
    correct: bool | None
    picks: int
    share: float


@dataclass(frozen=True)
class ItemStat:
    """One item in one pack version over a scope: counts only, never who answered."""

    pack_id: str
    pack_version: int
    quiz: str
    item_id: str
    item_type: str | None
    question: str
    answers: int
    # Sum of first-answer scores (partial credit counts its part).
    correct: float
    share_correct: float
    discrimination: float | None
    options: tuple[OptionShare, ...] = ()
    # The most frequent wrong response of an item without options (typed text: among
    # those at least MIN_LEARNERS_FOR_TEXT learners gave); None when none is shown.
    top_wrong: str | None = None
    top_wrong_count: int = 0
    free_text: bool = False
    varied: bool = False
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ItemReport:
    """An item with its figures in each pack version that has answers, newest first."""

    pack_id: str
    quiz: str
    item_id: str
    question: str
    versions: list[ItemStat] = field(default_factory=list)


def _scope_filter(session: Session, root_unit_id: int):
    tree = UnitTree(session)
    scope = tree.subtree(root_unit_id)
    # The whole tree: every learner is in scope, and the join to learners is skipped.
    return None if len(scope) == len(tree.units) else scope


def _filtered(query, scope, pack_id: str | None, quiz: str | None):
    if scope is not None:
        query = query.join(Learner, Learner.id == ItemAnswer.learner_id).where(
            Learner.unit_id.in_(scope)
        )
    if pack_id:
        query = query.where(ItemAnswer.pack_id == pack_id)
    if quiz:
        query = query.where(ItemAnswer.quiz == quiz)
    return query


def quizzes_answered(session: Session) -> list[tuple[str, str]]:
    """(pack id, quiz slug) of every quiz with first answers, for the page's selector."""
    return [
        (p, q)
        for p, q in session.execute(
            select(ItemAnswer.pack_id, ItemAnswer.quiz).distinct().order_by("pack_id", "quiz")
        )
    ]


def _options(item: Item | None, lang: str) -> list[tuple[str, str, bool | None]]:
    if item is None:
        return []
    if item.type in ("single", "multiple"):
        # A sealed item the server could not open has no key (correct is False for all).
        known = item.sealed is None
        return [(o.id, pick(o.text, lang), o.correct if known else None) for o in item.options]
    if item.type == "true_false":
        return [
            (ident, text[lang] if lang in text else text["en"], item.answer is value)
            for ident, text, value in _TRUE_FALSE
        ]
    return []


def _picked(item_type: str | None, response: str) -> list[str]:
    if item_type == "multiple":
        return [r for r in response.split("[,]") if r]
    return [response]


def item_analysis(
    session: Session,
    root_unit_id: int,
    pack_id: str | None = None,
    quiz: str | None = None,
    *,
    data_dir: Path | None = None,
    grading_keys: Mapping[str, X25519PrivateKey] | None = None,
    lang: str = "vi",
) -> list[ItemStat]:
    """Per (pack, pack version, item) over the scope's learners' first answers: share
    correct, discrimination, each option's share, flags. `data_dir` (the server's data
    folder) and `grading_keys` let it read question texts, keys and item types from
    the pack files; without them an item shows its id and counts as typed."""
    scope = _scope_filter(session, root_unit_id)
    paired = ItemAnswer.rest.is_not(None)
    query = _filtered(
        select(
            ItemAnswer.pack_id,
            ItemAnswer.pack_version,
            ItemAnswer.quiz,
            ItemAnswer.item_id,
            func.count(),
            func.sum(ItemAnswer.score),
            func.count(ItemAnswer.rest),
            func.sum(case((paired, ItemAnswer.score), else_=0.0)),
            func.sum(case((paired, ItemAnswer.score * ItemAnswer.score), else_=0.0)),
            func.sum(ItemAnswer.rest),
            func.sum(ItemAnswer.rest * ItemAnswer.rest),
            func.sum(ItemAnswer.score * ItemAnswer.rest),
        ).group_by(
            ItemAnswer.pack_id, ItemAnswer.pack_version, ItemAnswer.quiz, ItemAnswer.item_id
        ),
        scope,
        pack_id,
        quiz,
    )
    sums: dict[tuple[str, int, str, str], item_stats.Sums] = {}
    for p, v, q, i, n, sx, paired_n, px, pxx, sy, syy, sxy in session.execute(query):
        sums[(p, v, q, i)] = item_stats.Sums(
            n, sx or 0.0, paired_n, px or 0.0, pxx or 0.0, sy or 0.0, syy or 0.0, sxy or 0.0
        )
    responses: dict[tuple[str, int, str, str], dict[str, tuple[int, float]]] = defaultdict(dict)
    query = _filtered(
        select(
            ItemAnswer.pack_id,
            ItemAnswer.pack_version,
            ItemAnswer.quiz,
            ItemAnswer.item_id,
            ItemAnswer.response,
            func.count(),
            func.sum(ItemAnswer.score),
        ).group_by(
            ItemAnswer.pack_id,
            ItemAnswer.pack_version,
            ItemAnswer.quiz,
            ItemAnswer.item_id,
            ItemAnswer.response,
        ),
        scope,
        pack_id,
        quiz,
    )
    for p, v, q, i, response, n, score in session.execute(query):
        responses[(p, v, q, i)][response] = (n, score or 0.0)
    quizzes = PackQuizzes(session, data_dir, grading_keys)
    stats = []
    for key in sorted(sums, key=lambda k: (k[0], k[2], k[3], -k[1])):
        stats.append(_stat(key, sums[key], responses.get(key, {}), quizzes, lang))
    return stats


def _stat(
    key: tuple[str, int, str, str],
    sums: item_stats.Sums,
    responses: dict[str, tuple[int, float]],
    quizzes: PackQuizzes,
    lang: str,
) -> ItemStat:
    pack_id, version, quiz_slug, item_id = key
    local = item_id.partition("/")[2]
    opened: Quiz | None = quizzes.quiz(pack_id, version, quiz_slug)
    item = None
    if opened is not None:
        item = next((i for i in opened.items if i.id == local), None)
    item_type = item.type if item is not None else None
    share = item_stats.share_correct(sums) or 0.0
    discrimination = item_stats.point_biserial(sums)
    options = []
    listed = _options(item, lang)
    if listed:
        picks: dict[str, int] = defaultdict(int)
        for response, (n, _) in responses.items():
            for chosen in _picked(item_type, response):
                picks[chosen] += n
        for option_id, text, correct in listed:
            options.append(
                OptionShare(option_id, text, correct, picks[option_id], picks[option_id] / sums.n)
            )
    free_text = item_type is None or item_type in TYPED_ITEM_TYPES
    top_wrong, top_count, varied = None, 0, False
    if not listed:
        # Wrong: scored below full credit. Each row is one learner, so n is learners.
        wrong = {r: n for r, (n, score) in responses.items() if score < n - 1e-9}
        shown = {r: n for r, n in wrong.items() if not free_text or n >= MIN_LEARNERS_FOR_TEXT}
        best = max(shown.items(), key=lambda pair: (pair[1], pair[0]), default=None)
        if best is not None:
            top_wrong, top_count = best
        varied = bool(wrong) and not shown
    unused = sum(1 for o in options if o.correct is False and o.picks == 0)
    return ItemStat(
        pack_id,
        version,
        quiz_slug,
        item_id,
        item_type,
        pick(item.prompt, lang) if item is not None else item_id,
        sums.n,
        sums.sx,
        share,
        discrimination,
        tuple(options),
        top_wrong,
        top_count,
        free_text,
        varied,
        item_stats.flags(sums.n, share, discrimination, unused),
    )


def by_item(stats: list[ItemStat]) -> list[ItemReport]:
    """The stats grouped per item, versions newest first (side by side on the page)."""
    reports: dict[tuple[str, str], ItemReport] = {}
    for s in stats:
        found = reports.get((s.pack_id, s.item_id))
        if found is None:
            found = reports[(s.pack_id, s.item_id)] = ItemReport(
                s.pack_id, s.quiz, s.item_id, s.question
            )
        found.versions.append(s)
    for r in reports.values():
        r.versions.sort(key=lambda s: -s.pack_version)
    return list(reports.values())


def _options_cell(s: ItemStat) -> str | None:
    if not s.options:
        return None
    return "; ".join(
        f"{'✓ ' if o.correct else ''}{o.text}: {round(o.share * 100)} %" for o in s.options
    )


ITEMS = TableSpec(
    "items",
    (
        col("pack_id", "Gói học liệu", "Pack", attr("pack_id")),
        col("pack_version", "Phiên bản", "Version", attr("pack_version"), "int"),
        col("item_id", "Mã câu hỏi", "Item id", attr("item_id")),
        col("question", "Câu hỏi", "Question", attr("question")),
        col("free_text", "Trả lời tự nhập", "Typed answer", attr("free_text"), "bool"),
        col("answers", "Lượt trả lời đầu tiên", "First answers", attr("answers"), "int"),
        col("correct", "Điểm đạt được", "Credit earned", lambda s: round(s.correct, 4), "number"),
        col(
            "share_correct",
            "Tỷ lệ đúng",
            "Share correct",
            lambda s: round(s.share_correct, 4),
            "share",
        ),
        col(
            "discrimination",
            "Độ phân biệt",
            "Discrimination",
            lambda s: None if s.discrimination is None else round(s.discrimination, 4),
            "number",
        ),
        col("options", "Tỷ lệ chọn từng phương án", "Share of each option", _options_cell),
        col(
            "top_wrong_response",
            "Câu trả lời sai nhiều nhất",
            "Top wrong response",
            lambda s: VARIED if s.varied else s.top_wrong,
        ),
        col(
            "top_wrong_count",
            "Số lượt",
            "Count",
            lambda s: None if s.varied or s.top_wrong is None else s.top_wrong_count,
            "int",
        ),
        col("flags", "Cảnh báo", "Flags", lambda s: " ".join(s.flags) or None),
    ),
    lambda q: item_analysis(
        q.session,
        q.root,
        q.pack_id,
        data_dir=q.data_dir,
        grading_keys=q.grading_keys,
        lang=q.lang,
    ),
)
