"""Curriculum design: figures computed from the module data, and honest about missing data."""

from __future__ import annotations

import dataclasses
import json

import pytest
from msgspec.structs import replace

from careerpath.analysis.curriculum import design_curriculum, design_framework
from careerpath.model import Catalogue, CompetencyNeed, EntryRoute, Programme, Role

from conftest import bundled_catalogue

BUNDLED = bundled_catalogue()


def roles(catalogue: Catalogue, *ids: str) -> list[Role]:
    return [catalogue.role(i) for i in ids]


def test_cwp_emhp_pwp_proposal() -> None:
    result = design_curriculum(BUNDLED, roles(BUNDLED, "CWP", "EMHP", "PWP"))
    parts = {(p.name, p.members): p for p in result.parts}
    core = parts[("core", ("CWP", "EMHP", "PWP"))]
    # The six KSF core dimensions joined the core on 2026-12-03, when PWP, CWP and EMHP were
    # given them (every AfC post has them); no module in the data teaches them.
    assert set(core.competencies) - {c.id for c in BUNDLED.competencies if c.generic} == {
        "common-factors-engagement",
        "li-cbt-guided-self-help",
        "values-diversity-context",
    }
    # Each 20-credit module teaches two competencies: 10 credits apiece, three of them.
    assert core.credits == 30
    assert parts[("shared", ("CWP", "EMHP"))].credits == 30
    assert parts[("own", ("CWP",))].credits == 60
    assert result.credits_today == 300 and result.credits_proposed == 210
    cwp_to_emhp = next(c for c in result.conversions if (c.source, c.target) == ("CWP", "EMHP"))
    assert (
        cwp_to_emhp.credits,
        cwp_to_emhp.months,
        cwp_to_emhp.full_credits,
        cwp_to_emhp.saving_credits,
    ) == (60, 6.0, 120, 60)
    pwp_to_cwp = next(c for c in result.conversions if (c.source, c.target) == ("PWP", "CWP"))
    assert pwp_to_cwp.credits == 90 and len(pwp_to_cwp.competencies) == 6
    # Only the KSF core dimensions go untaught: they are developed in post (KSF reviews), and
    # no programme in the data teaches them.
    generic = {c.id for c in BUNDLED.competencies if c.generic}
    assert not result.missing_data
    assert all(set(ids) <= generic for _, ids in result.untaught)


def test_savings_follow_module_credits() -> None:
    """Change one module's credits in the data and the savings change with it."""
    programme = BUNDLED.programme("emhp-pgdip")
    modules = tuple(
        replace(m, credits=10) if m.id == "emhp-engagement-assessment-m" else m
        for m in programme.modules
    )
    programmes = tuple(
        replace(p, modules=modules, credits=110) if p.id == programme.id else p
        for p in BUNDLED.programmes
    )
    changed = dataclasses.replace(BUNDLED, programmes=programmes, _by_id={})
    before = design_curriculum(BUNDLED, roles(BUNDLED, "CWP", "EMHP"))
    after = design_curriculum(changed, roles(changed, "CWP", "EMHP"))
    assert after.credits_today == before.credits_today - 10
    # Shared parts keep CWP's larger figure for the two competencies, so nothing else moves:
    assert after.credits_proposed == before.credits_proposed
    assert (
        after.credits_today - after.credits_proposed
        == (before.credits_today - before.credits_proposed) - 10
    )
    move = next(c for c in after.conversions if (c.source, c.target) == ("CWP", "EMHP"))
    assert (move.full_credits, move.saving_credits) == (110, 50)


def test_missing_modules_are_reported_not_zeroed() -> None:
    bare = Programme("bare", "Bare programme", credits=120, months=12)
    a = Role(
        "A",
        "A",
        "f",
        competencies=(CompetencyNeed("x"),),
        entry_routes=(EntryRoute("a", programme="bare"),),
    )
    b = Role("B", "B", "f", competencies=(CompetencyNeed("x"),))
    catalogue = Catalogue(roles=(a, b), programmes=(bare,))
    result = design_curriculum(catalogue, [a, b])
    assert "A: programme 'bare' lists no modules with competencies" in result.missing_data
    assert "B: no entry programme in the data" in result.missing_data


def test_framework_over_programmes_reports_step_off_awards() -> None:
    result = design_framework(
        BUNDLED, [BUNDLED.programme("cwp-pgdip"), BUNDLED.programme("emhp-pgdip")]
    )
    assert result.core is not None and result.core.credits == 60
    assert ("cwp-pgdip", "PG Cert (the three shared CYP modules)", 60, True) in result.exit_awards
    assert ("cwp-pgdip", "PG Dip", 120, False) in result.exit_awards


def test_cli_curriculum(run, tmp_path) -> None:
    text = run(
        "curriculum", "CWP", "EMHP", "PWP", "--intake", "CWP=40", "--intake", "EMHP=60"
    ).stdout
    assert "90 credits (30%) less" in " ".join(text.split())
    assert "one cohort of 100 a year" in " ".join(text.split())
    # The conversion figures price the proposed design; today's gap for the same move is
    # a whole programme (see test_overlap), so the table must say it is a proposal.
    assert "Conversion top-ups: proposed (each competency taught on its own; no provider runs" in (
        " ".join(text.split())
    )
    data = json.loads(run("curriculum", "CWP", "EMHP", "PWP", "--json").stdout)
    assert data["delivery"] == {
        "today_credits": 300.0,
        "proposed_credits": 210.0,
        "saving_credits": 90.0,
    }
    assert len(data["conversions"]) == 6
    picture = tmp_path / "core.svg"
    assert run("curriculum", "CWP", "EMHP", "-o", str(picture)).exit_code == 0
    assert b"Shared core" in picture.read_bytes()
    framework = json.loads(
        run("curriculum", "--programmes", "cwp-pgdip", "emhp-pgdip", "--json").stdout
    )
    assert framework["kind"] == "programmes"
    assert run("curriculum", "CWP").exit_code == 2
    assert run("curriculum", "CWP", "EMHP", "--intake", "CWP=lots").exit_code == 2
    assert run("curriculum", "CWP", "EMHP", "--intake", "PWP=3").exit_code == 2
    bad = run("curriculum", "--programmes", "cwp-pgdip", "emhp-pgdp")
    assert bad.exit_code == 1 and "did you mean 'emhp-pgdip'" in bad.stderr


@pytest.mark.parametrize(
    "members", [("CWP", "EMHP", "PWP"), ("CWP", "PWP"), ("PWP", "HI-CBT", "MHWP")]
)
def test_conversions_give_the_top_up_gap_gives(members: tuple[str, ...]) -> None:
    """``curriculum`` said a CWP converts to PWP with 30 credits (6 months) while ``gap``
    said the whole PG Cert: the proposal's figure shares each module's credits among its
    competencies, today's modules do not. Each conversion now gives today's top-up exactly
    as ``gap`` does, beside the proposal's, so the two commands cannot disagree."""
    from careerpath.analysis.overlap import gap

    result = design_curriculum(BUNDLED, roles(BUNDLED, *members))
    assert result.conversions
    for c in result.conversions:
        found = gap(BUNDLED, BUNDLED.role(c.source), BUNDLED.role(c.target))
        top_up = bool(found.modules) and not found.no_shorter_than_full and not found.uncovered
        if not found.modules and not found.uncovered:
            assert (c.today_credits, c.today_note) == (0, "")  # nothing to learn
        elif top_up:
            assert (c.today_credits, c.today_months, c.today_note) == (
                found.credits,
                found.months,
                "",
            )
        else:
            assert c.today_credits is None and c.today_note, c
    if members == ("CWP", "PWP"):
        move = next(c for c in result.conversions if (c.source, c.target) == ("CWP", "PWP"))
        assert (move.credits, move.today_credits, move.today_note) == (30, None, "whole programme")
