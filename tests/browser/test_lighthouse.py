"""Issue 13: Lighthouse's accessibility, best practices and SEO are 100 on every page of the real site.

These three categories do not depend on timing (performance does: it is `make lighthouse`'s, a
benchmark), so a page below 100 is a defect of the page, whatever the machine. They check what the
axe test (test_real_site.py) does not: touch targets on a phone's viewport, console errors and
deprecated APIs, the page's title, description, canonical link, crawlability and font sizes.

The site is built here rather than taken from the `real_site` fixture, because Lighthouse must see
it as readers do: served with gzip (bench/gzip_server.py), and with site_url on the origin it is
served from (its canonical links and social tags, and Material's instant navigation, use it); the
`real_site` server is neither. A build of the site takes a few seconds; Lighthouse about three a
page, two pages at a time (two runners, a chromium each: see bench/lighthouse_site.py).

Never skipped: without chromium or the pinned Lighthouse the test fails and says what to install.
"""

from __future__ import annotations

import time

import pytest

from bench.gzip_server import pages_of, serve
from bench.lighthouse_site import DETERMINISTIC, failures, missing, run_lighthouse
from tests.conftest import build_every_edition

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def gzip_site(tmp_path_factory):
    """The Kosovo site (every edition), built with site_url = the origin of the gzip server it is then read from."""
    with serve(tmp_path_factory.mktemp("lighthouse-site") / "site") as server:
        build_every_edition(server.root, f"{server.origin}/")
        yield server


def test_every_page_scores_100_for_accessibility_best_practices_and_seo(gzip_site):
    """Every page, found by walking the built site, one Lighthouse run each (mobile preset)."""
    problems = missing()
    if problems:
        pytest.fail("Lighthouse cannot run here:\n" + "\n".join(f"- {p}" for p in problems), pytrace=False)
    pages = pages_of(gzip_site.root)
    assert len(pages) > 5, f"the walk of {gzip_site.root} found only {pages}"
    started = time.monotonic()
    report = run_lighthouse([gzip_site.url(page) for page in pages], categories=DETERMINISTIC, processes=2)
    took = time.monotonic() - started
    print(f"Lighthouse: {len(pages)} pages in {took:.0f} s ({took / len(pages):.1f} s a page)")
    assert [page["url"] for page in report["pages"]] == [gzip_site.url(page) for page in pages]
    found = failures(report, gzip_site.origin)
    if found:
        pytest.fail(
            f"Lighthouse {report['lighthouse']} (mobile preset) scores these pages below 100 in accessibility, "
            "best practices or SEO (under each, the audits that cost points and the elements they name):\n"
            + "\n".join(f"{page}\n" + "\n".join(f"  {line}" for line in lines) for page, lines in found.items()),
            pytrace=False,
        )
