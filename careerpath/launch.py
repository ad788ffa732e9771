"""The console entry point: answer the commonest calls before Typer is even imported.

``careerpath show``, ``careerpath list`` and ``careerpath --help`` are what people type
dozens of times a day, and a new process pays for every import (issue 7 asks for ≤ 8× the
time of ``python -c pass``). Measured on the 2-core machine: importing Typer and building the
app costs ~55 ms; Typer's Rich help imports another ~65 ms (markdown-it, Rich tracebacks).
So this module, which imports nothing heavy itself:

* runs ``show``, ``list``, ``overlap`` and ``similar`` directly when their arguments are plain
  and well formed, through the same ``careerpath.actions`` functions the Typer commands
  call. Anything unusual (an unknown or repeated option, a missing value, ``--help``, ``--``)
  goes to Typer, so usage errors and help read exactly as Typer writes them. A usage problem
  found only after reading the data (``overlap PWP pwp``) is reported through the Typer
  command's context without running the command a second time (``cli.usage_problem``). The options it reads, with their limits and
  defaults, are described once in ``careerpath.options``, which the commands' Typer options
  are built from too (``tests/test_options.py`` checks every command and option agree);
* replays ``careerpath --help`` from the cache: Typer's own output, captured the first time
  for this terminal (width, colour, encoding and every environment variable read while the
  page was written) and keyed by careerpath's version and code, so it can never be out of
  date;
* hands everything else to ``careerpath.cli``, which builds only the command being run.

The equivalence of the two paths is tested: the same arguments give byte-identical output
and the same exit code through Typer (``tests/test_launch.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeAlias

from careerpath.argv import split_globals
from careerpath.options import BAND, FAMILY, FAST, JSON, LEVEL, OPTIONAL, SEARCH, TOP, Option

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = ["main"]

_HELP = ("--help", "-h")
_Parsed: TypeAlias = "tuple[list[str], dict[str, str]]"
_Parse: TypeAlias = "Callable[[list[str]], _Parsed | None]"
_Action: TypeAlias = "Callable[[], None]"


def main(argv: list[str] | None = None) -> int:
    """Run careerpath with ``argv`` (default: the process's arguments); return the exit code."""
    args = sys.argv[1:] if argv is None else list(argv)
    _steady_streams()
    if not os.environ.get("_CAREERPATH_COMPLETE"):  # shell completion is Typer's business
        code = _fast(args)
        if code is not None:
            return code
    from careerpath.cli import main as typer_main

    return typer_main(args)


def _steady_streams() -> None:
    """Make the process's streams safe to write whatever the shell gave us.

    * A closed stdout or stderr (``careerpath list >&-``) is None in Python: writes go to
      the null device instead, as they would to a closed pipe.
    * An encoding that cannot show a character (``PYTHONIOENCODING=ascii``) shows it as an
      escape such as ``\u2013`` instead of failing with UnicodeEncodeError.
    * A ``COLUMNS`` or ``LINES`` that is not a sensible size (``COLUMNS=0`` made Rich wrap
      every message to nothing) is ignored, so the terminal's real size is used.
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process
        elif getattr(stream, "errors", "strict") == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    for variable in ("COLUMNS", "LINES"):
        value = os.environ.get(variable)
        if value is not None and not (value.isdigit() and int(value) >= 10):
            del os.environ[variable]


def _fast(args: list[str]) -> int | None:
    """The exit code when this call was answered here, or None to hand it to Typer."""
    if len(args) == 1 and args[0] in _HELP:
        return _help(args[0])
    parsed_globals = split_globals(args)
    if parsed_globals is None:
        return None
    data_text, debug, rest = parsed_globals
    if data_text is not None and not data_text.strip():
        return None  # Typer says that an empty --data is a usage error
    data = Path(data_text) if data_text is not None else None
    if not rest or rest[0] not in _COMMANDS:
        return None
    parsed = _COMMANDS[rest[0]][0](rest[1:])
    if parsed is None:
        return None
    action = _COMMANDS[rest[0]][1](data, *parsed)
    if action is None:
        return None
    from careerpath.actions import UsageProblem

    try:
        return _guarded(action, debug)
    except UsageProblem as problem:
        from careerpath.cli import usage_problem

        return usage_problem(args, problem)  # word for word as Typer, without a second run


def _show(data: Path | None, positional: list[str], options: dict[str, str]) -> _Action | None:
    if len(positional) != 1:
        return None
    from careerpath import actions

    return lambda: actions.show_role(data, positional[0], JSON.key in options)


def _list(data: Path | None, positional: list[str], options: dict[str, str]) -> _Action | None:
    level_text = options.get(LEVEL.key)
    level = LEVEL.parse(level_text) if level_text is not None else None
    if positional or (level_text is not None and level is None):
        return None  # Typer says what is wrong
    from careerpath import actions

    return lambda: actions.list_roles(
        data,
        family=options.get(FAMILY.key),
        level=level,
        band=options.get(BAND.key),
        search=options.get(SEARCH.key),
        as_json=JSON.key in options,
    )


def _parser(known: tuple[Option, ...]) -> _Parse:
    """A strict parser: positional arguments and known options, or None for anything else."""
    valued = {option.key for option in known if not option.flag}
    flags = {option.key for option in known if option.flag}

    def parse(tokens: list[str]) -> _Parsed | None:
        positional: list[str] = []
        options: dict[str, str] = {}
        index = 0
        while index < len(tokens):
            token = tokens[index]
            name, equals, value = token[2:].partition("=")
            if not token.startswith("-"):
                positional.append(token)
                index += 1
                continue
            if not token.startswith("--") or name in options:
                return None  # short options, "--", "-h" and repeats: let Typer decide
            if name in flags and not equals:
                options[name] = ""
                index += 1
            elif name in valued and equals:
                options[name] = value
                index += 1
            elif name in valued and index + 1 < len(tokens):
                options[name] = tokens[index + 1]
                index += 2
            else:
                return None
        return positional, options

    return parse


def _overlap(data: Path | None, positional: list[str], options: dict[str, str]) -> _Action | None:
    if len(positional) < 2:
        return None
    from careerpath import actions

    return lambda: actions.overlap_roles(
        data, positional, optional=OPTIONAL.key in options, as_json=JSON.key in options
    )


def _similar(data: Path | None, positional: list[str], options: dict[str, str]) -> _Action | None:
    top = TOP.parse(options[TOP.key]) if TOP.key in options else TOP.default
    if len(positional) != 1 or top is None:
        return None
    from careerpath import actions

    return lambda: actions.similar_to(data, positional[0], top, JSON.key in options)


_ACTIONS: dict[str, Callable[..., _Action | None]] = {
    "show": _show,
    "list": _list,
    "overlap": _overlap,
    "similar": _similar,
}
#: Each fast command's parser, from the options it reads (written once, in careerpath.options).
_COMMANDS: dict[str, tuple[_Parse, Callable[..., _Action | None]]] = {
    name: (_parser(FAST[name]), action) for name, action in _ACTIONS.items()
}


def _guarded(action: _Action, debug: bool) -> int:
    """Run an action as the Typer path does: careerpath errors become messages and exit 1."""
    from careerpath import actions

    def run() -> int:
        action()
        return 0

    return actions.guarded(run, lambda: debug)


def _help(flag: str) -> int:
    """``careerpath --help``: Typer's page, replayed from the cache for this terminal.

    The page is keyed by the terminal (``_help_key``) and by the value of every environment
    variable read while it was written, whoever read it (Rich, Typer, Click's gettext, an
    option's ``envvar``). Their names are not listed by hand: they are recorded when the page
    is written and kept in an index beside it (``helpenv-<terminal key>.txt``), so an option
    or a library that starts reading a variable can never leave a stale page behind.
    """
    from careerpath.files import cache_dir, read_cache

    folder = cache_dir()
    terminal = _help_key()
    index = folder / f"helpenv-{terminal}.txt"
    names = _names_in(read_cache(index))
    if names is not None:
        cached = read_cache(folder / f"help-{_page_key(terminal, names)}.txt")
        if cached is not None:  # checked: a planted page could hold escape sequences
            try:
                sys.stdout.write(bytes(cached).decode("utf-8"))
                sys.stdout.flush()
                return 0
            except UnicodeDecodeError:
                pass
    recorder = _Recorder(sys.stdout)
    read: set[str] = set()
    sys.stdout = recorder
    stop_noting = _note_environment_reads(read)  # before the import: Typer reads some then
    try:
        from careerpath.cli import main as typer_main

        code = typer_main([flag])
    finally:
        stop_noting()
        sys.stdout = recorder.target
    if code == 0 and "*" not in read:  # "*": the whole environment was read, so no key holds
        from careerpath.files import prune_cache, write_cache

        # Names read by earlier pages stay: a page's key must cover every variable its run read.
        every = sorted((names or set()) | read)
        page = folder / f"help-{_page_key(terminal, every)}.txt"
        if write_cache(index, "\n".join(every)) and write_cache(page, "".join(recorder.written)):
            prune_cache(page, "help-*.txt")  # one page a terminal shape: keep the recent ones
            prune_cache(index, "helpenv-*.txt")
    return code


def _names_in(blob: memoryview | None) -> set[str] | None:
    """The variable names a help index holds, or None when there is no readable index."""
    if blob is None:
        return None
    try:
        names = set(bytes(blob).decode("utf-8").split("\n")) - {""}
    except UnicodeDecodeError:
        return None
    return names if all(name.isprintable() and "=" not in name for name in names) else None


def _page_key(terminal: str, names: Iterable[str]) -> str:
    """The help page's key: the terminal's, and each named variable's value (or absence)."""
    import hashlib

    parts = [terminal, *(f"{name}={os.environ.get(name)}" for name in sorted(names))]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _note_environment_reads(read: set[str]) -> Callable[[], None]:
    """Note in ``read`` the name of every environment variable read (``*`` if all were).

    ``os.environ`` is one object that Rich, Click and Typer all read through (``get``,
    ``in`` and ``getenv`` all end in ``__getitem__``), so its class is swapped for a
    subclass that notes each name. Returns the function that swaps it back.
    """
    environ = os.environ
    original = type(environ)

    class Noting(original):  # type: ignore[valid-type, misc]
        def __getitem__(self, name: str) -> str:
            read.add(name)
            return super().__getitem__(name)  # type: ignore[no-any-return]

        def __iter__(self) -> Iterator[str]:
            read.add("*")
            return super().__iter__()  # type: ignore[no-any-return]

    environ.__class__ = Noting

    def stop() -> None:
        environ.__class__ = original

    return stop


def _help_key() -> str:
    """Everything the help page's layout depends on apart from the environment, hashed."""
    import hashlib

    from careerpath import __version__

    size = ""
    for descriptor in (0, 1, 2):  # where Rich looks for the terminal size, in this order
        try:
            size = "x".join(map(str, os.get_terminal_size(descriptor)))
            break
        except (AttributeError, ValueError, OSError):
            continue
    parts = [
        __version__,
        _code_stamp(),
        sys.version,
        str(sys.stdout.isatty()),
        str(getattr(sys.stdout, "encoding", "")),
        size,
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _code_stamp() -> str:
    """When the command-line code last changed: a page cached before is stale.

    The version alone missed a command added or an option renamed between releases (an
    editable install, a git checkout): ``--help`` kept listing the old commands. Statting the
    files that define commands and options costs well under a millisecond.
    """
    package = Path(__file__).resolve().parent
    stamps = []
    for folder in (package, package / "commands"):
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        info = entry.stat()
                        stamps.append(f"{entry.name}:{info.st_mtime_ns}:{info.st_size}")
        except OSError:
            continue
    return ",".join(sorted(stamps))


class _Recorder:
    """Stands in for stdout while Typer prints help: passes everything on and keeps a copy.

    It answers ``isatty``, ``fileno`` and ``encoding`` for the real stream, so Rich lays the
    page out exactly as it would for the user's terminal.
    """

    def __init__(self, target: TextIO) -> None:
        self.target = target
        self.written: list[str] = []

    def write(self, text: str | bytes) -> int:
        # Click writes some pieces as bytes through the same call.
        self.written.append(text.decode() if isinstance(text, bytes) else text)
        return self.target.write(text)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self.target, name)
