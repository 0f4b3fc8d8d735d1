"""Step chart: the running count of records over time, e.g. countries recognising Kosovo.

Each record is one event (a recognition); the line steps up on each date by the number of
records on it (`line.shape: "hv"`: the count holds until the next date, as a count does).
Every record is counted, so the last value drawn is the number of records:

- a date written as a year or a month ("2010", "2010-06") is counted at the end of that period,
  when the record had certainly happened; never on a day inside it, which would invent an order
  no source gave. Its hover says "during 2010 (day not given)";
- records with no date are counted in a last point after the last date ("+21 undated"), on the
  same trace, whose hover names them.

Running counts are derived figures, so their traces say so (`meta.derived`, `meta.how`), and
`explain()` tells readers the two rules above. Only a date with an unconfirmed record gets a
marker (an open one), and its hover says how many are unconfirmed.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal

from pydantic import Field

from site_builder.figures.marks import (
    EVENT_HEADROOM,
    cartesian_axis,
    event_marks,
    hover_lines,
    legend_key_low_confidence,
    legend_label,
    plotly_text,
    series_groups,
    time_layout,
    value_range,
)
from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase, Event, Text
from site_builder.languages.messages import _, ngettext
from site_builder.reader import phrases
from site_builder.reader.order import by_columns
from site_builder.reader.sentences import listing, lower, value_groups
from site_builder.reader.text import display_value, format_date, format_number

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


PERIODS = {1: "year", 2: "month"}  # parts of a partial date -> the period it names


def period_end(written: str) -> str:
    """Where a date is counted: the day itself, or the last day of the year or month it names."""
    parts = written.split("-")
    if len(parts) == 1:
        return f"{written}-12-31"
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        return f"{written}-{calendar.monthrange(year, month)[1]:02d}"
    return written


def _in_count_order(records: list[dict], x: str) -> list[dict]:
    """Dated records by the day they are counted on; on one day, full dates before months before years."""
    dated = [r for r in records if r.get(x) is not None]
    return sorted(dated, key=lambda r: (period_end(r[x]), -r[x].count("-")))


def count_how() -> str:
    """How the running count is made (its `derived` label)."""
    return _(
        "Running count of records: each adds one on its date; one dated only by year or month is counted at the "
        "end of that period."
    )


def undated_how() -> str:
    """How the undated records are counted (added to `count_how` where there are some)."""
    return _("Records with no date are counted in the last mark, after the last date, so it counts every record.")


def build(spec: StepSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    dated = _in_count_order(records, spec.x)
    named = spec.series is not None
    ends = [period_end(r[spec.x]) for r in dated]
    undated_at = _undated_position(ends, dataset) if len(dated) < len(records) else None
    data, totals = [], []
    for index, (name, colour, members) in enumerate(series_groups(dataset, spec.series, records, theme)):
        group = f"series-{index}"
        in_order = _in_count_order(members, spec.x)
        trace = _running_count(spec, dataset, name, colour, in_order, theme, named, group)
        if _contested(spec, dataset, members):  # a claim one side disputes: never drawn like a settled count
            trace["line"]["dash"] = "dot"
        undated = [r for r in members if r.get(spec.x) is None]
        if undated:
            _add_undated(trace, spec, dataset, name, undated, undated_at, theme)
        data.append(trace)
        totals += trace["y"]
    has_low = any(r.get("confidence") == "low" for r in records)
    if has_low:
        data.append(legend_key_low_confidence(theme))
    shapes, annotations = event_marks(spec.events or [], ends + ([undated_at] if undated_at else []), theme)
    if undated_at and ends:
        shapes.append(_no_date_band(ends[-1], undated_at, theme))
        annotations.append(_no_date_label(ends[-1], undated_at, theme))
    y_axis = cartesian_axis(
        spec.y_title or _("Running count"), showgrid=True, separatethousands=True, rangemode="tozero"
    )
    if annotations and totals:
        y_axis["range"] = value_range(totals, True, EVENT_HEADROOM)
    return {"data": data, "layout": time_layout(theme, y_axis, named or has_low, shapes, annotations)}


def _contested(spec: StepSpec, dataset: Dataset, members: list[dict]) -> bool:
    """Whether a series is a category marked `contested: true` (a withdrawal Serbia claims, say)."""
    if not spec.series or not members or dataset.field(spec.series).type != "category":
        return False
    value = members[0].get(spec.series)
    return any(c.value == value and c.contested for c in dataset.field(spec.series).categories)


def _no_date_band(last: str, at: str, theme: Theme) -> dict:
    """A pale band from the last date on: what stands in it has no date, so it reads as no time at all."""
    end = date.fromisoformat(at) + (date.fromisoformat(at) - date.fromisoformat(last))
    return {
        "type": "rect",
        "xref": "x",
        "yref": "paper",
        "x0": last,
        "x1": end.isoformat(),
        "y0": 0,
        "y1": 1,
        "layer": "below",
        "line": {"width": 0},
        "fillcolor": theme.neutral,
        "opacity": 0.12,
    }


def _no_date_label(last: str, at: str, theme: Theme) -> dict:
    return {
        "x": at,
        "xref": "x",
        "y": 1,
        "yref": "paper",
        "yanchor": "top",
        "xanchor": "center",
        "showarrow": False,
        "text": _("no date"),
        "font": {"size": theme.annotation_size, "color": theme.neutral},
    }


def _undated_position(ends: list[str], dataset: Dataset) -> str:
    """Just after the last date (a thirtieth of the span, at least a month): the undated mark reads
    as the end of the count, not as an event on a date. With no date at all, the day the dataset was
    last checked: the axis needs a place, and the mark says "no date", so no date is claimed.
    """
    if not ends:
        return dataset.meta.last_checked
    first, last = date.fromisoformat(ends[0]), date.fromisoformat(ends[-1])
    return (last + timedelta(days=max(31, (last - first).days // 30))).isoformat()


def _names(spec: StepSpec, dataset: Dataset, records: list[dict]) -> list[str]:
    if not spec.label:
        return []
    names = [display_value(dataset.field(spec.label), r.get(spec.label)) for r in records if r.get(spec.label)]
    shown = ", ".join(names[:NAMES_IN_HOVER])
    more = len(names) - NAMES_IN_HOVER
    return [shown + (ngettext(" and {count} more", " and {count} more", more) if more > 0 else "")]


def _running_count(
    spec: StepSpec,
    dataset: Dataset,
    name: str,
    colour: str,
    members: list[dict],
    theme: Theme,
    named: bool,
    group: str,
) -> dict:
    by_date: dict[str, list[dict]] = {}
    for record in members:
        by_date.setdefault(record[spec.x], []).append(record)
    x, y, hover, low = [], [], [], []
    total = 0
    for written, day in by_date.items():
        total += len(day)
        unconfirmed = sum(r.get("confidence") == "low" for r in day)
        lines = [format_date(written)]
        parts = written.count("-") + 1
        if parts in PERIODS:
            values = {"records": phrases.records(len(day)), "date": format_date(written)}
            if parts == 1:
                lines.append(
                    _("{records} dated during {date} (day not given), counted at the end of the year", **values)
                )
            else:
                lines.append(
                    _("{records} dated during {date} (day not given), counted at the end of the month", **values)
                )
        lines.append(
            (f"{name}: " if name else "")
            + _("running count {total} (+{added})", total=format_number(total), added=len(day))
        )
        lines += _names(spec, dataset, day)
        if unconfirmed:
            lines.append(_("{number} unconfirmed (low confidence)", number=unconfirmed))
        x.append(period_end(written))
        y.append(total)
        hover.append(hover_lines(lines))
        low.append(bool(unconfirmed))
    normal = theme.marker  # drawn at size 0: the corners show the steps, and the point still takes the hover
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": legend_label(name),
        "legendgroup": group,
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
        "meta": {"derived": "running_count", "how": count_how()},
    }


def _add_undated(
    trace: dict, spec: StepSpec, dataset: Dataset, name: str, undated: list[dict], at: str, theme: Theme
) -> None:
    """The count's last point: up from the dated count to every record, labelled "+21 undated".

    On the same trace, so that each series' count ends at its number of records (the step holds
    to the mark, then rises).
    """
    dated = trace["y"][-1] if trace["y"] else 0
    total = dated + len(undated)
    unconfirmed = sum(r.get("confidence") == "low" for r in undated)
    lines = [
        _("No date given"),
        (f"{name}: " if name else "")
        + _(
            "+{added} undated, counted after the last date: running count {total}, every record",
            added=format_number(len(undated)),
            total=format_number(total),
        ),
        _("The sources give no date for it") if len(undated) == 1 else _("The sources give no date for them"),
        *_names(spec, dataset, undated),
    ]
    if unconfirmed:
        lines.append(_("{number} unconfirmed (low confidence)", number=unconfirmed))
    top = theme.low_confidence_marker if unconfirmed else theme.marker
    points = len(trace["x"])
    trace["x"].append(at)
    trace["y"].append(total)
    trace["hovertext"].append(hover_lines(lines))
    trace["marker"]["symbol"].append(top["symbol"])
    trace["marker"]["size"].append(top["size"])
    trace["mode"] = "lines+markers+text"
    trace["text"] = [""] * points + [plotly_text(_("+{added} undated", added=format_number(len(undated))))]
    trace["textposition"] = "middle left"
    trace["textfont"] = {"color": trace["line"]["color"], "size": theme.annotation_size}
    trace["meta"] = {"derived": "running_count", "how": f"{count_how()} {undated_how()}"}


def columns(spec: StepSpec, dataset: Dataset) -> list[str]:
    return [spec.x] + [name for name in (spec.series, spec.label) if name and name != spec.x]


def rows(spec: StepSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    return by_columns(dataset, columns(spec, dataset), records)


def describe(spec: StepSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """The final count (every record), its span, the undated and partly dated records, the largest
    rise on one day, and each series' count out of the whole.
    """
    dated = _in_count_order(records, spec.x)
    undated = len(records) - len(dated)
    total = format_number(len(records))
    sentences = [_("Step chart of the running count of {title}.", title=lower(spec.y_title or dataset.meta.title))]
    if dated:
        first, last = dated[0][spec.x], dated[-1][spec.x]
        span = ngettext(
            "{number} record dated from {start} to {end}",
            "{number} records dated from {start} to {end}",
            len(dated),
            number=format_number(len(dated)),
            start=format_date(first),
            end=format_date(last),
        )
        if undated:
            sentences.append(
                _(
                    "The count reaches {total}: {span}, and {undated} without a date, counted at the end.",
                    total=total,
                    span=span,
                    undated=format_number(undated),
                )
            )
        else:
            sentences.append(_("The count reaches {total}: {span}.", total=total, span=span))
        partial = sum(r[spec.x].count("-") < 2 for r in dated)
        if partial:
            sentences.append(
                ngettext(
                    "{number} record dated only by year or month is counted at the end of that year or month.",
                    "{number} records dated only by year or month are counted at the end of that year or month.",
                    partial,
                    number=format_number(partial),
                )
            )
        per_day: dict[str, int] = {}
        for record in dated:
            if record[spec.x].count("-") == 2:
                per_day[record[spec.x]] = per_day.get(record[spec.x], 0) + 1
        if per_day:
            day, most = max(per_day.items(), key=lambda item: item[1])  # the first of equals
            if most > 1:
                sentences.append(
                    _(
                        "The largest rise on one day was {number}, {date}.",
                        number=format_number(most),
                        date=phrases.at(day),
                    )
                )
    else:
        sentences.append(_("The count is {total}, all without a date.", total=total))
    if spec.series:
        parts = []
        for label, members in value_groups(dataset, spec.series, records):
            missing = sum(r.get(spec.x) is None for r in members)
            parts.append(
                f"{label} {format_number(len(members))}" + (_(" ({number} undated)", number=missing) if missing else "")
            )
        sentences.append(
            _(
                "By {series}, of the {total}: {parts}.",
                series=lower(dataset.field(spec.series).title),
                total=total,
                parts=listing(parts, more=False),
            )
        )
    return sentences


def explain(spec: StepSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """How the count is drawn, for readers: one step a record, and where partial and missing dates go."""
    dated = _in_count_order(records, spec.x)
    undated = len(records) - len(dated)
    sentences = [
        _("The line is a running count: each record adds one on its date, and the count holds until the next.")
    ]
    if spec.series:
        sentences.append(_("Each {series} is counted separately.", series=lower(dataset.field(spec.series).title)))
    if any(_contested(spec, dataset, [r]) for r in records):
        sentences.append(_("Counts of contested claims are drawn dotted."))
    if any(r[spec.x].count("-") < 2 for r in dated):
        sentences.append(
            _(
                "A record dated only by its year or month is counted at the end of that year or month, when it had "
                "certainly happened; its hover says the day was not given."
            )
        )
    if undated:
        values = {"number": format_number(undated), "total": format_number(len(records))}
        if spec.series:
            words = ngettext(
                "{number} record with no date is counted in the last mark of their series, in the band after the "
                "last date marked “no date”, so the counts add up to {total}, every record.",
                "{number} records with no date are counted in the last mark of their series, in the band after the "
                "last date marked “no date”, so the counts add up to {total}, every record.",
                undated,
                **values,
            )
        else:
            words = ngettext(
                "{number} record with no date is counted in the last mark, in the band after the last date marked "
                "“no date”, so the final count, {total}, every record.",
                "{number} records with no date are counted in the last mark, in the band after the last date marked "
                "“no date”, so the final count, {total}, every record.",
                undated,
                **values,
            )
        sentences.append(words)
    return sentences
