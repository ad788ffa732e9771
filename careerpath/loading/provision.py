"""Framework, provision and rates files → validated records, or every problem at once.

Reuses the pathways machinery: ``yaml_files.parse_file`` (ruamel safe composing, positions
kept), the ``schema`` specs of ``provision_formats`` and ``Problem``/``DataError``. Checks
run in two passes as for pathways: each file against its shape, then the cross-references
(a course's provider, each competency and tier against the course's framework, each staff
group an organisation counts) once every file is read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careerpath.errors import DataError, Problem
from careerpath.loading.derive import Special, build
from careerpath.loading.discover import display_path, regular_file_problem, yaml_files_in
from careerpath.loading.formats import CATALOGUE_LISTS
from careerpath.loading.provision_formats import FILE_KINDS
from careerpath.loading.schema import INVALID, Checker
from careerpath.loading.yaml_files import Node, parse_file
from careerpath.names import did_you_mean
from careerpath.provision import (
    PAY_POINTS,
    CitedSource,
    Course,
    Domain,
    Framework,
    FrameworkCompetency,
    Organisation,
    PayRate,
    Provider,
    Provision,
    Rates,
    StaffGroup,
    Tier,
)

__all__ = [
    "TrainingData",
    "check_document",
    "frameworks_folder",
    "load_training_data",
    "own_kind",
]


@dataclass
class TrainingData:
    """Everything the framework commands read: frameworks, a directory (if any), rates."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    provision: Provision | None = None
    rates: Rates | None = None


def own_kind(node: Node) -> str:
    """'framework', 'provision' or 'rates' for one of our documents, else ''."""
    if isinstance(node.value, dict):
        for key in FILE_KINDS:
            if key in node.value:
                return key
    return ""


def check_document(node: Node, checker: Checker) -> Any:
    """Check one framework, provision or rates document in place; the plain value or INVALID.

    The pathways loader calls this for such files found in a pathways folder, so
    ``careerpath validate`` reports their problems with everything else's.
    """
    kind = own_kind(node)
    local = Checker(file=checker.file)
    value = FILE_KINDS[kind].check(node, local, "")
    if kind == "framework" and value is not INVALID and not local.problems:
        _add_framework(TrainingData(), checker.file, node, value["framework"], local.problems)
    if kind == "rates" and value is not INVALID and not local.problems:
        _check_rate_sources(checker.file, node, value["rates"], local.problems)
    checker.problems.extend(local.problems)
    return value


def frameworks_folder(data_root: Path) -> Path:
    """Where a pathways folder keeps its frameworks and rates: ``<data>/frameworks``."""
    return data_root / "frameworks"


def load_training_data(
    framework_dirs: list[Path], provision_dir: Path | None = None, rates_file: Path | None = None
) -> TrainingData:
    """Read frameworks (and rates) from the folders given, and a learning directory if given.

    A provision folder may hold its own framework files too. Raises DataError with every
    problem found, sorted by file and position.
    """
    problems: list[Problem] = []
    documents: dict[str, list[tuple[str, Node, Any]]] = defaultdict(list)
    files = [f for d in framework_dirs if d.is_dir() for f in yaml_files_in(d)]
    if provision_dir is not None:
        files += yaml_files_in(provision_dir)
    if rates_file is not None:
        files.append(rates_file)
    # One file named twice (the bundled frameworks folder inside the directory given, under
    # another spelling of its path) is read once, not reported as defining its ids twice.
    first: dict[Path, Path] = {}
    for f in files:
        first.setdefault(f.resolve(), f)
    for path in first.values():
        _read(path, problems, documents)
    data = TrainingData()
    for display, node, value in documents["framework"]:
        _add_framework(data, display, node, value, problems)
    rates = documents["rates"]
    if rates_file is not None:
        chosen = display_path(rates_file)
        rates = [r for r in rates if r[0] == chosen]
    if rates:
        data.rates = _rates(*rates[-1])  # checked with its file in check_document
    if provision_dir is not None:
        provision = documents["provision"]
        if not provision and not documents["invalid provision"]:
            career = sorted({k for _, _, keys in documents["career data"] for k in keys})
            what = (
                f"no provision file found: this folder holds career data ({', '.join(career)})"
                if career
                else "no provision file found"
            )
            if career:
                # A pathways folder given by mistake: one problem, not one per file.
                problems[:] = [p for p in problems if "career data (" not in p.message]
            problems.append(
                Problem(
                    display_path(provision_dir),
                    1,
                    1,
                    what,
                    "a learning directory is YAML starting with 'provision:', such as "
                    "examples/northvale",
                )
            )
        elif provision:
            data.provision = _provision(provision, data.frameworks, problems, provision_dir)
    if problems:
        where = "the learning directory and frameworks" if provision_dir else "the frameworks"
        raise DataError(problems, where)
    data.frameworks = dict(sorted(data.frameworks.items()))  # the same whatever the file order
    return data


def _read(path: Path, problems: list[Problem], documents: dict[str, list[Any]]) -> None:
    display = display_path(path)
    unreadable = regular_file_problem(path)
    if unreadable:
        problems.append(Problem(display, 1, 1, unreadable))
        return
    node, found = parse_file(path, display)
    problems.extend(found)
    if node is None:
        return
    kind = own_kind(node)
    if not kind:
        if isinstance(node.value, dict) and "id" not in node.value:
            keys = ", ".join(sorted(node.value)) or "nothing"
            start = "start the file with 'framework:', 'provision:' or 'rates:'"
            if set(node.value) & CATALOGUE_LISTS.keys():
                # Career data (roles, rules…) is a pathways file, not a misspelt one of ours:
                # "rules" is not a slip for "rates".
                documents["career data"].append((display, node, tuple(node.value)))
                message = f"file holds career data ({keys}), read by the other commands"
                problems.append(Problem(display, 1, 1, message, start))
                return
            hint = did_you_mean(next(iter(node.value), ""), FILE_KINDS) or start
            problems.append(
                Problem(display, 1, 1, f"file holds {keys}; expected one of ours", hint)
            )
        return
    checker = Checker(file=display)
    value = check_document(node, checker)
    problems.extend(checker.problems)
    if value is not INVALID and not checker.problems:
        documents[kind].append((display, node, value[kind]))
    else:
        documents["invalid " + kind].append((display, node, value))


#: The fields whose stored form is not the record's; everything else is built by name
#: (``derive.build``) from the records in ``careerpath.provision``.
_SPECIAL: Special = {
    (CitedSource, "accessed"): str,
    # pay points by name in a file; (name, £) pairs in the lightest-first order of the scale
    (PayRate, "points"): lambda points: tuple((k, points[k]) for k in PAY_POINTS if k in points),
    # written in full under their domain; the framework holds them (``_add_framework``)
    (Domain, "competencies"): lambda competencies: tuple(c["id"] for c in competencies),
}


def _sources(values: list[dict[str, Any]]) -> tuple[CitedSource, ...]:
    return tuple(build(CitedSource, s, _SPECIAL) for s in values)


#: Source kinds that cannot alone confirm a figure: a copy of someone else's table.
SECONDARY_KINDS = frozenset({"secondary", "advert"})


def _check_rate_sources(
    display: str, node: Node, value: dict[str, Any], problems: list[Problem]
) -> None:
    """Every pay rate and on-cost either cites a primary source in the file or says unverified.

    This is what keeps a costing figure traceable: a rate not marked ``unverified`` must name
    (``source: ID``) a source whose kind is not secondary, so the total a commissioner reads
    can be followed to the publisher that set the rate.
    """
    root = _locate(node, "rates")
    kinds = {s["id"]: s.get("kind", "") for s in value["sources"] if "id" in s}
    for family in ("pay", "on_costs"):
        for i, item in enumerate(value[family]):
            at = _locate(root, family, i)
            cited = item.get("source", "")
            if cited and cited not in kinds:
                where = _locate(at, "source")
                problems.append(
                    Problem(
                        display,
                        where.line,
                        where.col,
                        f"unknown source '{cited}'",
                        did_you_mean(cited, kinds) or "give the source an id under sources:",
                    )
                )
            elif not item.get("unverified", False) and (
                not cited or kinds[cited] in SECONDARY_KINDS or not kinds[cited]
            ):
                where = _locate(at, "id")
                problems.append(
                    Problem(
                        display,
                        where.line,
                        where.col,
                        f"'{item['id']}' is not marked unverified but cites no primary source",
                        "cite one with 'source: ID' (a source with a kind other than "
                        "secondary), or add 'unverified: true'",
                    )
                )


def _locate(node: Node, *path: str | int) -> Node:
    """The node at a key/index path, or the deepest one that exists (for error positions)."""
    here = node
    for step in path:
        child: Node | None = None
        if isinstance(here.value, dict) and isinstance(step, str):
            child = here.value.get(step)
        elif isinstance(here.value, list) and isinstance(step, int) and step < len(here.value):
            child = here.value[step]
        if child is None:
            return here
        here = child
    return here


def _add_framework(
    data: TrainingData, display: str, node: Node, value: dict[str, Any], problems: list[Problem]
) -> None:
    tiers = [t["id"] for t in value["tiers"]]
    root = _locate(node, "framework")

    def bad(at: Node, message: str, hint: str = "") -> None:
        problems.append(Problem(display, at.line, at.col, message, hint))

    for i, tier in enumerate(tiers):
        if tier in tiers[:i]:
            bad(_locate(root, "tiers", i, "id"), f"duplicate tier id '{tier}'")
    seen: dict[str, tuple[str, int]] = {}
    for framework in data.frameworks.values():
        for known in framework.competencies:
            seen[known.id] = (framework.file, 0)
    competencies: list[FrameworkCompetency] = []
    for d, domain in enumerate(value["domains"]):
        for c, comp in enumerate(domain["competencies"]):
            where = _locate(root, "domains", d, "competencies", c)
            if comp["id"] in seen:
                other = seen[comp["id"]]
                bad(
                    _locate(where, "id"),
                    f"duplicate competency id '{comp['id']}'",
                    f"first defined in {other[0]}"
                    + (f":{other[1]}" if other[1] else "")
                    + "; ids are unique across frameworks",
                )
            seen[comp["id"]] = (display, _locate(where, "id").line)
            for t, tier in enumerate(comp["tiers"]):
                if tier not in tiers:
                    bad(
                        _locate(where, "tiers", t),
                        f"unknown tier '{tier}'",
                        did_you_mean(tier, tiers) or "known tiers: " + ", ".join(tiers),
                    )
            competencies.append(
                FrameworkCompetency(
                    id=comp["id"],
                    name=comp["name"],
                    domain=domain["id"],
                    tiers=tuple(t for t in tiers if t in comp["tiers"]),
                    unverified=comp.get("unverified", False) or domain.get("unverified", False),
                )
            )
    groups: list[StaffGroup] = []
    for g, group in enumerate(value["staff_groups"]):
        if group["tier"] not in tiers:
            bad(
                _locate(root, "staff_groups", g, "tier"),
                f"unknown tier '{group['tier']}'",
                did_you_mean(group["tier"], tiers) or "known tiers: " + ", ".join(tiers),
            )
        groups.append(build(StaffGroup, group, _SPECIAL))
    if value["id"] in data.frameworks:
        bad(
            _locate(root, "id"),
            f"duplicate framework id '{value['id']}'",
            f"first defined in {data.frameworks[value['id']].file}",
        )
        return
    data.frameworks[value["id"]] = Framework(
        id=value["id"],
        title=value["title"],
        publisher=value.get("publisher", ""),
        note=value.get("note", ""),
        # A tier's rank is its place in the file, lightest first.
        tiers=tuple(
            build(Tier, {**t, "rank": i + 1}, _SPECIAL) for i, t in enumerate(value["tiers"])
        ),
        # A domain's competencies are the framework's (above), each naming its domain.
        domains=tuple(build(Domain, d, _SPECIAL) for d in value["domains"]),
        competencies=tuple(competencies),
        staff_groups=tuple(groups),
        sources=_sources(value["sources"]),
        file=display,
    )


def _rates(display: str, node: Node, value: dict[str, Any]) -> Rates:
    del node
    return build(Rates, {**value, "file": display}, _SPECIAL)


def _provision(
    documents: list[tuple[str, Node, Any]],
    frameworks: dict[str, Framework],
    problems: list[Problem],
    root: Path,
) -> Provision:
    areas = {v["area"] for _, _, v in documents}
    examples = {v["example"] for _, _, v in documents}
    first_file = documents[0][0]
    if len(areas) > 1 or len(examples) > 1:
        problems.append(
            Problem(
                first_file,
                1,
                1,
                "provision files disagree on 'area' or 'example'",
                "one learning directory describes one area",
            )
        )
    organisations: dict[str, tuple[str, Node, dict[str, Any]]] = {}
    providers: dict[str, tuple[str, Node, dict[str, Any]]] = {}
    courses: dict[str, tuple[str, Node, dict[str, Any]]] = {}
    for display, node, value in documents:
        body = _locate(node, "provision")
        for kind, store in (
            ("organisations", organisations),
            ("providers", providers),
            ("courses", courses),
        ):
            for i, item in enumerate(value.get(kind, ())):
                at = _locate(body, kind, i)
                if item["id"] in store:
                    other = store[item["id"]]
                    problems.append(
                        Problem(
                            display,
                            _locate(at, "id").line,
                            _locate(at, "id").col,
                            f"duplicate {kind[:-1]} id '{item['id']}'",
                            f"first defined at {other[0]}:{_locate(other[1], 'id').line}",
                        )
                    )
                    continue
                store[item["id"]] = (display, at, item)
        fw = value["framework"]
        if fw not in frameworks:
            at = _locate(body, "framework")
            problems.append(
                Problem(
                    display,
                    at.line,
                    at.col,
                    f"unknown framework '{fw}'",
                    did_you_mean(fw, frameworks) or "known: " + ", ".join(sorted(frameworks)),
                )
            )

    def unknown(display: str, at: Node, noun: str, name: str, known: Any) -> None:
        problems.append(
            Problem(display, at.line, at.col, f"unknown {noun} '{name}'", did_you_mean(name, known))
        )

    default_fw = documents[0][2]["framework"]
    staff_groups = (
        {g.id for g in frameworks[default_fw].staff_groups} if default_fw in frameworks else set()
    )
    built_orgs: list[Organisation] = []
    for org_id, (display, at, item) in sorted(organisations.items()):
        for i, head in enumerate(item.get("staff", ())):
            if staff_groups and head["group"] not in staff_groups:
                unknown(
                    display,
                    _locate(at, "staff", i, "group"),
                    "staff group",
                    head["group"],
                    staff_groups,
                )
        built_orgs.append(build(Organisation, {**item, "id": org_id}, _SPECIAL))
    built_providers: list[Provider] = []
    for provider_id, (display, at, item) in sorted(providers.items()):
        if item["organisation"] not in organisations:
            unknown(
                display,
                _locate(at, "organisation"),
                "organisation",
                item["organisation"],
                organisations,
            )
        built_providers.append(build(Provider, {**item, "id": provider_id}, _SPECIAL))
    built_courses = [
        _course(course_id, display, at, item, frameworks, providers, problems)
        for course_id, (display, at, item) in sorted(courses.items())
    ]
    return Provision(
        area=sorted(areas)[0],
        example=any(examples),
        framework=default_fw,
        organisations=tuple(built_orgs),
        providers=tuple(built_providers),
        courses=tuple(built_courses),
        root=display_path(root),
    )


def _course(  # noqa: PLR0917 - one call site; the pieces are all needed
    course_id: str,
    display: str,
    at: Node,
    item: dict[str, Any],
    frameworks: dict[str, Framework],
    providers: dict[str, Any],
    problems: list[Problem],
) -> Course:
    def unknown(node: Node, noun: str, name: str, known: Any) -> None:
        problems.append(
            Problem(
                display, node.line, node.col, f"unknown {noun} '{name}'", did_you_mean(name, known)
            )
        )

    if item["provider"] not in providers:
        unknown(_locate(at, "provider"), "provider", item["provider"], providers)
    framework = frameworks.get(item["framework"])
    if framework is None:
        unknown(_locate(at, "framework"), "framework", item["framework"], frameworks)
    else:
        ids = {c.id for c in framework.competencies}
        tiers = [t.id for t in framework.tiers]
        for i, comp in enumerate(item["competencies"]):
            where = _locate(at, "competencies", i)
            if comp["id"] not in ids:
                unknown(_locate(where, "id"), f"competency of {framework.id}", comp["id"], ids)
            if comp["tier"] not in tiers:
                unknown(_locate(where, "tier"), "tier", comp["tier"], tiers)
    if "level" in item and not item.get("credits"):
        problems.append(
            Problem(
                display,
                _locate(at, "level").line,
                _locate(at, "level").col,
                "'level' is given but 'credits' is not",
                "a level describes a credit-bearing module; give its credits",
            )
        )
    return build(Course, {**item, "id": course_id, "file": display, "line": at.line}, _SPECIAL)
