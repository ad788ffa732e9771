"""Every bundled role has a complete profile: ways in, progression, links, barriers and sources."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from careerpath.cli import app
from careerpath.model import Catalogue, Role

from conftest import bundled_catalogue

#: Roles with no onward progression. Each is the top of its framework, its `note` says so, and
#: no bundled role above it is sourced.
TOP_OF_FRAMEWORK = frozenset(
    {
        # Approval as an Approved/Responsible Clinician is the top of the statutory Mental Health
        # Act roles open to nurses, OTs, social workers and psychologists.
        "approved-clinician",
        # The consultant clinical scientist is Career Framework level 8-9, the top of the
        # Healthcare Science career framework.
        "consultant-clinical-scientist",
        # Senior peer roles are the top of a locally created ladder; no national framework and
        # no sourced route beyond them exist.
        "senior-peer-support-worker",
    }
)

#: Barriers the coverage issue names, by id: (category, roles each must name at least).
ISSUE_BARRIERS: dict[str, tuple[str, frozenset[str]]] = {
    # No transfer between PWP, CWP and EMHP without a full year's retraining.
    "wellbeing-practitioner-transfer": ("transfer", frozenset({"PWP", "CWP", "EMHP"})),
    # Unclear progression for CWP and EMHP.
    "cwp-emhp-progression-unclear": ("progression", frozenset({"CWP", "EMHP"})),
    # Financial and perception barriers to mental health nursing and occupational therapy.
    "mh-nursing-ot-financial": ("financial", frozenset({"mental-health-nurse", "OT"})),
    "mh-nursing-ot-perception": ("perception", frozenset({"mental-health-nurse", "OT"})),
    # Competition for clinical psychology training.
    "psy-dclinpsy-competition": (
        "entry",
        frozenset({"clinical-psychologist", "assistant-psychologist", "CAP"}),
    ),
    # The CYP mental health skills gap in nursing curricula.
    "cyp-mh-nursing-skills-gap": ("transfer", frozenset({"cyp-mh-nurse", "mental-health-nurse"})),
    # Slow uptake of non-medical approved clinicians.
    "np-nonmedical-ac-uptake": (
        "progression",
        frozenset(
            {
                "approved-clinician",
                "mental-health-nurse",
                "mh-social-worker",
                "OT",
                "clinical-psychologist",
                "counselling-psychologist",
            }
        ),
    ),
    # Placement capacity for AHP students.
    "ahp-placement-capacity": (
        "capacity",
        frozenset(
            {
                "OT",
                "physiotherapist",
                "speech-language-therapist",
                "paramedic",
                "dietitian",
                "diagnostic-radiographer",
            }
        ),
    ),
    # Credit transfer between universities.
    "step-credit-transfer": (
        "transfer",
        frozenset(
            {
                "senior-hcsw",
                "assistant-practitioner",
                "ahp-support-worker",
                "hcs-associate",
                "hcs-assistant-practitioner",
                "nursing-associate",
            }
        ),
    ),
}

CATALOGUE = bundled_catalogue()
ROLE_IDS = sorted(role.id for role in CATALOGUE.roles)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return CATALOGUE


def _linked_roles(catalogue: Catalogue, role: Role) -> set[str]:
    """Roles this role links to, or that link to it."""
    linked = {link.role for link in role.links}
    linked |= {
        other.id for other in catalogue.roles for link in other.links if link.role == role.id
    }
    return linked


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_role_profile_is_complete(catalogue: Catalogue, role_id: str) -> None:
    role = catalogue.role(role_id)
    assert role.entry_routes, "no entry route"
    if role_id in TOP_OF_FRAMEWORK:
        assert not role.progressions, "has a progression: take it off TOP_OF_FRAMEWORK"
        assert "top of" in role.note, "top-of-framework role without a note saying so"
    else:
        assert role.progressions, "no progression (and not on TOP_OF_FRAMEWORK)"
    assert _linked_roles(catalogue, role), "no link to or from another role"
    assert [b for b in catalogue.all_barriers() if role_id in b.roles], "no barrier names it"
    assert role.sources, "no source of its own"


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_every_route_and_progression_is_sourced(catalogue: Catalogue, role_id: str) -> None:
    role = catalogue.role(role_id)
    for route in role.entry_routes:
        assert route.sources, route.id
    for step in role.progressions:
        assert step.sources, step.to
        assert step.note or not step.unverified, f"unverified progression to {step.to} needs a note"


def test_top_of_framework_roles_exist_and_are_reached(catalogue: Catalogue) -> None:
    for role_id in TOP_OF_FRAMEWORK:
        assert catalogue.has("roles", role_id), role_id
        assert any(
            step.to == role_id for other in catalogue.roles for step in other.progressions
        ), role_id


@pytest.fixture(scope="module")
def show_json() -> dict[str, dict[str, Any]]:
    """``careerpath show ROLE --json`` for every bundled role, through the real app."""
    runner = CliRunner()
    profiles: dict[str, dict[str, Any]] = {}
    for role_id in ROLE_IDS:
        result = runner.invoke(app, ["show", role_id, "--json"])
        assert result.exit_code == 0, (role_id, result.output)
        profiles[role_id] = json.loads(result.stdout)
    return profiles


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_show_json_has_every_section(show_json: dict[str, dict[str, Any]], role_id: str) -> None:
    data = show_json[role_id]
    assert data["id"] == role_id
    assert data["entry_routes"], "no entry routes"
    if role_id in TOP_OF_FRAMEWORK:
        assert data["progressions_in"], "top-of-framework role that nothing progresses into"
    else:
        assert data["progressions"], "no progressions"
    assert data["links"], "no links"
    assert data["barriers"], "no barriers"
    assert data["sources"], "no sources"
    cited = {source["id"] for source in data["sources"]}
    for barrier in data["barriers"]:
        assert set(barrier["sources"]) <= cited, barrier["id"]
    for step in data["progressions"]:
        assert step["sources"] and set(step["sources"]) <= cited, step["to"]
    for link in data["links"]:  # incoming links too: every citation number must resolve
        assert link["sources"] and set(link["sources"]) <= cited, link["role"]


@pytest.mark.parametrize("barrier_id", sorted(ISSUE_BARRIERS))
def test_issue_barrier_names_its_roles(catalogue: Catalogue, barrier_id: str) -> None:
    barriers = {barrier.id: barrier for barrier in catalogue.all_barriers()}
    assert barrier_id in barriers, f"missing barrier {barrier_id}"
    barrier = barriers[barrier_id]
    category, roles = ISSUE_BARRIERS[barrier_id]
    assert barrier.category == category
    assert roles <= set(barrier.roles), sorted(roles - set(barrier.roles))
    assert barrier.sources
