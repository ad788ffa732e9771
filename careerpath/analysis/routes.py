"""Ranked routes from a role or qualification to a role, respecting the rules on each step.

A route is a path in the career graph. Its length is worked out step by step: experience
needed in a role before the next step, the two-year wait between NHS-funded psychological
trainings, and programme months shortened by prior learning the person already holds.

Search is exact: networkx's ``shortest_simple_paths`` yields paths in order of a lower bound
(programme months after prior learning, plus experience waits), each is evaluated with the
rules, and the search stops once no remaining path can beat the routes already found.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import msgspec

from careerpath.errors import CareerpathError, NoRouteError
from careerpath.graph import OPEN_ENTRY, Edge, career_graph
from careerpath.model import Catalogue, Programme, Qualification, Role

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Holdings",
    "Route",
    "RouteStep",
    "brute_force_routes",
    "evaluate_path",
    "find_routes",
    "holdings_for",
    "programme_months",
]

Metric = Literal["months", "steps", "cost"]
START = "__start__"
#: Most candidate paths examined before the search gives what it has (keeps hostile data fast).
MAX_CANDIDATES = 5000


class Holdings(msgspec.Struct, frozen=True):
    """What the person already has: qualifications (and roles), modules and competencies."""

    qualifications: frozenset[str] = frozenset()
    modules: frozenset[str] = frozenset()
    competencies: frozenset[str] = frozenset()


class RouteStep(msgspec.Struct, frozen=True):
    """One step of a route, with its length after waits and prior learning."""

    source: str
    target: str
    kind: str
    route_id: str
    programme: str | None
    programme_title: str | None
    months: int
    full_months: int
    wait: int
    funding: tuple[str, ...]
    cost: int | None
    band_from: str | None
    band_to: str | None
    unverified: bool
    length_known: bool = True


class Route(msgspec.Struct, frozen=True):
    """A whole route: its steps and total months (waits included), cost and step count."""

    steps: tuple[RouteStep, ...]
    months: int
    cost: int
    cost_known: bool

    @property
    def length_known(self) -> bool:
        """False when some step's length is not recorded: ``months`` is then a lower bound."""
        return all(s.length_known for s in self.steps)

    def key(self, metric: Metric) -> tuple[int, int, int, tuple[str, ...]]:
        """Sort key: the metric first, then the others, then the node ids (deterministic)."""
        nodes = tuple(s.target for s in self.steps)
        first = {"months": self.months, "steps": len(self.steps), "cost": self.cost}[metric]
        return (first, self.months, len(self.steps), nodes)


def holdings_for(catalogue: Catalogue, qualifications: Iterable[Qualification]) -> Holdings:
    """Prior learning from qualifications: their ids, accredited modules and competencies."""
    quals = list(qualifications)
    modules = {m for q in quals for m in q.modules}
    competencies = {c for q in quals for c in q.competencies}
    for programme in catalogue.programmes:
        for module in programme.modules:
            if module.id in modules:
                competencies.update(module.competencies)
    return Holdings(frozenset(q.id for q in quals), frozenset(modules), frozenset(competencies))


def programme_months(programme: Programme | None, months: int, holdings: Holdings) -> int:
    """Months of a programme once modules already held are accredited (never longer).

    A module counts as held if it is named by the person's qualifications, or if they hold
    every competency it teaches. The programme shrinks in proportion to the credits left.
    """
    if programme is None or not programme.modules or not months:
        return months
    total = sum(m.credits for m in programme.modules)
    if total <= 0:
        return months
    left = sum(
        m.credits
        for m in programme.modules
        if m.id not in holdings.modules
        and not (m.competencies and set(m.competencies) <= holdings.competencies)
    )
    return min(months, math.ceil(months * left / total))


def _rule_sets(catalogue: Catalogue) -> list[tuple[frozenset[str], int]]:
    return [
        (frozenset(r.programmes), r.months) for r in catalogue.rules if r.kind == "wait-between"
    ]


def evaluate_path(
    catalogue: Catalogue,
    graph: nx.DiGraph,
    path: Sequence[str],
    holdings: Holdings,
    metric: Metric = "months",
) -> Route | None:
    """The best way to walk ``path`` (choosing among parallel routes), or None if blocked.

    A step is blocked when it needs a qualification or role the person does not hold by then.
    """
    hops = [(a, b) for a, b in itertools.pairwise(path) if a != START]
    if not hops:
        return None
    options = [graph.edges[a, b]["routes"] for a, b in hops]
    best: Route | None = None
    for choice in itertools.islice(itertools.product(*options), 256):
        route = _walk(catalogue, graph, choice, holdings, path[1])
        if route and (best is None or route.key(metric) < best.key(metric)):
            best = route
    return best


def _walk(
    catalogue: Catalogue, graph: nx.DiGraph, edges: Sequence[Edge], holdings: Holdings, first: str
) -> Route | None:
    held = set(holdings.qualifications) | {first, OPEN_ENTRY}
    arrived: dict[str, int] = {first: 0}
    rule_ends: dict[frozenset[str], int] = {}
    rules = _rule_sets(catalogue)
    now = 0
    steps: list[RouteStep] = []
    cost, cost_known = 0, True
    for edge in edges:
        if any(not (set(group) & held) for group in edge.needs):
            return None
        start = now
        if edge.wait and edge.source in arrived:
            start = max(start, arrived[edge.source] + edge.wait)
        programme_id = edge.programme.id if edge.programme else None
        for members, gap in rules:
            if programme_id in members and members in rule_ends:
                start = max(start, rule_ends[members] + gap)
        months = programme_months(edge.programme, edge.months, holdings)
        end = start + months
        for members, _ in rules:
            if programme_id in members:
                rule_ends[members] = end
        if edge.programme and edge.programme.cost is not None:
            cost += edge.programme.cost
        elif edge.programme:
            cost_known = False
        steps.append(
            RouteStep(
                source=edge.source,
                target=edge.target,
                kind=edge.kind,
                route_id=edge.route_id,
                programme=programme_id,
                programme_title=edge.programme.title if edge.programme else None,
                months=months,
                full_months=edge.months,
                wait=start - now,
                funding=edge.funding,
                cost=edge.programme.cost if edge.programme else None,
                band_from=graph.nodes[edge.source].get("band"),
                band_to=graph.nodes[edge.target].get("band"),
                unverified=edge.unverified,
                length_known=edge.length_known,
            )
        )
        now = end
        held.add(edge.target)
        arrived.setdefault(edge.target, end)
    return Route(tuple(steps), now, cost, cost_known)


def _with_start(holdings: Holdings, start: Role | Qualification) -> Holdings:
    """The person holds their starting role or qualification as well as their prior learning."""
    return Holdings(holdings.qualifications | {start.id}, holdings.modules, holdings.competencies)


def _search_graph(
    catalogue: Catalogue, start: str, holdings: Holdings, metric: Metric
) -> nx.DiGraph:
    graph = career_graph(catalogue).copy()
    for _, _, data in graph.edges(data=True):
        routes: list[Edge] = data["routes"]
        if metric == "months":
            data["bound"] = min(
                programme_months(e.programme, e.months, holdings) + e.wait for e in routes
            )
        elif metric == "cost":
            data["bound"] = min((e.programme.cost or 0) if e.programme else 0 for e in routes)
        else:
            data["bound"] = 1
    graph.add_node(START)
    for node in sorted({start, OPEN_ENTRY, *holdings.qualifications}):
        if node in graph:
            graph.add_edge(START, node, bound=0, routes=[])
    return graph


def _bound(graph: nx.DiGraph, path: Sequence[str]) -> int:
    return sum(graph.edges[a, b]["bound"] for a, b in itertools.pairwise(path))


def find_routes(
    catalogue: Catalogue,
    start: Role | Qualification,
    goal: Role,
    *,
    metric: Metric = "months",
    max_routes: int = 3,
    holdings: Holdings | None = None,
) -> tuple[Route, ...]:
    """The best ``max_routes`` routes from ``start`` to ``goal``, best first.

    Raises NoRouteError (naming roles that can be reached) when none exists.
    """
    import networkx as nx

    if start.id == goal.id:
        raise CareerpathError(f"'{start.id}' is already the destination")
    held = _with_start(holdings or Holdings(), start)
    graph = _search_graph(catalogue, start.id, held, metric)
    found: list[tuple[tuple[int, int, int, tuple[str, ...]], Route]] = []
    try:
        paths = nx.shortest_simple_paths(graph, START, goal.id, weight="bound")
        for count, path in enumerate(paths):
            if count >= MAX_CANDIDATES:
                break
            if len(found) >= max_routes and _bound(graph, path) > found[-1][0][0]:
                break
            route = evaluate_path(catalogue, graph, path, held, metric)
            if route is None:
                continue
            found.append((route.key(metric), route))
            found.sort(key=lambda item: item[0])
            del found[max_routes:]
    except nx.NetworkXNoPath:
        pass
    if not found:
        raise NoRouteError(start.id, goal.id, _nearest(catalogue, graph, goal))
    return tuple(route for _, route in found)


def _nearest(catalogue: Catalogue, graph: nx.DiGraph, goal: Role) -> tuple[str, ...]:
    import networkx as nx

    reachable = [
        n
        for n in nx.descendants(graph, START)
        if graph.nodes[n].get("kind") == "role" and n != goal.id
    ]
    level = goal.career_framework_level or 0

    def closeness(role_id: str) -> tuple[int, int, str]:
        role = catalogue.role(role_id)
        return (
            role.family != goal.family,
            abs((role.career_framework_level or 0) - level),
            role_id,
        )

    return tuple(sorted(reachable, key=closeness)[:5])


def brute_force_routes(
    catalogue: Catalogue,
    start: Role | Qualification,
    goal: Role,
    metric: Metric = "months",
    holdings: Holdings | None = None,
) -> list[Route]:
    """Every simple path evaluated and sorted: the slow, obviously-right reference for tests."""
    import networkx as nx

    held = _with_start(holdings or Holdings(), start)
    graph = _search_graph(catalogue, start.id, held, metric)
    paths = nx.all_simple_paths(graph, START, goal.id)
    routes = [evaluate_path(catalogue, graph, p, held, metric) for p in paths]
    return sorted((r for r in routes if r is not None), key=lambda r: r.key(metric))
