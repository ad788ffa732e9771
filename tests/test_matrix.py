"""The all-pairs similarity matrix: the sparse products against the pair-by-pair definition.

The matrix shows ``similar``'s score for every move, row → column (``move_by_definition``).
It showed the Jaccard index of all essential competencies until 2026-12-03, when the KSF
core dimensions every post shares were found deciding which roles looked alike; the oracle
changed with it.
"""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.analysis.matrix import similarity_matrix
from careerpath.model import Catalogue, Competency, CompetencyNeed, Role
from careerpath.render.data import similarity_csv

from conftest import bundled_catalogue, move_by_definition

LEVELS = ("awareness", "foundation", "practitioner", "advanced", "expert")

# Several needs may name one competency (at different levels, optional or not); ids come
# from a small alphabet so that roles share a lot, and a role may need nothing at all.
need = st.builds(
    CompetencyNeed, st.sampled_from("abcdefghijkl"), st.sampled_from(LEVELS), st.booleans()
)


def _oracle(
    catalogue: Catalogue, roles: list[Role], include_optional: bool = False
) -> list[list[float]]:
    """The definition, one pair at a time: the move score from the row to the column role."""
    return [
        [move_by_definition(catalogue, a, b, include_optional)[0] for b in roles] for a in roles
    ]


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
    # "a" is generic (as the KSF core dimensions are): no cell counts it.
    catalogue = Catalogue(
        roles=tuple(roles), competencies=(Competency("a", "A", "d", generic=True),)
    )
    result = similarity_matrix(catalogue, chosen, include_optional)
    expected = _oracle(catalogue, chosen, include_optional)
    assert list(result.rows()) == expected
    assert similarity_csv(result) == _oracle_csv(chosen, expected)


def test_similarity_of_the_bundled_roles_equals_the_definition() -> None:
    catalogue = bundled_catalogue()
    roles = list(catalogue.roles)
    result = similarity_matrix(catalogue, roles)
    expected = _oracle(catalogue, roles)
    assert list(result.rows()) == expected
    assert similarity_csv(result) == _oracle_csv(roles, expected)
    # Not a trivial matrix: bundled roles share competencies, some partly.
    assert any(0 < v < 1 for row in expected for v in row)
