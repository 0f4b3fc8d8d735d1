"""The Kosovo site opened from a folder (`file://`: a copy on a USB stick, an archive unpacked), as a
plain `make site` builds it: no address, instant navigation on in mkdocs.yml.

There Material turns instant navigation off (it completes `document$` before the page is shown),
the browser blocks `fetch()` of files, and plotly.js cannot fetch the map's geometry. The loader
must still start on every page, each chart must show its poster and draw when a reader reaches
for it (the figure and the geometry come as scripts there), and each table must open.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DRAWN, Recorder, poster_loaded, reach
from tests.conftest import ROOT, build_at, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("real-site")]

DRAW_TIMEOUT = 30_000  # ms: a busy machine may take long over a map


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return build_at(ROOT, tmp_path_factory.mktemp("file-url") / "site", None)


def chart_pages(site) -> list:
    pages = [p for p in sorted(site.rglob("index.html")) if "assets" not in p.parts]
    return [p for p in pages if 'class="sb-chart' in p.read_text(encoding="utf-8")]


def test_every_chart_shows_its_poster_and_draws_from_a_folder(browser, folder):
    pages = chart_pages(folder)
    assert len(pages) >= 10, pages  # the site's pages with charts, and each chart's own page
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    recorder = Recorder()
    recorder.attach(context)
    drawn, maps = [], 0
    try:
        for path in pages:
            page = context.new_page()
            page.goto(path.as_uri())
            figures = page.locator("figure.sb-chart")
            page.mouse.move(0, 0)  # on the header: no chart is reached while the posters are looked at
            for index in range(figures.count()):  # before any is drawn: a drawn chart hides its poster
                figure = figures.nth(index)
                figure.locator(".sb-chart__plot").scroll_into_view_if_needed()
                poster_loaded(figure, timeout=DRAW_TIMEOUT)  # never an empty box
                expect(figure.locator("button.sb-chart__explore")).to_be_visible()  # the loader ran
            for index in range(figures.count()):
                figure = figures.nth(index)
                reach(page, figure)
                expect(figure).to_have_class(DRAWN, timeout=DRAW_TIMEOUT)
                if "choropleth" in (figure.get_attribute("data-sb-traces") or ""):
                    maps += 1  # drawn with its geometry: every state's shape, not an empty globe
                    assert figure.locator(".choroplethlocation").count() > 150
                table = figure.locator("details.sb-chart__table")
                table.locator("summary").click()
                expect(table).to_have_attribute("open", "")
                expect(table.locator("tbody tr").first).to_be_visible()
                drawn.append(f"{path.relative_to(folder)}#{figure.get_attribute('data-sb-chart')}")
            page.close()
    finally:
        context.close()
    figures = sum(path.read_text(encoding="utf-8").count('<figure class="sb-chart') for path in pages)
    assert maps >= 2 and len(drawn) == figures >= 14, drawn
    assert recorder.errors == []
    assert not [url for url in recorder.requests if not url.startswith(("file://", "data:"))], "nothing off the disk"
    assert not [url for url in recorder.requests if url.endswith("/figure.json") or url.endswith("world_110m.json")]


@pytest.fixture(scope="module")
def file_urls_folder(tmp_path_factory):
    """The `mini` project as a site meant to be opened from a folder: `use_directory_urls: false`
    (with folder URLs, a link to `kfor/` opens the browser's listing of the folder), no address.
    """
    project = copy_project("mini", tmp_path_factory.mktemp("file-urls") / "mini")
    config = project / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url: .*\n", "", config.read_text(encoding="utf-8"))
    config.write_text(text + "use_directory_urls: false\n", encoding="utf-8")
    return build_at(project, project / "site", None)


def test_the_pages_link_to_each_other_from_a_folder(browser, file_urls_folder):
    """A click is a full load from file:// (Material's instant navigation is off there): the next
    page's charts are found, show their posters and draw; the chart's own page opens from its link.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    recorder = Recorder()
    recorder.attach(context)
    try:
        page = context.new_page()
        page.goto((file_urls_folder / "index.html").as_uri())
        page.locator("a.md-nav__link", has_text="Map").first.click()
        page.wait_for_url("**/deep/map.html")
        figure = page.locator("figure.sb-chart").first
        poster_loaded(figure, timeout=DRAW_TIMEOUT)
        reach(page, figure)
        expect(figure).to_have_class(DRAWN, timeout=DRAW_TIMEOUT)
        figure.locator("a", has_text="chart on its own page").click()
        page.wait_for_url("**/charts/states_map/index.html")
        poster_loaded(page.locator("figure.sb-chart").first, timeout=DRAW_TIMEOUT)
        downloads = page.locator(".sb-chart__downloads a[download]").evaluate_all("links => links.map(a => a.href)")
        assert len(downloads) == 5 and all(Path(unquote(urlsplit(url).path)).is_file() for url in downloads), downloads
    finally:
        context.close()
    assert recorder.errors == []
