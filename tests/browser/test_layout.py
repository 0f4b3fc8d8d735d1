"""Issue 3: charts fit a 375-pixel phone, follow the window's width, and get their width in content tabs."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ALL_CHART_PAGES, CHART_PAGES, DRAWN, draw_all, reach

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 375, "height": 740}

# Each drawn chart: the width of its plot area and of plotly's svg in it.
WIDTHS = """() => Array.from(document.querySelectorAll('figure.sb-chart--drawn .sb-chart__plot')).map(plot => ({
  chart: plot.closest('figure').dataset.sbChart,
  plot: plot.getBoundingClientRect().width,
  svg: plot.querySelector('.main-svg').getBoundingClientRect().width,
}))"""


def fits(page) -> list[dict]:
    """Wait until every drawn chart's svg is as wide as its plot area (to the pixel); return the widths."""
    page.wait_for_function(f"() => ({WIDTHS})().every(w => w.svg > 0 && Math.abs(w.svg - w.plot) <= 1)")
    return page.evaluate(WIDTHS)


@pytest.mark.parametrize("path", ["troops/", "map/", "tabs/", "long/", "charts/states_map/"])
def test_charts_fit_a_375_pixel_screen_without_horizontal_scrolling(site, new_context, path):
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(site.url(path))
    draw_all(page, ALL_CHART_PAGES[path])
    widths = fits(page)
    assert len(widths) == len(ALL_CHART_PAGES[path])
    assert all(w["svg"] <= w["plot"] <= PHONE["width"] for w in widths), widths
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    for figure in page.locator("figure.sb-chart").all():  # nothing in a figure sticks out either
        assert figure.evaluate("f => f.scrollWidth <= f.clientWidth"), figure.get_attribute("id")


def test_charts_resize_with_the_window(site, page):
    page.goto(site.url("map/"))
    draw_all(page, CHART_PAGES["map/"])
    wide = fits(page)
    page.set_viewport_size(PHONE)
    narrow = fits(page)
    assert all(n["svg"] < 375 < w["svg"] for n, w in zip(narrow, wide)), (wide, narrow)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 900, "height": 800})  # Material drops its sidebars: wider content
    middle = fits(page)
    assert all(m["svg"] > w["svg"] for m, w in zip(middle, wide)), (wide, middle)


def test_a_chart_in_a_second_content_tab_gets_its_width_when_the_tab_is_shown(site, page):
    page.goto(site.url("tabs/"))
    figure = page.locator("figure.sb-chart")
    expect(figure).to_be_hidden()
    first_tab = page.locator(".tabbed-block").first
    width = first_tab.evaluate("b => b.getBoundingClientRect().width")
    reach(page, figure)
    expect(figure).to_have_class(DRAWN)
    [chart] = fits(page)
    assert abs(chart["plot"] - width) <= 1 and chart["svg"] > 300, (chart, width)
    # Away and back at another window width: the hidden chart follows when shown again.
    page.click("label[for=__tabbed_1_1]")
    page.set_viewport_size({"width": 700, "height": 800})
    page.click("label[for=__tabbed_1_2]")
    [again] = fits(page)
    assert again["svg"] < chart["svg"], (chart, again)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 700
