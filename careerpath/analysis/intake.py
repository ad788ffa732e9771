"""Solving backwards: the smallest yearly intake that lets supply meet demand by a target year.

Each programme is solved on its own, every other intake held as the scenario sets it: "how
many places a year must this programme have, from the first projected year, for the median
(P50) staff in post of the role it leads to to reach that role's demand in the target year?"
The answers are not additive when two programmes feed one role.

The search doubles the places until the target is met, then bisects; and it proves what it
returns by projecting once more with one place fewer, which must fall short. Monte Carlo
projections reuse one seed, so every candidate sees the same uncertain rates.

Trainees already on a course at the start are held as the scenario has them whatever places
are tried from the first projected year: a planner changing next year's intake does not
change who is on the course now. An answer says what to write in the scenario
(``scenario_change``), so projecting the amended file gives the solved figure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from careerpath.analysis.scenario import Intake
from careerpath.analysis.supply import Compiled, YearFlows, simulate

__all__ = [
    "IntakeAnswer",
    "JointProgramme",
    "JointRole",
    "JointSolution",
    "scenario_change",
    "solve_intakes",
    "solve_joint",
]

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
    #: what to write under the intake in the scenario to project ``supply_at`` (empty when
    #: no answer), and the trainees on the course at the start it assumed (central rates)
    write: Mapping[str, object] = field(default_factory=dict)
    in_training: tuple[float, ...] = ()


def scenario_change(intake: Intake, places: int) -> dict[str, object]:
    """The fields to write under an intake so a projection of the scenario uses ``places``.

    The places, for every projected year; and, unless the scenario lists the trainees on the
    course, the places behind its steady pipeline at the start (``in_training: {steady: N}``):
    without it the pipeline would follow the new places and the projection would differ from
    the solver's, which keeps today's trainees.

    >>> from careerpath.analysis.scenario import Quantity
    >>> rate = Quantity("fixed", (1.0,), "s.yaml", 1, 1)
    >>> intake = Intake("dclinpsy", "CP", 3, "", ((2027, 8),), "", rate, rate, None, "")
    >>> scenario_change(intake, 41)
    {'places': 41, 'in_training': {'steady': 8}}
    """
    written: dict[str, object] = {"places": places}
    if intake.in_training is None:
        written["in_training"] = {"steady": intake.steady_places}
    return written


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
                write=scenario_change(intake, found),
                in_training=intake.trainees_at_start(),
            )
        )
    return answers


# ---------------------------------------------------------------------------------------
# Solving every programme together


@dataclass(frozen=True)
class JointProgramme:
    """One programme's place in a joint answer.

    ``places`` is None when the programme is held at the scenario's places (``reason`` says
    why: its graduates arrive after the target year, or its role has no demand). Otherwise
    ``short_role`` is a role whose P50 falls below its demand when this programme alone has
    one place fewer (``short_p50`` is that P50); None when ``places`` is already 0.
    """

    programme: str
    into: str
    current: int
    places: int | None
    reason: str = ""
    short_role: str | None = None
    short_p50: float | None = None
    short_demand: float | None = None
    #: what to write under the intake in the scenario (with every other programme's)
    write: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class JointRole:
    """A role the joint answer aims at: its demand and P50 staff in post with the answer."""

    role: str
    demand: float
    p50: float
    met: bool
    reason: str = ""


@dataclass(frozen=True)
class JointSolution:
    """Yearly places for every programme at once, meeting every fed role's demand together.

    Minimal in the sense that matters to a planner: lowering any single solved programme by
    one place leaves some role short (each programme carries that evidence). It is one such
    answer: programmes into the same role share it as the scenario shares them now, though
    places could be traded between them.
    """

    year: int
    programmes: tuple[JointProgramme, ...]
    roles: tuple[JointRole, ...]
    evaluations: int

    @property
    def total(self) -> int:
        """Places a year across the solved programmes."""
        return sum(p.places or 0 for p in self.programmes)


class _Joint:
    """Projects candidate intake vectors and says which aimed-at roles fall short."""

    def __init__(self, compiled: Compiled, year_index: int, runs: int, seed: int | None) -> None:
        self.compiled = compiled
        self.year_index = year_index
        self.runs = runs
        self.seed = seed
        self.evaluations = 0
        self.cache: dict[tuple[tuple[int, int], ...], np.ndarray] = {}

    def p50(self, places: dict[int, int]) -> np.ndarray:
        """P50 staff in post of every role in the target year with these places."""
        key = tuple(sorted(places.items()))
        if key not in self.cache:
            found: list[np.ndarray] = []

            def look(index: int, year: YearFlows) -> None:
                if index == self.year_index:
                    found.append(np.percentile(year.in_post, 50, axis=0))

            simulate(self.compiled, self.runs, self.seed, places, observe=look)
            self.evaluations += 1
            self.cache[key] = found[0]
        return self.cache[key]


def solve_joint(
    compiled: Compiled, target_year: int, runs: int = 0, seed: int | None = None
) -> JointSolution:
    """Yearly places for all programmes together so every fed role's P50 meets its demand.

    The deterministic projection is affine in the places (expected numbers), so it is
    measured once per programme and solved as a linear system: each role's places, shared
    among the programmes that lead to it as the scenario shares them now, set to the least
    that meets its demand given the others, until nothing moves; then each programme lowered
    while every role stays met. That answer is then checked on real projections (Monte Carlo ones when asked,
    which need not be exactly linear): raised while short, lowered while one fewer still
    meets every demand, until no single programme can lose a place.
    """
    scenario = compiled.scenario
    year_index = target_year - scenario.start_year
    seed_used = (seed if seed is not None else 0) if runs > 0 else None
    roles = compiled.roles
    demand = compiled.demand[year_index]
    free: list[int] = []
    held: dict[int, str] = {}
    for i, intake in enumerate(scenario.intakes):
        role = roles.index(intake.into)
        first = scenario.start_year + 1 + intake.years
        if first > target_year:
            held[i] = f"its first new graduates join in {first}, after {target_year}"
        elif np.isnan(demand[role]):
            held[i] = f"no demand is set for '{intake.into}'"
        else:
            free.append(i)
    current = {i: intake.places[0][1] for i, intake in enumerate(scenario.intakes)}
    fixed = {i: current[i] for i in held}
    aimed = sorted({roles.index(scenario.intakes[i].into) for i in free})

    # The linear model, from the expectation: P50 of a deterministic projection is its value.
    expected = _Joint(compiled, year_index, 0, None)
    unit = 1000
    base = expected.p50({**fixed, **dict.fromkeys(free, 0)})
    effect = np.zeros((len(roles), len(free)))
    for k, i in enumerate(free):
        effect[:, k] = (expected.p50({**fixed, **dict.fromkeys(free, 0), i: unit}) - base) / unit
    need = demand[aimed] - base[aimed]
    gains = effect[aimed]
    reasons: dict[int, str] = {}
    reachable = []
    for row, role in enumerate(aimed):
        most = float(gains[row].clip(min=0).sum()) * MOST_PLACES
        if need[row] > most + 1e-9:
            reasons[role] = (
                f"not met even with {MOST_PLACES:,} places a year on every programme"
                if gains[row].max() > 1e-12
                else "no programme's graduates reach it by then"
            )
        else:
            reachable.append(row)
    x = np.zeros(len(free), dtype=np.int64)
    if reachable:
        own = np.asarray(
            [
                reachable.index(row) if row in reachable else -1
                for row in (aimed.index(roles.index(scenario.intakes[i].into)) for i in free)
            ],
            dtype=np.int64,
        )
        mix = np.asarray([float(current[i]) for i in free])
        x = _coordinate_solve(gains[reachable], need[reachable], own, mix)

    # Check on real projections, and settle any rounding or Monte Carlo unevenness there.
    real = _Joint(compiled, year_index, runs, seed_used)
    goal = [aimed[row] for row in reachable]

    def places_of(vector: np.ndarray) -> dict[int, int]:
        return {**fixed, **{i: int(v) for i, v in zip(free, vector, strict=True)}}

    def short(vector: np.ndarray) -> list[int]:
        values = real.p50(places_of(vector))
        return [r for r in goal if values[r] < demand[r] - 1e-9]

    into = np.asarray([roles.index(scenario.intakes[i].into) for i in free], dtype=np.int64)
    while (falling := short(x)) and x.max(initial=0) < MOST_PLACES:
        # raise the programmes into the roles that fall short (all, if none leads there)
        raise_ = np.isin(into, falling)
        raise_ = raise_ if raise_.any() else np.ones_like(raise_)
        x[raise_] = np.minimum(np.ceil(x[raise_] * 1.02).astype(np.int64) + 1, MOST_PLACES)
    x = _descend(x, lambda v: not short(v))

    final = real.p50(places_of(x))
    programmes = []
    for i, intake in enumerate(scenario.intakes):
        if i in held:
            programmes.append(
                JointProgramme(intake.programme, intake.into, current[i], None, held[i])
            )
            continue
        k = free.index(i)
        write = scenario_change(intake, int(x[k]))
        answer = JointProgramme(intake.programme, intake.into, current[i], int(x[k]), write=write)
        if x[k] > 0:
            lower = x.copy()
            lower[k] -= 1
            values = real.p50(places_of(lower))
            falls = [r for r in goal if values[r] < demand[r] - 1e-9]
            if falls:
                r = falls[0]
                answer = JointProgramme(
                    intake.programme,
                    intake.into,
                    current[i],
                    int(x[k]),
                    short_role=roles[r],
                    short_p50=float(values[r]),
                    short_demand=float(demand[r]),
                    write=write,
                )
        programmes.append(answer)
    aimed_roles = tuple(
        JointRole(
            roles[r],
            float(demand[r]),
            float(final[r]),
            bool(final[r] >= demand[r] - 1e-9),
            reasons.get(r, ""),
        )
        for r in aimed
    )
    return JointSolution(
        target_year, tuple(programmes), aimed_roles, expected.evaluations + real.evaluations
    )


def _coordinate_solve(
    gains: np.ndarray, need: np.ndarray, own: np.ndarray, mix: np.ndarray
) -> np.ndarray:
    """Least whole places per programme with ``gains @ x >= need``, keeping today's mix.

    Programmes that lead to the same role share its places in the proportion the scenario
    gives them now (equally when all are 0): the planner's mix is kept, not replaced by the
    cheapest route alone. Each role's total is the least that meets it given the others,
    repeated until nothing moves; then any programme that can still lose places (a role met
    through another's progressions) is lowered, so no single one can lose a place.
    """
    count = gains.shape[1]
    share = np.zeros(count)
    for row in range(gains.shape[0]):
        members = np.flatnonzero(own == row)
        if members.size:
            weights = mix[members]
            total = weights.sum()
            share[members] = weights / total if total > 0 else 1 / members.size

    def spread(x: np.ndarray, row: int, places: int) -> np.ndarray:
        members = own == row
        x = x.copy()
        x[members] = np.ceil(places * share[members] - 1e-9).astype(np.int64)
        return x

    x = np.zeros(count, dtype=np.int64)
    for _ in range(100):
        before = x.copy()
        for row in range(gains.shape[0]):
            if not (own == row).any():
                continue
            if gains[row] @ spread(x, row, 0) >= need[row] - 1e-9:
                x = spread(x, row, 0)
                continue
            high = 1
            while gains[row] @ spread(x, row, high) < need[row] - 1e-9 and high < MOST_PLACES:
                high *= 2
            low = 0
            while high - low > 1:
                middle = (low + high) // 2
                if gains[row] @ spread(x, row, middle) >= need[row] - 1e-9:
                    high = middle
                else:
                    low = middle
            x = spread(x, row, high)
        if (x == before).all():
            break
    for _ in range(100):
        moved = False
        for k in range(count):
            others = gains @ x - gains[:, k] * x[k]
            bound = 0
            for r in np.flatnonzero(gains[:, k] > 1e-12):
                bound = max(bound, int(np.ceil((need[r] - others[r]) / gains[r, k] - 1e-9)))
            if bound < x[k]:
                x[k], moved = bound, True
        if not moved:
            break
    return x


def _descend(x: np.ndarray, meets: Callable[[np.ndarray], bool]) -> np.ndarray:
    """Lower each programme while every role is still met, until none can lose a place."""
    x = x.copy()
    for _ in range(20):
        moved = False
        for k in range(x.size):
            if x[k] == 0:
                continue
            lower = x.copy()
            lower[k] -= 1
            if not meets(lower):
                continue
            low, high = -1, int(x[k]) - 1  # high meets; find the least that does
            while high - low > 1:
                middle = (low + high) // 2
                lower[k] = middle
                if meets(lower):
                    high = middle
                else:
                    low = middle
            lower[k] = high
            while lower[k] > 0:
                lower[k] -= 1
                if not meets(lower):
                    lower[k] += 1
                    break
            x, moved = lower, True
        if not moved:
            break
    return x
