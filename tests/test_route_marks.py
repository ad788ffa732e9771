"""A route step is marked † when anything it shows is unconfirmed: its record or its programme.

The oracle reads the YAML records directly (the entry route or progression a step's id names,
and the programme that record cites), so it cannot share a mistake with the engine's rule.
An audit found every step through an unverified programme (23 of them, ahp-physio-msc and
np-rn-mh-degree among them) shown with no †: the flag came from the record alone.
"""

from __future__ import annotations

import json
from functools import cache

from rich.console import Console

from careerpath.analysis.holdings import holdings_for
from careerpath.analysis.profile import build_profile
from careerpath.analysis.routes import Move, Route, RouteStep, find_routes, moves
from careerpath.graph import career_graph
from careerpath.model import Catalogue, Qualification, Role
from careerpath.render.analytics import routes_view
from careerpath.render.data import route_json
from careerpath.render.view import route_via
from careerpath.text import UNVERIFIED_MARK

from conftest import bundled_catalogue


def _record_flag(catalogue: Catalogue, route_id: str, target: str) -> bool:
    """Whether the record a step's id names, or the programme it cites, is unverified."""
    if "->" in route_id:
        origin, rest = route_id.split("->")
        record = catalogue.role(origin).progressions[int(rest.rsplit("#", 1)[1]) - 1]
        assert record.to == target
    else:
        owner = _item(catalogue, target)
        record = next(e for e in owner.entry_routes if e.id == route_id)
    programme = catalogue.programme(record.programme) if record.programme else None
    return record.unverified or (programme is not None and programme.unverified)


def _item(catalogue: Catalogue, item: str) -> Role | Qualification:
    if catalogue.has("roles", item):
        return catalogue.role(item)
    return next(q for q in catalogue.qualifications if q.id == item)


def _band_flag(catalogue: Catalogue, step: RouteStep) -> bool:
    """Whether a band the step's band change shows is one its role lists as unverified."""
    shown = ((step.source, step.band_from), (step.target, step.band_to))
    return any(
        band is not None
        and catalogue.has("roles", role)
        and {"bands", "bands.qualified"} & set(catalogue.role(role).unverified)
        for role, band in shown
    )


def test_every_bundled_move_and_edge_is_flagged_by_its_record_or_programme() -> None:
    catalogue = bundled_catalogue()
    found = [m for m in moves(catalogue) if not m.proposed]
    assert found
    for move in found:
        assert move.unverified == _record_flag(catalogue, move.route_id, move.target), move
    graph = career_graph(catalogue)
    for _, _, data in graph.edges(data=True):
        for edge in data["routes"]:
            assert edge.unverified == _record_flag(catalogue, edge.route_id, edge.target), edge
    # The case the audit found: a sourced record whose programme is not confirmed.
    through = [
        m for m in found if m.programme and m.programme.unverified and not _own_flag(catalogue, m)
    ]
    assert through and all(m.unverified for m in through)


def _own_flag(catalogue: Catalogue, move: Move) -> bool:
    """The record's own flag, before its programme is considered."""
    route_id, target = move.route_id, move.target
    if "->" in route_id:
        origin, rest = route_id.split("->")
        return catalogue.role(origin).progressions[int(rest.rsplit("#", 1)[1]) - 1].unverified
    return next(e for e in _item(catalogue, target).entry_routes if e.id == route_id).unverified


@cache
def _routes_through_unverified_programmes() -> tuple[tuple[str, tuple[Route, ...]], ...]:
    """For every move through an unverified programme into a role, routes from where it starts.

    The person holds the move's other needs, so the move (or an equal one another file
    records, which the engine keeps once) is among the best few routes.
    """
    catalogue = bundled_catalogue()
    found = []
    for move in moves(catalogue):
        if not (move.programme and move.programme.unverified) or move.proposed:
            continue
        if not catalogue.has("roles", move.target):
            continue
        firsts = [sorted(group)[0] for group in move.groups]
        start = move.origin or firsts[0]
        others = [_item(catalogue, i) for i in firsts if i != start]
        held = holdings_for(catalogue, others) if others else None
        routes = find_routes(
            catalogue,
            _item(catalogue, start),
            catalogue.role(move.target),
            max_routes=5,
            holdings=held,
        )
        found.append((move.route_id, routes))
    return tuple(found)


def _view_lines(catalogue: Catalogue, route: Route) -> list[str]:
    console = Console(width=600, record=True, no_color=True, highlight=False, emoji=False)
    first = route.steps[0].source
    with console.capture() as captured:
        console.print(routes_view(catalogue, first, route.steps[-1].target, [route]))
    return captured.get().split("\n")


def test_every_step_through_an_unverified_programme_is_marked_in_the_view_and_json() -> None:
    catalogue = bundled_catalogue()
    searched = _routes_through_unverified_programmes()
    reached = 0
    for route_id, routes in searched:
        move = next(m for m in moves(catalogue) if m.route_id == route_id)
        programme = move.programme.id if move.programme else None
        reached += any(
            s.route_id == route_id or (s.programme == programme and s.target == move.target)
            for r in routes
            for s in r.steps
        )
        for route in routes:
            expected = [_record_flag(catalogue, s.route_id, s.target) for s in route.steps]
            bands = [_band_flag(catalogue, s) for s in route.steps]
            steps = json.loads(json.dumps(route_json(route)))["steps"]
            assert [s["unverified"] for s in steps] == expected, route_id
            assert [s["band_unverified"] for s in steps] == bands, route_id
            lines = _view_lines(catalogue, route)
            # Headlines are the lines indented two spaces (details four), "assumes:" aside.
            heads = [
                line.rstrip()
                for line in lines
                if line.startswith("  ")
                and not line.startswith("   ")
                and not line.startswith("  assumes:")
            ]
            assert len(heads) == len(route.steps), lines
            assert [h.endswith(f" {UNVERIFIED_MARK}") for h in heads] == expected, heads
            legend = any(line.startswith(UNVERIFIED_MARK) for line in lines)
            assert legend == (any(expected) or any(bands)), lines
            names = catalogue.name_of()
            assert route_via(route, names).count(UNVERIFIED_MARK) == sum(expected)
    # Every such move was reached, so the loop above checked each one's mark.
    assert reached == len(searched) > 20


def test_a_band_no_source_confirms_carries_its_own_mark() -> None:
    catalogue = bundled_catalogue()
    flagged_bands = 0
    for _, routes in _routes_through_unverified_programmes():
        for route in routes:
            lines = _view_lines(catalogue, route)
            details = [line for line in lines if line.startswith("    ") and "band " in line]
            for step in route.steps:
                if step.band_unverified:
                    flagged_bands += 1
                    # The band change ends with the band moved to, or the one left when the
                    # target has none: the mark follows it.
                    last = step.band_to or step.band_from
                    assert any(f" {last} {UNVERIFIED_MARK}" in d for d in details), lines
    assert flagged_bands


def test_show_marks_a_way_in_through_an_unverified_programme() -> None:
    catalogue = bundled_catalogue()
    profile = build_profile(catalogue, catalogue.role("physiotherapist"))
    msc = next(
        s for s in profile.entry_routes if s.programme and s.programme.id == "ahp-physio-msc"
    )
    assert msc.programme is not None and msc.programme.unverified and msc.unverified


def test_the_audited_routes(run) -> None:
    """`route degree physiotherapist` marks the MSc; the RMN degree step is unverified in JSON."""
    text = run("route", "degree", "physiotherapist").stdout
    head = next(
        line
        for line in text.splitlines()
        if "Honours degree → Physiotherapist" in line
        and "Accelerated pre-registration MSc" in text[text.index(line) :].split("\n", 2)[1]
    )
    assert head.rstrip().endswith(UNVERIFIED_MARK)
    routes = json.loads(run("route", "level-3", "mental-health-nurse", "--json").stdout)
    degree = [s for r in routes for s in r["steps"] if s["programme"] == "np-rn-mh-degree"]
    assert degree and all(s["unverified"] for s in degree)
    entry = json.loads(run("entry", "physiotherapist", "--json").stdout)
    msc = [w for d in entry["direct"] for w in d["routes"] if w["programme"] == "ahp-physio-msc"]
    assert msc and all(w["unverified"] for w in msc)
