"""Starting files for editors: `site-builder new dataset|chart|page NAME`.

Each file is valid as written (`site-builder check` passes on it), says in comments what each
key is for, and starts with the line that points YAML editors at the JSON Schema. A chart is
written for a real dataset: its keys name fields of that dataset, picked by the types the kind
accepts. Nothing here overwrites a file. Files go where mkdocs.yml says (docs_dir, the plugin's
data_dir and charts_dir), and a page is put into its navigation (`nav_editor.py`), with a title
spelt as the project spells its words (`titles.py`): the next `make serve` shows it in the menu.

What goes wrong is raised as `ContentError`, like any other mistake: a problem with what would be
written is placed at that file (`charts/kfor_line.yml`), and a bad argument at the command line
itself (`site-builder new chart`: see `command_line`), which the CLI reports as a usage error.

Chart starting files are generated from the kind's model (descriptions, examples, `FIELD_REFS`),
so a new kind gets a scaffold without a line of code here.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from site_builder.editors import nav_editor, titles
from site_builder.editors.yamltext import yaml_value
from site_builder.errors import ContentError, Problem, did_you_mean
from site_builder.figures.figure import chart_records
from site_builder.figures.kinds import KINDS
from site_builder.formats.characters import text_problem
from site_builder.formats.datasets import Dataset, load_dataset
from site_builder.formats.site_config import SiteConfig
from site_builder.formats.yamlsource import parse_yaml
from site_builder.languages import current
from site_builder.languages.localize import localized_dataset
from site_builder.reader.alt_text import describe_chart

ID = re.compile(r"^[a-z][a-z0-9_]*$")
PAGE = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")
SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"
WIDTH = 100


@dataclass(frozen=True)
class Scaffold:
    path: Path  # where to write, absolute
    shown: str  # the same, as the editor names it: relative to the project
    text: str
    next_steps: list[str]
    placement: nav_editor.Placement | None = None  # a page's place in the site's navigation

    @property
    def done(self) -> list[str]:
        """What was done, a line each, for the editor."""
        return [f"wrote {self.shown}"] + ([self.placement.note] if self.placement else [])


def command_line(what: str) -> str:
    """Where a bad argument of `site-builder new WHAT` is placed: it is in no file."""
    return f"site-builder new {what}"


def _bad_argument(what: str, argument: str, message: str, hint: str) -> ContentError:
    return ContentError([Problem(command_line(what), message, field=argument, hint=hint)])


def _refused(shown: str, message: str, hint: str = "") -> ContentError:
    return ContentError([Problem(shown, message, hint=hint)])


EXISTS = "the file exists already; nothing was written"
EXISTS_HINT = "choose another name, or edit the existing file"


def write(scaffold: Scaffold) -> None:
    """Write the file, then the navigation's new line; refuse when the file exists (`open(..., "x")` also
    closes the race between check and write), or when the config file changed since it was placed.
    """
    placement = scaffold.placement
    if placement and placement.changes and not nav_editor.unchanged(placement):
        raise _refused(
            placement.config.display, "the file changed meanwhile; nothing was written", "run the command again"
        )
    scaffold.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(scaffold.path, "x", encoding="utf-8") as out:
            out.write(scaffold.text)
    except FileExistsError:
        raise _refused(scaffold.shown, EXISTS, EXISTS_HINT) from None
    if placement:
        nav_editor.write(placement)


def _check_id(name: str, what: str) -> None:
    if not ID.match(name):
        raise _bad_argument(
            what,
            "NAME",
            f"'{name}' is not a valid {what} id",
            "use lower-case letters, digits and underscores, starting with a letter: kfor_troops",
        )


def _refuse_existing(path: Path, shown: str) -> None:
    if path.exists():
        raise _refused(shown, EXISTS, EXISTS_HINT)


# -- datasets -------------------------------------------------------------------------------------

DATASET = """\
{schema}# A dataset: what it is, where its figures come from, the type of each column, then the records.
# Every key is described on the site's "Field reference" page (content/editors/reference.md).
# Check it with `site-builder check`; the example values below are placeholders to replace.

# A short title.
title: {title}
# What the data is, how it was compiled, and its caveats.
description: >-
  Replace this text: what the figures measure, where they were collected, what is left out.
# The licence of this compilation.
license: CC BY 4.0
# The day you last checked the file against its sources: YYYY-MM-DD, in quotes.
last_checked: "{today}"

# Where the figures come from. Each record names one by its id.
sources:
  - id: example_source
    producer: Example producer              # who publishes it
    title: Example publication              # its title
    url_main: https://example.org/          # its address (http or https)
    date_published: "{year}"                # YYYY, YYYY-MM or YYYY-MM-DD
    date_accessed: "{today}"              # when you read it: YYYY-MM-DD
    # citation_full: the full citation, where the producer asks for one
    # notes: anything a reader should know about the source

# The columns of each record, in order. Types: text, integer, number, date, country, category.
fields:
  date:
    type: date                              # written 2008, 2008-02 or 2008-02-17
    title: Date
  value:
    type: number
    title: Value
    unit: units                             # the unit, in words
    min: 0                                  # optional: the smallest allowed value
  # status:
  #   type: category
  #   title: Status
  #   categories:                           # the allowed values, in legend order
  #     - value: yes_value
  #       label: What readers see

# The data: one record a line or a block. Every record names its `source`; `confidence: low`
# marks a figure as unconfirmed, and `note` is shown with it in tables and tooltips.
records:
  - date: "{year}"
    value: 1
    source: example_source
  # - {{date: "2008-02", value: 2, source: example_source, confidence: low, note: A single report.}}
"""


def dataset(root: Path, name: str, data_dir: str = "data", today: date | None = None) -> Scaffold:
    _check_id(name, "dataset")
    path, shown = root / data_dir / f"{name}.yml", f"{data_dir}/{name}.yml"
    _refuse_existing(path, shown)
    today = today or date.today()
    text = DATASET.format(
        schema=SCHEMA_LINE.format(kind="dataset"),
        title=yaml_value(name.replace("_", " ").capitalize()),
        today=today.isoformat(),
        year=today.year,
    )
    return Scaffold(
        path,
        shown,
        text,
        [f"replace the placeholders in {shown}, then run `site-builder check`", *_chart_suggestion(name, text)],
    )


def _chart_suggestion(name: str, text: str) -> list[str]:
    """The chart to draw next, of the first kind that fits the fields the starting file declares, and
    what each other kind would need: read from the file written, so that they follow its template.
    """
    types = {key: spec.get("type") for key, spec in parse_yaml(text, "new").value["fields"].items()}
    fitting, needs = [], []
    for kind, module in KINDS.items():
        lacking = _pick(module, types)[1]
        if lacking:
            words = ", ".join(lacking.allowed[:-1]) + " or " * (len(lacking.allowed) > 1) + lacking.allowed[-1]
            article = "another" if lacking.taken else "an" if words[0] in "aeiou" else "a"
            needs.append(f"{kind} needs {article} {words} field")
        else:
            fitting.append(kind)
    if not fitting:
        return ["add the fields a chart needs: " + "; ".join(needs)]
    others = [f"{', '.join(fitting[1:])} {'fit' if len(fitting) > 2 else 'fits'} its fields too"] if fitting[1:] else []
    return [
        f"draw it: site-builder new chart {name}_{fitting[0]} --dataset {name} --kind {fitting[0]}",
        "other kinds: " + "; ".join(others + needs),
    ]


# -- charts ---------------------------------------------------------------------------------------


def chart(
    root: Path,
    name: str,
    dataset_id: str,
    kind: str,
    data_dir: str = "data",
    charts_dir: str = "charts",
    docs_dir: str = "content",
    languages: tuple[str, ...] = (current.SOURCE,),
) -> Scaffold:
    """A new chart of a dataset whose texts may be in `languages` (the site's); its own texts start in English."""
    _check_id(name, "chart")
    if kind not in KINDS:
        raise _bad_argument("chart", "--kind", f"unknown chart kind '{kind}'", did_you_mean(kind, KINDS))
    path, shown = root / charts_dir / f"{name}.yml", f"{charts_dir}/{name}.yml"
    _refuse_existing(path, shown)
    data_path = root / data_dir / f"{dataset_id}.yml"
    if not data_path.is_file():
        known = [p.stem for p in (root / data_dir).glob("*.yml")] if (root / data_dir).is_dir() else []
        raise _refused(
            shown,
            f"dataset '{dataset_id}' not found in {data_dir}/",
            did_you_mean(dataset_id, known) or f"create it first: site-builder new dataset {dataset_id}",
        )
    try:
        data = localized_dataset(load_dataset(data_path, root, languages), current.SOURCE)
    except ContentError as error:  # the dataset's own problems, after the reason nothing was written
        refusal = Problem(shown, f"dataset '{dataset_id}' has problems; fix them first")
        raise ContentError([refusal, *error.problems]) from None
    text = chart_text(KINDS[kind], data, kind, shown)
    return Scaffold(
        path,
        shown,
        text,
        [f"add `::: chart {name}` on a line of its own to a page in {docs_dir}/", "then run `site-builder check`"],
    )


def pick_fields(module, data: Dataset, shown: str) -> dict[str, Any]:
    """A field of the dataset for every key of the kind that names one: required keys must get one, optional keys may.

    Fields are picked in the dataset's order, each at most once, so that e.g. a grouped bar chart's
    groups and series differ. `shown` is the chart file it is for, where a refusal is placed.
    """
    picked, lacking = _pick(module, {name: spec.type for name, spec in data.fields.items()})
    if lacking:
        kind = module.Spec.model_fields["kind"].annotation.__args__[0]
        have = ", ".join(f"{name} ({spec.type})" for name, spec in data.fields.items())
        raise _refused(
            shown,
            f"dataset '{data.id}' has no {'other ' * lacking.taken}{' or '.join(lacking.allowed)} field for "
            f"`{lacking.attribute}`, which a {kind} chart needs "
            f"(its fields: {have})",
            "choose another kind or dataset, or add such a field to the dataset",
        )
    return picked


@dataclass(frozen=True)
class _Lacking:
    attribute: str  # the kind's key no field fits
    allowed: tuple[str, ...]  # the types it takes
    taken: bool  # whether a field of such a type is there, but picked for another key


def _pick(module, types: dict[str, str]) -> tuple[dict[str, Any], _Lacking | None]:
    """The fields (name -> type) picked for the kind's keys, and the first required key none fits."""
    used: set[str] = set()
    picked: dict[str, Any] = {}
    for attribute, allowed in module.FIELD_REFS.items():
        info = module.Spec.model_fields[attribute]
        fitting = [name for name, kind in types.items() if (allowed is None or kind in allowed) and name not in used]
        if not fitting:
            if info.is_required():
                taken = any(allowed is None or types[name] in allowed for name in used)
                return picked, _Lacking(attribute, tuple(allowed or ("any",)), taken)
            continue
        used.add(fitting[0])
        picked[attribute] = [fitting[0]] if _is_list(info.annotation) else fitting[0]
    return picked, None


def chart_text(module, data: Dataset, kind: str, shown: str) -> str:
    spec = module.Spec
    picked = pick_fields(module, data, shown)
    lines = [
        SCHEMA_LINE.format(kind="chart").rstrip("\n"),
        f"# A {kind} chart of the dataset '{data.id}' ({data.meta.title}).",
        "# Keys left as comments are optional: remove the # to use one. Every key is described on",
        '# the site\'s "Field reference" page (content/editors/reference.md).',
        "",
    ]
    values = {"kind": kind, "dataset": data.id, "title": data.meta.title}
    for key, info in spec.model_fields.items():
        description = _comment(info.description or "")
        if key in values or info.is_required():
            value = values.get(key, picked.get(key))
            if value is None:  # a required key no rule above fills: its documented example
                value = info.examples[0] if info.examples else "..."
            lines += description + [f"{key}: {yaml_value(value)}"]
        else:
            example = picked.get(key)
            if example is None and key in module.FIELD_REFS:
                allowed = module.FIELD_REFS[key]
                lines += description + [
                    f"# {key}: <{' or '.join(allowed) if allowed else 'any'} field of {data.id}: none yet>"
                ]
                continue
            if key == "alt":
                lines += description + _alt_example(module, data, {**values, **picked})
                continue
            if example is None:
                if key == "filter":
                    example = _filter_example(data)
                elif info.examples:
                    example = info.examples[0]
                else:
                    example = info.default if info.default not in (None, ...) else "..."
            lines += description + [f"# {key}: {yaml_value(example)}"]
    return "\n".join(lines) + "\n"


def _alt_example(module, data: Dataset, values: dict[str, Any]) -> list[str]:
    """The text alternative this very chart gets when `alt` is left out: it describes the kind and the
    data, where a fixed example would describe some other chart (a ranked bar chart "falling" like a line).
    """
    try:
        spec = module.Spec.model_validate(values)
    except ValidationError:  # a kind whose required keys no rule fills: nothing true to show
        return ["# alt: <what the chart shows, in a sentence or two>"]
    records = chart_records(spec, data)
    first = module.describe(spec, records, data)[0] if records else describe_chart(spec, records, data)
    return [
        "# Generated, it starts as below, then gives the figures; written here, it stays as written:",
        f"# alt: {yaml_value(first)}",
    ]


def _filter_example(data: Dataset) -> dict:
    """A filter on a real value of the dataset's first category or text field, or on its first field."""
    for name, field in data.fields.items():
        if field.type in ("category", "text", "country"):
            value = next((r[name] for r in data.records if r.get(name) is not None), None)
            if value is not None:
                return {name: value}
    return {"field": "value"}


def _is_list(annotation) -> bool:
    return "list" in str(annotation)


def _comment(text: str) -> list[str]:
    return ["# " + line for line in textwrap.wrap(text, WIDTH - 2)] if text else []


# -- pages ----------------------------------------------------------------------------------------

PAGE_TEXT = """\
---
title: {title}
description: One sentence on what this page explains; search engines and link previews show it.
---

# {heading}

Write the explainer here, in Markdown: paragraphs, **bold**, [links](https://example.org/), lists.

<!-- Show a chart with a line of its own, between paragraphs:  ::: chart <chart-id>
     Charts in {charts_dir}/: {charts} -->
"""


def page(config: SiteConfig, name: str, title: str | None = None, section: str | None = None) -> Scaffold:
    """A page in the config's docs_dir, and its line in the navigation (`nav_editor.place`): under
    `section`, or where the pages of its folder are, or at the end. Its title is `title`, or made from
    its name with the project's own spellings (`titles`).
    """
    name = name.removesuffix(".md")
    if not PAGE.match(name):
        raise _bad_argument(
            "page",
            "NAME",
            f"'{name}' is not a valid page name",
            "use lower-case letters, digits, - and _, with / for a folder: kfor or history/kfor",
        )
    path, shown = config.root / config.docs_dir / f"{name}.md", f"{config.docs_dir}/{name}.md"
    _refuse_existing(path, shown)
    if title is None:
        title = titles.title_from_name(name, titles.spellings(titles.project_titles(config)))
        told = f"its title is {json.dumps(title, ensure_ascii=False)}: to choose another, run the command with --title"
    else:
        title = _checked_title(title)
        told = ""
    if section is not None and not section.strip():
        raise _bad_argument("page", "--section", "the section's name is empty", 'name one: --section "Recognition"')
    placement = nav_editor.place(config, f"{name}.md", title, section)
    charts_path = config.root / config.charts_dir
    charts = sorted(p.stem for p in charts_path.glob("*.yml")) if charts_path.is_dir() else []
    text = PAGE_TEXT.format(
        title=yaml_value(title), heading=title, charts_dir=config.charts_dir, charts=", ".join(charts) or "none yet"
    )
    steps = [f"write the page in {shown}, then run `site-builder check`"] + [told] * bool(told)
    return Scaffold(path, shown, text, steps, placement)


def _checked_title(title: str) -> str:
    title = title.strip()
    problem = text_problem(title) if title else ("the title is empty", 'write one: --title "KFOR in 2024"')
    if problem:
        raise _bad_argument("page", "--title", *problem)
    return title
