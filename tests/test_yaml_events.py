"""The fast YAML reading (Nodes built from libyaml's events) equals the reference reading.

``parse_text`` builds located Nodes straight from the C parser's events and hands anything
unusual to ``_composed`` (ruamel composes nodes, ``_convert`` walks them), the reading the
loader has always used. Every value, position, size and problem must be the same, on random
documents full of anchors, aliases, tags, escapes, duplicate keys and broken syntax.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerpath.loading import yaml_files
from careerpath.loading.yaml_files import Expansion, Node, parse_text
from tests.conftest import REPO, examples

#: ruamel's pure parser (the reference, for broken text) warns of an anchor named twice.
pytestmark = pytest.mark.filterwarnings("ignore::Warning:ruamel")

SCALARS = [
    "x",
    "two words",
    "1",
    "-7",
    "0x1F",
    "0o17",
    "1_000",
    "3.5",
    "-1.5e3",
    ".inf",
    "-.Inf",
    ".nan",
    "true",
    "False",
    "yes",
    "~",
    "null",
    "",
    "2026-12-02",
    "<<",
    "=",
    "'single ''quoted'''",
    '"double \\x41 \\u00e9"',
    '"\\ud83d\\ude00"',
    '"\\ud83d alone"',
    '"bell \\a"',
    '"\\N next line"',
    "!!int 12",
    "!!str 12",
    "!!float 2",
    "!!int abc",
    "! 7",
    "!local text",
    "!!bool true",
    "é and ü",
    "https://example.org/a",
    "1" * 120,
    "y" * 200,
    "*a",
    "*b",
    "*missing",
]
KEYS = ["a", "b", "a", "1", "true", "null", "'a'", '"b"', "~", "*a", "&k key", "1.5", "é"]
ANCHORS = ["", "", "", "&a ", "&b ", "!!map ", "!!seq "]


def _leaf() -> st.SearchStrategy[Any]:
    return st.tuples(st.sampled_from(["", "", "&a ", "&b "]), st.sampled_from(SCALARS)).map(
        lambda pair: ("leaf", pair[0] + pair[1])
    )


_TREES = st.recursive(
    _leaf(),
    lambda children: st.one_of(
        st.tuples(
            st.just("map"),
            st.sampled_from(ANCHORS),
            st.lists(st.tuples(st.sampled_from(KEYS), children), min_size=0, max_size=4),
            st.booleans(),
        ),
        st.tuples(
            st.just("seq"),
            st.sampled_from(ANCHORS),
            st.lists(children, min_size=0, max_size=4),
            st.booleans(),
        ),
    ),
    max_leaves=14,
)


def _flow(tree: Any) -> str:
    if tree[0] == "leaf":
        return str(tree[1])
    _, anchor, items, _ = tree
    if tree[0] == "map":
        return anchor + "{" + ", ".join(f"{key}: {_flow(value)}" for key, value in items) + "}"
    return anchor + "[" + ", ".join(_flow(item) for item in items) + "]"


def _block(tree: Any, indent: int) -> str:
    """Block style where a collection is not empty and not asked to flow."""
    pad = " " * indent
    _, anchor, items, flow = tree
    lines = []
    for entry in items:
        key, value = entry if tree[0] == "map" else ("-", entry)
        lead = f"{pad}{key}:" if tree[0] == "map" else f"{pad}-"
        if value[0] == "leaf" or value[3] or not value[2]:
            lines.append(f"{lead} {_flow(value)}\n")
        else:
            lines.append(f"{lead} {value[1]}\n" + _block(value, indent + 2))
    del anchor, flow
    return "".join(lines)


def _document(tree: Any) -> str:
    if tree[0] == "leaf" or tree[3] or not tree[2]:
        return _flow(tree) + "\n"
    head = f"--- {tree[1]}\n" if tree[1] else ""
    return head + _block(tree, 0)


def _shown(result: tuple[Node | None, list[Any]]) -> Any:
    node, problems = result
    return _plain(node), [repr(problem) for problem in problems]


def _plain(node: Node | None) -> Any:
    """The Node tree as comparable values, NaN made equal to itself, positions kept."""
    if node is None:
        return None
    value = node.value
    if isinstance(value, list):
        value = [_plain(item) for item in value]
    elif isinstance(value, dict):
        value = {key: _plain(item) for key, item in value.items()}
    elif isinstance(value, float) and math.isnan(value):
        value = "NaN"
    return (type(value).__name__, value, node.line, node.col, node.key_line, node.key_col)


def _reference(text: str) -> Any:
    text = text.replace("\r\n", "\n")
    return _shown(yaml_files._composed(text, "f.yaml", True, Expansion(), pure=False))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tree=_TREES,
    before=st.sampled_from(["", "", "%YAML 1.1\n---\n", "# note\n", "---\n"]),
    after=st.sampled_from(["", "", "...\n", "---\nsecond: doc\n", "  : broken\n", "\t\n"]),
)
def test_events_reading_equals_the_reference(tree: Any, before: str, after: str) -> None:
    text = before + _document(tree) + after
    assert _shown(parse_text(text, "f.yaml", Expansion())) == _reference(text), text


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                *SCALARS,
                *KEYS,
                ": ",
                "- ",
                "\n",
                "  ",
                "[",
                "]",
                "{",
                "}",
                ", ",
                "? ",
                "# c",
                "\u0085",
                "\x1b",
                "\\",
            ]
        ),
        max_size=25,
    )
)
def test_events_reading_equals_the_reference_on_token_soup(tokens: list[str]) -> None:
    text = "".join(tokens)
    assert _shown(parse_text(text, "f.yaml", Expansion())) == _reference(text), text


def test_the_bundled_and_generated_data_take_the_fast_path_and_read_the_same(
    tmp_path: Path,
) -> None:
    """No bundled or generated file falls back, so the speed is real, and each reads as before."""
    from benchmarks.scale import generate

    generated = sorted(generate(tmp_path / "big", roles=60, seed=1).rglob("*.yaml"))
    files = sorted((REPO / "pathways").rglob("*.yaml")) + generated
    assert len(files) > 100
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yaml_files._from_events(text, str(path), [], check=True)
        assert fast is not None
        assert _shown(parse_text(text, str(path))) == _reference(text)


def test_the_ascii_search_finds_what_the_full_one_finds() -> None:
    """The fast search used on ASCII text agrees with FORBIDDEN on every ASCII character."""
    from careerpath.text import FORBIDDEN

    for code in range(128):
        text = f"a: b{chr(code)}c"
        found = yaml_files._ASCII_FORBIDDEN(text) is not None
        assert found == (FORBIDDEN.search(text) is not None), code


def test_the_light_event_classes_are_used_while_reading_and_put_back_after() -> None:
    """libyaml's parser builds C structs only inside the reading; ruamel's classes after."""
    import _ruamel_yaml as clib  # type: ignore[import-not-found]
    from ruamel.yaml import events

    from careerpath.loading import yaml_files

    seen: list[type] = []
    with yaml_files._light_events() as kinds:
        seen.extend(kinds)
        assert clib.ScalarEvent is kinds[0] is not events.ScalarEvent
    assert clib.ScalarEvent is events.ScalarEvent
    assert clib.AliasEvent is events.AliasEvent
    assert seen[0] is not events.ScalarEvent
    # A reading that fails half way puts the classes back too.
    with pytest.raises(RuntimeError), yaml_files._light_events():
        raise RuntimeError
    assert clib.MappingStartEvent is events.MappingStartEvent
