"""Every command has help text and is documented in the README."""

from __future__ import annotations

from typing import Any

import typer.main

from careerpath.cli import app

from conftest import REPO


def commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help() -> None:
    for name, command in commands().items():
        assert command.help and len(command.help) > 20, name
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"{name} {param.name}"


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in commands() if f"careerpath {name}" not in readme]
    assert not missing, missing


def test_tour_is_current(monkeypatch) -> None:
    """The tour in docs/tour.md is the real output of the commands it shows (make tour)."""
    import importlib.util

    from careerpath.console import err_console, out_console

    spec = importlib.util.spec_from_file_location("tour", REPO / "docs" / "tour.py")
    assert spec and spec.loader
    tour = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tour)
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", tour.WIDTH)
    try:
        expected = tour.tour()
    finally:
        out_console.cache_clear()
        err_console.cache_clear()
    page = (REPO / "docs" / "tour.md").read_text(encoding="utf-8")
    current = page[page.index(tour.START) : page.index(tour.END) + len(tour.END)]
    assert current == expected, "docs/tour.md is out of date: run make tour"


def test_the_adding_a_command_diff_matches_the_code() -> None:
    """docs/development.md shows a command's whole diff: its cli.py context must be real."""
    page = (REPO / "docs" / "development.md").read_text(encoding="utf-8")
    diff = page.split("**Adding a command.**")[1].split("```diff\n")[1].split("```")[0]
    module, rest = diff.split("--- careerpath/cli.py\n")
    cli_hunk = rest.split("\n--- ")[0]
    source = (REPO / "careerpath" / "cli.py").read_text(encoding="utf-8")
    context = [line[1:] for line in cli_hunk.splitlines() if line.startswith(" ")]
    assert context and all(line in source.splitlines() for line in context), context
    header = cli_hunk.splitlines()[0].removeprefix("@@ ")
    assert header in source.splitlines(), header
    code = "\n".join(line[1:] for line in module.splitlines()[1:])
    compile(code, "count.py", "exec")  # the module shown is valid Python
