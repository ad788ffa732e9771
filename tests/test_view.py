"""The view model: one document, and HTML, Markdown and the terminal all show all of it.

The Markdown report once lacked the similarity table the HTML had; the two are now written
from one ``Document``, and these tests parse both back and compare every table cell by cell.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

import msgspec
import pytest
from rich.console import Console

from careerpath.analysis.briefing import Briefing, build_briefing
from careerpath.analysis.overlap import overlap
from careerpath.model import Catalogue
from careerpath.render import analytics
from careerpath.render.report import briefing_document, document_html, document_markdown
from careerpath.render.view import (
    Column,
    Document,
    cells,
    similarity_table,
    table,
    terminal_section,
)

from conftest import bundled_catalogue

Rows = list[list[str]]


@cache
def _briefing() -> Briefing:
    catalogue = bundled_catalogue()
    return build_briefing(catalogue, [catalogue.role(r) for r in ("CWP", "EMHP", "PWP")])


@cache
def _document() -> Document:
    return briefing_document(bundled_catalogue(), _briefing())


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


class _Tables(HTMLParser):
    """Every <table>'s header and body rows as text, citations (<sup>) left out."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Rows] = []
        self.row: list[str] | None = None
        self.text: list[str] | None = None
        self.in_sup = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.text = []
        elif tag == "sup":
            self.in_sup += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.row is not None and self.text is not None:
            self.row.append(_norm("".join(self.text)))
            self.text = None
        elif tag == "tr" and self.row is not None:
            self.tables[-1].append(self.row)
            self.row = None
        elif tag == "sup":
            self.in_sup -= 1

    def handle_data(self, data: str) -> None:
        if self.text is not None and not self.in_sup:
            self.text.append(data)


def _html_tables(page: str) -> list[Rows]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def _markdown_tables(text: str) -> list[Rows]:
    """Each run of table lines, split at unescaped pipes, unescaped, citations left out."""
    tables: list[Rows] = []
    previous = False
    for line in text.splitlines():
        is_row = line.startswith("|")
        if is_row and not re.fullmatch(r"\|(---\|)+", line):
            if not previous:
                tables.append([])
            parts = re.split(r"(?<!\\)\|", line)[1:-1]
            row = []
            for part in parts:
                uncited = re.sub(r" \[\[\d+\]\]\(#src-\d+\)", "", part)
                row.append(_norm(re.sub(r"\\(.)", r"\1", uncited).replace("&amp;", "&")))
            tables[-1].append(row)
        previous = is_row
    return tables


def _document_tables(document: Document) -> list[Rows]:
    return [
        [
            list(block.headers),
            *([_norm(c.text) + (" †" if c.flagged else "") for c in row] for row in block.rows),
        ]
        for section in document.sections
        for block in section.blocks
        if block.kind == "table"
    ]


def test_html_and_markdown_hold_the_same_tables_row_for_row() -> None:
    document = _document()  # the figures left out: drawing SVG is Graphviz's business
    document = msgspec.structs.replace(
        document, sections=tuple(s for s in document.sections if s.anchor != "diagrams")
    )
    html = _html_tables(document_html(document))
    markdown = _markdown_tables(document_markdown(document))
    expected = _document_tables(document)
    assert html == expected
    assert markdown == expected
    headers = [t[0] for t in expected]
    # the similarity table (similar's score each way joined Jaccard on 2026-12-03)
    assert ["Roles", "Shared", "Jaccard", "Level-weighted", "Holds →", "Holds ←"] in headers
    assert sum(len(t) - 1 for t in expected) > 10


def test_the_similarity_table_is_the_one_overlap_shows(bundled: Catalogue) -> None:
    """``overlap`` in the terminal and the report draw the same rows from one builder."""
    result = _briefing().overlap
    assert result is not None
    block = similarity_table(result)
    section = next(s for s in _document().sections if s.anchor == "overlap")
    assert block in section.blocks
    console = Console(width=120, color_system=None)
    with console.capture() as shown:
        console.print(analytics.overlap_view(bundled, result))
    lines = shown.get().splitlines()
    for row in block.rows:
        assert any(all(c.text in line for c in row) for line in lines)


@pytest.mark.parametrize("width", [80, 120])
def test_every_section_fits_the_terminal_and_keeps_its_words(width: int) -> None:
    from careerpath.render.report import _numbers

    document = _document()
    numbers = _numbers(document)
    console = Console(width=width, color_system=None, highlight=False, emoji=False)
    for section in document.sections:
        with console.capture() as shown:
            console.print(terminal_section(section, numbers))
        text = shown.get()
        assert all(len(line) <= width for line in text.splitlines()), section.heading
        words = set(text.split())
        for block in section.blocks:
            for row in block.rows:
                for cell in row:
                    for word in cell.text.split():  # the words, and each citation:
                        assert word in words or len(word) > width // 4, (section.heading, word)
                    for source in cell.sources:
                        assert f"[{numbers[source]}]" in text


def test_a_column_is_laid_out_by_its_kind_not_its_header() -> None:
    """A figure or number stays whole however narrow; the same header as text may wrap.

    Headers are nonsense words, so nothing can key on them (``terminal.table`` once kept a
    list of header strings written in other files).
    """
    from careerpath.render.terminal import table as rich_table

    row = ("a long description of something that wraps", "12 of 340", "1234.25")
    console = Console(width=30, color_system=None)

    def shown(kinds: tuple[str, str, str]) -> str:
        columns = [Column(h, k) for h, k in zip(("Zzz", "Qqq", "Www"), kinds, strict=True)]
        with console.capture() as out:
            console.print(rich_table("", columns, [row]))
        return out.get()

    figures = shown(("text", "figure", "number"))
    assert "12 of 340" in figures and "1234.25" in figures
    assert "12 of 340" not in shown(("text", "text", "text"))  # the same cells, as text, wrap
    right = next(line for line in figures.splitlines() if "Www" in line)
    assert right.rstrip().endswith("Www")  # a number column aligns right, header too


def test_a_row_must_fill_its_columns() -> None:
    with pytest.raises(ValueError, match="2 cells in a table of 3 columns"):
        table((Column("a"), Column("b"), Column("c")), [cells("x", "y")])


def test_the_similarity_table_needs_no_catalogue_beyond_the_overlap(bundled: Catalogue) -> None:
    result = overlap(bundled, [bundled.role("PWP"), bundled.role("CWP")])
    block = similarity_table(result)
    assert [c.kind for c in block.columns] == ["label", "figure", *["number"] * 4]
    assert len(block.rows) == len(result.similarity) == 1


def test_show_and_the_report_state_the_same_facts(bundled: Catalogue) -> None:
    """One facts block: every label and value ``show`` prints, the report prints too."""
    from careerpath.analysis.profile import build_profile
    from careerpath.render.report import _role_sections
    from careerpath.render.terminal import profile_view
    from careerpath.render.view import role_facts

    console = Console(width=400, color_system=None, highlight=False, emoji=False)
    for role in bundled.roles:
        profile = build_profile(bundled, role)
        block = role_facts(profile)
        with console.capture() as shown:
            console.print(profile_view(bundled, profile))
        screen = _norm(shown.get())
        document = Document("t", "b", tuple(_role_sections(bundled, profile)), (), False)
        assert block in document.sections[0].blocks
        page = _norm(document_markdown(document).replace("\\", ""))
        for label, value in block.rows:
            assert label.text in screen and f"**{label.text}:**" in page
            shown_value = value.text + (" †" if value.flagged else "")
            assert _norm(shown_value) in screen, (role.id, shown_value)
            assert _norm(shown_value) in page, (role.id, shown_value)


def test_an_address_among_the_facts_is_a_link_in_html_and_whole_in_markdown(
    bundled: Catalogue,
) -> None:
    from careerpath.analysis.profile import build_profile
    from careerpath.render.report import _role_sections

    role = next(r for r in bundled.roles if r.esco)
    sections = tuple(_role_sections(bundled, build_profile(bundled, role)))
    document = Document("t", "b", sections, (), False)
    assert f'<dd><a href="{role.esco}">{role.esco}</a></dd>' in document_html(document)
    assert f"- **ESCO:** {role.esco}\n" in document_markdown(document)


def test_a_framework_view_is_one_document_for_terminal_csv_and_report() -> None:
    """The coverage view is built once (a ``Document``): the CSV and the report's sections
    serialise its very table blocks, and the terminal shows every cell of them."""
    import csv
    import io

    from careerpath.analysis.coverage import coverage
    from careerpath.loading.provision import load_training_data
    from careerpath.render.provision import (
        content_terminal,
        coverage_content,
        rows_of,
        table_csv,
        tables_of,
    )
    from careerpath.render.report import coverage_sections

    from conftest import REPO

    data = load_training_data([REPO / "pathways" / "frameworks"], REPO / "examples" / "northvale")
    assert data.provision is not None
    framework = data.frameworks[data.provision.framework]
    document = coverage_content(framework, data.provision, coverage(framework, data.provision))
    tables = tables_of(document)
    assert tables and all(t.blocks[0].kind == "table" for t in tables)
    report = {s.heading: s.blocks[0] for s in coverage_sections(document)}
    console = Console(width=200, record=True)
    console.print(content_terminal(document))
    shown = console.export_text()
    for index, section in enumerate(tables):
        written = list(csv.reader(io.StringIO(table_csv(document, index))))
        assert written[1:] == [list(r) for r in rows_of(section)]
        if section.blocks[0].rows:
            assert report[section.heading] is section.blocks[0]
        for row in rows_of(section):
            for text in row:
                assert all(word in shown for word in text.split()), text
