"""Issue 3: text alternatives, axe-core in light and dark mode, and charts used by keyboard alone."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from site_builder.figures.theme import DARK_TEXT
from tests.browser.conftest import ALL_CHART_PAGES, CHART_PAGES, CHARTS, PAGES_WITHOUT_CHARTS, draw_all, show

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SPECS = {
    chart: yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "reader" / "charts" / f"{chart}.yml").read_text())
    for chart in CHARTS
}


def served_alternatives(site, path: str) -> dict[str, list[str]]:
    """Each chart's text alternatives in the HTML as served, before any script runs: the alt of each of
    its posters' images, or, on a chart without posters, the `.sb-chart__plot`'s aria-label (role img).
    """

    class Plots(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: dict[str, list[str]] = {}
            self.chart = None
            self.in_plot = False

        def handle_starttag(self, tag, attrs):
            attrs = {name: value or "" for name, value in attrs}
            classes = attrs.get("class", "").split()
            if tag == "figure" and "sb-chart" in classes:
                self.chart = attrs["data-sb-chart"]
                self.found[self.chart] = []
            elif "sb-chart__plot" in classes:
                self.in_plot = True
                if attrs.get("role") == "img":
                    self.found[self.chart].append(attrs.get("aria-label", ""))
            elif tag == "img" and self.in_plot:
                self.found[self.chart].append(attrs.get("alt", ""))

        def handle_endtag(self, tag):
            if tag == "div":
                self.in_plot = False  # the plot area holds no <div>: its end is the first

    parser = Plots()
    parser.feed((site.root / path / "index.html").read_text(encoding="utf-8"))
    return parser.found


def test_every_chart_has_a_text_alternative(site, page):
    """Each poster image has the editor's alt text, or one generated from the data, as its alt; screen
    readers find one image in the chart, the poster shown. Once plotly has drawn, the name moves to
    plotly's drawing (its first svg), so the chart's buttons are not buried inside an image (axe:
    nested-interactive), and the hidden posters leave the accessibility tree.
    """
    assert "alt" not in SPECS["states_step"], "the fixture keeps one chart without alt text"
    seen = set()
    for path, charts in CHART_PAGES.items():
        served = served_alternatives(site, path)
        assert list(served) == charts
        for chart, labels in served.items():
            assert len(labels) == 2 and len(set(labels)) == 1, (chart, labels)  # a light and a dark poster
            label = labels[0]
            if "alt" in SPECS[chart]:
                assert label == SPECS[chart]["alt"], chart
            else:  # generated from the data: more than the title
                assert len(label) > 20 and label != SPECS[chart]["title"], label
        page.goto(site.url(path))
        for chart, [label, _] in served.items():
            figure = page.locator(f"#chart-{chart}")
            show(page, figure)
            expect(figure.get_by_role("img")).to_have_count(1)
            expect(figure.get_by_role("img", name=label, exact=True)).to_be_visible()
        draw_all(page, charts)
        for chart, [label, _] in served.items():
            figure = page.locator(f"#chart-{chart}")
            # Screen readers find one image in the chart, with that name.
            expect(figure.get_by_role("img")).to_have_count(1)
            expect(figure.get_by_role("img", name=label, exact=True)).to_be_attached()
            expect(figure.locator(".sb-chart__plot .main-svg").first).to_have_attribute("aria-label", label)
            seen.add(chart)
    assert seen == set(CHARTS)


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if len(n["target"]) == 1 else json.dumps(n["target"]) for n in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def test_axe_finds_no_serious_violation_on_any_page_in_light_or_dark_mode(site, page, axe):
    found = {}

    def check(path: str, scheme: str) -> None:
        # Scrolling to the charts set Material's header title sliding: let it settle, or axe measures
        # the contrast of text half faded in.
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        problems = serious(axe.run(page))
        if problems:
            found[f"{path or '/'} ({scheme})"] = problems

    for path in [*PAGES_WITHOUT_CHARTS, *ALL_CHART_PAGES]:
        page.emulate_media(color_scheme="light")
        page.goto(site.url(path))
        draw_all(page, ALL_CHART_PAGES.get(path, []))
        check(path, "light")
        toggle = page.locator("label[for=__palette_1]")
        if toggle.count():  # a Material page: its palette toggle, as a reader switches
            toggle.click()
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        else:  # a standalone chart page follows the operating system
            page.emulate_media(color_scheme="dark")
        if path in ALL_CHART_PAGES:  # the charts have re-themed
            page.wait_for_function(
                f"""() => Array.from(document.querySelectorAll('.sb-chart__plot'))
                .every(p => p._fullLayout && p._fullLayout.font.color === {json.dumps(DARK_TEXT)})"""
            )
        check(path, "dark")
        page.evaluate("localStorage.clear()")  # Material keeps the reader's palette: start the next page light
    assert not found, json.dumps(found, indent=1)


# Everything a keyboard user must reach in each chart, tagged so the Tab walk can recognise it.
# (A backslash at the end of a line joins the next line to it: the JavaScript is as if on one line.)
TAG_TARGETS = """() => {
  const targets = [];
  document.querySelectorAll('figure.sb-chart').forEach(figure => {
    const chart = figure.dataset.sbChart;
    const tag = (el, what) => { el.dataset.kb = chart + ': ' + what; targets.push(el.dataset.kb); };
    figure.querySelectorAll('.sb-chart__downloads a').forEach(a => tag(a, 'link ' + a.textContent.trim()));
    figure.querySelectorAll('.sb-chart__plot .modebar-btn')\
.forEach(b => tag(b, 'modebar ' + b.getAttribute('data-title')));
    figure.querySelectorAll('button.sb-chart__image').forEach(b => tag(b, 'image ' + b.dataset.format));
    figure.querySelectorAll('details > summary').forEach(s => tag(s, 'summary ' + s.textContent.trim()));
  });
  return targets;
}"""


def tab_through(page, limit: int = 400) -> list[str]:
    """Press Tab from the top of the page until focus leaves it; the tagged elements focused, in order."""
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "(() => { const el = document.activeElement;"
            " return el === document.body || el === null ? null : (el.dataset.kb || ''); })()"
        )
        if focused is None:
            break
        if focused:
            reached.append(focused)
    return reached


@pytest.mark.parametrize("path", list(CHART_PAGES))
def test_every_download_link_and_chart_control_is_reached_with_tab_and_works_with_enter(site, context, page, path):
    page.goto(site.url(path))
    draw_all(page, CHART_PAGES[path])
    targets = page.evaluate(TAG_TARGETS)
    for chart in CHART_PAGES[path]:
        assert any(t.startswith(f"{chart}: modebar") for t in targets), f"{chart} has chart controls"
        assert sum(t.startswith(f"{chart}: link") for t in targets) == 6  # CSV, JSON, figure, PNG, SVG, own page
    reached = tab_through(page)
    assert [t for t in targets if t not in reached] == []
    assert sorted(reached) == sorted(targets), "each is reached once, in one pass"

    # Every chart control does its job from the keyboard, and none of them sends the chart elsewhere
    # (plotly.js 4 has a "Share chart..." button that uploads it to Plotly Cloud unless told not to).
    popups = []
    context.on("page", lambda new: popups.append(new.url))
    buttons = page.locator(".sb-chart__plot .modebar-btn")
    titles = buttons.evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")
    assert not [t for t in titles if any(word in t.lower() for word in ("share", "cloud", "edit in"))], titles
    for index, title in enumerate(titles):
        buttons.nth(index).focus()
        if "download" in title.lower():
            with page.expect_download() as download:
                page.keyboard.press("Enter")
            assert download.value.suggested_filename.endswith(".png")
        else:
            page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert popups == []
    assert context.recorder.off_origin(site.origin) == []
    assert context.recorder.errors == []


def test_chart_controls_show_when_focused_and_work_from_the_keyboard(site, context, page):
    page.goto(site.url("troops/"))
    draw_all(page, CHART_PAGES["troops/"])
    figure = page.locator("#chart-troops_line")
    # The modebar, hidden until hovered, shows itself to a keyboard user too.
    button = figure.locator(".modebar-btn[data-title='Download plot as a PNG']")
    button.focus()
    expect(figure.locator(".modebar-group").first).to_have_css("opacity", "1")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "troops_line.png"
    # A download link, followed with Enter.
    figure.get_by_role("link", name="data (CSV)").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "troops_line.csv"
    # The data table's disclosure opens with Enter and shows the table.
    summary = figure.locator(".sb-chart__table > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(figure.locator(".sb-chart__table table")).to_be_visible()
    assert context.recorder.errors == []
