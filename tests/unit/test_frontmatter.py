"""Pages' front matter checked as MkDocs reads it (site_builder/formats/frontmatter.py): what MkDocs
would drop, hide or ignore without a word is a problem at its line, with the fix.
"""

from __future__ import annotations

import pytest

from site_builder.formats.frontmatter import KEYS, front_matter_problems, page_title


def problems(markdown: str, titled: bool = False) -> list[tuple]:
    return [
        (p.line, p.column, p.field, p.message, p.hint) for p in front_matter_problems("content/p.md", markdown, titled)
    ]


@pytest.mark.parametrize(
    "page",
    [
        "---\ntitle: KFOR\ndescription: Troops by year.\n---\n\nText.\n",
        "---\ntitle: KFOR\nhide:\n  - toc\nsearch:\n  boost: 2\ntags: [kfor]\n---\n\nText.\n",
        "# KFOR in 2024\n\nText.\n",
        "\n\n# KFOR\n",
        "#KFOR\n",
        "KFOR in 2024\n============\n\nText.\n",
        "---\ndescription: Troops.\n---\n\n# KFOR\n\nText.\n",
        "title: KFOR\n\nText.\n",  # MultiMarkdown's metadata, which MkDocs reads too
        '---\ntitle: "KFOR in 2024: who sends the soldiers"\n---\n',
    ],
)
def test_a_page_with_a_title_and_known_keys_passes(page):
    assert problems(page) == []


def test_an_unquoted_colon_drops_the_front_matter_and_is_placed_in_the_page():
    page = "---\ntitle: KFOR in 2024: who sends the soldiers\ndescription: x\n---\n\nText.\n"
    assert problems(page) == [
        (
            2,
            20,
            "front matter",
            "YAML syntax error: ': ' inside text that is not in quotes: `title: KFOR in 2024: who sends the soldiers`",
            'put the text in quotes: `title: "KFOR in 2024: who sends the soldiers"`',
        )
    ]


def test_a_tab_in_front_matter():
    [problem] = problems("---\ntitle: KFOR\nhide:\n\t- toc\n---\n# KFOR\n")
    assert problem[:2] == (4, 1) and problem[4] == "indent with spaces, not tabs: `  - toc`"


def test_unknown_keys_get_a_did_you_mean():
    page = "---\ntitle: KFOR\ndescripton: Troops.\nTitle: again\nauthor: me\n---\n"
    assert [(line, column, field, message, hint) for line, column, field, message, hint in problems(page)] == [
        (3, 1, "descripton", "unknown front-matter key 'descripton'", "did you mean 'description'?"),
        (4, 1, "Title", "unknown front-matter key 'Title'", "keys are lower-case: 'title'"),
        (
            5,
            1,
            "author",
            "unknown front-matter key 'author'",
            "a page's front matter may hold " + ", ".join(f"'{k}'" for k in KEYS) + " (see File formats)",
        ),
    ]


@pytest.mark.parametrize(
    "line, message, hint",
    [
        ("title: 2024", "'title' must be text, got the number 2024", 'put it in quotes: `title: "2024"`'),
        ("title: yes", "'title' must be text, got 'true' (a true/false value)", 'put it in quotes: `title: "yes"`'),
        ("title:", "'title' is empty", 'write the text after the colon: `title: "..."`, or remove the line'),
        (
            "title: #1 in the world",
            "'title' is empty",
            "' #' starts a comment in YAML: put the text in quotes: `title: \"#1 in the world\"`",
        ),
        (
            "description: 2024-03-01",
            "'description' must be text, got the date 2024-03-01",
            'put it in quotes: `description: "2024-03-01"`',
        ),
    ],
)
def test_text_keys_hold_text(line, message, hint):
    [problem] = problems(f"---\n{line}\n---\n# KFOR\n")
    assert (problem[0], problem[3], problem[4]) == (2, message, hint)


def test_a_page_with_no_title_is_refused_unless_the_nav_gives_it_one():
    page = "Text with no heading.\n\n# A heading that is not first\n"
    assert problems(page) == [
        (
            1,
            None,
            "",
            "the page has no title: MkDocs would make one from the file name",
            "open the page with a heading (`# The page's title`), or give it front matter: "
            '`---`, `title: "The page\'s title"`, `---`',
        )
    ]
    assert problems(page, titled=True) == []
    assert [p[3] for p in problems("## Only a second-level heading\n")] == [
        "the page has no title: MkDocs would make one from the file name"
    ]


def test_an_opening_line_that_mkdocs_reads_as_metadata():
    page = "Note: the figures are provisional\n\n# KFOR\n"
    assert problems(page) == [
        (
            1,
            1,
            "",
            "MkDocs reads this opening line as page metadata (key 'note') and hides it: "
            "`Note: the figures are provisional`",
            "start the page with a heading (`# Title`) or a blank line, or put the text after one",
        )
    ]


def test_front_matter_that_is_not_closed_or_not_key_value_lines():
    assert [p[3] for p in problems("---\ntitle: KFOR\n\n# KFOR\n")] == [
        "the front matter is not closed: MkDocs would show it as text"
    ]
    assert [p[3] for p in problems("---\n- a\n- b\n---\n# KFOR\n")] == [
        "the front matter is not `key: value` lines: MkDocs would show it as text"
    ]


def test_line_offset_and_windows_line_ends():
    [problem] = front_matter_problems("content/p.md", "---\r\ntitle: a: b\r\n---\r\n", line_offset=3)
    assert (problem.line, problem.column) == (5, 9)


def test_a_pages_own_title_for_hints():
    assert page_title("---\ntitle: KFOR troop strength\n---\n# Other\n") == "KFOR troop strength"
    assert page_title("---\ndescription: x\n---\n\n# KFOR in 2024\n") == "KFOR in 2024"
    assert page_title("Text first.\n\n# Later\n") is None
    assert page_title("---\ntitle: a: b\n---\n") is None
