"""Briefing reports: one self-contained HTML page (SVG inline) or one Markdown file (Mermaid)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape

from careerpath import __version__
from careerpath.analysis.briefing import Briefing
from careerpath.analysis.profile import Profile
from careerpath.frameworks import CAREER_FRAMEWORK_LEVELS
from careerpath.model import Catalogue
from careerpath.render.terminal import months_text
from careerpath.text import markdown_inline

__all__ = ["briefing_html", "briefing_markdown"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.8rem;border-bottom:3px solid #005eb8;padding-bottom:.3rem}h2{color:#005eb8;margin-top:2.2rem}h3{margin-bottom:.3rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem;font-size:.92rem}th,td{border:1px solid #d8dde0;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f4f5}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
figure{margin:1rem 0;overflow-x:auto}figure svg{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#4c6272}
.muted{color:#4c6272;font-size:.9rem}.warn{color:#8a5300}ol.sources{font-size:.85rem;color:#4c6272}
"""


def _rows(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _facts(profile: Profile) -> list[tuple[str, str]]:
    role = profile.role
    level = role.career_framework_level
    regulation = role.regulation.kind.replace("-", " ") + (
        f" – {role.regulation.body}" if role.regulation.body else ""
    )
    facts = [
        ("Family", profile.family_title),
        ("Career Framework level", f"{level} – {CAREER_FRAMEWORK_LEVELS[level]}" if level else "–"),
        (
            "Agenda for Change bands",
            f"training {role.bands.training or '–'} · qualified {role.bands.qualified or '–'}",
        ),
        ("Regulation", regulation),
    ]
    if role.unverified:
        facts.append(("Not confirmed by a source", ", ".join(role.unverified)))
    return facts


def _profile_tables(
    catalogue: Catalogue, profile: Profile
) -> list[tuple[str, Sequence[str], list[Sequence[str]]]]:
    names = catalogue.name_of()
    return [
        (
            "Ways in",
            ("Route", "Requires", "Length", "Funding"),
            [
                (
                    s.title,
                    "; ".join(s.requires) or "–",
                    months_text(s.months),
                    ", ".join(s.funding) or "–",
                )
                for s in profile.entry_routes
            ],
        ),
        (
            "Progression",
            ("To", "Kind", "Through", "Requires", "Length"),
            [
                (
                    names.get(s.target, s.target),
                    s.kind,
                    s.title,
                    "; ".join(s.requires) or "–",
                    months_text(s.months),
                )
                for s in profile.progressions_out
            ],
        ),
        ("Barriers", ("Category", "Barrier"), [(b.category, b.text) for b in profile.barriers]),
    ]


def _svg(diagram: object) -> str:
    from careerpath.render.dot import diagram_dot
    from careerpath.render.engines import render_dot

    svg = render_dot(diagram_dot(diagram), "svg").decode("utf-8")  # type: ignore[arg-type]
    return svg[svg.find("<svg") :]


def briefing_html(catalogue: Catalogue, briefing: Briefing) -> str:
    """A self-contained HTML page: styles and SVG diagrams inline, no network needed."""
    names = catalogue.name_of()
    title = "Career briefing: " + ", ".join(r.title for r in briefing.roles)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">Made by careerpath {escape(__version__)} on {dt.date.today().isoformat()} from {len(catalogue.roles)} roles. Every fact cites its source.</p>',
    ]
    for profile in briefing.profiles:
        role = profile.role
        out.append(f'<h2 id="{escape(role.id)}">{escape(role.title)} ({escape(role.id)})</h2>')
        if role.summary:
            out.append(f"<p>{escape(role.summary)}</p>")
        out.append(
            "<dl>"
            + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in _facts(profile))
            + "</dl>"
        )
        for heading, headers, rows in _profile_tables(catalogue, profile):
            if rows:
                out.append(f"<h3>{escape(heading)}</h3>{_rows(headers, rows)}")
        out.append(
            '<ol class="sources">'
            + "".join(
                f"<li>{escape(s.label)} — {escape(s.url or s.document)}</li>"
                for s in profile.sources
            )
            + "</ol>"
        )
    if briefing.overlap:
        result = briefing.overlap
        out.append("<h2>Overlap</h2>")
        out.append(
            f"<p>Shared by all: {escape(', '.join(c.name for c in result.shared) or 'none')}.</p>"
        )
        out.append(
            _rows(
                ("Roles", "Shared", "Jaccard", "Level-weighted"),
                [
                    (
                        f"{s.first} – {s.second}",
                        f"{s.shared} of {s.union}",
                        f"{s.jaccard:.2f}",
                        f"{s.weighted:.2f}",
                    )
                    for s in result.similarity
                ],
            )
        )
        out.append(
            _rows(
                ("Move", "Missing competencies", "Top-up", "Full training"),
                [
                    (
                        f"{g.source} → {g.target}",
                        str(len(g.missing) + len(g.under_level)),
                        f"{g.credits} credits, about {g.months:g} months",
                        f"{g.full.credits} credits, {months_text(g.full.months)}"
                        if g.full
                        else "–",
                    )
                    for g in result.moves
                ],
            )
        )
    if briefing.routes:
        out.append("<h2>Routes between the roles</h2>")
        rows = [
            (
                f"{names[a]} → {names[b]}",
                months_text(r.months) if r else "no route in the data",
                " → ".join(s.target for s in r.steps) if r else "–",
            )
            for a, b, r in briefing.routes
        ]
        out.append(_rows(("Move", "Fastest", "Via"), rows))
    if briefing.barriers:
        out.append("<h2>Barriers</h2>")
        out.append(
            _rows(
                ("Category", "Barrier", "Roles affected"),
                [
                    (b.barrier.category, b.barrier.text, ", ".join(b.roles))
                    for b in briefing.barriers
                ],
            )
        )
    out.append("<h2>Diagrams</h2>")
    for caption, diagram in briefing.diagrams:
        out.append(f"<figure>{_svg(diagram)}<figcaption>{escape(caption)}</figcaption></figure>")
    out.append("</body></html>\n")
    return "\n".join(out)


def _md(text: object) -> str:
    """Data as one line of Markdown text (no raw HTML, no line breaks, no live markup)."""
    return markdown_inline(str(text))


def _md_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(_md(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def briefing_markdown(catalogue: Catalogue, briefing: Briefing) -> str:
    """The same briefing as Markdown, with diagrams as Mermaid blocks."""
    from careerpath.render.mermaid import diagram_mermaid

    names = catalogue.name_of()
    out = [
        f"# Career briefing: {_md(', '.join(r.title for r in briefing.roles))}",
        "",
        f"_Made by careerpath {__version__} on {dt.date.today().isoformat()}._",
        "",
    ]
    for profile in briefing.profiles:
        role = profile.role
        out += [f"## {_md(role.title)} ({_md(role.id)})", ""]
        if role.summary:
            out += [_md(role.summary), ""]
        out += [f"- **{_md(k)}:** {_md(v)}" for k, v in _facts(profile)] + [""]
        for heading, headers, rows in _profile_tables(catalogue, profile):
            if rows:
                out += [f"### {heading}", "", _md_table(headers, rows), ""]
        out += (
            ["Sources:", ""]
            + [
                f"{i}. {_md(s.label)} — {_md(s.url or s.document)}"
                for i, s in enumerate(profile.sources, start=1)
            ]
            + [""]
        )
    if briefing.overlap:
        result = briefing.overlap
        out += [
            "## Overlap",
            "",
            "Shared by all: " + _md(", ".join(c.name for c in result.shared) or "none") + ".",
            "",
        ]
        out += [
            _md_table(
                ("Move", "Top-up", "Full training"),
                [
                    (
                        f"{g.source} → {g.target}",
                        f"{g.credits} credits, about {g.months:g} months",
                        f"{g.full.credits} credits" if g.full else "–",
                    )
                    for g in result.moves
                ],
            ),
            "",
        ]
    if briefing.routes:
        out += [
            "## Routes between the roles",
            "",
            _md_table(
                ("Move", "Fastest", "Via"),
                [
                    (
                        f"{names[a]} → {names[b]}",
                        months_text(r.months) if r else "no route",
                        " → ".join(s.target for s in r.steps) if r else "–",
                    )
                    for a, b, r in briefing.routes
                ],
            ),
            "",
        ]
    if briefing.barriers:
        out += [
            "## Barriers",
            "",
            _md_table(
                ("Category", "Barrier", "Roles"),
                [
                    (b.barrier.category, b.barrier.text, ", ".join(b.roles))
                    for b in briefing.barriers
                ],
            ),
            "",
        ]
    out += ["## Diagrams", ""]
    for caption, diagram in briefing.diagrams:
        out += [
            f"### {_md(caption)}",
            "",
            "```mermaid",
            diagram_mermaid(diagram).rstrip("\n"),
            "```",
            "",
        ]
    return "\n".join(out)
