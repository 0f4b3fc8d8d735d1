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

import calendar
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.languages.messages import _, ngettext
from site_builder.reader.order import ordered_values
from site_builder.reader.text import display_value, format_date, format_number, plot_date, shorten, with_unit

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
    """Greedy wrapping at spaces: hover text is most of a map's build, and textwrap is slower (bench/README.md)."""
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
    return _("Source: {source}", source=shorten(dataset.source(source_id).producer, 60))


NOTE_IN_HOVER = 100  # characters of a note shown on hover; the table has it whole


def record_details(dataset: Dataset, record: dict) -> list[str]:
    """The lines every hover ends with: source, an "unconfirmed" mark, the note."""
    lines = [source_label(dataset, record["source"])]
    if record.get("confidence") == "low":
        lines.append(_("Unconfirmed (low confidence)"))
    if record.get("note"):
        lines.append(_("Note: {note}", note=shorten(record["note"], NOTE_IN_HOVER)))
    return lines


CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}


def pick(records: list[dict], dataset: Dataset, rules: Iterable[str]) -> dict:
    """The one figure drawn where several records compete (a line's date, a bar), by the spec's `pick:` rules.

    The rules are tried in order: `highest_confidence` prefers high to medium to low,
    `source_order` the source listed first in the dataset (editors list the most official
    first). Records still tied keep the dataset's order, so the choice never depends on chance.
    """
    place = {source.id: index for index, source in enumerate(dataset.meta.sources)}
    keys = {
        "highest_confidence": lambda r: CONFIDENCE_RANK.get(r.get("confidence", "high"), 1),
        "source_order": lambda r: place.get(r["source"], len(place)),
    }
    rules = [keys[rule] for rule in rules]
    return min(records, key=lambda r: tuple(rule(r) for rule in rules))  # min keeps the first of equals


def pick_words(rule: str) -> str:
    """One pick rule in words, in the reader's language."""
    if rule == "highest_confidence":
        return _("the figure of highest confidence")
    return _("the figure of the source listed first in the dataset (the most official)")


def pick_phrase(rules: Iterable[str]) -> str:
    """The pick rules in words, for `explain()`: "the figure of highest confidence and, among equals, ..."."""
    return _(" and, among equals, ").join(pick_words(rule) for rule in rules)


def range_line(records: list[dict], value: str, field) -> str:
    """A range's hover line: "Range of 2 sources' figures: 50,000 to 55,000 soldiers"."""
    values = [record[value] for record in records]
    n = len({record["source"] for record in records})
    return ngettext(
        "Range of {count} source's figures: {low} to {high}",
        "Range of {count} sources' figures: {low} to {high}",
        n,
        low=format_number(min(values)),
        high=with_unit(max(values), field),
    )


def derived(kind: str, how: str) -> dict:
    """A trace's label for numbers no record gave (issue 12): what they are and how they were made."""
    return {"derived": kind, "how": how}


def range_how(place: str) -> str:
    """How a range trace's figures were made (its `derived` label), for a range at a "date" or a "bar"."""
    if place == "date":
        return _("From the lowest to the highest confirmed figure that sources gave for the same date.")
    return _("From the lowest to the highest confirmed figure that sources gave for the same bar.")


def range_box_words() -> str:
    """How a bar's range box reads in `explain`, for every bar kind that draws one."""
    return _(
        "An outlined box over a bar spans the lowest to the highest confirmed figure: a range, not a figure of its own."
    )


RANGE_OPACITY = 0.35  # a range reads as a band behind the figures, not as a figure of its own


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
            "name": _("Unconfirmed figure"),
            "showlegend": True,
            "hoverinfo": "skip",
            "marker": bar_marker(theme.neutral, [Bar(None, "", (), {}, True)], theme),
        }
    marker = dict(theme.low_confidence_marker)
    marker["color"] = theme.neutral
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [None],
        "y": [None],
        "name": _("Unconfirmed figure"),
        "showlegend": True,
        "hoverinfo": "skip",
        "marker": marker,
    }


# -- bars ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar: the records that share its key, drawn at the one figure the pick rule chooses.

    A bar is always a figure a source gave. Where the confirmed figures differ, `spread` is their
    lowest and highest, drawn as a range mark labelled as derived, never averaged into the bar.
    """

    key: Any
    field: str  # the value field
    records: tuple[dict, ...]
    picked: dict  # the record whose figure the bar shows
    low: bool  # every figure is unconfirmed

    @property
    def value(self) -> int | float:
        return self.picked[self.field]

    @property
    def compared(self) -> list[dict]:
        """The figures the range spans: the confirmed ones (all of them, when none is)."""
        return [r for r in self.records if r.get("confidence") != "low"] or list(self.records)

    @property
    def spread(self) -> tuple[int | float, int | float] | None:
        """(lowest, highest) of the compared figures where they differ; None where they agree."""
        values = [r[self.field] for r in self.compared]
        return (min(values), max(values)) if min(values) != max(values) else None

    def hover(self, dataset: Dataset) -> list[str]:
        """Hover lines after the bar's name: its figure and source; the range and each figure when there are several."""
        field = dataset.field(self.field)
        if len(self.records) == 1:
            return [with_unit(self.value, field), *record_details(dataset, self.records[0])]
        producer = dataset.source(self.picked["source"]).producer
        lines = [
            _("{value}: the bar, {source}'s figure", value=with_unit(self.value, field), source=shorten(producer, 60))
        ]
        if self.spread:
            lines.append(_("{range} (derived)", range=range_line(self.compared, self.field, field)))
        for record in self.records:
            source = dataset.source(record["source"])
            lines.append(
                f"{with_unit(record[self.field], field)}: {source.producer}"
                + (_(" (unconfirmed)") if record.get("confidence") == "low" else "")
            )
        return lines


def aggregate(
    records: list[dict], key: Callable[[dict], Any], value: str, dataset: Dataset, rules: Iterable[str]
) -> list[Bar]:
    """Bars from records grouped by `key`, in order of first appearance; records missing a value are left out.

    A bar shows the confirmed figure the pick rule chooses (an unconfirmed one only when nothing is confirmed).
    """
    rules = list(rules)
    groups: dict[Any, list[dict]] = {}
    for record in records:
        if record.get(value) is not None:
            groups.setdefault(key(record), []).append(record)
    bars = []
    for group_key, members in groups.items():
        confirmed = [r for r in members if r.get("confidence") != "low"]
        bars.append(Bar(group_key, value, tuple(members), pick(confirmed or members, dataset, rules), not confirmed))
    return bars


def range_bars(
    bars: list[Bar], positions: list[str], offsetgroup: str, colour: str, hovers: list[str], horizontal: bool = False
) -> dict | None:
    """The range mark of the bars whose sources disagree: a translucent bar from the lowest to the
    highest figure, drawn over the bar in the same slot (`offsetgroup`), labelled as derived.
    `positions` and `hovers` are the bars' category labels and hover texts. None when no bar has a range.
    """
    shown = [(bar, position, hover) for bar, position, hover in zip(bars, positions, hovers) if bar.spread]
    if not shown:
        return None
    lengths = [bar.spread[1] - bar.spread[0] for bar, _, _ in shown]
    trace = {
        "type": "bar",
        "name": _("Range of the sources' figures"),
        "showlegend": False,
        "offsetgroup": offsetgroup,
        "base": [bar.spread[0] for bar, _, _ in shown],
        "marker": {"color": "rgba(0,0,0,0)", "line": {"color": colour, "width": 2}},
        "opacity": 1,
        "hoverinfo": "text",
        "hovertext": [hover for _, _, hover in shown],
        "meta": derived("range", range_how("bar")),
    }
    if horizontal:
        trace.update({"orientation": "h", "y": [p for _, p, _ in shown], "x": lengths})
    else:
        trace.update({"x": [p for _, p, _ in shown], "y": lengths})
    return trace


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
        hover = [f"{format_date(event.date)}: {event.label}"] + (
            [_("Source: {source}", source=event.source)] if event.source else []
        )
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


# -- periods -------------------------------------------------------------------------------------


def period(written: str) -> tuple[str, str]:
    """The first and the last day a partial date can mean: "1999-06" is 1999-06-01 to 1999-06-30."""
    parts = written.split("-")
    if len(parts) == 3:
        return written, written
    if len(parts) == 1:
        return f"{written}-01-01", f"{written}-12-31"
    year, month = int(parts[0]), int(parts[1])
    return f"{written}-01", f"{written}-{calendar.monthrange(year, month)[1]:02d}"


def overlaps(a: str, b: str) -> bool:
    """Whether two written dates may be the same day, so that which came first is not known."""
    (a_first, a_last), (b_first, b_last) = period(a), period(b)
    return a_first <= b_last and b_first <= a_last
