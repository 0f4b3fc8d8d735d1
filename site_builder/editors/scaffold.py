"""Starting files for editors: `site-builder new dataset|chart|page NAME`.

Each file is valid as written (`site-builder check` passes on it), says in comments what each
key is for, and starts with the line that points YAML editors at the JSON Schema. A chart is
written for a real dataset: its keys name fields of that dataset, picked by the types the kind
accepts. Nothing here overwrites a file.

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

from site_builder.errors import ContentError, Problem, did_you_mean
from site_builder.figures.kinds import KINDS
from site_builder.formats.datasets import Dataset, load_dataset

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
    """Write the file; refuse when it exists (`open(..., "x")` also closes the race between check and write)."""
    scaffold.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(scaffold.path, "x", encoding="utf-8") as out:
            out.write(scaffold.text)
    except FileExistsError:
        raise _refused(scaffold.shown, EXISTS, EXISTS_HINT) from None


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
        [
            f"replace the placeholders in {data_dir}/{name}.yml, then run `site-builder check`",
            f"draw it: site-builder new chart {name} --dataset {name} --kind line",
        ],
    )


# -- charts ---------------------------------------------------------------------------------------


def chart(
    root: Path, name: str, dataset_id: str, kind: str, data_dir: str = "data", charts_dir: str = "charts"
) -> Scaffold:
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
        data = load_dataset(data_path, root)
    except ContentError as error:  # the dataset's own problems, after the reason nothing was written
        refusal = Problem(shown, f"dataset '{dataset_id}' has problems; fix them first")
        raise ContentError([refusal, *error.problems]) from None
    text = chart_text(KINDS[kind], data, kind, shown)
    return Scaffold(
        path,
        shown,
        text,
        [f"add `::: chart {name}` on a line of its own to a page in content/", "then run `site-builder check`"],
    )


def pick_fields(module, data: Dataset, shown: str) -> dict[str, Any]:
    """A field of the dataset for every key of the kind that names one: required keys must get one, optional keys may.

    Fields are picked in the dataset's order, each at most once, so that e.g. a grouped bar chart's
    groups and series differ. `shown` is the chart file it is for, where a refusal is placed.
    """
    used: set[str] = set()
    picked: dict[str, Any] = {}
    for attribute, allowed in module.FIELD_REFS.items():
        info = module.Spec.model_fields[attribute]
        fitting = [
            name for name, spec in data.fields.items() if (allowed is None or spec.type in allowed) and name not in used
        ]
        if not fitting:
            if info.is_required():
                types = " or ".join(allowed) if allowed else "any"
                kind = module.Spec.model_fields["kind"].annotation.__args__[0]
                taken = any(allowed is None or data.fields[name].type in allowed for name in used)
                have = ", ".join(f"{name} ({spec.type})" for name, spec in data.fields.items())
                raise _refused(
                    shown,
                    f"dataset '{data.id}' has no {'other ' if taken else ''}{types} field for `{attribute}`, "
                    f"which a {kind} chart needs (its fields: {have})",
                    "choose another kind or dataset, or add such a field to the dataset",
                )
            continue
        chosen = fitting[0]
        used.add(chosen)
        picked[attribute] = [chosen] if _is_list(info.annotation) else chosen
    return picked


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
            if example is None:
                if key == "filter":
                    example = _filter_example(data)
                elif info.examples:
                    example = info.examples[0]
                else:
                    example = info.default if info.default not in (None, ...) else "..."
            lines += description + [f"# {key}: {yaml_value(example)}"]
    return "\n".join(lines) + "\n"


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


_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_ ,.()'/-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def yaml_value(value: Any) -> str:
    """A value as YAML: plain text where YAML cannot misread it, JSON (a subset of YAML) otherwise."""
    if isinstance(value, str):
        if _PLAIN.match(value) and value.lower() not in _RESERVED and not value.endswith(" ") and ": " not in value:
            return value
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    return json.dumps(value)


# -- pages ----------------------------------------------------------------------------------------

PAGE_TEXT = """\
---
title: {title}
description: One sentence on what this page explains; search engines and link previews show it.
---

# {title}

Write the explainer here, in Markdown: paragraphs, **bold**, [links](https://example.org/), lists.

<!-- Show a chart with a line of its own, between paragraphs:  ::: chart <chart-id>
     Charts in charts/: {charts} -->
"""


def page(root: Path, name: str, docs_dir: str = "content", charts_dir: str = "charts") -> Scaffold:
    name = name.removesuffix(".md")
    if not PAGE.match(name):
        raise _bad_argument(
            "page",
            "NAME",
            f"'{name}' is not a valid page name",
            "use lower-case letters, digits, - and _, with / for a folder: kfor or history/kfor",
        )
    path, shown = root / docs_dir / f"{name}.md", f"{docs_dir}/{name}.md"
    _refuse_existing(path, shown)
    charts = sorted(p.stem for p in (root / charts_dir).glob("*.yml")) if (root / charts_dir).is_dir() else []
    title = name.rsplit("/", 1)[-1].replace("_", " ").replace("-", " ").capitalize()
    text = PAGE_TEXT.format(title=title, charts=", ".join(charts) or "none yet")
    return Scaffold(
        path,
        shown,
        text,
        [
            "add the page to the site's navigation: in mkdocs.yml, under `nav:`, add the line\n"
            f"      - {title}: {name}.md",
            "(a page missing from nav fails `make site`)",
        ],
    )
