"""The placement rule: which modules a finished placement test lets a learner skip.

Every placement item probes one module, named by its `(area, level)`. A module is
skipped when the mean score of the items that probed it reaches the pass mark of
that module (its quiz's pass mark); a module no item probed is not skipped.

One rule for everyone who needs it: the learning engine (desktop/store/engine.py)
applies it to a learner's answers, `content.audit` to a blind learner's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Scores are sums of floats; a mean a hair under the pass mark by rounding still reaches it.
EPSILON = 1e-9

Target = tuple[int, int]  # (area, level) of the module an item probes


def probe_means(probes: Mapping[Target, Iterable[float]]) -> dict[Target, float]:
    """The mean score per probed module, from the item scores of each."""
    means = {}
    for target, scores in probes.items():
        values = list(scores)
        if values:
            means[target] = sum(values) / len(values)
    return means


def skips(mean: float | None, pass_mark: float) -> bool:
    """Whether a module whose probing items scored `mean` (None: not probed) is skipped."""
    return mean is not None and mean >= pass_mark - EPSILON
