"""Chart images made at build time, by plotly.js itself, in Debian's Chromium.

Why Chromium driven by Playwright and not kaleido: the images must be the chart readers get, so
they are drawn by the very plotly.js bundle the site publishes (kaleido brings its own copy),
and it is about twice as fast (`bench/image_engines.py`: the same 12 images cold in 2.8 s against
5.9 s). One browser is started for a build, with one page per core the build may use; each page
loads the bundles once and draws with `Plotly.toImage` on figure objects (no DOM plot is made);
a raster is the SVG painted on a canvas in the page. An image made in a language other than
English is drawn with that language's plotly.js locale, the one its page registers
(`build/locales.py`), so a poster's date axis reads "shkurt 2008" on an Albanian page as the
drawn chart will.

Reproducible: plotly names an SVG's clip paths and definitions after a random id, which becomes one
derived from the image's key, and writes some attributes in an order that depends on what the page
drew before, which `stable_svg` sorts. Rasters are byte-identical for the same Chromium and fonts,
which the key includes. Images are cached by that key in `.site-builder-cache/images/`, so a build
whose charts did not change starts no browser at all.

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
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from site_builder.build.assets import FrontendAssets
from site_builder.build.cache import CACHE_DIR, ChartCache
from site_builder.languages import current

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


FORMAT = 1  # bump when what an image is made of changes outside this module
_DRAWING_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


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
    scale: float = 1  # device pixels per CSS pixel, for rasters
    quality: float = 0.8  # for WebP: Chromium's own default, which plotly.js uses
    language: str = field(default_factory=current.language)  # the edition's: plotly.js's locale for it


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
        self.locale_script = assets.locale_script  # language -> the published plotly.js locale (None: English)
        self.topojson = assets.world_geometry()  # the published map geometry (maps need it to draw)
        self.executable = find_chromium()
        self.cache = ChartCache(Path(root) / CACHE_DIR / "images" if cache else None)
        # What an image depends on besides its figure: this module's code (how it is drawn and made
        # stable; the figure itself is made by posters.py and is in the key whole), the browser and
        # the map geometry. Not the whole package's code, so that an edit elsewhere keeps the cache.
        self._salt = hashlib.sha256(
            f"images {FORMAT}\n{_DRAWING_CODE}\n{browser_fingerprint(self.executable)}".encode()
            + hashlib.sha256(self.topojson).digest()
        ).hexdigest()
        self.made = 0  # images drawn by the last `make` (not read from the cache)
        # Each bundle hashed once, not once an image: 1.2 to 1.5 MB each, 3,000 images at N = 500.
        self._bundle_digests = {name: hashlib.sha256(data).hexdigest() for name, data in self.bundles.items()}

    def drawing(self, job: ImageJob) -> str:
        """The digest of what plotly draws for a job (its figure, bundle and locale): jobs that share it share
        one drawing. An English job's digest is what it was before there were locales, so its cache holds.
        """
        text = json.dumps(job.figure, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        locale = self.locale_script(job.language)
        if locale is not None:
            text += f"\nlocale {job.language} {hashlib.sha256(locale).hexdigest()}"
        return hashlib.sha256(f"{self._bundle_digests[job.bundle]}\n{text}".encode()).hexdigest()

    def key(self, job: ImageJob) -> str:
        made = f"{job.format}@{job.scale}q{job.quality}"
        return hashlib.sha256(f"{self._salt}\n{made}\n{self.drawing(job)}".encode()).hexdigest()

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
                shares = self._shares(jobs, pages)
                await asyncio.gather(*(self._draw_share(browser, jobs, share, out) for share in shares if share))
            finally:
                await browser.close()
        return out  # type: ignore[return-value]

    def _shares(self, jobs: list[ImageJob], pages: int) -> list[list[int]]:
        """The jobs each page draws: jobs of one drawing (a card's SVG and PNG) together and in a row,
        so plotly draws it once; maps first, then round robin, so the pages finish at about one time.
        """
        groups: dict[str, list[int]] = {}
        for index, job in enumerate(jobs):
            groups.setdefault(self.drawing(job), []).append(index)
        ordered = sorted(groups.values(), key=lambda group: (all(jobs[i].format == "svg" for i in group), group[0]))
        shares: list[list[int]] = [[] for _ in range(pages)]
        for number, group in enumerate(ordered):
            shares[number % pages] += group
        return shares

    async def _draw_share(self, browser, jobs: list[ImageJob], share: list[int], out: list) -> None:
        page = await browser.new_page()
        await page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
        await page.evaluate(_SETUP, self.topojson.decode("utf-8"))
        for bundle in sorted({jobs[i].bundle for i in share}):
            await page.add_script_tag(content=self.bundles[bundle].decode("utf-8"))
            await page.evaluate("name => { window.__sbPlotly[name] = window.Plotly; }", bundle)
        for language in sorted({jobs[i].language for i in share}):
            locale = self.locale_script(language)
            if locale is not None:  # it hands the locale to window.siteBuilderLocales, as on a page
                await page.add_script_tag(content=locale.decode("utf-8"))
        for index in share:
            job = jobs[index]
            language = job.language if self.locale_script(job.language) is not None else None
            url = await page.evaluate(
                _DRAW, [job.bundle, job.figure, job.format, job.scale, job.quality, self.drawing(job), language]
            )
            out[index] = _decode(url)
        await page.close()


# The geometry is given to plotly before any map draws, so it never fetches it from a CDN.
_SETUP = "t => { window.PlotlyGeoAssets = {topojson: {world_110m: JSON.parse(t)}}; window.__sbPlotly = {}; }"
# plotly.js draws the SVG; a raster is that SVG painted on a canvas (as plotly's own toImage does),
# with the scale and quality asked for. The last drawing is kept: a card's PNG follows its SVG.
_DRAW = """async ([bundle, figure, format, scale, quality, drawing, language]) => {
  const last = window.__sbLast;
  let svg = last && last.drawing === drawing ? last.svg : null;
  if (!svg) {
    const Plotly = window.__sbPlotly[bundle];
    const config = {staticPlot: true};
    if (language) {  // registered once per bundle, as the loader does
      const registered = Plotly.__sbLocales || (Plotly.__sbLocales = {});
      if (!registered[language]) {
        Plotly.register(window.siteBuilderLocales[language]);
        registered[language] = true;
      }
      config.locale = language;
    }
    svg = await Plotly.toImage(
      {data: figure.data, layout: figure.layout, config: config},
      {format: 'svg', width: figure.layout.width, height: figure.layout.height});
    window.__sbLast = {drawing: drawing, svg: svg};
  }
  if (format === 'svg') return svg;
  const image = new Image();
  image.src = svg;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(figure.layout.width * scale);
  canvas.height = Math.round(figure.layout.height * scale);
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/' + format, quality);
}"""


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
