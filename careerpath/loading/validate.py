"""A pathways folder → a validated, immutable ``Catalogue``, or every problem at once.

Checking happens in two passes: each file against its shape (``formats``), then the whole
folder for cross-file rules (unknown references, duplicate ids, alias collisions, cycles).
Every problem is collected, so a user fixing the data needs one run, not twenty.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerpath.errors import DataError, Problem
from careerpath.loading.derive import build, stored_fields
from careerpath.loading.discover import MAX_FILES, display_path, regular_file_problem, yaml_files_in
from careerpath.loading.formats import CATALOGUE_FILE, CATALOGUE_LISTS, ROLE_FILE
from careerpath.loading.schema import INVALID, Checker, Reference
from careerpath.loading.yaml_files import Expansion, Node, parse_file
from careerpath.model import (
    Barrier,
    Catalogue,
    Competency,
    CompetencyNeed,
    EntryRoute,
    ExitAward,
    Family,
    Programme,
    Progression,
    Qualification,
    Requirement,
    Role,
    Rule,
    Source,
)
from careerpath.names import did_you_mean

__all__ = [
    "MAX_FILES",
    "collector_paused",
    "load_catalogue",
    "regular_file_problem",
    "yaml_files_in",
]

#: A progression's kind when a file does not say: the model's default (upward, "vertical").
_VERTICAL: str = next(f.default for f in stored_fields(Progression) if f.name == "kind")

_CATALOGUE_KINDS = tuple(CATALOGUE_LISTS)


@dataclass(frozen=True, slots=True)
class _Definition:
    kind: str
    id: str
    file: str
    line: int
    col: int


@dataclass
class _Collected:
    """Everything read from the folder, before cross-file checks."""

    roles: list[dict[str, Any]] = field(default_factory=list)
    items: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    definitions: list[_Definition] = field(default_factory=list)
    alias_sites: list[tuple[str, str, str, int, int]] = field(default_factory=list)
    steps: list[tuple[str, str, str, str, int, int]] = field(default_factory=list)
    implications: list[tuple[str, str, str, int, int]] = field(default_factory=list)


#: Called as ``progress(stage, done, total)`` while a folder is read (the CLI draws it).
Progress = Callable[[str, int, int], None]


def load_catalogue(root: Path, progress: Progress | None = None) -> Catalogue:
    """Read and validate every pathways file below ``root``.

    Raises DataError listing every problem, sorted by file and position. ``progress`` hears
    how many files are read, every hundred or so: an ESCO import is 3,000 files and
    seconds of work, which should not pass in silence on a terminal.
    """
    with collector_paused():
        return _load_catalogue(root, progress)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run a block with Python's cyclic garbage collector off, then freeze what it built.

    Reading 3,000 files allocates about a million objects, none of them in a cycle, and
    every few thousand allocations the collector walked all that had survived: a fifth of a
    cold ``list`` or ``validate`` (0.5 s of 2.7 s CPU). Reference counting still frees
    everything as before; the collector runs again after the block. What is left after a
    block that succeeds is the catalogue, which lives as long as the process, so it is
    frozen out of later passes (as a catalogue read from the cache is).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    except BaseException:
        # A refused folder leaves nothing to keep, but its exceptions and tracebacks are
        # cycles: the collector must be free to take them, so nothing is frozen.
        if enabled:
            gc.enable()
        raise
    if enabled:
        gc.freeze()
        gc.enable()


def _load_catalogue(root: Path, progress: Progress | None) -> Catalogue:
    files = yaml_files_in(root)
    if not files:
        raise DataError(
            [
                Problem(
                    display_path(root), 1, 1, "no .yaml files found", "is this a pathways folder?"
                )
            ]
        )
    checker = Checker()
    collected = _Collected()
    expansion = Expansion()
    for done, path in enumerate(files):
        if progress is not None and done % 100 == 0:
            progress("reading YAML files", done, len(files))
        checker.file = display_path(path)
        unreadable = regular_file_problem(path)
        if unreadable:
            checker.problems.append(Problem(checker.file, 1, 1, unreadable))
            continue
        node, problems = parse_file(path, checker.file, expansion)
        checker.problems.extend(problems)
        if node is not None:
            _read_document(node, checker, collected)
    _check_definitions(collected, checker)
    _check_references(collected, checker)
    _check_aliases(collected, checker)
    _check_progressions(collected, checker)
    _check_implications(collected, checker)
    if checker.problems:
        raise DataError(checker.problems)
    return _build(collected, str(root))


def _read_document(node: Node, checker: Checker, collected: _Collected) -> None:
    if not isinstance(node.value, dict):
        kind = "a list" if isinstance(node.value, list) else "a single value"
        checker.problem(
            node,
            f"file holds {kind}; a pathways file must be a mapping",
            "start with 'id:' for a role, or 'programmes:' etc. for a catalogue",
        )
        return
    if "id" in node.value:
        _read_role(node, checker, collected)
        return
    from careerpath.loading.provision import check_document, own_kind

    if own_kind(
        node
    ):  # a framework, learning directory or rates file (issue 17): checked, not built
        check_document(node, checker)
        return
    for kind in _CATALOGUE_KINDS:
        for item_node in _list(node, kind):
            _define(collected, kind, item_node, checker.file)
            if kind == "qualifications":
                _collect_implications(collected, item_node, checker.file)
            if kind == "programmes":
                for module_node in _list(item_node, "modules"):
                    _define(collected, "modules", module_node, checker.file)
    value = CATALOGUE_FILE.check(node, checker, "")
    if value is INVALID:
        return
    for kind in _CATALOGUE_KINDS:
        collected.items[kind].extend(value.get(kind, []))


def _read_role(node: Node, checker: Checker, collected: _Collected) -> None:
    # Ids are defined before the role is checked, so one broken field does not also make
    # every reference to the role an error.
    _define(collected, "roles", node, checker.file)
    for source_node in _list(node, "sources"):
        _define(collected, "sources", source_node, checker.file)
    value = ROLE_FILE.check(node, checker, "")
    if value is INVALID:
        return
    value["file"] = checker.file
    collected.roles.append(value)
    _collect_implications(collected, node, checker.file)
    names = [node.value["title"], *_list(node, "aliases")]
    for name_node in names:
        collected.alias_sites.append(
            (str(name_node.value), value["id"], checker.file, name_node.line, name_node.col)
        )
    for step_node, step in zip(
        _list(node, "progressions"), value.get("progressions", []), strict=False
    ):
        to_node = step_node.value["to"]
        kind = step.get("kind", _VERTICAL)
        collected.steps.append(
            (value["id"], step["to"], kind, checker.file, to_node.line, to_node.col)
        )
    for route_node in _list(node, "entry_routes"):
        _define(collected, "entry-routes", route_node, checker.file, prefix=f"{value['id']}:")


def _list(node: Node, key: str) -> list[Node]:
    child = node.value.get(key) if isinstance(node.value, dict) else None
    return child.value if child is not None and isinstance(child.value, list) else []


def _define(collected: _Collected, kind: str, node: Node, file: str, prefix: str = "") -> None:
    if not isinstance(node.value, dict) or "id" not in node.value:
        return
    id_node = node.value["id"]
    collected.definitions.append(
        _Definition(kind, prefix + str(id_node.value), file, id_node.line, id_node.col)
    )


_ID_SPACES = {"roles": "starts", "qualifications": "starts"}


def _check_definitions(collected: _Collected, checker: Checker) -> None:
    seen: dict[tuple[str, str], _Definition] = {}
    folded: dict[tuple[str, str], _Definition] = {}
    for d in collected.definitions:
        # Roles and qualifications share one set of ids: either can start a route, and a
        # requirement names one by id alone, so a clash would make "requires: [x]" ambiguous.
        space = _ID_SPACES.get(d.kind, d.kind)
        first = seen.get((space, d.id))
        if first:
            checker.problems.append(
                Problem(
                    d.file,
                    d.line,
                    d.col,
                    f"duplicate {_singular(d.kind)} id '{d.id}'"
                    if first.kind == d.kind
                    else f"{_singular(d.kind)} id '{d.id}' is already a {_singular(first.kind)} id",
                    f"first defined at {first.file}:{first.line}"
                    + ("" if first.kind == d.kind else "; roles and qualifications share ids"),
                )
            )
            continue
        seen[(space, d.id)] = d
        twin = folded.get((space, d.id.lower()))
        if twin:
            checker.problems.append(
                Problem(
                    d.file,
                    d.line,
                    d.col,
                    f"{_singular(d.kind)} id '{d.id}' differs only in case from '{twin.id}'",
                    f"defined at {twin.file}:{twin.line}; ids must differ by more than case",
                )
            )
        folded.setdefault((space, d.id.lower()), d)


def _singular(kind: str) -> str:
    return {"families": "family", "competencies": "competency", "entry-routes": "entry route"}.get(
        kind, kind.rstrip("s")
    )


def _check_references(collected: _Collected, checker: Checker) -> None:
    known: dict[str, set[str]] = defaultdict(set)
    for d in collected.definitions:
        known[d.kind].add(d.id)
    known["role-or-qualification"] = known["roles"] | known["qualifications"]
    for ref in checker.references:
        _check_reference(ref, known[ref.kind], checker)


def _check_reference(ref: Reference, known: set[str], checker: Checker) -> None:
    if ref.target in known:
        return
    noun = {"role-or-qualification": "role or qualification"}.get(ref.kind, _singular(ref.kind))
    checker.problems.append(
        Problem(
            ref.file,
            ref.line,
            ref.col,
            f"unknown {noun} '{ref.target}'",
            did_you_mean(ref.target, known),
        )
    )


def _check_aliases(collected: _Collected, checker: Checker) -> None:
    owners: dict[str, tuple[str, str, int]] = {}
    for role in collected.roles:
        owners.setdefault(role["id"].lower(), (role["id"], role["file"], 0))
    for name, role_id, file, line, col in collected.alias_sites:
        key = " ".join(name.lower().split())
        owner = owners.get(key)
        if owner and owner[0] != role_id:
            where = f"{owner[1]}:{owner[2]}" if owner[2] else owner[1]
            checker.problems.append(
                Problem(
                    file,
                    line,
                    col,
                    f"'{name}' already names role '{owner[0]}'",
                    f"see {where}; a name must lead to one role",
                )
            )
            continue
        owners.setdefault(key, (role_id, file, line))


def _check_progressions(collected: _Collected, checker: Checker) -> None:
    upward: dict[str, list[str]] = defaultdict(list)
    where: dict[tuple[str, str], tuple[str, int, int]] = {}
    for source, target, kind, file, line, col in collected.steps:
        if source == target:
            checker.problems.append(
                Problem(
                    file,
                    line,
                    col,
                    f"role '{source}' progresses to itself",
                    "remove this progression",
                )
            )
        elif kind == _VERTICAL:
            upward[source].append(target)
            where[(source, target)] = (file, line, col)
    cycle = _find_cycle(upward)
    if cycle:
        file, line, col = where[(cycle[-1], cycle[0])]
        chain = " → ".join([*cycle, cycle[0]])
        checker.problems.append(
            Problem(
                file,
                line,
                col,
                f"vertical progressions form a cycle: {chain}",
                "mark a sideways move as kind: lateral",
            )
        )


def _collect_implications(collected: _Collected, node: Node, file: str) -> None:
    """Remember each ``implies`` entry with its position, for the cycle check."""
    if not isinstance(node.value, dict) or "id" not in node.value:
        return
    owner = str(node.value["id"].value)
    for target in _list(node, "implies"):
        collected.implications.append((owner, str(target.value), file, target.line, target.col))


def _check_implications(collected: _Collected, checker: Checker) -> None:
    """Implication between qualifications must be an order, so a cycle is an error.

    A cycle would make two different qualifications the same thing; it is reported where it
    closes.
    """
    edges: dict[str, list[str]] = defaultdict(list)
    where: dict[tuple[str, str], tuple[str, int, int]] = {}
    for source, target, file, line, col in collected.implications:
        edges[source].append(target)
        where.setdefault((source, target), (file, line, col))
        if source == target:
            checker.problems.append(
                Problem(file, line, col, f"'{source}' implies itself", "remove this entry")
            )
    cycle = _find_cycle(edges)
    if len(cycle) > 1:
        file, line, col = where[(cycle[-1], cycle[0])]
        chain = " → ".join([*cycle, cycle[0]])
        checker.problems.append(
            Problem(
                file,
                line,
                col,
                f"qualifications imply each other in a cycle: {chain}",
                "implication runs one way, from the larger qualification to what it includes",
            )
        )


def _find_cycle(edges: dict[str, list[str]]) -> list[str]:
    state: dict[str, int] = {}
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterable[str]]] = [(start, iter(sorted(edges.get(start, []))))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(iter(children), None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return path[path.index(child) :]
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(edges.get(child, [])))))
    return []


def _requirement(value: Any, roles: set[str]) -> Requirement:
    if isinstance(value, str):
        return Requirement("role" if value in roles else "qualification", ref=value)
    if "any_of" in value:
        return Requirement("any_of", options=tuple(_requirement(v, roles) for v in value["any_of"]))
    if "experience" in value:
        return Requirement("experience", ref=value["experience"], months=value["months"])
    return Requirement("text", text=value["text"])


def _special(role_ids: set[str]) -> dict[tuple[type, str], Callable[[Any], Any]]:
    """Builders for the fields whose stored form is not the record's (``formats`` has why).

    Every other field is built by ``derive.build`` from the model's declaration, by name.
    """

    def requires(values: list[Any]) -> tuple[Requirement, ...]:
        return tuple(_requirement(r, role_ids) for r in values)

    def needs(values: list[Any]) -> tuple[CompetencyNeed, ...]:
        return tuple(
            CompetencyNeed(v) if isinstance(v, str) else build(CompetencyNeed, v, special)
            for v in values
        )

    def exit_awards(values: list[Any]) -> tuple[ExitAward, ...]:
        awards = (build(ExitAward, a, special) for a in values)
        return tuple(sorted(awards, key=lambda a: a.credits))

    special: dict[tuple[type, str], Callable[[Any], Any]] = {
        (EntryRoute, "requires"): requires,
        (Progression, "requires"): requires,
        (Role, "competencies"): needs,
        (Role, "sources"): lambda values: tuple(s["id"] for s in values),
        (Barrier, "roles"): lambda values: tuple(sorted(set(values))),
        (Competency, "frameworks"): lambda value: tuple(sorted(value.items())),
        (Programme, "exit_awards"): exit_awards,
    }
    return special


def _own_barriers(value: dict[str, Any]) -> dict[str, Any]:
    """A role's barriers as shared ones: the role among their roles, an id made if none."""
    owner = value["id"]
    barriers = [
        {
            **b,
            "id": b.get("id") or f"{owner}-barrier-{index + 1}",
            "roles": [owner, *b.get("roles", ())],
        }
        for index, b in enumerate(value.get("barriers", ()))
    ]
    return {**value, "barriers": barriers} if barriers else value


def _build(collected: _Collected, root: str) -> Catalogue:
    role_ids = {r["id"] for r in collected.roles}
    special = _special(role_ids)
    items = collected.items
    role_sources = [s for r in collected.roles for s in r.get("sources", ())]
    by_id: Any = lambda x: x.id  # noqa: E731 - one key function for every sort below

    def built(cls: type[Any], values: Iterable[dict[str, Any]]) -> tuple[Any, ...]:
        return tuple(sorted((build(cls, v, special) for v in values), key=by_id))

    return Catalogue(
        roles=built(Role, (_own_barriers(r) for r in collected.roles)),
        competencies=built(Competency, items["competencies"]),
        programmes=built(Programme, items["programmes"]),
        qualifications=built(Qualification, items["qualifications"]),
        families=built(Family, items["families"]),
        sources=built(Source, [*items["sources"], *role_sources]),
        rules=built(Rule, items["rules"]),
        barriers=built(Barrier, items["barriers"]),
        root=root,
    )
