"""Roles closest to a role, ranked by an explainable, asymmetric score.

For a move from role *i* to role *j*, the score is the share of *j*'s essential
competencies that *i* already has (essential or optional): the measure used by Nesta's
Mapping Career Causeways (see shared/reference/anchors.md), with exact matching on
competency ids instead of sentence embeddings. A competency *i* holds below the level *j*
needs counts for the share of that level it holds (practitioner of advanced: 3 of 4), so
a role needing the same skills at a higher level is never a 100% match. An inverted index (competency → roles
needing it) means only roles that share something are ever touched.
"""

from __future__ import annotations

import msgspec

from careerpath.analysis.role_needs import held, needed
from careerpath.frameworks import band_rank
from careerpath.model import Catalogue, Role

__all__ = ["Neighbour", "similar_roles"]


class Neighbour(msgspec.Struct, frozen=True):
    """A candidate move: how much of the destination's essentials the person already has."""

    role: Role
    score: float
    #: Essential competencies of the other role held at the level it needs.
    shared: int
    missing: int
    band_change: str
    direction: str
    #: Essential competencies held, but below the level the other role needs.
    below: int = 0


def _direction(source: Role, target: Role) -> tuple[str, str]:
    a, b = source.bands.qualified_low(), target.bands.qualified_low()
    if a and b:
        change = band_rank(b) - band_rank(a)
        return f"{a} → {b}", "up" if change > 0 else ("down" if change < 0 else "sideways")
    la, lb = source.career_framework_level, target.career_framework_level
    if la and lb:
        return "–", "up" if lb > la else ("down" if lb < la else "sideways")
    return "–", "unknown"


def similar_roles(catalogue: Catalogue, role: Role, top: int = 10) -> tuple[Neighbour, ...]:
    """The ``top`` roles whose essential competencies ``role`` covers best.

    Ties are broken by more shared competencies, then by id, so the order is deterministic.

    >>> from careerpath.model import Catalogue, Role, CompetencyNeed as N
    >>> a = Role("A", "A", "f", competencies=(N("x"), N("y")))
    >>> b = Role("B", "B", "f", competencies=(N("x"), N("z")))
    >>> [(n.role.id, n.score, n.missing) for n in similar_roles(Catalogue(roles=(a, b)), a)]
    [('B', 0.5, 1)]
    """
    # One pass over every role's needs, counting; Neighbours are built for the top few only.
    # (An inverted index rebuilt per call cost more than it saved: 124,000 list appends.)
    has = {n.id: n.rank for n in held(role)}
    scored: list[tuple[float, int, str, int, int, int]] = []
    for index, other in enumerate(catalogue.roles):
        if other.id == role.id:
            continue
        size = shared = below = 0
        credit = 0.0
        for need in needed(other):
            size += 1
            rank = has.get(need.id)
            if rank is None:
                continue
            if rank >= need.rank:
                shared += 1
                credit += 1
            else:
                below += 1
                credit += rank / need.rank
        if shared or below:
            scored.append((-round(credit / size, 4), -shared, other.id, index, size, below))
    scored.sort()
    ranked = []
    for negative_score, negative_shared, _, index, size, below in scored[:top]:
        other = catalogue.roles[index]
        change, direction = _direction(role, other)
        ranked.append(
            Neighbour(
                other,
                -negative_score,
                -negative_shared,
                size + negative_shared - below,
                change,
                direction,
                below,
            )
        )
    return tuple(ranked)
