"""Unbounded work is bounded: stated caps, a time budget on Graphviz, and Ctrl-C that works.

The budget and Ctrl-C are checked on a diagram that Graphviz would take minutes to lay out
(100 boxes and 400 crossing arrows); each check ends in seconds.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careerpath.errors import RenderError
from careerpath.render.engines import MAX_LAYOUT_EDGES, MAX_LAYOUT_NODES, render_dot

from conftest import BASE_CATALOGUE, role_yaml, write_tree


def tangled_dot(boxes: int, arrows: int) -> str:
    """A DOT graph with many crossing arrows: minutes of layout for 100 boxes, 400 arrows."""
    rng = random.Random(1)
    lines = ["digraph G {"]
    lines += [f'\tn{i} [label="Role number {i}" shape=box]' for i in range(boxes)]
    for _ in range(arrows):
        a, b = rng.sample(range(boxes), 2)
        lines.append(f'\tn{a} -> n{b} [label="BSc {a}"]')
    return "\n".join([*lines, "}"])


def tangled_catalogue(root: Path, roles: int, per_role: int) -> Path:
    rng = random.Random(2)
    files = {"catalogue.yaml": BASE_CATALOGUE}
    for i in range(roles):
        targets = rng.sample([j for j in range(roles) if j != i], per_role)
        moves = "".join(f"\n  - {{to: R{j}, kind: lateral, programme: p-a}}" for j in targets)
        files[f"roles/R{i}.yaml"] = role_yaml(
            f"R{i}", career_framework_level=str(rng.randint(2, 9)), progressions=moves
        )
    return write_tree(root, files)


def test_a_slow_layout_is_stopped_at_the_budget() -> None:
    started = time.monotonic()
    with pytest.raises(RenderError, match=r"took longer than 1 s and was stopped"):
        render_dot(tangled_dot(100, 400), "svg", "wasm", budget=1)
    assert time.monotonic() - started < 15


def test_a_diagram_too_large_to_lay_out_is_refused_at_once() -> None:
    with pytest.raises(
        RenderError, match=f"at most {MAX_LAYOUT_NODES:,} and {MAX_LAYOUT_EDGES:,}"
    ) as caught:
        render_dot(tangled_dot(50, MAX_LAYOUT_EDGES + 1), "svg")
    assert "--format dot or mermaid" in caught.value.hint()
    with pytest.raises(RenderError, match="boxes"):
        render_dot(tangled_dot(MAX_LAYOUT_NODES + 1, 0), "svg")


_RENDER_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from careerpath.actions import guarded
from careerpath.render.engines import render_dot
from test_hostile_bounds import tangled_dot
print("laying out", flush=True)
sys.exit(guarded(lambda: len(render_dot(tangled_dot(100, 400), "svg", "wasm")) * 0, lambda: False))
"""


@pytest.mark.slow  # subprocesses
def test_ctrl_c_stops_graphviz_promptly() -> None:
    script = _RENDER_SCRIPT.format(tests=str(Path(__file__).parent))
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdout.readline() == "laying out\n"
    time.sleep(2)  # well inside the layout, which takes minutes
    assert child.poll() is None, child.communicate()
    child.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    _, err = child.communicate(timeout=30)
    assert child.returncode == 130, err
    assert time.monotonic() - interrupted < 5
    assert "Traceback" not in err


def test_a_map_of_hundreds_of_roles_is_refused_with_advice(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = tangled_catalogue(tmp_path / "data", MAX_LAYOUT_NODES + 10, 1)
    started = time.monotonic()
    result = run("--data", str(root), "diagram", "-o", str(tmp_path / "map.svg"))
    assert result.exit_code == 1 and "more than Graphviz can lay out" in result.stderr
    assert "--family" in result.stderr and time.monotonic() - started < 30
    assert not (tmp_path / "map.svg").exists()
    assert run("--data", str(root), "diagram", "--format", "dot").exit_code == 0


def test_overlap_states_its_cap(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from careerpath.actions import MAX_OVERLAP_ROLES

    root = tangled_catalogue(tmp_path / "data", MAX_OVERLAP_ROLES + 1, 1)
    names = [f"R{i}" for i in range(MAX_OVERLAP_ROLES + 1)]
    result = run("--data", str(root), "overlap", *names)
    assert result.exit_code == 2, result.output
    assert f"at most {MAX_OVERLAP_ROLES}" in result.stderr
    assert run("--data", str(root), "overlap", *names[:MAX_OVERLAP_ROLES]).exit_code == 0
    report = run("--data", str(root), "report", *names, "-o", str(tmp_path / "r.md"))
    assert report.exit_code == 2 and f"at most {MAX_OVERLAP_ROLES}" in report.stderr


def test_ctrl_c_during_the_first_graphviz_compile_is_seen_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first compile (once per wasmtime version) must not hold off Ctrl-C until it ends.

    The real compile runs, watched by a subclass that notes when it starts and ends; Ctrl-C
    arrives as soon as it starts, and must surface while the compile is still going. No
    cache file, whole or partial, may be left by the abandoned compile.
    """
    import _thread
    import threading

    import wasmtime

    from careerpath.render import engines

    monkeypatch.setenv("CAREERPATH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(engines, "_WASM", {})
    started = threading.Event()
    finished: list[float] = []

    class Watched(wasmtime.Module):
        def __init__(self, engine: wasmtime.Engine, wasm: bytes) -> None:
            started.set()
            try:
                super().__init__(engine, wasm)
            finally:  # runs even when Ctrl-C surfaces right after the native compile
                finished.append(time.monotonic())

    monkeypatch.setattr(wasmtime, "Module", Watched)

    def interrupt() -> None:
        started.wait(60)
        _thread.interrupt_main()

    threading.Thread(target=interrupt, daemon=True).start()
    with pytest.raises(KeyboardInterrupt):
        render_dot("digraph { a -> b }", "svg", "wasm")
    assert started.is_set() and not finished, "Ctrl-C waited for the compile to end"
    deadline = time.monotonic() + 120
    while not finished and time.monotonic() < deadline:  # let the abandoned compile end
        time.sleep(0.05)
    assert finished
    cache = tmp_path / "cache"
    assert not cache.exists() or not any(cache.iterdir())


def test_route_alternatives_on_a_dense_folder_answer_marked_not_proven_best(
    run, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """50 routes by cost through 60 roles of 6 moves each: proving there are no better ones
    would take exponentially long, so the search stops and says the answer is not proven."""
    import json

    root = tangled_catalogue(tmp_path / "data", 60, 6)
    result = run("--data", str(root), "route", "R0", "R1", "--by", "cost", "--max", "50", "--json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    routes = answer["routes"] if isinstance(answer, dict) else answer
    assert routes and all(r["complete"] is False for r in routes)


def test_a_route_search_out_of_time_says_so(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from careerpath.analysis import routes

    monkeypatch.setattr(routes, "TIME_BUDGET", 0.0)
    root = tangled_catalogue(tmp_path / "data", 60, 6)
    result = run("--data", str(root), "route", "R0", "R1", "--by", "cost", "--max", "50")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "stopped after 60,000 states or 0 s without an answer" in result.stderr


def test_from_within_shares_one_time_budget_across_roles(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """``from --within`` runs one search per role the one search from the start cannot
    settle; each had its own 10 s budget, so 300 dense roles took 30 s and 5,000 would take
    hours. One budget covers them all, and running out is said, never a short list that
    reads as "the rest are out of reach". (The one search settles every role of this
    folder, so it is made to settle none here: the budget is what is tested.)"""
    from careerpath.analysis import routes

    root = tangled_catalogue(tmp_path / "data", 120, 12)
    monkeypatch.setattr(routes, "TIME_BUDGET", 0.2)
    monkeypatch.setattr(routes, "fastest_within", lambda *args, **kwargs: {})
    started = time.monotonic()
    result = run("--data", str(root), "from", "R0", "--within", "600", "--json")
    assert result.exit_code == 1, result.stdout[:200]
    assert "within 600 months from 'R0' stopped after 0.2 s" in result.stderr
    assert "of 119 roles checked" in result.stderr and not result.stdout
    assert time.monotonic() - started < 30


def test_the_one_search_of_from_within_stops_at_its_deadline(tmp_path: Path) -> None:
    """``fastest_within`` settles nothing once the deadline has passed (the listing then
    searches role by role under the same deadline, and says when it runs out)."""
    from careerpath.analysis.routes import fastest_within
    from careerpath.loading.validate import load_catalogue

    catalogue = load_catalogue(tangled_catalogue(tmp_path / "data", 120, 12))
    start = catalogue.role("R0")
    assert fastest_within(catalogue, start, within=600, deadline=-1.0) == {}
    assert fastest_within(catalogue, start, within=600, deadline=float("inf"))
