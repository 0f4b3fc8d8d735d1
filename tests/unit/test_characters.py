"""characters.py: no control character, and no direction control left open, in any text of a
dataset, a chart spec or a page's front matter; right-to-left text itself passes untouched.
"""

from __future__ import annotations

import json

import pytest

from site_builder.errors import ContentError
from site_builder.formats.characters import text_problem
from site_builder.formats.contents import check_page
from site_builder.formats.datasets import load_dataset
from site_builder.formats.specs import load_chart
from site_builder.formats.yamlsource import parse_yaml
from tests.conftest import copy_project

ARABIC = "وزارة الخارجية"  # "Ministry of Foreign Affairs"
HEBREW = "משרד החוץ"

PASSES = [
    ARABIC,
    HEBREW,
    f"{ARABIC} (2024)",
    f"\u2067{ARABIC}\u2069 and NATO",  # an isolate, closed
    "a\u202eb\u202cc",  # an override, closed
    "\u2066x\u202by\u202cz\u2069",  # nested, each closed in order
    "\u200f\u200e\u061c",  # marks: they open nothing
    "tab\tand\nline breaks\r\n",
]
REFUSED = {
    "\u202eevil": "direction control U+202E (right-to-left override) at character 1 is not closed by the end",
    "ok \u2067x": "direction control U+2067 (right-to-left isolate) at character 4 is not closed by the end",
    "x\u202c": "direction control U+202C (pop directional formatting) at character 2 closes nothing opened before it",
    "\u2069": "direction control U+2069 (pop directional isolate) at character 1 closes nothing opened before it",
    "\u2066\u202b\u2069\u202c": "direction control U+2069 (pop directional isolate) at character 3 closes nothing",
    "\u202ea\nb\u202c": "is not closed before the line break at character 3",
    "\u202aa\u2029b\u202c": "is not closed before the line break at character 3",
    "a\x01": "character U+0001 is not allowed in text (character 2)",
    "\x00": "character U+0000 is not allowed in text",
    "\x1b[31m": "character U+001B is not allowed in text",
    "\x9b": "character U+009B is not allowed in text",
    "\ufffe": "character U+FFFE is not allowed in text",
}


@pytest.mark.parametrize("text", PASSES)
def test_right_to_left_text_and_closed_controls_pass(text):
    assert text_problem(text) is None


@pytest.mark.parametrize(("text", "message"), REFUSED.items())
def test_open_direction_controls_and_control_characters_are_refused(text, message):
    problem = text_problem(text)
    assert problem is not None and message in problem[0], problem


@pytest.mark.parametrize("text", list(REFUSED))
def test_every_text_a_file_holds_is_checked_escaped_or_written(text):
    """A value, and a key, written with YAML's escapes: the decoded text is what is checked."""
    with pytest.raises(ContentError) as caught:
        parse_yaml(f"title: {json.dumps(text)}\n", "x.yml")
    assert [(p.line, p.column, p.field) for p in caught.value.problems] == [(1, 8, "title")]
    with pytest.raises(ContentError) as caught:
        parse_yaml(f"fields:\n  {json.dumps(text)}: 1\n", "x.yml")
    assert [(p.line, p.column, p.field) for p in caught.value.problems] == [(2, 3, "fields")]


def test_a_source_s_producer_with_an_open_override_is_refused_in_the_dataset(tmp_path):
    mini = copy_project("mini", tmp_path / "mini")
    path = mini / "data" / "troops.yml"
    path.write_text(path.read_text().replace("producer: NATO", 'producer: "NATO\\u202E"'))
    with pytest.raises(ContentError) as caught:
        load_dataset(path, mini)
    assert [p.format().splitlines()[0] for p in caught.value.problems] == [
        "data/troops.yml:7:15: sources[0].producer: direction control U+202E (right-to-left override) at character 5 "
        "is not closed by the end of the text"
    ]
    assert "close it in the same text (U+202E with U+202C), or delete it" in caught.value.problems[0].hint
    path.write_text(path.read_text().replace('producer: "NATO\\u202E"', f"producer: {ARABIC}"))
    assert load_dataset(path, mini).source("nato").producer == ARABIC


def test_a_chart_title_with_an_open_isolate_is_refused(tmp_path):
    mini = copy_project("mini", tmp_path / "mini")
    path = mini / "charts" / "troops_line.yml"
    path.write_text(path.read_text().replace("title: Troops over time", 'title: "Troops \\u2067over time"'))
    with pytest.raises(ContentError) as caught:
        load_chart(path, mini)
    assert caught.value.problems[0].format().startswith("charts/troops_line.yml:3:8: title: direction control U+2067")


@pytest.mark.parametrize(
    ("page", "where"),
    [
        ('---\ntitle: "Troops\\u202e"\n---\n\n# Troops\n', 2),
        ("---\ndescription: plain\ntitle: Troops\u202e\n---\n", 3),
        ('---\ntitle: "a\\x07"\n---\n', 2),
        ("title: Troops\u202e\n\n# Troops\n", 1),  # MultiMarkdown's front matter
        ("# Troops\u202e\n\nText.\n", 1),  # a heading: the page's title when no front matter names one
        ("Intro.\n\n## Troops &#x202E;here\n", 3),  # a character reference is the character
    ],
)
def test_a_page_s_front_matter_and_headings_leave_no_direction_control_open(page, where):
    problems = check_page("content/troops.md", page, [], [])
    assert [(p.path, p.line) for p in problems] == [("content/troops.md", where)], problems


def test_a_page_in_arabic_and_a_code_example_pass():
    page = f'---\ntitle: "{ARABIC}"\n---\n\n# {HEBREW}\n\n```\n"\\u202e" \u202e is refused\n```\n'
    assert check_page("content/troops.md", page, [], []) == []
