"""One rule for what a role needs: overlap, gap, similar, matrix and curriculum all agree on it."""

from __future__ import annotations

import csv
import io
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.analysis.curriculum import design_curriculum
from careerpath.analysis.matrix import similarity_matrix
from careerpath.analysis.overlap import overlap
from careerpath.analysis.role_needs import held, needed, needed_ids, needed_levels
from careerpath.analysis.similar import similar_roles
from careerpath.model import Catalogue, Competency, CompetencyNeed, Role

from conftest import bundled_catalogue, generic_by_definition, move_by_definition

IDS = "abcdefg"
# "a" is generic (as the KSF core dimensions are): every figure leaves it out.
COMPS = tuple(Competency(c, c.upper(), "d", generic=c == "a") for c in IDS)

#: A role's needs: competency id → optional?
role_needs = st.dictionaries(st.sampled_from(IDS), st.booleans(), max_size=6)


def make_roles(drawn: list[dict[str, bool]]) -> list[Role]:
    return [
        Role(
            f"R{i}",
            f"R{i}",
            "f",
            competencies=tuple(CompetencyNeed(c, optional=o) for c, o in sorted(n.items())),
        )
        for i, n in enumerate(drawn)
    ]


def test_the_rule() -> None:
    role = Role(
        "A",
        "A",
        "f",
        competencies=(CompetencyNeed("x", "expert"), CompetencyNeed("y", optional=True)),
    )
    assert needed_ids(role) == {"x"}
    assert needed_ids(role, include_optional=True) == {"x", "y"}
    assert needed_levels(role) == {"x": 5}
    assert [n.id for n in held(role)] == ["x", "y"]
    assert needed(role, include_optional=True) == held(role) == role.competencies


@settings(deadline=None)  # timing is make bench's job, not a test's
@given(st.lists(role_needs, min_size=2, max_size=5), st.booleans())
def test_every_analysis_counts_what_the_rule_says(drawn, include_optional: bool) -> None:
    roles = make_roles(drawn)
    catalogue = Catalogue(roles=tuple(roles), competencies=COMPS)
    result = overlap(catalogue, roles, include_optional=include_optional)
    matrix = list(similarity_matrix(catalogue, roles, include_optional=include_optional).rows())
    wanted = [needed_ids(r, include_optional) for r in roles]
    # Similarity compares role-specific needs: those every role needs are left out of all three.
    generic = generic_by_definition(catalogue)
    own = [w - generic for w in wanted]
    assert {c.id for c in result.shared} == frozenset.intersection(*own)
    assert {c.id for c in result.generic} == set().union(*wanted) & generic
    for pair in result.similarity:
        i, j = int(pair.first[1:]), int(pair.second[1:])
        assert (
            matrix[i][j]
            == pair.there
            == move_by_definition(catalogue, roles[i], roles[j], include_optional)[0]
        )
        assert matrix[j][i] == pair.back
        assert pair.shared == len(own[i] & own[j])
    for move in result.moves:
        source, target = roles[int(move.source[1:])], roles[int(move.target[1:])]
        has = {n.id for n in held(source)}
        assert {c.id for c in move.missing} == needed_ids(target, include_optional) - has
    curriculum = design_curriculum(catalogue, roles)
    taught = {c for part in curriculum.parts for c in part.competencies}
    assert taught == set().union(*(needed_ids(r) for r in roles))
    for role in roles:
        for neighbour in similar_roles(catalogue, role, top=len(roles)):
            target = needed_ids(neighbour.role) - generic
            shared = len(target & {n.id for n in held(role)})
            assert (neighbour.shared, neighbour.missing) == (shared, len(target) - shared)


@pytest.mark.parametrize("include_optional", [False, True])
def test_matrix_similarity_equals_overlap_for_every_bundled_pair(include_optional: bool) -> None:
    catalogue = bundled_catalogue()
    roles = list(catalogue.roles)
    matrix = list(similarity_matrix(catalogue, roles, include_optional=include_optional).rows())
    pairs = 0
    for (i, a), (j, b) in itertools.combinations(enumerate(roles), 2):
        figures = overlap(catalogue, [a, b], include_optional=include_optional).similarity[0]
        assert (matrix[i][j], matrix[j][i]) == (figures.there, figures.back), (a.id, b.id)
        pairs += 1
    assert pairs == len(roles) * (len(roles) - 1) // 2 >= 990


def test_an_optional_need_no_longer_splits_matrix_and_overlap() -> None:
    # counsellor-tt has one optional competency: the matrix used to count it, overlap did not.
    # The figures were Jaccard indexes (0.5, 0.4667) counting the six KSF core dimensions both
    # roles list; since 2026-12-03 they are the move score on role-specific needs: the
    # counsellor holds reflective practice (1 of CAP's 6) at the level CAP needs.
    catalogue = bundled_catalogue()
    counsellor, cap = catalogue.role("counsellor-tt"), catalogue.role("CAP")
    assert any(n.optional for n in counsellor.competencies)
    assert next(iter(similarity_matrix(catalogue, [counsellor, cap]).rows()))[1] == 0.1667
    assert overlap(catalogue, [counsellor, cap]).similarity[0].there == 0.1667
    # Counted, the optional need is one more for CAP to hold going the other way: 1 of the
    # counsellor's 3 role-specific needs, then 1 of 4.
    back = list(similarity_matrix(catalogue, [counsellor, cap]).rows())[1][0]
    back_optional = list(
        similarity_matrix(catalogue, [counsellor, cap], include_optional=True).rows()
    )[1][0]
    assert (back, back_optional) == (0.3333, 0.25)
    assert (
        back_optional
        == overlap(catalogue, [counsellor, cap], include_optional=True).similarity[0].back
    )


def test_matrix_command_counts_what_overlap_counts(run) -> None:
    for flags in ([], ["--optional"]):
        matrix = run("matrix", "counsellor-tt", "CAP", "--similarity", "--csv", *flags).stdout
        figures = json.loads(run("overlap", "counsellor-tt", "CAP", "--json", *flags).stdout)
        rows = list(csv.reader(io.StringIO(matrix)))
        assert float(rows[1][2]) == figures["similarity"][0]["holds_there"]
        shown = run("matrix", "counsellor-tt", "CAP", *flags, "--csv").stdout
        assert ("cfd-person-centred-experiential" in shown) == bool(flags)
