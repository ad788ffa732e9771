"""Weighted set cover: the cheapest collection of courses that teaches everything needed.

Exact by branch and bound (no ILP solver) when at most ``exact_limit`` candidate sets remain
after dominated ones are dropped; greedy (cost per newly covered element) beyond that, and the
result then says it is approximate. Greedy is within a factor H(n) = 1 + 1/2 + … + 1/n of the
optimum, n being the most elements one set covers (Chvátal 1979).
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

__all__ = ["EXACT_LIMIT", "Cover", "cheapest_cover"]

#: Most candidate sets solved exactly; 2^20 subsets is the worst case branch and bound faces.
EXACT_LIMIT = 20


class Cover(msgspec.Struct, frozen=True):
    """A cover: the chosen set ids (sorted), their total cost, and whether it is proven cheapest.

    ``uncoverable`` lists the elements no candidate holds (they stay unmet).
    """

    chosen: tuple[str, ...]
    cost: int
    exact: bool
    uncoverable: tuple[str, ...] = ()
    candidates: int = 0  # sets left after dominated ones were dropped


def cheapest_cover(
    universe: frozenset[str],
    candidates: Mapping[str, tuple[frozenset[str], int]],
    exact_limit: int = EXACT_LIMIT,
) -> Cover:
    """Cover ``universe`` with candidate sets (id → (elements, cost ≥ 0)) at least total cost.

    Elements no candidate holds are returned as ``uncoverable`` and the rest are covered.
    Ties are broken by id so the answer is deterministic.

    >>> cheapest_cover(frozenset("ab"), {"x": (frozenset("ab"), 5), "y": (frozenset("a"), 1),
    ...                                  "z": (frozenset("b"), 1)})
    Cover(chosen=('y', 'z'), cost=2, exact=True, uncoverable=(), candidates=3)
    """
    coverable = frozenset().union(*(s & universe for s, _ in candidates.values()))
    uncoverable = tuple(sorted(universe - coverable))
    target = universe & coverable
    sets = _undominated({k: (s & target, c) for k, (s, c) in candidates.items() if s & target})
    if not target:
        return Cover((), 0, True, uncoverable)
    greedy = _greedy(target, sets)
    if len(sets) > exact_limit:
        return Cover(greedy, sum(sets[k][1] for k in greedy), False, uncoverable, len(sets))
    chosen, cost = _branch_and_bound(target, sets, greedy)
    return Cover(chosen, cost, True, uncoverable, len(sets))


def _undominated(
    sets: dict[str, tuple[frozenset[str], int]],
) -> dict[str, tuple[frozenset[str], int]]:
    """Drop a set when another covers all it covers for no more cost (keeps the optimum)."""
    order = sorted(sets, key=lambda k: (sets[k][1], -len(sets[k][0]), k))
    kept: dict[str, tuple[frozenset[str], int]] = {}
    for key in order:
        elements, cost = sets[key]
        if not any(elements <= e and c <= cost for e, c in kept.values()):
            kept[key] = (elements, cost)
    return kept


def _greedy(
    target: frozenset[str], sets: Mapping[str, tuple[frozenset[str], int]]
) -> tuple[str, ...]:
    left = set(target)
    chosen: list[str] = []
    while left:
        best = min(
            (k for k in sets if sets[k][0] & left),
            key=lambda k: (sets[k][1] / len(sets[k][0] & left), k),
        )
        chosen.append(best)
        left -= sets[best][0]
    return tuple(sorted(chosen))


def _branch_and_bound(
    target: frozenset[str],
    sets: Mapping[str, tuple[frozenset[str], int]],
    incumbent: tuple[str, ...],
) -> tuple[tuple[str, ...], int]:
    """The cheapest cover, by branching on the element with fewest covering sets.

    The bound is the dearest cheapest-way-to-cover of any one uncovered element: any cover of
    the rest costs at least that, so pruning there never loses the optimum.
    """
    covering = {
        e: sorted((k for k in sets if e in sets[k][0]), key=lambda k: (sets[k][1], k))
        for e in target
    }
    cheapest = {e: sets[covering[e][0]][1] for e in target}
    best_key, best_cost = tuple(sorted(incumbent)), sum(sets[k][1] for k in incumbent)

    def search(left: frozenset[str], chosen: tuple[str, ...], cost: int) -> None:
        nonlocal best_key, best_cost
        if not left:
            ordered = tuple(sorted(chosen))
            if (cost, ordered) < (best_cost, best_key):
                best_key, best_cost = ordered, cost
            return
        if cost + max(cheapest[e] for e in left) > best_cost:
            return
        element = min(left, key=lambda e: (len(covering[e]), e))
        for key in covering[element]:
            search(left - sets[key][0], (*chosen, key), cost + sets[key][1])

    search(target, (), 0)
    return best_key, best_cost
