"""Role × competency matrices, and the all-pairs similarity matrix.

Similarity uses an inverted index (competency → roles), so only pairs that share something
are ever touched: at 3,000 roles this is far cheaper than comparing every pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import msgspec

from careerpath.analysis.needs import needed, needed_ids
from careerpath.model import Catalogue, Competency, Role

__all__ = ["CompetencyMatrix", "competency_matrix", "similarity_matrix"]


class CompetencyMatrix(msgspec.Struct, frozen=True):
    """Rows are roles, columns competencies; a cell is the level name or empty."""

    roles: tuple[Role, ...]
    competencies: tuple[Competency, ...]
    cells: tuple[tuple[str, ...], ...]


def competency_matrix(
    catalogue: Catalogue, roles: Sequence[Role], include_optional: bool = False
) -> CompetencyMatrix:
    """The matrix for these roles and the competencies at least one of them needs.

    What a role needs is ``analysis.needs``' answer, as in overlap and the similarity matrix.
    Columns are ordered by how many roles share them (most shared first), then domain, name.
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


def similarity_matrix(
    catalogue: Catalogue, roles: Sequence[Role], include_optional: bool = False
) -> list[list[float]]:
    """Jaccard similarity of every pair of roles (diagonal 1.0 for roles with competencies).

    Counts what each role needs (``analysis.needs``), as ``overlap`` does, so the two agree.

    >>> from careerpath.model import Catalogue, Role, CompetencyNeed as N
    >>> a, b = Role("A", "A", "f", competencies=(N("x"), N("y"))), Role("B", "B", "f", competencies=(N("y"),))
    >>> similarity_matrix(Catalogue(roles=(a, b)), [a, b])
    [[1.0, 0.5], [0.5, 1.0]]
    """
    needs = [needed_ids(r, include_optional) for r in roles]
    sizes = [len(ids) for ids in needs]
    holders: dict[str, list[int]] = defaultdict(list)
    for i, ids in enumerate(needs):
        for competency_id in ids:
            holders[competency_id].append(i)
    shared: list[defaultdict[int, int]] = [defaultdict(int) for _ in roles]
    for members in holders.values():
        for position, i in enumerate(members):
            row = shared[i]
            for j in members[position + 1 :]:
                row[j] += 1
    size = len(roles)
    matrix = [[0.0] * size for _ in range(size)]
    for i in range(size):
        if sizes[i]:
            matrix[i][i] = 1.0
        for j, count in shared[i].items():
            value = round(count / (sizes[i] + sizes[j] - count), 4)
            matrix[i][j] = matrix[j][i] = value
    return matrix
