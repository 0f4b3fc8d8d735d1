"""Line chart: a number over time, one line per series, every record a marker.

Sources often disagree about the same date (two figures for KFOR's strength in June 1999). So
each record gets its own marker, with its source in the hover, and the line runs through the
*median* of the confirmed figures at each date: one line, no vertical zigzag between sources,
and no figure hidden. Low-confidence records get an open marker and stay off the line; a date
with only unconfirmed figures is a marker alone.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_builder.figures.marks import (
    EVENT_HEADROOM,
    event_marks,
    hover_lines,
    legend_key_low_confidence,
    legend_label,
    median,
    plotly_text,
    record_details,
    series_groups,
    time_layout,
    value_axis,
    value_range,
)
from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase, Event, Text
from site_builder.reader.order import by_columns
from site_builder.reader.sentences import LISTED, NO_DATA, count, listing, lower, value_groups, when
from site_builder.reader.text import field_title, format_date, format_number, plot_date, with_unit


class LineSpec(ChartSpecBase):
    """A line chart: a number over time, one line per series, every record a marker."""

    kind: Literal["line"] = Field(description="A line chart: a number over time.", examples=["line"])
    x: str = Field(description="The date field: the time axis.", examples=["date"])
    y: str = Field(description="The integer or number field plotted.", examples=["troops"])
    series: str | None = Field(
        None,
        description="A field whose values become separate lines (a category field keeps its labels and order).",
        examples=["metric"],
    )
    events: list[Event] | None = Field(
        None,
        description="Dates to mark with a dashed line and a label.",
        examples=[[{"date": "2008-02-17", "label": "Independence declared"}]],
    )
    y_title: Text | None = Field(
        None, description="The y axis title; by default the y field's title and unit.", examples=["Troops"]
    )
    y_from_zero: bool = Field(
        True,
        description="Start the y axis at zero (set false only when small changes matter more than size).",
        examples=[True],
    )

    def marked_events(self) -> list[Event]:
        return self.events or []


Spec = LineSpec  # the registry's name for it; the class name keeps JSON Schema definitions readable

FIELD_REFS = {"x": ("date",), "y": ("integer", "number"), "series": ("text", "category", "country")}
TRACES = frozenset({"scatter"})
GUIDE_DRAWS = "a number over time, one line per series, every record a marker"
GUIDE_KEYS = (
    "`x` (a date field), `y` (an integer or number field), `series` (optional: a text, category or country field "
    "whose values become separate lines), `events` (optional: dates to mark, see below), `y_title` (optional: the "
    "y axis title), `y_from_zero` (optional, default `true`: start the y axis at zero)"
)


def build(spec: LineSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    y_field = dataset.field(spec.y)
    records = [r for r in records if r.get(spec.x) is not None and r.get(spec.y) is not None]
    records.sort(key=lambda r: plot_date(r[spec.x]))
    data: list[dict] = []
    groups = series_groups(dataset, spec.series, records, theme)
    named = spec.series is not None
    for label, colour, members in groups:
        data += _series_traces(spec, dataset, label if named else "", colour, members, theme, named)
    has_low = any(r.get("confidence") == "low" for r in records)
    if has_low:
        data.append(legend_key_low_confidence(theme))
    shapes, annotations = event_marks(spec.events or [], [r[spec.x] for r in records], theme)
    y_axis = value_axis(field_title(y_field, spec.y_title), y_field)
    values = [r[spec.y] for r in records]
    if annotations and values:
        y_axis["range"] = value_range(values, spec.y_from_zero, EVENT_HEADROOM)
    elif spec.y_from_zero:
        y_axis["rangemode"] = "tozero"
    return {"data": data, "layout": time_layout(theme, y_axis, named or has_low, shapes, annotations)}


def _series_traces(
    spec: LineSpec, dataset: Dataset, name: str, colour: str, members: list[dict], theme: Theme, named: bool
) -> list[dict]:
    """A line through each date's median confirmed figure, and a marker per record (the hover)."""
    y_field = dataset.field(spec.y)
    confirmed: dict[str, list] = {}
    for record in members:
        if record.get("confidence") != "low":
            confirmed.setdefault(plot_date(record[spec.x]), []).append(record[spec.y])
    group = plotly_text(name) or "all"
    line = {
        "type": "scatter",
        "mode": "lines",
        "name": legend_label(name),
        "legendgroup": group,
        "x": list(confirmed),
        "y": [median(v) for v in confirmed.values()],
        "line": {"color": colour, "width": theme.line_width},
        "hoverinfo": "skip",
        "showlegend": named,
    }
    low = [r.get("confidence") == "low" for r in members]
    normal = theme.marker
    marker = {
        "color": colour,
        "symbol": [theme.low_confidence_marker["symbol"] if is_low else normal["symbol"] for is_low in low],
        "size": [theme.low_confidence_marker["size"] if is_low else normal["size"] for is_low in low],
        "line": {"color": colour, "width": theme.low_confidence_marker["line"]["width"]},
    }
    points = {
        "type": "scatter",
        "mode": "markers",
        "name": legend_label(name),
        "legendgroup": group,
        "x": [plot_date(r[spec.x]) for r in members],
        "y": [r[spec.y] for r in members],
        "marker": marker,
        "hoverinfo": "text",
        "showlegend": named and not confirmed,
        "hovertext": [
            hover_lines(
                [
                    format_date(r[spec.x]),
                    (f"{name}: " if name else "") + with_unit(r[spec.y], y_field),
                    *record_details(dataset, r),
                ]
            )
            for r in members
        ],
    }
    return ([line] if confirmed else []) + [points]


def columns(spec: LineSpec, dataset: Dataset) -> list[str]:
    return [spec.x] + ([spec.series] if spec.series else []) + [spec.y]


def rows(spec: LineSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    return by_columns(dataset, columns(spec, dataset), records)


# -- the text alternative ------------------------------------------------------------------------


def describe(spec: LineSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """The span, each line's extremes, latest value and trend, the dates sources dispute, the events."""
    y_field = dataset.field(spec.y)
    records = [r for r in records if r.get(spec.x) is not None and r.get(spec.y) is not None]
    if not records:
        return [NO_DATA]
    dates = sorted((r[spec.x] for r in records), key=plot_date)
    span = f"from {format_date(dates[0])} to {format_date(dates[-1])}" if dates[0] != dates[-1] else when(dates[0])
    sentences = [f"Line chart of {field_title(y_field, spec.y_title)} {span}."]
    groups = value_groups(dataset, spec.series, records)
    if spec.series:
        sentences.append(
            f"One line for each {lower(dataset.field(spec.series).title)}: {listing([g for g, _ in groups])}."
        )
    for label, members in groups[:LISTED]:
        points = _figures_by_date(members, spec.x, spec.y)
        prefix = f"{label}: " if spec.series else ""
        sentences.append(prefix + _trend(points, y_field))
    disputed = _disputed_dates(records, spec.x, spec.y, spec.series)
    if disputed:
        sentences.append(f"On {count(disputed, 'date')} sources give different figures; the line follows their median.")
    sources = {r["source"] for r in records}
    sentences.append(f"{count(len(records), 'figure')} from {count(len(sources), 'source')}.")
    if spec.events:
        sentences.append("Marked: " + "; ".join(f"{e.label} ({format_date(e.date)})" for e in spec.events) + ".")
    return sentences


def _trend(points: list[tuple[str, list]], field) -> str:
    """Highest, lowest, latest and the overall change, from (written date, figures) in time order.

    Only figures a source gave are named: where sources disagree at a date, the range is given,
    never a median that nobody reported.
    """

    def figures(values: list) -> str:
        low, high = min(values), max(values)
        return with_unit(low, field) if low == high else f"between {format_number(low)} and {with_unit(high, field)}"

    if len(points) == 1:
        date, values = points[0]
        return f"{figures(values)} {when(date)}."
    high_date, high_values = max(points, key=lambda p: max(p[1]))
    low_date, low_values = min(points, key=lambda p: min(p[1]))
    (first_date, first), (last_date, last) = points[0], points[-1]
    start, end = median(first), median(last)
    change = "rose" if end > start * 1.05 else "fell" if end < start * 0.95 else "changed little"
    if start == 0 and end > 0:
        change = "rose"
    return (
        f"Highest {with_unit(max(high_values), field)} {when(high_date)}, lowest {with_unit(min(low_values), field)} "
        f"{when(low_date)}; latest {figures(last)} {when(last_date)}. Overall it {change}, "
        f"from {figures(first)} {when(first_date)}."
    )


def _figures_by_date(records: list[dict], x: str, y: str) -> list[tuple[str, list]]:
    """(date, figures) in time order, from confirmed figures only: an unconfirmed figure is never
    described as the highest or the latest (unless nothing at all is confirmed).
    """
    confirmed = [r for r in records if r.get("confidence") != "low"] or records
    by_date: dict[str, list] = {}
    for record in sorted(confirmed, key=lambda r: plot_date(r[x])):
        by_date.setdefault(record[x], []).append(record[y])
    return list(by_date.items())


def _disputed_dates(records: list[dict], x: str, y: str, series: str | None) -> int:
    values: dict[tuple, set] = {}
    for record in records:
        if record.get("confidence") != "low":
            values.setdefault((record.get(series) if series else None, record[x]), set()).add(record[y])
    return sum(1 for found in values.values() if len(found) > 1)
