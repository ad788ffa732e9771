"""Draw the README's terminal pictures: real command output, recorded as SVG by Rich.

``make diagrams`` runs this. Each picture is the command run in a fresh process at 100
columns with colour forced, its ANSI output turned back into Rich text and exported, so a
picture can never show output the program does not produce.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

HERE = Path(__file__).parent
WIDTH = 100
PICTURES = {
    "terminal-show.svg": (["show", "PWP"], 44),
    "terminal-route.svg": (["route", "degree", "clinical-psychologist", "--max", "2"], 40),
    "terminal-barriers.svg": (["barriers", "--top", "3"], 44),
}


def picture(args: list[str], lines: int) -> str:
    """The first ``lines`` lines of ``careerpath ARGS`` as an SVG terminal picture."""
    env = {**os.environ, "COLUMNS": str(WIDTH), "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "careerpath", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    kept = done.stdout.split("\n")[:lines]
    console = Console(record=True, width=WIDTH, force_terminal=True, file=io.StringIO())
    console.print(Text.from_ansi("\n".join(kept)), soft_wrap=True)
    return console.export_svg(title="careerpath " + " ".join(args))


def main() -> None:
    """Write every picture into docs/images."""
    for name, (args, lines) in PICTURES.items():
        target = HERE / "images" / name
        target.write_text(picture(args, lines), encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
