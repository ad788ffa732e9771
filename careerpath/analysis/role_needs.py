"""Which competencies a role needs, and which someone working in it holds: one answer each.

Overlap, gap, similarity, the matrices and curriculum design all compare roles by their
competencies. They must agree on what counts, or two commands give two figures for the same
pair of roles (the similarity matrix once counted ESCO's optional skills where ``overlap`` did
not: 0.3333 against 0.5). So the rules live here, and nowhere else:

- a role **needs** its essential competencies; optional ones (ESCO's "optional" relations)
  count only when the user asks for them;
- someone working in a role **holds** all of its competencies, optional ones too;
- a competency every post shares by rule (marked ``generic`` in the data, as the six KSF
  core dimensions are) says nothing about how alike two roles are, so similarity compares
  **role-specific** needs only and reports the generic ones apart.
- someone in an NHS post (a role with Agenda for Change bands) also holds every **core
  dimension of the NHS Knowledge and Skills Framework** (the competencies marked ``generic``), at a
  level the role's data may not record: every KSF post outline has all six core dimensions
  (Department of Health, NHS KSF handbook, October 2004). A core dimension a role's data
  leaves out is unrecorded, not absent.
"""

from __future__ import annotations

from careerpath.model import Catalogue, CompetencyNeed, Role

__all__ = [
    "generic_ids",
    "held",
    "held_levels",
    "held_unrecorded",
    "needed",
    "needed_ids",
    "needed_levels",
    "specific",
]


def needed(role: Role, include_optional: bool = False) -> tuple[CompetencyNeed, ...]:
    """The competencies ``role`` requires: essential ones, optional ones only when asked.

    >>> from careerpath.model import Role, CompetencyNeed as N
    >>> role = Role("A", "A", "f", competencies=(N("x"), N("y", optional=True)))
    >>> [n.id for n in needed(role)], [n.id for n in needed(role, include_optional=True)]
    (['x'], ['x', 'y'])
    """
    if include_optional:
        return role.competencies
    return tuple(n for n in role.competencies if not n.optional)


def needed_ids(role: Role, include_optional: bool = False) -> frozenset[str]:
    """The ids of :func:`needed` competencies, for set arithmetic."""
    return frozenset(n.id for n in needed(role, include_optional))


def needed_levels(role: Role, include_optional: bool = False) -> dict[str, int]:
    """Competency id → level rank (1 awareness … 5 expert) of :func:`needed` competencies."""
    return {n.id: n.rank for n in needed(role, include_optional)}


def held(role: Role) -> tuple[CompetencyNeed, ...]:
    """What someone working in ``role`` already has: every competency of the role.

    Optional competencies count as held, as gap and similar have always counted them. This
    assumes a holder of the role has its optional competencies too, which the data does not
    record person by person.
    """
    return needed(role, include_optional=True)


def generic_ids(catalogue: Catalogue) -> frozenset[str]:
    """Competencies every post shares by rule: those marked ``generic`` in the data.

    The six KSF core dimensions are marked, because the KSF puts all six in every Agenda for
    Change post outline. The rule is read from the data, not inferred from which roles happen
    to be loaded: "needed by every role" would make everything two roles share generic in a
    two-role folder, and would change with the roles a store slice holds.

    >>> from careerpath.model import Catalogue, Competency
    >>> sorted(generic_ids(Catalogue(competencies=(Competency("x", "X", "d", generic=True),))))
    ['x']
    """
    return frozenset(c.id for c in catalogue.competencies if c.generic)


def specific(
    role: Role, generic: frozenset[str], include_optional: bool = False
) -> tuple[CompetencyNeed, ...]:
    """What ``role`` needs (as :func:`needed`) apart from the ``generic`` competencies.

    One need per competency, at the highest level asked for, so a competency listed twice is
    scored once.
    """
    best: dict[str, CompetencyNeed] = {}
    for n in needed(role, include_optional):
        if n.id not in generic and (n.id not in best or n.rank > best[n.id].rank):
            best[n.id] = n
    return tuple(best.values())


def held_levels(role: Role) -> dict[str, int]:
    """Competency id → the highest rank someone in ``role`` holds it at (:func:`held`)."""
    found: dict[str, int] = {}
    for n in held(role):
        found[n.id] = max(found.get(n.id, 0), n.rank)
    return found


def held_unrecorded(catalogue: Catalogue, role: Role) -> frozenset[str]:
    """KSF core dimensions someone in ``role`` holds at a level its data does not record.

    Only for an NHS post (a role with an Agenda for Change band): every KSF post outline
    has all six core dimensions (the competencies marked ``generic``), so a registered
    mental health nurse whose data lists Communication but not Quality holds Quality too,
    at some level. Whether that level is enough for another role is unknown, which is
    neither "held" nor "missing".
    """
    if role.bands.qualified_low() is None:
        return frozenset()
    recorded = {n.id for n in held(role)}
    return generic_ids(catalogue) - recorded
