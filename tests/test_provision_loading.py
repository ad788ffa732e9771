"""Framework, provision and rates files: located problems, did-you-mean, bundled data loads."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from careerpath.errors import DataError
from careerpath.loading.locate import bundled_data
from careerpath.loading.provision import load_training_data
from careerpath.loading.validate import load_catalogue

FRAMEWORKS = bundled_data() / "frameworks"

TINY_FRAMEWORK = """\
framework:
  id: fw
  title: Tiny
  sources: [{title: t, url: "https://example.org"}]
  tiers: [{id: t1, title: One}, {id: t2, title: Two}]
  domains:
    - id: d
      title: D
      competencies:
        - {id: c1, name: C one, tiers: [t1, t2]}
        - {id: c2, name: C two, tiers: [t2]}
  staff_groups:
    - {id: g1, title: Group one, tier: t1}
    - {id: g2, title: Group two, tier: t2}
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(*args: object, **kwargs: object) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_training_data(*args, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def test_bundled_frameworks_and_rates_load() -> None:
    data = load_training_data([FRAMEWORKS])
    assert set(data.frameworks) == {"pcmh-matrix", "pnmh-framework"}
    pcmh = data.frameworks["pcmh-matrix"]
    assert [t.id for t in pcmh.tiers] == ["tier-1", "tier-2", "tier-3", "tier-4"]
    assert len(pcmh.domains) == 6  # the consultation names six domains
    wanted = {"gp", "practice-nurse", "hca", "reception", "clinical-pharmacist", "splw", "mhp"}
    assert wanted <= {g.id for g in pcmh.staff_groups}
    assert data.rates is not None and data.rates.pay_rate("5").points[0] == ("entry", 31049)


def test_a_domain_holds_the_ids_of_the_competencies_written_under_it() -> None:
    """Built by name from the file: each domain's ids are the framework's competencies of it."""
    for framework in load_training_data([FRAMEWORKS]).frameworks.values():
        for domain in framework.domains:
            listed = tuple(c.id for c in framework.competencies if c.domain == domain.id)
            assert domain.competencies == listed and listed


def test_a_group_needs_what_applies_at_its_tier_to_that_tier() -> None:
    pcmh = load_training_data([FRAMEWORKS]).frameworks["pcmh-matrix"]
    gp = {c.id for c, _ in pcmh.needs_of("gp")}
    reception = {c.id for c, _ in pcmh.needs_of("reception")}
    assert reception and reception < gp  # every Tier 1 competency applies at Tier 4 too
    assert "pcmh-d6-c2" not in gp  # commissioning applies at Tier 2 only
    assert {rank for _, rank in pcmh.needs_of("gp")} == {4}
    assert {rank for _, rank in pcmh.needs_of("reception")} == {1}


def test_unknown_tier_is_located_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, "fw.yaml", TINY_FRAMEWORK.replace("tier: t2}", "tier: t3}"))
    (problem,) = problems_of([tmp_path])
    assert problem.endswith("fw.yaml:14:40: unknown tier 't3' (known tiers: t1, t2)")


def test_unknown_field_and_wrong_type_are_all_reported(tmp_path: Path) -> None:
    text = TINY_FRAMEWORK.replace("title: Tiny", "titel: Tiny").replace(
        "{id: g1, title: Group one, tier: t1}", "{id: g1, title: [x], tier: t1}"
    )
    found = problems_of([write(tmp_path, "fw.yaml", text).parent])
    assert any("unknown field 'titel'" in p and "did you mean 'title'" in p for p in found)
    assert any(
        p.endswith("fw.yaml:13:23: framework.staff_groups[0].title must be a text, not a list")
        for p in found
    )


def test_provision_cross_references(tmp_path: Path) -> None:
    write(tmp_path / "fw", "fw.yaml", TINY_FRAMEWORK)
    write(
        tmp_path / "dir",
        "dir.yaml",
        """\
        provision:
          area: Test
          example: true
          framework: fw
          organisations:
            - {id: o1, title: Org, staff: [{group: g9, headcount: 3}]}
          providers:
            - {id: p1, title: Prov, organisation: o2}
          courses:
            - id: k1
              title: Course
              provider: p2
              framework: fw
              competencies: [{id: c3, tier: t1}, {id: c1, tier: t5}]
              hours: 3
              delivery: e-learning
              cost: 10
        """,
    )
    found = problems_of([tmp_path / "fw"], tmp_path / "dir")
    text = "\n".join(found)
    assert "unknown staff group 'g9'" in text
    assert "unknown organisation 'o2'" in text
    assert "unknown provider 'p2'" in text
    assert "unknown competency of fw 'c3'" in text
    assert "unknown tier 't5'" in text
    assert all(p.split(":")[1].isdigit() and p.split(":")[2].isdigit() for p in found)


def test_bad_delivery_mode_suggests_the_nearest(tmp_path: Path) -> None:
    write(tmp_path / "fw", "fw.yaml", TINY_FRAMEWORK)
    write(
        tmp_path / "dir",
        "dir.yaml",
        """\
        provision:
          area: Test
          example: true
          framework: fw
          courses:
            - {id: k1, title: K, provider: p, framework: fw, competencies: [{id: c1, tier: t1}], hours: 1, delivery: online, cost: 0}
        """,
    )
    (problem,) = problems_of([tmp_path / "fw"], tmp_path / "dir")
    assert problem.endswith(
        "dir.yaml:6:110: provision.courses[0].delivery 'online' is not valid (did you mean 'online-live'?)"
    )


def test_pathways_validate_checks_framework_files_too(tmp_path: Path) -> None:
    pathways = tmp_path / "p"
    for source in bundled_data().rglob("*.yaml"):
        target = pathways / source.relative_to(bundled_data())
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    load_catalogue(pathways)  # the bundled frameworks are valid pathways citizens
    broken = pathways / "frameworks" / "primary-care-mental-health.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("tier: tier-3", "tier: tier-33", 1)
    )
    with pytest.raises(DataError) as caught:
        load_catalogue(pathways)
    assert any("unknown tier 'tier-33'" in str(p) for p in caught.value.problems)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from careerpath.errors import Problem  # noqa: E402
from careerpath.loading.team_csv import TeamFileError, load_team  # noqa: E402

from conftest import examples  # noqa: E402

BUNDLED = load_training_data([FRAMEWORKS])
CELLS = st.sampled_from(
    [
        "gp",
        "GP",
        "practice nurse",
        "5",
        "8a",
        "band 3",
        "x",
        "",
        '"',
        '""',
        "1",
        "tier-2",
        "é",
        "\t",
    ]
)


def assert_located(problems: list[Problem]) -> None:
    assert problems
    assert all(p.line >= 1 and p.col >= 1 and p.message for p in problems)


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.lists(CELLS, max_size=6), max_size=6), st.binary(max_size=4))
def test_any_team_file_loads_or_gives_located_problems(
    tmp_path_factory, rows: list, tail: bytes
) -> None:
    path = tmp_path_factory.mktemp("team") / "team.csv"
    text = "person,staff_group,band,count,pcmh-d3-c1\n" + "\n".join(",".join(r) for r in rows)
    path.write_bytes(text.encode("utf-8") + tail)
    framework = BUNDLED.frameworks["pcmh-matrix"]
    assert BUNDLED.rates is not None
    try:
        loaded = load_team(path, framework, BUNDLED.rates)
    except TeamFileError as exc:
        assert_located(exc.problems)
    else:
        assert all(r.count >= 1 and r.staff_group for r in loaded)


MUTATIONS = st.sampled_from(
    ["", "[", ": ", "- ", "  ", "x", "-1", "null", "{k: v}", "tier-9", "1e9"]
)
COURSES = (
    Path(__file__).parent.parent / "examples" / "northvale" / "courses-nv-council-ld.yaml"
).read_text(encoding="utf-8")


@settings(max_examples=examples(30), deadline=None)
@given(st.integers(0, len(COURSES) - 1), MUTATIONS)
def test_a_mutated_directory_loads_or_gives_located_problems(
    tmp_path_factory, at: int, text: str
) -> None:
    folder = tmp_path_factory.mktemp("dir")
    source = Path(__file__).parent.parent / "examples" / "northvale"
    (folder / "organisations.yaml").write_bytes((source / "organisations.yaml").read_bytes())
    (folder / "courses.yaml").write_text(COURSES[:at] + text + COURSES[at + 1 :], encoding="utf-8")
    try:
        load_training_data([FRAMEWORKS], folder)
    except DataError as exc:
        assert_located(exc.problems)
