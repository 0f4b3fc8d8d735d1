"""The wheel's one build step beyond setuptools': the front-end files, so that `pip install` is the whole install.

`build_py` copies exactly the files `site_builder/build/vendored.py` lists (the plotly.js bundles,
the map geometry and their licences) from `node_modules/` into the wheel's
`site_builder/frontend/`. When `node_modules/` is absent (a build from the sdist), it runs
`npm ci` from `package-lock.json` first: building from source needs Node.js and npm; installing
the wheel needs neither. Editable installs (`pip install -e .`, this repository's `make`) copy
nothing: a checkout reads `node_modules/` directly.

Everything else about the package is in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

HERE = Path(__file__).resolve().parent
NPM_CI = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]


def _vendored():
    """site_builder/build/vendored.py, loaded by path: the package is not importable while it is being built."""
    spec = importlib.util.spec_from_file_location("_site_builder_vendored", HERE / "site_builder/build/vendored.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _install_node_modules() -> None:
    if shutil.which("npm") is None:
        raise SetupError(
            "building site-builder from source needs npm (Node.js 20 or later), to install the plotly.js bundles "
            "and map geometry pinned by package-lock.json into the wheel: on Debian or Ubuntu `sudo apt-get install "
            "nodejs npm`, elsewhere https://nodejs.org/. Installing the published wheel (`pip install site-builder`) "
            "needs no Node."
        )
    subprocess.run(NPM_CI, cwd=HERE, check=True)


def _check_locked(modules: Path, packages) -> None:
    locked = json.loads((HERE / "package-lock.json").read_bytes())["packages"]
    stale = []
    for package in packages:
        want = locked[f"node_modules/{package}"]["version"]
        have = json.loads((modules / package / "package.json").read_bytes())["version"]
        if have != want:
            stale.append(f"{package} {have} (package-lock.json pins {want})")
    if stale:
        raise SetupError(f"node_modules is out of date: {'; '.join(stale)}; run `npm ci` in {HERE}, then build again")


class BuildWithFrontend(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        vendored = _vendored()
        modules = HERE / "node_modules"
        if vendored.missing_files(modules):
            _install_node_modules()
        missing = vendored.missing_files(modules)
        if missing:
            raise SetupError(f"npm ci left these files missing from {modules}: {', '.join(missing)}")
        _check_locked(modules, vendored.LOCK_PACKAGES)
        target = Path(self.build_lib) / "site_builder" / "frontend"
        shutil.rmtree(target, ignore_errors=True)
        for name in vendored.FILES:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(modules / name, target / name)


setup(cmdclass={"build_py": BuildWithFrontend})
