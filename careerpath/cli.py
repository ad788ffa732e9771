"""The careerpath command line: the app, its global options, and the commands' registration.

Each command lives in its own module under ``careerpath.commands``, with its options and its
body; this module only builds the app, reads the global options, registers the commands (one
line each, in ``COMMANDS``) and runs the one being called. Only the module of the command
being run is imported (all of them for ``--help``), and heavy modules (networkx, graphviz,
ruamel.yaml, Rich tables) are imported inside the commands that use them, so a command
starts fast.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from careerpath import __version__, actions
from careerpath.commands.common import GlobalOptions, folder_option, global_options

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from typer._click.exceptions import ClickException

__all__ = ["app", "main"]

#: The full app with every command: built on first use (see ``__getattr__``), since building
#: it imports every command module, which a run of one command does not need.
app: typer.Typer

_APP_SETTINGS: dict[str, Any] = {
    "name": "careerpath",
    "help": "Map health and care careers: ways in, progression, links, overlaps and barriers.",
    "rich_markup_mode": "rich",
    "no_args_is_help": True,
    "add_completion": True,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "pretty_exceptions_enable": False,
}
DataOption = Annotated[
    str | None,  # text, not Path: Path("") is ".", which would hide an empty --data
    typer.Option(
        "--data",
        help="Pathways folder to read (default: $CAREERPATH_DATA, else the bundled data).",
        show_default=False,
        metavar="DIR",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"careerpath {__version__}")
        raise typer.Exit()


def _main(
    ctx: typer.Context,
    data: DataOption = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback for errors (for developers).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Map health and care careers: ways in, progression, links, overlaps and barriers."""
    options = global_options(ctx)
    options.data = folder_option(data, "--data")
    options.debug = debug


#: The commands, in the order ``--help`` lists them: the name typed, and where its function
#: is, as ``module:function`` under ``careerpath.commands`` (its body and options live there);
#: for a group of subcommands, its Typer app. Adding a command is one line here; every app is
#: built from this table and never edited, and a module is imported only when its command is
#: in the app being built.
COMMANDS: dict[str, str] = {
    "show": "show:show",
    "list": "list_roles:list_roles",
    "validate": "validate:validate",
    "overlap": "overlap:overlap",
    "gap": "gap:gap",
    "route": "route:route",
    "entry": "entry:entry",
    "from": "from_qualification:from_qualification",
    "barriers": "barriers:barriers",
    "matrix": "matrix:matrix",
    "diagram": "diagram:diagram",
    "similar": "similar:similar",
    "curriculum": "curriculum:curriculum",
    "schema": "schema:schema",
    "export": "export:export",
    "report": "report:report",
    "framework": "framework:framework",
    "coverage": "coverage:coverage",
    "needs": "needs:needs",
    "transfer": "transfer:transfer",
    "supply": "supply:supply",
    "import": "import_esco:import_app",
}


def command_target(name: str) -> Callable[..., Any] | typer.Typer:
    """The function (or, for a group, the Typer app) of the command ``name``, imported now."""
    from importlib import import_module

    module, _, attribute = COMMANDS[name].partition(":")
    target: Callable[..., Any] | typer.Typer = getattr(
        import_module(f"careerpath.commands.{module}"), attribute
    )
    return target


def build_app(names: Iterable[str]) -> typer.Typer:
    """An app with the global options and the named commands of ``COMMANDS``, in that order.

    Built afresh each time, so the full app and the one-command app ``main`` runs are made
    the same way, with no registration copied or edited after the fact.
    """
    built = typer.Typer(**_APP_SETTINGS)
    built.callback()(_main)
    for name in names:
        target = command_target(name)
        if isinstance(target, typer.Typer):
            built.add_typer(target, name=name)
        else:
            built.command(name)(target)
    return built


def _full_app() -> typer.Typer:
    """The full app, built (every command module imported) on first use, then kept."""
    full = globals().get("app")
    if not isinstance(full, typer.Typer):
        full = globals()["app"] = build_app(COMMANDS)
    return full


def __getattr__(name: str) -> typer.Typer:
    """``cli.app`` before anything built it (a module ``__getattr__``, PEP 562)."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return _full_app()


def main(argv: list[str] | None = None) -> int:
    """Run the Typer app and turn careerpath errors into messages and exit code 1.

    Only the command being run is built (see ``_app_for``): Typer inspects every command's
    signature when it builds an app, which costs ~25 ms for all of them.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    options = GlobalOptions()  # this run's; the callback fills it in from --data and --debug

    def run() -> int:
        from typer._click.exceptions import ClickException

        from careerpath.helptext import one_voice

        command = one_voice(typer.main.get_command(_app_for(args)))
        try:
            # Not standalone, so usage errors come back here to be escaped (see _usage_error).
            code = command.main(
                args=args, prog_name="careerpath", standalone_mode=False, obj=options
            )
        except SystemExit as exc:
            return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except typer.Abort:
            actions.error("aborted")
            return 1
        except ClickException as exc:
            return _usage_error(exc)
        return code if isinstance(code, int) else 0

    return actions.guarded(run, lambda: options.debug)  # --debug is parsed during the run


def usage_problem(args: list[str], problem: actions.UsageProblem) -> int:
    """Report a usage problem the fast path found after loading, as Typer would; exit 2.

    The fast path used to hand such a call back to Typer, which ran the command again: the
    catalogue was loaded twice only to reach the same problem. Here the command's Click
    context is built from the same arguments (parsed, never invoked) so the message names
    the same usage line and help option that the Typer command's own BadParameter does.
    """
    from careerpath.helptext import one_voice

    command = one_voice(typer.main.get_command(_app_for(args)))
    with command.make_context("careerpath", list(args), obj=GlobalOptions()) as ctx:
        pending = [*ctx._protected_args, *ctx.args]  # what TyperGroup.invoke reads, too
        name, sub, rest = command.resolve_command(ctx, pending)  # type: ignore[attr-defined]
        sub_ctx = sub.make_context(name, rest, parent=ctx)
    error = typer.BadParameter(str(problem), ctx=sub_ctx, param_hint=problem.param_hint)
    return _usage_error(error)


def _usage_error(exc: ClickException) -> int:
    """Show a usage error as Typer does, with what the user typed escaped for the terminal.

    The one place Click's own messages ("No such command", "Invalid value", "Got unexpected
    extra argument") and careerpath's BadParameter messages reach the terminal: they quote
    arguments, and an argument may hold an escape sequence (a clipboard write, a screen clear).
    """
    from typer import rich_utils

    from careerpath.text import for_terminal

    exc.message = for_terminal(exc.message)
    rich_utils.rich_format_error(exc)
    return exc.exit_code


def command_names() -> list[str]:
    """Every top-level command and group name, as the user types it."""
    return list(COMMANDS)


def _app_for(args: list[str]) -> typer.Typer:
    """The full app, or an app holding only the command ``args`` name (same global options).

    The full app is used whenever the command is unknown (so Click can suggest one), for
    ``--help`` and for shell completion, so everything that lists commands still sees them all.
    """
    from careerpath.argv import command_in

    name = command_in(args)
    if name is None or name not in COMMANDS:
        return _full_app()
    return build_app([name])
