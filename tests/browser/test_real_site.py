"""Issue 13: the Kosovo site itself, as readers get it, is a test subject.

The fixture site's configuration and pages differ from the published site's (it did not turn on
Material's instant-navigation progress bar, it has no wide table), so defects only the real site
has went unseen. Here every page of the real site, found by walking the built site rather than
listed by hand, is read once at a desktop width in light and dark mode and once at a phone's
width, and every problem found is reported by page and check. A page, chart or Material option
added to the site is tested from then on without a new test. Charts arrive as their posters: each
page is first checked to have fetched no plotly.js, then every chart is reached for (a pointer over
it on the desktop, a tap on the phone) before its drawing, axe and the console are checked.

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
from html import escape

import pytest

from bench.gzip_server import pages_of
from site_builder.figures.theme import DARK_TEXT
from tests.browser.conftest import Recorder, poster_loaded, reach, show

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("real-site")]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
DRAW_TIMEOUT = 30_000  # ms for a chart's poster to show, or to draw once reached: generous, the machine may be busy


@dataclass
class Reading:
    """What one page did and showed, in each reading of it."""

    charts: list[str] = field(default_factory=list)  # the charts on the page, in page order
    early: list[str] = field(default_factory=list)  # plotly.js bundles or figures fetched before any chart was reached
    no_poster: list[str] = field(default_factory=list)  # charts showing no loaded poster once in view
    undrawn: list[str] = field(default_factory=list)  # charts not drawn once reached for
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    off_origin: list[str] = field(default_factory=list)  # requests to any other host
    axe: dict[str, list[str]] = field(default_factory=dict)  # "light"/"dark": every violation, any impact
    phone_width: int = 0  # document scrollWidth at a 375 px wide viewport


def draw_every_chart(page, recorder: Recorder, reading: Reading, tap: bool = False) -> None:
    """Before anything is touched, check that no plotly.js (nor any chart's figure) was fetched; then
    bring each chart into view, check that its poster shows, reach for it (pointer over it, or a
    tap) and wait for the interactive chart.
    """
    page.wait_for_load_state("networkidle")
    reading.early = recorder.bundles() + [url for url in recorder.requests if url.endswith("/figure.json")]
    figures = page.locator("figure.sb-chart")
    reading.charts = figures.evaluate_all("fs => fs.map(f => f.dataset.sbChart)")
    for index, chart in enumerate(reading.charts):
        figure = figures.nth(index)
        if not tap:  # off the chart drawn before: scrolling could bring this one under the pointer
            page.mouse.move(0, 0)
        show(page, figure)
        try:
            poster_loaded(figure, timeout=DRAW_TIMEOUT)
        except Exception:  # noqa: BLE001 - a finding, as below
            reading.no_poster.append(chart)
        reach(page, figure, tap=tap)
        try:
            # Drawn is the loader's word (its class, once plotly's promise resolved), not plotly's
            # first svg: that is attached while a map is still drawing, and the class comes after.
            page.wait_for_function(
                "f => f.classList.contains('sb-chart--drawn')", arg=figure.element_handle(), timeout=DRAW_TIMEOUT
            )
            figure.locator(".sb-chart__plot .main-svg").first.wait_for(state="attached", timeout=DRAW_TIMEOUT)
        except Exception:  # noqa: BLE001 - a chart that never draws is a finding, not a crash of the survey
            # Which finding: the drawing never started (the reach went unseen), or it is still loading
            # (a busy machine: a map's bundle and geometry are 570 KB, drawn on a shared core).
            state = figure.get_attribute("class") or ""
            started = "sb-chart--loading" in state or "sb-chart--failed" in state
            reading.undrawn.append(f"{chart} ({'started, not drawn' if started else 'never started'}: {state})")
            continue


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
    drawn = [c for c in reading.charts if c not in {u.split(" ")[0] for u in reading.undrawn}]
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
        draw_every_chart(page, recorder, reading)
        settle(page)
        reading.axe["light"] = violations(axe.run(page))
        to_dark(page, reading)
        settle(page)
        reading.axe["dark"] = violations(axe.run(page))

        # The phone's page must load no plotly.js before a tap either: count its requests alone.
        reading.off_origin = recorder.off_origin(origin)
        recorder.requests.clear()
        page = phone.new_page()
        page.goto(f"{origin}/{path}")
        on_phone = Reading()
        draw_every_chart(page, recorder, on_phone, tap=True)
        reading.early += on_phone.early
        reading.no_poster += [f"{chart} (phone)" for chart in on_phone.no_poster]
        reading.undrawn += [f"{chart} (phone)" for chart in on_phone.undrawn]
        page.wait_for_load_state("networkidle")
        reading.phone_width = page.evaluate("document.documentElement.scrollWidth")
    finally:
        desktop.close()
        phone.close()
    reading.errors = recorder.errors
    reading.off_origin += recorder.off_origin(origin)
    return reading


def findings(reading: Reading) -> dict[str, object]:
    """Everything wrong with one page, by check; empty when the page is as it should be."""
    found = {
        "plotly.js or figures fetched before any chart was reached": reading.early,
        "charts without a poster in view": reading.no_poster,
        "charts not drawn once reached for": reading.undrawn,
        "console errors": reading.errors,
        "requests to another host": reading.off_origin,
        "axe, light": reading.axe["light"],
        "axe, dark": reading.axe["dark"],
        # At a 375 px viewport the page scrolls down only: wide content scrolls in its own box.
        "wider than 375 px": reading.phone_width if reading.phone_width > PHONE["width"] else None,
    }
    return {check: value for check, value in found.items() if value}


@pytest.mark.parametrize("share", [0, 1])
def test_every_page_of_the_real_site_as_readers_get_it(browser, real_site, share):
    """Every other page (two shares: the halves run on both xdist workers), each checked for no
    plotly.js before a chart is reached for, every chart's poster shown, every chart drawn once
    reached, no console error, no request to another host, no axe violation of any impact in light
    and dark mode, and nothing wider than a phone.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = pages_of(real_site.root)[share::2]
    assert pages
    found = {}
    for path in pages:
        problems = findings(read(browser, axe, real_site.origin, path))
        if problems:
            found[path or "/"] = problems
    assert found == {}, json.dumps(found, indent=1)


def test_the_walk_finds_every_page_and_every_chart(real_site):
    """The navigation's pages, every chart on a page, and a standalone page for each chart."""
    import re

    from site_builder.formats.project import Project
    from tests.conftest import ROOT

    pages = pages_of(real_site.root)
    assert {"", "kfor/", "recognition/", "timeline/", "methodology/", "404.html"} <= set(pages), pages
    charts = set(Project.load(ROOT).charts)
    assert {p.removeprefix("charts/").strip("/") for p in pages if p.startswith("charts/")} == charts
    html = "".join(
        (real_site.root / path / "index.html").read_text(encoding="utf-8")
        for path in pages
        if path != "404.html" and not path.startswith("charts/")
    )
    assert set(re.findall(r'data-sb-chart="([^"]+)"', html)) == charts, "every chart is on a page"


TRANSLATED = ("sq", "sr", "sr-latn")  # the editions' folders: every page there in its own language


def test_no_english_ui_string_is_left_in_a_translated_edition(real_site):
    """Every page of the Albanian and both Serbian editions, read as a reader gets it (text and the
    attributes read out): none of the theme's English words nor ours (`tests/untranslated.py`).
    """
    from tests.untranslated import english_in

    found = {}
    for folder in TRANSLATED:
        root = real_site.root / folder
        pages = pages_of(root)
        assert len(pages) > 10, (folder, pages)
        for path in pages:
            html = (root / (path if path.endswith(".html") else f"{path}index.html")).read_text(encoding="utf-8")
            if left := english_in(html):
                found[f"{folder}/{path}"] = left
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def _axis_titles(figure: dict) -> set[str]:
    layout = figure.get("layout", {})
    return {
        axis["title"]["text"]
        for name, axis in layout.items()
        if name.startswith(("xaxis", "yaxis")) and isinstance(axis.get("title"), dict) and axis["title"].get("text")
    }


def test_every_chart_image_is_in_its_pages_language(real_site):
    """A translated edition's posters are drawn from its own figure: each axis title of the
    edition's figure is in every poster, and no English axis title is (where the words differ);
    the social card differs from the English one.
    """
    wrong = []
    for chart in sorted(p.name for p in (real_site.root / "charts").iterdir() if p.is_dir()):
        english = real_site.root / "charts" / chart
        english_titles = _axis_titles(json.loads((english / "figure.json").read_text(encoding="utf-8")))
        for folder in TRANSLATED:
            here = real_site.root / folder / "charts" / chart
            titles = _axis_titles(json.loads((here / "figure.json").read_text(encoding="utf-8")))
            for poster in sorted(here.glob("poster-*.svg")):
                svg = poster.read_text(encoding="utf-8")
                wrong += [f"{folder}/{chart}/{poster.name}: no {t!r}" for t in titles if escape(t) not in svg]
                wrong += [
                    f"{folder}/{chart}/{poster.name}: English {t!r}"
                    for t in english_titles - titles
                    if escape(t) in svg
                ]
            if (here / "chart.png").read_bytes() == (english / "chart.png").read_bytes():
                wrong.append(f"{folder}/{chart}/chart.png is the English card")
    assert wrong == []
