"""Role × competency matrices, and the all-pairs similarity matrix.

Similarity is a sparse matrix product (scipy), imported only when it is asked for, so the
commands that never need it start as fast as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

import msgspec

from careerpath.analysis.role_needs import needed, needed_ids
from careerpath.model import Catalogue, Competency, Role

__all__ = ["CompetencyMatrix", "SimilarityMatrix", "competency_matrix", "similarity_matrix"]


class CompetencyMatrix(msgspec.Struct, frozen=True):
    """Rows are roles, columns competencies; a cell is the level name or empty."""

    roles: tuple[Role, ...]
    competencies: tuple[Competency, ...]
    cells: tuple[tuple[str, ...], ...]


def competency_matrix(
    catalogue: Catalogue, roles: Sequence[Role], include_optional: bool = False
) -> CompetencyMatrix:
    """The matrix for these roles and the competencies at least one of them needs.

    What a role needs is ``analysis.role_needs``' answer, as in overlap and the similarity
    matrix. Columns are ordered by how many roles share them (most shared first), then
    domain, name.
    """
    needs = {r.id: {n.id: n.level for n in needed(r, include_optional)} for r in roles}
    counts: dict[str, int] = defaultdict(int)
    for levels in needs.values():
        for competency_id in levels:
            counts[competency_id] += 1
    columns = sorted(
        (catalogue.competency(c) for c in counts),
        key=lambda c: (-counts[c.id], c.domain, c.name),
    )
    cells = tuple(tuple(needs[r.id].get(c.id, "") for c in columns) for r in roles)
    return CompetencyMatrix(tuple(roles), tuple(columns), cells)


class SimilarityMatrix(msgspec.Struct, frozen=True):
    """Jaccard similarity of every pair of ``roles``, held compactly.

    Cell (i, j) is ``values[codes[i, j]]``: ``codes`` is an n × n integer array (numpy) and
    ``values`` the few distinct figures that occur, each computed once in Python exactly as
    :func:`careerpath.analysis.overlap.jaccard` would (code 0 is 0.0). A 3,000-role matrix is
    nine million cells but only a few thousand distinct fractions, so a renderer formats each
    figure once and looks the rest up.
    """

    roles: tuple[Role, ...]
    values: tuple[float, ...]
    codes: Any

    def rows(self) -> Iterator[list[float]]:
        """Each row as plain floats (for small matrices and tests)."""
        for row in self.codes:
            yield [self.values[code] for code in row.tolist()]


def similarity_matrix(
    catalogue: Catalogue, roles: Sequence[Role], include_optional: bool = False
) -> SimilarityMatrix:
    """Jaccard similarity of every pair of roles (diagonal 1.0 for roles with competencies).

    Counts what each role needs (``analysis.role_needs``), as ``overlap`` does, so the two
    agree.

    Shared counts for all pairs come from one sparse matrix product, B·Bᵀ, where B is the
    role × competency incidence matrix: at ESCO's 3,007 roles and 123,855 links that is a
    fraction of a second, against seconds for any per-pair Python loop. Each distinct
    (shared, union) pair is then divided and rounded once in Python, so every figure is
    exactly what ``jaccard`` gives for that pair.

    >>> from careerpath.model import Catalogue, Role, CompetencyNeed as N
    >>> a, b = Role("A", "A", "f", competencies=(N("x"), N("y"))), Role("B", "B", "f", competencies=(N("y"),))
    >>> list(similarity_matrix(Catalogue(roles=(a, b)), [a, b]).rows())
    [[1.0, 0.5], [0.5, 1.0]]
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    del catalogue  # the roles carry their competencies; kept for a uniform signature
    columns: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for role in roles:
        indices.extend(
            [columns.setdefault(c, len(columns)) for c in needed_ids(role, include_optional)]
        )
        indptr.append(len(indices))
    size = len(roles)
    incidence = csr_matrix(
        (np.ones(len(indices), dtype=np.int32), indices, indptr),
        shape=(size, max(1, len(columns))),
    )
    shared = (incidence @ incidence.T).tocsr()
    sizes = np.diff(np.asarray(indptr, dtype=np.int32))
    rows = np.repeat(np.arange(size, dtype=np.int32), np.diff(shared.indptr))
    counts = shared.data
    unions = sizes[rows] + sizes[shared.indices] - counts
    # One code per (shared, union) pair: shared ≥ 1 here, so key 0 is free for 0.0.
    span = 2 * int(sizes.max(initial=0)) + 1
    keys = counts * span + unions
    present = np.flatnonzero(np.bincount(keys, minlength=1))
    values = [0.0]
    lookup = np.zeros(int(present[-1]) + 1 if len(present) else 1, dtype=np.int32)
    for key in present.tolist():
        count, union = divmod(key, span)
        lookup[key] = len(values)
        values.append(round(count / union, 4))
    codes = np.zeros((size, size), dtype=np.int32)
    codes[rows, shared.indices] = lookup[keys]
    return SimilarityMatrix(tuple(roles), tuple(values), codes)
