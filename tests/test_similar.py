"""``similar`` ranks by the share of the destination's essential competencies already held."""

from __future__ import annotations

from careerpath.analysis.similar import similar_roles
from careerpath.model import Catalogue, Role

from conftest import bundled_catalogue

CATALOGUE = bundled_catalogue()


def _brute_force(catalogue: Catalogue, role: Role, top: int) -> list[tuple[str, float, int, int]]:
    """The definition: for each other role, the share of its essentials held, one held
    below the level needed counting for the share of that level it reaches."""
    held = {n.id: n.rank for n in role.competencies}
    rows = []
    for other in catalogue.roles:
        essential = {n.id: n.rank for n in other.competencies if not n.optional}
        at_level = [c for c, rank in essential.items() if held.get(c, 0) >= rank]
        lower = [c for c, rank in essential.items() if 0 < held.get(c, 0) < rank]
        credit = len(at_level) + sum(held[c] / essential[c] for c in lower)
        if other.id != role.id and (at_level or lower):
            missing = len(essential) - len(at_level) - len(lower)
            rows.append((other.id, round(credit / len(essential), 4), len(at_level), missing))
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


def test_a_role_needing_the_same_skills_higher_is_no_full_match() -> None:
    """PWP holds HI-CBT's three competencies only at practitioner level, not advanced."""
    pwp = CATALOGUE.role("PWP")
    hi = next(n for n in similar_roles(CATALOGUE, pwp, 50) if n.role.id == "HI-CBT")
    assert hi.score < 1 and (hi.shared, hi.below, hi.missing) == (0, 3, 0)
    for role in CATALOGUE.roles:
        for n in similar_roles(CATALOGUE, role, 50):
            assert (n.score == 1) == (n.missing == 0 and n.below == 0), (role.id, n.role.id)
