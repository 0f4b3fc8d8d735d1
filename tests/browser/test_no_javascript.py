"""Issue 3: with JavaScript off, every chart still tells its story: title, data table, source and notes.
Issue 13: and it is still a chart: its poster, drawn at build time, named by its text alternative.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ALL_CHART_PAGES, show

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize("path", list(ALL_CHART_PAGES))
def test_without_javascript_every_chart_shows_title_table_source_and_notes(site, new_context, path):
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(path))
    figures = page.locator("figure.sb-chart")
    expect(figures).to_have_count(len(ALL_CHART_PAGES[path]))
    for figure in figures.all():
        show(page, figure)  # a chart in a content tab: its tab opens without JavaScript too
        name = figure.get_attribute("id")
        for part in (".sb-chart__title", ".sb-chart__source", ".sb-chart__notes", ".sb-chart__downloads"):
            expect(figure.locator(part).first, f"{name}: {part}").to_be_visible()
        table = figure.locator(".sb-chart__table table")
        expect(table, f"{name}: the data table").to_be_visible()
        rows = table.locator("tbody tr")
        assert rows.count() > 0 and rows.first.locator("td").first.is_visible(), name
        header = table.locator("thead th")
        assert header.count() >= 2 and header.first.is_visible(), name
        # Nothing waits for a script: the plot area shows the poster, and nothing offers to draw it.
        poster = figure.locator(".sb-chart__poster--light img")
        expect(poster, f"{name}: the poster").to_be_visible()
        assert poster.evaluate("img => img.complete && img.naturalWidth > 0"), name
        assert len(poster.get_attribute("alt")) > 20, name
        expect(figure.get_by_role("img")).to_have_count(1)  # one image to a screen reader, not two
        expect(figure.locator(".sb-chart__poster--dark")).to_be_hidden()
        expect(figure.locator(".sb-chart__explore")).to_be_hidden()
    assert context.recorder.bundles() == []
