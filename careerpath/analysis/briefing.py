"""Everything a briefing report holds for a set of roles, computed once for any format."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import msgspec

import careerpath.analysis.routes as route_engine
from careerpath.analysis.barriers import RankedBarrier, rank_barriers
from careerpath.analysis.diagrams import Diagram, career_map, neighbourhood, overlap_diagram
from careerpath.analysis.overlap import Overlap, overlap
from careerpath.analysis.profile import Profile, build_profile
from careerpath.analysis.routes import Route, find_routes
from careerpath.errors import CareerpathError, NoRouteError
from careerpath.model import Catalogue, Role

__all__ = ["Briefing", "build_briefing"]


class Briefing(msgspec.Struct, frozen=True):
    """Profiles, overlap, routes between the roles, barriers, and the diagrams to draw."""

    roles: tuple[Role, ...]
    profiles: tuple[Profile, ...]
    overlap: Overlap | None
    routes: tuple[tuple[str, str, Route | None], ...]
    barriers: tuple[RankedBarrier, ...]
    diagrams: tuple[tuple[str, Diagram], ...]
    #: Pairs whose search did not finish before the report's one deadline (or was never
    #: started): their route is None or not proven the fastest, never "no route".
    unsearched: tuple[tuple[str, str], ...] = ()


def build_briefing(
    catalogue: Catalogue,
    roles: Sequence[Role],
    progress: Callable[[str, int, int], None] | None = None,
    *,
    deadline: float | None = None,
) -> Briefing:
    """Collect the briefing for ``roles`` (one or more).

    Every route search shares one ``deadline`` (by default one search's budget from now):
    with many roles, a budget per pair would make the report wait pairs × budget. A pair
    left when the deadline has passed is not searched, and one whose search stopped at it
    is listed in ``unsearched``, so neither reads as "no route".
    """
    report = progress or (lambda stage, done, total: None)
    if deadline is None:
        deadline = route_engine.deadline_after()
    profiles = tuple(build_profile(catalogue, r) for r in roles)
    report("profiles", len(roles), len(roles))
    shared = overlap(catalogue, roles) if len(roles) > 1 else None
    routes = []
    unsearched = []
    pairs = list(itertools.permutations(roles, 2))
    for number, (a, b) in enumerate(pairs, start=1):
        best: Route | None = None
        if route_engine.clock() > deadline:
            unsearched.append((a.id, b.id))
        else:
            try:
                best = find_routes(catalogue, a, b, max_routes=1, deadline=deadline)[0]
            except NoRouteError:
                pass  # the search proved there is none
            except CareerpathError:
                if route_engine.clock() > deadline:  # stopped by the deadline, not an answer
                    unsearched.append((a.id, b.id))
            if best is not None and not best.complete:
                unsearched.append((a.id, b.id))
        routes.append((a.id, b.id, best))
        report("routes", number, len(pairs))
    ids = {r.id for r in roles}
    barriers = rank_barriers(catalogue, roles=ids)
    # Each role's family map first: one family fits an A4 page, and shows where the role
    # sits on its ladder; then each role's own neighbourhood.
    families = list(dict.fromkeys(r.family for r in roles))
    pictures = [
        (
            f"Career map: {catalogue.family(f).title if catalogue.has('families', f) else f}",
            career_map(catalogue, [r for r in catalogue.roles if r.family == f]),
        )
        for f in families
    ]
    pictures += [(f"Around {r.title}", neighbourhood(catalogue, r, 1)) for r in roles]
    if shared:
        pictures.append(("Competency overlap", overlap_diagram(catalogue, shared)))
    return Briefing(
        tuple(roles),
        profiles,
        shared,
        tuple(routes),
        barriers,
        tuple(pictures),
        tuple(unsearched),
    )
