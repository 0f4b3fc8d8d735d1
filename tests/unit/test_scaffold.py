"""`site-builder new`: starting files that pass `check` as written, and never overwrite."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from site_builder.build.prepare import prepare_chart
from site_builder.editors import scaffold
from site_builder.editors.schema import chart_schema, dataset_schema
from site_builder.errors import ContentError, Problem
from site_builder.figures.kinds import KINDS
from site_builder.formats.project import Project
from site_builder.formats.yamlsource import read_yaml

ALL_TYPES = """\
title: Everything
description: A dataset with a field of every type.
license: CC BY 4.0
last_checked: "2026-11-28"
sources:
  - {id: nato, producer: NATO, title: Key facts, date_accessed: "2026-11-28"}
fields:
  date: {type: date, title: Date}
  country: {type: country, title: Country}
  name: {type: text, title: Name}
  status: {type: category, title: Status, categories: [{value: yes_, label: Yes}, {value: no_, label: No}]}
  troops: {type: integer, title: Troops}
records:
  - {date: "2008-02-17", country: DE, name: Germany, status: yes_, troops: 100, source: nato}
  - {date: "2009", country: FR, name: France, status: no_, troops: 50, source: nato}
"""


@pytest.fixture
def project(tmp_path) -> Path:
    for folder in ("data", "charts", "content"):
        (tmp_path / folder).mkdir()
    (tmp_path / "data" / "everything.yml").write_text(ALL_TYPES)
    return tmp_path


def make(made: scaffold.Scaffold) -> Path:
    scaffold.write(made)
    return made.path


def only_problem(caught) -> Problem:
    [problem] = caught.value.problems
    return problem


def test_new_dataset_is_valid_commented_and_points_at_its_schema(project):
    path = make(scaffold.dataset(project, "troop_levels", today=date(2026, 11, 28)))
    text = path.read_text()
    assert path == project / "data" / "troop_levels.yml"
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/dataset.schema.json"
    assert text.count("\n# ") > 5  # explained in comments
    loaded = Project.load(project)
    assert loaded.datasets["troop_levels"].meta.last_checked == "2026-11-28"
    jsonschema.validate(read_yaml(path).value, dataset_schema())


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_chart_of_every_kind_uses_the_datasets_fields_and_builds(project, kind):
    path = make(scaffold.chart(project, f"new_{kind}", "everything", kind))
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/chart.schema.json"
    loaded = Project.load(project)  # loads and checks against the dataset: raises on any problem
    chart = loaded.charts[f"new_{kind}"]
    assert chart.spec.kind == kind and chart.spec.dataset == "everything" and chart.spec.title == "Everything"
    for attribute in KINDS[kind].FIELD_REFS:
        value = getattr(chart.spec, attribute)
        for name in value if isinstance(value, list) else [value] if value else []:
            assert name in loaded.datasets["everything"].fields
    prepared = prepare_chart(chart.id, chart.spec, loaded.datasets["everything"])
    assert json.loads(prepared.figure_json)["data"]
    jsonschema.validate(read_yaml(path).value, chart_schema())
    assert "\n# " in text  # optional keys shown as comments


def test_new_chart_picks_fields_by_type_and_never_twice(project):
    text = scaffold.chart(project, "bars", "everything", "grouped_bar").text
    assert "\nx: date\n" in text and "\ny: troops\n" in text and "\nseries: country\n" in text
    text = scaffold.chart(project, "map", "everything", "choropleth").text
    assert "\nlocation: country\n" in text and "\ncolor: status\n" in text
    text = scaffold.chart(project, "line", "everything", "line").text
    assert "\n# series: country\n" in text  # optional: shown, commented, with a real field
    assert "\n# filter: {country: DE}\n" in text  # with a real value


def test_new_chart_says_which_field_the_dataset_lacks(project):
    make(scaffold.dataset(project, "plain"))
    with pytest.raises(ContentError) as caught:
        scaffold.chart(project, "map", "plain", "choropleth")
    assert only_problem(caught) == Problem(
        "charts/map.yml",
        "dataset 'plain' has no country field for `location`, which a choropleth chart needs "
        "(its fields: date (date), value (number))",
        hint="choose another kind or dataset, or add such a field to the dataset",
    )


def test_new_chart_needs_an_existing_valid_dataset(project):
    with pytest.raises(ContentError) as caught:
        scaffold.chart(project, "c", "everythin", "line")
    assert only_problem(caught) == Problem(
        "charts/c.yml", "dataset 'everythin' not found in data/", hint="did you mean 'everything'?"
    )
    (project / "data" / "broken.yml").write_text("title: [\n")
    with pytest.raises(ContentError) as caught:
        scaffold.chart(project, "c", "broken", "line")
    first, *of_the_dataset = caught.value.problems  # why nothing was written, then the dataset's own problems
    assert first == Problem("charts/c.yml", "dataset 'broken' has problems; fix them first")
    assert of_the_dataset and all(p.path == "data/broken.yml" and p.line for p in of_the_dataset)


def test_new_page_embeds_nothing_and_lists_the_charts(project):
    make(scaffold.chart(project, "troops_line", "everything", "line"))
    made = scaffold.page(project, "history/kfor")
    path = make(made)
    assert path == project / "content" / "history" / "kfor.md"
    text = path.read_text()
    assert text.startswith("---\ntitle: Kfor\n")
    assert "troops_line" in text
    assert Project.load(project).check_page("content/history/kfor.md", text) == []
    assert "- Kfor: history/kfor.md" in made.next_steps[0]  # mkdocs.yml's nav is the editor's: we say what to add


@pytest.mark.parametrize(
    "make_one",
    [
        lambda root: scaffold.dataset(root, "everything"),
        lambda root: scaffold.chart(root, "existing", "everything", "line"),
        lambda root: scaffold.page(root, "existing"),
    ],
)
def test_nothing_is_overwritten(project, make_one):
    (project / "charts" / "existing.yml").write_text("mine")
    (project / "content" / "existing.md").write_text("mine")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    with pytest.raises(ContentError) as caught:
        make_one(project)
    problem = only_problem(caught)
    assert problem.message == "the file exists already; nothing was written"
    assert problem.path in ("data/everything.yml", "charts/existing.yml", "content/existing.md")
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_write_refuses_a_file_that_appeared_meanwhile(project):
    made = scaffold.page(project, "race")
    made.path.write_text("someone else's")
    with pytest.raises(ContentError) as caught:
        scaffold.write(made)
    assert only_problem(caught).path == "content/race.md"
    assert made.path.read_text() == "someone else's"


@pytest.mark.parametrize(
    "call, what, argument",
    [
        (lambda root: scaffold.dataset(root, "Troops"), "dataset", "NAME"),
        (lambda root: scaffold.dataset(root, "../escape"), "dataset", "NAME"),
        (lambda root: scaffold.chart(root, "c", "everything", "pie"), "chart", "--kind"),
        (lambda root: scaffold.page(root, "../outside"), "page", "NAME"),
        (lambda root: scaffold.page(root, "/abs"), "page", "NAME"),
    ],
)
def test_bad_names_are_placed_at_the_command_line(project, call, what, argument):
    """No file is involved: the problem is placed at the command, which the CLI reports as a usage error."""
    with pytest.raises(ContentError) as caught:
        call(project)
    problem = only_problem(caught)
    assert (
        (problem.path, problem.field)
        == (scaffold.command_line(what), argument)
        == (f"site-builder new {what}", argument)
    )


def test_yaml_scalars_are_never_misread():
    from site_builder.formats.yamlsource import parse_yaml

    for value in [
        "no",
        "2008-02-17",
        "a: b",
        "# x",
        "012",
        "true",
        "KFOR troops",
        "it's",
        "[x]",
        3,
        2.5,
        False,
        {"date": "2008", "label": "x: y"},
        ["a", "b"],
    ]:
        assert parse_yaml(f"key: {scaffold.yaml_value(value)}\n", "t").value == {"key": value}, value
