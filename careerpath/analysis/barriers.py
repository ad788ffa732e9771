"""Barriers across the catalogue, ranked by how much of the map they block."""

from __future__ import annotations

import msgspec

from careerpath.model import Barrier, Catalogue

__all__ = ["RankedBarrier", "rank_barriers"]


class RankedBarrier(msgspec.Struct, frozen=True):
    """A barrier with the roles and routes it affects.

    Routes affected are the ways into, and progressions out of, the roles it names.
    """

    barrier: Barrier
    roles: tuple[str, ...]
    routes: int

    @property
    def score(self) -> int:
        """Roles plus routes affected: the "biggest issues" come first."""
        return len(self.roles) + self.routes


def rank_barriers(
    catalogue: Catalogue, role: str | None = None, category: str | None = None
) -> tuple[RankedBarrier, ...]:
    """Barriers (optionally for one role or category), biggest first, ties by id.

    >>> from careerpath.model import Catalogue, Role, Barrier
    >>> b = Barrier("b1", "entry", "Hard", roles=("A",), sources=("s",))
    >>> [r.barrier.id for r in rank_barriers(Catalogue(roles=(Role("A", "A", "f"),), barriers=(b,)))]
    ['b1']
    """
    routes_of: dict[str, int] = {
        r.id: len(r.entry_routes) + len(r.progressions) for r in catalogue.roles
    }
    for other in catalogue.roles:
        for step in other.progressions:
            routes_of[step.to] = routes_of.get(step.to, 0) + 1
    ranked = []
    for barrier in catalogue.all_barriers():
        if role and role not in barrier.roles:
            continue
        if category and barrier.category != category:
            continue
        ranked.append(
            RankedBarrier(barrier, barrier.roles, sum(routes_of.get(r, 0) for r in barrier.roles))
        )
    return tuple(sorted(ranked, key=lambda r: (-r.score, r.barrier.id)))
