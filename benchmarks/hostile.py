"""Time and peak memory of the formerly unbounded hostile cases (issue 22).

Each case builds its input cheaply (sparse files, streamed zips) in a temporary folder, runs
the real ``careerpath`` in a child process and reports wall time, peak resident memory and
exit code. Run: ``.venv/bin/python benchmarks/hostile.py`` (about a minute).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

BASE = Path(__file__).parent.parent / "tests" / "data" / "hostile" / "_base.yaml"
ESCO = Path(__file__).parent.parent.parent / "shared" / "data" / "esco-v1.1.1"


def careerpath(*args: str) -> tuple[float, float, int]:
    """Wall seconds, peak MiB and exit code of one careerpath run."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "careerpath", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def folder(root: Path) -> Path:
    root.mkdir()
    (root / "_base.yaml").write_text(BASE.read_text())
    return root


def sparse_file(tmp: Path) -> list[str]:
    root = folder(tmp / "sparse")
    with (root / "huge.yaml").open("wb") as out:
        out.truncate(3 * 2**30)
    return ["--data", str(root), "list"]


def aliases_across_files(tmp: Path) -> list[str]:
    root = folder(tmp / "aliases")
    big = "x" * 1000
    for number in range(10):
        (root / f"r{number}.yaml").write_text(
            f"id: R{number}\ntitle: &t {big}\nfamily: f\nsources: [{{id: s{number}, url: 'https://x'}}]\n"
            "aliases: [" + ", ".join(["*t"] * 300_000) + "]\n"
        )
    return ["--data", str(root), "list"]


def deep_nesting(tmp: Path) -> list[str]:
    root = folder(tmp / "deep")
    (root / "deep.yaml").write_text("a: " + "[" * 30_000 + "]" * 30_000 + "\n")
    return ["--data", str(root), "list"]


def _release(tmp: Path, name: str, write_occupations: Callable[[zipfile.ZipFile], None]) -> Path:
    release = tmp / name
    release.mkdir()
    with zipfile.ZipFile(release / "classification-en-csv.zip", "w", zipfile.ZIP_DEFLATED) as out:
        write_occupations(out)
        out.writestr("skills_en.csv", "conceptType,conceptUri,skillType,preferredLabel\n")
        out.writestr("ISCOGroups_en.csv", "conceptType,conceptUri,code,preferredLabel\n")
    return release


def one_gigabyte_field(tmp: Path) -> list[str]:
    def occupations(archive: zipfile.ZipFile) -> None:
        with archive.open("occupations_en.csv", "w", force_zip64=True) as member:
            member.write(
                b"conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description,code\n"
            )
            member.write(b'Occupation,http://x/o1,2634,"')
            chunk = b"x" * 2**20
            for _ in range(1024):
                member.write(chunk)
            member.write(b'",,,1\n')

    release = _release(tmp, "field", occupations)
    (release / "occupationSkillRelations.csv").write_text("occupationUri,relationType,skillUri\n")
    return ["import", "esco", str(release), "-o", str(tmp / "out-field")]


def twenty_million_rows(tmp: Path) -> list[str]:
    def occupations(archive: zipfile.ZipFile) -> None:
        archive.writestr(
            "occupations_en.csv",
            "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,description,code\n"
            "Occupation,http://x/o1,2634,a job,,,1\n",
        )

    release = _release(tmp, "rows", occupations)
    archive = zipfile.ZipFile(release / "relations-csv.zip", "w", zipfile.ZIP_DEFLATED)
    with archive, archive.open("occupationSkillRelations.csv", "w", force_zip64=True) as member:
        member.write(b"occupationUri,relationType,skillType,skillUri\n")
        row = b"http://x/o1,essential,knowledge,http://x/s1\n" * 100_000
        for _ in range(200):
            member.write(row)
    return ["import", "esco", str(release), "-o", str(tmp / "out-rows")]


def esco_overlap(tmp: Path) -> list[str]:
    target = tmp / "esco"
    subprocess.run(
        [sys.executable, "-m", "careerpath", "import", "esco", str(ESCO), "-o", str(target)],
        check=True,
        capture_output=True,
    )
    codes = sorted(p.stem for p in (target / "roles").glob("*.yaml"))[:400]
    return ["--data", str(target), "overlap", *(f"esco-{c}" for c in codes)]


def big_diagram(tmp: Path) -> list[str]:
    root = folder(tmp / "diagram")
    for i in range(300):
        (root / f"R{i}.yaml").write_text(
            f"id: R{i}\ntitle: Role {i}\nfamily: f\ncareer_framework_level: {2 + i % 7}\n"
            f"progressions: [{{to: R{(i * 7 + 1) % 300}, kind: lateral}}]\n"
            f"sources: [{{id: s{i}, url: 'https://x/{i}'}}]\n"
        )
    return ["--data", str(root), "diagram", "-o", str(tmp / "map.svg")]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "3 GB sparse .yaml, list": sparse_file,
    "ten 1.2 MB alias files, list": aliases_across_files,
    "30,000 nested [, list": deep_nesting,
    "ESCO zip with a 1 GB field": one_gigabyte_field,
    "ESCO zip with 20 million duplicate rows": twenty_million_rows,
    "overlap of 400 ESCO roles": esco_overlap,
    "300-role SVG diagram": big_diagram,
}


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.environ["CAREERPATH_CACHE"] = str(tmp / "cache")
        print(f"{'case':42} {'seconds':>8} {'peak MiB':>9} {'exit':>5}")
        for label, build in CASES.items():
            seconds, peak, code = careerpath(*build(tmp))
            print(f"{label:42} {seconds:8.1f} {peak:9.0f} {code:5}")
        seconds, peak, code = interrupted_layout()
        print(f"{'Ctrl-C 3 s into a long layout (to exit)':42} {seconds:8.1f} {peak:9.0f} {code:5}")


_LAYOUT = """
import random, sys
from careerpath.actions import guarded
from careerpath.render.engines import render_dot
rng = random.Random(1)
lines = ["digraph G {"] + [f'n{i} [label="Role number {i}" shape=box]' for i in range(100)]
for _ in range(400):
    a, b = rng.sample(range(100), 2)
    lines.append(f'n{a} -> n{b} [label="BSc {a}"]')
render_dot("digraph { a -> b }", "svg")  # the compiled module is cached and loaded first
print("laying out", flush=True)
sys.exit(guarded(lambda: len(render_dot("\\n".join([*lines, "}"]), "svg")) * 0, lambda: False))
"""


def interrupted_layout() -> tuple[float, float, int]:
    """Seconds from Ctrl-C to exit, 3 s into a layout that runs for minutes."""
    child = subprocess.Popen(
        [sys.executable, "-c", _LAYOUT], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert child.stdout is not None
    child.stdout.readline()
    time.sleep(3)
    child.send_signal(signal.SIGINT)
    started = time.perf_counter()
    _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    main()
