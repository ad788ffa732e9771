"""Odd terminals and streams: a closed stdout, an ASCII-only encoding, COLUMNS=0.

Each is a property of the process, so each runs the real entry point in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

COMMANDS = [
    ("--help",),
    ("validate",),
    ("export",),
    ("diagram", "--format", "mermaid"),
    ("route", "level-3", "PWP"),
    ("show", "PWP"),
]


def careerpath(
    args: tuple[str, ...], env: dict[str, str] | None = None, close_stdout: bool = False
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "careerpath", *args]
    return subprocess.run(
        command,
        capture_output=not close_stdout,
        stderr=subprocess.PIPE if close_stdout else None,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
    )


@pytest.mark.parametrize("args", COMMANDS[:4], ids=" ".join)
def test_a_closed_stdout_gives_no_traceback(args: tuple[str, ...]) -> None:
    done = careerpath(args, close_stdout=True)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode in (0, 1)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_an_ascii_terminal_gets_escapes_not_a_traceback(args: tuple[str, ...]) -> None:
    done = careerpath(args, env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr[-800:]
    assert "Traceback" not in done.stderr
    assert done.stdout.isascii()


def test_columns_zero_still_shows_messages() -> None:
    done = careerpath(("show", "nobody-at-all"), env={"COLUMNS": "0"})
    assert done.returncode == 1
    assert "unknown role 'nobody-at-all'" in done.stderr
    shown = careerpath(("show", "PWP"), env={"COLUMNS": "0"})
    assert "Psychological Wellbeing Practitioner" in shown.stdout
