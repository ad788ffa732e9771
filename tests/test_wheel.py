"""The packaged tool: a wheel installed into a fresh virtual environment works anywhere."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import REPO


@pytest.mark.slow
def test_wheel_installs_and_finds_bundled_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(REPO)],
        check=True,
    )
    wheel = next(dist.glob("careerpath-*.whl"))
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shown = subprocess.run(
        [str(env_dir / "bin" / "careerpath"), "show", "PWP", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(shown.stdout)["title"] == "Psychological Wellbeing Practitioner"
    as_module = subprocess.run(
        [str(python), "-m", "careerpath", "validate"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert as_module.returncode == 0, as_module.stdout + as_module.stderr
    assert "site-packages/careerpath/pathways" in as_module.stdout
    # the bundled supply scenarios ship too, and run by name from anywhere
    supply = subprocess.run(
        [str(env_dir / "bin" / "careerpath"), "supply", "healthcare-science", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert supply.returncode == 0, supply.stderr
    assert "site-packages/careerpath/scenarios/healthcare-science.yaml" in supply.stdout
