"""A framework's skills matrix: for each competency, the tier each staff group needs it at."""

from __future__ import annotations

import msgspec

from careerpath.provision import Framework

__all__ = ["MatrixRow", "SkillsMatrix", "skills_matrix"]


class MatrixRow(msgspec.Struct, frozen=True):
    """One competency and the tier each staff group needs it at.

    ``cells`` follow ``SkillsMatrix.groups``; "" means the group does not need it.
    """

    domain: str
    competency: str
    name: str
    unverified: bool
    cells: tuple[str, ...]


class SkillsMatrix(msgspec.Struct, frozen=True):
    """Competencies (rows, by domain) × staff groups (columns, lightest tier first)."""

    framework: str
    groups: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    #: Staff groups whose placement, and tiers whose title, is a working label (†).
    unverified_groups: tuple[str, ...] = ()
    unverified_tiers: tuple[str, ...] = ()


def skills_matrix(framework: Framework, groups: tuple[str, ...] = ()) -> SkillsMatrix:
    """The matrix for all staff groups, or only those named (ids), ordered by tier then id."""
    chosen = [g for g in framework.staff_groups if not groups or g.id in groups]
    chosen.sort(key=lambda g: (framework.rank(g.tier), g.id))
    needs = {g.id: {c.id for c, _ in framework.needs_of(g.id)} for g in chosen}
    rows = tuple(
        MatrixRow(
            c.domain,
            c.id,
            c.name,
            c.unverified,
            tuple(g.tier if c.id in needs[g.id] else "" for g in chosen),
        )
        for c in framework.competencies
    )
    return SkillsMatrix(
        framework.id,
        tuple(g.id for g in chosen),
        rows,
        tuple(g.id for g in chosen if g.unverified),
        tuple(t.id for t in framework.tiers if t.unverified),
    )
