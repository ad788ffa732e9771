"""Every command under attack: each runs on each hostile folder and must answer with exit 1
and a located message, no traceback, no signal, in bounded time.

Commands are listed from the app itself, so a new command fails here until it is added to
ARGS. In-process runs cover the cross product quickly; the native-crash folder (deep nesting,
which once killed the composer with SIGSEGV) is also run in a subprocess for every command,
where a signal exit would show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from careerpath.cli import command_names

DATA = Path(__file__).parent / "data"
ROLES = {
    "A.yaml": "id: A\ntitle: Role A\nfamily: f\ncompetencies: [c1]\nsources: [{id: sa, url: 'https://x/a'}]\n",
    "B.yaml": "id: B\ntitle: Role B\nfamily: f\ncompetencies: [c1]\nsources: [{id: sb, url: 'https://x/b'}]\n",
}

#: Arguments that make each command read the data (it fails there, on the hostile file).
ARGS: dict[str, tuple[str, ...]] = {
    "show": ("show", "A"),
    "list": ("list",),
    "validate": ("validate", "{root}"),
    "overlap": ("overlap", "A", "B"),
    "gap": ("gap", "A", "B"),
    "route": ("route", "q", "A"),
    "entry": ("entry", "A"),
    "from": ("from", "q", "--within", "600"),
    "barriers": ("barriers",),
    "matrix": ("matrix", "--csv"),
    "diagram": ("diagram", "-o", "{out}/map.svg"),
    "similar": ("similar", "A"),
    "curriculum": ("curriculum", "A", "B"),
    "export": ("export", "--format", "csv", "-o", "{out}/csv"),
    "report": ("report", "A", "B", "-o", "{out}/r.md"),
    "coverage": ("coverage", "{root}"),
    "needs": ("needs", str(DATA / "team-ok.csv"), "{root}"),
    "transfer": ("transfer", "{root}", "A", "B"),
}
#: ``framework`` reads only the frameworks/ folder of the pathways folder: attacked there below.
FRAMEWORKS_ONLY = {"framework": ("framework", "pcmh-matrix")}
#: Commands that read no pathways folder; they are attacked in their own tests.
NOT_READING_DATA = {
    "schema": "tests/test_hostile_commands.py",
    "import": "tests/test_hostile_esco.py",
}


def _sparse(path: Path) -> None:
    with path.open("wb") as out:
        out.truncate(3 * 2**30)


# folder name → (how to make the hostile file, its name, the location its error must name)
HOSTILE = {
    "escape-title": ('id: C\ntitle: "x\\e]52;c;aGk=\\a"\n', "2:8: text holds U+001B (ESC)"),
    "lone-surrogate": ('id: C\ntitle: "\\ud800"\n', "2:8: text holds U+D800"),
    "nul": ('id: C\ntitle: "a\\0b"\n', "2:8: text holds U+0000 (NUL)"),
    "non-character": ('id: C\ntitle: "\\ufffe"\n', "2:8: text holds U+FFFE"),
    "deep-nesting": ("a: " + "[" * 30_000 + "]" * 30_000 + "\n", "1:"),
    "alias-bomb": ((DATA / "broken" / "billion-laughs.yaml").read_text(), "7:4: file expands"),
    "huge-number": ("id: C\nlevel: " + "9" * 5000 + "\n", "2:8: number has 5,000 digits"),
    "sparse-3GB": (_sparse, "1:1: file is 3221.2 MB"),
    "fifo": (os.mkfifo, "1:1: not a regular file"),
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    made = {}
    for name, (content, _) in HOSTILE.items():
        root = tmp_path_factory.mktemp(name)
        shutil.copy(DATA / "hostile" / "_base.yaml", root / "_base.yaml")
        for file, text in ROLES.items():
            (root / file).write_text(text)
        target = root / "hostile.yaml"
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            content(target)
        made[name] = root
    return made


def test_every_command_is_attacked() -> None:
    assert set(ARGS) | set(NOT_READING_DATA) | set(FRAMEWORKS_ONLY) == set(command_names())


def _args(command: str, root: Path, out: Path) -> list[str]:
    return [a.format(root=root, out=out) for a in ARGS[command]]


@pytest.mark.parametrize("folder", sorted(HOSTILE))
@pytest.mark.parametrize("command", sorted(ARGS))
def test_command_on_hostile_folder(
    run, folders: dict[str, Path], tmp_path: Path, command: str, folder: str
) -> None:  # type: ignore[no-untyped-def]
    root = folders[folder]
    started = time.monotonic()
    result = run("--data", str(root), *_args(command, root, tmp_path))
    assert time.monotonic() - started < 30
    assert result.exit_code == 1, (result.exit_code, result.output[-600:])
    assert "Traceback" not in result.output
    located = f"hostile.yaml:{HOSTILE[folder][1]}"
    assert located in result.output, result.output[-600:]
    assert "\x1b" not in result.output
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.slow  # subprocesses
@pytest.mark.parametrize("command", sorted(ARGS))
def test_no_command_dies_of_a_signal(
    folders: dict[str, Path], tmp_path: Path, command: str
) -> None:
    root = folders["deep-nesting"]
    done = subprocess.run(
        [sys.executable, "-m", "careerpath", "--data", str(root), *_args(command, root, tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, (done.returncode, done.stderr[-600:])
    assert "hostile.yaml:1:" in done.stdout + done.stderr and "Traceback" not in done.stderr


def test_schema_needs_no_data_and_writes_only_where_told(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "link.json").symlink_to(tmp_path / "elsewhere.json")
    result = run("schema", "-o", str(tmp_path / "link.json"))
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert not (tmp_path / "elsewhere.json").exists()
    assert run("schema", "-o", str(tmp_path / "s.json")).exit_code == 0


def test_validate_on_an_unreadable_folder_is_a_data_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sealed = Path("/proc/1/map_files")  # unreadable even for root
    result = run("validate", str(sealed))
    assert result.exit_code == 1, result.output
    assert "cannot read" in result.stderr and "Traceback" not in result.output


@pytest.fixture(scope="module")
def framework_folders(
    folders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Each hostile file placed where ``framework`` reads: DIR/frameworks/."""
    made = {}
    for name, (content, _) in HOSTILE.items():
        root = tmp_path_factory.mktemp(f"fw-{name}")
        (root / "frameworks").mkdir()
        target = root / "frameworks" / "hostile.yaml"
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            content(target)
        made[name] = root
    return made


@pytest.mark.parametrize("folder", sorted(HOSTILE))
def test_framework_on_hostile_frameworks_folder(
    run, framework_folders: dict[str, Path], folder: str
) -> None:  # type: ignore[no-untyped-def]
    root = framework_folders[folder]
    result = run("--data", str(root), *FRAMEWORKS_ONLY["framework"])
    assert result.exit_code == 1, (result.exit_code, result.output[-600:])
    assert "Traceback" not in result.output and "\x1b" not in result.output
    assert f"hostile.yaml:{HOSTILE[folder][1]}" in result.output, result.output[-600:]


def test_framework_listing_with_no_frameworks_says_so(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--data", str(tmp_path), "framework")
    assert result.exit_code == 1 and "no competency frameworks" in result.output
