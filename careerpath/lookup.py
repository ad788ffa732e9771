"""Turning what people type ("psychological wellbeing practitioner", "pwp") into catalogue items.

Ids, titles and aliases all work, in any case; a miss raises an error carrying the closest
names, so the CLI can say "did you mean …".
"""

from __future__ import annotations

from collections.abc import Iterable

from careerpath.errors import UnknownNameError, UnknownRoleError
from careerpath.model import Catalogue, Competency, Family, Programme, Qualification, Role
from careerpath.names import fold

__all__ = [
    "find_competency",
    "find_family",
    "find_qualification",
    "find_role",
    "find_start",
    "role_names",
]


def role_names(catalogue: Catalogue) -> dict[str, str]:
    """Every name a role can be called by (folded) → its id."""
    return dict(catalogue.role_names())  # type: ignore[arg-type]


def _suggest(text: str, names: dict[str, str], display: dict[str, str]) -> tuple[str, ...]:
    folded = fold(text)
    import difflib  # only on this path: keeps start-up light

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
    if catalogue.has("roles", text):
        return catalogue.role(text)
    found = catalogue.role_names().get(fold(text))
    if found:
        return catalogue.role(str(found))
    names = role_names(catalogue)
    display = {r.id: r.id for r in catalogue.roles}
    raise UnknownRoleError(text, _suggest(text, names, display))


def find_qualification(catalogue: Catalogue, text: str) -> Qualification:
    """The qualification called ``text`` (id, title or alias, any case)."""
    entries = ((q.id, (q.title, *q.aliases)) for q in catalogue.qualifications)
    return catalogue.qualification(_named("qualification", text, entries))


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


def _named(kind: str, text: str, entries: Iterable[tuple[str, Iterable[str]]]) -> str:
    """The id whose id or names match ``text`` (any case), or UnknownNameError with suggestions."""
    names: dict[str, str] = {}
    for item_id, other_names in entries:
        for name in (item_id, *other_names):
            names.setdefault(fold(name), item_id)
    found = names.get(fold(text))
    if found is None:
        raise UnknownNameError(kind, text, _suggest(text, names, {v: v for v in names.values()}))
    return found


def find_family(catalogue: Catalogue, text: str) -> Family:
    """The family with this id or title (any case).

    A miss with no close spelling suggests the families of roles whose id starts with the
    text, so "hcs" (the prefix of hcs-assistant, hcs-practitioner …) finds healthcare-science.
    """
    try:
        return catalogue.family(
            _named("family", text, ((f.id, (f.title,)) for f in catalogue.families))
        )
    except UnknownNameError as miss:
        if miss.suggestions:
            raise
        prefix = fold(text)
        by_role = sorted({r.family for r in catalogue.roles if fold(r.id).startswith(prefix)})
        raise UnknownNameError("family", text, tuple(by_role[:3])) from None


def find_competency(catalogue: Catalogue, text: str) -> Competency:
    """The competency with this id or name (any case)."""
    return catalogue.competency(
        _named("competency", text, ((c.id, (c.name,)) for c in catalogue.competencies))
    )


def find_programme(catalogue: Catalogue, text: str) -> Programme:
    """The programme with this id or title (any case)."""
    return catalogue.programme(
        _named("programme", text, ((p.id, (p.title,)) for p in catalogue.programmes))
    )
