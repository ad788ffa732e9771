"""A shared core and specialist parts for related roles (or programmes), with figures.

The question behind it (NWSDU/NCCMH on CWP, EMHP and PWP): each role needs a full year's
training and nobody can move between them without repeating it. Could training be
organised as a shared core plus specialist parts, and what would that save?

Everything is computed from the modules in the data. A module's credits are shared evenly
among the competencies it teaches, so each programme gives a credit figure per competency.
Competencies are then grouped into a **core** (every role needs them), parts **shared by
some** roles, and each role's **own**. A part taught once to a joint cohort is sized by the
largest figure any of its programmes gives it. From these come, for each role, its training
under the proposal; the teaching designed and delivered a year, today and proposed; and
what a qualified practitioner of one role needs to convert to another. Where a programme has
no modules with competencies, the analysis says so rather than printing zeros.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import msgspec

from careerpath.analysis.overlap import full_training, gap, pace
from careerpath.analysis.role_needs import needed_ids
from careerpath.model import Catalogue, Module, Programme, Role

__all__ = ["Conversion", "Curriculum", "Part", "Pathway", "design_curriculum", "design_framework"]


class Part(msgspec.Struct, frozen=True):
    """A block of the proposal: its competencies, who takes it, credits, and the modules it draws on."""

    name: str
    members: tuple[str, ...]
    competencies: tuple[str, ...]
    credits: float
    drawn_from: tuple[Module, ...]


class Pathway(msgspec.Struct, frozen=True):
    """One member (role or programme) today and under the proposal."""

    id: str
    programme: Programme | None
    today_credits: float
    today_months: float | None
    proposed_credits: float
    proposed_months: float | None
    intake: int


class Conversion(msgspec.Struct, frozen=True):
    """What a qualified practitioner of ``source`` needs to work as ``target``."""

    source: str
    target: str
    competencies: tuple[str, ...]
    credits: float
    months: float | None
    full_credits: float
    full_months: float | None
    cost: float | None
    full_cost: int | None
    #: The top-up today's modules give, as ``gap`` computes it (one function, one answer):
    #: credits and months, or None with ``today_note`` saying why there is none (the
    #: modules add up to the whole programme, or no module teaches a need). The figures
    #: above are the proposal's, with each competency taught on its own.
    today_credits: int | None = None
    today_months: float | None = None
    today_note: str = ""

    @property
    def saving_credits(self) -> float:
        """Credits not repeated, against the target's full training."""
        return round(self.full_credits - self.credits, 1)


class Curriculum(msgspec.Struct, frozen=True):
    """The proposal and its figures."""

    kind: str
    members: tuple[str, ...]
    parts: tuple[Part, ...]
    pathways: tuple[Pathway, ...]
    conversions: tuple[Conversion, ...]
    missing_data: tuple[str, ...]
    untaught: tuple[tuple[str, tuple[str, ...]], ...]
    exit_awards: tuple[tuple[str, str, int, bool], ...]
    """(member, award, credits, reached by the parts the member shares with others)."""

    @property
    def credits_today(self) -> float:
        """Credits of teaching designed and delivered a year with separate programmes."""
        return round(sum(p.today_credits for p in self.pathways), 1)

    @property
    def credits_proposed(self) -> float:
        """The same with each part taught once, to a joint cohort."""
        return round(sum(p.credits for p in self.parts), 1)

    @property
    def core(self) -> Part | None:
        """The part every member takes, if any."""
        return next((p for p in self.parts if p.name == "core"), None)


def _credits_per_competency(
    programme: Programme,
) -> tuple[dict[str, float], dict[str, list[Module]]]:
    """Each competency's share of the programme's credits, and the modules teaching it."""
    credits: dict[str, float] = {}
    teachers: dict[str, list[Module]] = {}
    for module in programme.modules:
        if not module.competencies:
            continue
        share = module.credits / len(module.competencies)
        for competency in module.competencies:
            credits[competency] = credits.get(competency, 0.0) + share
            teachers.setdefault(competency, []).append(module)
    return credits, teachers


def _months_per_credit(programme: Programme | None) -> float | None:
    """The programme's recorded pace (``overlap.pace``, as gap uses); None when it has none."""
    found = pace(programme)
    return found.months / found.credits if found.programme else None


def _times(rate: float | None, credits: float) -> float | None:
    return round(rate * credits, 1) if rate is not None else None


def design_curriculum(
    catalogue: Catalogue, roles: Sequence[Role], intake: dict[str, int] | None = None
) -> Curriculum:
    """A shared core and specialist parts for ``roles``, with conversion top-ups.

    ``intake`` (role id → new trainees a year) sizes the joint cohort of each part.
    """
    needs = {r.id: set(needed_ids(r)) for r in roles}
    programmes: dict[str, Programme | None] = {}
    for role in roles:
        training = full_training(catalogue, role)
        programmes[role.id] = training.programme if training else None
    result = _design(
        "roles", [r.id for r in roles], needs, programmes, intake or {}, conversions=True
    )
    by_id = {r.id: r for r in roles}
    return msgspec.structs.replace(
        result,
        conversions=tuple(
            _with_today(catalogue, c, by_id[c.source], by_id[c.target]) for c in result.conversions
        ),
    )


def _with_today(
    catalogue: Catalogue, conversion: Conversion, source: Role, target: Role
) -> Conversion:
    """The conversion with today's top-up from ``gap``, so ``curriculum`` and ``gap`` agree.

    The proposal shares each module's credits among the competencies it teaches, so a CWP
    converting to PWP needs 30 of the PG Cert's 60 credits under it; today the three
    competencies are taught across all three modules, so ``gap`` (and the route) says the
    whole programme. Both are shown, each named for what it is.
    """
    if not all(catalogue.has("competencies", c) for c in needed_ids(target)):
        # A need the catalogue does not define (a bare folder): no module can be chosen.
        return msgspec.structs.replace(conversion, today_note="none (needs not in the data)")
    found = gap(catalogue, source, target)
    if found.uncovered:
        note = f"none ({len(found.uncovered)} needs no module teaches)"
        return msgspec.structs.replace(conversion, today_note=note)
    if not found.modules:
        return msgspec.structs.replace(conversion, today_credits=0, today_months=0.0)
    if found.no_shorter_than_full:
        return msgspec.structs.replace(conversion, today_note="whole programme")
    return msgspec.structs.replace(
        conversion, today_credits=found.credits, today_months=found.months
    )


def design_framework(catalogue: Catalogue, programmes: Sequence[Programme]) -> Curriculum:
    """The same analysis over programmes: the modular framework they could share.

    A programme needs what its modules teach. Exit awards show where a student can step
    off, and whether the shared core alone reaches one.
    """
    needs = {p.id: {c for m in p.modules for c in m.competencies} for p in programmes}
    return _design(
        "programmes",
        [p.id for p in programmes],
        needs,
        {p.id: p for p in programmes},
        {},
        conversions=False,
    )


def _design(
    kind: str,
    members: list[str],
    needs: dict[str, set[str]],
    programmes: dict[str, Programme | None],
    intake: dict[str, int],
    *,
    conversions: bool,
) -> Curriculum:
    figures: dict[str, dict[str, float]] = {}
    teachers: dict[str, dict[str, list[Module]]] = {}
    missing: list[str] = []
    untaught = []
    for member in members:
        programme = programmes[member]
        if programme is None:
            missing.append(f"{member}: no entry programme in the data")
        elif not any(m.competencies for m in programme.modules):
            missing.append(
                f"{member}: programme '{programme.id}' lists no modules with competencies"
            )
        figures[member], teachers[member] = (
            _credits_per_competency(programme) if programme else ({}, {})
        )
        gaps = tuple(sorted(needs[member] - set(figures[member])))
        if programme is not None and figures[member] and gaps:
            untaught.append((member, gaps))
    holders: dict[str, tuple[str, ...]] = {}
    for competency in sorted(set().union(*needs.values()) if needs else ()):
        holders[competency] = tuple(m for m in members if competency in needs[m])
    groups: dict[tuple[str, ...], list[str]] = {}
    for competency, group in holders.items():
        groups.setdefault(group, []).append(competency)
    parts = []
    for group, competencies in sorted(groups.items(), key=lambda g: (-len(g[0]), g[0])):
        name = "core" if len(group) == len(members) else ("own" if len(group) == 1 else "shared")
        credits = sum(
            max((figures[m].get(c, 0.0) for m in group), default=0.0) for c in competencies
        )
        drawn = {mod.id: mod for m in group for c in competencies for mod in teachers[m].get(c, [])}
        parts.append(
            Part(
                name,
                group,
                tuple(competencies),
                round(credits, 1),
                tuple(drawn[k] for k in sorted(drawn)),
            )
        )
    pathways = []
    for member in members:
        programme = programmes[member]
        rate = _months_per_credit(programme)
        today = round(sum(figures[member].values()), 1)
        proposed = round(sum(p.credits for p in parts if member in p.members), 1)
        pathways.append(
            Pathway(
                member,
                programme,
                today,
                _times(rate, today),
                proposed,
                _times(rate, proposed),
                intake.get(member, 0),
            )
        )
    moves = []
    if conversions:
        for source, target in itertools.permutations(members, 2):
            programme = programmes[target]
            rate = _months_per_credit(programme)
            new = tuple(sorted(needs[target] - needs[source]))
            credits = round(sum(figures[target].get(c, 0.0) for c in new), 1)
            full = round(sum(figures[target].values()), 1)
            cost = programme.cost if programme else None
            per_credit = cost / full if cost is not None and full else None
            moves.append(
                Conversion(
                    source,
                    target,
                    new,
                    credits,
                    _times(rate, credits),
                    full,
                    _times(rate, full),
                    round(per_credit * credits, 2) if per_credit is not None else None,
                    cost,
                )
            )
    exits = []
    for member in members:
        programme = programmes[member]
        common = sum(p.credits for p in parts if member in p.members and p.name != "own")
        for award in programme.exit_awards if programme else ():
            exits.append((member, award.title, award.credits, common >= award.credits))
    return Curriculum(
        kind,
        tuple(members),
        tuple(parts),
        tuple(pathways),
        tuple(moves),
        tuple(missing),
        tuple(untaught),
        tuple(exits),
    )
