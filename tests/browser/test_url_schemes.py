"""Each URL scheme MkDocs supports, served and read in Chromium: folder URLs (`use_directory_urls`,
the default) and file URLs (on a host with no folder index files, such as a bucket: a folder's URL
is a 404 there), each at the root of its origin and under a subpath.

The `mini` project is built with `site_url` naming where it is served, so Material's instant
navigation is on as it is for a published site. On every page: every chart draws, every download
and the chart's own page answer, a click in the navigation is an instant navigation, and no request
the site makes fails.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DRAWN, _QuietHandler, _QuietServer, draw_all, poster_loaded
from tests.build.test_urls import SCHEMES, scheme_project
from tests.conftest import build

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PAGES = {"": [], "troops/": ["troops_line"], "deep/map/": ["states_map", "states_step"]}


class _NoFolderIndex(_QuietHandler):
    """A host that serves files only: a folder's URL is not found, as on a bucket with no website settings."""

    def send_head(self):
        if os.path.isdir(self.translate_path(self.path)):
            self.send_error(404, "no folder index here")
            return None
        return super().send_head()


@pytest.fixture(params=list(SCHEMES))
def served(request, tmp_path):
    """The `mini` site of one scheme, built for and served at its own origin and subpath."""
    example, directory_urls = SCHEMES[request.param]
    subpath = example.split("/", 3)[3]  # "" or "data/kosovo/"
    handler = _QuietHandler if directory_urls else _NoFolderIndex
    top = tmp_path / "host"
    top.mkdir()
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(top)))
    site_url = f"http://127.0.0.1:{server.server_address[1]}/{subpath}"
    site = build(scheme_project(tmp_path, site_url, directory_urls), tmp_path / "site")
    shutil.copytree(site, top / subpath, dirs_exist_ok=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site_url, directory_urls
    server.shutdown()
    server.server_close()
    thread.join(5)


def page_url(site_url: str, path: str, directory_urls: bool) -> str:
    if directory_urls:
        return site_url + path
    return site_url + (path.removesuffix("/") + ".html" if path else "index.html")


def _abandoned(request) -> bool:
    """A request the theme makes in the background (the favicon, instant navigation's sitemap.xml),
    cancelled by Chromium itself when the next page is asked for before it arrived: no fault of the
    site (each is answered when the page stays long enough; `sitemap` above waits for one).
    """
    background = request.url.endswith(("/favicon.png", "/sitemap.xml"))
    return background and request.failure == "net::ERR_ABORTED"


def test_every_scheme_draws_links_and_navigates(browser, served):
    site_url, directory_urls = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    failed = []
    context.on(
        "response",
        lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None,
    )
    context.on("requestfailed", lambda request: None if _abandoned(request) else failed.append(f"failed {request.url}"))
    errors = []
    try:
        page = context.new_page()
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        for path, charts in PAGES.items():
            page.goto(page_url(site_url, path, directory_urls))
            draw_all(page, charts)
            for chart in charts:
                figure = page.locator(f"figure#chart-{chart}")
                links = figure.locator(".sb-chart__downloads a").evaluate_all("links => links.map(a => a.href)")
                assert len(links) == 6, links  # CSV, JSON, figure, PNG, SVG, its own page
                for link in links:
                    assert context.request.get(link).status == 200, link
                own = "index.html" if not directory_urls else ""
                assert links[-1] == f"{site_url}charts/{chart}/{own}", links
        # The chart's own page, from its link, and back to the site through the navigation.
        page.goto(page_url(site_url, "troops/", directory_urls))
        page.locator("figure#chart-troops_line a", has_text="chart on its own page").click()
        page.wait_for_url(f"{site_url}charts/troops_line/{'' if directory_urls else 'index.html'}")
        poster_loaded(page.locator("figure.sb-chart").first, timeout=15_000)
        # Instant navigation: Material follows the link without loading the page again.
        with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")) as sitemap:
            page.goto(page_url(site_url, "", directory_urls))
        sitemap.value.finished()
        page.evaluate("window.__marker = 1")
        page.locator("a.md-nav__link", has_text="Map").first.click()
        page.wait_for_url(page_url(site_url, "deep/map/", directory_urls))
        figure = page.locator("figure#chart-states_map")
        expect(figure).to_be_attached()
        assert page.evaluate("window.__marker") == 1, "a full page load: instant navigation did not take the link"
        draw_all(page, ["states_map", "states_step"])
        expect(figure).to_have_class(DRAWN)
    finally:
        context.close()
    assert failed == []
    assert errors == []
