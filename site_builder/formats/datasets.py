"""Load a dataset file strictly: metadata through the models, records through their field types.

A file is checked as a whole and every problem is reported at once; a dataset that loads is one
the rest of the generator can trust (each record's values have their declared types and its
source exists).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from site_builder.errors import MAX_PROBLEMS, ContentError, Problem, describe, did_you_mean, display_path
from site_builder.formats.fieldtypes import convert, translations
from site_builder.formats.model import (
    LANGUAGES,
    RESERVED_RECORD_KEYS,
    Correction,
    DatasetMeta,
    FieldSpec,
    Source,
    default_key,
    key_and_correction_problems,
)
from site_builder.formats.validation import validate
from site_builder.formats.yamlsource import Document, read_yaml
from site_builder.languages import current
from site_builder.languages.translations import Translations

MAX_RECORDS = 50_000
MAX_VALUES = 1_000_000  # records times fields: each record holds a value (or None) for every field
CONFIDENCE_LEVELS = ("high", "medium", "low")


@dataclass(frozen=True)
class Dataset:
    id: str
    path: Path
    meta: DatasetMeta
    records: list[dict[str, Any]]
    record_lines: list[int] = field(default_factory=list, compare=False, repr=False)
    # For each of `meta.corrections`, the index in `records` of the record it names (None: a record removed).
    correction_records: list[int | None] = field(default_factory=list, compare=False, repr=False)
    correction_lines: list[int] = field(default_factory=list, compare=False, repr=False)

    @property
    def fields(self) -> dict[str, FieldSpec]:
        return self.meta.fields

    @property
    def key(self) -> tuple[str, ...]:
        """The fields that tell records apart: the file's `key:`, or `model.default_key`."""
        return tuple(self.meta.key) if self.meta.key is not None else default_key(self.meta.fields)

    def key_of(self, record: dict[str, Any]) -> tuple:
        """A record's identity: its values of the key's fields, in the key's order (None where empty; a
        text in several languages by its English). Unique within the dataset (the loader refuses two
        records with the same), and stable across versions of the file as long as those values are
        (what a comparison of versions matches on: a translation changed keeps its record).
        """
        return key_values(record, self.key)

    @property
    def corrections(self) -> list[Correction]:
        return self.meta.corrections

    def corrections_of(self, indexes: set[int]) -> list[int]:
        """The corrections (their positions in `corrections`) of the records at `indexes`."""
        return [i for i, target in enumerate(self.correction_records) if target in indexes]

    def field(self, name: str) -> FieldSpec:
        return self.meta.fields[name]

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]

    @cached_property
    def sources(self) -> dict[str, Source]:
        """By id; computed once (charts look a source up for every record)."""
        return {s.id: s for s in self.meta.sources}


def key_values(record: dict[str, Any], key: tuple[str, ...]) -> tuple:
    """The values of `key`'s fields in a record, a text in several languages by its English text: what a
    key and a correction's `record:` name a record by, in whatever languages it is translated.
    """
    return tuple(english(record.get(name)) for name in key)


def english(value: Any) -> Any:
    """A value as the source language has it: a text in several languages is its English text."""
    return value.source if isinstance(value, Translations) else value


def load_dataset(path: Path | str, root: Path | None = None, languages: tuple[str, ...] = (current.SOURCE,)) -> Dataset:
    """Read `data/<id>.yml`; raise `ContentError` with every problem in it. Its texts may be written in
    `languages`, the site's (`Project.load` passes them).
    """
    path = Path(path)
    return dataset_from_document(read_yaml(path, display_path(path, root)), path, languages)


def dataset_from_document(document: Document, path: Path, languages: tuple[str, ...] = (current.SOURCE,)) -> Dataset:
    """The dataset a parsed file holds; raise `ContentError` with every problem in it.

    Apart from reading, so that the editors' reference can show what loading says about a mistake.
    """
    if not isinstance(document.value, dict):
        raise ContentError(
            [
                document.problem(
                    (),
                    f"expected a dataset (title:, sources:, fields:, records: ...), got {describe(document.value)}",
                    "see the file formats page in the editors' guide",
                )
            ]
        )
    meta, problems = validate(DatasetMeta, document, languages=languages)
    fields = meta.fields if meta else _usable_fields(document, languages)
    source_ids = [s.id for s in meta.sources] if meta else _usable_source_ids(document)
    raw_records = document.value.get("records")
    required = [name for name, spec in (fields or {}).items() if spec.required]
    known_sources = None if source_ids is None else dict.fromkeys(source_ids)  # ordered, and fast to look up
    records: list[dict[str, Any]] = []
    if isinstance(raw_records, list):
        if len(raw_records) > MAX_RECORDS:
            problems.append(
                document.problem(
                    ("records",),
                    f"{len(raw_records):,} records; the limit is {MAX_RECORDS:,}",
                    "split the data into smaller datasets",
                )
            )
        elif fields and len(raw_records) * len(fields) > MAX_VALUES:
            problems.append(
                document.problem(
                    ("records",),
                    f"{len(raw_records):,} records of {len(fields):,} fields make "
                    f"{len(raw_records) * len(fields):,} values; the limit is {MAX_VALUES:,}",
                    "split the data into smaller datasets",
                )
            )
        else:
            for index, raw in enumerate(raw_records):
                if len(problems) >= MAX_PROBLEMS:
                    problems.append(
                        document.problem(
                            ("records", index),
                            f"records from here on were not checked: {len(problems)} problems found already",
                            "fix these first",
                        )
                    )
                    break
                if isinstance(raw, dict):
                    records.append(_record(document, index, raw, fields, required, known_sources, problems, languages))
    targets: list[int | None] = []
    if meta is not None and not problems:
        problems += [
            document.problem(where, message, hint) for where, message, hint in key_and_correction_problems(meta)
        ]
        if not problems:
            targets = _check_keys_and_corrections(document, meta, records, problems)
    if problems:
        raise ContentError(problems)
    lines = [document.where(("records", i))[0] or 0 for i in range(len(records))]
    correction_lines = [document.where(("corrections", i))[0] or 0 for i in range(len(meta.corrections))]
    return Dataset(path.stem, path, meta, records, lines, targets, correction_lines)


def _check_keys_and_corrections(
    document: Document,
    meta: DatasetMeta,
    records: list[dict[str, Any]],
    problems: list[Problem],
) -> list[int | None]:
    """Refuse two records with one key, and corrections that do not fit the records; return the
    record each correction names (None for one removed).
    """
    key = tuple(meta.key) if meta.key is not None else default_key(meta.fields)
    by_key: dict[tuple, int] = {}
    for index, record in enumerate(records):
        values = key_values(record, key)
        first = by_key.setdefault(values, index)
        if first != index and len(problems) < MAX_PROBLEMS:
            problems.append(
                document.problem(
                    ("records", index),
                    f"this record has the same key as the record at line {document.where(('records', first))[0]}: "
                    + _key_text(key, values),
                    "records are told apart by "
                    + (f"`key: [{', '.join(key)}]`" if meta.key is not None else f"their key ({', '.join(key)})")
                    + ": remove the duplicate, or "
                    + ("add" if meta.key is not None else "declare `key:` with")
                    + " a field that tells the two apart",
                )
            )
    if problems:
        return []
    targets: list[int | None] = []
    for index, correction in enumerate(meta.corrections):
        targets.append(_check_correction(document, meta, key, by_key, records, index, correction, problems))
    return targets


def _check_correction(
    document: Document,
    meta: DatasetMeta,
    key: tuple[str, ...],
    by_key: dict[tuple, int],
    records: list[dict[str, Any]],
    index: int,
    correction: Correction,
    problems: list[Problem],
) -> int | None:
    here = ("corrections", index)
    values = []
    for name in key:
        value = correction.record.get(name)
        if value is not None and name in meta.fields:
            try:
                value = convert(meta.fields[name], value)
            except ContentError as error:
                problems += [document.problem((*here, "record", name), p.message, p.hint) for p in error.problems]
                return None
        values.append(value)
    values = tuple(values)
    target = by_key.get(values)

    def line(record_index: int) -> int | None:
        return document.where(("records", record_index))[0]

    if correction.change == "removed":
        if target is not None:
            problems.append(
                document.problem(
                    (*here, "record"),
                    f"the record removed is still in the file, at line {line(target)}",
                    "delete the record from `records:`, or correct it with `change: value` instead",
                )
            )
        return None
    if target is None:
        problems.append(
            document.problem(
                (*here, "record"),
                "no record has " + _key_text(key, values),
                _nearest_record(key, values, by_key, line)
                + " (`record:` names the record by its values now, after the correction)",
            )
        )
        return None
    if correction.change == "added":
        return target
    name = correction.field
    now = english(records[target][name])  # a translated text's correction gives its English
    if name in meta.fields:
        spec = meta.fields[name]
        for side in ("old", "new"):
            value = getattr(correction, side)
            if value is None:
                continue
            try:
                convert(spec, value)
            except ContentError as error:
                problems += [document.problem((*here, side), p.message, p.hint) for p in error.problems]
                return target
    elif name == "source":
        for side in ("old", "new"):
            value = getattr(correction, side)
            if value not in [s.id for s in meta.sources]:
                problems.append(
                    document.problem(
                        (*here, side),
                        f"source {describe(value)} is not one of the dataset's sources",
                        did_you_mean(str(value), [s.id for s in meta.sources])
                        + " (keep a source a figure was credited to under `sources:`, so readers can see it)",
                    )
                )
                return target
    elif name == "confidence":
        for side in ("old", "new"):
            value = getattr(correction, side)
            if value not in CONFIDENCE_LEVELS:
                problems.append(
                    document.problem(
                        (*here, side),
                        f"expected high, medium or low, got {describe(value)}",
                        did_you_mean(str(value), CONFIDENCE_LEVELS),
                    )
                )
                return target
    new = (
        convert(meta.fields[name], correction.new)
        if name in meta.fields and correction.new is not None
        else correction.new
    )
    if new != now:
        problems.append(
            document.problem(
                (*here, "new"),
                f"`new` is {describe(correction.new)}, but the record at line {line(target)} says {describe(now)}",
                f"the record now says {_written(now)}: write that in `new:` if it is the corrected value, "
                "or correct the record itself (a correction records a change made to the record)",
            )
        )
    return target


def _key_text(key: tuple[str, ...], values: tuple) -> str:
    return ", ".join(f"{name} {describe(value)}" for name, value in zip(key, values))


def _written(value: Any) -> str:
    return "nothing (an empty value)" if value is None else f'"{value}"' if isinstance(value, str) else str(value)


def _nearest_record(key: tuple[str, ...], values: tuple, by_key: dict[tuple, int], line) -> str:
    """'did you mean' for a key: the record sharing most of its values, then the closest in writing."""
    if not by_key:
        return ""

    def score(candidate: tuple) -> tuple[int, float]:
        same = sum(1 for a, b in zip(candidate, values) if a == b)
        return same, difflib.SequenceMatcher(None, repr(candidate), repr(values)).ratio()

    best = max(by_key, key=score)
    return f"did you mean the record at line {line(by_key[best])}: {_key_text(key, best)}?"


def _record(
    document: Document,
    index: int,
    raw: dict,
    fields: dict[str, FieldSpec] | None,
    required: list[str],
    source_ids: dict[str, None] | None,
    problems: list[Problem],
    languages: tuple[str, ...],
) -> dict[str, Any]:
    here = ("records", index)
    record: dict[str, Any] = {}
    if fields is not None:
        record = dict.fromkeys(fields)
        for key in raw:
            if key not in fields and key not in RESERVED_RECORD_KEYS:
                problems.append(
                    document.problem(
                        here + (key,),
                        f"unknown field '{key}'",
                        did_you_mean(key, [*fields, *RESERVED_RECORD_KEYS]) + " (declare new fields under `fields:`)",
                        at_key=True,
                    )
                )
        # The required fields, then the values the record has: the cost follows the file's size, not
        # records times declared fields.
        for name in required:
            if raw.get(name) is None:
                where = here + (name,) if name in raw else here
                problems.append(
                    document.problem(
                        where,
                        f"missing value for required field '{name}'",
                        f"add `{name}:` to the record, or mark the field `required: false`",
                    )
                )
        for name, value in raw.items():
            spec = fields.get(name)
            if spec is None or value is None:
                continue
            try:
                record[name] = convert(spec, value, languages)
            except ContentError as error:  # unplaced: the value's place is known here
                problems += [_placed(document, here + (name,), p) for p in error.problems]
    source = raw.get("source")
    if source is None:
        problems.append(
            document.problem(
                here, "missing `source`", "name the source of this figure, one of: " + ", ".join(source_ids or [])
            )
        )
    elif not isinstance(source, str) or (source_ids is not None and source not in source_ids):
        problems.append(
            document.problem(
                here + ("source",),
                f"source {describe(source)} is not one of the dataset's sources",
                did_you_mean(str(source), source_ids or []) + " (add it under `sources:` if it is new)",
            )
        )
    record["source"] = source
    confidence = raw.get("confidence", "high")
    if confidence not in CONFIDENCE_LEVELS:
        problems.append(
            document.problem(
                here + ("confidence",),
                f"expected high, medium or low, got {describe(confidence)}",
                did_you_mean(str(confidence), CONFIDENCE_LEVELS),
            )
        )
    record["confidence"] = confidence
    for key in ("note", "editor_note"):
        text = raw.get(key)
        if key == "note" and isinstance(text, dict):  # readers see it: in several languages, as any text they see
            try:
                text = translations(text, languages)
            except ContentError as error:
                problems += [_placed(document, here + (key,), p) for p in error.problems]
        elif text is not None and (not isinstance(text, str) or not text.strip()):
            problems.append(
                document.problem(here + (key,), f"expected text, got {describe(text)}", "put the note in quotes")
            )
        record[key] = text
    if confidence == "low" and record["note"] is None:
        problems.append(
            document.problem(
                here + ("confidence",),
                "a low-confidence record needs a note for readers: why the figure is unconfirmed",
                "add `note:` saying what makes it doubtful (readers see it in the hover and the table); "
                "keep instructions for editors in `editor_note:`, which is never published",
            )
        )
    return record


def _placed(document: Document, where: tuple, problem: Problem) -> Problem:
    """An unplaced problem of the value at `where` placed in the file (at the key of the language it names, if any)."""
    if problem.field:
        return document.problem((*where, problem.field), problem.message, problem.hint, at_key=True)
    return document.problem(where, problem.message, problem.hint)


def _usable_fields(document: Document, languages: tuple[str, ...]) -> dict[str, FieldSpec] | None:
    """The fields that are valid on their own, so records can still be checked when metadata has errors."""
    raw = document.value.get("fields")
    if not isinstance(raw, dict):
        return None
    usable = {}
    for name, spec in raw.items():
        try:
            usable[name] = FieldSpec.model_validate(spec, context={LANGUAGES: languages})
        except Exception:  # already reported by the whole-file validation
            return None
    return usable


def _usable_source_ids(document: Document) -> list[str] | None:
    raw = document.value.get("sources")
    if not isinstance(raw, list):
        return None
    return [s["id"] for s in raw if isinstance(s, dict) and isinstance(s.get("id"), str)]
