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
from site_builder.formats.site_config import SiteConfig
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


MKDOCS = """\
site_name: Everything
docs_dir: content
nav:
  - Home: index.md
"""


@pytest.fixture
def project(tmp_path) -> Path:
    for folder in ("data", "charts", "content"):
        (tmp_path / folder).mkdir()
    (tmp_path / "data" / "everything.yml").write_text(ALL_TYPES)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS)
    return tmp_path


def config(root: Path) -> SiteConfig:
    return SiteConfig.load(root)


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
    made = scaffold.page(config(project), "history/kfor")
    path = make(made)
    assert path == project / "content" / "history" / "kfor.md"
    text = path.read_text()
    assert text.startswith("---\ntitle: Kfor\n")
    assert "troops_line" in text
    assert Project.load(project).check_page("content/history/kfor.md", text) == []
    assert made.done == ["wrote content/history/kfor.md", "added to the navigation of mkdocs.yml at the end, line 5"]
    assert (project / "mkdocs.yml").read_text() == MKDOCS + "  - Kfor: history/kfor.md\n"


def test_new_files_go_where_mkdocs_yml_says(project):
    (project / "mkdocs.yml").write_text(
        "site_name: Elsewhere\ndocs_dir: pages\nplugins:\n  - site-builder:\n"
        "      data_dir: figures\n      charts_dir: graphics\n"
    )
    (project / "figures").mkdir()
    (project / "data" / "everything.yml").rename(project / "figures" / "everything.yml")
    site = config(project)
    made = scaffold.page(site, "kfor")
    assert made.shown == "pages/kfor.md" and made.path == project / "pages" / "kfor.md"
    assert made.placement.note == "mkdocs.yml has no `nav:`: the page appears in the site's menu by itself"
    assert not made.placement.changes
    assert "Charts in graphics/: none yet" in made.text
    made = scaffold.dataset(project, "levels", site.data_dir)
    assert made.shown == "figures/levels.yml"
    made = scaffold.chart(project, "c", "everything", "line", site.data_dir, site.charts_dir, site.docs_dir)
    assert made.shown == "graphics/c.yml"
    assert made.next_steps[0] == "add `::: chart c` on a line of its own to a page in pages/"


def test_the_title_keeps_the_projects_acronyms_and_says_how_to_choose_another(project):
    (project / "content" / "index.md").write_text("---\ntitle: What KFOR and NATO do\n---\n\n# Home\n")
    made = scaffold.page(config(project), "kfor-contributors-2024")
    assert made.text.startswith("---\ntitle: KFOR contributors 2024\n")
    assert "\n# KFOR contributors 2024\n" in made.text
    assert made.next_steps[1] == (
        'its title is "KFOR contributors 2024": to choose another, run the command with --title'
    )


def test_a_title_given_is_kept_as_written_and_quoted_for_yaml(project):
    made = scaffold.page(config(project), "kfor-2024", title="  KFOR in 2024: who sends the soldiers ")
    make(made)
    assert made.text.startswith('---\ntitle: "KFOR in 2024: who sends the soldiers"\n')
    assert "\n# KFOR in 2024: who sends the soldiers\n" in made.text
    assert SiteConfig.load(project).nav[-1].title == "KFOR in 2024: who sends the soldiers"
    assert len(made.next_steps) == 1  # nothing to say about a title the editor chose


@pytest.mark.parametrize(
    "title, message",
    [
        ("   ", "the title is empty"),
        ("KFOR\x07", "character U+0007 is not allowed in text (character 5)"),
    ],
)
def test_a_bad_title_is_a_usage_error_and_nothing_is_written(project, title, message):
    before = (project / "mkdocs.yml").read_bytes()
    with pytest.raises(ContentError) as caught:
        scaffold.page(config(project), "kfor", title=title)
    problem = only_problem(caught)
    assert (problem.path, problem.field, problem.message) == ("site-builder new page", "--title", message)
    assert (project / "mkdocs.yml").read_bytes() == before and not (project / "content" / "kfor.md").exists()


@pytest.mark.parametrize(
    "make_one",
    [
        lambda root: scaffold.dataset(root, "everything"),
        lambda root: scaffold.chart(root, "existing", "everything", "line"),
        lambda root: scaffold.page(SiteConfig.load(root), "existing"),
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
    made = scaffold.page(config(project), "race")
    made.path.write_text("someone else's")
    with pytest.raises(ContentError) as caught:
        scaffold.write(made)
    assert only_problem(caught).path == "content/race.md"
    assert made.path.read_text() == "someone else's"
    assert (project / "mkdocs.yml").read_text() == MKDOCS  # and the navigation is left alone


def test_write_refuses_when_mkdocs_yml_changed_meanwhile(project):
    made = scaffold.page(config(project), "race")
    (project / "mkdocs.yml").write_text(MKDOCS + "  - Theirs: theirs.md\n")
    with pytest.raises(ContentError) as caught:
        scaffold.write(made)
    assert only_problem(caught) == Problem(
        "mkdocs.yml", "the file changed meanwhile; nothing was written", hint="run the command again"
    )
    assert not made.path.exists() and (project / "mkdocs.yml").read_text() == MKDOCS + "  - Theirs: theirs.md\n"


def test_new_dataset_suggests_the_kind_its_fields_fit_and_names_the_others(project):
    made = scaffold.dataset(project, "levels")
    assert made.next_steps == [
        "replace the placeholders in data/levels.yml, then run `site-builder check`",
        "draw it: site-builder new chart levels_line --dataset levels --kind line",
        "other kinds: step fits its fields too; ranked_bar needs a text, country or category field; grouped_bar "
        "needs another text, category, country or date field; choropleth needs a country field",
    ]
    # what it names is true: each kind said to fit scaffolds, each said not to is refused
    make(made)
    scaffold.chart(project, "levels_step", "levels", "step")
    with pytest.raises(ContentError):
        scaffold.chart(project, "levels_bars", "levels", "ranked_bar")


def test_the_suggestion_follows_the_fields_written():
    text = scaffold.DATASET.replace("    type: date ", "    type: country ", 1)
    steps = scaffold._chart_suggestion("places", text.format(schema="", title="T", today="2026-11-28", year=2026))
    assert steps[0] == "draw it: site-builder new chart places_ranked_bar --dataset places --kind ranked_bar"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kinds_example_alt_text_describes_that_kind_and_its_data(project, kind):
    text = scaffold.chart(project, f"new_{kind}", "everything", kind).text
    [alt] = [line for line in text.splitlines() if line.startswith("# alt: ")]
    loaded_alt = read_yaml_text(alt.removeprefix("# "))["alt"]
    kinds = {
        "line": "Line chart of Troops",
        "ranked_bar": "Bar chart ranking",
        "grouped_bar": "Grouped bar chart of Troops",
        "choropleth": "World map of status for the 2 states",
        "step": "Step chart of the running count",
    }
    assert loaded_alt.startswith(kinds[kind]), loaded_alt
    assert "falling" not in loaded_alt


@pytest.mark.parametrize(
    "call, what, argument",
    [
        (lambda root: scaffold.dataset(root, "Troops"), "dataset", "NAME"),
        (lambda root: scaffold.dataset(root, "../escape"), "dataset", "NAME"),
        (lambda root: scaffold.chart(root, "c", "everything", "pie"), "chart", "--kind"),
        (lambda root: scaffold.page(SiteConfig.load(root), "../outside"), "page", "NAME"),
        (lambda root: scaffold.page(SiteConfig.load(root), "/abs"), "page", "NAME"),
        (lambda root: scaffold.page(SiteConfig.load(root), "p", section=" "), "page", "--section"),
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


def read_yaml_text(text: str):
    from site_builder.formats.yamlsource import parse_yaml

    return parse_yaml(text + "\n", "t").value


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
