"""Filtering roles for ``list``: by family, Career Framework level, band and free text."""

from __future__ import annotations

from careerpath.errors import CareerpathError
from careerpath.frameworks import AFC_BANDS
from careerpath.lookup import find_family
from careerpath.model import Catalogue, Role
from careerpath.names import did_you_mean

__all__ = ["filter_roles"]


def filter_roles(
    catalogue: Catalogue,
    family: str | None = None,
    level: int | None = None,
    band: str | None = None,
    search: str | None = None,
) -> tuple[Role, ...]:
    """Roles matching every filter given: families by title, roles by Career Framework level.

    Within a family, roles run from the lowest level up (roles with no level last, then by
    title), so a family reads as a career ladder rather than in the order of hidden ids.

    >>> from careerpath.model import Catalogue, Role, Bands
    >>> cat = Catalogue(roles=(Role("A", "Nurse", "n", bands=Bands("4", "5")), Role("B", "Therapist", "t")))
    >>> [r.id for r in filter_roles(cat, band="5")]
    ['A']
    """
    roles = list(catalogue.roles)
    if family:
        wanted = find_family(catalogue, family).id
        roles = [r for r in roles if r.family == wanted]
    if level is not None:
        roles = [r for r in roles if r.career_framework_level == level]
    if band:
        text = band.strip().lower()
        if text not in AFC_BANDS:
            raise CareerpathError(
                f"band '{band}' is not an Agenda for Change band; {did_you_mean(text, AFC_BANDS) or 'use 1–9 or 8a–8d'}"
            )
        roles = [r for r in roles if text in r.bands.values()]
    if search:
        needle = search.lower()
        roles = [
            r
            for r in roles
            if any(needle in t.lower() for t in (r.id, r.title, r.summary, *r.aliases))
        ]
    titles = {f.id: f.title.lower() for f in catalogue.families}
    return tuple(
        sorted(
            roles,
            key=lambda r: (
                titles.get(r.family, r.family.lower()),
                r.family,
                r.career_framework_level or 99,
                r.title.lower(),
            ),
        )
    )
