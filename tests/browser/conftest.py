"""The `reader` fixture site, built once, served on 127.0.0.1 and read in Debian's headless chromium.

One worker owns all of it: every browser test carries `xdist_group("browser")`, and the suite runs
with `--dist loadgroup`. The site is built with `site_url` set to the exact origin it is served on,
because mkdocs-material's instant navigation only intercepts links on `site_url`'s origin: served
anywhere else, every click would be a full page load and instant-navigation bugs would hide.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from site_builder.build import images
from tests.conftest import build, build_every_edition, copy_project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = list(images.CHROMIUM_ARGS)  # the flags FACTS.md gives ("Browser tests here"), in one place

# The fixture's pages and the charts on each, in page order (tests/fixtures/reader/content).
CHART_PAGES = {
    "troops/": ["troops_line"],
    "map/": ["states_map", "states_step"],
    "tabs/": ["contributors_ranked"],
    "long/": ["contributors_grouped"],
}
PAGES_WITHOUT_CHARTS = ["", "404.html"]
CHARTS = [chart for charts in CHART_PAGES.values() for chart in charts]
STANDALONE_PAGES = {f"charts/{chart}/": [chart] for chart in CHARTS}
ALL_CHART_PAGES = {**CHART_PAGES, **STANDALONE_PAGES}
EVERY_PAGE = [*PAGES_WITHOUT_CHARTS, *ALL_CHART_PAGES]
# The smallest plotly.js bundle that draws each page's charts: basic draws line, step and bar; only a
# map needs geo, which draws the step chart beside it too, so the map page fetches geo alone.
BUNDLES = {
    **{path: [] for path in PAGES_WITHOUT_CHARTS},
    **{path: ["plotly-basic"] for path in ALL_CHART_PAGES},
    "map/": ["plotly-geo"],
    "charts/states_map/": ["plotly-geo"],
}
NAV = {"Home": "", "Troops": "troops/", "Map": "map/", "Tabs": "tabs/", "Long read": "long/"}

DRAWN = re.compile(r"(^|\s)sb-chart--drawn(\s|$)")
PLOTLY_BUNDLE = re.compile(r"/assets/site-builder/(plotly-[a-z]+)\.([0-9a-f]{8})\.js$")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not a test failure


@dataclass
class Site:
    root: Path  # the built site folder
    origin: str  # "http://127.0.0.1:<port>", no trailing slash

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path}"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The `reader` project, built with site_url = the origin it is then served on, for the session."""
    project = copy_project("reader", tmp_path_factory.mktemp("reader"))
    root = project / "site"
    server = _serve(root)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    config = project / "mkdocs.yml"
    text, count = re.subn(r"(?m)^site_url: .*$", f"site_url: {origin}/", config.read_text(encoding="utf-8"))
    assert count == 1, "tests/fixtures/reader/mkdocs.yml must have one `site_url:` line"
    config.write_text(text, encoding="utf-8")
    build(project, root)
    thread = threading.Thread(target=server.serve_forever, name="reader-site", daemon=True)
    thread.start()
    yield Site(root, origin)
    server.shutdown()
    server.server_close()
    thread.join(5)


def _serve(root: Path) -> _QuietServer:
    """A server bound on a free port of 127.0.0.1, serving `root`, not yet started.

    Bound first (port 0: the system picks a free one), so no other process can take the port between
    choosing it and serving on it; requests wait in the backlog until the build is done.
    """
    return _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Site:
    """The Kosovo site itself, every edition (the repository's content/ and mkdocs*.yml, as they are), built with
    site_url = the origin it is then served on, for the session.

    Its mkdocs.yml takes site_url from SITE_URL, so the environment says where it is served, for
    this build only. Tests that use it carry `xdist_group("real-site")`: one worker builds it.
    """
    root = tmp_path_factory.mktemp("real-site") / "site"
    server = _serve(root)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    build_every_edition(root, f"{origin}/")
    thread = threading.Thread(target=server.serve_forever, name="real-site", daemon=True)
    thread.start()
    yield Site(root, origin)
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="session")
def browser():
    """One headless chromium for the session. Never skipped: without chromium the tests fail."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: browser tests need Debian's chromium; run `make test`, "
            "which installs it (or `sudo apt-get install chromium`)",
            pytrace=False,
        )
    from playwright.sync_api import expect, sync_playwright

    # A chart draws within a second of being reached here; a wait that runs out is a failure, and
    # 15 s waits on charts that never drew once made a failing suite take 18 minutes.
    expect.set_options(timeout=8_000)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Recorder:
    """What a browser context did: every request URL, console errors and uncaught exceptions."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("page", self.attach_page)

    def attach_page(self, page) -> None:
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console: {message.text} ({message.location})") if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))

    def off_origin(self, origin: str) -> list[str]:
        """Requests to any other origin than `origin` (data: and blob: URLs are no requests)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob", "about")
            and f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" != origin
        ]

    def bundles(self) -> list[str]:
        """The plotly.js bundles requested so far, as "plotly-basic" or "plotly-geo"."""
        return [PLOTLY_BUNDLE.search(url).group(1) for url in self.requests if PLOTLY_BUNDLE.search(url)]


@pytest.fixture
def new_context(browser, site):
    """A factory of fresh browser contexts (closed after the test), each with a `recorder`."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**options)
        context.recorder = Recorder()
        context.recorder.attach(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


def show(page, figure) -> None:
    """Bring a chart into view: open the content tab it sits in, if any, and scroll to it."""
    label = figure.evaluate("""figure => {
        const block = figure.closest('.tabbed-block');
        if (!block || block.offsetParent !== null) return null;
        const set = block.closest('.tabbed-set');
        const index = Array.prototype.indexOf.call(block.parentElement.children, block);
        return set.querySelector(':scope > .tabbed-labels').children[index].getAttribute('for');
    }""")
    if label:
        page.click(f"label[for='{label}']")
    figure.scroll_into_view_if_needed()


def reach(page, figure, tap: bool = False) -> None:
    """Reach for a chart as a reader does: bring it into view, then point at it (or, on a phone, tap
    it). A chart arrives as its poster, and only this draws it (the loader fetches plotly.js then).
    """
    show(page, figure)
    plot = figure.locator(".sb-chart__plot")
    if tap:
        plot.tap()
    else:
        # From outside the chart: a pointer left where the last chart was, with this one scrolled
        # under it, gets no new pointerover in headless Chromium (a reader's browser sends one when
        # the scrolling stops), and the chart would wait for a move that never comes.
        page.mouse.move(0, 0)
        plot.hover()


def draw_all(page, expected: list[str] | None = None) -> None:
    """Reach for every chart on the page in turn and wait until each is drawn."""
    from playwright.sync_api import expect

    figures = page.locator("figure.sb-chart")
    if expected is not None:
        expect(figures).to_have_count(len(expected))
        assert figures.evaluate_all("fs => fs.map(f => f.dataset.sbChart)") == expected
    for index in range(figures.count()):
        figure = figures.nth(index)
        reach(page, figure)
        expect(figure).to_have_class(DRAWN)
        expect(figure.locator(".sb-chart__plot .main-svg").first).to_be_attached()


# Each poster chart on the page, and the posters it shows (displayed and visible), with their images' state.
SHOWN_POSTERS = """() => Array.from(document.querySelectorAll('figure.sb-chart--poster')).map(figure => ({
  chart: figure.dataset.sbChart,
  drawn: figure.classList.contains('sb-chart--drawn'),
  shown: Array.from(figure.querySelectorAll('.sb-chart__poster')).filter(poster => {
    const style = getComputedStyle(poster);
    return style.display !== 'none' && style.visibility !== 'hidden';
  }).map(poster => {
    const img = poster.querySelector('img'), box = img.getBoundingClientRect();
    return {
      scheme: poster.classList.contains('sb-chart__poster--dark') ? 'dark' : 'light',
      file: img.currentSrc.split('/').pop(), complete: img.complete, naturalWidth: img.naturalWidth,
      alt: img.alt, width: box.width, height: box.height,
    };
  }),
}))"""


def poster_loaded(figure, timeout: float | None = None) -> None:
    """Wait until the chart shows exactly one poster, loaded and decoded (lazy images load near the viewport)."""
    figure.page.wait_for_function(
        """figure => {
            const shown = Array.from(figure.querySelectorAll('.sb-chart__poster')).filter(p =>
                getComputedStyle(p).display !== 'none' && getComputedStyle(p).visibility !== 'hidden');
            return shown.length === 1 && shown[0].querySelector('img').complete
                && shown[0].querySelector('img').naturalWidth > 0;
        }""",
        arg=figure.element_handle(),
        timeout=timeout,
    )
