"""Catalogue → networkx graphs.

The **career graph** is a DiGraph whose nodes are roles and qualification starting points
and whose edges are ways in (qualification or role → role) and progressions (role → role).
When several routes join the same pair, the edge keeps all of them in ``routes`` so no way
in is lost. What a role needs is decided in ``analysis.role_needs``; overlaps and matrices work on
those sets directly, so no competency graph is built.

Attribute names are constants so analyses and renderers agree on them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from careerpath.model import Catalogue, Programme, Progression, Qualification, Requirement, Role

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "OPEN_ENTRY",
    "Edge",
    "career_graph",
    "edges_into",
    "progressions_by_target",
    "step_length",
    "step_unverified",
]

#: The starting node for ways in that ask for no qualification or role.
OPEN_ENTRY = "open-entry"


class Edge(msgspec.Struct, frozen=True):
    """One way to take a step from ``source`` to ``target``.

    ``wait`` is the experience (months in ``source``) needed first; ``needs`` lists the other
    qualifications or roles the step asks for (each tuple is a set of alternatives).
    """

    source: str
    target: str
    kind: str  # "entry" or a progression kind (vertical, lateral, top-up, specialist)
    route_id: str
    programme: Programme | None
    months: int
    wait: int
    needs: tuple[tuple[str, ...], ...]
    funding: tuple[str, ...]
    unverified: bool
    #: False when the step's programme has no recorded length: ``months`` is then 0, a lower
    #: bound for ranking, and views say "length unknown" rather than inventing a figure.
    length_known: bool = True


def step_length(
    explicit: int | None, programme: Programme | None, requires: tuple[Requirement, ...]
) -> tuple[int, bool]:
    """Months for a step and whether they are known: the one rule, for the map and the routes.

    A step with no programme takes no time of its own (an appointment after the experience
    it waits for), unless it asks for something written out as text, such as "a portfolio
    approved by a panel": that takes time the data does not record.
    """
    if explicit is not None:
        return explicit, True
    if programme is None:
        return 0, not any(r.kind == "text" for r in requires)
    return (programme.months or 0), programme.months is not None


def step_unverified(own: bool, programme: Programme | None) -> bool:
    """Whether a step shows a fact no source confirms: the one rule for every view of a step.

    A step shows its programme (title, length, fees), so it is unconfirmed when the entry
    route or progression is marked ``unverified`` *or* its programme is: a route through an
    unconfirmed MSc must carry the † even when the progression itself is sourced.
    """
    return own or (programme is not None and programme.unverified)


def _alternatives(requirement: Requirement) -> tuple[str, ...]:
    if requirement.kind in ("qualification", "role"):
        return (requirement.ref,)
    if requirement.kind == "any_of":
        return tuple(o.ref for o in requirement.options if o.kind in ("qualification", "role"))
    return ()


def _split(
    requires: tuple[Requirement, ...], origin: str | None
) -> tuple[list[str], int, tuple[tuple[str, ...], ...]]:
    """Sources of the step, experience wait, and remaining needs.

    The first role or qualification requirement (or each alternative of an ``any_of``) is
    where the step starts; the rest become ``needs`` that the person must also hold.
    """
    wait = 0
    groups = [_alternatives(r) for r in requires if _alternatives(r)]
    for requirement in requires:
        if requirement.kind == "experience":
            wait = max(wait, requirement.months)
    if origin is not None:
        needs = tuple(g for g in groups if origin not in g)
        return [origin], wait, needs
    if not groups:
        return [OPEN_ENTRY], wait, ()
    return list(groups[0]), wait, tuple(groups[1:])


def progressions_by_target(catalogue: Catalogue) -> dict[str, list[tuple[Role, int, Progression]]]:
    """Each role's incoming progressions (source role, index, step), in catalogue order.

    Built once, so finding every way into every role is linear, not roles × roles (at 3,000
    roles, nine million comparisons for one career map).
    """
    into: dict[str, list[tuple[Role, int, Progression]]] = {}
    for other in catalogue.roles:
        for index, step in enumerate(other.progressions):
            into.setdefault(step.to, []).append((other, index, step))
    return into


def edges_into(
    catalogue: Catalogue,
    role: Role | Qualification,
    into: dict[str, list[tuple[Role, int, Progression]]] | None = None,
) -> list[Edge]:
    """Every way into ``role`` (entry routes and other roles' progressions) as Edges.

    A qualification's entry routes (how it is gained) are ways into it too. ``into`` is
    :func:`progressions_by_target`, for callers that ask about many roles.
    """
    edges: list[Edge] = []
    for route in role.entry_routes:
        programme = catalogue.programme(route.programme) if route.programme else None
        sources, wait, needs = _split(route.requires, None)
        months, known = step_length(route.months, programme, route.requires)
        funding = route.funding or (programme.funding if programme else ())
        for source in sources:
            edges.append(
                Edge(
                    source,
                    role.id,
                    "entry",
                    route.id,
                    programme,
                    months,
                    wait,
                    needs,
                    funding,
                    step_unverified(route.unverified, programme),
                    known,
                )
            )
    incoming = (into if into is not None else progressions_by_target(catalogue)).get(role.id, ())
    for other, index, step in incoming:
        programme = catalogue.programme(step.programme) if step.programme else None
        _, wait, needs = _split(step.requires, other.id)
        months, known = step_length(step.months, programme, step.requires)
        funding = step.funding or (programme.funding if programme else ())
        route_id = f"{other.id}->{role.id}#{index + 1}"
        edges.append(
            Edge(
                other.id,
                role.id,
                step.kind,
                route_id,
                programme,
                months,
                wait,
                needs,
                funding,
                step_unverified(step.unverified, programme),
                known,
            )
        )
    return edges


def career_graph(catalogue: Catalogue) -> nx.DiGraph:
    """Roles and qualifications as nodes; ways in and progressions as edges.

    Each edge holds ``routes``: the list of Edge objects joining that pair, and ``weight``:
    the fewest months (programme plus experience wait) among them.

    >>> from careerpath.model import Catalogue, Role, EntryRoute, Qualification, Requirement
    >>> nurse = Role("N", "Nurse", "f", entry_routes=(EntryRoute("in", requires=(Requirement("qualification", "deg"),)),))
    >>> g = career_graph(Catalogue(roles=(nurse,), qualifications=(Qualification("deg", "Degree"),)))
    >>> sorted(g.edges())
    [('deg', 'N')]
    """
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_node(
        OPEN_ENTRY, kind="qualification", title="No formal qualification", level=None, family=""
    )
    for qual in catalogue.qualifications:
        graph.add_node(qual.id, kind="qualification", title=qual.title, level=qual.level, family="")
    for role in catalogue.roles:
        graph.add_node(
            role.id,
            kind="role",
            title=role.title,
            level=role.career_framework_level,
            family=role.family,
            band=role.bands.qualified_low(),
        )
    targets: tuple[Role | Qualification, ...] = (*catalogue.roles, *catalogue.qualifications)
    into = progressions_by_target(catalogue)
    # The drawn map leaves out two kinds of edge the route engine still uses: a way in from a
    # registration (drawn from the roles that hold it instead, through their progressions),
    # and a step up the qualification ladder (Level 3 to a degree), which would turn every
    # map into the ladder.
    registrations = {q.id for q in catalogue.qualifications if q.kind == "registration"}
    ladder = {
        (q.id, other.id)
        for q in catalogue.qualifications
        for other in catalogue.qualifications
        if q.id in _implied_ids(catalogue, other.id)
    }
    for target in targets:
        for edge in edges_into(catalogue, target, into):
            if edge.source in registrations or (edge.source, edge.target) in ladder:
                continue
            if graph.has_edge(edge.source, edge.target):
                data = graph.edges[edge.source, edge.target]
                data["routes"].append(edge)
                data["weight"] = min(data["weight"], edge.months + edge.wait)
            else:
                graph.add_edge(
                    edge.source, edge.target, routes=[edge], weight=edge.months + edge.wait
                )
    if not graph.out_degree(OPEN_ENTRY):
        graph.remove_node(OPEN_ENTRY)
    return graph


def _implied_ids(catalogue: Catalogue, item: str) -> set[str]:
    """What holding ``item`` implies through qualifications' ``implies:`` lists."""
    explicit = {q.id: q.implies for q in catalogue.qualifications}
    seen: set[str] = set()
    stack = list(explicit.get(item, ()))
    while stack:
        nxt = stack.pop()
        if nxt not in seen:
            seen.add(nxt)
            stack.extend(explicit.get(nxt, ()))
    return seen
