"""`new page` puts the page into mkdocs.yml's `nav:` with one added line: every other byte of the file
(comments, order, quoting, `!ENV` and other tags, indentation, line endings) is kept, and a file the
edit would break is not written.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from site_builder.editors import nav_editor
from site_builder.errors import ContentError, Problem
from site_builder.formats.site_config import SiteConfig
from tests.conftest import ROOT

TAGGED = """\
site_name: 'Tagged'   # quoted, with a comment
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
docs_dir: content
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
nav:
- Home: index.md
- "Data: the sources": sources.md   # why it is here
- Reports:
  - 2023: reports/2023.md
  # - 2022: reports/2022.md   (withdrawn)

# The search plugin, then ours.
plugins:
  - search
"""


def project(tmp_path: Path, text: str, newline: str = "\n") -> SiteConfig:
    (tmp_path / "mkdocs.yml").write_bytes(text.replace("\n", newline).encode())
    return SiteConfig.load(tmp_path)


def add(config: SiteConfig, target: str, title: str, section: str | None = None) -> nav_editor.Placement:
    placement = nav_editor.place(config, target, title, section)
    nav_editor.write(placement)
    return placement


def added_lines(before: str, after: str) -> list[str]:
    """The lines `after` adds to `before`, failing if it changes or removes any."""
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after.splitlines(keepends=True)))
    assert not [line for line in diff if line.startswith("- ")], "".join(diff)
    return [line[2:] for line in diff if line.startswith("+ ")]


def line_of(text: str, line: str) -> int:
    """The 1-based number of `line` in `text` (the site's mkdocs.yml moves as settings are added)."""
    return text.splitlines().index(line) + 1


def test_the_kosovo_config_gains_one_line_and_nothing_else(tmp_path):
    before = (ROOT / "mkdocs.yml").read_text()
    config = project(tmp_path, before)
    placement = add(config, "kfor-contributors-2024.md", "KFOR contributors 2024", "Recognition")
    after = (tmp_path / "mkdocs.yml").read_text()
    assert added_lines(before, after) == ["      - KFOR contributors 2024: kfor-contributors-2024.md\n"]
    line = line_of(before, "      - Recognitions over time: recognition-over-time.md") + 1  # the section's last
    assert placement.note == f'added to the navigation of mkdocs.yml under "Recognition", line {line}'
    assert after.splitlines()[line - 1] == "      - KFOR contributors 2024: kfor-contributors-2024.md"
    entry = next(e for e in SiteConfig.load(tmp_path).nav if e.target == "kfor-contributors-2024.md")
    assert (entry.sections, entry.line) == (("Recognition",), line)


def test_comments_tags_quoting_and_the_files_own_indentation_are_kept(tmp_path):
    config = project(tmp_path, TAGGED)
    add(config, "reports/2024.md", "2024 report", "reports")
    add(config := SiteConfig.load(tmp_path), "about.md", "About: who we are")
    after = (tmp_path / "mkdocs.yml").read_text()
    # each entry goes after the last one of its list and the comments indented deeper than its dashes
    # (the withdrawn report stays in its section), and before the others (the plugins' comment stays
    # with `plugins:`)
    assert added_lines(TAGGED, after) == ['  - "2024 report": reports/2024.md\n', '- "About: who we are": about.md\n']
    assert after.index("2024 report") < after.index("# - 2022") < after.index("About") < after.index("# The search")
    assert '  # - 2022: reports/2022.md   (withdrawn)\n- "About: who we are": about.md\n\n# The search' in after
    assert [(e.title, e.sections) for e in SiteConfig.load(tmp_path).nav][-2:] == [
        ("2024 report", ("Reports",)),
        ("About: who we are", ()),
    ]


def test_line_endings_and_a_missing_last_newline_are_kept(tmp_path):
    text = "site_name: S\r\nnav:\r\n  - Home: index.md"
    (tmp_path / "mkdocs.yml").write_bytes(text.encode())
    add(SiteConfig.load(tmp_path), "new.md", "New")
    assert (tmp_path / "mkdocs.yml").read_bytes() == (text + "\r\n  - New: new.md\r\n").encode()


def test_a_new_section_is_made_at_the_end_indented_as_the_files_sections_are(tmp_path):
    before = (ROOT / "mkdocs.yml").read_text()
    placement = add(project(tmp_path, before), "reports/annual.md", "Annual report", "Reports")
    after = (tmp_path / "mkdocs.yml").read_text()
    assert added_lines(before, after) == ["  - Reports:\n", "      - Annual report: reports/annual.md\n"]
    assert placement.note.startswith('added to the navigation of mkdocs.yml under "Reports", a new section at the end')


def test_a_page_in_a_folder_goes_where_that_folders_pages_are(tmp_path):
    before = (ROOT / "mkdocs.yml").read_text()
    placement = add(project(tmp_path, before), "editors/style.md", "Style")
    line = line_of(before, "      - Field reference: editors/reference.md") + 1
    assert placement.note == (
        'added to the navigation of mkdocs.yml under "For editors" (where the other pages of editors/ are), '
        f"line {line}"
    )


def test_a_section_is_found_at_any_depth_and_whatever_its_case(tmp_path):
    config = project(tmp_path, "nav:\n  - A:\n      - Inner:\n          - x: x.md\n")
    add(config, "y.md", "Y", "inner")
    assert [(e.target, e.sections) for e in SiteConfig.load(tmp_path).nav] == [
        ("x.md", ("A", "Inner")),
        ("y.md", ("A", "Inner")),
    ]


def test_a_misspelt_section_is_a_slip_not_a_new_section(tmp_path):
    before = (ROOT / "mkdocs.yml").read_bytes()
    with pytest.raises(ContentError) as caught:
        nav_editor.place(project(tmp_path, before.decode()), "x.md", "X", "Recognitoin")
    assert caught.value.problems == [
        Problem(
            "site-builder new page",
            "no section 'Recognitoin' in the navigation of mkdocs.yml; nothing was written",
            field="--section",
            hint="did you mean 'Recognition'? (a name unlike every section's starts a new section at the end)",
        )
    ]
    assert (tmp_path / "mkdocs.yml").read_bytes() == before


def test_two_sections_of_the_same_name_are_told_apart_by_their_place(tmp_path):
    config = project(
        tmp_path, "nav:\n  - A:\n      - Data:\n          - a: a.md\n  - B:\n      - Data:\n          - b: b.md\n"
    )
    with pytest.raises(ContentError) as caught:
        nav_editor.place(config, "x.md", "X", "Data")
    assert caught.value.problems[0].hint == 'name the one you mean by its place: "A" > "Data"; "B" > "Data"'


def test_a_page_already_listed_is_not_listed_twice(tmp_path):
    before = (ROOT / "mkdocs.yml").read_text()
    placement = nav_editor.place(project(tmp_path, before), "kfor.md", "KFOR")
    assert not placement.changes
    assert placement.note == f"already in the navigation of mkdocs.yml, line {line_of(before, '  - KFOR: kfor.md')}"


def test_without_nav_nothing_is_added(tmp_path):
    placement = nav_editor.place(project(tmp_path, "site_name: S\n"), "x.md", "X", "Anything")
    assert not placement.changes
    assert placement.note == "mkdocs.yml has no `nav:`: the page appears in the site's menu by itself"


def test_a_nav_written_as_one_list_is_left_alone_with_the_line_to_add(tmp_path):
    with pytest.raises(ContentError) as caught:
        nav_editor.place(project(tmp_path, "site_name: S\nnav: [index.md, kfor.md]\n"), "x.md", "X: why")
    assert caught.value.problems == [
        Problem(
            "mkdocs.yml",
            "`nav:` is written as one [list]: pages are added only to a nav written an entry a line; "
            "nothing was written",
            2,
            field="nav",
            hint='add the page yourself, under `nav:`: - "X: why": x.md',
        )
    ]


def test_an_edit_that_would_change_anything_else_is_not_written(tmp_path, monkeypatch):
    """The guard itself: whatever goes wrong in placing the line, the file read back must be the old one plus it."""
    config = project(tmp_path, TAGGED)
    broken = lambda text, at, lines: (text.replace("docs_dir: content", "docs_dir: elsewhere") + "", 99)  # noqa: E731
    monkeypatch.setattr(nav_editor, "_insert", broken)
    with pytest.raises(ContentError) as caught:
        nav_editor.place(config, "x.md", "X")
    assert caught.value.problems[0].message == (
        "adding the line would change more of mkdocs.yml than the navigation; nothing was written"
    )
    monkeypatch.undo()
    monkeypatch.setattr(nav_editor, "_after", lambda node, text: text.splitlines().index("- Home: index.md"))
    with pytest.raises(ContentError) as caught:  # a line in the wrong place: the order of the menu changes
        nav_editor.place(config, "x.md", "X")
    assert caught.value.problems[0].message.endswith("than the navigation; nothing was written")
    unreadable = lambda text, at, lines: (text + "nav: [\n", 99)  # noqa: E731
    monkeypatch.setattr(nav_editor, "_insert", unreadable)
    with pytest.raises(ContentError) as caught:
        nav_editor.place(config, "x.md", "X")
    assert caught.value.problems[0].message.startswith("the new mkdocs.yml would not read: ")
    assert (tmp_path / "mkdocs.yml").read_text() == TAGGED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]  # no probe left behind


def test_a_section_named_like_a_page_is_refused(tmp_path):
    """`--section KFOR` where KFOR is a page: a new section would give the menu two items called KFOR."""
    before = (ROOT / "mkdocs.yml").read_text()
    with pytest.raises(ContentError) as caught:
        nav_editor.place(project(tmp_path, before), "kfor-2024.md", "KFOR in 2024", "kfor")
    (problem,) = caught.value.problems
    assert problem.message.startswith(
        f"'kfor' is a page in the navigation of mkdocs.yml (line {line_of(before, '  - KFOR: kfor.md')})"
    )
    assert "'Recognition'" in problem.hint and (tmp_path / "mkdocs.yml").read_text() == before
