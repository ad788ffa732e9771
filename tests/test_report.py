"""The briefing report: cited, flagged, one content for HTML and Markdown, agreeing with route."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from careerpath.actions import load
from careerpath.analysis.briefing import build_briefing
from careerpath.analysis.coverage import coverage
from careerpath.analysis.routes import find_routes
from careerpath.errors import CareerpathError
from careerpath.loading.provision import load_training_data
from careerpath.render.provision import (
    banner_of,
    coverage_content,
    facts_of,
    notes_of,
    rows_of,
    tables_of,
)
from careerpath.render.report import briefing_document, briefing_html, briefing_markdown
from careerpath.render.terminal import months_text
from careerpath.render.view import Document
from careerpath.text import markdown_inline

from conftest import REPO

BUNDLED = load(None)
ROLES = [BUNDLED.role(r) for r in ("CWP", "EMHP", "PWP")]
BRIEFING = build_briefing(BUNDLED, ROLES)


def test_every_citation_links_to_a_listed_source_and_every_source_is_cited() -> None:
    html = briefing_html(BUNDLED, BRIEFING)
    cited = set(re.findall(r'<a href="#src-(\d+)"', html))
    listed = set(re.findall(r'<li id="src-(\d+)"', html))
    assert cited and cited == listed
    assert "Every fact cites its source" not in html  # the claim is replaced by the citations


def test_flags_come_with_their_legend() -> None:
    html = briefing_html(BUNDLED, BRIEFING)
    assert 'class="flag"' in html and "not confirmed by a source" in html
    markdown = briefing_markdown(BUNDLED, BRIEFING)
    assert "†" in markdown and "not confirmed by a source" in markdown


def test_html_and_markdown_have_the_same_sections() -> None:
    html = briefing_html(BUNDLED, BRIEFING)
    markdown = briefing_markdown(BUNDLED, BRIEFING)
    html_headings = [
        re.sub(r"<[^>]+>", "", h).replace("&#x27;", "'")
        for h in re.findall(r"<h[123][^>]*>(.*?)</h[123]>", html)
    ]
    md_headings = re.findall(r"^#{1,3} (.+)$", markdown, flags=re.M)
    assert html_headings == md_headings
    assert html.count("<svg ") == markdown.count("```mermaid")


def test_routes_agree_with_the_route_command() -> None:
    """Each move's fastest length is what `careerpath route` ranks first, or says there is none."""
    document = briefing_document(BUNDLED, BRIEFING)
    section = next(s for s in document.sections if s.anchor == "routes")
    table = next(b for b in section.blocks if b.kind == "table")
    names = BUNDLED.name_of()
    for (a, b, _), row in zip(BRIEFING.routes, table.rows, strict=True):
        assert row[0].text == f"{names[a]} → {names[b]}"
        try:
            best = find_routes(BUNDLED, BUNDLED.role(a), BUNDLED.role(b), max_routes=1)[0]
        except CareerpathError:
            assert row[1].text == "no recorded route in the data"
            continue
        assert months_text(best.months) in row[1].text


def test_a_top_up_never_reads_as_a_route() -> None:
    document = briefing_document(BUNDLED, BRIEFING)
    overlap = next(s for s in document.sections if s.anchor == "overlap")
    notes = " ".join(c.text for b in overlap.blocks if b.kind == "note" for c in b.cells)
    assert "not a course or route that exists" in notes
    table = [b for b in overlap.blocks if b.kind == "table"][-1]
    assert table.headers[2] == "Estimated top-up"


TRAINING = load_training_data([REPO / "pathways" / "frameworks"], REPO / "examples" / "northvale")


def _coverage_content() -> Document:
    assert TRAINING.provision is not None
    framework = TRAINING.frameworks[TRAINING.provision.framework]
    return coverage_content(framework, TRAINING.provision, coverage(framework, TRAINING.provision))


def test_training_coverage_reads_the_same_in_html_and_markdown() -> None:
    """Every figure of the coverage view, with its course ids, in both formats; banner kept."""
    content = _coverage_content()
    html = briefing_html(BUNDLED, BRIEFING, content)
    markdown = briefing_markdown(BUNDLED, BRIEFING, content)
    html_part = html[html.index('id="training-coverage"') : html.index('id="diagrams"')]
    md_part = markdown[markdown.index("## Training coverage") : markdown.index("## Diagrams")]
    banner = banner_of(content)
    assert banner and html_part.count(banner) == md_part.count(banner) == 2
    tables = [rows_of(t) for t in tables_of(content)]
    cells = [c for rows in tables for row in rows for c in row]
    cells += [v for _, v in facts_of(content)] + list(notes_of(content))
    assert any("nv-" in c for c in cells)  # course ids are there to trace
    for cell in cells:
        assert escape(cell) in html_part, cell
        assert markdown_inline(cell) in md_part, cell
    rows = sum(map(len, tables))
    assert html_part.count("<tr>") == rows + sum(1 for t in tables if t)
    assert md_part.count("\n| ") == rows + sum(1 for t in tables if t)
    # the headings agree too (the section test above, with the coverage added)
    html_headings = [
        re.sub(r"<[^>]+>", "", h).replace("&#x27;", "'")
        for h in re.findall(r"<h[123][^>]*>(.*?)</h[123]>", html)
    ]
    assert html_headings == re.findall(r"^#{1,3} (.+)$", markdown, flags=re.M)
    assert "Training coverage" not in briefing_html(BUNDLED, BRIEFING)


def test_places_figures_add_up_from_the_courses_they_name() -> None:
    """Each places figure is the sum of the named courses' places: traceable, not asserted."""
    assert TRAINING.provision is not None
    courses = TRAINING.provision.course_index()
    content = _coverage_content()
    table = next(t for t in tables_of(content) if t.heading.startswith("Places"))
    for row in rows_of(table):
        ids = row[-1].partition(": ")[2].split(", ") if row[-1] != "0" else []
        known = sum(courses[i].places or 0 for i in ids)
        assert row[3].split(" ")[0] == f"{known:,}", row


def test_report_command_adds_the_coverage_section(run, tmp_path: Path) -> None:
    northvale = str(REPO / "examples" / "northvale")
    target = tmp_path / "report.md"
    result = run("report", "PWP", "--provision", northvale, "--threshold", "0.5", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "## Training coverage" in text and "EXAMPLE DATA" in text and "at least 50%" in text
    refused = run("report", "PWP", "--framework", "pcmh-matrix", "-o", str(target))
    assert refused.exit_code == 2 and "--framework goes with --provision" in refused.stderr
    missing = run("report", "PWP", "--provision", str(tmp_path / "none"), "-o", str(target))
    assert missing.exit_code == 1 and "is not a folder" in missing.stderr
    unknown = run(
        "report", "PWP", "--provision", northvale, "--framework", "pcmh-matrx", "-o", str(target)
    )
    assert unknown.exit_code == 1 and "pcmh-matrix" in unknown.stderr
    assert text == target.read_text(encoding="utf-8")  # a refused run leaves the file alone


def test_a_programme_without_credits_says_so_instead_of_none() -> None:
    """The audit found "None credits, 1 year" for the full HI-CBT training: a missing figure
    must read as missing, in every serialisation of the report."""
    roles = [BUNDLED.role(r) for r in ("PWP", "HI-CBT", "clinical-psychologist")]
    briefing = build_briefing(BUNDLED, roles)
    lacking = [g for g in briefing.overlap.moves if g.full and g.full.credits is None]
    assert lacking, "the example needs a move whose full programme has no credits recorded"
    markdown = briefing_markdown(BUNDLED, briefing)
    html = briefing_html(BUNDLED, briefing)
    for text in (markdown, html):
        assert not re.search(r"\bNone\b", text)
        assert "credits not in the data, 1 year" in text


def test_the_routes_table_says_what_each_route_assumes() -> None:
    """The report's route is `route`'s first: the fastest that assumes nothing, else the
    fastest with its assumptions. The audit found it headed "the fastest route" beside a
    4-year route when `route` lists a 3-year one that assumes a BABCP portfolio."""
    roles = [BUNDLED.role(r) for r in ("PWP", "HI-CBT", "nursing-associate")]
    briefing = build_briefing(BUNDLED, roles)
    markdown = " ".join(briefing_markdown(BUNDLED, briefing).split())
    assumed = [r for _, _, r in briefing.routes if r is not None and r.assumes]
    assert assumed, "the example needs a first route that assumes a condition"
    for route in assumed:
        assert "assumes: " + "; ".join(" ".join(a.split()) for a in route.assumes) in markdown
    assert "The fastest route by total months" not in markdown


def test_the_routes_table_says_when_a_wait_is_counted_from_now() -> None:
    """`route clinical-psychologist HI-CBT` says its two-year wait is counted from qualifying
    taken as now; the report's row said only "3 years" (audit)."""
    roles = [BUNDLED.role(r) for r in ("clinical-psychologist", "HI-CBT", "PWP")]
    briefing = build_briefing(BUNDLED, roles)
    markdown = " ".join(briefing_markdown(BUNDLED, briefing).split())
    counted = [r for _, _, r in briefing.routes if r is not None and r.rule_from]
    assert counted, "the example needs a route whose wait is counted from now"
    assert markdown.count("counted from qualifying as") >= len(counted)
