"""careerpath supply benchmarks: the projection's speed at the sizes issue 18 sets.

* every bundled role (45) × 15 years × 1,000 Monte Carlo runs: target ≤ 2 s;
* a synthetic 3,000-role career graph × 15 years × 1,000 runs: target ≤ 60 s;
* the joint intake solve (``--solve-intake --joint``) on each bundled scenario (no target).

Scenarios are generated, written as YAML and read through the same checker a planner's file
goes through, so loading is timed too (separately). Every role has uncertain leaver rates (a
range), every catalogue progression a rate, and each programme that leads to one role an
intake. The projection figure is the fastest of a few repeats in this process (numpy
already imported; the 3,000-role one runs once); the whole command is timed once as a fresh
process as well.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from careerpath.actions import load
from careerpath.analysis.scenario import load_scenario
from careerpath.analysis.supply import compile_scenario, project
from careerpath.model import Catalogue, Programme, Progression, Requirement, Role

BIN = Path(sys.executable).parent
REPEATS = int(os.environ.get("BENCH_RUNS", "3"))


def scenario_yaml(catalogue: Catalogue, seed: int = 1) -> str:
    """A scenario touching every role, progression and single-destination programme."""
    pick = random.Random(seed)
    lines = ["scenario: benchmark", "start_year: 2026", "horizon: 15", "roles:"]
    for role in catalogue.roles:
        low = round(pick.uniform(0.04, 0.09), 3)
        lines += [
            f"  {role.id}:",
            f"    in_post: {{headcount: {pick.randint(50, 3000)}}}",
            f"    leaver_rate: [{low}, {low + 0.03}]",
            "    retirement_rate: 0.01",
            "    international: [0, 10]",
            "    demand: {growth: 0.02}",
        ]
    targets: dict[str, set[str]] = {}
    months: dict[str, bool] = {}
    for role in catalogue.roles:
        for route in role.entry_routes:
            if route.programme and catalogue.has("programmes", route.programme):
                targets.setdefault(route.programme, set()).add(role.id)
                length = route.months or catalogue.programme(route.programme).months
                months[route.programme] = bool(length)
    lines.append("intakes:")
    for programme, roles in sorted(targets.items()):
        if len(roles) != 1:
            continue
        lines += [
            f"  {programme}:",
            f"    places: {pick.randint(10, 300)}",
            "    fill_rate: [0.85, 1]",
            "    attrition: {triangular: [0.05, 0.1, 0.2]}",
        ]
        if not months[programme]:
            lines.append("    years: 2")
    lines.append("progressions:")
    for role in catalogue.roles:
        seen = set()
        for step in role.progressions:
            key = (step.to, step.programme)
            if key in seen:
                continue
            seen.add(key)
            programme = f", programme: {step.programme}" if step.programme else ""
            length = ""
            if step.programme and not catalogue.programme(step.programme).months:
                length = ", years: 1" if step.months is None else ""
            lines.append(f"  - {{from: {role.id}, to: {step.to}{programme}{length}, rate: 0.004}}")
    return "\n".join(lines) + "\n"


def synthetic_catalogue(count: int, seed: int = 7) -> Catalogue:
    """``count`` roles in 30 families; each with an entry programme of 1–4 years and up to two
    progressions to later roles, some through a programme, some after a 1–3 year wait."""
    pick = random.Random(seed)
    programmes = [
        Programme(id=f"prog-{i}", title=f"Programme {i}", months=12 * pick.randint(1, 4))
        for i in range(count)
    ]
    roles = []
    for i in range(count):
        progressions = []
        for _ in range(pick.randint(0, 2)):
            target = pick.randrange(i + 1, count) if i + 1 < count else None
            if target is None:
                break
            wait = pick.choice([0, 0, 12, 24, 36])
            requires = (Requirement("experience", f"role-{i}", wait),) if wait else ()
            programme = f"prog-{target}" if pick.random() < 0.3 else None
            progressions.append(
                Progression(to=f"role-{target}", programme=programme, requires=requires)
            )
        from careerpath.model import EntryRoute

        roles.append(
            Role(
                id=f"role-{i}",
                title=f"Role {i}",
                family=f"family-{i % 30}",
                entry_routes=(EntryRoute(id=f"in-{i}", programme=f"prog-{i}"),),
                progressions=tuple({(p.to, p.programme): p for p in progressions}.values()),
            )
        )
    return Catalogue(roles=tuple(roles), programmes=tuple(programmes))


def timed_projection(label: str, catalogue: Catalogue, target: str, repeats: int = REPEATS) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scenario.yaml"
        path.write_text(scenario_yaml(catalogue), encoding="utf-8")
        started = time.perf_counter()
        scenario = load_scenario(path, catalogue)
        loading = time.perf_counter() - started
    best = cpu = float("inf")
    for _ in range(repeats):
        started, used = time.perf_counter(), time.process_time()
        projection = project(compile_scenario(scenario), runs=1000, seed=1)
        best = min(best, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - used)
    print(
        f"  {label:<44} {best:7.2f} s wall, {cpu:6.2f} s CPU   {target}\n"
        f"    ({len(scenario.roles):,} roles, {len(scenario.intakes):,} intakes, "
        f"{len(scenario.moves):,} progressions, {len(projection.groups):,} groups summarised; "
        f"reading and checking the scenario {loading:.2f} s)"
    )


def timed_joint_solve(catalogue: Catalogue) -> None:
    """``--solve-intake --joint`` on the bundled scenarios, deterministic and 1,000 runs."""
    from careerpath.analysis.intake import solve_joint
    from careerpath.analysis.scenario import bundled_scenario

    for name in ("healthcare-science", "mental-health"):
        path = bundled_scenario(name)
        assert path is not None
        compiled = compile_scenario(load_scenario(path, catalogue))
        year = compiled.scenario.years[-1]
        for runs in (0, 1000):
            started, used = time.perf_counter(), time.process_time()
            solution = solve_joint(compiled, year, runs, 1 if runs else None)
            print(
                f"  {'joint intake solve, ' + name + (' × 1,000 runs' if runs else ''):<44} "
                f"{time.perf_counter() - started:7.2f} s wall, "
                f"{time.process_time() - used:6.2f} s CPU   "
                f"({solution.evaluations} projections)"
            )


def main() -> int:
    load1, _, _ = os.getloadavg()
    print(
        "careerpath supply (15 years × 1,000 Monte Carlo runs, fastest of a few; "
        f"load average {load1:.1f} on {os.cpu_count()} cores, so wall time includes waiting):"
    )
    bundled = load(None)
    timed_projection(f"bundled catalogue, {len(bundled.roles)} roles", bundled, "target ≤ 2 s")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scenario.yaml"
        path.write_text(scenario_yaml(bundled), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [str(BIN / "careerpath"), "supply", str(path), "--runs", "1000", "--json"],
            capture_output=True,
            check=True,
        )
        print(
            f"  {'whole command, fresh process (--runs 1000 --json)':<52} "
            f"{time.perf_counter() - started:7.2f} s"
        )
    timed_joint_solve(bundled)
    timed_projection(
        "synthetic graph, 3,000 roles (once)", synthetic_catalogue(3000), "target ≤ 60 s", 1
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
