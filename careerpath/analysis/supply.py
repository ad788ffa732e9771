"""Workforce supply projection: a stock-and-flow (Markov manpower) model stepped a year at a time.

Only ``careerpath supply`` imports this module (numpy loads with it, never at start-up).

Each year, from the stocks at the start of the year:

* staff in post leave, retire, or progress along the catalogue's edges (a yearly share of the
  staff who have served the edge's experience wait), the rest stay and age;
* trainees on each programme pass a year of training (losing the course's attrition spread
  evenly over its years; a progression programme's attrition too, when the scenario gives
  one: those movers have left their old role and are lost to the modelled workforce); the final-year trainees who pass join the role the programme leads
  to; new starters (places × fill rate) begin the first year;
* international recruits, returners and people recruited straight into a role (no
  training programme) join directly.

People are tracked in *slots*: role × age band × whole years served in the role (up to the
longest experience wait out of the role), so a progression never takes someone before the
wait the catalogue holds. Staff in post at the start are taken to have served every wait.

Two drawers share one code path: the deterministic projection moves expected numbers
(stock × rate), so it is the Markov expectation; the Monte Carlo projection draws each
uncertain rate once per run (it holds for the whole horizon: it is what we don't know) and
then draws people binomially each year (chance). Arrays are shaped runs × slots, so a
thousand runs cost little more than one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from careerpath.analysis.scenario import Quantity, Scenario

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]
    Array = NDArray[Any]  # people: floats when expected, integers when drawn

__all__ = [
    "BANDED",
    "METRICS",
    "Compiled",
    "Projection",
    "YearFlows",
    "compile_scenario",
    "project",
    "simulate",
]

#: Per role per year, in this order; "gap" is demand minus staff in post (positive = short).
METRICS = (
    "in_post",
    "in_training",
    "joiners",
    "recruits",
    "leavers",
    "retirements",
    "moves_out",
    "moves_in",
    "starters",
    "training_losses",
    "gap",
)


#: The stocks carry P10/P50/P90 bands (and the gap, from staff in post); flows carry means.
BANDED = ("in_post", "in_training")


@dataclass(frozen=True)
class Compiled:
    """A scenario as index arrays: everything the yearly step needs, built once."""

    scenario: Scenario
    roles: tuple[str, ...]
    params: tuple[Quantity, ...]  # index 0 is the constant 0
    slot_role: Ints
    role_start: Ints  # first slot of each role (slots are grouped by role)
    stay_next: Ints  # slot a stayer moves to (one more year served, same band)
    age_next: Ints  # slot a stayer who ages into the next band moves to (-1: none)
    age_share: Floats  # share of a slot's stayers who age into the next band each year
    leave_param: Ints
    retire_param: Ints
    initial: Floats  # staff in post at the start, per slot
    #: progression (slot, edge) pairs: source slot, rate parameter, destination slot or
    #: pipeline, and rank among the slot's edges (competing outflows are drawn in order)
    pair_slot: Ints
    pair_param: Ints
    pair_dest_slot: Ints  # -1 when the move goes through a programme
    pair_pipeline: Ints  # -1 when the move is direct
    pair_rank: Ints
    #: pipelines (a programme's trainees heading for one role): length, attrition, feed
    pipe_years: Ints
    pipe_attrition: Ints  # parameter index of the whole-course attrition (0: none)
    pipe_dest_slot: Ints
    pipe_dest_role: Ints
    pipe_internal: NDArray[np.bool_]  # fed by progressions (arrivals count as moves in)
    pipe_fill: Ints  # parameter index of the fill rate (external pipelines)
    pipe_places: Ints  # shape pipelines × horizon: places each projected year
    #: places a year behind the steady pipeline already on each course at the start (the
    #: scenario's, never the solver's: changing the places ahead leaves today's trainees)
    pipe_steady_places: Ints
    pipe_initial: Floats | None  # pipelines × max length: trainees at the start, if given
    pipe_steady: NDArray[np.bool_]  # start from a steady pipeline (no in_training given)
    inflow_role_slot: Ints  # slot where international recruits and returners arrive
    inflow_param: Ints  # parameter index of each inflow (count a year)
    demand: Floats  # years × roles
    fte_ratio: Floats  # FTE per head at the start, per role (nan if not given)
    intake_pipeline: tuple[int, ...] = field(default=())  # pipeline of each scenario intake


def compile_scenario(scenario: Scenario) -> Compiled:  # noqa: PLR0912, PLR0915 (one pass builds every index; split, the slot bookkeeping would be repeated)
    """Turn a checked scenario into the index arrays the projection steps through."""
    roles = tuple(r.role for r in scenario.roles)
    index = {r: i for i, r in enumerate(roles)}
    params: list[Quantity] = [Quantity("fixed", (0.0,), "", 0, 0)]
    seen: dict[Quantity, int] = {}

    def param(q: Quantity | None) -> int:
        if q is None:
            return 0
        if q not in seen:
            seen[q] = len(params)
            params.append(q)
        return seen[q]

    bands = scenario.bands
    nb = len(bands)
    waits = dict.fromkeys(roles, 0)
    for m in scenario.moves:
        waits[m.source] = max(waits[m.source], m.wait_years)
    tenure = {r: waits[r] + 1 for r in roles}
    role_start, offset = [], 0
    for r in roles:
        role_start.append(offset)
        offset += nb * tenure[r]
    n = offset

    def slot(role: str, band: int, served: int) -> int:
        return role_start[index[role]] + band * tenure[role] + min(served, tenure[role] - 1)

    slot_role = np.zeros(n, np.int64)
    stay_next = np.zeros(n, np.int64)
    age_next = np.full(n, -1, np.int64)
    age_share = np.zeros(n)
    leave_param = np.zeros(n, np.int64)
    retire_param = np.zeros(n, np.int64)
    initial = np.zeros(n)
    for supply in scenario.roles:
        r = supply.role
        for b in range(nb):
            for k in range(tenure[r]):
                s = slot(r, b, k)
                slot_role[s] = index[r]
                stay_next[s] = slot(r, b, k + 1)
                if bands[b].years and b + 1 < nb:
                    age_next[s] = slot(r, b + 1, k + 1)
                    age_share[s] = 1 / bands[b].years
                leave_param[s] = param(supply.leaver[b])
                retire_param[s] = param(supply.retirement[b])
            initial[slot(r, b, tenure[r] - 1)] = supply.in_post[b]

    pipe_years: list[int] = []
    pipe_attrition: list[int] = []
    pipe_dest_slot: list[int] = []
    pipe_dest_role: list[int] = []
    pipe_internal: list[bool] = []
    pipe_fill: list[int] = []
    pipe_places: list[list[int]] = []
    pipe_steady_places: list[int] = []
    pipe_given: list[tuple[float, ...] | None] = []
    intake_pipeline = []
    for intake in scenario.intakes:
        intake_pipeline.append(len(pipe_years))
        pipe_years.append(intake.years)
        pipe_attrition.append(param(intake.attrition))
        pipe_dest_slot.append(slot(intake.into, scenario.joiner_band, 0))
        pipe_dest_role.append(index[intake.into])
        pipe_internal.append(False)
        pipe_fill.append(param(intake.fill))
        pipe_places.append([p for _, p in intake.places])
        pipe_steady_places.append(intake.steady_places)
        pipe_given.append(intake.in_training)

    pairs: list[tuple[int, int, int, int, int]] = []
    rank_of: dict[int, int] = {}
    for m in scenario.moves:
        rate = param(m.rate)
        for b in range(nb):
            pipeline = -1
            if m.years:
                pipeline = len(pipe_years)
                pipe_years.append(m.years)
                pipe_attrition.append(param(m.attrition))
                pipe_dest_slot.append(slot(m.target, b, 0))
                pipe_dest_role.append(index[m.target])
                pipe_internal.append(True)
                pipe_fill.append(0)
                pipe_places.append([0] * scenario.horizon)
                pipe_steady_places.append(0)
                pipe_given.append(None)
            for k in range(m.wait_years, tenure[m.source]):
                s = slot(m.source, b, k)
                rank = rank_of.get(s, 0)
                rank_of[s] = rank + 1
                dest = slot(m.target, b, 0) if pipeline < 0 else -1
                pairs.append((s, rate, dest, pipeline, rank))

    longest = max(pipe_years, default=1)
    pipe_initial = None
    if any(g is not None for g in pipe_given):
        pipe_initial = np.zeros((len(pipe_years), longest))
        for q, given in enumerate(pipe_given):
            if given is not None:
                pipe_initial[q, longest - pipe_years[q] :] = given

    inflow_slot, inflow_param = [], []
    for supply in scenario.roles:
        for inflow in (supply.international, supply.returners, supply.recruits):
            if inflow is not None:
                inflow_slot.append(slot(supply.role, scenario.joiner_band, 0))
                inflow_param.append(param(inflow))

    years = scenario.years
    demand = np.full((len(years), len(roles)), np.nan)
    fte_ratio = np.full(len(roles), np.nan)
    for i, supply in enumerate(scenario.roles):
        if supply.demand is not None:
            demand[:, i] = supply.demand.series(scenario.start_year, scenario.horizon)
        total = sum(supply.in_post)
        if supply.fte is not None and supply.unit == "headcount" and total > 0:
            fte_ratio[i] = supply.fte / total

    def ints(values: Sequence[int]) -> Ints:
        return np.asarray(values, dtype=np.int64).reshape(-1)

    columns: list[Sequence[int]] = [[p[i] for p in pairs] for i in range(5)]
    return Compiled(
        scenario=scenario,
        roles=roles,
        params=tuple(params),
        slot_role=slot_role,
        role_start=ints(role_start),
        stay_next=stay_next,
        age_next=age_next,
        age_share=age_share,
        leave_param=leave_param,
        retire_param=retire_param,
        initial=initial,
        pair_slot=ints(columns[0]),
        pair_param=ints(columns[1]),
        pair_dest_slot=ints(columns[2]),
        pair_pipeline=ints(columns[3]),
        pair_rank=ints(columns[4]),
        pipe_years=ints(pipe_years),
        pipe_attrition=ints(pipe_attrition),
        pipe_dest_slot=ints(pipe_dest_slot),
        pipe_dest_role=ints(pipe_dest_role),
        pipe_internal=np.asarray(pipe_internal, dtype=np.bool_),
        pipe_fill=ints(pipe_fill),
        pipe_places=np.asarray(pipe_places, dtype=np.int64).reshape(
            len(pipe_years), scenario.horizon
        ),
        pipe_steady_places=ints(pipe_steady_places),
        pipe_initial=pipe_initial,
        pipe_steady=np.asarray([g is None for g in pipe_given], dtype=np.bool_),
        inflow_role_slot=ints(inflow_slot),
        inflow_param=ints(inflow_param),
        demand=demand,
        fte_ratio=fte_ratio,
        intake_pipeline=tuple(intake_pipeline),
    )


def sample_params(params: Sequence[Quantity], rng: np.random.Generator | None, runs: int) -> Floats:
    """Each parameter's value in each run (runs × parameters); central values without rng.

    A run draws every uncertain rate once and keeps it for the whole horizon: the band shows
    what we do not know about the rate, not year-to-year wobble. Draws are made parameter by
    parameter in scenario order, so the same seed gives the same numbers.
    """
    values = np.empty((runs, len(params)))
    for j, q in enumerate(params):
        v = q.values
        if rng is None or q.kind == "fixed":
            values[:, j] = q.central
        elif q.kind == "range":
            values[:, j] = rng.uniform(v[0], v[1], runs)
        elif q.kind == "beta":
            values[:, j] = rng.beta(v[0], v[1], runs)
        else:
            values[:, j] = rng.triangular(v[0], v[1], v[2], runs)
    return values


class _Summer:
    """Adds up the columns of runs × items arrays into groups, the index built once.

    One ``bincount`` over the flattened runs: many times faster than ``np.add.at``, and the
    flattened index is the costly part, so each call site keeps its own. It is built for a
    block of ``runs`` rows and serves any array of at most that many (its first rows).
    """

    def __init__(self, groups: Ints, count: int, runs: int) -> None:
        self.count = count
        self.index = (np.arange(runs)[:, None] * count + groups[None, :]).ravel()
        self.items = groups.size

    def __call__(self, values: Array) -> Floats:
        rows, count = values.shape[0], self.count
        if not self.index.size:
            return np.zeros((rows, count))
        index = self.index[: rows * self.items]
        weights = np.asarray(values, dtype=np.float64).ravel()
        # float64 already when weighted (numpy's stubs say int); asarray does not copy it.
        totals = np.asarray(np.bincount(index, weights, rows * count), np.float64)
        return totals.reshape(rows, count)


#: Monte Carlo runs are stepped through each year in blocks of this many, so the arrays a
#: year's draws work on stay in the processor's cache (a 3,000-role graph × 1,000 runs at
#: once streamed hundreds of megabytes per flow). Fixed, so a seed's draws never depend on
#: the machine; a block's draws come from the one generator, blocks in order.
BLOCK = 32


#: From this variance (n·p·(1−p)) up, a binomial draw is taken from its normal
#: approximation (the textbook rule of thumb), rounded and kept within [0, n]; below it, the
#: draw is exact. Large staff groups make most draws large, and exact draws cost ten times more.
NORMAL_FROM = 9.0


class _Drawer:
    """How many of ``n`` people a share ``p`` of them is: expected (n·p) or binomial draws."""

    def __init__(self, rng: np.random.Generator | None) -> None:
        self.rng = rng

    def share(self, n: Array, p: Array) -> Array:
        """``p`` is in [0, 1] and shaped like ``n`` (callers clip and broadcast it once)."""
        if self.rng is None:
            return n * p
        # Flat C-order copies or views, and take/put: several times cheaper per element
        # than ``.flat[...]`` (``n`` may be a fancy-indexed array in another memory order).
        counts, shares = n.reshape(-1), p.reshape(-1)
        mean: Floats = counts * shares
        spread = mean * (1 - shares)
        # Where the spread is 0 (nobody there, p = 0 or p = 1) the mean is the exact draw.
        drawn = np.rint(mean).astype(np.int64)
        large = spread >= NORMAL_FROM
        chosen = np.flatnonzero(large)
        if chosen.size:
            noise = self.rng.standard_normal(chosen.size)
            approx = np.rint(mean[chosen] + np.sqrt(spread[chosen]) * noise)
            drawn[chosen] = np.clip(approx, 0, counts[chosen])
        small = np.flatnonzero(np.logical_xor(spread > 0, large))
        if small.size:
            drawn[small] = self.rng.binomial(counts[small], shares[small])
        return drawn.reshape(n.shape)

    def count(self, mean: Floats) -> Array:
        if self.rng is None:
            return mean
        return self.rng.poisson(mean)

    def whole(self, value: Floats) -> Array:
        return value if self.rng is None else np.rint(value).astype(np.int64)


@dataclass
class YearFlows:
    """One projected year for every run: per-role arrays shaped runs × roles."""

    in_post: Floats
    in_training: Floats
    joiners: Floats  # trained (completing an intake programme) plus recruits
    recruits: Floats  # international recruits and returners
    leavers: Floats
    retirements: Floats
    moves_out: Floats
    moves_in: Floats
    starters: Floats
    training_losses: Floats


def simulate(  # noqa: PLR0915 (the yearly step reads best as one sequence of flows)
    compiled: Compiled,
    runs: int,
    seed: int | None,
    places: dict[int, int] | None = None,
    observe: Callable[[int, YearFlows], None] | None = None,
) -> tuple[list[YearFlows], int]:
    """Step the scenario through its horizon; deterministic when ``seed`` is None.

    ``places`` replaces an intake's yearly places (by its index in the scenario) for every
    projected year, for the intake solver. Returns one YearFlows per year (the start year
    first, with no flows) and the number of runs whose drawn outflows from some slot added
    up to more than 1 (their progressions were capped to the people left). With
    ``observe``, each year is handed to it as it is made and none is kept: 3,000 roles ×
    1,000 runs × 16 years of every flow would need gigabytes.
    """
    history: list[YearFlows] = []

    def keep(index: int, year: YearFlows) -> None:
        history.append(year)

    record = observe or keep
    c = compiled
    rng = np.random.Generator(np.random.PCG64(seed)) if seed is not None else None
    draw = _Drawer(rng)
    runs = runs if rng is not None else 1
    values = sample_params(c.params, rng, runs)
    nroles, npipes = len(c.roles), len(c.pipe_years)
    longest = int(c.pipe_years.max()) if npipes else 1

    pipe_places = c.pipe_places.copy()
    for intake, count in (places or {}).items():
        pipe_places[c.intake_pipeline[intake], :] = count

    leave = np.take(values, c.leave_param, axis=1)
    retire = np.take(values, c.retire_param, axis=1)
    pair_rate = np.take(values, c.pair_param, axis=1)
    # Competing outflows are drawn in order: each as a share of the people still left.
    taken_before = np.zeros((runs, c.pair_slot.size))
    cumulative = leave + retire
    capped = cumulative > 1
    for rank in range(int(c.pair_rank.max()) + 1 if c.pair_rank.size else 0):
        chosen = c.pair_rank == rank
        taken_before[:, chosen] = cumulative[:, c.pair_slot[chosen]]
        np.add.at(cumulative.T, c.pair_slot[chosen], pair_rate[:, chosen].T)
    capped |= cumulative > 1 + 1e-12
    capped_runs = int(capped.any(axis=1).sum())
    retire_cond = _conditional(retire, leave)
    pair_cond = _conditional(pair_rate, taken_before)

    # Pipelines: trainees by course year, all pipelines side by side (runs × positions);
    # pipeline q holds positions first[q] … first[q] + L - 1, its final year last.
    survive = np.ones((runs, npipes))
    if npipes:
        attrition = np.take(values, c.pipe_attrition, axis=1)
        survive = (1 - attrition) ** (1 / c.pipe_years)
    first = np.concatenate([[0], np.cumsum(c.pipe_years)[:-1]]).astype(np.int64)
    final = first + c.pipe_years - 1
    pos_pipe = np.repeat(np.arange(npipes), c.pipe_years)
    moving = np.ones(pos_pipe.size, dtype=np.bool_)
    moving[final] = False
    # Only courses with an attrition rate are drawn (a progression programme without one
    # keeps everyone).
    lossy = np.flatnonzero(c.pipe_attrition[pos_pipe] != 0)
    pos_survive = np.take(survive[:, pos_pipe], lossy, axis=1)
    pos_role = c.pipe_dest_role[pos_pipe]
    fill = np.take(values, c.pipe_fill, axis=1) if npipes else np.zeros((runs, 0))
    # Trainees already on a course: as given, or a steady pipeline, each course year the
    # share of a year's places still there (drawn, like every cohort, so Monte Carlo runs
    # keep the expected numbers rather than rounding them). They came from the scenario's
    # steady places (``{steady: N}``, else its first year's), whatever the solver tries for
    # the years ahead.
    given = np.zeros(pos_pipe.size)
    steady_places = np.zeros(pos_pipe.size, dtype=np.int64)
    steady_share = np.zeros((runs, pos_pipe.size))
    for q in range(npipes):
        if c.pipe_steady[q] and not c.pipe_internal[q]:
            for i in range(int(c.pipe_years[q])):
                steady_places[first[q] + i] = c.pipe_steady_places[q]
                steady_share[:, first[q] + i] = fill[:, q] * survive[:, q] ** i
        elif c.pipe_initial is not None and not c.pipe_steady[q]:
            given[first[q] : final[q] + 1] = c.pipe_initial[q, longest - c.pipe_years[q] :]
    cohorts = draw.whole(np.broadcast_to(given, (runs, given.size)).copy()) + draw.share(
        np.broadcast_to(steady_places, steady_share.shape).copy(), steady_share
    )
    stock = draw.whole(np.broadcast_to(c.initial, (runs, c.initial.size)).copy())
    inflow_mean = np.take(values, c.inflow_param, axis=1)
    external = ~c.pipe_internal

    def by_role(per_slot: Array) -> Floats:
        return np.add.reduceat(per_slot, c.role_start, axis=1).astype(np.float64)

    ages = c.age_next >= 0
    direct = c.pair_dest_slot >= 0
    through = ~direct
    nslots = c.initial.size
    # Every probability is clipped and shaped runs × items once, outside the yearly loop.
    leave = np.clip(leave, 0.0, 1.0)
    age_share = np.broadcast_to(c.age_share, (runs, nslots)).copy()
    retiring, ageing = bool(retire_cond.any()), bool(ages.any())
    ranks = [np.flatnonzero(c.pair_rank == r) for r in range(int(c.pair_rank.max(initial=-1)) + 1)]
    rank_slots = [c.pair_slot[chosen] for chosen in ranks]
    rank_cond = [np.take(pair_cond, chosen, axis=1) for chosen in ranks]
    block = min(runs, BLOCK)
    training_by_role = _Summer(c.pipe_dest_role, nroles, block)
    trainees_by_role = _Summer(pos_role, nroles, block)
    feed = _Summer(c.pair_pipeline[through], npipes, block)
    destinations = np.concatenate(
        [
            c.stay_next,
            c.age_next[ages],
            c.pair_dest_slot[direct],
            c.pipe_dest_slot,
            c.inflow_role_slot,
        ]
    )
    arrive = _Summer(destinations, nslots, block)
    out_of = _Summer(c.slot_role[c.pair_slot], nroles, block)
    into = _Summer(c.slot_role[c.pair_dest_slot[direct]], nroles, block)
    recruited = _Summer(c.slot_role[c.inflow_role_slot], nroles, block)
    fill_external = np.take(fill, np.flatnonzero(external), axis=1)
    external_places = pipe_places[external]
    moving_to = np.flatnonzero(moving) + 1
    has_through = bool(through.any())

    def advance(rows: slice, step: int, out: YearFlows) -> None:
        """One year for the runs in ``rows``, written to their rows of ``out``.

        Their stocks and cohorts move on in place; other runs' rows are not touched.
        """
        stock_now = stock[rows]
        leavers = draw.share(stock_now, leave[rows])
        left = stock_now - leavers
        retirements = draw.share(left, retire_cond[rows]) if retiring else np.zeros_like(left)
        left = left - retirements
        movers = np.zeros((left.shape[0], c.pair_slot.size), dtype=left.dtype)
        for chosen, slots, cond in zip(ranks, rank_slots, rank_cond, strict=True):
            # take, not left[:, slots]: fancy indexing after a slice gives a transposed
            # layout, and every later reshape of it would copy.
            moved = draw.share(np.take(left, slots, axis=1), cond[rows])
            movers[:, chosen] = moved
            left[:, slots] -= moved
        aged = draw.share(left, age_share[rows]) if ageing else np.zeros_like(left)

        cohorts_now = cohorts[rows]
        survivors = cohorts_now.copy()
        survivors[:, lossy] = draw.share(np.take(cohorts_now, lossy, axis=1), pos_survive[rows])
        losses = cohorts_now - survivors
        completers = survivors[:, final]
        moved_on = np.zeros_like(cohorts_now)
        moved_on[:, moving_to] = survivors[:, moving]
        starters = np.zeros((left.shape[0], npipes), dtype=cohorts.dtype)
        fill_now = fill_external[rows]
        places_now = np.broadcast_to(external_places[:, step], fill_now.shape).copy()
        starters[:, external] = draw.share(places_now, fill_now)
        if has_through:
            starters = starters + feed(movers[:, through]).astype(starters.dtype)
        moved_on[:, first] += starters
        cohorts[rows] = moved_on
        arrivals = draw.count(inflow_mean[rows])
        arriving = np.concatenate(
            [left - aged, aged[:, ages], movers[:, direct], completers, arrivals], axis=1
        )
        stock[rows] = arrive(arriving)

        recruits = recruited(arrivals)
        out.in_post[rows] = by_role(stock[rows])
        out.in_training[rows] = trainees_by_role(moved_on)
        out.joiners[rows] = training_by_role(np.where(external, completers, 0)) + recruits
        out.recruits[rows] = recruits
        out.leavers[rows] = by_role(leavers + retirements)
        out.retirements[rows] = by_role(retirements)
        out.moves_out[rows] = out_of(movers)
        out.moves_in[rows] = into(movers[:, direct]) + training_by_role(
            np.where(c.pipe_internal, completers, 0)
        )
        out.starters[rows] = training_by_role(np.where(external, starters, 0))
        out.training_losses[rows] = trainees_by_role(losses)

    def flows() -> YearFlows:
        return YearFlows(*(np.empty((runs, nroles)) for _ in range(10)))

    zeros = np.zeros((runs, nroles))
    start = np.concatenate(
        [trainees_by_role(cohorts[lo : lo + block]) for lo in range(0, runs, block)]
    )
    record(0, YearFlows(by_role(stock), start, *(zeros for _ in range(8))))
    # An observer reads each year before the next is made, so one set of arrays serves
    # every year (fresh ones per year cost gigabytes of page faults on a 3,000-role graph).
    reused = flows() if observe else None
    for step in range(c.scenario.horizon):
        out = reused or flows()
        for lo in range(0, runs, block):
            advance(slice(lo, lo + block), step, out)
        record(step + 1, out)
    return history, capped_runs


def _conditional(rate: Floats, taken: Floats) -> Floats:
    """A rate as a share of the people not already taken by earlier outflows (capped at 1)."""
    room = 1 - taken
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(room > 0, rate / np.where(room > 0, room, 1), np.where(rate > 0, 1.0, 0.0))
    return np.clip(share, 0.0, 1.0)


@dataclass(frozen=True)
class Projection:
    """Summaries of a projection per year for each role and group of roles.

    ``values[metric]`` is shaped years × 4 × groups: P10, P50, P90 and the mean over runs
    (all four equal in a deterministic projection). Flows (joiners, leavers, moves…) carry
    only the mean (percentiles are nan): their bands would cost most of the run time on a
    large graph and a board reads the band of the stock and the gap. Groups are the roles, then each family
    with more than one modelled role (``family:<id>``), then ``all``.
    """

    scenario: Scenario
    runs: int
    seed: int | None
    groups: tuple[str, ...]
    titles: tuple[str, ...]
    values: dict[str, Floats]
    demand: Floats  # years × groups (nan where no demand is set)
    fte_ratio: Floats
    capped_runs: int
    #: For each group after the roles (families, then ``all``), the indices of its roles.
    members: tuple[tuple[int, ...], ...] = ()

    @property
    def deterministic(self) -> bool:
        """True when no Monte Carlo runs were made."""
        return self.seed is None

    def short(self, year: int, group: int) -> float | None:
        """Staff the group's roles short of demand need (P50), surpluses not netted.

        A group's gap is demand minus staff over all its roles, so one role's surplus
        offsets another's shortage: 30 nursing associates too many do not make up for 30
        nurses too few. None for a single role (its gap says it) or where no demand is set.
        """
        roles = len(self.groups) - len(self.members)
        if group < roles:
            return None
        gaps = self.values["gap"][year, 1, list(self.members[group - roles])]
        if np.isnan(gaps).any():
            return None
        return float(np.clip(gaps, 0, None).sum())


def project(
    compiled: Compiled,
    runs: int = 0,
    seed: int | None = None,
    families: dict[str, tuple[str, str]] | None = None,
    titles: dict[str, str] | None = None,
) -> Projection:
    """Project the scenario; ``runs`` > 0 with a seed gives Monte Carlo percentiles.

    ``families`` maps role id → (family id, family title) to add family totals; percentiles
    of a family are taken over the family's total in each run, not added up from its roles.
    ``titles`` maps role id → title for charts and headings.
    """
    mc = runs > 0
    seed_used = (seed if seed is not None else 0) if mc else None
    roles = compiled.roles
    groups: list[str] = list(roles)
    names_of = titles or {}
    labels: list[str] = [names_of.get(r, r) for r in roles]
    columns: list[list[int]] = [[i] for i in range(len(roles))]
    family_of = families or {}
    members: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for i, r in enumerate(roles):
        if r in family_of:
            fid, ftitle = family_of[r]
            members.setdefault(fid, []).append(i)
            names[fid] = ftitle
    for fid in sorted(members):
        if 1 < len(members[fid]) < len(roles):  # a family of every role is "all"
            groups.append(f"family:{fid}")
            labels.append(names[fid])
            columns.append(members[fid])
    if len(roles) > 1:
        groups.append("all")
        labels.append("All modelled roles")
        columns.append(list(range(len(roles))))
    extra = columns[len(roles) :]
    member_index = np.asarray([i for cols in extra for i in cols], dtype=np.int64)
    starts = np.cumsum([0] + [len(cols) for cols in extra[:-1]]).astype(np.int64)

    def totals(per_role: Floats) -> Floats:
        """Roles, then each family and 'all' (runs × groups); plain sums, no BLAS threads."""
        if not extra:
            return per_role
        grouped = np.add.reduceat(per_role[:, member_index], starts, axis=1)
        return np.concatenate([per_role, grouped], axis=1)

    demand = totals(np.nan_to_num(compiled.demand))
    has_demand = (~np.isnan(compiled.demand[:1])).astype(np.float64)
    # A group's demand is only meaningful when every role in it has one.
    complete = totals(has_demand)[0] == totals(np.ones_like(has_demand))[0]
    demand[:, ~complete] = np.nan
    nyears = compiled.scenario.horizon + 1
    values = {metric: np.full((nyears, 4, len(groups)), np.nan) for metric in METRICS}

    def summarise(y: int, year: YearFlows) -> None:
        for metric in METRICS:
            table = values[metric]
            if metric == "gap":
                # demand is the same in every run, so the gap's percentiles mirror staff in post's
                table[y] = demand[y] - values["in_post"][y][[2, 1, 0, 3]]
                continue
            if metric in BANDED:
                per_run = totals(getattr(year, metric))
                table[y, 3] = per_run.mean(axis=0)
                # along contiguous rows: partitioning down the columns of a runs × groups
                # array strides through memory and cost twice as much
                table[y, :3] = np.percentile(np.ascontiguousarray(per_run.T), [10, 50, 90], axis=1)
            else:
                # a mean of sums is the sum of means: add up the roles' means, not every run's
                table[y, 3] = totals(getattr(year, metric).mean(axis=0, keepdims=True))[0]

    _, capped = simulate(compiled, runs, seed_used, observe=summarise)
    return Projection(
        scenario=compiled.scenario,
        runs=runs if mc else 0,
        seed=seed_used,
        groups=tuple(groups),
        titles=tuple(labels),
        values=values,
        demand=demand,
        fte_ratio=compiled.fte_ratio,
        capped_runs=capped,
        members=tuple(tuple(cols) for cols in extra),
    )
