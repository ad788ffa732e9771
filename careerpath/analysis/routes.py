"""Ranked routes to a role: one search over what a person holds, used by every command.

A **move** is one entry route (into a role or a qualification) or one progression. A person
can take a move when what they hold meets its requirements (see ``holdings``): a
progression also needs the role it starts from. A requirement the data holds only as text
cannot be checked; a move that has one is still possible, but the route *assumes* it, ranks
after every route that assumes nothing unless it is faster than all of them (then it is shown
too, after them), and ``strict`` leaves it out.

The search runs over **states**: what the person holds (closed under implication), when
they gained what experience is counted from, when the last rule-bound programme ended,
the time so far and the assumptions made. It is an A* search (time so far plus a lower
bound from a relaxed graph in which every requirement is free) with dominance pruning: a
state that holds no more, and is later and no better in every respect than ``k`` states
already expanded, cannot lead to one of the ``k`` best routes. A route never contains a
step whose gain nothing later uses (a detour).

``brute_force_routes`` tries every order of moves; tests compare the two.
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from collections.abc import Iterable, Iterator
from typing import Literal, NamedTuple

import msgspec

from careerpath.analysis.holdings import (
    Holdings,
    close,
    gains_of,
    holdings_for,
    implied,
    requirement_status,
    study_credited,
    study_ladder,
)
from careerpath.errors import CareerpathError, NoRouteError
from careerpath.graph import step_length, step_unverified
from careerpath.model import (
    Catalogue,
    Programme,
    Qualification,
    Requirement,
    Role,
    apprenticeship_only,
    person_fee,
    self_funded_fee,
)
from careerpath.text import months_text

__all__ = [
    "ALSO_APART",
    "APPRENTICE_POST",
    "OPEN_ENTRY",
    "Holdings",
    "Move",
    "Route",
    "RouteStep",
    "best_or_reason",
    "brute_force_routes",
    "builds_on",
    "clock",
    "deadline_after",
    "distinct",
    "every_route",
    "fastest_within",
    "find_routes",
    "holdings_for",
    "moves",
    "one_step_routes",
    "programme_months",
    "proposed_moves",
    "reachable",
    "settled_goals",
    "shown",
    "unmet_reasons",
    "with_history",
]

Metric = Literal["months", "steps", "cost"]


class Lacking(NamedTuple):
    """A search whose routes may take at most ``most`` steps lacking ``figure``.

    Such a route's total is a lower bound that is nearer the truth the fewer steps lack
    the figure, so ``_known_first`` searches with one more allowed at a time (see ``shown``).
    """

    figure: Literal["length", "fee"]
    most: int


#: Which figure every move of a search must know ("" for none): its length (``months``) or
#: the person's fee (``fee``). A search over such moves gives routes whose figure is exact;
#: with ``Lacking``, every move may be taken but only so many lacking the figure.
Known = Literal["", "length", "fee"] | Lacking
OPEN_ENTRY = "open-entry"
#: Most states one search pops while looking for the best route (A* finds it first, so it is
#: exact when found within this budget).
MAX_STATES = 60_000
#: Most states popped after the best route is found, looking for alternatives: proving that
#: no further alternative exists can take exponentially many, so past this budget the
#: alternatives found so far are returned, marked incomplete.
ALTERNATIVES_BUDGET = 3_000
#: Seconds one search may take before it answers with what it has (marked not proven best):
#: a large or dense folder must never leave a user waiting for minutes.
TIME_BUDGET = 10.0
#: Candidates searched for beyond the routes asked for, to replace repeats and routes
#: another one beats in every way (see ``distinct``). Each search already leaves those out
#: and looks on past them (``_ranked``), so this only matters when merging the chain and
#: looser searches' answers drops one.
SPARE_ROUTES = 3
#: Most routes whose ranking figure is a lower bound (``Route.known``) that ``route`` lists
#: apart after a full list of known ones: enough to show the apprenticeship of unknown
#: length someone may be looking for, without burying the ranked answer.
ALSO_APART = 3
#: Most states the exact search over looser routes may pop when it checks a chain's answer.
LOOSE_STATES = 300
#: Most steps a route may have taken whose gain no later step has used yet. With 1, a route
#: is a chain: every step after the first uses something the step before it gained (and may
#: use anything held earlier too). This is part of what a route is, and the brute-force
#: reference obeys it as well: it keeps the search from trying every subset of side moves
#: "in case" (each would be a detour unless something later needs it).
MAX_PENDING = 1


def clock() -> float:
    """Seconds on a monotonic clock, the one every search deadline is read from.

    One function so that a test can put a fake clock in its place and check what a command
    does when its deadline passes, without timing anything.
    """
    return time.monotonic()


def deadline_after(seconds: float | None = None) -> float:
    """The deadline ``seconds`` (by default one search's ``TIME_BUDGET``) from now.

    A command that runs many searches (``from --within``, ``report``) takes one and passes
    it to each, so the whole command is bounded rather than each search.
    """
    return clock() + (TIME_BUDGET if seconds is None else seconds)


class Move(msgspec.Struct, frozen=True):
    """One way to gain a role or qualification: an entry route or a progression."""

    target: str
    kind: str  # "entry" or a progression kind
    route_id: str
    origin: str | None  # the role a progression starts from
    programme: Programme | None
    months: int
    length_known: bool
    requires: tuple[Requirement, ...]
    funding: tuple[str, ...]
    unverified: bool
    proposed: bool = False
    #: Every requirement, the progression's own role first (filled in by ``moves``).
    needs: tuple[Requirement, ...] = ()
    #: Text conditions of this move: what a route through it assumes.
    assumes: tuple[str, ...] = ()
    #: Each checkable requirement as the set of ids any one of which meets it.
    groups: tuple[frozenset[str], ...] = ()
    #: What the person pays in training fees (None: not in the data). An apprentice pays
    #: none: the employer pays through the levy (``employer_cost``).
    fee: int | None = 0
    #: What the employer or levy pays for an apprenticeship (the standard's funding band,
    #: else the programme's cost; None when the data has neither or it is no apprenticeship).
    employer_cost: int | None = None
    #: True when ``employer_cost`` is the standard's funding band.
    employer_band: bool = False
    #: True when the step can only be taken as an employed apprentice.
    apprenticeship: bool = False
    #: The fee if the person funds a step that the NHS or an employer also funds (the route
    #: counts the funded way: ``fee`` is then 0); None when there is no such choice.
    self_funded_fee: int | None = None


#: What every apprenticeship step assumes: the engine cannot check that a person has (or will
#: get) an apprentice post, and no apprenticeship can be started without one.
APPRENTICE_POST = "an apprentice post with an employer"


def _finish(move: Move) -> Move:
    """Fill in a move's derived fields once, so the search never recomputes them.

    An apprenticeship step (from its funding) assumes an apprentice post, and its training
    is paid by the employer or levy, so the person's fee for it is nil.
    """
    from msgspec.structs import replace

    needs = (
        move.requires if move.origin is None else (Requirement("role", move.origin), *move.requires)
    )
    apprenticeship = apprenticeship_only(move.funding) and not move.proposed
    texts = [APPRENTICE_POST] if apprenticeship else []
    texts.extend(r.text for r in needs if r.kind == "text")
    groups = []
    for r in needs:
        options = r.options if r.kind == "any_of" else (r,)
        if r.kind == "any_of" and all(o.kind == "text" for o in options):
            texts.extend(o.text for o in options)
        ids = frozenset(o.ref for o in options if o.kind != "text")
        if ids and not any(o.kind == "text" for o in options):
            groups.append(ids)
    programme = move.programme
    fee = person_fee(programme, move.funding)
    own_fee = self_funded_fee(programme, move.funding)
    employer_cost = None
    band = False
    if apprenticeship and programme is not None:
        band = programme.funding_band is not None
        employer_cost = programme.funding_band if band else programme.cost
    return replace(
        move,
        needs=needs,
        assumes=tuple(dict.fromkeys(texts)),
        groups=tuple(groups),
        fee=fee,
        employer_cost=employer_cost,
        employer_band=band,
        apprenticeship=apprenticeship,
        self_funded_fee=own_fee,
    )


class RouteStep(msgspec.Struct, frozen=True):
    """One step of a route, with its length after waits and prior learning."""

    source: str
    target: str
    kind: str
    route_id: str
    programme: str | None
    programme_title: str | None
    months: int
    full_months: int
    wait: int
    funding: tuple[str, ...]
    cost: int | None
    band_from: str | None
    band_to: str | None
    #: True when the step's route or progression, or its programme, is unconfirmed (†).
    unverified: bool
    length_known: bool = True
    assumes: tuple[str, ...] = ()
    proposed: bool = False
    #: True when a band the step's band change shows is unconfirmed (the role lists
    #: ``bands.qualified`` as unverified): the band carries its own †.
    band_unverified: bool = False
    #: What the employer or levy pays for an apprenticeship step (not the person's fee).
    employer_cost: int | None = None
    #: True when ``employer_cost`` is the apprenticeship standard's funding band.
    employer_band: bool = False
    #: True when the step can only be taken as an employed apprentice.
    apprenticeship: bool = False
    #: The fee if the person funds the step themselves, where the NHS or an employer also
    #: funds it (``cost`` is then the funded way's 0); None when there is no such choice.
    self_funded_fee: int | None = None
    #: What gaining the step's target commits a person to, for breaking ties (see
    #: ``Route.key``): ``STUDY`` a generic level of study, ``SUBJECT`` another qualification
    #: (a subject degree), ``PROFESSION`` a role's own training.
    commits: int = 0


#: ``RouteStep.commits``: a rung of the study ladder (a Level 5 course, an honours degree).
STUDY = 0
#: ``RouteStep.commits``: a qualification off the ladder (a psychology degree with GBC).
SUBJECT = 1
#: ``RouteStep.commits``: training for a role, a profession in its own right.
PROFESSION = 2


class Route(msgspec.Struct, frozen=True):
    """A whole route: its steps and total months (waits included), cost and step count.

    ``holdings`` is what the person was taken to hold at the start (closed under
    implication), so every figure can say what it assumed.
    """

    steps: tuple[RouteStep, ...]
    months: int
    cost: int
    cost_known: bool
    holdings: tuple[str, ...] = ()
    #: Months already in post the route counted, as (id, months) pairs (``--have ROLE:24``).
    months_in: tuple[tuple[str, int], ...] = ()
    #: False when the search stopped at its budget: this route is a real route, but a
    #: better alternative than the second or third listed may exist.
    complete: bool = True
    #: False when a better route than this one may exist. The first route of an answer is
    #: proven best as soon as the search finds it (A* meets the best first), even when the
    #: search then runs out of budget looking for alternatives: only the list is incomplete.
    proven: bool = True
    #: Roles held whose training started a wait-between rule that a step of this route
    #: waits to meet, with no months in post given: the wait was counted from now (just
    #: qualified), so the answer says how to give the real time (``--have ROLE:MONTHS``).
    #: A rule the route's steps leave behind without waiting is not named: it changed nothing.
    rule_from: tuple[str, ...] = ()
    #: What the route assumes about the person's history (see ``with_history``): a level
    #: of study a role held is credited with because every *current* way in gives it. Not
    #: in ``assumes``, so it does not change the ranking: it is what holders of the role
    #: trained today hold, and ``--have`` removes it.
    history: tuple[str, ...] = ()

    @property
    def length_known(self) -> bool:
        """False when some step's length is not recorded: ``months`` is then a lower bound."""
        return all(s.length_known for s in self.steps)

    def known(self, metric: Metric) -> bool:
        """Whether the figure ``metric`` ranks by is exact rather than a lower bound.

        Ranked by cost, that is every fee the person pays; otherwise every step's length
        (``months`` counts one the data lacks as nothing, and so does ``cost``).
        """
        return self.cost_known if metric == "cost" else self.length_known

    def lacking(self, metric: Metric) -> int:
        """How many steps lack the figure ``metric`` ranks by (none when ``known``).

        Each counts as nothing in the total, so the fewer, the nearer the lower bound is
        to the truth: ``shown`` ranks such routes by this first.
        """
        if metric == "cost":
            return sum(1 for s in self.steps if s.cost is None)
        return sum(1 for s in self.steps if not s.length_known)

    @property
    def assumes(self) -> tuple[str, ...]:
        """Every text condition the route crosses, in order, once each."""
        return tuple(dict.fromkeys(t for s in self.steps for t in s.assumes))

    @property
    def proposed(self) -> bool:
        """True when a step is built from module data rather than a programme that runs."""
        return any(s.proposed for s in self.steps)

    def commitment(self) -> tuple[int, int]:
        """What the route makes a person train for on the way: (other roles, subject awards).

        The last step is the goal, which every route to it shares, so only the steps before
        it count: a careers adviser would not tell someone who wants to be a PWP to qualify
        as an occupational therapist first when any honours degree takes as long.
        """
        before = self.steps[:-1]
        return (
            sum(1 for s in before if s.commits == PROFESSION),
            sum(1 for s in before if s.commits == SUBJECT),
        )

    def key(
        self, metric: Metric
    ) -> tuple[
        bool,
        int,
        int,
        tuple[int, int],
        int,
        int,
        tuple[bool, int],
        tuple[str, ...],
        tuple[str, ...],
    ]:
        """Sort key: routes assuming nothing first, then the metric and months, then ties.

        A tie in the metric and months goes to the route that commits a person to less:
        fewer other professions' trainings, then fewer subject qualifications (a generic
        level of study keeps every door open), then fewer steps, then fewer conditions the
        data cannot check (an apprentice post is one more thing to win), then a lower known
        fee (a total the data can back before one it cannot). The node and step ids come last, so
        routes equal in everything else (two entry routes through one programme) keep one
        order whatever order the search found them in, never an order by the ids' spelling
        alone.
        """
        nodes = tuple(s.target for s in self.steps)
        first = {"months": self.months, "steps": len(self.steps), "cost": self.cost}[metric]
        ids = tuple(s.route_id for s in self.steps)
        fee = (not self.cost_known, self.cost)
        return (
            bool(self.assumes),
            first,
            self.months,
            self.commitment(),
            len(self.steps),
            len(self.assumes),
            fee,
            nodes,
            ids,
        )


def programme_months(programme: Programme | None, months: int, holdings: Holdings) -> int:
    """Months of a programme once modules already held are accredited (never longer).

    A module counts as held if it is named by the person's qualifications, or if they hold
    every competency it teaches. The programme shrinks in proportion to the credits left.
    """
    if programme is None or not programme.modules or not months:
        return months
    total = sum(m.credits for m in programme.modules)
    if total <= 0:
        return months
    left = sum(
        m.credits
        for m in programme.modules
        if m.id not in holdings.modules
        and not (m.competencies and set(m.competencies) <= holdings.competencies)
    )
    return min(months, math.ceil(months * left / total))


def moves(catalogue: Catalogue) -> tuple[Move, ...]:
    """Every move in the catalogue, built once.

    Entry routes of roles and qualifications come first, then progressions (``role->target#n``).
    """
    cached = catalogue._by_id.get("moves")
    if cached is not None:
        return cached  # type: ignore[return-value]
    found: list[Move] = []
    targets: tuple[Role | Qualification, ...] = (*catalogue.roles, *catalogue.qualifications)
    for target in targets:
        for route in target.entry_routes:
            programme = catalogue.programme(route.programme) if route.programme else None
            months, known = step_length(route.months, programme, route.requires)
            found.append(
                Move(
                    target.id,
                    "entry",
                    route.id,
                    None,
                    programme,
                    months,
                    known,
                    route.requires,
                    route.funding or (programme.funding if programme else ()),
                    step_unverified(route.unverified, programme),
                )
            )
    for role in catalogue.roles:
        for index, step in enumerate(role.progressions):
            programme = catalogue.programme(step.programme) if step.programme else None
            months, known = step_length(step.months, programme, step.requires)
            found.append(
                Move(
                    step.to,
                    step.kind,
                    f"{role.id}->{step.to}#{index + 1}",
                    role.id,
                    programme,
                    months,
                    known,
                    tuple(r for r in step.requires if not (r.kind == "role" and r.ref == role.id)),
                    step.funding or (programme.funding if programme else ()),
                    step_unverified(step.unverified, programme),
                )
            )
    result = tuple(_finish(m) for m in found)
    catalogue._by_id["moves"] = result  # type: ignore[assignment]
    return result


def _mentions(requirement: Requirement) -> Iterator[str]:
    if requirement.kind == "any_of":
        for option in requirement.options:
            yield from _mentions(option)
    elif requirement.kind != "text":
        yield requirement.ref


def _plan(move: Move) -> tuple[tuple[tuple[str, int | None], ...], ...]:
    """A move's checkable requirements as options (id, months of experience or None).

    A requirement whose options are all text contributes nothing: it is an assumption.
    """
    plan = []
    for requirement in move.needs:
        options = requirement.options if requirement.kind == "any_of" else (requirement,)
        checkable = tuple(
            (o.ref, o.months if o.kind == "experience" else None)
            for o in options
            if o.kind != "text"
        )
        if checkable:
            plan.append(checkable)
    return tuple(plan)


class _Base:
    """What every search over one catalogue shares, whoever asks: built once per catalogue.

    A ``from --within`` listing runs a search for each of thousands of roles, each with a
    few contexts; building these per context was most of its time.
    """

    __slots__ = (
        "bands",
        "commits",
        "earliest",
        "earliest_for",
        "experience",
        "funded_training",
        "gains",
        "into",
        "modular",
        "months",
        "moves",
        "plans",
        "reach",
        "rule_index",
        "unconfirmed_bands",
    )

    def __init__(self, catalogue: Catalogue, strict: bool, known_only: Known = "") -> None:
        self.moves = [
            m for m in moves(catalogue) if not (strict and m.assumes) and _knows(m, known_only)
        ]
        rules = _rules(catalogue)
        self.months = {id(m): m.months for m in self.moves}
        #: Moves whose length depends on the modules and competencies a person holds.
        self.modular = [m for m in self.moves if m.programme and m.programme.modules and m.months]
        self.bands = {r.id: r.bands.qualified_low() for r in catalogue.roles}
        #: Roles whose qualified band (the figure a step's band change shows) is unconfirmed.
        self.unconfirmed_bands = frozenset(
            r.id for r in catalogue.roles if {"bands", "bands.qualified"} & set(r.unverified)
        )
        ladder = {q.id for q in study_ladder(catalogue)}
        #: What gaining each qualification commits a person to (``RouteStep.commits``);
        #: a role, not listed, is its own profession's training.
        self.commits = {
            q.id: STUDY if q.id in ladder else SUBJECT for q in catalogue.qualifications
        }
        # Plans depend on the move alone: one table for every base of the catalogue.
        cached = catalogue._by_id.get("route-plans")
        if cached is None:
            cached = {id(m): _plan(m) for m in moves(catalogue)}  # type: ignore[assignment]
            catalogue._by_id["route-plans"] = cached  # type: ignore[assignment]
        self.plans: dict[int, tuple[tuple[tuple[str, int | None], ...], ...]] = cached  # type: ignore[assignment]
        #: What ``_earliest`` builds from these moves alone, once (see ``_earliest_plan``).
        self.earliest: tuple[dict[str, list[tuple[int, int, int]]], list[int]] | None = None
        #: ``_earliest``'s answers by what is held: ``from --within`` asks for the same
        #: ones in ``settled_goals`` and ``fastest_within``.
        self.earliest_for: dict[Holdings, dict[str, int]] = {}
        self.rule_index = {id(m): _rule_index(rules, m) for m in self.moves}
        self.experience = _experience(self.moves)
        #: Roles every way into which is a programme under a wait-between rule (every way
        #: into a CWP post is the NHS-funded CWP diploma), by id: the rules' indexes. Someone
        #: in such a role has started that training, so the rule's wait runs from it. Worked
        #: out over every move, assumed or not, so ``--strict`` cannot hide a way in.
        self.funded_training: dict[str, tuple[int, ...]] = {}
        for target, ways in _ways_into(catalogue).items():
            if not catalogue.has("roles", target):
                continue  # the rule is about changing occupation: a role's training
            listed = tuple(
                i
                for i, (members, _) in enumerate(rules)
                if all(m.programme is not None and m.programme.id in members for m in ways)
            )
            if listed:
                self.funded_training[target] = listed
        #: What each move gains (``gains_of``): on a route the way in is known, so only the
        #: study its own programme gives is credited.
        self.gains = {
            id(m): gains_of(catalogue, m.target, m.programme.id if m.programme else None)
            for m in self.moves
        }
        #: Relaxed graphs (see ``_relaxed_distances``) by metric and prior learning.
        self.into: dict[tuple[str, frozenset[str], frozenset[str]], _Into] = {}
        #: ``reachable`` answers by what is held and the extra moves' ids.
        self.reach: dict[tuple[frozenset[str], tuple[str, ...]], frozenset[str]] = {}


def _rules(catalogue: Catalogue) -> list[tuple[frozenset[str], int]]:
    return [
        (frozenset(r.programmes), r.months) for r in catalogue.rules if r.kind == "wait-between"
    ]


def _rule_index(rules: list[tuple[frozenset[str], int]], move: Move) -> tuple[int, ...]:
    return tuple(
        i for i, (members, _) in enumerate(rules) if move.programme and move.programme.id in members
    )


def _experience(found: Iterable[Move]) -> frozenset[str]:
    return frozenset(
        r.ref
        for m in found
        for q in m.needs
        for r in (q.options if q.kind == "any_of" else (q,))
        if r.kind == "experience"
    )


def _knows(move: Move, known_only: Known) -> bool:
    """Whether ``move`` gives the figure a search over known figures needs (any, for "").

    With ``Lacking`` every move may be taken: the search counts those lacking the figure.
    """
    if known_only == "length":
        return move.length_known
    if known_only == "fee":
        return move.fee is not None
    return True


def _base(catalogue: Catalogue, strict: bool, known_only: Known = "") -> _Base:
    if isinstance(known_only, Lacking):
        known_only = ""  # every move; the search itself limits those lacking the figure
    key = ("route-base-strict" if strict else "route-base") + (
        f"-known-{known_only}" if known_only else ""
    )
    cached = catalogue._by_id.get(key)
    if cached is None:
        cached = _Base(catalogue, strict, known_only)  # type: ignore[assignment]
        catalogue._by_id[key] = cached  # type: ignore[assignment]
    return cached  # type: ignore[return-value]


class _Context:
    """What one search needs, worked out once: moves allowed, rules, holdings, names."""

    def __init__(
        self,
        catalogue: Catalogue,
        holdings: Holdings,
        metric: Metric,
        strict: bool,
        *,
        max_pending: int = MAX_PENDING,
        extra: tuple[Move, ...] = (),
        known_only: Known = "",
    ) -> None:
        base = _base(catalogue, strict, known_only)
        self.catalogue = catalogue
        self.max_pending = max_pending
        #: How many steps a route may take that lack the figure, when limited.
        self.lacking = known_only if isinstance(known_only, Lacking) else None
        self.holdings = holdings
        self.metric = metric
        self.rules = _rules(catalogue)
        self.table = implied(catalogue)
        self.gains = base.gains
        self.bands = base.bands
        added = [m for m in extra if not (strict and m.assumes) and _knows(m, known_only)]
        self.moves = [*base.moves, *added]
        self.base = base
        self.added = added
        self.months = base.months
        self.plans = base.plans
        self.rule_index = base.rule_index
        self.experience = base.experience
        self.funded_training = base.funded_training
        # The shared relaxed graph holds for this context only with no move of its own and
        # no programme shortened by prior learning.
        self.into = base.into if not added else {}
        changed = {id(m): programme_months(m.programme, m.months, holdings) for m in base.modular}
        if added or any(changed[i] != base.months[i] for i in changed):
            self.months = {**base.months, **changed}
            self.months.update(
                (id(m), programme_months(m.programme, m.months, holdings)) for m in added
            )
            self.into = {}
        if added:
            self.plans = {**base.plans, **{id(m): _plan(m) for m in added}}
            self.rule_index = {
                **base.rule_index,
                **{id(m): _rule_index(self.rules, m) for m in added},
            }
            self.experience = base.experience | _experience(added)


class _State:
    """A point in the search: what is held, since when, and the step that led here.

    Steps are kept as a chain of parents and turned into ``RouteStep`` records only for a
    route that reaches the goal: most states are never part of an answer.
    """

    __slots__ = (
        "arrived",
        "assumed",
        "commit",
        "cost",
        "cost_known",
        "depth",
        "floor",
        "gained",
        "held",
        "lacking",
        "move",
        "now",
        "order",
        "parent",
        "pending",
        "relied",
        "rule_ends",
        "source",
        "start",
        "unlocked",
        "via",
    )

    def __init__(  # noqa: PLR0917 - one slot each, built in one place (_apply)
        self,
        held: frozenset[str],
        arrived: dict[str, int],
        rule_ends: tuple[int | None, ...],
        now: int,
        cost: int,
        cost_known: bool,
        assumed: frozenset[str],
        pending: tuple[frozenset[str], ...],
        parent: _State | None = None,
        move: Move | None = None,
        start: int = 0,
        source: str = "",
        gained: frozenset[str] = frozenset(),
        relied: frozenset[str] = frozenset(),
    ) -> None:
        self.held = held
        self.arrived = arrived  # experience ids → when gained (never mutated once built)
        self.rule_ends = rule_ends
        self.now = now
        self.cost = cost
        self.cost_known = cost_known
        self.assumed = assumed
        self.pending = pending  # gains of steps nothing later has used yet
        self.parent = parent
        self.move = move
        self.start = start  # when this state's step started (after its wait)
        self.source = source
        self.gained = gained
        self.relied = relied  # ids this state's step needed that were held
        self.depth: int = 0 if parent is None else parent.depth + 1
        #: Steps so far lacking the figure a ``Lacking`` search limits (0 in any other).
        self.lacking: int = 0
        #: What the steps so far commit a person to (see ``Route.commitment``), set by
        #: ``_apply``: every one of them comes before the goal's step.
        self.commit: tuple[int, int] = (0, 0)
        self.unlocked: frozenset[int] = frozenset()  # moves first possible in this state
        #: The search's key for this state (a lower bound on every route through it that
        #: has no detour), kept so a child's key is never below its parent's.
        self.floor: float = 0.0
        #: The chain bound's least ``_Anchored.via`` over the roles held (see ``_Anchored``).
        self.via: float = math.inf
        #: Every move possible here, by bound (see ``_MoveIndex.in_order``), once expanded.
        self.order: list[int] | None = None

    def chain(self) -> list[_State]:
        """The states after each step, first step first."""
        states: list[_State] = []
        node: _State | None = self
        while node is not None and node.move is not None:
            states.append(node)
            node = node.parent
        return states[::-1]


def _served(ctx: _Context) -> dict[str, int]:
    """Months since each held item was gained, where the person's months in post say.

    Months in a role count for everything the role implies too (its registration, the
    role every way into it passes through): those were gained no later than the role, so
    a training they stand for ended at least that long ago. Without this, ten years as a
    senior practitioner left the two-year rule running from the junior role's training as
    if it ended today, and holding more made a route longer.
    """
    served: dict[str, int] = {}
    for item, months in ctx.holdings.months_in:
        for gained in ctx.table.get(item, frozenset({item})):
            served[gained] = max(served.get(gained, 0), months)
    return served


def _gains(ctx: _Context, move: Move) -> frozenset[str]:
    """What taking ``move`` gives (``gains_of``), for the search, its bounds and ``reachable``."""
    found = ctx.gains.get(id(move))
    if found is None:  # a move of the question's own (a proposed top-up)
        found = ctx.table.get(move.target) or frozenset({move.target})
    return found


def _start_state(ctx: _Context) -> _State:
    held = ctx.holdings.qualifications | {OPEN_ENTRY}
    arrived = dict.fromkeys(held & ctx.experience, 0)
    # Months already in post count towards experience waits: in the role, and in what the
    # role implies (a nurse's registration), as if gained that long before the start.
    for item, months in ctx.holdings.months_in:
        for gained in ctx.table.get(item, frozenset({item})) & arrived.keys():
            arrived[gained] = min(arrived[gained], -months)
    # A role held whose every way in is a training under a wait-between rule means that
    # training was taken: the rule's wait runs from it, as if it ended when the person
    # qualified (months in post ago, else now: see ``Route.rule_from``).
    served = _served(ctx)
    ends: list[int | None] = [None] * len(ctx.rules)
    for item in held:
        for index in ctx.funded_training.get(item, ()):
            end = -served.get(item, 0)
            before = ends[index]
            ends[index] = end if before is None else max(before, end)
    return _State(held, arrived, tuple(ends), 0, 0, True, frozenset(), ())


def _apply(ctx: _Context, state: _State, move: Move) -> _State | None:
    """Take ``move`` from ``state``, or None when a requirement is unmet or it gains nothing."""
    held = state.held
    if move.target in held:
        return None
    for group in move.groups:  # a loop, not any() over a generator: once per move tried
        if group.isdisjoint(held):
            return None
    lacks = ctx.lacking is not None and not _knows(move, ctx.lacking.figure)
    if lacks and ctx.lacking is not None and state.lacking >= ctx.lacking.most:
        return None
    start = state.now
    used: set[str] = set()
    source = ""
    for options in ctx.plans[id(move)]:
        for ref, months in options:
            if ref in held:
                used.add(ref)
                source = source or ref
                if months is not None:
                    start = max(start, state.arrived.get(ref, 0) + months)
                break
    pending = tuple([g for g in state.pending if g.isdisjoint(used)]) if state.pending else ()
    if len(pending) >= ctx.max_pending:  # with this step's gain, one more than allowed
        return None
    if not source:
        source = state.move.target if state.move else OPEN_ENTRY
    rules = ctx.rule_index.get(id(move), ())
    rule_ends = state.rule_ends
    for index in rules:
        end = rule_ends[index]
        if end is not None:
            start = max(start, end + ctx.rules[index][1])
    end = start + ctx.months[id(move)]
    if rules:
        ends = list(rule_ends)
        for index in rules:
            ends[index] = end
        rule_ends = tuple(ends)
    gained = _gains(ctx, move) - held
    arrived = state.arrived
    fresh = gained & ctx.experience
    if fresh:
        arrived = {**arrived, **dict.fromkeys(fresh, end)}
    nxt = _State(
        held | gained,
        arrived,
        rule_ends,
        end,
        state.cost + (move.fee or 0),
        state.cost_known and move.fee is not None,
        state.assumed | frozenset(move.assumes) if move.assumes else state.assumed,
        (*pending, gained),
        state,
        move,
        start,
        source,
        gained,
        frozenset(used),
    )
    commits = ctx.base.commits.get(move.target, PROFESSION)
    roles, subjects = state.commit
    nxt.commit = (roles + (commits == PROFESSION), subjects + (commits == SUBJECT))
    nxt.lacking = state.lacking + lacks
    return nxt


def _steps(ctx: _Context, state: _State) -> tuple[RouteStep, ...]:
    steps: list[RouteStep] = []
    before = 0
    for node in state.chain():
        move = node.move
        assert move is not None
        programme = move.programme
        steps.append(
            RouteStep(
                source=node.source,
                target=move.target,
                kind=move.kind,
                route_id=move.route_id,
                programme=programme.id if programme else None,
                programme_title=programme.title if programme else None,
                months=ctx.months[id(move)],
                full_months=move.months,
                wait=node.start - before,
                funding=move.funding,
                cost=move.fee,
                band_from=ctx.bands.get(node.source),
                band_to=ctx.bands.get(move.target),
                unverified=move.unverified,
                band_unverified=any(
                    role in ctx.base.unconfirmed_bands and ctx.bands.get(role)
                    for role in (node.source, move.target)
                ),
                length_known=move.length_known,
                assumes=move.assumes,
                proposed=move.proposed,
                employer_cost=move.employer_cost,
                employer_band=move.employer_band,
                apprenticeship=move.apprenticeship,
                self_funded_fee=move.self_funded_fee,
                commits=ctx.base.commits.get(move.target, PROFESSION),
            )
        )
        before = node.now
    return tuple(steps)


def _to_route(ctx: _Context, state: _State) -> Route:
    # Only a rule met by a step that waits can have changed the answer: when the route's
    # steps leave the rule's two years behind anyway, when the person qualified is moot.
    met: set[int] = set()
    before = 0
    for node in state.chain():
        if node.start > before:
            met.update(ctx.rule_index.get(id(node.move), ()))
        before = node.now
    served = _served(ctx)
    rule_from = tuple(
        sorted(
            item
            for item in ctx.holdings.qualifications
            if item not in served and met.intersection(ctx.funded_training.get(item, ()))
        )
    )
    return Route(
        _steps(ctx, state),
        state.now,
        state.cost,
        state.cost_known,
        tuple(sorted(ctx.holdings.qualifications)),
        ctx.holdings.months_in,
        rule_from=rule_from,
    )


class _Into:
    """The relaxed graph, reversed (an id to what leads to it), and the last goal's distances.

    The graph does not depend on the goal, so it is built once per catalogue (and metric and
    prior learning); the distances are kept for the last goal only, which the chain search,
    the looser check and the wider search of one question share.
    """

    __slots__ = ("anchored", "anchored_graph", "dist", "goal", "graph", "indexes")

    def __init__(self, graph: dict[str, list[tuple[str, int]]]) -> None:
        self.graph = graph
        self.goal: str | None = None
        self.dist: dict[str, int] = {}
        #: The graph behind ``_Anchored`` (built on first use) and the last goal's bound.
        self.anchored_graph: dict[str, list[tuple[str, int]]] | None = None
        self.anchored: _Anchored | None = None
        #: The last goal's move indexes by pending limit: every search of one question
        #: (each a tenth of a second to index on a 3,000-role folder) shares them.
        self.indexes: dict[int, _MoveIndex] = {}


def _relaxed_distances(ctx: _Context, goal: str) -> dict[str, int]:
    """Lower bound on months from gaining an id to reaching ``goal``, every requirement free.

    An id leads to a move's target if the move mentions it (or it is open entry for a move
    with no checkable requirement); holding an id leads to what it implies at no cost. The
    edge from an id the move asks experience in carries that experience too: whoever gains
    the id must then work that long before the move.
    """
    key = (ctx.metric, ctx.holdings.modules, ctx.holdings.competencies)
    relaxed = ctx.into.get(key)
    if relaxed is None:
        relaxed = ctx.into[key] = _Into(_relaxed_graph(ctx))
    if relaxed.goal == goal:
        return relaxed.dist
    dist = _settle(relaxed.graph, {goal: 0})
    relaxed.goal, relaxed.dist = goal, dist
    relaxed.indexes = {}
    relaxed.anchored = None
    return dist


def _relaxed_steps(ctx: _Context, goal: str) -> dict[str, int]:
    """Lower bound on the steps from holding an id to reaching ``goal``.

    Every requirement but one is free, as ``_relaxed_distances`` counts months: what
    ``_beaten`` needs to know that a route through a state has as many steps as one found.
    """
    key = ("steps", ctx.holdings.modules, ctx.holdings.competencies)
    relaxed = ctx.into.get(key)
    if relaxed is None:
        relaxed = ctx.into[key] = _Into(_relaxed_graph(ctx, steps=True))
    if relaxed.goal != goal:
        relaxed.goal, relaxed.dist = goal, _settle(relaxed.graph, {goal: 0})
    return relaxed.dist


class _Anchored:
    """A tighter lower bound for the chain search: a progression needs its own role.

    The relaxed graph lets a move follow from any one id it mentions, so a lateral move
    that needs its role and a degree follows from the degree alone, and every state that
    gains a degree (half of a large folder implies one) looks a year from the goal. In a
    chain each step uses something the step before it gained, which nothing held before
    the state was; so a move with a role of origin, taken after a state whose held ids do
    not include that role, comes after a step that gained the role, and its edge may be
    drawn from the role alone (``dist``: the distance over such edges, the move's months
    and the wait in its role counted). A route through a move whose role the state
    already holds is bounded by ``via`` of that role instead: the move's months plus
    ``dist`` from its target (of the route's moves, take the last one whose role the state
    held: every later one is reached over the edges ``dist`` counts). The least of the two is a lower bound on every chain
    through the state; the search takes the greater of it and the relaxed graph's.
    """

    __slots__ = ("dist", "via")

    def __init__(self, graph: dict[str, list[tuple[str, int]]], ctx: _Context, goal: str) -> None:
        self.dist = _settle(graph, {goal: 0})
        self.via: dict[str, float] = {}
        for move in ctx.moves:
            if move.origin is None:
                continue
            others = {i for r in move.needs for i in _mentions(r)} - {move.origin}
            if not others:
                continue  # after the next step, a move mentioning only a held role is out
            bound = ctx.months[id(move)] + self.dist.get(move.target, math.inf)
            if bound < self.via.get(move.origin, math.inf):
                self.via[move.origin] = bound

    def bound(self, state: _State, ids: Iterable[str]) -> float:
        """Least months from ``state`` to the goal on any chain through it.

        ``ids`` is what its step gained (all it holds for the first state). Sets
        ``state.via`` from its parent's, so the states of a chain are bounded in order.
        """
        via = self.via
        far = self.dist
        now = state.now
        arrived = state.arrived
        parent = state.parent
        best_via = parent.via if parent is not None else math.inf
        tight = math.inf
        for item in ids:  # a loop, not min() over generators: once per state pushed
            through = via.get(item)
            if through is not None and through < best_via:
                best_via = through
            months = far.get(item)
            if months is not None:
                since = arrived.get(item)
                if since is not None:
                    months += since - now
                tight = min(tight, months)
        state.via = best_via
        return min(best_via, tight)


def _anchored_graph(ctx: _Context) -> dict[str, list[tuple[str, int]]]:
    """The reversed relaxed graph with a move that has a role of origin reached only from it."""
    into: dict[str, list[tuple[str, int]]] = {}
    for move in ctx.moves:
        weight = ctx.months[id(move)]
        waits: dict[str, int] = {}
        for requirement in move.needs:
            if requirement.kind == "experience":
                waits[requirement.ref] = max(waits.get(requirement.ref, 0), requirement.months)
        if move.origin is not None:
            mentioned = {move.origin}
        else:
            mentioned = {i for r in move.needs for i in _mentions(r)} or {OPEN_ENTRY}
        for item in mentioned:
            into.setdefault(move.target, []).append((item, weight + waits.get(item, 0)))
        for other in _gains(ctx, move):  # as in ``_relaxed_graph``: a relaxation
            if other != move.target:
                into.setdefault(other, []).append((move.target, 0))
    for item, implied_ids in ctx.table.items():
        for other in implied_ids:
            if other != item:
                into.setdefault(other, []).append((item, 0))
    return into


def _anchored(ctx: _Context, goal: str, dist: dict[str, int]) -> _Anchored:
    """The chain bound for ``goal`` (months only), shared like the relaxed distances."""
    relaxed = ctx.into.get((ctx.metric, ctx.holdings.modules, ctx.holdings.competencies))
    if relaxed is None or relaxed.goal != goal or relaxed.dist is not dist:
        return _Anchored(_anchored_graph(ctx), ctx, goal)
    if relaxed.anchored is None:
        if relaxed.anchored_graph is None:
            relaxed.anchored_graph = _anchored_graph(ctx)
        relaxed.anchored = _Anchored(relaxed.anchored_graph, ctx, goal)
    return relaxed.anchored


def _move_index(ctx: _Context, goal: str, dist: dict[str, int]) -> _MoveIndex:
    """The moves that can lead to ``goal``, indexed once for every search of one question.

    Shared only where the relaxed graph is (no move of the context's own, no programme
    shortened by prior learning), so the moves and their plans are the catalogue's.
    """
    relaxed = ctx.into.get((ctx.metric, ctx.holdings.modules, ctx.holdings.competencies))
    if relaxed is None or relaxed.goal != goal or relaxed.dist is not dist:
        return _MoveIndex(ctx, dist)
    index = relaxed.indexes.get(ctx.max_pending)
    if index is None or len(index.all_moves) != len(ctx.moves):
        index = relaxed.indexes[ctx.max_pending] = _MoveIndex(ctx, dist)
    index.by_pending = {}  # its orders depend on the search's weight and first state
    index.keys_for = None
    return index


def _settle(into: dict[str, list[tuple[str, int]]], found: dict[str, int]) -> dict[str, int]:
    """Dijkstra backwards over ``into`` from the ids in ``found`` (their distances given).

    ``found`` is extended in place and returned: each id's least distance to any start.
    """
    queue = [(d, i) for i, d in found.items()]
    heapq.heapify(queue)
    while queue:
        d, node = heapq.heappop(queue)
        if d > found.get(node, d):
            continue
        for previous, weight in into.get(node, ()):
            if d + weight < found.get(previous, math.inf):
                found[previous] = d + weight
                heapq.heappush(queue, (d + weight, previous))
    return found


def _relaxed_graph(
    ctx: _Context, *, assuming: bool = False, steps: bool = False
) -> dict[str, list[tuple[str, int]]]:
    """The reversed relaxed graph: for each id, the ids that lead to it and the months.

    With ``assuming``, only the edges of moves that assume something (and no implication).
    With ``steps``, each move's edge weighs one step instead (implications still nothing).
    """
    into: dict[str, list[tuple[str, int]]] = {}
    by_months = ctx.metric == "months" and not steps
    for move in ctx.moves:
        if assuming and not move.assumes:
            continue
        weight = 1 if steps else ctx.months[id(move)] if by_months else 0
        waits: dict[str, int] = {}
        for requirement in move.needs:
            if requirement.kind == "experience" and by_months:
                waits[requirement.ref] = max(waits.get(requirement.ref, 0), requirement.months)
        mentioned = {i for r in move.needs for i in _mentions(r)} or {OPEN_ENTRY}
        for item in mentioned:
            into.setdefault(move.target, []).append((item, weight + waits.get(item, 0)))
        if not assuming:
            # Its target leads at no cost to everything the move gains (the study its
            # programme gives, which the target's implications may not hold): a relaxation,
            # so distances only fall and the bound stays a lower bound.
            for other in _gains(ctx, move):
                if other != move.target:
                    into.setdefault(other, []).append((move.target, 0))
    if assuming:
        return into
    for item, implied_ids in ctx.table.items():
        for other in implied_ids:
            if other != item:
                into.setdefault(other, []).append((item, 0))
    return into


def _distances_via_assumption(ctx: _Context, dist: dict[str, int]) -> dict[str, int]:
    """Like ``dist``, but through at least one move that assumes something.

    From an id, a move that assumes leads on to ``dist`` of its target; any move leads on
    to this distance of its target (counting a move that assumes here too only makes the
    bound lower, never wrong). A route that must still cross a text condition is no
    shorter than this from anything it holds.
    """
    found: dict[str, int] = {}
    for target, edges in _relaxed_graph(ctx, assuming=True).items():
        if target in dist:
            for item, weight in edges:
                if dist[target] + weight < found.get(item, math.inf):
                    found[item] = dist[target] + weight
    into = ctx.into[(ctx.metric, ctx.holdings.modules, ctx.holdings.competencies)].graph
    return _settle(into, found)


def _primary(ctx: _Context, state: _State) -> int:
    return {"months": state.now, "steps": state.depth, "cost": state.cost}[ctx.metric]


def _dominates(a: _State, b: _State) -> bool:
    """``a`` is at least as good as ``b`` in every way a later step could notice."""
    if a.now > b.now or a.cost > b.cost or a.depth > b.depth or a.lacking > b.lacking:
        return False
    if not a.assumed <= b.assumed:
        return False
    # Gains still waiting to be used bind every later step (one must use each, and they
    # count towards the limit): ``a`` may owe no gain that ``b`` does not. Without this, a
    # state holding the same in another order, owing a gain no later step can use, stood
    # for one that owed nothing, and the only route through it was lost (found by the
    # oracle test with a route that must assume something).
    if not all(gain in b.pending for gain in a.pending):
        return False
    if any(when > b.arrived.get(item, math.inf) for item, when in a.arrived.items()):
        return False
    return all(
        ea is None or (eb is not None and ea <= eb)
        for ea, eb in zip(a.rule_ends, b.rule_ends, strict=True)
    )


class _MoveIndex:
    """The moves that can lead to one goal, indexed by the ids that make them possible.

    A state's possible moves only grow with what it holds, so each state keeps its set and
    a child adds just the moves its new ids unlock.
    """

    def __init__(self, ctx: _Context, dist: dict[str, int]) -> None:
        self.all_moves = ctx.moves
        self.useful = [m for m in ctx.moves if m.target in dist]
        self.max_pending = ctx.max_pending
        self.unlocks: dict[str, list[int]] = {}
        self.mentions: dict[str, set[int]] = {}  # moves that would use an id if it were held
        self.by_pending: dict[tuple[frozenset[str], ...], list[int]] = {}
        self.keys: list[tuple[float, int]] = []
        self.keys_for: list[float] | None = None
        for index, move in enumerate(self.useful):
            for group in move.groups:
                for item in group:
                    self.unlocks.setdefault(item, []).append(index)
            for options in ctx.plans[id(move)]:
                for item, _ in options:
                    self.mentions.setdefault(item, set()).add(index)

    def possible(self, held: frozenset[str], candidates: Iterable[int]) -> set[int]:
        """Candidates whose target is new and whose checkable requirements are all met."""
        return {
            i
            for i in candidates
            if self.useful[i].target not in held
            and not any(g.isdisjoint(held) for g in self.useful[i].groups)
        }

    def ready(self, state: _State) -> set[int]:
        """Moves possible in ``state``: those unlocked along its chain, target not yet held."""
        found: set[int] = set()
        node: _State | None = state
        while node is not None:
            found |= node.unlocked
            node = node.parent
        return {i for i in found if self.useful[i].target not in state.held}

    def unlock(self, state: _State) -> None:
        """Record the moves that what ``state``'s last step gained makes possible."""
        candidates = {i for item in state.gained for i in self.unlocks.get(item, ())}
        state.unlocked = frozenset(self.possible(state.held, candidates))

    def users(self, state: _State) -> set[int]:
        """Moves allowed next: with the pending limit reached, only those using a pending gain.

        Those are found from the pending gains (a few moves each) rather than by filtering
        every move possible in the state, which on a large folder is thousands per state.
        A move is possible exactly when its target is new and each of its checkable
        requirements is met, the test ``possible`` makes, so both ways give the same set.
        """
        if len(state.pending) < self.max_pending:
            return self.ready(state)
        mentioned = {i for g in state.pending for item in g for i in self.mentions.get(item, ())}
        return self.possible(state.held, mentioned)

    def in_order(self, state: _State, optimistic: list[float]) -> list[int]:
        """``users`` by optimistic bound (then index), perhaps with moves not possible.

        With the pending limit reached, the list depends only on the pending gains, so it
        is built once for each distinct set: on a large folder thousands of states share a
        few (a degree, say), each list thousands of moves long. Moves in it that a state
        cannot take are skipped by ``next_possible`` only when their turn comes.
        """
        if self.keys_for is not optimistic:
            # Sort keys as a list: a C-level key function instead of a lambda per move.
            self.keys = [(bound, i) for i, bound in enumerate(optimistic)]
            self.keys_for = optimistic
        by_key = self.keys.__getitem__
        if len(state.pending) < self.max_pending:
            # Every move possible here: those possible in the parent (its list, with moves
            # whose target is held since skipped as ever) and those this step's gain made
            # possible. Merged rather than sorted afresh from the whole chain's unlocks:
            # the same list, thousands of moves long on a large folder, in linear time.
            parent = state.parent
            if parent is not None and parent.order is not None:
                before = parent.held
                new = sorted(
                    (
                        i
                        for i in state.unlocked
                        if self.useful[i].target in before
                        or any(g.isdisjoint(before) for g in self.useful[i].groups)
                    ),
                    key=by_key,
                )
                state.order = sorted(parent.order + new, key=by_key) if new else parent.order
            else:
                state.order = sorted(self.users(state), key=by_key)
            return state.order
        order = self.by_pending.get(state.pending)
        if order is None:
            mentioned = {
                i for g in state.pending for item in g for i in self.mentions.get(item, ())
            }
            order = sorted(mentioned, key=by_key)
            self.by_pending[state.pending] = order
        return order

    def next_possible(self, held: frozenset[str], order: list[int], position: int) -> int:
        """The first position from ``position`` on whose move ``possible`` would keep."""
        # The test ``possible`` makes, written out: on a large folder thousands of moves a
        # state cannot take are skipped here per state, and a generator per move was a
        # sixth of a route question's time.
        useful = self.useful
        end = len(order)
        while position < end:
            move = useful[order[position]]
            if move.target not in held:
                for group in move.groups:
                    if group.isdisjoint(held):
                        break
                else:
                    return position
            position += 1
        return position


#: A lazy queue entry: a state, its moves in order of their bound, the next one's position.
_Later = tuple[_State, list[int], int]


def _search(  # noqa: PLR0915 - one A* loop whose helpers share its queue and bounds
    ctx: _Context,
    goal: str,
    want: int,
    within: int | None = None,
    weight: float = 1.0,
    *,
    deadline: float | None = None,
    max_states: int = MAX_STATES,
    must_assume: bool = False,
    floor: list[float] | None = None,
    cap: float = math.inf,
) -> tuple[list[Route], bool]:
    """The ``want`` best routes to ``goal`` (fewer if fewer exist) and whether it finished.

    ``floor``, when given, receives one figure: a lower bound, in the metric, on every route
    the search did not meet (infinity when it finished). Keys in the queue never fall along
    a route in the looser search (``floors``) or by cost or steps, so when it stops early,
    the least key left is what any route it did not reach must at least take: enough to
    prove a chain's answer when no looser route can be as good (``_checked_search``).
    ``cap`` leaves out every state whose key is above it: a route known to be at least as
    good as anything above it (the chain search's last) need not be looked past.

    ``weight`` above 1 inflates the lower bound (weighted A*): the search then goes straight
    for *a* route without proving it is the best, the fallback when the budget runs out.
    With ``must_assume`` only routes that assume something count, and a state that has
    assumed nothing yet is bounded by the distance through some move that assumes.
    """
    dist = _relaxed_distances(ctx, goal)
    before = _distances_via_assumption(ctx, dist) if must_assume else dist
    index = _move_index(ctx, goal, dist)
    start = _start_state(ctx)

    chain = ctx.max_pending == 1

    anchored = _anchored(ctx, goal, dist) if chain and ctx.metric == "months" else None

    def bound(state: _State) -> float:
        # In a chain, every later step uses what the step before it gained, so the rest of
        # the route starts from this step's gain; otherwise from anything held. Experience
        # already gained in a held id counts towards the wait its edges carry.
        arrived = state.arrived
        ids = state.gained if chain and state.move is not None else state.held
        left = before if not state.assumed else dist
        now = state.now
        relaxed = math.inf
        for item in ids:
            months = left.get(item)
            if months is not None:
                since = arrived.get(item)
                if since is not None:
                    months += since - now
                relaxed = min(relaxed, months)
        if anchored is None:
            return relaxed
        return max(relaxed, anchored.bound(state, ids))

    def priority(state: _State) -> tuple[float, int, int]:
        h = max(0.0, bound(state)) * weight if ctx.metric == "months" else 0
        return (_primary(ctx, state) + h, state.now, state.depth)

    if bound(start) == math.inf:
        return [], True
    counter = itertools.count()
    start.unlocked = frozenset(index.possible(start.held, range(len(index.useful))))
    expanded: dict[tuple[frozenset[str], bool], list[_State]] = {}
    found: list[Route] = []
    # The routes to answer with so far (``_ranked``), kept as ``found`` grows: the search
    # stops only once ``want`` routes no other beats in every way are found, so routes with
    # needless extra steps (as fast, but longer) never take the place of one that differs.
    best: list[Route] = []
    steps_left = _relaxed_steps(ctx, goal)
    relevant = frozenset(dist)
    since_first = 0
    deadline = deadline_after() if deadline is None else deadline
    # Partial expansion (exact): in a chain, ranked by months, a child's priority is at
    # least its parent's time plus the move's months plus the relaxed distance from its
    # target (the target's distance is the least of everything it gains). So an expanded
    # state's moves wait in the queue as one entry, cheapest first, and each is applied
    # only when that bound comes up: on a large folder most moves (every role a degree
    # opens, say) are far costlier than the answer and are never applied at all.
    lazy = ctx.metric == "months"
    # In a looser search a state's bound starts from anything it holds, so a child's can be
    # below the cost of the move that made it; its key is raised to a bound on routes
    # without a detour through it (see push_child), which the lazy entries stay under.
    floors = lazy and not chain
    start.floor = priority(start)[0]
    ahead = [dist.get(m.target, math.inf) * weight for m in index.useful]
    optimistic = [ctx.months[id(m)] + a for m, a in zip(index.useful, ahead, strict=True)]
    queue2: list[tuple[tuple[float, int, int], int, _State | None, _Later | None]] = [
        (priority(start), next(counter), start, None)
    ]

    def push_child(state: _State, move_index: int) -> None:
        nxt = _apply(ctx, state, index.useful[move_index])
        if nxt is None:
            return
        nxt_key = priority(nxt)
        if floors:
            # What this step gains must be used by a later step (or be the goal), and
            # every later step comes after it: so no route through it without a detour
            # ends before its end plus the relaxed distance from its target. With the
            # parent's key as well, keys never fall along a route, which lets the
            # looser search take its moves lazily too.
            nxt.floor = max(nxt_key[0], state.floor, nxt.now + ahead[move_index])
            nxt_key = (nxt.floor, nxt_key[1], nxt_key[2])
        if (
            nxt_key[0] == math.inf
            or nxt_key[0] > cap
            or (within is not None and nxt_key[0] > within and ctx.metric == "months")
        ):
            return
        heapq.heappush(queue2, (nxt_key, next(counter), nxt, None))

    def push_later(state: _State, order: list[int], position: int) -> None:
        # ``order`` may hold moves not possible in ``state`` (see ``in_order``): skip to the
        # next possible one, the one the filtered list would have had at this position.
        position = index.next_possible(state.held, order, position)
        if position >= len(order):
            return
        bound_key = max(state.now + optimistic[order[position]], state.floor if floors else 0)
        if bound_key == math.inf or bound_key > cap or (within is not None and bound_key > within):
            return
        heapq.heappush(
            queue2,
            (
                (bound_key, state.now, state.depth + 1),
                next(counter),
                None,
                (state, order, position),
            ),
        )

    popped = 0
    lazy_pops = 0
    key: tuple[float, int, int] = (math.inf, 0, 0)

    def stopped() -> list[Route]:
        # Called only when the search stops early, with ``key`` popped but not expanded.
        # A weighted key is no lower bound, nor a chain's by months (its bound may fall
        # along a route): those give no floor at all.
        if floor is not None:
            least = min(key[0], queue2[0][0][0]) if queue2 else key[0]
            floor.append(least if weight == 1 and (floors or not lazy) else -math.inf)
        return _ranked(ctx, found, want)

    while popped < max_states:
        if not queue2:
            return _ranked(ctx, found, want), True
        key, _, item, later = heapq.heappop(queue2)
        if len(best) >= want and (key[0] > best[-1].key(ctx.metric)[1] or weight > 1):
            return best, weight == 1
        if later is not None:
            lazy_pops += 1
            if lazy_pops % 1024 == 0 and clock() > deadline:
                # A state's moves taken one by one can be thousands between two states
                # popped: the clock is read here too, or the budget could pass by seconds.
                return stopped(), False
            parent, order, position = later
            push_child(parent, order[position])
            push_later(parent, order, position + 1)
            continue
        assert item is not None
        state = item
        popped += 1
        if (popped == 1 or popped % 256 == 0) and clock() > deadline:
            return stopped(), False
        if found:
            # A state every route through which a found one beats is dropped at once, and
            # does not count towards the budget: it is what proves no alternative remains.
            # (A weighted search's key is no lower bound: only the months so far count.)
            months = key[0] if weight == 1 else state.now
            if goal not in state.held and _beaten(ctx, state, best, months, steps_left):
                continue
            since_first += 1
            if since_first > ALTERNATIVES_BUDGET:
                return stopped(), False
        if goal in state.held:
            if not _detour(state, goal) and (state.assumed or not must_assume):
                found.append(_to_route(ctx, state))
                best = _ranked(ctx, found, want)
            continue
        # Under ``must_assume`` a state that has assumed something counts a route that
        # another, which has not, would not: neither stands for the other.
        bucket = expanded.setdefault(
            (state.held & relevant, must_assume and bool(state.assumed)), []
        )
        if _covered(bucket, state, want):
            continue
        bucket.append(state)
        if state.parent is not None and not chain:
            # Only for states expanded (most are never popped), and only when a descendant
            # may look for every possible move: in a chain every state after the first
            # has its pending limit reached, so ``users`` never needs the chain's unlocks.
            index.unlock(state)
        if lazy:
            push_later(state, index.in_order(state, optimistic), 0)
            continue
        for move_index in sorted(index.users(state)):
            push_child(state, move_index)
    # Out of states: the last one popped was expanded, so only the queue is left to bound.
    key = (math.inf, 0, 0)
    return stopped(), False


def _beaten(
    ctx: _Context, state: _State, found: list[Route], bound: float, steps_left: dict[str, int]
) -> bool:
    """Every route through ``state`` (short of the goal) is one ``distinct`` would drop.

    Months, fees, steps, conditions assumed and what a route commits a person to only grow
    along a route, and every step so far comes before the goal's; ``bound`` (the search's
    key) bounds the months of any route through ``state`` and ``steps_left`` its steps to
    come. So when a route already found is no worse in each and better in months, fees or
    steps than every route through ``state`` can be, it beats them all: none is worth
    finishing (and each ranks after it, so none is among the best either). A fee the data
    lacks stays lacking: a route with one beats only states that already lack one.
    Without this the search, looking for routes that differ, went on through every slower
    way to the same role.
    """
    months = max(float(state.now), bound if ctx.metric == "months" else 0.0)
    steps = state.depth + min((steps_left.get(i, math.inf) for i in state.held), default=math.inf)
    for route in found:
        if (
            route.months > months
            or route.cost > state.cost
            or len(route.steps) > steps
            or not route.length_known
            or not (route.cost_known or not state.cost_known)
            # Limited, a route lacking more fees than ``state`` ranks after its routes.
            or (ctx.lacking is not None and route.lacking(ctx.metric) > state.lacking)
            or route.proposed
            or (route.months == months and route.cost == state.cost and len(route.steps) == steps)
            or not state.assumed.issuperset(route.assumes)
        ):
            continue
        roles, subjects = route.commitment()
        if roles <= state.commit[0] and subjects <= state.commit[1]:
            return True
    return False


def _covered(bucket: list[_State], state: _State, want: int) -> bool:
    """Whether states already expanded make every route through ``state`` one not shown.

    One that covers it (``_covers``) and is better in something a route is ranked or
    beaten by gives, with any rest of ``state``'s route, one that beats it in every way
    (``distinct`` drops it). One that ties it in all of that only ranks first: ``want``
    such, no two doing the same roles and programmes (``distinct`` keeps one of those),
    leave no room for it. A state counts against another only if it also comes first
    among exact ties: otherwise which of two routes equal in all but their step ids is
    kept would depend on search order, and ``route`` and ``from`` could differ.
    """
    ties: set[tuple[tuple[str, str | None], ...]] = set()
    for other in bucket:
        if not _covers(other, state):
            continue
        if (
            other.now < state.now
            or other.cost < state.cost
            or other.depth < state.depth
            or other.commit != state.commit
            or other.assumed < state.assumed
            or other.cost_known > state.cost_known
            or other.lacking < state.lacking
        ):
            return True
        ties.add(
            tuple(
                (s.move.target, s.move.programme.id if s.move.programme else None)
                for s in other.chain()
                if s.move is not None
            )
        )
        if len(ties) >= want:
            return True
    return False


def _covers(a: _State, b: _State) -> bool:
    """``a`` stands for ``b`` in the search: dominates it and does not come after it in ties.

    With fewer steps so far, ``a``'s copy of the rest of ``b``'s route ranks first; with as
    many, it must not come after ``b``'s by the roles and step ids ``Route.key`` breaks
    exact ties with (as ``_stands_for`` does for ``fastest_within``), so the one answer is
    the least by ``Route.key`` whatever order the search met them in.
    """
    return _dominates(a, b) and _ranks_first(a, b)


def _ranks_first(a: _State, b: _State) -> bool:
    """With ``a`` dominating ``b``: ``a``'s copy of any rest of ``b``'s route ranks first.

    ``Route.key`` ranks what a route commits a person to before its steps, so ``a`` must
    commit to no more in either kind (a route committing to less is another answer, and
    ``distinct`` keeps it); then less, or fewer steps, or else (tied) roles and step ids
    that do not come after ``b``'s.
    """
    (a_roles, a_subjects), (b_roles, b_subjects) = a.commit, b.commit
    if a_roles > b_roles or a_subjects > b_subjects:
        return False
    return a.commit != b.commit or a.depth < b.depth or _path_key(a) <= _path_key(b)


def _ranked(ctx: _Context, found: list[Route], want: int) -> list[Route]:
    """The best ``want`` by the metric alone (assumptions are ranked by the caller).

    Repeats and routes another one found beats in every way (``distinct``) are left out:
    they would otherwise fill the list and stop the search before a route that differs.
    """
    return sorted(distinct(found, ctx.metric), key=lambda r: r.key(ctx.metric)[1:])[:want]


def _best(
    catalogue: Catalogue,
    held: Holdings,
    *,
    goal: str,
    metric: Metric,
    want: int,
    strict: bool,
    within: int | None,
    extra: tuple[Move, ...] = (),
    deadline: float | None = None,
    known_only: Known = "",
    candidates: list[Route] | None = None,
) -> tuple[list[Route], bool]:
    """Routes that assume nothing first, then routes that assume something, ``want`` in all.

    ``candidates``, when given, receives every route the searches met before the ``want``
    to show were chosen (``_known_first`` asks whether one had a step of unknown length).

    Two searches: the first without text-condition moves. If it finds fewer than ``want``
    (so it found all there are), the second, with every move, ranks by the metric alone:
    its best ``want`` routes include the best routes that assume something.
    """
    sure: list[Route] = []
    every: list[Route] = []
    finished = True
    # Whether the first route shown is proven best (see ``Route.proven``): each A* search
    # proves its first route, so only an empty or weighted search leaves it unproven.
    every_settled = True
    # One budget for the whole question, however many searches answer it (and for a whole
    # listing when the caller passes its own deadline).
    # The last-resort search (below) keeps the final quarter of the budget, so a question
    # with no caller's deadline still ends within TIME_BUDGET, answered or not.
    began = clock()
    whole = began + TIME_BUDGET if deadline is None else deadline
    own = began + TIME_BUDGET * 0.75
    deadline = own if deadline is None else min(own, deadline)

    def filled(
        sure_only: bool, cut: int | None, must_assume: bool = False
    ) -> tuple[list[Route], bool]:
        # Ask for ``want``; only when dropping repeats and routes another one beats
        # (``distinct``) leaves fewer, ask again for as many more (up to SPARE_ROUTES), so
        # an answer with no repeats costs no more than before.
        def search(ask: int) -> tuple[list[Route], bool]:
            return _checked_search(
                catalogue,
                held,
                metric,
                sure_only,
                extra,
                goal,
                ask,
                cut,
                deadline,
                must_assume=must_assume,
                known_only=known_only,
            )

        ask = want
        found, done = search(ask)
        while done and len(found) >= ask and ask < want + SPARE_ROUTES:
            kept = len(distinct(found, metric))
            if kept >= want:
                break
            ask = min(ask + want - kept, want + SPARE_ROUTES)
            more, more_done = search(ask)
            if not more_done:
                # Out of time: the routes already found are the better answer.
                return found, done
            found, done = more, more_done
        return found, done

    if goal in reachable(catalogue, held, strict=True, extra=extra, known_only=known_only):
        sure, finished = filled(True, within)
    # Whether the sure search ran to the end: only then does an empty ``sure`` mean no
    # route that assumes nothing exists (one may tie in months with the assumed route the
    # wider search met first, and would be shown before it).
    sure_finished = finished
    if not strict:
        # Enough sure routes to show, once repeats and beaten routes are dropped.
        best_sure = _figures(sure[0], metric) if len(distinct(sure, metric)) >= want else None
        # With enough sure routes, a route that assumes something is shown only if it is
        # no longer than the best sure one, so the wider search need not look past it.
        cutoff = within
        if best_sure is not None and metric == "months":
            cutoff = best_sure[0] if within is None else min(within, best_sure[0])
        # With the sure search finished and enough sure routes, the wider one is only
        # asked for routes that assume something: a sure route it found could never be
        # shown (the sure search already has the best), and knowing that a route must
        # still cross a text condition gives its bound more to go on.
        every, finished_all = filled(False, cutoff, must_assume=best_sure is not None and finished)
        # The wider search only qualifies the answer when its routes are shown: it runs in
        # order of a lower bound, so any route faster than the best sure one comes early.
        if best_sure is None or any(_figures(r, metric) < best_sure for r in every):
            finished = finished and finished_all
        # A faster route that assumes something is ruled out once the wider search found
        # any route (its first is the fastest of all) or finished without one.
        every_settled = bool(every) or finished_all
    if (
        not sure
        and not every
        and goal in reachable(catalogue, held, strict=strict, extra=extra, known_only=known_only)
    ):
        # Either the budget ran out, or no chain reaches the goal although some order of
        # moves does (one needing two things gained on separate branches). Find one route
        # by weighted A* over looser routes, marked as not proven best.
        loose = _Context(
            catalogue, held, metric, strict, max_pending=3, extra=extra, known_only=known_only
        )
        # It has the rest of the question's budget (at least its last quarter): without
        # it the question has no answer at all. A caller's deadline (one for a whole
        # listing or report) bounds it, as it bounds the rest.
        every, exhausted = _search(loose, goal, 1, within, weight=3.0, deadline=whole)
        # A route found this way is not proven best; none found with every state tried
        # means none exists (within the months), which is a finished answer.
        finished = exhausted and not every
        every_settled = False
    if candidates is not None:
        candidates.extend(sure + every)
    answer = shown(sure + [r for r in every if r not in sure], metric, want)
    if not finished and answer:
        first = answer[0]
        proven = (
            bool(every) and every_settled and sure_finished
            if first.assumes
            else bool(sure) and every_settled
        )
        from msgspec.structs import replace

        answer = [
            replace(r, complete=False, proven=proven and r.proven and i == 0)
            for i, r in enumerate(answer)
        ]
    return answer, finished


def _checked_search(  # noqa: PLR0917 - one call shape for the two searches of _best
    catalogue: Catalogue,
    held: Holdings,
    metric: Metric,
    strict: bool,
    extra: tuple[Move, ...],
    goal: str,
    want: int,
    within: int | None,
    deadline: float,
    *,
    must_assume: bool = False,
    known_only: Known = "",
) -> tuple[list[Route], bool]:
    """The chain search, checked by an exact search over looser routes when it is affordable.

    A chain misses a route whose steps need things gained on separate branches (two open
    entries, then a move needing both), so on its own, holding more could make the best
    route longer: the property test found one. Routes with up to three gains waiting to be
    used include every chain; when that search finishes within ``LOOSE_STATES`` its answer
    is exact, otherwise the chain's answer stands.
    """
    chain, finished = _search(
        _Context(catalogue, held, metric, strict, extra=extra, known_only=known_only),
        goal,
        want,
        within,
        deadline=deadline,
        must_assume=must_assume,
    )
    looser = _Context(
        catalogue, held, metric, strict, max_pending=3, extra=extra, known_only=known_only
    )
    floor: list[float] = []
    # With a full list of routes whose figure is known, a looser route ranks among them
    # only if it is no worse than the last: the looser search need look no further, and
    # on most questions it then finishes, an exact check, well within its states.
    full = finished and len(chain) >= want and all(r.known(metric) for r in chain)
    loose, loose_finished = _search(
        looser,
        goal,
        want,
        within,
        deadline=deadline,
        max_states=LOOSE_STATES,
        must_assume=must_assume,
        floor=floor,
        cap=_figures(chain[-1], metric)[0] if full else math.inf,
    )
    found = {r.steps: r for r in (*chain, *loose)}
    merged = sorted(distinct(found.values(), metric), key=lambda r: r.key(metric)[1:])[:want]
    if loose_finished:
        return merged, True
    # The looser search stopped: every route it did not meet takes at least ``least``.
    least = floor[0] if floor else -math.inf
    if metric == "months" and merged:
        # A route of unknown length ranks after every known one (``shown``), so known
        # routes are bounded by the moves of known length alone.
        rivals = looser
        if not known_only and all(r.length_known for r in merged):
            rivals = _Context(
                catalogue, held, metric, strict, max_pending=3, extra=extra, known_only="length"
            )
        least = max(least, _months_floor(rivals, goal, merged[-1].months))
    if not loose:
        return _bounded(chain, finished, least, metric, want)
    # What it met first is the best of all (A* meets the best first): never drop it. Only
    # the rest of the list may be bettered, unless the bound rules that out too.
    return merged, finished and _within_floor(merged, least, metric, want)


def _within_floor(routes: list[Route], floor: float, metric: Metric, want: int) -> bool:
    """Whether no route of at least ``floor`` (in the metric) could join or better ``routes``.

    True when the list is full and its last route is no worse than the floor, or when no
    route is left at all (an infinite floor).
    """
    if floor == math.inf:
        return True
    return len(routes) >= want and _figures(routes[-1], metric)[0] <= floor


#: Most labels ``_timed_steps`` may be offered when it checks one answer (``_months_floor``):
#: every start of the bundled data stays within it up to 120 months (2,000 would leave out
#: 98 of its 252 kinds of question there).
TIMED_LABELS = 20_000
#: Most moves a catalogue may have for ``_months_floor`` to try ``_timed_steps`` at all: the
#: bundled data has 175; on the 3,000-role bench folder (8,953) it ran to its label budget,
#: about 0.4 s a search, and settled nothing (route level-3 R30-40 took 19% longer).
TIMED_MOVES = 2_000


def _months_floor(ctx: _Context, goal: str, limit: int) -> float:
    """A lower bound on the months of every route to ``goal`` in ``ctx``, looser ones too.

    ``_earliest`` counts every requirement, which the looser search's own bound (a move
    following from any one id) does not, and is worked out once for a question's holdings.
    If that is below ``limit``, ``_timed_steps`` also counts the waits between programmes
    (the two-year rule: `route CWP PWP` needs it), kept to ``limit`` months and to
    ``TIMED_LABELS`` labels, on a folder of at most ``TIMED_MOVES`` moves: on a 3,000-role
    folder it would cost seconds a question.
    """
    least: float = _earliest(ctx).get(goal, math.inf)
    if least >= limit or len(ctx.moves) > TIMED_MOVES:
        return least
    try:
        found = _timed_steps(ctx, limit, TIMED_LABELS).get(goal)
    except _OverBudget:
        return least
    return min(label[0] for label in found) if found else limit + 1


def _bounded(
    chain: list[Route], finished: bool, floor: float, metric: Metric, want: int
) -> tuple[list[Route], bool]:
    """The chain's answer when the looser search stopped before meeting any route.

    Every looser route then takes at least ``floor`` (in the metric). A chain route no
    worse than that is beaten by none, so a full list whose last route is within it is
    complete (``_within_floor``). A looser route exactly as fast can still exist; no lower bound can rule that
    out (the chain route itself meets it), and it would differ only in the tie-breaks after
    the figure (``Route.key``), so the answer stays the fastest there is. A first route
    above the floor may be beaten by a looser route the search never reached, so it is not
    proven best. Without this, a check that gave up was reported as one that found nothing
    better: `route level-3 ACP` on the bundled data, and 85 of its 776 questions from a
    qualification, claimed a proof the check had not made.
    """
    if finished and _within_floor(chain, floor, metric, want):
        return chain, True
    if not chain:
        return chain, False
    if _figures(chain[0], metric)[0] <= floor:
        return chain, False
    from msgspec.structs import replace

    return [replace(r, complete=False, proven=False) for r in chain], False


def shown(routes: list[Route], metric: Metric, want: int) -> list[Route]:
    """The ``want`` routes to show, in order: the one rule, used by the search and its oracle.

    Routes whose ranking figure is known come first, then those with one step lacking it,
    then two, and so on (``Route.lacking``); within each, as follows.

    Routes that assume something rank after those that assume nothing, but one faster
    than the best sure route (by the metric, then months: ``_figures``; not merely as fast
    and ahead on a tie-break such as fewer steps) is never hidden behind them: a PWP asking
    for HI-CBT must see the usual route (which rests on an employer's support) beside a
    nine-year retraining. It is listed straight after the best sure route, before the
    other sure ones: third, after two longer retrainings, it read as a last resort.
    """
    merged = distinct(routes, metric)
    ordered: list[Route] = []
    # The ranking figure known first (``Route.known``): a step of unknown length counts as
    # nothing in ``months``, a fee the data lacks as nothing in ``cost``, so such a route's
    # total is only a lower bound and never outranks a known one. Among those, fewer steps
    # lacking it first (``Route.lacking``): each is one more unknown the bound leaves out,
    # so ranked by the bound alone a route through an extra apprenticeship of unknown
    # length led to a consultant post whose own step's length is unknown too.
    parts: dict[int, list[Route]] = {}
    for r in merged:
        parts.setdefault(r.lacking(metric), []).append(r)
    for _, part in sorted(parts.items()):
        sure = [r for r in part if not r.assumes]
        if sure:
            # Faster means better in the figures asked for (the metric, then months), not
            # in a tie-break: one only as fast, with fewer steps, ranks after the sure ones.
            best = _figures(sure[0], metric)
            faster = [r for r in part if r.assumes and _figures(r, metric) < best][:want]
            kept = [r for r in part if r not in faster][: max(want - len(faster), 1)]
            ordered.extend(kept[:1] + faster + kept[1:])
        else:
            ordered.extend(part)
    return ordered[:want]


def _figures(route: Route, metric: Metric) -> tuple[int, int]:
    """The figures that make a route faster (cheaper, shorter): the metric, then months."""
    key = route.key(metric)
    return (key[1], key[2])


def _signature(route: Route) -> tuple[tuple[str, str | None, int, int], ...]:
    """What the person does on a route: the roles gained and the programmes taken.

    Two entry routes into one role through one programme (one asking for an honours
    degree, one for Level 5 study, say), or an entry route and a progression doing the
    same, are the same answer to someone who qualifies for both. Steps as long and with
    the same wait but through different requirements are one answer; a different length
    or wait is a different answer (``distinct`` then keeps the one not beaten).
    """
    return tuple((s.target, s.programme, s.months, s.wait) for s in route.steps)


def _no_worse(a: Route, b: Route) -> bool:
    """``a`` is at least as good as ``b`` in everything a person weighs.

    Months (with no more steps of unknown length: see ``shown``), the conditions it
    assumes, training fees (with no more fees unknown), steps, and what it commits a person to on
    the way (another profession's training, a subject award: see ``Route.commitment``); a
    proposed route never beats one that runs. Without the commitment, a two-step route
    through an occupational therapy degree would hide an equally long three-step one
    through generic study.
    """
    a_roles, a_subjects = a.commitment()
    b_roles, b_subjects = b.commitment()
    return (
        a.months <= b.months
        and a_roles <= b_roles
        and a_subjects <= b_subjects
        and a.lacking("months") <= b.lacking("months")
        and set(a.assumes) <= set(b.assumes)
        and a.cost <= b.cost
        and a.lacking("cost") <= b.lacking("cost")
        and len(a.steps) <= len(b.steps)
        and (b.proposed or not a.proposed)
    )


def distinct(routes: Iterable[Route], metric: Metric) -> list[Route]:
    """Routes in ranked order, without repeats or routes another one beats in every way.

    A route is dropped when one listed with it does the same things (same roles and
    programmes), or is no worse in months, assumptions, fees and steps and better in one:
    nobody should be offered a route that is as long and rests on more.
    """
    ordered = sorted(routes, key=lambda r: r.key(metric))
    kept: list[Route] = []
    seen: set[tuple[tuple[str, str | None, int, int], ...]] = set()
    for route in ordered:
        signature = _signature(route)
        if signature in seen:
            continue
        if any(_no_worse(o, route) and not _no_worse(route, o) for o in ordered):
            continue
        seen.add(signature)
        kept.append(route)
    return kept


def _detour(state: _State, goal: str) -> bool:
    """A step is a detour when nothing it gained is the goal or used by a later step."""
    needed: set[str] = {goal}
    node: _State | None = state
    while node is not None and node.move is not None:
        if node.gained.isdisjoint(needed):
            return True
        needed |= node.relied
        node = node.parent
    return False


def reachable(
    catalogue: Catalogue,
    holdings: Holdings,
    *,
    strict: bool = False,
    extra: tuple[Move, ...] = (),
    known_only: Known = "",
) -> frozenset[str]:
    """Every id that some sequence of moves reaches from ``holdings`` (time ignored)."""
    memo = _base(catalogue, strict, known_only).reach
    key = (holdings.qualifications, tuple(m.route_id for m in extra))
    known = memo.get(key)
    if known is not None:
        return known
    if len(memo) > 256:  # a listing asks about one start many times, not many starts
        memo.clear()
    ctx = _Context(catalogue, holdings, "months", strict, extra=extra, known_only=known_only)
    held = set(holdings.qualifications) | {OPEN_ENTRY}
    # A worklist rather than sweeps over every move until nothing changes (a second of a
    # route question on a 3,000-role folder): a move is taken once each of its checkable
    # requirements (``Move.groups``; a text option makes one assumed, never unmet) has a
    # held id, which is what ``requirement_status`` asks of it.
    missing: list[int] = []
    watchers: dict[str, list[tuple[int, int]]] = {}
    ready: list[int] = []
    for index, move in enumerate(ctx.moves):
        missing.append(len(move.groups))
        for group_index, group in enumerate(move.groups):
            for item in group:
                watchers.setdefault(item, []).append((index, group_index))
        if not move.groups:
            ready.append(index)
    met: set[tuple[int, int]] = set()  # (move, group) pairs with a held id
    new = list(held)
    while new or ready:
        for item in new:
            for pair in watchers.get(item, ()):
                if pair not in met:
                    met.add(pair)
                    missing[pair[0]] -= 1
                    if not missing[pair[0]]:
                        ready.append(pair[0])
        new = []
        for index in ready:
            gained = _gains(ctx, ctx.moves[index])
            new.extend(i for i in gained if i not in held)
            held.update(gained)
        ready = []
    memo[key] = frozenset(held)
    return memo[key]


def unmet_reasons(
    catalogue: Catalogue, holdings: Holdings, goal: Role, *, strict: bool = False
) -> tuple[tuple[str, tuple[Requirement, ...]], ...]:
    """For each way into ``goal``, the requirements no route from ``holdings`` can meet.

    Sorted nearest first (fewest unmet requirements), so a "no route" answer can say what
    is missing instead of only that nothing was found.
    """
    reach = reachable(catalogue, holdings, strict=strict)
    reasons: list[tuple[int, str, tuple[Requirement, ...]]] = []
    for move in moves(catalogue):
        if move.target != goal.id or (strict and move.assumes):
            continue
        unmet = tuple(r for r in move.needs if requirement_status(r, reach) == "unmet")
        if unmet:
            reasons.append((len(unmet), move.route_id, unmet))
    reasons.sort(key=lambda item: (item[0], item[1]))
    return tuple((route_id, unmet) for _, route_id, unmet in reasons)


def _earliest_plan(
    found: list[Move],
) -> tuple[dict[str, list[tuple[int, int, int]]], list[int]]:
    """What ``_earliest`` needs of the moves alone, built once for a base's moves.

    By id, the (move, requirement, experience) that wait on it, and each move's count of
    checkable requirements: a listing asks ``_earliest`` for each of its contexts.
    """
    watchers: dict[str, list[tuple[int, int, int]]] = {}
    sizes: list[int] = []
    for index, move in enumerate(found):
        groups = [
            tuple(
                (o.ref, o.months if o.kind == "experience" else 0)
                for o in (r.options if r.kind == "any_of" else (r,))
            )
            for r in move.needs
            if r.kind != "text"
            and not any(o.kind == "text" for o in (r.options if r.kind == "any_of" else (r,)))
        ]
        sizes.append(len(groups))
        for group_index, options in enumerate(groups):
            for ref, wait in options:
                watchers.setdefault(ref, []).append((index, group_index, wait))
    return watchers, sizes


def _earliest(ctx: _Context) -> dict[str, int]:
    """For every id, a lower bound on the month any order of ``ctx``'s moves can gain it.

    Unlike the relaxed graph behind A*'s bound (a move reachable from any one id it
    mentions), every requirement counts here, as a move's start is no earlier than the
    latest of its requirements (each met by its earliest option, plus the experience that
    option asks). Only text conditions and the waits between programmes are left out, so
    no route of any kind (chain, looser or the last-resort search) gains an id sooner.
    One pass for every goal at once (Knuth's generalisation of Dijkstra: a move's time
    is the maximum of its requirements' plus its months, never below any of them).
    """
    known = ctx.base.earliest_for.get(ctx.holdings) if not ctx.added else None
    if known is not None:
        return known
    start = _start_state(ctx)
    plan = ctx.base.earliest if not ctx.added else None
    if plan is None:
        plan = _earliest_plan(ctx.moves)
        if not ctx.added:
            ctx.base.earliest = plan
    watchers, sizes = plan
    missing = list(sizes)
    group_times: list[list[float]] = [[math.inf] * size for size in sizes]
    best: dict[str, float] = {}
    queue: list[tuple[float, str]] = []

    def gain(items: Iterable[str], when: float) -> None:
        for item in items:
            if when < best.get(item, math.inf):
                best[item] = when
                heapq.heappush(queue, (when, item))

    for item in start.held:
        gain(ctx.table.get(item) or (item,), min(0, start.arrived.get(item, 0)))
    for index, move in enumerate(ctx.moves):
        if not missing[index]:
            gain(_gains(ctx, move), ctx.months[id(move)])
    settled: set[str] = set()
    while queue:
        when, item = heapq.heappop(queue)
        if item in settled or when > best[item]:
            continue
        settled.add(item)
        for index, group_index, wait in watchers.get(item, ()):
            times = group_times[index]
            if when + wait < times[group_index]:
                if times[group_index] == math.inf:
                    missing[index] -= 1
                times[group_index] = when + wait
                if not missing[index]:
                    move = ctx.moves[index]
                    gain(_gains(ctx, move), max(times) + ctx.months[id(move)])
    found = {item: int(when) for item, when in best.items()}
    if not ctx.added:
        if len(ctx.base.earliest_for) > 64:  # a listing asks about one start, not many
            ctx.base.earliest_for.clear()
        ctx.base.earliest_for[ctx.holdings] = found
    return found


def settled_goals(
    catalogue: Catalogue,
    start: Role | Qualification,
    *,
    within: int | None,
    holdings: Holdings | None = None,
    strict: bool = False,
    known_only: bool = False,
) -> tuple[frozenset[str], frozenset[str], dict[str, Route]]:
    """Goals whose ``find_routes(..., max_routes=1, within=within)`` answer needs no search.

    Returns the ids no route reaches within ``within`` months (``_earliest`` is past it),
    the ids some one-step route reaches (whatever it assumes) and, by goal, the answer
    when one or two steps settle it. With one route asked for, the answer is the best
    route that assumes nothing whenever one is within the months (see ``shown``), else
    the best of all. A route is settled as that answer when it is as fast as
    ``_earliest`` allows any route of its kind to be: nothing is faster, and every route
    with fewer steps has been tried. Among one-step routes equally fast the search keeps
    the least by ``Route.key`` (it meets them all); among two-step ones it may keep
    another of a tie, so two steps settle a goal only when no other route ties. A
    listing of thousands of roles (``from --within``) then searches only the rest.
    ``known_only`` answers for ``find_routes(..., known_only=True)`` the same way.
    """
    held = _holdings_with(catalogue, start, holdings)
    only: Known = "length" if known_only else ""
    every = _Context(catalogue, held, "months", strict, known_only=only)
    sure = _Context(catalogue, held, "months", True, known_only=only)
    bound_every = _earliest(every)
    bound_sure = bound_every if strict else _earliest(sure)
    limit = math.inf if within is None else within
    beyond = frozenset(r.id for r in catalogue.roles if bound_every.get(r.id, math.inf) > limit)
    every_found, one_step = _short_routes(every, bound_every, limit)
    sure_found = every_found if strict else _short_routes(sure, bound_sure, limit)[0]
    settled: dict[str, Route] = {}
    for goal in bound_every:
        if goal in beyond:
            continue
        # A route that assumes nothing is the answer when one may be within the months.
        found = sure_found if bound_sure.get(goal, math.inf) <= limit else every_found
        steps, routes = found.get(goal, (0, []))
        if routes and (steps == 1 or len(routes) == 1):
            best = min(routes, key=lambda r: r.key("months"))
            if _by_bound_alone(best.lacking("months")):
                settled[goal] = best
    return beyond, one_step, settled


def _by_bound_alone(lacking: int) -> bool:
    """Whether a route least by its lower bound, lacking ``lacking`` lengths, is the answer.

    ``find_routes`` gives a route with every length known when one fits, and otherwise
    one with the fewest steps of unknown length (``shown``): with none known, one such
    step is as few as any route can have, so the least by the bound is the answer only
    then. One with more may sit ahead of a route with fewer, by the bound alone.
    """
    return lacking <= 1


def _short_routes(
    ctx: _Context, bound: dict[str, int], limit: float
) -> tuple[dict[str, tuple[int, list[Route]]], frozenset[str]]:
    """By goal, the fewest steps (one or two) of a route as fast as ``bound`` allows.

    With it, every route with that many steps that is (two-step routes only for goals no
    one-step route reaches that fast, and at most two of them: a caller asks only whether
    one is alone); and every id some one step gains. Chains only: a
    two-step route whose second step does not use the first's gain is a detour, so
    looser routes add none.
    """
    first = _start_state(ctx)
    users: dict[str, list[Move]] = {}
    for move in ctx.moves:
        for options in ctx.plans[id(move)]:
            for item, _ in options:
                users.setdefault(item, []).append(move)
    found: dict[str, tuple[int, list[Route]]] = {}
    two: dict[str, list[_State]] = {}
    middle: list[_State] = []
    one_step: set[str] = set()
    for move in ctx.moves:
        nxt = _apply(ctx, first, move)
        if nxt is None:
            continue
        middle.append(nxt)
        one_step.update(nxt.gained)
        if nxt.now <= limit:
            for goal in nxt.gained:
                if nxt.now == bound.get(goal):
                    found.setdefault(goal, (1, []))[1].append(_to_route(ctx, nxt))
    for state in middle:
        if state.now > limit:
            continue
        tried: set[int] = set()
        for item in state.gained:
            for move in users.get(item, ()):
                if id(move) in tried or state.now + ctx.months[id(move)] > limit:
                    continue  # tried, or it would end past the months (it starts no sooner)
                tried.add(id(move))
                nxt = _apply(ctx, state, move)
                if nxt is None or nxt.now > limit:
                    continue
                for goal in nxt.gained:
                    if nxt.now == bound.get(goal) and found.get(goal, (2,))[0] == 2:
                        two.setdefault(goal, []).append(nxt)
    # A two-step answer is settled only when no other route ties it, so two routes are as
    # many as anyone asks about: on the 3,000-role ``scale.py`` folder, where many
    # two-step routes tie, making a Route of each was a third of ``from --within``.
    found.update(
        (goal, (2, [_to_route(ctx, s) for s in states[:2]])) for goal, states in two.items()
    )
    return found, frozenset(one_step)


#: Most labels ``_timed_steps`` keeps for one id before it folds them into one (their
#: least in every figure, still a lower bound): a guard, never reached on the folders here.
_FRONT_CAP = 48
#: A rule end before anything: no programme under the rule taken yet.
_NO_RULE = -(10**9)

#: (months, rule ends, steps, then lower bounds on the roles and subject awards trained
#: for before the step that gains the id and up to and including it: see ``_timed_steps``).
_Label = tuple[int, tuple[int, ...], int, int, int, int, int]
#: What a move needs met: (months, rule ends, steps, roles trained for, subject awards).
_Need = tuple[int, tuple[int, ...], int, int, int]


def _below(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """``a`` is no higher than ``b`` in every figure (the rule ends one by one)."""
    for x, y in zip(a, b, strict=True):
        if isinstance(x, tuple):
            if not all(p <= q for p, q in zip(x, y, strict=True)):  # type: ignore[call-overload]
                return False
        elif x > y:  # type: ignore[operator]
            return False
    return True


def _fold(front: list[tuple[object, ...]]) -> tuple[object, ...]:
    """One label as low as every label of ``front`` in each figure: still a lower bound."""
    return tuple(
        tuple(min(ends) for ends in zip(*column, strict=True))
        if isinstance(column[0], tuple)
        else min(column)
        for column in zip(*front, strict=True)
    )


def _keep(front: list, label: tuple[object, ...]) -> bool:  # type: ignore[type-arg]
    """Add ``label`` to ``front`` unless one there is as low in all figures; True if added."""
    for other in front:
        if _below(other, label):
            return False
    front[:] = [other for other in front if not _below(label, other)]
    front.append(label)
    if len(front) > _FRONT_CAP:
        front[:] = [_fold(front)]
    return True


def _checkable(move: Move) -> list[tuple[tuple[str, int], ...]]:
    """Each requirement of ``move`` the data can check, as (id, experience months) options."""
    groups = []
    for r in move.needs:
        options = r.options if r.kind == "any_of" else (r,)
        if r.kind != "text" and not any(o.kind == "text" for o in options):
            groups.append(
                tuple((o.ref, (o.months or 0) if o.kind == "experience" else 0) for o in options)
            )
    return groups


def _ready(
    groups: list[tuple[tuple[str, int], ...]],
    labels: dict[str, list[_Label]],
    first: _Need,
    limit: int,
) -> list[_Need]:
    """The least figures at which every requirement of a move is met (``_Need``).

    For each requirement the labels of its options (experience months added), combined
    across requirements by the greatest of each figure; ``first`` is the start's.
    """
    combined: list[_Need] = [first]
    for options in groups:
        choices = [
            (label[0] + wait, label[1], label[2], label[5], label[6])
            for ref, wait in options
            for label in labels.get(ref, ())
            if label[0] + wait <= limit
        ]
        if not choices:
            return []
        merged: list[_Need] = []
        for a in combined:
            for b in choices:
                _keep(
                    merged,
                    (
                        max(a[0], b[0]),
                        tuple(max(x, y) for x, y in zip(a[1], b[1], strict=True)),
                        max(a[2], b[2]),
                        max(a[3], b[3]),
                        max(a[4], b[4]),
                    ),
                )
        combined = merged
    return combined


class _OverBudget(Exception):
    """``_timed_steps`` was offered more labels than its budget allowed."""


def _timed_steps(
    ctx: _Context, limit: int, budget: int | None = None
) -> dict[str, list[tuple[int, int, int, int]]]:
    """For every id some route may gain within ``limit`` months, lower bounds (months, steps).

    ``_earliest`` leaves out the waits between programmes, so two 24-month programmes
    under a two-year rule seemed to fit in 48 months, where the rule makes it at least 72;
    and it counts no steps. Here each id carries labels
    (months, rule ends, steps), kept when no other is as low in all three: a move starts no
    earlier than the latest month of a label it takes for each of its requirements (plus
    the experience that option asks), and, under a rule, no earlier than the latest end of
    that rule's programmes in those labels plus the rule's wait; its gains get the end
    month, those rule ends raised to its own end, and one step more than the most of its
    requirements'. Every route of ``ctx``'s moves has, for each id it gains, a label no
    later, with no later rule ends and no more steps (induction over its steps: a rule's
    end only grows along a route, and whatever a step needs was gained by earlier steps),
    so a route gaining an id in ``m`` months and ``s`` steps has a label with months at
    most ``m`` and steps at most ``s``. The same holds for what ``Route.key`` counts before
    steps (``Route.commitment``): the roles and subject awards trained for before the
    step that gains the id are at least the most of its requirements' up to and including
    theirs. Labels past ``limit`` months are dropped: an id with none has no route within
    ``limit``. Returns each id's labels as (months, steps, roles, subject awards); raises
    ``_OverBudget`` when more than ``budget`` labels are offered (``TIMED_LABELS``).
    """
    start = _start_state(ctx)
    rules = ctx.rules
    first_ends = tuple(_NO_RULE if end is None else end for end in start.rule_ends)
    needs = [_checkable(move) for move in ctx.moves]
    watchers: dict[str, list[int]] = {}
    for index, groups in enumerate(needs):
        for options in groups:
            for ref, _ in options:
                watchers.setdefault(ref, []).append(index)
    labels: dict[str, list[_Label]] = {}
    work: list[int] = []
    queued: set[int] = set()

    offered = 0

    def gain(item: str, label: _Label) -> None:
        nonlocal offered
        offered += 1
        if _keep(labels.setdefault(item, []), label):
            for index in watchers.get(item, ()):
                if index not in queued:
                    queued.add(index)
                    work.append(index)

    for item in start.held:
        for gained in ctx.table.get(item) or (item,):
            gain(gained, (min(0, start.arrived.get(item, 0)), first_ends, 0, 0, 0, 0, 0))
    work.extend(i for i in range(len(ctx.moves)) if i not in queued)
    queued.update(work)
    while work:
        if budget is not None and offered > budget:
            raise _OverBudget
        index = work.pop()
        queued.discard(index)
        move = ctx.moves[index]
        under = ctx.rule_index.get(id(move), ())
        months = ctx.months[id(move)]
        commits = ctx.base.commits.get(move.target, PROFESSION)
        profession, subject = int(commits == PROFESSION), int(commits == SUBJECT)
        for ready, ends, steps, roles, awards in _ready(
            needs[index], labels, (0, first_ends, 0, 0, 0), limit
        ):
            begin = ready
            for rule in under:
                begin = max(begin, ends[rule] + rules[rule][1])
            end = begin + months
            if end > limit:
                continue
            raised = tuple(end if i in under else e for i, e in enumerate(ends))
            for item in _gains(ctx, move):
                gain(
                    item,
                    (end, raised, steps + 1, roles, awards, roles + profession, awards + subject),
                )
    return {
        item: [(label[0], label[2], label[3], label[4]) for label in front]
        for item, front in labels.items()
    }


#: The four kinds of route ``find_routes`` tells apart when it chooses one answer, as
#: (assumes nothing, every length known): see ``fastest_within``.
_KINDS = ((True, True), (False, True), (True, False), (False, False))


def _latest(ctx: _Context, targets: dict[str, int]) -> dict[str, int]:
    """For each id, the latest month holding it leaves some goal reachable by its target month.

    ``targets`` gives each goal the month a route must reach it by; over the relaxed graph
    (``_relaxed_graph``: every requirement free, so its distances are lower bounds) this is
    the greatest target minus distance to that goal, a Dijkstra run from the latest down.
    A state whose every id is past this cannot lead to a goal in time.
    """
    key = (ctx.metric, ctx.holdings.modules, ctx.holdings.competencies)
    relaxed = ctx.into.get(key)
    if relaxed is None:  # the graph the searches of single goals share
        relaxed = ctx.into[key] = _Into(_relaxed_graph(ctx))
    into = relaxed.graph
    latest = dict(targets)
    queue = [(-month, item) for item, month in latest.items()]
    heapq.heapify(queue)
    while queue:
        negative, node = heapq.heappop(queue)
        month = -negative
        if month < latest.get(node, month):
            continue
        for previous, weight in into.get(node, ()):
            if month - weight > latest.get(previous, -math.inf):
                latest[previous] = month - weight
                heapq.heappush(queue, (weight - month, previous))
    return latest


def _chain_arrivals(
    ctx: _Context, within: int, deadline: float, latest: dict[str, int] | None = None
) -> dict[str, dict[tuple[bool, bool], _State]] | None:
    """By role id and kind of route, the state a fastest chain first gains the role in.

    One Dijkstra-style expansion from the start over chain states (as ``_search`` with one
    gain pending: each step uses what the step before it gained), in order of (months,
    steps), so the first state popped that gains a role is the least in both among the
    chains of its kind that gain it. A state gains nothing new for any goal when another
    one already expanded holds the same, is no later in anything and no worse in kind
    (``_dominates``). With ``latest`` (see ``_latest``), a state that cannot lead to a goal
    by its month is not pushed: the expansion heads for those goals alone. Returns None
    when the deadline passes first.
    """
    users: dict[str, list[Move]] = {}
    for move in ctx.moves:
        seen: set[str] = set()
        for options in ctx.plans[id(move)]:
            for item, _ in options:
                if item not in seen:
                    seen.add(item)
                    users.setdefault(item, []).append(move)
    roles = {r.id for r in ctx.catalogue.roles}
    #: By move, the latest month it may end for something it gains to be of use.
    last: dict[int, float] = {}
    if latest is not None:
        last = {
            id(m): max((latest.get(i, -math.inf) for i in _gains(ctx, m)), default=-math.inf)
            for m in ctx.moves
        }
    counter = itertools.count()
    start = _start_state(ctx)
    # A queue entry: (months, steps), a tie-breaker, the state, whether every length is known.
    queue: list[tuple[int, int, int, _State, bool]] = [(0, 0, next(counter), start, True)]
    expanded: dict[frozenset[str], list[tuple[_State, bool]]] = {}
    arrivals: dict[str, dict[tuple[bool, bool], _State]] = {}
    popped = 0
    while queue:
        _, _, _, state, known = heapq.heappop(queue)
        popped += 1
        if (popped == 1 or popped % 256 == 0) and clock() > deadline:
            return None
        kind = (not state.assumed, known)
        for goal in state.gained & roles:
            # Among routes as fast, the least by ``Route.key`` (as a search for the one goal
            # ranks them: what the route commits a person to, then steps, then the fee and
            # ids): ties in months are popped one after another.
            by_kind = arrivals.setdefault(goal, {})
            first = by_kind.get(kind)
            if first is None or (
                first.now == state.now and _tie_key(ctx, state) < _tie_key(ctx, first)
            ):
                by_kind[kind] = state
        bucket = expanded.setdefault(state.held, [])
        if any(_stands_for(other, k, state, known) for other, k in bucket):
            continue
        bucket.append((state, known))
        if state.move is None:
            candidates: Iterable[Move] = ctx.moves
        else:
            candidates = dict.fromkeys(m for item in state.gained for m in users.get(item, ()))
        for move in candidates:
            if latest is not None and state.now + ctx.months[id(move)] > last[id(move)]:
                continue  # whatever it gains would be too late for every goal
            nxt = _apply(ctx, state, move)
            if nxt is None or nxt.now > within:
                continue
            if latest is not None and not any(
                nxt.now <= latest.get(item, -math.inf) for item in nxt.gained
            ):
                continue  # in a chain the rest starts from this step's gain
            heapq.heappush(
                queue, (nxt.now, nxt.depth, next(counter), nxt, known and move.length_known)
            )
    return arrivals


def _tie_key(ctx: _Context, state: _State) -> tuple[object, ...]:
    """``Route.key`` by months of the route ending in ``state``, after what it assumes.

    The kinds are told apart already; this is the order ``find_routes`` breaks ties in.
    """
    return _to_route(ctx, state).key("months")[1:]


def _path_key(state: _State) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The roles gained and the step ids so far: how ``Route.key`` orders routes that tie."""
    chain = state.chain()
    return (
        tuple(s.move.target for s in chain if s.move is not None),
        tuple(s.move.route_id for s in chain if s.move is not None),
    )


def _stands_for(a: _State, a_known: bool, b: _State, b_known: bool) -> bool:
    """Every route through ``b`` is matched by one through ``a`` that ranks no lower.

    ``_dominates`` makes ``a``'s copy of the rest of ``b``'s route no longer and no less
    sure; with fewer steps so far it ranks first, else (steps tied) it must not come after
    ``b``'s by the roles and step ids ``Route.key`` breaks ties with, or the one answer
    ``find_routes`` gives could be lost among equals.
    """
    if a_known < b_known or not _dominates(a, b):
        return False
    return _ranks_first(a, b)


class _KindBounds:
    """``_timed_steps`` for each kind of route (``_KINDS``), worked out when first asked.

    Most roles are settled or ruled out by the first kind, so a listing with few roles
    left (``from degree --within 24`` has one) does not pay for all four.
    """

    def __init__(self, catalogue: Catalogue, held: Holdings, within: int) -> None:
        self.catalogue = catalogue
        self.held = held
        self.within = within
        self.found: dict[tuple[bool, bool], dict[str, list[tuple[int, int, int, int]]]] = {}

    def __getitem__(self, kind: tuple[bool, bool]) -> dict[str, list[tuple[int, int, int, int]]]:
        labels = self.found.get(kind)
        if labels is None:
            sure, known = kind
            ctx = _Context(
                self.catalogue, self.held, "months", sure, known_only="length" if known else ""
            )
            labels = self.found[kind] = _timed_steps(ctx, self.within)
        return labels


def fastest_within(
    catalogue: Catalogue,
    start: Role | Qualification,
    *,
    within: int,
    holdings: Holdings | None = None,
    strict: bool = False,
    deadline: float | None = None,
    goals: Iterable[str] | None = None,
    none_within: set[str] | None = None,
) -> dict[str, Route]:
    """By role, ``find_routes(..., max_routes=1, within=within)``'s answer where one search settles it.

    ``from --within`` asks that question of thousands of roles; a search per role took
    minutes. This runs one search from the start (``_chain_arrivals``) for every role at
    once. ``find_routes`` answers with a route whose every length is known when one fits
    in the months (else with any), and of those with one that assumes nothing when one
    fits (else with one that assumes something): the least by (months, steps) of that
    kind. A chain the expansion found is that answer, in months, steps, what it assumes
    and whether its lengths are known, when it is as short as ``_earliest`` and
    ``_fewest_steps`` allow a route of its kind (so no looser route is better), and each
    kind ranked before it is shown to have no route within the months (``_earliest`` past
    them) rather than merely not met by a chain. A role not settled so is left out, for
    the caller to search; so is every role when the deadline passes first. ``goals``
    (default every role) are the roles asked about: the search heads for them alone.
    """
    held = _holdings_with(catalogue, start, holdings)
    ctx = _Context(catalogue, held, "months", strict)
    bounds = _KindBounds(catalogue, held, within)
    # The month each goal's answer must reach it by to be settled here: the earliest a
    # route of the first kind that may have one within the months can reach it.
    targets: dict[str, int] = {}
    for goal in (r.id for r in catalogue.roles) if goals is None else goals:
        if goal in held.qualifications:
            continue
        for kind in _KINDS:
            if strict and not kind[0]:
                continue
            labels = bounds[kind]
            if labels.get(goal):
                targets[goal] = min(label[0] for label in labels[goal])
                break
        else:
            # No route of any kind within the months (the last kind counts every move
            # the question allows): ``find_routes`` finds none either.
            if none_within is not None:
                none_within.add(goal)
    if not targets:
        return {}
    arrivals = _chain_arrivals(
        ctx,
        within,
        deadline_after() if deadline is None else deadline,
        _latest(ctx, targets),
    )
    if arrivals is None:
        return {}
    settled: dict[str, Route] = {}
    for goal, found in arrivals.items():
        if goal in targets:
            answer = _proven_answer(ctx, found, bounds, goal, within=within, strict=strict)
            if answer is not None:
                settled[goal] = _to_route(ctx, answer)
    return settled


def _proven_answer(
    ctx: _Context,
    found: dict[tuple[bool, bool], _State],
    bounds: _KindBounds,
    goal: str,
    *,
    within: int,
    strict: bool,
) -> _State | None:
    """The state ending ``find_routes``'s answer for ``goal`` among chains ``found``, if proven.

    Kinds in the order ``find_routes`` prefers them; a kind with no chain is passed over
    only when ``_timed_steps`` rules out every route of it within the months. A chain is
    the answer when no label of its kind (``_timed_steps``) is sooner, or as soon with
    fewer steps: then no route of the kind, looser or not, is. ``Route.key`` ranks a route
    that commits a person to less (trains for fewer other roles, then fewer subject awards,
    on the way) before one with fewer steps, so a label as soon must not allow less of
    those, in that order, than the chain has.
    """
    for kind in _KINDS:
        if strict and not kind[0]:
            continue
        # A route that assumes nothing is also one of the kind that may assume, and a
        # route whose lengths are known one of the kind whose lengths may not be.
        states = [s for (sure, known), s in found.items() if sure >= kind[0] and known >= kind[1]]
        labels = bounds[kind].get(goal, [])
        if not states:
            if any(label[0] <= within for label in labels):
                return None  # a route of this kind may exist that no chain is
            continue
        soonest = min(s.now for s in states)
        state = min((s for s in states if s.now == soonest), key=lambda s: _tie_key(ctx, s))
        route = _to_route(ctx, state)
        if not _by_bound_alone(route.lacking("months")):
            return None  # a route with fewer steps of unknown length may rank first
        # ``Route.key``'s order after months: what the route commits to, then its steps.
        rank = (*route.commitment(), state.depth)
        if all(t > state.now or (t == state.now and (r, a, n) >= rank) for t, n, r, a in labels):
            return state
        return None
    return None


def _holdings_with(
    catalogue: Catalogue, start: Role | Qualification, holdings: Holdings | None
) -> Holdings:
    """The person holds their starting role or qualification as well as their prior learning."""
    base = holdings_for(catalogue, [start])
    extra = holdings or Holdings()
    return Holdings(
        close(catalogue, base.qualifications | extra.qualifications),
        base.modules | extra.modules,
        base.competencies | extra.competencies,
        extra.months_in,
    )


def _known_first(
    catalogue: Catalogue,
    held: Holdings,
    *,
    goal: str,
    metric: Metric,
    want: int,
    strict: bool,
    within: int | None,
    extra: tuple[Move, ...],
    deadline: float | None,
    known_only: bool,
    also: int = 0,
) -> tuple[list[Route], bool]:
    """Routes whose ranking figure is known first, then routes where a step lacks it.

    The figure is a step's length (ranked by months or steps) or the person's fee (ranked
    by cost): one the data does not give counts as nothing, so ranked by the sum alone a
    one-step route nobody knows the length of (the dietitian apprenticeship) came before a
    known two-year one, marked proven best, and a conversion course whose fee is unknown
    ranked as the cheapest. The search over steps whose figure is known answers whenever
    the search over every step meets a route lacking one (its first route is proven best
    among them). When it finds fewer than ``want``, searches allowing one step lacking the
    figure, then two, and so on (``Lacking``) make up the list, in the order ``shown``
    gives (fewest lacking first), so the brute-force oracle agrees: the search over every
    step ranks by the lower bound alone and meets first a route through an extra step of
    unknown length, which ``shown`` ranks after a route with one. With ``also``, up to that
    many more routes lacking the figure follow a full list, listed apart
    (``Route.known``): the fewest lacking first among those the searches met, so one that
    ranked, by its lower bound, among the best ``want`` is listed when room allows.
    """
    whole = deadline_after() if deadline is None else deadline
    what: Literal["length", "fee"] = "fee" if metric == "cost" else "length"

    met: list[Route] = []

    def search(only: Known, ask: int = want) -> tuple[list[Route], bool]:
        return _best(
            catalogue,
            held,
            goal=goal,
            metric=metric,
            want=ask,
            strict=strict,
            within=within,
            extra=extra,
            deadline=whole,
            known_only=only,
            candidates=None if only else met,
        )

    if known_only:
        return search("length")
    every, finished = search("")
    if all(r.known(metric) for r in met):
        # The search met no route lacking the figure, so the best routes it met are the
        # best of known figures: this is the known-first answer already (one search, as
        # before, for most questions).
        return every, finished
    known, known_finished = search(what)
    # Each search allowing one more step lacking the figure, asked only while the ones
    # before found fewer than ``want`` (so found every route with fewer lacking): its best
    # ``want`` by the lower bound hold the best routes with exactly that many lacking.
    # No route the search over every step met lacks more than ``most``, and those it met
    # are ``want`` or all there are, so by then the list is full or complete.
    found = list(known)
    done = known_finished
    most = max(r.lacking(metric) for r in met)
    allowed = 0
    while done and allowed < most and len(shown(found, metric, want)) < want:
        allowed += 1
        more_found, done = search(Lacking(what, allowed), want + len(found))
        seen = {r.steps for r in found}
        found.extend(r for r in more_found if r.steps not in seen)
    ranked = shown(found, metric, want)
    known = [r for r in ranked if r.known(metric)]
    # Then routes the search over every step met, listed apart when the list is full,
    # ordered as ``shown`` orders them, without repeats or routes another one beats. Asked
    # for exactly as many as listed: which route that assumes something ``shown`` lifts
    # past the sure ones depends on how many are asked for.
    more = max(want - len(known), also)
    lacking = [r for r in [*found, *met] if not r.known(metric)]
    unknown = [r for r in shown([*known, *lacking], metric, len(known) + more) if r in lacking]
    from msgspec.structs import replace

    # The answers of the searches allowing some lacking keep their marks (their first
    # route was proven best among those, every search before them having finished). A
    # route only the search over every step met was ranked there by its lower bound alone,
    # so it is not proven, and the list is incomplete if a search stopped at its budget.
    answered = {r.steps: r for r in found}
    unknown = [
        answered.get(r.steps) or replace(r, complete=r.complete and finished and done, proven=False)
        for r in unknown
    ]
    if known:
        # Only a first route is proven best.
        unknown = [replace(r, proven=False) for r in unknown]
    if not done:
        # A search stopped short: a route it missed might rank before these.
        unknown = [replace(r, complete=False) for r in unknown]
    if len(known) >= want:
        return known + unknown, known_finished
    # The searches allowing some lacking settle the list when they fill it; when they do
    # not, only a finished search over every step says no route lacking more is left out.
    # (A dense folder's 50 routes by cost, every fee unknown, were two routes marked
    # complete while the search over every step had stopped at its budget.)
    settled = done and (finished or len(shown(found, metric, want)) >= want)
    if not settled:
        known = [replace(r, complete=False) for r in known]
        unknown = [replace(r, complete=False) for r in unknown]
    return known + unknown, settled


def find_routes(
    catalogue: Catalogue,
    start: Role | Qualification,
    goal: Role,
    *,
    metric: Metric = "months",
    max_routes: int = 3,
    holdings: Holdings | None = None,
    strict: bool = False,
    within: int | None = None,
    proposed: bool = False,
    deadline: float | None = None,
    known_only: bool = False,
    also: int = 0,
) -> tuple[Route, ...]:
    """The best ``max_routes`` routes from ``start`` (plus ``holdings``) to ``goal``, best first.

    Raises CareerpathError when the goal is already held, and NoRouteError (naming the unmet
    requirements on the nearest ways in, and roles that can be reached) when none exists.
    ``within`` drops routes longer than that many months (used by ``from --within``).
    ``known_only`` leaves out steps whose length the data does not give, so every route's
    months are its real length: only such a route can be said to fit within a time.
    With ``proposed``, a module top-up from ``start`` to ``goal`` (see ``proposed_moves``)
    is a move too, and every route through it is marked proposed.

    Routes whose ranking figure is known (``Route.known``: every length, or by cost every
    fee) come first; routes lacking one follow, to make up ``max_routes`` and, with
    ``also``, up to that many more after a full list of known ones: a route of unknown
    length may be the apprenticeship someone wants, so it is listed apart, never dropped.
    """
    if start.id == goal.id:
        raise CareerpathError(f"'{start.id}' is already the destination")
    held = _holdings_with(catalogue, start, holdings)
    if goal.id in held.qualifications:
        raise CareerpathError(f"'{goal.id}' is already held by someone who holds '{start.id}'")
    extra = proposed_moves(catalogue, start, goal, holdings) if proposed else ()
    routes, finished = _known_first(
        catalogue,
        held,
        goal=goal.id,
        metric=metric,
        want=max_routes,
        strict=strict,
        within=within,
        extra=extra,
        deadline=deadline,
        known_only=known_only,
        also=also,
    )
    if extra:
        # A proposed route is never mixed silently with programmes that run: the routes that
        # exist come first, then the proposed ones, each labelled.
        first = routes[0] if routes else None
        routes.sort(key=lambda r: r.proposed)
        if routes and routes[0] is not first and not routes[0].complete:
            # The proven best was a proposed route: the first running one is not proven.
            from msgspec.structs import replace

            routes = [replace(r, proven=False) for r in routes]
    if within is not None:
        routes = [r for r in routes if r.months <= within]
    routes = [with_history(catalogue, start, holdings, r) for r in routes]
    if not routes:
        if not finished and within is None:
            raise CareerpathError(
                f"the route search from '{start.id}' to '{goal.id}' stopped after "
                f"{MAX_STATES:,} states or {TIME_BUDGET:g} s without an answer"
            )
        raise _no_route(catalogue, start, goal, held, strict=strict)
    return tuple(routes)


def one_step_routes(
    catalogue: Catalogue,
    start: Role | Qualification,
    *,
    holdings: Holdings | None = None,
    strict: bool = False,
    extra: tuple[Move, ...] = (),
) -> dict[str, list[Route]]:
    """By role id, every route of one step from ``start`` (plus ``holdings``) into it.

    What ``from`` without ``--within`` lists: the roles someone can enter directly, each
    by the one step ``shown`` ranks first. Not the first answer of ``find_routes`` kept
    when it is one step: a role whose best route is longer but that one step reaches on
    a condition the data cannot check (PWP from GCSEs, on relevant life experience) was
    then left out, though ``from --within 12`` listed it as direct. A step counts for
    every role it gains (a role implied by its target too), as in the search. ``extra``
    adds moves of the caller's own (proposed top-ups).
    """
    held = _holdings_with(catalogue, start, holdings)
    ctx = _Context(catalogue, held, "months", strict, extra=extra)
    first = _start_state(ctx)
    found: dict[str, list[Route]] = {}
    for move in ctx.moves:
        nxt = _apply(ctx, first, move)
        if nxt is None:
            continue
        route = _to_route(ctx, nxt)
        for goal in sorted(nxt.gained):
            if catalogue.has("roles", goal):
                found.setdefault(goal, []).append(route)
    return found


def with_history(
    catalogue: Catalogue, start: Role | Qualification, holdings: Holdings | None, route: Route
) -> Route:
    """``route`` with what it assumes about the person's history (``Route.history``).

    A step whose requirement is met only by a level of study a role held is credited with
    (``study_credited``: every current way in gives it) rests on the person's own training
    having given it: a mental health nurse who qualified before 2013 mostly holds a
    diploma. What the route's own earlier steps gain is certain (the person takes today's
    training), and so is what the person named, with everything it implies without credit.
    """
    extra = holdings or Holdings()
    named = {start.id, *(extra.stated or extra.qualifications)}
    found = _study_history(catalogue, named, route) + _rule_history(
        catalogue, named, route, dict(extra.months_in)
    )
    if not found:
        return route
    from msgspec.structs import replace

    return replace(route, history=tuple(dict.fromkeys(found)))


def _rule_history(
    catalogue: Catalogue, named: set[str], route: Route, served: dict[str, int]
) -> list[str]:
    """What a route takes on trust about a funding rule and a held role's training.

    When a wait-between rule covers only some of a role's ways in, the route takes the
    rule as not applying (the person may have trained the other way), so it says so.

    A CAP may have trained through the NHS-funded apprenticeship, which the two-year rule
    covers, or the self-funded MSc, which it does not: `route CAP clinical-psychologist`
    gave 3 years with no word of the two more years the first would mean. Months in post
    as long as the rule's wait (``--have CAP:24``) make it moot.
    """
    rules = [r for r in catalogue.rules if r.kind == "wait-between"]
    if not rules:
        return []
    into = _ways_into(catalogue)
    names = catalogue.name_of()
    found: list[str] = []
    for role in sorted(i for i in named if catalogue.has("roles", i)):
        ways = into.get(role, [])
        for rule in rules:
            covered = [m for m in ways if m.programme and m.programme.id in rule.programmes]
            if not covered or len(covered) == len(ways) or served.get(role, 0) >= rule.months:
                continue  # all or none, or long enough in post: the answer is the same
            later = [s for s in route.steps if s.programme in rule.programmes and s.target != role]
            if later:
                titles = sorted({m.programme.title for m in covered if m.programme})
                found.append(
                    f"your {names.get(role, role)} training was not one the rule "
                    f"'{rule.title}' covers ({'; '.join(titles)}); if it was, "
                    f"{names.get(later[0].target, later[0].target)} training cannot start "
                    f"until {months_text(rule.months)} after you qualified"
                )
    return found


def _study_history(catalogue: Catalogue, named: set[str], route: Route) -> list[str]:
    """Levels of study a held role is credited with that the route's steps rely on."""
    credited = study_credited(catalogue, named)
    if not credited:
        return []
    by_id = _moves_by_id(catalogue)
    certain: set[str] = set()
    for item in named:
        certain |= implied(catalogue, study=False).get(item, {item})
    certain.add(OPEN_ENTRY)
    names = catalogue.name_of()
    found: list[str] = []
    for step in route.steps:
        move = by_id.get(step.route_id)
        if move is not None:
            for options in _plan(move):
                if any(ref in certain for ref, _ in options):
                    continue
                relied = [ref for ref, _ in options if ref in credited]
                if relied:
                    ref = relied[0]
                    held = credited[ref]
                    whose = (
                        f"your {names.get(held, held)} training"
                        if catalogue.has("roles", held)
                        else f"the training behind your {names.get(held, held)}"
                    )
                    found.append(
                        f"{whose} gave you the {names.get(ref, ref)}, as every current way "
                        f"in does; an older way in may not have (give --have {ref} if you "
                        "hold it)"
                    )
        # What the step gives by the way it took (``gains_of``): a post taken with a
        # registration gives no degree that only the role's training awards.
        certain |= gains_of(catalogue, step.target, step.programme)
    return found


def _moves_by_id(catalogue: Catalogue) -> dict[str, Move]:
    cached = catalogue._by_id.get("moves-by-id")
    if cached is None:
        cached = {m.route_id: m for m in moves(catalogue)}  # type: ignore[assignment]
        catalogue._by_id["moves-by-id"] = cached  # type: ignore[assignment]
    return cached  # type: ignore[return-value]


def _ways_into(catalogue: Catalogue) -> dict[str, list[Move]]:
    """Every move into each id, assumed or not: how a holder of it may have trained.

    Read by the wait-between rule twice over: a role every way into which the rule covers
    starts its wait (``_Base.funded_training``); one only some ways into which it covers is
    said as an assumption (``_rule_history``).
    """
    cached = catalogue._by_id.get("ways-into")
    if cached is None:
        into: dict[str, list[Move]] = {}
        for move in moves(catalogue):
            into.setdefault(move.target, []).append(move)
        cached = catalogue._by_id["ways-into"] = into  # type: ignore[assignment]
    return cached  # type: ignore[return-value]


def builds_on(catalogue: Catalogue, route: Route, role_id: str) -> bool:
    """Whether ``route`` uses ``role_id`` itself: a step starts from it or asks for it.

    A registered mental health nurse's best route into a nursing associate post starts from
    GCSEs: it is the full training anyone with GCSEs takes, and nothing of the nurse's own
    post shortens it. ``gap`` says so rather than call it the route "for" a nurse.
    """
    by_id = _moves_by_id(catalogue)
    for step in route.steps:
        if step.source == role_id:
            return True
        move = by_id.get(step.route_id)
        if move is not None and any(
            role_id in _mentions(requirement) for requirement in move.needs
        ):
            return True
    return False


#: What a route through a proposed top-up takes for granted: no provider runs it today.
PROPOSED_ASSUMES = (
    "a provider runs this top-up and the destination's employers and regulator accept it "
    "in place of its usual entry requirements"
)


def proposed_moves(
    catalogue: Catalogue,
    start: Role | Qualification,
    goal: Role,
    holdings: Holdings | None = None,
) -> tuple[Move, ...]:
    """The conversion top-up from ``start`` to ``goal`` as a move, when module data gives one.

    It is the top-up ``gap`` computes (one function, one answer): the modules that close
    the competency gap, taken as their share of their programmes' months. There is none
    when ``start`` is not a role, or some needed competency is taught by no module, or the
    modules add up to the whole of a programme (that is the programme, not a top-up).
    """
    if not isinstance(start, Role):
        return ()
    from careerpath.analysis.overlap import gap

    found = gap(catalogue, start, goal, holdings)
    if not found.modules or found.uncovered or found.no_shorter_than_full:
        return ()
    return (
        _finish(
            Move(
                goal.id,
                "top-up",
                f"{start.id}->{goal.id}#proposed",
                start.id,
                None,
                max(1, math.ceil(found.months)),
                True,
                (Requirement("text", text=PROPOSED_ASSUMES),),
                (),
                True,
                proposed=True,
            )
        ),
    )


def best_or_reason(
    catalogue: Catalogue,
    start: Role | Qualification,
    goal: Role,
    holdings: Holdings | None = None,
) -> tuple[Route | None, str]:
    """The best route, or None and the reason there is none (for views that show both).

    ``gap`` and the report use this so that their "what the move takes" is the route the
    ``route`` command gives, never a second answer.
    """
    try:
        return find_routes(catalogue, start, goal, max_routes=1, holdings=holdings)[0], ""
    except NoRouteError as exc:
        hint = exc.hint()
        return None, str(exc) + (f" ({hint})" if hint else "")
    except CareerpathError as exc:
        return None, str(exc)


def _no_route(
    catalogue: Catalogue, start: Role | Qualification, goal: Role, held: Holdings, *, strict: bool
) -> NoRouteError:
    reach = reachable(catalogue, held, strict=strict)
    names = catalogue.name_of()
    reasons = unmet_reasons(catalogue, held, goal, strict=strict)
    nearest = tuple(
        dict.fromkeys(
            f"{names.get(goal.id, goal.id)} needs "
            + " and ".join(
                r.describe(
                    names,
                    {q.id for q in catalogue.qualifications if q.kind == "registration"},
                )
                for r in unmet
            )
            for _, unmet in reasons[:3]
        )
    )
    if strict and not nearest:
        loose = reachable(catalogue, held)
        unchecked = [
            move.assumes[0]
            for move in moves(catalogue)
            if move.target == goal.id
            and move.assumes
            and all(requirement_status(r, loose) != "unmet" for r in move.needs)
        ]
        if unchecked:
            nearest = (
                f"every way into {names.get(goal.id, goal.id)} that can be reached asks for a "
                f"condition the data cannot check, such as: {unchecked[0]} (without --strict, "
                "routes that assume it are shown)",
            )
    missing = [
        i
        for _, unmet in reasons[:3]
        for r in unmet
        for i in ([r.ref] if r.kind != "any_of" else [o.ref for o in r.options[:1]])
        if i and catalogue.has("qualifications", i)
    ]
    roles = sorted(
        (r for r in catalogue.roles if r.id in reach and r.id not in held.qualifications),
        key=lambda r: (
            r.family != goal.family,
            abs((r.career_framework_level or 0) - (goal.career_framework_level or 0)),
            r.id,
        ),
    )
    return NoRouteError(
        start.id,
        goal.id,
        tuple(r.id for r in roles[:5]),
        reasons=nearest,
        have=tuple(dict.fromkeys(missing))[:2],
    )


def brute_force_routes(
    catalogue: Catalogue,
    start: Role | Qualification,
    goal: Role,
    metric: Metric = "months",
    *,
    holdings: Holdings | None = None,
    strict: bool = False,
) -> list[Route]:
    """Every order of moves tried and sorted: the slow, obviously-right reference for tests."""
    held = _holdings_with(catalogue, start, holdings)
    ctx = _Context(catalogue, held, metric, strict, max_pending=3)  # as loose as the checked search
    return sorted(every_route(ctx, goal.id), key=lambda r: r.key(metric))


def every_route(ctx: _Context, goal: str) -> list[Route]:
    """Every order of ``ctx``'s moves that reaches ``goal`` without a detour, unsorted.

    The exhaustive walk behind ``brute_force_routes``; tests also run it on a context of
    their own to check one search alone.
    """
    found: list[Route] = []

    def walk(state: _State) -> None:
        if goal in state.held:
            if not _detour(state, goal):
                found.append(_to_route(ctx, state))
            return
        for move in ctx.moves:
            nxt = _apply(ctx, state, move)
            if nxt is not None:
                walk(nxt)

    walk(_start_state(ctx))
    return found
