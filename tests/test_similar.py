"""``similar`` ranks by the share of the destination's essential competencies already held."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from careerpath.analysis.similar import similar_roles
from careerpath.model import Catalogue, Competency, CompetencyNeed, Role

from conftest import bundled_catalogue, move_by_definition

CATALOGUE = bundled_catalogue()


def _brute_force(catalogue: Catalogue, role: Role, top: int) -> list[tuple[str, float, int, int]]:
    """The definition (``move_by_definition``) for each other role that shares something
    role-specific; scores equal to the percent are ties, broken by more held at the level
    needed."""
    rows = []
    for other in catalogue.roles:
        score, at_level, below, size = move_by_definition(catalogue, role, other)
        if other.id != role.id and (at_level or below):
            rows.append((other.id, score, at_level, size - at_level - below))
    rows.sort(key=lambda r: (-round(r[1], 2), -r[2], r[0]))
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
    """A senior PWP needs five of PWP's six competencies at advanced, and supervision.

    (This once used PWP → HI-CBT, whose file listed PWP's own competencies at advanced; HI-CBT
    now lists what high-intensity training teaches, which a PWP does not have.)
    """
    pwp = CATALOGUE.role("PWP")
    senior = next(n for n in similar_roles(CATALOGUE, pwp, 50) if n.role.id == "senior-PWP")
    assert senior.score < 1 and (senior.shared, senior.below, senior.missing) == (1, 5, 1)
    for role in CATALOGUE.roles:
        for n in similar_roles(CATALOGUE, role, 50):
            assert (n.score == 1) == (n.missing == 0 and n.below == 0), (role.id, n.role.id)


def test_a_pwp_lacks_what_high_intensity_training_teaches() -> None:
    """Was 38% (0 held, 3 at a lower level, 0 missing): HI-CBT listed only PWP's competencies."""
    pwp = CATALOGUE.role("PWP")
    hi = next(n for n in similar_roles(CATALOGUE, pwp, 50) if n.role.id == "HI-CBT")
    assert (hi.shared, hi.below, hi.missing) == (0, 1, 5)
    assert hi.score == round(
        0.5 * 3 / 4 / 6, 4
    )  # common-factors engagement, practitioner of advanced


def test_the_ksf_core_dimensions_no_longer_decide_who_is_alike() -> None:
    """The audit's examples. Before: MHWP ranked first for a child psychotherapist at 67% (its
    6 shared competencies all KSF core dimensions); a dietitian (40%) above MHWP (33%) for a
    mental health nurse, on two KSF dimensions."""
    child = [n.role.id for n in similar_roles(CATALOGUE, CATALOGUE.role("child-psychotherapist"))]
    assert "MHWP" not in child
    nurse = {n.role.id: n for n in similar_roles(CATALOGUE, CATALOGUE.role("mental-health-nurse"))}
    assert "dietitian" not in nurse
    generic = {c.id for c in CATALOGUE.competencies if c.generic}
    assert len(generic) == 6 and all(c.startswith("ksf-") for c in generic)


LEVELS = ("awareness", "foundation", "practitioner", "advanced", "expert")
role_needs = st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from(LEVELS), min_size=1)


@given(role_needs, st.lists(role_needs, min_size=1, max_size=8))
def test_whole_matches_outrank_partial_ones_and_ties_go_to_whole_matches(mine, others) -> None:
    """The order explains itself: a partial match counts at most half the share of the level
    it reaches (at most 0.4 of a whole one), so of two roles the same size, one whose extra
    whole matches outnumber what the other's partial matches can add never ranks lower; two
    roles shown at the same percent are in whole-match order. CAP once listed counselling
    psychologist (6 whole, 5 partial: 81%) above family therapist (8 whole: 80%)."""
    role = Role(
        "me", "me", "f", competencies=tuple(CompetencyNeed(c, lv) for c, lv in mine.items())
    )
    roles = [role] + [
        Role(
            f"r{i}", f"r{i}", "f", competencies=tuple(CompetencyNeed(c, lv) for c, lv in n.items())
        )
        for i, n in enumerate(others)
    ]
    ranked = similar_roles(Catalogue(roles=tuple(roles)), role, top=50)
    for n in ranked:
        size = n.shared + n.below + n.missing
        assert n.shared / size - 1e-4 <= n.score <= (n.shared + 0.5 * n.below) / size + 1e-4
    for a, b in itertools.pairwise(ranked):
        if round(a.score, 2) == round(b.score, 2):
            assert a.shared >= b.shared, (a, b)
    for i, a in enumerate(ranked):
        for b in ranked[i + 1 :]:
            same_size = a.shared + a.below + a.missing == b.shared + b.below + b.missing
            if same_size and b.shared - a.shared > 0.4 * a.below:
                raise AssertionError((a, b))


def test_cap_sees_the_whole_match_first() -> None:
    ranked = [n.role.id for n in similar_roles(CATALOGUE, CATALOGUE.role("CAP"), 10)]
    assert ranked.index("family-therapist") < ranked.index("counselling-psychologist")


def _roles(drawn: list[dict[str, str]]) -> list[Role]:
    return [
        Role(
            f"r{i}", f"r{i}", "f", competencies=tuple(CompetencyNeed(c, lv) for c, lv in n.items())
        )
        for i, n in enumerate(drawn)
    ]


EVERYONE = Competency("everyone", "Shared by every post", "generic", generic=True)


@settings(deadline=None)  # the first example pays for importing scipy
@given(
    st.lists(role_needs, min_size=1, max_size=6),
    st.sampled_from(("", *LEVELS)),
    st.lists(st.booleans(), max_size=6),
)
def test_a_competency_every_role_holds_never_changes_the_ranking(drawn, level, optional) -> None:
    """Add a competency every post has by rule (as the six KSF core dimensions are) to every
    role, at one level or a different level each, essential or optional: no score, count or
    order changes, in ``similar`` or in the matrix. Before the rule, adding the KSF
    dimensions to one role of two moved it (child psychotherapist: MHWP first at 67%)."""
    from careerpath.analysis.matrix import similarity_matrix

    plain = _roles(drawn)
    added = [
        replace(
            role,
            competencies=(
                *role.competencies,
                CompetencyNeed(
                    "everyone",
                    level or LEVELS[i % 5],
                    optional[i] if i < len(optional) else False,
                ),
            ),
        )
        for i, role in enumerate(plain)
    ]
    first = Catalogue(roles=tuple(plain), competencies=(EVERYONE,))
    second = Catalogue(roles=tuple(added), competencies=(EVERYONE,))

    def shown(catalogue: Catalogue, role: Role) -> list[tuple[str, float, int, int, int]]:
        return [
            (n.role.id, n.score, n.shared, n.below, n.missing)
            for n in similar_roles(catalogue, role, 50)
        ]

    for a, b in zip(plain, added, strict=True):
        assert shown(first, a) == shown(second, b)
    assert list(similarity_matrix(first, plain).rows()) == list(
        similarity_matrix(second, added).rows()
    )


@settings(deadline=None)
@given(st.lists(role_needs, min_size=1, max_size=7), st.booleans())
def test_similar_and_the_matrix_give_the_same_score(drawn, empty) -> None:
    """Every score ``similar`` shows is the matrix cell for that move, and every non-zero
    off-diagonal cell is a role ``similar`` lists."""
    from careerpath.analysis.matrix import similarity_matrix

    roles = _roles(drawn) + ([Role("none", "none", "f")] if empty else [])
    catalogue = Catalogue(roles=tuple(roles))
    matrix = list(similarity_matrix(catalogue, roles).rows())
    index = {r.id: i for i, r in enumerate(roles)}
    for i, role in enumerate(roles):
        listed = {n.role.id: n.score for n in similar_roles(catalogue, role, len(roles))}
        for j, other in enumerate(roles):
            if i == j:
                continue
            assert matrix[i][j] == listed.get(other.id, 0.0), (role.id, other.id)
            assert matrix[i][j] == move_by_definition(catalogue, role, other)[0]
        assert all(index[r] != i for r in listed)


def test_similar_and_the_matrix_agree_on_every_bundled_pair() -> None:
    from careerpath.analysis.matrix import similarity_matrix

    roles = list(CATALOGUE.roles)
    matrix = list(similarity_matrix(CATALOGUE, roles).rows())
    for i, role in enumerate(roles):
        listed = {n.role.id: n.score for n in similar_roles(CATALOGUE, role, len(roles))}
        for j, other in enumerate(roles):
            if i != j:
                assert matrix[i][j] == listed.get(other.id, 0.0), (role.id, other.id)
