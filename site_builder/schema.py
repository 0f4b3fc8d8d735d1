"""JSON Schemas of the dataset and chart formats, generated from the models.

Editors' YAML tools use them for autocompletion and inline errors; the "For editors" reference
is generated from them too, so documentation and validation share one source.
"""

from __future__ import annotations

import json
from typing import Annotated, Union

from pydantic import Field, TypeAdapter

from .kinds import KINDS
from .model import DatasetMeta

SCHEMA_URL = "https://json-schema.org/draft/2020-12/schema"


def dataset_schema() -> dict:
    schema = DatasetMeta.model_json_schema()
    return {"$schema": SCHEMA_URL, "title": "site-builder dataset (data/<id>.yml)", **_without_title(schema)}


def chart_schema() -> dict:
    specs = tuple(module.Spec for module in KINDS.values())
    adapter = TypeAdapter(Annotated[Union[specs], Field(discriminator="kind")])
    return {"$schema": SCHEMA_URL, "title": "site-builder chart spec (charts/<id>.yml)", **adapter.json_schema()}


def _without_title(schema: dict) -> dict:
    return {k: v for k, v in schema.items() if k != "title"}


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
