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


def test_each_family_writes_the_whole_set(run, tmp_path: Path) -> None:
    """One page per family that has roles, the overview and an index linking every page."""
    from careerpath.actions import load

    catalogue = load(None)
    families = {r.family for r in catalogue.roles}
    folder = tmp_path / "maps"
    result = run("diagram", "--each-family", "--format", "dot", "-o", str(folder))
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in folder.iterdir())
    assert written == sorted([*(f"{f}.dot" for f in families), "0-overview.dot", "index.html"])
    index = (folder / "index.html").read_text(encoding="utf-8")
    for name in written:
        if name != "index.html":
            assert f'href="{name}"' in index
            assert (folder / name).read_text(encoding="utf-8").startswith("digraph")
    for family in families:  # each page holds exactly its family's roles
        page = (folder / f"{family}.dot").read_text(encoding="utf-8")
        for role in catalogue.roles:
            assert (f"\t{role.id} [" in page or f'\t"{role.id}" [' in page) == (
                role.family == family
            ), (family, role.id)
    assert "overview" in (folder / "0-overview.dot").read_text(encoding="utf-8")


def test_each_family_refuses_what_it_cannot_honour(run, tmp_path: Path) -> None:
    for extra in (
        ("--family", "cyp-mental-health"),
        ("--role", "PWP"),
        ("--route", "degree", "SWP"),
        ("--overlap", "CWP", "EMHP"),
        ("--depth", "2"),
    ):
        result = run("diagram", "--each-family", *extra, "-o", str(tmp_path / "maps"))
        assert result.exit_code == 2, extra
    assert run("diagram", "--each-family").exit_code == 2  # no folder named
    afile = tmp_path / "map.svg"
    afile.write_text("old")
    assert run("diagram", "--each-family", "-o", str(afile)).exit_code == 2
    missing = run("diagram", "--each-family", "-o", str(tmp_path / "no" / "maps"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.svg"]


def test_each_family_names_files_it_did_not_write(run, tmp_path: Path) -> None:
    """A second run in another format replaces nothing it did not write, and says what is left.

    The first run's ``.mermaid`` maps stay (never deleted: the folder may hold the user's own
    files), but the note names them so they are not taken for part of the new set.
    """
    folder = tmp_path / "maps"
    assert run("diagram", "--each-family", "--format", "mermaid", "-o", str(folder)).exit_code == 0
    before = {p.name for p in folder.iterdir()}
    result = run("diagram", "--each-family", "--format", "dot", "-o", str(folder))
    assert result.exit_code == 0, result.output
    left = sorted(n for n in before if n != "index.html")
    assert left and all((folder / n).exists() for n in left)
    assert f"also holds {', '.join(left[:3])} and {len(left) - 3} more" in result.stderr
    again = run("diagram", "--each-family", "--format", "dot", "-o", str(tmp_path / "fresh"))
    assert "also holds" not in again.stderr
