"""Close matches for mistyped names, for "did you mean …?" hints (kept light: difflib only)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["did_you_mean", "fold", "suggest"]


def fold(text: str) -> str:
    """A name as it is compared: lower case, single spaces, straight apostrophes.

    >>> fold("Children’s  Wellbeing Practitioner")
    "children's wellbeing practitioner"
    """
    return " ".join(text.replace("’", "'").lower().split())


def suggest(word: str, choices: Iterable[object], n: int = 3) -> tuple[str, ...]:
    """Close matches for a mistyped word, case-insensitively, best first.

    >>> suggest("progresion", ["progressions", "programme", "sources"])
    ('progressions', 'programme')
    """
    pool = {str(c).lower(): str(c) for c in choices}
    import difflib  # only on this path: keeps start-up light

    found = difflib.get_close_matches(word.lower(), list(pool), n=n, cutoff=0.6)
    return tuple(pool[f] for f in found)


def did_you_mean(word: str, choices: Iterable[object]) -> str:
    """A "did you mean …?" hint, or an empty string when nothing is close."""
    close = suggest(word, choices)
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""
