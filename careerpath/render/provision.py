"""The framework commands' views, built once as content and serialised per format.

Each ``*_content`` function returns a ``Content``: a title, an example-data banner when the
directory is made up, facts, tables and the assumptions behind every figure. The terminal,
CSV and (later, issue 20) the HTML report all serialise the same content, so a figure and
its caveat are written in one place. ``coverage_content`` is the one the report will use.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from rich.console import RenderableType

    from careerpath.analysis.coverage import Coverage
    from careerpath.analysis.needs import NeedsResult
    from careerpath.analysis.skills_matrix import SkillsMatrix
    from careerpath.analysis.transfer import Transfer
    from careerpath.provision import Framework, Provision

__all__ = [
    "EXAMPLE_BANNER",
    "Content",
    "ContentTable",
    "content_terminal",
    "coverage_content",
    "matrix_content",
    "matrix_csv",
    "money",
    "needs_content",
    "result_json",
    "table_csv",
    "transfer_content",
]

EXAMPLE_BANNER = (
    "EXAMPLE DATA: a fictional area; organisations, courses, prices and places are made up."
)
UNVERIFIED = "†"


class ContentTable(msgspec.Struct, frozen=True):
    """A titled table of text cells."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "none"


class Content(msgspec.Struct, frozen=True):
    """A view's content, independent of format."""

    title: str
    banner: str
    facts: tuple[tuple[str, str], ...]
    tables: tuple[ContentTable, ...]
    notes: tuple[str, ...]


def money(amount: Decimal | int) -> str:
    """Pounds with thousands separators and pence: £1,234.50."""
    return f"£{Decimal(amount):,.2f}"


def _framework_facts(framework: Framework) -> list[tuple[str, str]]:
    facts = [("Framework", f"{framework.title} ({framework.id})")]
    if framework.publisher:
        facts.append(("Publisher", framework.publisher))
    facts.extend(
        ("Source", f"{title} <{url}>" + (f", read {accessed}" if accessed else ""))
        for title, url, accessed in framework.sources
    )
    return facts


def _framework_notes(framework: Framework) -> list[str]:
    notes = [framework.note] if framework.note else []
    if any(c.unverified for c in framework.competencies) or any(
        g.unverified for g in framework.staff_groups
    ):
        notes.append(
            f"{UNVERIFIED} unverified: no source read confirms it (see the framework file)."
        )
    return notes


def _group_label(framework: Framework, group_id: str) -> str:
    group = framework.staff_group(group_id)
    return group.title + (f" {UNVERIFIED}" if group.unverified else "")


def matrix_content(framework: Framework, matrix: SkillsMatrix) -> Content:
    """The skills matrix: competencies (rows) × staff groups (columns) → tier rank needed.

    Columns are staff-group numbers and cells tier ranks, so a ten-group matrix fits a
    terminal; the first two tables spell out the groups and the domains. ``matrix_csv`` gives
    the same matrix with ids for spreadsheets.
    """
    ranks = {t.id: str(t.rank) for t in framework.tiers}
    rows = tuple(
        (
            r.competency,
            r.name + (f" {UNVERIFIED}" if r.unverified else ""),
            *(ranks[cell] if cell else "–" for cell in r.cells),
        )
        for r in matrix.rows
    )
    placements = tuple(
        (
            str(n),
            g,
            _group_label(framework, g),
            framework.tier(framework.staff_group(g).tier).title,
            framework.staff_group(g).note,
        )
        for n, g in enumerate(matrix.groups, start=1)
    )
    domains = tuple(
        (d.id, d.title + (f" {UNVERIFIED}" if d.unverified else "")) for d in framework.domains
    )
    legend = ", ".join(f"{t.rank} = {t.title}" for t in framework.tiers)
    return Content(
        title=f"Skills matrix: {framework.title}",
        banner="",
        facts=tuple(_framework_facts(framework)),
        tables=(
            ContentTable(
                "Staff groups and their tier",
                ("#", "ID", "Staff group", "Tier", "Note"),
                placements,
            ),
            ContentTable("Domains", ("ID", "Domain"), domains),
            ContentTable(
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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["domain", "competency", "name", "unverified", *matrix.groups])
    for r in matrix.rows:
        writer.writerow(
            [domains[r.domain], r.competency, r.name, "yes" if r.unverified else "", *r.cells]
        )
    return out.getvalue()


def coverage_content(framework: Framework, provision: Provision, result: Coverage) -> Content:
    """Gaps, duplication and places against need: the coverage view (and report section)."""
    names = {c.id: c.name for c in framework.competencies}
    orgs = {o.id: o.title for o in provision.organisations}
    tiers = {t.id: t.title for t in framework.tiers}
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
            p.name,
            "unknown" if p.need is None else f"{p.need:,}",
            f"{p.places:,}"
            + (f" (+{p.courses_without_places} unknown)" if p.courses_without_places else ""),
            f"{p.shortfall:,}" if p.shortfall is not None and p.shortfall > 0 else "–",
            str(p.courses),
        )
        for p in result.places
    )
    return Content(
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
            ContentTable(
                "Gaps: no course teaches these",
                ("ID", "Competency", "Deepest tier needed", "Needed by"),
                gaps,
            ),
            ContentTable(
                "Too shallow: taught, not deep enough",
                ("ID", "Competency", "Needed to", "Taught to"),
                shallow,
            ),
            ContentTable(
                "Duplication",
                ("Group", "Course [organisation]", "Shared", "Similarity"),
                duplicates,
            ),
            ContentTable(
                "Places against need (a year)",
                ("ID", "Competency", "Staff needing it", "Places", "Shortfall", "Courses"),
                places,
            ),
        ),
        notes=(
            *_framework_notes(framework),
            f"Duplication: courses run by different organisations whose sets of (competency, tier) share at least {result.threshold:.0%} of their union; change with --threshold.",
            "Staff needing it: headcounts in the directory's organisations, in staff groups whose tier the competency applies at"
            + (
                "."
                if provision.framework == framework.id
                else f"; unknown here, because the directory counts staff by {provision.framework}'s groups."
            ),
            "Places: yearly places of every course teaching the competency at any tier; one place counts for every competency its course teaches, so places overstate what is available when courses are shared.",
        ),
    )


def needs_content(framework: Framework, provision: Provision, result: NeedsResult) -> Content:
    """Per-row needs and plans, per-group needs, and the costed total."""
    plans = tuple(
        (
            f"{r.name} (line {r.line}): {r.staff_group}, band {r.pay_rate}, ×{r.count}",
            f"{len(r.needs)}: " + (", ".join(r.courses) or "–"),
            ", ".join(r.unmet) or "–",
            money(r.per_person),
            money(r.total),
            "exact" if r.exact else f"greedy ({r.candidates} candidates)",
        )
        for r in result.rows
    )
    lines = tuple(
        (
            f"{r.name} (line {r.line})",
            line.course,
            f"{line.hours} h",
            f"{line.pay_rate} {line.pay_point} £{line.annual_pay:,}",
            money(line.direct),
            money(line.time),
            money(line.on_costs),
            money(line.total),
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
    method = (
        "every plan is proven cheapest (branch and bound)"
        if result.all_exact
        else f"plans over {result.exact_limit} candidate courses are greedy: approximate, within a factor H(n) of the cheapest"
    )
    return Content(
        title=f"Training needs and cheapest plan: {provision.area}",
        banner=EXAMPLE_BANNER if result.example else "",
        facts=(
            *_framework_facts(framework),
            ("People", f"{sum(r.count for r in result.rows):,} in {len(result.rows)} rows"),
            ("Total", f"{money(result.total)} ({method})"),
            ("Costing", f"{result.rates}; learner time at the {result.pay_point} pay point"),
        ),
        tables=(
            ContentTable(
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
            ),
            ContentTable(
                "Needs per staff group (people needing each)",
                ("Staff group", "People", "Needs"),
                groups,
            ),
            ContentTable(
                "Cost lines (one learner; × people)",
                ("Row", "Course", "Hours", "Pay", "Direct", "Time", "On-costs", "Total", "People"),
                lines,
            ),
            ContentTable(
                "Places exceeded", ("Course", "Learners planned", "Places a year"), warnings
            ),
        ),
        notes=(
            *_framework_notes(framework),
            "A row needs every competency its staff group needs, to its tier, unless its self-rating reaches that tier; a blank rating is a need.",
            "Cost per learner = direct cost + hours × annual pay ÷ (weekly hours × weeks a year) + hours × on-costs on that pay; each line rounded to the penny.",
            "Unmet: needs no course in the directory teaches deep enough (not costed).",
            "Places are not a constraint of the plan; courses sent more learners than places are listed.",
        ),
    )


def transfer_content(
    framework: Framework,
    provision: Provision,
    held: str,
    receiving: str,
    results: tuple[Transfer, ...],
) -> Content:
    """Each receiving module: the best held module, full or partial transfer, and the top-up."""
    courses = provision.course_index()
    tiers = {t.id: t.title for t in framework.tiers}
    rows = tuple(
        (
            f"{t.module} {courses[t.module].title} (L{t.level}, {t.credits} cr)",
            f"{t.best} (L{t.best_level}, {t.best_credits} cr)" if t.best else "–",
            {
                "full": f"transfers: {t.credits} credits",
                "partial": "partial: top-up needed",
                "none": "no match",
            }[t.status],
            "; ".join(t.reasons) or "–",
            "; ".join(f"{c} to {tiers[tier]}" for c, tier in t.missing) or "–",
            (
                ", ".join(t.top_up)
                + f" ({money(t.top_up_cost // 1)}{'' if t.top_up_exact else ', greedy'})"
            )
            if t.top_up
            else ("–" if not t.top_up_unmet else "no course teaches it"),
        )
        for t in results
    )
    return Content(
        title=f"Credit transfer: {held} modules towards {receiving}",
        banner=EXAMPLE_BANNER if provision.example else "",
        facts=(*_framework_facts(framework), ("Directory", provision.area)),
        tables=(
            ContentTable(
                f"Modules of {receiving}",
                (
                    "Module",
                    f"Best {held} module",
                    "Result",
                    "Why not full",
                    "Missing",
                    "Cheapest top-up",
                ),
                rows,
                empty=f"{receiving} has no credit-bearing modules (credits and level) in this directory",
            ),
        ),
        notes=(
            "Full transfer: the held module teaches every competency to at least the same tier, at the same level, with at least the credits.",
            "Partial: the missing competencies are the top-up; whether any credit is given is the receiving provider's decision, so none is computed.",
            "Top-up cost is the direct cost of the cheapest directory courses teaching what is missing.",
        ),
    )


def content_terminal(content: Content) -> RenderableType:
    """The content as Rich renderables: banner, facts, tables, notes."""
    from rich.console import Group
    from rich.text import Text

    parts: list[RenderableType] = [Text(content.title, style="bold")]
    if content.banner:
        parts.append(Text(content.banner, style="bold yellow"))
    for label, value in content.facts:
        line = Text(f"{label}: ", style="dim")
        line.append(value)
        parts.append(line)
    for item in content.tables:
        if item.rows:
            parts.append(_rich_table(item))
        else:
            parts.append(Text(f"\n{item.title}: {item.empty}", style="bold cyan"))
    parts.extend(Text(f"• {note}", style="dim") for note in content.notes)
    if content.banner:
        parts.append(Text(content.banner, style="bold yellow"))
    return Group(*parts)


def _rich_table(item: ContentTable) -> RenderableType:
    """A table whose short columns never wrap and whose long ones share the rest by length.

    Course lists and competency names need the width; a figure like "£3,468.84" must stay
    on one line.
    """
    from rich import box
    from rich.table import Table

    view = Table(
        title=item.title,
        title_justify="left",
        title_style="bold cyan",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        expand=any(len(cell) > 16 for row in item.rows for cell in row),  # ratios need expand
    )
    for index, header in enumerate(item.headers):
        longest = max((len(row[index]) for row in item.rows), default=0)
        if longest <= 16:
            view.add_column(header, no_wrap=True, min_width=max(longest, len(header)))
        else:
            view.add_column(header, overflow="fold", ratio=min(longest, 40), min_width=12)
    for row in item.rows:
        view.add_row(*row)
    return view


def table_csv(content: Content, index: int) -> str:
    """One of the content's tables as CSV (with the banner as a first comment row if any)."""
    chosen = content.tables[index]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if content.banner:
        writer.writerow([f"# {content.banner}"])
    writer.writerow(chosen.headers)
    writer.writerows(chosen.rows)
    return out.getvalue()


def result_json(data: object) -> str:
    """Stable JSON of analysis records (Decimals as text, keys sorted)."""
    from careerpath.render.data import dumps

    return dumps(msgspec.to_builtins(data))
