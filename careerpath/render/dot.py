r"""Diagram → DOT text through the ``graphviz`` package, deterministic and injection-safe.

Every label is passed through ``graphviz.escape`` (so backslashes in titles are literal, never
``\\N``-style escapes) and ``graphviz.nohtml`` (so ``<b>`` in a title is text, never an HTML
label); the package quotes ids and escapes double quotes. Colours are six-digit hex, which
every Graphviz (including Debian's 2.43) accepts.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from careerpath.analysis.diagrams import Diagram, DiagramEdge, DiagramNode

if TYPE_CHECKING:
    from graphviz import Digraph

__all__ = ["PALETTE", "diagram_dot"]

#: Family fill colours: soft, distinguishable, readable with black text, printable.
PALETTE = ("#dbe9f6", "#e2f0d9", "#fde9d9", "#ece2f4", "#fff2cc", "#def2f1", "#f4dde7", "#e7e6e6")

_NODE_STYLE: dict[str, dict[str, str]] = {
    "role": {"shape": "box", "style": "rounded,filled"},
    "focus": {
        "shape": "box",
        "style": "rounded,filled,bold",
        "fillcolor": "#ffd966",
        "penwidth": "2",
    },
    "qualification": {"shape": "note", "style": "filled", "fillcolor": "#f2f2f2"},
    "competency": {"shape": "ellipse", "style": "filled", "fillcolor": "#f7f7f7", "fontsize": "9"},
}
_EDGE_STYLE: dict[str, dict[str, str]] = {
    "entry": {"style": "dashed", "color": "#7f7f7f"},
    "vertical": {"color": "#1f4e79"},
    "top-up": {"color": "#1f4e79"},
    "specialist": {"color": "#1f4e79"},
    "lateral": {"style": "dotted", "color": "#7030a0"},
    "link": {"style": "dotted", "color": "#7f7f7f", "arrowhead": "none"},
    "needs": {"color": "#a6a6a6", "arrowsize": "0.5"},
}
_HIGHLIGHT = {"color": "#c00000", "penwidth": "2.5", "fontcolor": "#c00000"}
_FADED = {"color": "#d9d9d9", "fontcolor": "#bfbfbf"}


def _label(text: str) -> str:
    import graphviz

    label: str = graphviz.nohtml(graphviz.escape(text).replace("\n", "\\n"))
    return label


def _node(graph: Digraph, node: DiagramNode, fills: dict[str, str]) -> None:
    attrs = dict(_NODE_STYLE.get(node.kind, _NODE_STYLE["role"]))
    if node.kind == "role":
        attrs["fillcolor"] = fills.get(node.cluster, PALETTE[-1])
    if node.highlight and node.kind != "focus":
        attrs.update({"color": "#c00000", "penwidth": "2.5"})
    graph.node(node.id, _label(node.label), **attrs)


def _edge(graph: Digraph, edge: DiagramEdge, backward: bool = False, xlabels: bool = False) -> None:
    attrs = dict(_EDGE_STYLE.get(edge.kind, _EDGE_STYLE["vertical"]))
    if backward:  # a move down the ladder must not pull the ladder out of order
        attrs["constraint"] = "false"
    if edge.highlight:
        attrs.update(_HIGHLIGHT)
    elif edge.faded:
        attrs.update(_FADED)
    if edge.label and xlabels:
        # Placed after layout, and left out where it would collide: labels only where they fit.
        attrs["xlabel"] = _label(edge.label)
        graph.edge(edge.source, edge.target, **attrs)
        return
    graph.edge(edge.source, edge.target, _label(edge.label) if edge.label else None, **attrs)


def diagram_dot(diagram: Diagram) -> str:
    """The DOT source for a diagram; the same diagram always gives the same bytes."""
    import graphviz

    graph = graphviz.Digraph(
        "careerpath",
        graph_attr={
            "rankdir": diagram.direction,
            "newrank": "true",
            "label": _label(diagram.title),
            "labelloc": "t",
            "fontname": "Helvetica",
            "fontsize": "14",
            "forcelabels": "false",  # an arrow label that would collide is left out
            "nodesep": "0.15" if diagram.ranks else "0.25",
            "ranksep": "0.35" if diagram.ranks else "0.5",
        },
        node_attr={"fontname": "Helvetica", "fontsize": "10", "margin": "0.08,0.04"},
        edge_attr={"fontname": "Helvetica", "fontsize": "8", "arrowsize": "0.7"},
    )
    fills = {cluster: PALETTE[i % len(PALETTE)] for i, (cluster, _) in enumerate(diagram.clusters)}
    by_cluster: dict[str, list[DiagramNode]] = {}
    for node in diagram.nodes:
        by_cluster.setdefault(node.cluster, []).append(node)
    for number, (cluster, title) in enumerate(diagram.clusters):
        with graph.subgraph(name=f"cluster_{number}") as sub:
            sub.attr(
                label=_label(title),
                style="rounded",
                color="#bfbfbf",
                fontsize="11",
                fontcolor="#404040",
            )
            for node in by_cluster.get(cluster, []):
                _node(sub, node, fills)
    for node in by_cluster.get("", []):
        _node(graph, node, fills)
    known = {c for c, _ in diagram.clusters}
    for cluster, nodes in sorted(by_cluster.items()):
        if cluster and cluster not in known:
            for node in nodes:
                _node(graph, node, fills)
    _ranks(graph, diagram)
    position = {key: number for number, (key, _) in enumerate(diagram.ranks)}
    rank_of = {n.id: position.get(n.rank, -1) for n in diagram.nodes}
    for edge in diagram.edges:
        source, target = rank_of.get(edge.source, -1), rank_of.get(edge.target, -1)
        _edge(
            graph,
            edge,
            backward=min(source, target) >= 0 and target <= source,
            xlabels=bool(diagram.ranks),
        )
    if diagram.legend:
        _legend(graph, diagram)
    return str(graph.source)


def _ranks(graph: Digraph, diagram: Diagram) -> None:
    """A ladder of rank labels down the side, each level's roles on the same rank."""
    if not diagram.ranks:
        return
    ladder = [f"rank#{number}" for number in range(len(diagram.ranks))]
    for (key, label), marker in zip(diagram.ranks, ladder, strict=True):
        graph.node(
            marker,
            _label(label if key != "start" else "Starting points"),
            shape="plaintext",
            fontsize="9",
            fontcolor="#7f7f7f",
        )
        with graph.subgraph() as same:
            same.attr(rank="same")
            same.node(marker)
            for node in diagram.nodes:
                if node.rank == key:
                    same.node(node.id)
    for lower, upper in itertools.pairwise(ladder):
        graph.edge(lower, upper, style="invis")


def _legend(graph: Digraph, diagram: Diagram) -> None:
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", style="rounded", color="#bfbfbf", fontsize="10")
        previous = ""
        for key, text in diagram.legend:
            if key in _NODE_STYLE:
                attrs = dict(_NODE_STYLE[key])
                if key == "role":
                    attrs["fillcolor"] = PALETTE[0]
                legend.node(f"legend#{key}", _label(text), **attrs)
                previous = f"legend#{key}"
            elif previous:
                target = f"legend#{key}#to"
                legend.node(target, _label(text), shape="plaintext", fontsize="9")
                legend.edge(previous, target, **_EDGE_STYLE.get(key, {}))
