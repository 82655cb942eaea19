"""Answers as xAPI interaction responses, the form statements carry them in."""

from __future__ import annotations

import pytest

from desktop.store.responses import response_for


@pytest.mark.parametrize(
    ("item_type", "answer", "expected"),
    [
        ("single", "b", "b"),
        ("multiple", {"c", "a"}, "a[,]c"),
        ("true_false", False, "false"),
        ("ordering", ["s3", "s1", "s2"], "s3[,]s1[,]s2"),
        ("matching", {"l1": "r2", "l2": "r1"}, "l1[.]r2[,]l2[.]r1"),
        ("short_answer", "Cổng dịch vụ công", "Cổng dịch vụ công"),
        ("numeric", 42.5, "42.5"),
        ("numeric", 7, "7"),
    ],
)
def test_each_item_type_has_its_interaction_response(item_type, answer, expected):
    assert response_for(item_type, answer) == expected


def test_an_unknown_item_type_is_refused():
    with pytest.raises(ValueError, match="unknown item type"):
        response_for("essay", "text")
