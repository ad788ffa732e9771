"""The fast path and Typer read every option alike: one description, checked against the app.

The list of commands and options comes from the Typer app itself, so a command or option
added later is checked without editing this file.
"""

from __future__ import annotations

import re

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer._click.exceptions import BadParameter

from careerpath import launch
from careerpath.cli import app
from careerpath.options import FAST, Option

from conftest import examples

GROUP = typer.main.get_command(app)
assert isinstance(GROUP, typer.core.TyperGroup)
#: Every (command, option) pair of the app, as the user types them.
PAIRS = [
    (name, param.opts[-1] if param.opts[-1].startswith("--") else param.opts[0])
    for name, command in sorted(GROUP.commands.items())
    for param in command.params
    if param.param_type_name == "option"
]
#: Text a user might give a whole-number option, including what ``str.isdigit`` and ``int``
#: disagree about (``²`` is a digit to one and not the other; ``int`` takes ``" 5"`` and ``5_0``).
PROBES = ["0", "1", "5", "9", "10", "499", "500", "501", "-1", "+3", " 5", "5 ", "05", "5_0"]
PROBES += ["²", "٥", "x", "", "1.5", "1e2", "0x5", "99999999999999999999"]


def _param(command: str, option: str) -> typer.core.TyperOption:
    params = [p for p in GROUP.commands[command].params if option in p.opts]
    assert len(params) == 1 and isinstance(params[0], typer.core.TyperOption)
    return params[0]


def _described(command: str, option: str) -> Option | None:
    return next((o for o in FAST.get(command, ()) if o.name == option), None)


def _typer_reads(param: typer.core.TyperOption, text: str) -> object:
    """What Typer makes of ``text`` for this option, or None where it refuses it."""
    try:
        return param.type.convert(text, param, None)
    except BadParameter:
        return None


def test_the_fast_commands_are_commands_of_the_app() -> None:
    assert set(launch._COMMANDS) == set(FAST)
    assert set(FAST) <= set(GROUP.commands)
    for name, options in FAST.items():
        declared = {o for _, o in PAIRS if _ == name}
        assert {o.name for o in options} <= declared, name


def test_every_option_of_the_app_is_listed() -> None:
    # A guard on the derivation itself: the app's own commands and options are all here.
    assert ("list", "--level") in PAIRS and ("similar", "--top") in PAIRS
    assert ("route", "--max") in PAIRS and ("list", "--families") in PAIRS
    assert len({name for name, _ in PAIRS}) == len(GROUP.commands) - 1  # `import` is a group


@pytest.mark.parametrize(("command", "option"), PAIRS, ids=[f"{c} {o}" for c, o in PAIRS])
def test_fast_path_and_typer_agree(command: str, option: str) -> None:
    """Described options read alike; any other option sends the call to Typer."""
    param = _param(command, option)
    described = _described(command, option)
    if command not in FAST:
        # Never answered by the fast path, whatever the option.
        assert launch._fast([command, option, "1"]) is None
        return
    parse = launch._COMMANDS[command][0]
    value = [] if param.is_flag else ["1"]
    if described is None:
        assert parse(["PWP", "CWP", option, *value]) is None, "must go to Typer"
        return
    assert parse(["PWP", "CWP", option, *value]) is not None
    assert described.flag == param.is_flag
    assert described.text == param.help
    if described.low is not None or described.high is not None:
        assert (param.type.min, param.type.max) == (described.low, described.high)  # type: ignore[attr-defined]
        if param.default is not None:
            assert param.default == described.default
        for text in PROBES:
            assert described.parse(text) == _typer_reads(param, text), text


RANGED = [(c, o) for c, options in FAST.items() for o in options if o.low is not None]


@pytest.mark.parametrize(("command", "option"), RANGED, ids=[f"{c} {o.name}" for c, o in RANGED])
@settings(max_examples=examples(150), deadline=None)
@given(text=st.one_of(st.integers().map(str), st.text(max_size=5)))
def test_limits_agree_on_any_text(command: str, option: Option, text: str) -> None:
    assert option.parse(text) == _typer_reads(_param(command, option.name), text)


def _command_functions() -> dict[str, object]:
    """Each command's function by the name typed (``import esco`` for the group's command)."""
    from careerpath import cli

    functions: dict[str, object] = {}
    for name in cli.COMMANDS:
        target = cli.command_target(name)
        if isinstance(target, typer.Typer):
            for info in target.registered_commands:  # read, never edited
                assert info.callback is not None
                functions[f"{name} {info.name or info.callback.__name__}"] = info.callback
        else:
            functions[name] = target
    return functions


def _declared_options() -> dict[str, list[tuple[str, object]]]:
    """Every option flag (``--output``, ``-o``) and, per command, the Typer option declaring it."""
    import typing

    from typer.models import OptionInfo

    by_flag: dict[str, list[tuple[str, object]]] = {}
    for name, function in _command_functions().items():
        command = typer.main.get_command_from_info(
            typer.models.CommandInfo(callback=function),  # type: ignore[arg-type]
            pretty_exceptions_short=False,
            rich_markup_mode=None,
        )
        hints = typing.get_type_hints(function, include_extras=True)
        for param in command.params:
            if param.param_type_name != "option":
                continue
            infos = [
                m
                for m in getattr(hints[param.name], "__metadata__", ())
                if isinstance(m, OptionInfo)
            ]
            assert len(infos) == 1, (name, param.name)
            for flag in param.opts:
                by_flag.setdefault(flag, []).append((name, infos[0]))
    return by_flag


SHARED = {flag: uses for flag, uses in _declared_options().items() if len(uses) > 1}


def test_the_shared_options_are_found() -> None:
    # A guard on the derivation: the options the issue names are among those found shared.
    assert {"-o", "--output", "--have", "--strict", "--proposed", "--json", "--csv"} <= set(SHARED)
    assert {"--family", "--framework", "--role", "--format"} <= set(SHARED)


@pytest.mark.parametrize("flag", sorted(SHARED))
def test_an_option_several_commands_take_is_described_once_in_options(flag: str) -> None:
    """Every command builds it from careerpath.options (Option.typer), none declares it."""
    from careerpath.options import MADE

    own = [name for name, info in SHARED[flag] if not any(info is made for made in MADE)]
    assert own == [], f"{flag} declared by the command itself in: {own}"


def test_no_command_module_spells_a_shared_option_in_a_typer_option() -> None:
    import re
    from pathlib import Path

    import careerpath.commands

    folder = Path(careerpath.commands.__file__).parent
    flags = "|".join(re.escape(flag) for flag in SHARED)
    pattern = re.compile(r"typer\.Option\(\s*(?:\"[^\"]*\",\s*)*\"(" + flags + r")\"", re.S)
    found = [
        f"{path.name}: {match.group(1)}"
        for path in sorted(folder.glob("*.py"))
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize("flag", sorted(SHARED))
def test_every_command_help_still_lists_its_shared_options(
    run, flag: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "200")
    for name, _ in SHARED[flag]:
        result = run(*name.split(), "--help")
        assert result.exit_code == 0
        assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", result.stdout), (name, flag)
