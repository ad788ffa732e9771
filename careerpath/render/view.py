"""The presentation model: a view's content built once, then written for each medium.

A view is a ``Document`` of ``Section``s holding ``Block``s (paragraphs, notes, banners, facts,
tables and figures) whose ``Cell``s carry their text, the sources that back them and whether
they are unconfirmed. A table declares each ``Column``'s kind, and each serialiser decides
from the kind how wide the column may be and how it aligns: nothing matches header strings.

Serialisers: ``render.report`` writes HTML and Markdown, ``terminal_blocks`` below writes
Rich renderables. The † and the lengths come from ``careerpath.text``, so every medium says
the same words. This module loads no Rich at import: the report needs none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

import msgspec

from careerpath.text import marked

if TYPE_CHECKING:  # types only: a terminal view must not import the route engine
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

    from careerpath.analysis.diagrams import Diagram
    from careerpath.analysis.overlap import Overlap
    from careerpath.analysis.profile import Profile
    from careerpath.analysis.routes import Route

__all__ = [
    "NOT_RECORDED",
    "Block",
    "Cell",
    "Column",
    "ColumnKind",
    "Document",
    "Section",
    "Stack",
    "cell",
    "cells",
    "facts",
    "note",
    "paragraph",
    "role_facts",
    "route_via",
    "rule_from_text",
    "similarity_note",
    "similarity_table",
    "table",
    "terminal_facts",
    "terminal_section",
    "terminal_table",
]

#: How a column's cells read, which is what decides its width and alignment:
#: ``text`` wraps at spaces and takes what width is left; ``label`` (a name or a pair of
#: ids) wraps too but is never squeezed below its header; ``figure`` (a count, a score, a
#: length) stays on one line; ``number`` stays on one line and aligns right; ``id`` is what
#: the user types next, so it never wraps.
ColumnKind = Literal["text", "label", "figure", "number", "id"]


class Cell(msgspec.Struct, frozen=True):
    """Text with the sources that back it and whether it is unconfirmed."""

    text: str
    sources: tuple[str, ...] = ()
    flagged: bool = False


class Column(msgspec.Struct, frozen=True):
    """A table column: its header and the kind of its cells (see ``ColumnKind``)."""

    header: str
    kind: ColumnKind = "text"


class Stack(msgspec.Struct, frozen=True):
    """How a terminal too narrow for a table's columns stacks them (other media keep all).

    Each group of column indices becomes one column, headed by ``headers`` (default: its
    first column's header), its cells one line per value; a column in ``unlabelled`` is
    stacked as it is, the others as "Header: value" ("–" left out).
    """

    groups: tuple[tuple[int, ...], ...]
    unlabelled: tuple[int, ...] = ()
    headers: tuple[str, ...] = ()


class Block(msgspec.Struct, frozen=True):
    """A paragraph (``cells`` one), facts (``rows`` of label and value), a table or a figure.

    A table with no rows holds in ``cells`` what to say instead ("none").
    """

    kind: str  # paragraph | facts | table | figure | note | banner
    cells: tuple[Cell, ...] = ()
    columns: tuple[Column, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    diagram: Diagram | None = None
    stack: Stack | None = None

    @property
    def headers(self) -> tuple[str, ...]:
        """The table's column headers."""
        return tuple(c.header for c in self.columns)


class Section(msgspec.Struct, frozen=True):
    """A heading (level 2 or 3), an anchor id and its blocks."""

    heading: str
    level: int
    anchor: str
    blocks: tuple[Block, ...]


class Document(msgspec.Struct, frozen=True):
    """A whole view: title, sections, and the numbered sources they cite."""

    title: str
    byline: str
    sections: tuple[Section, ...]
    sources: tuple[tuple[int, str, str, str], ...]  # number, label, url or document, read
    flagged: bool


def route_via(route: Route, names: Mapping[str, str]) -> str:
    """A route's steps as "A → B → C", each unconfirmed step (route or programme) marked †.

    Every one-line summary of a route (gap's route today, ``entry``'s fastest routes, ``from``,
    the report) words it here, so none can drop the mark a step carries in ``route``.
    """
    return " → ".join(marked(names.get(s.target, s.target), s.unverified) for s in route.steps)


def rule_from_text(held: Sequence[str], names: Mapping[str, str]) -> str:
    """That a funding rule's wait was counted from qualifying in ``held`` roles, taken as now.

    One sentence for ``route``, ``gap`` and the report's routes table, so the three say the
    same thing and name the same option.
    """
    who = ", ".join(names.get(h, h) for h in held)
    return (
        f"The two-year wait between NHS-funded psychological trainings is counted from "
        f"qualifying as {who}, taken as now. If you qualified earlier, give the months "
        f"since with --have {held[0]}:MONTHS."
    )


def cell(text: str, sources: Sequence[str] = (), flagged: bool = False) -> Cell:
    """A cell, with its sources as a tuple."""
    return Cell(text, tuple(sources), flagged)


def cells(*texts: str) -> tuple[Cell, ...]:
    """A row of plain cells."""
    return tuple(Cell(t) for t in texts)


def paragraph(text: str, sources: Sequence[str] = ()) -> Block:
    """A paragraph of text."""
    return Block("paragraph", (cell(text, sources),))


def note(text: str) -> Block:
    """A note: how a figure was made, or what it does not say."""
    return Block("note", (Cell(text),))


def facts(rows: Iterable[tuple[Cell, ...]]) -> Block:
    """Label and value pairs (each row two cells)."""
    return Block("facts", rows=tuple(rows))


def table(columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> Block:
    """A table; every row has a cell for every column."""
    body = tuple(tuple(r) for r in rows)
    for row in body:
        if len(row) != len(columns):
            raise ValueError(f"a row of {len(row)} cells in a table of {len(columns)} columns")
    return Block("table", columns=tuple(columns), rows=body)


# --- Content more than one view shows ---------------------------------------------------------

#: What a fact says when the data does not record it (the terminal and the report alike).
NOT_RECORDED = "not recorded"


def role_facts(profile: Profile) -> Block:
    """A role's facts, for ``show`` and the report alike (they were written twice).

    The last row cites the role's own sources; each serialiser writes the citations its
    way. A URL (the ESCO occupation) is a value of its own so the terminal never breaks it.
    """
    from careerpath.frameworks import CAREER_FRAMEWORK_LEVELS

    role = profile.role
    level = role.career_framework_level
    regulation = role.regulation.kind.replace("-", " ")
    if role.regulation.body:
        regulation += f" – {role.regulation.body}"
    if role.regulation.register:
        regulation += f" ({role.regulation.register})"
    rows = [
        cells("Family", profile.family_title),
        (
            Cell("Career Framework level"),
            cell(
                f"{level} – {CAREER_FRAMEWORK_LEVELS[level]}" if level else NOT_RECORDED,
                flagged="career_framework_level" in role.unverified,
            ),
        ),
        (
            Cell("Agenda for Change bands"),
            cell(
                f"training {role.bands.training or 'none'} · qualified "
                f"{role.bands.qualified or NOT_RECORDED}",
                flagged=any(u.startswith("bands") for u in role.unverified),
            ),
        ),
        cells("Regulation", regulation),
    ]
    if role.aliases:
        rows.append(cells("Also called", ", ".join(role.aliases)))
    if role.settings:
        rows.append(cells("Settings", ", ".join(role.settings)))
    if role.soc:
        rows.append((Cell("SOC 2020"), cell(role.soc, flagged="soc" in role.unverified)))
    if role.esco:
        rows.append(cells("ESCO", role.esco))
    if role.note:
        rows.append(cells("Note", role.note))
    if role.sources:
        rows.append((Cell("Sources"), cell("", role.sources)))
    return facts(rows)


def similarity_note(result: Overlap) -> str:
    """What the similarity table counts and leaves out, in words: one wording for every view."""
    from careerpath.analysis.similar import SCORE_RULE

    left_out = "; ".join(c.name for c in result.generic)
    return (
        "Shared and Jaccard count role-specific competencies; Holds → is the first role's score"
        f" for a move to the second (as `careerpath similar`): {SCORE_RULE}."
        + (f" Not counted, because every NHS post shares them: {left_out}." if left_out else "")
    )


def similarity_table(result: Overlap) -> Block:
    """Each pair's shared role-specific competencies and scores (``overlap`` and the report).

    "Holds →" is ``similar``'s score for the move from the first role to the second.
    """
    return table(
        (
            Column("Roles", "label"),
            Column("Shared", "figure"),
            Column("Jaccard", "number"),
            Column("Level-weighted", "number"),
            Column("Holds →", "number"),
            Column("Holds ←", "number"),
        ),
        (
            cells(
                f"{s.first} – {s.second}",
                f"{s.shared} of {s.union}",
                f"{s.jaccard:.2f}",
                f"{s.weighted:.2f}",
                f"{s.there:.0%}",
                f"{s.back:.0%}",
            )
            for s in result.similarity
        ),
    )


# --- Terminal ------------------------------------------------------------------------------


def _terminal_cell(value: Cell, numbers: dict[str, int]) -> str:
    from careerpath.render.terminal import flagged

    cites = "".join(f"[{numbers[s]}]" for s in value.sources if s in numbers)
    return " ".join(x for x in (flagged(value.text, value.flagged), cites) if x)


def terminal_table(
    title: str, block: Block, numbers: dict[str, int] | None = None, caption: str | None = None
) -> RenderableType:
    """A table block for the terminal: a table where every word fits, else one item a row."""
    return _TerminalTable(title, block, numbers or {}, caption)


class _TerminalTable:
    """Decided at the terminal's width: no word is ever cut to fit a column.

    Flat, each column laid out by its kind (``render.terminal.table``) and never narrower
    than its longest word, when the columns fit side by side; otherwise each row is an item,
    its first cell the headline and the rest "Header: value" under it, as the profile does.
    """

    def __init__(
        self, title: str, block: Block, numbers: dict[str, int], caption: str | None
    ) -> None:
        self.title, self.block, self.numbers, self.caption = title, block, numbers, caption

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        from careerpath.render.terminal import hanging
        from careerpath.render.terminal import table as rich_table

        block = self.block
        rows = [[_terminal_cell(c, self.numbers) for c in row] for row in block.rows]
        least = []
        for index, column in enumerate(block.columns):
            texts = [column.header, *(row[index] for row in rows)]
            if column.kind in ("figure", "number", "id"):
                least.append(max(map(cell_len, texts)))
            else:
                least.append(max(cell_len(w) for t in texts for w in [*t.split(), ""]))
        if sum(least) + 3 * len(least) <= options.max_width or len(least) < 2:
            view = rich_table(self.title, block.columns, rows, self.caption)
            for drawn, width in zip(view.columns, least, strict=True):
                drawn.min_width = max(drawn.min_width or 0, width)  # no word is cut
            yield view
            return
        if self.title:
            yield Text(self.title, style="bold cyan")
        for row in rows:
            yield hanging(Text(row[0], style="bold"), 2, 2)
            for column, value in zip(block.columns[1:], row[1:], strict=True):
                line = Text(f"{column.header}: " if column.header else "", style="dim")
                line.append(value)
                yield hanging(line, 4, 2)
        if self.caption:
            yield Text(self.caption, style="dim")


def terminal_facts(block: Block, numbers: dict[str, int] | None = None) -> RenderableType:
    """A facts block as a two-column grid; a URL whole on its line, never cut or folded."""
    from careerpath.render.terminal import _Facts, link

    found = numbers or {}
    grid = _Facts()
    for label, value in block.rows:
        text = value.text
        if text.startswith(("http://", "https://")) and not value.flagged and not value.sources:
            grid.add_row(label.text, link(text))
        else:
            shown = _terminal_cell(value, found)
            if shown:
                grid.add_row(label.text, shown)
    return grid


def terminal_section(section: Section, numbers: dict[str, int] | None = None) -> RenderableType:
    """A section for the terminal: heading, then each block (figures are left out)."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from careerpath.render.terminal import NoBreak

    found = numbers or {}
    out: list[RenderableType] = [Text(section.heading, style="bold cyan")]
    for block in section.blocks:
        if block.kind in ("paragraph", "note", "banner"):
            style = {"note": "dim", "banner": "bold yellow"}.get(block.kind, "")
            text = Text(" ".join(_terminal_cell(c, found) for c in block.cells), style=style)
            out.append(Padding(text, (0, 0, 0, 2)))
        elif block.kind == "facts":
            out.append(terminal_facts(block, found))
        elif block.kind == "table":
            out.append(terminal_table("", block, found))
    return NoBreak(Group(*out))
