"""`hocvu pack audit`: could a learner who knows nothing pass this pack's assessments?

For every quiz, exam and placement test of a pack the audit reports how the items are
written (where the key sits among the authored options, how often the longest option
is the key, how true/false keys are balanced, how large the pool is against what an
attempt draws, which items appear in more than one pool) and then plays blind
strategies against forms drawn exactly as the app draws them (`content.forms`):

- always-first: the first option as shown (after the form's shuffle), "true" for
  true/false, the starting order for ordering items, the first right-hand text shown
  for every row of a matching item;
- always-longest: the longest option text as shown (single and multiple choice);
- random: one option at random; for multiple response a random non-empty set of
  options, every set equally likely; a random order; a random right-hand text per
  matching row; for typed items a word (short answer) or a number (numeric) taken at
  random from the prompt, the only free guess a blind learner has;
- all-false: "false" to every true/false item;
- typed-empty: short answers and numbers left empty.

Each strategy answers the item types it does not name as `random` does.

How the figures are computed: for each item, the chance that a strategy earns each
score is measured over N drawn forms, as shown (so a key authored first is found
first only as often as the shuffle puts it there); for each drawn form the chance of
reaching the pass mark is then exact (the item scores are independent, since every
item is shuffled on its own), and the figure is the mean over the N forms. Responses
are scored by `content.grading.grade` and an attempt by `content.forms.score_attempt`;
placement modules by `content.placement`. The seeds come from a fixed generator, so
the same pack gives the same report.
"""

from __future__ import annotations

import json
import math
import random
import re
import zipfile
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import combinations, permutations
from pathlib import Path
from typing import Any

from content import placement
from content.forms import Form, draw_form, score_attempt
from content.grading import grade
from content.quiz import TYPED_ITEM_TYPES, Item, Quiz

STRATEGIES = ("always-first", "always-longest", "random", "all-false", "typed-empty")
# Played with random first, so a strategy that plays as random does is named after it.
_PLAY_ORDER = ("random", *(s for s in STRATEGIES if s != "random"))
KINDS = ("quiz", "exam", "placement")
DEFAULT_FORMS = 2000

STRATEGY_SAYS = {
    "always-first": "always picks the first option shown",
    "always-longest": "always picks the longest option",
    "random": "answers at random",
    "all-false": "answers every true/false item false",
    "typed-empty": "leaves typed answers empty",
}
STRATEGY_FIX = {
    "always-first": "use four options rather than two and fewer true/false items keyed true",
    "always-longest": "write distractors as long and as specific as the key",
    "random": "draw more items, and prefer four-option items to true/false",
    "all-false": "key about half of the true/false items true",
    "typed-empty": "draw more items, and prefer four-option items to true/false",
}
METHOD = (
    "per item, the chance each strategy scores it is measured over {forms} drawn forms as "
    "shown (options shuffled); per form, the chance of reaching the pass mark is then "
    "exact; figures are the mean over the forms"
)

# Item scores become whole numbers of 1/SCALE: every share k/m with m up to 16 (ordering
# item pairs up to 36 too) is then exact, so a sum that reaches the pass mark does.
SCALE = 720720
_ENUMERATE_STEPS = 7  # orderings of up to 7 steps are enumerated, longer ones sampled
_ENUMERATE_OPTIONS = 12
_SAMPLES = 5040

Dist = dict[int, float]  # score × SCALE → probability


@dataclass(frozen=True)
class Thresholds:
    """What `--strict` refuses (`exam_pass`, `placement_skipped`) and what it warns about."""

    exam_pass: float = 0.01  # every blind strategy passes a level exam with less than this
    placement_skipped: float = 1.0  # modules a blind learner skips, on average, below this
    quiz_pass: float = 0.05  # a practice quiz passed blind this often: warning only
    key_position_share: float = 0.6  # one authored position holds more keys: warning
    longest_is_key_share: float = 0.5  # the longest option is the key more often: warning
    true_share_low: float = 0.3  # true/false items keyed true outside [low, high]: warning
    true_share_high: float = 0.7
    pool_ratio: float = 1.5  # an exam pool smaller than this × what a form draws: warning
    min_items: int = 5  # shares are judged from this many items on


THRESHOLDS = Thresholds()


# ----------------------------------------------------------------------------- report


@dataclass(frozen=True)
class StrategyResult:
    strategy: str
    pass_probability: float
    mean_score: float
    # Placement only: the expected number of modules skipped, and the chance of skipping any.
    modules_skipped: float | None = None
    skips_any: float | None = None
    # The strategy listed earlier that plays exactly the same here (e.g. always-longest on
    # an exam without choice items plays as random does); its figures are the same.
    same_as: str | None = None


@dataclass(frozen=True)
class Finding:
    severity: str  # "over": over a threshold, refused by --strict; "warning"
    quiz: str | None
    code: str
    message: str
    strategy: str | None = None
    figure: float | None = None


@dataclass(frozen=True)
class Duplicate:
    by: str  # "id" or "prompt"
    text: str
    places: tuple[str, ...]  # "<quiz>/<item>"


@dataclass
class QuizAudit:
    slug: str
    kind: str
    pass_mark: float
    pool: int
    per_form: int
    drawing: str
    types: dict[str, int]
    sealed: bool = False
    # Counts per authored position (1 = written first): keys of single items, and every
    # correct option of multiple-response items.
    key_positions: tuple[int, ...] = ()
    multiple_key_positions: tuple[int, ...] = ()
    longest_is_key: tuple[int, int] = (0, 0)  # items whose unique longest option is a key, of
    true_keyed: tuple[int, int] = (0, 0)  # true/false items keyed true, of
    strategies: tuple[StrategyResult, ...] = ()


@dataclass
class PlacementAudit:
    quizzes: tuple[str, ...]
    modules: int  # modules the placement probes
    items_per_module: tuple[int, int]  # fewest and most items probing one module in a form
    pass_marks: str  # where the modules' pass marks came from
    strategies: tuple[StrategyResult, ...] = ()


@dataclass
class PackAudit:
    pack_id: str
    source: str
    lang: str
    forms: int
    quizzes: list[QuizAudit] = field(default_factory=list)
    placement: PlacementAudit | None = None
    duplicates: list[Duplicate] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    method: str = ""

    @property
    def over(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "over"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {"over_thresholds": bool(self.over)}


def percent(p: float) -> str:
    """A probability as trainers read it: "0.03 %", "2e-06 %" below 0.01 %, and "0 %"
    only when no answer the strategy can give reaches the mark."""
    if p <= 0:
        return "0 %"
    if p < 0.0001:
        return f"{p * 100:.0e} %"
    if p >= 1:
        return "100 %"
    if p > 0.9999:
        return "> 99.99 %"
    return f"{p * 100:.2f} %"


# ------------------------------------------------------------------ how items are written


def _text(value: Mapping[str, str] | str | None, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or next(iter(value.values()), "")


def _is_key(option) -> bool:
    return (option.weight or 0) > 0 if option.weight is not None else option.correct


def _single_key(item: Item) -> int | None:
    """The authored position (0-based) of a single item's key: the best-weighted option."""
    if not item.options:
        return None
    if item.weighted:
        best = max(range(len(item.options)), key=lambda n: item.options[n].weight or 0)
        return best if (item.options[best].weight or 0) > 0 else None
    return next((n for n, o in enumerate(item.options) if o.correct), None)


def _counts(positions: Iterable[int], width: int) -> tuple[int, ...]:
    counts = [0] * width
    for n in positions:
        counts[n] += 1
    return tuple(counts)


def _longest(item: Item, ids: Sequence[str], lang: str) -> str | None:
    """The option with the longest text among `ids` (the first of them on a tie)."""
    by_id = {o.id: o for o in item.options}
    best, length = None, -1
    for ident in ids:
        size = len(_text(by_id[ident].text, lang).strip())
        if size > length:
            best, length = ident, size
    return best


def _structure(quiz: Quiz, audit: QuizAudit, lang: str) -> None:
    singles = [i for i in quiz.items if i.type == "single"]
    multiples = [i for i in quiz.items if i.type == "multiple"]
    width = max((len(i.options) for i in singles), default=0)
    audit.key_positions = _counts((p for p in map(_single_key, singles) if p is not None), width)
    width = max((len(i.options) for i in multiples), default=0)
    audit.multiple_key_positions = _counts(
        (n for i in multiples for n, o in enumerate(i.options) if _is_key(o)), width
    )
    longest_keyed = judged = 0
    for item in singles + multiples:
        lengths = [len(_text(o.text, lang).strip()) for o in item.options]
        top = max(lengths)
        if lengths.count(top) != 1:
            continue  # no single longest option to give the key away
        judged += 1
        longest_keyed += _is_key(item.options[lengths.index(top)])
    audit.longest_is_key = (longest_keyed, judged)
    true_false = [i for i in quiz.items if i.type == "true_false"]
    audit.true_keyed = (sum(1 for i in true_false if i.answer is True), len(true_false))


def _drawing(quiz: Quiz) -> tuple[int, str]:
    if quiz.blueprint:
        spec = ", ".join(f"area {a}: {n}" for a, n in sorted(quiz.blueprint.items()))
        available = defaultdict(int)
        for item in quiz.items:
            available[item.measured_area] += 1
        drawn = sum(min(n, available[a]) for a, n in quiz.blueprint.items())
        return drawn, f"blueprint ({spec})"
    if quiz.draw is not None:
        return quiz.draw, f"draw {quiz.draw}"
    return len(quiz.items), "every item"


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def duplicates(quizzes: Sequence[Quiz], lang: str) -> list[Duplicate]:
    """Items that appear in more than one pool: the same id in two quizzes, or the same
    prompt (white space and letter case aside) in two items anywhere in the pack."""
    by_id: dict[str, list[str]] = defaultdict(list)
    by_prompt: dict[str, list[str]] = defaultdict(list)
    prompt_text: dict[str, str] = {}
    for quiz in quizzes:
        for item in quiz.items:
            place = f"{quiz.slug}/{item.id}"
            by_id[item.id].append(place)
            key = _normal(_text(item.prompt, lang))
            if key:
                by_prompt[key].append(place)
                prompt_text.setdefault(key, " ".join(_text(item.prompt, lang).split()))
    found = [
        Duplicate("id", ident, tuple(places)) for ident, places in by_id.items() if len(places) > 1
    ]
    id_groups = [set(d.places) for d in found]
    for key, places in by_prompt.items():
        if len(places) > 1 and not any(set(places) <= group for group in id_groups):
            found.append(Duplicate("prompt", prompt_text[key], tuple(places)))
    return found


# ------------------------------------------------------------------ blind strategies


def _dist(pairs: Iterable[tuple[float, float]]) -> Dist:
    out: Dist = defaultdict(float)
    for score, p in pairs:
        out[round(score * SCALE)] += p
    return dict(out)


def _convolve(dists: Iterable[Dist]) -> Dist:
    total: Dist = {0: 1.0}
    for dist in dists:
        if len(dist) == 1:
            ((key, _p),) = dist.items()
            total = {k + key: p for k, p in total.items()}
            continue
        out: Dist = defaultdict(float)
        for a, pa in total.items():
            for b, pb in dist.items():
                out[a + b] += pa * pb
        total = out
    return total


def _mean(dist: Dist) -> float:
    return sum(k * p for k, p in dist.items()) / SCALE


_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


class _Player:
    """The responses each strategy gives to one item as shown, and what they score."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._random: dict[int, Dist] = {}

    def score(self, item: Item, responses: Sequence[tuple[Any, float]]) -> Dist:
        return _dist((grade(item, r, self.lang).score, p) for r, p in responses)

    def answer(self, item: Item, order: Sequence[str], strategy: str) -> tuple[Dist, bool]:
        """What `strategy` scores on `item` shown in `order`, and whether that answer is
        the same object whatever the order (the random answer, computed once)."""
        if self._answers_in_order(item, strategy):
            return self.item(item, order, strategy), False
        return self.random(item), True

    @staticmethod
    def _answers_in_order(item: Item, strategy: str) -> bool:
        kind = item.type
        return (
            (strategy == "always-first" and kind not in TYPED_ITEM_TYPES)
            or (strategy == "always-longest" and kind in ("single", "multiple"))
            or (strategy == "all-false" and kind == "true_false")
            or (strategy == "typed-empty" and kind in TYPED_ITEM_TYPES)
        )

    def item(self, item: Item, order: Sequence[str], strategy: str) -> Dist:
        kind = item.type
        if strategy == "always-first":
            first = order[0] if order else None
            if kind == "single":
                return self.score(item, [(first, 1.0)])
            if kind == "multiple":
                return self.score(item, [({first}, 1.0)])
            if kind == "true_false":
                return self.score(item, [(True, 1.0)])  # the app shows "true" first
            if kind == "ordering":
                return self.score(item, [(list(order), 1.0)])
            if kind == "matching":
                return self.score(item, [({p.id: first for p in item.pairs}, 1.0)])
        if strategy == "always-longest" and kind in ("single", "multiple"):
            longest = _longest(item, order, self.lang)
            return self.score(item, [(longest if kind == "single" else {longest}, 1.0)])
        if strategy == "all-false" and kind == "true_false":
            return self.score(item, [(False, 1.0)])
        if strategy == "typed-empty" and kind in TYPED_ITEM_TYPES:
            return self.score(item, [("", 1.0)])
        return self.random(item)

    def random(self, item: Item) -> Dist:
        # Keyed by the object: items are frozen and live as long as the quiz being audited.
        cached = self._random.get(id(item))
        if cached is None:
            cached = self._random[id(item)] = self.score(item, self._random_responses(item))
        return cached

    def _random_responses(self, item: Item) -> list[tuple[Any, float]]:
        kind = item.type
        rng = random.Random(f"hocvu-audit:{item.id}")
        if kind == "single":
            return [(o.id, 1 / len(item.options)) for o in item.options]
        if kind == "multiple":
            ids = [o.id for o in item.options]
            if len(ids) <= _ENUMERATE_OPTIONS:
                sets = [set(c) for n in range(1, len(ids) + 1) for c in combinations(ids, n)]
            else:
                sets = [{i for i in ids if rng.random() < 0.5} or {ids[0]} for _ in range(_SAMPLES)]
            return [(s, 1 / len(sets)) for s in sets]
        if kind == "true_false":
            return [(True, 0.5), (False, 0.5)]
        if kind == "ordering":
            ids = [s.id for s in item.steps]
            if len(ids) <= _ENUMERATE_STEPS:
                orders = [list(p) for p in permutations(ids)]
            else:
                orders = [rng.sample(ids, len(ids)) for _ in range(_SAMPLES)]
            return [(o, 1 / len(orders)) for o in orders]
        if kind == "matching":
            # Every row is an independent drop-down over all right-hand texts: k rows right
            # with the binomial chance; the response below has exactly k rows right.
            lefts = [p.id for p in item.pairs]
            choices = item.right_choices()
            hit = 1 / len(choices)
            out = []
            for k in range(len(lefts) + 1):
                response = {
                    left: left if n < k else next(c for c in choices if c != left)
                    for n, left in enumerate(lefts)
                }
                chance = math.comb(len(lefts), k) * hit**k * (1 - hit) ** (len(lefts) - k)
                out.append((response, chance))
            return out
        pattern = _WORD if kind == "short_answer" else _NUMBER
        guesses = sorted(set(pattern.findall(_text(item.prompt, self.lang))))
        if not guesses:
            return [("", 1.0)]
        return [(g, 1 / len(guesses)) for g in guesses]


def _seeds(label: str, forms: int) -> list[int]:
    rng = random.Random(f"hocvu-audit:{label}")
    return [rng.getrandbits(48) for _ in range(forms)]


def _mixtures(
    forms: Sequence[Form], pool: Mapping[str, Item], player: _Player, strategy: str
) -> dict[str, Dist]:
    """Per item, the chance of each score under `strategy`, over the forms holding it."""
    sums: dict[str, Dist] = defaultdict(lambda: defaultdict(float))
    seen: dict[str, int] = defaultdict(int)
    # Answers that do not depend on the order shown are one shared object per item:
    # count them rather than add them up form by form.
    shared: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    objects: dict[int, Dist] = {}
    for form in forms:
        for entry in form.items:
            dist, is_shared = player.answer(pool[entry.item_id], entry.order, strategy)
            seen[entry.item_id] += 1
            if is_shared:
                shared[entry.item_id][id(dist)] += 1
                objects[id(dist)] = dist
            else:
                for k, p in dist.items():
                    sums[entry.item_id][k] += p
    for ident, counts in shared.items():
        for key, n in counts.items():
            for k, p in objects[key].items():
                sums[ident][k] += p * n
    return {ident: {k: p / seen[ident] for k, p in d.items()} for ident, d in sums.items()}


def _signature(mix: Mapping[str, Dist]) -> tuple:
    return tuple(sorted((i, tuple(sorted(d.items()))) for i, d in mix.items()))


def _least(items: int, passes: Callable[[int], bool]) -> int:
    """The least total (in 1/SCALE) of `items` item scores for which `passes` holds
    (`passes` is monotone in the total)."""
    low, high = 0, items * SCALE + 1
    while low < high:
        mid = (low + high) // 2
        if passes(mid):
            high = mid
        else:
            low = mid + 1
    return low


class _Sums:
    """The chance that a set of items scores at least a total, from per-item score chances.

    Each set is split in two halves (in pool order) whose distributions are cached:
    forms drawn from one pool share many halves, and the chance of reaching the total
    is then read off one half's distribution and the other's survival function."""

    def __init__(self, mix: Mapping[str, Dist], rank: Mapping[str, int]) -> None:
        self.mix = mix
        self.rank = rank
        self._dists: dict[tuple[str, ...], Dist] = {}
        self._survival: dict[tuple[str, ...], tuple[list[int], list[float]]] = {}
        self._means: dict[str, float] = {}

    def _dist(self, ids: tuple[str, ...]) -> Dist:
        if ids not in self._dists:
            self._dists[ids] = _convolve(self.mix[i] for i in ids)
        return self._dists[ids]

    def _surv(self, ids: tuple[str, ...]) -> tuple[list[int], list[float]]:
        if ids not in self._survival:
            dist = self._dist(ids)
            keys = sorted(dist)
            suffix = [0.0] * (len(keys) + 1)
            for n in range(len(keys) - 1, -1, -1):
                suffix[n] = suffix[n + 1] + dist[keys[n]]
            self._survival[ids] = (keys, suffix)
        return self._survival[ids]

    def at_least(self, ids: Iterable[str], total: int) -> float:
        ordered = sorted(ids, key=self.rank.__getitem__)
        half = len(ordered) // 2
        first = self._dist(tuple(ordered[:half]))
        keys, suffix = self._surv(tuple(ordered[half:]))
        return min(1.0, sum(p * suffix[bisect_left(keys, total - k)] for k, p in first.items()))

    def mean(self, ids: Sequence[str]) -> float:
        if not self._means:
            self._means = {i: _mean(d) for i, d in self.mix.items()}
        return sum(self._means[i] for i in ids) / max(1, len(ids))


def _pass_total(quiz: Quiz, form: Form) -> int:
    """The least total with which an attempt at `form` passes, as the app judges it."""
    ids = form.item_ids
    return _least(len(ids), lambda key: score_attempt(quiz, form, _spread(key, ids)).passed)


def _spread(key: int, ids: Sequence[str]) -> dict[str, float]:
    """Item scores that add up to key / SCALE (a score for `score_attempt`)."""
    left = key / SCALE
    scores = {}
    for ident in ids:
        scores[ident] = max(0.0, min(1.0, left))
        left -= scores[ident]
    return scores


def _play_quiz(quiz: Quiz, forms: Sequence[Form], player: _Player) -> tuple[StrategyResult, ...]:
    pool = {i.id: i for i in quiz.items}
    rank = {i.id: n for n, i in enumerate(quiz.items)}
    # The pass mark is a share: forms of one size share the total they need.
    thresholds: dict[int, int] = {}
    results = []
    done: dict[tuple, tuple[float, float]] = {}
    first: dict[tuple, str] = {}
    for strategy in _PLAY_ORDER:
        mix = _mixtures(forms, pool, player, strategy)
        signature = _signature(mix)
        same_as = first.setdefault(signature, strategy)
        if signature not in done:
            sums = _Sums(mix, rank)
            tails: dict[frozenset[str], float] = {}
            passed = scored = 0.0
            for form in forms:
                ids = form.item_ids
                chosen = frozenset(ids)
                if chosen not in tails:
                    if len(ids) not in thresholds:
                        thresholds[len(ids)] = _pass_total(quiz, form)
                    tails[chosen] = sums.at_least(ids, thresholds[len(ids)])
                passed += tails[chosen]
                scored += sums.mean(ids)
            done[signature] = (passed / len(forms), scored / len(forms))
        probability, mean = done[signature]
        results.append(
            StrategyResult(
                strategy, probability, mean, same_as=None if same_as == strategy else same_as
            )
        )
    return tuple(sorted(results, key=lambda r: STRATEGIES.index(r.strategy)))


def _target(item: Item) -> placement.Target | None:
    area = item.measured_area
    return (area, item.level) if area is not None and item.level is not None else None


def _play_placement(
    quizzes: Sequence[Quiz],
    forms: int,
    player: _Player,
    pass_marks: Mapping[placement.Target, float],
) -> PlacementAudit:
    """Expected modules skipped: per drawn set of placement forms (one form per quiz),
    the chance that each probed module's items reach its pass mark, added up."""
    drawn = [[draw_form(q, s) for s in _seeds(q.slug, forms)] for q in quizzes]
    # Items of different placement quizzes may share an id: name them "<n>/<id>".
    targets: dict[str, placement.Target] = {}
    mark: dict[placement.Target, float] = {}
    rank: dict[str, int] = {}
    for n, quiz in enumerate(quizzes):
        for item in quiz.items:
            target = _target(item)
            if target is not None:
                targets[f"{n}/{item.id}"] = target
                mark.setdefault(target, pass_marks.get(target, quiz.pass_mark))
                rank[f"{n}/{item.id}"] = len(rank)
    probes_of: list[dict[placement.Target, tuple[str, ...]]] = []
    for f in range(forms):
        probes: dict[placement.Target, list[str]] = defaultdict(list)
        for n, quiz_forms in enumerate(drawn):
            for ident in quiz_forms[f].item_ids:
                if f"{n}/{ident}" in targets:
                    probes[targets[f"{n}/{ident}"]].append(f"{n}/{ident}")
        probes_of.append({t: tuple(m) for t, m in probes.items()})
    sizes = [len(m) for probes in probes_of for m in probes.values()]
    needed: dict[tuple[int, placement.Target], int] = {}
    for probes in probes_of:
        for target, members in probes.items():
            if (len(members), target) not in needed:
                m, pass_mark = len(members), mark[target]
                needed[(m, target)] = _least(
                    m,
                    lambda key, m=m, pass_mark=pass_mark: placement.skips(
                        key / SCALE / m, pass_mark
                    ),
                )
    results = []
    done: dict[tuple, tuple[float, float, float]] = {}
    first: dict[tuple, str] = {}
    for strategy in _PLAY_ORDER:
        mix: dict[str, Dist] = {}
        for n, (quiz, quiz_forms) in enumerate(zip(quizzes, drawn, strict=True)):
            pool = {i.id: i for i in quiz.items}
            mix |= {f"{n}/{i}": d for i, d in _mixtures(quiz_forms, pool, player, strategy).items()}
        signature = _signature(mix)
        same_as = first.setdefault(signature, strategy)
        if signature not in done:
            sums = _Sums(mix, rank)
            cache: dict[frozenset[str], float] = {}
            skipped = any_skip = scored = 0.0
            for probes in probes_of:
                none_skipped = 1.0
                for target, members in probes.items():
                    key = frozenset(members)
                    if key not in cache:
                        cache[key] = sums.at_least(members, needed[(len(members), target)])
                    skipped += cache[key]
                    none_skipped *= 1 - cache[key]
                any_skip += 1 - none_skipped
                scored += sums.mean([m for members in probes.values() for m in members])
            done[signature] = (skipped / forms, any_skip / forms, scored / forms)
        skipped_mean, any_share, mean = done[signature]
        results.append(
            StrategyResult(
                strategy,
                any_share,
                mean,
                skipped_mean,
                any_share,
                None if same_as == strategy else same_as,
            )
        )
    return PlacementAudit(
        tuple(q.slug for q in quizzes),
        len(set(targets.values())),
        (min(sizes, default=0), max(sizes, default=0)),
        "",
        tuple(sorted(results, key=lambda r: STRATEGIES.index(r.strategy))),
    )


# ----------------------------------------------------------------------------- the audit


def audit(
    pack_id: str,
    source: str,
    quizzes: Sequence[tuple[str, Quiz]],
    *,
    lang: str = "vi",
    forms: int = DEFAULT_FORMS,
    module_pass_marks: Mapping[placement.Target, float] | None = None,
    thresholds: Thresholds = THRESHOLDS,
) -> PackAudit:
    """Audit a pack's quizzes, each given with its kind (quiz, exam or placement).

    `module_pass_marks` gives the pass mark of each module a placement item probes
    (`(area, level)` → its quiz's pass mark); a module not in it is judged by the pass
    mark of the placement quiz that probes it."""
    if forms < 1:
        raise ValueError("forms must be at least 1")
    player = _Player(lang)
    report = PackAudit(pack_id, source, lang, forms, method=METHOD.format(forms=forms))
    for kind, quiz in quizzes:
        per_form, drawing = _drawing(quiz)
        types: dict[str, int] = defaultdict(int)
        for item in quiz.items:
            types[item.type] += 1
        entry = QuizAudit(
            quiz.slug,
            kind,
            quiz.pass_mark,
            len(quiz.items),
            per_form,
            drawing,
            dict(types),
            sealed=quiz.sealed,
        )
        report.quizzes.append(entry)
        if quiz.sealed:
            report.findings.append(
                Finding(
                    "warning",
                    quiz.slug,
                    "sealed",
                    f"{kind} {quiz.slug} is sealed (its keys are encrypted): not audited; "
                    "give --grading-key FILE, or audit the source folder",
                )
            )
            continue
        _structure(quiz, entry, lang)
        if kind != "placement":
            drawn = [draw_form(quiz, s) for s in _seeds(quiz.slug, forms)]
            entry.strategies = _play_quiz(quiz, drawn, player)
        report.findings += _quiz_findings(entry, quiz, thresholds)
    placed = [q for kind, q in quizzes if kind == "placement" and not q.sealed]
    if placed:
        marks = dict(module_pass_marks or {})
        report.placement = _play_placement(placed, forms, player, marks)
        report.placement.pass_marks = (
            "the modules' quizzes" if marks else "the placement quizzes' (modules not known here)"
        )
        report.findings += _placement_findings(report.placement, thresholds)
    report.duplicates = duplicates([q for _, q in quizzes], lang)
    kinds = {q.slug: kind for kind, q in quizzes}
    for dup in report.duplicates:
        quizzes_named = sorted({p.split("/", 1)[0] for p in dup.places})
        exam_seen = any(kinds.get(s) == "exam" for s in quizzes_named) and len(quizzes_named) > 1
        what = "have the same id" if dup.by == "id" else "ask the same question"
        report.findings.append(
            Finding(
                "warning",
                quizzes_named[0],
                "duplicate",
                f"{', '.join(dup.places)} {what}"
                + (
                    ": a learner who practised has seen the exam item and its feedback"
                    if exam_seen
                    else ""
                )
                + "; rewrite or remove all but one",
            )
        )
    return report


def _quiz_findings(entry: QuizAudit, quiz: Quiz, t: Thresholds) -> list[Finding]:
    found: list[Finding] = []
    name = f"{entry.kind} {entry.slug}"

    def warn(code: str, message: str, figure: float | None = None) -> None:
        found.append(Finding("warning", entry.slug, code, f"{name}: {message}", figure=figure))

    singles = sum(entry.key_positions)
    if singles >= t.min_items:
        top = max(entry.key_positions)
        position = entry.key_positions.index(top)
        share = top / singles
        if share > t.key_position_share:
            warn(
                "key_position",
                f"the key is written as option {position + 1} in {top} of {singles} "
                f"single-choice items ({share:.0%}, limit {t.key_position_share:.0%}); "
                "the app shuffles options, but exports and printouts do not: vary where "
                "you write the key",
                share,
            )
    keyed, judged = entry.longest_is_key
    if judged >= t.min_items and keyed / judged > t.longest_is_key_share:
        warn(
            "longest_is_key",
            f"the longest option is the key in {keyed} of {judged} choice items "
            f"({keyed / judged:.0%}, limit {t.longest_is_key_share:.0%}); "
            "write distractors as long and as specific as the key",
            keyed / judged,
        )
    true, count = entry.true_keyed
    if count >= t.min_items and not t.true_share_low <= true / count <= t.true_share_high:
        warn(
            "true_false_balance",
            f"{true} of {count} true/false items are keyed true ({true / count:.0%}; "
            f"keep it between {t.true_share_low:.0%} and {t.true_share_high:.0%})",
            true / count,
        )
    if entry.kind == "exam":
        if quiz.blueprint:
            for area, count in sorted(quiz.blueprint.items()):
                pool = sum(1 for i in quiz.items if i.measured_area == area)
                if pool < t.pool_ratio * count:
                    warn(
                        "small_pool",
                        f"area {area} has {pool} items for {count} drawn per attempt (keep at "
                        f"least {t.pool_ratio}×, {math.ceil(t.pool_ratio * count)}); a retake "
                        "sees mostly the same items",
                        pool / count,
                    )
        elif entry.pool < t.pool_ratio * entry.per_form:
            warn(
                "small_pool",
                f"the pool has {entry.pool} items for {entry.per_form} drawn per attempt "
                f"(keep at least {t.pool_ratio}×); add items and set `draw:` or `blueprint:`, "
                "so a retake sees fresh items",
                entry.pool / max(1, entry.per_form),
            )
    for result in entry.strategies:
        if result.same_as:
            continue  # said once, with the strategy it plays like
        p = result.pass_probability
        if entry.kind == "exam" and p >= t.exam_pass:
            found.append(
                Finding(
                    "over",
                    entry.slug,
                    "blind_pass",
                    f"{name}: a learner who {STRATEGY_SAYS[result.strategy]} passes with "
                    f"probability {percent(p)} (limit {percent(t.exam_pass)}, strategy "
                    f"{result.strategy}{_alike(entry.strategies, result)}); "
                    f"{STRATEGY_FIX[result.strategy]}",
                    result.strategy,
                    p,
                )
            )
        elif entry.kind == "quiz" and p >= t.quiz_pass:
            found.append(
                Finding(
                    "warning",
                    entry.slug,
                    "blind_pass",
                    f"{name}: a learner who {STRATEGY_SAYS[result.strategy]} passes this "
                    f"practice quiz with probability {percent(p)} (strategy "
                    f"{result.strategy}{_alike(entry.strategies, result)}); "
                    f"{STRATEGY_FIX[result.strategy]}",
                    result.strategy,
                    p,
                )
            )
    return found


def _alike(rows: Sequence[StrategyResult], row: StrategyResult) -> str:
    same = [r.strategy for r in rows if r.same_as == row.strategy]
    if not same:
        return ""
    return f"; {' and '.join(same)} play{'s' if len(same) == 1 else ''} the same here"


def _placement_findings(result: PlacementAudit, t: Thresholds) -> list[Finding]:
    found = []
    for row in result.strategies:
        if row.same_as:
            continue
        if row.modules_skipped is not None and row.modules_skipped >= t.placement_skipped:
            found.append(
                Finding(
                    "over",
                    "+".join(result.quizzes),
                    "placement_skips",
                    f"placement test: a learner who {STRATEGY_SAYS[row.strategy]} skips "
                    f"{row.modules_skipped:.2f} modules on average (limit "
                    f"{t.placement_skipped:g}, strategy {row.strategy}"
                    f"{_alike(result.strategies, row)}); probe each module "
                    f"with more items (now {result.items_per_module[0]} to "
                    f"{result.items_per_module[1]}) and {STRATEGY_FIX[row.strategy]}",
                    row.strategy,
                    row.modules_skipped,
                )
            )
    return found


# ------------------------------------------------------------------------ the text report


def _as(row: StrategyResult) -> str:
    return f"   (plays as {row.same_as} here)" if row.same_as else ""


def render(report: PackAudit) -> str:
    lines = [
        f"Audit of {report.pack_id} ({report.source})",
        f"  how: {report.method}",
        "",
    ]
    for q in report.quizzes:
        lines.append(
            f"{q.kind} {q.slug}: {q.pool} items in the pool, {q.per_form} per attempt "
            f"({q.drawing}), pass mark {q.pass_mark:.0%}"
        )
        lines.append("  items: " + ", ".join(f"{t} {n}" for t, n in sorted(q.types.items())))
        if q.sealed:
            lines += ["  sealed: keys encrypted, not audited", ""]
            continue
        if sum(q.key_positions):
            lines.append(
                "  key position as written (single): "
                + "  ".join(f"{n + 1}: {c}" for n, c in enumerate(q.key_positions))
            )
        if sum(q.multiple_key_positions):
            lines.append(
                "  key positions as written (multiple): "
                + "  ".join(f"{n + 1}: {c}" for n, c in enumerate(q.multiple_key_positions))
            )
        keyed, judged = q.longest_is_key
        if judged:
            lines.append(f"  longest option is the key: {keyed} of {judged} ({keyed / judged:.0%})")
        true, count = q.true_keyed
        if count:
            lines.append(f"  true/false keyed true: {true} of {count} ({true / count:.0%})")
        if q.strategies:
            lines.append(f"  {'blind strategy':<16} {'passes':>10} {'mean score':>11}")
            for row in q.strategies:
                lines.append(
                    f"  {row.strategy:<16} {percent(row.pass_probability):>10} "
                    f"{row.mean_score:>10.0%}" + _as(row)
                )
        lines.append("")
    if report.placement:
        p = report.placement
        lines.append(
            f"placement ({', '.join(p.quizzes)}): {p.modules} modules probed, "
            f"{p.items_per_module[0]} to {p.items_per_module[1]} items per module in a form; "
            f"pass marks: {p.pass_marks}"
        )
        lines.append(
            f"  {'blind strategy':<16} {'modules skipped':>16} {'skips any':>10} {'mean score':>11}"
        )
        for row in p.strategies:
            lines.append(
                f"  {row.strategy:<16} {row.modules_skipped or 0:>16.2f} "
                f"{percent(row.skips_any or 0):>10} {row.mean_score:>10.0%}" + _as(row)
            )
        lines.append("")
    if report.duplicates:
        lines.append("items in more than one pool:")
        for dup in report.duplicates:
            label = f"id {dup.text}" if dup.by == "id" else f"prompt “{dup.text[:70]}”"
            lines.append(f"  {label}: {', '.join(dup.places)}")
        lines.append("")
    over, warnings = report.over, report.warnings
    for finding in over:
        lines.append(f"OVER: {finding.message}")
    for finding in warnings:
        lines.append(f"warning: {finding.message}")
    lines.append(
        f"{len(over)} over a threshold, {len(warnings)} warning(s)"
        if over or warnings
        else "Nothing over a threshold, no warnings."
    )
    return "\n".join(lines)


# ------------------------------------------------------------------ what gets audited


@dataclass
class AuditInput:
    """A pack's assessments as the audit reads them, from a source folder or a pack."""

    pack_id: str
    source: str
    lang: str
    quizzes: list[tuple[str, Quiz]]
    # (area, level) → pass mark of the module's quiz, for the modules this pack holds.
    module_pass_marks: dict[placement.Target, float]


def _assessments(
    manifest: Mapping[str, Any], load: Callable[[str], Quiz]
) -> tuple[list[tuple[str, Quiz]], dict[placement.Target, float]]:
    kinds: dict[str, str] = {}
    for module in manifest.get("modules") or ():
        if module.get("quiz"):
            kinds.setdefault(module["quiz"], "quiz")
    if manifest.get("exam"):
        kinds[manifest["exam"]["quiz"]] = "exam"
    for slug in (manifest.get("placement") or {}).get("quizzes", ()):
        kinds[slug] = "placement"
    quizzes = {slug: load(slug) for slug in kinds}
    marks = {
        (m["area"], m["level"]): quizzes[m["quiz"]].pass_mark
        for m in manifest.get("modules") or ()
        if m.get("quiz")
    }
    order = {"quiz": 0, "exam": 1, "placement": 2}
    ranked = sorted(kinds, key=lambda s: order[kinds[s]])
    return [(kinds[s], quizzes[s]) for s in ranked], marks


def read_source(folder: Path) -> AuditInput:
    """A source folder's assessments, compiled as a build compiles them (never sealed)."""
    from content.sources import read_sources

    pack = read_sources(folder)

    def load(slug: str) -> Quiz:
        return Quiz.from_json(json.loads(pack.entries[f"quizzes/{slug}.json"]))

    quizzes, marks = _assessments(pack.manifest, load)
    return AuditInput(
        pack.manifest["id"], str(folder), pack.manifest["languages"][0], quizzes, marks
    )


def read_pack(
    path: Path,
    roots: Mapping[str, Any],
    grading_keys: Mapping[str, Any] | None = None,
) -> AuditInput:
    """A built pack's assessments, after verifying it as the app does. A sealed exam is
    opened with the grading private keys (key id → X25519 private key) when given;
    otherwise it stays sealed and the report says so."""
    from content.verify import verify_pack

    verified = verify_pack(path, roots)
    with zipfile.ZipFile(path) as archive:

        def load(slug: str) -> Quiz:
            data = json.loads(archive.read(f"quizzes/{slug}.json"))
            quiz = Quiz.from_json(data)
            if quiz.sealed and grading_keys:
                quiz = _open_sealed(data, grading_keys, slug)
            return quiz

        quizzes, marks = _assessments(verified.manifest, load)
    return AuditInput(
        verified.pack_id, str(path), verified.manifest["languages"][0], quizzes, marks
    )


def _open_sealed(data: Mapping[str, Any], grading_keys: Mapping[str, Any], slug: str) -> Quiz:
    try:
        from content.sealing import open_for_grading
    except ImportError:
        raise AuditError(
            f"quizzes/{slug}.json is sealed and this version cannot open sealed exams; "
            "audit the source folder instead"
        ) from None
    try:
        return open_for_grading(dict(data), grading_keys).quiz
    except Exception as exc:  # whatever the sealing layer raises, the trainer reads why
        raise AuditError(
            f"quizzes/{slug}.json: the grading key(s) given cannot open this sealed exam ({exc})"
        ) from None


class AuditError(ValueError):
    """An audit that cannot be made; the message says why and what to do."""


def audit_input(
    source: AuditInput,
    *,
    forms: int = DEFAULT_FORMS,
    module_pass_marks: Mapping[placement.Target, float] | None = None,
    thresholds: Thresholds = THRESHOLDS,
) -> PackAudit:
    """Audit what `read_source` or `read_pack` gave; `module_pass_marks` adds the modules
    of other packs (a placement pack probes the level packs' modules)."""
    marks = {**(module_pass_marks or {}), **source.module_pass_marks}
    return audit(
        source.pack_id,
        source.source,
        source.quizzes,
        lang=source.lang,
        forms=forms,
        module_pass_marks=marks,
        thresholds=thresholds,
    )
