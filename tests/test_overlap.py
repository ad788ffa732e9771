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

from conftest import bundled_catalogue, generic_by_definition, move_by_definition

BUNDLED = bundled_catalogue()
# "a" is generic (as the KSF core dimensions are): listed apart and left out of the figures.
COMPS = tuple(Competency(c, c.upper(), "d", generic=c == "a") for c in "abcdefgh")
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
    catalogue = Catalogue(roles=tuple(roles), competencies=COMPS)
    result = overlap(catalogue, roles)
    # Competencies every role needs are generic: listed apart, left out of the rest.
    generic = generic_by_definition(catalogue)
    sets = [set(n) - generic for n in role_needs]
    assert {c.id for c in result.generic} == set().union(*role_needs) & generic
    assert {c.id for c in result.shared} == set.intersection(*sets)
    for role, (role_id, unique) in zip(roles, result.unique, strict=True):
        others = set().union(*(s for r, s in zip(roles, sets, strict=True) if r.id != role.id))
        assert role_id == role.id
        assert {c.id for c in unique} == sets[int(role.id[1:])] - others
    for pair in result.similarity:
        a, b = sets[int(pair.first[1:])], sets[int(pair.second[1:])]
        assert pair.shared == len(a & b)
        assert pair.jaccard == (round(len(a & b) / len(a | b), 4) if a | b else 0.0)
        assert 0.0 <= pair.weighted <= 1.0
        first, second = roles[int(pair.first[1:])], roles[int(pair.second[1:])]
        assert pair.there == move_by_definition(catalogue, first, second)[0]
        assert pair.back == move_by_definition(catalogue, second, first)[0]
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


def _bundled_gaps():
    for a in BUNDLED.roles:
        for b in BUNDLED.roles:
            if a.id != b.id:
                yield gap(BUNDLED, a, b)


GAPS = tuple(_bundled_gaps())


def test_a_top_up_is_smaller_than_its_programme_or_called_the_whole_programme() -> None:
    """A plan offered as a top-up has fewer credits than every programme it draws from and
    than the full training; otherwise it is worded as the whole programme (brute force over
    every bundled pair). `gap PWP CWP` once proposed the whole 120-credit CWP diploma as a
    "top-up"."""
    from careerpath.render.analytics import gap_summary
    from careerpath.render.data import gap_json

    names = BUNDLED.name_of()
    offered = 0
    for g in (g for g in GAPS if g.modules):
        text = " ".join(gap_summary(g, names).plain.split())
        drawn = {p.programme.id: p.programme for p in g.modules}
        smaller = all(
            sum(p.module.credits for p in g.modules if p.programme.id == pid)
            < (programme.credits if programme.credits is not None else 10**9)
            and not all(m.id in {p.module.id for p in g.modules} for m in programme.modules)
            for pid, programme in drawn.items()
        ) and (g.full is None or g.full.credits is None or g.credits < g.full.credits)
        assert ("proposed top-up" in text) == smaller == gap_json(g)["top_up"], text
        if not smaller:
            assert "no top-up" in text, text
        offered += smaller
    assert offered  # the property is not vacuous
    whole = gap(BUNDLED, find_role(BUNDLED, "PWP"), find_role(BUNDLED, "CWP"))
    assert [p.id for p in whole.whole_programmes] == [whole.full.programme.id]  # type: ignore[union-attr]


def test_months_come_from_one_conversion_that_states_its_pace() -> None:
    """Every module's months are its credits at its programme's recorded pace (the FHEQ
    120-credit year only where the data gives no length), and the summary names that pace."""
    from careerpath.analysis.overlap import credits_to_months, pace
    from careerpath.render.analytics import gap_summary

    names = BUNDLED.name_of()
    for g in (g for g in GAPS if g.modules):
        for p in g.modules:
            programme = p.programme
            total = sum(m.credits for m in programme.modules) or programme.credits
            expected = (
                programme.months * p.module.credits / total
                if programme.months and total
                else p.module.credits / 10
            )
            assert p.months == credits_to_months(p.module.credits, programme) == expected
        text = " ".join(gap_summary(g, names).plain.split())
        assert not g.credits or all(pc.describe() in text for pc in g.paces)
    assert pace(None).months_for(60) == 6.0


def test_no_move_shows_zero_credits_or_months() -> None:
    """A move with nothing the data can teach says so in words: "at least 0 credits, about 0
    months" was a figure that meant "unknown"."""
    import re

    from careerpath.render.analytics import gap_summary
    from careerpath.render.report import _top_up_cell

    names = BUNDLED.name_of()
    zero = re.compile(r"(?<![\d.])0 (credits|months)")
    for g in GAPS:
        assert not zero.search(_top_up_cell(g)), _top_up_cell(g)
        assert not zero.search(gap_summary(g, names).plain)


# A KSF core dimension an NHS post's data leaves out is unrecorded, not missing.

KSF_QUALITY = Competency(
    "ksf-q",
    "Quality",
    "KSF core dimensions",
    frameworks=(("ksf", "Core 5 Quality"),),
    generic=True,
)


def test_a_ksf_core_dimension_an_nhs_post_does_not_record_is_not_missing() -> None:
    """Every KSF post outline has all six core dimensions (DH, NHS KSF handbook, 2004): a
    banded role whose data leaves one out holds it at an unrecorded level. A role with no
    Agenda for Change band is no KSF post, so there it is missing as before."""
    from careerpath.model import Bands

    junior = Role(
        "J",
        "Junior",
        "f",
        bands=Bands(qualified="4"),
        competencies=(CompetencyNeed("ksf-q", "foundation"),),
    )
    senior = Role(
        "S", "Senior", "f", bands=Bands(qualified="5"), competencies=(CompetencyNeed("a"),)
    )
    outside = Role("O", "Outside the NHS", "f", competencies=(CompetencyNeed("a"),))
    catalogue = Catalogue(roles=(junior, senior, outside), competencies=(*COMPS, KSF_QUALITY))
    down = gap(catalogue, senior, junior)
    assert [c.id for c in down.missing] == []
    assert [c.id for c in down.unrecorded] == ["ksf-q"]
    assert "ksf-q" not in {c.id for c in down.already_held}
    assert not down.modules  # nothing is proposed to close a gap nobody knows is there
    assert [c.id for c in gap(catalogue, outside, junior).missing] == ["ksf-q"]


def test_no_bundled_nhs_post_is_shown_missing_a_ksf_core_dimension() -> None:
    """The issue's case: a registered mental health nurse shown lacking KSF Quality that a
    nursing associate has. Swept over every pair of banded roles."""
    from careerpath.analysis.role_needs import generic_ids

    banded = [r for r in BUNDLED.roles if r.bands.qualified_low() is not None]
    for source in banded:
        for target in banded:
            if source.id != target.id:
                found = gap(BUNDLED, source, target)
                assert not [c.id for c in found.missing if c.id in generic_ids(BUNDLED)], (
                    source.id,
                    target.id,
                )
    rmn = gap(
        BUNDLED, find_role(BUNDLED, "mental-health-nurse"), find_role(BUNDLED, "nursing-associate")
    )
    assert (rmn.missing, [c.id for c in rmn.unrecorded]) == ((), ["ksf-quality"])
