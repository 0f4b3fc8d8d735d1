"""What a reader downloads for each page before touching anything, measured in a browser, in gzip bytes.

Issue 13's measure: "what a reader downloads for any chart page before touching a chart: at most
200 KB gzip". Since the posters (build/images.py), what a page costs depends on what the browser
decides: which poster a `<picture>` picks at this width and in this colour scheme, which lazy
images come near the viewport, what Material fetches by itself (its search index, at load), and
whether anything fetches plotly.js or a figure. Reading the HTML cannot know that, so the old
static count (HTML + linked files + the plotly.js bundle each chart named) is gone: it counted
plotly.js, which pages no longer fetch, and none of the posters, which they do. There is no static
fallback: one that guessed the browser's choices would be a second, unmeasured opinion.

For each page and each viewport (a 375x740 phone, a 1280x800 desktop column), in a fresh browser
context (an empty cache, as a first visit): open the page from bench/gzip_server.py (gzip -9, as
GitHub Pages compresses), scroll to the bottom a screen at a time with `window.scrollTo` (no
pointer, no tap, no focus: nothing "reaches for" a chart), wait until the network has been quiet
for half a second, and sum the body bytes the server sent for that page: every response, by kind
(the HTML, CSS and JS, images, plotly.js and figures, the search index, anything else). HTTP
headers (about 200 bytes a response) are not counted. A request to another origin is listed: it
would be a fault of the page (there is no network here, so it has no bytes to count).

The budget is 200,000 bytes (200 KB, KB = 1000 bytes, as every figure in bench/ and the issue's
"today 477-598 KB" are counted) for every page, at every width: a page without charts is held to
it too. A benchmark, not a test: it prints a table and never fails (tests/browser/test_page_weight.py
is the test).

    python bench/page_weight.py                 # builds the repository's site, with site_url on the server
    python bench/page_weight.py site            # a site built already (`make weight` builds site/ first)
    python bench/page_weight.py --scheme dark   # the dark colour scheme (its own posters)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gzip_server import Sent, Server, pages_of, serve  # noqa: E402
from site_builder.build import images  # noqa: E402

BUDGET = 200_000  # gzip bytes a page may cost before the reader touches anything (issue 13)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = list(images.CHROMIUM_ARGS)  # the flags FACTS.md gives ("Browser tests here"), in one place
QUIET_MS = 500  # the network counts as settled after this long with no request in flight
SETTLE_TIMEOUT_MS = 15_000
PARTS = ("html", "css+js", "images", "plotly", "search", "other")


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool  # a phone: touch, device pixels at 2x, the page's meta viewport honoured


PHONE = Viewport("phone", 375, 740, True)
DESKTOP = Viewport("desktop", 1280, 800, False)
VIEWPORTS = {v.name: v for v in (PHONE, DESKTOP)}


@dataclass
class Weight:
    """One page at one viewport: what the server sent for it, by kind."""

    page: str  # as served: "", "kfor/", "404.html"
    viewport: str
    responses: list[Sent] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)  # requests to another origin (there should be none)

    @property
    def parts(self) -> dict[str, int]:
        parts = dict.fromkeys(PARTS, 0)
        for sent in self.responses:
            parts[kind_of(sent.path)] += sent.bytes
        return parts

    @property
    def total(self) -> int:
        return sum(sent.bytes for sent in self.responses)

    @property
    def plotly_fetched(self) -> bool:
        """Whether anything fetched plotly.js or a figure, which only a reader's gesture should."""
        return any(kind_of(sent.path) == "plotly" for sent in self.responses)

    @property
    def within_budget(self) -> bool:
        return self.total <= BUDGET


def kind_of(path: str) -> str:
    """Which column a response counts in, from its path (the server records paths, not types)."""
    name = path.rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if name.startswith("plotly-") or name == "figure.json" or "/topojson-" in path:
        return "plotly"  # the interactive chart: its bundle, its figure, the map geometry
    if name == "search_index.json" or "/search/" in path:
        return "search"  # Material's search index (fetched at load) and its worker
    if suffix in ("", "html"):
        return "html"
    if suffix in ("css", "js", "mjs"):
        return "css+js"
    if suffix in ("svg", "webp", "png", "jpg", "jpeg", "avif", "gif", "ico"):
        return "images"
    return "other"


def measure(
    server: Server, pages: Iterable[str], viewports: Iterable[Viewport] = (PHONE,), scheme: str = "light", browser=None
):
    """Each page at each viewport, one at a time (so every response the server sends belongs to one page).
    `browser`: a Playwright browser to use (a test session's: one sync Playwright a thread), else one is started.
    """
    if browser is not None:
        return [_measure_one(browser, server, page, viewport, scheme) for page in pages for viewport in viewports]
    from playwright.sync_api import sync_playwright

    weights = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page in pages:
                for viewport in viewports:
                    weights.append(_measure_one(browser, server, page, viewport, scheme))
        finally:
            browser.close()
    return weights


def _measure_one(browser, server: Server, path: str, viewport: Viewport, scheme: str) -> Weight:
    context = browser.new_context(
        viewport={"width": viewport.width, "height": viewport.height},
        device_scale_factor=2 if viewport.mobile else 1,
        is_mobile=viewport.mobile,
        has_touch=viewport.mobile,
        color_scheme=scheme,
        service_workers="block",
    )
    weight = Weight(path, viewport.name)
    in_flight: set = set()
    last_change = [time.monotonic()]

    def started(request):
        in_flight.add(request)
        last_change[0] = time.monotonic()
        if not request.url.startswith(server.origin + "/") and not request.url.startswith("data:"):
            weight.elsewhere.append(request.url)

    def ended(request):
        in_flight.discard(request)
        last_change[0] = time.monotonic()

    tab = context.new_page()
    tab.on("request", started)
    tab.on("requestfinished", ended)
    tab.on("requestfailed", ended)
    first = len(server.sent)
    try:
        tab.goto(server.url(path), wait_until="load")
        # A screen at a time, as a reader scrolls: a lazy image loads when it comes near the viewport,
        # so a jump straight to the bottom would skip the images in between.
        y = 0
        while True:
            height = tab.evaluate("document.documentElement.scrollHeight")
            if y >= height:
                break
            tab.evaluate("y => window.scrollTo(0, y)", y)
            tab.wait_for_timeout(120)
            y += viewport.height
        tab.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        deadline = time.monotonic() + SETTLE_TIMEOUT_MS / 1000
        while time.monotonic() < deadline:
            if not in_flight and time.monotonic() - last_change[0] >= QUIET_MS / 1000:
                break
            tab.wait_for_timeout(50)
    finally:
        context.close()
    weight.responses = list(server.sent[first:])
    return weight


def table(weights: list[Weight]) -> str:
    """A Markdown table: a row per page and viewport, gzip bytes by kind, and the verdict."""
    header = "| page | viewport | " + " | ".join(PARTS) + " | total KB | requests | budget |"
    lines = [header, "|---|---|" + "---:|" * (len(PARTS) + 2) + "---|"]
    for weight in weights:
        parts = weight.parts
        verdict = "ok" if weight.within_budget else "**OVER**"
        if weight.plotly_fetched:
            verdict += ", plotly fetched"
        if weight.elsewhere:
            verdict += f", {len(weight.elsewhere)} off-origin"
        lines.append(
            f"| {weight.page or '/'} | {weight.viewport} | "
            + " | ".join(f"{parts[p]:,}" for p in PARTS)
            + f" | {weight.total / 1000:.1f} | {len(weight.responses)} | {verdict} |"
        )
    return "\n".join(lines)


def summary(weights: list[Weight]) -> str:
    lines = []
    for viewport in dict.fromkeys(w.viewport for w in weights):
        mine = [w for w in weights if w.viewport == viewport]
        heaviest = max(mine, key=lambda w: w.total)
        over = [w.page or "/" for w in mine if not w.within_budget]
        verdict = "all within" if not over else f"{len(over)} over ({', '.join(over)})"
        lines.append(
            f"{viewport}: {len(mine)} pages, heaviest {heaviest.page or '/'} {heaviest.total / 1000:.1f} KB; "
            f"{verdict} the budget of {BUDGET / 1000:.0f} KB"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", nargs="?", help="a built site (default: build the repository's site first)")
    parser.add_argument("--viewports", default="phone,desktop", help="phone, desktop or both (default: both)")
    parser.add_argument("--scheme", choices=("light", "dark"), default="light", help="colour scheme (default light)")
    parser.add_argument("--pages", default="", help="only pages whose path contains one of these, comma-separated")
    args = parser.parse_args(argv[1:])
    viewports = [VIEWPORTS[name] for name in args.viewports.split(",") if name]
    with tempfile.TemporaryDirectory(prefix="page-weight-") as temporary:
        if args.site:
            site = Path(args.site)
            if not (site / "index.html").is_file():
                print(f"{site}/index.html not found: build the site first (make site)", file=sys.stderr)
                return 2
        else:
            site = Path(temporary) / "site"
        with serve(site) as server:
            if not args.site:
                from bench.lighthouse_site import build_site

                print("building the site...", file=sys.stderr, flush=True)
                build_site(server.root, server.origin)
            wanted = [p for p in args.pages.split(",") if p]
            pages = [p for p in pages_of(server.root) if not wanted or any(w in p for w in wanted)]
            started = time.monotonic()
            weights = measure(server, pages, viewports, args.scheme)
            took = time.monotonic() - started
    print(table(weights))
    print()
    print(summary(weights))
    print(
        f"\n{args.scheme} scheme; gzip -9 body bytes as bench/gzip_server.py sent them, after scrolling to the "
        f"bottom and {QUIET_MS} ms of quiet network; {len(weights)} loads in {took:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
