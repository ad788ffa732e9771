"""The implication table built by a worklist equals the one built in whole rounds.

``implied`` was a sequence of whole rounds (every role recomputed from the last round's
table, then the table closed under itself) until nothing changed: the least fixed point
from the data's own order. On a 3,000-role folder that took a dozen rounds and more than
half a second of every route question. The worklist recomputes only what a grown set can
change; this keeps the rounds as the slow, obviously-right reference.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from test_routes import catalogues

from careerpath.analysis.holdings import _tokens_of, implied, is_return, study_given
from careerpath.model import Catalogue, Requirement

from conftest import examples


def _by_rounds(catalogue: Catalogue, with_study: bool = True) -> dict[str, frozenset[str]]:
    """The table as whole rounds compute it (the former ``implied``).

    A return to a role (a way in asking for the role's own registration) is no first way
    in; without ``with_study`` no way in credits the study its programme gives.
    """
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
    # Registrations no role declares and nothing leads to: held only from before.
    declared = {i for r in catalogue.roles for i in r.implies}
    earlier = frozenset(
        q.id
        for q in catalogue.qualifications
        if q.kind == "registration" and q.id not in declared and not q.entry_routes
    )
    ways_in: dict[str, list[tuple[tuple[Requirement, ...], str | None]]] = {
        r.id: [] for r in catalogue.roles
    }
    for role in catalogue.roles:
        ways_in[role.id].extend(
            (route.requires, route.programme)
            for route in role.entry_routes
            if not is_return(role, route.requires, earlier)
        )
        for step in role.progressions:
            if step.to in ways_in:
                ways_in[step.to].append(
                    ((Requirement("role", role.id), *step.requires), step.programme)
                )
    table = dict(own)
    while True:
        base = table
        table = dict(own)
        for role in catalogue.roles:
            common: frozenset[str] | None = None
            for requires, programme in ways_in[role.id]:
                got: set[str] = set()
                study = study_given(catalogue, programme) if with_study else None
                if study is not None:
                    got |= base.get(study, {study})
                for requirement in requires:
                    options = (
                        requirement.options if requirement.kind == "any_of" else (requirement,)
                    )
                    sets = [
                        frozenset().union(*(base.get(i, {i}) for i in ids))
                        for ids in (_tokens_of(o) for o in options)
                        if ids is not None
                    ]
                    if sets and len(sets) == len(options):
                        got |= frozenset.intersection(*sets)
                common = frozenset(got) if common is None else common & got
            if common:
                table[role.id] = frozenset(
                    set(table[role.id]).union(*(base.get(t, {t}) for t in common))
                )
        changed = True
        while changed:
            changed = False
            for token, ids in table.items():
                grown = ids.union(*(table.get(i, frozenset()) for i in ids))
                if grown != ids:
                    table[token] = grown
                    changed = True
        if table == base:
            return _with_registration_credit(catalogue, own, table) if with_study else table


def _with_registration_credit(
    catalogue: Catalogue, own: dict[str, frozenset[str]], table: dict[str, frozenset[str]]
) -> dict[str, frozenset[str]]:
    """Each qualification with no way in of its own that roles declare, credited with the
    study (non-role ids) every one of those roles holds beyond what it holds without study
    credit; then everything holding it holds that too, closed again."""
    plain = _by_rounds(catalogue, with_study=False)
    table = dict(table)
    for q in catalogue.qualifications:
        roles = [r.id for r in catalogue.roles if q.id in own[r.id] - {r.id}]
        if not roles or q.entry_routes:
            continue
        credit = frozenset.intersection(
            *(
                frozenset(i for i in table[r] - plain[r] if not catalogue.has("roles", i))
                for r in roles
            )
        )
        for token in list(table):
            if q.id in table[token]:
                table[token] = table[token].union(*(table.get(i, {i}) for i in credit))
    return table


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_the_worklist_table_is_the_table_whole_rounds_reach(catalogue: Catalogue) -> None:
    assert implied(catalogue) == _by_rounds(catalogue)
    assert implied(catalogue, study=False) == _by_rounds(catalogue, with_study=False)


def test_the_bundled_table_is_the_table_whole_rounds_reach(bundled: Catalogue) -> None:
    """The bundled pathways: registrations and levels of study implied through ways in."""
    table = implied(bundled)
    assert table == _by_rounds(bundled)
    assert implied(bundled, study=False) == _by_rounds(bundled, with_study=False)
    assert any(len(ids) > 2 for ids in table.values())
