"""The house theme, in one place: fonts, colours, marker styles and the light/dark layouts.

Figures are built with the light look baked in (so a figure JSON drawn as-is looks right on a
white page); the front-end loader merges `layout_overrides()["dark"]` into the layout before
drawing when the reader's page is in Material's dark "slate" scheme, and swaps on toggle. Only
*layout* properties change with the scheme, so every trace colour must read on both backgrounds:
that is why the palette below is Okabe-Ito without its yellow and black.

No web fonts: the system font stack costs no request and matches Material with `font: false`.

A figure made in a language other than English carries that language's separators
(`layout.separators`, from CLDR as our text writes numbers: "4 353" in Albanian, "4.353" in
Serbian), so its axis ticks agree with its hovers and its table; an English figure keeps plotly's
default and its bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from site_builder.reader.text import plotly_separators

FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif'
)

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Ordered by contrast: the first four reach the 3:1 non-text contrast of WCAG 1.4.11
# on white (#ffffff) and on Material's slate background (#1e2029): blue 5.2/3.1, vermillion
# 3.9/4.2, bluish green 3.4/4.7, reddish purple 3.1/5.3. Orange and sky blue (2.3:1 on white)
# come only from a fifth series on; yellow (1.3:1 on white) and black (1.3:1 on slate) are left out.
PALETTE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")

COLOUR_NAMES = ("blue", "vermillion", "green", "purple", "orange", "sky")  # PALETTE's colours, as editors name them
NEUTRAL = "#7f7f7f"  # 4.0:1 on both backgrounds: event lines, "other" things

# Countries a map has no record for: the geo `landcolor`, per scheme (see `layout_overrides`).
NO_DATA_FILL = {"light": "#e4e4e4", "dark": "#3b3e4a"}

LIGHT_TEXT, DARK_TEXT = "#1f2328", "#e2e4e9"
LIGHT_GRID, DARK_GRID = "#e6e6e6", "#343744"
LIGHT_AXIS, DARK_AXIS = "#9a9a9a", "#6d7080"


@dataclass(frozen=True)
class Theme:
    """What the kinds draw with. One instance, `THEME`; tests may build variants."""

    palette: tuple[str, ...] = PALETTE
    neutral: str = NEUTRAL
    font_family: str = FONT_FAMILY
    font_size: int = 14
    annotation_size: int = 12
    # Titles are HTML around the chart, so the figure needs almost no margin of its own;
    # `automargin` on the axes grows it to fit tick labels, and legends push it themselves.
    margin: dict[str, int] = field(default_factory=lambda: {"l": 8, "r": 8, "t": 8, "b": 8, "pad": 0})
    marker: dict[str, Any] = field(default_factory=lambda: {"symbol": "circle", "size": 7})
    # Low confidence: an open marker (shape differs, not just colour) and a thicker outline.
    low_confidence_marker: dict[str, Any] = field(
        default_factory=lambda: {"symbol": "circle-open", "size": 9, "line": {"width": 2}}
    )
    # Bars and map areas have no marker symbol: a hatched bar in outline, a paler country.
    low_confidence_pattern: str = "/"
    low_confidence_opacity: float = 0.45
    line_width: float = 2.5
    event_dash: str = "dash"
    # Maps. A state of the covered set with no category: a solid grey no palette colour is
    # (`grey` categories use NEUTRAL). Land outside the set: NEUTRAL made pale by opacity, so it
    # reads as background on white and on slate alike (trace colours cannot change with the scheme).
    unclassified_fill: str = "#a6a6a6"
    outside_opacity: float = 0.3
    # States too small to see at 1:110m, as dots in their category's colour.
    dot_marker: dict[str, Any] = field(
        default_factory=lambda: {"symbol": "circle", "size": 7, "line": {"color": "#ffffff", "width": 0.75}}
    )
    # The map's subject: a thick dark outline drawn over every fill.
    subject_outline: dict[str, Any] = field(default_factory=lambda: {"color": "#1f2328", "width": 2.5})
    # A contested category: a dark cross with a white rim at each state's centre, over its colour.
    # Choropleths cannot hatch; a shape on the state, and its own legend entry, cannot be read as
    # the plain colour.
    contested_marker: dict[str, Any] = field(
        default_factory=lambda: {"symbol": "x", "size": 9, "color": "#1f2328", "line": {"color": "#ffffff", "width": 1}}
    )

    def named(self, name: str) -> str:
        """A palette colour by the name editors give a category (`color: vermillion`)."""
        return self.neutral if name == "grey" else self.palette[COLOUR_NAMES.index(name)]

    def colour(self, index: int) -> str:
        """The palette colour for the index-th series or category (cycling beyond the palette)."""
        return self.palette[index % len(self.palette)]

    def base_layout(self, subplot: str) -> dict[str, Any]:
        """The layout a figure starts from, with the light look merged in.

        `subplot` is "cartesian" (x and y axes) or "geo" (a map): a layout carries only its own
        subplot's keys, so the figure JSON holds nothing it does not draw.
        """
        layout = {
            "font": {"family": self.font_family, "size": self.font_size},
            "margin": dict(self.margin),
            "hoverlabel": {"font": {"family": self.font_family, "size": self.font_size - 1}},
            "legend": {
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 1.02,
                "yanchor": "bottom",
                "bgcolor": "rgba(0,0,0,0)",
                "traceorder": "normal",
            },
            "dragmode": False,
        }
        separators = plotly_separators()
        if separators:
            layout["separators"] = separators
        light = layout_overrides()["light"]
        unused = ("xaxis", "yaxis") if subplot == "geo" else ("geo",)
        return merge(layout, {key: value for key, value in light.items() if key not in unused})


def _scheme(
    text: str, grid: str, axis: str, hover_bg: str, hover_border: str, no_data: str, borders: str, water: str
) -> dict[str, Any]:
    axis_style = {"gridcolor": grid, "zerolinecolor": axis, "linecolor": axis, "tickcolor": axis, "color": text}
    return {
        "font": {"color": text},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": dict(axis_style),
        "yaxis": dict(axis_style),
        "legend": {"font": {"color": text}},
        "hoverlabel": {"bgcolor": hover_bg, "bordercolor": hover_border, "font": {"color": text}},
        "geo": {
            "bgcolor": "rgba(0,0,0,0)",
            "landcolor": no_data,
            "countrycolor": borders,
            "subunitcolor": borders,
            "lakecolor": water,
            "oceancolor": water,
            "coastlinecolor": borders,
        },
    }


def layout_overrides() -> dict[str, dict[str, Any]]:
    """Layout fragments per colour scheme, for the front-end to deep-merge before drawing.

    Both fragments have the same keys, so switching back and forth never leaves a stale value.
    Merging all of a fragment is safe: plotly.js 4.1 draws no axes for an `xaxis` on a map and no
    map for a `geo` on a bar chart (checked in Chromium).
    """
    return {
        "light": _scheme(
            LIGHT_TEXT, LIGHT_GRID, LIGHT_AXIS, "#ffffff", "#c8c8c8", NO_DATA_FILL["light"], "#ffffff", "rgba(0,0,0,0)"
        ),
        "dark": _scheme(
            DARK_TEXT, DARK_GRID, DARK_AXIS, "#2b2e3a", "#4a4e5e", NO_DATA_FILL["dark"], "#1e2029", "rgba(0,0,0,0)"
        ),
    }


def merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """A deep merge of two layout fragments (new dicts; `extra` wins). The same rule as the loader's."""
    result = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result


THEME = Theme()
