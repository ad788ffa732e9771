"""What a route says must be true for the person asking: who pays, what it assumes, how
complete the answer is, and that no route is listed twice or behind a better twin."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_routes import catalogues

from careerpath.analysis.holdings import holdings_for
from careerpath.analysis.routes import (
    APPRENTICE_POST,
    brute_force_routes,
    find_routes,
    moves,
    shown,
)
from careerpath.errors import NoRouteError
from careerpath.lookup import find_role, find_start
from careerpath.model import apprenticeship_only

from conftest import bundled_catalogue, examples

BUNDLED = bundled_catalogue()


def _routes(start: str, goal: str, **options):
    return find_routes(BUNDLED, find_start(BUNDLED, start), find_role(BUNDLED, goal), **options)


# 1. Apprenticeship costs are the employer's, not the person's.


def test_an_apprentice_pays_no_training_fee() -> None:
    """The registered nurse degree apprenticeship's £26,000 is the levy's, not the nurse's."""
    routes = _routes("level-3", "mental-health-nurse", metric="cost", max_routes=3)
    rnda = [r for r in routes if any(s.programme == "np-rnda" for s in r.steps)]
    assert rnda, [r.steps for r in routes]
    (step,) = rnda[0].steps
    assert (step.cost, step.employer_cost, step.apprenticeship) == (0, 26000, True)
    assert rnda[0].cost == 0 and rnda[0].cost_known


def test_the_route_total_is_the_persons_fees_only() -> None:
    """For every bundled move, the fee a route adds is nil for an apprenticeship."""
    for move in moves(BUNDLED):
        if move.apprenticeship:
            assert move.fee == 0, move.route_id
        elif (
            move.programme is not None
            and move.programme.fee is not None
            and {"student-loan", "self-funded"} & set(move.funding)
        ):
            # A self-paid degree's tuition fee is the person's, and now counted.
            assert move.fee == move.programme.fee, move.route_id


def test_route_words_an_apprenticeship_cost_as_paid_by_the_employer(run) -> None:
    out = run("route", "level-3", "mental-health-nurse", "--by", "cost").stdout
    flat = " ".join(out.split())
    assert "£26,000 training fees" not in flat
    assert "training paid by the employer or levy (funding band £26,000)" in flat
    data = json.loads(run("route", "level-3", "mental-health-nurse", "--json").stdout)
    rnda = [r for r in data if any(s["programme"] == "np-rnda" for s in r["steps"])] or pytest.fail(
        "no RNDA route"
    )
    assert rnda[0]["cost"] == 0
    assert rnda[0]["steps"][0]["employer_cost"] == 26000


# 2. Every apprenticeship step assumes an apprentice post, once.


def test_every_apprenticeship_move_assumes_an_apprentice_post() -> None:
    for move in moves(BUNDLED):
        if apprenticeship_only(move.funding):
            assert move.assumes.count(APPRENTICE_POST) == 1, move.route_id
            # No second wording of the same post or of employer support beside it.
            others = [a for a in move.assumes if a != APPRENTICE_POST]
            assert not any(
                "employer support" in a or "sponsor" in a or "apprentice post" in a for a in others
            ), (move.route_id, others)
        else:
            assert APPRENTICE_POST not in move.assumes, move.route_id


@pytest.mark.parametrize(
    ("start", "goal"),
    [("gcse", "nursing-associate"), ("hcsw-mh", "nursing-associate"), ("level-3", "PWP")],
)
def test_an_apprenticeship_route_names_the_post(start: str, goal: str) -> None:
    """GCSE and HCSW into a nursing associate post, and into PWP, say the same thing."""
    for route in _routes(start, goal, max_routes=3):
        if any(s.apprenticeship for s in route.steps):
            assert route.assumes.count(APPRENTICE_POST) == 1, route.steps


def test_no_assumption_joins_employer_support_to_something_else() -> None:
    """Each assumption is one condition, so a route lists what it rests on one by one."""
    for move in moves(BUNDLED):
        for text in move.assumes:
            if "employer support" in text:
                assert text.startswith(("employer support", "in-service")), text
                assert " and " not in text, text


# 3. A search that runs out of budget looking for alternatives has still proven its best.


def test_a_proven_best_is_not_doubted_when_alternatives_run_out(monkeypatch, run) -> None:
    from careerpath.analysis import routes as engine

    monkeypatch.setattr(engine, "ALTERNATIVES_BUDGET", 0)
    found = _routes("psychology-degree", "CWP", max_routes=3)
    assert found[0].months == 12 and len(found[0].steps) == 1
    assert found[0].proven and not found[0].complete
    assert not any(r.proven for r in found[1:])
    out = " ".join(run("route", "psychology-degree", "CWP").stdout.split())
    assert "The first route is proven best" in out
    assert "a better one than those listed may exist" not in out


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.sampled_from(["months", "steps", "cost"]), st.data())
def test_a_route_marked_proven_is_the_best(catalogue, metric, data) -> None:
    """Whatever budget stops the search, a first route marked proven is brute force's best."""
    from careerpath.analysis import routes as engine

    start = data.draw(st.sampled_from([*catalogue.qualifications, *catalogue.roles]))
    goal = data.draw(st.sampled_from(catalogue.roles))
    if goal.id in holdings_for(catalogue, [start]).qualifications:
        return
    budget = data.draw(st.sampled_from([0, 1, 5]))
    saved = engine.ALTERNATIVES_BUDGET
    engine.ALTERNATIVES_BUDGET = budget
    try:
        found = find_routes(catalogue, start, goal, metric=metric, max_routes=3)
    except NoRouteError:
        return
    finally:
        engine.ALTERNATIVES_BUDGET = saved
    expected = shown(brute_force_routes(catalogue, start, goal, metric), metric, 3)
    if found[0].proven:
        assert expected and found[0].key(metric)[:2] == expected[0].key(metric)[:2]
