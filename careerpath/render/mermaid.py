"""Diagram → Mermaid flowchart text, for Markdown documents that render Mermaid."""

from __future__ import annotations

import re

from careerpath.analysis.diagrams import Diagram

__all__ = ["diagram_mermaid"]

_ARROW = {"entry": "-.->", "lateral": "-.->", "link": "-.-", "needs": "-->"}
_SHAPE = {"qualification": ('[/"', '"/]'), "competency": ('(["', '"])'), "focus": ('[["', '"]]')}


#: Characters written as Mermaid entity codes, in one pass (so "#" in a code is not redone):
#: quotes end a label, "<>" are HTML, "|" ends an edge label, "#" starts an entity, "%"
#: starts a directive ("%%{init: …}%%" works anywhere), a backtick opens a Markdown string.
_ENTITIES = {
    "&": "#amp;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "|": "#124;",
    "#": "#35;",
    "%": "#37;",
    "`": "#96;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def _text(label: str) -> str:
    """Escape a label for Mermaid: entity codes for every character with a meaning there.

    >>> _text('Say "hi" 100% #1 <b>')
    'Say #quot;hi#quot; 100#37; #35;1 #lt;b#gt;'
    """
    escaped = _SPECIAL.sub(lambda m: _ENTITIES[m.group()], label)
    return "<br/>".join(escaped.splitlines() or [""])


def _yaml_string(text: str) -> str:
    """The title as a YAML double-quoted string, on one line, with no "%%" directive.

    Mermaid reads its front matter as YAML: an unquoted "Career map: route" is a mapping
    inside a mapping, and the whole diagram fails to render. ``<``, ``>`` and ``&`` are written
    as YAML escapes, so the file holds no raw HTML even where a viewer shows the block as text;
    Mermaid reads the same title back.
    """
    flat = re.sub("%(?=%)", "% ", " ".join(text.split()))
    quoted = flat.replace("\\", "\\\\").replace('"', '\\"')
    for raw, escaped in (("&", "\\x26"), ("<", "\\x3c"), (">", "\\x3e")):
        quoted = quoted.replace(raw, escaped)
    return '"' + quoted + '"'


def diagram_mermaid(diagram: Diagram) -> str:
    """A Mermaid flowchart; node ids are n0, n1, … so no title can break the syntax."""
    direction = {"BT": "BT", "LR": "LR", "TB": "TB"}.get(diagram.direction, "TB")
    ids = {node.id: f"n{i}" for i, node in enumerate(diagram.nodes)}
    lines = ["---", f"title: {_yaml_string(diagram.title)}", "---", f"flowchart {direction}"]

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
        label = f'|"{_text(edge.label)}"|' if edge.label else ""
        lines.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
        if edge.highlight:
            highlighted.append(str(number))
    for node in diagram.nodes:
        if node.highlight:
            lines.append(f"  style {ids[node.id]} stroke:#c00000,stroke-width:3px")
    return "\n".join(lines) + "\n"
