"""Faster routes a person may already qualify for: a narrower form of what they hold.

A graduate asking about clinical science is given the equivalence route (3 years 6 months),
yet a graduate whose degree is a 1st or 2:1 in a relevant science enters the Scientist
Training Programme directly (3 years). The data cannot know which degree the person has, so
the route answers from what they said they hold, and this names the narrower qualifications
that would open a faster route, for them to add with ``--have``, rather than assuming
either way. Only a direct refinement counts: a qualification at the same level whose own
``implies:`` names something held (a psychology degree refines an honours degree). A higher
rung of study, or a registration, takes training, so neither is offered as something the
person may already hold.
"""

from __future__ import annotations

import msgspec

from careerpath.analysis.holdings import Holdings, close
from careerpath.analysis.routes import Route, deadline_after, find_routes, moves
from careerpath.errors import CareerpathError
from careerpath.model import Catalogue, Qualification, Role

__all__ = ["Faster", "faster_if_held"]

#: At most this many narrower qualifications are tried, each one a route search, so a
#: large catalogue's ``route`` stays interactive.
MAX_TRIED = 4
#: The searches for all of them share this budget, in seconds.
BUDGET = 0.5


class Faster(msgspec.Struct, frozen=True):
    """A narrower qualification and the best route the person would have if they held it."""

    qualification: str
    refines: str
    route: Route


def faster_if_held(
    catalogue: Catalogue,
    start: Role | Qualification,
    goal: Role,
    best: Route,
    holdings: Holdings | None = None,
    *,
    strict: bool = False,
) -> tuple[Faster, ...]:
    """Narrower qualifications than the person holds that open a route shorter than ``best``.

    Each is a qualification some way into a role asks for, not held, whose ``implies:``
    names something held. Its route is kept only when its length is known and shorter than
    ``best``'s (a lower bound, when ``best``'s is not known), so the claim is never that an
    unknown length is faster. Shortest first.
    """
    extra = holdings or Holdings()
    held = close(catalogue, {start.id} | extra.qualifications)
    asked = {ref for move in moves(catalogue) for group in move.groups for ref in group}
    level = {q.id: q.level for q in catalogue.qualifications}
    candidates = [
        (q, refines[0])
        for q in catalogue.qualifications
        if q.kind == "qualification" and q.id in asked and q.id not in held
        for refines in [[i for i in q.implies if i in held and _same_level(q, level.get(i))]]
        if refines
    ][:MAX_TRIED]
    deadline = deadline_after(BUDGET)
    found: list[Faster] = []
    for qualification, refines in candidates:
        more = msgspec.structs.replace(
            extra,
            qualifications=extra.qualifications | {qualification.id},
            stated=extra.stated | {qualification.id},
        )
        try:
            route = find_routes(
                catalogue,
                start,
                goal,
                max_routes=1,
                holdings=more,
                strict=strict,
                deadline=deadline,
            )[0]
        except CareerpathError:
            continue
        if route.length_known and route.months < best.months:
            found.append(Faster(qualification.id, refines, route))
    return tuple(sorted(found, key=lambda f: (f.route.months, f.qualification)))


def _same_level(qualification: Qualification, held_level: int | None) -> bool:
    """Whether ``qualification`` is a narrower form of a held one, not a higher rung.

    A psychology degree (Level 6) refines an honours degree (Level 6), but Level 5 study,
    which implies Level 3, is more study, not a kind of Level 3 the person may already hold.
    """
    return qualification.level is not None and qualification.level == held_level
