"""Issue 3, the reader's experience: no third-party request, plotly.js only when a chart is near,
and the smallest plotly.js bundle that draws a page's charts."""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (ALL_CHART_PAGES, CHART_PAGES, DRAWN, PAGES_WITHOUT_CHARTS, PLOTLY_BUNDLE,
                                    draw_all)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def off_origin(site, urls: list[str]) -> list[str]:
    """Requests to any other origin than the site's (data: and blob: URLs are no requests)."""
    return [url for url in urls if urlsplit(url).scheme not in ("data", "blob", "about")
            and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != site.origin]


def test_no_page_requests_another_host(site, context, page):
    """Every page, every chart drawn, the palette switched and search opened: all from the site itself."""
    pages = [*PAGES_WITHOUT_CHARTS, *ALL_CHART_PAGES]
    html_pages = {p.relative_to(site.root).as_posix().removesuffix("index.html") for p in site.root.rglob("*.html")}
    assert html_pages == set(pages), "every page of the fixture site is visited"
    for path in pages:
        page.goto(site.url(path))
        draw_all(page, ALL_CHART_PAGES.get(path, []))
        toggle = page.locator("form[data-md-component=palette] label:visible")
        if toggle.count():
            toggle.first.click()
        search = page.locator("input[data-md-component=search-query]")
        if search.count():
            page.keyboard.press("/")
            search.press_sequentially("soldiers")
            expect(page.locator(".md-search-result__item").first).to_be_visible()
            page.keyboard.press("Escape")
    page.wait_for_load_state("networkidle")
    assert context.recorder.requests, "requests were recorded"
    assert off_origin(site, context.recorder.requests) == []


def test_plotly_is_fetched_only_when_a_chart_is_about_to_be_seen(site, context, page):
    page.goto(site.url("long/"))
    page.wait_for_load_state("networkidle")
    figure = page.locator("figure.sb-chart")
    assert figure.evaluate("f => f.getBoundingClientRect().top") > 3 * page.viewport_size["height"], \
        "the fixture's chart starts far below the fold"
    assert context.recorder.bundles() == [], "no plotly.js at page load"
    expect(figure).not_to_have_class(DRAWN)
    page.mouse.wheel(0, page.viewport_size["height"])  # a reader starts scrolling, still far from the chart
    page.wait_for_load_state("networkidle")
    assert context.recorder.bundles() == []
    figure.scroll_into_view_if_needed()
    expect(figure).to_have_class(DRAWN)
    assert context.recorder.bundles() == ["plotly-basic"]


@pytest.mark.parametrize("path", PAGES_WITHOUT_CHARTS)
def test_a_page_without_charts_never_fetches_plotly(site, context, page, path):
    page.goto(site.url(path))
    page.mouse.wheel(0, 10_000)
    page.wait_for_load_state("networkidle")
    assert context.recorder.bundles() == []
    assert not page.evaluate("'Plotly' in window")


@pytest.mark.parametrize(("path", "bundles"), [
    ("troops/", ["plotly-basic"]),          # line
    ("tabs/", ["plotly-basic"]),            # ranked bar
    ("long/", ["plotly-basic"]),            # grouped bar
    ("map/", ["plotly-geo"]),               # map + step: geo draws both, so the step line reuses it
    ("charts/states_step/", ["plotly-basic"]),
    ("charts/states_map/", ["plotly-geo"]),
])
def test_each_page_gets_the_smallest_bundle_for_its_charts(site, context, page, path, bundles):
    page.goto(site.url(path))
    draw_all(page, ALL_CHART_PAGES[path])  # a chart is drawn once its bundle has loaded
    assert context.recorder.bundles() == bundles


def test_bundle_file_names_carry_their_content_hash(site):
    bundles = sorted((site.root / "assets" / "site-builder").glob("plotly-*.js"))
    assert {PLOTLY_BUNDLE.search("/" + p.relative_to(site.root).as_posix()).group(1) for p in bundles} == {"plotly-basic", "plotly-geo"}
    for path in bundles:
        assert PLOTLY_BUNDLE.search("/" + path.relative_to(site.root).as_posix()).group(2) == \
            hashlib.sha256(path.read_bytes()).hexdigest()[:8], path.name
    assert set(CHART_PAGES) <= set(ALL_CHART_PAGES)


def test_no_chart_control_sends_the_chart_to_another_host(site, context, page):
    """plotly.js 4 offers "Share chart..." (an upload to Plotly Cloud) unless told not to."""
    popups = []
    context.on("page", lambda new: popups.append(new.url) if new != page else None)
    for path, charts in CHART_PAGES.items():
        page.goto(site.url(path))
        draw_all(page, charts)
        buttons = page.locator(".sb-chart__plot .modebar-btn")
        titles = buttons.evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
        assert not [t for t in titles if "share" in t.lower() or "cloud" in t.lower() or "edit in" in t.lower()], titles
        for index in range(buttons.count()):
            button = buttons.nth(index)
            button.focus()
            if "download" in (button.get_attribute("data-title") or "").lower():
                with page.expect_download():
                    page.keyboard.press("Enter")
            else:
                page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert popups == []
    assert off_origin(site, context.recorder.requests) == []
