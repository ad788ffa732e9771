"""What a person holds, and whether a requirement is met by it.

A person holds qualifications, registrations and roles (current or past). Holding one thing
often means holding others: a psychology degree with GBC is an honours degree, which is
above Level 3, which is above GCSEs; a registered mental health nurse holds an NMC
registration and a degree. These implications are kept in the data (``implies:`` on
qualifications and roles) and, for roles, also follow from the ways in: whatever every way
into a role requires, anyone in the role has.

Everything that asks "what does this person hold?" goes through :func:`close`, and every
question "is this requirement met?" through :func:`requirement_status`, so route, from,
entry and gap cannot disagree about them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import msgspec

from careerpath.model import Catalogue, Qualification, Requirement, Role

__all__ = [
    "MAX_MONTHS_IN_POST",
    "Holdings",
    "Status",
    "close",
    "gains_of",
    "holdings_for",
    "implied",
    "is_return",
    "requirement_status",
    "split_months",
    "study_credited",
    "study_given",
    "study_ladder",
]

Status = Literal["met", "unmet", "assumed"]


class Holdings(msgspec.Struct, frozen=True):
    """What the person already has, closed under implication.

    ``qualifications`` holds every id the person holds: qualifications, registrations and
    roles (ids share one namespace). ``modules`` and ``competencies`` are prior learning
    that shortens programmes.
    """

    qualifications: frozenset[str] = frozenset()
    modules: frozenset[str] = frozenset()
    competencies: frozenset[str] = frozenset()
    #: Months already served in a role held (``--have ROLE:24``), as (id, months) pairs:
    #: experience waits count from them, so a nurse of two years need not wait two more.
    months_in: tuple[tuple[str, int], ...] = ()
    #: The ids the person named (before implication): what they hold for certain. A level
    #: of study a role only implies because every *current* way in gives it (see
    #: :func:`implied`) is an assumption about their history (``study_credited``).
    stated: frozenset[str] = frozenset()


#: Most months in post ``--have ROLE:MONTHS`` accepts (50 years).
MAX_MONTHS_IN_POST = 600


def split_months(text: str) -> tuple[str, int | None]:
    """``"ROLE:24"`` → ("ROLE", 24); ``"ROLE"`` → ("ROLE", None).

    Raises ValueError, saying what is wrong, when the part after the colon is not a whole
    number of months from 0 to ``MAX_MONTHS_IN_POST``.
    """
    name, colon, months = text.rpartition(":")
    if not colon:
        return text, None
    if not name.strip():
        raise ValueError(f"'{text}' names no role before the colon")
    value = months.strip()
    if not value.isdigit() or not 0 <= int(value) <= MAX_MONTHS_IN_POST:
        raise ValueError(
            f"months in post must be a whole number from 0 to {MAX_MONTHS_IN_POST} "
            f"(as in ROLE:24), not '{months}'"
        )
    return name.strip(), int(value)


def _tokens_of(requirement: Requirement) -> frozenset[str] | None:
    """Ids a requirement guarantees its holder has (None when it guarantees nothing checkable)."""
    if requirement.kind in ("qualification", "role", "experience"):
        return frozenset({requirement.ref})
    return None


def is_return(
    role: Role, requires: Iterable[Requirement], previous: frozenset[str] = frozenset()
) -> bool:
    """Whether a way into ``role`` asks for what the role itself declares it implies.

    Its own registration: a registered nurse taking a post returns to the role, so the way
    in says nothing about what training for the role gave (the honours degree every
    current nursing programme awards). So does one asking for a registration in
    ``previous``: one no role's training leads to, held only from before (a lapsed HCPC
    registration, the way back in for a returning occupational therapist).
    """
    own = set(role.implies) | previous
    return any((_tokens_of(r) or frozenset()) & own for r in requires)


def previous_registrations(catalogue: Catalogue) -> frozenset[str]:
    """Registrations no role declares it implies: held only from training done before.

    A way in asking for one is a return (``is_return``), never a first way in: without
    this, the return-to-practice way into occupational therapy, which gives no degree, left
    every occupational therapist uncredited with the degree every training today gives.
    """
    declared = {i for r in catalogue.roles for i in r.implies}
    return frozenset(
        q.id
        for q in catalogue.qualifications
        if q.kind == "registration" and q.id not in declared and not q.entry_routes
    )


def study_ladder(catalogue: Catalogue) -> tuple[Qualification, ...]:
    """The levels of study a programme can give, lowest first (GCSEs, Level 3, Level 5, degree).

    The ladder is the longest chain in the data's ``implies:`` order in which each
    qualification is a level above the next: the generic levels of study. A subject degree
    (a psychology degree with GBC) sits beside the honours degree at the same level, so it is
    never on the ladder and no role is credited with it for having studied at Level 6. A rung
    is generic: it evidences no competency and accredits no module (a pre-clinical course
    does both). Of equally long chains, the one whose top an award's name confers
    (``awarded_as``) and more qualifications build on wins: a lapsed Level 6 registration
    implying Level 5 study is as long a chain as the honours degree, but not a level of study.
    """
    cached = catalogue._by_id.get("study-ladder")
    if cached is not None:
        return cached  # type: ignore[return-value]
    by_id = {q.id: q for q in catalogue.qualifications}
    built_on: dict[str, int] = {}
    for q in catalogue.qualifications:
        for below_id in q.implies:
            built_on[below_id] = built_on.get(below_id, 0) + 1
    best: tuple[Qualification, ...] = ()
    best_key: tuple[int, bool, int] = (0, False, 0)
    for top in catalogue.qualifications:
        chain: list[Qualification] = []
        node: Qualification | None = top
        while (
            node is not None
            and node.kind == "qualification"
            and node.level is not None
            and not node.competencies
            and not node.modules
        ):
            if chain and (chain[-1].level or 0) <= node.level:
                break
            chain.append(node)
            below = [by_id[i] for i in node.implies if i in by_id]
            node = below[0] if len(below) == 1 else None
        else:
            key = (len(chain), bool(top.awarded_as), built_on.get(top.id, 0))
            if chain and key > best_key:
                best, best_key = tuple(reversed(chain)), key
    catalogue._by_id["study-ladder"] = best  # type: ignore[assignment]
    return best


def study_given(catalogue: Catalogue, programme_id: str | None) -> str | None:
    """The highest level of study on the ladder that completing a programme gives, if any.

    A programme at level L gives each ladder qualification at or below L, except one that
    only a named award confers (``awarded_as``) when the programme's award does not name it:
    a Level 6 Graduate Certificate gives Level 5 study, not an honours degree.
    """
    if programme_id is None or not catalogue.has("programmes", programme_id):
        return None
    programme = catalogue.programme(programme_id)
    if programme.level is None:
        return None
    given: str | None = None
    for step in study_ladder(catalogue):
        if (step.level or 0) > programme.level:
            break
        if not step.awarded_as or any(word in programme.award for word in step.awarded_as):
            given = step.id
    return given


def _readers(
    ways_in: dict[str, list[tuple[tuple[Requirement, ...], str | None]]],
    studies: dict[str | None, str | None],
) -> dict[str, set[str]]:
    """By id, the roles whose ways in name it or give it as their level of study.

    They are what ``implied`` recomputes when the id's set grows.
    """
    readers: dict[str, set[str]] = {}
    for role_id, ways in ways_in.items():
        for requires, programme in ways:
            study = studies[programme]
            if study is not None:
                readers.setdefault(study, set()).add(role_id)
            for requirement in requires:
                options = requirement.options if requirement.kind == "any_of" else (requirement,)
                for option in options:
                    for token in _tokens_of(option) or ():
                        readers.setdefault(token, set()).add(role_id)
    return readers


def implied(catalogue: Catalogue, *, study: bool = True) -> dict[str, frozenset[str]]:
    """Map every qualification and role id to everything holding it implies (itself included).

    Built once per catalogue. A role implies its ``implies:`` list and the common part of
    what all its ways in (entry routes and other roles' progressions into it) require or
    give: a way in gives the level of study its programme reaches (:func:`study_given`), so
    a registered nurse, whose every way in is an honours degree, holds one. With ``study``
    False, that last credit is left out: what a role implies whatever way its holder came
    in by (nurses who qualified before 2013 mostly hold a diploma, not a degree).
    """
    key = "implied" if study else "implied-without-study"
    cached = catalogue._by_id.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    explicit: dict[str, tuple[str, ...]] = {q.id: q.implies for q in catalogue.qualifications}
    explicit.update({r.id: r.implies for r in catalogue.roles})

    def explicit_closure(start: str) -> frozenset[str]:
        seen = {start}
        stack = [start]
        while stack:
            for nxt in explicit.get(stack.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return frozenset(seen)

    own = {token: explicit_closure(token) for token in explicit}
    previous = previous_registrations(catalogue)
    ways_in: dict[str, list[tuple[tuple[Requirement, ...], str | None]]] = {
        r.id: [] for r in catalogue.roles
    }
    for role in catalogue.roles:
        # A way in that asks for what the role itself declares it implies (its own
        # registration: a registered nurse taking a post) is a return to the role, not a
        # first way in: it says nothing about what training for the role gave, so it is
        # left out here.
        ways_in[role.id].extend(
            (route.requires, route.programme)
            for route in role.entry_routes
            if not is_return(role, route.requires, previous)
        )
        for step in role.progressions:
            if step.to in ways_in:
                ways_in[step.to].append(
                    ((Requirement("role", role.id), *step.requires), step.programme)
                )
    # The least fixed point from the data's own order: a role gains what every way in
    # guarantees given what the roles those ways start from are known to hold, and the
    # table is closed under itself (a role implied by a role brings what it implies too),
    # so that close() is idempotent. Updates only add, and never add more than the least
    # fixed point holds, so it ends there; starting from the explicit order means a cycle
    # of progressions cannot make a role imply something no way in gives. A worklist
    # recomputes only what an id whose set grew can change: the roles whose ways name it
    # and the ids whose sets hold it (a 3,000-role folder took a dozen whole rounds).
    studies = {
        programme: study_given(catalogue, programme) if study else None
        for ways in ways_in.values()
        for _, programme in ways
    }
    readers = _readers(ways_in, studies)
    table = dict(own)
    holders: dict[str, set[str]] = {}
    for token, ids in table.items():
        for item in ids:
            holders.setdefault(item, set()).add(token)

    def guaranteed(role_id: str) -> frozenset[str]:
        common: frozenset[str] | None = None
        for requires, programme in ways_in[role_id]:
            got: set[str] = set()
            study = studies[programme]
            if study is not None:
                got |= table.get(study, {study})
            for requirement in requires:
                options = requirement.options if requirement.kind == "any_of" else (requirement,)
                sets = [
                    frozenset().union(*(table.get(i, {i}) for i in ids))
                    for ids in (_tokens_of(o) for o in options)
                    if ids is not None
                ]
                if sets and len(sets) == len(options):
                    got |= frozenset.intersection(*sets)
            common = frozenset(got) if common is None else common & got
        if not common:
            return frozenset()
        return frozenset().union(*(table.get(t, {t}) for t in common))

    waiting = list(table)
    queued = set(waiting)
    while waiting:
        token = waiting.pop()
        queued.discard(token)
        ids = table[token]
        grown = ids | guaranteed(token) if token in ways_in else ids
        while True:
            wider = grown.union(*(table.get(i, frozenset()) for i in grown))
            if wider == grown:
                break
            grown = wider
        if grown == ids:
            continue
        table[token] = grown
        for item in grown - ids:
            holders.setdefault(item, set()).add(token)
        for other in (*readers.get(token, ()), *holders.get(token, ())):
            if other != token and other not in queued:
                queued.add(other)
                waiting.append(other)
    if study:
        _credit_registrations(catalogue, own, table)
    catalogue._by_id[key] = table  # type: ignore[assignment]
    return table


def _credit_registrations(
    catalogue: Catalogue, own: dict[str, frozenset[str]], table: dict[str, frozenset[str]]
) -> None:
    """A qualification only roles' training leads to is credited with the study it gives.

    An NMC registration in the mental health field is gained only by training as a mental
    health nurse, and every current way into that role gives an honours degree; so someone
    who names the registration is taken to hold one, as someone who names the role is, and
    a route that needs it says so (``study_credited``). Without this, a registered nurse
    asking for advanced practice was sent to train as an occupational therapist first.
    The credit is what every role declaring the qualification (``implies:``) is credited
    with beyond what it implies whatever way its holder came in by; a qualification no
    role declares, or one with a way in of its own, is credited with nothing.
    """
    plain = implied(catalogue, study=False)
    declaring: dict[str, list[str]] = {}
    for role in catalogue.roles:
        for item in own.get(role.id, frozenset()) - {role.id}:
            if catalogue.has("qualifications", item):
                declaring.setdefault(item, []).append(role.id)
    for item, roles in sorted(declaring.items()):
        if catalogue.qualification(item).entry_routes:
            continue  # it has a way in of its own, which may give no study
        credit = frozenset.intersection(
            *(
                frozenset(
                    i for i in table[r] - plain.get(r, frozenset()) if not catalogue.has("roles", i)
                )
                for r in roles
            )
        )
        if not credit - table[item]:
            continue
        closed = frozenset().union(*(table.get(i, {i}) for i in credit))
        for token, ids in list(table.items()):
            if item in ids:
                table[token] = ids | closed


def gains_of(catalogue: Catalogue, target: str, programme_id: str | None) -> frozenset[str]:
    """What a step into ``target`` by ``programme_id`` (None: no programme) gives its taker.

    The target and what it implies whatever way its holder came in by, plus the level of
    study that programme gives. On a route the way in is known, so a post taken with a
    registration (a registered nurse) or without training (an RMN moving into CAMHS) gains no
    degree that only the role's training programmes award.
    """
    gained = implied(catalogue, study=False).get(target) or frozenset({target})
    study = study_given(catalogue, programme_id)
    if study is not None:
        gained |= implied(catalogue).get(study) or frozenset({study})
    return gained


def study_credited(catalogue: Catalogue, stated: Iterable[str]) -> dict[str, str]:
    """Ids held only because a role held is credited with the study its ways in give today.

    Maps each such id to the role credited with it. Someone who names a role is taken to
    hold what every current way into it gives, but the ways in change (nurse training
    became degree-only in 2013), so a route that needs one of these ids assumes the
    person's own training gave it. Naming the qualification (``--have degree``) makes it
    stated, and it is no longer here.
    """
    stated = list(stated)
    full = implied(catalogue)
    plain = implied(catalogue, study=False)
    sure: set[str] = set()
    for item in stated:
        sure |= plain.get(item, {item})
    credited: dict[str, str] = {}
    for item in sorted(sure):
        for got in sorted(full.get(item, frozenset()) - sure):
            credited.setdefault(got, item)
    return credited


def close(catalogue: Catalogue, ids: Iterable[str]) -> frozenset[str]:
    """Everything someone holding ``ids`` holds: the one place implication is applied."""
    table = implied(catalogue)
    held: set[str] = set()
    for item in ids:
        held |= table.get(item, {item})
    return frozenset(held)


def holdings_for(catalogue: Catalogue, items: Iterable[Role | Qualification | str]) -> Holdings:
    """Holdings from qualifications, registrations and roles: closed, with their prior learning."""
    named = frozenset(i if isinstance(i, str) else i.id for i in items)
    ids = close(catalogue, named)
    quals = [catalogue.qualification(i) for i in sorted(ids) if catalogue.has("qualifications", i)]
    modules = {m for q in quals for m in q.modules}
    competencies = {c for q in quals for c in q.competencies}
    if modules:
        for programme in catalogue.programmes:
            for module in programme.modules:
                if module.id in modules:
                    competencies.update(module.competencies)
    return Holdings(ids, frozenset(modules), frozenset(competencies), stated=named)


def requirement_status(requirement: Requirement, held: frozenset[str]) -> Status:
    """Whether ``held`` meets one requirement: met, unmet, or assumed (a text condition).

    Experience is met here when its role is held; how long it takes is the route's business.
    An ``any_of`` is met if one option is, assumed if only a text option could meet it.
    """
    if requirement.kind == "text":
        return "assumed"
    if requirement.kind == "any_of":
        statuses = {requirement_status(o, held) for o in requirement.options}
        return "met" if "met" in statuses else "assumed" if "assumed" in statuses else "unmet"
    return "met" if requirement.ref in held else "unmet"
