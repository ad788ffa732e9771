"""route, from, entry, gap and the report give one answer for every pair the bundled data connects.

They share one engine (``find_routes``), but each asks it differently (``from --within``
prunes by months, ``entry`` asks per qualification, ``gap`` and the report per role pair),
so this checks that the wiring never turns one question into two answers.
"""

from __future__ import annotations

import pytest

from careerpath.analysis.entry import roles_from, ways_in
from careerpath.analysis.routes import Route, best_or_reason, find_routes

from conftest import bundled_catalogue

BUNDLED = bundled_catalogue()


def _answer(route: Route) -> tuple[object, ...]:
    return (route.months, bool(route.assumes), route.length_known, len(route.steps))


@pytest.mark.slow
def test_entry_and_from_agree_for_every_qualification_and_role() -> None:
    fastest = {
        (qual.id, role.id): route
        for role in BUNDLED.roles
        for qual, route in ways_in(BUNDLED, role).fastest
    }
    for qual in BUNDLED.qualifications:
        within = {o.role.id: o.route for o in roles_from(BUNDLED, qual, 600)}
        direct = {o.role.id: o.route for o in roles_from(BUNDLED, qual)}
        for role in BUNDLED.roles:
            by_entry = fastest.get((qual.id, role.id))
            by_from = within.get(role.id)
            assert (by_entry is None) == (by_from is None), (qual.id, role.id)
            if by_entry is None or by_from is None:
                continue
            assert _answer(by_entry) == _answer(by_from), (qual.id, role.id)
            # `from` without months lists every role one step reaches, by its best such
            # step: the best route when that is one step (PWP from GCSEs is one step on a
            # condition, though its best route assuming nothing is three).
            if len(by_entry.steps) == 1:
                assert _answer(direct[role.id]) == _answer(by_entry), (qual.id, role.id)
            if role.id in direct:
                assert len(direct[role.id].steps) == 1, (qual.id, role.id)


@pytest.mark.slow
def test_gap_and_the_report_give_the_route_that_route_gives() -> None:
    from careerpath.analysis.briefing import build_briefing

    pairs = sorted(
        {(role.id, step.to) for role in BUNDLED.roles for step in role.progressions}
        | {
            ("CWP", "EMHP"),
            ("cyp-mh-nurse", "AMHP"),
            ("assistant-psychologist", "clinical-psychologist"),
        }
    )
    for source, target in pairs:
        start, goal = BUNDLED.role(source), BUNDLED.role(target)
        by_gap, reason = best_or_reason(BUNDLED, start, goal)
        try:
            by_route: Route | None = find_routes(BUNDLED, start, goal, max_routes=1)[0]
        except Exception:
            by_route = None
        assert (by_gap is None) == (by_route is None), (source, target, reason)
        if by_gap is not None and by_route is not None:
            assert _answer(by_gap) == _answer(by_route), (source, target)
    roles = [BUNDLED.role(r) for r in ("CWP", "EMHP", "cyp-mh-nurse")]
    briefing = build_briefing(BUNDLED, roles)
    for source, target, best in briefing.routes:
        by_gap, _ = best_or_reason(BUNDLED, BUNDLED.role(source), BUNDLED.role(target))
        assert (best is None) == (by_gap is None)
        if best is not None and by_gap is not None:
            assert _answer(best) == _answer(by_gap)
