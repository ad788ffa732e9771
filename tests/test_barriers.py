"""Barrier ranking (analysis/barriers.py) against a brute-force count on small catalogues."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.analysis.barriers import rank_barriers
from careerpath.model import Barrier, Catalogue, EntryRoute, Progression, Role

IDS = ("A", "B", "C", "D")
CATEGORIES = ("entry", "transfer", "financial")


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    roles = []
    for role_id in IDS:
        targets = draw(st.lists(st.sampled_from([i for i in IDS if i != role_id]), unique=True))
        own = draw(st.lists(st.sampled_from(CATEGORIES), max_size=2))
        roles.append(
            Role(
                role_id,
                role_id,
                "f",
                entry_routes=tuple(
                    EntryRoute(f"{role_id}-in{n}") for n in range(draw(st.integers(0, 2)))
                ),
                progressions=tuple(Progression(t) for t in targets),
                barriers=tuple(
                    Barrier(f"{role_id}-b{n}", c, "text", roles=(role_id,))
                    for n, c in enumerate(own)
                ),
            )
        )
    shared = tuple(
        Barrier(f"s{n}", c, "text", roles=tuple(r))
        for n, (c, r) in enumerate(
            draw(
                st.lists(
                    st.tuples(st.sampled_from(CATEGORIES), st.sets(st.sampled_from(IDS))),
                    max_size=3,
                )
            )
        )
    )
    return Catalogue(roles=tuple(roles), barriers=shared)


@settings(deadline=None)  # timing is make bench's job, not a test's
@given(catalogues(), st.none() | st.sampled_from(IDS), st.none() | st.sampled_from(CATEGORIES))
def test_ranking_matches_brute_force(catalogue: Catalogue, role, category) -> None:
    def routes(role_id: str) -> int:
        me = catalogue.role(role_id)
        into = sum(1 for r in catalogue.roles for p in r.progressions if p.to == role_id)
        return len(me.entry_routes) + len(me.progressions) + into

    ranked = rank_barriers(catalogue, role, category)
    expected = {
        b.id: len(b.roles) + sum(routes(r) for r in b.roles)
        for b in list(catalogue.barriers) + [b for r in catalogue.roles for b in r.barriers]
        if (role is None or role in b.roles) and (category is None or b.category == category)
    }
    assert {r.barrier.id: r.score for r in ranked} == expected
    assert [(-r.score, r.barrier.id) for r in ranked] == sorted(
        (-r.score, r.barrier.id) for r in ranked
    )
