"""The start-up fast path gives exactly what Typer gives, and skips Typer when it can."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerpath import cli, launch
from careerpath.argv import command_in

BUNDLED = Path(__file__).parent.parent / "pathways"

#: Every kind of call the fast path must answer, or hand over, without changing a byte.
CALLS = [
    ["show", "PWP"],
    ["show", "pwp", "--json"],
    ["show", "--json", "clinical psychologist"],
    ["show", "PWX"],
    ["show"],
    ["show", "PWP", "CWP"],
    ["show", "PWP", "--jsn"],
    ["show", "PWP", "-h"],
    ["show", "--", "PWP"],
    ["list"],
    ["list", "--json"],
    ["list", "--family", "cyp-mental-health"],
    ["list", "--family=cyp", "--json"],
    ["list", "--level", "5", "--band", "5"],
    ["list", "--level", "10"],
    ["list", "--level", "five"],
    ["list", "--level"],
    ["list", "--level", "²"],  # a digit to str.isdigit, not to int(): was a traceback
    ["list", "--level", " 5"],
    ["list", "--search", "schools", "--search", "nurse"],
    ["list", "--family", "nonesuch"],
    ["list", "extra"],
    ["--data", str(BUNDLED), "show", "EMHP"],
    ["--data=" + str(BUNDLED), "list", "--json"],
    ["--data", str(BUNDLED / "roles" / "pwp.yaml"), "show", "PWP"],
    ["--data", "/no/such/folder", "list"],
    ["--debug", "show", "PWP", "--json"],
    ["--data"],
    ["overlap", "CWP", "EMHP"],
    ["overlap", "CWP", "EMHP", "PWP", "--json", "--optional"],
    ["overlap", "PWP"],
    ["overlap", "PWP", "pwp"],
    ["overlap", "CWP", "EMHQ"],
    ["overlap", "CWP", "EMHP", "--have", "degree"],
    ["similar", "CWP"],
    ["similar", "CWP", "--top", "3", "--json"],
    ["similar", "CWP", "--top", "0"],
    ["similar", "CWP", "--top=x"],
    ["similar", "CWP", "--top", "²"],
    ["similar", "CWP", "--top", "+3"],
    ["similar", "CWP", "EMHP"],
    ["route", "degree", "SWP", "--json"],
    ["nosuchcommand"],
]


def _both(run_launch, run_typer, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    fast = run_launch(*args)
    slow = run_typer(*args)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (
        slow.exit_code,
        slow.stdout,
        slow.stderr,
    ), args


@pytest.fixture
def run_typer(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """The Typer path alone (what every call went through before the fast path)."""
    from tests.conftest import Result

    def invoke(*args: str) -> Result:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.mark.parametrize("args", CALLS, ids=lambda a: " ".join(a) or "(none)")
def test_fast_path_matches_typer(run, run_typer, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    _both(run, run_typer, args)


def test_calls_cover_success_user_errors_and_usage_errors(run) -> None:  # type: ignore[no-untyped-def]
    codes = {tuple(a): run(*a).exit_code for a in CALLS}
    assert codes[("show", "PWP")] == 0
    assert codes[("show", "PWX")] == 1
    assert codes[("list", "--level", "10")] == 2
    assert codes[("show",)] == 2
    assert codes[("overlap", "PWP", "pwp")] == 2
    assert codes[("overlap", "CWP", "EMHQ")] == 1


def test_command_in_skips_global_options() -> None:
    assert command_in(["--data", "x", "--debug", "show", "PWP"]) == "show"
    assert command_in(["--data=x", "list"]) == "list"
    assert command_in(["--version"]) is None
    assert command_in(["--data"]) is None
    assert command_in([]) is None


def _names(app: object) -> list[str]:
    import typer

    assert isinstance(app, typer.Typer)
    return list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_only_the_command_being_run_is_built() -> None:
    lean = cli._app_for(["--data", "x", "route", "degree", "SWP"])
    assert _names(lean) == ["route"]
    assert lean.registered_callback is not None
    assert lean.registered_callback.callback is cli.app.registered_callback.callback  # type: ignore[union-attr]
    assert _names(cli._app_for(["import", "esco", "x"])) == ["import"]
    full = cli._app_for(["rout", "degree"])
    assert full is cli.app  # so Click can suggest "route"
    assert cli._app_for(["--help"]) is full  # built once, then kept
    assert _names(cli.app) == cli.command_names() == list(cli.COMMANDS)
    assert set(cli.command_names()) >= {"show", "list", "route", "import", "from"}


def test_running_one_command_imports_only_its_module() -> None:
    """A command's run builds an app from its own module: the others are never imported."""
    code = (
        "import sys\nfrom careerpath.cli import main\nmain(['route', 'degree', 'SWP'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('careerpath.commands.')))"
    )
    done = _python(code, {})
    assert done.stdout.splitlines()[-1] == str(
        ["careerpath.commands.common", "careerpath.commands.route"]
    )


def test_no_app_has_its_registrations_edited_after_the_fact() -> None:
    """Apps are built from the COMMANDS table: no code copies or rewrites Typer's lists.

    ``_app_for`` once made its one-command app by assigning a filtered copy of the full app's
    ``registered_commands`` (and its callback) to a fresh Typer: Typer's internals, edited.
    """
    import re

    package = Path(cli.__file__).parent
    edits = [
        f"{path.relative_to(package)}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"\.registered_(commands|groups|callback)\s*(=|\+=|\.append|\.extend)", line)
    ]
    assert edits == []


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
        cwd=Path(__file__).parent.parent,
    )


RUN_AND_REPORT = (
    "import sys\nfrom careerpath.launch import main\ncode = main({args!r})\n"
    "sys.stderr.write('TYPER=' + str('typer' in sys.modules) + ' CODE=' + str(code))\n"
)


def test_show_and_list_never_import_typer(tmp_path: Path) -> None:
    env = {"CAREERPATH_CACHE": str(tmp_path)}
    for args in (
        ["show", "PWP"],
        ["list", "--level", "5"],
        ["show", "CWP", "--json"],
        ["overlap", "CWP", "EMHP"],
        ["similar", "CWP", "--top", "3"],
    ):
        done = _python(RUN_AND_REPORT.format(args=args), env)
        assert done.stderr.endswith("TYPER=False CODE=0"), (args, done.stderr)
        assert done.stdout
    handed_over = _python(RUN_AND_REPORT.format(args=["route", "degree", "SWP"]), env)
    assert handed_over.stderr.endswith("TYPER=True CODE=0")


def test_help_is_typers_page_replayed_from_the_cache(tmp_path: Path) -> None:
    env = {"CAREERPATH_CACHE": str(tmp_path), "COLUMNS": "100"}
    first = _python(RUN_AND_REPORT.format(args=["--help"]), env)
    second = _python(RUN_AND_REPORT.format(args=["--help"]), env)
    direct = _python("from careerpath.cli import main\nmain(['--help'])", env)
    assert first.stderr.endswith("TYPER=True CODE=0")
    assert second.stderr.endswith("TYPER=False CODE=0")
    assert first.stdout == second.stdout == direct.stdout
    assert "route" in first.stdout and "Usage" in first.stdout
    assert len(list(tmp_path.glob("help-*.txt"))) == 1


def test_help_cache_is_keyed_by_terminal_layout(tmp_path: Path) -> None:
    pages = {}
    for columns in ("60", "120"):
        env = {"CAREERPATH_CACHE": str(tmp_path), "COLUMNS": columns}
        _python(RUN_AND_REPORT.format(args=["-h"]), env)
        replayed = _python(RUN_AND_REPORT.format(args=["-h"]), env)
        direct = _python("from careerpath.cli import main\nmain(['-h'])", env)
        assert replayed.stdout == direct.stdout
        pages[columns] = replayed.stdout
    assert pages["60"] != pages["120"]
    assert max(len(line) for line in pages["60"].splitlines()) <= 60
    assert len(list(tmp_path.glob("help-*.txt"))) == 2


def test_unwritable_help_cache_still_prints_help(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = _python(RUN_AND_REPORT.format(args=["--help"]), {"CAREERPATH_CACHE": str(blocker)})
    assert "Usage" in done.stdout and done.stderr.endswith("CODE=0")


def test_completion_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setenv("_CAREERPATH_COMPLETE", "complete_bash")
    monkeypatch.setattr(cli, "main", lambda args: seen.append(args) or 0)
    assert launch.main(["show", "PWP"]) == 0
    assert seen == [["show", "PWP"]]


def test_help_pages_do_not_pile_up(tmp_path: Path) -> None:
    # One page per terminal shape: resizing a terminal all day must not fill the cache.
    for number in range(12):
        old = tmp_path / f"help-old{number:02}.txt"
        old.write_text("stale")
        os.utime(old, (1_000_000 + number, 1_000_000 + number))
    done = _python(RUN_AND_REPORT.format(args=["--help"]), {"CAREERPATH_CACHE": str(tmp_path)})
    assert done.stderr.endswith("CODE=0")
    pages = sorted(p.name for p in tmp_path.glob("help-*.txt"))
    oldest = {f"help-old{number:02}.txt" for number in range(5)}
    assert len(pages) == 8 and oldest.isdisjoint(pages), pages


def test_help_cache_key_changes_when_the_command_code_changes() -> None:
    """A page cached before a command was added must not be replayed after (same version)."""
    import os

    import careerpath.commands
    from careerpath import launch

    module = Path(careerpath.commands.__file__)
    before = module.stat()
    key = launch._help_key()
    try:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        assert launch._help_key() != key
    finally:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert launch._help_key() == key


def test_help_is_never_stale_when_something_starts_reading_a_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An option with an ``envvar`` shown in the help needs no edit to the cache key.

    The stand-in for the Typer app reads a variable no list names, as a new option's
    ``envvar`` (or a new Rich release) would: its page must follow the variable's value.
    """
    monkeypatch.setenv("CAREERPATH_CACHE", str(tmp_path))
    rendered: list[str] = []

    def typer_main(args: list[str]) -> int:
        value = os.environ.get("CAREERPATH_NEW_OPTION", "unset")
        rendered.append(value)
        sys.stdout.write(f"Usage: careerpath [OPTIONS]\n  --new  [env var: {value}]\n")
        return 0

    monkeypatch.setattr(cli, "main", typer_main)
    pages = []
    for value in ("a", "a", "b", "a"):
        monkeypatch.setenv("CAREERPATH_NEW_OPTION", value)
        assert launch.main(["--help"]) == 0
        pages.append(capsys.readouterr().out)
    assert [page.split("env var: ")[1][0] for page in pages] == ["a", "a", "b", "a"]
    assert rendered == ["a", "b"]  # the second "a" and the last were replayed from the cache


def test_the_help_index_holds_what_rich_and_typer_read(tmp_path: Path) -> None:
    """In a fresh process, including what Typer reads when it is imported."""
    from careerpath.files import read_cache

    env = {"CAREERPATH_CACHE": str(tmp_path), "COLUMNS": "90"}
    plain = _python(RUN_AND_REPORT.format(args=["--help"]), env)
    (index,) = tmp_path.glob("helpenv-*.txt")
    blob = read_cache(index)
    assert blob is not None
    names = set(bytes(blob).decode().split("\n"))
    # Names that every page reads whatever the terminal (others, such as TERM, depend on it).
    assert {"COLUMNS", "NO_COLOR", "FORCE_COLOR", "TYPER_USE_RICH", "LANGUAGE"} <= names
    coloured = _python(RUN_AND_REPORT.format(args=["--help"]), {**env, "FORCE_COLOR": "1"})
    direct = _python(
        "from careerpath.cli import main\nmain(['--help'])", {**env, "FORCE_COLOR": "1"}
    )
    assert coloured.stdout == direct.stdout != plain.stdout
    assert "\x1b[" in coloured.stdout and "\x1b[" not in plain.stdout


@pytest.mark.parametrize("args", [["overlap", "PWP", "pwp"], ["overlap", "PWP", "PWP", "pwp"]])
def test_a_usage_problem_found_after_loading_runs_the_command_once(
    run, run_typer, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:  # type: ignore[no-untyped-def]
    """The fast path reports it as Typer does, without handing the call over to run again."""
    from careerpath import actions

    real_load = actions.load
    loads: list[object] = []

    def counting_load(*given: object, **named: object) -> object:
        loads.append(given)
        return real_load(*given, **named)  # type: ignore[arg-type]

    monkeypatch.setattr(actions, "load", counting_load)
    fast = run(*args)
    assert fast.exit_code == 2 and "at least two different roles" in fast.stderr
    assert len(loads) == 1, "the command ran again after the fast path found the problem"
    monkeypatch.setattr(actions, "load", real_load)
    _both(run, run_typer, args)
