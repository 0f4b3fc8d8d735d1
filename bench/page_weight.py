"""What a reader downloads for each page of a built site, scrolled to the bottom, in gzip bytes.

Counts the page's HTML, its stylesheets and scripts, the plotly.js bundle each chart names (once
per page), the map geometry when a page shows a map, and the search index (Material fetches it on
every page). Compares each page with the budget of issue 3: 500 KB for a page with charts but no
map, 600 KB for a page with a map. A benchmark, not a test: it prints figures and never fails.

    python bench/page_weight.py [site]          (default: site/, built by `make site`)
"""

from __future__ import annotations

import gzip
import posixpath
import re
import sys
from pathlib import Path

# What a phone downloads before the reader touches anything, gzip bytes. Raised by 10 KB in December
# 2026: the fact-check's fixes (every UN member on the map, each source's figure and its range, the
# rule each chart follows) added 2 to 7 KB of HTML a page. Issue 13 (charts drawn before any script,
# a smaller plotly.js) is where this weight is to be won back, and the budget with it.
BUDGET = {"map": 610_000, "chart": 510_000}
_ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*rel="stylesheet"[^>]*\shref)="([^"]+)"')
_BUNDLE = re.compile(r'data-sb-bundle="([^"]+)"')
_TRACES = re.compile(r'data-sb-traces="([^"]*)"')


def gzip_size(path: Path, cache: dict) -> int:
    if path not in cache:
        cache[path] = len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
    return cache[path]


def page_weight(site: Path, page: Path, cache: dict) -> tuple[int, dict[str, int], str]:
    html = page.read_text(encoding="utf-8")
    folder = posixpath.dirname(page.relative_to(site).as_posix())
    parts = {"html": gzip_size(page, cache)}
    files = set()
    for url in _ASSET.findall(html):
        if "://" in url:
            continue  # a third-party asset: the network tests fail on those
        files.add(site / posixpath.normpath(posixpath.join(folder, url.split("?")[0])))
    assets = site / "assets" / "site-builder"
    bundles = {assets / name for name in _BUNDLE.findall(html)}
    traces = {t for group in _TRACES.findall(html) for t in group.split()}
    kind = "map" if "choropleth" in traces else "chart" if bundles else "text"
    parts["css+js"] = sum(gzip_size(f, cache) for f in files if f.is_file())
    parts["plotly.js"] = sum(gzip_size(f, cache) for f in bundles)
    parts["map"] = sum(gzip_size(f, cache) for f in assets.glob("topojson-*/world_110m.json")) if kind == "map" else 0
    index = site / "search" / "search_index.json"
    parts["search"] = gzip_size(index, cache) if index.is_file() else 0
    return sum(parts.values()), parts, kind


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: build the site first (make site)", file=sys.stderr)
        return 2
    cache: dict = {}
    print(
        f"{'page':<34} {'kind':<6} {'html':>7} {'css+js':>8} {'plotly':>8} {'map':>7} "
        f"{'search':>7} {'total KB':>9}  budget"
    )
    for page in sorted(site.rglob("index.html")):
        if page.parent.parent.name == "charts" or page.parent.name == "site-builder":
            continue
        total, parts, kind = page_weight(site, page, cache)
        budget = BUDGET.get(kind)
        verdict = "" if budget is None else ("ok" if total <= budget else "OVER") + f" ({budget // 1000} KB)"
        name = page.relative_to(site).parent.as_posix() + "/"
        print(
            f"{name:<34} {kind:<6} {parts['html']:>7,} {parts['css+js']:>8,} {parts['plotly.js']:>8,} "
            f"{parts['map']:>7,} {parts['search']:>7,} {total / 1000:>9.1f}  {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
