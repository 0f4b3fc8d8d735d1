"""A text alternative for a chart, written from its data when the editor gives none.

Screen-reader users get what a sighted reader takes from the chart at a glance: what is
plotted, over which range, the extremes and the latest value with their dates, the overall
trend; for a map, how many countries fall in each category. Plain sentences, numbers with
thousands separators. The figures summarised are the ones drawn (for a line, the median of the
confirmed figures at each date), so the text and the chart agree.
"""

from __future__ import annotations

from site_builder.figures.figure import (
    aggregate,
    display_value,
    field_title,
    format_date,
    format_number,
    median,
    ordered_values,
    plot_date,
    with_unit,
)
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase

LISTED = 5  # items named before "and N more"
NO_DATA = "The chart has no data to show."


def describe_chart(spec: ChartSpecBase, records: list[dict], dataset: Dataset) -> str:
    describe = _DESCRIBERS[spec.kind]
    sentences = describe(spec, records, dataset) if records else [NO_DATA]
    low = sum(1 for record in records if record.get("confidence") == "low")
    if low:
        sentences.append(f"{_count(low, 'figure is', 'figures are')} unconfirmed.")
    return " ".join(sentences)


# -- per kind ------------------------------------------------------------------------------------


def _line(spec, records: list[dict], dataset: Dataset) -> list[str]:
    y_field = dataset.field(spec.y)
    records = [r for r in records if r.get(spec.x) is not None and r.get(spec.y) is not None]
    if not records:
        return [NO_DATA]
    dates = sorted((r[spec.x] for r in records), key=plot_date)
    span = f"from {format_date(dates[0])} to {format_date(dates[-1])}" if dates[0] != dates[-1] else _when(dates[0])
    sentences = [f"Line chart of {field_title(y_field, spec.y_title)} {span}."]
    groups = _groups(dataset, spec.series, records)
    if spec.series:
        sentences.append(
            f"One line for each {_lower(dataset.field(spec.series).title)}: {_listing([g for g, _ in groups])}."
        )
    for label, members in groups[:LISTED]:
        points = _figures_by_date(members, spec.x, spec.y)
        prefix = f"{label}: " if spec.series else ""
        sentences.append(prefix + _trend(points, y_field))
    disputed = _disputed_dates(records, spec.x, spec.y, spec.series)
    if disputed:
        sentences.append(
            f"On {_count(disputed, 'date')} sources give different figures; the line follows their median."
        )
    sources = {r["source"] for r in records}
    sentences.append(f"{_count(len(records), 'figure')} from {_count(len(sources), 'source')}.")
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
        return f"{figures(values)} {_when(date)}."
    high_date, high_values = max(points, key=lambda p: max(p[1]))
    low_date, low_values = min(points, key=lambda p: min(p[1]))
    (first_date, first), (last_date, last) = points[0], points[-1]
    start, end = median(first), median(last)
    change = "rose" if end > start * 1.05 else "fell" if end < start * 0.95 else "changed little"
    if start == 0 and end > 0:
        change = "rose"
    return (
        f"Highest {with_unit(max(high_values), field)} {_when(high_date)}, lowest {with_unit(min(low_values), field)} "
        f"{_when(low_date)}; latest {figures(last)} {_when(last_date)}. Overall it {change}, "
        f"from {figures(first)} {_when(first_date)}."
    )


def _ranked_bar(spec, records: list[dict], dataset: Dataset) -> list[str]:
    category, value = dataset.field(spec.category), dataset.field(spec.value)
    bars = [b for b in aggregate(records, lambda r: r.get(spec.category), spec.value) if b.key is not None]
    bars.sort(key=lambda bar: -bar.value)
    total = len(bars)
    bars = bars[: spec.limit or None]
    items = [f"{display_value(category, b.key)} {with_unit(b.value, value)}" for b in bars]
    scope = f"the top {len(bars)} of {total}" if len(bars) < total else _count(len(bars), _lower(category.title))
    sentences = [f"Bar chart ranking {scope} by {field_title(value, spec.value_title)}, largest first."]
    if len(items) <= LISTED + 1:
        sentences.append(_listing(items, more=False) + ".")
    else:
        sentences.append(f"Largest: {'; '.join(items[:LISTED])}. Smallest: {items[-1]}.")
    return sentences


def _grouped_bar(spec, records: list[dict], dataset: Dataset) -> list[str]:
    x, y, series = dataset.field(spec.x), dataset.field(spec.y), dataset.field(spec.series)
    records = [r for r in records if r.get(spec.x) is not None and r.get(spec.series) is not None]
    bars = aggregate(records, lambda r: (r[spec.series], r[spec.x]), spec.y)
    if not bars:
        return [NO_DATA]
    groups = [display_value(x, v) for v in ordered_values(dataset, spec.x, records)]
    names = [display_value(series, v) for v in ordered_values(dataset, spec.series, records)]
    kind = "Stacked" if spec.mode == "stack" else "Grouped"
    high, low = max(bars, key=lambda b: b.value), min(bars, key=lambda b: b.value)

    def bar(b) -> str:
        return f"{with_unit(b.value, y)} ({display_value(series, b.key[0])}, {display_value(x, b.key[1])})"

    return [
        f"{kind} bar chart of {field_title(y)} for {_count(len(groups), _lower(x.title))} "
        f"({_listing(groups)}), one bar for each {_lower(series.title)}: {_listing(names)}.",
        f"Highest: {bar(high)}; lowest: {bar(low)}.",
    ]


def _choropleth(spec, records: list[dict], dataset: Dataset) -> list[str]:
    color = dataset.field(spec.color)
    seen: dict[str, str] = {}
    for record in records:
        code, value = record.get(spec.location), record.get(spec.color)
        if code is not None and value is not None:
            seen.setdefault(code, value)
    counts = [(c.label, sum(1 for v in seen.values() if v == c.value)) for c in color.categories]
    parts = [f"{label}: {_count(n, 'country')}" for label, n in counts if n]
    return [f"World map of {_lower(color.title)} for {_count(len(seen), 'country')}.", "; ".join(parts) + "."]


def _step(spec, records: list[dict], dataset: Dataset) -> list[str]:
    dated = sorted((r for r in records if r.get(spec.x) is not None), key=lambda r: plot_date(r[spec.x]))
    undated = len(records) - len(dated)
    sentences = [f"Step chart of the running count of {_lower(spec.y_title or dataset.meta.title)}."]
    if dated:
        first, last = dated[0][spec.x], dated[-1][spec.x]
        sentences.append(f"{_count(len(dated), 'record')} from {format_date(first)} to {format_date(last)}.")
        per_date: dict[str, int] = {}
        for record in dated:
            per_date[record[spec.x]] = per_date.get(record[spec.x], 0) + 1
        date, most = max(per_date.items(), key=lambda item: item[1])  # the first of equals
        if most > 1:
            sentences.append(f"The largest rise on one date was {format_number(most)}, {_when(date)}.")
        if spec.series:
            totals = [
                f"{label} {format_number(len(members))}" for label, members in _groups(dataset, spec.series, dated)
            ]
            sentences.append(f"By {_lower(dataset.field(spec.series).title)}: {_listing(totals)}.")
    if undated:
        sentences.append(f"{_count(undated, 'record')} without a date {'is' if undated == 1 else 'are'} not shown.")
    return sentences


_DESCRIBERS = {
    "line": _line,
    "ranked_bar": _ranked_bar,
    "grouped_bar": _grouped_bar,
    "choropleth": _choropleth,
    "step": _step,
}


# -- wording -------------------------------------------------------------------------------------


def _groups(dataset: Dataset, name: str | None, records: list[dict]) -> list[tuple[str, list[dict]]]:
    if name is None:
        return [("", records)]
    field = dataset.field(name)
    return [
        (display_value(field, value), [r for r in records if r.get(name) == value])
        for value in ordered_values(dataset, name, records)
    ]


def _figures_by_date(records: list[dict], x: str, y: str) -> list[tuple[str, list]]:
    """(date, figures) in time order, from confirmed figures only: an unconfirmed figure is never
    described as the highest or the latest (unless nothing at all is confirmed)."""
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


def _lower(title: str) -> str:
    """A title inside a sentence: "Status" -> "status", but "KFOR troops" and "US" stay."""
    return title[0].lower() + title[1:] if title[1:2].islower() else title


def _when(written: str) -> str:
    return ("on " if written.count("-") == 2 else "in ") + format_date(written)


def _count(n: int, singular: str, plural: str | None = None) -> str:
    """ "1 figure", "3 figures", "2 countries"; "1 figure is", "3 figures are"."""
    if plural is None:
        verb = " is" if singular.endswith(" is") else ""
        noun = singular[: len(singular) - len(verb)]
        plural = _plural(noun) + (" are" if verb else "")
    return f"{format_number(n)} {singular if n == 1 else plural}"


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _listing(items: list[str], more: bool = True) -> str:
    """ "A, B and C"; beyond LISTED items, "A, B, C, D, E and 3 more"."""
    if more and len(items) > LISTED:
        return ", ".join(items[:LISTED]) + f" and {len(items) - LISTED} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
