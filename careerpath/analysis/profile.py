"""Everything ``show`` needs about one role: the four questions answered from the catalogue.

Incoming progressions and links are gathered from other roles' files, so a planner editing
one role sees its place in the whole map without maintaining both directions by hand.
"""

from __future__ import annotations

import msgspec

from careerpath.graph import step_unverified
from careerpath.model import (
    Barrier,
    Catalogue,
    Competency,
    CompetencyNeed,
    EntryRoute,
    Link,
    Programme,
    Progression,
    Role,
    Source,
)

__all__ = ["Profile", "Step", "build_profile", "sources_cited"]


class Step(msgspec.Struct, frozen=True):
    """An entry route or progression with its programme resolved and its length decided."""

    origin: str
    target: str
    kind: str
    title: str
    programme: Programme | None
    months: int | None
    funding: tuple[str, ...]
    requires: tuple[str, ...]
    note: str
    sources: tuple[str, ...]
    unverified: bool


class Profile(msgspec.Struct, frozen=True):
    """A role's profile, ready to render."""

    role: Role
    family_title: str
    entry_routes: tuple[Step, ...]
    progressions_out: tuple[Step, ...]
    progressions_in: tuple[Step, ...]
    links: tuple[Link, ...]
    competencies: tuple[tuple[str, tuple[tuple[Competency, CompetencyNeed], ...]], ...]
    barriers: tuple[Barrier, ...]
    sources: tuple[Source, ...]


def _months(explicit: int | None, programme: Programme | None) -> int | None:
    if explicit is not None:
        return explicit
    return programme.months if programme else None


def _registrations(catalogue: Catalogue) -> frozenset[str]:
    """Ids of registrations, whose experience is worded as time since registering."""
    return frozenset(q.id for q in catalogue.qualifications if q.kind == "registration")


def entry_step(catalogue: Catalogue, role: Role, route: EntryRoute) -> Step:
    """An entry route as a Step, with requirement wording in titles rather than ids."""
    programme = catalogue.programme(route.programme) if route.programme else None
    names = catalogue.name_of()
    return Step(
        origin="",
        target=role.id,
        kind="entry",
        title=route.title or (programme.title if programme else route.id),
        programme=programme,
        months=_months(route.months, programme),
        funding=route.funding or (programme.funding if programme else ()),
        requires=tuple(r.describe(names, _registrations(catalogue)) for r in route.requires),
        note=route.note,
        sources=route.sources,
        unverified=step_unverified(route.unverified, programme),
    )


def progression_step(catalogue: Catalogue, role: Role, step: Progression) -> Step:
    """A progression as a Step from ``role``."""
    programme = catalogue.programme(step.programme) if step.programme else None
    names = catalogue.name_of()
    return Step(
        origin=role.id,
        target=step.to,
        kind=step.kind,
        title=programme.title if programme else (step.note or "experience-based"),
        programme=programme,
        months=_months(step.months, programme),
        funding=step.funding or (programme.funding if programme else ()),
        requires=tuple(r.describe(names, _registrations(catalogue)) for r in step.requires),
        note=step.note,
        sources=step.sources,
        unverified=step_unverified(step.unverified, programme),
    )


def sources_cited(
    catalogue: Catalogue,
    role: Role,
    barriers: tuple[Barrier, ...],
    links: tuple[Link, ...] = (),
) -> tuple[Source, ...]:
    """Every source behind what the profile shows, so each citation number resolves.

    That is the role's own sources, its routes', progressions' and barriers', and those of
    the links shown with it, including links other roles make to it.
    """
    ids: list[str] = list(role.sources)
    cited: tuple[EntryRoute | Progression | Link | Barrier, ...] = (
        *role.entry_routes,
        *role.progressions,
        *role.links,
        *links,
        *barriers,
    )
    for item in cited:
        ids.extend(item.sources)
    for route in role.entry_routes:
        if route.programme:
            ids.extend(catalogue.programme(route.programme).sources)
    return tuple(catalogue.source(s) for s in dict.fromkeys(ids))


def build_profile(catalogue: Catalogue, role: Role) -> Profile:
    """Collect the role's entry routes, progressions both ways, links, competencies, barriers.

    >>> from careerpath.model import Catalogue, Role, Family
    >>> cat = Catalogue(roles=(Role("A", "Role A", "f"),), families=(Family("f", "F"),))
    >>> build_profile(cat, cat.role("A")).family_title
    'F'
    """
    incoming = tuple(
        progression_step(catalogue, other, step)
        for other in catalogue.roles
        for step in other.progressions
        if step.to == role.id
    )
    links = list(role.links)
    linked = {link.role for link in links}
    for other in catalogue.roles:
        for link in other.links:
            if link.role == role.id and other.id not in linked:
                links.append(Link(other.id, link.kind, link.note, link.sources))
                linked.add(other.id)
    by_domain: dict[str, list[tuple[Competency, CompetencyNeed]]] = {}
    for need in role.competencies:
        competency = catalogue.competency(need.id)
        by_domain.setdefault(competency.domain, []).append((competency, need))
    barriers = tuple(b for b in catalogue.all_barriers() if role.id in b.roles)
    family = (
        catalogue.family(role.family).title
        if catalogue.has("families", role.family)
        else role.family
    )
    shown_links = tuple(sorted(links, key=lambda k: k.role))
    return Profile(
        role=role,
        family_title=family,
        entry_routes=tuple(entry_step(catalogue, role, r) for r in role.entry_routes),
        progressions_out=tuple(progression_step(catalogue, role, p) for p in role.progressions),
        progressions_in=incoming,
        links=shown_links,
        competencies=tuple(
            (d, tuple(sorted(items, key=lambda i: i[0].name)))
            for d, items in sorted(by_domain.items())
        ),
        barriers=barriers,
        sources=sources_cited(catalogue, role, barriers, shown_links),
    )
