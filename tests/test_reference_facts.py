"""The bundled pathways reflect ``shared/reference/roles-facts.md`` fact by fact.

Each expected value below is copied from the reference sheet and cites its section (§N). Where
the reference marks a value UNCONFIRMED, the test checks that the data flags it ``unverified``;
where §28 says sources disagree, it checks that the data records both sides in a note and flags
the value. Facts the data model cannot hold (pay figures in pounds, workforce counts, dates of
history) are not asserted here; they live in notes and sources.
"""

from __future__ import annotations

import pytest

from careerpath.frameworks import AFC_BANDS, CAREER_FRAMEWORK_LEVELS, RQF_LEVELS, parse_band_range
from careerpath.model import (
    Barrier,
    Catalogue,
    EntryRoute,
    Progression,
    Requirement,
    Role,
    person_fee,
    self_funded_fee,
)

from conftest import bundled_catalogue


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return bundled_catalogue()


# ---------------------------------------------------------------- helpers


def _route(role: Role, route_id: str) -> EntryRoute:
    matches = [r for r in role.entry_routes if r.id == route_id]
    assert len(matches) == 1, (role.id, route_id)
    return matches[0]


def _progression(role: Role, to: str, programme: str | None = None) -> Progression:
    matches = [
        p
        for p in role.progressions
        if p.to == to and (programme is None or p.programme == programme)
    ]
    assert matches, (role.id, to, programme)
    return matches[0]


def _barrier(catalogue: Catalogue, barrier_id: str) -> Barrier:
    matches = [b for b in catalogue.all_barriers() if b.id == barrier_id]
    assert len(matches) == 1, barrier_id
    return matches[0]


def _refs(requirements: tuple[Requirement, ...]) -> set[str]:
    """Every role or qualification id a list of requirements names, alternatives included."""
    found: set[str] = set()
    for requirement in requirements:
        if requirement.kind == "any_of":
            found |= _refs(requirement.options)
        elif requirement.kind in ("role", "qualification"):
            found.add(requirement.ref)
    return found


def _experience(requirements: tuple[Requirement, ...]) -> dict[str, int]:
    return {r.ref: r.months for r in requirements if r.kind == "experience"}


def _texts(requirements: tuple[Requirement, ...]) -> str:
    return " ".join(r.text for r in requirements if r.kind == "text")


def _urls(catalogue: Catalogue, source_ids: tuple[str, ...]) -> set[str]:
    return {catalogue.source(s).url for s in source_ids}


def _bands(role: Role) -> tuple[str | None, str | None]:
    return role.bands.training, role.bands.qualified


def _span(text: str) -> tuple[str, ...]:
    span = parse_band_range(text)
    assert span is not None, text
    low, high = AFC_BANDS.index(span[0]), AFC_BANDS.index(span[1])
    return AFC_BANDS[low : high + 1]


# ---------------------------------------------------------------- §0 rules for several roles

#: §0: the two-year rule's examples (Clearing House: PWP, CBT, MHWP, CAP) and the 2021 Leeds list
#: (child and adolescent psychotherapy, CWP, CAP, CBT, core counselling, EMHP), as the NHS-funded
#: programmes the data holds for each; DClinPsy is the training the rule most often delays.
RULE_MUST_COVER = {
    "pwp-pgcert",  # PWP (graduate route)
    "pwp-gradcert",  # PWP (non-graduate route)
    "pwp-apprenticeship",  # PWP (ST0568)
    "hi-cbt-pgdip",  # CBT
    "mhwp-pgcert",  # MHWP
    "mhwp-gradcert",  # MHWP
    "cap-msc-apprenticeship",  # CAP (the NHS-funded route)
    "cwp-pgdip",  # CWP
    "emhp-pgdip",  # EMHP
    "emhp-graddip",  # EMHP
    "capt-doctorate",  # child and adolescent psychotherapy
    "hipc-training",  # core counselling (NHS three-year route)
    "dclinpsy",  # clinical psychology (the Clearing House rule)
}


def test_two_year_funding_rule(catalogue: Catalogue) -> None:
    # roles-facts §0: from 1 Apr 2022, a 2-year wait after an NHS-funded psychological training
    rules = {r.id: r for r in catalogue.rules}
    rule = rules["two-year-funding-rule"]
    assert rule.kind == "wait-between"
    assert rule.months == 24
    assert "1 April 2022" in rule.text
    assert set(rule.programmes) >= RULE_MUST_COVER
    # §0: the rule is about NHS funding, so self-funded routes (direct-entry CAP, the
    # counselling psychology doctorate) cannot trigger it.
    assert not {"cap-msc-direct", "cop-doctorate"} & set(rule.programmes)
    for programme_id in rule.programmes:
        funding = set(catalogue.programme(programme_id).funding)
        assert funding & {"nhs-funded", "apprenticeship"}, programme_id
    # §0: the Leeds 2021 list names counselling psychology, so the text must not deny it
    assert "counselling psychology" in rule.text
    assert {
        "https://clearing-house.org.uk/application/entry-requirements",
        "https://www.leeds.ac.uk/chpccp/entry.html",
        "https://www.hee.nhs.uk/our-work/mental-health/psychological-professions/nhs-funding-psychological-professions-training-programmes",
    } <= _urls(catalogue, rule.sources)


def test_two_year_rule_barriers(catalogue: Catalogue) -> None:
    # roles-facts §0, §1, §5, §9: the rule delays PWP, CBT and CAP trainees; the BPS warned of
    # harm to applicants from marginalised backgrounds
    delays = _barrier(catalogue, "two-year-rule-delays")
    assert {"PWP", "CWP", "EMHP", "HI-CBT"} <= set(delays.roles)
    assert "marginalised" in delays.text
    psychology = _barrier(catalogue, "psy-two-year-rule-psychology")
    assert {"PWP", "CAP", "MHWP", "clinical-psychologist"} <= set(psychology.roles)


def test_wellbeing_practitioner_registers(catalogue: Catalogue) -> None:
    # roles-facts §0: the BPS Wider Psychological Workforce register lists PWP, CWP, EMHP and
    # MHWP (BABCP holds an equivalent register) plus CAP; accredited voluntary registers only
    for role_id in ("PWP", "CWP", "EMHP", "MHWP"):
        regulation = catalogue.role(role_id).regulation
        assert regulation.kind == "accredited-register", role_id
        assert regulation.body == "BPS or BABCP", role_id
        assert not regulation.protected_title, role_id
    cap = catalogue.role("CAP").regulation
    assert (cap.kind, cap.body) == ("accredited-register", "BPS")
    assert "not HCPC" in cap.register  # §9: CAP is not HCPC-regulated


#: roles-facts §0: BABCP core professions, as the roles and qualifications the data holds
#: (arts therapists, accredited counsellors, OT, UKCP psychotherapy, RMN, social work,
#: clinical and counselling psychology; medicine has no role here).
# Professions with a register are named by the registration (anyone on it, in any role).
CORE_PROFESSIONS = {
    "art-therapist",
    "dramatherapist",
    "music-therapist",
    "counsellor-tt",
    "accredited-counsellor",
    "hcpc-ot",
    "family-therapist",
    "nmc-mh",
    "nmc-ld",
    "swe-social-worker",
    "hcpc-practitioner-psychologist",
}


def test_babcp_core_professions(catalogue: Catalogue) -> None:
    # roles-facts §0, §5: HI training is open to a core profession or with a KSA portfolio
    hi = catalogue.role("HI-CBT")
    core = _route(hi, "hi-cbt-core-profession")
    assert _refs(core.requires) == CORE_PROFESSIONS
    # §0: PWP, CWP and EMHP are not core professions
    assert not {"PWP", "CWP", "EMHP"} & _refs(core.requires)
    from_pwp = _route(hi, "hi-cbt-from-pwp")
    assert "KSA" in _texts(from_pwp.requires)
    assert "https://www.babcp.com/Accreditation/Provisional-Accreditation/Core-Professions" in (
        _urls(catalogue, core.sources)
    )


def test_protected_titles(catalogue: Catalogue) -> None:
    # roles-facts §0: "psychologist", "counsellor", "psychotherapist" and "therapist" are not
    # protected; the practitioner psychologist titles are
    unprotected = {"psychologist", "counsellor", "psychotherapist", "therapist"}
    for role in catalogue.roles:
        titles = {t.strip().lower() for t in role.regulation.protected_title.split(";")}
        assert not titles & unprotected, role.id
    for role_id in ("HI-CBT", "counsellor-tt", "family-therapist", "assistant-psychologist"):
        assert not catalogue.role(role_id).regulation.protected_title, role_id
    assert catalogue.role("clinical-psychologist").regulation.protected_title == (
        "Clinical psychologist"
    )
    assert catalogue.role("counselling-psychologist").regulation.protected_title == (
        "Counselling psychologist"
    )
    # §5: "CBT therapist" and "psychotherapist" are not protected titles
    hi_barriers = " ".join(b.text for b in catalogue.role("HI-CBT").barriers)
    assert '"CBT therapist"' in hi_barriers and '"psychotherapist"' in hi_barriers


# ---------------------------------------------------------------- §1 PWP


def test_pwp(catalogue: Catalogue) -> None:
    pwp = catalogue.role("PWP")
    # roles-facts §1: band 4 while training, band 5 once qualified
    assert _bands(pwp) == ("4", "5")
    # §1: graduates take a PG Cert; people without a degree are trained to graduate level
    assert _route(pwp, "pwp-graduate").programme == "pwp-pgcert"
    assert _route(pwp, "pwp-graduate").requires[0].ref == "degree"
    non_graduate = _route(pwp, "pwp-non-graduate")
    assert non_graduate.programme == "pwp-gradcert"
    assert "mental health problems" in _texts(non_graduate.requires)
    # §1, §4: one-year training; 3 modules of 20 credits (60) at Level 7 or Level 6
    for programme_id, level in (("pwp-pgcert", 7), ("pwp-gradcert", 6)):
        programme = catalogue.programme(programme_id)
        assert (programme.level, programme.credits, programme.months) == (level, 60, 12)
    # §1: apprenticeship ST0568 at Level 6: 12 months to gateway + about 3 months of EPA;
    # £9,000 funding band; mandatory "L6 Certificate in Psychological Wellbeing Practice"
    apprenticeship = catalogue.programme("pwp-apprenticeship")
    assert apprenticeship.level == 6
    assert apprenticeship.months == 12 + 3
    assert apprenticeship.cost == 9000
    assert apprenticeship.award == "L6 Certificate in Psychological Wellbeing Practice"
    assert _route(pwp, "pwp-apprentice").programme == "pwp-apprenticeship"
    # §1: registration mandatory from 10 June 2022; BPS-accredited course + 6 months' experience
    registration = " ".join(b.text for b in pwp.barriers)
    assert "10 June 2022" in registration and "six months" in registration
    # §1: HI training is open to PWPs with 2 years' post-qualification experience and a KSA
    to_hi = _progression(pwp, "HI-CBT")
    assert to_hi.programme == "hi-cbt-pgdip"
    assert _experience(to_hi.requires) == {"PWP": 24}
    assert "KSA" in _texts(to_hi.requires)
    # §1: senior PWP at bands 6/7/8a is stated only by a third-party guide (UNCONFIRMED)
    senior = catalogue.role("senior-PWP")
    assert senior.bands.qualified == "6-8a"
    assert "bands.qualified" in senior.unverified
    assert _progression(pwp, "senior-PWP").unverified
    assert (
        "https://www.healthcareers.nhs.uk/explore-roles/psychological-therapies/roles/psychological-wellbeing-practitioner"
        in _urls(catalogue, pwp.sources)
    )


# ---------------------------------------------------------------- §2-3 CWP, EMHP, SWP


def test_cwp(catalogue: Catalogue) -> None:
    cwp = catalogue.role("CWP")
    # roles-facts §2: band 4 while training, band 5 once qualified
    assert _bands(cwp) == ("4", "5")
    # §2: routes for graduates and for people without an honours degree
    assert {r.id for r in cwp.entry_routes} == {"cwp-graduate", "cwp-non-graduate"}
    # §2: a 120-credit Level 7 Diploma of 6 modules, 12 months
    diploma = catalogue.programme("cwp-pgdip")
    assert (diploma.level, diploma.credits, diploma.months) == (7, 120, 12)
    assert len(diploma.modules) == 6
    # §2: registration is for practice mainly with 5-18-year-olds
    assert "5–18" in cwp.regulation.register


def test_emhp(catalogue: Catalogue) -> None:
    emhp = catalogue.role("EMHP")
    # roles-facts §3: band 4 trainee, band 5 post
    assert _bands(emhp) == ("4", "5")
    # §3: PG Dip (Level 7, 120 credits) or Graduate Diploma (Level 6) for non-graduates;
    # full-time, year-long (up to 12 months)
    pgdip = catalogue.programme("emhp-pgdip")
    assert (pgdip.level, pgdip.credits, pgdip.months) == (7, 120, 12)
    graddip = catalogue.programme("emhp-graddip")
    assert (graddip.level, graddip.months) == (6, 12)
    assert _route(emhp, "emhp-graduate").programme == "emhp-pgdip"
    assert _route(emhp, "emhp-non-graduate").programme == "emhp-graddip"
    # §3: an EMHP apprenticeship is only "likely" (UNCONFIRMED), so no apprenticeship route
    assert not any("apprenticeship" in r.funding for r in emhp.entry_routes)
    # §3: at least one provider expects EMHPs to stay with their MHST for a year
    assert any("a year after qualifying" in b.text for b in emhp.barriers)


def test_senior_wellbeing_practitioner(catalogue: Catalogue) -> None:
    # roles-facts §2: Senior Wellbeing Practitioner PG Dip, 2 years part-time, for qualified
    # CWPs and EMHPs who ideally have 2 years' experience
    swp = catalogue.programme("swp-pgdip")
    assert (swp.level, swp.months) == (7, 24)
    entry = _route(catalogue.role("SWP"), "swp-from-cwp-emhp")
    assert _refs(entry.requires) == {"CWP", "EMHP"}
    for role_id in ("CWP", "EMHP"):
        step = _progression(catalogue.role(role_id), "SWP")
        assert step.programme == "swp-pgdip"
        assert _experience(step.requires) == {role_id: 24}
    # §2: no source gives a band for the SWP, so any band recorded must be flagged
    swp_role = catalogue.role("SWP")
    if swp_role.bands.training:
        assert "bands.training" in swp_role.unverified or "bands" in swp_role.unverified
    if swp_role.bands.qualified:
        assert "bands.qualified" in swp_role.unverified or "bands" in swp_role.unverified


# ---------------------------------------------------------------- §4 curriculum modules

#: roles-facts §4: PWP modules (20 credits each at Exeter)
PWP_MODULES = {
    "Engagement and Assessment of Patients with Common Mental Health Problems": 20,
    "Evidence-based Low-Intensity Treatment for Common Mental Health Disorders": 20,
    "Values, Diversity and Context": 20,
}
#: roles-facts §4: shared CWP/EMHP core (Reading 2023/4)
CYP_CORE = (
    "Fundamental Principles for Working with CYP",
    "Engagement and Assessment of Common Mental Health Problems in CYP",
    "Evidence-Based Low Intensity Interventions for CYP",
)
#: roles-facts §4: CWP-only modules (national CWP diploma curriculum, 2022)
CWP_ONLY = (
    "Working, Assessing and Engaging in Community and Primary Care Settings",
    "Mental Health Prevention in Community and Primary Care Settings",
    "Interventions for Emerging Mental Health Difficulties in Community and Primary Health Care Settings",
)
#: roles-facts §4: UCL's names for the EMHP shared core, then the EMHP-only modules
EMHP_MODULES = (
    "Fundamental Skills: CYP MH Settings: Context and Values",
    "Fundamental Skills: Assessment and Engagement",
    "Evidence Based Interventions: Theory and Skills",
    "Working, Assessing and Engaging in Education Settings",
    "Common Problems and Processes in Education Settings",
    "Interventions for Emerging Mental Health Difficulties in Education Settings",
)


def test_curriculum_modules(catalogue: Catalogue) -> None:
    # roles-facts §4: PWP has 3 modules of 20 credits
    pwp = catalogue.programme("pwp-pgcert")
    assert {m.title: m.credits for m in pwp.modules} == PWP_MODULES
    gradcert = catalogue.programme("pwp-gradcert")
    assert sum(m.credits for m in gradcert.modules) == 60
    # §4: CWP = shared core + 3 community modules; EMHP = 6 modules (UCL names)
    cwp = catalogue.programme("cwp-pgdip")
    assert tuple(m.title for m in cwp.modules) == CYP_CORE + CWP_ONLY
    emhp = catalogue.programme("emhp-pgdip")
    assert tuple(m.title for m in emhp.modules) == EMHP_MODULES
    # §4, §27: module credits add up to the award (PG Cert 60, PG Dip 120)
    for programme in (pwp, gradcert, cwp, emhp):
        assert sum(m.credits for m in programme.modules) == programme.credits, programme.id
    # §4: per-module credits for CWP/EMHP are not in the sources, so they are flagged
    assert all(m.unverified for m in (*cwp.modules, *emhp.modules))
    # §4: until 2022/3 Reading's CWP route needed only the 3 shared modules (a PG Cert)
    exits = {e.title.split(" (")[0]: e.credits for e in cwp.exit_awards}
    assert exits == {"PG Cert": 60, "PG Dip": 120}


def test_shared_and_distinct_competencies(catalogue: Catalogue) -> None:
    # The KSF core dimensions (generic, every AfC post; added to these roles on 2026-12-03)
    # are left out: §4 is about what the national curricula share.
    generic = {c.id for c in catalogue.competencies if c.generic}
    needs = {
        r: {c.id for c in catalogue.role(r).competencies} - generic for r in ("PWP", "CWP", "EMHP")
    }
    # roles-facts §4: all three share engagement/assessment with common-factors skills,
    # low-intensity CBT-informed guided self-help and a values/diversity base
    assert needs["PWP"] & needs["CWP"] & needs["EMHP"] == {
        "common-factors-engagement",
        "li-cbt-guided-self-help",
        "values-diversity-context",
    }
    # §4: PWP adds employment/social inclusion; CWP community prevention; EMHP education
    assert "employment-social-inclusion" in needs["PWP"] - needs["CWP"] - needs["EMHP"]
    assert "community-mh-prevention" in needs["CWP"] - needs["EMHP"] - needs["PWP"]
    assert "education-common-problems" in needs["EMHP"] - needs["CWP"] - needs["PWP"]


# ---------------------------------------------------------------- §5-9 psychological professions


def test_high_intensity_cbt(catalogue: Catalogue) -> None:
    hi = catalogue.role("HI-CBT")
    # roles-facts §5: band 6 trainee, usually band 7 once qualified; one training year
    assert _bands(hi) == ("6", "7")
    training = catalogue.programme("hi-cbt-pgdip")
    assert (training.level, training.months) == (7, 12)
    assert hi.regulation.body == "BABCP"


def test_clinical_psychologist(catalogue: Catalogue) -> None:
    role = catalogue.role("clinical-psychologist")
    # roles-facts §6: trainees band 6; Clinical Psychologist band 7 (national profiles)
    assert _bands(role) == ("6", "7")
    # §6: HCPC registration is needed to use the title
    assert (role.regulation.kind, role.regulation.body) == ("statutory", "HCPC")
    # §6: normally 3 years full-time; §27: professional doctorates 540 credits at Level 8
    dclinpsy = catalogue.programme("dclinpsy")
    assert (dclinpsy.level, dclinpsy.credits, dclinpsy.months) == (8, 540, 36)
    # §6: entry needs GBC through an accredited degree or conversion course
    assert _route(role, "dclinpsy-graduate").requires[0].ref == "psychology-degree"
    # §6: in 2018 there were 3,866 applicants for 593 places
    competition = _barrier(catalogue, "psy-dclinpsy-competition")
    assert "3,866" in competition.text and "593" in competition.text
    # §6: the NHS pays salary and fees
    assert set(dclinpsy.funding) == {"salaried", "nhs-funded"}


def test_counselling_psychologist(catalogue: Catalogue) -> None:
    role = catalogue.role("counselling-psychologist")
    # roles-facts §7: HCPC registration required
    assert (role.regulation.kind, role.regulation.body) == ("statutory", "HCPC")
    # §7: pay follows the psychologist profiles in §6 (qualified band 7)
    assert role.bands.qualified == catalogue.role("clinical-psychologist").bands.qualified
    assert "bands.qualified" not in role.unverified
    # §7: trainees are self-funded (BPS-accredited doctorate)
    doctorate = catalogue.programme("cop-doctorate")
    assert doctorate.level == 8
    assert doctorate.funding == ("self-funded",)
    assert _barrier(catalogue, "psy-counselling-psychology-self-funded").category == "financial"


def test_assistant_psychologist(catalogue: Catalogue) -> None:
    role = catalogue.role("assistant-psychologist")
    # roles-facts §8: band 4 or 5; psychology degree; no single compulsory training; unregulated
    assert role.bands.qualified == "4-5"
    assert role.regulation.kind == "none"
    route = _route(role, "ap-psychology-graduate")
    assert route.programme is None
    assert "psychology-degree" in _refs(route.requires)


def test_clinical_associate_in_psychology(catalogue: Catalogue) -> None:
    cap = catalogue.role("CAP")
    # roles-facts §9: apprentice posts band 5; qualified band 6 is UNCONFIRMED
    assert _bands(cap) == ("5", "6")
    assert "bands.qualified" in cap.unverified
    # §9: Level 7 integrated degree apprenticeship, typically 18 months; self-funded MSc too
    apprenticeship = catalogue.programme("cap-msc-apprenticeship")
    assert (apprenticeship.level, apprenticeship.months) == (7, 18)
    direct = catalogue.programme("cap-msc-direct")
    assert (direct.level, direct.months, direct.funding) == (7, 18, ("self-funded",))
    # §9: psychology degree with GBC or a conversion course
    assert _route(cap, "cap-apprentice").requires[0].ref == "psychology-degree"
    # §9: any recognised route from CAP into DClinPsy is UNCONFIRMED
    assert _progression(cap, "clinical-psychologist").unverified
    assert _barrier(catalogue, "psy-cap-dclinpsy-route-unclear").unverified


# ---------------------------------------------------------------- §10-15 nursing and professions


def test_mental_health_nurse(catalogue: Catalogue) -> None:
    rmn = catalogue.role("mental-health-nurse")
    # roles-facts §10: NMC-approved 3-year degree; shortened 2-year programme for graduates;
    # degree apprenticeship typically 4 years. The sheet's "levy paying up to £27,000" is out of
    # date: the standard's maximum funding band is £26,000 (corrected in issue 16, see
    # test_corrected_facts below).
    degree = catalogue.programme("np-rn-mh-degree")
    assert (degree.level, degree.credits, degree.months) == (6, 360, 36)
    assert catalogue.programme("np-rn-mh-graduate").months == 24
    apprenticeship = catalogue.programme("np-rnda")
    assert (apprenticeship.months, apprenticeship.cost) == (48, 26000)
    # §10: starts at band 5; NMC register
    assert rmn.bands.qualified == "5"
    assert (rmn.regulation.kind, rmn.regulation.body) == (
        "statutory",
        "Nursing and Midwifery Council (NMC)",
    )
    # §10: progression and lateral links to AC, AMHP, HI CBT (core profession), ACP
    assert {"approved-clinician", "AMHP", "HI-CBT", "acp-mh"} <= {p.to for p in rmn.progressions}
    # §10, §24: the nurse consultant is reached from advanced practice
    assert "nurse-consultant" in {p.to for p in catalogue.role("acp-mh").progressions}


def test_nursing_associate(catalogue: Catalogue) -> None:
    na = catalogue.role("nursing-associate")
    # roles-facts §11: band 3 while training, band 4 once qualified; NMC-regulated, England
    assert _bands(na) == ("3", "4")
    assert na.regulation.kind == "statutory"
    assert na.regulation.protected_title == "nursing associate"
    assert "England" in na.regulation.body
    # §11, §27: foundation degree (Level 5, 240 credits), typically 2 years
    fd = catalogue.programme("np-na-fd-apprenticeship")
    assert (fd.level, fd.credits, fd.months) == (5, 240, 24)
    # §11: the Level 5 apprenticeship leads on to the Level 6 RN degree apprenticeship
    to_rn = _progression(na, "mental-health-nurse")
    assert to_rn.programme == "np-rnda-topup"
    assert catalogue.programme("np-rnda-topup").level == 6


def test_healthcare_support_worker(catalogue: Catalogue) -> None:
    hcsw = catalogue.role("hcsw-mh")
    # roles-facts §12: band 2 or 3; unregulated; NVQ Level 2 and the Care Certificate
    assert hcsw.bands.qualified == "2-3"
    assert hcsw.regulation.kind == "none"
    apprenticeship = catalogue.programme("np-hcsw-apprenticeship")
    # §12: a 12-18-month apprenticeship route (the lower figure is used)
    assert (apprenticeship.level, apprenticeship.months) == (2, 12)
    assert "Care Certificate" in apprenticeship.award
    # §12: Level 3 Senior HCSW apprenticeship with a mental health support option
    to_senior = _progression(hcsw, "senior-hcsw")
    assert catalogue.programme(to_senior.programme or "").level == 3
    # §12: progression to nursing associate, then RN
    assert "nursing-associate" in {p.to for p in hcsw.progressions}
    # §12: about 36,000 staff rebanded and about £80m back pay
    barrier = " ".join(b.text for b in hcsw.barriers)
    assert "36,000" in barrier and "£80m" in barrier


def test_peer_support_worker(catalogue: Catalogue) -> None:
    peer = catalogue.role("peer-support-worker")
    # roles-facts §13: band 3 or 4; lived experience required; not regulated
    assert peer.bands.qualified == "3-4"
    assert peer.regulation.kind == "none"
    for route in peer.entry_routes:
        assert "np-lived-experience" in _refs(route.requires), route.id
    # §13: Level 3 Peer Worker apprenticeship, typically 15 months
    apprenticeship = catalogue.programme("np-peer-worker-l3")
    assert (apprenticeship.level, apprenticeship.months) == (3, 15)
    # §13: band 5 senior posts only from one advert; no national framework (UNCONFIRMED)
    senior = catalogue.role("senior-peer-support-worker")
    assert senior.bands.qualified == "5"
    assert "bands.qualified" in senior.unverified
    assert _progression(peer, "senior-peer-support-worker").unverified


def test_occupational_therapist(catalogue: Catalogue) -> None:
    ot = catalogue.role("OT")
    # roles-facts §14: HCPC-approved BSc or Level 7 degree; apprenticeship typically 48 months
    assert catalogue.programme("ahp-ot-bsc").level == 6
    assert catalogue.programme("ahp-ot-prereg-msc").level == 7
    assert catalogue.programme("ahp-ot-apprenticeship").months == 48
    # §14: band 5 OT; HCPC registration renewed every 2 years
    assert ot.bands.qualified == "5"
    assert ot.regulation.body == "Health and Care Professions Council (HCPC)"
    assert "every 2 years" in ot.regulation.register
    # §14: lateral moves to AC, AMHP and HI CBT (BABCP core profession)
    assert {"approved-clinician", "AMHP", "HI-CBT"} <= {p.to for p in ot.progressions}


def test_mental_health_social_worker(catalogue: Catalogue) -> None:
    sw = catalogue.role("mh-social-worker")
    # roles-facts §15: degree apprenticeship 36 months, leading to SWE registration
    apprenticeship = catalogue.programme("np-sw-apprenticeship")
    assert (apprenticeship.level, apprenticeship.months) == (6, 36)
    assert sw.regulation.register == "Social Work England register"
    # §15: Think Ahead: qualify in year 1 on a bursary, master's in year 2 with the ASYE
    think_ahead = _route(sw, "sw-think-ahead")
    assert think_ahead.months == 12
    assert catalogue.programme("np-think-ahead").months == 24
    note = catalogue.programme("np-think-ahead").note
    for fact in ("£18,250", "£20,250", "160", "2:1", "ASYE"):
        assert fact in note, fact
    # §15: pay band UNCONFIRMED, so no band and a flagged barrier
    assert _bands(sw) == (None, None)
    assert _barrier(catalogue, "np-sw-band-unconfirmed").unverified
    # §15: progression to AMHP and AC
    assert {"AMHP", "approved-clinician"} <= {p.to for p in sw.progressions}


# ---------------------------------------------------------------- §17-24


def test_approved_clinician(catalogue: Catalogue) -> None:
    ac = catalogue.role("approved-clinician")
    # roles-facts §17: practitioner psychologists, first-level MH/LD nurses, OTs and social
    # workers can be approved by portfolio to a regional panel
    route = _route(ac, "ac-portfolio")
    # by registration, so a CAMHS nurse (NMC, mental health field) is eligible too
    assert _refs(route.requires) == {
        "hcpc-practitioner-psychologist",
        "nmc-mh",
        "nmc-ld",
        "hcpc-ot",
        "swe-social-worker",
    }
    assert route.programme == "np-ac-portfolio"
    # §17: the psychologist criterion became HPC registration on 1 July 2009
    assert "1 July 2009" in ac.note
    assert "http://winterhead.co.uk/ac-approval" in _urls(catalogue, route.sources)


def test_arts_therapists(catalogue: Catalogue) -> None:
    # roles-facts §20: HCPC after an approved master's; entry posts typically band 6
    titles = {
        "art-therapist": "Art Therapist; Art Psychotherapist",
        "dramatherapist": "Dramatherapist",
        "music-therapist": "Music Therapist",
    }
    for role_id, title in titles.items():
        role = catalogue.role(role_id)
        assert role.regulation.kind == "statutory", role_id
        assert "HCPC" in role.regulation.body, role_id
        assert role.regulation.protected_title == title, role_id
        assert role.bands.qualified == "6", role_id
    # §20: a Level 7 apprenticeship is approved
    assert catalogue.programme("np-arts-therapist-apprenticeship").level == 7
    # §20: dance movement therapy is not HCPC-regulated
    assert "dance movement therapy" in _barrier(catalogue, "np-dmt-not-regulated").text


def test_mental_health_and_wellbeing_practitioner(catalogue: Catalogue) -> None:
    mhwp = catalogue.role("MHWP")
    # roles-facts §21: band 4 while training, band 5 once qualified; one-year training
    assert _bands(mhwp) == ("4", "5")
    pgcert = catalogue.programme("mhwp-pgcert")
    assert (pgcert.level, pgcert.credits, pgcert.months) == (7, 60, 12)
    gradcert = catalogue.programme("mhwp-gradcert")
    assert (gradcert.level, gradcert.months) == (6, 12)
    # §21: PgCert needs a degree (2:2); GradCert needs evidence of Level 5 study
    assert _route(mhwp, "mhwp-graduate").requires[0].ref == "degree"
    assert "2:2" in _route(mhwp, "mhwp-graduate").note
    assert _route(mhwp, "mhwp-non-graduate").requires[0].ref == "level-5-study"
    # §21: band 4 backfill if the employer commits to a band 5 post
    assert "band 4 backfill" in pgcert.note


def test_advanced_clinical_practitioner(catalogue: Catalogue) -> None:
    # roles-facts §23: Career Framework level 7; HEE and the RCN recommend band 8a
    for role_id in ("acp", "acp-mh"):
        role = catalogue.role(role_id)
        assert role.career_framework_level == 7, role_id
        assert role.bands.qualified == "8a", role_id
        assert "separate" in role.regulation.register, role_id  # not regulated separately
    # §23: master's level across the four pillars
    acp_msc = catalogue.programme("np-acp-msc")
    assert (acp_msc.level, acp_msc.credits) == (7, 180)
    assert (
        "https://sites.google.com/sheffield.ac.uk/new-roles-in-mental-health/research-findings/pen-portraits/advanced-practitioner"
        in (_urls(catalogue, _barrier(catalogue, "np-acp-banding").sources))
    )


def test_nurse_consultant(catalogue: Catalogue) -> None:
    role = catalogue.role("nurse-consultant")
    # roles-facts §24: Level 8 (doctoral) capabilities; band UNCONFIRMED (8b-8c cited)
    assert role.career_framework_level == 8
    assert role.bands.qualified == "8b-8c"
    assert "bands.qualified" in role.unverified
    assert "1998" in role.note and "Making a Difference" in role.note


# ---------------------------------------------------------------- §25 healthcare science

#: roles-facts §25: Career Framework level and AfC band (national profiles) for each role
HCS_LEVELS: dict[str, tuple[int, str | None, str]] = {
    "hcs-assistant": (2, None, "2"),  # support worker: levels 1/2/3 at bands 1/2/3
    "hcs-assistant-practitioner": (4, None, "4"),  # assistant/associate practitioner
    "hcs-practitioner": (5, None, "5"),  # practitioner: level 5, band 5 (PTP leads to level 5)
    "principal-clinical-scientist": (8, None, "8a-8c"),  # principal: level 8, bands 8a-c
    "consultant-clinical-scientist": (9, "7", "8c-9"),  # consultant 8c-9; HSST band 7 or above
}


def test_healthcare_science_levels_and_bands(catalogue: Catalogue) -> None:
    for role_id, (level, training, qualified) in HCS_LEVELS.items():
        role = catalogue.role(role_id)
        assert role.career_framework_level == level, role_id
        assert _bands(role) == (training, qualified), role_id
    # §25: clinical scientist at Career Framework level 6; STP trainees salaried at band 6
    scientist = catalogue.role("clinical-scientist")
    assert scientist.career_framework_level == 6
    assert scientist.bands.training == "6"
    # §25: assistants and associates at levels 1-4
    assert 1 <= (catalogue.role("hcs-associate").career_framework_level or 0) <= 4


def test_healthcare_science_training(catalogue: Catalogue) -> None:
    # roles-facts §25: PTP = accredited BSc with 50+ weeks of work-based training over 3 years
    ptp = catalogue.programme("hcs-ptp")
    assert (ptp.level, ptp.credits, ptp.months) == (6, 360, 36)
    assert "50 weeks" in ptp.note
    # §25: STP = 3 years with an accredited master's, salaried at band 6
    stp = catalogue.programme("hcs-stp")
    assert (stp.level, stp.credits, stp.months) == (7, 180, 36)
    assert "salaried" in stp.funding
    # §25: STP entry needs a 1st or 2:1 (or a 2:2 plus a relevant MSc or PhD)
    stp_entry = _route(catalogue.role("clinical-scientist"), "clinical-scientist-stp")
    assert stp_entry.requires[0].ref == "hcs-stp-eligible-degree"
    assert "2:1" in catalogue.qualification("hcs-stp-eligible-degree").title
    # §25: HSST = 5 years, doctoral level
    hsst = catalogue.programme("hcs-hsst")
    assert (hsst.level, hsst.months) == (8, 60)
    # §25: Level 7 Clinical Scientist apprenticeship ST0893
    assert catalogue.programme("hcs-clinical-scientist-apprenticeship").level == 7
    # §25: STP Equivalence needs 3 years at clinical-scientist level; HSS Equivalence 5 years
    practitioner = catalogue.role("hcs-practitioner")
    to_scientist = _progression(practitioner, "clinical-scientist", "hcs-stp-equivalence")
    assert _experience(to_scientist.requires) == {"hcs-practitioner": 36}
    scientist = catalogue.role("clinical-scientist")
    to_hss = _progression(scientist, "consultant-clinical-scientist", "hcs-hss-equivalence")
    assert _experience(to_hss.requires) == {"clinical-scientist": 60}


def test_healthcare_science_registers(catalogue: Catalogue) -> None:
    # roles-facts §25: STP (and STP Equivalence) lead to HCPC registration as a Clinical
    # Scientist; PTP Equivalence to the AHCS Practitioner register; HSS Equivalence to the AHCS
    # Higher Specialist Scientist register; the AHCS register is PSA-accredited
    scientist = catalogue.role("clinical-scientist").regulation
    assert (scientist.kind, scientist.protected_title) == ("statutory", "Clinical scientist")
    assert "HCPC" in scientist.register
    practitioner = catalogue.role("hcs-practitioner").regulation
    assert practitioner.kind == "accredited-register"
    assert "AHCS Healthcare Science Practitioner register" in practitioner.register
    consultant = catalogue.role("consultant-clinical-scientist").regulation
    assert "Higher Specialist Scientist Register" in consultant.register
    assert "PSA" in _barrier(catalogue, "hcs-ahcs-only-register").text


# ---------------------------------------------------------------- §26 Career Framework

#: roles-facts §26: level names (levels 1-9)
CF_NAMES = {
    1: "Initial entry level jobs",
    2: "Support workers",
    3: "Senior healthcare assistants/technicians",
    4: "Assistant/Associate Practitioner",
    5: "Practitioners",
    6: "Senior/Specialist Practitioners",
    7: "Advanced Practitioners",
    8: "Consultant Practitioner",
    9: "More Senior Staff",
}

#: roles-facts §26: NES mapping of Career Framework levels to AfC bands ("7/8" spans band 8a-8d)
NES_BANDS: dict[int, set[str]] = {
    2: {"2", "3"},
    3: {"3", "4"},
    4: {"4", "5"},
    5: {"5", "6"},
    6: {"6", "7"},
    7: {"7", "8a", "8b", "8c", "8d"},
    8: {"8a", "8b"},
}


def _name(text: str) -> str:
    return text.lower().removesuffix("s")


def test_career_framework_level_names() -> None:
    # roles-facts §26: nine levels, named as the reference names them (case and plural aside)
    assert sorted(CAREER_FRAMEWORK_LEVELS) == list(range(1, 10))
    for level, name in CF_NAMES.items():
        assert _name(CAREER_FRAMEWORK_LEVELS[level]) == _name(name), level


def test_career_framework_levels_match_bands(catalogue: Catalogue) -> None:
    # roles-facts §26: a role's qualified band must fall in its level's NES band range
    checked = 0
    for role in catalogue.roles:
        level = role.career_framework_level
        if level not in NES_BANDS or not role.bands.qualified:
            continue
        low = _span(role.bands.qualified)[0]
        assert low in NES_BANDS[level], (role.id, level, role.bands.qualified)
        checked += 1
    assert checked >= 30
    # §26: NES names level 3 "Senior Healthcare Support Worker"
    assert catalogue.role("senior-hcsw").career_framework_level == 3


# ---------------------------------------------------------------- §27 RQF/FHEQ levels and credits

#: roles-facts §27: QAA credit sizes of awards (credits, FHEQ level)
AWARD_CREDITS: dict[str, tuple[int, int]] = {
    "PG Cert": (60, 7),
    "PG Dip": (120, 7),
    "MSc": (180, 7),
    "DClinPsy": (540, 8),
    "BSc (Hons)": (360, 6),
    "Foundation Degree (FdSc)": (240, 5),
    "Foundation degree": (240, 5),
}


def test_qualification_levels(catalogue: Catalogue) -> None:
    # roles-facts §27: Level 3 = A level etc.; 5 = DipHE/foundation degree; 6 = bachelor's
    expected = {"gcse": 2, "level-3": 3, "level-5-study": 5, "degree": 6, "psychology-degree": 6}
    for qualification_id, level in expected.items():
        assert catalogue.qualification(qualification_id).level == level, qualification_id
    assert RQF_LEVELS[7] == "Master's degree, PG Cert, PG Dip"
    assert RQF_LEVELS[8] == "Doctorate"


def test_award_credits(catalogue: Catalogue) -> None:
    # roles-facts §27: PG Cert 60, PG Dip 120, master's 180, professional doctorate 540,
    # bachelor's 360, foundation degree 240
    checked = 0
    for programme in catalogue.programmes:
        if programme.award not in AWARD_CREDITS:
            continue
        credits, level = AWARD_CREDITS[programme.award]
        assert programme.level == level, programme.id
        # a top-up's own credits are its final year; its exit award carries the full size
        final = max((programme.credits or 0, *(e.credits for e in programme.exit_awards)))
        assert final in (0, credits), programme.id
        checked += programme.credits is not None
    assert checked >= 15
    # §27: one full-time year is generally 120 credits (three-year honours degrees)
    for programme_id in ("ahp-ot-bsc", "ahp-physio-bsc", "hcs-ptp", "np-rn-mh-degree"):
        programme = catalogue.programme(programme_id)
        assert programme.credits == 120 * (programme.months or 0) // 12, programme_id


def test_exit_awards_and_prior_learning(catalogue: Catalogue) -> None:
    # roles-facts §27: CertHE 120 (L4); DipHE and foundation degree 240 (L5); bachelor's 360
    ou = catalogue.programme("ou-bsc-psychology")
    assert [e.credits for e in ou.exit_awards] == [120, 240, 360]
    fd = catalogue.programme("step-foundation-degree")
    by_level: dict[int | None, int] = {}
    for module in fd.modules:
        by_level[module.level] = by_level.get(module.level, 0) + module.credits
    assert by_level == {4: 120, 5: 120}
    assert {e.title: e.credits for e in fd.exit_awards} == {"CertHE": 120, "Foundation Degree": 240}
    modules = {m.id: m for m in fd.modules}
    certhe = catalogue.qualification("step-certhe")
    assert certhe.level == 4
    assert sum(modules[m].credits for m in certhe.modules) == 120
    assert {modules[m].level for m in certhe.modules} == {4}
    assert catalogue.qualification("step-foundation-degree").level == 5
    # §27: DClinPsy's master's exit award is a taught master's size (180)
    assert [e.credits for e in catalogue.programme("dclinpsy").exit_awards] == [180]


# ---------------------------------------------------------------- §28 where sources disagree


def test_disagreement_cwp_qualification(catalogue: Catalogue) -> None:
    # roles-facts §28: a 1-year 60-credit PG Cert of 3 modules (older) versus a 120-credit
    # 6-module Diploma (2022 curriculum); both recorded, value flagged
    diploma = catalogue.programme("cwp-pgdip")
    assert "60-credit PG Cert" in diploma.note and "120-credit" in diploma.note
    assert diploma.unverified


def test_disagreement_cwp_emhp_accreditation(catalogue: Catalogue) -> None:
    # roles-facts §28: PPN says "not accredited"; BABCP and GMMH say BPS accreditation exists
    # (CWP from Jan 2023, EMHP from 2022)
    cwp = catalogue.programme("cwp-pgdip")
    assert '"not accredited"' in cwp.note and "January 2023" in cwp.note
    for programme_id in ("emhp-pgdip", "emhp-graddip"):
        emhp = catalogue.programme(programme_id)
        assert '"not accredited"' in emhp.note and "2022" in emhp.note, programme_id
        assert emhp.unverified, programme_id
        assert "ppn-emhp" in emhp.sources, programme_id
    assert "babcp-cwp-registration" in cwp.sources


def test_disagreement_emhp_contract_length(catalogue: Catalogue) -> None:
    # roles-facts §28: EMHP trainee contracts of 12 or 18 months in different adverts
    route = _route(catalogue.role("EMHP"), "emhp-graduate")
    assert "12" in route.note and "18-month" in route.note
    assert route.unverified
    assert "healthjobs-emhp" in route.sources


def test_disagreement_nursing_bursary(catalogue: Catalogue) -> None:
    # roles-facts §28: £5,000-£8,000 (2020) versus £6,000 (current) Learning Support Fund
    for programme_id in ("np-rn-mh-degree", "cyp-mnurs-dual-field"):
        programme = catalogue.programme(programme_id)
        assert "£6,000" in programme.note and "£5,000-£8,000" in programme.note, programme_id
        assert programme.unverified, programme_id
        assert {"np-oneworkforce-lsf", "np-ucas-rmn"} <= set(programme.sources), programme_id
    assert "£5,000-£8,000" in catalogue.role("mental-health-nurse").note


def test_disagreement_arts_therapist_band(catalogue: Catalogue) -> None:
    # roles-facts §28: band 6 (Health Careers) versus mostly band 7 (BAAT)
    for role_id in ("art-therapist", "dramatherapist", "music-therapist"):
        role = catalogue.role(role_id)
        assert role.bands.qualified == "6", role_id
        assert "band 7" in role.note, role_id
        assert "bands.qualified" in role.unverified, role_id
    art = catalogue.role("art-therapist")
    assert (
        "https://baat.org/app/uploads/newsbriefings/newsbriefing-summer-2022/summer-2022-reflections-on-a-development-post-63471.html"
        in (_urls(catalogue, art.sources))
    )


def test_disagreement_acp_band(catalogue: Catalogue) -> None:
    # roles-facts §28: band 8a recommended versus band 7 common
    for role_id in ("acp", "acp-mh"):
        role = catalogue.role(role_id)
        assert "8a" in role.note and "band 7" in role.note, role_id
        assert "bands.qualified" in role.unverified, role_id


def test_disagreement_approved_clinician_social_workers(catalogue: Catalogue) -> None:
    # roles-facts §28: the instructions say HCPC-registered social workers, but Social Work
    # England has regulated them since December 2019
    ac = catalogue.role("approved-clinician")
    assert "HCPC" in ac.note and "Social Work England" in ac.note and "2019" in ac.note
    assert "regulation.register" in ac.unverified
    assert "SWE" in ac.regulation.register


def test_disagreement_healthcare_science_levels(catalogue: Catalogue) -> None:
    # roles-facts §28: a Trust page calls assistant "Level 2", associate "Level 4" and
    # practitioner "Level 6" (qualification levels); NHS Employers puts practitioner at level 5
    assistant = catalogue.role("hcs-assistant")
    assert '"Level 2"' in assistant.note and '"Level 6"' in assistant.note
    practitioner = catalogue.role("hcs-practitioner")
    assert practitioner.career_framework_level == 5
    assert '"Level 6"' in practitioner.note
    for role_id in ("hcs-assistant", "hcs-associate", "hcs-practitioner"):
        assert "career_framework_level" in catalogue.role(role_id).unverified, role_id
    assert "https://joinourdorset.nhs.uk/start/science/" in _urls(catalogue, assistant.sources)


# ---------------------------------------------------------------- facts corrected or added by the audit
# Each test below names the primary source the value was read from (2026-12) and fails when the
# data drifts from it.

#: Apprenticeship standard references, from the standard pages (Skills England / IfATE) or the
#: occupational-map code the data cites.
STANDARDS = {
    "np-rnda": "ST0781",
    "np-rnda-topup": "ST0781",
    "np-na-fd-apprenticeship": "ST0827",
    "ahp-physio-apprenticeship": "ST0519",
    "ahp-ot-apprenticeship": "ST0517",
    "ahp-radiography-apprenticeship": "ST0619",
    "ahp-dietitian-apprenticeship": "ST0599",
    "ahp-acp-apprenticeship": "ST0564",
    "np-acp-apprenticeship": "ST0564",
    "hcs-assistant-apprenticeship": "ST0218",
    "hcs-associate-apprenticeship": "ST0220",
    "hcs-practitioner-apprenticeship": "ST0413",
    "hcs-clinical-scientist-apprenticeship": "ST0893",
    "pwp-apprenticeship": "ST0568",
    "step-ap-apprenticeship": "ST0215",
    "step-l3-shsw-apprenticeship": "ST0217",
    "cap-msc-apprenticeship": "ST0591",
    "fsp-apprenticeship": "ST1310",
    "np-sw-apprenticeship": "ST0510",  # occupational map OCC0510 lists ST0510 (Level 6)
}

#: Maximum funding bands (£) as the standard pages, Skills for Health or the professional body state.
FUNDING_BANDS = {
    "np-rnda": 26000,  # Skills for Health HASO: "The maximum funding band ... is £26,000"
    "np-rnda-topup": 26000,
    "ahp-physio-apprenticeship": 24000,  # CSP: funding tariff set at a maximum of £24k
    "ahp-acp-apprenticeship": 12000,
    "np-acp-apprenticeship": 12000,
    "hcs-assistant-apprenticeship": 8000,
    "hcs-associate-apprenticeship": 16000,
    "hcs-practitioner-apprenticeship": 27000,
    "pwp-apprenticeship": 9000,
    "step-ap-apprenticeship": 12000,
    "np-peer-worker-l3": 5000,
    "fsp-apprenticeship": 16000,
    "ahp-radiography-apprenticeship": 24000,  # SoR: band 27, upper limit £24,000 (Dec 2021)
    "ahp-radiography-ap-topup": 24000,
    "np-arts-therapist-apprenticeship": 17000,  # Find apprenticeship training: up to £17,000
}


@pytest.mark.parametrize(("programme", "standard"), sorted(STANDARDS.items()))
def test_apprenticeship_standard_references(
    catalogue: Catalogue, programme: str, standard: str
) -> None:
    found = catalogue.programme(programme)
    assert found.standard == standard
    assert "apprenticeship" in found.funding


@pytest.mark.parametrize(("programme", "band"), sorted(FUNDING_BANDS.items()))
def test_apprenticeship_funding_bands(catalogue: Catalogue, programme: str, band: int) -> None:
    assert catalogue.programme(programme).funding_band == band


def test_every_band_and_cost_is_stated_where_it_is_cited(catalogue: Catalogue) -> None:
    """A funding band or training cost is a figure someone published, so the programme's note
    or the title of a source it cites names it in pounds (£24,000). A band entered without the
    page that states it fails here; that is how issue #16 keeps "never invent a number"."""
    unstated = []
    for programme in catalogue.programmes:
        cited = " ".join(
            f"{catalogue.source(s).title} {catalogue.source(s).note}" for s in programme.sources
        )
        for field in ("funding_band", "cost"):
            value = getattr(programme, field)
            if value is not None and f"£{value:,}" not in f"{programme.note} {cited}":
                unstated.append((programme.id, field, value))
    assert unstated == []


def test_registered_nurse_degree_apprenticeship_band_is_26000_not_27000(
    catalogue: Catalogue,
) -> None:
    rnda = catalogue.programme("np-rnda")
    assert (rnda.cost, rnda.funding_band) == (26000, 26000)
    assert "27,000" not in rnda.note and "£26,000" in rnda.note
    assert "np-haso-rnda" in rnda.sources
    assert "haso.skillsforhealth.org.uk" in catalogue.source("np-haso-rnda").url


@pytest.mark.parametrize(
    "programme",
    [
        "cap-msc-apprenticeship",
        "fsp-apprenticeship",
        "ahp-acp-apprenticeship",
        "np-acp-apprenticeship",
        "np-arts-therapist-apprenticeship",
        "hcs-clinical-scientist-apprenticeship",
    ],
)
def test_level_7_apprenticeships_record_the_january_2026_funding_change(
    catalogue: Catalogue, programme: str
) -> None:
    # From January 2026 the levy funds new Level 7 apprentices only if under 22 (HL14081; York).
    found = catalogue.programme(programme)
    assert found.level == 7
    assert "January 2026" in found.note and "under 22" in found.note
    assert {"np-hl14081", "ahp-l7-funding-hl14081", "l7-funding-york"} & set(found.sources)


def test_counsellor_three_year_route_leads_to_band_7(catalogue: Catalogue) -> None:
    # PCPB: "Most graduates are offered band 7 roles in the NHS at the end of their training."
    counsellor = catalogue.role("counsellor-tt")
    assert "most graduates are offered band 7" in counsellor.note
    assert "not stated" not in counsellor.note
    assert "psy-pcpb-nhs-programme" in counsellor.sources
    assert catalogue.source("psy-pcpb-nhs-programme").accessed == "2026-12"
    assert catalogue.source("psy-pcpb-nhs-programme").kind == "national-body"


@pytest.mark.parametrize(
    "programme",
    [
        "ahp-ot-bsc",
        "ahp-physio-bsc",
        "ahp-slt-bsc",
        "ahp-paramedic-bsc",
        "ahp-dietitian-bsc",
        "ahp-radiography-bsc",
        "np-rn-mh-degree",
        "np-sw-degree",
    ],
)
def test_three_year_degree_fees_at_the_2026_27_cap(catalogue: Catalogue, programme: str) -> None:
    # DfE: the 2026/27 maximum undergraduate fee is £9,790; three years at that cap.
    degree = catalogue.programme(programme)
    assert degree.months == 36
    assert degree.fee == 3 * 9790
    assert "£9,790" in degree.note and "fee-cap-2026" in degree.sources


def test_physiotherapy_and_ot_apprenticeship_prices(catalogue: Catalogue) -> None:
    physio = catalogue.programme("ahp-physio-apprenticeship")
    assert {"ahp-se-st0519", "ahp-csp-physio-approval"} <= set(physio.sources)
    ot = catalogue.programme("ahp-ot-apprenticeship")
    # ARU's levy price; the standard's own band was not read, so it is a fee, not a band.
    assert (ot.fee, ot.funding_band) == (24000, None)


def test_conflicts_resting_on_changed_or_silent_pages_say_so(catalogue: Catalogue) -> None:
    # The EMHP 18-month contract advert has since changed; the senior PWP guide never gave a
    # minimum time as a PWP. Both stay flagged, and the source says why.
    assert "since been changed" in catalogue.source("healthjobs-emhp").note
    assert "does not say how long" in catalogue.source("apprenticeship-guide-pwp").note
    assert _route(catalogue.role("senior-PWP"), "senior-pwp-experience").unverified
    assert _route(catalogue.role("EMHP"), "emhp-graduate").unverified


def test_every_source_has_a_kind_and_an_acceptable_host(catalogue: Catalogue) -> None:
    from datetime import date

    from careerpath.analysis.quality import quality_report

    report = quality_report(catalogue, date(2026, 12, 2))
    assert dict(report.sources_by_kind).get("(no kind)", 0) == 0
    assert report.suspect_sources == ()
    assert report.text_leaks == ()
    assert not catalogue.has("sources", "careerpath-brief")


def test_no_dramatherapy_or_music_therapy_apprenticeship_provider(catalogue: Catalogue) -> None:
    # Teesside's MSc Art Psychotherapy is the only arts therapist apprenticeship found running;
    # Skills for Health (2022) named Gloucestershire for all three, so the data must say the
    # sources disagree and flag the programme rather than assert either side.
    found = catalogue.programme("np-arts-therapist-apprenticeship")
    assert (
        "Teesside" in found.note and "no provider of a dramatherapy or music therapy" in found.note
    )
    assert "Gloucestershire" in found.note and "unconfirmed" in found.note and found.unverified
    assert found.standard == "ST0633" and "np-haso-st0633" in found.sources


def test_cap_apprenticeship_level_7_change_cites_the_bps(catalogue: Catalogue) -> None:
    assert "psy-bps-l7-cap" in catalogue.programme("cap-msc-apprenticeship").sources
    assert catalogue.source("psy-bps-l7-cap").url.startswith("https://www.bps.org.uk/")


@pytest.mark.parametrize(
    ("programme", "fee"),
    [("hcs-ptp-equivalence", 50), ("hcs-stp-equivalence", 380), ("hcs-hss-equivalence", 280)],
)
def test_ahcs_equivalence_fees(catalogue: Catalogue, programme: str, fee: int) -> None:
    # AHCS fee schedule: STP equivalence £380, HSS equivalence £280, PTP equivalence £50.
    found = catalogue.programme(programme)
    assert found.fee == fee and "hcs-ahcs-fees" in found.sources
    assert f"£{fee}" in found.note and "not recorded" not in found.note


def test_four_year_integrated_masters_fee(catalogue: Catalogue) -> None:
    mnurs = catalogue.programme("cyp-mnurs-dual-field")
    assert (mnurs.months, mnurs.fee) == (48, 4 * 9790)
    assert "fee-cap-2026" in mnurs.sources


def test_professional_body_pages_are_not_counted_as_adverts(catalogue: Catalogue) -> None:
    for source_id in ("psy-bps-dcop-careers", "psy-bps-dcop-employment"):
        assert catalogue.source(source_id).kind == "national-body", source_id


def test_counselling_psychology_doctorate_part_time_length(catalogue: Catalogue) -> None:
    # Wolverhampton: full-time 3 years, part-time 5 years.
    doctorate = catalogue.programme("cop-doctorate")
    assert (doctorate.months, doctorate.part_time_months) == (36, 60)
    assert "psy-wlv-cop" in doctorate.sources


def test_arts_therapies_masters_lengths_and_fees(catalogue: Catalogue) -> None:
    # Goldsmiths: art psychotherapy 2 years full time or 3 part time; Roehampton music therapy
    # 2 years full time, 3 part time, 180 credits; Derby dramatherapy £13,500 (2024/25).
    art = catalogue.programme("np-art-psychotherapy-ma")
    assert (art.months, art.part_time_months) == (24, 36)
    music = catalogue.programme("np-music-therapy-ma")
    assert (music.months, music.part_time_months, music.credits) == (24, 36, 180)
    drama = catalogue.programme("np-dramatherapy-ma")
    assert drama.fee == 13500 and "2024/25" in drama.note
    assert "np-derby-dramatherapy-fees" in drama.sources


@pytest.mark.parametrize("programme", ["ahp-acp-msc", "np-acp-msc"])
def test_acp_msc_fee(catalogue: Catalogue, programme: str) -> None:
    # Nottingham: MSc Advanced Clinical Practice, UK fee £11,475 for the whole MSc.
    found = catalogue.programme(programme)
    assert found.fee == 11475 and "acp-nottingham-msc" in found.sources
    assert "£11,475" in found.note


def test_social_work_masters_fee(catalogue: Catalogue) -> None:
    # Leeds Trinity: £8,000 a year, £16,000 for the two-year MA; NHSBSA bursary up to £4,052.
    masters = catalogue.programme("np-sw-masters")
    assert (masters.months, masters.fee) == (24, 16000)
    assert "£4,052" in masters.note and "np-leedstrinity-ma-sw" in masters.sources


# ---------------------------------------------------------------- round 2 (issue audit)


def test_graduate_entry_mental_health_nursing_is_a_level_7_masters(catalogue: Catalogue) -> None:
    # Nottingham, Liverpool and Cumbria run it as a two-year MSc (FHEQ Level 7).
    found = catalogue.programme("np-rn-mh-graduate")
    assert (found.level, found.months) == (7, 24)
    assert {"np-nottingham-gen-mh-msc", "np-liverpool-mh-msc"} <= set(found.sources)
    assert "not confirmed" not in found.note


@pytest.mark.parametrize(
    ("programme", "kind"),
    [
        ("hcs-ptp-equivalence", "assessment"),
        ("hcs-stp-equivalence", "assessment"),
        ("hcs-hss-equivalence", "assessment"),
        ("np-ac-portfolio", "assessment"),
        ("ahp-return-to-practice", "updating"),
    ],
)
def test_equivalence_portfolio_and_updating_are_not_levelled_courses(
    catalogue: Catalogue, programme: str, kind: str
) -> None:
    # AHCS equivalence and AC approval judge evidence; HCPC return to practice is a period of
    # updating. None awards a qualification with an academic level, so none may claim one.
    found = catalogue.programme(programme)
    assert found.kind == kind
    assert found.level is None and found.credits is None


def test_healthcare_support_worker_apprenticeship_standard_and_band(catalogue: Catalogue) -> None:
    # Skills for Health's copy of ST0216 v1.1: Level 2, 12 months to gateway, £3,000.
    found = catalogue.programme("np-hcsw-apprenticeship")
    assert (found.standard, found.level, found.months, found.funding_band) == (
        "ST0216",
        2,
        12,
        3000,
    )
    assert "np-haso-st0216" in found.sources


@pytest.mark.parametrize(
    ("source", "host"),
    [
        ("ahp-hc-radiographer-entry", "https://www.healthcareers.nhs.uk/"),
        ("psy-ucl-capt-dpsych", "https://www.ucl.ac.uk/"),
    ],
)
def test_sources_that_were_copies_now_cite_the_publisher(
    catalogue: Catalogue, source: str, host: str
) -> None:
    found = next(s for s in catalogue.sources if s.id == source)
    assert found.url.startswith(host) and "mirror" not in found.title


def test_child_psychotherapy_doctorate_fee_at_the_2025_26_rate(catalogue: Catalogue) -> None:
    # UCL DPsych: UK fee £6,215 a year in 2025/26, four calendar years.
    found = catalogue.programme("capt-doctorate")
    assert (found.fee, found.months) == (4 * 6215, 48)
    assert "£6,215" in found.note and "psy-ucl-capt-dpsych" in found.sources


def test_counselling_psychology_doctorate_fee(catalogue: Catalogue) -> None:
    # York St John DCounPsy: UK fee £9,250 a year full time in 2024/25, three years.
    found = catalogue.programme("cop-doctorate")
    assert (found.fee, found.months) == (3 * 9250, 36)
    assert "2024/25" in found.note and "psy-yorksj-cop" in found.sources


def test_peer_worker_apprenticeship_standard(catalogue: Catalogue) -> None:
    # Skills for Health's copy of the standard: ST0896, Level 3.
    found = catalogue.programme("np-peer-worker-l3")
    assert (found.standard, found.level, found.funding_band) == ("ST0896", 3, 5000)


_ONS_SOC_VOLUME_2 = (
    "https://www.ons.gov.uk/methodology/classificationsandstandards/"
    "standardoccupationalclassificationsoc/soc2020/soc2020volume2codingrulesandconventions"
)


def test_soc_codes_cite_the_ons_coding_index_page_not_a_copy(catalogue: Catalogue) -> None:
    # ONS publishes the SOC 2020 coding index on its Volume 2 page; a copy of the workbook in a
    # code repository is not the publisher, and third-party visa-sponsor pages are not either.
    index_sources = [s for s in catalogue.sources if s.id.startswith("soc2020-")]
    assert len(index_sources) >= 39
    assert all(s.url == _ONS_SOC_VOLUME_2 for s in index_sources)
    assert all(s.kind == "national-body" and "version 12" in s.note for s in index_sources)
    # Every role with a SOC code that is not flagged unverified cites the index.
    for role in catalogue.roles:
        if role.soc and "soc" not in role.unverified:
            assert catalogue.has("sources", f"soc2020-{role.id}") or any(
                s.id.startswith("soc2020-") and role.soc in s.title for s in index_sources
            ), role.id


def test_no_source_is_on_a_code_hosting_or_course_listing_site(catalogue: Catalogue) -> None:
    from careerpath.analysis.quality import suspect_host_reason

    found = {
        s.id: suspect_host_reason(s.url)
        for s in catalogue.sources
        if s.url and suspect_host_reason(s.url)
    }
    assert found == {}


@pytest.mark.parametrize(
    ("source", "host"),
    [
        ("np-goldsmiths-art-ma", "www.gold.ac.uk"),
        ("psy-roehampton-cop", "www.roehampton.ac.uk"),
        ("psy-teesside-cop", "www.tees.ac.uk"),
        ("np-brighton-amhp", "www.brighton.ac.uk"),
        ("ahp-hcpc-updating", "mrs.hcpc-uk.org"),
    ],
)
def test_programme_facts_cite_the_university_or_regulator(
    catalogue: Catalogue, source: str, host: str
) -> None:
    from urllib.parse import urlsplit

    found = catalogue.source(source)
    assert urlsplit(found.url).hostname == host
    assert found.kind in ("education-provider", "regulator")


def test_goldsmiths_art_psychotherapy_length_from_goldsmiths(catalogue: Catalogue) -> None:
    # Goldsmiths: "2 years full-time or 3 years part-time"; two 60-day placements.
    found = catalogue.programme("np-art-psychotherapy-ma")
    assert (found.months, found.part_time_months) == (24, 36)
    assert "np-goldsmiths-art-ma" in found.sources
    assert "two 60-day" in catalogue.source("np-goldsmiths-art-ma").title


def test_every_level_7_apprenticeship_records_the_january_2026_funding_change(
    catalogue: Catalogue,
) -> None:
    # Found by property, not by list: a new Level 7 apprenticeship must say it too.
    level_7 = [p for p in catalogue.programmes if p.level == 7 and "apprenticeship" in p.funding]
    assert len(level_7) >= 6
    for programme in level_7:
        assert "January 2026" in programme.note and "under 22" in programme.note, programme.id


@pytest.mark.parametrize(
    ("programme", "years"),
    [
        ("bsc-psychology-full-time", 3),
        ("hcs-ptp", 3),
        ("hcs-foundation-degree", 2),
        ("step-foundation-degree", 2),
        ("step-bsc-topup", 1),
    ],
)
def test_full_time_undergraduate_fees_use_the_2026_27_cap(
    catalogue: Catalogue, programme: str, years: int
) -> None:
    # DfE: the maximum undergraduate fee is £9,790 in 2026/27; the fee is the cap times the
    # full-time years, and the note says it is an assumption rather than a quoted price.
    found = catalogue.programme(programme)
    assert found.fee == 9790 * years and found.months == 12 * years
    assert "£9,790" in found.note and "assumption" in found.note
    assert "fee-cap-2026" in found.sources


def test_assistant_practitioner_foundation_degree_names_its_standard(catalogue: Catalogue) -> None:
    # The FdSc is the Level 5 qualification of ST0215, whose maximum band is £12,000.
    fd = catalogue.programme("step-foundation-degree")
    apprenticeship = catalogue.programme("step-ap-apprenticeship")
    assert (fd.standard, fd.funding_band) == ("ST0215", 12000)
    assert (apprenticeship.standard, apprenticeship.funding_band) == (fd.standard, fd.funding_band)


def test_graduate_entry_mental_health_nursing_does_not_require_a_health_degree(
    catalogue: Catalogue,
) -> None:
    # Liverpool's pre-registration MSc "welcome[s] applications from graduates with an Honours
    # degree in any subject"; Prospects says health-related. Both are kept and flagged.
    route = _route(catalogue.role("mental-health-nurse"), "rmn-graduate")
    texts = [r.text for r in route.requires if r.kind == "text"]
    assert not any("health-related" in t for t in texts)
    assert "Where sources disagree" in route.note and "any subject" in route.note
    assert route.unverified
    assert {"np-prospects-rmn", "np-liverpool-mh-msc"} <= set(route.sources)
    assert "620 theory hours" in " ".join(texts)


def test_nursing_associate_band_is_derived_and_flagged(catalogue: Catalogue) -> None:
    # A training hub gives the employer's 5% share as £750, so the band is £15,000; the
    # standard page itself was not read, so the programme stays flagged.
    found = catalogue.programme("np-na-fd-apprenticeship")
    assert (found.standard, found.funding_band) == ("ST0827", 15000)
    assert found.funding_band * 5 // 100 == 750
    assert "£750" in found.note and found.unverified
    assert "np-sds-hub-na-levy" in found.sources


def test_occupational_therapy_apprenticeship_price_has_two_providers(catalogue: Catalogue) -> None:
    # ARU (levy price) and Health Sciences University (2025/26 course fee) both give £24,000.
    found = catalogue.programme("ahp-ot-apprenticeship")
    assert found.fee == 24000 and found.funding_band is None
    assert {"ahp-aru-ot-employer", "ahp-hsu-ot-apprenticeship"} <= set(found.sources)
    assert "ST0517" in catalogue.source("ahp-hsu-ot-apprenticeship").title


def test_open_university_psychology_degree_fee_is_six_modules(catalogue: Catalogue) -> None:
    # OU England: £3,636 per 60-credit module; 360 credits is six modules.
    found = catalogue.programme("ou-bsc-psychology")
    assert found.credits == 360 and found.fee == 3636 * 360 // 60
    assert "ou-fees-england" in found.sources
    assert catalogue.source("ou-fees-england").url.startswith("https://www.open.ac.uk/")


@pytest.mark.parametrize(
    ("programme", "yearly", "source", "year"),
    [
        ("ahp-physio-msc", 9250, "ahp-birmingham-physio-msc", "2025"),
        ("np-art-psychotherapy-ma", 12650, "np-brunel-art-ma-2024", "2024/25"),
        ("np-rn-mh-graduate", 9250, "np-nottingham-gen-mh-msc-2020", "2020"),
        ("ahp-slt-pg", 9250, "ahp-city-slt-msc-2020", "2020"),
    ],
)
def test_postgraduate_pre_registration_fees_are_two_years_of_a_university_yearly_fee(
    catalogue: Catalogue, programme: str, yearly: int, source: str, year: str
) -> None:
    # Each university page gives one fee for full-time study; read as the yearly fee, the
    # two-year programme costs twice that. The year the fee applies to is named in the note,
    # and the programme stays flagged because the "per year" reading is an inference.
    found = catalogue.programme(programme)
    assert found.months == 24 and found.fee == 2 * yearly
    assert f"£{yearly:,}" in found.note and year in found.note
    assert found.unverified
    assert source in found.sources
    cited = catalogue.source(source)
    assert cited.kind == "education-provider" and cited.url.startswith("https://")
    assert f"£{yearly:,}" in cited.title


def test_dramatherapy_without_a_degree_is_at_the_course_discretion(catalogue: Catalogue) -> None:
    """Health Careers (read 2026-12-03): without a degree you "may be accepted" on a year's
    work with a relevant client group. That is the course's choice, so the route shows it as
    an assumption rather than as open to anyone with the year's experience."""
    role = next(r for r in catalogue.roles if r.id == "dramatherapist")
    route = _route(role, "dramatherapy-experience")
    assert "may be accepted" in _texts(route.requires)
    assert "degree" not in {r.ref for r in route.requires}


def test_a_qualified_pwp_has_studied_above_level_5(catalogue: Catalogue) -> None:
    """Every way into PWP is a Level 6 or 7 programme, so a PWP holds Level 5 study: a PWP
    asking for CWP (whose non-graduate way in asks for Level 5 study) was once sent on a
    six-year degree first."""
    from careerpath.analysis.holdings import close

    pwp = catalogue.role("PWP")
    assert "level-5-study" in close(catalogue, ["PWP"])
    assert "degree" not in close(catalogue, ["PWP"])  # the Graduate Certificate is no degree
    levels = {catalogue.programme(r.programme).level for r in pwp.entry_routes if r.programme}
    assert levels and all(level is not None and level >= 6 for level in levels)


# ---------------------------------------------------------------- fees found for unpriced programmes


def test_pre_registration_ot_masters_fee_is_two_royal_holloway_years(catalogue: Catalogue) -> None:
    """Royal Holloway, MSc Occupational Therapy (Pre-reg), 2025 entry (read 2026-12-03): two
    years full time, "UK fees: £9,535". Read as the yearly fee, two years cost £19,070; the
    reading is an inference, so the programme stays flagged."""
    found = catalogue.programme("ahp-ot-prereg-msc")
    assert found.months == 24 and found.fee == 2 * 9535
    assert "£9,535" in found.note and "2025" in found.note and found.unverified
    cited = catalogue.source("ahp-royalholloway-ot-msc")
    assert "ahp-royalholloway-ot-msc" in found.sources
    assert cited.kind == "education-provider" and "royalholloway.ac.uk/" in cited.url
    assert "£9,535" in cited.title and cited.accessed == "2026-12-03"


def test_hcpc_return_to_practice_costs_the_readmission_fee(catalogue: Catalogue) -> None:
    """HCPC, Apply for readmission (read 2026-12-03): a non-refundable readmission fee of
    £290.90 that includes the first year of registration. The updating period has no course
    fee, so the readmission fee (rounded to whole pounds) is what a self-funded returner pays."""
    found = catalogue.programme("ahp-return-to-practice")
    assert found.fee == round(290.90) == 291
    assert "£290.90" in found.note and "£800" in found.note
    # NHS England funds returners (£800 support), so the funded step costs the person nothing
    # and the readmission fee is what self-funding it would cost.
    assert person_fee(found, found.funding) == 0
    assert self_funded_fee(found, found.funding) == 291
    cited = catalogue.source("ahp-hcpc-readmission-fee")
    assert {"ahp-hcpc-readmission-fee", "ahp-clch-rtp"} <= set(found.sources)
    assert cited.kind == "regulator" and cited.url.startswith("https://www.hcpc-uk.org/")
    assert "£290.90" in cited.title
    assert "£800" in catalogue.source("ahp-clch-rtp").title


def test_think_ahead_charges_no_tuition_fee(catalogue: Catalogue) -> None:
    """Community Care (2025): Think Ahead trainees qualify on a bursary "and no tuition fees";
    the DHSC is not renewing the contract, so the 2025 cohort is the last. The fee is £0, not
    unknown, and stays flagged until Think Ahead's own statement is read."""
    found = catalogue.programme("np-think-ahead")
    assert found.fee == 0 and person_fee(found, found.funding) == 0
    assert "no tuition fees" in found.note and "2025 cohort is the last" in found.note
    assert found.unverified and "np-cc-think-ahead-2025" in found.sources
    assert "no tuition fees" in catalogue.source("np-cc-think-ahead-2025").title


# ---------------------------------------------------------------- round 3 (apprenticeship standards, credits)


def test_social_worker_apprenticeship_cites_the_standard(catalogue: Catalogue) -> None:
    # IfATE occupational map OCC0510: "ST0510: Social worker (integrated degree) (Level 6)
    # Approved for delivery". No citable page gave its funding band, so none is recorded.
    found = catalogue.programme("np-sw-apprenticeship")
    assert (found.standard, found.level, found.funding_band) == ("ST0510", 6, None)
    assert {"np-occmap-sw", "np-ifate-st0510"} <= set(found.sources)
    occmap = catalogue.source("np-occmap-sw")
    assert occmap.url.endswith("/maps/occupation/OCC0510") and occmap.accessed == "2026-12-03"
    assert catalogue.source("np-ifate-st0510").url.endswith("/st0510-v1-1")
    assert "ST0510" in found.title and "not found" in found.note


@pytest.mark.parametrize(
    ("programme", "credits", "source", "url"),
    [
        # Open University F92 course page: "Course type Masters degree Credits 180".
        (
            "ou-msc-psychology-conversion",
            180,
            "ou-f92-course",
            "https://www.open.ac.uk/postgraduate/qualifications/f92",
        ),
        # King's College London SWP PG Dip: "Credit value (UK/ECTS equivalent): 120 credits".
        (
            "swp-pgdip",
            120,
            "kcl-swp",
            "https://www.kcl.ac.uk/study/postgraduate-taught/courses/cyp-senior-wellbeing-practitioner",
        ),
    ],
)
def test_credits_read_from_the_university_page(
    catalogue: Catalogue, programme: str, credits: int, source: str, url: str
) -> None:
    found = catalogue.programme(programme)
    assert found.credits == credits and source in found.sources
    cited = catalogue.source(source)
    assert cited.url == url and cited.accessed == "2026-12-03"
    assert f"{credits} credits" in cited.title and cited.kind == "education-provider"


def test_healthcare_science_foundation_degree_is_not_an_apprenticeship(
    catalogue: Catalogue,
) -> None:
    # AHCS lists healthcare-science apprenticeship standards at Levels 2, 4 and 6 only, and the
    # Level 5 "senior associate" standard NSHCS announced in May 2016 stopped at an expression of
    # interest: the foundation degree is a student-loan or employer-funded course, with no
    # standard, and the entry route into the assistant-practitioner role funds it the same way.
    found = catalogue.programme("hcs-foundation-degree")
    assert "apprenticeship" not in found.funding and not found.standard
    assert found.funding_band is None and found.level == 5
    assert {"hcs-ahcs-apprenticeships", "hcs-nshcs-apprenticeship-update"} <= set(found.sources)
    assert "Level 2, 4 and 6" in catalogue.source("hcs-ahcs-apprenticeships").title
    assert "no" in found.note and "Level 5" in found.note
    route = _route(catalogue.role("hcs-assistant-practitioner"), "hcs-ap-foundation-degree")
    assert "apprenticeship" not in route.funding
    healthcare_science_l5 = [
        p
        for p in catalogue.programmes
        if p.id.startswith("hcs-") and p.level == 5 and "apprenticeship" in p.funding
    ]
    assert healthcare_science_l5 == []


def test_amhp_course_states_why_no_price_is_published(catalogue: Catalogue) -> None:
    # Birmingham's AMHP PGCert runs with nineteen local authorities, UEA's with Norfolk and
    # Suffolk County Councils, and Hertfordshire's needs a nomination and a statutory placement
    # from a local authority or trust; none of the pages gives a fee (searched 2026-12-03). The
    # programme says so instead of carrying a price, and cites the three pages.
    found = catalogue.programme("np-amhp-pgcert")
    assert (found.cost, found.fee, found.funding_band) == (None, None, None)
    assert "searched 2026-12-03" in found.no_public_price
    assert "nineteen local authorities" in found.no_public_price
    cited = {
        "np-birmingham-amhp": "nineteen",
        "np-uea-amhp": "Norfolk",
        "np-herts-amhp": "nomination",
    }
    assert set(cited) <= set(found.sources)
    for source_id, word in cited.items():
        source = catalogue.source(source_id)
        assert word in source.title and source.accessed == "2026-12-03", source_id
        assert source.kind == "education-provider" and source.url.startswith("https://www.")
