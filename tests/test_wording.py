"""One wording for a length and one mark for an unconfirmed fact, on every render path.

The terminal, the HTML and Markdown reports and the model's own descriptions each worded
months their own way ("12 months", "1 year", "about 12 months") and joined the † with a
plain space that could wrap alone. Every path now calls ``careerpath.text``; these tests
hold each path to it for every length from 0 to 20 years.
"""

from __future__ import annotations

import re

import msgspec
import pytest
from rich.console import Console
from rich.text import Text

from careerpath.analysis.briefing import Briefing
from careerpath.analysis.profile import Profile, build_profile
from careerpath.model import Catalogue, Requirement
from careerpath.render import analytics, report, terminal
from careerpath.text import (
    NO_BREAK,
    UNVERIFIED_MARK,
    length_text,
    marked,
    months_text,
)

ALL_MONTHS = range(241)


def _profile(catalogue: Catalogue, months: int, unverified: bool = False) -> Profile:
    """CWP's profile with its first way in and first progression set to ``months``."""
    profile = build_profile(catalogue, catalogue.role("CWP"))
    entry, *entries = profile.entry_routes
    out, *outs = profile.progressions_out
    return msgspec.structs.replace(
        profile,
        entry_routes=(
            msgspec.structs.replace(entry, months=months, unverified=unverified),
            *entries,
        ),
        progressions_out=(msgspec.structs.replace(out, months=months), *outs),
    )


def _plain(renderable: object, width: int = 120) -> str:
    console = Console(width=width, color_system=None, highlight=False, emoji=False)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


def test_the_wording_itself() -> None:
    """Whole years read as years; a fraction stays in months; nothing is left unworded."""
    assert [months_text(m) for m in (0, 1, 2, 11, 12, 13, 18, 24, 25)] == [
        "0 months",
        "1 month",
        "2 months",
        "11 months",
        "1 year",
        "1 year 1 month",
        "1 year 6 months",
        "2 years",
        "2 years 1 month",
    ]
    for m in ALL_MONTHS:
        words = months_text(m)
        assert months_text(float(m)) == words  # a whole float (credits ÷ rate) reads the same
        parsed = re.fullmatch(r"(?:(\d+) years?)? ?(?:(\d+) months?)?", words)
        assert parsed is not None, words
        years, rest = (int(n or 0) for n in parsed.groups())
        assert years * 12 + rest == m and rest < 12  # says what it means, in the largest unit
        assert months_text(m + 0.5) == f"{m + 0.5:.1f} months"
    assert months_text(None) == "–" and months_text(None, "length unknown") == "length unknown"
    assert (
        length_text(0, False) == "length unknown" and length_text(24, False) == "at least 2 years"
    )


def test_a_requirement_words_experience_as_every_view_does() -> None:
    for m in ALL_MONTHS:
        need = Requirement(kind="experience", ref="PWP", months=m)
        assert need.describe({"PWP": "PWP"}) == f"{months_text(m)} as PWP"


@pytest.mark.parametrize("months", ALL_MONTHS)
def test_report_and_terminal_word_a_step_alike(bundled: Catalogue, months: int) -> None:
    """The report's tables and the terminal's step lines give the same words for a length."""
    profile = _profile(bundled, months)
    words = months_text(months)
    sections = report._role_sections(bundled, profile)
    ways, progression = (s.blocks[0] for s in sections[1:3])
    assert ways.rows[0][ways.headers.index("Length")].text == words
    assert progression.rows[0][progression.headers.index("Length")].text == words
    assert words in terminal._step_summary(profile.entry_routes[0]).split(" · ")


def test_the_whole_profile_and_report_agree_on_lengths(bundled: Catalogue) -> None:
    """Rendered end to end (Rich, HTML, Markdown) for lengths either side of a year."""
    for months in (0, 1, 11, 12, 13, 23, 24, 30, 240):
        profile = _profile(bundled, months)
        words = months_text(months)
        shown = _plain(terminal.profile_view(bundled, profile))
        document = report.Document(
            "t", "b", tuple(report._role_sections(bundled, profile)), (), False
        )
        markdown = report.document_markdown(document)
        page = report.document_html(document)
        for text in (shown, markdown, page):
            assert words in text
            if months % 12 == 0 and months:  # whole years never read as a count of months
                assert f"{months} months" not in text


@pytest.mark.parametrize("months", [*ALL_MONTHS, 0.5, 12.5, 18.25])
def test_a_top_up_estimate_reads_the_same_in_the_terminal_and_the_report(
    bundled: Catalogue, months: float
) -> None:
    """``gap``/``overlap`` said "about 1 year" where the report said "about 12 months"."""
    from careerpath.analysis.overlap import overlap

    result = overlap(bundled, [bundled.role("PWP"), bundled.role("CWP")])
    move = next(g for g in result.moves if g.modules)
    plan, *_ = move.modules
    move = msgspec.structs.replace(move, modules=(msgspec.structs.replace(plan, months=months),))
    assert move.months == round(months, 1)
    result = msgspec.structs.replace(result, moves=(move,))
    briefing = Briefing((), (), result, (), (), ())
    section = report._overlap_section(briefing)
    assert section is not None
    table = [b for b in section.blocks if b.kind == "table"][-1]
    cell = table.rows[0][table.headers.index("Estimated top-up")].text
    line = analytics.gap_summary(move, bundled.name_of()).plain
    words = f"about {months_text(move.months)}"
    assert words in cell and words in line


def test_the_mark_is_one_mark_joined_to_its_word() -> None:
    assert marked("Band 5", False) == "Band 5"
    assert marked("Band 5", True) == f"Band 5{NO_BREAK}{UNVERIFIED_MARK}"
    assert terminal.UNVERIFIED_MARK == UNVERIFIED_MARK
    from careerpath.render.provision import UNVERIFIED

    assert UNVERIFIED == UNVERIFIED_MARK


@pytest.mark.parametrize("width", range(20, 81))
def test_the_mark_never_wraps_alone_in_the_terminal(width: int) -> None:
    """At every width the † stays with the word before it, printed after a plain space."""
    words = "GCSEs including English and maths → Healthcare support worker (mental health)"
    headline = Text(words)
    terminal.flag(headline, True)
    for renderable in (
        terminal.spaced([Text(terminal.flagged(words, True))]),
        terminal.spaced([headline]),
    ):
        lines = _plain(renderable, width).splitlines()
        assert all(line.strip() != UNVERIFIED_MARK for line in lines)
        assert any(line.rstrip().endswith(f" {UNVERIFIED_MARK}") for line in lines)
        assert "\u2800" not in "".join(lines) and NO_BREAK not in "".join(lines)


def test_the_reports_join_the_mark_without_a_break(bundled: Catalogue) -> None:
    profile = _profile(bundled, 12, unverified=True)
    document = report.Document("t", "b", tuple(report._role_sections(bundled, profile)), (), True)
    title = profile.entry_routes[0].title
    assert f"{NO_BREAK}{UNVERIFIED_MARK}" in report.document_markdown(document)
    assert f'{NO_BREAK}<span class="flag"' in report.document_html(document)
    assert f"{title} {UNVERIFIED_MARK}" in _plain(terminal.profile_view(bundled, profile))


@pytest.mark.parametrize("pair", [("PWP", "HI-CBT"), ("PWP", "nursing-associate")])
def test_gap_assumptions_keep_their_indent_when_wrapped(run_at, pair) -> None:  # type: ignore[no-untyped-def]
    """At 80 columns an assumption's second line lost its indent (audit), so it read as a
    paragraph of its own."""
    text = run_at(80, "gap", *pair).stdout
    block = "  assumes: " + text.split("  assumes: ", 1)[1]
    lines = block.split("\n\n")[0].splitlines()
    assert any(line.startswith("  assumes: ") for line in lines)
    assert any(not line.startswith("  assumes: ") for line in lines)  # a wrapped line
    assert all(line.startswith("  ") and len(line) <= 80 for line in lines), lines


def test_what_no_module_teaches_is_said_once_and_on_its_own_line(run_at) -> None:  # type: ignore[no-untyped-def]
    """`gap PWP HI-CBT` said it twice, the second copy wrapping to column 0; `overlap` glued
    it onto the end of the move's line (audit)."""
    gap_text = run_at(80, "gap", "PWP", "HI-CBT").stdout
    overlap_text = run_at(80, "overlap", "PWP", "HI-CBT").stdout
    said = "no module in the data teaches to the level needed"
    assert " ".join(gap_text.split()).lower().count(said) == 1
    lines = overlap_text.splitlines()
    notes = [i for i, line in enumerate(lines) if said in line.lower()]
    assert notes and all(lines[i].startswith(f"  {said}") for i in notes)


def test_a_promotion_after_a_wait_is_not_a_step_of_0_months(run) -> None:  # type: ignore[no-untyped-def]
    """`route PWP senior-PWP` read "wait 1 year first / experience · 0 months" (audit)."""
    text = run("route", "PWP", "senior-PWP").stdout
    assert "wait 1 year first" in text
    assert "experience · 0 months" not in text and "experience · band 5 → 6" in text


@pytest.mark.parametrize("columns", ["80", "120"])
def test_curriculum_never_cuts_a_word_of_a_header(run_at, columns: str) -> None:  # type: ignore[no-untyped-def]
    """At 80 columns curriculum's conversion table split "competencies" and "retraining"
    mid-word (audit); it now stacks each move when the columns do not fit."""
    text = run_at(int(columns), "curriculum", "PWP", "CWP", "EMHP").stdout
    lines = text.splitlines()
    assert all(len(line) <= int(columns) for line in lines)
    words = {w for line in lines for w in line.split()}
    for header in ("New competencies", "Full retraining", "Not repeated", "Today's programme"):
        for word in header.split():
            # Each header word is whole somewhere, and no fragment of it stands alone.
            assert word in words or f"{word}:" in words, (header, word)
            assert not any(
                1 < len(w) < len(word) and word.startswith(w) and w not in {"New", "Not"}
                for w in words
                if w.isalpha() and w.lower() == w and word.lower().startswith(w)
            ), word


def test_from_says_an_assumption_about_your_training_once(run_at) -> None:  # type: ignore[no-untyped-def]
    """`from nmc-mh` printed the same three-line assumption (the degree credited to the
    registration) under nine roles; it is said once, numbered, and each role points to it."""
    text = run_at(80, "from", "nmc-mh").stdout
    flat = " ".join(text.split())
    said = "the training behind your NMC registration as a nurse in the mental health field gave you the Honours degree"
    assert flat.count(said) == 1
    assert f"1. assumes: {said}" in flat
    pointers = flat.count("assumes: note 1 below")
    assert pointers >= 2
