"""Rich renderables for the terminal: role profiles, role lists and data problems."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from careerpath.analysis.profile import Profile, Step
from careerpath.errors import Problem
from careerpath.frameworks import CAREER_FRAMEWORK_LEVELS
from careerpath.model import Catalogue, Role

__all__ = ["months_text", "problems_text", "profile_view", "roles_table", "table"]

UNVERIFIED_MARK = "†"
#: Columns whose cells are short figures: kept on one line so text columns get the width.
_NARROW = frozenset(
    {
        "Length",
        "Src",
        "Kind",
        "Level",
        "Credits",
        "Months",
        "Band",
        "Wait first",
        "Total",
        "Direct",
        "Score",
        "ID",
        "Gap",
        "Link",
        "Shared",
        "Jaccard",
        "Level-weighted",
        "Missing",
        "Move",
        "RQF level",
        "Roles / routes",
        "Experience first",
        "Intake a year",
        "Category",
        "Essentials held",
    }
)


def months_text(months: int | None) -> str:
    """Length as "12 months" or "2 years 6 months", or "–" when unknown."""
    if months is None:
        return "–"
    years, rest = divmod(months, 12)
    if not years:
        return f"{months} month{'s' if months != 1 else ''}"
    text = f"{years} year{'s' if years != 1 else ''}"
    return f"{text} {rest} month{'s' if rest != 1 else ''}" if rest else text


def table(
    title: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[str | Text]],
    caption: str | None = None,
) -> Table:
    """A plain, readable table: bold headers, no heavy borders, wraps long cells."""
    view = Table(
        title=title or None,
        title_justify="left",
        title_style="bold cyan",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        expand=False,
        show_lines=False,
        caption=caption,
    )
    for column in columns:
        short = column in _NARROW
        view.add_column(
            column, overflow="fold", no_wrap=short, min_width=len(column) if short else None
        )
    for row in rows:
        view.add_row(*row)
    return view


def _cites(ids: Sequence[str], numbers: dict[str, int]) -> str:
    found = [numbers[i] for i in ids if i in numbers]
    return "".join(f"[{n}]" for n in found)


def _flag(unverified: bool) -> str:
    return f" {UNVERIFIED_MARK}" if unverified else ""


def _funding(step: Step) -> str:
    return ", ".join(step.funding) or "–"


def profile_view(catalogue: Catalogue, profile: Profile) -> RenderableType:
    """The whole profile of a role, section by section."""
    role = profile.role
    numbers = {s.id: i for i, s in enumerate(profile.sources, start=1)}
    names = catalogue.name_of()
    parts: list[RenderableType] = []
    heading = Text.assemble((role.title, "bold cyan"), (f"  ({role.id})", "bold"))
    parts.append(heading)
    if role.summary:
        parts.append(Padding(Text(role.summary), (0, 0, 0, 2)))
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Family", profile.family_title)
    level = role.career_framework_level
    level_text = f"{level} – {CAREER_FRAMEWORK_LEVELS[level]}" if level else "–"
    facts.add_row(
        "Career Framework level", level_text + _flag("career_framework_level" in role.unverified)
    )
    bands_unverified = any(u.startswith("bands") for u in role.unverified)
    facts.add_row(
        "Agenda for Change bands",
        f"training {role.bands.training or '–'} · qualified {role.bands.qualified or '–'}"
        + _flag(bands_unverified),
    )
    regulation = role.regulation.kind.replace("-", " ")
    if role.regulation.body:
        regulation += f" – {role.regulation.body}"
    if role.regulation.register:
        regulation += f" ({role.regulation.register})"
    facts.add_row("Regulation", regulation)
    if role.aliases:
        facts.add_row("Also called", ", ".join(role.aliases))
    if role.settings:
        facts.add_row("Settings", ", ".join(role.settings))
    if role.esco or role.soc:
        facts.add_row(
            "Cross-references",
            " · ".join(
                x
                for x in (
                    f"SOC 2020 {role.soc}" if role.soc else "",
                    f"ESCO {role.esco}" if role.esco else "",
                )
                if x
            ),
        )
    if role.note:
        facts.add_row("Note", role.note)
    parts.append(Padding(facts, (1, 0, 0, 0)))

    entry_rows = [
        (
            s.title + _flag(s.unverified),
            s.programme.award if s.programme and s.programme.award else "–",
            "; ".join(s.requires) or "–",
            months_text(s.months),
            _funding(s),
            _cites(s.sources, numbers),
        )
        for s in profile.entry_routes
    ]
    parts.append(
        table("Ways in", ("Route", "Award", "Requires", "Length", "Funding", "Src"), entry_rows)
        if entry_rows
        else Text("No entry routes recorded.", style="dim")
    )
    out_rows = [
        (
            f"{names.get(s.target, s.target)} ({s.target})" + _flag(s.unverified),
            s.kind,
            s.title,
            "; ".join(s.requires) or "–",
            months_text(s.months),
            _cites(s.sources, numbers),
        )
        for s in profile.progressions_out
    ]
    if out_rows:
        parts.append(
            table(
                "Progression from this role",
                ("To", "Kind", "Through", "Requires", "Length", "Src"),
                out_rows,
            )
        )
    in_rows = [
        (f"{names.get(s.origin, s.origin)} ({s.origin})", s.kind, s.title, months_text(s.months))
        for s in profile.progressions_in
    ]
    if in_rows:
        parts.append(
            table("Progression into this role", ("From", "Kind", "Through", "Length"), in_rows)
        )
    if profile.links:
        parts.append(
            table(
                "Linked roles",
                ("Role", "Link", "Note"),
                (
                    (f"{names.get(k.role, k.role)} ({k.role})", k.kind, k.note or "")
                    for k in profile.links
                ),
            )
        )
    if profile.competencies:
        rows = [
            (domain if i == 0 else "", c.name, "optional" if need.optional else need.level)
            for domain, items in profile.competencies
            for i, (c, need) in enumerate(items)
        ]
        parts.append(table("Competencies", ("Domain", "Competency", "Level"), rows))
    if profile.barriers:
        rows = [
            (b.category, b.text + _flag(b.unverified), _cites(b.sources, numbers))
            for b in profile.barriers
        ]
        parts.append(table("Barriers", ("Category", "Barrier", "Src"), rows))
    source_lines = Text()
    for number, source in enumerate(profile.sources, start=1):
        source_lines.append(f"[{number}] ", style="bold")
        source_lines.append(source.title or source.id)
        where = source.url or source.document
        if where:
            source_lines.append(f"\n    {where}", style="dim")
        if source.accessed:
            source_lines.append(f" (read {source.accessed})", style="dim")
        source_lines.append("\n")
    parts.append(Group(Text("Sources", style="bold cyan"), source_lines))
    steps = (*profile.entry_routes, *profile.progressions_out)
    if (
        role.unverified
        or any(s.unverified for s in steps)
        or any(b.unverified for b in profile.barriers)
    ):
        parts.append(
            Text(f"{UNVERIFIED_MARK} not confirmed by a source; treat with care.", style="yellow")
        )
    return Group(*(Padding(p, (0, 0, 1, 0)) for p in parts))


def roles_table(roles: Sequence[Role], family_titles: dict[str, str]) -> Table:
    """``list``: one line a role."""
    rows = (
        (
            role.id,
            role.title,
            family_titles.get(role.family, role.family),
            str(role.career_framework_level or "–"),
            " / ".join(b or "–" for b in (role.bands.training, role.bands.qualified)),
        )
        for role in roles
    )
    caption = f"{len(roles)} role{'s' if len(roles) != 1 else ''}"
    return table(
        "", ("ID", "Title", "Family", "Level", "Bands (training / qualified)"), rows, caption
    )


def problems_text(problems: Sequence[Problem]) -> str:
    """Every problem as ``file:line:col: message (hint)``, one per line."""
    return "\n".join(str(p) for p in problems)
