"""``careerpath diagram`` end to end: formats, files written atomically, clear errors."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from careerpath.errors import OutputError
from careerpath.files import write_atomic


def test_dot_to_stdout_by_default(run) -> None:
    result = run("diagram", "--family", "cyp-mental-health")
    assert result.exit_code == 0
    assert (
        result.stdout.startswith("digraph careerpath {")
        and '"CWP"' not in result.stdout
        and "CWP [" in result.stdout
    )


def test_formats_follow_the_extension(run, tmp_path: Path) -> None:
    for name, magic in (
        ("map.svg", b"<?xml"),
        ("map.png", b"\x89PNG"),
        ("map.dot", b"digraph"),
        ("map.mmd", b"---\ntitle:"),
    ):
        target = tmp_path / name
        result = run("diagram", "-o", str(target))
        assert result.exit_code == 0, result.output
        assert target.read_bytes().startswith(magic), name
        assert f"wrote {target}" in result.stderr


def test_neighbourhood_route_and_overlap(run, tmp_path: Path) -> None:
    around = run("diagram", "--role", "PWP", "--depth", "2")
    assert "HI-CBT" in around.stdout and "penwidth=2" in around.stdout
    route = run("diagram", "--route", "degree", "SWP")
    assert route.exit_code == 0 and "#c00000" in route.stdout
    picture = run("diagram", "--overlap", "CWP", "EMHP", "--format", "mermaid")
    assert picture.stdout.startswith('---\ntitle: "Competency overlap: CWP, EMHP"')


def test_diagram_usage_errors(run, tmp_path: Path) -> None:
    assert run("diagram", "--role", "PWP", "--overlap", "CWP", "EMHP").exit_code == 2
    assert run("diagram", "CWP").exit_code == 2
    assert run("diagram", "--overlap", "CWP").exit_code == 2
    assert run("diagram", "-o", str(tmp_path / "x.jpg")).exit_code == 2
    unknown = run("diagram", "--role", "PWX")
    assert unknown.exit_code == 1 and "did you mean 'PWP'" in unknown.stderr


def test_missing_folder_is_a_clear_error(run, tmp_path: Path) -> None:
    result = run("diagram", "-o", str(tmp_path / "nowhere" / "map.svg"))
    assert result.exit_code == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.output


def test_failed_render_leaves_the_old_file(run, tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    target.write_bytes(b"old picture")
    result = run("diagram", "--engine", "wasm", "-o", str(target))
    assert result.exit_code == 1 and "cannot produce PNG" in result.stderr
    assert target.read_bytes() == b"old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]


def test_write_atomic_replaces_whole_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new text")
    assert target.read_text() == "new text"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_unwritable_folder(run) -> None:
    """/proc refuses new files even to root, so this holds wherever the tests run."""
    with pytest.raises(OutputError, match=r"cannot write '/proc/careerpath-test\.svg'"):
        write_atomic(Path("/proc/careerpath-test.svg"), "data")
    result = run("diagram", "-o", "/proc/careerpath-test.svg")
    assert result.exit_code == 1 and "cannot write" in result.stderr


def test_write_atomic_into_a_folder_path(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, "data")
