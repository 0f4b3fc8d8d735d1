"""The preview never freezes: whatever a save breaks (a dataset, a chart, mkdocs.yml, the
navigation, a strict-mode warning), `mkdocs serve` keeps answering every request, every page shows
the problem in the red box over the last good version, and the save that fixes it brings the
page back (live reload reloads it) without a restart; `site-builder serve` starts on a project
broken from the start, too. One server a group of scenarios, on the mini project.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import copy_project

pytestmark = pytest.mark.xdist_group("serve")

MKDOCS = [sys.executable, "-m", "mkdocs", "serve", "--strict"]
SITE_BUILDER = [sys.executable, "-m", "site_builder.editors.cli", "serve"]
ANSWER = 10  # seconds: a request that waits longer is the stall this file is about (a rebuild takes 1-2 s)
FIRST_CHARTS = 90  # a request waits for the build under way (MkDocs' rule): one that draws a chart's images
STRICT_NAV = "validation:\n  nav:\n    omitted_files: warn\n"  # as the Kosovo site's mkdocs.yml


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = ANSWER) -> tuple[int, str]:
    """The status and page; a request unanswered within `timeout` seconds fails the test."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def fetch(url: str, timeout: float = ANSWER) -> str:
    return get(url, timeout)[1]


def wait_for(condition, timeout: float = 30, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except urllib.error.URLError as error:  # not listening yet; a request that times out fails the test
            if not isinstance(error.reason, ConnectionRefusedError):
                raise
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def box(page: str) -> str:
    """The red box's text on a page ("" when there is none), unescaped enough to read."""
    found = re.search(r'<div class="admonition failure sb-preview-problems".*?</div>', page, re.DOTALL)
    return found[0].replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">") if found else ""


def epoch(page: str) -> int:
    """The site version a served page belongs to (MkDocs' live-reload script)."""
    return int(re.search(r"livereload\((\d+), \d+\)", page)[1])


@contextlib.contextmanager
def serving(project: Path, command: list[str], log: Path, first: str = "Troops over time"):
    """`command` serving `project` on a free port; yields the troops page's URL once `first` is on it."""
    port = free_port()
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [*command, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/troops/"
        wait_for(lambda: first in fetch(url, FIRST_CHARTS), FIRST_CHARTS, "the first build")
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # its own session: the server and nothing else
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def broken_then_fixed(url: str, path: Path, old: str, new: str, shown: str | tuple, last_good: str) -> None:
    """Break `path`; every request answers, with `shown` (each of them) in the box over `last_good`;
    the fix brings the page back.
    """
    before, original, shown = fetch(url), path.read_text(), (shown,) if isinstance(shown, str) else shown
    assert not box(before) and last_good in before
    edit(path, old, new)
    wait_for(lambda: all(text in box(fetch(url)) for text in shown), what=f"the problem {shown!r} in the box")
    status, page = get(url)
    assert status == 200 and last_good in page
    assert epoch(page) > epoch(before)  # the build that failed moved the site on: open tabs reload
    path.write_text(original)
    wait_for(lambda: not box(fetch(url)), what="the page back, without the box")
    assert last_good in fetch(url)


@pytest.fixture
def mini(tmp_path):
    """The mini project, strict about nav as the Kosovo site is, without chart images (drawn in
    Chromium, they are no part of what the preview shows of a problem, and slow every first build).
    """
    project = copy_project("mini", tmp_path / "mini")
    config = (
        (project / "mkdocs.yml").read_text().replace("  - site-builder\n", "  - site-builder:\n      images: false\n")
    )
    (project / "mkdocs.yml").write_text(config + STRICT_NAV)
    return project


def test_a_broken_edit_keeps_the_last_good_page_and_a_fix_recovers(mini, tmp_path):
    log = tmp_path / "serve.log"
    dataset, spec = mini / "data" / "troops.yml", mini / "charts" / "troops_line.yml"
    with serving(mini, MKDOCS, log) as url:
        # An unknown value type in a dataset: reported, and the page still serves the last good chart.
        edit(dataset, "troops: 15000", "troops: '15,000'")
        wait_for(lambda: "records[1].troops: expected an integer, got '15,000'" in log.read_text(), what="the error")
        assert "data/troops.yml:28:28: records[1].troops" in log.read_text()
        page = fetch(url)
        assert "Troops over time" in page and 'id="chart-troops_line"' in page
        assert "1 problem in the content; this preview shows the last good charts" in box(page)

        # Half-typed YAML in a chart spec, on top: still serving.
        edit(spec, "title: Troops over time", "title: [Troops")
        wait_for(
            lambda: "charts/troops_line.yml:" in log.read_text() and "2 problems in the content" in fetch(url),
            what="the second error",
        )
        assert "Troops over time" in fetch(url)

        # Fixed, with a new title: the page catches up, the box goes.
        edit(dataset, "troops: '15,000'", "troops: 15000")
        edit(spec, "title: [Troops", "title: Troops, fixed")
        wait_for(lambda: "Troops, fixed" in fetch(url, FIRST_CHARTS), FIRST_CHARTS, "the fixed page")
        assert not box(fetch(url))
    assert "the problems are fixed" in log.read_text()
    assert "An error happened during the rebuild" not in log.read_text()  # MkDocs never stalled


def test_whatever_breaks_in_mkdocs_yml_every_page_keeps_answering_with_the_box(mini, tmp_path):
    log, config = tmp_path / "serve.log", mini / "mkdocs.yml"
    chart = 'id="chart-troops_line"'
    with serving(mini, MKDOCS, log) as url:
        # A page taken out of nav: strict mode's warning, in the box; the page is current.
        broken_then_fixed(
            url, config, "  - Troops: troops.md\n", "", ("content/troops.md: ", "not in the navigation"), chart
        )
        # A nav entry that names no page, with the one it meant.
        broken_then_fixed(
            url,
            config,
            "Map: deep/map.md",
            "Map: deep/mapp.md",
            ("mkdocs.yml:15: nav: ", "'deep/mapp.md'", "'deep/map.md'"),  # the entry, and the page it meant
            chart,
        )
        # A tab: mkdocs.yml no longer reads; the last good site, the line named.
        broken_then_fixed(
            url,
            config,
            "  - Home: index.md",
            "\t- Home: index.md",
            "this preview shows the last good version of the site",
            chart,
        )
        assert "mkdocs.yml:13:" in log.read_text()
        # A value MkDocs refuses, on its line.
        broken_then_fixed(
            url,
            config,
            "docs_dir: content\n",
            "docs_dir: content\nuse_directory_urls: maybe\n",
            "mkdocs.yml:4: use_directory_urls: Expected type: <class 'bool'> but received: <class 'str'>",
            chart,
        )
        # Any other strict-mode warning: a link to no page.
        broken_then_fixed(
            url,
            mini / "content" / "troops.md",
            "# Troops\n",
            "# Troops\n\nSee [the map](nowhere.md).\n",
            "Doc file 'troops.md' contains a link 'nowhere.md', but the target is not found",
            chart,
        )
    assert "An error happened during the rebuild" not in log.read_text()
    assert "Aborted with" not in log.read_text()


def test_a_preview_started_on_broken_content_serves_the_pages_and_recovers(mini, tmp_path):
    """The plugin alone (plain `mkdocs serve`): the pages, each chart a box, until the dataset is fixed."""
    log, dataset = tmp_path / "serve.log", mini / "data" / "troops.yml"
    edit(dataset, "troops: 15000", "troops: '15,000'")
    with serving(mini, MKDOCS, log, first="sb-preview-problems") as url:
        page = fetch(url)
        assert "this preview shows the pages without their charts" in box(page)
        assert "data/troops.yml:28:28: records[1].troops: expected an integer" in box(page)
        assert "The chart 'troops_line' cannot be shown yet" in page
        edit(dataset, "troops: '15,000'", "troops: 15000")
        wait_for(lambda: 'id="chart-troops_line"' in fetch(url, FIRST_CHARTS), FIRST_CHARTS, "the charts")
        assert not box(fetch(url))


def test_site_builder_serve_starts_on_a_broken_mkdocs_yml_and_recovers(mini, tmp_path):
    log, config = tmp_path / "serve.log", mini / "mkdocs.yml"
    edit(config, "  - Home: index.md", "\t- Home: index.md")
    with serving(mini, SITE_BUILDER, log, first="The preview cannot show the site yet") as url:
        for path in ("troops/", "", "no/such/page/"):  # every address: the problems, and the page reloads itself
            status, page = get(url.rsplit("/", 2)[0] + "/" + path)
            assert status == 404 and "mkdocs.yml:13:" in box(page)
            assert "the preview has no version of this page yet" in box(page) and epoch(page)
        edit(config, "\t- Home: index.md", "  - Home: index.md")
        wait_for(lambda: 'id="chart-troops_line"' in fetch(url, FIRST_CHARTS), FIRST_CHARTS, "the site")
        assert not box(fetch(url))
        # From then on, as `mkdocs serve`: the last good site while it breaks again.
        broken_then_fixed(
            url, config, "site_name: Mini site", "site_name: Mini: site", "mkdocs.yml:1:", "Troops over time"
        )
        broken_then_fixed(
            url,
            mini / "data" / "troops.yml",
            "troops: 15000",
            "troops: x",
            "data/troops.yml:28",
            'id="chart-troops_line"',
        )
    assert "the problems are fixed; the preview is up to date." in log.read_text()
