"""A project's files by name (site_builder/formats/contents.py): what the MkDocs process checks pages against."""

from __future__ import annotations

import os

from site_builder.formats.contents import Contents, check_embeds, check_page
from site_builder.formats.embed import Embed, find_embeds


def make(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_ids_come_from_file_names_and_bad_names_are_refused(tmp_path):
    make(
        tmp_path,
        {
            "data/troops.yml": "x",
            "data/Bad-Name.yml": "x",
            "data/old.yaml": "x",
            "data/notes.txt": "x",
            "charts/troops_line.yml": "not even valid yaml: [",
            "charts/.hidden.yml": "x",
        },
    )
    found = Contents.find(tmp_path)
    assert list(found.datasets) == ["troops"] and list(found.charts) == ["troops_line"]
    assert [(p.path, p.message) for p in found.problems] == [
        ("data/Bad-Name.yml", "'Bad-Name' is not a valid id"),
        ("data/old.yaml", "files here end in .yml"),
        ("charts/.hidden.yml", "'.hidden' is not a valid id"),
    ]


def test_a_file_linking_outside_the_project_is_refused(tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text("x")
    make(tmp_path / "project", {"data/inside.yml": "x"})
    os.symlink(outside, tmp_path / "project" / "data" / "leak.yml")
    found = Contents.find(tmp_path / "project")
    assert list(found.datasets) == ["inside"]
    assert [(p.path, p.message) for p in found.problems] == [
        ("data/leak.yml", "this file links to a place outside the project")
    ]


def test_a_data_folder_linking_outside_the_project_is_refused(tmp_path):
    make(tmp_path, {"elsewhere/troops.yml": "x", "project/mkdocs.yml": ""})
    os.symlink(tmp_path / "elsewhere", tmp_path / "project" / "data")
    found = Contents.find(tmp_path / "project")
    assert found.datasets == {} and [p.message for p in found.problems] == [
        "this file links to a place outside the project"
    ]


def test_pages_are_checked_against_the_ids(tmp_path):
    page = "# T\n\n::: chart troops_lin\n\n::: table troop\n\n:::chart x y\n\n```\n::: chart in_code\n```\n"
    problems = check_page("content/t.md", page, {"troops_line"}, {"troops"})
    assert [(p.line, p.message, p.hint) for p in problems] == [
        (
            7,
            "malformed chart line ':::chart x y'",
            "write it alone on its line as `::: chart <chart-id>`, `::: table <dataset-id>`, `::: sources` or "
            "`::: corrections`",
        ),
        (3, "chart 'troops_lin' not found in charts/", "did you mean 'troops_line'?"),
        (5, "dataset 'troop' not found in data/", "did you mean 'troops'?"),
    ]
    assert check_embeds("content/t.md", *find_embeds(page), {"troops_line"}, {"troops"}) == problems


def test_every_page_is_checked_and_its_embeds_are_listed(tmp_path):
    contents = Contents(tmp_path, datasets={"troops": tmp_path / "troops.yml"}, charts={"a": tmp_path / "a.yml"})
    pages = [("p.md", "::: chart a\n::: table troops\n::: sources\n"), ("q.md", "::: chart b\n"), ("r.md", "text")]
    problems, shown = contents.check_pages("content", pages)
    assert [(p.path, p.line, p.message) for p in problems] == [("content/q.md", 1, "chart 'b' not found in charts/")]
    assert shown == {
        "p.md": (Embed(1, "a"), Embed(2, "troops", "table"), Embed(3, "", "sources")),
        "q.md": (Embed(1, "b"),),
    }
    assert shown["p.md"][1].target == "troops"


def test_a_block_shown_twice_on_a_page_is_refused_at_its_second_line():
    markdown = "# T\n\n::: chart a\n\ntext\n\n::: chart a\n\n::: table d\n::: table d\n::: sources\n::: sources\n"
    problems = check_page("content/p.md", markdown, {"a"}, {"d"})
    assert [(p.line, p.message) for p in problems] == [
        (7, "the chart 'a' is shown on this page already, at line 3"),
        (10, "the table of 'd' is shown on this page already, at line 9"),
        (12, "the list of sources is shown on this page already, at line 11"),
    ]
    assert problems[0].hint == "show it once; to point to it from here, link to it: [see the chart](#chart-a)"
    assert problems[2].hint == "show it once"
    assert check_page("content/p.md", "::: chart a\n\n::: chart b\n", {"a", "b"}, set()) == []
