"""Each chart as the images of it draw it: posters for the page, a card for sharing. Pure.

A page shows a chart's poster (an image made at build time, `build/images.py`) until the reader
reaches for the chart; the interactive chart then draws in the same box. So each poster is the
figure as the loader (`reader/static/site-builder.js`) would draw it in that box: the theme's
layout merged in the same way (a theme key naming a subplot the figure lacks is dropped), and
event labels swapped for their numbers below the same width. The boxes are the plot area's sizes
in `site-builder.css`: 400 px high on wide screens, 320 px on phones (a figure that sets its own
height keeps it); the widths are what mkdocs-material's content column measures there (about
690-760 px wide, 290-570 px on phones; measured in Chromium, see bench/README.md).

The card (1200x630, what social sites show and the PNG and SVG downloads) is the light poster with
the chart's title, subtitle and sources written into it, since the image travels without the
page around it.

Light on purpose, like `build/contract.py`, which names the image files from here in the MkDocs
process: the marks (and the data model behind them) are imported only where a card is drawn.
"""

from __future__ import annotations

import copy
import re
import textwrap
from dataclasses import dataclass

from site_builder.figures.theme import layout_overrides, merge
from site_builder.languages.messages import _, ngettext

SCHEMES = ("light", "dark")
NARROW_EVENTS = 760  # below this width each event label shows its number (the loader's NARROW)
PHONE_HEIGHT, WIDE_HEIGHT = 320, 400  # the plot area's height in site-builder.css
CARD = (1200, 630)  # Open Graph's recommended image size
CARD_BACKGROUND = "#ffffff"  # the light page's
TICK_ROOM = 30  # pixels under a card's plot area for the x axis's tick labels
CARD_FILES = ("chart.png", "chart.svg")  # the card: what social sites show, and the image downloads
_SUBPLOT = re.compile(r"^(xaxis|yaxis|geo|polar|ternary|scene|map|mapbox|smith)\d*$")


@dataclass(frozen=True)
class Poster:
    """One poster of a chart: its theme and the box it fills (`width` x `height` CSS pixels)."""

    scheme: str  # "light" or "dark"
    size: str  # "wide" (screens wider than 600 px) or "narrow" (phones)
    width: int
    height: int
    format: str  # "svg", or "webp" for a map (`is_raster`)

    @property
    def scale(self) -> float:
        """Device pixels per CSS pixel of a raster: two on phones (their screens have two or three),
        one and a quarter on wider screens (most have one or two): a world map's wide poster is
        49 KB so at quality 0.7 (71 KB at one and a half and 0.8, 94 KB at two), and the map page
        stays within its 200 KB on a desktop in every edition, Serbian's heavier text and search
        index included (the poster is only the first view: the interactive map replaces it).
        """
        return 1 if self.format == "svg" else 2 if self.size == "narrow" else 1.25

    @property
    def quality(self) -> float:
        """WebP quality of a raster: 0.7, not Chromium's 0.8: a map is flat colours and thin borders,
        which lose nothing a reader sees at that quality, and its posters drop by about an eighth.
        """
        return 0.7

    @property
    def file(self) -> str:
        """Its file name in the chart's folder, `charts/<id>/`."""
        return f"poster-{self.scheme}-{self.size}.{self.format}"


def posters(figure: dict, traces: tuple[str, ...] | set[str]) -> tuple[Poster, ...]:
    """A chart's four posters: light and dark, wide and narrow."""
    own = figure.get("layout", {}).get("height")
    image = "webp" if is_raster(traces) else "svg"
    sizes = (("wide", 720, own or WIDE_HEIGHT), ("narrow", 380, own or PHONE_HEIGHT))
    return tuple(Poster(scheme, size, width, height, image) for size, width, height in sizes for scheme in SCHEMES)


def poster_sets(figure: dict, traces: tuple[str, ...] | set[str]) -> list[tuple[str, Poster, Poster]]:
    """(scheme, wide poster, narrow poster) for each scheme: what a page's `<picture>` elements name."""
    made = posters(figure, traces)
    return [
        (scheme, *(p for size in ("wide", "narrow") for p in made if (p.scheme, p.size) == (scheme, size)))
        for scheme in SCHEMES
    ]


def possible_files() -> list[str]:
    """Every image file name a chart may have, whatever its kind: what a build claims in `charts/<id>/`."""
    names = [
        f"poster-{scheme}-{size}.{image}"
        for scheme in SCHEMES
        for size in ("wide", "narrow")
        for image in ("svg", "webp")
    ]
    return [*CARD_FILES, *names]


def is_raster(traces: tuple[str, ...] | set[str]) -> bool:
    """Whether a chart's images are rasters: a world map's SVG carries the whole world's geometry
    (about 360 KB gzip), its WebP 60-90 KB; every other kind's SVG is 2-4 KB gzip.
    """
    return "choropleth" in traces


def themed(figure: dict, scheme: str) -> dict:
    """The figure in one colour scheme, merged as the loader merges it (`overridesFor`)."""
    layout = figure.get("layout", {})
    over = {key: value for key, value in layout_overrides()[scheme].items() if not _SUBPLOT.match(key) or key in layout}
    return {"data": figure.get("data", []), "layout": merge(layout, over)}


def poster_figure(figure: dict, poster: Poster) -> dict:
    """The figure a poster draws: themed, sized, its event labels as the loader fits them."""
    drawn = themed(figure, poster.scheme)
    layout = dict(drawn["layout"], width=poster.width, height=poster.height)
    if poster.width < NARROW_EVENTS and layout.get("annotations"):
        layout["annotations"] = [_numbered(note) for note in layout["annotations"]]
    return _stable({"data": drawn["data"], "layout": layout})


def card_figure(figure: dict, title: str, subtitle: str | None, credit: str, site_name: str = "") -> dict:
    """The light figure, 1200x630, with the title and subtitle above it, and `credit` (its sources)
    and the site's name below it. Plotly never wraps text: long lines are wrapped here, at what the
    card's width holds in each size.
    """
    from site_builder.figures.marks import plotly_text  # see the module's docstring: this one stays light

    drawn = themed(figure, "light")
    layout = copy.deepcopy(drawn["layout"])
    width, height = CARD
    colour = layout.get("font", {}).get("color")
    title_lines = textwrap.wrap(title, 64) or [""]
    sub_lines = textwrap.wrap(subtitle, 105) if subtitle else []
    credit_lines = textwrap.wrap(credit, 110) + ([site_name] if site_name else [])
    heading = "<br>".join(f"<b>{plotly_text(line)}</b>" for line in title_lines)
    if sub_lines:
        heading += "<br>" + "<br>".join(
            f"<span style='font-size:17px'>{plotly_text(line)}</span>" for line in sub_lines
        )
    margin = dict(layout.get("margin") or {})
    margin["t"] = margin.get("t", 8) + 36 + 33 * len(title_lines) + 24 * len(sub_lines)
    ticks = 0 if "geo" in layout else TICK_ROOM  # a map has no axis below it
    margin["b"] = margin.get("b", 8) + ticks + 18 + 20 * len(credit_lines)
    margin["l"], margin["r"] = max(margin.get("l", 8), 40), max(margin.get("r", 8), 40)
    below = {"xref": "paper", "yref": "paper", "y": 0, "yanchor": "top", "yshift": -(ticks + 8), "showarrow": False}
    font = {"size": 15, "color": colour}
    notes = list(layout.get("annotations") or [])
    notes.append(
        dict(below, text="<br>".join(plotly_text(line) for line in credit_lines), x=0, xanchor="left", align="left")
        | {"font": font}
    )
    if layout.get("showlegend", True) is not False and "legend" in layout:
        # Beside the chart, not above it: the heading is above, and a map's key is long.
        layout["legend"] = merge(
            layout["legend"],
            {"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top", "font": {"size": 12}},
        )
    layout.update(
        width=width,
        height=height,
        margin=margin,
        paper_bgcolor=CARD_BACKGROUND,  # opaque: a shared card may be shown on a dark page
        plot_bgcolor=CARD_BACKGROUND,
        annotations=notes,
        title={
            "text": heading,
            "x": 0,
            "xref": "paper",
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 24},
            "font": {"size": 26, "color": colour},
        },
    )
    return _stable({"data": drawn["data"], "layout": layout})


def _numbered(note: dict) -> dict:
    match = re.fullmatch(r"sb-event-(\d+)", str(note.get("name", "")))
    if not match:
        return note
    return merge(note, {"text": match.group(1), "xanchor": "center", "xshift": 0, "align": "center"})


def _stable(figure: dict) -> dict:
    """Traces named by their place: plotly gives a trace without `uid` a random one, which lands in
    the SVG's class names (the images must be byte-identical across builds).
    """
    data = [dict(trace, uid=f"t{index}") for index, trace in enumerate(figure["data"])]
    return {"data": data, "layout": figure["layout"]}


def credit_line(producers: list[str]) -> str:
    """The line under a card: whose figures these are (the chart's page lists every source)."""
    label = _("Sources") if len(producers) > 1 else _("Source")
    more = len(producers) - 2
    return (
        f"{label}: "
        + "; ".join(producers[:2])
        + (ngettext("; and {count} more", "; and {count} more", more) if more > 0 else "")
    )
