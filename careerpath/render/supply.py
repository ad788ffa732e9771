"""Supply projections as JSON, CSV and terminal tables, each figure traceable to its scenario line.

The content is built once (``assumptions``, ``trace``) and written out three ways. Numbers are
rounded to one decimal place in JSON and CSV, so the same seed gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import TYPE_CHECKING, Any

from careerpath.analysis.scenario import Quantity, Scenario

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from careerpath.analysis.intake import IntakeAnswer, JointSolution
    from careerpath.analysis.supply import Floats, Projection

__all__ = [
    "assumptions",
    "compare_view",
    "intake_json",
    "intake_view",
    "joint_json",
    "joint_view",
    "supply_csv",
    "supply_json",
    "supply_view",
    "table_key",
    "trace",
]

_QUANTILES = ("p10", "p50", "p90", "mean")
#: Widest the tables are laid out, so they fit a standard terminal and a board paper's page.
WIDTH = 80


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), 1)


def assumptions(projection: Projection) -> list[str]:
    """What every figure of this projection assumes, in words a board paper can quote."""
    s = projection.scenario
    said = [
        "Years step on whole years; programme lengths and experience waits are rounded to "
        "whole years (half a year or more rounds up).",
        "Staff in post at the start are taken to have served every experience wait.",
        "Training attrition is the share of a cohort that does not complete, spread evenly "
        "over the course's years; trainees on a progression programme count as in training "
        "for the role they are heading to, not in post in the role they left, and lose the "
        "progression's attrition if the scenario gives one (none otherwise).",
        "Gap = demand − staff in post (positive: too few staff). A family's or all roles' gap"
        " is net: a surplus in one role offsets a shortage in another; Short, where shown,"
        " adds up only the roles short of staff (with --runs, each role's median gap: a sum"
        " of medians, not the median of a sum).",
    ]
    if projection.deterministic:
        said.append(
            "One projection: each rate at its central value (a range's middle, a "
            "distribution's mean); flows are expected numbers, so no figure has a range "
            "(--runs N draws N projections and gives P10–P90)."
        )
    else:
        said.append(
            f"Monte Carlo: {projection.runs:,} runs, seed {projection.seed}; each uncertain "
            "rate is drawn once per run and held for the whole horizon; people leave, "
            "progress and complete training binomially (the normal approximation where "
            "n·p·(1−p) ≥ 9), recruits arrive as Poisson counts."
        )
    if s.intakes:
        said.append(_on_course(projection))
    said += _rates(s)
    if not projection.deterministic and len(projection.groups) > len(s.roles):
        said.append(
            "A family's or all roles' P10, P50 and P90 are percentiles of the group's total in "
            "each run, not sums of its roles' percentiles: the roles' P50s need not add up to "
            "the group's (nor their gaps to its gap); the means do."
        )
    missing = [r.role for r in s.roles if all(q is None for q in r.retirement)]
    if missing:
        said.append(
            "No retirement rate for " + ", ".join(missing) + ": retirements are taken to be "
            "inside the leaver rate."
        )
    if len(s.bands) > 1:
        said.append(
            f"New joiners enter age band {s.bands[s.joiner_band].id}; within a band ages are "
            "spread evenly, so 1/width of a band's staff move to the next band each year."
        )
    heads = [r.role for r in s.roles if r.unit == "fte"]
    if heads:
        said.append("Projected in FTE (no headcount given): " + ", ".join(heads) + ".")
    if projection.capped_runs:
        said.append(
            f"In {projection.capped_runs:,} runs the drawn outflows from a role added up to "
            "more than 1; its progressions took only the people left."
        )
    return said


def _grouped(label: str, values: dict[str, str]) -> str:
    """``label: a, b X; c Y`` — roles sharing a value named together, in first-seen order."""
    by_value: dict[str, list[str]] = {}
    for role, value in values.items():
        by_value.setdefault(value, []).append(role)
    return f"{label}: " + "; ".join(f"{', '.join(r)} {v}" for v, r in by_value.items()) + "."


def _banded(scenario: Scenario, values: tuple[Quantity | None, ...]) -> str | None:
    first = values[0]
    if len(scenario.bands) == 1 or (
        first is not None
        and all(q is not None and q.describe() == first.describe() for q in values)
    ):
        # one rate for every band reads once
        return None if first is None else first.describe()
    given = [
        f"{band.id} {q.describe()}"
        for band, q in zip(scenario.bands, values, strict=True)
        if q is not None
    ]
    return ", ".join(given) or None


def _rates(scenario: Scenario) -> list[str]:
    """Each role's leaver and retirement rates and demand, as the scenario sets them.

    They were in --json only; a board paper quoting a gap needs the growth behind its demand
    and the leaving behind its supply. A range is drawn per run (its middle in one projection).
    """
    said = []
    leaving = {r.role: _banded(scenario, r.leaver) for r in scenario.roles}
    said.append(_grouped("Leaver rates a year", {k: v for k, v in leaving.items() if v}))
    retiring = {r.role: _banded(scenario, r.retirement) for r in scenario.roles}
    if any(retiring.values()):
        said.append(_grouped("Retirement rates a year", {k: v for k, v in retiring.items() if v}))
    demand: dict[str, str] = {}
    for r in scenario.roles:
        d = r.demand
        if d is None:
            continue
        start = sum(r.in_post)
        base = "from staff in post" if d.base == start else f"from {d.base:,.0f}"
        if d.growth is not None:
            demand[r.role] = f"{d.growth:+.1%} a year {base}"
        else:
            points = ", ".join(f"{v:,.0f} in {y}" for y, v in d.targets)
            demand[r.role] = f"{points} (straight lines {base}, then flat)"
    if demand:
        said.append(_grouped(f"Demand from {scenario.start_year}", demand))
    missing = [r.role for r in scenario.roles if r.demand is None]
    if missing:
        said.append("No demand set for " + ", ".join(missing) + ": no gap is shown for them.")
    return said


def _quantity(q: Quantity | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {"value": q.describe(), "central": q.central, "kind": q.kind, "line": q.where}


def trace(scenario: Scenario, role: str) -> dict[str, Any]:
    """Every scenario line behind one role's figures: its rates, intakes and progressions."""
    supply = scenario.role(role)
    bands = [b.id for b in scenario.bands]
    by_band = len(bands) > 1

    def banded(values: tuple[Quantity | None, ...]) -> object:
        if by_band:
            return {b: _quantity(q) for b, q in zip(bands, values, strict=True)}
        return _quantity(values[0])

    demand = supply.demand
    return {
        "in_post": {
            "value": list(supply.in_post) if by_band else supply.in_post[0],
            "unit": supply.unit,
            "fte": supply.fte,
            "line": supply.in_post_at,
        },
        "leaver_rate": banded(supply.leaver),
        "retirement_rate": banded(supply.retirement),
        "international": _quantity(supply.international),
        "returners": _quantity(supply.returners),
        "recruits": _quantity(supply.recruits),
        "demand": None
        if demand is None
        else {
            "base": demand.base,
            "growth": demand.growth,
            "targets": {str(y): v for y, v in demand.targets},
            "line": demand.where,
        },
        "intakes": [
            {
                "programme": i.programme,
                "places": {str(y): p for y, p in i.places},
                "places_line": i.places_at,
                "fill_rate": _quantity(i.fill),
                "attrition": _quantity(i.attrition),
                "years": i.years,
                "length_from": i.length_from,
                "in_training": list(i.in_training)
                if i.in_training is not None
                else {"steady": i.steady_places, "given": i.steady_from is not None},
                "in_training_at_start": [round(t, 3) for t in i.trainees_at_start()],
                "line": i.where,
            }
            for i in scenario.intakes
            if i.into == role
        ],
        "progressions": [
            {
                "from": m.source,
                "to": m.target,
                "programme": m.programme,
                "training_years": m.years,
                "wait_years": m.wait_years,
                "wait_months": m.wait_months,
                "rate": _quantity(m.rate),
                "attrition": _quantity(m.attrition),
                "line": m.where,
            }
            for m in scenario.moves
            if role in (m.source, m.target)
        ],
        "sources": list(supply.sources),
    }


def supply_json(projection: Projection) -> dict[str, Any]:
    """The whole projection: scenario, assumptions, sources and every figure with its band."""
    s = projection.scenario
    groups = []
    for g, (name, title) in enumerate(zip(projection.groups, projection.titles, strict=True)):
        years = []
        for y, year in enumerate(s.years):
            row: dict[str, Any] = {"year": year, "demand": _round(projection.demand[y, g])}
            for metric, table in projection.values.items():
                row[metric] = {
                    q: _round(table[y, k, g])
                    for k, q in enumerate(_QUANTILES)
                    if k == 3 or not math.isnan(table[y, k, g])
                }
            short = projection.short(y, g)
            if short is not None:
                row["short"] = _round(short)  # the member roles' positive gaps, not netted
            if g < len(s.roles) and not math.isnan(projection.fte_ratio[g]):
                ratio = float(projection.fte_ratio[g])
                row["fte_in_post"] = {
                    q: _round(projection.values["in_post"][y, k, g] * ratio)
                    for k, q in enumerate(_QUANTILES)
                }
            years.append(row)
        entry: dict[str, Any] = {"id": name, "title": title, "years": years}
        if g < len(s.roles):
            entry["trace"] = trace(s, name)
        groups.append(entry)
    return {
        "scenario": {
            "title": s.title,
            "file": s.file,
            "illustrative": s.illustrative,
            "note": s.note,
            "start_year": s.start_year,
            "horizon": s.horizon,
            "age_bands": [b.id for b in s.bands],
        },
        "mode": "deterministic" if projection.deterministic else "monte-carlo",
        "runs": projection.runs,
        "seed": projection.seed,
        "assumptions": assumptions(projection),
        "sources": [
            {"id": i, "title": t, "url": u, "accessed": a, "unverified": v}
            for i, t, u, a, v in s.sources
        ],
        "groups": groups,
    }


def supply_csv(projection: Projection) -> str:
    """One row per role (or group), year and measure: P10, P50, P90 and mean.

    A group's ``gap`` is net (a surplus in one role offsets a shortage in another); its
    ``short`` row is the sum of its roles' P50 shortages, given in the P50 column only.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "year", "measure", "p10", "p50", "p90", "mean"])
    for g, name in enumerate(projection.groups):
        for y, year in enumerate(projection.scenario.years):
            demand = _round(projection.demand[y, g])
            writer.writerow([name, year, "demand", demand, demand, demand, demand])
            for metric, table in projection.values.items():
                writer.writerow(
                    [name, year, metric, *(_csv_number(table[y, k, g]) for k in range(4))]
                )
            short = projection.short(y, g)
            if short is not None:
                # A group's gap nets one role's surplus against another's shortage; "short"
                # sums its roles' P50 shortages alone, as the terminal's Short column does.
                writer.writerow([name, year, "short", "", _csv_number(short), "", ""])
    return out.getvalue()


def _csv_number(value: float) -> str:
    rounded = _round(value)
    return "" if rounded is None else f"{rounded}"


def _int(value: float) -> str:
    return "–" if math.isnan(value) else f"{round(value):,}"


def _band(table: Floats, y: int, g: int) -> str:
    return f"{_int(table[y, 0, g])}–{_int(table[y, 2, g])}"


def _heading(projection: Projection, extra: str = "") -> str:
    s = projection.scenario
    mode = (
        "one projection at central rates (no range: --runs N for P10–P90)"
        if projection.deterministic
        else f"{projection.runs:,} runs, seed {projection.seed}: P50 with P10–P90"
    )
    label = " — ILLUSTRATIVE, not a plan" if s.illustrative else ""
    return f"{s.title}{label}\n{s.start_year}–{s.start_year + s.horizon}, {mode}{extra}"


def supply_view(projection: Projection, chosen: list[str], every: int) -> RenderableType:
    """A summary of every role at the horizon, then year-by-year tables for the chosen groups."""
    from rich.console import Group
    from rich.constrain import Constrain
    from rich.table import Table
    from rich.text import Text

    s = projection.scenario
    last = len(s.years) - 1
    parts: list[RenderableType] = [Text(_heading(projection), style="bold")]
    summary = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, header_style="bold")
    summary.add_column("Role or group", overflow="fold", ratio=1)
    summary.add_column(f"{s.start_year}", justify="right")
    summary.add_column(f"{s.years[-1]}", justify="right")
    if not projection.deterministic:
        summary.add_column("P10–P90", justify="right")
    summary.add_column("Demand", justify="right")
    summary.add_column("Gap", justify="right")
    shorts = [projection.short(last, g) for g in range(len(projection.groups))]
    in_post, gap = projection.values["in_post"], projection.values["gap"]
    # A group's gap nets one role's surplus against another's shortage; where it does, the
    # roles short of staff are added up apart.
    netted = any(
        v is not None and round(v) != round(max(gap[last, 1, g], 0)) for g, v in enumerate(shorts)
    )
    if netted:
        summary.add_column("Short", justify="right")
    for g, name in enumerate(projection.groups):
        row = [name, _int(in_post[0, 1, g]), _int(in_post[last, 1, g])]
        if not projection.deterministic:
            row.append(_band(in_post, last, g))
        row += [_int(projection.demand[last, g]), _int(gap[last, 1, g])]
        if netted:
            short = shorts[g]
            row.append("" if short is None else _int(short))
        summary.add_row(*row)
    parts += [Text(f"\n{_summary_heading(projection)}", style="bold"), summary]
    parts += [Text(line, style="dim") for line in _fte_notes(projection, last)]
    for name in chosen:
        g = projection.groups.index(name)
        parts.append(Text(f"\n{projection.titles[g]} ({name})", style="bold"))
        parts.append(_year_table(projection, g, every))
    parts.append(_assumption_list(projection))
    parts.append(Text("\n" + table_key(projection), style="dim"))
    return Constrain(Group(*parts), WIDTH)


def _unit(projection: Projection) -> str:
    """What the staff figures count: heads, unless a role was given in FTE only."""
    fte = [r.role for r in projection.scenario.roles if r.unit == "fte"]
    if not fte:
        return "headcount"
    if len(fte) == len(projection.scenario.roles):
        return "FTE"
    return "headcount; FTE for " + ", ".join(fte)


def _summary_heading(projection: Projection) -> str:
    s = projection.scenario
    median = "" if projection.deterministic else "; P50"
    return f"Staff in post ({_unit(projection)}{median}), demand and gap in {s.years[-1]}"


def _fte_notes(projection: Projection, last: int) -> list[str]:
    """FTE in post for roles given both headcount and FTE (it was in --json only)."""
    notes = []
    for g, supply in enumerate(projection.scenario.roles):
        ratio = float(projection.fte_ratio[g])
        if math.isnan(ratio):
            continue
        heads = projection.values["in_post"][:, 1, g]
        notes.append(
            f"{supply.role}: {heads[0] * ratio:,.0f} FTE in {projection.scenario.start_year}, "
            f"{heads[last] * ratio:,.0f} in {projection.scenario.years[last]} (headcount × "
            f"{ratio:.3g}, the ratio at the start held)."
        )
    return notes


def _staff(projection: Projection) -> str:
    """How the solver and the comparison name the staff figure: a P50 only over runs."""
    return "staff in post" if projection.deterministic else "P50 staff in post"


def _column(projection: Projection) -> str:
    return "In post" if projection.deterministic else "P50"


def table_key(projection: Projection) -> str:
    """What the year tables' columns are, in the projection's own terms.

    A single projection at central rates has no runs and no P50: its key says the figures
    are expected numbers, not "means over runs".
    """
    unit = f"Figures are {_unit(projection)}. "
    if projection.deterministic:
        return unit + (
            "Train = in training; Join, Leave, Out and In (progressions) are the expected "
            "numbers a year at central rates. --json traces every figure to its scenario line."
        )
    return unit + (
        "Train = in training (P50); Join, Leave, Out and In (progressions) are means over "
        f"the {projection.runs:,} runs. --json traces every figure to its scenario line."
    )


def _assumption_list(projection: Projection) -> RenderableType:
    from rich.text import Text

    text = Text("\nAssumptions", style="bold")
    for line in assumptions(projection):
        text.append(f"\n• {line}")
    return text


def _year_table(projection: Projection, g: int, every: int) -> Table:
    from rich.table import Table

    v = projection.values
    table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, header_style="bold")
    headers = ["Year", "In post"]
    if not projection.deterministic:
        headers.append("P10–P90")
    headers += ["Train", "Join", "Leave", "Out", "In", "Demand", "Gap"]
    for h in headers:
        table.add_column(h, justify="right", no_wrap=True)
    years = projection.scenario.years
    for y, year in enumerate(years):
        if y % every and y != len(years) - 1:
            continue
        row = [str(year), _int(v["in_post"][y, 1, g])]
        if not projection.deterministic:
            row.append(_band(v["in_post"], y, g))
        row.append(_int(v["in_training"][y, 1, g]))
        row += [_int(v[m][y, 3, g]) for m in ("joiners", "leavers", "moves_out", "moves_in")]
        row += [_int(projection.demand[y, g]), _int(v["gap"][y, 1, g])]
        table.add_row(*row)
    return table


def intake_json(answers: list[IntakeAnswer]) -> list[dict[str, Any]]:
    """Solver answers as plain JSON."""
    return [
        {
            "programme": a.programme,
            "into": a.into,
            "current_places": a.current,
            "places_needed": a.places,
            "target_year": a.year,
            "demand": _round(a.demand),
            "p50_in_post": _round(a.supply_at),
            "p50_in_post_one_fewer": None if a.supply_below is None else _round(a.supply_below),
            "reason": a.reason,
            "write_in_scenario": dict(a.write) or None,
            "in_training_at_start": [round(t, 3) for t in a.in_training],
        }
        for a in answers
    ]


def _distinct(*values: float) -> list[str]:
    """The figures to one decimal, or more where one decimal would show unequal ones equal.

    A proof that one place fewer falls short read "411.5 < 411.5" (411.47 < 411.50).
    """
    for places in range(1, 5):
        shown = [f"{v:,.{places}f}" for v in values]
        clashes = any(
            shown[i] == shown[j] and values[i] != values[j]
            for i in range(len(values))
            for j in range(i + 1, len(values))
        )
        if not clashes:
            break
    return shown


def _flow(value: object) -> str:
    """A value as YAML flow text: ``{places: 41, in_training: {steady: 8}}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    return str(value)


def _to_write(lines: list[tuple[str, dict[str, object]]], together: bool) -> list[str]:
    """The lines a planner writes under ``intakes:`` to project the solved figures."""
    if not lines:
        return []
    how = (
        "all of them together"
        if together
        else "one programme at a time, the others as they are, since each was solved alone"
    )
    said = [
        "\nTo project these figures, write under intakes: in the scenario (other fields as "
        f"they are; {how}):",
        *(f"  {programme}: {_flow(write)}" for programme, write in lines),
    ]
    if any("in_training" in write for _, write in lines):
        said.append(
            "in_training: {steady: N} keeps the trainees already on the course as the solve "
            "held them (a steady pipeline at the scenario's N places a year); without it they "
            "would follow the new places."
        )
    return said


def _on_course(projection: Projection) -> str:
    """The trainees on each course at the start, as every projection and solve holds them."""
    s = projection.scenario
    parts = []
    for i in s.intakes:
        cohorts = ", ".join(f"{t:,.1f}" for t in i.trainees_at_start())
        basis = "listed" if i.in_training is not None else f"{i.steady_places:,} places a year"
        parts.append(f"{i.programme} {cohorts} ({basis})")
    return (
        "Trainees already on each course at the start, by course year (first year first), "
        "held whatever the places from "
        f"{s.start_year + 1}: unless in_training lists them, a steady pipeline at the places "
        "shown (in_training: {steady: N}, else the first year's places) with the course's "
        "fill rate and attrition: " + "; ".join(parts) + "."
    )


def intake_view(projection: Projection, answers: list[IntakeAnswer]) -> RenderableType:
    """The smallest yearly intake per programme, with the proof that one fewer falls short."""
    from rich.console import Group
    from rich.constrain import Constrain
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, header_style="bold")
    for heading, justify in (
        ("Programme → role", "left"),
        ("Now", "right"),
        ("Needed", "right"),
        ("Demand", "right"),
        (_column(projection), "right"),
        ("One fewer", "right"),
    ):
        table.add_column(heading, justify=justify, overflow="fold")  # type: ignore[arg-type]
    notes = []
    for a in answers:
        if a.places is None:
            table.add_row(f"{a.programme} → {a.into}", str(a.current), "–", _int(a.demand), "", "")
            notes.append(f"{a.programme}: {a.reason}")
            continue
        figures = [a.demand, a.supply_at] + ([] if a.supply_below is None else [a.supply_below])
        shown = _distinct(*figures)
        table.add_row(
            f"{a.programme} → {a.into}",
            f"{a.current:,}",
            f"{a.places:,}",
            *shown[:2],
            "–" if a.supply_below is None else shown[2],
        )
    year = answers[0].year if answers else projection.scenario.years[-1]
    text = (
        f"\nSmallest yearly places (every year from {projection.scenario.start_year + 1}) for "
        f"{_staff(projection)} ({_unit(projection)}) to reach demand in {year}; each programme "
        "solved with the other intakes as in the scenario (not additive: --joint solves them "
        "together)."
    )
    write = _to_write([(a.programme, dict(a.write)) for a in answers if a.write], False)
    notes += _schedule_notes(projection, answers)
    unsolved = _unsolved_shortages(projection, answers, year)
    if unsolved:
        notes.append(
            f"Short of demand in {year} with no intake in the scenario to solve for (the "
            "figures above do not reach them): "
            + ", ".join(f"{role} (gap {gap:,.0f})" for role, gap in unsolved)
            + "."
        )
    return Constrain(
        Group(
            Text(_heading(projection), style="bold"),
            Text(text),
            table,
            *(Text(n, style="yellow") for n in notes),
            *(Text(line) for line in write),
            _assumption_list(projection),
        ),
        WIDTH,
    )


def _schedule_notes(projection: Projection, answers: list[IntakeAnswer]) -> list[str]:
    """Notes for the programmes whose places the scenario changes over the years.

    "Now" is then one year's figure and the answer replaces the whole schedule: said, so a
    planned rise is not silently dropped.
    """
    notes = []
    by_programme = {i.programme: i for i in projection.scenario.intakes}
    for a in answers:
        intake = by_programme.get(a.programme)
        if intake is None or len({p for _, p in intake.places}) < 2:
            continue
        (y0, p0), (y1, p1) = intake.places[0], intake.places[-1]
        notes.append(
            f"{a.programme}: the scenario's places change over the years ({p0:,} in {y0}, "
            f"{p1:,} in {y1}); 'Now' is {y0}'s, and the answer replaces the whole schedule "
            "with one figure a year."
        )
    return notes


def _unsolved_shortages(
    projection: Projection, answers: list[IntakeAnswer], year: int
) -> list[tuple[str, float]]:
    """Roles short of demand in ``year`` (P50 gap above zero) that no solved intake trains."""
    trained = {a.into for a in answers}
    y = projection.scenario.years.index(year)
    roles = len(projection.groups) - len(projection.members)
    gap = projection.values["gap"]
    found = []
    for g, name in enumerate(projection.groups[:roles]):
        value = float(gap[y, 1, g])
        if name not in trained and not math.isnan(value) and value >= 0.5:
            found.append((name, value))
    return found


def joint_json(solution: JointSolution) -> dict[str, Any]:
    """A joint intake answer as plain JSON: places per programme and the roles it meets."""
    return {
        "target_year": solution.year,
        "joint": True,
        "total_places": solution.total,
        "programmes": [
            {
                "programme": p.programme,
                "into": p.into,
                "current_places": p.current,
                "places_needed": p.places,
                "held_because": p.reason or None,
                "write_in_scenario": dict(p.write) or None,
                "one_fewer_leaves_short": None
                if p.short_role is None
                else {
                    "role": p.short_role,
                    "p50_in_post": _round(p.short_p50 or 0.0),
                    "demand": _round(p.short_demand or 0.0),
                },
            }
            for p in solution.programmes
        ],
        "roles": [
            {
                "role": r.role,
                "demand": _round(r.demand),
                "p50_in_post": _round(r.p50),
                "met": r.met,
                "reason": r.reason or None,
            }
            for r in solution.roles
        ],
        "projections": solution.evaluations,
    }


def joint_view(projection: Projection, solution: JointSolution) -> RenderableType:
    """Every programme's yearly places together, with the role each one fewer leaves short."""
    from rich.console import Group
    from rich.constrain import Constrain
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, header_style="bold")
    for heading, justify in (
        ("Programme → role", "left"),
        ("Now", "right"),
        ("Needed", "right"),
        ("One fewer", "right"),
    ):
        table.add_column(heading, justify=justify, overflow="fold")  # type: ignore[arg-type]
    notes = []
    for p in solution.programmes:
        if p.places is None:
            table.add_row(f"{p.programme} → {p.into}", f"{p.current:,}", "held", "")
            notes.append(f"{p.programme} held at {p.current:,}: {p.reason}")
            continue
        proof = "–"
        if p.short_role is not None:
            # P50 < demand of the role that falls short; named when it is not the
            # programme's own role (a progression carried the shortfall on)
            proof = " < ".join(_distinct(p.short_p50 or 0.0, p.short_demand or 0.0))
            if p.short_role != p.into:
                proof += " *"
                notes.append(
                    f"* {p.programme}: one place fewer leaves {p.short_role} short "
                    f"(through progressions), not {p.into}."
                )
        table.add_row(f"{p.programme} → {p.into}", f"{p.current:,}", f"{p.places:,}", proof)
    roles = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, header_style="bold")
    for heading, justify in (("Role", "left"), ("Demand", "right"), (_column(projection), "right")):
        roles.add_column(heading, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for r in solution.roles:
        roles.add_row(r.role, f"{r.demand:,.1f}", f"{r.p50:,.1f}" + ("" if r.met else " short"))
        if r.reason:
            notes.append(f"{r.role} cannot be met: {r.reason}")
    text = (
        f"\nSmallest yearly places (every year from {projection.scenario.start_year + 1}), "
        f"all programmes together, for {_staff(projection)} ({_unit(projection)}) to reach "
        f"demand in {solution.year} in every role they lead to: {solution.total:,} places a "
        "year in all. With any one programme a place lower, a role falls short (One fewer: "
        f"its {'staff in post' if projection.deterministic else 'P50'} < demand). Programmes into the same role keep the "
        "scenario's mix between them.\n"
    )
    write = _to_write([(p.programme, dict(p.write)) for p in solution.programmes if p.write], True)
    return Constrain(
        Group(
            Text(_heading(projection), style="bold"),
            Text(text),
            table,
            Text(""),
            roles,
            *(Text(n, style="yellow") for n in notes),
            *(Text(line) for line in write),
            _assumption_list(projection),
        ),
        WIDTH,
    )


def compare_view(first: Projection, second: Projection) -> RenderableType:
    """Two scenarios side by side: staff in post and gap at the horizon, P50 with band."""
    from rich.console import Group
    from rich.constrain import Constrain
    from rich.table import Table
    from rich.text import Text

    a_last, b_last = len(first.scenario.years) - 1, len(second.scenario.years) - 1
    table = Table(box=None, padding=(0, 1, 0, 0), show_edge=False, header_style="bold")
    table.add_column("Role or group", overflow="fold", ratio=1)
    for heading in ("A in post", "B in post", "A gap", "B gap", "B − A"):
        table.add_column(heading, justify="right", no_wrap=True)
    for g, name in enumerate(first.groups):
        if name not in second.groups:
            continue
        h = second.groups.index(name)
        a_post = first.values["in_post"][a_last, 1, g]
        b_post = second.values["in_post"][b_last, 1, h]
        table.add_row(
            name,
            _int(a_post),
            _int(b_post),
            _int(first.values["gap"][a_last, 1, g]),
            _int(second.values["gap"][b_last, 1, h]),
            f"{b_post - a_post:+,.0f}",
        )
    only = sorted(set(first.groups) ^ set(second.groups))
    return Constrain(
        Group(
            Text(f"A: {first.scenario.file}\n{_heading(first)}", style="bold"),
            Text(f"B: {second.scenario.file}\n{_heading(second)}", style="bold"),
            Text(
                f"\n{_staff(first).capitalize()} ({_unit(first)}) and gap in "
                f"{first.scenario.years[-1]} (A) and {second.scenario.years[-1]} (B)"
                + ("" if first.deterministic else "; a group's P50 is not the sum of its roles'")
            ),
            table,
            *([Text("In one scenario only: " + ", ".join(only), style="yellow")] if only else []),
        ),
        WIDTH,
    )


def dumps(data: object) -> str:
    """JSON text, indented and key-ordered as built (byte-identical for the same input)."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
