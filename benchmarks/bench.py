"""careerpath benchmarks: start-up against `python -c pass`, and work on the real ESCO data.

Run with `make bench`. Each figure is the fastest of several fresh processes on this machine
(after one warm-up run, so the compiled-catalogue cache is warm), with the median beside it:
as `timeit` advises, the minimum is the machine's real cost and the spread above it is other
processes interfering. Ratios are to `python -c pass` measured the same way in the same run,
which is how the targets in issue 7 are stated. Peak memory is the largest resident set of
the timed processes of each row (``os.wait4`` gives each child's own figure), and "cpu" the
least CPU time (user + system) any of them used: on a shared machine the wall-clock figure
moves with other people's work, the CPU figure much less.

The scale section (issue 21) generates a career-shaped 3,000-role folder with
``benchmarks/scale.py`` and times the everyday commands on it, cold (an empty cache before
every run) where the issue's target is about a first run. ``BENCH_SCALE_ROLES`` changes its
size; ``BENCH_SECTIONS`` (default ``bundled,scale,esco``) picks sections; ``BENCH_TIMEOUT`` (seconds, default 60) caps one run of a command that has no hope of
its target yet, which is then reported as "over" that time.

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
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CAREERPATH = str(BIN / "careerpath")
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
ESCO = Path(os.environ.get("CAREERPATH_ESCO", REPO.parent / "shared" / "data" / "esco-v1.1.1"))


PASS = [sys.executable, "-c", "pass"]
SCALE_ROLES = int(os.environ.get("BENCH_SCALE_ROLES", "3000"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "60"))
SECTIONS = os.environ.get("BENCH_SECTIONS", "bundled,scale,esco").split(",")

#: Largest resident set (KiB), and least CPU seconds, of the processes timed for a row.
_peak = {"kib": 0, "cpu": float("inf")}


def _once(argv: list[str], timeout: float | None = None) -> float:
    """Seconds one fresh process takes (``inf`` past ``timeout``), noting its peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timer = threading.Timer(timeout, process.kill) if timeout is not None else None
    if timer is not None:
        timer.start()
    _, _, usage = os.wait4(process.pid, 0)  # this child's own peak memory, unlike getrusage
    process.returncode = 0  # reaped here; stops Popen waiting for it again
    if timer is not None:
        timer.cancel()
    elapsed = time.perf_counter() - started
    _peak["kib"] = max(_peak["kib"], usage.ru_maxrss)
    if argv is not PASS:
        _peak["cpu"] = min(_peak["cpu"], usage.ru_utime + usage.ru_stime)
    return float("inf") if timeout is not None and elapsed >= timeout else elapsed


def timed(
    argv: list[str],
    runs: int = RUNS,
    warm: bool = True,
    before: Callable[[], object] | None = None,
    timeout: float | None = None,
) -> tuple[float, float, float]:
    """Fastest and median seconds over fresh processes, and the fastest ``python -c pass``
    timed alternately with them, so both see the same machine (a shared VM drifts).

    ``before`` runs ahead of every timed run (to empty the cache for a cold figure).
    """
    _peak["kib"], _peak["cpu"] = 0, float("inf")
    if warm:
        subprocess.run(argv, capture_output=True, check=False, timeout=timeout)
    times, baselines = [], []
    for _ in range(runs):
        baselines.append(_once(PASS))
        if before is not None:
            before()
        times.append(_once(argv, timeout))
        if times[-1] == float("inf"):
            break  # one run over the cap says enough
    return min(times), statistics.median(times), min(baselines)


def row(label: str, seconds: tuple[float, float, float], target: str = "") -> None:
    fastest, median, baseline = seconds
    memory = f"{_peak['kib'] / 1024:5.0f} MiB  cpu {_peak['cpu']:6.2f} s"
    if fastest == float("inf"):
        # Stopped at the cap: neither figure of a killed process means anything.
        memory = "      –            –  "
        print(f"  {label:<58} over {TIMEOUT:.0f} s (stopped){'':38} {memory}   {target}")
        return
    print(
        f"  {label:<58} {fastest * 1000:9.1f} ms {fastest / baseline:6.1f}x"
        f"   (median {median * 1000:7.1f} ms; python -c pass {baseline * 1000:4.1f} ms)"
        f"   {memory}   {target}"
    )


def scale(cache: Path) -> None:
    """The 3,000-role career-shaped folder: cold loading, a whole-map diagram, routes."""
    sys.path.insert(0, str(REPO))
    from benchmarks.scale import generate

    folder = generate(cache / "scale", roles=SCALE_ROLES)
    runs = max(3, RUNS // 2)

    def empty_cache() -> None:
        for entry in cache.glob("*.pickle"):
            entry.unlink()

    print(f"career-shaped folder of {SCALE_ROLES:,} roles (benchmarks/scale.py):")
    data = ["--data", str(folder)]
    for label, argv, goal in (
        ("list (cold cache)", [CAREERPATH, *data, "list"], "target ≤ 3 s"),
        ("validate (cold cache)", [CAREERPATH, "validate", str(folder)], "target ≤ 3 s"),
    ):
        row(label, timed(argv, runs=runs, warm=False, before=empty_cache), goal)
    for label, argv, goal in (
        ("list (warm)", [CAREERPATH, *data, "list"], ""),
        (
            "diagram --format dot (warm)",
            [CAREERPATH, *data, "diagram", "--format", "dot"],
            "target ≤ 2 s",
        ),
        (
            "route gcse R02990 (warm)",
            [CAREERPATH, *data, "route", "gcse", "R02990"],
            "target ≤ 2 s",
        ),
        (
            "from level-3 --within 36 (warm)",
            [CAREERPATH, *data, "from", "level-3", "--within", "36"],
            "target ≤ 2 s",
        ),
    ):
        try:
            row(label, timed(argv, runs=runs, timeout=TIMEOUT), goal)
        except subprocess.TimeoutExpired:
            row(label, (float("inf"),) * 3, goal)


def main() -> int:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "careerpath")], check=True)
    cache = Path(tempfile.mkdtemp(prefix="careerpath-bench-cache-"))
    os.environ["CAREERPATH_CACHE"] = str(cache)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    )
    print("ratios are to python -c pass timed alternately with each command")
    if "bundled" in SECTIONS:
        bundled(cache)
    if "scale" in SECTIONS:
        scale(cache)
    if "esco" in SECTIONS:
        esco(cache)
    shutil.rmtree(cache, ignore_errors=True)
    return 0


def bundled(cache: Path) -> None:
    """Start-up and everyday commands on the bundled 45 roles."""
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


def esco(cache: Path) -> None:
    """The real ESCO release: import, the first command after it, warm commands, similarity."""
    if not ESCO.is_dir():
        print(f"ESCO data not found at {ESCO}; set CAREERPATH_ESCO to include those figures")
        return
    target = cache / "esco"
    print("ESCO v1.1.1 (3,007 occupations, 13,896 skills, 123,855 relations):")
    seconds = timed(
        [CAREERPATH, "import", "esco", str(ESCO), "-o", str(target)], runs=1, warm=False
    )
    row("careerpath import esco", seconds, "target < 30 s")
    data = ["--data", str(target)]
    # Once, straight after the import, with whatever cache the import left: what a user meets.
    seconds = timed([CAREERPATH, *data, "show", "clinical psychologist"], runs=1, warm=False)
    row("first command after the import (show)", seconds, "target ≤ 5 s")
    seconds = timed([CAREERPATH, "validate", str(target)], runs=1, warm=False)
    row("validate on the import (parses all 13.7 MB of YAML)", seconds)
    for label, argv, goal in (
        (
            'show "clinical psychologist"',
            [CAREERPATH, *data, "show", "clinical psychologist"],
            "target ≤ 12x",
        ),
        (
            'overlap "clinical psychologist" "occupational therapist"',
            [CAREERPATH, *data, "overlap", "clinical psychologist", "occupational therapist"],
            "target ≤ 12x",
        ),
        (
            'similar "clinical psychologist"',
            [CAREERPATH, *data, "similar", "clinical psychologist"],
            "target ≤ 25x",
        ),
        (
            "matrix --similarity --csv (3,007 × 3,007)",
            [CAREERPATH, *data, "matrix", "--similarity", "--csv"],
            "target ≤ 1 s",
        ),
    ):
        row(label, timed(argv, runs=9), goal)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak memory of any one process: {peak / 1024:.0f} MiB (target for ESCO < 300 MiB)")


if __name__ == "__main__":
    raise SystemExit(main())
