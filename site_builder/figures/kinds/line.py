"""Line chart: a number over time, one line per series, every record a marker.

Sources often disagree about the same date (two figures for KFOR's strength in June 1999), and
a chart never draws a number no source gave. So every record is its own marker, with its date
as written and its source in the hover, and the line goes through one of those figures at each
date: the one the spec's `pick:` rule chooses (by default the figure of highest confidence, then
that of the source listed first in the dataset). Where the confirmed figures at a date differ, a
translucent range mark spans the lowest to the highest, on a trace labelled as derived.
Unconfirmed (low-confidence) figures get an open marker and stay off the line, even at a date
with nothing else: a line through them would draw them as confirmed.

The date rule. A figure dated only by month or year ("1999-06", "2023") is drawn at the middle
of its period with a horizontal span across the whole period, and its hover says "June 1999". It
joins the line only where its order is certain: if its period holds the date of another figure
of the line (42,500 on 12 June 1999 against "June 1999") or of a marked event, it stays off the
line as a span mark, and the more precise figure keeps its place. So the line never draws a rise
or a fall between figures whose order no source gave.

Gaps stay gaps: the line breaks where a whole calendar year lies between two of its figures,
unless the spec sets `connect_gaps: true`. Series listed in `steps:` (a ceiling that changes by
decision) are drawn as steps: a value holds until the next one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field

from site_builder.errors import Problem, did_you_mean
from site_builder.errors import describe as describe_value
from site_builder.figures.marks import (
    EVENT_HEADROOM,
    RANGE_OPACITY,
    derived,
    event_marks,
    hover_lines,
    legend_key_low_confidence,
    legend_label,
    overlaps,
    period,
    pick,
    pick_phrase,
    plotly_text,
    range_how,
    range_line,
    record_details,
    series_groups,
    time_layout,
    value_axis,
    value_range,
)
from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import Event, PickingSpec, Text
from site_builder.languages.messages import _, ngettext
from site_builder.reader import phrases
from site_builder.reader.order import by_columns
from site_builder.reader.sentences import LISTED, listing, lower, value_groups
from site_builder.reader.text import display_value, field_title, format_date, format_number, plot_date, with_unit


class LineSpec(PickingSpec):
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
    connect_gaps: bool = Field(
        False,
        description="Let the line bridge a whole calendar year without a confirmed figure (by default it breaks).",
        examples=[True],
    )
    steps: list[Annotated[str, Field(min_length=1, max_length=100)]] | None = Field(
        None,
        description="Series values drawn as steps, for a limit that changes by decision: a value holds until the "
        "next one.",
        examples=[["ceiling"]],
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
    "y axis title), `y_from_zero` (optional, default `true`: start the y axis at zero), `pick` (optional: which "
    "figure the line goes through where sources disagree), `connect_gaps` (optional, default `false`: bridge "
    "years without a figure), `steps` (optional: series drawn as steps)"
)

RANGE_WIDTH = 8  # pixels: a range reads as a band behind the markers
SPAN_WIDTH = 2  # pixels: the horizontal span of a month or a year


@dataclass
class LinePlan:
    """What one series' line goes through, worked out once for the figure, the text alternative and `explain`."""

    line: list[dict] = dataclasses.field(default_factory=list)  # the figures the line joins, in time order
    breaks: list[int] = dataclasses.field(default_factory=list)  # indexes into `line` where it breaks before the figure
    off_line: list[dict] = dataclasses.field(default_factory=list)  # picked figures whose order is uncertain
    ranges: list[tuple[str, list[dict]]] = dataclasses.field(
        default_factory=list
    )  # (date as written, confirmed figures)


def plan_line(spec: LineSpec, members: list[dict], dataset: Dataset) -> LinePlan:
    """The line of one series: per date one confirmed figure by the pick rule, then the date rule and the gap rule."""
    by_date: dict[str, list[dict]] = {}
    for record in members:
        if record.get("confidence") != "low":
            by_date.setdefault(record[spec.x], []).append(record)
    plan = LinePlan()
    plan.ranges = [(d, rs) for d, rs in by_date.items() if len({r[spec.y] for r in rs}) > 1]
    picked = {d: pick(rs, dataset, spec.pick) for d, rs in by_date.items()}
    events = [event.date for event in spec.events or []]
    kept: list[str] = []
    # The most precise dates first: a day keeps its place, a month or year that may hold it steps off.
    for written in sorted(picked, key=lambda d: (-d.count("-"), plot_date(d))):
        partial = written.count("-") < 2
        if any(overlaps(written, other) for other in kept) or (partial and any(overlaps(written, e) for e in events)):
            plan.off_line.append(picked[written])
        else:
            kept.append(written)
    kept.sort(key=plot_date)
    plan.line = [picked[d] for d in kept]
    if not spec.connect_gaps:
        plan.breaks = [i for i in range(1, len(kept)) if int(period(kept[i])[0][:4]) - int(kept[i - 1][:4]) >= 2]
    plan.off_line.sort(key=lambda r: plot_date(r[spec.x]))
    return plan


def _plotted(spec: LineSpec, records: list[dict]) -> list[dict]:
    records = [r for r in records if r.get(spec.x) is not None and r.get(spec.y) is not None]
    return sorted(records, key=lambda r: plot_date(r[spec.x]))


def check(spec: LineSpec, records: list[dict], dataset: Dataset, document) -> list[Problem]:
    """`steps:` names values of the series: one that is no series value would silently draw nothing as steps."""
    if not spec.steps:
        return []
    if not spec.series:
        return [
            document.problem(("steps",), "`steps:` needs `series:`", "name the series field whose values are listed")
        ]
    present = sorted({str(r.get(spec.series)) for r in records if r.get(spec.series) is not None})
    return [
        document.problem(
            ("steps", index),
            f"no record of '{spec.dataset}' shown in this chart has {spec.series} = {describe_value(value)}",
            did_you_mean(value, present),
        )
        for index, value in enumerate(spec.steps)
        if value not in present
    ]


def build(spec: LineSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    y_field = dataset.field(spec.y)
    records = _plotted(spec, records)
    data: list[dict] = []
    groups = series_groups(dataset, spec.series, records, theme)
    named = spec.series is not None
    for label, colour, members in groups:
        stepped = named and bool(members) and _series_value(spec, members) in (spec.steps or [])
        data += _series_traces(spec, dataset, label if named else "", colour, members, theme, named, stepped)
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


def _plain_lines(name: str, group: str, xs: list, ys: list, line: dict) -> dict:
    """A line trace without a hover or a legend entry of its own: the line itself, or the spans of partial dates."""
    return {
        "type": "scatter",
        "mode": "lines",
        "name": legend_label(name),
        "legendgroup": group,
        "x": xs,
        "y": ys,
        "line": line,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _series_value(spec: LineSpec, members: list[dict]):
    return members[0].get(spec.series) if spec.series else None


def _series_traces(
    spec: LineSpec,
    dataset: Dataset,
    name: str,
    colour: str,
    members: list[dict],
    theme: Theme,
    named: bool,
    stepped: bool,
) -> list[dict]:
    """The line through the picked figures, the range marks, the spans of partial dates, a marker per record."""
    y_field = dataset.field(spec.y)
    plan = plan_line(spec, members, dataset)
    group = plotly_text(name) or "all"
    traces = []
    if plan.line:
        xs, ys = [], []
        for index, record in enumerate(plan.line):
            if index in plan.breaks:
                xs.append(None)
                ys.append(None)
            xs.append(plot_date(record[spec.x]))
            ys.append(record[spec.y])
        line = {"color": colour, "width": theme.line_width}
        if stepped:
            line["shape"] = "hv"
        traces.append({**_plain_lines(name, group, xs, ys, line), "connectgaps": False, "showlegend": named})
    if plan.ranges:
        xs, ys, hovers = [], [], []
        for written, figures in plan.ranges:
            values = [r[spec.y] for r in figures]
            hover = hover_lines(
                [
                    format_date(written),
                    *([name] if name else []),
                    range_line(figures, spec.y, y_field),
                    _("Derived: not a figure of its own"),
                ]
            )
            xs += [plot_date(written)] * 2 + [None]
            ys += [min(values), max(values), None]
            hovers += [hover, hover, ""]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": legend_label(_("{series}: range", series=name) if name else _("Range of the sources' figures")),
                "legendgroup": group,
                "x": xs,
                "y": ys,
                "line": {"color": colour, "width": RANGE_WIDTH},
                "opacity": RANGE_OPACITY,
                "hoverinfo": "text",
                "hovertext": hovers,
                "showlegend": False,
                "meta": derived("range", range_how("date")),
            }
        )
    for unconfirmed in (False, True):  # an unconfirmed figure's span is dotted, like its open marker
        partial = [r for r in members if r[spec.x].count("-") < 2 and (r.get("confidence") == "low") == unconfirmed]
        if not partial:
            continue
        xs, ys = [], []
        for record in partial:
            first, last = period(record[spec.x])
            xs += [first, last, None]
            ys += [record[spec.y], record[spec.y], None]
        line = {"color": colour, "width": SPAN_WIDTH}
        if unconfirmed:
            line["dash"] = "dot"
        traces.append(_plain_lines(name, group, xs, ys, line))
    low = [r.get("confidence") == "low" for r in members]
    normal = theme.marker
    marker = {
        "color": colour,
        "symbol": [theme.low_confidence_marker["symbol"] if is_low else normal["symbol"] for is_low in low],
        "size": [theme.low_confidence_marker["size"] if is_low else normal["size"] for is_low in low],
        "line": {"color": colour, "width": theme.low_confidence_marker["line"]["width"]},
    }
    off = {id(r) for r in plan.off_line}
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": legend_label(name),
            "legendgroup": group,
            "x": [plot_date(r[spec.x]) for r in members],
            "y": [r[spec.y] for r in members],
            "marker": marker,
            "hoverinfo": "text",
            "showlegend": named and not plan.line,
            "hovertext": [
                hover_lines(
                    [
                        format_date(r[spec.x]),
                        (f"{name}: " if name else "") + with_unit(r[spec.y], y_field),
                        *record_details(dataset, r),
                        *([_("Off the line: its day is not given")] if id(r) in off else []),
                    ]
                )
                for r in members
            ],
        }
    )
    return traces


def columns(spec: LineSpec, dataset: Dataset) -> list[str]:
    return [spec.x] + ([spec.series] if spec.series else []) + [spec.y]


def rows(spec: LineSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    return by_columns(dataset, columns(spec, dataset), records)


# -- the text alternative and the reader's explanation -------------------------------------------


def describe(spec: LineSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """The span, each line's extremes, first and latest figure, the dates sources dispute, the events.

    Only figures a source gave are named; where sources disagree at a date, as a range. A rise or
    a fall is only said between figures of the line, whose order is certain.
    """
    y_field = dataset.field(spec.y)
    records = _plotted(spec, records)
    if not records:
        return [_("The chart has no data to show.")]
    dates = sorted((r[spec.x] for r in records), key=plot_date)
    span = phrases.period(dates[0], dates[-1])
    sentences = [_("Line chart of {value} {span}.", value=field_title(y_field, spec.y_title), span=span)]
    groups = value_groups(dataset, spec.series, records)
    if spec.series:
        sentences.append(
            _(
                "One line for each {series}: {names}.",
                series=lower(dataset.field(spec.series).title),
                names=listing([g for g, _members in groups]),
            )
        )
    for label, members in groups[:LISTED]:
        prefix = f"{label}: " if spec.series else ""
        sentences.append(prefix + _trend(spec, members, dataset, y_field))
    disputed = sum(len(plan_line(spec, members, dataset).ranges) for _, members in groups)
    if disputed:
        sentences.append(
            ngettext(
                "On {number} date sources give different figures; the chart shows each figure and their range.",
                "On {number} dates sources give different figures; the chart shows each figure and their range.",
                disputed,
                number=format_number(disputed),
            )
        )
    sources = {r["source"] for r in records}
    figures = ngettext("{number} figure", "{number} figures", len(records), number=format_number(len(records)))
    given = ngettext("from {number} source", "from {number} sources", len(sources), number=format_number(len(sources)))
    sentences.append(_("{figures} {from_sources}.", figures=figures, from_sources=given))
    if spec.events:
        marked = "; ".join(f"{e.label} ({format_date(e.date)})" for e in spec.events)
        sentences.append(_("Marked: {events}.", events=marked))
    return sentences


def _trend(spec: LineSpec, members: list[dict], dataset: Dataset, y_field) -> str:
    """Highest and lowest figure, the latest and the first figure of the line, and the change between them.

    Where sources disagree at a date, the range is given, never a median that nobody reported.
    """
    points = _figures_by_date(members, spec.x, spec.y)

    def figures(written: str) -> str:
        values = dict(points).get(written) or [r[spec.y] for r in members if r[spec.x] == written]
        low, high = min(values), max(values)
        return with_unit(low, y_field) if low == high else phrases.between(low, with_unit(high, y_field))

    if len(points) == 1:
        return _("{value} {date}.", value=figures(points[0][0]), date=phrases.at(points[0][0]))
    high_date, high_values = max(points, key=lambda p: max(p[1]))
    low_date, low_values = min(points, key=lambda p: min(p[1]))
    extremes = _(
        "Highest {high} {high_date}, lowest {low} {low_date}",
        high=with_unit(max(high_values), y_field),
        high_date=phrases.at(high_date),
        low=with_unit(min(low_values), y_field),
        low_date=phrases.at(low_date),
    )
    line = plan_line(spec, members, dataset).line
    if len(line) < 2:  # nothing whose order is certain to compare
        return extremes + "."
    first, last = line[0], line[-1]
    start, end = first[spec.y], last[spec.y]
    rose = end > start * 1.05 or (start == 0 and end > 0)
    values = {
        "extremes": extremes,
        "latest": figures(last[spec.x]),
        "latest_date": phrases.at(last[spec.x]),
        "first": figures(first[spec.x]),
        "first_date": phrases.at(first[spec.x]),
    }
    if rose:
        return _("{extremes}; latest {latest} {latest_date}. Overall it rose, from {first} {first_date}.", **values)
    if end < start * 0.95:
        return _("{extremes}; latest {latest} {latest_date}. Overall it fell, from {first} {first_date}.", **values)
    return _(
        "{extremes}; latest {latest} {latest_date}. Overall it changed little, from {first} {first_date}.", **values
    )


def _figures_by_date(records: list[dict], x: str, y: str) -> list[tuple[str, list]]:
    """(date, figures) in time order, from confirmed figures only: an unconfirmed figure is never
    described as the highest or the lowest (unless nothing at all is confirmed).
    """
    confirmed = [r for r in records if r.get("confidence") != "low"] or records
    by_date: dict[str, list] = {}
    for record in sorted(confirmed, key=lambda r: plot_date(r[x])):
        by_date.setdefault(record[x], []).append(record[y])
    return list(by_date.items())


def explain(spec: LineSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """How the chart is drawn, in plain sentences under it: only the rules this chart's data needs."""
    records = _plotted(spec, records)
    plans = [plan_line(spec, members, dataset) for _, members in value_groups(dataset, spec.series, records)]
    sentences = [_("Each marker is one source's figure.")]
    if any(plan.line for plan in plans):
        if any(plan.ranges for plan in plans):
            sentences.append(
                _(
                    "The line goes through one figure a source gave at each date; where sources disagree, "
                    "it goes through {rule}.",
                    rule=pick_phrase(spec.pick),
                )
            )
        else:
            sentences.append(_("The line goes through one figure a source gave at each date."))
    if any(plan.ranges for plan in plans):
        sentences.append(
            _(
                "Where confirmed figures differ at a date, a shaded bar spans the lowest to the highest: "
                "a range, not a figure of its own."
            )
        )
    if any(r.get("confidence") == "low" for r in records):
        sentences.append(_("Unconfirmed figures (open markers) stay off the line."))
    if any(r[spec.x].count("-") < 2 for r in records):
        if any(plan.off_line for plan in plans):
            sentences.append(
                _(
                    "A figure dated only by month or year is drawn across that period, with its marker at the "
                    "middle; it stays off the line where the period also holds another figure's date or a marked "
                    "event, since which came first is not known."
                )
            )
        else:
            sentences.append(
                _("A figure dated only by month or year is drawn across that period, with its marker at the middle.")
            )
    if any(plan.breaks for plan in plans):
        sentences.append(_("The line breaks where a whole calendar year has no confirmed figure."))
    if spec.series and spec.steps:
        field = dataset.field(spec.series)
        stepped = [display_value(field, value) for value in spec.steps]
        sentences.append(
            ngettext(
                "{names} is drawn as steps: each value holds until the next one.",
                "{names} are drawn as steps: each value holds until the next one.",
                len(stepped),
                names=listing(stepped),
            )
        )
    return sentences
