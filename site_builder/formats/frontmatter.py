"""A page's front matter, checked as MkDocs reads it: what would be dropped, misread or ignored
without a word.

MkDocs (`mkdocs.utils.meta`) takes YAML between `---` lines at the very top of a page; when that
YAML does not parse, it drops it silently and the page shows the raw `title: ...` lines as a
paragraph, with the site-wide description, in the search index too. Without `---` lines it reads
MultiMarkdown's `key: value` lines up to the first blank line as metadata instead, so a page
that opens with `Note: ...` loses its first paragraph. A key no template reads (`titel:`) is
ignored. Each of these is a problem here, at its line, so the build and `site-builder check`
refuse it before anything is written.

Every page needs a title that is not its file name. MkDocs takes a page's title from, in turn,
its `nav:` entry, its front matter's `title`, a `# Heading` that opens the page, and last its file
name (`kfor-2024.md` becomes "Kfor 2024"): only that last one is refused.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection

import yaml

from site_builder.errors import Problem, describe, did_you_mean
from site_builder.formats.yamlsource import syntax_problem
from site_builder.formats.yamlsyntax import quoted, shown
from site_builder.languages import current

# The keys a page's front matter may hold, and who reads each: MkDocs, mkdocs-material's templates
# and built-in plugins (search, tags, social), and this project's plugin (`build/pages.py`).
KEYS = {
    "title": "the page's title: <title>, navigation, search, social cards (MkDocs, Material)",
    "description": "the page's description: <meta name=description>, social cards (Material)",
    "template": "the theme's template that renders the page (MkDocs)",
    "hide": "parts of the page's layout to hide: navigation, toc, footer, path, feedback, tags (Material)",
    "icon": "an icon beside the page in the navigation (Material)",
    "status": "a status badge in the navigation, from `extra.status` (Material)",
    "subtitle": "a line under the title in the navigation (Material)",
    "search": "`exclude: true` or `boost: 2`, how the page enters the search index (Material's search plugin)",
    "tags": "the page's tags (Material's tags and search plugins)",
    "social": "the page's social card settings (Material's social plugin)",
    "translation": "a translated page's source version, date, method and reviewer (languages/notes.py)",
}
TRANSLATION_KEYS = ("source", "date", "method", "reviewed_by")
_HEX = re.compile(r"[0-9a-f]{12}\Z")
TEXT_KEYS = ("title", "description", "subtitle")

# As MkDocs finds front matter (mkdocs.utils.meta): YAML between `---` lines at the very top, or
# MultiMarkdown's `key: value` lines up to the first blank line.
YAML_BLOCK = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META_LINE = re.compile(r"[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MORE_LINE = re.compile(r"([ ]{4}|\t)")
_HEADING = re.compile(r"#(?!#)[ \t]*[^\s#]")  # Python-Markdown's `# Title` (or `#Title`), not `## Title`
_SETEXT = re.compile(r"[ ]{0,3}=+[ \t]*\Z")
_LOADER = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def front_matter_problems(
    display: str, markdown: str, titled: bool = False, line_offset: int = 0, translated: bool | None = None
) -> list[Problem]:
    """Problems with the front matter of the page `display`, and its title; `titled` when its
    `nav:` entry gives it one. `line_offset` counts lines removed before `markdown`. A page of a
    translated edition (`translated`; by default, when the language being made is not the
    source's) must say what translation it is (`translation:`, see languages/notes.py).
    """
    if translated is None:
        translated = current.language() != current.SOURCE
    markdown = markdown.replace("\r\n", "\n")
    block = YAML_BLOCK.match(markdown)
    if block:
        problems, meta = _yaml_block(display, block.group(1), 2 + line_offset)
        body = markdown[block.end() :]
    elif markdown.startswith("---") and _META_LINE.match(markdown.split("\n", 2)[1] if "\n" in markdown else ""):
        return [
            Problem(
                display,
                "the front matter is not closed: MkDocs would show it as text",
                1 + line_offset,
                None,
                "",
                "end it with a line of three dashes, `---`, before the page's text",
            )
        ]
    else:
        problems, meta, body_line = _meta_lines(display, markdown, line_offset)
        body = "\n".join(markdown.split("\n")[body_line - 1 :])
    if not problems and translated and "translation" not in meta:
        problems.append(_no_translation_note(display, line_offset))
    if problems:
        return problems
    if not titled and "title" not in meta and not _opens_with_heading(body):
        problems.append(
            Problem(
                display,
                "the page has no title: MkDocs would make one from the file name",
                1 + line_offset,
                None,
                "",
                "open the page with a heading (`# The page's title`), or give it front matter: "
                '`---`, `title: "The page\'s title"`, `---`',
            )
        )
    return problems


def _yaml_block(display: str, text: str, first_line: int) -> tuple[list[Problem], dict]:
    """The YAML front matter read as MkDocs reads it (its safe loader, its types), checked."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
        meta = yaml.load(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        problem = syntax_problem(error, text, display, first_line)
        return [_dropped(problem)], {}
    except yaml.YAMLError as error:
        return [Problem(display, f"the front matter cannot be read: {error}", first_line)], {}
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        return [
            Problem(
                display,
                "the front matter is not `key: value` lines: MkDocs would show it as text",
                first_line,
                None,
                "",
                'write one setting a line, like `title: "The page\'s title"`',
            )
        ], {}
    lines = text.split("\n")
    problems = []
    for key_node, value_node in node.value:
        key, mark = key_node.value, key_node.start_mark
        where = (mark.line + first_line, mark.column + 1)
        if key not in KEYS:
            problems.append(
                Problem(display, f"unknown front-matter key '{key}'", *where, str(key), _key_hint(str(key)))
            )
        elif key == "translation":
            problems += _translation_value(display, meta.get(key), value_node, first_line)
        elif key in TEXT_KEYS:
            line = lines[value_node.start_mark.line] if value_node.start_mark.line < len(lines) else ""
            problems += _text_value(display, key, meta.get(key), line, (value_node.start_mark.line + first_line, None))
    return problems, meta


def _dropped(problem: Problem) -> Problem:
    """A syntax error in front matter, which MkDocs would drop and publish as the page's text."""
    return Problem(problem.path, problem.message, problem.line, problem.column, "front matter", problem.hint)


def _text_value(display: str, key: str, value, line: str, where) -> list[Problem]:
    """A title, description or subtitle is text: never empty, a number, a date or a true/false value."""
    if isinstance(value, str) and value.strip():
        return []
    written = line.split(":", 1)[1].strip() if ":" in line else ""
    if value is None or isinstance(value, str):
        if "#" in written:  # `title: #1 in the world`: the `#` starts a comment
            hint = f"' #' starts a comment in YAML: put the text in quotes: `{key}: {quoted(written)}`"
        else:
            hint = f'write the text after the colon: `{key}: "..."`, or remove the line'
        return [Problem(display, f"'{key}' is empty", where[0], where[1], key, hint)]
    hint = f"put it in quotes: `{key}: {quoted(written)}`" if written else "write the text on the line of its key"
    return [Problem(display, f"'{key}' must be text, got {describe(value)}", where[0], where[1], key, hint)]


def _key_hint(key: str) -> str:
    if key.lower() in KEYS:
        return f"keys are lower-case: '{key.lower()}'"
    close = did_you_mean(key, KEYS)
    if close.startswith("did you mean"):
        return close
    return "a page's front matter may hold " + ", ".join(f"'{name}'" for name in KEYS) + " (see File formats)"


def _meta_lines(display: str, markdown: str, line_offset: int) -> tuple[list[Problem], dict, int]:
    """MultiMarkdown's metadata: `key: value` lines that open a page, up to its first blank line.
    A key a theme reads is fine; any other means the editor wrote text that MkDocs will hide.
    """
    problems, meta, number = [], {}, 0
    lines = markdown.split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            return problems, meta, number + 1
        found = _META_LINE.match(line)
        if found:
            key = found["key"].lower()
            meta[key] = found["value"]
            if key not in KEYS:
                problems.append(
                    Problem(
                        display,
                        f"MkDocs reads this opening line as page metadata (key '{key}') and hides it: {shown(line)}",
                        number + line_offset,
                        1,
                        "",
                        "start the page with a heading (`# Title`) or a blank line, or put the text after one",
                    )
                )
        elif not (meta and _MORE_LINE.match(line)):
            return problems, meta, number
    return problems, meta, number + 1


def _opens_with_heading(body: str) -> bool:
    """Whether the page's first block is a level-one heading, which MkDocs takes as its title."""
    lines = body.lstrip("\n").split("\n")
    if not lines or not lines[0].strip():
        return False
    if _HEADING.match(lines[0]):
        return True
    return len(lines) > 1 and bool(_SETEXT.match(lines[1]))


def page_title(markdown: str) -> str | None:
    """The title a page gives itself (its front matter's `title`, or its opening `# Heading`), for hints."""
    block = YAML_BLOCK.match(markdown.replace("\r\n", "\n"))
    if block:
        try:
            meta = yaml.load(block.group(1), Loader=_LOADER)
        except yaml.YAMLError:
            return None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            return meta["title"]
        markdown = markdown[block.end() :]
    first = markdown.lstrip("\n").split("\n", 1)[0]
    return first.lstrip("#").strip() or None if _HEADING.match(first) else None


def titled_in_nav(entries: Collection) -> set[str]:
    """The pages whose `nav:` entry gives them a title."""
    return {entry.target for entry in entries if entry.title}


def _no_translation_note(display: str, line_offset: int) -> Problem:
    return Problem(
        display,
        "a translated page must say what it translates: its front matter has no `translation:`",
        1 + line_offset,
        None,
        "translation",
        "add `translation: {source: <version>, date: YYYY-MM-DD, method: machine, reviewed_by: null}` to the front "
        "matter; `site-builder translations --stamp <page> --method machine` writes it",
    )


def _translation_value(display: str, value, node, first_line: int) -> list[Problem]:
    """`translation: {source: 12 hex digits, date: YYYY-MM-DD, method: machine|human, reviewed_by: null|"Name"}`."""
    where = (node.start_mark.line + first_line, node.start_mark.column + 1)
    stamp = "`site-builder translations --stamp <page>` writes `source` and `date`"
    if not isinstance(value, dict):
        shape = "`translation: {source: <version>, date: YYYY-MM-DD, method: machine, reviewed_by: null}`"
        message = f"'translation' must be a mapping, got {describe(value)}"
        return [Problem(display, message, *where, "translation", shape)]
    problems = []
    positions = {
        key.value: (item.start_mark.line + first_line, item.start_mark.column + 1)
        for key, item in node.value
        if isinstance(key, yaml.ScalarNode)
    }

    def wrong(key: str, message: str, hint: str = "") -> None:
        problems.append(Problem(display, message, *positions.get(key, where), f"translation.{key}", hint))

    for key in value:
        if key not in TRANSLATION_KEYS:
            wrong(key, f"unknown key '{key}'", did_you_mean(str(key), TRANSLATION_KEYS))
    for key in ("source", "date", "method"):
        if key not in value:
            problems.append(Problem(display, f"missing required key '{key}'", *where, "translation", stamp))
    source, date, method = value.get("source"), value.get("date"), value.get("method")
    if "source" in value and not (isinstance(source, str) and _HEX.match(source)):
        wrong(
            "source",
            f"expected the English page's version, 12 hex digits (like 3f2a9c01b7de), got {describe(source)}",
            stamp,
        )
    if "date" in value and not _is_date(date):
        wrong("date", f"expected a date written YYYY-MM-DD, got {describe(date)}", stamp)
    if "method" in value and method not in ("machine", "human"):
        wrong("method", f"expected machine or human, got {describe(method)}", "how the translation was made")
    reviewer = value.get("reviewed_by")
    if reviewer is not None and not (isinstance(reviewer, str) and reviewer.strip()):
        message = f"expected the reviewer's name or null, got {describe(reviewer)}"
        wrong("reviewed_by", message, 'like `reviewed_by: "Ana Marku"`')
    return problems


def _is_date(value) -> bool:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return True
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def translation_meta(markdown: str) -> dict:
    """A page's front matter as MkDocs reads it (for its `translation:`); {} when it has none or it is broken."""
    block = YAML_BLOCK.match(markdown.replace("\r\n", "\n"))
    if not block:
        return {}
    try:
        meta = yaml.load(block.group(1), Loader=_LOADER)
    except yaml.YAMLError:
        return {}
    if not isinstance(meta, dict):
        return {}
    if isinstance(meta.get("translation"), dict) and isinstance(meta["translation"].get("date"), datetime.date):
        meta["translation"] = {**meta["translation"], "date": meta["translation"]["date"].isoformat()}
    return meta
