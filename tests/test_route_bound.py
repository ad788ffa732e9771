"""The chain search's anchored bound never overestimates: checked on every chain brute force walks.

A* returns the best routes only while its bound is a lower bound on the months left on
every route through a state. The anchored bound (``_Anchored``: a progression follows
from its own role, not from the degree or registration it also asks) is much tighter
than the relaxed graph's on a large folder, and so needs its own check: for each state
of each chain that reaches the goal, the bound is at most the months the chain still took.
The oracle test (``test_route_search_oracle.py``) checks the search's answers as well.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_routes import catalogues

from careerpath.analysis.holdings import Holdings
from careerpath.analysis.routes import (
    _anchored,
    _apply,
    _Context,
    _holdings_with,
    _MoveIndex,
    _relaxed_distances,
    _search,
    _start_state,
    _State,
)
from careerpath.model import Catalogue, EntryRoute, Progression, Qualification, Requirement, Role

from conftest import examples


def _chains(ctx: _Context, goal: str) -> list[_State]:
    """The last state of every chain of ``ctx``'s moves that reaches ``goal``."""
    found: list[_State] = []

    def walk(state: _State) -> None:
        if goal in state.held:
            found.append(state)
            return
        for move in ctx.moves:
            nxt = _apply(ctx, state, move)
            if nxt is not None:
                walk(nxt)

    walk(_start_state(ctx))
    return found


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.booleans(), st.sampled_from([0, 0, 6, 30]), st.data())
def test_the_anchored_bound_is_below_the_months_every_chain_still_takes(
    catalogue: Catalogue, strict: bool, served: int, data
) -> None:
    """Months already in post (``--have``) move experience earlier: the bound allows for it."""
    start = data.draw(st.sampled_from([*catalogue.qualifications, *catalogue.roles]))
    goal = data.draw(st.sampled_from(catalogue.roles)).id
    held = _holdings_with(catalogue, start, None)
    if goal in held.qualifications:
        return
    if served:
        held = Holdings(held.qualifications, months_in=((start.id, served),))
    ctx = _Context(catalogue, held, "months", strict)
    bound = _anchored(ctx, goal, _relaxed_distances(ctx, goal))
    for last in _chains(ctx, goal):
        root = last
        while root.parent is not None:
            root = root.parent
        # In order, first to last: ``via`` runs on from the parent's.
        for state in [root, *last.chain()]:
            ids = state.held if state is root else state.gained
            months = bound.bound(state, ids)
            assert months <= last.now - state.now, (state.move, last.now, state.now, months)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues(), st.booleans(), st.data())
def test_a_merged_move_list_is_the_list_sorted_afresh(
    catalogue: Catalogue, strict: bool, data
) -> None:
    """A looser search's state takes its parent's move list and merges in what its step
    made possible: the moves it can take, in order, are those sorting every possible move
    gives, so a search capped at a few hundred states pops the same states as before."""
    start = data.draw(st.sampled_from([*catalogue.qualifications, *catalogue.roles]))
    goal = data.draw(st.sampled_from(catalogue.roles)).id
    held = _holdings_with(catalogue, start, None)
    if goal in held.qualifications:
        return
    ctx = _Context(catalogue, held, "months", strict, max_pending=3)
    original = _MoveIndex.in_order

    def in_order(self: _MoveIndex, state: _State, optimistic: list[float]) -> list[int]:
        order = original(self, state, optimistic)
        if len(state.pending) < self.max_pending:
            fresh = sorted(self.users(state), key=lambda i: (optimistic[i], i))
            possible = self.possible(state.held, order)
            assert [i for i in order if i in possible] == fresh
            assert len(set(order)) == len(order)
        return order

    _MoveIndex.in_order = in_order  # type: ignore[method-assign]
    try:
        _search(ctx, goal, 3, deadline=float("inf"), max_states=10**9)
    finally:
        _MoveIndex.in_order = original  # type: ignore[method-assign]


def test_a_state_owing_a_gain_never_stands_for_one_that_owes_none() -> None:
    """R1, R0, then R2 (which assumes a post) and R4 from R2, then R3 (which needs R4):
    the same roles taken R0 to R4 first leave R2 owed and unusable. Dominance ignored what
    a state owes, so that state pruned the only route that assumes something."""
    text = Requirement("text", text="a post")
    roles = (
        Role(
            "R0", "R0", "f", progressions=(Progression("R4"), Progression("R2", requires=(text,)))
        ),
        Role(
            "R1", "R1", "f", entry_routes=(EntryRoute("R1-in"),), progressions=(Progression("R0"),)
        ),
        Role("R2", "R2", "f", progressions=(Progression("R4"),)),
        Role(
            "R3",
            "R3",
            "f",
            entry_routes=(EntryRoute("R3-in", requires=(Requirement("role", "R4"),)),),
        ),
        Role("R4", "R4", "f"),
    )
    catalogue = Catalogue(roles=roles, qualifications=(Qualification("q0", "Q0"),))
    held = _holdings_with(catalogue, catalogue.qualification("q0"), None)
    for pending in (1, 3):
        ctx = _Context(catalogue, held, "months", False, max_pending=pending)
        found, finished = _search(
            ctx, "R3", 1, deadline=float("inf"), max_states=10**9, must_assume=True
        )
        assert finished
        assert [[s.target for s in r.steps] for r in found] == [["R1", "R0", "R2", "R4", "R3"]]
