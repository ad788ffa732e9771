"""The ESCO importer under attack: codes that name paths, broken archives, odd encodings, floods.

Each case is a small generated release; none writes outside its output folder, none gives a
traceback, and each error names the file (and the line, where there is one).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from test_esco import write_mini_esco

from careerpath.errors import CareerpathError, DataError
from careerpath.importers import esco
from careerpath.importers.esco import import_esco
from careerpath.loading.validate import load_catalogue

HEADER = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "description",
    "code",
]


def occupations(folder: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    """The mini release with its occupations file replaced by ``rows``."""
    write_mini_esco(folder)
    with (folder / "occupations_en.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return folder


def row(code: str, uri: str = "http://x/occupation/o1", title: str = "a job") -> list[str]:
    return ["Occupation", uri, "2634", title, "", "Does things.", code]


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("{victim}", "an absolute path"),
        ("../../escaped", "holds '/'"),
        ("a/b", "holds '/'"),
        ("", "is empty"),
        (".hidden", "cannot start"),
        ("..", "cannot start"),
        ("x" * 300, "longer than"),
        ("a\\b", "has characters"),
    ],
)
def test_codes_that_name_paths_are_refused(tmp_path: Path, code: str, why: str) -> None:
    victim = tmp_path / "victim.yaml"
    victim.write_text("precious\n")
    code = code.format(victim=victim.with_suffix(""))
    source = occupations(tmp_path / "csv", [row("2634.1"), row(code, "http://x/occupation/o2")])
    with pytest.raises(DataError) as caught:
        import_esco(source, tmp_path / "out")
    (problem,) = caught.value.problems
    assert problem.file.endswith("occupations_en.csv") and (problem.line, problem.col) == (3, 7)
    assert why in problem.message
    assert victim.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "victim.yaml"]
    assert not (tmp_path / "escaped.yaml").exists()


def test_codes_inside_the_release_zip_are_checked_too(tmp_path: Path) -> None:
    loose = occupations(tmp_path / "loose", [row("../../../zipped")])
    release = tmp_path / "release"
    release.mkdir()
    with zipfile.ZipFile(release / "classification-en-csv.zip", "w") as archive:
        for name in ("occupations_en.csv", "skills_en.csv", "ISCOGroups_en.csv"):
            archive.write(loose / name, f"v1/{name}")
    with zipfile.ZipFile(release / "relations-csv.zip", "w") as archive:
        archive.write(loose / "occupationSkillRelations.csv", "occupationSkillRelations.csv")
    with pytest.raises(DataError) as caught:
        import_esco(release, tmp_path / "out")
    assert str(caught.value.problems[0]).startswith(
        f"{release / 'classification-en-csv.zip'}:v1/occupations_en.csv:2:7: ESCO code"
    )
    assert not (tmp_path.parent / "zipped.yaml").exists()


def test_duplicate_codes_are_located_not_silently_dropped(tmp_path: Path) -> None:
    source = occupations(
        tmp_path / "csv",
        [row("2634.1"), row("2634.1", "http://x/occupation/o2"), row("2634.1", "http://x/o3")],
    )
    with pytest.raises(DataError) as caught:
        import_esco(source, tmp_path / "out")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (3, "ESCO code '2634.1' repeats the occupation on line 2"),
        (4, "ESCO code '2634.1' repeats the occupation on line 2"),
    ]


def test_control_characters_in_titles_are_cleaned_at_import(tmp_path: Path) -> None:
    title = "nurse\x1b]52;c;aGk=\x07 \x9b2J\ufffe lead"
    source = occupations(tmp_path / "csv", [row("2634.1", title=title)])
    import_esco(source, tmp_path / "out")
    assert load_catalogue(tmp_path / "out").role("esco-2634.1").title == "nurse]52;c;aGk= 2J lead"


def test_missing_columns_are_named(tmp_path: Path) -> None:
    source = occupations(tmp_path / "csv", [row("1")[:-1]], header=HEADER[:-1])
    with pytest.raises(CareerpathError, match=r"occupations_en.csv:1:1: .*no column 'code'"):
        import_esco(source, tmp_path / "out")


def test_an_over_long_field_is_located_and_cheap(tmp_path: Path) -> None:
    source = occupations(tmp_path / "csv", [row("1", title="x" * (esco.MAX_FIELD + 1))])
    with pytest.raises(CareerpathError, match=r"occupations_en.csv:2: a field is longer than"):
        import_esco(source, tmp_path / "out")


def test_a_gigantic_line_is_refused_before_it_is_held(tmp_path: Path) -> None:
    import tracemalloc

    source = write_mini_esco(tmp_path / "csv")
    with (source / "occupations_en.csv").open("a") as out:
        out.write("Occupation,http://x/o3,2634," + "x" * (40 * 2**20) + ",,,3\n")
    tracemalloc.start()
    try:
        with pytest.raises(CareerpathError, match=r"occupations_en.csv:6: a line is longer than"):
            import_esco(source, tmp_path / "out")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_other_encodings_are_named(tmp_path: Path, encoding: str) -> None:
    source = write_mini_esco(tmp_path / "csv")
    (source / "skills_en.csv").write_text(
        "conceptType,conceptUri,skillType,preferredLabel\nK,http://x/skill/s1,knowledge,café\n",
        encoding=encoding,
    )
    with pytest.raises(CareerpathError, match=r"skills_en.csv:\d+: .*not UTF-8"):
        import_esco(source, tmp_path / "out")


def _zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("damage", ["empty", "not-a-zip", "truncated", "bad-crc"])
def test_damaged_archives_are_named(tmp_path: Path, damage: str) -> None:
    loose = write_mini_esco(tmp_path / "loose")
    good = _zip_bytes(
        {
            name: (loose / name).read_text()
            for name in ("occupations_en.csv", "skills_en.csv", "ISCOGroups_en.csv")
        }
    )
    if damage == "empty":
        data = b""
    elif damage == "not-a-zip":
        data = b"<html>404</html>"
    elif damage == "truncated":
        data = good[: len(good) // 2]
    else:
        info = zipfile.ZipFile(io.BytesIO(good)).getinfo("occupations_en.csv")
        at = info.header_offset + 30 + len(info.filename) + 5  # inside the compressed data
        data = good[:at] + bytes([good[at] ^ 0x01]) + good[at + 1 :]
    release = tmp_path / "release"
    release.mkdir()
    (release / "classification-en-csv.zip").write_bytes(data)
    (release / "occupationSkillRelations.csv").write_text(
        (loose / "occupationSkillRelations.csv").read_text()
    )
    with pytest.raises(CareerpathError, match=r"classification-en-csv\.zip"):
        import_esco(release, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loose", "release"]


def test_a_flood_of_duplicate_relations_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_mini_esco(tmp_path / "csv")
    line = "http://x/occupation/o1,essential,knowledge,http://x/skill/s1\n"
    with (source / "occupationSkillRelations.csv").open("a") as out:
        out.write(line * 5_000)
    summary = import_esco(source, tmp_path / "out")
    assert summary.essential == 2  # o1 → s1 once, however often it is repeated
    monkeypatch.setattr(esco, "MAX_ROWS", 1_000)
    with pytest.raises(
        CareerpathError, match=r"occupationSkillRelations.csv:1002: more than 1,000 rows"
    ):
        import_esco(source, tmp_path / "again")


def test_output_here_and_unwritable_parents_are_clean(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    source = write_mini_esco(tmp_path / "csv")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = run("import", "esco", str(source), "-o", ".")
    assert result.exit_code == 0, result.output
    assert (here / "roles" / "2634.1.yaml").is_file()
    for parent in ("/proc", "/sys/kernel"):
        result = run("import", "esco", str(source), "-o", f"{parent}/careerpath-out")
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "cannot write" in result.stderr, result.stderr


@pytest.mark.slow  # subprocesses
def test_sigterm_during_import_leaves_no_staging_folder(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from test_esco import ESCO

    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "careerpath",
            "import",
            "esco",
            str(ESCO),
            "-o",
            str(tmp_path / "out"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".out.") for p in tmp_path.iterdir()):
        assert child.poll() is None and time.monotonic() < deadline, "import ended first"
        time.sleep(0.02)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
