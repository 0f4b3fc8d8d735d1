"""Corrections as readers read them: under the charts they concern, on the corrections page, in the
downloads and in the feed, from the one list each dataset keeps (`corrections:`, `model.Correction`).

Each entry is worded here once, so that the chart's line, the page and the feed say the same thing;
its anchor (`correction-<dataset>-<n>`, n its place in the dataset's list) stays put because the
list only grows at its end (the loader refuses corrections out of date order).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase, Correction
from site_builder.languages.messages import _
from site_builder.reader.text import display_value, format_date, with_unit


@dataclass(frozen=True)
class CorrectionNote:
    """One correction, worded for readers."""

    anchor: str  # its id on the corrections page
    dataset: str  # the dataset's id
    dataset_title: str
    date: str  # when it was made, YYYY-MM-DD
    date_text: str  # "1 December 2026"
    record: str  # the record, as readers read it: "1 January 2023, Strength at the date (Die Welt)"
    summary: str  # what changed: "Source of 1 January 2023, ...: was Sputnik, now Die Welt"; "Record added: ..."
    reason: str
    export: tuple[tuple[str, Any], ...]  # the entry for the JSON download, as (key, value) pairs in order

    def as_json(self) -> dict[str, Any]:
        return dict(self.export)


def correction_anchor(dataset_id: str, index: int) -> str:
    return f"correction-{dataset_id.replace('_', '-')}-{index + 1}"


def dataset_corrections(dataset: Dataset) -> list[CorrectionNote]:
    """Every correction of a dataset, oldest first."""
    return [_note(dataset, index, correction) for index, correction in enumerate(dataset.corrections)]


def chart_corrections(spec: ChartSpecBase, dataset: Dataset, records: list[dict]) -> list[CorrectionNote]:
    """The corrections of the records a chart shows, and of records removed that it would show.

    A removed record is known only by its key's values: a chart's `filter` on another field cannot
    rule it out, so it counts for every chart of the dataset whose filter its values pass.
    """
    shown = {id(record) for record in records}
    wanted = {name: set(value) if isinstance(value, list) else {value} for name, value in (spec.filter or {}).items()}
    notes = []
    for index, correction in enumerate(dataset.corrections):
        target = dataset.correction_records[index] if index < len(dataset.correction_records) else None
        if target is not None:
            concerns = id(dataset.records[target]) in shown
        else:
            concerns = all(
                name not in correction.record or correction.record[name] in values for name, values in wanted.items()
            )
        if concerns:
            notes.append(_note(dataset, index, correction))
    return notes


def _note(dataset: Dataset, index: int, correction: Correction) -> CorrectionNote:
    target = dataset.correction_records[index] if index < len(dataset.correction_records) else None
    values = dataset.records[target] if target is not None else correction.record
    shown = [name for name in dataset.key if name != "source" and values.get(name) is not None]
    record = ", ".join(_value(dataset, name, values[name]) for name in shown)
    if "source" in dataset.key and correction.field != "source" and values.get("source") is not None:
        producer = _value(dataset, "source", values["source"])
        record = f"{record} ({producer})" if record else producer
    if correction.change == "added":
        summary = _("Record added: {record}", record=record)
    elif correction.change == "removed":
        summary = _("Record removed: {record}", record=record)
    else:
        name = correction.field
        title = dataset.field(name).title if name in dataset.fields else _column_title(name)
        old_value, new_value = (_value(dataset, name, v, empty=_("empty")) for v in (correction.old, correction.new))
        summary = _(
            "{field} of {record}: was {old}, now {new}", field=title, record=record, old=old_value, new=new_value
        )
    export = (
        ("id", correction_anchor(dataset.id, index)),
        ("date", correction.date),
        ("dataset", dataset.id),
        ("record", {name: values.get(name) for name in dataset.key}),
        ("change", correction.change),
        ("field", correction.field),
        ("old", correction.old),
        ("new", correction.new),
        ("reason", correction.reason),
    )
    return CorrectionNote(
        anchor=correction_anchor(dataset.id, index),
        dataset=dataset.id,
        dataset_title=dataset.meta.title,
        date=correction.date,
        date_text=format_date(correction.date),
        record=record,
        summary=summary,
        reason=correction.reason,
        export=export,
    )


def _value(dataset: Dataset, name: str, value: Any, empty: str = "") -> str:
    """A key's or a correction's value as readers read it: a source by its producer, a category by its label."""
    if value is None:
        return empty
    if name == "source":
        return dataset.source(value).producer if value in dataset.sources else str(value)
    if name == "confidence":
        return confidence_text(value)
    if name in dataset.fields:
        field = dataset.field(name)
        return with_unit(value, field) if field.type in ("integer", "number") else display_value(field, value)
    return str(value)


def confidence_text(value: str) -> str:
    """A record's confidence as readers read it, in their language."""
    return {"high": _("high"), "medium": _("medium"), "low": _("low (unconfirmed)")}.get(value, value)


def _column_title(name: str) -> str:
    """The title of a column every record has (its source, confidence and note), in the reader's language."""
    return {"source": _("Source"), "confidence": _("Confidence"), "note": _("Note")}.get(name, name.capitalize())


@dataclass(frozen=True)
class Change:
    """A correction or a dataset's update, as the corrections page and the feed list it."""

    kind: str  # "correction" or "update"
    anchor: str
    dataset: str
    dataset_title: str
    date: str  # YYYY-MM-DD
    date_text: str
    what: str  # for a correction its summary, for an update what the editor wrote
    reason: str  # why (corrections; "" for an update)
    order: tuple[str, int]  # (dataset id, place in its list): ties among changes of one day


def update_anchor(dataset_id: str, index: int) -> str:
    return f"update-{dataset_id.replace('_', '-')}-{index + 1}"


def site_changes(datasets) -> list[Change]:
    """Every dataset's corrections and updates, newest first; one day's in a fixed order."""
    changes = []
    for dataset in datasets:
        for index, note in enumerate(dataset_corrections(dataset)):
            changes.append(
                Change(
                    "correction",
                    note.anchor,
                    dataset.id,
                    dataset.meta.title,
                    note.date,
                    note.date_text,
                    note.summary,
                    note.reason,
                    (dataset.id, index),
                )
            )
        for index, update in enumerate(dataset.meta.updates):
            changes.append(
                Change(
                    "update",
                    update_anchor(dataset.id, index),
                    dataset.id,
                    dataset.meta.title,
                    update.date,
                    format_date(update.date),
                    update.summary.rstrip("."),
                    "",
                    (dataset.id, 1_000_000 + index),
                )
            )
    return sorted(changes, key=lambda change: (change.date, change.order), reverse=True)
