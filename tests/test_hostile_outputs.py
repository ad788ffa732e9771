"""Nothing live from data in outputs: no spreadsheet formulas, no raw HTML or broken headings
in Markdown; and outputs never replace a device, a symlink, or half a set of files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from careerpath.text import csv_cell, markdown_inline

FORMULAS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx"]


@pytest.fixture
def hostile(pathways):  # type: ignore[no-untyped-def]
    return pathways(
        **{
            f"R{i}": {"title": json.dumps(title), "competencies": "[c-assess]"}
            for i, title in enumerate(FORMULAS)
        },
        H={"title": '"<script>alert(1)</script> & <b>x</b>\\n# Injected heading"'},
    )


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_export_csv_cells_are_never_formulas(run, hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "csv"
    result = run("--data", str(hostile), "export", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    written = [
        cell
        for name in ("roles.csv", "competencies.csv", "edges.csv")
        for cell in cells((out / name).read_text())
    ]
    assert not [c for c in written if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil")' in written
    stdout = run("--data", str(hostile), "export", "--format", "csv").stdout
    assert not [c for c in cells(stdout) if c[:1] in ("=", "+", "-", "@")]


def test_matrix_csv_cells_are_never_formulas(run, hostile) -> None:  # type: ignore[no-untyped-def]
    for extra in ((), ("--similarity",)):
        result = run("--data", str(hostile), "matrix", "--csv", *extra)
        assert result.exit_code == 0, result.output
        assert not [c for c in cells(result.stdout) if c[:1] in ("=", "+", "-", "@", "\t")]


def test_markdown_report_has_no_raw_html_and_no_broken_heading(
    run, hostile, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.md"
    result = run("--data", str(hostile), "report", "H", "R0", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "<script>" not in text and "<b>" not in text
    assert not [line for line in text.splitlines() if line.startswith("# Injected")]


@pytest.mark.parametrize("text", ["=1", "+1", "-1", "@x", "\t1", "\r1"])
def test_csv_cell_neutralises_every_formula_start(text: str) -> None:
    assert csv_cell(text) == "'" + text
    assert csv_cell(3) == 3 and csv_cell("a=1") == "a=1"


def test_markdown_inline_is_one_line_of_text() -> None:
    assert markdown_inline("a\nb\r\n# c <img src=x onerror=y> [l](j) &amp;") == (
        "a b \\# c \\<img src=x onerror=y\\> \\[l\\](j) &amp;amp;"
    )
