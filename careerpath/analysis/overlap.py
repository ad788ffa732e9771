"""Shared and distinct competencies between roles, and what a move from one to another takes.

Overlap is set arithmetic on each role's competencies (fast at thousands of roles; see
DESIGN.md). A move's gap is closed with programme modules chosen by greedy set cover,
preferring the destination's own training, and compared with doing that training in full.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import msgspec

from careerpath.analysis.holdings import Holdings
from careerpath.analysis.role_needs import (
    generic_ids,
    held,
    held_levels,
    held_unrecorded,
    needed_ids,
    needed_levels,
    specific,
)
from careerpath.model import Catalogue, Competency, Module, Programme, Role

__all__ = [
    "FULL_TIME_CREDITS_A_YEAR",
    "FullTraining",
    "Gap",
    "ModulePlan",
    "Overlap",
    "Pace",
    "Similarity",
    "credits_to_months",
    "full_training",
    "gap",
    "jaccard",
    "overlap",
    "pace",
    "teaching_levels",
    "weighted_similarity",
]


#: FHEQ credit framework: 120 credits is one full-time academic year. Used only for a programme
#: whose data gives no length; otherwise the programme's own recorded pace is used.
FULL_TIME_CREDITS_A_YEAR = 120


class Pace(msgspec.Struct, frozen=True):
    """How many months a programme takes over how many credits: the assumption behind a month.

    The same 60 credits are 6 months of a full-time postgraduate diploma and 12 months of a
    part-time certificate studied alongside work, so every months figure built from credits
    carries the pace it used, and the reader is told which.
    """

    credits: int
    months: int
    #: The programme whose recorded length and credits give the pace; "" for the FHEQ default.
    programme: str = ""
    title: str = ""

    def months_for(self, credits: float) -> float:
        """``credits`` at this pace, in months."""
        return self.months * credits / self.credits

    def describe(self) -> str:
        """The assumption in words, for the reader of a months figure."""
        if not self.programme:
            return (
                f"{FULL_TIME_CREDITS_A_YEAR} credits a year, full time (the FHEQ credit year:"
                " the data gives the programme no length over credits)"
            )
        return f"{self.credits} credits in {self.months} months, as the {self.title} is recorded"


def pace(programme: Programme | None) -> Pace:
    """The pace credits of ``programme`` are studied at: its own length, else the FHEQ year.

    >>> pace(None).months_for(60)
    6.0
    """
    if programme is not None and programme.months:
        total = sum(m.credits for m in programme.modules) or programme.credits or 0
        if total:
            return Pace(total, programme.months, programme.id, programme.title)
    return Pace(FULL_TIME_CREDITS_A_YEAR, 12)


def credits_to_months(credits: float, programme: Programme | None) -> float:
    """The one conversion of credits to months: at the pace of the programme they belong to.

    >>> credits_to_months(120, None)
    12.0
    """
    return pace(programme).months_for(credits)


class ModulePlan(msgspec.Struct, frozen=True):
    """A module chosen to close part of a gap, with its share of its programme's months."""

    module: Module
    programme: Programme
    covers: tuple[str, ...]
    months: float


class FullTraining(msgspec.Struct, frozen=True):
    """The destination's own training, done from scratch."""

    programme: Programme
    credits: int | None
    months: int | None


class Gap(msgspec.Struct, frozen=True):
    """What someone in ``source`` needs to work as ``target``.

    ``missing`` are competencies the source role does not have; ``under_level`` ones it has
    at a lower level; ``uncovered`` are needs no module in the data teaches. ``unrecorded``
    are needs the source role holds at a level its data does not give (a KSF core dimension
    of an NHS post, see ``role_needs.held_unrecorded``): whether they are a gap is unknown,
    so they are neither missing nor counted in the top-up.
    """

    source: str
    target: str
    missing: tuple[Competency, ...]
    under_level: tuple[tuple[Competency, str, str], ...]
    already_held: tuple[Competency, ...]
    modules: tuple[ModulePlan, ...]
    uncovered: tuple[Competency, ...]
    full: FullTraining | None
    unrecorded: tuple[Competency, ...] = ()

    @property
    def credits(self) -> int:
        """Credits of the modules that close the gap."""
        return sum(p.module.credits for p in self.modules)

    @property
    def months(self) -> float:
        """Months of those modules, each taken as its share of its programme's length."""
        return round(sum(p.months for p in self.modules), 1)

    @property
    def credits_known(self) -> bool:
        """Whether every chosen module has its credits in the data (0 means not recorded)."""
        return all(p.module.credits for p in self.modules)

    @property
    def paces(self) -> tuple[Pace, ...]:
        """The paces the months figure assumed, one per programme the modules come from."""
        seen: dict[str, Pace] = {}
        for plan in self.modules:
            found = pace(plan.programme)
            seen.setdefault(found.programme, found)
        return tuple(seen[k] for k in sorted(seen))

    @property
    def whole_programmes(self) -> tuple[Programme, ...]:
        """Programmes the top-up takes in full: every module of them, or all their credits.

        Such a plan is not a top-up of that programme but the programme itself, and is
        presented as such.
        """
        found: list[Programme] = []
        for programme_id in sorted({p.programme.id for p in self.modules}):
            plans = [p for p in self.modules if p.programme.id == programme_id]
            programme = plans[0].programme
            taken = {p.module.id for p in plans}
            credits = sum(p.module.credits for p in plans)
            every = bool(programme.modules) and all(m.id in taken for m in programme.modules)
            if every or (programme.credits is not None and credits >= programme.credits):
                found.append(programme)
        return tuple(found)

    @property
    def no_shorter_than_full(self) -> bool:
        """Whether the modules add up to at least the full training's credits.

        Then there is no top-up to speak of: the full training is as short or shorter.
        """
        return bool(
            self.modules
            and self.full is not None
            and self.full.credits is not None
            and self.credits >= self.full.credits
        ) or bool(self.whole_programmes)

    @property
    def saving_credits(self) -> int | None:
        """Credits saved against the full training, where both are known."""
        if self.full is None or self.full.credits is None:
            return None
        return self.full.credits - self.credits

    @property
    def meaningful(self) -> bool:
        """False when the data has no modules to compute a top-up from."""
        return not self.uncovered or bool(self.modules)


class Similarity(msgspec.Struct, frozen=True):
    """Similarity of two roles' role-specific competencies (generic ones left out)."""

    first: str
    second: str
    shared: int
    union: int
    jaccard: float
    weighted: float
    #: ``similar``'s score each way: how much of ``second``'s needs ``first`` holds, and back.
    there: float = 0.0
    back: float = 0.0


class Overlap(msgspec.Struct, frozen=True):
    """Competencies shared by all roles, by some, and unique to each; pair figures; moves."""

    roles: tuple[str, ...]
    counted: str
    #: Competencies every post shares (the KSF core dimensions) that any of the roles lists:
    #: left out of the lists and figures below, which are about what sets roles apart.
    generic: tuple[Competency, ...]
    shared: tuple[Competency, ...]
    some: tuple[tuple[Competency, tuple[str, ...]], ...]
    unique: tuple[tuple[str, tuple[Competency, ...]], ...]
    similarity: tuple[Similarity, ...]
    moves: tuple[Gap, ...]


def jaccard(first: Iterable[str], second: Iterable[str]) -> float:
    """|A ∩ B| / |A ∪ B| (0 for two empty sets).

    >>> jaccard({"a", "b"}, {"b", "c"})
    0.3333
    """
    a, b = set(first), set(second)
    union = a | b
    return round(len(a & b) / len(union), 4) if union else 0.0


def weighted_similarity(first: dict[str, int], second: dict[str, int]) -> float:
    """Σ min(level) / Σ max(level) over both roles' competencies (a missing one is level 0).

    Equal to Jaccard when all levels are equal; lower when one role needs more depth.

    >>> weighted_similarity({"a": 3, "b": 3}, {"b": 4, "c": 3})
    0.3
    """
    keys = set(first) | set(second)
    top = sum(max(first.get(k, 0), second.get(k, 0)) for k in keys)
    return round(sum(min(first.get(k, 0), second.get(k, 0)) for k in keys) / top, 4) if top else 0.0


def full_training(catalogue: Catalogue, role: Role) -> FullTraining | None:
    """The destination's main training: the entry programme that teaches most of its needs."""
    needs = needed_ids(role, include_optional=True)
    best: tuple[tuple[int, int, int, str], Programme] | None = None
    for route in role.entry_routes:
        if not route.programme:
            continue
        programme = catalogue.programme(route.programme)
        taught = {c for m in programme.modules for c in m.competencies} & needs
        key = (-len(taught), -(programme.credits or 0), -(programme.level or 0), programme.id)
        if best is None or key < best[0]:
            best = (key, programme)
    if best is None:
        return None
    programme = best[1]
    return FullTraining(programme, programme.credits, programme.months)


def gap(
    catalogue: Catalogue,
    source: Role,
    target: Role,
    holdings: Holdings | None = None,
    include_optional: bool = False,
) -> Gap:
    """What a move from ``source`` to ``target`` takes, in competencies and modules.

    Prior learning in ``holdings`` (competencies and modules) counts as held. Everything
    the source role has counts as held; of the target's needs, only essential ones count
    unless ``include_optional``.
    """
    prior = holdings or Holdings()
    have = {n.id: n.rank for n in held(source)}
    for competency_id in prior.competencies:
        have[competency_id] = max(have.get(competency_id, 0), 5)
    need = needed_levels(target, include_optional)
    unknown = held_unrecorded(catalogue, source) - set(have)
    unrecorded = sorted(c for c in need if c in unknown)
    missing = sorted(c for c in need if c not in have and c not in unknown)
    under = sorted(c for c in need if c in have and have[c] < need[c])
    wanted = set(missing) | set(under)
    full = full_training(catalogue, target)
    own = {full.programme.id} if full else set()
    own |= {r.programme for r in target.entry_routes if r.programme}
    # The person qualified in ``source`` through one of its own programmes: proposing its
    # modules again would offer them what they have done.
    done = {r.programme for r in source.entry_routes if r.programme}
    levels = teaching_levels(catalogue)
    candidates: list[tuple[Module, Programme, frozenset[str]]] = []
    for p in catalogue.programmes:
        if p.id in done:
            continue
        for m in p.modules:
            if m.id in prior.modules:
                continue
            useful = frozenset(
                c for c in m.competencies if c in wanted and _raises(levels, p.id, c, need[c])
            )
            if useful:
                candidates.append((m, p, useful))
    chosen: list[ModulePlan] = []
    remaining = set(wanted)
    while remaining:
        scored = [
            (-len(useful & remaining), p.id not in own, m.credits, m.id, m, p)
            for m, p, useful in candidates
            if useful & remaining
        ]
        if not scored:
            break
        *_, module, programme = min(scored)
        covers = tuple(
            sorted(
                c
                for c in set(module.competencies) & remaining
                if _raises(levels, programme.id, c, need[c])
            )
        )
        chosen.append(
            ModulePlan(module, programme, covers, credits_to_months(module.credits, programme))
        )
        remaining -= set(covers)
    comp = catalogue.competency
    return Gap(
        source=source.id,
        target=target.id,
        missing=tuple(comp(c) for c in missing),
        under_level=tuple((comp(c), _level_name(have[c]), _level_name(need[c])) for c in under),
        already_held=tuple(comp(c) for c in sorted(set(need) - wanted - set(unrecorded))),
        modules=tuple(chosen),
        uncovered=tuple(comp(c) for c in sorted(remaining)),
        full=full,
        unrecorded=tuple(comp(c) for c in unrecorded),
    )


def teaching_levels(catalogue: Catalogue) -> dict[str, dict[str, int]]:
    """Programme id → competency id → the highest level a role it trains needs.

    A module teaches a competency to the level its programme's roles need it: the PWP
    certificate teaches assessment to a PWP's practitioner level, so it cannot raise a PWP
    to the advanced level a CBT therapist needs. Built once per catalogue.
    """
    cached = catalogue._by_id.get("teaching_levels")
    if cached is not None:
        return cached  # type: ignore[return-value]
    found: dict[str, dict[str, int]] = {}

    def add(programme: str | None, role: Role) -> None:
        if not programme:
            return
        into = found.setdefault(programme, {})
        for n in held(role):
            into[n.id] = max(into.get(n.id, 0), n.rank)

    for role in catalogue.roles:
        for route in role.entry_routes:
            add(route.programme, role)
    for role in catalogue.roles:
        for step in role.progressions:
            if catalogue.has("roles", step.to):
                add(step.programme, catalogue.role(step.to))
    catalogue._by_id["teaching_levels"] = found  # type: ignore[assignment]
    return found


def _raises(levels: dict[str, dict[str, int]], programme: str, competency: str, need: int) -> bool:
    """Whether ``programme`` teaches ``competency`` up to ``need`` (unknown: assume it does)."""
    taught = levels.get(programme, {}).get(competency)
    return taught is None or taught >= need


def _level_name(rank: int) -> str:
    from careerpath.frameworks import COMPETENCY_LEVELS

    return COMPETENCY_LEVELS[min(rank, len(COMPETENCY_LEVELS)) - 1]


def overlap(
    catalogue: Catalogue,
    roles: Sequence[Role],
    holdings: Holdings | None = None,
    include_optional: bool = False,
) -> Overlap:
    """Shared, partly shared and unique competencies of two or more roles, with pair figures.

    Competencies every post shares (``role_needs.generic_ids``) are listed apart and left out
    of the rest, as ``similar`` and the similarity matrix leave them out; ``there`` and
    ``back`` are ``similar``'s score for the move each way.

    >>> from careerpath.model import Catalogue, Role, CompetencyNeed as N, Competency as C
    >>> comps = tuple(C(x, x, "d") for x in "abc")
    >>> a = Role("A", "A", "f", competencies=(N("a"), N("b")))
    >>> b = Role("B", "B", "f", competencies=(N("b"), N("c")))
    >>> c = Role("C", "C", "f", competencies=(N("c"),))
    >>> result = overlap(Catalogue(roles=(a, b, c), competencies=comps), [a, b])
    >>> [c.id for c in result.shared], result.similarity[0].jaccard
    (['b'], 0.3333)
    """
    from careerpath.analysis.similar import move_score

    generic = generic_ids(catalogue)
    needs = {r.id: specific(r, generic, include_optional) for r in roles}
    levels = {r.id: {n.id: n.rank for n in needs[r.id]} for r in roles}
    holds = {r.id: held_levels(r) for r in roles}
    sets = {r.id: set(levels[r.id]) for r in roles}
    listed = set().union(*(needed_levels(r, include_optional) for r in roles)) & generic
    everything = set().union(*sets.values())
    shared_ids = set.intersection(*sets.values()) if sets else set()
    comp = catalogue.competency
    some = []
    for competency_id in sorted(everything - shared_ids):
        holders = tuple(r.id for r in roles if competency_id in sets[r.id])
        if len(holders) > 1:
            some.append((comp(competency_id), holders))
    unique = tuple(
        (
            r.id,
            tuple(
                comp(c)
                for c in sorted(
                    sets[r.id] - set().union(*(sets[o.id] for o in roles if o.id != r.id))
                )
            ),
        )
        for r in roles
    )
    pairs = tuple(
        Similarity(
            a.id,
            b.id,
            len(sets[a.id] & sets[b.id]),
            len(sets[a.id] | sets[b.id]),
            jaccard(sets[a.id], sets[b.id]),
            weighted_similarity(levels[a.id], levels[b.id]),
            move_score(holds[a.id], needs[b.id]).score,
            move_score(holds[b.id], needs[a.id]).score,
        )
        for a, b in itertools.combinations(roles, 2)
    )
    moves = tuple(
        gap(catalogue, a, b, holdings, include_optional)
        for a, b in itertools.permutations(roles, 2)
    )
    return Overlap(
        roles=tuple(r.id for r in roles),
        counted="essential and optional" if include_optional else "essential",
        generic=tuple(comp(c) for c in sorted(listed)),
        shared=tuple(comp(c) for c in sorted(shared_ids)),
        some=tuple(some),
        unique=unique,
        similarity=pairs,
        moves=moves,
    )
