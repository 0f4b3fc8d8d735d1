"""Issue 2: every page draws every chart on it and keeps a clean console. Issue 3: no page, whatever
the reader does with it, asks any other host than the site's for anything, and each fetches the
smallest plotly.js bundle that draws its charts (none on a page without charts).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ALL_CHART_PAGES, BUNDLES, EVERY_PAGE, draw_all

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_tests_visit_every_page_of_the_site(site):
    pages = {p.relative_to(site.root).as_posix().removesuffix("index.html") for p in site.root.rglob("*.html")}
    assert pages == set(EVERY_PAGE)


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_every_page_draws_its_charts_with_the_smallest_bundle_no_console_error_and_no_third_party_request(
    site, context, page, path
):
    page.goto(site.url(path))
    draw_all(page, ALL_CHART_PAGES.get(path, []))
    for figure in page.locator("figure.sb-chart").all():
        name = figure.get_attribute("id")
        box = figure.locator(".sb-chart__plot .main-svg").first.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200, f"{name} drawn at {box}"
        assert figure.locator(".sb-chart__plot .plot-container").count() == 1, f"{name} drawn exactly once"
    page.mouse.wheel(0, 20_000)  # read to the end
    toggle = page.locator("form[data-md-component=palette] label:visible")
    if toggle.count():  # re-theming fetches nothing either
        toggle.click()
    page.wait_for_load_state("networkidle")
    # Bundle names carry their content hash (checked against the files in test_network.py).
    assert context.recorder.bundles() == BUNDLES[path]
    assert page.evaluate("'Plotly' in window") == bool(BUNDLES[path])
    assert context.recorder.requests, "requests are recorded"
    assert context.recorder.off_origin(site.origin) == []
    assert context.recorder.errors == []
