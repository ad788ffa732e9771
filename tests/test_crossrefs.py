"""Bundled roles' ESCO and UK SOC 2020 cross-references: real, pinned, sourced and shown.

An ESCO URI is checked against real ESCO v1.1.1 occupations: the extract in tests/data/esco,
which keeps every occupation cited here, and (``esco_full``) the whole release in
``../shared/data``, so a wrong or stale URI fails. SOC 2020 codes are pinned here with the evidence
for each; the role files cite the same evidence in their ``sources``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from careerpath.cli import app
from careerpath.model import Catalogue

from conftest import ESCO_EXTRACT, ESCO_RELEASE, bundled_catalogue

#: role id -> (ESCO v1.1.1 preferred label, the ESCO label that names the role).
#: Set only where the role is the ESCO occupation, not merely close to it. Roles left out on
#: purpose: PWP, senior PWP, CWP, EMHP, SWP, MHWP, CAP (no ESCO occupation; "psychologist" is
#: not one), AMHP (ESCO files it under mental health social worker, but AMHPs may also be
#: nurses, OTs or psychologists), approved clinician, ACPs (ESCO's is a nurse), nurse consultant,
#: CAMHS nurse, nursing associate, assistant practitioner, senior HCSW, AHP support worker and
#: healthcare science assistant (each spans occupations ESCO keeps apart), peer workers,
#: counsellor (ESCO's counsellors are social or educational), and the healthcare science
#: practitioner and clinical scientist grades.
ESCO_MATCHES: dict[str, tuple[str, str]] = {
    "art-therapist": ("art therapist", "art therapist"),
    "assistant-psychologist": ("assistant clinical psychologist", "assistant psychologist"),
    "child-psychotherapist": ("psychotherapist", "child psychotherapist"),
    "clinical-psychologist": ("clinical psychologist", "clinical psychologist"),
    # ESCO has no narrower counselling psychology occupation; its psychologist carries the labels.
    "counselling-psychologist": ("psychologist", "specialist counselling psychologist"),
    "diagnostic-radiographer": ("diagnostic radiographer", "diagnostic radiographer"),
    "dietitian": ("dietitian", "dietitian"),
    # ESCO's art therapist concept lists "dramatherapist" as one of its own labels.
    "dramatherapist": ("art therapist", "dramatherapist"),
    "family-therapist": ("psychotherapist", "systemic therapist"),
    "hcsw-mh": ("mental health support worker", "mental healthcare support worker"),
    "HI-CBT": ("psychotherapist", "cognitive behavioural therapist"),
    # ESCO files the UK fields of nursing (adult, children's, mental health...) under this one.
    "mental-health-nurse": ("nurse responsible for general care", "mental health nurse"),
    "mh-social-worker": ("mental health social worker", "mental health social worker"),
    "music-therapist": ("music therapist", "music therapist"),
    "OT": ("occupational therapist", "occupational therapist"),
    "paramedic": ("paramedic in emergency responses", "paramedic"),
    "physiotherapist": ("physiotherapist", "physiotherapist"),
    "speech-language-therapist": ("speech and language therapist", "speech and language therapist"),
}

# Evidence: ONS SOC 2020 Volume 2, the coding index, version 12 (16 April 2025), index entry ->
# sub-unit group, unless another source is named. Each role file has a soc2020-<id> source.
SOC: dict[str, str] = {
    # IfATE occupational map OCC0564 gives 2259/99 for the multi-professional ACP. The ONS index
    # codes "Advanced clinical practitioner" to 2234/99 (nurse practitioners); 2259 is kept.
    "acp": "2259",
    "acp-mh": "2259",
    # "Occupational therapy support worker", "Therapy assistant" 6131/04; "Physiotherapy assistant"
    "ahp-support-worker": "6131",
    "AMHP": "2469",  # "Approved mental health professional" 2469/99 Welfare professionals n.e.c.
    "art-therapist": "2229",  # "Art therapist" 2229/02 Art therapists
    "assistant-practitioner": "3219",  # "Assistant practitioner" (health services) 3219/99
    "assistant-psychologist": "2226",  # "Psychology assistant" 2226/99
    "child-psychotherapist": "2224",  # "Child and adolescent psychotherapist" 2224/02
    "clinical-psychologist": "2225",  # "Clinical psychologist" 2225/00
    "clinical-scientist": "2113",  # "Clinical scientist" 2113/04 Clinical scientists
    "consultant-clinical-scientist": "2113",  # implied by "Clinical scientist"; unverified
    "counselling-psychologist": "2226",  # "Counselling psychologist" 2226/01
    "counsellor-tt": "3224",  # "Mental health counsellor", "Primary care counsellor" 3224/99
    "cyp-mh-nurse": "2235",  # implied by "Mental health nurse" 2235/00; unverified
    "diagnostic-radiographer": "2254",  # "Diagnostic radiographer" 2254/01
    "dietitian": "2259",  # "Dietitian" 2259/03 Dietitians
    "dramatherapist": "2229",  # "Dramatherapist" 2229/04 Drama therapists
    "EMHP": "2259",  # "Education mental health practitioner" 2259/06 Mental health workers
    "family-therapist": "2229",  # "Family therapist" 2229/99 (also a Volume 1 title of 2229)
    "hcs-assistant": "3111",  # "Healthcare science assistant" 3111/99
    "hcs-assistant-practitioner": "3111",  # implied by "Associate practitioner" (lab); unverified
    "hcs-associate": "3111",  # IfATE occupational map OCC0220 (Healthcare science associate)
    "hcs-practitioner": "2259",  # implied by "Healthcare scientist" 2259/99; unverified
    "hcsw-mh": "6131",  # "Healthcare support worker", "Mental health nursing assistant" 6131/99
    # "CBT therapist", "Cognitive behavioural therapist" 2224/01 (the index puts "High intensity
    # therapist" in 2229/09 with PWPs)
    "HI-CBT": "2224",
    "mental-health-nurse": "2235",  # "Mental health nurse", "Psychiatric nurse" 2235/00
    "mh-social-worker": "2461",  # "Mental health social worker" 2461/04
    "music-therapist": "2229",  # "Music therapist" 2229/05 Music therapists
    "nurse-consultant": "2233",  # "Nurse consultant" 2233/99 Registered specialist nurses
    "nursing-associate": "3213",  # "Nursing associate" 3213/06 Nursing associates
    "OT": "2222",  # "Occupational therapist" 2222/00
    "paramedic": "2255",  # "Paramedic" 2255/00
    "peer-support-worker": "3229",  # "Peer support worker" 3229/99
    "physiotherapist": "2221",  # "Physiotherapist" 2221/00
    "principal-clinical-scientist": "2113",  # implied by "Clinical scientist"; unverified
    # "Psychological wellbeing practitioner" 2229/09; IfATE map OCC0568 also gives 2229
    "PWP": "2229",
    "senior-hcsw": "6131",  # implied by "Healthcare support worker" 6131/99; unverified
    "senior-peer-support-worker": "3229",  # implied by "Peer support worker"; unverified
    "senior-PWP": "2229",  # implied by "Psychological wellbeing practitioner"; unverified
    "speech-language-therapist": "2223",  # "Speech and language therapist" 2223/00
}
# No SOC code: approved clinician (a statutory approval across professions), CAP, CWP, SWP and
# MHWP (no index entry; the nearest entries disagree on the unit group).

#: Codes the index implies but does not name: each must be flagged in the role's ``unverified``.
UNCONFIRMED_SOC = {
    "consultant-clinical-scientist",
    "cyp-mh-nurse",
    "hcs-assistant-practitioner",
    "hcs-practitioner",
    "principal-clinical-scientist",
    "senior-hcsw",
    "senior-peer-support-worker",
    "senior-PWP",
}

#: The issue's examples; each has a true match in both classifications.
ISSUE_EXAMPLES = ["clinical-psychologist", "OT", "mh-social-worker", "hcsw-mh", "physiotherapist"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return bundled_catalogue()


@cache
def esco_occupations(folder: Path = ESCO_EXTRACT) -> dict[str, tuple[str, frozenset[str]]]:
    """Concept URI -> (preferred label, all labels), straight from the ESCO v1.1.1 CSV."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    with zipfile.ZipFile(folder / "classification-en-csv.zip") as archive:
        member = next(m for m in archive.namelist() if m.endswith("occupations_en.csv"))
        with archive.open(member) as raw:
            for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")):
                preferred = row["preferredLabel"].strip()
                labels = {preferred, *(x.strip() for x in row["altLabels"].split("\n"))}
                out[row["conceptUri"]] = (preferred, frozenset(labels - {""}))
    return out


def test_every_esco_uri_is_an_esco_occupation(catalogue: Catalogue) -> None:
    occupations = esco_occupations()
    for role in catalogue.roles:
        if role.esco:
            assert role.esco in occupations, (
                f"{role.id}: {role.esco} is not an ESCO occupation of the extract "
                "(a new match? add it to tests/data/esco/extract.py and rebuild)"
            )


@pytest.mark.esco_full
def test_every_esco_uri_is_an_occupation_of_the_whole_release(catalogue: Catalogue) -> None:
    occupations = esco_occupations(ESCO_RELEASE)
    assert len(occupations) == 3007
    found = {r.id: occupations[r.esco][0] for r in catalogue.roles if r.esco}
    assert found == {role: preferred for role, (preferred, _) in ESCO_MATCHES.items()}


def test_esco_matches_are_the_pinned_occupations(catalogue: Catalogue) -> None:
    occupations = esco_occupations()
    found = {r.id: occupations[r.esco][0] for r in catalogue.roles if r.esco}
    assert found == {role: preferred for role, (preferred, _) in ESCO_MATCHES.items()}
    for role_id, (_, label) in ESCO_MATCHES.items():
        assert label in occupations[catalogue.role(role_id).esco][1], role_id


def test_soc_codes_are_unit_groups_and_pinned(catalogue: Catalogue) -> None:
    found = {r.id: r.soc for r in catalogue.roles if r.soc}
    for role_id, code in found.items():
        assert re.fullmatch(r"[1-9]\d{3}", code), f"{role_id}: {code!r} is not a unit group"
    assert found == SOC


def test_every_soc_code_cites_its_source(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        if role.soc:
            titles = [catalogue.source(s).title for s in role.sources]
            assert any("SOC 2020" in t and role.soc in t for t in titles), role.id


def test_implied_soc_codes_are_flagged_unverified(catalogue: Catalogue) -> None:
    flagged = {r.id for r in catalogue.roles if "soc" in r.unverified}
    assert flagged == UNCONFIRMED_SOC


def test_issue_examples_carry_both_cross_references(catalogue: Catalogue) -> None:
    for role_id in ISSUE_EXAMPLES:
        role = catalogue.role(role_id)
        assert role.esco and role.soc, role_id
        assert "soc" not in role.unverified, role_id


@pytest.mark.parametrize("role_id", ISSUE_EXAMPLES)
def test_show_displays_the_cross_references(catalogue: Catalogue, role_id: str) -> None:
    role = catalogue.role(role_id)
    runner = CliRunner()
    env = {"COLUMNS": "200", "NO_COLOR": "1"}
    table = runner.invoke(app, ["show", role_id], env=env)
    assert table.exit_code == 0, table.output
    # The profile's facts, not its source list (a source may cite the same URI or code).
    facts = re.split(r"(?m)^Sources\s*$", table.stdout)[0]
    assert role.esco in facts
    assert re.search(rf"SOC 2020[\s·:]+{role.soc}\b", facts), facts
    as_json = runner.invoke(app, ["show", role_id, "--json"], env=env)
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert (data["esco"], data["soc"]) == (role.esco, role.soc) == (role.esco, SOC[role_id])


def test_show_never_cuts_the_esco_uri_at_80_columns(run_at) -> None:  # type: ignore[no-untyped-def]
    text = run_at(80, "show", "OT").stdout
    joined = "".join(line.strip() for line in text.splitlines())
    assert "…" not in text.split("SOC 2020")[1].split("Note")[0]
    assert "http://data.europa.eu/esco/occupation/33da5532-8c4e-4d1b-b52e-c201ee1bc7ab" in joined
