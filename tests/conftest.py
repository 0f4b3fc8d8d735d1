"""Shared fixtures: small sample projects copied into a temporary folder, and builds of them."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764288000")
# The suite builds sites as a local `make site` does, on any machine: in CI (`CI` set) a build without
# an address stops (`SiteConfig.address_problem`), and the tests of that behaviour set `CI` themselves.
for _name in ("CI", "SITE_URL"):
    os.environ.pop(_name, None)


def copy_project(name: str, destination: Path) -> Path:
    """A fixture project in `destination`, sharing the repository's installed front-end files."""
    shutil.copytree(FIXTURES / name, destination, dirs_exist_ok=True)
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return destination


def build_at(project: Path, site_dir: Path, site_url: str | None) -> Path:
    """`build`, with SITE_URL set for this build only: the Kosovo site's mkdocs.yml takes its site_url
    from it (`!ENV SITE_URL`), and a site read in a browser must name the origin it is served on
    (instant navigation and canonical links follow site_url). `None`: a build with no address, as
    a local `make site` makes (with CI unset too: in CI such a build stops, `SiteConfig.address_problem`).
    """
    names = ("SITE_URL", "CI")
    before = {name: os.environ.get(name) for name in names}
    if site_url is None:
        for name in names:
            os.environ.pop(name, None)
    else:
        os.environ["SITE_URL"] = site_url
    try:
        return build(project, site_dir)
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build(project: Path, site_dir: Path | None = None, strict: bool = True) -> Path:
    """Build `project` in-process with MkDocs, as `mkdocs build --strict` does; return the site folder."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    site_dir = site_dir or project / "site"
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config = load_config(config_file=str(project / "mkdocs.yml"), strict=strict, site_dir=str(site_dir))
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


@pytest.fixture
def mini(tmp_path) -> Path:
    """The `mini` sample project: a line chart, a world map and a step chart on three pages."""
    return copy_project("mini", tmp_path / "mini")


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> Path:
    """One strict build of the `mini` project, shared by tests that only read it."""
    project = copy_project("mini", tmp_path_factory.mktemp("mini-built"))
    return build(project)
