"""``fastest_within`` (one search for every role, behind ``from --within``) against a search
per role: every role it settles must get the answer ``find_routes`` gives that role.

The answer is the one ``from`` lists: months, whether the route assumes something, whether
every length is known, steps and whether it is proven best. A role the one search cannot
prove is left to a search of its own, so leaving one out is never wrong; answering one
differently is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from test_routes import catalogues

from careerpath.analysis.holdings import Holdings, holdings_for
from careerpath.analysis.routes import (
    Route,
    _Context,
    _holdings_with,
    _timed_steps,
    every_route,
    fastest_within,
    find_routes,
)
from careerpath.errors import NoRouteError
from careerpath.model import Catalogue, Qualification, Role

from conftest import bundled_catalogue, examples


def _answer(route: Route) -> tuple[object, ...]:
    """Not ``complete``: with one route asked for, a search per role that stops looking for
    alternatives at its budget marks its answer incomplete although it is proven best (so
    does the one search: it is no longer than any route of its kind can be)."""
    return (route.months, bool(route.assumes), route.length_known, len(route.steps), route.proven)


def _per_role(
    catalogue: Catalogue,
    start: Role | Qualification,
    within: int,
    holdings: Holdings | None,
    strict: bool,
    roles: Iterable[str],
) -> dict[str, Route]:
    found = {}
    for role_id in roles:
        with contextlib.suppress(NoRouteError):
            found[role_id] = find_routes(
                catalogue,
                start,
                catalogue.role(role_id),
                max_routes=1,
                holdings=holdings,
                strict=strict,
                within=within,
                deadline=float("inf"),
            )[0]
    return found


def _check(
    catalogue: Catalogue,
    start: Role | Qualification,
    within: int,
    holdings: Holdings | None = None,
    strict: bool = False,
) -> int:
    """Asserts agreement for every role settled; returns how many were."""
    none: set[str] = set()
    settled = fastest_within(
        catalogue,
        start,
        within=within,
        holdings=holdings,
        strict=strict,
        deadline=float("inf"),
        none_within=none,
    )
    assert not none & settled.keys()
    expected = _per_role(catalogue, start, within, holdings, strict, [*settled, *none])
    for role_id in none:
        assert role_id not in expected, (start.id, role_id, "said unreachable, but route finds one")
    for role_id, route in settled.items():
        assert role_id in expected, (start.id, role_id, "settled, but route finds none")
        assert _answer(route) == _answer(expected[role_id]), (start.id, role_id)
        assert route.months <= within
    return len(settled) + len(none)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.sampled_from([0, 12, 24, 48, 600]), st.booleans(), st.data())
def test_every_role_one_search_settles_gets_the_answer_route_gives(
    catalogue: Catalogue, within: int, strict: bool, data
) -> None:
    start = data.draw(st.sampled_from([*catalogue.qualifications, *catalogue.roles]))
    extra = data.draw(st.sampled_from([None, *catalogue.qualifications, *catalogue.roles]))
    have = (
        Holdings(months_in=((start.id, data.draw(st.sampled_from([0, 30]))),))
        if extra is None
        else holdings_for(catalogue, [extra])
    )
    settled = _check(catalogue, start, within, have, strict)
    event(f"roles settled: {min(settled, 3)}{'+' if settled >= 3 else ''}")


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    catalogues(),
    st.sampled_from([0, 12, 24, 36, 48, 72]),
    st.booleans(),
    st.sampled_from(["", "length"]),
    st.data(),
)
def test_timed_steps_never_exceeds_a_route_brute_force_finds(
    catalogue: Catalogue, limit: int, strict: bool, known_only, data
) -> None:
    """``_timed_steps`` (months and steps counting the waits between programmes) is a lower
    bound: every route of any looseness the searches consider (three gains pending, as the
    brute-force reference) has a label no later, with no more steps and committing to no
    more roles or subject awards on the way, and an id with no label has no route within
    ``limit``."""
    start = data.draw(st.sampled_from([*catalogue.qualifications, *catalogue.roles]))
    have = data.draw(st.sampled_from([None, 0, 30]))
    holdings = None if have is None else Holdings(months_in=((start.id, have),))
    held = _holdings_with(catalogue, start, holdings)
    ctx = _Context(catalogue, held, "months", strict, max_pending=3, known_only=known_only)
    labels = _timed_steps(ctx, limit)
    tight = 0
    for goal in catalogue.roles:
        if goal.id in held.qualifications:
            continue
        routes = [r for r in every_route(ctx, goal.id) if r.months <= limit]
        for route in routes:
            roles, awards = route.commitment()
            assert any(
                t <= route.months and n <= len(route.steps) and r <= roles and a <= awards
                for t, n, r, a in labels.get(goal.id, ())
            ), (goal.id, route.months, len(route.steps), route.commitment(), labels.get(goal.id))
        if routes:
            best = min((r.months, len(r.steps)) for r in routes)
            tight += min(label[:2] for label in labels[goal.id]) == best
    event(f"goals whose least label is the best route: {min(tight, 3)}{'+' if tight >= 3 else ''}")


@pytest.mark.slow
def test_one_search_settles_most_roles_and_agrees_with_route_on_the_bundled_data() -> None:
    """Every starting point the bundled data has, qualification or role, within ten years."""
    catalogue = bundled_catalogue()
    settled = 0
    for start in (*catalogue.qualifications, *catalogue.roles):
        settled += _check(catalogue, start, 120)
    # Something to compare: the one search answers for most roles reached.
    assert settled > 500


@pytest.mark.parametrize("within", [0, 36])
def test_a_role_gained_on_the_way_is_settled_with_the_route_that_gains_it(within: int) -> None:
    from careerpath.model import EntryRoute, Programme, Progression, Requirement

    catalogue = Catalogue(
        roles=(
            Role(
                "A",
                "A",
                "f",
                entry_routes=(EntryRoute("a-in", programme="p12"),),
                progressions=(
                    Progression(
                        "B", programme="p12", requires=(Requirement("experience", "A", months=12),)
                    ),
                ),
            ),
            Role("B", "B", "f"),
        ),
        programmes=(Programme("p12", "P12", months=12),),
        qualifications=(Qualification("q", "Q"),),
    )
    settled = fastest_within(catalogue, catalogue.qualification("q"), within=within)
    if within == 0:
        assert settled == {}
    else:
        assert {k: (r.months, len(r.steps)) for k, r in settled.items()} == {
            "A": (12, 1),
            "B": (36, 2),
        }
