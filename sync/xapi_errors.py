"""The fault every xAPI check raises, shared by the statement and actor checks."""

from __future__ import annotations

from typing import Any


class StatementError(ValueError):
    """A statement (or a part of one) that is not well formed; the message names the
    field and the fault."""


def clipped(value: Any, limit: int = 80) -> str:
    """repr(value) cut to `limit` characters, for messages that name a bad value."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
