"""The `hostile` fixture site in Chromium: no payload may run as script.

tests/fixtures/hostile puts known XSS payloads (tests/fixtures/hostile/payloads.json) into every
text field of a dataset, of six charts (every kind) and of the pages' front matter. Every page of
the built site is loaded, every chart is reached for and drawn (its poster, alt text from the
payloads, shown until then), every point of every trace is hovered (plotly
renders its label markup then) and every event label is pointed at. A script that runs is caught
three ways: `alert`, `confirm`, `prompt` and `print` are replaced before any page script runs
(in every frame), a real dialog is recorded by `page.on("dialog")`, and the replacements log to
the console, which is listened to as well. The last tests check that this trap springs.
"""

from __future__ import annotations

import functools
import re
import threading

import pytest

from tests.browser.conftest import DRAWN, _QuietHandler, _QuietServer, reach
from tests.conftest import build, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

TRAP = """
(() => {
  window.__xss = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const fired = (...args) => {
      window.__xss.push(name + '(' + args.map(String).join(',') + ')');
      console.log('XSS-FIRED ' + name + '(' + args.map(String).join(',') + ')');
    };
    try { Object.defineProperty(window, name, { value: fired, writable: false, configurable: false }); }
    catch (e) { window[name] = fired; }
  }
})();
"""

# Elements and attributes no page of ours has, and every payload tries to create.
INJECTED = """() => [...document.querySelectorAll(
  '[onerror], [onload], [onmouseover], [onclick], [onfocus], iframe, img[src="x"], svg[onload], template script')]
  .map(e => e.outerHTML.slice(0, 120))
  .concat([...document.querySelectorAll('a, [href]')].filter(a => {
    const href = a.getAttribute('href') || a.getAttribute('xlink:href') || '';
    return /^\\s*javascript:/i.test(href);
  }).map(a => a.outerHTML.slice(0, 120)))"""

HOVER_EVERY_POINT = """async () => {
  const plots = [...document.querySelectorAll('.sb-chart__plot.js-plotly-plot, .js-plotly-plot')];
  let labels = 0;
  for (const gd of plots) {
    const Plotly = window.Plotly;
    for (let c = 0; c < (gd.data || []).length; c++) {
      const trace = gd.data[c];
      const count = (trace.locations || trace.x || trace.y || []).length;
      const subplot = trace.type === 'choropleth' ? (trace.geo || 'geo') : (trace.xaxis || 'x') + (trace.yaxis || 'y');
      for (let p = 0; p < count; p++) {
        try { Plotly.Fx.hover(gd, [{curveNumber: c, pointNumber: p}], subplot); } catch (e) { continue; }
        labels += gd.querySelectorAll('.hoverlayer .hovertext').length;
        await new Promise(resolve => requestAnimationFrame(resolve));
      }
    }
    try { Plotly.Fx.unhover(gd); } catch (e) {}
  }
  return labels;
}"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile fixture, built with site_url set to the origin it is served on."""
    project = copy_project("hostile", tmp_path_factory.mktemp("hostile-browser"))
    root = project / "site"
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {origin}/", config.read_text()))
    build(project, root)
    thread = threading.Thread(target=server.serve_forever, name="hostile-site", daemon=True)
    thread.start()
    pages = sorted(
        ""
        if p.name == "index.html" and p.parent == root
        else p.relative_to(root).as_posix()
        if p.name == "404.html"
        else p.parent.relative_to(root).as_posix() + "/"
        for p in root.rglob("*.html")
    )
    yield origin, pages
    server.shutdown()
    server.server_close()
    thread.join(5)


class Trap:
    """A browser context whose every frame reports scripts a payload ran."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(TRAP)
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda message: self.console.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def fired(self) -> list[str]:
        """Everything that shows a payload ran, in this page and its frames."""
        fired = list(self.dialogs) + [text for text in self.console if "XSS-FIRED" in text]
        for frame in self.page.frames:
            try:
                fired += frame.evaluate("() => window.__xss || []")
            except Exception:  # a frame that went away
                pass
        return fired


@pytest.fixture
def trap(browser):
    trap = Trap(browser)
    yield trap
    trap.context.close()


def test_no_payload_runs_on_any_page(hostile, trap):
    from playwright.sync_api import expect

    origin, pages = hostile
    assert len(pages) >= 20 and "404.html" in pages and "charts/map/" in pages
    charts_drawn = labels = 0
    for path in pages:
        trap.page.goto(f"{origin}/{path}", wait_until="load")
        figures = trap.page.locator("figure.sb-chart")
        for index in range(figures.count()):
            figure = figures.nth(index)
            reach(trap.page, figure)
            expect(figure).to_have_class(DRAWN)
            charts_drawn += 1
        if figures.count():
            labels += trap.page.evaluate(HOVER_EVERY_POINT)
            annotations = trap.page.locator(".annotation-text-g")
            for index in range(annotations.count()):
                annotations.nth(index).hover(force=True)
            trap.page.locator("details.sb-chart__table summary").first.click()
        trap.page.wait_for_timeout(100)  # an onerror of a broken <img> fires after its request fails
        assert trap.fired() == [], f"{path}: a payload ran"
        assert trap.page.evaluate(INJECTED) == [], f"{path}: a payload became markup"
    assert charts_drawn == 12  # six charts, on their pages and on their own pages
    assert labels > 50  # hover labels were drawn: plotly's label markup was exercised
    assert trap.errors == []


def test_search_results_show_payload_titles_as_text(hostile, trap):
    """Material's search renders titles from the search index as HTML: they must arrive escaped."""
    from playwright.sync_api import expect

    origin, _ = hostile
    trap.page.goto(f"{origin}/", wait_until="load")
    search = trap.page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("text", delay=50)  # every page says "Some text."; Material listens to keys
    results = trap.page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    trap.page.wait_for_timeout(300)
    assert trap.fired() == []
    assert trap.page.evaluate(INJECTED) == []
    shown = trap.page.locator(".md-search-result__article h1").all_inner_texts()
    assert "<script>alert(1)</script>" in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


# -- the trap springs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert('canary')</script>",
        "<img src=x onerror=\"confirm('canary')\">",
        "<iframe srcdoc=\"<script>prompt('canary')</script>\"></iframe>",
    ],
)
def test_the_trap_catches_a_script_that_runs(hostile, trap, markup):
    origin, _ = hostile
    trap.page.goto(f"{origin}/404.html", wait_until="load")
    trap.page.set_content(f"<!doctype html><title>canary</title>{markup}", wait_until="load")
    trap.page.wait_for_timeout(300)
    fired = trap.fired()
    assert fired and "canary" in " ".join(fired)


def test_a_real_dialog_is_caught_too(browser):
    """Without the replacement (a frame it missed), page.on('dialog') still sees the dialog."""
    trap = Trap.__new__(Trap)
    trap.context = browser.new_context()
    trap.dialogs, trap.console, trap.errors = [], [], []
    trap.page = trap.context.new_page()
    trap.page.on("dialog", trap._dialog)
    trap.page.on("console", lambda message: trap.console.append(message.text))
    try:
        trap.page.set_content("<script>alert('canary')</script>")
        trap.page.wait_for_timeout(200)
        assert trap.dialogs == ["alert: canary"]
    finally:
        trap.context.close()
