"""``list`` written directly off a terminal is byte for byte what Rich draws.

The plain path (``RoleList.plain``) exists only for speed, so the oracle is the Rich
rendering that ``actions.render`` writes to a pipe: every line with its trailing spaces
removed. Random roles mix short and over-long titles, long words, wide, combining and
control characters and long family titles, at widths from cramped to wide.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from careerpath.model import Bands, Role
from careerpath.render.terminal import RoleList

from conftest import bundled_catalogue, examples


def console(width: int) -> Console:
    """The stdout console's settings (``console.out_console``), off a terminal."""
    return Console(
        width=width,
        file=io.StringIO(),
        force_terminal=False,
        color_system=None,
        highlight=False,
        soft_wrap=False,
        emoji=False,
    )


def drawn_by_rich(table: RoleList, width: int) -> str:
    """What ``actions.render`` writes for ``table`` to a pipe."""
    out = console(width)
    with out.capture() as captured:
        out.print(table, crop=False)
    return "\n".join(line.rstrip(" ") for line in captured.get().split("\n"))


#: One cell a character: these take the plain path.
plain_words = [
    "Nurse",
    "practitioner",
    "mental",
    "health",
    "Psychological",
    "wellbeing",
    "and",
    "of",
    "X" * 30,
    "supercalifragilisticexpialidocious-practitioner-in-training",
    "Ménière",
    "café",
    "–",
    "(band 5)",
    "children’s",
]
#: Wide, combining, control and emoji characters: these send the list to Rich.
odd_words = ["看護師", "e\u0301", "tab\there", "🙂"]
words = st.sampled_from(plain_words * 40 + odd_words)
titles = st.lists(words, min_size=1, max_size=12).map(" ".join)
bands = st.sampled_from([None, "2", "3", "4", "5", "6", "8a", "8b-8d", "5-6", "9"])


@st.composite
def role_lists(draw: st.DrawFn) -> tuple[list[Role], dict[str, str]]:
    families = draw(st.lists(titles, min_size=1, max_size=4))
    count = draw(st.integers(min_value=0, max_value=12))
    roles = []
    for number in range(count):
        family = draw(st.integers(min_value=0, max_value=len(families) - 1))
        role_id = draw(st.sampled_from(["R", "PWP", "hcs-practitioner", "Z" * 25])) + str(number)
        roles.append(
            Role(
                role_id,
                draw(titles),
                f"fam-{family}",
                career_framework_level=draw(st.one_of(st.none(), st.integers(1, 9))),
                bands=Bands(draw(bands), draw(bands)),
            )
        )
    roles.sort(key=lambda r: (r.family, r.id))
    return roles, {f"fam-{i}": title for i, title in enumerate(families)}


@settings(
    max_examples=examples(300),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(role_lists(), st.integers(min_value=10, max_value=220))
def test_plain_list_is_what_rich_draws(
    listing: tuple[list[Role], dict[str, str]], width: int
) -> None:
    roles, family_titles = listing
    table = RoleList(roles, family_titles)
    plain = table.plain(console(width))
    if plain is not None:
        assert plain == drawn_by_rich(table, width)
    taken.append(plain is not None)


taken: list[bool] = []


def test_the_property_above_took_the_plain_path_often() -> None:
    """Runs after it (file order): a property that never reached the plain path checks nothing."""
    if taken:
        assert sum(taken) >= len(taken) // 10


@pytest.mark.parametrize("width", [30, 60, 80, 120, 250])
def test_plain_list_of_the_bundled_and_generated_data(width: int, tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent.parent))
    from benchmarks.scale import generate
    from careerpath.loading.validate import load_catalogue

    for catalogue in (
        bundled_catalogue(),
        load_catalogue(generate(tmp_path / "generated", roles=120, seed=width)),
    ):
        table = RoleList(catalogue.roles, {f.id: f.title for f in catalogue.families})
        plain = table.plain(console(width))
        if width >= 80:  # these take the fast path at every usual width
            assert plain is not None
        assert plain is None or plain == drawn_by_rich(table, width)


def test_unusual_text_is_left_to_rich() -> None:
    for title in ("看護師", "tab\there", "e\u0301"):
        table = RoleList([Role("A", title, "f")], {"f": "F"})
        assert table.plain(console(80)) is None


def test_list_off_a_terminal_takes_the_plain_path(run, monkeypatch: pytest.MonkeyPatch) -> None:
    from careerpath.render import terminal

    calls: list[str | None] = []
    original = terminal.RoleList.plain

    def spy(self: RoleList, out: Console) -> str | None:
        calls.append(original(self, out))
        return calls[-1]

    monkeypatch.setattr(terminal.RoleList, "plain", spy)
    result = run("list")
    assert result.exit_code == 0
    assert calls
    assert calls[0] is not None
    assert result.stdout == calls[0]
