"""Parsing YAML into located nodes: every broken file reports its exact line and column."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from careerpath.loading.yaml_files import parse_file, parse_text

BROKEN = Path(__file__).parent / "data" / "broken"

# file, line, col, words the message must contain
PARSE_ERRORS = [
    ("syntax-unclosed-bracket.yaml", 3, 7, "started at line 2, column 8"),
    ("syntax-unclosed-quote.yaml", 4, 1, "quoted scalar"),
    ("syntax-tab.yaml", 3, 1, "'\\t'"),
    ("duplicate-key.yaml", 3, 1, "duplicate key 'title'"),
    ("undefined-alias.yaml", 3, 9, "undefined alias 'nowhere'"),
    ("two-documents.yaml", 3, 1, "more than one YAML document"),
    ("empty.yaml", 1, 1, "file is empty"),
    ("not-utf8.yaml", 2, 11, "not valid UTF-8"),
    ("billion-laughs.yaml", 7, 4, "more than 2,000,000 values"),
]


@pytest.mark.parametrize(("name", "line", "col", "words"), PARSE_ERRORS)
def test_broken_yaml_is_located(name: str, line: int, col: int, words: str) -> None:
    _, problems = parse_file(BROKEN / name, name)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.file, problem.line, problem.col) == (name, line, col)
    assert words in problem.message


def test_alias_bomb_is_refused_quickly() -> None:
    started = time.perf_counter()
    node, problems = parse_file(BROKEN / "billion-laughs.yaml", "bomb.yaml")
    assert node is None and problems
    # A generous bound: the point is "not minutes", and it is measured in make bench too.
    assert time.perf_counter() - started < 5


def test_positions_are_one_based_for_keys_and_values() -> None:
    node, problems = parse_text("id: X\nlist:\n  - a\n  - b\n", "f.yaml")
    assert not problems and node is not None
    assert (node.value["list"].key_line, node.value["list"].key_col) == (2, 1)
    assert [(n.line, n.col) for n in node.value["list"].value] == [(3, 5), (4, 5)]


def test_bom_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "win.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: X\r\ntitle: Caf\xc3\xa9\r\n")
    node, problems = parse_file(path, "win.yaml")
    assert problems == []
    assert node is not None and node.plain() == {"id": "X", "title": "Café"}


def test_yaml_12_scalars_are_typed() -> None:
    node, _ = parse_text("a: 12\nb: yes\nc: true\nd: ~\ne: 2026-11\nf: 0o17\n", "f.yaml")
    assert node is not None
    assert node.plain() == {"a": 12, "b": "yes", "c": True, "d": None, "e": "2026-11", "f": 15}


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * 200 + "]" * 200 + "\n"
    node, problems = parse_text(text, "deep.yaml")
    assert node is None
    assert "nesting deeper than" in problems[0].message or "YAML" in problems[0].message
