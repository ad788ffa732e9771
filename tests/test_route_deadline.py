"""One deadline for a whole command: `report` (one search per pair of roles), `diagram
--route` and a search's own fallback all stop at it, and what is left says so.

The clock is a fake (``routes.clock`` replaced), so nothing here is timed: the deadline
passes exactly when the test says it does.
"""

from __future__ import annotations

import pytest

import careerpath.analysis.routes as routes
from careerpath.actions import load
from careerpath.analysis.briefing import build_briefing
from careerpath.analysis.diagrams import build_diagram
from careerpath.analysis.routes import find_routes
from careerpath.errors import CareerpathError, NoRouteError
from careerpath.render.report import briefing_document

BUNDLED = load(None)
ROLES = [BUNDLED.role(r) for r in ("CWP", "EMHP", "PWP")]


class FakeClock:
    """A clock that stands still until the test moves it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return self.now


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setattr(routes, "clock", clock)
    return clock


def _route_rows(briefing) -> list[str]:
    document = briefing_document(BUNDLED, briefing)
    section = next(s for s in document.sections if s.anchor == "routes")
    table = next(b for b in section.blocks if b.kind == "table")
    return [row[1].text for row in table.rows]


def test_report_pairs_share_one_deadline_and_those_left_say_not_searched(
    fake_clock: FakeClock,
) -> None:
    """The deadline passes after the first pair: every later pair is marked, none searched."""
    real = routes.find_routes

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "routes" and done == 1:
            fake_clock.now = 1_000.0  # past the report's one deadline

    briefing = build_briefing(BUNDLED, ROLES, progress, deadline=10.0)
    expected = [(a.id, b.id) for a in ROLES for b in ROLES if a is not b]
    assert [(a, b) for a, b, _ in briefing.routes] == expected
    first = expected[0]
    assert first not in briefing.unsearched
    assert list(briefing.unsearched) == expected[1:]
    assert all(route is None for _, _, route in briefing.routes[1:])
    # The first pair's answer is the route command's own.
    best = real(BUNDLED, BUNDLED.role(first[0]), BUNDLED.role(first[1]), max_routes=1)[0]
    assert briefing.routes[0][2] == best
    rows = _route_rows(briefing)
    assert "not searched" not in rows[0]
    assert all(r.startswith("not searched") for r in rows[1:])
    assert not any("no recorded route" in r for r in rows[1:])


def test_report_with_time_to_spare_marks_nothing(fake_clock: FakeClock) -> None:
    briefing = build_briefing(BUNDLED, ROLES, deadline=10.0)
    assert briefing.unsearched == ()
    assert not any("not searched" in r for r in _route_rows(briefing))


def test_a_search_past_its_callers_deadline_stops_with_its_fallback(
    fake_clock: FakeClock,
) -> None:
    """Out of time is never "no route": the search and its looser fallback both stop."""
    start, goal = BUNDLED.qualification("gcse"), BUNDLED.role("clinical-psychologist")
    assert find_routes(BUNDLED, start, goal, max_routes=1, deadline=10.0)  # there is one
    fake_clock.now = 1_000.0
    with pytest.raises(CareerpathError) as caught:
        find_routes(BUNDLED, start, goal, max_routes=1, deadline=10.0)
    assert not isinstance(caught.value, NoRouteError)
    assert "stopped" in str(caught.value)


def test_diagram_route_search_stops_at_the_deadline(fake_clock: FakeClock) -> None:
    assert build_diagram(BUNDLED, route=("degree", "SWP"), deadline=10.0).title
    fake_clock.now = 1_000.0
    with pytest.raises(CareerpathError) as caught:
        build_diagram(BUNDLED, route=("degree", "SWP"), deadline=10.0)
    assert not isinstance(caught.value, NoRouteError)
