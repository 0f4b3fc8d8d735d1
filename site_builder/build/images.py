"""Chart images made at build time, by plotly.js itself, in Debian's Chromium.

Why Chromium driven by Playwright and not kaleido: the images must be the chart readers get, so
they are drawn by the very plotly.js bundle the site publishes (kaleido brings its own copy),
and a page of Chromium kept open draws an SVG in about 45 ms where kaleido's server takes about
300 ms (bench/README.md, "Measurements behind the code"). One browser is started for a build,
with one page per core the build may use; each page loads the bundles once and draws with
`Plotly.toImage` on figure objects (no DOM plot is made).

Reproducible: plotly names an SVG's clip paths and definitions after a random id; it becomes one
derived from the image's key. Rasters are byte-identical for the same Chromium and fonts, which
the key includes. Images are cached by that key in `.site-builder-cache/images/`, so a build whose
charts did not change starts no browser at all.

No MkDocs import here.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from site_builder.build.assets import FrontendAssets
from site_builder.build.cache import CACHE_DIR, ChartCache, code_fingerprint

CHROMIUM_ENVIRONMENT = "SITE_BUILDER_CHROMIUM"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class ImagesUnavailable(Exception):
    """The build cannot make chart images here (no Chromium, or no Playwright)."""


HOW_TO_INSTALL = (
    "chart images are drawn at build time in Chromium; {missing}. Install it (Debian and Ubuntu: "
    "`sudo apt-get install chromium`; `make site` does this), or name a Chrome or Chromium binary in "
    f"{CHROMIUM_ENVIRONMENT}=/path/to/chrome. To build without images, set `images: false` under the "
    "site-builder plugin in mkdocs.yml: pages then draw every chart with plotly.js as it scrolls into view"
)


@dataclass(frozen=True)
class ImageJob:
    """One image to make: a figure (as `figures/posters.py` draws it), in a format, for a site path."""

    path: str  # site path, e.g. "charts/kfor_troops/poster-light-wide.svg"
    figure: dict
    format: str  # "svg", "png" or "webp"
    bundle: str  # the published plotly.js bundle that draws it
    scale: int = 1  # device pixels per CSS pixel, for rasters


def find_chromium() -> str:
    """The Chromium to draw with: `SITE_BUILDER_CHROMIUM`, else the first found of the usual names."""
    named = os.environ.get(CHROMIUM_ENVIRONMENT)
    if named:
        if not (shutil.which(named) or Path(named).is_file()):
            raise ImagesUnavailable(HOW_TO_INSTALL.format(missing=f"{CHROMIUM_ENVIRONMENT} names {named}, not found"))
        return shutil.which(named) or named
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise ImagesUnavailable(HOW_TO_INSTALL.format(missing="no Chromium was found (looked for /usr/bin/chromium)"))


def browser_fingerprint(executable: str) -> str:
    """What a raster depends on besides its figure: the browser's binary (its size and time: reading
    a 250 MB binary would cost more than drawing). Debian's /usr/bin/chromium is a script that runs
    /usr/lib/chromium/chromium, so that is stamped too.
    """
    stamps = []
    for path in (Path(executable), Path("/usr/lib/chromium/chromium")):
        try:
            status = path.resolve().stat()
            stamps.append(f"{path.resolve()}:{status.st_size}:{status.st_mtime_ns}")
        except OSError:
            continue
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


class ImageMaker:
    """Makes a build's images, through the cache; starts Chromium only for images it lacks."""

    def __init__(self, root: Path, assets: FrontendAssets, cache: bool = True):
        self.bundles = assets.bundle_files()  # bundle file name -> its bytes
        self.topojson = assets.world_geometry()  # the published map geometry (maps need it to draw)
        self.executable = find_chromium()
        self.cache = ChartCache(Path(root) / CACHE_DIR / "images" if cache else None)
        self._salt = hashlib.sha256(
            f"{code_fingerprint()}\n{browser_fingerprint(self.executable)}".encode()
            + hashlib.sha256(self.topojson).digest()
        ).hexdigest()
        self.made = 0  # images drawn by the last `make` (not read from the cache)
        # Each bundle hashed once, not once an image: 1.2 to 1.5 MB each, 3,000 images at N = 500.
        self._bundle_digests = {name: hashlib.sha256(data).hexdigest() for name, data in self.bundles.items()}

    def key(self, job: ImageJob) -> str:
        bundle = self._bundle_digests[job.bundle]
        text = json.dumps(job.figure, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(f"{self._salt}\n{bundle}\n{job.format}@{job.scale}\n{text}".encode()).hexdigest()

    def make(self, jobs: list[ImageJob], workers: int = 1) -> dict[str, bytes]:
        """Every job's image, by site path."""
        keys = {job.path: self.key(job) for job in jobs}
        images: dict[str, bytes] = {}
        missing = []
        for job in jobs:
            cached = self.cache.get(keys[job.path])
            if isinstance(cached, bytes):
                images[job.path] = cached
            else:
                missing.append(job)
        if missing:
            for job, data in zip(missing, self._draw(missing, workers)):
                if job.format == "svg":
                    data = stable_svg(data, keys[job.path])
                images[job.path] = data
                self.cache.put(keys[job.path], data)
        self.made = len(missing)
        self.cache.forget_others(set(keys.values()))
        return images

    def _draw(self, jobs: list[ImageJob], workers: int) -> list[bytes]:
        """Draw in a thread of its own: Playwright runs an event loop, and the caller may have one."""
        result: list = []

        def run():
            try:
                result.append(asyncio.run(self._draw_all(jobs, max(1, min(workers, len(jobs))))))
            except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
                result.append(error)

        thread = threading.Thread(target=run, name="site-builder images")
        thread.start()
        thread.join()
        if isinstance(result[0], BaseException):
            raise result[0]
        return result[0]

    async def _draw_all(self, jobs: list[ImageJob], pages: int) -> list[bytes]:
        try:
            from playwright.async_api import async_playwright
        except ImportError:
            raise ImagesUnavailable(HOW_TO_INSTALL.format(missing="the Python package playwright is missing")) from None
        out: list[bytes | None] = [None] * len(jobs)
        async with async_playwright() as playwright:
            try:
                browser = await playwright.chromium.launch(executable_path=self.executable, args=list(CHROMIUM_ARGS))
            except Exception as error:  # noqa: BLE001 - a browser that does not start is a set-up problem
                raise ImagesUnavailable(
                    HOW_TO_INSTALL.format(missing=f"{self.executable} did not start ({str(error).splitlines()[0]})")
                ) from None
            try:
                # Long jobs (maps) first, then round robin: the pages finish at about the same time.
                order = sorted(range(len(jobs)), key=lambda i: (jobs[i].format == "svg", i))
                shares = [order[n::pages] for n in range(pages)]
                await asyncio.gather(*(self._draw_share(browser, jobs, share, out) for share in shares if share))
            finally:
                await browser.close()
        return out  # type: ignore[return-value]

    async def _draw_share(self, browser, jobs: list[ImageJob], share: list[int], out: list) -> None:
        page = await browser.new_page()
        await page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
        await page.evaluate(_SETUP, self.topojson.decode("utf-8"))
        for bundle in sorted({jobs[i].bundle for i in share}):
            await page.add_script_tag(content=self.bundles[bundle].decode("utf-8"))
            await page.evaluate("name => { window.__sbPlotly[name] = window.Plotly; }", bundle)
        for index in share:
            job = jobs[index]
            url = await page.evaluate(_DRAW, [job.bundle, job.figure, job.format, job.scale])
            out[index] = _decode(url)
        await page.close()


# The geometry is given to plotly before any map draws, so it never fetches it from a CDN.
_SETUP = "t => { window.PlotlyGeoAssets = {topojson: {world_110m: JSON.parse(t)}}; window.__sbPlotly = {}; }"
_DRAW = """([bundle, figure, format, scale]) => window.__sbPlotly[bundle].toImage(
  {data: figure.data, layout: figure.layout, config: {staticPlot: true}},
  {format: format, width: figure.layout.width, height: figure.layout.height, scale: scale})"""


def _decode(url: str) -> bytes:
    head, _, body = url.partition(",")
    return base64.b64decode(body) if head.endswith(";base64") else unquote(body).encode("utf-8")


_UID = re.compile(rb'id="defs-([0-9a-f]{3,12})"')
_NAMES = re.compile(rb'id="[^"]*"|href="#[^"]*"|url\([\'"]?#[^)]*\)')
_TAG = re.compile(rb"<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+=\"[^\"]*\")+)\s*(/?)>")
_ATTRIBUTE = re.compile(rb'[\w:.-]+="[^"]*"')


def stable_svg(svg: bytes, key: str) -> bytes:
    """The same inputs give the same bytes, and two of our SVGs pasted into one page do not share
    ids. Plotly's random id for the figure (in every clip path and definition of the SVG, and
    every reference to them) becomes one from the image's key. And each element's attributes are
    put in one order: plotly sets a legend's box in another order the first time it measures a
    text than the next (the same picture, other bytes, depending on what the page drew before).
    """
    found = _UID.search(svg)
    if found:
        uid, stable = found.group(1), f"sb{key[:8]}".encode()
        svg = _NAMES.sub(lambda name: name.group(0).replace(uid, stable), svg)
    return _TAG.sub(_sorted_attributes, svg)


def _sorted_attributes(tag: re.Match) -> bytes:
    name, attributes, empty = tag.groups()
    ordered = sorted(_ATTRIBUTE.findall(attributes))
    return b"<" + name + b" " + b" ".join(ordered) + (b"/>" if empty else b">")
