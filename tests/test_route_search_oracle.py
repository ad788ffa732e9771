"""The search itself against brute force, for each kind of search ``find_routes`` runs.

``test_routes.py`` checks the answer ``find_routes`` gives, where a chain search and a
looser one are merged; here each search is checked alone, with no state cap, against every
order of moves of the same kind: the chain search (each step uses what the step before
gained) and the looser one (up to three gains waiting to be used). So a change that makes
a search faster (partial expansion, key floors, move lists shared between states,
dominance) cannot make either search wrong unnoticed behind the other.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_routes import catalogues

from careerpath.analysis.routes import (
    _Context,
    _holdings_with,
    _search,
    distinct,
    every_route,
)
from careerpath.model import Catalogue

from conftest import examples


def _every_route(ctx: _Context, goal: str) -> list:
    """Every order of moves of this search's kind that reaches ``goal`` without a detour."""
    return every_route(ctx, goal)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    catalogues(),
    st.sampled_from(["months", "steps", "cost"]),
    st.sampled_from([1, 3]),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_each_search_finds_the_best_routes_brute_force_finds(
    catalogue: Catalogue, metric, pending: int, strict: bool, must_assume: bool, data
) -> None:
    """With ``must_assume`` (the wider search once the sure one has its answer), only
    routes that cross a text condition count."""
    start = data.draw(st.sampled_from([*catalogue.qualifications, *catalogue.roles]))
    goal = data.draw(st.sampled_from(catalogue.roles))
    held = _holdings_with(catalogue, start, None)
    if goal.id in held.qualifications:
        return
    want = data.draw(st.integers(1, 3))
    within = data.draw(st.sampled_from([None, None, 24, 60]))
    ctx = _Context(catalogue, held, metric, strict, max_pending=pending)
    every = _every_route(ctx, goal.id)
    if must_assume:
        every = [r for r in every if r.assumes]
    if within is not None and metric == "months":
        every = [r for r in every if r.months <= within]
    else:
        within = None
    # Without repeats or routes another one beats in every way (``distinct``): the search
    # looks on past those, so they never take the place of a route that differs.
    expected = sorted(r.key(metric)[1:5] for r in distinct(every, metric))[:want]
    found, finished = _search(
        ctx,
        goal.id,
        want,
        within,
        deadline=float("inf"),
        max_states=10**9,
        must_assume=must_assume,
    )
    assert finished
    assert [r.key(metric)[1:5] for r in found] == expected
