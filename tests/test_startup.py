"""Start-up hygiene: heavy libraries load only in the commands that need them."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("networkx", "ruamel", "graphviz", "rich.table")


def test_importing_the_cli_loads_no_heavy_library() -> None:
    code = "import sys, careerpath.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY}


def test_help_loads_no_heavy_library() -> None:
    code = (
        "import sys\nfrom careerpath.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(out.split("MODULES", 1)[1].split())
    assert not {m for m in loaded if m.split(".")[0] in ("networkx", "ruamel", "graphviz")}
