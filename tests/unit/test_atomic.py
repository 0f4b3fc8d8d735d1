"""Atomic site folders (site_builder/build/atomic.py), without MkDocs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build.atomic import AtomicSite


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


@pytest.fixture
def site(tmp_path) -> Path:
    site = tmp_path / "site"
    (site / "charts").mkdir(parents=True)
    (site / "index.html").write_text("old")
    (site / "charts" / "a.csv").write_text("old,csv")
    return site


def test_a_build_writes_beside_the_site_and_replaces_it_on_commit(site):
    atomic = AtomicSite.begin(site)
    assert atomic.temp.parent == site.parent and atomic.temp.name.startswith(".site.tmp-")
    assert list(atomic.temp.iterdir()) == []  # a clean build starts empty
    (atomic.temp / "index.html").write_text("new")
    assert (site / "index.html").read_text() == "old"  # untouched until the commit
    atomic.commit()
    assert snapshot(site) == {"index.html": b"new"}
    assert leftovers(site.parent) == []


def test_abort_leaves_the_previous_site_as_it_was(site):
    before = snapshot(site)
    atomic = AtomicSite.begin(site)
    (atomic.temp / "index.html").write_text("half a build")
    atomic.abort()
    assert snapshot(site) == before
    assert leftovers(site.parent) == []


def test_first_build_creates_the_site(tmp_path):
    atomic = AtomicSite.begin(tmp_path / "out" / "site")
    (atomic.temp / "index.html").write_text("new")
    atomic.commit()
    assert snapshot(tmp_path / "out" / "site") == {"index.html": b"new"}


def test_hidden_entries_of_the_old_site_are_kept(site):
    """MkDocs' clean keeps dot-files in site_dir (a deploy checkout's .git, .nojekyll)."""
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref")
    (site / ".nojekyll").write_text("")
    atomic = AtomicSite.begin(site)
    (atomic.temp / "index.html").write_text("new")
    (atomic.temp / ".nojekyll").write_text("written by the build")
    atomic.commit()
    assert snapshot(site) == {".git/HEAD": b"ref", ".nojekyll": b"written by the build", "index.html": b"new"}


def test_seed_copies_the_site_for_a_dirty_build(site):
    os.utime(site / "index.html", (1_000_000, 1_000_000))
    atomic = AtomicSite.begin(site, seed=True)
    assert snapshot(atomic.temp) == snapshot(site)
    assert (atomic.temp / "index.html").stat().st_mtime == 1_000_000  # MkDocs compares times to find changed pages
    (atomic.temp / "index.html").write_text("new")
    assert (site / "index.html").read_text() == "old"  # a copy, not a link
    atomic.abort()


def test_a_linked_site_folder_stays_a_link(tmp_path, site):
    link = tmp_path / "public"
    link.symlink_to(site, target_is_directory=True)
    atomic = AtomicSite.begin(link)
    (atomic.temp / "index.html").write_text("new")
    atomic.commit()
    assert link.is_symlink() and (link / "index.html").read_text() == "new"


def test_a_build_killed_between_the_renames_gets_the_old_site_back(site):
    """The old site was moved aside, the new one not yet in place: the next build puts it back."""
    before = snapshot(site)
    code = (
        "import os, sys; from site_builder.build.atomic import AtomicSite; a = AtomicSite.begin(sys.argv[1]); "
        "os.rename = lambda *args: os._exit(9) if args[0] == a.temp else os.replace(*args); a.commit()"
    )
    done = subprocess.run([sys.executable, "-c", code, str(site)], cwd=Path(__file__).parents[2])
    assert done.returncode == 9 and not site.exists()
    assert len(leftovers(site.parent)) == 2  # its temporary folder and the old site, moved aside
    atomic = AtomicSite.begin(site)
    assert snapshot(site) == before
    assert leftovers(site.parent) == [atomic.temp.name]
    atomic.abort()


def test_folders_of_a_killed_build_are_removed_by_the_next(site):
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from site_builder.build.atomic import AtomicSite; AtomicSite.begin(sys.argv[1])",
            str(site),
        ],
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0 and len(leftovers(site.parent)) == 1
    atomic = AtomicSite.begin(site)
    assert leftovers(site.parent) == [atomic.temp.name]
    atomic.abort()


def test_a_running_build_folder_is_left_alone(site):
    """Another process's temporary folder is only removed once that process is gone."""
    other = site.parent / f".site.tmp-{os.getppid()}-running"
    other.mkdir()
    atomic = AtomicSite.begin(site)
    assert other.is_dir()
    atomic.abort()


def test_the_new_site_folder_is_readable_as_the_umask_says(site):
    """`mkdtemp` makes a private folder; a site is served by a web server, often as another user."""
    umask = os.umask(0o022)
    try:
        atomic = AtomicSite.begin(site)
        atomic.commit()
    finally:
        os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o755
