"""Ranked bar chart: horizontal bars, largest at the top, each labelled with its value.

Horizontal, because category names (countries) are long and read best left-aligned. A category
with several records (sources disagreeing) gets one bar at the confirmed figure the spec's
`pick:` rule chooses (never a median, which no source gave); where the confirmed figures differ,
an outlined range from the lowest to the highest is drawn over the bar, on a trace labelled as
derived, and the hover lists every figure with its source. A bar whose figures are all
unconfirmed is drawn hatched, in outline. Labels carry the number (and a short unit such as "%"); the unit in
words is in the axis title, so labels stay short enough to fit beside the bars.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_builder.figures.marks import (
    Bar,
    aggregate,
    axis_labels,
    bar_marker,
    cartesian_axis,
    hover_lines,
    legend_key_low_confidence,
    pick_phrase,
    plotly_text,
    range_bars,
    range_box_words,
    value_axis,
    value_range,
)
from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import PickingSpec, Text
from site_builder.languages.messages import _
from site_builder.reader import phrases
from site_builder.reader.sentences import LISTED, listing
from site_builder.reader.text import display_value, field_title, format_number, with_unit


class RankedBarSpec(PickingSpec):
    """Horizontal bars ranked by value, largest at the top, each labelled with its value."""

    kind: Literal["ranked_bar"] = Field(
        description="Horizontal bars ranked by value, largest at the top.", examples=["ranked_bar"]
    )
    category: str = Field(description="The text, country or category field naming each bar.", examples=["country"])
    value: str = Field(description="The integer or number field that sets the bar length.", examples=["troops"])
    limit: int | None = Field(None, ge=1, le=500, description="Show only the top N bars.", examples=[15])
    value_title: Text | None = Field(
        None,
        description="The value axis title; by default the value field's title and unit.",
        examples=["Troops in KFOR"],
    )


Spec = RankedBarSpec  # the registry's name for it; the class name keeps JSON Schema definitions readable

FIELD_REFS = {"category": ("text", "country", "category"), "value": ("integer", "number")}
TRACES = frozenset({"bar"})
GUIDE_DRAWS = "horizontal bars, largest at the top"
GUIDE_KEYS = (
    "`category` (a text, country or category field naming each bar), `value` (an integer or number field), "
    "`limit` (optional: show the top N only), `value_title` (optional: the value axis title), `pick` (optional: "
    "which figure a bar shows where sources disagree)"
)

BAR_HEIGHT = 26  # pixels a bar, so long rankings grow the chart instead of squeezing the bars
PLOT_EXTRA = 70  # the value axis and legend
LABEL_ROOM = 0.15  # share of the axis left beyond the longest bar for its value label


def top_bars(spec: RankedBarSpec, records: list[dict], dataset: Dataset) -> tuple[list[Bar], int]:
    """The bars the chart shows, largest first, and how many bars there are before `limit`.

    The one ranking rule, used by the figure, the table (so the CSV and JSON downloads) and the
    text alternative, so that all of them show the same bars: records without a category or a
    value make no bar; a bar is the figure the pick rule chooses; ties keep the dataset's order
    (the sort is stable); `limit` keeps the top N.
    """
    grouped = aggregate(records, lambda r: r.get(spec.category), spec.value, dataset, spec.pick)
    bars = [bar for bar in grouped if bar.key is not None]
    bars.sort(key=lambda bar: -bar.value)
    return bars[: spec.limit or None], len(bars)


def build(spec: RankedBarSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    category_field, value_field = dataset.field(spec.category), dataset.field(spec.value)
    bars, _ = top_bars(spec, records, dataset)
    colour = theme.colour(0)
    labels = axis_labels([display_value(category_field, bar.key) for bar in bars])
    hovers = [hover_lines([display_value(category_field, bar.key), *bar.hover(dataset)]) for bar in bars]
    trace = {
        "type": "bar",
        "orientation": "h",
        "name": plotly_text(value_field.title),
        "showlegend": False,
        "y": labels,
        "offsetgroup": "bars",
        "x": [bar.value for bar in bars],
        "text": [plotly_text(format_number(bar.value) + (value_field.short_unit or "")) for bar in bars],
        "textposition": "outside",
        "cliponaxis": False,
        "marker": bar_marker(colour, bars, theme),
        "hoverinfo": "text",
        "hovertext": hovers,
    }
    data = [trace]
    ranges = range_bars(bars, labels, "bars", theme.neutral, hovers, horizontal=True)
    if ranges:
        data.append(ranges)
    has_low = any(bar.low for bar in bars)
    if has_low:
        data.append(legend_key_low_confidence(theme, bar=True))
    layout = theme.base_layout("cartesian")
    layout.update(
        {
            "xaxis": {
                **layout["xaxis"],
                **value_axis(
                    field_title(value_field, spec.value_title),
                    value_field,
                    range=value_range(
                        [b.value for b in bars] + [b.spread[1] for b in bars if b.spread] or [0], True, LABEL_ROOM
                    ),
                ),
            },
            "yaxis": {**layout["yaxis"], **cartesian_axis(None, type="category", autorange="reversed")},
            "hovermode": "closest",
            "showlegend": has_low,
            "bargap": 0.25,
            "height": max(240, BAR_HEIGHT * len(bars) + PLOT_EXTRA),
        }
    )
    return {"data": data, "layout": layout}


def columns(spec: RankedBarSpec, dataset: Dataset) -> list[str]:
    return [spec.category, spec.value]


def rows(spec: RankedBarSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    """The records of the bars shown, in the ranking's order (a bar's records in dataset order)."""
    return [record for bar in top_bars(spec, records, dataset)[0] for record in bar.records]


def describe(spec: RankedBarSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """What is ranked, by what, and the bars with their values (the largest and the smallest of a long one)."""
    category, value = dataset.field(spec.category), dataset.field(spec.value)
    bars, total = top_bars(spec, records, dataset)
    items = [f"{display_value(category, b.key)} {with_unit(b.value, value)}" + _spread(b, value) for b in bars]
    scope = (
        _("the top {shown} of {total}", shown=len(bars), total=total)
        if len(bars) < total
        else phrases.of_title(len(bars), category.title)
    )
    sentences = [
        _(
            "Bar chart ranking {scope} by {value}, largest first.",
            scope=scope,
            value=field_title(value, spec.value_title),
        )
    ]
    if len(items) <= LISTED + 1:
        sentences.append(listing(items, more=False) + ".")
    else:
        sentences.append(
            _("Largest: {largest}. Smallest: {smallest}.", largest="; ".join(items[:LISTED]), smallest=items[-1])
        )
    return sentences


def _spread(bar: Bar, field) -> str:
    """What follows a bar whose confirmed figures differ in the text alternative: " (sources give between ...)"."""
    if not bar.spread:
        return ""
    low, high = bar.spread
    return _(" (sources give {between})", between=phrases.between(low, with_unit(high, field)))


def explain(spec: RankedBarSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """How the bars are drawn: which figure a bar shows where sources disagree, and what its range is."""
    bars, _total = top_bars(spec, records, dataset)
    if not any(len(bar.records) > 1 for bar in bars):
        return []
    sentences = [
        _("Where sources give several figures for one bar, the bar shows {rule}.", rule=pick_phrase(spec.pick))
    ]
    if any(bar.spread for bar in bars):
        sentences.append(range_box_words())
    return sentences
