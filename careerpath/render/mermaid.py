"""Diagram → Mermaid flowchart text, for Markdown documents that render Mermaid."""

from __future__ import annotations

from careerpath.analysis.diagrams import Diagram

__all__ = ["diagram_mermaid"]

_ARROW = {"entry": "-.->", "lateral": "-.->", "link": "-.-", "needs": "-->"}
_SHAPE = {"qualification": ('[/"', '"/]'), "competency": ('(["', '"])'), "focus": ('[["', '"]]')}


def _text(label: str) -> str:
    """Escape a label for Mermaid: entity codes for quotes, angle brackets and pipes."""
    for raw, code in (
        ("&", "#amp;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
        ("|", "#124;"),
    ):
        label = label.replace(raw, code)
    return label.replace("\n", "<br/>")


def diagram_mermaid(diagram: Diagram) -> str:
    """A Mermaid flowchart; node ids are n0, n1, … so no title can break the syntax."""
    direction = {"BT": "BT", "LR": "LR", "TB": "TB"}.get(diagram.direction, "TB")
    ids = {node.id: f"n{i}" for i, node in enumerate(diagram.nodes)}
    lines = ["---", f"title: {_text(diagram.title)}", "---", f"flowchart {direction}"]

    def node_line(index: str, label: str, kind: str) -> str:
        left, right = _SHAPE.get(kind, ('["', '"]'))
        return f"{index}{left}{_text(label)}{right}"

    clustered: dict[str, list[str]] = {}
    for node in diagram.nodes:
        clustered.setdefault(node.cluster, []).append(
            node_line(ids[node.id], node.label, node.kind)
        )
    for number, (cluster, title) in enumerate(diagram.clusters):
        lines.append(f'  subgraph c{number}["{_text(title) or " "}"]')
        lines.extend(f"    {line}" for line in clustered.pop(cluster, []))
        lines.append("  end")
    for cluster in sorted(clustered):
        lines.extend(f"  {line}" for line in clustered[cluster])
    highlighted = []
    for number, edge in enumerate(diagram.edges):
        if edge.source not in ids or edge.target not in ids:
            continue
        arrow = "==>" if edge.highlight else _ARROW.get(edge.kind, "-->")
        label = f"|{_text(edge.label)}|" if edge.label else ""
        lines.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
        if edge.highlight:
            highlighted.append(str(number))
    for node in diagram.nodes:
        if node.highlight:
            lines.append(f"  style {ids[node.id]} stroke:#c00000,stroke-width:3px")
    return "\n".join(lines) + "\n"
