"""Step chart: the running count of records over time, e.g. countries recognising Kosovo.

Each record is one event (a recognition); the line steps up on each date by the number of
records on it (`line.shape: "hv"`: the count holds until the next date, as a count does).
Records with no date cannot be placed; they are left out and a note on the chart says how many,
so the total a reader sees is never silently short. Only a date with an unconfirmed record gets
a marker (an open one), and its hover says how many are unconfirmed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_builder.figures.marks import (
    EVENT_HEADROOM,
    cartesian_axis,
    event_marks,
    hover_lines,
    legend_key_low_confidence,
    legend_label,
    series_groups,
    time_layout,
    value_range,
)
from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase, Event, Text
from site_builder.reader.order import by_columns
from site_builder.reader.sentences import count, listing, lower, value_groups, when
from site_builder.reader.text import display_value, format_date, format_number, plot_date

NAMES_IN_HOVER = 8  # records named in a date's hover before "and N more"


class StepSpec(ChartSpecBase):
    """The running count of records over time, as a step line (e.g. recognitions of Kosovo)."""

    kind: Literal["step"] = Field(
        description="The running count of records over time, as a step line.", examples=["step"]
    )
    x: str = Field(description="The date field: when each record happened.", examples=["date"])
    series: str | None = Field(
        None, description="A field whose values get separate running counts.", examples=["region"]
    )
    label: str | None = Field(
        None, description="A field naming each record, listed in the hover of its date.", examples=["country"]
    )
    events: list[Event] | None = Field(
        None,
        description="Dates to mark with a dashed line and a label.",
        examples=[[{"date": "2008-02-17", "label": "Independence declared"}]],
    )
    y_title: Text | None = Field(None, description="The y axis title.", examples=["Countries recognising Kosovo"])

    def marked_events(self) -> list[Event]:
        return self.events or []


Spec = StepSpec  # the registry's name for it; the class name keeps JSON Schema definitions readable

FIELD_REFS = {"x": ("date",), "series": ("text", "category", "country"), "label": ("text", "country", "category")}
TRACES = frozenset({"scatter"})
GUIDE_DRAWS = "the running count of records over time"
GUIDE_KEYS = (
    "`x` (a date field), `series` (optional: a text, category or country field counted separately), `label` "
    "(optional: a text, country or category field naming the records in the hover), `events` (optional), "
    "`y_title` (optional)"
)


def build(spec: StepSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    dated = sorted((r for r in records if r.get(spec.x) is not None), key=lambda r: plot_date(r[spec.x]))
    undated = len(records) - len(dated)
    named = spec.series is not None
    data, totals = [], []
    for name, colour, members in series_groups(dataset, spec.series, dated, theme):
        trace = _running_count(spec, dataset, name, colour, members, theme, named)
        totals += trace["y"]
        data.append(trace)
    has_low = any(r.get("confidence") == "low" for r in dated)
    if has_low:
        data.append(legend_key_low_confidence(theme))
    shapes, annotations = event_marks(spec.events or [], [r[spec.x] for r in dated], theme)
    y_axis = cartesian_axis(spec.y_title or "Running count", showgrid=True, separatethousands=True, rangemode="tozero")
    if annotations and totals:
        y_axis["range"] = value_range(totals, True, EVENT_HEADROOM)
    if undated:
        annotations.append(
            {
                "xref": "paper",
                "yref": "paper",
                "x": 1,
                "y": 0,
                "xanchor": "right",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": theme.annotation_size},
                "text": f"{format_number(undated)} record{'s' if undated != 1 else ''} without a date "
                f"{'are' if undated != 1 else 'is'} not shown",
            }
        )
    return {"data": data, "layout": time_layout(theme, y_axis, named or has_low, shapes, annotations)}


def _running_count(
    spec: StepSpec, dataset: Dataset, name: str, colour: str, members: list[dict], theme: Theme, named: bool
) -> dict:
    by_date: dict[str, list[dict]] = {}
    for record in members:
        by_date.setdefault(record[spec.x], []).append(record)
    x, y, hover, low = [], [], [], []
    total = 0
    for written, day in by_date.items():
        total += len(day)
        unconfirmed = sum(r.get("confidence") == "low" for r in day)
        lines = [
            format_date(written),
            (f"{name}: " if name else "") + f"{format_number(total)} in all (+{format_number(len(day))})",
        ]
        if spec.label:
            names = [
                display_value(dataset.field(spec.label), r.get(spec.label))
                for r in day
                if r.get(spec.label) is not None
            ]
            shown = ", ".join(names[:NAMES_IN_HOVER])
            lines.append(shown + (f" and {len(names) - NAMES_IN_HOVER} more" if len(names) > NAMES_IN_HOVER else ""))
        if unconfirmed:
            lines.append(f"{unconfirmed} unconfirmed (low confidence)")
        x.append(plot_date(written))
        y.append(total)
        hover.append(hover_lines(lines))
        low.append(bool(unconfirmed))
    normal = theme.marker  # drawn at size 0: the corners show the steps, and the point still takes the hover
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": legend_label(name),
        "showlegend": named,
        "x": x,
        "y": y,
        "line": {"shape": "hv", "color": colour, "width": theme.line_width},
        "marker": {
            "color": colour,
            "line": {"color": colour, "width": theme.low_confidence_marker["line"]["width"]},
            "symbol": [theme.low_confidence_marker["symbol"] if is_low else normal["symbol"] for is_low in low],
            "size": [theme.low_confidence_marker["size"] if is_low else 0 for is_low in low],
        },
        "hoverinfo": "text",
        "hovertext": hover,
    }


def columns(spec: StepSpec, dataset: Dataset) -> list[str]:
    return [spec.x] + [name for name in (spec.series, spec.label) if name and name != spec.x]


def rows(spec: StepSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    return by_columns(dataset, columns(spec, dataset), records)


def describe(spec: StepSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """The span and the total, the largest rise on one date, the total per series, the records left out."""
    dated = sorted((r for r in records if r.get(spec.x) is not None), key=lambda r: plot_date(r[spec.x]))
    undated = len(records) - len(dated)
    sentences = [f"Step chart of the running count of {lower(spec.y_title or dataset.meta.title)}."]
    if dated:
        first, last = dated[0][spec.x], dated[-1][spec.x]
        sentences.append(f"{count(len(dated), 'record')} from {format_date(first)} to {format_date(last)}.")
        per_date: dict[str, int] = {}
        for record in dated:
            per_date[record[spec.x]] = per_date.get(record[spec.x], 0) + 1
        date, most = max(per_date.items(), key=lambda item: item[1])  # the first of equals
        if most > 1:
            sentences.append(f"The largest rise on one date was {format_number(most)}, {when(date)}.")
        if spec.series:
            totals = [
                f"{label} {format_number(len(members))}" for label, members in value_groups(dataset, spec.series, dated)
            ]
            sentences.append(f"By {lower(dataset.field(spec.series).title)}: {listing(totals)}.")
    if undated:
        sentences.append(f"{count(undated, 'record')} without a date {'is' if undated == 1 else 'are'} not shown.")
    return sentences


def explain(spec, records, dataset) -> list[str]:
    return []
