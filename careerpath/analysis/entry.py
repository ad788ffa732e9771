"""Ways into a role, grouped by starting point, and the roles a qualification opens."""

from __future__ import annotations

import msgspec

from careerpath.analysis.routes import Route, find_routes, holdings_for, programme_months
from careerpath.errors import NoRouteError
from careerpath.graph import OPEN_ENTRY, Edge, career_graph, edges_into
from careerpath.model import Catalogue, Qualification, Role

__all__ = ["Opening", "WaysIn", "roles_from", "ways_in"]


class WaysIn(msgspec.Struct, frozen=True):
    """Direct ways in, grouped by where they start, and the fastest whole route per qualification."""

    role: Role
    direct: tuple[tuple[str, tuple[Edge, ...]], ...]
    fastest: tuple[tuple[Qualification, Route], ...]


class Opening(msgspec.Struct, frozen=True):
    """A role someone holding a qualification can reach, and the best route there."""

    role: Role
    route: Route
    direct: bool


def ways_in(catalogue: Catalogue, role: Role) -> WaysIn:
    """Every direct way into ``role`` grouped by its starting point.

    Also the fastest whole route from each known qualification that can reach it at all.
    """
    groups: dict[str, list[Edge]] = {}
    for edge in edges_into(catalogue, role):
        groups.setdefault(edge.source, []).append(edge)
    fastest: list[tuple[Qualification, Route]] = []
    for qual in catalogue.qualifications:
        try:
            fastest.append((qual, find_routes(catalogue, qual, role, max_routes=1)[0]))
        except NoRouteError:
            continue
    fastest.sort(key=lambda item: (item[1].months, item[0].id))
    direct = tuple(
        (source, tuple(edges))
        for source, edges in sorted(groups.items(), key=lambda g: (g[0] == OPEN_ENTRY, g[0]))
    )
    return WaysIn(role, direct, tuple(fastest))


def roles_from(
    catalogue: Catalogue, qualification: Qualification, within: int | None = None
) -> tuple[Opening, ...]:
    """Roles someone holding ``qualification`` can enter directly, or reach within ``within`` months.

    Direct entry means one entry route whose requirements the qualification alone meets.
    """
    import networkx as nx

    holdings = holdings_for(catalogue, [qualification])
    graph = career_graph(catalogue)
    for _, _, data in graph.edges(data=True):
        data["bound"] = min(
            programme_months(e.programme, e.months, holdings) + e.wait for e in data["routes"]
        )
    sources = [n for n in (qualification.id, OPEN_ENTRY) if n in graph]
    bounds = nx.multi_source_dijkstra_path_length(graph, sources, weight="bound") if sources else {}
    openings: list[Opening] = []
    for role in catalogue.roles:
        bound = bounds.get(role.id)
        if bound is None or (within is not None and bound > within):
            continue
        try:
            route = find_routes(catalogue, qualification, role, max_routes=1, holdings=holdings)[0]
        except NoRouteError:
            continue
        direct = len(route.steps) == 1
        if (within is None and not direct) or (within is not None and route.months > within):
            continue
        openings.append(Opening(role, route, direct))
    openings.sort(key=lambda o: (o.route.months, len(o.route.steps), o.role.id))
    return tuple(openings)
