"""Issue 13: what a reader downloads for a page of the real site before touching anything, at most 200 KB gzip.

Measured as bench/page_weight.py measures it, in Debian's chromium: the Kosovo site built with
site_url on the origin of a gzip server (bench/gzip_server.py, gzip -9 as GitHub Pages serves
text), every page opened in a fresh context (an empty cache), scrolled to the bottom without a
pointer, a tap or focus, and the body bytes the server sent counted once the network is quiet.
Not a guess from the HTML: which poster a `<picture>` picks, which lazy images load and what
Material fetches by itself (its search index, the sitemap) are the browser's decisions.

Every page found by walking the built site, so a page added to it is held to the budget from then
on. The phone (375x740) is the budget's subject; the desktop column (1280x800) is checked too,
since its wide posters are larger. Never skipped: without chromium the browser fixture's advice
is what fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.gzip_server import pages_of, serve
from bench.page_weight import BUDGET, CHROMIUM, DESKTOP, PHONE, measure, table
from tests.conftest import build_every_edition

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("page-weight")]


@pytest.fixture(scope="module")
def gzip_site(tmp_path_factory):
    """The Kosovo site (every edition), built with site_url = the origin of the gzip server it is then read from."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: browser tests need Debian's chromium; run `make test`, "
            "which installs it (or `sudo apt-get install chromium`)",
            pytrace=False,
        )
    with serve(tmp_path_factory.mktemp("page-weight-site") / "site") as server:
        build_every_edition(server.root, f"{server.origin}/")
        yield server


def _check(server, viewport, browser) -> None:
    pages = pages_of(server.root)
    assert len(pages) > 5, f"the walk of {server.root} found only {pages}"
    weights = measure(server, pages, (viewport,), browser=browser)
    print(table(weights))
    assert [w.page for w in weights] == pages
    for weight in weights:
        assert weight.responses and weight.responses[0].status in (200, 404), f"{weight.page or '/'} was not served"
    problems = [
        f"{w.page or '/'}: {w.total:,} bytes gzip (budget {BUDGET:,})"
        + (", fetched plotly.js or a figure without being touched" if w.plotly_fetched else "")
        + (f", asked another origin for {w.elsewhere}" if w.elsewhere else "")
        for w in weights
        if not w.within_budget or w.plotly_fetched or w.elsewhere
    ]
    assert not problems, f"at {viewport.width}x{viewport.height}:\n" + "\n".join(problems) + "\n\n" + table(weights)


def test_every_page_is_within_200_kb_on_a_phone(gzip_site, browser):
    _check(gzip_site, PHONE, browser)


def test_every_page_is_within_200_kb_on_a_desktop(gzip_site, browser):
    _check(gzip_site, DESKTOP, browser)
