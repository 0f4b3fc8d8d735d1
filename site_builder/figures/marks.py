"""The pieces of a plotly figure the kind modules share: safe label text, hovers, legends, bars,
series colours, event marks and axes.

Plotly renders a subset of HTML (`<br>`, `<b>`, `<a href>`, `<span style>`) in every label it
draws: trace names, hover text, annotations, tick labels. Every string that comes from a data
file therefore goes through `plotly_text`, which escapes it so plotly shows it as text. Hover
content is composed here in Python and passed as `hovertext` (with `hoverinfo: "text"`), so no
data string ever becomes part of a `hovertemplate`, where `%{...}` would be interpreted.

How values read (dates, numbers, units) is `reader/text.py`'s job, shared with tables and the
text alternative; this module only places that text in a figure.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.reader.order import ordered_values
from site_builder.reader.text import display_value, format_date, plot_date, shorten, with_unit

# -- text ----------------------------------------------------------------------------------------


def plotly_text(value: Any) -> str:
    """A data-derived string made safe for plotly's HTML-like label rendering.

    `&`, `<` and `>` become entities, which plotly decodes back to characters *after* it has
    looked for tags: `<a href="javascript:...">` shows as those characters, never as a link.
    """
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hover_lines(lines: Iterable[str], width: int = 60) -> str:
    """Hover text from plain lines of data text: escaped, wrapped (plotly never wraps), first line bold."""
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        wrapped = [plotly_text(part) for part in _wrap(line, width)]
        if index == 0:
            wrapped = [f"<b>{part}</b>" for part in wrapped]
        out.extend(wrapped)
    return "<br>".join(out)


LEGEND_WIDTH = 34  # characters a legend line holds before it would overflow a 375-pixel-wide chart


def legend_label(value: Any) -> str:
    """A legend entry: escaped and wrapped, since plotly never wraps legend text and long category
    labels would run off a phone's screen.
    """
    return "<br>".join(plotly_text(part) for part in _wrap(str(value), LEGEND_WIDTH))


def _wrap(line: str, width: int) -> list[str]:
    """Greedy wrapping at spaces (textwrap is ten times slower, and hover text is most of a map's build)."""
    if len(line) <= width:
        return [line]
    lines, current = [], ""
    for word in line.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return lines + [current] if current else lines or [line]


def axis_labels(labels: list[str], limit: int = 40) -> list[str]:
    """Category tick labels, escaped and cut to `limit` characters so a long name cannot squeeze
    the plot to nothing (the hover has it whole). Labels that would become equal stay whole:
    plotly merges equal categories.
    """
    short = [shorten(label, limit) for label in labels]
    clashes = {label for label in short if short.count(label) > 1}
    return [plotly_text(cut if cut not in clashes else full) for cut, full in zip(short, labels)]


# -- hover details -------------------------------------------------------------------------------


def source_label(dataset: Dataset, source_id: str) -> str:
    """The source, as short as a phone's hover box wants it: the producer (the table and the
    source line under the chart give the title and link).
    """
    return f"Source: {shorten(dataset.source(source_id).producer, 60)}"


NOTE_IN_HOVER = 100  # characters of a note shown on hover; the table has it whole


def record_details(dataset: Dataset, record: dict) -> list[str]:
    """The lines every hover ends with: source, an "unconfirmed" mark, the note."""
    lines = [source_label(dataset, record["source"])]
    if record.get("confidence") == "low":
        lines.append("Unconfirmed (low confidence)")
    if record.get("note"):
        lines.append("Note: " + shorten(record["note"], NOTE_IN_HOVER))
    return lines


def median(values: list[int | float]) -> int | float:
    """The median, kept an integer when it is one (4500, not 4500.0)."""
    result = statistics.median(values)
    return int(result) if isinstance(result, float) and result.is_integer() else result


# -- series --------------------------------------------------------------------------------------


def value_colour(dataset: Dataset, name: str, value: Any, position: int, theme: Theme) -> str:
    """A category keeps its colour across charts (the colour it names, or its place among the
    field's categories); other values are coloured by their place in this chart.
    """
    field = dataset.field(name)
    if field.type == "category":
        index, category = next((i, c) for i, c in enumerate(field.categories) if c.value == value)
        return theme.named(category.color) if category.color else theme.colour(index)
    return theme.colour(position)


def series_groups(
    dataset: Dataset, name: str | None, records: list[dict], theme: Theme
) -> list[tuple[str, str, list[dict]]]:
    """(label, colour, records) per value of the `series` field, or one group for all records."""
    if name is None:
        return [("", theme.colour(0), records)]
    field = dataset.field(name)
    groups = []
    for position, value in enumerate(ordered_values(dataset, name, records)):
        members = [r for r in records if r.get(name) == value]
        groups.append((display_value(field, value), value_colour(dataset, name, value, position, theme), members))
    return groups


def bar_marker(colour: str, bars: list, theme: Theme) -> dict:
    """Solid bars; unconfirmed ones (all their figures low-confidence) hatched in outline instead."""
    return {
        "color": colour,
        "line": {"color": colour, "width": 1.5},
        "pattern": {
            "shape": [theme.low_confidence_pattern if bar.low else "" for bar in bars],
            "fillmode": "replace",
            "fgcolor": colour,
            "bgcolor": "rgba(0,0,0,0)",
            "solidity": 0.4,
        },
    }


def legend_key_low_confidence(theme: Theme, bar: bool = False) -> dict:
    """A legend-only trace that explains how unconfirmed figures are drawn."""
    if bar:
        return {
            "type": "bar",
            "x": [None],
            "y": [None],
            "name": "Unconfirmed figure",
            "showlegend": True,
            "hoverinfo": "skip",
            "marker": bar_marker(theme.neutral, [Bar(None, "", (), 0, True)], theme),
        }
    marker = dict(theme.low_confidence_marker)
    marker["color"] = theme.neutral
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [None],
        "y": [None],
        "name": "Unconfirmed figure",
        "showlegend": True,
        "hoverinfo": "skip",
        "marker": marker,
    }


# -- bars ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar: the records that share its key, drawn at the median of their confirmed figures."""

    key: Any
    field: str  # the value field
    records: tuple[dict, ...]
    value: int | float
    low: bool  # every figure is unconfirmed

    def hover(self, dataset: Dataset) -> list[str]:
        """Hover lines after the bar's name: its value, then each figure and source when there are several."""
        field = dataset.field(self.field)
        if len(self.records) == 1:
            return [with_unit(self.value, field), *record_details(dataset, self.records[0])]
        counted = len(self.records) if self.low else sum(r.get("confidence") != "low" for r in self.records)
        lines = [f"{with_unit(self.value, field)}" + (f" (median of {counted} figures)" if counted > 1 else "")]
        for record in self.records:
            source = dataset.source(record["source"])
            lines.append(
                f"{with_unit(record[self.field], field)}: {source.producer}"
                + (" (unconfirmed)" if record.get("confidence") == "low" else "")
            )
        return lines


def aggregate(records: list[dict], key: Callable[[dict], Any], value: str) -> list[Bar]:
    """Bars from records grouped by `key`, in order of first appearance; records missing a value are left out."""
    groups: dict[Any, list[dict]] = {}
    for record in records:
        if record.get(value) is not None:
            groups.setdefault(key(record), []).append(record)
    bars = []
    for group_key, members in groups.items():
        confirmed = [r[value] for r in members if r.get("confidence") != "low"]
        bars.append(
            Bar(group_key, value, tuple(members), median(confirmed or [r[value] for r in members]), not confirmed)
        )
    return bars


# -- events --------------------------------------------------------------------------------------


def event_marks(events: list, dates: list[str], theme: Theme) -> tuple[list[dict], list[dict]]:
    """Dashed vertical lines and their labels, for a time axis; `dates` are the plotted data dates.

    Labels step down through three heights so neighbours overlap less, and labels in the last
    quarter of the axis hang to the left of their line so they stay inside the chart.
    """
    if not events:
        return [], []
    events = sorted(events, key=lambda e: plot_date(e.date))
    ordinals = [_ordinal(plot_date(d)) for d in dates] + [_ordinal(plot_date(e.date)) for e in events]
    first, last = min(ordinals), max(ordinals)
    shapes, annotations = [], []
    for index, event in enumerate(events):
        x = plot_date(event.date)
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "layer": "below",
                "line": {"color": theme.neutral, "width": 1, "dash": theme.event_dash},
            }
        )
        late = last > first and (_ordinal(x) - first) / (last - first) > 0.75
        hover = [f"{format_date(event.date)}: {event.label}"] + ([f"Source: {event.source}"] if event.source else [])
        # The name lets the loader swap the label for its number on narrow screens; the numbered
        # list under the chart (templates/figure.html) says what each number is.
        annotations.append(
            {
                "name": f"sb-event-{index + 1}",
                "x": x,
                "xref": "x",
                "y": 1 - 0.08 * (index % 3),
                "yref": "paper",
                "yanchor": "top",
                "xanchor": "right" if late else "left",
                "xshift": -4 if late else 4,
                "align": "right" if late else "left",
                "showarrow": False,
                "text": plotly_text(event.label),
                "hovertext": hover_lines(hover),
                "font": {"size": theme.annotation_size},
            }
        )
    return shapes, annotations


EVENT_HEADROOM = 0.3  # share of the y span added above the data when events are labelled


def value_range(values: list[float], from_zero: bool, headroom: float) -> list[float]:
    """An explicit y range leaving `headroom` (a share of the span) above the data for labels."""
    low, high = min(values), max(values)
    if from_zero:
        low, high = min(low, 0), max(high, 0)
    span = (high - low) or abs(high) or 1
    if not from_zero:
        low -= span * 0.05
    return [low, high + span * headroom]


def _ordinal(iso: str) -> int:
    year, month, day = (int(p) for p in iso.split("-"))
    return year * 372 + month * 31 + day


def time_layout(theme: Theme, y_axis: dict, legend: bool, shapes: list[dict], annotations: list[dict]) -> dict:
    """The layout of a chart over time (line, step): a date axis, the value axis, event marks."""
    layout = theme.base_layout("cartesian")
    layout.update(
        {
            "xaxis": {**layout["xaxis"], **cartesian_axis(None, type="date")},
            "yaxis": {**layout["yaxis"], **y_axis},
            "hovermode": "closest",
            "showlegend": legend,
            "shapes": shapes,
            "annotations": annotations,
        }
    )
    return layout


def cartesian_axis(title: str | None, **extra: Any) -> dict:
    axis = {"automargin": True, "showgrid": False, "zeroline": False, "fixedrange": True}
    if title:
        axis["title"] = {"text": plotly_text(title)}
    axis.update(extra)
    return axis


def value_axis(title: str | None, field, **extra: Any) -> dict:
    axis = cartesian_axis(title, showgrid=True, separatethousands=True, exponentformat="none", **extra)
    if field.short_unit:
        axis["ticksuffix"] = plotly_text(field.short_unit)
    return axis
