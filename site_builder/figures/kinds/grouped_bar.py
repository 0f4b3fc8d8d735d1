"""Grouped or stacked bar chart: a number per group, one coloured bar per series.

Groups read left to right in the field's natural order (category order, dates in time order,
countries by name, text as first written). Where several records share a group and series, the
bar is the confirmed figure the spec's `pick:` rule chooses (never a median, which no source
gave) and its hover lists each figure with its source; where the confirmed figures differ, an
outlined range from the lowest to the highest is drawn over the bar (side by side only: in a
stack a range would move every bar above it), on a trace labelled as derived. Bars with only
unconfirmed figures are drawn hatched, in outline.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_builder.figures.marks import (
    aggregate,
    axis_labels,
    bar_marker,
    cartesian_axis,
    hover_lines,
    legend_key_low_confidence,
    legend_label,
    pick_phrase,
    range_bars,
    range_box_words,
    value_axis,
    value_colour,
)
from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import PickingSpec
from site_builder.languages.messages import _
from site_builder.reader import phrases
from site_builder.reader.order import by_columns, ordered_values
from site_builder.reader.sentences import listing, lower
from site_builder.reader.text import display_value, field_title, with_unit


class GroupedBarSpec(PickingSpec):
    """Vertical bars: a number per group, one coloured bar per series, side by side or stacked."""

    kind: Literal["grouped_bar"] = Field(
        description="Vertical bars: a number per group, one bar per series.", examples=["grouped_bar"]
    )
    x: str = Field(description="The field whose values are the groups along the bottom axis.", examples=["year"])
    y: str = Field(description="The integer or number field that sets the bar height.", examples=["troops"])
    series: str = Field(
        description="The field whose values become the coloured bars within each group.", examples=["contributor"]
    )
    mode: Literal["group", "stack"] = Field(
        "group",
        description="`group`: bars side by side; `stack`: bars on top "
        "of each other (only when the series add up to a whole).",
        examples=["stack"],
    )


Spec = GroupedBarSpec  # the registry's name for it; the class name keeps JSON Schema definitions readable

FIELD_REFS = {
    "x": ("text", "category", "country", "date"),
    "y": ("integer", "number"),
    "series": ("text", "category", "country", "date"),
}
TRACES = frozenset({"bar"})
GUIDE_DRAWS = "vertical bars, a group per `x` value and a bar per series"
GUIDE_KEYS = (
    "`x` (the groups: a text, category, country or date field), `y` (an integer or number field), `series` (a "
    "text, category, country or date field), `mode` (optional: `group`, side by side, the default, or `stack`), "
    "`pick` (optional: which figure a bar shows where sources disagree)"
)


def build(spec: GroupedBarSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    x_field, y_field, series_field = dataset.field(spec.x), dataset.field(spec.y), dataset.field(spec.series)
    records = [r for r in records if r.get(spec.x) is not None and r.get(spec.series) is not None]
    x_values = ordered_values(dataset, spec.x, records)
    place = {value: index for index, value in enumerate(x_values)}
    groups = axis_labels([display_value(x_field, value) for value in x_values], 30)
    bars = aggregate(records, lambda r: (r[spec.series], r[spec.x]), spec.y, dataset, spec.pick)
    data, ranges_drawn = [], []
    for position, series in enumerate(ordered_values(dataset, spec.series, records)):
        colour = value_colour(dataset, spec.series, series, position, theme)
        mine = sorted((bar for bar in bars if bar.key[0] == series), key=lambda bar: place[bar.key[1]])
        label = display_value(series_field, series)
        positions = [groups[place[bar.key[1]]] for bar in mine]
        hovers = [hover_lines([display_value(x_field, bar.key[1]), label, *bar.hover(dataset)]) for bar in mine]
        data.append(
            {
                "type": "bar",
                "name": legend_label(label),
                "legendgroup": f"series-{position}",
                "offsetgroup": f"series-{position}",
                "x": positions,
                "y": [bar.value for bar in mine],
                "marker": bar_marker(colour, mine, theme),
                "hoverinfo": "text",
                "hovertext": hovers,
            }
        )
        ranges = range_bars(mine, positions, f"series-{position}", theme.neutral, hovers)
        if ranges and spec.mode == "group":
            ranges["legendgroup"] = f"series-{position}"
            ranges_drawn.append(ranges)
    data += ranges_drawn
    if any(bar.low for bar in bars):
        data.append(legend_key_low_confidence(theme, bar=True))
    layout = theme.base_layout("cartesian")
    layout.update(
        {
            "xaxis": {
                **layout["xaxis"],
                **cartesian_axis(field_title(x_field), type="category", categoryorder="array", categoryarray=groups),
            },
            "yaxis": {**layout["yaxis"], **value_axis(field_title(y_field), y_field, rangemode="tozero")},
            "barmode": spec.mode,
            "hovermode": "closest",
            "showlegend": True,
            "bargap": 0.2,
            "bargroupgap": 0.05,
        }
    )
    return {"data": data, "layout": layout}


def columns(spec: GroupedBarSpec, dataset: Dataset) -> list[str]:
    return [spec.x, spec.series, spec.y]


def rows(spec: GroupedBarSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    return by_columns(dataset, columns(spec, dataset), records)


def describe(spec: GroupedBarSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """The groups and the series, then the highest and the lowest bar."""
    x, y, series = dataset.field(spec.x), dataset.field(spec.y), dataset.field(spec.series)
    records = [r for r in records if r.get(spec.x) is not None and r.get(spec.series) is not None]
    bars = aggregate(records, lambda r: (r[spec.series], r[spec.x]), spec.y, dataset, spec.pick)
    if not bars:
        return [_("The chart has no data to show.")]
    groups = [display_value(x, v) for v in ordered_values(dataset, spec.x, records)]
    names = [display_value(series, v) for v in ordered_values(dataset, spec.series, records)]
    high, low = max(bars, key=lambda b: b.value), min(bars, key=lambda b: b.value)

    def bar(b) -> str:
        value = with_unit(b.value, y)
        if b.spread:
            value += _(", sources give {between}", between=phrases.between(b.spread[0], with_unit(b.spread[1], y)))
        return f"{value} ({display_value(series, b.key[0])}, {display_value(x, b.key[1])})"

    values = {
        "value": field_title(y),
        "groups": phrases.of_title(len(groups), x.title),
        "group_list": listing(groups),
        "series": lower(series.title),
        "series_list": listing(names),
    }
    if spec.mode == "stack":
        chart = _(
            "Stacked bar chart of {value} for {groups} ({group_list}), one bar for each {series}: {series_list}.",
            **values,
        )
    else:
        chart = _(
            "Grouped bar chart of {value} for {groups} ({group_list}), one bar for each {series}: {series_list}.",
            **values,
        )
    return [chart, _("Highest: {high}; lowest: {low}.", high=bar(high), low=bar(low))]


def explain(spec: GroupedBarSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """How the bars are drawn: which figure a bar shows where sources disagree, and what its range is."""
    records = [r for r in records if r.get(spec.x) is not None and r.get(spec.series) is not None]
    bars = aggregate(records, lambda r: (r[spec.series], r[spec.x]), spec.y, dataset, spec.pick)
    if not any(len(bar.records) > 1 for bar in bars):
        return []
    sentences = [
        _("Where sources give several figures for one bar, the bar shows {rule}.", rule=pick_phrase(spec.pick))
    ]
    if any(bar.spread for bar in bars):
        sentences.append(
            range_box_words()
            if spec.mode == "group"
            else _("Where those figures differ, the bar's hover gives their range.")
        )
    return sentences
