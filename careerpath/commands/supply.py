"""``careerpath supply``: project staff in post by role and year from a scenario file.

numpy and matplotlib load only inside this command (the projection and the chart modules),
so every other command starts as fast as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from careerpath import actions
from careerpath.options import CSV, JSON, ROLE

__all__ = ["supply"]


def supply(
    ctx: typer.Context,
    scenario: Annotated[
        Path,
        typer.Argument(
            help="Scenario YAML: staff in post, intakes, leaver and progression rates, demand "
            "(or a bundled one by name: healthcare-science, mental-health).",
            metavar="SCENARIO.yaml",
        ),
    ],
    runs: Annotated[
        int,
        typer.Option(
            "--runs",
            min=0,
            max=100_000,
            help="Monte Carlo runs for P10/P50/P90 (0: one deterministic projection).",
        ),
    ] = 0,
    seed: Annotated[
        int, typer.Option("--seed", min=0, help="Random seed; the same seed gives the same output.")
    ] = 1,
    role: Annotated[
        list[str] | None,
        ROLE.typer(
            help="Show year by year for this role id or family:<id> or 'all' (repeatable).",
            metavar="ID",
        ),
    ] = None,
    every: Annotated[
        int, typer.Option("--every", min=1, max=50, help="Show every Nth year in year tables.")
    ] = 1,
    as_json: Annotated[
        bool, JSON.typer(help="Print JSON: every figure, its band and source lines.")
    ] = False,
    as_csv: Annotated[
        bool, CSV.typer(help="Print CSV: group, year, measure, P10, P50, P90, mean.")
    ] = False,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help="Write a fan chart: FILE.png or FILE.svg for the first --role (else 'all'), "
            "or an existing folder for a PNG and an SVG per role and family.",
            metavar="PATH",
        ),
    ] = None,
    solve_intake: Annotated[
        bool,
        typer.Option(
            "--solve-intake",
            help="Find each programme's smallest yearly intake for P50 supply to meet demand.",
        ),
    ] = False,
    joint: Annotated[
        bool,
        typer.Option(
            "--joint",
            help="With --solve-intake: solve every programme together (answers add up).",
        ),
    ] = False,
    target_year: Annotated[
        int | None,
        typer.Option(
            "--target-year",
            help="Year --solve-intake aims at (default: the last year).",
            metavar="YEAR",
        ),
    ] = None,
    compare: Annotated[
        Path | None,
        typer.Option(
            "--compare",
            help="A second scenario to set side by side with the first.",
            metavar="B.yaml",
        ),
    ] = None,
) -> None:
    """Project staff in post per role and year from a scenario, with bands; solve or compare."""
    from careerpath.analysis.scenario import load_scenario
    from careerpath.analysis.supply import compile_scenario, project
    from careerpath.render import supply as view

    if as_json and as_csv:
        raise typer.BadParameter("choose --json or --csv, not both", param_hint="--csv")
    catalogue = actions.load(ctx.find_root().params.get("data"))
    families = {
        r.id: (r.family, catalogue.family(r.family).title)
        for r in catalogue.roles
        if catalogue.has("families", r.family)
    }
    titles = {r.id: r.title for r in catalogue.roles}
    scenario_a = load_scenario(_scenario_path(scenario), catalogue)
    compiled = compile_scenario(scenario_a)
    projection = project(compiled, runs, seed if runs else None, families, titles)
    chosen = [_group(projection.groups, name) for name in role or ()]

    if compare is not None:
        other = project(
            compile_scenario(load_scenario(_scenario_path(compare), catalogue)),
            runs,
            seed if runs else None,
            families,
            titles,
        )
        if as_json:
            actions.emit(
                view.dumps({"a": view.supply_json(projection), "b": view.supply_json(other)})
            )
            return
        actions.render(view.compare_view(projection, other))
        return
    if joint and not solve_intake:
        raise typer.BadParameter("--joint goes with --solve-intake", param_hint="--joint")
    if solve_intake:
        from careerpath.analysis.intake import solve_intakes

        years = scenario_a.years
        year = years[-1] if target_year is None else target_year
        if not years[0] < year <= years[-1]:
            raise typer.BadParameter(
                f"choose a year in {years[1]}–{years[-1]}", param_hint="--target-year"
            )
        if not scenario_a.intakes:
            raise typer.BadParameter(
                "the scenario has no intakes to solve for", param_hint="--solve-intake"
            )
        if joint:
            from careerpath.analysis.intake import solve_joint

            solution = solve_joint(compiled, year, runs, seed if runs else None)
            if as_json:
                actions.emit(view.dumps(view.joint_json(solution)))
                return
            actions.render(view.joint_view(projection, solution))
            return
        answers = solve_intakes(compiled, year, runs, seed if runs else None)
        if as_json:
            actions.emit(view.dumps(view.intake_json(answers)))
            return
        actions.render(view.intake_view(projection, answers))
        return
    if chart is not None:
        _charts(projection, chart, chosen)
        if not (as_json or as_csv):
            return
    if as_json:
        actions.emit(view.dumps(view.supply_json(projection)))
    elif as_csv:
        actions.emit(view.supply_csv(projection))
    else:
        actions.render(view.supply_view(projection, chosen, every))


def _scenario_path(path: Path) -> Path:
    """The file as given, or a bundled scenario named bare (``healthcare-science``)."""
    from careerpath.analysis.scenario import locate_scenario

    return locate_scenario(path)


def _note(message: str) -> None:
    from careerpath.console import err_console

    err_console().print(message, markup=False, highlight=False, soft_wrap=True)


def _group(groups: tuple[str, ...], name: str) -> str:
    if name in groups:
        return name
    from careerpath.names import did_you_mean

    raise typer.BadParameter(
        f"'{name}' is not modelled in the scenario ({did_you_mean(name, groups) or 'choices: ' + ', '.join(groups)})",
        param_hint="--role",
    )


def _charts(projection: object, target: Path, chosen: list[str]) -> None:
    from careerpath.analysis.supply import Projection
    from careerpath.files import write_atomic
    from careerpath.render.supply_chart import fan_chart

    assert isinstance(projection, Projection)
    if target.is_dir():
        for group in projection.groups:
            stem = "supply-" + group.replace(":", "-")
            for fmt in ("png", "svg"):
                path = target / f"{stem}.{fmt}"
                write_atomic(path, fan_chart(projection, group, fmt))
        _note(f"wrote {len(projection.groups) * 2} charts to {target}")
        return
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise typer.BadParameter(
            "write the chart to a .png or .svg file, or a folder", param_hint="--chart"
        )
    group = chosen[0] if chosen else projection.groups[-1]
    write_atomic(target, fan_chart(projection, group, fmt))
    _note(f"wrote {target} ({group})")
