"""Load a dataset file strictly: metadata through the models, records through their field types.

A file is checked as a whole and every problem is reported at once; a dataset that loads is one
the rest of the generator can trust (each record's values have their declared types and its
source exists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from site_builder.errors import MAX_PROBLEMS, ContentError, Problem, describe, did_you_mean, display_path
from site_builder.formats.fieldtypes import convert
from site_builder.formats.model import RESERVED_RECORD_KEYS, DatasetMeta, FieldSpec, Source
from site_builder.formats.validation import validate
from site_builder.formats.yamlsource import Document, read_yaml

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

    @property
    def fields(self) -> dict[str, FieldSpec]:
        return self.meta.fields

    def field(self, name: str) -> FieldSpec:
        return self.meta.fields[name]

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]

    @cached_property
    def sources(self) -> dict[str, Source]:
        """By id; computed once (charts look a source up for every record)."""
        return {s.id: s for s in self.meta.sources}


def load_dataset(path: Path | str, root: Path | None = None) -> Dataset:
    """Read `data/<id>.yml`; raise `ContentError` with every problem in it."""
    path = Path(path)
    return dataset_from_document(read_yaml(path, display_path(path, root)), path)


def dataset_from_document(document: Document, path: Path) -> Dataset:
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
    meta, problems = validate(DatasetMeta, document)
    fields = meta.fields if meta else _usable_fields(document)
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
                    records.append(_record(document, index, raw, fields, required, known_sources, problems))
    if problems:
        raise ContentError(problems)
    lines = [document.where(("records", i))[0] or 0 for i in range(len(records))]
    return Dataset(path.stem, path, meta, records, lines)


def _record(
    document: Document,
    index: int,
    raw: dict,
    fields: dict[str, FieldSpec] | None,
    required: list[str],
    source_ids: dict[str, None] | None,
    problems: list[Problem],
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
                record[name] = convert(spec, value)
            except ContentError as error:  # unplaced: the value's place is known here
                problems += [document.problem(here + (name,), p.message, p.hint) for p in error.problems]
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
        if text is not None and (not isinstance(text, str) or not text.strip()):
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


def _usable_fields(document: Document) -> dict[str, FieldSpec] | None:
    """The fields that are valid on their own, so records can still be checked when metadata has errors."""
    raw = document.value.get("fields")
    if not isinstance(raw, dict):
        return None
    usable = {}
    for name, spec in raw.items():
        try:
            usable[name] = FieldSpec.model_validate(spec)
        except Exception:  # already reported by the whole-file validation
            return None
    return usable


def _usable_source_ids(document: Document) -> list[str] | None:
    raw = document.value.get("sources")
    if not isinstance(raw, list):
        return None
    return [s["id"] for s in raw if isinstance(s, dict) and isinstance(s.get("id"), str)]
