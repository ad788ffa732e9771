"""The briefing report: cited, flagged, one content for HTML and Markdown, agreeing with route."""

from __future__ import annotations

import re

from careerpath.actions import load
from careerpath.analysis.briefing import build_briefing
from careerpath.analysis.routes import find_routes
from careerpath.errors import CareerpathError
from careerpath.render.report import briefing_document, briefing_html, briefing_markdown
from careerpath.render.terminal import months_text

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
