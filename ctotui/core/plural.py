"""Counts in words: ``plural(1, "attempt")`` is "1 attempt", ``plural(2, "attempt")`` "2 attempts".

The one place the app and the CLI make a plural, so no screen says "1 attempts"
or "achievement(s)". Nouns whose plural is not noun + "s" are listed here.
"""

from __future__ import annotations

IRREGULAR = {
    "day": "days",
    "entry": "entries",
    "story": "stories",
    "has": "have",
    "is": "are",
    "was": "were",
}


def noun(n: float, word: str, many: str | None = None) -> str:
    """``word`` as it goes with the count ``n`` ("attempt" or "attempts", "1.5 hours"); ``many`` overrides the plural."""
    if n == 1:
        return word
    if many is not None:
        return many
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def plural(n: int, word: str, many: str | None = None, *, thousands: bool = False) -> str:
    """The count and the noun: "1 attempt", "2 attempts", "0 attempts" (``thousands``: "1,200 …")."""
    count = f"{n:,}" if thousands else str(n)
    return f"{count} {noun(n, word, many)}"


def year_count(n: float) -> str:
    """Years, whole or not, as every screen and the CLI say them: "1 year", "1.5 years", "0 years"."""
    shown = f"{n:g}"  # 0.9999999 shows as "1": the noun follows what is shown
    return f"{shown} {noun(float(shown), 'year')}"


def either(words: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``: a list as a sentence names its choices."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
