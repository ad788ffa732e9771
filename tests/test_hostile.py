"""Hostile and broken input: a located error and exit 1, never a traceback, a hang or lost data.

Each case is one file under tests/data/hostile or tests/data/broken, dropped beside a valid
catalogue (hostile/_base.yaml) and run through the real CLI.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

DATA = Path(__file__).parent / "data"

# case file → (line, column, words the message must contain)
CASES = {
    "hostile/absurd-months.yaml": (5, 21, "entry_routes[0].months is 100000, outside 0–180"),
    "hostile/bad-indentation.yaml": (3, 9, "mapping values are not allowed here"),
    "hostile/control-character.yaml": (2, 14, "character U+0080 is not allowed in YAML"),
    "hostile/deep-nesting.yaml": (2, 72, "nesting deeper than 64 levels"),
    "hostile/id-with-space.yaml": (1, 5, "id 'A B' has characters ids cannot hold"),
    "hostile/level-as-text.yaml": (
        4,
        25,
        "career_framework_level must be a whole number, not the text 'five'",
    ),
    "hostile/multiple-documents.yaml": (6, 1, "more than one YAML document"),
    "hostile/negative-months.yaml": (5, 21, "entry_routes[0].months is -3, outside 0–180"),
    "hostile/no-sources.yaml": (4, 10, "sources needs at least 1 item"),
    "hostile/self-loop.yaml": (5, 10, "role 'A' progresses to itself"),
    "hostile/unknown-competency.yaml": (4, 16, "unknown competency 'c2'"),
    "hostile/unknown-programme.yaml": (5, 24, "unknown programme 'px' (did you mean 'p'?)"),
    "hostile/unknown-role.yaml": (5, 10, "unknown role 'Nobody'"),
    "broken/billion-laughs.yaml": (7, 4, "more than 2,000,000 values"),
    "broken/duplicate-key.yaml": (3, 1, "duplicate key 'title' (first at line 2)"),
    "broken/empty.yaml": (1, 1, "file is empty"),
    "broken/not-utf8.yaml": (2, 11, "file is not valid UTF-8"),
    "broken/syntax-tab.yaml": (3, 1, "indent with spaces, not tabs"),
    "broken/syntax-unclosed-bracket.yaml": (3, 7, "started at line 2, column 8"),
    "broken/syntax-unclosed-quote.yaml": (4, 1, "while scanning a quoted scalar"),
    "broken/top-level-list.yaml": (1, 1, "file holds a list; a pathways file must be a mapping"),
    "broken/top-level-scalar.yaml": (1, 1, "file holds a single value"),
    "broken/two-documents.yaml": (3, 1, "more than one YAML document"),
    "broken/undefined-alias.yaml": (3, 9, "found undefined alias 'nowhere'"),
    "broken/wrong-type.yaml": (2, 8, "title must be a text, not a list"),
}


def test_every_case_file_is_listed() -> None:
    on_disk = {
        f"{p.parent.name}/{p.name}"
        for d in ("hostile", "broken")
        for p in (DATA / d).glob("*.yaml")
        if not p.name.startswith("_")
    }
    on_disk -= {
        "broken/band-out-of-range.yaml",
        "broken/level-out-of-range.yaml",
        "broken/missing-family.yaml",
        "broken/unknown-field.yaml",
    }
    assert on_disk == set(CASES)


def folder_with(tmp_path: Path, case: str) -> Path:
    root = tmp_path / "data"
    root.mkdir()
    shutil.copy(DATA / "hostile" / "_base.yaml", root / "_base.yaml")
    shutil.copy(DATA / case, root / Path(case).name)
    return root


@pytest.mark.parametrize("case", sorted(CASES))
def test_case_gives_a_located_error(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    line, col, words = CASES[case]
    root = folder_with(tmp_path, case)
    monkeypatch.chdir(root)
    started = time.perf_counter()
    result = run("--data", ".", "list")
    assert time.perf_counter() - started < 20
    assert result.exit_code == 1
    assert result.stdout == ""
    location = f"{Path(case).name}:{line}:{col}: "
    assert location in result.stderr and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    checked = run("validate", ".")
    assert checked.exit_code == 1 and checked.stdout.startswith(location)


def test_fifo_and_symlink_loop_do_not_hang(run, tmp_path: Path) -> None:
    root = folder_with(tmp_path, "hostile/_base.yaml")
    os.mkfifo(root / "pipe.yaml")
    (root / "loop.yaml").symlink_to(root / "loop.yaml")
    result = run("--data", str(root), "list")
    assert result.exit_code == 1
    assert "pipe.yaml:1:1: not a regular file" in result.stderr
    assert "loop.yaml:1:1: cannot read file: symbolic link loop" in result.stderr


def test_huge_file_is_refused_quickly(run, tmp_path: Path) -> None:
    root = folder_with(tmp_path, "hostile/_base.yaml")
    with (root / "huge.yaml").open("w") as out:
        out.write("id: A\ntitle: T\nfamily: f\nsummary: ")
        out.write("x" * (50 * 1024 * 1024))
    started = time.perf_counter()
    result = run("--data", str(root), "list")
    assert time.perf_counter() - started < 10
    assert (
        result.exit_code == 1
        and "huge.yaml:1:1: file is 52.4 MB, over the 16 MiB limit" in result.stderr
    )


@pytest.mark.slow  # 10,000 files written and validated: make check and CI run it
def test_ten_thousand_files_are_handled(run, tmp_path: Path) -> None:
    root = folder_with(tmp_path, "hostile/_base.yaml")
    (root / "roles").mkdir()
    for i in range(10_000):
        (root / "roles" / f"r{i}.yaml").write_text(
            f"id: R{i}\ntitle: Role {i}\nfamily: f\nsources: [{{id: s{i}, url: 'https://x/{i}'}}]\n"
        )
    started = time.perf_counter()
    result = run("validate", str(root))
    assert time.perf_counter() - started < 60
    assert result.exit_code == 0 and "valid (10000 roles" in result.stdout


def test_missing_unreadable_and_file_paths(run, tmp_path: Path) -> None:
    assert "does not exist" in run("--data", str(tmp_path / "none"), "list").stderr
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert run("--data", str(loop), "list").exit_code == 1


def test_bom_and_crlf_files_are_fine(run, tmp_path: Path) -> None:
    root = folder_with(tmp_path, "hostile/_base.yaml")
    (root / "a.yaml").write_bytes(
        b"\xef\xbb\xbfid: A\r\ntitle: Caf\xc3\xa9\r\nfamily: f\r\nsources: [{id: s, url: 'https://x'}]\r\n"
    )
    result = run("--data", str(root), "show", "A", "--json")
    assert result.exit_code == 0 and '"title": "Café"' in result.stdout


def test_wide_and_long_names_keep_tables_aligned(run, tmp_path: Path) -> None:
    root = folder_with(tmp_path, "hostile/_base.yaml")
    names = {
        "W": "Ymarferydd Lles Seicolegol — Gweithiwr Cymorth Iechyd Meddwl Plant a Phobl Ifanc",
        "J": "心理健康ウェルビーイング実践者",
        "F": "Infirmière praticienne en santé mentale à l'hôpital général" * 3,
    }
    for role_id, title in names.items():
        (root / f"{role_id}.yaml").write_text(
            f"id: {role_id}\ntitle: \"{title}\"\nfamily: f\nsources: [{{id: s{role_id}, url: 'https://x'}}]\n",
            encoding="utf-8",
        )
    result = run("--data", str(root), "list")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert max(cell_len(line) for line in lines) <= 120
    assert "心理健康" in result.stdout
    # Each role's first line ends with its level and bands; where they start must be the same
    # cell column for every role, whatever the width of the title's characters.
    tail = f"  {'–':>5}  – / –"
    firsts = [line for line in lines if line[:2] in ("W ", "J ", "F ")]
    assert len(firsts) == 3 and all(line.endswith(tail) for line in firsts), firsts
    assert len({cell_len(line) - cell_len(tail) for line in firsts}) == 1, firsts
    header = lines[0]
    assert cell_len(header[: header.index("Level")]) == cell_len(firsts[0]) - cell_len(tail) + 2


def test_emoji_codes_in_names_print_as_written(run, pathways) -> None:  # type: ignore[no-untyped-def]
    root = pathways(
        A={"title": "'Nurse :cat: lead :thumbs_up:'", "aliases": "['nurse :cat: lead :thumbs_up:']"}
    )
    for args in (("show", "A"), ("list",)):
        result = run("--data", str(root), *args)
        assert result.exit_code == 0 and ":cat:" in result.stdout, result.output
        assert "🐱" not in result.stdout and "👍" not in result.stdout


@pytest.mark.parametrize("name", ["[/x]", "[bold]PWP", ":cat: [link=file:///etc]x"])
def test_markup_in_what_the_user_types_is_printed_as_written(run, name: str) -> None:  # type: ignore[no-untyped-def]
    for args in (("show", name), ("route", name, "PWP"), ("overlap", "PWP", name)):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert f"'{name}'" in result.stderr and "Traceback" not in result.output
