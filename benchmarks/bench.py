"""careerpath benchmarks: start-up against `python -c pass`, and work on the real ESCO data.

Run with `make bench`. Each figure is the fastest of several fresh processes on this machine
(after one warm-up run, so the compiled-catalogue cache is warm), with the median beside it:
as `timeit` advises, the minimum is the machine's real cost and the spread above it is other
processes interfering. Ratios are to `python -c pass` measured the same way in the same run,
which is how the targets in issue 7 are stated. Peak memory is the largest resident set of
any one process.

Bytecode is allowed (``PYTHONDONTWRITEBYTECODE`` is cleared for the timed processes): an
installed careerpath has compiled modules, and timing recompilation on every start would
measure an environment setting, not the tool.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CAREERPATH = str(BIN / "careerpath")
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
ESCO = Path(os.environ.get("CAREERPATH_ESCO", REPO.parent / "shared" / "data" / "esco-v1.1.1"))


PASS = [sys.executable, "-c", "pass"]


def _once(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=False)
    return time.perf_counter() - started


def timed(argv: list[str], runs: int = RUNS, warm: bool = True) -> tuple[float, float, float]:
    """Fastest and median seconds over fresh processes, and the fastest ``python -c pass``
    timed alternately with them, so both see the same machine (a shared VM drifts)."""
    if warm:
        subprocess.run(argv, capture_output=True, check=False)
    times, baselines = [], []
    for _ in range(runs):
        baselines.append(_once(PASS))
        times.append(_once(argv))
    return min(times), statistics.median(times), min(baselines)


def row(label: str, seconds: tuple[float, float, float], target: str = "") -> None:
    fastest, median, baseline = seconds
    print(
        f"  {label:<58} {fastest * 1000:9.1f} ms {fastest / baseline:6.1f}x"
        f"   (median {median * 1000:7.1f} ms; python -c pass {baseline * 1000:4.1f} ms)   {target}"
    )


def main() -> int:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "careerpath")], check=True)
    cache = Path(tempfile.mkdtemp(prefix="careerpath-bench-cache-"))
    os.environ["CAREERPATH_CACHE"] = str(cache)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    )
    print("ratios are to python -c pass timed alternately with each command")
    print("bundled data (cache warm):")
    for label, argv, target in (
        ("careerpath --help", [CAREERPATH, "--help"], "target ≤ 8x"),
        ("careerpath show PWP", [CAREERPATH, "show", "PWP"], "target ≤ 8x"),
        ("careerpath list", [CAREERPATH, "list"], "target ≤ 8x"),
        ("careerpath show PWP --json", [CAREERPATH, "show", "PWP", "--json"], ""),
        ("careerpath route degree SWP", [CAREERPATH, "route", "degree", "SWP"], ""),
        ("careerpath overlap CWP EMHP PWP", [CAREERPATH, "overlap", "CWP", "EMHP", "PWP"], ""),
        (
            "careerpath diagram -o map.svg (wasm, module cached)",
            [CAREERPATH, "diagram", "-o", str(cache / "map.svg")],
            "",
        ),
        (
            "careerpath diagram -o map.png (graphviz-pure)",
            [CAREERPATH, "diagram", "-o", str(cache / "map.png")],
            "",
        ),
    ):
        row(label, timed(argv), target)
    if not ESCO.is_dir():
        print(f"ESCO data not found at {ESCO}; set CAREERPATH_ESCO to include those figures")
        return 0
    target = cache / "esco"
    print("ESCO v1.1.1 (3,007 occupations, 13,896 skills, 123,855 relations):")
    seconds = timed(
        [CAREERPATH, "import", "esco", str(ESCO), "-o", str(target)], runs=1, warm=False
    )
    row("careerpath import esco", seconds, "target < 30 s")
    shutil.rmtree(cache / "first", ignore_errors=True)
    seconds = timed([CAREERPATH, "validate", str(target)], runs=1, warm=False)
    row("validate on the import (parses all 13.7 MB of YAML)", seconds)
    data = ["--data", str(target)]
    for label, argv, goal in (
        (
            'show "clinical psychologist"',
            [CAREERPATH, *data, "show", "clinical psychologist"],
            "target ≤ 15x",
        ),
        (
            'overlap "clinical psychologist" "occupational therapist"',
            [CAREERPATH, *data, "overlap", "clinical psychologist", "occupational therapist"],
            "target ≤ 15x",
        ),
        (
            'similar "clinical psychologist"',
            [CAREERPATH, *data, "similar", "clinical psychologist"],
            "target ≤ 25x",
        ),
        (
            "matrix --similarity --csv (3,007 × 3,007)",
            [CAREERPATH, *data, "matrix", "--similarity", "--csv"],
            "target < 5 s",
        ),
    ):
        row(label, timed(argv, runs=9), goal)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak memory of any one process: {peak / 1024:.0f} MiB")
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
