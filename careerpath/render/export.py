"""Whole-catalogue exports: JSON for programs, CSV for spreadsheets, GraphML, Mermaid."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from careerpath.graph import Edge, career_graph
from careerpath.model import Catalogue, Role
from careerpath.render.data import profile_json, source_json

if TYPE_CHECKING:
    from careerpath.analysis.profile import Profile

__all__ = ["catalogue_json", "csv_tables", "graphml", "mermaid_map"]


def _used(profiles: Sequence[Profile]) -> tuple[set[str], set[str]]:
    """The competencies and programmes the profiles show (what ``show`` lists for each)."""
    competencies = {c.id for p in profiles for _, needs in p.competencies for c, _ in needs}
    programmes = {
        s.programme.id
        for p in profiles
        for s in (*p.entry_routes, *p.progressions_out)
        if s.programme
    }
    return competencies, programmes


def _record_json(record: msgspec.Struct) -> dict[str, object]:
    """Every stored field of a record, as the model declares them (issue 19), empty text as null.

    So a field added to the model is exported with nothing to change here.
    """
    from careerpath.loading.derive import stored_fields

    cls: type[msgspec.Struct] = type(record)
    return {
        f.name: _value_json(getattr(record, f.name))
        for f in stored_fields(cls)
        if not f.stored.internal
    }


def _value_json(value: object) -> object:
    if isinstance(value, msgspec.Struct):
        return _record_json(value)
    if isinstance(value, tuple):
        return [_value_json(v) for v in value]
    return None if value == "" else value


def catalogue_json(catalogue: Catalogue, profiles: Sequence[Profile]) -> str:
    """Roles (as ``show --json``), the competencies and programmes they use, and all sources.

    The profiles are the analysis's (``build_profile``, as ``show`` uses): the export
    serialises them and derives nothing of its own.
    """
    competencies, programmes = _used(profiles)
    data: dict[str, Any] = {
        "roles": [profile_json(catalogue, p) for p in profiles],
        "competencies": [
            {**_record_json(c), "frameworks": dict(c.frameworks)}
            for c in catalogue.competencies
            if c.id in competencies
        ],
        "programmes": [
            {**_record_json(p), "kind": p.kind_or_default}
            for p in catalogue.programmes
            if p.id in programmes
        ],
        "qualifications": [_record_json(q) for q in catalogue.qualifications],
        "families": [_record_json(f) for f in catalogue.families],
        "sources": [source_json(s) for s in catalogue.sources],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _csv(rows: Sequence[Sequence[Any]]) -> str:
    from careerpath.render.data import csv_text

    return csv_text(rows)


#: The roles spreadsheet: each column's header beside the value it holds, so the two lists
#: cannot drift apart.
_ROLE_COLUMNS: tuple[tuple[str, Callable[[Role], Any]], ...] = (
    ("id", lambda r: r.id),
    ("title", lambda r: r.title),
    ("family", lambda r: r.family),
    ("career_framework_level", lambda r: r.career_framework_level or ""),
    ("band_training", lambda r: r.bands.training or ""),
    ("band_qualified", lambda r: r.bands.qualified or ""),
    ("regulation", lambda r: r.regulation.kind),
    ("esco", lambda r: r.esco),
    ("soc", lambda r: r.soc),
    # The fields no source confirms, as the JSON export's ``unverified`` list names them
    # (``show`` marks each with †); a separate column keeps the figures numeric.
    ("unverified", lambda r: "; ".join(r.unverified)),
)

#: The edges spreadsheet's header. One row per *move*, not per record: see ``_edge_rows``.
EDGE_COLUMNS = (
    "from",
    "to",
    "kind",
    "route",
    "programme",
    "months",  # blank where the data gives no length
    "experience_months_first",
    "unverified",
)


def _edge_rows(routes: Sequence[Edge]) -> list[tuple[Any, ...]]:
    """One edge's rows: each distinct move once, whichever files record it.

    A move between two roles is often recorded twice: as the target's entry route ("from
    PWP, with a KSA portfolio") and as the source's progression (PWP → HI-CBT). When both
    give the same programme, length, wait and other needs they are one move, and a user
    counting rows expects to count it once: the row lists every record in ``route`` (";"
    between), takes the progression's kind (vertical, lateral…) over "entry", and is
    ``unverified`` when any record is, since the spreadsheet cannot say which one it shows.
    """
    moves: dict[tuple[object, ...], list[Edge]] = {}
    for e in routes:
        key = (e.programme.id if e.programme else "", e.months, e.length_known, e.wait, e.needs)
        moves.setdefault(key, []).append(e)
    rows = []
    for (programme, months, known, wait, _), same in moves.items():
        kinds = sorted({e.kind for e in same} - {"entry"}) or ["entry"]
        rows.append(
            (
                same[0].source,
                same[0].target,
                "; ".join(kinds),
                "; ".join(e.route_id for e in same),
                programme,
                # Blank, never 0, where the data gives no length: a sum of the column must
                # not count an apprenticeship of unrecorded length as instant.
                months if known else "",
                wait,
                "true" if any(e.unverified for e in same) else "false",
            )
        )
    return rows


def csv_tables(catalogue: Catalogue, roles: Sequence[Role]) -> dict[str, str]:
    """Three spreadsheets: roles, role–competency needs, and career edges (ways in, progressions).

    Each says what is unconfirmed in an ``unverified`` column, as the JSON export does: a
    role lists its unconfirmed fields, an edge says true when its record or its programme is
    unconfirmed (what ``route`` marks †).
    """
    role_rows: list[Sequence[Any]] = [tuple(name for name, _ in _ROLE_COLUMNS)]
    role_rows += [tuple(value(r) for _, value in _ROLE_COLUMNS) for r in roles]
    need_rows: list[Sequence[Any]] = [("role", "competency", "name", "domain", "level", "optional")]
    need_rows += [
        (
            r.id,
            n.id,
            catalogue.competency(n.id).name,
            catalogue.competency(n.id).domain,
            n.level,
            "yes" if n.optional else "",
        )
        for r in roles
        for n in r.competencies
    ]
    wanted = {r.id for r in roles}
    edge_rows: list[Sequence[Any]] = [EDGE_COLUMNS]
    graph = career_graph(catalogue)
    for _, target, data in sorted(graph.edges(data=True)):
        if target in wanted:
            edge_rows.extend(_edge_rows(data["routes"]))
    return {
        "roles.csv": _csv(role_rows),
        "competencies.csv": _csv(need_rows),
        "edges.csv": _csv(edge_rows),
    }


def graphml(catalogue: Catalogue, roles: Sequence[Role]) -> str:
    """The career graph as GraphML, with scalar attributes that Gephi and yEd can show."""
    import networkx as nx

    wanted = {r.id for r in roles}
    graph = career_graph(catalogue)
    keep = wanted | {s for s, t in graph.edges() if t in wanted}
    out = nx.DiGraph()
    for node in sorted(keep):
        data = graph.nodes[node]
        out.add_node(
            node,
            kind=data["kind"],
            title=data["title"],
            family=data.get("family") or "",
            level=data.get("level") or 0,
            band=data.get("band") or "",
        )
    for source, target, data in sorted(graph.subgraph(keep).edges(data=True)):
        if target not in wanted:
            continue
        best = min(data["routes"], key=lambda e: (e.months + e.wait, e.route_id))
        out.add_edge(
            source,
            target,
            kind=best.kind,
            programme=best.programme.id if best.programme else "",
            months=best.months,
            wait=best.wait,
            routes=len(data["routes"]),
        )
    lines = nx.generate_graphml(out, encoding="utf-8", prettyprint=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"


def mermaid_map(catalogue: Catalogue, roles: Sequence[Role]) -> str:
    """The career map of these roles as a Mermaid flowchart."""
    from careerpath.analysis.diagrams import career_map
    from careerpath.render.mermaid import diagram_mermaid

    return diagram_mermaid(career_map(catalogue, roles))
