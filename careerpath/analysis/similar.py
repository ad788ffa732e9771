"""Roles closest to a role, ranked by an explainable, asymmetric score.

For a move from role *i* to role *j*, the score is the share of *j*'s essential
competencies that *i* already has (essential or optional): the measure used by Nesta's
Mapping Career Causeways (see shared/reference/anchors.md), with exact matching on
competency ids instead of sentence embeddings. An inverted index (competency → roles
needing it) means only roles that share something are ever touched.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from careerpath.frameworks import band_rank
from careerpath.model import Catalogue, Role

__all__ = ["Neighbour", "similar_roles"]


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A candidate move: how much of the destination's essentials the person already has."""

    role: Role
    score: float
    shared: int
    missing: int
    band_change: str
    direction: str


def _essential(role: Role) -> set[str]:
    return {n.id for n in role.competencies if not n.optional}


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
    needed_by: dict[str, list[int]] = defaultdict(list)
    sizes: list[int] = []
    for index, other in enumerate(catalogue.roles):
        essentials = _essential(other)
        sizes.append(len(essentials))
        for competency_id in essentials:
            needed_by[competency_id].append(index)
    held = {n.id for n in role.competencies}
    shared: dict[int, int] = defaultdict(int)
    for competency_id in held:
        for index in needed_by.get(competency_id, ()):
            shared[index] += 1
    ranked = []
    for index, count in shared.items():
        other = catalogue.roles[index]
        if other.id == role.id:
            continue
        change, direction = _direction(role, other)
        ranked.append(
            Neighbour(
                other,
                round(count / sizes[index], 4),
                count,
                sizes[index] - count,
                change,
                direction,
            )
        )
    ranked.sort(key=lambda n: (-n.score, -n.shared, n.role.id))
    return tuple(ranked[:top])
