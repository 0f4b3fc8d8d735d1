"""Adding a chart kind is one module and one registry line: everything else follows from them.

A throwaway kind (`throwaway_kind.py`) is registered for the length of each test, and must then
build (figure, table, text alternative), be documented (the kinds table of the editors' guide
and the field reference), be scaffolded, be in the chart JSON Schema, and get the kind-wide
tests of `test_kinds.py`.
"""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from site_builder.build.prepare import prepare_chart
from site_builder.editors import reference_docs, scaffold
from site_builder.editors.schema import chart_schema
from site_builder.figures.kinds import KINDS
from site_builder.formats.datasets import load_dataset
from site_builder.formats.specs import check_chart, load_chart

from . import kind_fixtures as kf
from . import test_kinds, throwaway_kind

KIND = "dots"


@pytest.fixture
def registered(monkeypatch):
    """The throwaway kind in the registry; every module reads the same `KINDS` dict."""
    monkeypatch.setitem(KINDS, KIND, throwaway_kind)
    return throwaway_kind


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return kf.project(tmp_path_factory.mktemp("new_kind"))


def test_it_is_not_registered_for_real():
    assert KIND not in KINDS  # the other tests see the registry as the site has it


def test_it_builds_a_figure_a_table_and_a_text(registered, project):
    folder, datasets = project
    spec = {"kind": KIND, "dataset": "contributions", "title": "T", "label": "name", "value": "troops"}
    chart = kf.write_chart(folder, "dots", spec)
    assert chart.kind_module is registered
    assert check_chart(chart, datasets) == []
    prepared = prepare_chart("dots", chart.spec, datasets["contributions"])
    assert prepared.traces == ("scatter",)
    assert '"type":"scatter"' in prepared.figure_json
    assert prepared.table.headers == ["Contingent", "Troops (soldiers)", "Source", "Confidence", "Note"]
    assert len(prepared.table.rows) == 7
    assert prepared.alt == "Dot chart of Troops (soldiers), 7 dots. 1 figure is unconfirmed."


def test_it_is_documented(registered):
    assert "| `dots` | a dot a record, a number per label | `label` (a text" in reference_docs.kinds_table()
    page = reference_docs.insert_reference("::: reference kinds\n\n::: reference\n")
    assert "| `dots` | a dot a record" in page and "### `dots`\n" in page
    section = next(s for s in reference_docs.chart_sections() if s.title == "`dots`")
    assert {row.key for row in section.rows} == {"kind", "label", "value"}
    assert all(row.mistake and row.message for row in section.rows)


def test_it_is_scaffolded(registered, tmp_path):
    (tmp_path / "data").mkdir()
    kf.contributions(tmp_path / "data")
    made = scaffold.chart(tmp_path, "new_dots", "contributions", KIND)
    spec = yaml.safe_load(made.text)
    assert spec == {
        "kind": KIND,
        "dataset": "contributions",
        "title": "Test contributions",
        "label": "country",
        "value": "troops",
    }
    scaffold.write(made)
    chart = load_chart(made.path)
    assert check_chart(chart, {"contributions": load_dataset(tmp_path / "data" / "contributions.yml")}) == []


def test_it_is_in_the_chart_schema(registered):
    schema = chart_schema()
    assert "DotsSpec" in schema["$defs"] and "dots" in schema["description"]
    validator = jsonschema.Draft7Validator(schema)
    good = {"kind": KIND, "dataset": "d", "title": "T", "label": "a", "value": "b"}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**good, "colour": "red"}))  # a key dots does not have


def test_it_gets_the_kind_wide_tests(registered, project):
    cases = [param.values for param in test_kinds.kind_cases()]
    assert (KIND, "scaffolded") in cases  # the parametrization is made from KINDS
    assert {kind for kind, _ in cases} == set(KINDS)
    for test in (
        test_kinds.test_figure_is_valid_plotly,
        test_kinds.test_figure_is_deterministic,
        test_kinds.test_hostile_strings_are_escaped_for_plotly,
        test_kinds.test_no_data_string_reaches_a_template,
        test_kinds.test_title_is_left_to_the_page,
        test_kinds.test_traces_declared,
        test_kinds.test_no_records_draw_an_empty_chart_table_and_text,
        test_kinds.test_prepared_chart_has_a_table_and_a_text_alternative,
    ):
        test(project, KIND, "scaffolded")
    test_kinds.test_kind_module_has_the_whole_contract(KIND)
    test_kinds.test_schema_documents_every_key(KIND)


def test_a_kind_missing_part_of_the_contract_is_named(registered, monkeypatch):
    monkeypatch.delattr(throwaway_kind, "describe")
    with pytest.raises(AssertionError, match="has no `describe`: every kind module defines"):
        test_kinds.test_kind_module_has_the_whole_contract(KIND)
