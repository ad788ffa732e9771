"""Validating a pathways folder: every problem collected, located, and hinted."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from careerpath.errors import DataError
from careerpath.loading.validate import load_catalogue

from conftest import BASE_CATALOGUE, REPO, write_tree

BROKEN = Path(__file__).parent / "data" / "broken"


def problems_for(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    return [
        f"{p.file.rsplit('/', 1)[-1]}:{p.line}:{p.col}: {p.message}"
        + (f" ({p.hint})" if p.hint else "")
        for p in caught.value.problems
    ]


def test_valid_folder_loads(pathways) -> None:
    catalogue = load_catalogue(
        pathways(A={"entry_routes": "[{id: a-in, programme: p-a, requires: [degree]}]"})
    )
    assert [r.id for r in catalogue.roles] == ["A"]
    assert catalogue.role("A").entry_routes[0].requires[0].kind == "qualification"
    assert catalogue.programme("p-a").modules[1].competencies == ("c-treat",)


# Each broken role file, dropped into a valid folder, gives exactly this problem.
ROLE_CASES = [
    (
        "unknown-field.yaml",
        "unknown-field.yaml:4:1: unknown field 'progresion' in role (did you mean 'progressions'?)",
    ),
    (
        "level-out-of-range.yaml",
        "level-out-of-range.yaml:4:25: career_framework_level is 12, outside 1–9",
    ),
    ("band-out-of-range.yaml", "band-out-of-range.yaml:4:19: bands.training '11' is not valid"),
    ("missing-family.yaml", "missing-family.yaml:1:1: role is missing required field 'family'"),
    ("wrong-type.yaml", "wrong-type.yaml:2:8: title must be a text, not a list"),
    (
        "top-level-list.yaml",
        "top-level-list.yaml:1:1: file holds a list; a pathways file must be a mapping",
    ),
    (
        "top-level-scalar.yaml",
        "top-level-scalar.yaml:1:1: file holds a single value; a pathways file must be a mapping",
    ),
]


@pytest.mark.parametrize(("name", "expected"), ROLE_CASES)
def test_broken_role_file_is_reported(tmp_path: Path, name: str, expected: str) -> None:
    root = write_tree(tmp_path / "p", {"catalogue.yaml": BASE_CATALOGUE.replace("id: mh", "id: f")})
    shutil.copy(BROKEN / name, root / name)
    problems = problems_for(root)
    assert len(problems) == 1, problems
    assert problems[0].startswith(expected), problems


def test_every_problem_is_reported_at_once(pathways) -> None:
    root = pathways(
        A={"progressions": "[{to: B, kind: vertical}, {to: Nope}]", "competencies": "[c-asess]"},
        B={"family_": "x", "bands": "{qualified: '12'}"},
    )
    problems = problems_for(root)
    text = "\n".join(problems)
    assert "unknown role 'Nope'" in text
    assert "unknown competency 'c-asess' (did you mean 'c-assess'?)" in text
    assert "unknown field 'family_' in role (did you mean 'family'?)" in text
    assert "bands.qualified '12' is not valid" in text
    assert len(problems) == 4


def test_duplicate_ids_across_files(pathways) -> None:
    root = pathways(A={})
    (root / "roles" / "copy.yaml").write_text(
        (root / "roles" / "A.yaml").read_text().replace("s-a", "s-a2")
    )
    problems = problems_for(root)
    assert any("duplicate role id 'A'" in p and "first defined at" in p for p in problems), problems


def test_role_and_qualification_ids_are_one_namespace(pathways) -> None:
    # "requires: [degree]" must mean one thing: the loader would silently pick the role.
    problems = problems_for(pathways(degree={}, Degree={"title": "Other"}))
    assert any(
        "qualification id 'degree' is already a role id" in p
        or "role id 'degree' is already a qualification id" in p
        for p in problems
    ), problems
    assert any("differs only in case" in p for p in problems), problems


def test_ids_differing_only_in_case(pathways) -> None:
    problems = problems_for(pathways(PWP={}, pwp={"title": "Other"}))
    assert any("differs only in case" in p for p in problems), problems


def test_alias_collision(pathways) -> None:
    problems = problems_for(
        pathways(A={"aliases": "[shared name]"}, B={"aliases": "[Shared Name]"})
    )
    assert len(problems) == 1
    assert problems[0].startswith("B.yaml:4:11: 'Shared Name' already names role 'A' (see "), (
        problems
    )


def test_self_loop_and_vertical_cycle(pathways) -> None:
    problems = problems_for(
        pathways(
            A={"progressions": "[{to: A}, {to: B}]"},
            B={"progressions": "[{to: C}]"},
            C={"progressions": "[{to: A}]"},
        )
    )
    assert any("role 'A' progresses to itself" in p for p in problems)
    assert any("vertical progressions form a cycle: A → B → C → A" in p for p in problems), problems


def test_lateral_moves_both_ways_are_not_a_cycle(pathways) -> None:
    catalogue = load_catalogue(
        pathways(
            A={"progressions": "[{to: B, kind: lateral}]"},
            B={"progressions": "[{to: A, kind: lateral}]"},
        )
    )
    assert len(catalogue.roles) == 2


def test_absurd_numbers_are_refused(pathways) -> None:
    catalogue = BASE_CATALOGUE.replace("months: 12", "months: -3").replace(
        "credits: 60", "credits: 100000"
    )
    problems = problems_for(pathways(catalogue=catalogue, A={}))
    assert any("months is -3, outside 0–180" in p for p in problems), problems
    assert any("credits is 100000, outside 0–720" in p for p in problems), problems


def test_requirement_needs_one_form(pathways) -> None:
    problems = problems_for(
        pathways(A={"entry_routes": "[{id: x, requires: [{text: a, any_of: [degree]}]}]"})
    )
    assert any("exactly one of 'any_of', 'experience' or 'text'" in p for p in problems), problems


def test_source_needs_url_or_document(pathways) -> None:
    catalogue = BASE_CATALOGUE.replace(
        '{id: s-base, url: "https://example.org/base"}', "{id: s-base, title: Nothing}"
    )
    assert any(
        "a source needs a 'url' or a 'document'" in p
        for p in problems_for(pathways(catalogue=catalogue, A={}))
    )


def test_empty_folder(tmp_path: Path) -> None:
    assert problems_for(tmp_path)[0].endswith("no .yaml files found (is this a pathways folder?)")


def test_catalogue_is_the_same_whatever_the_file_order(tmp_path: Path) -> None:
    """Shuffled file names change the read order; the catalogue must not change."""
    source = REPO / "pathways"
    first = load_catalogue(source)
    files = sorted(source.rglob("*.yaml"))
    names = [f"{i:03d}.yaml" for i in range(len(files))]
    random.Random(7).shuffle(names)
    target = tmp_path / "shuffled"
    target.mkdir()
    for path, name in zip(files, names, strict=True):
        shutil.copy(path, target / name)
    second = load_catalogue(target)
    assert [r.id for r in second.roles] == [r.id for r in first.roles]
    assert [r.competencies for r in second.roles] == [r.competencies for r in first.roles]
    assert second.programmes == first.programmes


LEVY_RULE = """
rules:
  - id: l7
    title: Level 7 levy limit
    kind: levy-age-limit
    level: 7
    age_under: 22
    since: 2026-01
    summary: the levy pays for Level 7 only for apprentices under 22
    sources: [s-base]
"""


def test_a_levy_age_limit_rule_loads_from_the_data(pathways) -> None:
    """The Level 7 levy rule lives in rules data, so an organisation can update it."""
    from careerpath.model import levy_age_limit

    catalogue = load_catalogue(pathways(BASE_CATALOGUE + LEVY_RULE))
    rule = levy_age_limit(catalogue, 7)
    assert rule is not None and (rule.level, rule.age_under, rule.since) == (7, 22, "2026-01")
    assert levy_age_limit(catalogue, 8) == rule and levy_age_limit(catalogue, 6) is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("    age_under: 22\n", ""), "a 'levy-age-limit' rule needs 'age_under'"),
        (
            ("    summary: the levy", "    note: the levy"),
            "a 'levy-age-limit' rule needs 'summary'",
        ),
        (("since: 2026-01", "since: January 2026"), "'since' must be YYYY-MM, not 'January 2026'"),
        (
            ("    level: 7\n", "    level: 7\n    months: 24\n"),
            "'months' only goes with a 'wait-between' rule",
        ),
        (
            ("kind: levy-age-limit", "kind: wait-between"),
            "'level' only goes with a 'levy-age-limit' rule",
        ),
    ],
)
def test_a_malformed_levy_rule_is_reported_where_it_is(pathways, change, expected) -> None:
    old, new = change
    found = problems_for(pathways(BASE_CATALOGUE + LEVY_RULE.replace(old, new)))
    assert any(expected in p for p in found), found
