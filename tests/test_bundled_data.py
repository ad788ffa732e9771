"""The bundled pathways: valid, sourced, connected and free of clashes."""

from __future__ import annotations

import re

import pytest

from careerpath.frameworks import parse_band_range
from careerpath.model import Catalogue

from conftest import bundled_catalogue


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return bundled_catalogue()


def test_every_role_has_an_entry_route_and_a_source(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        assert role.entry_routes, role.id
        assert role.sources, role.id


def test_every_source_has_an_address(catalogue: Catalogue) -> None:
    for source in catalogue.sources:
        assert source.url or source.document, source.id


def test_bands_are_valid(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        for band in (role.bands.training, role.bands.qualified):
            assert band is None or parse_band_range(band), (role.id, band)


def test_every_barrier_is_sourced_and_tied_to_roles(catalogue: Catalogue) -> None:
    for barrier in catalogue.all_barriers():
        assert barrier.sources and barrier.roles, barrier.id


def test_wellbeing_practitioners_share_the_low_intensity_core(catalogue: Catalogue) -> None:
    # The six KSF core dimensions are generic (every AfC post has them), so the
    # role-specific core is what this checks.
    generic = {c.id for c in catalogue.competencies if c.generic}
    needs = {r: {c.id for c in catalogue.role(r).competencies} for r in ("PWP", "CWP", "EMHP")}
    shared = needs["PWP"] & needs["CWP"] & needs["EMHP"]
    assert shared - generic == {
        "common-factors-engagement",
        "li-cbt-guided-self-help",
        "values-diversity-context",
    }


KSF_CORE = {
    "ksf-communication",
    "ksf-personal-development",
    "ksf-health-safety",
    "ksf-service-improvement",
    "ksf-quality",
    "ksf-equality-diversity",
}


def test_the_ksf_core_dimensions_are_the_generic_competencies_every_nhs_post_holds(
    catalogue: Catalogue,
) -> None:
    """The KSF puts all six core dimensions in every AfC post outline (NHS Employers, 2006),
    but at a level set post by post, which no source gives for most roles here. So they are
    marked generic (similarity leaves them out), and a banded role whose data leaves one out
    holds it at a level not recorded: never "missing", never a guessed level.
    """
    from careerpath.analysis.role_needs import held, held_unrecorded

    assert {c.id for c in catalogue.competencies if c.generic} == KSF_CORE
    unrecorded = 0
    for role in catalogue.roles:
        if role.bands.qualified_low() is not None:
            recorded = {n.id for n in held(role)} & KSF_CORE
            assert recorded | held_unrecorded(catalogue, role) == KSF_CORE, role.id
            unrecorded += len(KSF_CORE - recorded)
    assert unrecorded  # most roles' data gives no level for some dimension


def test_hi_cbt_needs_high_intensity_competencies(catalogue: Catalogue) -> None:
    """HI-CBT once listed only PWP's low-intensity competencies, at "advanced"."""
    hi = {n.id for n in catalogue.role("HI-CBT").competencies}
    assert {"hi-cbt-fundamentals", "hi-cbt-assessment", "hi-cbt-depression", "hi-cbt-anxiety"} <= hi
    assert "psy-formulation" in hi
    low_intensity = {"li-cbt-guided-self-help", "adult-common-mh-assessment", "adult-li-treatment"}
    assert not hi & low_intensity


def test_senior_wellbeing_roles_need_more_than_the_roles_they_supervise(
    catalogue: Catalogue,
) -> None:
    """A senior PWP and an SWP supervise low-intensity practitioners: each needs a competency
    none of the roles it supervises has (both once listed only those roles' own)."""
    for senior, juniors in (("senior-PWP", ("PWP",)), ("SWP", ("CWP", "EMHP"))):
        own = {n.id for n in catalogue.role(senior).competencies}
        below = set().union(*({n.id for n in catalogue.role(j).competencies} for j in juniors))
        assert "li-supervision" in own - below, senior


def test_every_role_is_reachable_from_a_starting_qualification(catalogue: Catalogue) -> None:
    # Starting points are the qualifications, including "no formal qualification" (open entry),
    # exactly as `careerpath from` lists them.
    import networkx as nx

    from careerpath.graph import OPEN_ENTRY, career_graph

    graph = career_graph(catalogue)
    starts = [q.id for q in catalogue.qualifications] + [OPEN_ENTRY]
    reached: set[str] = set()
    for start in starts:
        if start in graph:
            reached |= nx.descendants(graph, start)
    assert [r.id for r in catalogue.roles if r.id not in reached] == []
    assert len(reached & {r.id for r in catalogue.roles}) == len(catalogue.roles) >= 45


def test_no_two_roles_share_a_name(catalogue: Catalogue) -> None:
    owners: dict[str, str] = {}
    for role in catalogue.roles:
        for name in {" ".join(n.lower().split()) for n in (role.id, role.title, *role.aliases)}:
            assert owners.setdefault(name, role.id) == role.id, (name, owners[name], role.id)


def test_levels_are_valid(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        level = role.career_framework_level
        assert level is None or 1 <= level <= 9, role.id
    for qualification in catalogue.qualifications:
        assert qualification.level is None or 1 <= qualification.level <= 8, qualification.id


def test_validate_exits_zero_on_the_bundled_data(run) -> None:  # type: ignore[no-untyped-def]
    import re

    result = run("validate")
    counted = re.search(r"valid \((\d+) roles", result.stdout)
    assert result.exit_code == 0 and counted and int(counted.group(1)) >= 45, result.output


def test_every_link_is_sourced_with_known_sources(catalogue: Catalogue) -> None:
    known = {source.id for source in catalogue.sources}
    for role in catalogue.roles:
        for link in role.links:
            assert link.sources, (role.id, link.role)
            assert set(link.sources) <= known, (role.id, link.role, set(link.sources) - known)


#: A note saying a programme's published length or duration was not found.
_LENGTH_NOT_FOUND = re.compile(r"\b(?:length|duration)\b[^.;]*\bnot found\b", re.IGNORECASE)


def test_a_course_length_the_sources_do_not_give_is_said_never_hidden(
    catalogue: Catalogue,
) -> None:
    """Issue #15: a route counts a step with no recorded length as nothing, so a course may
    lack months only where its note says the length was not found (the dietitian ST0599 and
    clinical scientist ST0893 apprenticeships, searched again 2026-12-03). And where a note
    says the published length was not found but months are recorded, the note names the
    figure used ("48 months is used here"), so a stand-in never reads as the published one."""
    courses = [p for p in catalogue.programmes if not p.kind]
    silent = [p.id for p in courses if p.months is None and not _LENGTH_NOT_FOUND.search(p.note)]
    unnamed = [
        (p.id, p.months)
        for p in courses
        if p.months is not None
        and _LENGTH_NOT_FOUND.search(p.note)
        and f"{p.months} months" not in p.note
    ]
    assert (silent, unnamed) == ([], [])
    unknown = {p.id for p in courses if p.months is None}
    assert unknown == {"ahp-dietitian-apprenticeship", "hcs-clinical-scientist-apprenticeship"}
