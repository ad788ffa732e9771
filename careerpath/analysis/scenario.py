"""A workforce supply scenario: what a planner assumes, checked against the career catalogue.

A scenario file says how many staff are in post in each role, how many people start each
programme, how many leave, retire and progress, who else joins, and what the service will
need. Every number keeps the file, line and column it came from, so each projected figure
can be traced back to the lines that produced it, and every mistake is reported where it is
(``file:line:col: message (hint)``), all at once.

Rates (shares of a group per year, or of a training cohort) may be written as

* a number: ``0.08``;
* a range, sampled uniformly in Monte Carlo runs: ``[0.06, 0.10]``;
* a distribution: ``{beta: [8, 92]}`` (alpha, beta) or ``{triangular: [0.05, 0.08, 0.12]}``
  (low, most likely, high).

The deterministic projection uses each rate's central value (the number, the middle of the
range, the beta mean, the triangular mean), stated in the output.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import msgspec

from careerpath.errors import CareerpathError, DataError, Problem
from careerpath.graph import Edge, edges_into
from careerpath.loading.yaml_files import Node, parse_file
from careerpath.model import Catalogue
from careerpath.names import did_you_mean

__all__ = [
    "AgeBand",
    "Demand",
    "Intake",
    "Move",
    "Quantity",
    "RoleSupply",
    "Scenario",
    "ScenarioError",
    "ScenarioNotFoundError",
    "bundled_scenario",
    "bundled_scenarios",
    "load_scenario",
    "locate_scenario",
    "months_to_years",
    "parse_scenario",
]

#: Longest projection accepted, in years (national plans look 15 years ahead).
MAX_HORIZON = 50


def months_to_years(months: int) -> int:
    """A programme length or experience wait in whole years: half a year or more rounds up.

    The projection steps a year at a time, so a 16-month apprenticeship takes one step and
    a 42-month equivalence route takes four. Never less than one year for a real programme.

    >>> [months_to_years(m) for m in (6, 16, 18, 24, 36, 42, 60)]
    [1, 1, 2, 2, 3, 4, 5]
    """
    return max(1, math.floor(months / 12 + 0.5))


class ScenarioError(DataError):
    """Raised when a scenario file has problems; carries every problem found, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        count = len(self.problems)
        Exception.__init__(self, f"{count} problem{'s' if count != 1 else ''} in the scenario")


class ScenarioNotFoundError(CareerpathError):
    """Raised when a scenario named on the command line is neither a file nor a bundled name."""

    def __init__(self, name: str, suggestions: tuple[str, ...], bundled: tuple[str, ...]) -> None:
        self.name = name
        self.suggestions = suggestions
        self.bundled = bundled
        super().__init__(f"no scenario file '{name}'")

    def hint(self) -> str:
        """The nearest bundled names and files beside it, then every bundled name."""
        every = "bundled scenarios: " + ", ".join(self.bundled) if self.bundled else ""
        if not self.suggestions:
            return every
        close = "did you mean " + " or ".join(f"'{s}'" for s in self.suggestions) + "?"
        return f"{close} ({every})" if every else close


class Quantity(msgspec.Struct, frozen=True):
    """A number the planner is unsure of, with where it was written.

    ``kind`` is ``fixed`` (values: the number), ``range`` (low, high), ``beta`` (alpha, beta)
    or ``triangular`` (low, mode, high).
    """

    kind: str
    values: tuple[float, ...]
    file: str
    line: int
    col: int

    @property
    def central(self) -> float:
        """The value the deterministic projection uses: the number or the distribution's mean."""
        v = self.values
        if self.kind == "range":
            return (v[0] + v[1]) / 2
        if self.kind == "beta":
            return v[0] / (v[0] + v[1])
        if self.kind == "triangular":
            return (v[0] + v[1] + v[2]) / 3
        return v[0]

    @property
    def low(self) -> float:
        """The smallest value a run can draw."""
        return 0.0 if self.kind == "beta" else self.values[0]

    @property
    def high(self) -> float:
        """The largest value a run can draw."""
        return 1.0 if self.kind == "beta" else self.values[-1]

    @property
    def where(self) -> str:
        """``file:line`` of the scenario line that set it."""
        return f"{self.file}:{self.line}"

    def describe(self) -> str:
        """The quantity as written, for tables and JSON."""
        v = self.values
        if self.kind == "range":
            return f"{_num(v[0])}–{_num(v[1])}"
        if self.kind == "beta":
            return f"beta({_num(v[0])}, {_num(v[1])})"
        if self.kind == "triangular":
            return f"triangular({_num(v[0])}, {_num(v[1])}, {_num(v[2])})"
        return _num(v[0])


def _num(value: float) -> str:
    return f"{value:g}"


class AgeBand(msgspec.Struct, frozen=True):
    """An age band; ``years`` is its width (a share 1/years ages out each year), 0 if open."""

    id: str
    years: int = 0


class Demand(msgspec.Struct, frozen=True):
    """What the service needs in a role: a yearly growth from a base, or targets by year."""

    base: float
    growth: float | None
    targets: tuple[tuple[int, float], ...]
    where: str

    def series(self, start_year: int, horizon: int) -> list[float]:
        """Demand for every year from the start year to the end of the horizon.

        Growth compounds from the base; targets are joined by straight lines from the base
        at the start year and held flat after the last target.
        """
        years = range(start_year, start_year + horizon + 1)
        if self.growth is not None:
            return [self.base * (1 + self.growth) ** (y - start_year) for y in years]
        points = [(start_year, self.base), *self.targets]
        values = []
        for year in years:
            value = points[-1][1]
            for (y0, v0), (y1, v1) in itertools.pairwise(points):
                if y0 <= year <= y1:
                    value = v0 + (v1 - v0) * (year - y0) / (y1 - y0)
                    break
            values.append(value)
        return values


class RoleSupply(msgspec.Struct, frozen=True):
    """One role's staff in post and the rates that change them.

    ``in_post`` holds headcount by age band (one value when no bands are used). ``fte`` is
    the full-time equivalent at the start, if given: reported with the same ratio to
    headcount in later years. ``retirement`` entries are None where no rate is given.
    """

    role: str
    in_post: tuple[float, ...]
    fte: float | None
    unit: str
    in_post_at: str
    leaver: tuple[Quantity, ...]
    retirement: tuple[Quantity | None, ...]
    international: Quantity | None
    returners: Quantity | None
    recruits: Quantity | None
    demand: Demand | None
    sources: tuple[str, ...]


class Intake(msgspec.Struct, frozen=True):
    """Yearly starters on a programme leading into a role, and how many of them finish.

    ``places`` lists (year, places) for every projected year. ``attrition`` is the share of a
    cohort that does not complete, spread evenly over the course's years. ``in_training``
    gives the trainees already in each course year at the start (first year first); None
    means a steady pipeline at ``steady_places`` a year with the course's fill and attrition
    (stated). ``steady_from`` is those places when the scenario gives them
    (``in_training: {steady: N}``), so changing the places from next year does not rewrite
    who is already on the course; None takes the first projected year's places.
    """

    programme: str
    into: str
    years: int
    length_from: str
    places: tuple[tuple[int, int], ...]
    places_at: str
    fill: Quantity
    attrition: Quantity
    in_training: tuple[float, ...] | None
    where: str
    steady_from: int | None = None

    @property
    def steady_places(self) -> int:
        """Places a year behind the steady pipeline of trainees already on the course."""
        return self.places[0][1] if self.steady_from is None else self.steady_from

    def trainees_at_start(self) -> tuple[float, ...]:
        """Trainees in each course year at the start, first year first, at central rates.

        As given, or the steady pipeline: each course year the share of a year's starters
        (places × fill rate) still there after the attrition of the years before it.
        """
        if self.in_training is not None:
            return self.in_training
        survive = (1 - self.attrition.central) ** (1 / self.years)
        starters = self.steady_places * self.fill.central
        return tuple(starters * survive**year for year in range(self.years))


class Move(msgspec.Struct, frozen=True):
    """A yearly share of a role's eligible staff who progress along a catalogue edge.

    Staff become eligible after ``wait_years`` in the role (the catalogue's experience wait,
    rounded to years); with a programme, movers spend ``years`` in training before arriving.
    """

    source: str
    target: str
    programme: str | None
    years: int
    wait_years: int
    wait_months: int
    rate: Quantity
    where: str
    #: share of movers who do not complete the programme (spread evenly over its years, as
    #: for intakes); None when the move has no training or the scenario gives none
    attrition: Quantity | None = None


class Scenario(msgspec.Struct, frozen=True):
    """A checked scenario: roles (sorted by id), intakes and moves, with where they came from."""

    title: str
    file: str
    start_year: int
    horizon: int
    bands: tuple[AgeBand, ...]
    joiner_band: int
    roles: tuple[RoleSupply, ...]
    intakes: tuple[Intake, ...]
    moves: tuple[Move, ...]
    illustrative: bool
    note: str
    sources: tuple[tuple[str, str, str, str, bool], ...]  # id, title, url, accessed, unverified

    @property
    def years(self) -> list[int]:
        """Every year reported, the start year (staff in post as given) first."""
        return list(range(self.start_year, self.start_year + self.horizon + 1))

    def role(self, role_id: str) -> RoleSupply:
        """The supply entry for one role id."""
        return next(r for r in self.roles if r.role == role_id)


_TOP = {
    "scenario",
    "start_year",
    "horizon",
    "age_bands",
    "joiner_band",
    "roles",
    "intakes",
    "progressions",
    "illustrative",
    "note",
    "sources",
}
_ROLE = {
    "in_post",
    "leaver_rate",
    "retirement_rate",
    "international",
    "returners",
    "recruits",
    "demand",
    "sources",
    "note",
}
_INTAKE = {"places", "fill_rate", "attrition", "into", "years", "in_training", "sources", "note"}
_MOVE = {"from", "to", "programme", "rate", "years", "attrition", "sources", "note"}
_SOURCE = {"id", "title", "url", "accessed", "unverified", "note"}
_DISTRIBUTIONS = {"beta": 2, "triangular": 3}


class _Checker:
    """Collects problems against one file; every check returns a usable value or None."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def add(self, node: Node, message: str, hint: str = "", *, at_key: bool = False) -> None:
        line, col = (node.key_line, node.key_col) if at_key and node.key_line else (0, 0)
        self.problems.append(
            Problem(self.display, line or node.line, col or node.col, message, hint)
        )

    def mapping(
        self,
        node: Node,
        what: str,
        allowed: set[str],
        required: tuple[str, ...] = (),
        kind: str = "field",
    ) -> dict[str, Node] | None:
        if not isinstance(node.value, dict):
            self.add(node, f"{what} must be a mapping of fields")
            return None
        fields: dict[str, Node] = node.value
        for key, value in fields.items():
            if key not in allowed:
                hint = did_you_mean(key, sorted(allowed))
                if not hint and len(allowed) <= 12:
                    hint = "known: " + ", ".join(sorted(allowed))
                self.add(value, f"unknown {kind} '{key}' in {what}", hint, at_key=True)
        for key in required:
            if key not in fields:
                self.add(node, f"{what} has no '{key}'", f"add '{key}:'")
        return fields

    def number(
        self, node: Node, what: str, low: float | None = None, high: float | None = None
    ) -> float | None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            self.add(node, f"{what} must be a number, not {_shown(value)}")
            return None
        if math.isinf(value):
            self.add(node, f"{what} must be finite")
            return None
        if low is not None and value < low:
            self.add(node, f"{what} is {_num(value)}, below {_num(low)}")
            return None
        if high is not None and value > high:
            self.add(node, f"{what} is {_num(value)}, above {_num(high)}")
            return None
        return float(value)

    def integer(self, node: Node, what: str, low: int, high: int) -> int | None:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(node, f"{what} must be a whole number, not {_shown(value)}")
            return None
        if not low <= value <= high:
            self.add(node, f"{what} is {value}, outside {low}–{high}")
            return None
        return value

    def quantity(self, node: Node, what: str, *, rate: bool) -> Quantity | None:  # noqa: PLR0911 (one return per written form and per mistake in it)
        """A number, ``[low, high]`` or ``{beta: [a, b]}`` / ``{triangular: [lo, mode, hi]}``."""
        high = 1.0 if rate else None
        bounds = "a rate in [0, 1]" if rate else "a count of 0 or more"

        def make(kind: str, values: list[float]) -> Quantity:
            return Quantity(kind, tuple(values), self.display, node.line, node.col)

        value = node.value
        if isinstance(value, list):
            numbers = [self.number(n, f"{what} ({bounds})", 0.0, high) for n in value]
            if len(value) != 2:
                self.add(node, f"{what} range must be [low, high]", "two numbers")
                return None
            if None in numbers:
                return None
            lo, hi = numbers[0], numbers[1]
            assert lo is not None and hi is not None
            if lo > hi:
                self.add(node, f"{what} range [{_num(lo)}, {_num(hi)}] has low above high")
                return None
            return make("range", [lo, hi])
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in _DISTRIBUTIONS:
                key = next(iter(value), "")
                self.add(
                    node,
                    f"{what} must be a number, [low, high], {{beta: [a, b]}} or "
                    f"{{triangular: [low, mode, high]}}",
                    did_you_mean(key, _DISTRIBUTIONS) if key else "",
                )
                return None
            kind, params = next(iter(value.items()))
            if kind == "beta" and not rate:
                self.add(params, f"{what} is a count: use [low, high] or triangular, not beta")
                return None
            count = _DISTRIBUTIONS[kind]
            if not isinstance(params.value, list) or len(params.value) != count:
                names = "[alpha, beta]" if kind == "beta" else "[low, mode, high]"
                self.add(params, f"{what}: {kind} takes {count} numbers {names}")
                return None
            if kind == "beta":
                shape = [self.number(n, f"{what} beta parameter", 0.0) for n in params.value]
                if None in shape:
                    return None
                if any(s == 0 for s in shape):
                    self.add(params, f"{what}: beta parameters must be above 0")
                    return None
                return make("beta", [s for s in shape if s is not None])
            tri = [self.number(n, f"{what} ({bounds})", 0.0, high) for n in params.value]
            if None in tri:
                return None
            lo, mode, hi = (t for t in tri if t is not None)
            if not lo <= mode <= hi or lo == hi:
                self.add(params, f"{what}: triangular needs low ≤ mode ≤ high, low < high")
                return None
            return make("triangular", [lo, mode, hi])
        number = self.number(node, f"{what} ({bounds})", 0.0, high)
        return None if number is None else make("fixed", [number])


def _shown(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def bundled_scenarios() -> Path:
    """The folder of scenarios shipped with careerpath.

    In a wheel it sits inside the package (pyproject force-includes it there, as it does the
    pathways data); in a source checkout it is the repository's top-level ``scenarios/``.
    """
    package = Path(__file__).resolve().parent.parent
    inside = package / "scenarios"
    return inside if inside.is_dir() else package.parent / "scenarios"


def bundled_scenario(name: str) -> Path | None:
    """A bundled scenario by bare name (``mental-health`` or ``mental-health.yaml``), if any.

    Lets an installed careerpath run its illustrative scenarios from any directory.
    """
    if not name or Path(name).name != name:
        return None
    stem = name.removesuffix(".yaml")
    path = bundled_scenarios() / f"{stem}.yaml"
    return path if path.is_file() else None


def locate_scenario(path: Path) -> Path:
    """The file as given, or a bundled scenario named bare; ScenarioNotFoundError if neither.

    A mistyped name gets the close bundled names and the close YAML files in the folder it
    points into (other commands suggest names too), rather than a bare "cannot read file".
    """
    if path.exists():
        return path
    bundled = bundled_scenario(str(path))
    if bundled is not None:
        return bundled
    from careerpath.names import suggest

    names = tuple(sorted(p.stem for p in bundled_scenarios().glob("*.yaml")))
    # A bare name is compared with bundled names as typed (no .yaml), files by their name.
    choices: dict[str, str] = {}
    if Path(str(path)).name == str(path):
        choices.update({n: n for n in names})
    folder = path.parent
    try:
        nearby = sorted(
            p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
        )
    except OSError:
        nearby = []
    for name in nearby:
        choices.setdefault(name, name if str(folder) == "." else str(folder / name))
    close = suggest(path.name, choices) or suggest(f"{path.name}.yaml", choices)
    raise ScenarioNotFoundError(str(path), tuple(choices[c] for c in close), names)


def load_scenario(path: Path, catalogue: Catalogue) -> Scenario:
    """Read and check a scenario file against the catalogue; raise ScenarioError listing every problem."""
    root, problems = parse_file(path, str(path))
    if root is None:
        raise ScenarioError(problems)
    return parse_scenario(root, str(path), catalogue, problems)


def parse_scenario(
    root: Node, display: str, catalogue: Catalogue, earlier: list[Problem] | None = None
) -> Scenario:
    """Check a parsed scenario against the catalogue and build it (ScenarioError if anything is wrong)."""
    check = _Checker(display)
    check.problems.extend(earlier or [])
    top = check.mapping(root, "the scenario", _TOP, ("start_year", "horizon", "roles"))
    if top is None:
        raise ScenarioError(check.problems)
    start = check.integer(top["start_year"], "start_year", 1900, 2200) if "start_year" in top else 0
    horizon = (
        check.integer(top["horizon"], "horizon (years)", 1, MAX_HORIZON) if "horizon" in top else 1
    )
    start = start or 0
    horizon = horizon or 1
    bands = _age_bands(check, top.get("age_bands"))
    band_ids = [b.id for b in bands]
    joiner_band = 0
    if "joiner_band" in top:
        node = top["joiner_band"]
        if node.value in band_ids:
            joiner_band = band_ids.index(node.value)
        else:
            check.add(
                node, f"unknown age band '{node.value}'", did_you_mean(str(node.value), band_ids)
            )
    source_ids, sources = _sources(check, top.get("sources"))
    context = _Context(
        check, catalogue=catalogue, start=start, horizon=horizon, bands=bands, source_ids=source_ids
    )
    roles = context.roles(top["roles"]) if "roles" in top else {}
    intakes = context.intakes(top.get("intakes"))
    moves = context.moves(top.get("progressions"))
    for target, where in [(i.into, i.where) for i in intakes] + [
        (m.target, m.where) for m in moves
    ]:
        if target not in roles and catalogue.has("roles", target):
            line, col = (int(x) for x in where.rsplit(":", 2)[1:])
            check.problems.append(
                Problem(
                    display,
                    line,
                    col,
                    f"people arrive in '{target}' but it has no entry under roles:",
                    "add it with in_post and leaver_rate so its leavers are counted",
                )
            )
    context.outflows(roles, moves)
    if check.problems:
        raise ScenarioError(check.problems)
    title_node = top.get("scenario")
    note_node = top.get("note")
    illustrative = top.get("illustrative")
    return Scenario(
        title=str(title_node.value) if title_node else Path(display).stem,
        file=display,
        start_year=start,
        horizon=horizon,
        bands=bands,
        joiner_band=joiner_band,
        roles=tuple(roles[k] for k in sorted(roles)),
        intakes=tuple(sorted(intakes, key=lambda i: (i.programme, i.into))),
        moves=tuple(moves),
        illustrative=bool(illustrative.value) if illustrative else False,
        note=str(note_node.value) if note_node else "",
        sources=sources,
    )


def _age_bands(check: _Checker, node: Node | None) -> tuple[AgeBand, ...]:
    if node is None:
        return (AgeBand("all"),)
    if not isinstance(node.value, list) or not node.value:
        check.add(
            node, "age_bands must be a list such as [{id: under-35, years: 15}, {id: 35-plus}]"
        )
        return (AgeBand("all"),)
    bands: list[AgeBand] = []
    for index, item in enumerate(node.value):
        fields = check.mapping(item, "an age band", {"id", "years"}, ("id",))
        if fields is None or "id" not in fields:
            continue
        last = index == len(node.value) - 1
        years = 0
        if "years" in fields:
            years = check.integer(fields["years"], "age band width (years)", 1, 80) or 0
            if last:
                check.add(fields["years"], "the last age band is open: it takes no 'years'")
        elif not last:
            check.add(
                item, f"age band '{fields['id'].value}' has no 'years' (its width)", "add years: N"
            )
        if str(fields["id"].value) in [b.id for b in bands]:
            check.add(fields["id"], f"age band '{fields['id'].value}' is listed twice")
        bands.append(AgeBand(str(fields["id"].value), years))
    return tuple(bands) or (AgeBand("all"),)


def _sources(
    check: _Checker, node: Node | None
) -> tuple[set[str], tuple[tuple[str, str, str, str, bool], ...]]:
    if node is None:
        return set(), ()
    if not isinstance(node.value, list):
        check.add(node, "sources must be a list of {id, title, url, accessed}")
        return set(), ()
    found: list[tuple[str, str, str, str, bool]] = []
    for item in node.value:
        fields = check.mapping(item, "a source", _SOURCE, ("id", "url", "accessed"))
        if fields is None or "id" not in fields:
            continue
        text = {k: str(v.value) for k, v in fields.items()}
        unverified = bool(fields["unverified"].value) if "unverified" in fields else False
        found.append(
            (
                text["id"],
                text.get("title", ""),
                text.get("url", ""),
                text.get("accessed", ""),
                unverified,
            )
        )
    return {s[0] for s in found}, tuple(found)


class _Context:
    """What a scenario's parts are checked against: the catalogue, the years and the bands."""

    def __init__(
        self,
        check: _Checker,
        *,
        catalogue: Catalogue,
        start: int,
        horizon: int,
        bands: tuple[AgeBand, ...],
        source_ids: set[str],
    ) -> None:
        self.check = check
        self.catalogue = catalogue
        self.start = start
        self.horizon = horizon
        self.bands = bands
        self.source_ids = source_ids
        self.role_ids = [r.id for r in catalogue.roles]
        self.entries: dict[str, list[str]] | None = None

    def _role_id(self, node: Node, what: str) -> str | None:
        name = str(node.value)
        if self.catalogue.has("roles", name):
            return name
        folded = {r.lower(): r for r in self.role_ids}
        if name.lower() in folded:
            self.check.add(
                node,
                f"unknown role '{name}' in {what}",
                f"role ids are case-sensitive: '{folded[name.lower()]}'",
                at_key=True,
            )
            return None
        self.check.add(
            node, f"unknown role '{name}' in {what}", did_you_mean(name, self.role_ids), at_key=True
        )
        return None

    def _cite(self, fields: dict[str, Node]) -> tuple[str, ...]:
        node = fields.get("sources")
        if node is None:
            return ()
        items = node.value if isinstance(node.value, list) else [node]
        cited: list[str] = []
        for item in items:
            name = str(item.value)
            if name not in self.source_ids:
                self.check.add(
                    item,
                    f"unknown source '{name}'",
                    did_you_mean(name, sorted(self.source_ids)) or "list it under sources:",
                )
            cited.append(name)
        return tuple(cited)

    def _by_age(
        self, node: Node, what: str, *, rate: bool, every_band: bool
    ) -> tuple[Quantity | None, ...] | None:
        """One quantity for every band: a plain quantity, or ``{by_age: {band: quantity}}``."""
        value = node.value
        if isinstance(value, dict) and "by_age" in value:
            inner = self.check.mapping(node, what, {"by_age"})
            table = inner["by_age"] if inner else None
            if table is None or not isinstance(table.value, dict):
                self.check.add(node, f"{what}: by_age must map age bands to values")
                return None
            ids = [b.id for b in self.bands]
            for key, item in table.value.items():
                if key not in ids:
                    self.check.add(
                        item,
                        f"unknown age band '{key}' in {what}",
                        did_you_mean(key, ids),
                        at_key=True,
                    )
            missing = [b for b in ids if b not in table.value]
            if every_band and missing:
                self.check.add(table, f"{what} has no value for age band(s) {', '.join(missing)}")
                return None
            return tuple(
                self.check.quantity(table.value[b], f"{what} ({b})", rate=rate)
                if b in table.value
                else None
                for b in ids
            )
        one = self.check.quantity(node, what, rate=rate)
        return None if one is None else tuple(one for _ in self.bands)

    def roles(self, node: Node) -> dict[str, RoleSupply]:
        fields = self.check.mapping(node, "roles", set(self.role_ids), kind="role")
        found: dict[str, RoleSupply] = {}
        if fields is None:
            return found
        for key, item in fields.items():
            if not self.catalogue.has("roles", key):
                continue  # reported by mapping() with a did-you-mean
            supply = self._role(key, item)
            if supply is not None:
                found[key] = supply
        return found

    def _in_post(  # noqa: PLR0911 (headcount, FTE or by age, each with its mistakes)
        self, node: Node, what: str
    ) -> tuple[tuple[float, ...], float | None, str] | None:
        fields = self.check.mapping(node, what, {"headcount", "fte", "by_age"})
        if fields is None:
            return None
        fte = self.check.number(fields["fte"], f"{what} fte", 0.0) if "fte" in fields else None
        if "by_age" in fields:
            table = fields["by_age"]
            ids = [b.id for b in self.bands]
            if not isinstance(table.value, dict):
                self.check.add(table, f"{what} by_age must map age bands to headcounts")
                return None
            for key, item in table.value.items():
                if key not in ids:
                    self.check.add(
                        item,
                        f"unknown age band '{key}' in {what}",
                        did_you_mean(key, ids),
                        at_key=True,
                    )
            counts = [
                self.check.number(table.value[b], f"{what} ({b})", 0.0) if b in table.value else 0.0
                for b in ids
            ]
            if "headcount" in fields:
                self.check.add(fields["headcount"], f"{what}: give headcount or by_age, not both")
            if None in counts:
                return None
            return tuple(c or 0.0 for c in counts), fte, "headcount"
        if "headcount" in fields:
            count = self.check.number(fields["headcount"], f"{what} headcount", 0.0)
            if count is None:
                return None
            if len(self.bands) > 1:
                self.check.add(
                    fields["headcount"], f"{what}: the scenario has age bands, so give by_age"
                )
                return None
            return (count,), fte, "headcount"
        if fte is not None:
            if len(self.bands) > 1:
                self.check.add(node, f"{what}: the scenario has age bands, so give by_age")
                return None
            return (fte,), fte, "fte"
        self.check.add(node, f"{what} needs headcount, fte or by_age")
        return None

    def _role(self, role_id: str, node: Node) -> RoleSupply | None:
        what = f"role '{role_id}'"
        fields = self.check.mapping(node, what, _ROLE, ("in_post", "leaver_rate"))
        if fields is None or "in_post" not in fields or "leaver_rate" not in fields:
            return None
        in_post = self._in_post(fields["in_post"], f"{what} in_post")
        leaver = self._by_age(
            fields["leaver_rate"], f"{what} leaver_rate", rate=True, every_band=True
        )
        retirement: tuple[Quantity | None, ...] | None = tuple(None for _ in self.bands)
        if "retirement_rate" in fields:
            retirement = self._by_age(
                fields["retirement_rate"], f"{what} retirement_rate", rate=True, every_band=False
            )
        international = returners = recruits = None
        if "recruits" in fields:
            recruits = self.check.quantity(
                fields["recruits"], f"{what} recruits (people a year)", rate=False
            )
        if "international" in fields:
            international = self.check.quantity(
                fields["international"], f"{what} international (people a year)", rate=False
            )
        if "returners" in fields:
            returners = self.check.quantity(
                fields["returners"], f"{what} returners (people a year)", rate=False
            )
        demand = None
        if "demand" in fields and in_post is not None:
            demand = self._demand(fields["demand"], f"{what} demand", sum(in_post[0]))
        sources = self._cite(fields)
        if in_post is None or leaver is None or retirement is None or None in leaver:
            return None
        counts, fte, unit = in_post
        return RoleSupply(
            role=role_id,
            in_post=counts,
            fte=fte,
            unit=unit,
            in_post_at=f"{self.check.display}:{fields['in_post'].line}",
            leaver=tuple(q for q in leaver if q is not None),
            retirement=retirement,
            international=international,
            returners=returners,
            recruits=recruits,
            demand=demand,
            sources=sources,
        )

    def _demand(self, node: Node, what: str, in_post: float) -> Demand | None:
        fields = self.check.mapping(node, what, {"base", "growth", "targets"})
        if fields is None:
            return None
        base = in_post
        if "base" in fields:
            base = self.check.number(fields["base"], f"{what} base", 0.0) or 0.0
        where = f"{self.check.display}:{node.line}"
        if ("growth" in fields) == ("targets" in fields):
            self.check.add(node, f"{what} needs either growth (a yearly rate) or targets (by year)")
            return None
        if "growth" in fields:
            growth = self.check.number(
                fields["growth"], f"{what} growth (a yearly rate)", -0.5, 0.5
            )
            return None if growth is None else Demand(base, growth, (), where)
        table = fields["targets"]
        if not isinstance(table.value, dict) or not table.value:
            self.check.add(table, f"{what} targets must map years to numbers, e.g. {{2031: 520}}")
            return None
        targets: list[tuple[int, float]] = []
        last = self.start + self.horizon
        for key, item in table.value.items():
            year = int(key) if str(key).isdigit() else None
            if year is None or not self.start < year <= last:
                self.check.add(
                    item,
                    f"{what} target year '{key}' is not in {self.start + 1}–{last}",
                    at_key=True,
                )
                continue
            value = self.check.number(item, f"{what} target for {year}", 0.0)
            if value is not None:
                targets.append((year, value))
        return Demand(base, None, tuple(sorted(targets)), where) if targets else None

    def _edges_into(self, target: str, sources: tuple[str, ...] = ()) -> list[Edge]:
        """The catalogue's ways into ``target`` from its entry routes and ``sources``' progressions.

        ``graph.edges_into`` (the one rule for a step's length and wait) is asked about a small
        catalogue of just these roles and the programmes they name: asking the whole catalogue
        scans every role per question, which a 3,000-role scenario cannot afford.
        """
        roles = [self.catalogue.role(r) for r in dict.fromkeys((target, *sources))]
        named = {
            p
            for role in roles
            for p in (
                *(route.programme for route in role.entry_routes),
                *(step.programme for step in role.progressions),
            )
            if p and self.catalogue.has("programmes", p)
        }
        local = Catalogue(
            roles=tuple(roles),
            programmes=tuple(self.catalogue.programme(p) for p in sorted(named)),
        )
        return edges_into(local, local.role(target))

    def _entry_edges(self, programme: str) -> list[Edge]:
        if self.entries is None:
            self.entries = {}
            for role in self.catalogue.roles:
                for route in role.entry_routes:
                    if route.programme:
                        self.entries.setdefault(route.programme, []).append(role.id)
        return [
            e
            for role_id in dict.fromkeys(self.entries.get(programme, []))
            for e in self._edges_into(role_id)
            if e.kind == "entry" and e.programme is not None and e.programme.id == programme
        ]

    def intakes(self, node: Node | None) -> list[Intake]:
        if node is None:
            return []
        programmes = [p.id for p in self.catalogue.programmes]
        fields = self.check.mapping(node, "intakes", set(programmes), kind="programme")
        if fields is None:
            return []
        found = []
        for key, item in fields.items():
            if self.catalogue.has("programmes", key):
                intake = self._intake(key, item)
                if intake is not None:
                    found.append(intake)
        return found

    def _intake(self, programme_id: str, node: Node) -> Intake | None:
        what = f"intake '{programme_id}'"
        fields = self.check.mapping(node, what, _INTAKE, ("places", "fill_rate", "attrition"))
        if fields is None or not {"places", "fill_rate", "attrition"} <= set(fields):
            return None
        edges = self._entry_edges(programme_id)
        targets = sorted({e.target for e in edges})
        into: str | None = None
        if "into" in fields:
            into = self._role_id(fields["into"], what)
            if into is not None and into not in targets:
                self.check.add(
                    fields["into"],
                    f"programme '{programme_id}' is not a way into '{into}' in the catalogue",
                    "it leads to " + (", ".join(targets) or "no role"),
                )
                return None
        elif len(targets) == 1:
            into = targets[0]
        elif not targets:
            self.check.add(
                node,
                f"programme '{programme_id}' is no role's entry route in the catalogue",
                "choose a programme that an entry route names",
                at_key=True,
            )
            return None
        else:
            self.check.add(
                node,
                f"programme '{programme_id}' leads to several roles: {', '.join(targets)}",
                "say which with into: ROLE",
                at_key=True,
            )
            return None
        if into is None:
            return None
        edge = next(e for e in edges if e.target == into)
        years, length_from = self._length(fields, edge, what, node)
        places = self._places(fields["places"], what)
        fill = self.check.quantity(fields["fill_rate"], f"{what} fill_rate", rate=True)
        attrition = self.check.quantity(fields["attrition"], f"{what} attrition", rate=True)
        in_training, steady_from = None, None
        if "in_training" in fields and years:
            in_training, steady_from = self._in_training(fields["in_training"], what, years)
        self._cite(fields)
        if years is None or places is None or fill is None or attrition is None:
            return None
        return Intake(
            programme=programme_id,
            into=into,
            years=years,
            length_from=length_from,
            places=places,
            places_at=f"{self.check.display}:{fields['places'].line}",
            fill=fill,
            attrition=attrition,
            in_training=in_training,
            where=f"{self.check.display}:{node.key_line or node.line}:{node.key_col or node.col}",
            steady_from=steady_from,
        )

    def _in_training(
        self, table: Node, what: str, years: int
    ) -> tuple[tuple[float, ...] | None, int | None]:
        """Trainees on the course at the start: a count per course year, or ``{steady: N}``.

        ``{steady: N}`` is a steady pipeline at N places a year (the course's fill rate and
        attrition): what a planner writes to keep today's trainees while changing the places
        from next year, and what ``--solve-intake`` tells them to write.
        """
        if isinstance(table.value, dict):
            if set(table.value) != {"steady"}:
                key = next((k for k in table.value if k != "steady"), "")
                self.check.add(
                    table,
                    f"{what} in_training is a list of trainees per course year or {{steady: PLACES}}",
                    did_you_mean(str(key), ["steady"]) if key else "",
                )
                return None, None
            steady = self.check.integer(
                table.value["steady"], f"{what} in_training steady places (a year)", 0, 10_000_000
            )
            return None, steady
        if not isinstance(table.value, list) or len(table.value) != years:
            self.check.add(
                table,
                f"{what} in_training lists trainees in each of the course's {years} years "
                "(first year first), or is {steady: PLACES}",
            )
            return None, None
        counts = [self.check.number(n, f"{what} in_training", 0.0) for n in table.value]
        return tuple(c or 0.0 for c in counts), None

    def _length(
        self, fields: dict[str, Node], edge: Edge, what: str, node: Node
    ) -> tuple[int | None, str]:
        if "years" in fields:
            years = self.check.integer(fields["years"], f"{what} years (course length)", 1, 10)
            return years, f"{self.check.display}:{fields['years'].line}"
        if not edge.length_known or edge.months <= 0:
            self.check.add(
                node,
                f"the catalogue records no length for '{what[8:-1]}'",
                "give years: N in the scenario",
                at_key=True,
            )
            return None, ""
        years = months_to_years(edge.months)
        return years, f"catalogue: {edge.months} months → {years} year{'s' if years != 1 else ''}"

    def _places(self, node: Node, what: str) -> tuple[tuple[int, int], ...] | None:
        years = range(self.start + 1, self.start + self.horizon + 1)
        if isinstance(node.value, dict):
            given: dict[int, int] = {}
            for key, item in node.value.items():
                year = int(key) if str(key).isdigit() else None
                if year is None or year not in years:
                    self.check.add(
                        item,
                        f"{what} places year '{key}' is not in {years.start}–{years.stop - 1}",
                        at_key=True,
                    )
                    continue
                count = self.check.integer(item, f"{what} places for {year}", 0, 10_000_000)
                if count is not None:
                    given[year] = count
            if not given:
                return None
            if min(given) != years.start:
                self.check.add(
                    node,
                    f"{what} places start in {min(given)}: give {years.start} too",
                    "each year holds the last value given",
                )
                return None
            result, current = [], 0
            for year in years:
                current = given.get(year, current)
                result.append((year, current))
            return tuple(result)
        count = self.check.integer(node, f"{what} places (a year)", 0, 10_000_000)
        return None if count is None else tuple((y, count) for y in years)

    def moves(self, node: Node | None) -> list[Move]:
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.check.add(node, "progressions must be a list of {from, to, rate}")
            return []
        found = []
        seen: dict[tuple[str, str, str | None], int] = {}
        for item in node.value:
            move = self._move(item)
            if move is None:
                continue
            key = (move.source, move.target, move.programme)
            if key in seen:
                self.check.add(
                    item,
                    f"progression {move.source} → {move.target} is given twice",
                    f"first at line {seen[key]}",
                )
                continue
            seen[key] = item.line
            found.append(move)
        return found

    def _move(self, node: Node) -> Move | None:
        fields = self.check.mapping(node, "a progression", _MOVE, ("from", "to", "rate"))
        if fields is None or not {"from", "to", "rate"} <= set(fields):
            return None
        source = self._role_id(fields["from"], "a progression")
        target = self._role_id(fields["to"], "a progression")
        rate = self.check.quantity(fields["rate"], "progression rate (a yearly share)", rate=True)
        self._cite(fields)
        if source is None or target is None or rate is None:
            return None
        edges = [
            e
            for e in self._edges_into(target, (source,))
            if e.source == source and e.kind != "entry"
        ]
        if not edges:
            onward = [p.to for p in self.catalogue.role(source).progressions]
            self.check.add(
                fields["to"],
                f"the catalogue has no progression from '{source}' to '{target}'",
                did_you_mean(target, onward)
                or (
                    "it progresses to " + ", ".join(onward)
                    if onward
                    else f"'{source}' has no progressions"
                ),
            )
            return None
        programmes = [e.programme.id if e.programme else None for e in edges]
        if "programme" in fields:
            wanted = str(fields["programme"].value)
            named = [p for p in programmes if p]
            if wanted not in named:
                self.check.add(
                    fields["programme"],
                    f"no progression {source} → {target} uses programme '{wanted}'",
                    did_you_mean(wanted, named)
                    or ("its ways: " + ", ".join(p or "no programme" for p in programmes)),
                )
                return None
            edge = edges[programmes.index(wanted)]
        elif len(edges) == 1 or None in programmes:
            edge = (
                edges[programmes.index(None)] if None in programmes and len(edges) > 1 else edges[0]
            )
        else:
            self.check.add(
                node,
                f"{source} → {target} has several ways: {', '.join(p or '-' for p in programmes)}",
                "say which with programme: ID",
            )
            return None
        years = 0
        if "years" in fields:
            years = (
                self.check.integer(fields["years"], "progression years (training length)", 0, 10)
                or 0
            )
        elif edge.programme is not None:
            if not edge.length_known or edge.months <= 0:
                self.check.add(
                    node,
                    f"the catalogue records no length for programme '{edge.programme.id}'",
                    "give years: N in the progression",
                )
                return None
            years = months_to_years(edge.months)
        wait_years = months_to_years(edge.wait) if edge.wait else 0
        ok, attrition = self._move_attrition(fields, f"{source} → {target}", years)
        if not ok:
            return None
        return Move(
            source=source,
            target=target,
            programme=edge.programme.id if edge.programme else None,
            years=years,
            wait_years=wait_years,
            wait_months=edge.wait,
            rate=rate,
            where=f"{self.check.display}:{node.line}:{node.col}",
            attrition=attrition,
        )

    def _move_attrition(
        self, fields: dict[str, Node], edge: str, years: int
    ) -> tuple[bool, Quantity | None]:
        """A progression's training attrition: (False, None) after a reported mistake."""
        if "attrition" not in fields:
            return True, None
        attrition = self.check.quantity(
            fields["attrition"], "progression attrition (a share of the movers)", rate=True
        )
        if attrition is not None and not years:
            self.check.add(
                fields["attrition"],
                f"progression {edge} has no training, so no attrition",
                "attrition is for a progression through a programme (years: N)",
                at_key=True,
            )
            return False, None
        return attrition is not None, attrition

    def outflows(self, roles: dict[str, RoleSupply], moves: list[Move]) -> None:
        """Leaving, retiring and progressing from a role cannot add up to more than everyone.

        Checked on the largest value each rate can take, band by band, so no Monte Carlo run
        can draw more people out of a role than are in it (beta rates reach 1 and are checked
        at their mean instead, and capped in a run if the draw overshoots).
        """
        leaving: dict[str, list[Move]] = {}
        for m in moves:
            leaving.setdefault(m.source, []).append(m)
        for role_id, supply in roles.items():
            out = leaving.get(role_id, [])
            for index, band in enumerate(self.bands):
                parts = [supply.leaver[index], supply.retirement[index], *(m.rate for m in out)]
                total = sum(
                    q.central if q.kind == "beta" else q.high for q in parts if q is not None
                )
                if total > 1 + 1e-12:
                    where = supply.leaver[index]
                    label = "" if band.id == "all" else f" (age band {band.id})"
                    lines = ", ".join(str(q.line) for q in parts if q is not None)
                    self.check.problems.append(
                        Problem(
                            where.file,
                            where.line,
                            where.col,
                            f"outflows from '{role_id}'{label} add up to {total:.3g}, more than 1",
                            f"leaver, retirement and progression rates at lines {lines}",
                        )
                    )
