"""Issue 3: charts follow Material's light/dark palette: on toggle, all at once with no reload,
and dark from the first draw on a page opened in dark mode.
"""

from __future__ import annotations

import json

import pytest

from site_builder.figures.theme import DARK_TEXT, LIGHT_TEXT
from tests.browser.conftest import CHART_PAGES, draw_all, reach

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Wraps each plotly.js bundle as it defines window.Plotly, to see what the loader asks of it.
RECORD_PLOTLY = """
(() => {
  let current;
  window.__plotly = {newPlotFontColors: [], relayouts: 0};
  Object.defineProperty(window, 'Plotly', {configurable: true, get: () => current, set: value => {
    current = value;
    if (!value || value.__recorded) return;
    value.__recorded = true;
    const newPlot = value.newPlot, relayout = value.relayout;
    value.newPlot = function (el, data, layout) {
      window.__plotly.newPlotFontColors.push(layout && layout.font && layout.font.color);
      return newPlot.apply(this, arguments);
    };
    value.relayout = function () { window.__plotly.relayouts += 1; return relayout.apply(this, arguments); };
  }});
})();
"""

# Material's palette as it stores it in localStorage ("<scope path>.__palette"): the second, dark one.
DARK_PALETTE = {
    "index": 1,
    "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "indigo"},
}


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


# For each drawn chart: the font colour plotly resolved, and the fills of its axis and legend text.
CHART_COLOURS = """() => Array.from(document.querySelectorAll('figure.sb-chart--drawn .sb-chart__plot')).map(plot => ({
  font: plot._fullLayout.font.color,
  fills: Array.from(plot.querySelectorAll('.xtick text, .ytick text, .legendtext'))
              .map(text => getComputedStyle(text).fill),
}))"""


def all_in(page, colour: str, count: int) -> None:
    """Wait until `count` charts are drawn and every one of them is in `colour` (font and text fills)."""
    page.wait_for_function(f"""() => {{
        const charts = ({CHART_COLOURS})();
        return charts.length === {count} && charts.every(c =>
            c.font === {json.dumps(colour)} && c.fills.length > 0 && \
c.fills.every(f => f === {json.dumps(rgb(colour))}));
    }}""")


def toggle(page) -> None:
    """Click the palette toggle Material shows (one label per palette; only the next one is visible)."""
    page.locator("form[data-md-component=palette] label:visible").click()


def test_the_palette_toggle_re_themes_every_chart_at_once_without_reload(site, context, page):
    path = "map/"  # a map and a step chart: both kinds of plotly subplot (geo, cartesian)
    page.goto(site.url(path))
    count = len(CHART_PAGES[path])
    draw_all(page, CHART_PAGES[path])
    all_in(page, LIGHT_TEXT, count)
    page.evaluate("window.__marker = 1")
    page.click("label[for=__palette_1]")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    all_in(page, DARK_TEXT, count)
    toggle(page)
    all_in(page, LIGHT_TEXT, count)
    toggle(page)
    all_in(page, DARK_TEXT, count)
    assert page.evaluate("window.__marker") == 1, "the toggle reloaded the page"
    assert context.recorder.errors == []


def test_a_chart_first_drawn_after_the_toggle_is_dark(site, context, page):
    page.goto(site.url("tabs/"))
    toggle(page)
    reach(page, page.locator("figure.sb-chart"))
    all_in(page, DARK_TEXT, 1)


@pytest.mark.parametrize("how", ["prefers-color-scheme", "stored palette"])
def test_a_page_opened_in_dark_mode_draws_its_charts_dark_from_the_start(site, new_context, how):
    context = new_context(color_scheme="dark") if how == "prefers-color-scheme" else new_context()
    if how == "stored palette":
        context.add_init_script(
            f"if (location.protocol === 'http:') "
            f"localStorage.setItem('/.__palette', {json.dumps(json.dumps(DARK_PALETTE))})"
        )
    context.add_init_script(RECORD_PLOTLY)
    page = context.new_page()
    page.goto(site.url("map/"))
    draw_all(page, CHART_PAGES["map/"])
    all_in(page, DARK_TEXT, 2)
    assert page.evaluate("window.__plotly") == {"newPlotFontColors": [DARK_TEXT, DARK_TEXT], "relayouts": 0}, (
        "drawn dark straight away, not drawn light and then re-themed"
    )
    assert context.recorder.errors == []


def test_a_standalone_chart_page_follows_the_operating_system(site, new_context):
    context = new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site.url("charts/states_step/"))
    draw_all(page, ["states_step"])
    all_in(page, DARK_TEXT, 1)
    page.emulate_media(color_scheme="light")
    all_in(page, LIGHT_TEXT, 1)
    assert context.recorder.errors == []
