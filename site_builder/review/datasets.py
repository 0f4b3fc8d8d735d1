"""Two versions of a dataset compared record by record, matched by the dataset's own key.

Why the dataset model and not a table-diff library (daff and the like): the key is part of the
format (`key:`, checked unique by the loader), so matching needs no guessing and no second
configuration; values are compared typed, as the site publishes them (`3800` and `"3800"` cannot
both load, and a date stays the text written), so reformatting a file is no change; and the
loader already knows each record's line, which a library reading a table of strings would lose.
A dataset is a few thousand records at most (`datasets.MAX_RECORDS`): a dict by key is linear.

Texts in several languages are compared in all of them (a translation changed is a change, and
`title: Troops` written `title: {en: Troops}` is none), and need a correction only where the
English, the published source text, changed.

A published value changed without a correction is found here too: a value of BASE's records
that HEAD changes, or a record HEAD removes, is corrected only by an entry HEAD adds under
`corrections:` that names that record and field and gives the published value as `old`.
"""

from __future__ import annotations

from typing import Any

from site_builder.errors import ContentError, display_path
from site_builder.formats.datasets import Dataset, english
from site_builder.formats.fieldtypes import convert
from site_builder.formats.model import CORRECTABLE_RESERVED, Correction
from site_builder.formats.yamlsource import Document, read_yaml
from site_builder.languages import current
from site_builder.languages.translations import Translations
from site_builder.review.gitstate import State
from site_builder.review.model import (
    MISSING,
    CorrectionNote,
    DatasetChange,
    Key,
    RecordChange,
    SourceChange,
    Uncorrected,
    ValueChange,
    Where,
)

RECORD_EXTRAS = ("source", "confidence", "note", "editor_note")  # record keys besides the fields, in this order
UNPUBLISHED = {"editor_note", "editor_notes"}  # readers never see these
META = ("title", "description", "license", "last_checked", "editor_notes")


def compare_dataset(
    dataset_id: str,
    base: Dataset | None,
    head: Dataset | None,
    base_state: State,
    head_state: State,
    published: bool,
) -> tuple[DatasetChange | None, list[Uncorrected]]:
    """What changed in one dataset (None when nothing did), and its published values changed uncorrected.
    `published`: whether BASE's site shows the dataset (a chart plots it, or a page shows its table).
    """
    if head is None:
        where = Where(base_state.short + display_path(base.path, base_state.root))
        records = tuple(
            RecordChange("removed", _key(base, r), Where(where.path, base.record_lines[i]), _values(base, r))
            for i, r in enumerate(base.records)
        )
        change = DatasetChange(
            dataset_id, "removed", english(base.meta.title), where, records, counts=(len(base.records), 0)
        )
        return change, []
    head_path = display_path(head.path, head_state.root)
    document = read_yaml(head.path, head_path)
    if base is None:
        records = tuple(
            RecordChange("added", _key(head, r), Where(head_path, head.record_lines[i]), _values(head, r))
            for i, r in enumerate(head.records)
        )
        change = DatasetChange(
            dataset_id,
            "added",
            english(head.meta.title),
            Where(head_path, 1),
            records,
            corrections=_notes(head, head.corrections, head_path),
            updates=_updates(head, head.meta.updates, head_path),
            counts=(0, len(head.records)),
        )
        return change, []
    key = _shared_key(base, head)
    base_by_key = {_key(base, r, key): i for i, r in enumerate(base.records)}
    head_by_key = {_key(head, r, key): i for i, r in enumerate(head.records)}
    new_corrections = [i for i, c in enumerate(head.corrections) if c not in base.corrections]
    records: list[RecordChange] = []
    uncorrected: list[Uncorrected] = []
    for record_key, j in head_by_key.items():
        record = head.records[j]
        i = base_by_key.get(record_key)
        if i is None:
            records.append(
                RecordChange("added", record_key, Where(head_path, head.record_lines[j]), _values(head, record))
            )
            continue
        before = base.records[i]
        values = tuple(
            ValueChange(
                name,
                _as_written(before.get(name, MISSING)),
                _as_written(record.get(name, MISSING)),
                Where(head_path, document.where(("records", j, name))[0]),
                name not in UNPUBLISHED,
            )
            for name in _names(base, head)
            if _canonical(before.get(name)) != _canonical(record.get(name))
        )
        if not values:
            continue
        records.append(RecordChange("changed", record_key, Where(head_path, head.record_lines[j]), values))
        if published:
            for value in values:
                if english(before.get(value.name)) == english(record.get(value.name)):
                    continue  # a translation changed: the published English text is the same
                if value.name in head.fields or value.name in CORRECTABLE_RESERVED:
                    why = _missing_correction(head, new_corrections, j, value, before.get(value.name))
                    if why:
                        uncorrected.append(
                            Uncorrected(dataset_id, value.where, record_key, value.name, value.old, value.new, why)
                        )
    base_path = base_state.short + display_path(base.path, base_state.root)
    for record_key, i in base_by_key.items():
        if record_key in head_by_key:
            continue
        record = base.records[i]
        where = Where(base_path, base.record_lines[i])
        records.append(RecordChange("removed", record_key, where, _values(base, record)))
        if published and not any(
            head.corrections[c].change == "removed" and _names_record(head.corrections[c], base, record)
            for c in new_corrections
        ):
            uncorrected.append(
                Uncorrected(
                    dataset_id,
                    where,
                    record_key,
                    "",
                    None,
                    None,
                    "a published record is removed with no correction: add one under `corrections:` with "
                    "`change: removed`, the record's key under `record:`, and the reason",
                )
            )
    change = DatasetChange(
        dataset_id,
        "changed",
        english(head.meta.title),
        Where(head_path),
        tuple(records),
        _sources(base, head, document, head_path, base_path),
        _metadata(base, head, document, head_path),
        _notes(head, [head.corrections[i] for i in new_corrections], head_path),
        _updates(head, [u for u in head.meta.updates if u not in base.meta.updates], head_path),
        (len(base.records), len(head.records)),
    )
    empty = not (change.records or change.sources or change.metadata or change.corrections or change.updates)
    return (None if empty else change), uncorrected


def _shared_key(base: Dataset, head: Dataset) -> tuple[str, ...]:
    """HEAD's key, unless it does not tell BASE's records apart (a key changed in HEAD): then BASE's."""
    for key in (head.key, base.key):
        if all(len({_key(d, r, key) for r in d.records}) == len(d.records) for d in (base, head)):
            return key
    return head.key


def _key(dataset: Dataset, record: dict, key: tuple[str, ...] | None = None) -> Key:
    """A record's key, a translated text by its English (what the record is named by in every language)."""
    return tuple((name, english(record.get(name))) for name in (key or dataset.key))


def _as_written(value: Any) -> Any:
    """A value as the file writes it: a text in several languages as its mapping, for the reports."""
    return dict(value) if isinstance(value, Translations) else value


def _canonical(value: Any) -> Any:
    """A value for comparing versions: texts in every language, a plain string as `{en: ...}` would be."""
    if isinstance(value, Translations):
        value = dict(value)
    if isinstance(value, dict):
        value = {name: _canonical(item) for name, item in value.items()}
        source = current.SOURCE
        return value[source] if list(value) == [source] and isinstance(value[source], str) else value
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def _names(base: Dataset, head: Dataset) -> list[str]:
    return [*head.fields, *(name for name in base.fields if name not in head.fields), *RECORD_EXTRAS]


def _values(dataset: Dataset, record: dict) -> tuple[ValueChange, ...]:
    """A record added or removed: its values besides its key (which names it already); `confidence: high`,
    the default, left out.
    """
    return tuple(
        ValueChange(name, _as_written(record.get(name)), _as_written(record.get(name)), None, name not in UNPUBLISHED)
        for name in (*dataset.fields, *RECORD_EXTRAS)
        if name not in dataset.key
        and record.get(name) is not None
        and not (name == "confidence" and record[name] == "high")
    )


def _missing_correction(head: Dataset, new: list[int], index: int, value: ValueChange, published: Any) -> str:
    """Why a changed published value is not corrected ('' when it is)."""
    found = [
        head.corrections[c]
        for c in new
        if head.correction_records[c] == index and head.corrections[c].field == value.name
    ]
    if not found:
        return (
            "a published value changed with no correction: add one under `corrections:` (date, record, "
            f"field: {value.name}, old: {_written(published)}, new, reason), or keep the published value"
        )
    said = found[-1].old
    if value.name in head.fields and said is not None:
        try:
            said = convert(head.fields[value.name], said)
        except ContentError:
            pass
    if said != published:
        return (
            f"the correction gives `old: {_written(found[-1].old)}`, but the published value was "
            f"{_written(published)}: write that in `old:`"
        )
    return ""


def _names_record(correction: Correction, dataset: Dataset, record: dict) -> bool:
    """Whether a correction's `record:` names this record of `dataset` (its values as written, typed)."""
    for name in dataset.key:
        value = correction.record.get(name)
        if value is not None and name in dataset.fields:
            try:
                value = convert(dataset.fields[name], value)
            except ContentError:
                return False
        if value != record.get(name):
            return False
    return True


def _written(value: Any) -> str:
    return "(empty)" if value is None else str(value)


def _sources(base: Dataset, head: Dataset, document: Document, head_path: str, base_path: str):
    before = {s.id: s for s in base.meta.sources}
    changes = []
    for index, source in enumerate(head.meta.sources):
        where = Where(head_path, document.where(("sources", index))[0])
        old = before.get(source.id)
        if old is None:
            values = tuple(ValueChange(k, v, v) for k, v in source.model_dump().items() if v is not None)
            changes.append(SourceChange("added", source.id, where, values))
        elif _canonical(old.model_dump()) != _canonical(source.model_dump()):
            new_values, old_values = source.model_dump(), old.model_dump()
            values = tuple(
                ValueChange(k, old_values[k], new_values[k], Where(head_path, document.where(("sources", index, k))[0]))
                for k in new_values
                if _canonical(old_values[k]) != _canonical(new_values[k])
            )
            changes.append(SourceChange("changed", source.id, where, values))
    kept = {s.id for s in head.meta.sources}
    for source in base.meta.sources:
        if source.id not in kept:
            values = tuple(ValueChange(k, v, v) for k, v in source.model_dump().items() if v is not None)
            changes.append(SourceChange("removed", source.id, Where(base_path), values))
    return tuple(changes)


def _metadata(base: Dataset, head: Dataset, document: Document, head_path: str) -> tuple[ValueChange, ...]:
    changes = []
    for name in META:
        old, new = getattr(base.meta, name), getattr(head.meta, name)
        if _canonical(old) != _canonical(new):
            where = Where(head_path, document.where((name,))[0])
            changes.append(ValueChange(name, _as_written(old), _as_written(new), where, name not in UNPUBLISHED))
    if base.key != head.key:
        changes.append(
            ValueChange("key", ", ".join(base.key), ", ".join(head.key), Where(head_path, document.where(("key",))[0]))
        )
    for name in [*head.fields, *(n for n in base.fields if n not in head.fields)]:
        old = base.fields[name].model_dump(exclude_defaults=True) if name in base.fields else {}
        new = head.fields[name].model_dump(exclude_defaults=True) if name in head.fields else {}
        where = Where(head_path, document.where(("fields", name))[0] if name in head.fields else None)
        if name not in base.fields or name not in head.fields:
            changes.append(
                ValueChange(
                    f"fields.{name}",
                    old.get("title", MISSING) if old else MISSING,
                    new.get("title", MISSING) if new else MISSING,
                    where,
                )
            )
            continue
        for attribute in [*new, *(a for a in old if a not in new)]:
            if _canonical(old.get(attribute, MISSING)) != _canonical(new.get(attribute, MISSING)):
                changes.append(
                    ValueChange(
                        f"fields.{name}.{attribute}", old.get(attribute, MISSING), new.get(attribute, MISSING), where
                    )
                )
    return tuple(changes)


def _notes(head: Dataset, corrections: list[Correction], head_path: str) -> tuple[CorrectionNote, ...]:
    notes = []
    for correction in corrections:
        index = head.corrections.index(correction)
        record = ", ".join(f"{k} {v}" for k, v in correction.record.items())
        if correction.change == "value":
            what = f"{correction.field} {_written(correction.old)} → {_written(correction.new)}"
        else:
            what = f"record {correction.change}"
        text = f"{correction.date}: {record}: {what}. {english(correction.reason)}"
        notes.append(CorrectionNote(Where(head_path, head.correction_lines[index]), text))
    return tuple(notes)


def _updates(head: Dataset, updates: list, head_path: str) -> tuple[CorrectionNote, ...]:
    return tuple(CorrectionNote(Where(head_path), f"{update.date}: {english(update.summary)}") for update in updates)
