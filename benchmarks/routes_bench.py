"""Route engine at scale: a career-shaped catalogue of 3,000 roles, built in memory.

Run with ``make bench`` (or ``python benchmarks/routes_bench.py``). The catalogue has 60
families of 50 roles on Career Framework levels 2-8, a qualification ladder (GCSEs, Level 3,
a degree, a master's) plus a registration per family, entry routes from the ladder (some
with text conditions), progressions up each family with experience waits, and lateral moves
across families that need a registration or a degree. Each figure is the fastest of a few
runs, in process (the search, not start-up), with a cold engine cache each time.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable

from careerpath.analysis.entry import roles_from
from careerpath.analysis.routes import find_routes
from careerpath.errors import CareerpathError
from careerpath.model import (
    Catalogue,
    EntryRoute,
    Programme,
    Progression,
    Qualification,
    Requirement,
    Role,
    Rule,
)

FAMILIES = 60
PER_FAMILY = 50


def career_catalogue(
    seed: int = 7, families: int = FAMILIES, per_family: int = PER_FAMILY
) -> Catalogue:
    """A large, career-shaped catalogue: ladders inside families, lateral moves across them."""
    rng = random.Random(seed)
    quals = [
        Qualification("gcse", "GCSEs"),
        Qualification(
            "level-3",
            "Level 3",
            implies=("gcse",),
            entry_routes=(
                EntryRoute("a-levels", requires=(Requirement("qualification", "gcse"),), months=24),
            ),
        ),
        Qualification(
            "degree",
            "Degree",
            implies=("level-3",),
            entry_routes=(
                EntryRoute("bsc", requires=(Requirement("qualification", "level-3"),), months=36),
            ),
        ),
        Qualification(
            "masters",
            "Master's",
            implies=("degree",),
            entry_routes=(
                EntryRoute("msc", requires=(Requirement("qualification", "degree"),), months=12),
            ),
        ),
    ]
    quals += [
        Qualification(f"reg-{f}", f"Registration {f}", implies=("degree",)) for f in range(families)
    ]
    programmes = [Programme(f"p{m}", f"Programme {m}", months=m) for m in (6, 12, 18, 24, 36)]
    ladder = ["gcse", "level-3", "degree", "masters"]
    roles: list[Role] = []
    for f in range(families):
        for i in range(per_family):
            level = 2 + (i * 7) // per_family
            entries = []
            if level <= 6 and rng.random() < 0.7:
                need = ladder[min(3, max(0, level - 3 + rng.randint(-1, 0)))]
                requires: tuple[Requirement, ...] = (Requirement("qualification", need),)
                if rng.random() < 0.3:
                    requires += (Requirement("text", text="an employer-supported post"),)
                entries.append(
                    EntryRoute(
                        f"in-{f}-{i}",
                        programme=f"p{rng.choice((6, 12, 18, 24, 36))}",
                        requires=requires,
                    )
                )
            steps = []
            for _ in range(rng.randint(1, 3)):
                j = min(per_family - 1, i + rng.randint(1, 8))
                if j != i:
                    steps.append(
                        Progression(
                            f"R{f}-{j}",
                            programme=rng.choice((None, "p12", "p24")),
                            requires=(
                                Requirement(
                                    "experience", f"R{f}-{i}", months=rng.choice((12, 24, 36))
                                ),
                            ),
                        )
                    )
            if rng.random() < 0.5:
                other = rng.randrange(families)
                j = rng.randrange(per_family)
                if (other, j) != (f, i):
                    need = f"reg-{f}" if level >= 5 else "degree"
                    steps.append(
                        Progression(
                            f"R{other}-{j}",
                            kind="lateral",
                            programme="p12",
                            requires=(Requirement("qualification", need),),
                        )
                    )
            implies = (f"reg-{f}",) if level >= 5 else ()
            roles.append(
                Role(
                    f"R{f}-{i}",
                    f"Role {f}-{i}",
                    f"fam{f}",
                    career_framework_level=level,
                    entry_routes=tuple(entries),
                    progressions=tuple(steps),
                    implies=implies,
                )
            )
    rule = Rule("wait", "Wait", "wait-between", months=24, programmes=("p24",))
    return Catalogue(
        roles=tuple(sorted(roles, key=lambda r: r.id)),
        programmes=tuple(programmes),
        qualifications=tuple(quals),
        rules=(rule,),
    )


def _timed(label: str, work: Callable[[], object], runs: int = 1) -> None:
    """Wall time (fastest, median) and the least CPU time: on a shared machine the wall
    clock moves with other people's work, and a search out of wall time answers less."""
    times = []
    cpu = []
    result: object = None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            result = work()
        except CareerpathError as exc:
            result = f"error: {str(exc)[:60]}…"
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(
        f"  {label:<32} {min(times):6.2f} s  (median {statistics.median(times):.2f} s, "
        f"CPU {min(cpu):.2f} s)  {result}"
    )


def main() -> int:
    print(f"route engine, career-shaped catalogue: {FAMILIES * PER_FAMILY:,} roles")
    big = career_catalogue()

    def fresh() -> Catalogue:
        return Catalogue(
            roles=big.roles,
            programmes=big.programmes,
            qualifications=big.qualifications,
            rules=big.rules,
        )

    def route(start: str, goal: str) -> Callable[[], object]:
        def run() -> object:
            cat = fresh()
            first = (
                cat.qualification(start) if cat.has("qualifications", start) else cat.role(start)
            )
            try:
                found = find_routes(cat, first, cat.role(goal))
            except CareerpathError as exc:
                return f"no route ({str(exc)[:40]}…)"
            return (
                f"{len(found)} routes, best {found[0].months} months, complete={found[0].complete}"
            )

        return run

    def within(start: str, months: int) -> Callable[[], object]:
        def run() -> object:
            cat = fresh()
            return f"{len(roles_from(cat, cat.qualification(start), months))} roles"

        return run

    for start, goal in (
        ("gcse", "R7-45"),
        ("level-3", "R30-40"),
        ("degree", "R59-49"),
        ("R3-10", "R41-30"),
    ):
        _timed(f"route {start} {goal}", route(start, goal))
    for start, months in (("degree", 24), ("level-3", 48)):
        _timed(f"from {start} --within {months}", within(start, months), runs=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
