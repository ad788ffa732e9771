"""The set of per-family maps that ``diagram --each-family`` writes: its pages and its index.

The whole career map is an overview that reads on A3; one family a page reads on A4 with its
ways in and arrow labels. The set is the family pages, the overview and an ``index.html``
that lists them, so a reader who opens the folder finds every page and what each one holds.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from careerpath.analysis.diagrams import Diagram

__all__ = ["OVERVIEW_NAME", "map_set"]

#: The overview's file name (without extension): sorts before every family's id.
OVERVIEW_NAME = "0-overview"

_EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "mermaid": "mmd"}


def map_set(
    overview: Diagram,
    families: list[tuple[str, Diagram]],
    fmt: str,
    draw: Callable[[Diagram], bytes | str],
) -> dict[str, bytes | str]:
    """File name → contents for the overview, each family's page and the index.

    ``draw`` turns a diagram into the chosen format (DOT, Mermaid or a Graphviz rendering).
    """
    extension = _EXTENSIONS[fmt]
    files: dict[str, bytes | str] = {f"{OVERVIEW_NAME}.{extension}": draw(overview)}
    pages = []
    for family_id, picture in families:
        name = f"{family_id}.{extension}"
        files[name] = draw(picture)
        roles = sum(1 for n in picture.nodes if n.kind == "role")
        pages.append((name, picture.title, roles))
    files["index.html"] = _index(overview, f"{OVERVIEW_NAME}.{extension}", pages, fmt)
    return files


def _index(
    overview: Diagram, overview_name: str, pages: list[tuple[str, str, int]], fmt: str
) -> str:
    """A plain HTML page listing the maps, with pictures inline where a browser shows them."""
    shown = fmt in ("svg", "png")

    def entry(name: str, title: str, detail: str) -> str:
        link = f'<a href="{escape(name)}">{escape(name)}</a>'
        picture = f'<br><img src="{escape(name)}" alt="{escape(title)}">' if shown else ""
        return f"<li><strong>{escape(title)}</strong> ({escape(detail)}): {link}{picture}</li>"

    headline = overview.title.partition("\n")[0]
    items = [entry(overview_name, headline, "overview, A3")]
    items += [
        entry(name, title, f"{roles} role{'s' if roles != 1 else ''}, A4")
        for name, title, roles in pages
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en-GB"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Career maps, one family a page</title>",
            "<style>body{font-family:system-ui,Helvetica,Arial,sans-serif;max-width:60rem;"
            "margin:2rem auto;padding:0 1rem}li{margin:1rem 0}img{max-width:100%;height:auto;"
            "border:1px solid #d8dde0}</style></head><body><main>",
            "<h1>Career maps, one family a page</h1>",
            "<p>The overview shows progressions only and reads on A3. Each family's page adds the "
            "ways in and what every step takes (programme and months), and reads on A4.</p>",
            "<ol>",
            *items,
            "</ol></main></body></html>",
            "",
        ]
    )
