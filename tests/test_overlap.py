"""Overlap and gap figures: checked against plain set arithmetic and against the module data."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from careerpath.analysis.overlap import gap, jaccard, overlap, weighted_similarity
from careerpath.analysis.routes import holdings_for
from careerpath.lookup import find_role
from careerpath.model import Catalogue, Competency, CompetencyNeed, Qualification, Role

from conftest import bundled_catalogue

BUNDLED = bundled_catalogue()
COMPS = tuple(Competency(c, c.upper(), "d") for c in "abcdefgh")
LEVELS = ("awareness", "foundation", "practitioner", "advanced", "expert")

needs = st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from(LEVELS), max_size=8)


@given(st.lists(needs, min_size=2, max_size=4))
def test_overlap_matches_set_arithmetic(role_needs) -> None:
    roles = [
        Role(
            f"R{i}", f"R{i}", "f", competencies=tuple(CompetencyNeed(c, lv) for c, lv in n.items())
        )
        for i, n in enumerate(role_needs)
    ]
    result = overlap(Catalogue(roles=tuple(roles), competencies=COMPS), roles)
    sets = [set(n) for n in role_needs]
    assert {c.id for c in result.shared} == set.intersection(*sets)
    for role, (role_id, unique) in zip(roles, result.unique, strict=True):
        others = set().union(*(s for r, s in zip(roles, sets, strict=True) if r.id != role.id))
        assert role_id == role.id
        assert {c.id for c in unique} == set(role_needs[int(role.id[1:])]) - others
    for pair in result.similarity:
        a, b = sets[int(pair.first[1:])], sets[int(pair.second[1:])]
        assert pair.shared == len(a & b)
        assert pair.jaccard == (round(len(a & b) / len(a | b), 4) if a | b else 0.0)
        assert 0.0 <= pair.weighted <= 1.0
    assert len(result.moves) == len(roles) * (len(roles) - 1)


def test_weighted_equals_jaccard_when_levels_are_equal() -> None:
    assert weighted_similarity({"a": 3, "b": 3}, {"b": 3, "c": 3}) == jaccard(
        {"a", "b"}, {"b", "c"}
    )


def test_cwp_to_emhp_needs_the_three_education_modules() -> None:
    result = gap(BUNDLED, find_role(BUNDLED, "CWP"), find_role(BUNDLED, "EMHP"))
    assert {c.id for c in result.missing} == {
        "education-settings-engagement",
        "education-common-problems",
        "education-emerging-interventions",
    }
    assert {p.module.id for p in result.modules} == {
        "emhp-education-engagement-m",
        "emhp-education-problems-m",
        "emhp-education-interventions-m",
    }
    expected_credits = sum(
        m.credits
        for m in BUNDLED.programme("emhp-pgdip").modules
        if m.id.startswith("emhp-education")
    )
    assert result.credits == expected_credits == 60
    assert result.full is not None and result.full.programme.id == "emhp-pgdip"
    assert result.full.credits == 120 and result.saving_credits == 60
    assert result.months == 6.0  # 60 of 120 credits of a 12-month programme


def test_gap_follows_the_module_data() -> None:
    """Change a module's credits and the gap's credits and months change with it."""
    programme = BUNDLED.programme("emhp-pgdip")
    modules = tuple(
        replace(m, credits=40) if m.id == "emhp-education-problems-m" else m
        for m in programme.modules
    )
    changed = replace(programme, modules=modules)
    catalogue = dataclasses.replace(
        BUNDLED,
        programmes=tuple(changed if p.id == programme.id else p for p in BUNDLED.programmes),
        _by_id={},
    )
    result = gap(catalogue, catalogue.role("CWP"), catalogue.role("EMHP"))
    assert result.credits == 80
    assert result.months == round(12 * 20 / 140 * 2 + 12 * 40 / 140, 1)


def test_prior_learning_removes_covered_needs() -> None:
    cwp, emhp = find_role(BUNDLED, "CWP"), find_role(BUNDLED, "EMHP")
    qual = Qualification(
        "schools-cert", "Schools certificate", competencies=("education-common-problems",)
    )
    catalogue = dataclasses.replace(
        BUNDLED, qualifications=(*BUNDLED.qualifications, qual), _by_id={}
    )
    result = gap(catalogue, cwp, emhp, holdings_for(catalogue, [qual]))
    assert "education-common-problems" not in {c.id for c in result.missing}
    assert result.credits == 40


def test_unteachable_needs_are_reported_not_zeroed() -> None:
    a = Role("A", "A", "f", competencies=(CompetencyNeed("a"),))
    b = Role("B", "B", "f", competencies=(CompetencyNeed("a"), CompetencyNeed("b")))
    result = gap(Catalogue(roles=(a, b), competencies=COMPS), a, b)
    assert [c.id for c in result.uncovered] == ["b"]
    assert result.modules == () and not result.meaningful
