"""Write Mermaid for a diagram whose every label is hostile, for ``make browser-check``.

Titles with ``%%``, quotes, pipes, brackets, ``end``, arrows, newlines, HTML and YAML
syntax must come out as text in real Mermaid, never as syntax. Usage: python hostile.py FILE
"""

from __future__ import annotations

import sys
from pathlib import Path

from careerpath.analysis.diagrams import Diagram, DiagramEdge, DiagramNode
from careerpath.render.mermaid import diagram_mermaid

NASTY = [
    'Say "hi" %% not a comment',
    "end",
    "a --> b; click a call alert(1)",
    "pipe | and [brackets] {braces} (parens)",
    "title: yaml: # colon\nsecond line",
    "<b>bold</b> & <script>x</script>",
    "`backtick` 'single' #35; entity",
    "%%{init: {'theme':'dark'}}%%",
]


def main() -> None:
    """Write the hostile diagram's Mermaid to the file named on the command line."""
    nodes = [
        DiagramNode(f"n{i}", text, kind, cluster="c" if i % 2 else "")
        for i, (text, kind) in enumerate(
            zip(NASTY, ["role", "qualification", "competency", "focus"] * 2, strict=True)
        )
    ]
    edges = [
        DiagramEdge(f"n{i}", f"n{i + 1}", kind, label=NASTY[-1 - i], highlight=i == 0)
        for i, kind in enumerate(["entry", "vertical", "lateral", "link", "needs", "top-up", "x"])
    ]
    picture = Diagram(
        'Hostile: "quotes" %% --> end\nnew line', tuple(nodes), tuple(edges), (("c", "end %% | ]"),)
    )
    Path(sys.argv[1]).write_text(diagram_mermaid(picture), encoding="utf-8")


if __name__ == "__main__":
    main()
