"""careerpath benchmarks: start-up against `python -c pass`, and work on the real ESCO data.

Run with `make bench`. Each figure is the median of fresh processes on this machine (after
one warm-up run, so the compiled-catalogue cache is warm); ratios are to `python -c pass`
measured in the same run, which is how the targets in issue 7 are stated. Peak memory is
the largest resident set of any one process.
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


def timed(argv: list[str], runs: int = RUNS, warm: bool = True) -> tuple[float, int]:
    """Median seconds over fresh processes, and the peak resident memory (KiB) of any of them."""
    if warm:
        subprocess.run(argv, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(times), peak


def row(label: str, seconds: float, baseline: float, target: str = "") -> None:
    print(f"  {label:<58} {seconds * 1000:9.1f} ms {seconds / baseline:6.1f}x   {target}")


def main() -> int:
    cache = Path(tempfile.mkdtemp(prefix="careerpath-bench-cache-"))
    os.environ["CAREERPATH_CACHE"] = str(cache)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    )
    baseline, _ = timed([sys.executable, "-c", "pass"])
    print(f"  {'python -c pass':<58} {baseline * 1000:9.1f} ms    1.0x")
    print("bundled data (cache warm):")
    for label, argv, target in (
        ("careerpath --help", [CAREERPATH, "--help"], "target ≤ 8x"),
        ("careerpath show PWP", [CAREERPATH, "show", "PWP"], "target ≤ 8x"),
        ("careerpath list", [CAREERPATH, "list"], "target ≤ 8x"),
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
        row(label, timed(argv)[0], baseline, target)
    if not ESCO.is_dir():
        print(f"ESCO data not found at {ESCO}; set CAREERPATH_ESCO to include those figures")
        return 0
    target = cache / "esco"
    print("ESCO v1.1.1 (3,007 occupations, 13,896 skills, 123,855 relations):")
    seconds, _ = timed(
        [CAREERPATH, "import", "esco", str(ESCO), "-o", str(target)], runs=1, warm=False
    )
    row("careerpath import esco", seconds, baseline, "target < 30 s")
    shutil.rmtree(cache / "first", ignore_errors=True)
    seconds, _ = timed([CAREERPATH, "validate", str(target)], runs=1, warm=False)
    row("first command on the import (parses YAML, fills the cache)", seconds, baseline)
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
        row(label, timed(argv, runs=3)[0], baseline, goal)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak memory of any one process: {peak / 1024:.0f} MiB")
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
