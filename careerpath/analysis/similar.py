"""Roles closest to a role, ranked by an explainable, asymmetric score.

For a move from role *i* to role *j*, the score is the share of *j*'s essential
competencies that *i* already has (essential or optional): the measure used by Nesta's
Mapping Career Causeways (see shared/reference/anchors.md), with exact matching on
competency ids instead of sentence embeddings. A competency *i* holds below the level *j*
needs counts for half the share of that level it holds (practitioner of advanced: half of 3
of 4), because it still needs training to reach the level: a whole match always counts more
than a partial one, and a role needing the same skills at a higher level is never a 100%
match. Scores equal to the percent shown are a tie, broken by more competencies held at the
level needed, so the order explains itself. An inverted index (competency → roles needing it)
means only roles that share something are ever touched.

Only **role-specific** competencies are scored. The six KSF core dimensions are part of every
Agenda for Change post (``role_needs.generic_ids``); counted, they made a child psychotherapist
look most like an adult wellbeing practitioner (67%) because both files listed all six. They
are reported apart instead. :func:`move_score` is the one scoring rule: ``similar``, the
similarity matrix and ``overlap`` all call it (or, for the matrix, compute it in bulk and are
tested against it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import msgspec

from careerpath.analysis.role_needs import generic_ids, held_levels, specific
from careerpath.frameworks import band_rank
from careerpath.model import Catalogue, CompetencyNeed, Role

__all__ = [
    "CREDIT_UNIT",
    "PARTIAL_WEIGHT",
    "SCORE_RULE",
    "MoveScore",
    "Neighbour",
    "credit",
    "move_score",
    "similar_roles",
]

#: What a competency held below the level needed counts for, times the share of the level it
#: reaches: half, so a whole match always outweighs a partial one.
PARTIAL_WEIGHT = 0.5

#: The ranking rule in words, for every output that shows a score.
SCORE_RULE = (
    "the share of the other role's role-specific essential competencies this role already has;"
    " one held at a lower level counts half the share of the level it reaches (it still needs"
    " training); competencies every NHS post shares by rule (marked generic in the data: the six"
    " KSF core dimensions) are left out and listed apart; equal scores rank the role with more"
    " held at the level needed first"
)

#: Credit is counted in 120ths of a competency: half of any share a/b of levels 1-5 is then a
#: whole number, so ``similar``, the matrix and ``overlap`` agree to the last digit.
CREDIT_UNIT = 120


def credit(have: int, need: int) -> int:
    """What holding a competency at rank ``have`` earns towards one needed at ``need``.

    >>> credit(4, 3), credit(3, 4), credit(0, 3)
    (120, 45, 0)
    """
    if have >= need:
        return CREDIT_UNIT
    return int(CREDIT_UNIT * PARTIAL_WEIGHT) * have // need


class MoveScore(msgspec.Struct, frozen=True):
    """How much of a destination's role-specific essentials someone already holds."""

    score: float
    #: Needs held at the level needed, below it, and the number of needs scored.
    shared: int
    below: int
    size: int


def move_score(have: Mapping[str, int], needs: Iterable[CompetencyNeed]) -> MoveScore:
    """The one similarity rule: credit for ``needs`` held (id → rank in ``have``) over their number.

    >>> from careerpath.model import CompetencyNeed as N
    >>> move_score({"x": 3, "y": 3}, (N("x"), N("y", "advanced"), N("z")))
    MoveScore(score=0.4583, shared=1, below=1, size=3)
    """
    size = shared = below = total = 0
    for need in needs:
        size += 1
        rank = have.get(need.id)
        if rank is None:
            continue
        if rank >= need.rank:
            shared += 1
        else:
            below += 1
        total += credit(rank, need.rank)
    score = round(total / (CREDIT_UNIT * size), 4) if size else 0.0
    return MoveScore(score, shared, below, size)


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

    Scores equal to the whole percent are ties, broken by more competencies held at the
    level needed, then by id, so the order is deterministic and explains itself.

    >>> from careerpath.model import Catalogue, Role, CompetencyNeed as N
    >>> a = Role("A", "A", "f", competencies=(N("x"), N("y")))
    >>> b = Role("B", "B", "f", competencies=(N("x"), N("z")))
    >>> c = Role("C", "C", "f", competencies=(N("w"),))
    >>> [(n.role.id, n.score, n.missing) for n in similar_roles(Catalogue(roles=(a, b, c)), a)]
    [('B', 0.5, 1)]
    """
    # One pass over every role's needs, counting; Neighbours are built for the top few only.
    # (An inverted index rebuilt per call cost more than it saved: 124,000 list appends.)
    generic = generic_ids(catalogue)
    has = held_levels(role)
    scored: list[tuple[float, int, str, int, int, int, float]] = []
    for index, other in enumerate(catalogue.roles):
        if other.id == role.id:
            continue
        found = move_score(has, specific(other, generic))
        if found.shared or found.below:
            scored.append(
                (
                    -round(found.score, 2),
                    -found.shared,
                    other.id,
                    index,
                    found.size,
                    found.below,
                    found.score,
                )
            )
    scored.sort()
    ranked = []
    for _, negative_shared, _, index, size, below, score in scored[:top]:
        other = catalogue.roles[index]
        change, direction = _direction(role, other)
        ranked.append(
            Neighbour(
                other,
                score,
                -negative_shared,
                size + negative_shared - below,
                change,
                direction,
                below,
            )
        )
    return tuple(ranked)
