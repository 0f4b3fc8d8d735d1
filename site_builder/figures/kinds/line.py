"""Line chart: a number over time, one line per series, every record a marker.

Sources often disagree about the same date (two figures for KFOR's strength in June 1999). So
each record gets its own marker, with its source in the hover, and the line runs through the
*median* of the confirmed figures at each date: one line, no vertical zigzag between sources,
and no figure hidden. Low-confidence records get an open marker and stay off the line; a date
with only unconfirmed figures is a marker alone.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from site_builder.figures.figure import (
    EVENT_HEADROOM,
    event_marks,
    field_title,
    format_date,
    hover_lines,
    legend_key_low_confidence,
    legend_label,
    median,
    plot_date,
    plotly_text,
    record_details,
    series_groups,
    time_layout,
    value_axis,
    value_range,
    with_unit,
)
from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase, PartialDate, Strict, Text


class Event(Strict):
    """A moment worth marking on a time axis: a dashed line with a short label."""

    date: PartialDate = Field(description="When: YYYY, YYYY-MM or YYYY-MM-DD.", examples=["2008-02-17"])
    label: Annotated[str, Field(min_length=1, max_length=60)] = Field(
        description="A short label, shown beside the line (at most 60 characters).", examples=["Independence declared"]
    )
    source: Text | None = Field(
        None,
        description="Where the date comes from; shown when a reader hovers the label.",
        examples=["Assembly of Kosovo, declaration of independence"],
    )


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


Spec = LineSpec  # the registry's name for it; the class name keeps JSON Schema definitions readable

FIELD_REFS = {"x": ("date",), "y": ("integer", "number"), "series": ("text", "category", "country")}
TRACES = frozenset({"scatter"})


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
