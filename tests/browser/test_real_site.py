"""Issue 13: the Kosovo site itself, as readers get it, is a test subject.

The fixture site's configuration and pages differ from the published site's (it did not turn on
Material's instant-navigation progress bar, it has no wide table), so defects only the real site
has went unseen. Here every page of the real site, found by walking the built site rather than
listed by hand, is read once at a desktop width in light and dark mode and once at a phone's
width; each test below then asserts one thing about every page. A page, chart or Material option
added to the site is tested from then on without a new test.

Pages: every `index.html` of the built site and `404.html`, the standalone chart pages
(`charts/<id>/`) included: they are the pages other sites embed, read by the same readers and
screen readers, and they are drawn by their own template (standalone.html), which nothing else
checks on the real charts.

Page weight is not checked here: tests/build/test_kosovo_site.py's
test_every_page_is_within_its_download_budget holds every page of the real site to
bench/page_weight.py's BUDGET already, on the HTML alone, without a browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from site_builder.figures.theme import DARK_TEXT
from tests.browser.conftest import DRAWN, Recorder, show

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("real-site")]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
DRAW_TIMEOUT = 15_000  # ms for one chart to draw once in view


def pages_of(root: Path) -> list[str]:
    """Every page of a built site, as the path it is served at: "", "kfor/", "404.html"."""
    pages = [
        page.parent.relative_to(root).as_posix() + "/"
        for page in root.rglob("index.html")
        if "assets" not in page.relative_to(root).parts
    ]
    pages = sorted("" if page == "./" else page for page in pages)
    return [*pages, "404.html"] if (root / "404.html").is_file() else pages


@dataclass
class Reading:
    """What one page did and showed, in each reading of it."""

    charts: list[str] = field(default_factory=list)  # the charts on the page, in page order
    undrawn: list[str] = field(default_factory=list)  # charts not drawn once scrolled into view
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    off_origin: list[str] = field(default_factory=list)  # requests to any other host
    axe: dict[str, list[str]] = field(default_factory=dict)  # "light"/"dark": every violation, any impact
    phone_width: int = 0  # document scrollWidth at a 375 px wide viewport


def draw_every_chart(page, reading: Reading) -> None:
    """Scroll each chart into view (the loader draws charts lazily, when visible) and wait for its drawing."""
    figures = page.locator("figure.sb-chart")
    reading.charts = figures.evaluate_all("fs => fs.map(f => f.dataset.sbChart)")
    for index, chart in enumerate(reading.charts):
        figure = figures.nth(index)
        show(page, figure)
        try:
            figure.locator(".sb-chart__plot .main-svg").first.wait_for(state="attached", timeout=DRAW_TIMEOUT)
        except Exception:  # noqa: BLE001 - a chart that never draws is a finding, not a crash of the survey
            reading.undrawn.append(chart)
            continue
        if not DRAWN.search(figure.get_attribute("class") or ""):
            reading.undrawn.append(chart)


def violations(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if len(n["target"]) == 1 else json.dumps(n["target"]) for n in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def settle(page) -> None:
    """Back to the top, and wait until Material's header title has stopped sliding, or axe measures the
    contrast of text half faded in.
    """
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def to_dark(page, reading: Reading) -> None:
    """Switch to the dark scheme as a reader does: Material's palette toggle, or the operating system's
    setting on a standalone chart page; then wait until every chart has re-themed.
    """
    toggle = page.locator("label[for=__palette_1]")
    if toggle.count():
        toggle.click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    else:
        page.emulate_media(color_scheme="dark")
    drawn = [c for c in reading.charts if c not in reading.undrawn]
    if drawn:
        page.wait_for_function(
            f"""() => Array.from(document.querySelectorAll('figure.sb-chart--drawn .sb-chart__plot'))
            .every(p => p._fullLayout && p._fullLayout.font.color === {json.dumps(DARK_TEXT)})"""
        )


def read(browser, axe, origin: str, path: str) -> Reading:
    reading = Reading()
    recorder = Recorder()
    desktop = browser.new_context(viewport=DESKTOP, color_scheme="light")
    phone = browser.new_context(viewport=PHONE, color_scheme="light", is_mobile=True, has_touch=True)
    try:
        for context in (desktop, phone):
            recorder.attach(context)
        page = desktop.new_page()
        page.goto(f"{origin}/{path}")
        draw_every_chart(page, reading)
        settle(page)
        reading.axe["light"] = violations(axe.run(page))
        to_dark(page, reading)
        settle(page)
        reading.axe["dark"] = violations(axe.run(page))

        page = phone.new_page()
        page.goto(f"{origin}/{path}")
        draw_every_chart(page, Reading())
        page.wait_for_load_state("networkidle")
        reading.phone_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        desktop.close()
        phone.close()
    reading.errors = recorder.errors
    reading.off_origin = recorder.off_origin(origin)
    return reading


@pytest.fixture(scope="module")
def readings(browser, real_site) -> dict[str, Reading]:
    """Every page of the real site, read once; each test asserts one thing about all of them."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = pages_of(real_site.root)
    assert "" in pages and "timeline/" in pages and any(p.startswith("charts/") for p in pages), pages
    return {path or "/": read(browser, axe, real_site.origin, path) for path in pages}


def test_every_page_of_the_real_site_is_read(readings, real_site):
    """The walk finds the pages the navigation names and a standalone page for every chart."""
    from site_builder.formats.project import Project
    from tests.conftest import ROOT

    charts = set(Project.load(ROOT).charts)
    assert {p.removeprefix("charts/").strip("/") for p in readings if p.startswith("charts/")} == charts
    on_pages = {chart for path, r in readings.items() if not path.startswith("charts/") for chart in r.charts}
    assert on_pages == charts, "every chart is on a page and was found there"


def test_every_chart_on_every_page_is_drawn(readings):
    assert {path: r.undrawn for path, r in readings.items() if r.undrawn} == {}


def test_no_page_logs_a_console_error(readings):
    assert {path: r.errors for path, r in readings.items() if r.errors} == {}


def test_no_page_requests_anything_from_another_host(readings):
    assert {path: r.off_origin for path, r in readings.items() if r.off_origin} == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_of_any_impact(readings, scheme):
    found = {path: r.axe[scheme] for path, r in readings.items() if r.axe[scheme]}
    assert found == {}, json.dumps(found, indent=1)


def test_nothing_is_wider_than_a_phone(readings):
    """At a 375 px viewport the page scrolls down only: wide content (a table, a chart) scrolls in its own box."""
    wide = {path: r.phone_width for path, r in readings.items() if r.phone_width > PHONE["width"]}
    assert wide == {}
