"""Barriers across the catalogue, near-duplicates merged, ranked by how much of the map they block.

Role files and shared files often record the same barrier twice in different words (the
two-year funding rule appears in four files). A list that shows it four times buries the
other barriers, so barriers of one category whose wording mostly coincides are merged into
one entry that keeps every variant's text and sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import msgspec

from careerpath.model import Barrier, Catalogue

__all__ = ["RANKING_RULE", "RankedBarrier", "rank_barriers", "same_barrier"]

#: How ``rank_barriers`` orders its result, in words a reader can check (shown by every view).
RANKING_RULE = (
    "Ranked by reach: the roles a barrier names, plus the ways into and progressions out of "
    "and into those roles. Near-duplicate barriers (same category, mostly the same words) are "
    "merged into one."
)

_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "to",
        "in",
        "for",
        "on",
        "by",
        "is",
        "are",
        "be",
        "as",
        "at",
        "with",
        "from",
        "that",
        "this",
        "it",
        "its",
        "not",
        "no",
        "can",
        "may",
        "their",
        "they",
        "have",
        "has",
        "was",
        "were",
        "which",
        "who",
    ]
)
#: Two texts are one barrier when this share of the shorter text's words recur in the other.
_SHARED_WORDS = 0.5
#: ...and the shorter text has at least this many words (short texts overlap by chance).
_MIN_WORDS = 8


class RankedBarrier(msgspec.Struct, frozen=True):
    """A barrier (with any near-duplicates merged into it) and the roles and routes it affects.

    ``barrier`` is the variant that names the most roles; ``merged`` holds the others.
    Routes affected are the ways into, and progressions out of and into, the roles named.
    """

    barrier: Barrier
    roles: tuple[str, ...]
    routes: int
    merged: tuple[Barrier, ...] = ()

    @property
    def score(self) -> int:
        """Roles plus routes affected: the "biggest issues" come first."""
        return len(self.roles) + self.routes

    @property
    def variants(self) -> tuple[Barrier, ...]:
        """Every barrier record this entry stands for, the lead first."""
        return (self.barrier, *self.merged)

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of every variant, each once, in order of first citation."""
        return tuple(dict.fromkeys(s for b in self.variants for s in b.sources))

    @property
    def unverified(self) -> bool:
        """True when any variant is marked unverified."""
        return any(b.unverified for b in self.variants)


def _words(text: str) -> frozenset[str]:
    return frozenset(
        w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _STOP
    )


def _alike(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    shorter = min(len(words_a), len(words_b))
    return shorter >= _MIN_WORDS and len(words_a & words_b) >= _SHARED_WORDS * shorter


def same_barrier(a: Barrier, b: Barrier) -> bool:
    """Whether two barrier records describe the same barrier in different words.

    >>> rule = "The two-year funding rule delays a second NHS-funded psychological training for staff."
    >>> same_barrier(Barrier("a", "financial", rule), Barrier("b", "financial", rule + " Really."))
    True
    >>> same_barrier(Barrier("a", "financial", rule), Barrier("b", "entry", rule))
    False
    """
    return a.category == b.category and _alike(_words(a.text), _words(b.text))


def _groups(barriers: Sequence[Barrier]) -> list[list[Barrier]]:
    """Connected groups under ``same_barrier`` (union-find), in first-seen order."""
    parent = list(range(len(barriers)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [_words(b.text) for b in barriers]
    by_category: dict[str, list[int]] = {}
    for i, barrier in enumerate(barriers):
        by_category.setdefault(barrier.category, []).append(i)
    for members in by_category.values():
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                if _alike(words[i], words[j]):
                    parent[root(j)] = root(i)
    grouped: dict[int, list[Barrier]] = {}
    for i, barrier in enumerate(barriers):
        grouped.setdefault(root(i), []).append(barrier)
    return list(grouped.values())


def _routes_of(catalogue: Catalogue) -> dict[str, int]:
    routes: dict[str, int] = {
        r.id: len(r.entry_routes) + len(r.progressions) for r in catalogue.roles
    }
    for other in catalogue.roles:
        for step in other.progressions:
            routes[step.to] = routes.get(step.to, 0) + 1
    return routes


def _ranked(group: Iterable[Barrier], routes_of: dict[str, int]) -> RankedBarrier:
    variants = sorted(group, key=lambda b: (-len(b.roles), b.id))
    roles = tuple(sorted({r for b in variants for r in b.roles}))
    return RankedBarrier(
        variants[0], roles, sum(routes_of.get(r, 0) for r in roles), tuple(variants[1:])
    )


def rank_barriers(
    catalogue: Catalogue,
    role: str | None = None,
    category: str | None = None,
    roles: Iterable[str] | None = None,
) -> tuple[RankedBarrier, ...]:
    """Barriers (optionally for one role, a set of roles or one category), biggest first.

    Near-duplicates are merged over the whole catalogue before filtering, so an entry reads
    the same whichever filter found it. Ties go by the lead barrier's id.

    >>> from careerpath.model import Catalogue, Role, Barrier
    >>> b = Barrier("b1", "entry", "Hard", roles=("A",), sources=("s",))
    >>> [r.barrier.id for r in rank_barriers(Catalogue(roles=(Role("A", "A", "f"),), barriers=(b,)))]
    ['b1']
    """
    routes_of = _routes_of(catalogue)
    wanted = set(roles) if roles is not None else None
    ranked = []
    for group in _groups(tuple(catalogue.all_barriers())):
        entry = _ranked(group, routes_of)
        if role and role not in entry.roles:
            continue
        if wanted is not None and not wanted & set(entry.roles):
            continue
        if category and entry.barrier.category != category:
            continue
        ranked.append(entry)
    return tuple(sorted(ranked, key=lambda r: (-r.score, r.barrier.id)))
