"""The JSON Schemas editors' tools use: committed, current, and true to the real files."""

from __future__ import annotations

import json

import jsonschema
import pytest

from site_builder.editors.schema import chart_schema, dataset_schema, dumps, schemas
from site_builder.figures.kinds import KINDS
from site_builder.formats.yamlsource import parse_yaml, read_yaml
from tests.conftest import FIXTURES, ROOT

VALIDATOR = jsonschema.Draft7Validator  # what the schemas declare: VS Code's YAML extension supports draft 7


@pytest.mark.parametrize("name", ["dataset", "chart"])
def test_committed_schemas_are_what_site_builder_schema_writes(name):
    committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == dumps(schemas()[name]), (
        f"schemas/{name}.schema.json is out of date with the models: run `site-builder schema` and commit it"
    )


@pytest.mark.parametrize("name", ["dataset", "chart"])
def test_schemas_are_valid_json_schema(name):
    assert schemas()[name]["$schema"] == "http://json-schema.org/draft-07/schema#"
    VALIDATOR.check_schema(schemas()[name])


def real_files(folder: str, fixtures: bool = True):
    paths = sorted((ROOT / folder).glob("*.yml"))
    if fixtures:
        paths += sorted(FIXTURES.glob(f"mini/{folder}/*.yml"))
    return paths


@pytest.mark.parametrize("path", real_files("data"), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_dataset_validates_against_the_schema(path):
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR(dataset_schema()).iter_errors(read_yaml(path).value)
    ]
    assert errors == []


@pytest.mark.parametrize("path", real_files("charts"), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_chart_validates_against_the_schema(path):
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR(chart_schema()).iter_errors(read_yaml(path).value)
    ]
    assert errors == []


def test_every_chart_names_the_schema_on_its_first_line():
    for path in real_files("charts", fixtures=False):
        assert path.read_text().splitlines()[0] == "# yaml-language-server: $schema=../schemas/chart.schema.json", path


def test_vscode_maps_the_schemas_onto_the_folders():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/dataset.schema.json"][0] == "data/*.yml"
    assert settings["yaml.schemas"]["./schemas/chart.schema.json"][0] == "charts/*.yml"
    for path in settings["yaml.schemas"]:
        assert (ROOT / path).is_file()


CHART = "kind: line\ndataset: troops\ntitle: T\nx: date\ny: troops\n"
DATASET = """\
title: T
description: D.
license: CC BY 4.0
last_checked: "2026-11-28"
sources: [{id: nato, producer: NATO, title: K, date_accessed: "2026-11-28"}]
fields: {date: {type: date, title: Date}}
records:
  - {date: 2008, source: nato}
"""


def valid(schema: dict, text: str) -> bool:
    return VALIDATOR(schema).is_valid(parse_yaml(text, "t").value)


def test_the_good_examples_are_valid():
    assert valid(chart_schema(), CHART) and valid(dataset_schema(), DATASET)


@pytest.mark.parametrize(
    "text",
    [
        CHART + "colour: red\n",  # unknown key
        CHART.replace("kind: line", "kind: pie"),  # unknown kind
        CHART + "location: country\n",  # a key of another kind
        CHART.replace("y: troops\n", ""),  # missing required key
        CHART + "events: [{date: 17 February 2008, label: x}]\n",
        CHART.replace("dataset: troops", "dataset: KFOR troops"),
    ],
)
def test_the_chart_schema_catches_mistakes(text):
    assert not valid(chart_schema(), text)


@pytest.mark.parametrize(
    "old, new",
    [
        ("{date: 2008, source: nato}", "{date: 2008}"),  # record without source
        ("{date: 2008, source: nato}", "{date: 2008, source: nato, confidence: sure}"),
        ("{date: 2008, source: nato}", "{date: [2008], source: nato}"),  # values are scalars
        ("fields: {date:", "fields: {Date:"),  # field names are ids
        ('last_checked: "2026-11-28"', "last_checked: 28 November 2026"),
        ("{type: date, title: Date}", "{type: datetime, title: Date}"),
    ],
)
def test_the_dataset_schema_catches_mistakes(old, new):
    assert old in DATASET
    assert not valid(dataset_schema(), DATASET.replace(old, new))


def test_chart_kinds_are_told_apart_by_kind():
    schema = chart_schema()
    kinds = {schema["$defs"][ref["$ref"].split("/")[-1]]["properties"]["kind"]["const"] for ref in schema["oneOf"]}
    assert kinds == set(KINDS)
    assert "discriminator" not in schema  # OpenAPI's keyword: JSON Schema tools ignore it
