"""What a project holds, by file name alone: the ids of its datasets and charts, and the check of
pages' `::: chart` and `::: table` lines against them, and of the text pages show elsewhere (their
front matter, in `<title>` and social tags) against `characters.py`.

Light on purpose (no pydantic, none of our YAML reading: front matter that could hold an escaped
control is scanned with the YAML parser MkDocs has loaded already): the MkDocs process checks
every page with it while the charts are loaded and made in a second process (`chartwork.py`),
and `site-builder check` still checks pages against the files that exist when some of them are
broken. `Project.load` takes its list of files from here, so the two can never disagree about
which files count.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_builder.errors import Problem, did_you_mean, display_path
from site_builder.formats.characters import NOT_TEXT, direction_problem, has_direction_controls, text_problem
from site_builder.formats.embed import Embed, find_embeds, lines_outside_fences

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")  # \Z: "$" would let a name end in a newline


@dataclass
class Contents:
    root: Path
    datasets: dict[str, Path] = field(default_factory=dict)  # id -> file
    charts: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # files refused for their name or place

    @classmethod
    def find(cls, root: Path | str, data_dir: str = "data", charts_dir: str = "charts") -> Contents:
        root = Path(root).resolve()
        found = cls(root)
        found.datasets = {path.stem: path for path in yaml_files(root, data_dir, found.problems)}
        found.charts = {path.stem: path for path in yaml_files(root, charts_dir, found.problems)}
        return found

    def check_page(self, display: str, markdown: str, line_offset: int = 0) -> list[Problem]:
        return check_page(display, markdown, self.charts, self.datasets, line_offset)

    def check_pages(self, docs: str, pages: Iterable[tuple[str, str]]) -> tuple[list[Problem], dict[str, tuple]]:
        """Every page's problems (a page named `<docs>/<path>`, as editors see it), and what each
        page with embeds embeds (path -> its `Embed`s), from (path, Markdown) pairs.
        """
        problems, shown = [], {}
        for path, markdown in pages:
            problems += page_text_problems(f"{docs}/{path}", markdown)
            if ":::" in markdown:
                embeds, malformed = find_embeds(markdown)
                problems += check_embeds(f"{docs}/{path}", embeds, malformed, self.charts, self.datasets)
                shown[path] = tuple(embeds)
        return problems, shown


def check_page(
    display: str, markdown: str, charts: Collection[str], datasets: Collection[str], line_offset: int = 0
) -> list[Problem]:
    """Problems with a page's embed lines: malformed ones, and ids with no file behind them.
    `line_offset` counts front-matter lines removed before.
    """
    problems = page_text_problems(display, markdown, line_offset)
    return problems + check_embeds(display, *find_embeds(markdown), charts, datasets, line_offset)


# Front matter as MkDocs finds it (mkdocs.utils.meta): YAML between `---` lines at the very top, or
# MultiMarkdown's `key: value` lines up to the first blank line.
_FRONT_MATTER = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_META_LINE = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:|([ ]{4}|\t)")
_YAML_EVENTS = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


def page_text_problems(display: str, markdown: str, line_offset: int = 0) -> list[Problem]:
    """Text of a page that the site shows in other places than the page: its front matter (the
    `<title>`, social tags, the navigation and the search index show its title and description)
    may hold no control character and no direction control left open (`characters.py`), escaped or
    written; nor may a line of its Markdown (a heading becomes the title when the front matter has
    none) leave a direction control open. Code blocks are examples and are left alone.
    """
    problems: list[Problem] = []
    body, body_line = markdown, 1
    front = _FRONT_MATTER.match(markdown)
    if front:
        body, body_line = markdown[front.end() :], markdown.count("\n", 0, front.end()) + 1
        if "\\" in front.group(1) or NOT_TEXT.search(front.group(1)) or has_direction_controls(front.group(1)):
            problems += _front_matter_problems(display, front.group(1), 2 + line_offset)
    elif not markdown.startswith("---"):
        lines = markdown.split("\n")
        for number, line in enumerate(lines, start=1):
            if not line.strip() or not _META_LINE.match(line):
                break
            if wrong := text_problem(line):
                problems.append(Problem(display, wrong[0], number + line_offset, None, "", wrong[1]))
            body_line = number + 1
        body = "\n".join(lines[body_line - 1 :])
    if has_direction_controls(body) or "&#" in body:
        for number, line, in_code in lines_outside_fences(body):
            if in_code or not (has_direction_controls(line) or "&#" in line):
                continue
            if wrong := direction_problem(html.unescape(line)):
                problems.append(Problem(display, wrong[0], number + body_line - 1 + line_offset, None, "", wrong[1]))
    return problems


def _front_matter_problems(display: str, text: str, first_line: int) -> list[Problem]:
    """Each key and value of YAML front matter, as MkDocs reads it (escapes decoded), checked."""
    problems = []
    try:
        for event in yaml.parse(text, Loader=_YAML_EVENTS):
            if isinstance(event, yaml.ScalarEvent) and (wrong := text_problem(event.value)):
                mark = event.start_mark
                problems.append(Problem(display, wrong[0], mark.line + first_line, mark.column + 1, "", wrong[1]))
    except yaml.YAMLError:  # MkDocs then ignores the front matter: there is nothing shown to check
        return []
    return problems


def check_embeds(
    display: str,
    embeds: list[Embed],
    malformed: list[tuple[int, str]],
    charts: Collection[str],
    datasets: Collection[str],
    line_offset: int = 0,
) -> list[Problem]:
    """`check_page` for embeds found already (`embed.find_embeds`)."""
    problems = [
        Problem(
            display,
            f"malformed chart line '{text}'",
            line + line_offset,
            None,
            "",
            "write it alone on its line as `::: chart <chart-id>`, `::: table <dataset-id>`, `::: sources` or "
            "`::: corrections`",
        )
        for line, text in malformed
    ]
    first: dict[tuple[str, str], int] = {}
    for embed in embeds:
        shown_at = first.setdefault((embed.kind, embed.target), embed.line)
        if shown_at != embed.line:
            problems.append(_shown_twice(display, embed, shown_at, line_offset))
        elif embed.kind == "chart" and embed.target not in charts:
            problems.append(
                Problem(
                    display,
                    f"chart '{embed.target}' not found in charts/",
                    embed.line + line_offset,
                    None,
                    "",
                    did_you_mean(embed.target, charts),
                )
            )
        elif embed.kind == "table" and embed.target not in datasets:
            problems.append(
                Problem(
                    display,
                    f"dataset '{embed.target}' not found in data/",
                    embed.line + line_offset,
                    None,
                    "",
                    did_you_mean(embed.target, datasets),
                )
            )
    return problems


def _shown_twice(display: str, embed: Embed, first: int, line_offset: int) -> Problem:
    """The same block twice on a page: two elements with one id (`chart-<id>`, `data-<id>`,
    `sources-<id>`), so links and screen readers would reach only the first.
    """
    what = {"chart": f"chart '{embed.target}'", "table": f"table of '{embed.target}'", "sources": "list of sources"}
    what["corrections"] = "list of corrections"
    anchor = {"chart": f"chart-{embed.target}", "table": f"data-{embed.target}"}.get(embed.kind)
    link = f"; to point to it from here, link to it: [see the {embed.kind}](#{anchor})" if anchor else ""
    return Problem(
        display,
        f"the {what[embed.kind]} is shown on this page already, at line {first + line_offset}",
        embed.line + line_offset,
        None,
        "",
        "show it once" + link,
    )


def yaml_files(root: Path, folder: str, problems: list[Problem]) -> list[Path]:
    """The `.yml` files of a project folder; a file whose name is no valid id, or that leads outside the
    project, is refused.
    """
    directory = root / folder
    if not directory.is_dir():
        return []
    real_directory = directory.resolve()  # once: resolving each of a thousand files costs more than loading them
    found = []
    for entry in sorted(os.scandir(directory), key=lambda entry: entry.name):
        path = directory / entry.name
        if path.suffix == ".yaml":
            problems.append(
                Problem(display_path(path, root), "files here end in .yml", hint=f"rename it {path.stem}.yml")
            )
            continue
        if path.suffix != ".yml" or not entry.is_file():
            continue
        if not _ID.match(path.stem):
            problems.append(
                Problem(
                    display_path(path, root),
                    f"'{path.stem}' is not a valid id",
                    hint="file names use lower-case letters, digits and underscores, like kfor_troops.yml",
                )
            )
            continue
        real = path.resolve() if entry.is_symlink() else real_directory / entry.name
        if not real.is_relative_to(root):
            problems.append(
                Problem(
                    display_path(path, root),
                    "this file links to a place outside the project",
                    hint="copy the file into the project instead of linking to it",
                )
            )
            continue
        found.append(path)
    return found
