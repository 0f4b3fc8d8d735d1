"""The editors' field reference, generated from the models: docs and validation cannot drift apart.

A page holding the line `::: reference` gets, in its place, a table for every part of a dataset
and of a chart spec (the common keys, then each kind's own): each key's type, whether it is
required, what it is for, an example, and a typical mistake with the message `site-builder
check` prints for it. Descriptions and examples come from the models (`Field(description=...,
examples=[...])`); types come from their JSON Schema; the messages are produced by running the
validators on the bad example (the models' for keys, the field types' for values, the dataset
loader's for records), so they are the messages an editor will see.

Two kinds of message are written here by hand, because the checks that give them read files and
loaded datasets, not a value: an unknown chart kind (`specs.load_chart` reads the file) and a field
name not in the dataset (`specs.check_chart` needs the dataset loaded). `_kind_message` and
`_field_ref_message` hold them, and `tests/unit/test_reference_docs.py` checks each against what
`site-builder check` prints for such a file.

No MkDocs import: the plugin only calls `insert_reference` on a page's Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from site_builder.editors.scaffold import yaml_value
from site_builder.editors.schema import RECORD, dataset_schema
from site_builder.errors import ContentError, Problem, did_you_mean
from site_builder.figures.kinds import KINDS
from site_builder.formats.datasets import dataset_from_document
from site_builder.formats.embed import REFERENCE, lines_outside_fences
from site_builder.formats.fieldtypes import convert
from site_builder.formats.model import (
    ID_PATTERN,
    LANGUAGE_PATTERN,
    Category,
    ChartSpecBase,
    Correction,
    DatasetMeta,
    Event,
    FieldSpec,
    Source,
    Update,
)
from site_builder.formats.validation import validate
from site_builder.formats.yamlsource import Document, parse_yaml
from site_builder.reader.sentences import listing

MARKER = REFERENCE
# The kinds table of the file formats page. It starts with `::: reference`, so the plugin's test
# for that marker lets the page through to `insert_reference` without a marker of its own.
KINDS_MARKER = REFERENCE + " kinds"


@dataclass(frozen=True)
class Row:
    key: str
    type: str
    required: str  # "required", "optional" or "optional (default: ...)"
    description: str
    example: str  # a `key: value` line
    mistake: str  # a `key: value` line, or "" when no mistake could be shown
    message: str  # what check says about the mistake


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    model: type[BaseModel] | None
    rows: list[Row]


def insert_reference(markdown: str) -> str:
    """Replace a `::: reference` line (outside code blocks) with the generated reference, and a
    `::: reference kinds` line with the table of chart kinds.
    """
    if MARKER not in markdown:
        return markdown
    generated = {MARKER: reference_markdown, KINDS_MARKER: kinds_table}
    return "\n".join(
        generated[line.strip()]() if not in_code and line.strip() in generated else line
        for _, line, in_code in lines_outside_fences(markdown)
    )


def kinds_table() -> str:
    """One row a kind, from the registry: what it draws and its keys (`GUIDE_DRAWS`, `GUIDE_KEYS` in its module)."""
    lines = ["| kind | draws | keys |", "|---|---|---|"]
    lines += [f"| `{kind}` | {module.GUIDE_DRAWS} | {module.GUIDE_KEYS} |" for kind, module in KINDS.items()]
    return "\n".join(lines)


def reference_markdown() -> str:
    parts = []
    for heading, sections in (
        ("Datasets: `data/<id>.yml`", dataset_sections()),
        ("Chart specs: `charts/<id>.yml`", chart_sections()),
    ):
        parts.append(f"## {heading}\n")
        for section in sections:
            parts.append(_render(section))
    return "\n".join(parts)


def _render(section: Section) -> str:
    lines = [
        f"### {section.title}\n",
        section.intro + "\n" if section.intro else "",
        "| key | type | required | what it is | example | a mistake, and what `check` says |",
        "|---|---|---|---|---|---|",
    ]
    for row in section.rows:
        mistake = f"`{row.mistake}`<br>{row.message}" if row.mistake else ""
        cells = [
            f"`{row.key}`",
            row.type,
            row.required,
            row.description,
            f"`{row.example}`" if row.example else "",
            mistake,
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    # Out of the search index, which every reader downloads on every page: editors find a key on
    # this page with the browser's own search.
    table = "\n".join(line for line in lines[2:] if line != "")
    head = "\n".join(line for line in lines[:2] if line != "")
    return f'{head}\n\n<div markdown="1" data-search-exclude>\n\n{table}\n\n</div>\n'


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


# -- the sections ------------------------------------------------------------------------------


def dataset_sections() -> list[Section]:
    return [
        Section(
            "Top-level keys",
            "A dataset file is a mapping with these keys, in any order.",
            DatasetMeta,
            _rows(DatasetMeta),
        ),
        Section(
            "Sources",
            "Each item of `sources:`. Field names follow Our World in Data's metadata.",
            Source,
            _rows(Source),
        ),
        Section(
            "Fields",
            "Each entry of `fields:`, under the field's name (an id such as `troops`).",
            FieldSpec,
            _rows(FieldSpec),
        ),
        Section("Categories", "Each item of a category field's `categories:`.", Category, _rows(Category)),
        Section(
            "Records",
            "Each item of `records:` has a value for each declared field, written as its type "
            "below asks, and these keys of its own.",
            None,
            _record_rows(),
        ),
        Section("Field types", "How a record's value is written, for each `type:` of field.", None, _type_rows()),
        Section(
            "Corrections",
            "Each item of `corrections:`: one change to a published record, oldest first (see the file formats "
            "page for the workflow).",
            Correction,
            _rows(Correction),
        ),
        Section(
            "Updates", "Each item of `updates:`: dated news of the data that corrects nothing.", Update, _rows(Update)
        ),
    ]


def chart_sections() -> list[Section]:
    common = set(ChartSpecBase.model_fields)
    sections = [
        Section(
            "Keys of every chart",
            "Every chart spec has these keys, whatever its kind; each kind adds its own, below.",
            ChartSpecBase,
            _rows(ChartSpecBase, chart_kind="line"),
        )
    ]
    for kind, module in KINDS.items():
        own = [name for name in module.Spec.model_fields if name not in common or name == "kind"]
        intro = (module.Spec.__doc__ or "").strip().split("\n")[0]
        sections.append(
            Section(f"`{kind}`", intro, module.Spec, _rows(module.Spec, own, chart_kind=kind, refs=module.FIELD_REFS))
        )
    with_events = [kind for kind, module in KINDS.items() if "events" in module.Spec.model_fields]
    intro = f"Each item of a chart's `events:` ({listing(with_events, more=False)} charts)."
    sections.append(Section("Events", intro, Event, _rows(Event)))
    return sections


def _rows(
    model: type[BaseModel], names: list[str] | None = None, chart_kind: str | None = None, refs: dict | None = None
) -> list[Row]:
    schema = model.model_json_schema()
    if model is DatasetMeta:
        schema = dataset_schema()
    rows = []
    for name in names or list(model.model_fields):
        info = model.model_fields[name]
        prop = schema["properties"][name]
        example = info.examples[0] if info.examples else None
        if refs and name in refs:
            allowed = refs[name]
            kind_text = f"name of a field of type {' or '.join(allowed)}" if allowed else "name of a field of any type"
            type_text = kind_text + (" (a list of them)" if prop.get("type") == "array" or "array" in str(prop) else "")
            bad_name = (example[0] if isinstance(example, list) else example or "date").capitalize()
            mistake = f"{name}: {yaml_value([bad_name] if isinstance(example, list) else bad_name)}"
            message = _field_ref_message(bad_name)
        elif name == "kind" and chart_kind:
            type_text = f"`{prop['const']}`" if "const" in prop else "one of " + ", ".join(f"`{k}`" for k in KINDS)
            bad = chart_kind + "s"
            mistake = f"kind: {bad}"
            message = _kind_message(bad)
        else:
            type_text = _type_text(prop, schema.get("$defs", {}))
            mistake, message = _mistake(model, name, prop, chart_kind)
        if info.is_required():
            required = "required"
        elif info.default not in (None, ...):
            required = f"optional (default: `{yaml_value(info.default)}`)"
        else:
            required = "optional"
        rows.append(
            Row(
                name,
                type_text,
                required,
                info.description or "",
                f"{name}: {yaml_value(example)}" if example is not None else "",
                mistake,
                message,
            )
        )
    return rows


def _record_rows() -> list[Row]:
    props = RECORD["properties"]
    return [
        _record_row(
            "*a field's name*",
            "a value of the field's type (see Field types)",
            "required unless the field says `required: false`",
            "The record's value for that field.",
            "troops: 4500",
            "trops: 4500",
        ),
        _record_row(
            "source",
            "id of one of the dataset's `sources`",
            "required",
            props["source"]["description"],
            "source: nato_kfor_2025",
            "source: NATO",
        ),
        _record_row(
            "confidence",
            "one of `high`, `medium`, `low`",
            "optional (default: `high`)",
            props["confidence"]["description"],
            "confidence: low",
            "confidence: unsure",
        ),
        _record_row(
            "note",
            f"text, {PER_LANGUAGE}",
            "optional",
            props["note"]["description"],
            f"note: {props['note']['examples'][0]}",
            "note: 2008",
        ),
        _record_row(
            "editor_note",
            "text",
            "optional",
            props["editor_note"]["description"],
            f"editor_note: {props['editor_note']['examples'][0]}",
            "editor_note: 2008",
        ),
    ]


# The dataset the records' mistakes are made in: one optional field, one source.
_EXAMPLE_DATASET = {
    "title": "Example",
    "description": "An example.",
    "license": "CC BY 4.0",
    "last_checked": "2026-11-28",
    "sources": [{"id": "nato_kfor_2025", "producer": "NATO", "title": "Key facts", "date_accessed": "2026-11-28"}],
    "fields": {"troops": {"type": "integer", "title": "Troops", "required": False}},
}


def _record_row(key: str, type_text: str, required: str, description: str, example: str, mistake: str) -> Row:
    """A row whose message is what loading a dataset says about a record with the `mistake` line in it."""
    record = {"source": "nato_kfor_2025", **parse_yaml(mistake, "example.yml").value}
    document = Document("example.yml", {**_EXAMPLE_DATASET, "records": [record]})
    try:
        dataset_from_document(document, Path("example.yml"))
        message = ""
    except ContentError as error:
        message = _shown(error.problems[0])
    return Row(key, type_text, required, description, example, mistake, message)


def _kind_message(bad: str) -> str:
    """Written by hand (see the module's docstring): what `specs.load_chart` says of `kind: <bad>`."""
    return _shown(Problem("", f"unknown chart kind '{bad}'", hint=did_you_mean(bad, KINDS)))


def _field_ref_message(bad_name: str) -> str:
    """Written by hand (see the module's docstring): what `specs.check_chart` says of a field name
    that differs from the dataset's only in case; the dataset's id is shown as '…'.
    """
    hint = did_you_mean(bad_name, [bad_name.lower()])
    return _shown(Problem("", f"field '{bad_name}' not found in dataset '…'", hint=hint))


def _shown(problem: Problem) -> str:
    """A problem as the reference's table cell shows it: the message, then the hint in italics."""
    return problem.message + (f"<br>*hint: {problem.hint}*" if problem.hint else "")


TYPE_EXAMPLES = {  # type: (a good value, a typical mistake)
    "text": ("Germany", 2008),
    "integer": (3800, "3,800"),
    "number": (3.5, "3.5%"),
    "date": ("2008-02-17", "17/02/2008"),
    "country": ("DE", "Germany"),
    "category": ("recognises", "Recognises"),
}


def _type_rows() -> list[Row]:
    rows = []
    for kind, (good, bad) in TYPE_EXAMPLES.items():
        spec = FieldSpec(
            type=kind,
            title="Example",
            categories=[Category(value="recognises", label="Recognises")] if kind == "category" else None,
        )
        convert(spec, good)  # the good example must pass
        try:
            convert(spec, bad)
            message = ""
        except ContentError as error:
            message = _shown(error.problems[0])
        description = {
            "text": f"Any text, {PER_LANGUAGE}.",
            "integer": "A whole number, without quotes or thousands separators.",
            "number": "A number; a decimal point, no thousands separators.",
            "date": "YYYY, YYYY-MM or YYYY-MM-DD; kept as written, checked to be a real date.",
            "country": "An ISO 3166-1 code, two or three capital letters; Kosovo is XK or XKX.",
            "category": "One of the field's `categories` values.",
        }[kind]
        rows.append(
            Row(
                kind,
                f"`type: {kind}`",
                "—",
                description,
                f"value: {yaml_value(good)}",
                f"value: {yaml_value(bad)}",
                message,
            )
        )
    return rows


# -- types and mistakes, from the schema ----------------------------------------------------------


PER_LANGUAGE = "or [a text per language](formats.md#texts-in-several-languages)"  # `en: ...`, `sq: ...`


def _type_text(prop: dict, defs: dict) -> str:
    one = [p for p in prop.get("anyOf", ()) if p.get("propertyNames", {}).get("pattern") != LANGUAGE_PATTERN]
    if len(one) < len(prop.get("anyOf", ())):  # a text readers see: one text, or one per language
        return f"{_type_text(one[0], defs)}, {PER_LANGUAGE}"
    if "anyOf" in prop:
        parts = [_type_text(p, defs) for p in prop["anyOf"] if p.get("type") != "null"]
        return _simpler(" or ".join(dict.fromkeys(parts)))
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return {
            "Source": "a source (see Sources)",
            "FieldSpec": "a field (see Fields)",
            "Category": "a category (see Categories)",
            "Event": "an event (see Events)",
        }.get(name, f"a {name}")
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "string":
        string = _string_kind(prop)
        if string != "text":
            return _STRING_TYPES[string]
        limit = prop.get("maxLength")
        return "text" + (f", at most {limit} characters" if limit and limit < 5000 else "")
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        return "whole number" + (f" from {low} to {high}" if low is not None and high is not None else "")
    if kind == "number":
        return "number"
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        if prop.get("items") is RECORD:
            return "list of records (see Records)"
        return "list of " + _plural(_type_text(prop.get("items", {}), defs))
    if kind == "object":
        if "patternProperties" in prop:
            value = next(iter(prop["patternProperties"].values()))
            return f"mapping: a name (id) → {_type_text(value, defs)}"
        if isinstance(prop.get("additionalProperties"), dict):
            return f"mapping: field name → {_type_text(prop['additionalProperties'], defs)}"
        return "mapping"
    if "type" in prop and isinstance(prop["type"], list):
        return "text, number or true/false"
    return "any"


def _string_kind(prop: dict) -> str:
    """Which of the formats' kinds of string a schema property is: id, date, partial_date, url or text."""
    pattern = prop.get("pattern", "")
    if pattern == ID_PATTERN:
        return "id"
    if pattern == r"^\d{4}-\d{2}-\d{2}$":
        return "date"
    if pattern.startswith(r"^\d{4}("):
        return "partial_date"
    return "url" if prop.get("format") == "uri" else "text"


# How the reference names each kind of string, and a typical mistake in it.
_STRING_TYPES = {
    "id": "id: lower-case letters, digits, `_`",
    "date": "date, YYYY-MM-DD",
    "partial_date": "date: YYYY, YYYY-MM or YYYY-MM-DD",
    "url": "web address (http or https)",
}
_STRING_MISTAKES = {
    "id": "KFOR troops",
    "date": "28 November 2026",
    "partial_date": "17 February 2008",
    "url": "www.nato.int",
    "text": 2008,
}


def _simpler(text: str) -> str:
    return text.replace("whole number or number", "number")


def _plural(text: str) -> str:
    return {
        "a source (see Sources)": "sources (see Sources)",
        "a category (see Categories)": "categories (see Categories)",
        "an event (see Events)": "events (see Events)",
        "mapping": "records (see Records)",
    }.get(text, text)


def _bad_value(prop: dict) -> Any:
    scalars = {p.get("type") for p in prop.get("anyOf", ())} - {"null"}
    if {"string", "number"} <= scalars:
        return ["an item"]  # text or a number (a correction's old and new): a list is neither
    if "anyOf" in prop:
        prop = next(p for p in prop["anyOf"] if p.get("type") != "null")
    if "enum" in prop:
        return str(prop["enum"][0]) + "s"
    if "$ref" in prop:
        return "text"
    kind = prop.get("type")
    if kind == "string":
        return _STRING_MISTAKES[_string_kind(prop)]
    if kind == "integer":
        return prop["minimum"] - 1 if "minimum" in prop else "3,800"
    if kind == "number":
        return "3,800"
    if kind == "boolean":
        return "yes"
    if kind == "array":
        return "one item"
    if kind == "object":
        return ["an item"]
    return None


def _mistake(model: type[BaseModel], name: str, prop: dict, chart_kind: str | None) -> tuple[str, str]:
    """A wrong value for the key, and the message the validator gives for it."""
    bad = _bad_value(prop)
    if bad is None:
        return "", ""
    value = {name: bad}
    if chart_kind:
        value = {"kind": chart_kind, **value}
    _, problems = validate(model, Document("example.yml", value), value=value)
    mine = [p for p in problems if p.field == name or p.field.startswith(name + "[") or p.field.startswith(name + ".")]
    if not mine:
        return "", ""
    return f"{name}: {yaml_value(bad)}", _shown(mine[0])
