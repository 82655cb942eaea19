"""A strength hint for a new passphrase, shown while the learner types it.

Only the length rule is enforced (`MINIMUM_LENGTH`); the rest is advice. The
estimate is deliberately simple and pessimistic: it counts characters and
character classes, and treats repeats, runs and well-known passwords as weak.
The UI translates by `Strength` and `Advice`, not by the English text.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from itertools import pairwise

MINIMUM_LENGTH = 8

_COMMON = frozenset(
    {
        "123456",
        "12345678",
        "123456789",
        "1234567890",
        "password",
        "password1",
        "matkhau",
        "matkhau123",
        "qwerty",
        "qwertyuiop",
        "abc123",
        "111111",
        "iloveyou",
        "admin",
        "admin123",
        "vietnam",
        "hanoi",
        "letmein",
        "welcome",
        "abcd1234",
    }
)


class Strength(IntEnum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    GOOD = 3
    STRONG = 4


class Advice(StrEnum):
    LONGER = "Use at least 8 characters; longer is better."
    COMMON = "This is one of the most common passwords; choose something of your own."
    REPEATS = "Avoid repeated characters and keyboard runs such as 'aaaa' or '1234'."
    MORE_WORDS = "Add another word or two; a short sentence is easy to remember."
    FINE = "A good passphrase. Write it down somewhere safe, away from the computer."


@dataclass(frozen=True)
class PassphraseHint:
    strength: Strength
    advice: Advice
    bits: float

    @property
    def acceptable(self) -> bool:
        return self.strength > Strength.TOO_SHORT


def passphrase_hint(passphrase: str) -> PassphraseHint:
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MINIMUM_LENGTH:
        return PassphraseHint(Strength.TOO_SHORT, Advice.LONGER, 0.0)
    folded = "".join(
        ch for ch in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(ch)
    )
    if folded.replace(" ", "") in _COMMON:
        return PassphraseHint(Strength.WEAK, Advice.COMMON, 10.0)
    pool = 0
    if any(ch.islower() for ch in text):
        pool += 26
    if any(ch.isupper() for ch in text):
        pool += 26
    if any(ch.isdigit() for ch in text):
        pool += 10
    if any(not ch.isalnum() for ch in text):
        pool += 33
    if any(ord(ch) > 127 for ch in text):
        pool += 60
    effective = _effective_length(text)
    bits = effective * math.log2(max(pool, 10))
    if effective < len(text) * 0.6:
        return PassphraseHint(min(_grade(bits), Strength.FAIR), Advice.REPEATS, bits)
    strength = _grade(bits)
    advice = Advice.FINE if strength >= Strength.GOOD else Advice.MORE_WORDS
    return PassphraseHint(strength, advice, bits)


def _effective_length(text: str) -> int:
    """Length after discounting repeats of the previous character and steps of one code
    point (runs like 'abcd' or '4321')."""
    count = 1
    for before, ch in pairwise(text):
        if ch == before or abs(ord(ch) - ord(before)) == 1:
            continue
        count += 1
    return count


def _grade(bits: float) -> Strength:
    if bits < 40:
        return Strength.WEAK
    if bits < 60:
        return Strength.FAIR
    if bits < 80:
        return Strength.GOOD
    return Strength.STRONG
