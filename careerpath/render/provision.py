"""The framework commands' views, built once as ``render.view`` documents and serialised per format.

Each ``*_content`` function returns a ``view.Document`` in one shape: a first section with
the example-data banner (when the directory is made up) and the facts, a section per table
(its heading the table's title), and a last section of notes, the assumptions behind every
figure. The terminal, CSV and the HTML and Markdown report (``report.coverage_sections``)
all serialise the same document, so a figure and its caveat are written in one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import msgspec

from careerpath.render.data import csv_text
from careerpath.render.view import (
    Block,
    Cell,
    Column,
    Document,
    Section,
    Stack,
    cells,
    note,
)
from careerpath.render.view import facts as view_facts
from careerpath.render.view import table as view_table
from careerpath.text import UNVERIFIED_MARK, marked

if TYPE_CHECKING:
    from rich.console import RenderableType

    from careerpath.analysis.coverage import Coverage, PlacesRow
    from careerpath.analysis.needs import NeedsResult, RowPlan
    from careerpath.analysis.skills_matrix import SkillsMatrix
    from careerpath.analysis.transfer import Transfer
    from careerpath.provision import CitedSource, Framework, Provision, Rates

__all__ = [
    "EXAMPLE_BANNER",
    "banner_of",
    "content_assumptions",
    "content_notes",
    "content_terminal",
    "coverage_content",
    "coverage_csv",
    "facts_of",
    "frameworks_content",
    "matrix_content",
    "matrix_csv",
    "money",
    "needs_content",
    "needs_csv",
    "notes_of",
    "result_json",
    "rows_of",
    "table_csv",
    "tables_of",
    "transfer_content",
]

EXAMPLE_BANNER = (
    "EXAMPLE DATA: a fictional area; organisations, courses, prices and places are made up."
)
#: The one mark (``careerpath.text``, which loads no Rich: CSV and JSON output need none).
UNVERIFIED = UNVERIFIED_MARK
LEGEND = (
    f"{UNVERIFIED} unverified: a working label or figure that no primary source read confirms "
    "(the file named above says why); treat it as a placeholder, not the published text or rate."
)


#: Text with the unverified mark (†) when it is a working label or unconfirmed figure.
_mark = marked


def _source_line(source: CitedSource) -> str:
    kind = f" [{source.kind}]" if source.kind else ""
    read = f", read {source.accessed}" if source.accessed else ", not read"
    return f"{source.title} <{source.url}>{kind}{read}"


def _content(
    *,
    title: str,
    banner: str,
    facts: Iterable[tuple[str, str]],
    tables: Iterable[Section],
    notes: Iterable[str],
) -> Document:
    """A framework view as a document: intro (banner, facts), one section a table, notes."""
    intro = (
        *((Block("banner", (Cell(banner),)),) if banner else ()),
        view_facts(cells(label, value) for label, value in facts),
    )
    return Document(
        title,
        "",
        (
            Section(title, 2, "intro", intro),
            *tables,
            Section("Notes", 3, "notes", tuple(note(n) for n in notes)),
        ),
        (),
        bool(banner),
    )


def _table(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    empty: str = "none",
    stack: Stack | None = None,
) -> Section:
    """A titled table of text cells; ``empty`` is said instead when it has no rows."""
    block = view_table(tuple(map(Column, headers)), (cells(*r) for r in rows))
    if not block.rows:
        block = msgspec.structs.replace(block, cells=(Cell(empty),))
    return Section(title, 3, "table", (msgspec.structs.replace(block, stack=stack),))


def banner_of(content: Document) -> str:
    """The example-data banner ("" for real data)."""
    return "".join(b.cells[0].text for b in content.sections[0].blocks if b.kind == "banner")


def facts_of(content: Document) -> tuple[tuple[str, str], ...]:
    """The facts, as (label, value) pairs."""
    block = next(b for b in content.sections[0].blocks if b.kind == "facts")
    return tuple((label.text, value.text) for label, value in block.rows)


def tables_of(content: Document) -> tuple[Section, ...]:
    """The table sections, each holding one table block."""
    return content.sections[1:-1]


def notes_of(content: Document) -> tuple[str, ...]:
    """The notes: how the figures were made, and what they do not say."""
    return tuple(b.cells[0].text for b in content.sections[-1].blocks)


def rows_of(section: Section) -> tuple[tuple[str, ...], ...]:
    """A table section's rows as text."""
    return tuple(tuple(c.text for c in row) for row in section.blocks[0].rows)


def money(amount: Decimal | int) -> str:
    """Pounds with thousands separators and pence: £1,234.50."""
    return f"£{Decimal(amount):,.2f}"


def _framework_facts(framework: Framework) -> list[tuple[str, str]]:
    facts = [("Framework", f"{framework.title} ({framework.id}), {framework.file}")]
    if framework.publisher:
        facts.append(("Publisher", framework.publisher))
    facts.extend(("Source", _source_line(source)) for source in framework.sources)
    if framework.has_unverified:
        counts = [
            f"{sum(i.unverified for i in items)} of {len(items)} {noun}"
            for noun, items in (
                ("tiers", framework.tiers),
                ("domains", framework.domains),
                ("competencies", framework.competencies),
                ("staff-group placements", framework.staff_groups),
            )
        ]
        facts.append(("Unverified †", "; ".join(counts)))
    return facts


def _framework_notes(framework: Framework) -> list[str]:
    notes = [framework.note] if framework.note else []
    if framework.has_unverified:
        notes.append(LEGEND)
    return notes


def _rates_facts(rates: Rates) -> list[tuple[str, str]]:
    """The costing model's file, its sources (with kind and date read) and its unverified rates."""
    facts = [("Rates file", f"{rates.title}, {rates.file}")]
    facts.extend(("Rates source", _source_line(source)) for source in rates.sources)
    unverified = rates.unverified_rates()
    if unverified:
        facts.append(("Unverified rates †", ", ".join(unverified)))
    return facts


def _group_label(framework: Framework, group_id: str) -> str:
    group = framework.staff_group(group_id)
    return _mark(group.title, group.unverified)


def _tier_title(framework: Framework, tier_id: str) -> str:
    tier = framework.tier(tier_id)
    return _mark(tier.title, tier.unverified)


def frameworks_content(frameworks: tuple[Framework, ...]) -> Document:
    """The framework listing: one row per framework with its size and how much is a working label.

    File paths are left to the facts (the folder, once) so rows stay short; ``--json`` gives
    each framework's file.
    """
    rows = tuple(
        (
            f.id,
            f.title,
            str(len(f.tiers)),
            str(len(f.domains)),
            str(len(f.competencies)),
            str(len(f.staff_groups)),
            f"{sum(c.unverified for c in f.competencies)} of {len(f.competencies)}",
        )
        for f in frameworks
    )
    folders = sorted({f.file.rsplit("/", 1)[0] if "/" in f.file else "." for f in frameworks})
    return _content(
        title="Competency frameworks",
        banner="",
        facts=(("Read from", ", ".join(folders)),),
        tables=(
            _table(
                "Frameworks",
                (
                    "ID",
                    "Title",
                    "Tiers",
                    "Domains",
                    "Competencies",
                    "Staff groups",
                    f"Competencies that are working labels {UNVERIFIED}",
                ),
                rows,
                stack=Stack(
                    ((0,), (1,), (4,), (5,), (6,)),  # tiers and domains: in CSV and JSON
                    (0, 1, 4, 5, 6),
                    ("ID", "Title", "Competencies", "Staff groups", f"Working labels {UNVERIFIED}"),
                ),
            ),
        ),
        notes=(
            "Show one with: careerpath framework ID (add --csv or --json).",
            *((LEGEND,) if any(f.has_unverified for f in frameworks) else ()),
        ),
    )


def matrix_content(framework: Framework, matrix: SkillsMatrix) -> Document:
    """The skills matrix: competencies (rows) × staff groups (columns) → tier rank needed.

    Columns are staff-group numbers and cells tier ranks, so a ten-group matrix fits a
    terminal; the first two tables spell out the groups and the domains. ``matrix_csv`` gives
    the same matrix with ids for spreadsheets.
    """
    ranks = {t.id: str(t.rank) for t in framework.tiers}
    rows = tuple(
        (
            r.competency,
            _mark(r.name, r.unverified),
            *(ranks[cell] if cell else "–" for cell in r.cells),
        )
        for r in matrix.rows
    )
    placements = tuple(
        (
            str(n),
            g,
            _group_label(framework, g),
            _tier_title(framework, framework.staff_group(g).tier),
            framework.staff_group(g).note,
        )
        for n, g in enumerate(matrix.groups, start=1)
    )
    domains = tuple((d.id, _mark(d.title, d.unverified)) for d in framework.domains)
    legend = ", ".join(f"{t.rank} = {_mark(t.title, t.unverified)}" for t in framework.tiers)
    return _content(
        title=f"Skills matrix: {framework.title}",
        banner="",
        facts=tuple(_framework_facts(framework)),
        tables=(
            _table(
                "Staff groups and their tier",
                ("#", "ID", "Staff group", "Tier", "Note"),
                placements,
            ),
            _table("Domains", ("ID", "Domain"), domains),
            _table(
                "Competency × staff group (# above): tier needed (– not needed)",
                ("ID", "Competency", *(f"#{n}" for n in range(1, len(matrix.groups) + 1))),
                rows,
            ),
        ),
        notes=(
            *_framework_notes(framework),
            f"Tiers: {legend}.",
            "A group needs each competency that applies at its tier, to that tier.",
        ),
    )


def matrix_csv(framework: Framework, matrix: SkillsMatrix) -> str:
    """The skills matrix as CSV: domain, competency id and name, then a tier id per staff group."""
    domains = {d.id: d.title for d in framework.domains}
    rows: list[list[object]] = []
    rows.append(["domain", "competency", "name", "unverified", *matrix.groups])
    for r in matrix.rows:
        rows.append(
            [domains[r.domain], r.competency, r.name, "yes" if r.unverified else "", *r.cells]
        )
    return csv_text(rows)


def coverage_content(framework: Framework, provision: Provision, result: Coverage) -> Document:
    """Gaps, duplication and places against need: the coverage view (and report section)."""
    names = {c.id: _mark(c.name, c.unverified) for c in framework.competencies}
    orgs = {o.id: o.title for o in provision.organisations}
    tiers = {t.id: _mark(t.title, t.unverified) for t in framework.tiers}
    courses = provision.course_index()
    gaps = tuple(
        (g.competency, names[g.competency], tiers[g.deepest_needed], ", ".join(g.groups))
        for g in result.gaps
    )
    shallow = tuple(
        (g.competency, names[g.competency], tiers[g.deepest_needed], tiers[g.deepest_taught])
        for g in result.shallow
    )
    duplicates = tuple(
        (
            str(n),
            f"{c} — {courses[c].title} [{orgs[provision.organisation_of(courses[c])]}]",
            "; ".join(f"{comp} to {tiers[t]}" for comp, t in group.shared) if i == 0 else "",
            f"{group.similarity:.2f}" if i == 0 else "",
        )
        for n, group in enumerate(result.duplicates, start=1)
        for i, c in enumerate(group.courses)
    )
    places = tuple(
        (
            p.competency,
            names.get(p.competency, p.name),
            "unknown" if p.need is None else f"{p.need:,}",
            f"{p.places:,}"
            + (f" (+{p.courses_without_places} unknown)" if p.courses_without_places else ""),
            _shortfall(p, tiers),
            f"{p.courses}: {', '.join(p.course_ids)}" if p.course_ids else "0",
        )
        for p in result.places
    )
    return _content(
        title=f"Coverage of {provision.area} against {framework.title}",
        banner=EXAMPLE_BANNER if result.example else "",
        facts=(
            *_framework_facts(framework),
            (
                "Directory",
                f"{provision.area}: {result.courses} courses mapped to {framework.id} ({provision.root})",
            ),
            ("Gaps", f"{len(result.gaps)} competencies no course teaches"),
            ("Too shallow", f"{len(result.shallow)} taught, but not to the deepest tier needed"),
            (
                "Duplication",
                f"{len(result.duplicates)} groups of courses from different organisations "
                f"with (competency, tier) Jaccard similarity ≥ {result.threshold:.2f}",
            ),
        ),
        tables=(
            _table(
                "Gaps: no course teaches these",
                ("ID", "Competency", "Deepest tier needed", "Needed by"),
                gaps,
            ),
            _table(
                "Too shallow: taught, not deep enough",
                ("ID", "Competency", "Needed to", "Taught to"),
                shallow,
            ),
            _table(
                "Duplication",
                ("Group", "Course [organisation]", "Shared", "Similarity"),
                duplicates,
            ),
            _table(
                "Places against need (a year)",
                ("ID", "Competency", "Staff needing it", "Places", "Shortfall", "Courses"),
                places,
                stack=Stack(
                    ((0, 1), (2, 3, 4), (5,)),
                    (0, 1, 5),
                    ("Competency", "Need and places", "Courses"),
                ),
            ),
        ),
        notes=(
            *_framework_notes(framework),
            f"Duplication: courses run by different organisations whose sets of (competency, tier) share at least {result.threshold:.0%} of their union; change with --threshold.",
            "Courses: the ids of the courses counted, as the directory names them (courses with no places figure add none).",
            "Staff needing it: headcounts in the directory's organisations, in staff groups whose tier the competency applies at"
            + (
                "."
                if provision.framework == framework.id
                else f"; unknown here, because the directory counts staff by {provision.framework}'s groups."
            ),
            "Places: yearly places of every course teaching the competency at any tier; one place counts for every competency its course teaches, so places overstate what is available when courses are shared.",
        ),
    )


def _shortfall(row: PlacesRow, tiers: dict[str, str]) -> str:
    """A shortfall in words: a bound says "at least"; one resting on unknown places says so.

    When staff needing a deeper tier set it, it says how many need that tier and how many
    places teach it that deep.
    """
    if row.shortfall is None or row.shortfall <= 0:
        return "–"
    binding = row.binding_tier
    why = (
        f" ({binding[1]:,} need {tiers.get(binding[0], binding[0])}, "
        f"{binding[2]:,} places teach it that deep)"
        if binding
        else ""
    )
    if row.shortfall_bound == "exact":
        return f"{row.shortfall:,}{why}"
    if row.shortfall_bound == "at least":
        return f"at least {row.shortfall:,}{why}"
    return (
        f"{row.shortfall:,}{why} if the {row.courses_without_places} course"
        f"{'s' if row.courses_without_places != 1 else ''} with no places figure add none"
    )


def _row_money(row: RowPlan, amount: Decimal) -> str:
    """A row's cost: "at least" when it leaves a need uncosted, "about" on an unconfirmed rate."""
    if row.unmet:
        return f"at least {money(amount)}"
    if any(line.unverified for line in row.lines):
        return f"about {money(amount)}"
    return money(amount)


def needs_content(
    framework: Framework, provision: Provision, result: NeedsResult, rates: Rates | None = None
) -> Document:
    """Per-row needs and plans, per-group needs, and the costed total.

    With ``rates`` (the file the total was costed with) the facts cite each rate's source, its
    kind and the date read, and name the rates marked unverified, so the total can be traced.
    """
    plans = tuple(
        (
            f"{r.name} (line {r.line}): {r.staff_group}, band {r.pay_rate}, ×{r.count}",
            f"{len(r.needs)}: " + (", ".join(r.courses) or "–"),
            ", ".join(r.unmet) or "–",
            _row_money(r, r.per_person),
            _row_money(r, r.total),
            "exact" if r.exact else f"greedy ({r.candidates} candidates)",
        )
        for r in result.rows
    )
    lines = tuple(
        (
            f"{r.name} (line {r.line})",
            line.course,
            f"{line.hours} h",
            _mark(f"{line.pay_rate} {line.pay_point} £{line.annual_pay:,}", line.unverified),
            money(line.direct),
            money(line.time),
            money(line.on_costs),
            _mark(money(line.total), line.unverified),
            str(r.count),
        )
        for r in result.rows
        for line in r.lines
    )
    groups = tuple(
        (
            _group_label(framework, g.staff_group),
            str(g.people),
            ", ".join(f"{c} ({n})" for c, n in g.needing) or "–",
        )
        for g in result.groups
    )
    warnings = tuple((w.course, str(w.learners), str(w.places)) for w in result.warnings)
    bound = result.total_bound
    total = money(result.total) if bound == "exact" else f"{bound} {money(result.total)}"
    if bound == "about" and any(r.unmet for r in result.rows):
        total += " plus what the needs not costed would cost"
    method = (
        "every need costed, every plan proven cheapest (branch and bound), every rate confirmed"
        if bound == "exact"
        else "; ".join(result.total_caveats)
    )
    return _content(
        title=f"Training needs and cheapest plan: {provision.area}",
        banner=EXAMPLE_BANNER if result.example else "",
        facts=(
            *_framework_facts(framework),
            ("People", f"{sum(r.count for r in result.rows):,} in {len(result.rows)} rows"),
            ("Total", f"{total} ({method})"),
            ("Costing", f"{result.rates}; learner time at the {result.pay_point} pay point"),
            *(_rates_facts(rates) if rates is not None else ()),
        ),
        tables=(
            _table(
                "Plan per row",
                (
                    "Row: staff group, band, people",
                    "Needs: courses",
                    "Unmet",
                    "Per person",
                    "Row total",
                    "Method",
                ),
                plans,
                stack=Stack(
                    ((0,), (1, 2), (3, 4, 5)),
                    (0, 1),
                    ("Row: staff group, band, people", "Needs: courses", "Cost"),
                ),
            ),
            _table(
                "Needs per staff group (people needing each)",
                ("Staff group", "People", "Needs"),
                groups,
            ),
            _table(
                "Cost lines (one learner; × people)",
                ("Row", "Course", "Hours", "Pay", "Direct", "Time", "On-costs", "Total", "People"),
                lines,
                stack=Stack(
                    ((0,), (1, 2, 3), (4, 5, 6, 7, 8)), (0, 1), ("Row", "Course", "One learner")
                ),
            ),
            _table("Places exceeded", ("Course", "Learners planned", "Places a year"), warnings),
        ),
        notes=(
            *_framework_notes(framework),
            "A row needs every competency its staff group needs, to its tier, unless its self-rating reaches that tier; a blank rating is a need.",
            "Cost per learner = direct cost + hours × annual pay ÷ (weekly hours × weeks a year) + hours × on-costs on that pay; each line rounded to the penny.",
            "Unmet: needs no course in the directory teaches deep enough (not costed).",
            "Places are not a constraint of the plan; courses sent more learners than places are listed.",
            *(
                (
                    f"{UNVERIFIED} on a cost line: its pay point or an on-cost rate is not confirmed by "
                    f"its publisher ({', '.join(result.unverified_rates)} in {result.rates_file}); "
                    "the total rests on them.",
                )
                if result.unverified_rates
                else ()
            ),
            *((LEGEND,) if result.unverified_rates and not framework.has_unverified else ()),
        ),
    )


def _top_up_credits(t: Transfer) -> str:
    """A top-up's credits: those the data gives, and which courses have none (never 0)."""
    if not t.top_up_without_credits:
        return f"{t.top_up_credits} credits"
    if len(t.top_up_without_credits) == len(t.top_up):
        return "credits not in the data"
    return f"at least {t.top_up_credits} credits; credits not in the data for " + ", ".join(
        t.top_up_without_credits
    )


def transfer_content(
    framework: Framework,
    provision: Provision,
    held: str,
    receiving: str,
    results: tuple[Transfer, ...],
) -> Document:
    """Each receiving module: the best held module, full or partial transfer, and the top-up.

    Ids and titles are separate columns, so a spreadsheet can join on the id; the terminal
    stacks them (see ``view.Stack``) so the table fits 80 columns without cutting an id.
    """
    courses = provision.course_index()
    tiers = {t.id: _mark(t.title, t.unverified) for t in framework.tiers}
    rows = tuple(
        (
            t.module,
            f"{courses[t.module].title} (L{t.level}, {t.credits} cr)",
            t.best or "–",
            f"L{t.best_level}, {t.best_credits} cr" if t.best else "",
            {
                "full": f"transfers: {t.credits} credits",
                "partial": "partial: top-up needed",
                "none": "no match",
                "unknown": "unknown: no credit data",
            }[t.status],
            "; ".join(t.reasons) or "–",
            "; ".join(f"{c} to {tiers[tier]}" for c, tier in t.missing) or "–",
            (
                ", ".join(t.top_up)
                + f" ({money(t.top_up_cost // 1)}; {_top_up_credits(t)}"
                + f"{'' if t.top_up_exact else '; greedy'})"
            )
            if t.top_up
            else ("–" if not t.top_up_unmet else "no course teaches it"),
        )
        for t in results
    )
    from careerpath.analysis.transfer import left_out

    missing_data = tuple(
        f"Left out, no credits or level in the directory: {len(ids)} {provider} course"
        f"{'s' if len(ids) != 1 else ''} ({', '.join(ids)})."
        + (
            " No module held has credit data, so nothing could be compared: no transfer,"
            " top-up or figure is given."
            if provider == held and any(t.status == "unknown" for t in results)
            else ""
        )
        for provider in dict.fromkeys((held, receiving))
        if (ids := left_out(provision, framework, provider))
    )
    return _content(
        title=f"Credit transfer: {held} modules towards {receiving}",
        banner=EXAMPLE_BANNER if provision.example else "",
        facts=(*_framework_facts(framework), ("Directory", provision.area)),
        tables=(
            _table(
                f"Modules of {receiving}",
                (
                    "Module",
                    "Title",
                    f"Best {held} module",
                    "Its level and credits",
                    "Result",
                    "Why not full",
                    "Missing",
                    "Cheapest top-up",
                ),
                rows,
                empty=f"{receiving} has no credit-bearing modules (credits and level) in this directory",
                stack=Stack(((0, 1), (2, 3), (4, 5, 6, 7)), (0, 1, 2, 3, 4)),
            ),
        ),
        notes=(
            *_framework_notes(framework),
            "Full transfer: the held module teaches every competency to at least the same tier, at the same level, with at least the credits.",
            "Partial: the missing competencies are the top-up; whether any credit is given is the receiving provider's decision, so none is computed.",
            "Top-up cost is the direct cost of the cheapest directory courses teaching what is missing; their credits are given where the directory lists them.",
            *missing_data,
        ),
    )


class _Grid(msgspec.Struct, frozen=True):
    """A table as the terminal lays it out: plain text cells and the stacking hint."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "none"
    stack: tuple[tuple[int, ...], ...] = ()
    unlabelled: tuple[int, ...] = ()
    stack_headers: tuple[str, ...] = ()


def _grid(section: Section) -> _Grid:
    """A table section as a terminal grid, every † held to its word."""
    from careerpath.render.terminal import glued

    block = section.blocks[0]
    stack = block.stack or Stack(())
    return _Grid(
        glued(section.heading),
        tuple(glued(c.header) for c in block.columns),
        tuple(tuple(glued(c.text) for c in row) for row in block.rows),
        block.cells[0].text if block.cells else "none",
        stack.groups,
        stack.unlabelled,
        tuple(map(glued, stack.headers)),
    )


def content_terminal(content: Document) -> RenderableType:
    """The content as Rich renderables: banner, facts, tables, notes.

    Every † is held to its word while Rich wraps (``render.terminal.NoBreak``).
    """
    from rich.console import Group
    from rich.text import Text

    from careerpath.render.terminal import NoBreak, glued

    banner = glued(banner_of(content))
    parts: list[RenderableType] = [Text(glued(content.title), style="bold")]
    if banner:
        parts.append(Text(banner, style="bold yellow"))
    for label, value in facts_of(content):
        line = Text(f"{glued(label)}: ", style="dim")
        line.append(glued(value))
        parts.append(line)
    for item in map(_grid, tables_of(content)):
        if item.rows:
            parts.append(_rich_table(item))
        else:
            parts.append(Text(f"\n{item.title}: {item.empty}", style="bold cyan"))
    parts.extend(Text(f"• {glued(n)}", style="dim") for n in notes_of(content))
    if banner:
        parts.append(Text(banner, style="bold yellow"))
    return NoBreak(Group(*parts))


def _stacked(item: _Grid) -> _Grid:
    """The table with its column groups stacked into single cells (for a narrow terminal)."""
    if not item.stack:
        return item

    def cell(row: tuple[str, ...], group: tuple[int, ...]) -> str:
        lines = [row[group[0]]] if group[0] in item.unlabelled else []
        for index in group if not lines else group[1:]:
            value = row[index]
            if value in ("", "–") and lines:
                continue
            lines.append(value if index in item.unlabelled else f"{item.headers[index]}: {value}")
        return "\n".join(lines)

    return _Grid(
        item.title,
        item.stack_headers or tuple(item.headers[group[0]] for group in item.stack),
        tuple(tuple(cell(row, group) for group in item.stack) for row in item.rows),
        item.empty,
    )


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _fit(words: list[int], lines: list[int], available: int) -> list[int]:
    """Column widths that fit ``available``, cutting no word (no id) while that is possible.

    Whole lines if they fit; else every column gets its longest word and the rest goes to the
    columns with most text to wrap. Only when even the longest words do not fit are columns
    cut below them, in proportion.
    """
    if sum(lines) <= available:
        return lines
    if sum(words) > available:  # too narrow for whole words: share out what there is
        widths = [max(1, available * w // sum(words)) for w in words]
        while sum(widths) > max(available, len(widths)):
            widest = widths.index(max(widths))
            widths[widest] -= 1
        return widths
    widths = list(words)
    spare = available - sum(words)
    wants = {i: line - word for i, (line, word) in enumerate(zip(lines, words, strict=True))}
    # water-filling: a column that wants less than an equal share of what is left gets it all,
    # so a short figure column is never wrapped to give a long list one more character
    while wants and spare:
        share = spare // len(wants)
        settled = [i for i, want in wants.items() if want <= share]
        if not settled:
            total = sum(wants.values())
            for i, want in wants.items():
                widths[i] += spare * want // total
            break
        for i in settled:
            widths[i] += wants.pop(i)
            spare -= widths[i] - words[i]
    widths[max(range(len(widths)), key=lambda i: lines[i] - widths[i])] += available - sum(widths)
    return widths


def _rich_table(item: _Grid) -> RenderableType:
    """A table whose figures never wrap and whose text wraps at words, never cutting an id.

    Course lists and competency names need the width; a figure like "£3,468.84" must stay
    on one line. Each table is shown flat where it fits and stacked where it does not
    (``_Adaptive``), so a narrow terminal never loses a column.
    """
    return _Adaptive(item)  # type: ignore[return-value]


def _measure(item: _Grid) -> tuple[list[int], list[int]]:
    """Each column's least width and widest line, which ``_fit`` shares the terminal out by.

    The least width is the longest word, or the whole text of a short column (a figure).
    """
    words, lines = [], []
    for index, header in enumerate(item.headers):
        cells = [row[index] for row in item.rows]
        line = max([len(header), *(len(x) for c in cells for x in c.splitlines() or [""])])
        word = max([_longest_word(header), *map(_longest_word, cells)])
        words.append(line if line <= 16 else min(40, word))  # a figure never wraps
        lines.append(line)
    return words, lines


class _Adaptive:
    """A table sized when the terminal's width is known, so no id is cut and no column lost.

    Flat where every column fits at its longest word, else stacked (``view.Stack``, or
    by default the first column beside the rest). Rich alone would cut ids or drop a column.
    """

    def __init__(self, item: _Grid) -> None:
        self.item = item

    def __rich_console__(self, console: object, options: object) -> object:
        item = self.item
        width = getattr(options, "max_width", 80)
        words, lines = _measure(item)
        frame = 2 * (len(words) - 1)  # between two columns: one space of padding, one divider
        if sum(words) + frame <= width or len(words) < 2:
            yield _rich_grid(item, _fit(words, lines, max(width - frame, len(words))), flat=True)
            return
        if not item.stack:
            rest = tuple(range(1, len(item.headers)))
            item = msgspec.structs.replace(
                item, stack=((0,), rest), unlabelled=(0, 1), stack_headers=item.headers[:2]
            )
        stacked = _stacked(item)
        words, lines = _measure(stacked)
        yield _rich_grid(stacked, _fit(words, lines, width - 2 * (len(words) - 1)), flat=False)


def _rich_grid(item: _Grid, widths: list[int], *, flat: bool) -> RenderableType:
    """The Rich table at the widths given; stacked rows are set apart by a blank line."""
    from rich import box
    from rich.table import Table

    view = Table(
        title=item.title,
        title_justify="left",
        title_style="bold cyan",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        show_lines=not flat,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),  # a space right of each column, then the divider: two between
    )
    for header, column_width in zip(item.headers, widths, strict=True):
        view.add_column(header, overflow="fold", width=column_width)
    for row in item.rows:
        view.add_row(*row)
    return view


def table_csv(content: Document, index: int) -> str:
    """One of the content's tables as CSV: a header row, then data, nothing else.

    What the figures assume (example data, sources, unverified marks) is not written as a
    banner row, which spreadsheets and ``csv`` readers would take for the header; it goes
    beside the CSV instead (``content_notes``).
    """
    chosen = tables_of(content)[index]
    rows: list[list[object]] = []
    rows.append(list(chosen.blocks[0].headers))
    rows.extend(list(r) for r in rows_of(chosen))
    return csv_text(rows)


def coverage_csv(provision: Provision, result: Coverage, table: str) -> str:
    """One coverage table as CSV with ids and plain numbers (lists joined by ";").

    ``table`` is gaps, shallow, duplicates or places. ``unverified`` is "yes" where the
    competency's name is a working label; a blank ``staff_needing`` is unknown, not 0.
    """
    rows: list[list[object]] = []
    flag = {True: "yes", False: ""}
    if table in ("gaps", "shallow"):
        rows.append(
            ["competency", "name", "unverified", "deepest_needed", "deepest_taught", "needed_by"]
        )
        for gap in result.gaps if table == "gaps" else result.shallow:
            rows.append(
                [
                    gap.competency,
                    gap.name,
                    flag[gap.unverified],
                    gap.deepest_needed,
                    gap.deepest_taught,
                    ";".join(gap.groups),
                ]
            )
    elif table == "duplicates":
        courses = provision.course_index()
        orgs = {o.id: o.title for o in provision.organisations}
        rows.append(["group", "course", "title", "organisation", "shared", "similarity"])
        for n, group in enumerate(result.duplicates, start=1):
            for course_id in group.courses:
                course = courses[course_id]
                rows.append(
                    [
                        n,
                        course_id,
                        course.title,
                        orgs[provision.organisation_of(course)],
                        ";".join(f"{c}@{t}" for c, t in group.shared),
                        f"{group.similarity:.2f}",
                    ]
                )
    else:
        rows.append(
            [
                "competency",
                "name",
                "unverified",
                "staff_needing",
                "places",
                "courses_without_places",
                "shortfall",
                "shortfall_is",
                "courses",
            ]
        )
        for row in result.places:
            rows.append(
                [
                    row.competency,
                    row.name,
                    flag[row.unverified],
                    "" if row.need is None else row.need,
                    row.places,
                    row.courses_without_places,
                    "" if row.shortfall is None else row.shortfall,
                    "" if row.shortfall is None else row.shortfall_bound,
                    ";".join(row.course_ids),
                ]
            )
    return csv_text(rows)


def needs_csv(result: NeedsResult) -> str:
    """The cost lines as CSV with plain numbers (pounds to the penny), one line per row × course.

    ``unverified`` is "yes" when the line's pay point or an on-cost rate is not confirmed by
    its publisher; ``row_total`` is the line's total × the row's people.
    """
    rows: list[list[object]] = []
    rows.append(
        [
            "team_line",
            "name",
            "staff_group",
            "band",
            "pay_point",
            "annual_pay",
            "course",
            "hours",
            "direct",
            "time",
            "on_costs",
            "total",
            "people",
            "row_total",
            "unverified",
        ]
    )
    for row in result.rows:
        for line in row.lines:
            rows.append(
                [
                    row.line,
                    row.name,
                    row.staff_group,
                    line.pay_rate,
                    line.pay_point,
                    line.annual_pay,
                    line.course,
                    line.hours,
                    line.direct,
                    line.time,
                    line.on_costs,
                    line.total,
                    row.count,
                    line.total * row.count,
                    "yes" if line.unverified else "",
                ]
            )
    return csv_text(rows)


def content_notes(content: Document) -> str:
    """What a CSV's figures assume, as plain text for the note written beside it.

    The title, the example-data banner, the sources (kind and date read), the unverified
    counts, and every note with the † legend.
    """
    lines = [content.title]
    if banner_of(content):
        lines.append(banner_of(content))
    lines.append("")
    lines.extend(f"{label}: {value}" for label, value in facts_of(content))
    if notes_of(content):
        lines.append("")
        lines.extend(f"- {n}" for n in notes_of(content))
    return "\n".join(lines) + "\n"


def content_assumptions(content: Document) -> tuple[str, ...]:
    """The few lines a CSV on standard output is never sent without (to standard error)."""
    wanted = ("Costing", "Rates file", "Unverified rates †", "Unverified †")
    banner = banner_of(content)
    return (
        *((banner,) if banner else ()),
        *(f"{label}: {value}" for label, value in facts_of(content) if label in wanted),
    )


def result_json(data: object) -> str:
    """Stable JSON of analysis records (Decimals as text, keys sorted)."""
    from careerpath.render.data import dumps

    return dumps(msgspec.to_builtins(data))
