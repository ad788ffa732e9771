"""Role × competency matrices, and the all-pairs similarity matrix.

Similarity is a sparse matrix product (scipy), imported only when it is asked for, so the
commands that never need it start as fast as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

import msgspec

from careerpath.analysis.role_needs import generic_ids, held_levels, needed, specific
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
    """How much of each role's role-specific needs each other role holds, held compactly.

    Cell (i, j) is ``values[codes[i, j]]``: the :func:`careerpath.analysis.similar.move_score`
    of a move from row role i to column role j, the figure ``similar`` shows for that pair.
    ``codes`` is an n × n integer array (numpy) and ``values`` the few distinct figures that
    occur, each computed once in Python exactly as ``move_score`` does (code 0 is 0.0). A
    3,000-role matrix is nine million cells but only a few thousand distinct fractions, so a
    renderer formats each figure once and looks the rest up.
    """

    roles: tuple[Role, ...]
    values: tuple[float, ...]
    codes: Any
    #: The competencies left out of every figure: those every post shares.
    generic: tuple[str, ...] = ()

    def rows(self) -> Iterator[list[float]]:
        """Each row as plain floats (for small matrices and tests)."""
        for row in self.codes:
            yield [self.values[code] for code in row.tolist()]


def similarity_matrix(
    catalogue: Catalogue, roles: Sequence[Role], include_optional: bool = False
) -> SimilarityMatrix:
    """``similar``'s score for every ordered pair of roles (row → column).

    Scores count role-specific needs only (``role_needs.specific``), as ``similar`` and
    ``overlap`` do, so the three agree. The diagonal is 1.0 for a role with such needs.

    The credit of every pair comes from one sparse product per level needed:
    credit = Σ_b (Σ_a credit(a, b) · H_a)·N_bᵀ, where H_a marks what each role holds at rank a
    and N_b what each needs at rank b. At 3,000 roles of 40 needs that is about half a second,
    against minutes for a per-pair Python loop. Credits are whole numbers
    (``similar.CREDIT_UNIT``), so each distinct (credit, size) pair is divided and rounded once
    in Python, exactly as ``move_score`` does.

    >>> from careerpath.model import Catalogue, Role, CompetencyNeed as N
    >>> a = Role("A", "A", "f", competencies=(N("x"), N("y")))
    >>> b = Role("B", "B", "f", competencies=(N("y"),))
    >>> c = Role("C", "C", "f", competencies=(N("z"),))
    >>> list(similarity_matrix(Catalogue(roles=(a, b, c)), [a, b]).rows())
    [[1.0, 1.0], [0.5, 1.0]]
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    from careerpath.analysis.similar import CREDIT_UNIT, credit

    generic = generic_ids(catalogue)
    columns: dict[str, int] = {}
    size = len(roles)

    def incidence(pairs: list[list[int]]) -> csr_matrix:  # built once every column is known
        indptr = np.cumsum([0, *(len(p) for p in pairs)])
        indices = [c for p in pairs for c in p]
        return csr_matrix(
            (np.ones(len(indices), dtype=np.int64), indices, indptr),
            shape=(size, width),
        )

    # Per level, each role's column indices: what it holds at that rank, what it needs at it.
    held_at: dict[int, list[list[int]]] = defaultdict(lambda: [[] for _ in roles])
    needed_at: dict[int, list[list[int]]] = defaultdict(lambda: [[] for _ in roles])
    sizes = np.zeros(size, dtype=np.int64)
    for row, role in enumerate(roles):
        for competency_id, rank in held_levels(role).items():
            held_at[rank][row].append(columns.setdefault(competency_id, len(columns)))
        needs = specific(role, generic, include_optional)
        sizes[row] = len(needs)
        for n in needs:
            needed_at[n.rank][row].append(columns.setdefault(n.id, len(columns)))
    width = max(1, len(columns))
    holding = {a: incidence(p) for a, p in held_at.items()}
    total = csr_matrix((size, size), dtype=np.int64)
    for b, pairs in needed_at.items():
        # What each role's holdings earn towards needs at rank b: one weighted matrix, one product.
        earns = csr_matrix((size, width), dtype=np.int64)
        for a, have in holding.items():
            earns = earns + credit(a, b) * have
        total = total + earns @ incidence(pairs).T.tocsr()
    total = total.tocsr()
    total.eliminate_zeros()
    rows = np.repeat(np.arange(size, dtype=np.int64), np.diff(total.indptr))
    # One code per (credit, size) pair; credit ≤ CREDIT_UNIT · size, so the key is unique.
    span = CREDIT_UNIT * int(sizes.max(initial=0)) + 1
    present, inverse = np.unique(total.data * span + sizes[total.indices], return_inverse=True)
    values = [0.0]
    for key in present.tolist():
        earned, whole = divmod(key, span)
        values.append(round(earned / (CREDIT_UNIT * whole), 4))
    codes = np.zeros((size, size), dtype=np.int32)
    codes[rows, total.indices] = inverse.reshape(-1) + 1
    return SimilarityMatrix(tuple(roles), tuple(values), codes, tuple(sorted(generic)))
