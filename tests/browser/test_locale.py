"""Issue 19: a chart drawn on a page in another language speaks it: plotly.js's locale for the page's
<html lang> is loaded and registered before the chart draws (month names on a date axis, separators,
its toolbar's words), and an English page loads none.

The reader fixture is an English site; its page is read here as an Albanian or Serbian page would be,
its <html lang> set before the reader reaches for the chart (the loader reads it at each drawing).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from site_builder.languages.translit import to_latin
from tests.browser.conftest import DRAWN, reach

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NBSP = "\u00a0"

# The drawn chart zoomed to half a year, so that its date axis names months (the page loads one
# bundle, plotly-basic: window.Plotly drew it); then its tick labels, its separators and the words
# of its toolbar's buttons.
READ_CHART = """async () => {
  const plot = document.querySelector('figure.sb-chart--drawn .sb-chart__plot');
  await window.Plotly.relayout(plot, {'xaxis.range': ['2008-01-01', '2008-07-01'], 'yaxis.range': [0, 12000]});
  const texts = selector => Array.from(plot.querySelectorAll(selector)).map(t => t.textContent);
  return {
    x: texts('.xtick text'),
    y: texts('.ytick text'),
    separators: plot._fullLayout.separators,
    buttons: Array.from(plot.querySelectorAll('.modebar-btn')).map(b => b.getAttribute('data-title')),
    toolbar: plot.querySelector('.modebar').getAttribute('aria-label'),
    title: document.querySelector('figure.sb-chart--drawn .sb-chart__title').textContent.trim(),
  };
}"""


def draw_in(page, site, language: str | None) -> dict:
    page.goto(site.url("troops/"))
    if language:
        page.evaluate("lang => document.documentElement.setAttribute('lang', lang)", language)
    figure = page.locator("figure.sb-chart").first
    reach(page, figure)
    expect(figure).to_have_class(DRAWN)
    return page.evaluate(READ_CHART)


def locale_requests(context) -> list[str]:
    return [url.rsplit("/", 1)[1] for url in context.recorder.requests if "/assets/site-builder/locale-" in url]


def test_an_english_page_draws_with_plotly_s_own_words_and_loads_no_locale(site, context, page):
    chart = draw_in(page, site, None)
    assert "Feb 2008" in chart["x"] or "Feb" in " ".join(chart["x"])
    assert "10,000" in chart["y"] and chart["separators"] == ".,"
    assert chart["buttons"] == ["Download plot as a PNG"]  # the line chart's one button (its axes are fixed)
    assert chart["toolbar"] == f"Chart tools: {chart['title']}"
    assert locale_requests(context) == []
    assert context.recorder.errors == []


def test_an_albanian_page_draws_albanian_months_separators_and_toolbar(site, context, page):
    chart = draw_in(page, site, "sq")
    assert any(label.startswith("shk") for label in chart["x"]), chart["x"]
    assert f"10{NBSP}000" in chart["y"] and chart["separators"] == f",{NBSP}"
    assert chart["buttons"] == ["Shkarko grafikun si PNG"]
    assert chart["toolbar"] == f"Mjetet e grafikut: {chart['title']}"  # our loader's own words too
    assert [name.split(".")[0] for name in locale_requests(context)] == ["locale-sq"]
    assert context.recorder.errors == []


def test_a_latin_serbian_page_draws_the_cyrillic_page_s_words_transliterated(site, new_context):
    charts = {}
    for language in ("sr", "sr-Latn"):
        context = new_context()
        charts[language] = draw_in(context.new_page(), site, language)
        assert [name.split(".")[0] for name in locale_requests(context)] == [f"locale-{language}"]
        assert context.recorder.errors == []
    assert any(label.startswith("феб") for label in charts["sr"]["x"]), charts["sr"]["x"]
    assert "10.000" in charts["sr"]["y"] and charts["sr"]["buttons"] == ["Преузми графикон као PNG"]
    assert charts["sr-Latn"]["x"] == [to_latin(label) for label in charts["sr"]["x"]]
    assert charts["sr-Latn"]["buttons"] == [to_latin(title) for title in charts["sr"]["buttons"]]
