"""The all-pairs similarity matrix: the sparse product against the pair-by-pair definition."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.analysis.matrix import similarity_matrix
from careerpath.analysis.overlap import jaccard
from careerpath.analysis.role_needs import needed_ids
from careerpath.model import Catalogue, CompetencyNeed, Role
from careerpath.render.data import similarity_csv

from conftest import bundled_catalogue

LEVELS = ("awareness", "foundation", "practitioner", "advanced", "expert")

# Several needs may name one competency (at different levels, optional or not); ids come
# from a small alphabet so that roles share a lot, and a role may need nothing at all.
need = st.builds(
    CompetencyNeed, st.sampled_from("abcdefghijkl"), st.sampled_from(LEVELS), st.booleans()
)


def _oracle(roles: list[Role], include_optional: bool = False) -> list[list[float]]:
    """The definition, one pair at a time: Jaccard of the ids each role needs (role_needs)."""
    sets = [needed_ids(r, include_optional) for r in roles]
    return [[jaccard(a, b) for b in sets] for a in sets]


def _oracle_csv(roles: list[Role], values: list[list[float]]) -> str:
    """The CSV as it was written cell by cell before the matrix became sparse."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["role", *(r.id for r in roles)])
    for role, row in zip(roles, values, strict=True):
        writer.writerow([role.id, *(f"{v:.4g}" for v in row)])
    return buffer.getvalue()


@settings(deadline=None)  # the first example pays for importing scipy
@given(
    st.lists(st.lists(need, max_size=10), max_size=7),
    st.lists(st.integers(0, 6), max_size=3),
    st.booleans(),
)
def test_similarity_equals_the_pairwise_definition(role_needs, repeats, include_optional) -> None:
    roles = [
        Role(f"R{i}", f"R{i}", "f", competencies=tuple(needs)) for i, needs in enumerate(role_needs)
    ]
    # The same role chosen twice is compared with itself like any other pair.
    chosen = roles + [roles[i] for i in repeats if i < len(roles)]
    result = similarity_matrix(Catalogue(roles=tuple(roles)), chosen, include_optional)
    expected = _oracle(chosen, include_optional)
    assert list(result.rows()) == expected
    assert similarity_csv(result) == _oracle_csv(chosen, expected)


def test_similarity_of_the_bundled_roles_equals_the_definition() -> None:
    catalogue = bundled_catalogue()
    roles = list(catalogue.roles)
    result = similarity_matrix(catalogue, roles)
    expected = _oracle(roles)
    assert list(result.rows()) == expected
    assert similarity_csv(result) == _oracle_csv(roles, expected)
    # Not a trivial matrix: bundled roles share competencies, some partly.
    assert any(0 < v < 1 for row in expected for v in row)
