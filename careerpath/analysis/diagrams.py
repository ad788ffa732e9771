"""What a diagram shows, independent of how it is drawn (DOT or Mermaid).

Each builder returns a ``Diagram``: nodes with a kind and rank, edges with a style, clusters
and a legend. Renderers turn it into DOT (through the ``graphviz`` package) or Mermaid, so
both formats always show the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import msgspec

from careerpath.analysis.curriculum import Curriculum
from careerpath.analysis.overlap import Overlap
from careerpath.analysis.routes import Route, RouteStep
from careerpath.frameworks import AFC_BANDS, CAREER_FRAMEWORK_LEVELS
from careerpath.graph import Edge, career_graph
from careerpath.model import Catalogue, Role

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Diagram",
    "DiagramEdge",
    "DiagramNode",
    "build_diagram",
    "career_map",
    "curriculum_diagram",
    "family_maps",
    "neighbourhood",
    "overlap_diagram",
]


class DiagramNode(msgspec.Struct, frozen=True, order=True):
    """A box (role), a starting point (qualification) or a competency."""

    id: str
    label: str
    kind: str  # role | qualification | competency | focus
    cluster: str = ""
    rank: str = ""
    highlight: bool = False


class DiagramEdge(msgspec.Struct, frozen=True, order=True):
    """An arrow with its kind (entry, vertical, lateral, top-up, specialist, needs)."""

    source: str
    target: str
    kind: str
    label: str = ""
    highlight: bool = False
    faded: bool = False


class Diagram(msgspec.Struct, frozen=True):
    """A whole diagram; nodes and edges are sorted so output is deterministic."""

    title: str
    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...]
    clusters: tuple[tuple[str, str], ...] = ()
    ranks: tuple[tuple[str, str], ...] = ()
    direction: str = "BT"
    legend: tuple[tuple[str, str], ...] = ()


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrapped(text: str, width: int = 30, lines: int = 3) -> str:
    """Wrap a long name onto a few lines (the last one shortened if it must be)."""
    import textwrap

    parts = textwrap.wrap(text, width) or [text]
    if len(parts) > lines:
        parts = [*parts[: lines - 1], _short(" ".join(parts[lines - 1 :]), width)]
    return "\n".join(parts)


def _edge_label(edge: Edge) -> str:
    parts = []
    if edge.programme:
        parts.append(_short(edge.programme.award or edge.programme.title, 24))
    if edge.months:
        parts.append(f"{edge.months} mo")
    if edge.wait:
        parts.append(f"after {edge.wait} mo")
    return ", ".join(parts)


def _step_label(catalogue: Catalogue, step: RouteStep) -> str:
    """A route step's arrow label, worded like ``_edge_label`` (award, months, wait)."""
    parts = []
    if step.programme and catalogue.has("programmes", step.programme):
        programme = catalogue.programme(step.programme)
        parts.append(_short(programme.award or programme.title, 24))
    elif step.programme_title:
        parts.append(_short(step.programme_title, 24))
    if step.months:
        parts.append(f"{step.months} mo")
    if step.wait:
        parts.append(f"after {step.wait} mo")
    return ", ".join(parts)


def _edge_kind(graph: nx.DiGraph, source: str, routes: list[Edge]) -> str:
    """Ways in start from qualifications; from a role, a step is lateral only if every route says so."""
    if graph.nodes[source]["kind"] == "qualification":
        return "entry"
    return "lateral" if all(e.kind == "lateral" for e in routes) else "vertical"


def _rank_of(role: Role, rank_by: str) -> str:
    if rank_by == "band":
        band = role.bands.qualified_low()
        return f"Band {band}" if band else "Band unknown"
    level = role.career_framework_level
    return f"Level {level}: {CAREER_FRAMEWORK_LEVELS[level]}" if level else "Level unknown"


def _rank_order(rank_by: str) -> list[str]:
    if rank_by == "band":
        return [*(f"Band {b}" for b in AFC_BANDS), "Band unknown"]
    return [*(f"Level {n}: {name}" for n, name in CAREER_FRAMEWORK_LEVELS.items()), "Level unknown"]


MAP_LEGEND = (
    ("qualification", "Starting qualification"),
    ("role", "Role"),
    ("entry", "Way in"),
    ("vertical", "Progression"),
    ("lateral", "Sideways move"),
)


#: What the whole map leaves out, and where to find it: said on the page itself.
OVERVIEW_NOTE = (
    "Progressions only. Each family's own page adds the ways in and what every step takes: "
    "careerpath diagram --each-family -o DIR (one page a family, A4)"
)


def career_map(
    catalogue: Catalogue,
    roles: Iterable[Role] | None = None,
    rank_by: str = "level",
    route: Route | None = None,
) -> Diagram:
    """Roles ranked by level (or band), families as clusters, qualifications as starting points.

    With ``route``, its steps are highlighted and everything else is faded.
    """
    graph = career_graph(catalogue)
    # A map of several families is an overview: progressions only, no arrow labels. One
    # family's map (or a route's) adds the ways in and each arrow's programme and months:
    # only there do the labels fit (the whole map once ran to 89 overlapping labels).
    members = list(roles if roles is not None else catalogue.roles)
    chosen = {r.id for r in members}
    detail = route is not None or len({r.family for r in members}) <= 1
    if route:
        chosen |= {s.target for s in route.steps} | {s.source for s in route.steps}
    on_route = {(s.source, s.target): s for s in route.steps} if route else {}
    route_nodes = {n for pair in on_route for n in pair}
    nodes: list[DiagramNode] = []
    edges: list[DiagramEdge] = []
    starts: set[str] = set()
    for source, target, data in graph.edges(data=True):
        if target not in chosen or (source not in chosen and graph.nodes[source]["kind"] == "role"):
            continue
        if not detail and graph.nodes[source]["kind"] == "qualification":
            continue
        if graph.nodes[source]["kind"] == "qualification":
            starts.add(source)
        best = min(data["routes"], key=lambda e: (e.months + e.wait, e.route_id))
        kind = _edge_kind(graph, source, data["routes"])
        highlighted = (source, target) in on_route
        # On a route, the arrow says what the route takes (its wait included), not the
        # quickest alternative between the same two roles.
        label = (
            _step_label(catalogue, on_route[source, target]) if highlighted else _edge_label(best)
        )
        edges.append(
            DiagramEdge(
                source,
                target,
                kind,
                label if detail else "",
                highlighted,
                bool(route) and not highlighted,
            )
        )
    for role in catalogue.roles:
        if role.id in chosen:
            nodes.append(
                DiagramNode(
                    role.id,
                    f"{_wrapped(role.title, 22, 8)}\n({role.id})",
                    "role",
                    role.family,
                    _rank_of(role, rank_by),
                    role.id in route_nodes,
                )
            )
    for start in sorted(starts):
        label = graph.nodes[start]["title"]
        nodes.append(
            DiagramNode(
                start, _short(label, 40), "qualification", "", "start", start in route_nodes
            )
        )
    families = sorted({n.cluster for n in nodes if n.cluster})
    clusters = tuple(
        (f, catalogue.family(f).title if catalogue.has("families", f) else f) for f in families
    )
    used = {n.rank for n in nodes}
    ranks = tuple((r, r) for r in ["start", *_rank_order(rank_by)] if r in used)
    title = "Career map" + (
        f": route {route.steps[0].source} → {route.steps[-1].target}" if route else ""
    )
    if len(clusters) == 1:  # one family: its name heads the page, not a box's corner
        title += f" – {clusters[0][1]}"
        clusters = ((clusters[0][0], ""),)
    elif not detail:  # legible on A3, not A4: the page itself says where the detail is
        title += f": overview of {len(clusters)} families\n{OVERVIEW_NOTE}"
    drawn = {e.kind for e in edges} | {n.kind for n in nodes}
    legend = tuple((key, text) for key, text in MAP_LEGEND if key in drawn)
    # Many families: levels run left to right, families stacked (landscape). One family:
    # its ladder runs bottom to top, which fits a portrait page.
    direction = "BT" if detail else "LR"
    return Diagram(
        title, tuple(sorted(nodes)), tuple(sorted(edges)), clusters, ranks, direction, legend
    )


def family_maps(catalogue: Catalogue, rank_by: str = "level") -> list[tuple[str, Diagram]]:
    """One detailed map per family that has roles, families in title order (as ``list``).

    The whole map is an overview (progressions only) that needs A3; each of these fits A4
    with its ways in and arrow labels, so together they carry everything the overview leaves out.
    """
    maps = []
    for family in sorted(catalogue.families, key=lambda f: f.title.lower()):
        members = [r for r in catalogue.roles if r.family == family.id]
        if members:
            maps.append((family.id, career_map(catalogue, members, rank_by)))
    return maps


def _near(graph: nx.DiGraph, start: str, depth: int) -> set[str]:
    """``start``, what leads to it and what it leads to, each within ``depth`` steps.

    Two walks, one down the ladder (ways in and the roles before) and one up it (the roles
    after), never turning round and never through a qualification. Walking the graph as if
    undirected made "two steps from PWP" go up to HI-CBT and back down to everything that
    leads there, and through "Honours degree" to a dozen unrelated roles: most of the map.
    """
    seen = {start}
    for step in (graph.successors, graph.predecessors):
        frontier = [start]
        for _ in range(depth):
            reached = []
            for node in frontier:
                for other in step(node):
                    if other not in seen:
                        seen.add(other)
                        if graph.nodes[other]["kind"] == "role":
                            reached.append(other)
            frontier = reached
    return seen


def neighbourhood(catalogue: Catalogue, role: Role, depth: int = 1) -> Diagram:
    """The role, its ways in, its progressions and linked roles, out to ``depth`` steps."""
    graph = career_graph(catalogue)
    near = _near(graph, role.id, depth)
    links = [(role.id, k.role) for k in role.links] + [
        (o.id, role.id) for o in catalogue.roles for k in o.links if k.role == role.id
    ]
    near |= {b for _, b in links} | {a for a, _ in links}
    nodes = []
    for node in sorted(near):
        data = graph.nodes[node]
        if data["kind"] == "role":
            kind = "focus" if node == role.id else "role"
            nodes.append(
                DiagramNode(
                    node,
                    f"{_wrapped(data['title'], 22, 8)}\n({node})",
                    kind,
                    "",
                    "",
                    node == role.id,
                )
            )
        else:
            nodes.append(DiagramNode(node, _short(data["title"], 40), "qualification"))
    edges = []
    for source, target, data in graph.subgraph(near).edges(data=True):
        best = min(data["routes"], key=lambda e: (e.months + e.wait, e.route_id))
        kind = _edge_kind(graph, source, data["routes"])
        edges.append(DiagramEdge(source, target, kind, _edge_label(best)))
    seen = {(e.source, e.target) for e in edges} | {(e.target, e.source) for e in edges}
    for a, b in sorted(set(links)):
        if (a, b) not in seen and a in near and b in near:
            edges.append(DiagramEdge(a, b, "link", "linked"))
            seen |= {(a, b), (b, a)}
    legend = (*MAP_LEGEND, ("link", "Linked role"))
    return Diagram(
        f"Around {role.title} ({role.id})", tuple(nodes), tuple(sorted(edges)), (), (), "LR", legend
    )


def overlap_diagram(catalogue: Catalogue, result: Overlap) -> Diagram:
    """Roles and their competencies: shared ones in the middle, each role's own around it."""
    names = catalogue.name_of()
    nodes = [DiagramNode(r, f"{names[r]}\n({r})", "role") for r in result.roles]
    edges: list[DiagramEdge] = []
    shared = {c.id for c in result.shared}
    for competency in result.shared:
        nodes.append(
            DiagramNode(f"c#{competency.id}", _wrapped(competency.name), "competency", "shared")
        )
    for competency, holders in result.some:
        nodes.append(DiagramNode(f"c#{competency.id}", _wrapped(competency.name), "competency"))
        edges.extend(DiagramEdge(r, f"c#{competency.id}", "needs") for r in holders)
    for role_id, unique in result.unique:
        for competency in unique:
            nodes.append(
                DiagramNode(
                    f"c#{competency.id}",
                    _wrapped(competency.name),
                    "competency",
                    f"only-{role_id}",
                )
            )
            edges.append(DiagramEdge(role_id, f"c#{competency.id}", "needs"))
    for role_id in result.roles:
        edges.extend(
            DiagramEdge(role_id, f"c#{c}", "needs", highlight=True) for c in sorted(shared)
        )
    clusters = [("shared", f"Shared by all ({len(shared)})")] if shared else []
    clusters += [(f"only-{r}", f"Only {r}") for r, unique in result.unique if unique]
    legend = (("role", "Role"), ("competency", "Competency"), ("needs", "Needs"))
    return Diagram(
        "Competency overlap: " + ", ".join(result.roles),
        tuple(nodes),
        tuple(sorted(edges)),
        tuple(clusters),
        (),
        "LR",
        legend,
    )


def build_diagram(
    catalogue: Catalogue,
    *,
    family: str | None = None,
    rank_by: str = "level",
    role: str | None = None,
    depth: int = 1,
    route: tuple[str, str] | None = None,
    overlap_roles: Sequence[str] | None = None,
    deadline: float | None = None,
) -> Diagram:
    """The diagram a user asked for, by the names they typed.

    One of: a role's neighbourhood, a route highlighted on its family's map (or on
    ``family``'s), an overlap of roles, or the career map (whole, or one family).
    A route's search, fallback included, ends by ``deadline`` (one search's budget from
    now by default), so the command as a whole is bounded.
    """
    from careerpath.analysis.overlap import overlap
    from careerpath.analysis.routes import deadline_after, find_routes
    from careerpath.lookup import find_family, find_role, find_start

    members = None
    if family:
        wanted = find_family(catalogue, family).id
        members = [r for r in catalogue.roles if r.family == wanted]
    if role:
        return neighbourhood(catalogue, find_role(catalogue, role), depth)
    if overlap_roles:
        picked = list(dict.fromkeys(find_role(catalogue, r) for r in overlap_roles))
        return overlap_diagram(catalogue, overlap(catalogue, picked))
    if route:
        start, goal = find_start(catalogue, route[0]), find_role(catalogue, route[1])
        if deadline is None:
            deadline = deadline_after()
        best = find_routes(catalogue, start, goal, max_routes=1, deadline=deadline)[0]
        if members is None:
            members = [r for r in catalogue.roles if r.family == goal.family]
        return career_map(catalogue, members, rank_by, route=best)
    return career_map(catalogue, members, rank_by)


def curriculum_diagram(result: Curriculum) -> Diagram:
    """The core in the middle, parts shared by some around it, each member's own part outside."""
    nodes = [DiagramNode(m, m, "role") for m in result.members]
    edges: list[DiagramEdge] = []
    clusters = []
    for index, part in enumerate(result.parts):
        node_id = f"part#{index}"
        title = {
            "core": "Shared core",
            "shared": "Shared by " + ", ".join(part.members),
            "own": f"{part.members[0]} only",
        }[part.name]
        label = f"{title}\n{part.credits:g} credits\n" + "\n".join(
            _wrapped(c, 34, 1) for c in part.competencies[:6]
        )
        if len(part.competencies) > 6:
            label += f"\n… and {len(part.competencies) - 6} more"
        nodes.append(DiagramNode(node_id, label, "competency", part.name))
        edges.extend(
            DiagramEdge(node_id, m, "needs", highlight=part.name == "core") for m in part.members
        )
    clusters = [
        (name, title)
        for name, title in (("core", "Core"), ("shared", "Shared by some"), ("own", "Specialist"))
        if any(p.name == name for p in result.parts)
    ]
    legend = (
        ("competency", "Part of the training"),
        ("role", "Role or programme"),
        ("needs", "Taken by"),
    )
    return Diagram(
        "Shared core and specialist training: " + ", ".join(result.members),
        tuple(sorted(nodes)),
        tuple(sorted(edges)),
        tuple(clusters),
        (),
        "LR",
        legend,
    )
