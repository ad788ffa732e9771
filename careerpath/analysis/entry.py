"""Ways into a role, grouped by starting point, and the roles a qualification opens."""

from __future__ import annotations

import msgspec

from careerpath.analysis.holdings import Holdings, holdings_for
from careerpath.analysis.routes import Move, Route, find_routes, moves
from careerpath.errors import CareerpathError, NoRouteError
from careerpath.graph import OPEN_ENTRY, Edge, edges_into
from careerpath.model import Catalogue, Qualification, Role

__all__ = ["Opening", "WaysIn", "roles_from", "ways_in"]


class WaysIn(msgspec.Struct, frozen=True):
    """Direct ways in, grouped by where they start, and the fastest whole route per qualification."""

    role: Role
    direct: tuple[tuple[str, tuple[Edge, ...]], ...]
    fastest: tuple[tuple[Qualification, Route], ...]
    #: For a qualification whose best route assumes nothing, a faster route ``route`` also
    #: lists that assumes a condition (the Level 6 apprenticeship into PWP beside a degree
    #: and the PG Cert): the same engine's second answer, so the sections cannot disagree.
    sooner: tuple[tuple[str, Route], ...] = ()

    @property
    def fastest_groups(self) -> tuple[tuple[tuple[Qualification, ...], Route], ...]:
        """The fastest routes, each once with every qualification it answers, fastest first.

        Ten qualifications that all lead "2 years via nursing associate" are one answer;
        listed one by one they hide the few that differ. Within a group, lowest level first.
        """
        groups: dict[object, tuple[Route, list[Qualification]]] = {}
        for qual, route in self.fastest:
            other = dict(self.sooner).get(qual.id)
            answer = (
                route.months,
                route.length_known,
                tuple((s.target, s.programme) for s in route.steps),
                route.assumes,
                None if other is None else (other.months, other.steps, other.assumes),
            )
            groups.setdefault(answer, (route, []))[1].append(qual)
        ordered = sorted(
            groups.values(), key=lambda g: (g[0].key("months"), -len(g[1]), g[1][0].id)
        )
        return tuple(
            (tuple(sorted(quals, key=lambda q: (q.level or 0, q.title, q.id))), route)
            for route, quals in ordered
        )


class Opening(msgspec.Struct, frozen=True):
    """A role someone holding a qualification can reach, and the best route there."""

    role: Role
    route: Route
    direct: bool
    #: Listed as a direct step (``from`` without months), a shorter route of known length
    #: that ``route`` gives (a registered nurse takes a CAMHS nurse post through the RMN
    #: post in 0 months; the direct MNurs degree takes 4 years), so the direct step never
    #: reads as the quickest way in when it is not.
    sooner: Route | None = None


def ways_in(catalogue: Catalogue, role: Role) -> WaysIn:
    """Every direct way into ``role`` grouped by its starting point.

    Also the fastest whole route from each known qualification that can reach it at all.
    """
    groups: dict[str, list[Edge]] = {}
    for edge in edges_into(catalogue, role):
        groups.setdefault(edge.source, []).append(edge)
    assumes = {m.route_id: frozenset(m.assumes) for m in moves(catalogue)}
    for source, edges in groups.items():
        groups[source] = [
            e
            for e in edges
            if not any(_no_worse(f, e, assumes) and not _no_worse(e, f, assumes) for f in edges)
        ]
    fastest: list[tuple[Qualification, Route]] = []
    sooner: list[tuple[str, Route]] = []
    for qual in catalogue.qualifications:
        try:
            listed = find_routes(catalogue, qual, role, max_routes=3)
        except (NoRouteError, CareerpathError):
            continue  # no route, or the qualification already implies the role
        # The answer ``from`` gives (one rule: a route of known length first).
        best = find_routes(catalogue, qual, role, max_routes=1)[0]
        fastest.append((qual, best))
        quicker = [
            r
            for r in listed
            if r.assumes and r.length_known and (not best.length_known or r.months < best.months)
        ]
        if quicker:
            sooner.append((qual.id, min(quicker, key=lambda r: (r.months, r.key("months")))))
    fastest.sort(key=lambda item: (item[1].key("months"), item[0].id))
    direct = tuple(
        (source, tuple(edges))
        for source, edges in sorted(groups.items(), key=lambda g: (g[0] == OPEN_ENTRY, g[0]))
    )
    return WaysIn(role, direct, tuple(fastest), tuple(sooner))


def _no_worse(a: Edge, b: Edge, assumes: dict[str, frozenset[str]]) -> bool:
    """``a`` is the same programme as ``b`` and asks no more of the person.

    No longer, no longer a wait, no more requirements or assumptions: ``b`` need not be listed.
    """
    return (
        (a.programme.id if a.programme else None) == (b.programme.id if b.programme else None)
        and a.months <= b.months
        and (a.length_known or not b.length_known)
        and a.wait <= b.wait
        and set(a.needs) <= set(b.needs)
        and assumes.get(a.route_id, frozenset()) <= assumes.get(b.route_id, frozenset())
    )


def roles_from(
    catalogue: Catalogue,
    start: Role | Qualification,
    within: int | None = None,
    *,
    holdings: Holdings | None = None,
    strict: bool = False,
    proposed: bool = False,
) -> tuple[Opening, ...]:
    """Roles someone holding ``start`` can enter in one step, or reach within ``within`` months.

    Within ``within`` months, each role's route is ``find_routes``'s first answer, so
    ``from`` and ``route`` always agree: the best route whose every length is known, and a
    route of unknown length only for a role no known route reaches in time
    (``length_known`` says so). Without ``within``, every role one step reaches is listed,
    by its best such step (``_direct``): that is ``route``'s first answer whenever it is one
    step, and a role ``from --within`` lists as direct is never missing. A role already
    held (the start, or a role it implies) is never listed as reachable.

    Roles no cheap rule settles are answered by one search from the start towards all of
    them (``fastest_within``), and only those it cannot prove by a search per role, all
    under one TIME_BUDGET: on a large, dense folder a search per role took minutes. When it runs out the listing is refused (CareerpathError), never
    returned short, since a role left unchecked would read as "not reachable".
    With ``proposed``, a role only a proposed top-up reaches is listed too, marked proposed.
    """
    from careerpath.analysis.routes import (
        clock,
        deadline_after,
        fastest_within,
        proposed_moves,
        reachable,
        settled_goals,
        with_history,
    )

    deadline = deadline_after()
    if within is None:
        return _direct(catalogue, start, holdings=holdings, strict=strict, proposed=proposed)

    held = holdings_for(catalogue, [start, *(holdings.qualifications if holdings else ())])
    reach = reachable(catalogue, held, strict=strict)
    openings: list[Opening] = []
    checked = 0
    candidates = [
        r
        for r in catalogue.roles
        if r.id not in held.qualifications
        and (
            r.id in reach
            or (
                proposed
                and isinstance(start, Role)
                and proposed_moves(catalogue, start, r, holdings)
            )
        )
    ]
    # Most roles' answers are settled without a search (see ``settled_goals``): on a
    # 3,000-role folder a search for each took minutes. ``find_routes`` answers from steps
    # of known length when any route of known length fits, else from every step; so a role
    # no known route reaches in time takes the answer settled over every step, any other
    # the one settled over known steps, and only the rest are searched.
    beyond: frozenset[str] = frozenset()
    beyond_known: frozenset[str] = frozenset()
    one_step: frozenset[str] | None = None
    settled_every: dict[str, Route] = {}
    settled_known: dict[str, Route] = {}
    if not proposed:
        beyond, one_step, settled_every = settled_goals(
            catalogue, start, within=within, holdings=holdings, strict=strict
        )
        beyond_known, _, settled_known = settled_goals(
            catalogue, start, within=within, holdings=holdings, strict=strict, known_only=True
        )
    # The rest within the months: one search from the start for every role at once, which
    # settles each role whose answer it can prove is ``find_routes``'s (see
    # ``fastest_within``); only the roles it cannot are searched one by one.
    searched: dict[str, Route] = {}
    # Roles no route of any kind reaches within the months once the waits between
    # programmes count (see ``_timed_steps``): not listed, and not searched one by one.
    none_within: set[str] = set()
    if not proposed and within is not None:
        rest = [
            r.id
            for r in candidates
            if r.id not in beyond
            and (settled_every if r.id in beyond_known else settled_known).get(r.id) is None
        ]
        if rest:
            searched = fastest_within(
                catalogue,
                start,
                within=within,
                holdings=holdings,
                strict=strict,
                deadline=deadline,
                goals=rest,
                none_within=none_within,
            )
    for role in candidates:
        if (
            role.id in beyond
            or role.id in none_within
            or (within is None and one_step is not None and role.id not in one_step)
        ):
            continue  # no route within the months, or no one-step route: not listed
        route = (settled_every if role.id in beyond_known else settled_known).get(role.id)
        if route is None:
            route = searched.get(role.id)
        if route is not None:
            route = with_history(catalogue, start, holdings, route)  # as find_routes does
        else:
            # The one answer ``route`` gives (a route of known length first): one rule for
            # from, entry and route, so they cannot disagree.
            try:
                route = find_routes(
                    catalogue,
                    start,
                    role,
                    max_routes=1,
                    holdings=holdings,
                    strict=strict,
                    within=within,
                    deadline=deadline,
                    proposed=proposed,
                )[0]
            except NoRouteError:
                if clock() > deadline:  # "no route" may only mean "out of time"
                    raise _out_of_time(start, within, checked, len(candidates)) from None
                continue
            if clock() > deadline and checked + 1 < len(candidates):
                raise _out_of_time(start, within, checked + 1, len(candidates))
        checked += 1
        direct = len(route.steps) == 1
        if within is None and not direct:
            continue
        openings.append(Opening(role, route, direct))
    openings.sort(key=lambda o: (o.route.key("months"), o.role.id))
    return tuple(openings)


def _direct(
    catalogue: Catalogue,
    start: Role | Qualification,
    *,
    holdings: Holdings | None,
    strict: bool,
    proposed: bool,
) -> tuple[Opening, ...]:
    """Roles someone holding ``start`` can enter in one step, each by its best such step.

    The step is the one ``shown`` ranks first among the role's one-step routes (a known
    length, then assuming nothing, then months), so it is ``route``'s first answer whenever
    that answer is one step; a role whose best route is longer is still listed when one
    step reaches it, as ``from --within`` lists it. A step that runs today comes before a
    proposed top-up.
    """
    from careerpath.analysis.routes import (
        one_step_routes,
        proposed_moves,
        shown,
        with_history,
    )

    held = holdings_for(catalogue, [start, *(holdings.qualifications if holdings else ())])
    extra: tuple[Move, ...] = ()
    if proposed and isinstance(start, Role):
        extra = tuple(
            m
            for r in catalogue.roles
            if r.id not in held.qualifications
            for m in proposed_moves(catalogue, start, r, holdings)
        )
    found = one_step_routes(catalogue, start, holdings=holdings, strict=strict, extra=extra)
    openings: list[Opening] = []
    for role in catalogue.roles:
        routes = found.get(role.id)
        if not routes or role.id in held.qualifications:
            continue
        running = [r for r in routes if not r.proposed]
        best = shown(running or routes, "months", 1)[0]
        openings.append(Opening(role, with_history(catalogue, start, holdings, best), True))
    openings.sort(key=lambda o: (o.route.key("months"), o.role.id))
    return _with_sooner(catalogue, start, openings, holdings=holdings, strict=strict)


#: What looking for sooner routes past the direct steps may take in all, in seconds: past
#: it the listing is given without them (it claims nothing about them either way).
SOONER_BUDGET = 1.0


def _with_sooner(
    catalogue: Catalogue,
    start: Role | Qualification,
    openings: list[Opening],
    *,
    holdings: Holdings | None,
    strict: bool,
) -> tuple[Opening, ...]:
    """Each direct opening with the shorter route of known length ``route`` gives, if any.

    A search per opening, within the direct step's months less one, under one shared
    budget: a route found is real and shorter; none found (or no time) adds nothing.
    """
    from msgspec.structs import replace

    from careerpath.analysis.routes import clock, deadline_after, find_routes

    deadline = deadline_after(SOONER_BUDGET)
    done: list[Opening] = []
    for opening in openings:
        route = opening.route
        if route.length_known and route.months > 0 and clock() < deadline:
            try:
                found = find_routes(
                    catalogue,
                    start,
                    opening.role,
                    max_routes=1,
                    holdings=holdings,
                    strict=strict,
                    within=route.months - 1,
                    deadline=deadline,
                    known_only=True,
                )
            except CareerpathError:
                found = ()
            if found and found[0].months < route.months:
                done.append(replace(opening, sooner=found[0]))
                continue
        done.append(opening)
    return tuple(done)


def _out_of_time(
    start: Role | Qualification, within: int | None, checked: int, total: int
) -> CareerpathError:
    from careerpath.analysis import routes

    reach = f"within {within} months " if within is not None else ""
    smaller = "try a smaller --within, or " if within is not None else ""
    return CareerpathError(
        f"listing the roles {reach}from '{start.id}' stopped after {routes.TIME_BUDGET:g} s "
        f"({checked:,} of {total:,} roles checked); {smaller}ask about one role with "
        f"'careerpath route {start.id} ROLE'"
    )
