"""Hostile text in pathways files: refused where it is read, with the place and the limit named.

Native crashes (ruamel's C composer overflowing its stack) are checked in a subprocess, so a
regression shows as a failed test rather than a dead test run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.errors import DataError
from careerpath.loading.validate import load_catalogue
from careerpath.loading.yaml_files import parse_text
from careerpath.text import FORBIDDEN

from conftest import examples

BASE = Path(__file__).parent / "data" / "hostile" / "_base.yaml"


def folder(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    root = tmp_path / "data"
    root.mkdir(exist_ok=True)
    (root / "_base.yaml").write_text(BASE.read_text())
    (root / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    return root


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "careerpath", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: " + "[" * 30_000 + "]" * 30_000 + "\n", "a.yaml:1:"),
        ("a: " + "{a: " * 100_000 + "}" * 100_000 + "\n", "a.yaml:1:"),
        ("- " * 50_000 + "x\n", "a.yaml:1:1"),
        ("? " * 30_000 + "x\n", "a.yaml:1:1"),
    ],
    ids=["brackets", "braces", "compact-sequences", "complex-keys"],
)
def test_deep_nesting_is_refused_before_parsing(tmp_path: Path, text: str, where: str) -> None:
    root = folder(tmp_path, text)
    done = run_cli("--data", str(root), "list")
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert where in done.stderr and "nesting deeper than" in done.stderr, done.stderr[-500:]
    assert "Traceback" not in done.stderr


def test_moderate_nesting_still_gets_the_exact_position() -> None:
    _, problems = parse_text("a: " + "[" * 70 + "]" * 70 + "\n", "f.yaml")
    assert [str(p) for p in problems] == ["f.yaml:1:68: nesting deeper than 64 levels"]


def test_a_five_thousand_digit_number_is_a_located_problem() -> None:
    _, problems = parse_text("id: A\nlevel: " + "9" * 5000 + "\n", "f.yaml")
    assert len(problems) == 1 and str(problems[0]).startswith("f.yaml:2:8: ")
    assert "5,000 digits" in problems[0].message


@pytest.mark.parametrize(
    ("escape", "shown"),
    [
        ("\\e]52;c;aGVsbG8=\\a", "U+001B (ESC)"),
        ("\\x9b2J", "U+009B (a control character)"),
        ("\\x07", "U+0007 (BEL)"),
        ("a\\rb", "U+000D (CR)"),
        ("\\0", "U+0000 (NUL)"),
        ("\\ud800", "U+D800 (a lone surrogate)"),
        ("\\ufffe", "U+FFFE (a non-character)"),
        ("\\U0010FFFF", "U+10FFFF (a non-character)"),
        ("\\x85", "U+0085 (a control character)"),
    ],
)
def test_forbidden_characters_in_a_title_are_located(
    tmp_path: Path, escape: str, shown: str
) -> None:
    root = folder(
        tmp_path,
        f'id: A\ntitle: "Nurse {escape}"\nfamily: f\nsources: [{{id: s, url: "https://x"}}]\n',
    )
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    assert [str(p) for p in caught.value.problems] == [
        f"{root / 'a.yaml'}:2:8: text holds {shown}, which pathways data may not hold (remove it)"
    ]


def test_an_escaped_surrogate_pair_is_one_character() -> None:
    node, problems = parse_text('title: "\\ud83d\\ude00 \\ud83d"\n', "f.yaml")
    assert node is not None and node.value["title"].value == "\U0001f600 \ud83d"
    assert [p.message for p in problems] == [
        "text holds U+D83D (a lone surrogate), which pathways data may not hold"
    ]


def test_a_forbidden_character_in_a_key_is_located() -> None:
    _, problems = parse_text('id: A\n"ti\\etle": x\n', "f.yaml")
    assert [p.message for p in problems] == [
        "text holds U+001B (ESC), which pathways data may not hold"
    ]
    assert (problems[0].line, problems[0].col) == (2, 1)


@settings(max_examples=examples(60), deadline=None)
@given(
    st.text(
        st.characters(codec=None, exclude_categories=()),
        min_size=1,
        max_size=12,
    )
)
def test_every_string_either_loads_clean_or_is_refused(text: str) -> None:
    import json

    quoted = json.dumps(text, ensure_ascii=True)  # a valid YAML double-quoted scalar
    node, problems = parse_text(f"title: {quoted}\n", "f.yaml")
    if FORBIDDEN.search(text):
        assert problems and all(p.line == 1 for p in problems)
    else:
        assert not problems and node is not None and node.value["title"].value == text


@pytest.mark.parametrize("command", [("list",), ("show", "A"), ("validate",)])
def test_escape_sequences_never_reach_the_terminal(
    tmp_path: Path, run, command: tuple[str, ...]
) -> None:  # type: ignore[no-untyped-def]
    root = folder(
        tmp_path,
        'id: A\ntitle: "x\\e]52;c;aGk=\\a\\e]0;pwned\\a\\e[2J"\nfamily: f\n'
        'sources: [{id: s, url: "https://x"}]\n',
        name="b\x1b[2J.yaml",
    )
    args = (command[0], str(root)) if command == ("validate",) else ("--data", str(root), *command)
    result = run(*args)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "b\\x1b[2J.yaml:2:8: text holds U+001B (ESC)" in result.output


@pytest.mark.parametrize("name", ["\x1b]52;c;aGk=\x07", "\x9b2J", "\udc80"])
def test_what_the_user_types_is_echoed_harmlessly(run, name: str) -> None:  # type: ignore[no-untyped-def]
    result = run("show", name)
    assert result.exit_code == 1
    assert not FORBIDDEN.search(result.output.replace("\n", "").replace("\t", ""))
    assert "unknown role" in result.stderr


def test_alias_expansion_is_bounded_by_size_across_files(tmp_path: Path) -> None:
    """Files each under the per-file limit that together expand to gigabytes of text."""
    import time
    import tracemalloc

    from careerpath.loading.yaml_files import MAX_TOTAL_UNITS

    root = tmp_path / "data"
    root.mkdir()
    (root / "_base.yaml").write_text(BASE.read_text())
    big = "x" * 60_000
    for number in range(4):
        (root / f"r{number}.yaml").write_text(
            f"id: R{number}\ntitle: &t {big}\nfamily: f\nsources: [{{id: s{number}, url: 'https://x'}}]\n"
            "aliases: [" + ", ".join(["*t"] * 2_000) + "]\n"
        )
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(DataError) as caught:
            load_catalogue(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 30
    assert peak < 400 * 2**20, f"peak {peak / 2**20:.0f} MiB"
    messages = [p.message for p in caught.value.problems]
    assert any(f"more than the {MAX_TOTAL_UNITS:,}" in m for m in messages), messages


def test_upper_case_extensions_are_read(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = folder(
        tmp_path,
        'id: A\ntitle: "Shouting"\nfamily: f\nsources: [{id: s, url: "https://x"}]\n',
        name="A.YAML",
    )
    (root / "B.Yml").write_text(
        'id: B\ntitle: "Mixed"\nfamily: f\nsources: [{id: t, url: "https://x"}]\n'
    )
    result = run("--data", str(root), "list", "--json")
    assert result.exit_code == 0, result.output
    assert "Shouting" in result.stdout and "Mixed" in result.stdout


@pytest.mark.parametrize("args", [("--data", "", "list"), ("validate", "")])
def test_an_empty_data_path_is_refused_not_the_current_folder(run, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "empty" in result.stderr and "Traceback" not in result.output
