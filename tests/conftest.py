"""Shared fixtures: small sample projects copied into a temporary folder, and builds of them."""

from __future__ import annotations

import contextlib
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


def kosovo_copy(destination: Path) -> Path:
    """The Kosovo project's files (pages, data, charts, every edition's config) in `destination`,
    sharing the repository's front-end files and its cache of chart images (drawn once for every build).
    """
    destination.mkdir(parents=True)
    for name in ("content", "data", "charts"):
        shutil.copytree(ROOT / name, destination / name)
    for config in [*ROOT.glob("mkdocs*.yml"), ROOT / "glossary.yml"]:
        shutil.copy(config, destination / config.name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (ROOT / ".site-builder-cache").mkdir(exist_ok=True)
    (destination / ".site-builder-cache").symlink_to(ROOT / ".site-builder-cache", target_is_directory=True)
    return destination


def build_every_edition(site_dir: Path, site_url: str | None) -> Path:
    """The Kosovo site as `make site` publishes it, every edition (English at the root, sq/, sr/,
    sr-latn/), built from a copy of the project into `site_dir` with SITE_URL as `build_at` sets it.
    """
    from site_builder.engines.mkdocs_editions import build_editions

    project = kosovo_copy(site_dir.parent / f"{site_dir.name}-project")
    with _address(site_url):
        build_editions(project, say=lambda line: None)
    if site_dir.is_dir():
        site_dir.rmdir()  # a server's folder, made empty before the build
    (project / "site").rename(site_dir)
    return site_dir


def build_at(project: Path, site_dir: Path, site_url: str | None) -> Path:
    """`build`, with SITE_URL set for this build only: the Kosovo site's mkdocs.yml takes its site_url
    from it (`!ENV SITE_URL`), and a site read in a browser must name the origin it is served on
    (instant navigation and canonical links follow site_url). `None`: a build with no address, as
    a local `make site` makes (with CI unset too: in CI such a build stops, `SiteConfig.address_problem`).
    """
    with _address(site_url):
        return build(project, site_dir)


@contextlib.contextmanager
def _address(site_url: str | None):
    """SITE_URL set to `site_url` (None: SITE_URL and CI unset) for the time of a build."""
    names = ("SITE_URL", "CI")
    before = {name: os.environ.get(name) for name in names}
    if site_url is None:
        for name in names:
            os.environ.pop(name, None)
    else:
        os.environ["SITE_URL"] = site_url
    try:
        yield
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
