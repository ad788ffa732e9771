"""Turning what people type ("psychological wellbeing practitioner", "pwp") into catalogue items.

Ids, titles and aliases all work, in any case; a miss raises an error carrying the closest
names, so the CLI can say "did you mean …".
"""

from __future__ import annotations

import difflib

from careerpath.errors import UnknownNameError, UnknownRoleError
from careerpath.model import Catalogue, Competency, Family, Programme, Qualification, Role

__all__ = [
    "find_competency",
    "find_family",
    "find_qualification",
    "find_role",
    "find_start",
    "role_names",
]


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def role_names(catalogue: Catalogue) -> dict[str, str]:
    """Every name a role can be called by (folded) → its id."""
    names: dict[str, str] = {}
    for role in catalogue.roles:
        for name in (role.id, role.title, *role.aliases):
            names.setdefault(_fold(name), role.id)
    return names


def _suggest(text: str, names: dict[str, str], display: dict[str, str]) -> tuple[str, ...]:
    folded = _fold(text)
    close = difflib.get_close_matches(folded, list(names), n=6, cutoff=0.55)
    contains = [n for n in names if folded and (folded in n or n in folded) and len(n) > 2]
    out: list[str] = []
    for name in [*close, *sorted(contains, key=len)]:
        label = display[names[name]]
        if label not in out:
            out.append(label)
    return tuple(out[:3])


def find_role(catalogue: Catalogue, text: str) -> Role:
    """The role called ``text`` (id, title or alias, any case).

    >>> from careerpath.model import Catalogue, Role
    >>> cat = Catalogue(roles=(Role("PWP", "Psychological Wellbeing Practitioner", "mh"),))
    >>> find_role(cat, "psychological wellbeing practitioner").id
    'PWP'
    """
    names = role_names(catalogue)
    found = names.get(_fold(text))
    if found:
        return catalogue.role(found)
    display = {r.id: r.id for r in catalogue.roles}
    raise UnknownRoleError(text, _suggest(text, names, display))


def find_qualification(catalogue: Catalogue, text: str) -> Qualification:
    """The qualification called ``text`` (id, title or alias, any case)."""
    names: dict[str, str] = {}
    for qual in catalogue.qualifications:
        for name in (qual.id, qual.title, *qual.aliases):
            names.setdefault(_fold(name), qual.id)
    found = names.get(_fold(text))
    if found:
        return catalogue.qualification(found)
    display = {q.id: q.id for q in catalogue.qualifications}
    raise UnknownNameError("qualification", text, _suggest(text, names, display))


def find_start(catalogue: Catalogue, text: str) -> Role | Qualification:
    """A role or a qualification, for commands that start "from what I have"."""
    try:
        return find_role(catalogue, text)
    except UnknownRoleError as role_miss:
        try:
            return find_qualification(catalogue, text)
        except UnknownNameError as qual_miss:
            both = tuple(dict.fromkeys([*role_miss.suggestions, *qual_miss.suggestions]))[:4]
            raise UnknownNameError("role or qualification", text, both) from None


def find_family(catalogue: Catalogue, text: str) -> Family:
    """The family with this id or title."""
    names = {_fold(f.id): f.id for f in catalogue.families}
    names.update({_fold(f.title): f.id for f in catalogue.families})
    found = names.get(_fold(text))
    if found:
        return catalogue.family(found)
    display = {f.id: f.id for f in catalogue.families}
    raise UnknownNameError("family", text, _suggest(text, names, display))


def find_competency(catalogue: Catalogue, text: str) -> Competency:
    """The competency with this id or name (any case)."""
    names = {_fold(c.id): c.id for c in catalogue.competencies}
    names.update({_fold(c.name): c.id for c in catalogue.competencies})
    found = names.get(_fold(text))
    if found:
        return catalogue.competency(found)
    display = {c.id: c.id for c in catalogue.competencies}
    raise UnknownNameError("competency", text, _suggest(text, names, display))


def find_programme(catalogue: Catalogue, text: str) -> Programme:
    """The programme with this id or title (any case)."""
    names = {_fold(p.id): p.id for p in catalogue.programmes}
    names.update({_fold(p.title): p.id for p in catalogue.programmes})
    found = names.get(_fold(text))
    if found:
        return catalogue.programme(found)
    display = {p.id: p.id for p in catalogue.programmes}
    raise UnknownNameError("programme", text, _suggest(text, names, display))
