"""`route` names a narrower qualification the person may already hold when it opens a faster
route (audit: `route degree clinical-scientist` gave only the 3½-year equivalence route,
while a graduate with a 1st or 2:1 in a relevant science enters the STP directly, 3 years)."""

from __future__ import annotations

import pytest

from careerpath.analysis.holdings import Holdings, close
from careerpath.analysis.refinements import MAX_TRIED, faster_if_held
from careerpath.analysis.routes import find_routes
from careerpath.errors import CareerpathError
from careerpath.lookup import find_start

from conftest import bundled_catalogue

BUNDLED = bundled_catalogue()
STARTS = ("gcse", "level-3", "degree", "psychology-degree")


def _best(start: str, goal: str, have: frozenset[str] = frozenset()):  # type: ignore[no-untyped-def]
    holdings = Holdings(qualifications=have, stated=have) if have else None
    try:
        return find_routes(
            BUNDLED, find_start(BUNDLED, start), BUNDLED.role(goal), max_routes=1, holdings=holdings
        )[0]
    except CareerpathError:
        return None


@pytest.mark.parametrize("start", STARTS)
def test_every_faster_route_named_is_real_and_every_real_one_is_named(start: str) -> None:
    """Oracle: try every qualification at the same level as one held that names it in its
    ``implies:``; exactly those whose best route is of known length and shorter are named,
    with that route's length."""
    held = close(BUNDLED, {start})
    levels = {q.id: q.level for q in BUNDLED.qualifications}
    narrower = [
        q
        for q in BUNDLED.qualifications
        if q.kind == "qualification"
        and q.id not in held
        and q.level is not None
        and any(i in held and levels.get(i) == q.level for i in q.implies)
    ]
    assert len(narrower) <= MAX_TRIED  # the command tries them all on the bundled data
    named = 0
    for goal in BUNDLED.roles:
        best = _best(start, goal.id)
        if best is None:
            continue
        reported = {
            f.qualification: f.route.months
            for f in faster_if_held(BUNDLED, find_start(BUNDLED, start), goal, best)
        }
        expected = {}
        for q in narrower:
            route = _best(start, goal.id, frozenset({q.id}))
            if route is not None and route.length_known and route.months < best.months:
                expected[q.id] = route.months
        assert reported == expected, goal.id
        named += len(reported)
    if start == "degree":
        assert named >= 3  # CAP, clinical psychologist, clinical scientist at least


def test_a_graduate_is_told_of_the_direct_scientist_training_programme(run) -> None:  # type: ignore[no-untyped-def]
    done = run("route", "degree", "clinical-scientist")
    assert done.exit_code == 0
    text = " ".join(done.stdout.split())
    assert "Faster if what you hold is more specific" in text
    assert "3 years in 1 step (add --have hcs-stp-eligible-degree)" in text
    # and the hint is true: holding it gives that route
    held = run("route", "degree", "clinical-scientist", "--have", "hcs-stp-eligible-degree")
    assert "1. 3 years in 1 step" in held.stdout


def test_a_higher_rung_of_study_is_never_offered_as_already_held(run) -> None:  # type: ignore[no-untyped-def]
    """Level 5 study implies Level 3 but is more study, not a kind of Level 3."""
    done = run("route", "level-3", "clinical-psychologist")
    assert done.exit_code == 0
    assert "level-5-study" not in done.stdout
    assert "Faster if" not in done.stdout


@pytest.mark.parametrize(
    ("start", "goal"),
    [("degree", "clinical-scientist"), ("degree", "CAP"), ("level-3", "clinical-psychologist")],
)
def test_route_json_carries_the_faster_routes_the_terminal_names(
    run, start: str, goal: str
) -> None:  # type: ignore[no-untyped-def]
    """`route --json` was a bare list without the hint, so a script never saw it."""
    import json
    import re

    text = " ".join(run("route", start, goal).stdout.split())
    named = re.findall(r"\(add --have ([\w-]+)\)", text)
    answer = json.loads(run("route", start, goal, "--json").stdout)
    first = answer[0]["faster_if_held"]
    assert [f["have"] for f in first] == named
    # Each is the route holding it gives, and faster than the first route.
    for f in first:
        held = json.loads(run("route", start, goal, "--have", f["have"], "--json").stdout)
        assert f["route"]["months"] == held[0]["months"] < answer[0]["months"]
    assert all(r["faster_if_held"] == [] for r in answer[1:])
