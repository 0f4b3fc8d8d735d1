"""The compact report for a terminal: every change on a line or two, each with the file:line it is at.

Plain text: the loaders refuse control characters in every file (`formats/characters.py`), so no
value can move the cursor or colour the terminal. Long texts are cut; the Markdown and HTML
reports give them whole.
"""

from __future__ import annotations

from site_builder.reader.sentences import count
from site_builder.review.model import ChartChange, DatasetChange, Review, ValueChange
from site_builder.review.words import key_text, shown

WIDTH = 90  # characters of a value before it is cut
PAD = 10  # the column changes' descriptions start at


def terminal_report(review: Review, images_hint: str = "") -> str:
    lines = [f"{review.base} → {review.head}: {review.summary()}"]
    if review.datasets:
        lines += ["", "Datasets"]
        for dataset in review.datasets:
            lines += _dataset(dataset)
    if review.charts:
        lines += ["", "Charts"]
        for chart in review.charts:
            lines += _chart(chart)
        if images_hint and any(c.figure_changed for c in review.charts):
            lines.append(f"  {images_hint}")
    if review.uncorrected:
        lines += ["", f"Published figures changed without a correction ({len(review.uncorrected)})"]
        for item in review.uncorrected:
            what = f"{item.name} {shown(item.old)} → {shown(item.new)}" if item.name else "record removed"
            lines.append(f"  {item.where}: {item.dataset}, {key_text(item.key)}: {what}")
            lines.append(f"    hint: {item.why}")
    for note in review.notes:
        lines += ["", f"note: {note}"]
    return "\n".join(lines) + "\n"


def _dataset(dataset: DatasetChange) -> list[str]:
    before, after = dataset.counts
    head = f"  {dataset.id} ({dataset.where.path}): {dataset.title}"
    if dataset.change != "changed":
        return [f"{head}: dataset {dataset.change}, {count(max(before, after), 'record')}"]
    lines = [f"{head}: {before} → {after} records"]
    for record in dataset.records:
        lines.append(f"    {record.change:<{PAD}}{key_text(record.key)}  ({record.where})")
        if record.change == "changed":
            lines += [f"      {_value(value, True)}" for value in record.values]
        elif record.values:
            lines.append("      " + shown("; ".join(_value(value, False) for value in record.values), WIDTH + 20))
    for source in dataset.sources:
        lines.append(f"    {'source ' + source.change:<{PAD + 8}}{source.id}  ({source.where})")
        for value in source.values if source.change == "changed" else ():
            lines.append(f"      {_value(value, True)}")
    for value in dataset.metadata:
        lines.append(f"    {'metadata':<{PAD}}{_value(value, True)}  ({value.where})")
    for note in dataset.corrections:
        lines.append(f"    {'correction':<{PAD + 1}}{shown(note.text, 2 * WIDTH)}  ({note.where})")
    for note in dataset.updates:
        lines.append(f"    {'update':<{PAD}}{shown(note.text, WIDTH)}")
    return lines


def _value(value: ValueChange, changed: bool) -> str:
    unpublished = "" if value.published else " (never published)"
    if not changed:
        return f"{value.name}: {shown(value.new, WIDTH)}{unpublished}"
    return f"{value.name}: {shown(value.old, WIDTH)} → {shown(value.new, WIDTH)}{unpublished}"


def _chart(chart: ChartChange) -> list[str]:
    head = f"  {chart.id} ({chart.where.path}): {chart.title}"
    if chart.change == "removed":
        shown_on = ", ".join(chart.pages_before) or "no page"
        return [head, f"    chart removed; was shown on {shown_on}"]
    lines = [head]
    if chart.change == "added":
        lines.append(f"    chart added; shown on {', '.join(chart.pages) or 'no page yet'}")
        return lines
    if chart.change == "renamed":
        lines.append(
            f"    renamed from {chart.old_id} (its page moves from charts/{chart.old_id}/ to charts/{chart.id}/)"
        )
    drawn = "figure changed" if chart.figure_changed else "figure unchanged"
    if chart.table_changed and not chart.figure_changed:
        drawn += "; its table and downloads changed"
    lines.append(f"    {drawn}; shown on {', '.join(chart.pages) or 'no page'}")
    if chart.pages_before != chart.pages and chart.change != "renamed":
        lines.append(f"    (was shown on {', '.join(chart.pages_before) or 'no page'})")
    for value in chart.spec:
        lines.append(f"    {'spec':<{PAD}}{_value(value, True)}  ({value.where})")
    return lines
