"""JSON Schemas of the dataset and chart formats, generated from the models.

Editors' YAML tools use them for autocompletion and inline errors (`.vscode/settings.json` maps
`schemas/*.schema.json` onto `data/*.yml` and `charts/*.yml`); the "For editors" reference is
generated from the same models, so documentation and validation share one source. The schemas
are committed, and a test fails when they differ from what this module generates: after changing
a model, run `site-builder schema`.

What a schema cannot say (a record's values against the types its own dataset declares, a chart's
fields against its dataset) is left to `site-builder check`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from site_builder.figures.kinds import KINDS
from site_builder.formats.glossary import GlossaryFile
from site_builder.formats.model import ID_PATTERN, RESERVED_RECORD_KEYS, DatasetMeta, per_language_schema
from site_builder.formats.yamlsource import MAX_STRING

# Draft 7: the newest draft the YAML extension of VS Code (yaml-language-server) fully supports; it warns on
# 2020-12. Nothing below needs more: `$defs` is only the place `$ref` pointers lead to.
SCHEMA_URL = "http://json-schema.org/draft-07/schema#"

# A record: a value per declared field (scalars, or a text field's text per language: the field's type decides
# the rest), plus the reserved keys.
RECORD_VALUE = {
    "anyOf": [{"type": ["string", "integer", "number", "boolean", "null"]}, per_language_schema(MAX_STRING)]
}
RECORD = {
    "type": "object",
    "description": "One record: a value per field declared under `fields:`, and the keys below.",
    "properties": {
        "source": {
            "type": "string",
            "pattern": ID_PATTERN,
            "description": "The id of one of the dataset's `sources`.",
            "examples": ["nato_kfor_2025"],
        },
        "confidence": {
            "enum": ["high", "medium", "low"],
            "default": "high",
            "description": "How sure the figure is; `low` marks it as unconfirmed in charts and tables.",
        },
        "note": {
            "anyOf": [{"type": "string", "minLength": 1}, per_language_schema(MAX_STRING)],
            "description": (
                "For readers: shown with the figure in tables and tooltips, in each language the site publishes "
                "(`en: ...`, `sq: ...`, `sr: ...`) or in English alone. Required when `confidence` is "
                "`low`: say why the figure is unconfirmed."
            ),
            "examples": ["Figure rounded by the source."],
        },
        "editor_note": {
            "type": "string",
            "minLength": 1,
            "description": "For editors only: working notes, what to check before publication. Never published.",
            "examples": ["Check against NATO's next placemat."],
        },
    },
    "required": ["source"],
    "additionalProperties": RECORD_VALUE,
}
assert set(RECORD["properties"]) == set(RESERVED_RECORD_KEYS)


def dataset_schema() -> dict:
    schema = DatasetMeta.model_json_schema()
    properties = schema["properties"]
    properties["records"]["items"] = RECORD
    properties["fields"]["additionalProperties"] = False  # a field name that is no id is an error, not a free key
    schema["description"] = (
        "A dataset: its metadata, sources, typed fields and records "
        '(data/<id>.yml; reference: the site\'s "For editors" section).'
    )
    return {"$schema": SCHEMA_URL, **schema, "title": "site-builder dataset (data/<id>.yml)"}


def chart_schema() -> dict:
    specs = tuple(module.Spec for module in KINDS.values())
    adapter = TypeAdapter(Annotated[Union[specs], Field(discriminator="kind")])  # noqa: UP007 - a Union of a tuple of models
    schema = adapter.json_schema()
    schema.pop("discriminator", None)  # OpenAPI's keyword, not JSON Schema's: each kind's `const` discriminates
    return {
        "$schema": SCHEMA_URL,
        "title": "site-builder chart spec (charts/<id>.yml)",
        "description": "A chart: its kind, the dataset it plots, the fields it uses and its texts "
        '(charts/<id>.yml; reference: the site\'s "For editors" section). Kinds: ' + ", ".join(KINDS) + ".",
        "required": ["kind"],
        **schema,
    }


def glossary_schema() -> dict:
    schema = GlossaryFile.model_json_schema()
    schema["description"] = (
        "The contested words: how each edition names what is contested, and why (glossary.yml; "
        'reference: the site\'s "For editors" section).'
    )
    return {"$schema": SCHEMA_URL, **schema, "title": "site-builder glossary (glossary.yml)"}


def schemas() -> dict[str, dict]:
    return {"dataset": dataset_schema(), "chart": chart_schema(), "glossary": glossary_schema()}


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out / f"{name}.schema.json"
        path.write_text(dumps(schema), encoding="utf-8")
        written.append(path)
    return written
