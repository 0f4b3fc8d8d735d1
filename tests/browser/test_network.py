"""Issue 3, the reader's experience: plotly.js only when a reader reaches for a chart (issue 13: a chart
is its poster until then, even in view), under names that carry its content hash, and search served
by the site.

(Every page's requests and bundles are checked in test_drawing.py, which visits them all.)
"""

from __future__ import annotations

import hashlib

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DRAWN, PLOTLY_BUNDLE, poster_loaded

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_search_stays_on_the_site_and_shows_no_figure_json(site, context, page):
    """Material's search (worker, index) is served by the site; and of a chart it finds the words,
    not its figure JSON (fetched from charts/<id>/figure.json now, never in the page).
    """
    page.goto(site.url("troops/"))
    page.keyboard.press("/")
    page.locator("input[data-md-component=search-query]").press_sequentially("soldiers")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    text = " ".join(results.all_inner_texts())
    assert "Who supplies" in text or "Troops" in text
    for json_key in ('"data":', '"layout":', "hoverinfo", "cliponaxis"):
        assert json_key not in text
    page.wait_for_load_state("networkidle")
    assert context.recorder.off_origin(site.origin) == []


def test_plotly_is_fetched_only_when_a_reader_reaches_for_a_chart(site, context, page):
    """Scrolling a chart into view shows its poster and costs no script; pointing at it draws it."""
    page.goto(site.url("long/"))
    page.wait_for_load_state("networkidle")
    figure = page.locator("figure.sb-chart")
    assert figure.evaluate("f => f.getBoundingClientRect().top") > 3 * page.viewport_size["height"], (
        "the fixture's chart starts far below the fold"
    )
    assert context.recorder.bundles() == [], "no plotly.js at page load"
    assert not [url for url in context.recorder.requests if "/charts/" in url], "no poster far below the fold either"
    page.mouse.wheel(0, page.viewport_size["height"])  # a reader starts scrolling, still far from the chart
    page.wait_for_load_state("networkidle")
    figure.scroll_into_view_if_needed()  # and reads on, past the chart, without touching it
    poster_loaded(figure)
    page.wait_for_load_state("networkidle")
    assert context.recorder.bundles() == []
    assert not [url for url in context.recorder.requests if url.endswith("/figure.json")]
    expect(figure).not_to_have_class(DRAWN)
    figure.locator(".sb-chart__plot").hover()
    expect(figure).to_have_class(DRAWN)
    assert context.recorder.bundles() == ["plotly-basic"]
    assert [url for url in context.recorder.requests if url.endswith("/figure.json")] == [
        site.url("charts/contributors_grouped/figure.json")
    ]


def test_bundle_file_names_carry_their_content_hash(site):
    bundles = sorted((site.root / "assets" / "site-builder").glob("plotly-*.js"))
    assert {PLOTLY_BUNDLE.search("/" + p.relative_to(site.root).as_posix()).group(1) for p in bundles} == {
        "plotly-basic",
        "plotly-geo",
    }
    for path in bundles:
        assert (
            PLOTLY_BUNDLE.search("/" + path.relative_to(site.root).as_posix()).group(2)
            == hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        ), path.name
