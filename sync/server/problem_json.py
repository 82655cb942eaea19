"""Refusals (`sync.problems`) as HTTP answers: RFC 9457 problem+json."""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response

from sync.problems import Refusal

PROBLEM_JSON = "application/problem+json"


def problem_response(refusal: Refusal, **members: Any) -> Response:
    """The answer to a refusal, with `members` beside the standard ones."""
    return Response(
        refusal.body(**members), refusal.status, refusal.headers, media_type=PROBLEM_JSON
    )
