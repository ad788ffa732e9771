"""Regenerate the tour (docs/tour.md): real commands, their real output (run by `make tour`).

The block in docs/tour.md between the tour markers is replaced by the output of the commands below,
run in-process against the bundled data at a fixed width, so the tour never drifts from what
careerpath really prints. tests/test_docs.py checks that the block is current.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "tour.md"
START, END = "<!-- tour:start -->", "<!-- tour:end -->"
WIDTH = "100"

COMMANDS = [
    ("A role's profile", ["show", "PWP"]),
    ("All roles in a family", ["list", "--family", "cyp-mental-health"]),
    ("What two roles share, and what a move takes", ["overlap", "CWP", "EMHP"]),
    ("A learning-needs analysis for one move", ["gap", "CWP", "EMHP"]),
    ("How to get from a starting point to a role", ["route", "degree", "SWP", "--max", "2"]),
    ("Every way into a role", ["entry", "HI-CBT"]),
    ("What a qualification opens", ["from", "degree", "--within", "36"]),
    ("The biggest barriers", ["barriers", "--category", "transfer"]),
    ("Roles closest to a role", ["similar", "CWP", "--top", "5"]),
    ("A role × competency matrix", ["matrix", "--family", "cyp-mental-health"]),
    ("A shared core for related roles", ["curriculum", "CWP", "EMHP", "PWP"]),
    ("Checking a pathways folder", ["validate"]),
]


def run(argv: list[str]) -> str:
    """Run careerpath in-process and capture what it prints."""
    from careerpath.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(argv)
    text = out.getvalue() + err.getvalue()
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


def tour() -> str:
    """The whole tour block, markers included."""
    os.environ["COLUMNS"] = WIDTH
    os.environ["NO_COLOR"] = "1"
    os.environ.pop("CAREERPATH_DATA", None)
    os.chdir(PAGE.parent.parent)
    from careerpath.console import err_console, out_console

    out_console.cache_clear()
    err_console.cache_clear()
    parts = [START, ""]
    for title, argv in COMMANDS:
        shown = " ".join(f'"{a}"' if " " in a else a for a in argv)
        parts += [f"**{title}:**", "", "```console", f"$ careerpath {shown}", run(argv), "```", ""]
    parts.append(END)
    return "\n".join(parts)


def main() -> int:
    """Rewrite the tour block of docs/tour.md."""
    text = PAGE.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print("docs/tour.md has no tour markers", file=sys.stderr)
        return 1
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    PAGE.write_text(before + tour() + after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
