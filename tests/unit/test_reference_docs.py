"""The editors' documentation: generated from the models, and fails when a field is undocumented."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from pydantic import BaseModel

from site_builder.editors import reference_docs
from site_builder.errors import ContentError
from site_builder.figures.kinds import KINDS
from site_builder.formats.model import Category, ChartSpecBase, DatasetMeta, Event, FieldSpec, Source
from site_builder.formats.validation import validate
from site_builder.formats.yamlsource import parse_yaml
from tests.conftest import ROOT

MODELS: list[type[BaseModel]] = [DatasetMeta, Source, FieldSpec, Category, ChartSpecBase, Event] + [
    m.Spec for m in KINDS.values()
]
EDITORS = ROOT / "content" / "editors"


def all_fields() -> list:
    params = []
    for model in MODELS:
        for name, info in model.model_fields.items():
            params.append(pytest.param(model, name, info, id=f"{model.__name__}.{name}"))
    return params


@pytest.mark.parametrize("model, name, info", all_fields())
def test_every_field_has_a_description_and_an_example(model, name, info):
    assert info.description and len(info.description) > 10, f"{model.__name__}.{name}: add Field(description=...)"
    assert info.examples, f"{model.__name__}.{name}: add Field(examples=[...])"


@pytest.mark.parametrize("model, name, info", all_fields())
def test_every_example_is_valid(model, name, info):
    """The documented example passes the model's own check of that key."""
    value = {name: info.examples[0]}
    if issubclass(model, ChartSpecBase) and name != "kind":
        value = {
            "kind": model.model_fields["kind"].annotation.__args__[0] if model is not ChartSpecBase else "line",
            **value,
        }
    target = KINDS["line"].Spec if model is ChartSpecBase else model
    _, problems = validate(target, parse_yaml("{}", "x"), value=value)
    assert [p.format() for p in problems if p.field.split("[")[0].split(".")[0] == name] == []


def documented_rows() -> dict[str, set[str]]:
    """Section title -> keys with a row in it."""
    sections = reference_docs.dataset_sections() + reference_docs.chart_sections()
    return {section.title: {row.key for row in section.rows} for section in sections}


def test_every_field_of_every_model_has_a_row_with_a_mistake():
    rows = documented_rows()
    common = set(ChartSpecBase.model_fields)
    expected = {
        "Top-level keys": set(DatasetMeta.model_fields),
        "Sources": set(Source.model_fields),
        "Fields": set(FieldSpec.model_fields),
        "Categories": set(Category.model_fields),
        "Keys of every chart": common,
        "Events": set(Event.model_fields),
    }
    for kind, module in KINDS.items():
        expected[f"`{kind}`"] = set(module.Spec.model_fields) - common | {"kind"}
    for title, keys in expected.items():
        assert rows.get(title) == keys, title
    for section in reference_docs.dataset_sections() + reference_docs.chart_sections():
        for row in section.rows:
            assert row.type and row.description and row.example, (section.title, row.key)
            assert row.mistake and row.message, f"{section.title}: `{row.key}` has no mistake shown"


def test_the_page_shows_every_row():
    page = reference_docs.reference_markdown()
    for section in reference_docs.dataset_sections() + reference_docs.chart_sections():
        assert f"### {section.title}\n" in page
        for row in section.rows:
            assert f"| `{row.key}` | " in page, row.key


def test_mistakes_show_the_validators_own_messages():
    rows = {
        (s.title, r.key): r for s in reference_docs.dataset_sections() + reference_docs.chart_sections() for r in s.rows
    }
    assert rows[("Top-level keys", "last_checked")].message.startswith(
        "expected a full date YYYY-MM-DD, got '28 November 2026'"
    )
    assert rows[("Field types", "integer")].message == (
        "expected an integer, got '3,800'<br>*hint: write numbers without quotes or thousands separators: 3800*"
    )
    assert rows[("`line`", "kind")].mistake == "kind: lines"


def test_the_marker_is_replaced_outside_code_only():
    page = "# Reference\n\n::: reference\n\n```\n::: reference\n```\n"
    out = reference_docs.insert_reference(page)
    assert out.count("::: reference") == 1 and "### Sources" in out
    assert reference_docs.insert_reference("no marker") == "no marker"


def test_the_reference_page_is_in_the_site_and_its_nav():
    assert "\n::: reference\n" in (EDITORS / "reference.md").read_text()
    nav = (ROOT / "mkdocs.yml").read_text()
    for page in ("editors/index.md", "editors/formats.md", "editors/reference.md"):
        assert page in nav


def test_formats_page_names_every_key():
    """The formats page stays true to the models: each key appears in it, and its lists of kinds are the registry's."""
    text = (EDITORS / "formats.md").read_text()
    for model in (DatasetMeta, Source, FieldSpec, Category, ChartSpecBase, Event):
        for name in model.model_fields:
            assert re.search(rf"\b{name}:", text), f"formats.md does not show `{name}:` ({model.__name__})"
    assert f"\n{reference_docs.KINDS_MARKER}\n" in text, (
        f"formats.md: the kinds table is generated from the registry; keep the line `{reference_docs.KINDS_MARKER}`"
    )
    comment = re.search(r"^kind: line +# required: (.*)$", text, re.M)
    assert comment, "formats.md: the chart example starts `kind: line  # required: <every kind, | between>`"
    assert comment.group(1) == " | ".join(KINDS), (
        f"formats.md: the `kind:` comment lists {comment.group(1)!r}; the registry has {' | '.join(KINDS)!r}"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_the_kinds_table_has_a_row_naming_each_key(kind):
    """The formats page's kinds table is made from each kind module's GUIDE_DRAWS and GUIDE_KEYS."""
    module = KINDS[kind]
    rows = [line for line in reference_docs.kinds_table().splitlines() if line.startswith(f"| `{kind}` |")]
    assert len(rows) == 1, f"the kinds table has {len(rows)} rows for `{kind}`"
    keys = rows[0].split(" | ")[2]
    for name in set(module.Spec.model_fields) - set(ChartSpecBase.model_fields):
        assert f"`{name}`" in keys, (
            f"the editors' guide does not mention `{name}` for {kind} charts: "
            f"name it in GUIDE_KEYS in {module.__name__.replace('.', '/')}.py"
        )
    for text in (module.GUIDE_DRAWS, module.GUIDE_KEYS):
        assert text.strip() and "|" not in text.replace("\\|", ""), f"{kind}: a guide text must be one table cell"


def test_the_kinds_marker_becomes_the_table_outside_code_only():
    page = "Kinds:\n\n::: reference kinds\n\n```\n::: reference kinds\n```\n"
    out = reference_docs.insert_reference(page)
    assert out == page.replace("::: reference kinds", reference_docs.kinds_table(), 1)
    assert "| `ranked_bar` | horizontal bars, largest at the top | `category` (a text" in out
    assert "### Sources" not in out  # the kinds table only, not the whole reference


def yaml_blocks(path):
    return re.findall(r"```yaml\n(.*?)```", path.read_text(), re.S)


def test_the_editors_guide_examples_are_valid(tmp_path):
    """The dataset and chart in the guide pass the same checks as real files."""
    from site_builder.formats.project import Project

    dataset, chart = yaml_blocks(EDITORS / "index.md")[:2]
    (tmp_path / "data").mkdir()
    (tmp_path / "charts").mkdir()
    (tmp_path / "data" / "example.yml").write_text(dataset)
    (tmp_path / "data" / "germany_kfor.yml").write_text((ROOT / "data" / "germany_kfor.yml").read_text())
    (tmp_path / "charts" / "germany_line.yml").write_text(chart)
    project = Project.load(tmp_path, languages=("en", "sq", "sr"))  # the Kosovo dataset is in three
    assert set(project.charts) == {"germany_line"}
    for block in yaml_blocks(EDITORS / "formats.md"):
        list(yaml.safe_load_all(block.replace("...", "x")))  # at least well-formed YAML (front matter between `---`s)


def reference_rows() -> dict[tuple[str, str], reference_docs.Row]:
    sections = reference_docs.dataset_sections() + reference_docs.chart_sections()
    return {(s.title, r.key): r for s in sections for r in s.rows}


def shown(problem) -> str:
    return problem.message + (f"<br>*hint: {problem.hint}*" if problem.hint else "")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_hand_written_kind_message_is_what_loading_a_chart_says(tmp_path, kind):
    from site_builder.formats.specs import load_chart

    row = reference_rows()[(f"`{kind}`", "kind")]
    path = tmp_path / "charts" / "c.yml"
    path.parent.mkdir()
    path.write_text(f"{row.mistake}\ndataset: example\ntitle: T\n")
    with pytest.raises(ContentError) as caught:
        load_chart(path, tmp_path)
    [problem] = caught.value.problems
    assert (problem.field, shown(problem)) == ("kind", row.message)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_hand_written_field_messages_are_what_checking_a_chart_says(kind):
    """The reference shows a field name that differs from the dataset's only in case; `…` stands for the dataset."""
    from site_builder.formats.datasets import Dataset
    from site_builder.formats.specs import Chart, check_chart
    from site_builder.formats.yamlsource import Document

    module = KINDS[kind]
    rows = reference_rows()
    for attribute, allowed in module.FIELD_REFS.items():
        row = rows[(f"`{kind}`", attribute)]
        written = parse_yaml(row.mistake, "c.yml").value[attribute]
        name = written[0] if isinstance(written, list) else written
        fields = {name.lower(): FieldSpec.model_construct(type=(allowed or ["text"])[0], title="Example")}
        dataset = Dataset("example", ROOT / "data" / "example.yml", DatasetMeta.model_construct(fields=fields), [])
        spec = module.Spec.model_construct(
            kind=kind, dataset="example", **({a: None for a in module.FIELD_REFS} | {attribute: written})
        )
        problems = check_chart(Chart("c", ROOT / "charts" / "c.yml", spec, Document("c.yml", {})), {"example": dataset})
        assert [shown(p).replace("dataset 'example'", "dataset '…'") for p in problems] == [row.message], attribute


def test_the_record_rows_are_what_loading_a_dataset_file_says(tmp_path):
    """The records' messages come from loading an example in memory; the same example as a file gives the same."""
    from site_builder.formats.datasets import load_dataset

    rows = [row for row in reference_docs.dataset_sections()[4].rows]
    assert [row.key for row in rows] == ["*a field's name*", "source", "confidence", "note", "editor_note"]
    path = tmp_path / "data" / "example.yml"
    path.parent.mkdir()
    for row in rows:
        record = {"source": "nato_kfor_2025"} | parse_yaml(row.mistake, "x").value
        path.write_text(json.dumps(reference_docs._EXAMPLE_DATASET | {"records": [record]}))  # JSON is YAML
        with pytest.raises(ContentError) as caught:
            load_dataset(path, tmp_path)
        assert [shown(p) for p in caught.value.problems] == [row.message], row.key
