"""Rich renderables for the terminal: role profiles, role lists and data problems."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.text import Text

from careerpath.analysis.profile import Profile, Step
from careerpath.model import Catalogue, CompetencyNeed, Role, Source
from careerpath.text import (
    NO_BREAK,
    UNVERIFIED_LEGEND,
    UNVERIFIED_MARK,
    marked,
    months_text,
)

if TYPE_CHECKING:  # Table is imported only where a table is drawn
    from rich.table import Table

    from careerpath.render.view import Column

__all__ = [
    "UNVERIFIED_LEGEND",
    "UNVERIFIED_MARK",
    "NoBreak",
    "flag",
    "flagged",
    "glued",
    "hanging",
    "hyperlinks_wanted",
    "item",
    "link",
    "months_text",
    "profile_view",
    "roles_table",
    "section",
    "sources_block",
    "spaced",
    "table",
    "unverified_legend",
    "wrap_text",
]

#: Stands for ``NO_BREAK`` while Rich wraps: one cell wide and not whitespace, so Rich keeps
#: a † with the word before it (it breaks at U+00A0 as at any space); ``NoBreak`` prints it
#: as an ordinary space.
_GLUE = "\u2800"


def glued(text: str) -> str:
    """``text`` with each no-break join held while Rich wraps (print inside ``NoBreak``)."""
    return text.replace(NO_BREAK, _GLUE)


def flagged(text: str, unverified: bool) -> str:
    """``marked`` for the terminal: the † never wraps alone (print inside ``NoBreak``)."""
    return glued(marked(text, unverified))


def flag(text: Text, unverified: bool) -> Text:
    """Append the † to ``text`` (in yellow) as ``flagged`` does: never alone on a line."""
    if unverified:
        text.append(_GLUE + UNVERIFIED_MARK, style="yellow")
    return text


class NoBreak:
    """Renders ``renderable`` and prints each no-break join as the space it stands for."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        for segment in console.render(self.renderable, options):
            if _GLUE in segment.text:
                yield Segment(segment.text.replace(_GLUE, " "), segment.style, segment.control)
            else:
                yield segment


def table(
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[str | Text]],
    caption: str | None = None,
) -> Table:
    """A plain, readable table: bold headers, no heavy borders, wraps long cells.

    Each column is laid out by the kind its view declared (``render.view.ColumnKind``):
    figures, numbers and ids stay on one line, at least as wide as their header, so the
    text columns get the width; numbers align right.
    """
    from rich import box
    from rich.table import Table

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
        short = column.kind in ("figure", "number", "id")
        view.add_column(
            column.header,
            overflow="fold",
            no_wrap=short,
            min_width=cell_len(column.header) if column.kind != "text" else None,
            justify="right" if column.kind == "number" else "left",
        )
    for row in rows:
        view.add_row(*row)
    return view


def hyperlinks_wanted(environ: Mapping[str, str] | None = None) -> bool:
    """Whether to mark URLs as OSC 8 hyperlinks (Rich then writes them only to a terminal).

    ``FORCE_HYPERLINK=1`` or ``0`` decides (the convention of the supports-hyperlinks
    package). Otherwise the Linux console, ``TERM=dumb`` and GNU screen, which print the
    escape as text, get plain URLs; other terminals either follow the link or ignore it.

    >>> hyperlinks_wanted({"TERM": "linux"}), hyperlinks_wanted({"TERM": "xterm-256color"})
    (False, True)
    """
    env = os.environ if environ is None else environ
    forced = env.get("FORCE_HYPERLINK")
    if forced is not None:
        return forced.strip() not in ("0", "false", "")
    term = env.get("TERM", "")
    return term not in ("dumb", "linux") and not term.startswith("screen")


def link(url: str, indent: int = 0, style: str = "dim") -> Text:
    """A URL that is never broken: one unwrapped line, clickable where the terminal allows.

    Rich writes the OSC 8 hyperlink escape only to a terminal that takes styles, so a pipe
    or a file gets the plain URL. A terminal narrower than the URL soft-wraps it for the
    eye, but a copy still gives the whole address. The indent is part of the same Text
    because joining Texts (or a Padding) would drop ``no_wrap`` or crop the line.
    """
    from rich.style import Style

    linked = Style.parse(style)
    if url.startswith(("http://", "https://")) and hyperlinks_wanted():
        linked += Style(link=url)
    text = Text(" " * indent, no_wrap=True, overflow="ignore")
    text.append(url, style=linked)
    return text


class _Hanging:
    """Text wrapped with every line after the first indented further (a hanging indent)."""

    def __init__(self, text: Text, indent: int, hang: int) -> None:
        self.text, self.indent, self.hang = text, indent, hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = max(options.max_width - self.indent - self.hang, 10)
        first, *rest = _wrap(console, self.text, options.max_width - self.indent)
        yield Text(" " * self.indent) + first
        if rest:
            joined = Text(" ").join(rest)
            for line in _wrap(console, joined, room):
                yield Text(" " * (self.indent + self.hang)) + line


def hanging(text: Text, indent: int = 2, hang: int = 4) -> _Hanging:
    """``text`` at ``indent``, its continuation lines ``hang`` cells further in."""
    return _Hanging(text, indent, hang)


def sources_block(sources: Sequence[Source], numbers: dict[str, int]) -> RenderableType:
    """The numbered source list: title and date read, then the whole URL on its own line."""
    parts: list[RenderableType] = [Text("Sources", style="bold cyan")]
    for source in sources:
        if source.id not in numbers:
            continue
        heading = Text(f"[{numbers[source.id]}] ", style="bold")
        heading.append(source.title or source.id)
        if source.accessed:
            heading.append(f" (read {source.accessed})", style="dim")
        parts.append(hanging(heading, 2, 4))
        if source.url:  # indented by hand: a Padding would crop the URL at the screen edge
            parts.append(link(source.url, 6))
        elif source.document:
            parts.append(hanging(Text(source.document, style="dim"), 6, 0))
    return Group(*parts)


def unverified_legend(flagged: bool) -> RenderableType | None:
    """The † legend when the view flagged anything, else nothing."""
    return Text(UNVERIFIED_LEGEND, style="yellow") if flagged else None


def _cites(ids: Sequence[str], numbers: dict[str, int]) -> str:
    found = [numbers[i] for i in ids if i in numbers]
    return "".join(f"[{n}]" for n in found)


def _funding(step: Step) -> str:
    return ", ".join(step.funding) or "–"


def item(
    headline: str, cites: str, details: Sequence[str | Text], style: str = "bold"
) -> list[RenderableType]:
    """One item of a section: a headline with its citations, details indented under it.

    Items rather than table rows keep every word whole at 80 columns, where a six-column
    table had to break words ("Certificat e"), and cost a fraction of a table to lay out.
    """
    line = Text(headline, style=style)
    if cites:
        line.append(f"  {cites}", style="dim")
    parts: list[RenderableType] = [Padding(line, (0, 0, 0, 2))]
    parts.extend(Padding(d if isinstance(d, Text) else Text(d), (0, 0, 0, 4)) for d in details if d)
    return parts


def section(title: str, items: Iterable[list[RenderableType]], empty: str = "") -> RenderableType:
    """A titled section of items, or a dim line saying there is nothing to show."""
    body = [part for item in items for part in item]
    if not body:
        return Group(
            Text(title, style="bold cyan"), Padding(Text(empty, style="dim"), (0, 0, 0, 2))
        )
    return Group(Text(title, style="bold cyan"), *body)


def _step_sources(step: Step) -> tuple[str, ...]:
    """A step's own sources and its programme's: the list cites every source it shows."""
    programme = step.programme.sources if step.programme else ()
    return tuple(dict.fromkeys((*step.sources, *programme)))


def _need_word(need: CompetencyNeed, levels_recorded: bool) -> str:
    if need.optional:
        return "optional"
    return need.level if levels_recorded else "essential"


def _labelled(label: str, value: str) -> Text:
    text = Text(f"{label}: ", style="dim")
    text.append(value)
    return text


def _step_summary(step: Step) -> str:
    """Award · length · funding, leaving out what is unknown."""
    award = step.programme.award if step.programme and step.programme.award else ""
    funding = ", ".join(step.funding)
    return " · ".join(x for x in (award, months_text(step.months), funding) if x and x != "–")


def _wrap(console: Console, text: Text, width: int) -> list[Text]:
    """``text`` wrapped to ``width`` cells, at least one line, with no trailing spaces.

    Words wrap whole and only what cannot fit is folded: the building block of the
    hand-laid columns below.
    """
    lines = list(text.wrap(console, width)) or [Text()]
    for line in lines:
        line.rstrip()
    return lines


def wrap_text(console: Console, text: Text, width: int, style: str = "") -> list[Text]:
    """``text`` wrapped at spaces to ``width`` cells (see ``_wrap``), optionally styled."""
    lines = _wrap(console, text, width)
    if style:
        for line in lines:
            line.stylize(style)
    return lines


def _padded(text: Text, width: int) -> Text:
    """``text`` padded with spaces to ``width`` terminal cells (CJK characters take two)."""
    return text + Text(" " * max(width - text.cell_len, 0))


class _Facts:
    """Label and value pairs, values wrapped under themselves: a two-column grid, by hand."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str | Text]] = []

    def add_row(self, label: str, value: str | Text) -> None:
        self.rows.append((label, value))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(cell_len(label) for label, _ in self.rows) + 2
        room = max(options.max_width - width, 10)
        for label, value in self.rows:
            text = value if isinstance(value, Text) else Text(value)
            for number, line in enumerate(_wrap(console, text, room)):
                yield _padded(Text(label if number == 0 else "", style="bold"), width) + line


def _facts(profile: Profile, numbers: dict[str, int]) -> RenderableType:
    """The role's facts: the same block the report shows (``render.view.role_facts``)."""
    from careerpath.render.view import role_facts, terminal_facts

    return terminal_facts(role_facts(profile), numbers)


def profile_view(catalogue: Catalogue, profile: Profile) -> RenderableType:
    """The whole profile of a role, section by section."""
    role = profile.role
    numbers = {s.id: i for i, s in enumerate(profile.sources, start=1)}
    names = catalogue.name_of()

    def named(role_id: str) -> str:
        return f"{names.get(role_id, role_id)} ({role_id})"

    parts: list[RenderableType] = [
        Text.assemble((role.title, "bold cyan"), (f"  ({role.id})", "bold"))
    ]
    if role.summary:
        parts.append(Padding(Text(role.summary), (0, 0, 0, 2)))
    facts_at = len(parts)
    parts.append(_facts(profile, numbers))
    parts.append(
        section(
            "Ways in",
            (
                item(
                    flagged(s.title, s.unverified),
                    _cites(_step_sources(s), numbers),
                    (
                        _step_summary(s),
                        _labelled("Requires", "; ".join(s.requires)) if s.requires else "",
                        Text(s.note, style="dim") if s.note else "",
                    ),
                )
                for s in profile.entry_routes
            ),
            "No entry routes recorded.",
        )
    )
    parts.append(
        section(
            "Progression from this role",
            (
                item(
                    flagged(named(s.target), s.unverified),
                    _cites(_step_sources(s), numbers),
                    (
                        " · ".join(
                            x for x in (s.kind, months_text(s.months), s.title) if x and x != "–"
                        ),
                        _labelled("Requires", "; ".join(s.requires)) if s.requires else "",
                    ),
                )
                for s in profile.progressions_out
            ),
            "No progression recorded from this role.",
        )
    )
    if profile.progressions_in:
        parts.append(
            section(
                "Progression into this role",
                (
                    item(
                        f"from {named(s.origin)}",
                        "",
                        (" · ".join(x for x in (s.kind, months_text(s.months), s.title) if x),),
                        style="",
                    )
                    for s in profile.progressions_in
                ),
            )
        )
    parts.append(
        section(
            "Linked roles",
            (
                item(f"{named(k.role)} – {k.kind}", _cites(k.sources, numbers), (k.note,))
                for k in profile.links
            ),
            "No linked roles recorded.",
        )
    )
    # An ESCO import records essential or optional, never a level: every need then carries
    # the model's default, and "(practitioner)" on each would be a level nobody stated.
    levels_recorded = not role.esco or any(
        need.level != "practitioner" for _, items in profile.competencies for _, need in items
    )
    if profile.competencies:
        parts.append(
            section(
                "Competencies",
                (
                    item(
                        domain,
                        "",
                        (
                            "; ".join(
                                f"{c.name} ({_need_word(need, levels_recorded)})"
                                for c, need in items
                            ),
                        ),
                    )
                    for domain, items in profile.competencies
                ),
            )
        )
    parts.append(
        section(
            "Barriers",
            (
                item(flagged(b.category, b.unverified), _cites(b.sources, numbers), (b.text,))
                for b in profile.barriers
            ),
            "No barriers recorded.",
        )
    )
    parts.append(sources_block(profile.sources, numbers))
    steps = (*profile.entry_routes, *profile.progressions_out)
    if (
        role.unverified
        or any(s.unverified for s in steps)
        or any(b.unverified for b in profile.barriers)
    ):
        # Once on the first screen (under the facts, where the first † usually is) and once
        # at the end, beside the sources: a profile runs to several screens.
        parts.insert(facts_at + 1, Text(UNVERIFIED_LEGEND, style="yellow"))
        parts.append(Text(UNVERIFIED_LEGEND, style="yellow"))
    return spaced(parts)


def spaced(parts: Iterable[RenderableType]) -> NoBreak:
    """Parts one blank line apart (blank lines, not Padding, which would crop long URLs).

    A view's parts are printed through ``NoBreak``, so a † made by ``flagged`` stays with
    its word and prints as " †".
    """
    out: list[RenderableType] = []
    for part in parts:
        out.extend((part, Text()))
    return NoBreak(Group(*out))


class RoleList:
    """``list``: one line a role, under a heading for each family, laid out by hand.

    Ids never wrap (they are what the user types next); titles wrap in the width left; family
    headings span the line. A Rich Table did the same but its measuring passes were a fifth
    of the command's time, and ``list`` is run constantly (issue 7).
    """

    def __init__(self, roles: Sequence[Role], family_titles: dict[str, str]) -> None:
        self.roles = roles
        self.family_titles = family_titles

    def _rows(self) -> list[tuple[str, str, str, str]]:
        """Each role's cells: id, title, level and bands (training / qualified)."""
        return [
            (
                role.id,
                role.title,
                str(role.career_framework_level or "–"),
                " / ".join(b or "–" for b in (role.bands.training, role.bands.qualified)),
            )
            for role in self.roles
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = self._rows()
        id_width = max([cell_len(r[0]) for r in rows] + [2])
        band_width = max([cell_len(r[3]) for r in rows] + [5])
        title_width = options.max_width - id_width - band_width - 11
        if title_width < 12:  # too narrow for columns: each role as a short stack
            yield from self._stacked(console, options, rows)
            return
        yield Text(
            f"{'ID'.ljust(id_width)}  {'Title'.ljust(title_width)}  Level  Bands", style="bold"
        )
        yield Text("─" * min(options.max_width, id_width + title_width + band_width + 11))
        for heading, (role_id, title, level, bands) in self._under_headings(rows):
            if heading:
                yield heading
            first, *more = _wrap(console, Text(title), title_width)
            yield (
                _padded(Text(role_id, style="bold"), id_width + 2)
                + _padded(first, title_width)
                + Text(f"  {level:>5}  {bands}")
            )
            yield from (Text(" " * (id_width + 2)) + line for line in more)
        count = len(self.roles)
        yield Text(
            f"{count} role{'s' if count != 1 else ''} · bands are training / qualified",
            style="dim",
        )

    def plain(self, console: Console) -> str | None:
        """The text ``render`` writes for this list off a terminal, without Rich per row.

        Drawing 3,000 rows through Rich took 0.3 s of a cold ``list``. Off a terminal with
        no colour every cell is plain text, so a row whose cells are printable ASCII (each
        character one cell wide) is formatted directly, and only a title too long for its
        column is wrapped by Rich, by the same ``_wrap``. None, when anything is unusual
        (a narrow screen, a wide, combining or control character):
        then Rich draws it all. ``tests/test_listing.py`` holds the two equal.
        """
        width = console.width
        rows = self._rows()
        if not all(_one_cell_each(cell) for row in rows for cell in row):
            return None
        id_width = max([len(r[0]) for r in rows] + [2])
        band_width = max([len(r[3]) for r in rows] + [5])
        title_width = width - id_width - band_width - 11
        if title_width < 12:
            return None
        lines = [
            f"{'ID'.ljust(id_width)}  {'Title'.ljust(title_width)}  Level  Bands",
            "─" * min(width, id_width + title_width + band_width + 11),
        ]
        indent = " " * (id_width + 2)
        family = None
        for role, (role_id, title, level, bands) in zip(self.roles, rows, strict=True):
            if role.family != family:
                family = role.family
                heading = f"{self.family_titles.get(family, family)}  --family {family}"
                if not _one_cell_each(heading):
                    return None
                lines.extend(_fitted(console, heading, width))
            if len(title) <= title_width:
                first, more = title, []
            else:
                first, *more = (line.plain for line in _wrap(console, Text(title), title_width))
            lines.append(
                f"{role_id.ljust(id_width + 2)}{first.ljust(title_width)}  {level:>5}  {bands}"
            )
            lines.extend(indent + line for line in more)
        count = len(self.roles)
        legend = f"{count} role{'s' if count != 1 else ''} · bands are training / qualified"
        lines.extend(_fitted(console, legend, width))
        return "".join(line.rstrip(" ") + "\n" for line in lines)

    def _stacked(
        self, console: Console, options: ConsoleOptions, rows: list[tuple[str, str, str, str]]
    ) -> RenderResult:
        for heading, (role_id, title, level, bands) in self._under_headings(rows):
            if heading:
                yield heading
            yield Text.assemble((role_id, "bold"), f"  level {level} · bands {bands}")
            yield Padding(Text(title), (0, 0, 0, 2))
        count = len(self.roles)
        yield Text(f"{count} role{'s' if count != 1 else ''}", style="dim")

    def _under_headings(
        self, rows: list[tuple[str, str, str, str]]
    ) -> Iterator[tuple[Text | None, tuple[str, str, str, str]]]:
        """Each row, with its family's heading when the family changes (roles come sorted)."""
        family = None
        for role, row in zip(self.roles, rows, strict=True):
            heading = None
            if role.family != family:
                family = role.family
                heading = Text(self.family_titles.get(family, family), style="bold cyan")
                heading.append(f"  --family {family}", style="dim")
            yield heading, row


def _fitted(console: Console, line: str, width: int) -> list[str]:
    """A one-cell-a-character line as Rich prints it at ``width``: whole, or wrapped."""
    if len(line) <= width:
        return [line]
    return [part.plain for part in _wrap(console, Text(line), width)]


def _one_cell_each(text: str) -> bool:
    """Printable, one terminal cell a character (so ``str.ljust`` pads as Rich would)."""
    return text.isprintable() and (text.isascii() or cell_len(text) == len(text))


def roles_table(roles: Sequence[Role], family_titles: dict[str, str]) -> RoleList:
    """The renderable for ``list``."""
    return RoleList(roles, family_titles)
