"""Proposed top-ups (built from module data) appear only when asked for, and always labelled.

A top-up no provider runs is a guess at what teaching a move needs, not a route anyone can
take today: mixing it silently with programmes that run would be a precise wrong answer.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerpath.analysis.entry import roles_from
from careerpath.analysis.holdings import Holdings
from careerpath.analysis.overlap import gap
from careerpath.analysis.routes import find_routes, proposed_moves
from careerpath.errors import CareerpathError
from careerpath.model import Catalogue

from conftest import bundled_catalogue, examples

BUNDLED = bundled_catalogue()
ROLE_IDS = [r.id for r in BUNDLED.roles]


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(start=st.sampled_from(ROLE_IDS), goal=st.sampled_from(ROLE_IDS))
def test_no_proposed_step_without_the_option(start: str, goal: str) -> None:
    """Without --proposed, no route between bundled roles has a proposed step."""
    try:
        routes = find_routes(BUNDLED, BUNDLED.role(start), BUNDLED.role(goal))
    except CareerpathError:
        return
    assert not any(s.proposed for r in routes for s in r.steps)
    assert not any(r.proposed for r in routes)


@settings(max_examples=examples(15), deadline=None)
@given(start=st.sampled_from(ROLE_IDS), goal=st.sampled_from(ROLE_IDS))
def test_proposed_routes_are_labelled_and_come_after_running_ones(start: str, goal: str) -> None:
    """With --proposed, a route is proposed exactly when one of its steps is; they rank last."""
    try:
        routes = find_routes(BUNDLED, BUNDLED.role(start), BUNDLED.role(goal), proposed=True)
    except CareerpathError:
        return
    for route in routes:
        assert route.proposed == any(s.proposed for s in route.steps)
        if route.proposed:
            assert route.assumes, "a proposed route must say what it takes for granted"
    flags = [r.proposed for r in routes]
    assert flags == sorted(flags), "running routes come before proposed ones"


def test_cwp_to_emhp_shows_the_top_up_beside_the_running_route() -> None:
    """CWP → EMHP: the 12-month EMHP programme, and the gap's top-up labelled proposed.

    Two years in post as a CWP: the two-year rule between NHS-funded psychological
    trainings (which runs from the CWP diploma) has passed.
    """
    cwp, emhp = BUNDLED.role("CWP"), BUNDLED.role("EMHP")
    served = Holdings(months_in=(("CWP", 24),))
    plain = find_routes(BUNDLED, cwp, emhp, holdings=served)
    assert plain[0].months == 12 and not plain[0].proposed
    routes = find_routes(BUNDLED, cwp, emhp, proposed=True, holdings=served)
    assert routes[0].months == 12 and not routes[0].proposed
    proposed = [r for r in routes if r.proposed]
    assert len(proposed) == 1
    (step,) = proposed[0].steps
    assert step.proposed and step.source == "CWP" and step.target == "EMHP"
    # The one top-up that gap computes, not a second estimate.
    expected = gap(BUNDLED, cwp, emhp)
    assert expected.modules
    assert step.months == max(1, -(-expected.months // 1))


def test_from_lists_proposed_only_with_the_option() -> None:
    """``from`` never lists a role reached only by a proposed top-up unless asked."""
    cwp = BUNDLED.role("CWP")
    plain = roles_from(BUNDLED, cwp, 12)
    assert not any(o.route.proposed for o in plain)
    wider = roles_from(BUNDLED, cwp, 12, proposed=True)
    assert {o.role.id for o in plain} <= {o.role.id for o in wider}
    assert all(o.route.proposed == any(s.proposed for s in o.route.steps) for o in wider)


def test_no_top_up_from_a_qualification(bundled: Catalogue) -> None:
    """A top-up is from a role's competencies: a qualification has none to start from."""
    qualification = bundled.qualifications[0]
    assert proposed_moves(bundled, qualification, bundled.role("EMHP")) == ()
