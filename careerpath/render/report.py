"""Briefing reports: the content built once, then written as HTML (SVG inline) or Markdown.

``briefing_document`` turns a ``Briefing`` into a ``render.view.Document``: sections of
paragraphs, fact lists, tables and figures whose cells carry their citations and † flags. ``briefing_html`` and
``briefing_markdown`` only serialise that document, so the two formats cannot drift apart:
the same sections, the same numbered sources, the same flags.

Every figure about a move comes from the analysis the commands use: routes from
``find_routes`` (as ``careerpath route``), top-ups from ``overlap``/``gap`` (as
``careerpath gap``). The report computes nothing itself; it words what they found, and it
says plainly that a top-up is an estimate of teaching needed, not a route that exists.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape

from careerpath import __version__
from careerpath.analysis.briefing import Briefing
from careerpath.analysis.overlap import Gap
from careerpath.analysis.profile import Profile, Step
from careerpath.model import Catalogue
from careerpath.render.view import (
    Block,
    Cell,
    Column,
    Document,
    Section,
    cell,
    note,
    role_facts,
    route_via,
    rule_from_text,
    similarity_note,
    similarity_table,
    table,
)
from careerpath.text import (
    LENGTH_UNKNOWN,
    NO_BREAK,
    UNVERIFIED_LEGEND,
    UNVERIFIED_MARK,
    credits_months_text,
    length_text,
    markdown_inline,
    months_text,
)

__all__ = [
    "Document",
    "briefing_document",
    "briefing_html",
    "briefing_markdown",
    "coverage_sections",
    "document_html",
    "document_markdown",
]


_c = cell


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _step_sources(step: Step) -> tuple[str, ...]:
    programme = step.programme.sources if step.programme else ()
    return tuple(dict.fromkeys((*step.sources, *programme)))


def _role_sections(catalogue: Catalogue, profile: Profile) -> list[Section]:
    role = profile.role
    names = catalogue.name_of()
    blocks: list[Block] = []
    if role.summary:
        blocks.append(Block("paragraph", (_c(role.summary, role.sources),)))
    blocks.append(role_facts(profile))
    sections = [Section(f"{role.title} ({role.id})", 2, _anchor(role.id), tuple(blocks))]
    ways = [
        (
            _c(s.title, _step_sources(s), s.unverified),
            _c("; ".join(s.requires) or "–"),
            _c(months_text(s.months, LENGTH_UNKNOWN)),
            _c(", ".join(s.funding) or "–"),
        )
        for s in profile.entry_routes
    ]
    if ways:
        sections.append(
            Section(
                f"Ways into {role.id}",
                3,
                _anchor(f"{role.id}-ways-in"),
                (
                    table(
                        (
                            Column("Route"),
                            Column("Requires"),
                            Column("Length", "figure"),
                            Column("Funding"),
                        ),
                        ways,
                    ),
                ),
            )
        )
    steps = [
        (
            _c(names.get(s.target, s.target), _step_sources(s), s.unverified),
            _c(s.kind),
            _c(s.title or "–"),
            _c("; ".join(s.requires) or "–"),
            _c(months_text(s.months, LENGTH_UNKNOWN)),
        )
        for s in profile.progressions_out
    ]
    if steps:
        sections.append(
            Section(
                f"Progression from {role.id}",
                3,
                _anchor(f"{role.id}-progression"),
                (
                    table(
                        (
                            Column("To", "label"),
                            Column("Kind", "figure"),
                            Column("Through"),
                            Column("Requires"),
                            Column("Length", "figure"),
                        ),
                        steps,
                    ),
                ),
            )
        )
    return sections


def _top_up_cell(g: Gap) -> str:
    """A move's estimated top-up in words: never a zero figure, never a whole programme as a top-up."""
    if not g.missing and not g.under_level:
        if g.unrecorded:
            return (
                "no competency gap in the data, but the level of "
                + ", ".join(c.name for c in g.unrecorded)
                + " (a KSF core dimension every NHS post has) is not recorded"
            )
        return "nothing to add: no competency gap in the data"
    if not g.modules:
        return f"not in the data: no module teaches the {len(g.uncovered)} competencies needed"
    from careerpath.render.analytics import top_up_figure

    figure = top_up_figure(g)
    if g.whole_programmes:
        text = f"not a top-up: the whole {' and the whole '.join(p.title for p in g.whole_programmes)} ({figure})"
    elif g.no_shorter_than_full:
        text = f"not a top-up: {figure}, no fewer credits than the full training"
    else:
        text = figure
    if g.credits:
        text += f" (months assume {'; '.join(p.describe() for p in g.paces)})"
    if g.uncovered:
        text += f" ({len(g.uncovered)} competencies no module teaches)"
    return text


def _overlap_section(briefing: Briefing) -> Section | None:
    result = briefing.overlap
    if result is None:
        return None
    shared = ", ".join(c.name for c in result.shared) or "none"
    blocks = [
        Block("paragraph", (_c(f"Competencies shared by all ({result.counted}): {shared}."),)),
        similarity_table(result),
        note(similarity_note(result)),
        note(
            "A top-up is an estimate of the modules that would teach the missing "
            "competencies (as careerpath gap computes it), not a course or route that "
            "exists: see “Routes between the roles” for what the data records."
        ),
        table(
            (
                Column("Move", "figure"),
                Column("Competencies to gain", "number"),
                Column("Estimated top-up"),
                Column("Full training today"),
            ),
            (
                (
                    _c(f"{g.source} → {g.target}"),
                    _c(str(len(g.missing) + len(g.under_level))),
                    _c(
                        _top_up_cell(g),
                        flagged=any(p.module.unverified for p in g.modules),
                    ),
                    _c(
                        credits_months_text(g.full.credits, g.full.months)
                        if g.full
                        else "not recorded",
                        flagged=g.full is not None and g.full.programme.unverified,
                    ),
                )
                for g in result.moves
            ),
        ),
    ]
    return Section("Overlap", 2, "overlap", tuple(blocks))


def _routes_section(catalogue: Catalogue, briefing: Briefing) -> Section | None:
    if not briefing.routes:
        return None
    names = {**catalogue.name_of(), "open-entry": "No formal qualification"}
    rows = []
    unsearched = set(briefing.unsearched)
    for a, b, route in briefing.routes:
        if route is None:
            text = (
                "not searched: the report's time limit for route searches ran out"
                if (a, b) in unsearched
                else "no recorded route in the data"
            )
            rows.append((_c(f"{names[a]} → {names[b]}"), _c(text), _c("–")))
            continue
        via = route_via(route, names)
        if route.assumes:
            via += "; assumes: " + "; ".join(route.assumes)
        if route.rule_from:
            via += ". " + rule_from_text(route.rule_from, names)  # as route and gap say it
        length = length_text(route.months, route.length_known)
        if (a, b) in unsearched:
            length += " (not proven the fastest: the search stopped at its limit)"
        rows.append(
            (
                _c(f"{names[a]} → {names[b]}"),
                _c(length, flagged=any(s.unverified for s in route.steps)),
                _c(via),
            )
        )
    method = note(
        "The first route careerpath route FROM TO gives, waits included: the fastest that "
        "assumes nothing the data cannot check, else the fastest, with what it assumes. A "
        "faster route that assumes a condition is listed by careerpath route after it."
    )
    moves = table((Column("Move", "label"), Column("First route"), Column("Via")), rows)
    return Section("Routes between the roles", 2, "routes", (method, moves))


def _barriers_section(briefing: Briefing) -> Section | None:
    from careerpath.analysis.barriers import RANKING_RULE

    if not briefing.barriers:
        return None
    rows = tuple(
        (
            _c(b.barrier.category),
            _c(
                " Also recorded as: ".join(v.text for v in b.variants),
                b.sources,
                b.unverified,
            ),
            _c(", ".join(b.roles)),
        )
        for b in briefing.barriers
    )
    return Section(
        "Barriers",
        2,
        "barriers",
        (
            Block("note", (_c(RANKING_RULE),)),
            table((Column("Category", "label"), Column("Barrier"), Column("Roles affected")), rows),
        ),
    )


def coverage_sections(content: Document) -> list[Section]:
    """The training coverage view (``careerpath coverage``'s document) as report sections.

    The same facts, tables and notes the terminal shows, so every figure carries the course
    ids, organisations and competency ids it was made from; the example-data banner opens
    and closes the section, as it does in the terminal.
    """
    intro, *tables, notes = content.sections
    banner = tuple(b for b in intro.blocks if b.kind == "banner")
    facts = tuple(b for b in intro.blocks if b.kind == "facts")
    sections = [
        Section(
            "Training coverage",
            2,
            "training-coverage",
            (*banner, Block("paragraph", (_c(content.title),)), *facts),
        )
    ]
    for item in tables:
        block = item.blocks[0]
        body = (
            block
            if block.rows
            else Block("paragraph", (_c(block.cells[0].text.capitalize() + "."),))
        )
        sections.append(Section(item.heading, 3, _anchor(f"coverage {item.heading}"), (body,)))
    sections.append(
        Section("How the coverage figures are made", 3, "coverage-method", (*notes.blocks, *banner))
    )
    return sections


def briefing_document(
    catalogue: Catalogue, briefing: Briefing, coverage: Document | None = None
) -> Document:
    """The report's content, once, for every format (with the training coverage if given)."""
    sections: list[Section] = []
    for profile in briefing.profiles:
        sections.extend(_role_sections(catalogue, profile))
    for optional in (
        _overlap_section(briefing),
        _routes_section(catalogue, briefing),
        _barriers_section(briefing),
    ):
        if optional is not None:
            sections.append(optional)
    if coverage is not None:
        sections.extend(coverage_sections(coverage))
    figures = tuple(Block("figure", (_c(caption),), diagram=d) for caption, d in briefing.diagrams)
    sections.append(Section("Diagrams", 2, "diagrams", figures))
    numbers: dict[str, int] = {}
    flagged = False
    for section in sections:
        for block in section.blocks:
            for found in (*block.cells, *(c for row in block.rows for c in row)):
                flagged |= found.flagged
                for source in found.sources:
                    numbers.setdefault(source, len(numbers) + 1)
    sources = tuple(
        (
            number,
            catalogue.source(source_id).label,
            catalogue.source(source_id).url or catalogue.source(source_id).document,
            catalogue.source(source_id).accessed,
        )
        for source_id, number in numbers.items()
    )
    title = "Career briefing: " + ", ".join(r.title for r in briefing.roles)
    byline = (
        f"Made by careerpath {__version__} on {dt.date.today().isoformat()} from "
        f"{len(catalogue.roles)} roles. Numbers in brackets cite the sources listed at the end."
    )
    return Document(title, byline, tuple(sections), sources, flagged)


def _numbers(document: Document) -> dict[str, int]:
    """Source id → number, rebuilt in the order ``briefing_document`` numbered them."""
    numbers: dict[str, int] = {}
    for section in document.sections:
        for block in section.blocks:
            for found in (*block.cells, *(c for row in block.rows for c in row)):
                for source in found.sources:
                    numbers.setdefault(source, len(numbers) + 1)
    return numbers


_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45;overflow-wrap:break-word}
h1{font-size:1.8rem;border-bottom:3px solid #005eb8;padding-bottom:.3rem}h2{color:#005eb8;margin-top:2.2rem}h3{margin:1.2rem 0 .3rem}
.table{overflow-x:auto;margin:.6rem 0 1.2rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #d8dde0;padding:.35rem .5rem;text-align:left;vertical-align:top;overflow-wrap:break-word;hyphens:auto}
th{background:#f0f4f5}dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem}dt{font-weight:600}dd{margin:0;min-width:0;overflow-wrap:anywhere}
figure{margin:1rem 0;overflow-x:auto}figure svg{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#4c6272}
.muted,.note{color:#4c6272;font-size:.9rem}.banner{background:#fff2cc;border-left:4px solid #8a5300;padding:.4rem .6rem;font-weight:600}.flag{color:#8a5300;font-weight:600}
sup a{text-decoration:none}ol.sources{font-size:.85rem;color:#333}ol.sources li{overflow-wrap:anywhere;margin-bottom:.3rem}
ol.sources a{color:#005eb8}
@media (max-width:40rem){dl{grid-template-columns:minmax(0,1fr)}dt{margin-top:.4rem}body{margin:1rem auto}}
@page{size:A4;margin:15mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}h2{break-after:avoid}figure{overflow:visible;break-inside:avoid}figure svg{min-width:0 !important;max-height:250mm}
.table{overflow:visible}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
"""


def _html_cell(cell: Cell, numbers: dict[str, int]) -> str:
    text = escape(cell.text)
    if cell.text.startswith(("http://", "https://")) and " " not in cell.text:
        text = f'<a href="{text}">{text}</a>'  # a fact that is an address (ESCO) is a link
    if cell.flagged:
        text += (
            f'{NO_BREAK}<span class="flag" title="not confirmed by a source">'
            f"{UNVERIFIED_MARK}</span>"
        )
    for number in sorted(numbers[s] for s in cell.sources):
        text += f'<sup><a href="#src-{number}" aria-label="source {number}">[{number}]</a></sup>'
    return text


def _html_figure(block: Block) -> str:
    from careerpath.render.dot import diagram_dot
    from careerpath.render.engines import render_dot

    assert block.diagram is not None
    svg = render_dot(diagram_dot(block.diagram), "svg").decode("utf-8")
    svg = svg[svg.find("<svg") :]
    width = re.search(r'<svg width="([\d.]+)pt"', svg)
    caption = escape(block.cells[0].text)
    # Never shrink a picture below 60% on screen: wider ones scroll inside their figure,
    # and print fits the page (see @media print).
    floor = f' style="min-width:{float(width[1]) * 0.8:.0f}px"' if width else ""
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{caption}"{floor} ', 1)
    return f'<figure tabindex="0">{svg}<figcaption>{caption}</figcaption></figure>'


def briefing_html(
    catalogue: Catalogue, briefing: Briefing, coverage: Document | None = None
) -> str:
    """A self-contained HTML page: styles and SVG diagrams inline, no network needed."""
    return document_html(briefing_document(catalogue, briefing, coverage))


def document_html(document: Document) -> str:
    """``document`` as one self-contained HTML page."""
    numbers = _numbers(document)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(document.title)}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{escape(document.title)}</h1>",
        f'<p class="muted">{escape(document.byline)}</p>',
    ]
    if document.flagged:
        out.append(f'<p class="note"><span class="flag">{escape(UNVERIFIED_LEGEND)}</span></p>')
    for section in document.sections:
        tag = f"h{section.level}"
        out.append(f'<{tag} id="{escape(section.anchor)}">{escape(section.heading)}</{tag}>')
        for block in section.blocks:
            if block.kind == "paragraph":
                out.append("<p>" + " ".join(_html_cell(c, numbers) for c in block.cells) + "</p>")
            elif block.kind in ("note", "banner"):
                out.append(
                    f'<p class="{block.kind}">'
                    + " ".join(_html_cell(c, numbers) for c in block.cells)
                    + "</p>"
                )
            elif block.kind == "facts":
                out.append(
                    "<dl>"
                    + "".join(
                        f"<dt>{_html_cell(k, numbers)}</dt><dd>{_html_cell(v, numbers)}</dd>"
                        for k, v in block.rows
                    )
                    + "</dl>"
                )
            elif block.kind == "table":
                head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.headers)
                body = "".join(
                    "<tr>" + "".join(f"<td>{_html_cell(c, numbers)}</td>" for c in row) + "</tr>"
                    for row in block.rows
                )
                # Focusable and named: a keyboard user can scroll a table wider than a phone.
                out.append(
                    f'<div class="table" tabindex="0" role="region" '
                    f'aria-label="{escape(section.heading)}: {escape(", ".join(block.headers))}">'
                    f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
                )
            elif block.kind == "figure":
                out.append(_html_figure(block))
    out.append('<h2 id="sources">Sources</h2><ol class="sources">')
    for number, label, where, read in document.sources:
        link = (
            f'<a href="{escape(where)}">{escape(where)}</a>'
            if where.startswith(("http://", "https://"))
            else escape(where)
        )
        read_text = f" (read {escape(read)})" if read else ""
        out.append(f'<li id="src-{number}">{escape(label)}{read_text}<br>{link}</li>')
    out.append("</ol></main></body></html>\n")
    return "\n".join(out)


def _md(text: object) -> str:
    """Data as one line of Markdown text (no raw HTML, no line breaks, no live markup)."""
    return markdown_inline(str(text))


def _md_cell(cell: Cell, numbers: dict[str, int]) -> str:
    text = _md(cell.text)
    if cell.flagged:
        text += NO_BREAK + UNVERIFIED_MARK
    cites = " ".join(f"[[{n}]](#src-{n})" for n in sorted(numbers[s] for s in cell.sources))
    return f"{text} {cites}" if text and cites else text or cites


def briefing_markdown(
    catalogue: Catalogue, briefing: Briefing, coverage: Document | None = None
) -> str:
    """The same document as Markdown, with diagrams as Mermaid blocks."""
    return document_markdown(briefing_document(catalogue, briefing, coverage))


def document_markdown(document: Document) -> str:
    """``document`` as Markdown, with diagrams as Mermaid blocks."""
    from careerpath.render.mermaid import diagram_mermaid

    numbers = _numbers(document)
    out = [f"# {_md(document.title)}", "", f"_{_md(document.byline)}_", ""]
    if document.flagged:
        out += [f"_{UNVERIFIED_LEGEND}_", ""]
    for section in document.sections:
        out += [f"{'#' * section.level} {_md(section.heading)}", ""]
        for block in section.blocks:
            if block.kind in ("paragraph", "note", "banner"):
                text = " ".join(_md_cell(c, numbers) for c in block.cells)
                wrap = {"note": "_", "banner": "**"}.get(block.kind, "")
                out += [f"{wrap}{text}{wrap}", ""]
            elif block.kind == "facts":
                out += [
                    f"- **{_md_cell(k, numbers)}:** {_md_cell(v, numbers)}" for k, v in block.rows
                ]
                out.append("")
            elif block.kind == "table":
                out.append("| " + " | ".join(_md(h) for h in block.headers) + " |")
                out.append("|" + "---|" * len(block.headers))
                out += [
                    "| " + " | ".join(_md_cell(c, numbers) for c in row) + " |"
                    for row in block.rows
                ]
                out.append("")
            elif block.kind == "figure" and block.diagram is not None:
                out += [
                    f"**{_md(block.cells[0].text)}**",
                    "",
                    "```mermaid",
                    diagram_mermaid(block.diagram).rstrip("\n"),
                    "```",
                    "",
                ]
    out += ["## Sources", ""]
    for number, label, where, read in document.sources:
        read_text = f" (read {read})" if read else ""
        target = f"<{where}>" if where.startswith(("http://", "https://")) else _md(where)
        out.append(f'{number}. <a id="src-{number}"></a>{_md(label)}{read_text} — {target}')
    out.append("")
    return "\n".join(out)
