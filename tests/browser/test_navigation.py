"""Issue 3: charts reached by mkdocs-material's instant navigation are drawn, with no full page load."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHART_PAGES, NAV, draw_all

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def navigate(page, site, title: str) -> None:
    """Click the page's link in Material's navigation sidebar, as a reader does; wait for the new page."""
    page.locator(".md-sidebar--primary").get_by_role("link", name=title, exact=True).click()
    arrived(page, site, title)


def arrived(page, site, title: str) -> None:
    # Material changes the URL before it swaps the content in: wait for the new page's heading too.
    expect(page).to_have_url(site.url(NAV[title]))
    expect(page.locator("article h1")).to_have_text(re.compile("^" + re.escape(title)))


def open_page(page, url: str) -> None:
    """Load a page and wait for Material's sitemap: until it has it, instant navigation lets clicks through."""
    with page.expect_response(lambda response: response.url.endswith("/sitemap.xml")) as sitemap:
        page.goto(url)
    sitemap.value.finished()


def assert_no_full_load(page) -> None:
    assert page.evaluate("window.__marker") == 1, (
        "a full page load happened: instant navigation did not intercept the link"
    )
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_instant_navigation_from_a_page_without_charts_and_between_chart_pages(site, context, page):
    open_page(page, site.url(""))
    page.evaluate("window.__marker = 1")
    for title in ("Troops", "Map", "Tabs", "Long read", "Troops"):  # back to a page drawn before, too
        navigate(page, site, title)
        draw_all(page, CHART_PAGES[NAV[title]])
        assert_no_full_load(page)
    # Charts of pages left behind are gone, not drawn twice into the new page.
    assert page.locator(".js-plotly-plot").count() == 1
    assert context.recorder.errors == []


def test_instant_navigation_from_a_chart_page_through_a_page_without_charts(site, context, page):
    open_page(page, site.url("map/"))
    draw_all(page, CHART_PAGES["map/"])
    page.evaluate("window.__marker = 1")
    navigate(page, site, "Home")
    expect(page.locator("figure.sb-chart")).to_have_count(0)
    # A link in the text, not the sidebar: instant navigation takes every same-origin link.
    page.locator("article").get_by_role("link", name="the contributors").click()
    arrived(page, site, "Tabs")
    draw_all(page, CHART_PAGES["tabs/"])
    assert_no_full_load(page)
    page.go_back()
    arrived(page, site, "Home")
    page.go_back()
    arrived(page, site, "Map")
    draw_all(page, CHART_PAGES["map/"])
    assert_no_full_load(page)
    assert context.recorder.errors == []
