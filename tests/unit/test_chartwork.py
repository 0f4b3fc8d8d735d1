"""The chart work (site_builder/build/chartwork.py): the same charts made here or in a forked process,
problems and crashes reported, and nothing left running. No MkDocs.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.build import publish
from site_builder.build.assets import FrontendAssets
from site_builder.build.chartwork import ChartWork, WorkerFailed, write_files
from site_builder.build.contract import ChartJob, chart_paths
from site_builder.errors import ContentError
from site_builder.figures.theme import layout_overrides
from site_builder.formats.embed import find_embeds
from site_builder.formats.project import Project
from tests.conftest import copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project("mini", tmp_path / "mini")


def job(root: Path, site: Path) -> ChartJob:
    return ChartJob(
        root.resolve(),
        "data",
        "charts",
        site,
        "Mini <site>",
        "http://example.org/",
        FrontendAssets.load(root, layout_overrides()),
        inputs=(("data", "charts", "content"), ("mkdocs.yml",)),
        cache=False,
    )


def shown(root: Path) -> dict[str, tuple]:
    pages = {}
    for path in sorted((root / "content").rglob("*.md")):
        embeds = find_embeds(path.read_text())[0]
        if embeds:
            pages[path.relative_to(root / "content").as_posix()] = tuple(embeds)
    return pages


def started(root: Path, site: Path, background: bool = True) -> ChartWork:
    work = ChartWork.start(job(root, site), background=background)
    work.show(shown(root))
    return work


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_forked_and_inline_work_make_the_same_charts(project, tmp_path):
    forked = started(project, tmp_path / "a")
    inline = started(project, tmp_path / "b", background=False)
    assert type(forked).__name__ == "_Forked" and type(inline).__name__ == "_Inline"
    assert forked.pages() == inline.pages()
    one, other = forked.finish(), inline.finish()
    assert one.inputs == other.inputs
    assert {path: stamp[::2] for path, stamp in one.files.items()} == {
        path: stamp[::2] for path, stamp in other.files.items()
    }
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    assert multiprocessing.active_children() == []


def test_what_the_pages_get(project, tmp_path):
    work = started(project, tmp_path / "site")
    pages = work.pages()
    work.stop()  # the images it would draw next are not this test's business
    assert pages.charts == ("states_map", "states_step", "troops_line")
    assert set(pages.figures) == set(pages.stubs) == set(pages.bundles) == set(pages.charts)
    assert all(figure.count("<figure") == 1 for figure in pages.figures.values())
    assert pages.stubs["troops_line"] == "Troops over time. Soldiers deployed"
    assert set(pages.page_keys) == set(pages.page_bundles) == {"troops.md", "deep/map.md"}
    # a map beside a step chart: one bundle draws both, so the page loads one
    assert len(set(pages.page_bundles["deep/map.md"].values())) == 1
    assert pages.page_bundles["deep/map.md"]["states_step"] != pages.bundles["states_step"]
    assert f'data-sb-bundle="{pages.page_bundles["deep/map.md"]["states_step"]}"' in pages.figure(
        "states_step", "../../", "deep/map.md"
    )
    figure = pages.figure("troops_line", "../", "troops.md")
    assert "<!--site-builder:base-->" not in figure and 'href="../charts/troops_line/data.csv"' in figure


def test_every_chart_file_is_written_with_its_stamp(project, tmp_path):
    site = tmp_path / "site"
    written = started(project, site).finish()
    claimed = {path for chart_id in ("states_map", "states_step", "troops_line") for path in chart_paths(chart_id)}
    assert set(written.files) <= claimed and sorted(written.files) == sorted(files_of(site))
    # each chart: its page, three downloads, the figure's script (for file://), the card (PNG, SVG)
    # and four posters in one format
    assert len(written.files) == 3 * 11
    assert {p.rsplit(".", 1)[1] for p in written.files if "/poster-" in p and "states_map" in p} == {"webp"}
    for path, (size, mtime, digest) in written.files.items():
        status = os.stat(site / path)
        assert (size, mtime) == (status.st_size, status.st_mtime_ns)
        assert digest == hashlib.sha256((site / path).read_bytes()).hexdigest()
    assert (
        written.inputs["data/troops.yml"] == hashlib.sha256((project / "data" / "troops.yml").read_bytes()).hexdigest()
    )
    assert "mkdocs.yml" in written.inputs


def test_problems_in_the_project_come_back_as_they_are(project, tmp_path):
    path = project / "data" / "troops.yml"
    path.write_text(path.read_text().replace("troops: 15000", "troops: '15000'"))
    with pytest.raises(ContentError) as direct:
        Project.load(project)
    work = started(project, tmp_path / "site")
    with pytest.raises(ContentError) as forked:
        work.pages()
    assert forked.value.problems == direct.value.problems
    assert not (tmp_path / "site").exists()  # nothing written
    work.stop()
    assert multiprocessing.active_children() == []


def test_a_bug_in_the_work_comes_back_with_its_traceback(project, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(publish, "prepare_charts", broken)  # the work itself, not one chart's
    work = started(project, tmp_path / "site")
    with pytest.raises(WorkerFailed, match="making the charts failed:\n(.|\n)*ZeroDivisionError: a bug"):
        work.pages()
    work.stop()


def test_a_bug_in_one_charts_html_or_images_is_that_charts_problem(project, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    for name in ("render_figure", "render_standalone", "card_figure"):
        with monkeypatch.context() as patch:
            patch.setattr(publish, name, broken)
            work = started(project, tmp_path / name)
            with pytest.raises(ContentError) as error:
                work.pages()
            work.stop()
            problems = error.value.problems
            assert {p.path for p in problems} == {
                "charts/states_map.yml",
                "charts/states_step.yml",
                "charts/troops_line.yml",
            }
            assert all("failed: ZeroDivisionError: a bug" in p.message for p in problems), problems
            assert not (tmp_path / name).exists()


def test_a_process_that_dies_is_reported_with_its_exit_code(project, tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "render_figure", lambda *args, **kwargs: os._exit(7))
    work = started(project, tmp_path / "site")
    with pytest.raises(WorkerFailed, match=r"stopped \(exit code 7\).*SITE_BUILDER_WORKERS=1"):
        work.pages()
    work.stop()


def test_stop_ends_a_running_work(project, tmp_path, monkeypatch):
    monkeypatch.setattr(publish.Project, "load", lambda *args, **kwargs: time.sleep(60))
    work = started(project, tmp_path / "site")
    begun = time.monotonic()
    work.stop()
    assert time.monotonic() - begun < 10
    assert multiprocessing.active_children() == []


def test_workers_1_makes_the_charts_in_this_process(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    assert type(ChartWork.start(job(project, tmp_path / "site"), background=True)).__name__ == "_Inline"


def test_write_files_makes_folders_and_stamps(tmp_path):
    written = write_files({"charts/a/data.csv": b"x,y\n", "charts/a/index.html": b"<p>"}, tmp_path)
    assert (tmp_path / "charts" / "a" / "data.csv").read_bytes() == b"x,y\n"
    assert written["charts/a/index.html"][::2] == (3, hashlib.sha256(b"<p>").hexdigest())


# A parent that starts a child which ends with it (`end_with_parent`), prints the child's pid, and waits.
_PARENT = """
import multiprocessing, os, sys, time
from site_builder.build import prepare
if sys.argv[1] == "watch":  # no parent-death signal: the watching thread alone
    prepare.sys.platform = "darwin"
def child(parent):
    prepare.end_with_parent(parent)
    time.sleep(120)
process = multiprocessing.get_context("fork").Process(target=child, args=(os.getpid(),))
process.start()
print(process.pid, flush=True)
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="looks at processes in /proc")
@pytest.mark.parametrize("how", ["signal", "watch"])
def test_a_forked_process_ends_with_its_parent_killed(how):
    """The chart process and the preparing workers end when the process that forked them is killed:
    at once on Linux (a parent-death signal), within a second elsewhere (a thread watching).
    """
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, how], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    time.sleep(0.3)
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 3
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(child):
        os.kill(child, 9)
        pytest.fail(f"the child outlived its parent ({how})")
