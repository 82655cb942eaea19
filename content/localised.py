"""Text a learner reads, in every language of a pack."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Localised = dict[str, str]


def localise(
    value: Any, languages: list[str], where: str, warn: Callable[[str], None]
) -> Localised:
    """Expand a plain string or a language mapping to every language of the pack.

    A missing language is filled from the first language present, with a warning, so a
    learner always sees something rather than an empty screen.
    """
    if isinstance(value, str):
        return {lang: value for lang in languages}
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"{where}: expected text or a mapping of language to text")
    texts = {str(k): v for k, v in value.items()}
    for lang, text in texts.items():
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}.{lang}: expected non-empty text")
    unknown = sorted(set(texts) - set(languages))
    if unknown:
        warn(f"{where}: language(s) {', '.join(unknown)} not declared in course.yaml; ignored")
    fallback = next((texts[lang] for lang in languages if lang in texts), None)
    if fallback is None:
        raise ValueError(f"{where}: no text in any of the pack's languages {languages}")
    out = {}
    for lang in languages:
        if lang in texts:
            out[lang] = texts[lang]
        else:
            warn(f"{where}: no {lang!r} text; the {languages[0]!r} text stands in")
            out[lang] = fallback
    return out


def pick(text: Mapping[str, str] | None, lang: str) -> str:
    """The text in `lang`, or in the first language the text has."""
    if not text:
        return ""
    return text.get(lang) or next(iter(text.values()))
