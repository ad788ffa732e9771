"""Solving backwards: the smallest yearly intake that lets supply meet demand by a target year.

Each programme is solved on its own, every other intake held as the scenario sets it: "how
many places a year must this programme have, from the first projected year, for the median
(P50) staff in post of the role it leads to to reach that role's demand in the target year?"
The answers are not additive when two programmes feed one role.

The search doubles the places until the target is met, then bisects; and it proves what it
returns by projecting once more with one place fewer, which must fall short. Monte Carlo
projections reuse one seed, so every candidate sees the same uncertain rates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from careerpath.analysis.supply import Compiled, YearFlows, simulate

__all__ = ["IntakeAnswer", "solve_intakes"]

#: Largest yearly intake tried for one programme before it is reported unreachable.
MOST_PLACES = 1_000_000


@dataclass(frozen=True)
class IntakeAnswer:
    """The intake one programme needs, with the evidence that one fewer is not enough.

    ``places`` is None when no intake up to MOST_PLACES meets demand by ``year`` (the first
    graduates arrive too late, or leavers outrun any intake); ``reason`` then says why.
    """

    programme: str
    into: str
    current: int
    places: int | None
    year: int
    demand: float
    supply_at: float  # P50 in post in the target year with ``places``
    supply_below: float | None  # P50 in post with ``places - 1`` (None when places is 0)
    reason: str = ""


def _median_in_post(
    compiled: Compiled, runs: int, seed: int | None, *, intake: int, places: int, year_index: int
) -> float:
    role = compiled.roles.index(compiled.scenario.intakes[intake].into)
    found: list[float] = []

    def look(index: int, year: YearFlows) -> None:
        if index == year_index:
            found.append(float(np.percentile(year.in_post[:, role], 50)))

    simulate(compiled, runs, seed, {intake: places}, observe=look)
    return found[0]


def solve_intakes(
    compiled: Compiled, target_year: int, runs: int = 0, seed: int | None = None
) -> list[IntakeAnswer]:
    """The smallest constant yearly places for each intake so P50 supply meets demand by the target year."""
    scenario = compiled.scenario
    year_index = target_year - scenario.start_year
    seed_used = (seed if seed is not None else 0) if runs > 0 else None
    answers = []
    for i, intake in enumerate(scenario.intakes):
        role = compiled.roles.index(intake.into)
        current = intake.places[0][1]
        demand = float(compiled.demand[year_index, role])
        if np.isnan(demand):
            answers.append(
                IntakeAnswer(
                    intake.programme,
                    intake.into,
                    current,
                    None,
                    target_year,
                    demand,
                    0.0,
                    None,
                    f"no demand is set for '{intake.into}'",
                )
            )
            continue

        def supply(places: int, index: int = i) -> float:
            return _median_in_post(
                compiled, runs, seed_used, intake=index, places=places, year_index=year_index
            )

        def meets(places: int, needed: float = demand) -> bool:
            return supply(places) >= needed - 1e-9

        found = 0
        if not meets(0):
            high = 1
            while high <= MOST_PLACES and not meets(high):
                high *= 2
            if high > MOST_PLACES:
                first = scenario.start_year + 1 + intake.years
                reason = (
                    f"the first new {intake.programme} graduates join in {first}, after {target_year}"
                    if first > target_year
                    else f"not met even with {MOST_PLACES:,} places a year"
                )
                answers.append(
                    IntakeAnswer(
                        intake.programme,
                        intake.into,
                        current,
                        None,
                        target_year,
                        demand,
                        supply(current),
                        None,
                        reason,
                    )
                )
                continue
            low = high // 2  # fails (or is 0, which failed above)
            while high - low > 1:
                middle = (low + high) // 2
                if meets(middle):
                    high = middle
                else:
                    low = middle
            found = high
            # Monte Carlo medians need not rise strictly with places: walk down until one
            # fewer fails, so "one fewer is not enough" always holds for the answer.
            while found > 0 and meets(found - 1):
                found -= 1
        answers.append(
            IntakeAnswer(
                intake.programme,
                intake.into,
                current,
                found,
                target_year,
                demand,
                supply(found),
                supply(found - 1) if found > 0 else None,
            )
        )
    return answers
