"""Nothing live from data in outputs: no spreadsheet formulas, no raw HTML or broken headings
in Markdown; and outputs never replace a device, a symlink, or half a set of files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerpath.text import csv_cell, markdown_inline

from conftest import examples

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


def _special_files(tmp_path: Path) -> dict[str, Path]:
    import os
    import stat

    (tmp_path / "real.json").write_text("keep")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    os.mkfifo(tmp_path / "fifo.json")
    found = {"symlink": tmp_path / "link.json", "fifo": tmp_path / "fifo.json"}
    try:
        os.mknod(tmp_path / "null.json", stat.S_IFCHR | 0o666, os.makedev(1, 3))
        found["device"] = tmp_path / "null.json"
    except PermissionError:
        pass  # not root: the FIFO stands for special files
    return found


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device"])
def test_outputs_never_replace_links_or_special_files(run, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    target = _special_files(tmp_path).get(kind)
    if target is None:
        pytest.skip("making a device node needs root")
    before = target.lstat()
    result = run("export", "--format", "json", "-o", str(target))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and str(target) in result.stderr
    after = target.lstat()
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert (tmp_path / "real.json").read_text() == "keep"


def test_a_long_but_valid_output_name_works(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / ("n" * 246 + ".json")  # 251 characters
    result = run("export", "--format", "json", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("{")


def test_export_csv_writes_the_set_or_nothing(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import errno
    import os

    from careerpath import files

    out = tmp_path / "csv"
    out.mkdir()
    for name in ("roles.csv", "competencies.csv", "edges.csv"):
        (out / name).write_text("old\n")
    calls = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full_disk)
    result = run("export", "--format", "csv", "-o", str(out))
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["competencies.csv", "edges.csv", "roles.csv"]
    assert {(out / n).read_text() for n in ("roles.csv", "competencies.csv", "edges.csv")} == {
        "old\n"
    }
    monkeypatch.undo()
    assert run("export", "--format", "csv", "-o", str(out)).exit_code == 0
    assert (out / "roles.csv").read_text().startswith("id,title")


@pytest.mark.parametrize("parent", ["file", "proc"])
def test_export_csv_into_a_bad_parent_is_a_clean_error(run, tmp_path: Path, parent: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" / "csv" if parent == "file" else Path("/proc/careerpath-csv")
    result = run("export", "--format", "csv", "-o", str(out))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "cannot write" in result.stderr


TRICKY = [
    "<&\"'>",
    "]]> <!-- -- -->",
    "a\\b {c} |d|",
    "line\nbreak",
    "\u2028\u202e rtl",
    "😀 \U0001f9d1\u200d\u2695",
]


def _folder_with_titles(root: Path, titles: list[str]) -> Path:
    from conftest import BASE_CATALOGUE, role_yaml, write_tree

    files = {"catalogue.yaml": BASE_CATALOGUE}
    for i, title in enumerate(titles):
        files[f"roles/T{i}.yaml"] = role_yaml(
            f"T{i}", title=json.dumps(title), competencies="[c-assess]"
        )
    return write_tree(root, files)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(st.text(st.characters(codec="utf-8"), min_size=1, max_size=10), min_size=1, max_size=3)
)
def test_graphml_is_well_formed_for_any_loadable_title(tmp_path: Path, titles: list[str]) -> None:
    import shutil
    from xml.etree import ElementTree

    from careerpath.errors import DataError
    from careerpath.loading.validate import load_catalogue
    from careerpath.render.export import graphml

    root = tmp_path / "p"
    shutil.rmtree(root, ignore_errors=True)
    _folder_with_titles(root, titles)
    try:
        catalogue = load_catalogue(root)
    except DataError:
        return  # refused at load: the point of hygiene (blank or forbidden text)
    ElementTree.fromstring(graphml(catalogue, catalogue.roles).encode("utf-8"))


def test_svg_and_graphml_are_well_formed_for_tricky_titles(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from xml.etree import ElementTree

    root = _folder_with_titles(tmp_path / "p", TRICKY)
    for fmt, name in (("graphml", "g.graphml"),):
        assert (
            run(
                "--data", str(root), "export", "--format", fmt, "-o", str(tmp_path / name)
            ).exit_code
            == 0
        )
        ElementTree.parse(tmp_path / name)
    result = run("--data", str(root), "diagram", "-o", str(tmp_path / "m.svg"))
    assert result.exit_code == 0, result.output
    svg = ElementTree.parse(tmp_path / "m.svg")
    assert "]]> <!-- -- -->" in "".join(svg.getroot().itertext())


def test_an_output_path_with_an_escape_is_quoted_harmlessly(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "map\x1b]0;title\x07.json"
    result = run("export", "-o", str(target))
    assert result.exit_code == 0 and target.exists()
    assert "\x1b" not in result.stderr and "map\\x1b]0;title\\x07.json" in result.stderr
