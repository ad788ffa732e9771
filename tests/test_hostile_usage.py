"""Usage errors quote what the user typed: it reaches the terminal escaped, never live.

An argument such as ``$'\\e]52;c;aGk=\\a'`` (a clipboard write) or ``$'\\e[2J'`` (a screen
clear) must show as ``\\x1b]52...`` in "No such command", "Invalid value" and "Got unexpected
extra argument" messages, whether Click or careerpath wrote the message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from careerpath.cli import command_names

from conftest import Result

HOSTILE = "x\x1b]52;c;aGk=\x07\x1b[2J\x9b31m"
#: Any control character but the newline: C0, DEL and C1 (\x9b is a one-byte CSI).
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")

CASES = [
    pytest.param([HOSTILE], id="no-such-command"),
    pytest.param([f"--{HOSTILE}"], id="no-such-option"),
    pytest.param(["route", "--by", HOSTILE, "a", "b"], id="invalid-choice"),
    pytest.param(["similar", "a", "--top", HOSTILE], id="invalid-number"),
    pytest.param(["diagram", "-o", f"{HOSTILE}"], id="careerpath-bad-parameter"),
    pytest.param(["--data", f"/nonexistent/{HOSTILE}", "list"], id="missing-folder"),
    *(
        pytest.param([name, HOSTILE, HOSTILE, HOSTILE], id=f"extra-{name}")
        for name in command_names()
    ),
]


@pytest.mark.parametrize("args", CASES)
def test_a_usage_error_shows_typed_escapes_escaped(
    run: Callable[..., Result], args: list[str]
) -> None:
    result = run(*args)
    assert result.exit_code in (1, 2), result
    assert not RAW.search(result.output), result.output
    assert "error" in result.stderr.lower(), result.stderr
