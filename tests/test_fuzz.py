"""Property-based tests: random catalogues round-trip; random damage gives located errors only.

`make test` runs a quick pass; `make fuzz` runs the same properties long enough to matter
(the ``fuzz`` Hypothesis profile, registered in conftest.py).
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import string
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from careerpath.errors import DataError, Problem
from careerpath.frameworks import AFC_BANDS, COMPETENCY_LEVELS
from careerpath.loading import validate
from careerpath.loading.locate import bundled_data
from careerpath.loading.save import save_catalogue
from careerpath.loading.validate import load_catalogue
from careerpath.loading.yaml_files import MAX_TOTAL_UNITS, Expansion, Node
from careerpath.model import (
    Bands,
    Catalogue,
    Competency,
    CompetencyNeed,
    EntryRoute,
    Family,
    Module,
    Programme,
    Progression,
    Qualification,
    Requirement,
    Role,
    Source,
)
from careerpath.text import forbidden_character

from conftest import examples

ID_CHARS = string.ascii_letters + string.digits + "-_."
text = (
    st.text(
        st.characters(
            codec="utf-8",
            exclude_categories=("Cs", "Cc", "Zl", "Zp"),
            exclude_characters="\ufeff\ufffe\uffff",
        ),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    # What the loader refuses in any text (control characters, noncharacters such as
    # U+FDD0): a catalogue holding one is not one a user could save and load.
    .filter(lambda t: bool(t) and forbidden_character(t) is None)
)


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    n = draw(st.integers(1, 5))
    ids = draw(
        st.lists(
            # not "q": that is the qualification's id, and roles and qualifications share ids
            st.text(ID_CHARS, min_size=1, max_size=12).filter(
                lambda s: s[0].isalnum() and s.lower() != "q"
            ),
            min_size=n,
            max_size=n,
            unique_by=str.lower,
        )
    )
    titles = draw(
        st.lists(text, min_size=n, max_size=n, unique_by=lambda s: " ".join(s.lower().split()))
    )
    if {t.lower() for t in titles} & {i.lower() for i in ids}:
        titles = [f"{t} role" for t in titles]
    comps = tuple(
        Competency(f"c{i}", draw(text), draw(text)) for i in range(draw(st.integers(0, 4)))
    )
    programmes = tuple(
        Programme(
            f"p{i}",
            draw(text),
            months=draw(st.integers(0, 60)),
            credits=draw(st.integers(0, 360)),
            sources=("shared"),
            modules=tuple(
                Module(
                    f"p{i}m{j}",
                    draw(text),
                    draw(st.integers(0, 60)),
                    competencies=tuple(c.id for c in comps[:j]),
                )
                for j in range(draw(st.integers(0, 2)))
            ),
        )
        for i in range(draw(st.integers(0, 2)))
    )
    programmes = tuple(replace(p, sources=("shared",)) for p in programmes)
    roles = []
    for index, (role_id, title) in enumerate(zip(ids, titles, strict=True)):
        band = draw(st.sampled_from([None, *AFC_BANDS]))
        entries = tuple(
            EntryRoute(
                f"{role_id}-in{k}",
                programme=draw(st.sampled_from([None, *(p.id for p in programmes)])),
                requires=(Requirement("qualification", "q"),),
                months=draw(st.one_of(st.none(), st.integers(0, 48))),
            )
            for k in range(draw(st.integers(0, 2)))
        )
        later = ids[index + 1 :]
        steps = (
            tuple(
                Progression(
                    target,
                    kind="vertical",
                    requires=(Requirement("experience", role_id, months=draw(st.integers(0, 36))),),
                )
                for target in draw(st.lists(st.sampled_from(later), unique=True, max_size=2))
            )
            if later
            else ()
        )
        needs = (
            tuple(
                CompetencyNeed(c.id, draw(st.sampled_from(COMPETENCY_LEVELS)), draw(st.booleans()))
                for c in draw(st.lists(st.sampled_from(comps), unique=True))
            )
            if comps
            else ()
        )
        roles.append(
            Role(
                role_id,
                title,
                "fam",
                summary=draw(st.one_of(st.just(""), text)),
                career_framework_level=draw(st.one_of(st.none(), st.integers(1, 9))),
                bands=Bands(band, band),
                entry_routes=entries,
                progressions=steps,
                competencies=needs,
                sources=(f"src-{index}",),
            )
        )
    sources = (
        Source("shared", url="https://example.org"),
        *(Source(f"src-{i}", title=draw(text), url="https://example.org/r") for i in range(n)),
    )
    return Catalogue(
        roles=tuple(sorted(roles, key=lambda r: r.id)),
        competencies=comps,
        programmes=programmes,
        qualifications=(Qualification("q", "Q", 3),),
        families=(Family("fam", "Family"),),
        sources=tuple(sorted(sources, key=lambda s: s.id)),
    )


def _differences(a: object, b: object, path: str = "") -> list[str]:
    """Where two nested records differ, as readable paths (for a useful failure message)."""
    if type(a) is type(b) and isinstance(a, msgspec.Struct):
        return [
            d
            for name in a.__struct_fields__
            for d in _differences(getattr(a, name), getattr(b, name), f"{path}.{name}")
        ]
    if dataclasses.is_dataclass(a) and dataclasses.is_dataclass(b) and type(a) is type(b):
        return [
            d
            for f in dataclasses.fields(a)
            if f.name != "_by_id"
            for d in _differences(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
        ]
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _differences(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [f"{path}: loaded {a!r}, saved {b!r}"]


def _comparable(catalogue: Catalogue) -> Catalogue:
    return dataclasses.replace(
        catalogue,
        roles=tuple(replace(r, file="") for r in catalogue.roles),
        root="",
        _by_id={},
    )


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_random_catalogues_round_trip(catalogue: Catalogue) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        save_catalogue(catalogue, folder)
        loaded = load_catalogue(folder)
    finally:
        shutil.rmtree(folder)
    assert _differences(_comparable(loaded), _comparable(catalogue)) == []


BUNDLED_FILES = sorted(bundled_data().rglob("*.yaml"))
REPLACEMENTS = [
    "",
    "[",
    "]",
    "{",
    ": ",
    "- ",
    "  ",
    "\t",
    "'",
    '"',
    "&a",
    "*a",
    "true",
    "12",
    "-1",
    "null",
    "[x]",
    "{k: v}",
    "~",
    "\\",
    "é",
    "#",
]


@st.composite
def damaged(draw: st.DrawFn) -> tuple[Path, str]:
    path = draw(st.sampled_from(BUNDLED_FILES))
    lines = path.read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(
            st.sampled_from(["delete", "indent", "dedent", "replace", "duplicate", "insert"])
        )
        line = lines[index]
        if action == "delete":
            del lines[index]
        elif action == "indent":
            lines[index] = " " * draw(st.integers(1, 3)) + line
        elif action == "dedent":
            lines[index] = line.lstrip()
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "insert":
            lines.insert(index, draw(st.sampled_from(REPLACEMENTS)))
        elif line:
            start = draw(st.integers(0, len(line) - 1))
            end = draw(st.integers(start, len(line)))
            lines[index] = line[:start] + draw(st.sampled_from(REPLACEMENTS)) + line[end:]
        if not lines:
            lines = [""]
    return path, "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def bundled_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the bundled folder; each example damages one file and puts it back."""
    folder = tmp_path_factory.mktemp("damaged") / "p"
    shutil.copytree(bundled_data(), folder)
    return folder


#: (shown name, bytes) → (tree, problems, values it expanded to), for the undamaged files.
_PARSED: dict[tuple[str, bytes], tuple[Node | None, list[Problem], int]] = {}


@contextmanager
def parse_undamaged_files_once(damaged: Path) -> Iterator[list[Path]]:
    """Parse each undamaged file once with the real parser, then reuse the result.

    An example damages one file of ~60; parsing the other 59 again, unchanged, was 85% of
    this test's time and tested nothing new. The damaged file is always parsed afresh (and
    never kept, so a long ``make fuzz`` run holds only the ~60 undamaged trees); the parsed
    trees are immutable, and a reused file still adds what it expands to the folder's total
    (the limit across files), so every check sees what a cold load sees.
    """
    real = validate.parse_file
    fresh: list[Path] = []

    def parse_file(
        path: Path, display: str, expansion: Expansion | None = None
    ) -> tuple[Node | None, list[Problem]]:
        if path == damaged:
            fresh.append(path)
            return real(path, display, expansion)
        key = (display, path.read_bytes())
        if key not in _PARSED:
            alone = Expansion()
            node, problems = real(path, display, alone)
            _PARSED[key] = (node, problems, alone.used)
        node, problems, used = _PARSED[key]
        if expansion is not None:
            expansion.used += used
            # Far below the limit, a reused file could not have been refused for it.
            assert expansion.used < MAX_TOTAL_UNITS // 2
        return node, list(problems)

    with patch.object(validate, "parse_file", parse_file):
        yield fresh


# 40 examples in make test (each validates the whole bundled folder); make fuzz runs thousands.
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=damaged())
def test_damaged_yaml_gives_a_catalogue_or_located_errors(
    bundled_copy: Path, case: tuple[Path, str]
) -> None:
    path, text = case
    target = bundled_copy / path.relative_to(bundled_data())
    original = path.read_bytes()
    target.write_text(text, encoding="utf-8")
    try:
        with parse_undamaged_files_once(target) as fresh:
            try:
                load_catalogue(bundled_copy)
            except DataError as exc:
                assert exc.problems
                for problem in exc.problems:
                    assert (
                        problem.file.endswith(".yaml")
                        and problem.line >= 1
                        and problem.col >= 1
                        and problem.message
                    )
        assert fresh == [target]  # the damaged file itself was parsed afresh
    finally:
        target.write_bytes(original)


def test_damage_strategy_really_breaks_files() -> None:
    """Guard against a fuzzer that only ever produces valid files."""
    rng = random.Random(5)
    path = BUNDLED_FILES[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(rng.randrange(len(lines)), "[")
    folder = Path(tempfile.mkdtemp())
    try:
        shutil.copytree(bundled_data(), folder / "p")
        (folder / "p" / path.relative_to(bundled_data())).write_text("\n".join(lines))
        try:
            load_catalogue(folder / "p")
        except DataError:
            return
        raise AssertionError("an unclosed bracket should not load")
    finally:
        shutil.rmtree(folder)
