"""The fast path and Typer read every option alike: one description, checked against the app.

The list of commands and options comes from the Typer app itself, so a command or option
added later is checked without editing this file.
"""

from __future__ import annotations

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
