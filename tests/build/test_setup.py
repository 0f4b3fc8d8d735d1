"""Set-up that explains itself: the Python floor and the pins agree, and `make` says what a machine lacks.

The constraints are resolved by pip for the lowest Python pyproject.toml accepts (`--python-version`, wheels
only, nothing installed), through the registry and pip's cache. The Makefile is run for real in a scratch
folder with stand-ins: a Python that is too old, a .venv whose Python no longer runs, no Node on PATH, a pin
that cannot be installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FLOOR = PYPROJECT["project"]["requires-python"].removeprefix(">=")


def resolve(python_version: str, tmp_path: Path) -> subprocess.CompletedProcess:
    project = PYPROJECT["project"]
    wanted = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed", "--only-binary=:all:"]
        + [
            "--python-version",
            python_version,
            "--target",
            str(tmp_path / "target"),
            "-c",
            str(ROOT / "constraints.txt"),
        ]
        + wanted,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_requires_python_is_a_full_version():
    assert FLOOR.count(".") == 2, "name the patch release: pins such as pymdown-extensions 13.1 need 3.11.5"


def test_the_constraints_install_on_the_lowest_python_pyproject_accepts(tmp_path):
    result = resolve(FLOOR, tmp_path)
    assert result.returncode == 0, (
        f"constraints.txt cannot be installed on Python {FLOOR}, which pyproject.toml's requires-python accepts: "
        f"raise requires-python or relax the pin pip names\n{result.stderr[-3000:]}"
    )


def test_the_floor_is_no_higher_than_the_constraints_need(tmp_path):
    major, minor, patch = map(int, FLOOR.split("."))
    below = f"{major}.{minor}.{patch - 1}" if patch else f"{major}.{minor - 1}.99"
    result = resolve(below, tmp_path)
    assert result.returncode != 0, f"the constraints install on Python {below} too: lower requires-python to it"


# --- the Makefile ------------------------------------------------------------------------------


def make(folder: Path, *args: str, path: str | None = None, **env_vars: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": path if path is not None else os.environ["PATH"], **env_vars}
    env.pop("MAKEFLAGS", None)
    return subprocess.run(
        ["/usr/bin/make", "--no-print-directory", "-C", str(folder), "-f", str(ROOT / "Makefile"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def scratch(tmp_path) -> Path:
    for name in ("pyproject.toml", "constraints.txt", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def script(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + text)
    path.chmod(0o755)
    return path


def old_python(folder: Path) -> Path:
    """A Python 3.11.2, as Debian 12 has: it answers --version and fails the version check."""
    return script(folder / "bin/python3.11", 'if [ "$1" = --version ]; then echo "Python 3.11.2"; exit 0; fi\nexit 1\n')


def test_a_python_too_old_says_which_and_what_to_install(scratch):
    python = old_python(scratch)
    result = make(scratch, f"PYTHON={python}", ".venv/.installed")
    assert result.returncode != 0
    assert f"site-builder needs Python 3.11.5 or later, and '{python}' is Python 3.11.2." in result.stderr
    assert "On Debian 12 (Python 3.11.2) or elsewhere: install a newer Python" in result.stderr
    assert "run make PYTHON=/path/to/python3.13" in result.stderr
    assert not (scratch / ".venv").exists()


def test_a_venv_whose_python_no_longer_runs_is_not_reused(scratch):
    script(scratch / ".venv/bin/python", "exit 127\n")
    for stamp in (".installed", ".installed-test"):
        (scratch / ".venv" / stamp).touch()  # newer than pyproject.toml: make would call the venv up to date
    result = make(scratch, f"PYTHON={old_python(scratch)}", ".venv/.installed")
    assert not (scratch / ".venv/.installed").exists() and not (scratch / ".venv/.installed-test").exists()
    assert "site-builder needs Python 3.11.5 or later" in result.stderr  # it set about rebuilding the venv


def test_no_node_says_what_to_install_and_where(scratch):
    result = make(scratch, "node_modules/.installed", path="/nonexistent")
    assert result.returncode != 0
    assert "npm: No such file" not in result.stderr
    assert (
        "The front-end files (plotly.js, map geometry) are installed with npm: install Node.js 20 or later with npm "
        "(Debian or Ubuntu: sudo apt-get install nodejs npm; elsewhere https://nodejs.org/), then run make again."
    ) in result.stderr


def test_a_failed_install_removes_the_venv_so_the_next_make_starts_afresh(scratch):
    # Offline, as a machine without network is: pip finds no setuptools to build the project with.
    offline = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": "", "PIP_CONSTRAINT": ""}
    result = make(scratch, f"PYTHON={sys.executable}", ".venv/.installed", **offline)
    assert result.returncode != 0
    assert "installing the Python packages into .venv failed (see pip's message above); .venv was removed" in (
        result.stderr
    )
    assert not (scratch / ".venv").exists()
