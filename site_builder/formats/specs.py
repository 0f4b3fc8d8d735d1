"""Load chart specs and check them against the datasets they plot."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from site_builder.errors import MAX_PROBLEMS, ContentError, Problem, describe, did_you_mean, display_path
from site_builder.figures.figure import chart_records
from site_builder.figures.kinds import KINDS
from site_builder.formats.datasets import Dataset, english
from site_builder.formats.model import ChartSpecBase
from site_builder.formats.validation import validate
from site_builder.formats.yamlsource import Document, read_yaml
from site_builder.languages import current
from site_builder.languages.localize import localized_chart, localized_dataset


@dataclass(frozen=True)
class Chart:
    """A chart spec that is valid on its own; `check_chart` then checks it against its dataset."""

    id: str
    path: Path
    spec: ChartSpecBase
    document: Document

    @property
    def kind_module(self) -> ModuleType:
        """The module of the chart's kind (`spec.kind` is its name): its Spec, FIELD_REFS, build..."""
        return KINDS[self.spec.kind]


def load_chart(path: Path | str, root: Path | None = None, languages: tuple[str, ...] = (current.SOURCE,)) -> Chart:
    """Read `charts/<id>.yml` (its texts may be written in `languages`, the site's); raise `ContentError`
    with every problem in it.
    """
    path = Path(path)
    document = read_yaml(path, display_path(path, root))
    value = document.value
    if not isinstance(value, dict):
        raise ContentError(
            [
                document.problem(
                    (),
                    f"expected a chart spec (kind:, dataset:, title: ...), got {describe(value)}",
                    "see the file formats page in the editors' guide",
                )
            ]
        )
    kind = value.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:  # a list or mapping here is unhashable
        if kind is None:
            message, hint = "missing required key 'kind'", "add `kind:`, one of: " + ", ".join(KINDS)
        else:
            message, hint = f"unknown chart kind {describe(kind)}", did_you_mean(str(kind), KINDS)
        raise ContentError([document.problem(("kind",) if kind is not None else (), message, hint)])
    spec, problems = validate(KINDS[kind].Spec, document, languages=languages)
    if problems:
        raise ContentError(problems)
    return Chart(path.stem, path, spec, document)


def check_chart(chart: Chart, datasets: dict[str, Dataset]) -> list[Problem]:
    """Problems with what the spec names: its dataset, the fields it plots, shows in its table and filters on."""
    spec, document = chart.spec, chart.document
    dataset = datasets.get(spec.dataset)
    if dataset is None:
        return [
            document.problem(
                ("dataset",), f"dataset '{spec.dataset}' not found in data/", did_you_mean(spec.dataset, datasets)
            )
        ]
    problems = []
    for attribute, allowed in chart.kind_module.FIELD_REFS.items():
        names = getattr(spec, attribute)
        for index, name in enumerate(names if isinstance(names, list) else [names]):
            if name is None:
                continue
            where = (attribute, index) if isinstance(names, list) else (attribute,)
            problems += _check_field(document, where, name, dataset, allowed)
    for index, name in enumerate(spec.table_columns or []):
        problems += _check_field(document, ("table_columns", index), name, dataset, None)
    for name, wanted in (spec.filter or {}).items():
        problems += _check_field(document, ("filter", name), name, dataset, None, at_key=True)
        if name in dataset.fields:
            present = {english(record.get(name)) for record in dataset.records}  # a filter names texts in English
            choices = sorted({str(v) for v in present if v is not None})
            for value in wanted if isinstance(wanted, list) else [wanted]:
                if len(problems) >= MAX_PROBLEMS:  # a list of thousands of wrong values fails fast
                    break
                if value not in present:
                    problems.append(
                        document.problem(
                            ("filter", name),
                            f"no record of '{spec.dataset}' has {name} = {describe(value)}",
                            did_you_mean(str(value), choices),
                        )
                    )
    kind_check = getattr(chart.kind_module, "check", None)  # a kind's own checks of the records it draws
    if kind_check is not None and not problems:  # in English: a kind reads plain strings, as it draws them
        english_data = localized_dataset(dataset, current.SOURCE)
        english_spec = localized_chart(chart, current.SOURCE, dataset).spec
        problems += kind_check(english_spec, chart_records(english_spec, english_data), english_data, document)
    return problems


def _check_field(
    document: Document, where: tuple, name: str, dataset: Dataset, allowed: Any, at_key: bool = False
) -> list[Problem]:
    if name not in dataset.fields:
        return [
            document.problem(
                where,
                f"field '{name}' not found in dataset '{dataset.id}'",
                did_you_mean(name, dataset.fields),
                at_key=at_key,
            )
        ]
    kind = dataset.field(name).type
    if allowed and kind not in allowed:
        return [
            document.problem(
                where,
                f"field '{name}' is a {kind} field; this key needs a {' or '.join(allowed)} field",
                "choose another field: " + ", ".join(n for n, f in dataset.fields.items() if f.type in allowed),
            )
        ]
    return []
