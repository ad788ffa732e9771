"""``similar`` ranks by the share of the destination's essential competencies already held."""

from __future__ import annotations

from careerpath.analysis.similar import similar_roles
from careerpath.model import Catalogue, Role

from conftest import bundled_catalogue

CATALOGUE = bundled_catalogue()


def _brute_force(catalogue: Catalogue, role: Role, top: int) -> list[tuple[str, float, int, int]]:
    """The definition, with sets: for each other role, |held ∩ essential| / |essential|."""
    held = {n.id for n in role.competencies}
    rows = []
    for other in catalogue.roles:
        essential = {n.id for n in other.competencies if not n.optional}
        shared = len(held & essential)
        if other.id != role.id and shared:
            rows.append(
                (other.id, round(shared / len(essential), 4), shared, len(essential) - shared)
            )
    rows.sort(key=lambda r: (-r[1], -r[2], r[0]))
    return rows[:top]


def test_ranking_matches_the_definition_for_every_bundled_role() -> None:
    for role in CATALOGUE.roles:
        got = [(n.role.id, n.score, n.shared, n.missing) for n in similar_roles(CATALOGUE, role, 8)]
        assert got == _brute_force(CATALOGUE, role, 8), role.id


def test_moves_are_asymmetric() -> None:
    cwp, emhp = CATALOGUE.role("CWP"), CATALOGUE.role("EMHP")
    there = next(n for n in similar_roles(CATALOGUE, cwp, 50) if n.role.id == "EMHP")
    back = next(n for n in similar_roles(CATALOGUE, emhp, 50) if n.role.id == "CWP")
    assert 0 < there.score < 1 and 0 < back.score < 1
    assert there.shared == back.shared
