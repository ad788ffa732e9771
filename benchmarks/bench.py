"""careerpath benchmarks: start-up of common commands against `python -c pass`, and analyses.

Run with `make bench`. Figures are medians of several runs of fresh processes on this machine;
the ratio to `python -c pass` measured in the same run is what the targets are stated in.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CAREERPATH = str(Path(PYTHON).parent / "careerpath")
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def median_seconds(argv: list[str], runs: int = RUNS) -> float:
    """Median wall time of ``runs`` fresh processes (after one warm-up run)."""
    subprocess.run(argv, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    baseline = median_seconds([PYTHON, "-c", "pass"])
    print(f"{'python -c pass':<40} {baseline * 1000:8.1f} ms   1.0x")
    cases = {
        "careerpath --help": [CAREERPATH, "--help"],
        "careerpath show PWP": [CAREERPATH, "show", "PWP"],
        "careerpath list": [CAREERPATH, "list"],
        "careerpath validate": [CAREERPATH, "validate"],
    }
    for label, argv in cases.items():
        seconds = median_seconds(argv)
        print(f"{label:<40} {seconds * 1000:8.1f} ms {seconds / baseline:5.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
