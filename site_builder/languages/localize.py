"""A project in one language: the datasets and charts as one edition reads them.

Editors write each text readers see once per language (`translations.py`); the rest of the core
(the figures, the tables, the sentences) reads plain strings. So an edition is made from a
project localized to its language: every text picked for the language, through the models'
own copies (`model_copy`), the records too, and nothing else changed: the same figures, dates,
sources and positions, so a localized project is checked and drawn like the one loaded.

Where a text has no translation the English stands in, so that a preview still draws; `missing`
lists each such text at its line, `site-builder check` prints them and a strict build of the
edition stops on them, so a published Serbian page never shows English in a translation's place.
Texts that are never translated (sources' titles, producers, citations, editors' notes) are
plain strings and stay as published, in their own language.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from site_builder.errors import MAX_PROBLEMS, ContentError, Problem, display_path
from site_builder.formats.model import check_translations, language_name
from site_builder.formats.yamlsource import Document, read_yaml
from site_builder.languages import current
from site_builder.languages.translations import Translations, pick
from site_builder.reader import places

if TYPE_CHECKING:
    from site_builder.formats.datasets import Dataset
    from site_builder.formats.project import Project
    from site_builder.formats.specs import Chart

RECORD_TEXTS = ("note",)  # a record's reserved keys readers see, besides its text fields' values


def localize(project: Project, language: str) -> Project:
    """`project` with every text readers see in `language` (English where a translation is missing).

    Made once per language and kept (`Project.localized`): every edition, and each rebuild of a
    preview of the same files, asks for the same one.
    """
    loaded = project.loaded or project
    if project.language == language:
        return project
    made = loaded.localized.get(language)
    if made is None:
        datasets = {name: localized_dataset(dataset, language) for name, dataset in loaded.datasets.items()}
        charts = {
            name: localized_chart(chart, language, loaded.datasets.get(chart.spec.dataset))
            for name, chart in loaded.charts.items()
        }
        made = dataclasses.replace(
            loaded, datasets=datasets, charts=charts, language=language, loaded=loaded, localized={}
        )
        loaded.localized[language] = made
    return made


def missing(project: Project, language: str) -> list[Problem]:
    """Each text readers see with no value in `language`, at its file:line:column and field.

    A plain string is English only, so in another language it is missing too. For `en`, nothing is
    (a mapping without English is refused when it is read). Latin Serbian is made from the Cyrillic
    texts: its missing texts are Serbian's, and said so.
    """
    return untranslated(project, (language,))


def untranslated(project: Project, languages: tuple[str, ...]) -> list[Problem]:
    """`missing` for several languages at once: one problem a text, naming every language it lacks
    (what `site-builder check` prints for all the editions).
    """
    loaded = project.loaded or project
    wanted = list(dict.fromkeys(_written_in(language) for language in languages if language != current.SOURCE))
    problems: list[Problem] = []
    if not wanted:
        return problems
    for dataset in loaded.datasets.values():
        lacking = _lacking(_dataset_texts(dataset), wanted)
        if lacking:
            problems += _placed(_positions(dataset, loaded), lacking)
    for chart in loaded.charts.values():
        problems += _placed(chart.document, _lacking(_model_texts(chart.spec, ()), wanted))
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0))


def _positions(dataset: Dataset, project: Project) -> Document:
    """The dataset's file read again for its positions (a loaded dataset keeps its records' lines only, not
    a position for every value); as it was read, or with no positions if it changed since into a broken file.
    """
    shown = display_path(dataset.path, project.root)
    try:
        return read_yaml(dataset.path, shown)
    except ContentError:  # changed since it was loaded (a preview): the next load reports it
        return Document(shown, None)


def _written_in(language: str) -> str:
    """The language an edition's texts are written in: Latin Serbian's are the Cyrillic ones."""
    return current.base(language) if current.is_latin_of_cyrillic(language) else language


def _lacking(texts: Iterator[tuple[tuple, Any]], languages: list[str]) -> list[tuple[tuple, list[str]]]:
    found = []
    for path, value in texts:
        absent = [language for language in languages if pick(value, language) is None]
        if absent:
            found.append((path, absent))
    return found


def _placed(document: Document, lacking: list[tuple[tuple, list[str]]]) -> list[Problem]:
    """A file's untranslated texts as problems: each at its line, up to the loaders' limit, then one for the rest."""
    problems = []
    for path, languages in lacking[:MAX_PROBLEMS]:
        names = _names(languages)
        keys = ", ".join(f"`{language}: ...`" for language in languages)
        several = isinstance(_at(document.value, path), dict)  # then at its key: the languages go under it
        if several:
            hint = f"add {keys} under it, beside `{current.SOURCE}:`"
        else:
            hint = f"write it as a text per language: `{current.SOURCE}:` with the text as it is, and {keys}"
        problems.append(document.problem(path, f"no {names} translation", hint, at_key=several))
    if len(lacking) > MAX_PROBLEMS:
        names = _names(dict.fromkeys(language for _, languages in lacking for language in languages))
        problems.append(
            document.problem(
                lacking[MAX_PROBLEMS][0],
                f"{len(lacking) - MAX_PROBLEMS} more texts in this file have no {names} translation",
                "translate the ones above first, then check again",
            )
        )
    return problems


def _names(languages) -> str:
    """The languages a text lacks, as a message names them: "Albanian (sq) nor Serbian (sr)"."""
    return " nor ".join(language_name(language) for language in languages)


def _at(value: Any, path: tuple) -> Any:
    """The value at `path`, or None where the file no longer has it (changed since it was loaded)."""
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def localized_dataset(dataset: Dataset, language: str) -> Dataset:
    """The dataset with its texts (metadata and records') in `language`."""
    meta = _localized(dataset.meta, language)
    texts = _texts_written(dataset)
    translated = [name for name in texts if any(isinstance(r.get(name), Translations) for r in dataset.records)]
    named = {name: spec.names for name, spec in dataset.fields.items() if spec.names}
    named = named if language != current.SOURCE else {}  # English keeps the names as the source lists them
    records = dataset.records
    if translated or named:
        records = [
            {
                **record,
                **{name: _text(record[name], language) for name in translated if record.get(name) is not None},
                **{name: places.country_name(record[code], language) for name, code in named.items() if code in record},
            }
            for record in records
        ]
    if meta is dataset.meta and records is dataset.records:
        return dataset
    return dataclasses.replace(dataset, meta=meta, records=records)


def localized_chart(chart: Chart, language: str, dataset: Dataset | None) -> Chart:
    """The chart with its texts in `language`; a `filter:` on a translated text field names the
    records' values in that language too (from `dataset` as loaded), so it keeps the records it kept
    in English.
    """
    spec = _localized(chart.spec, language)
    if spec.filter and dataset is not None:
        words = _english_to(dataset, language)
        filter = {
            name: [words.get(name, {}).get(v, v) for v in wanted]
            if isinstance(wanted, list)
            else words.get(name, {}).get(wanted, wanted)
            for name, wanted in spec.filter.items()
        }
        if filter != spec.filter:
            spec = spec.model_copy(update={"filter": filter})
    return chart if spec is chart.spec else dataclasses.replace(chart, spec=spec)


def _texts_written(dataset: Dataset) -> list[str]:
    """The record fields whose texts editors translate: text fields (not those naming a country's code,
    whose names come from the code in each language) and the records' notes.
    """
    fields = [name for name, spec in dataset.fields.items() if spec.type == "text" and not spec.names]
    return fields + list(RECORD_TEXTS)


def _english_to(dataset: Dataset, language: str) -> dict[str, dict[str, str]]:
    """For each text field, its translated values: English text -> the text in `language`."""
    words: dict[str, dict[str, str]] = {}
    for name, spec in dataset.fields.items():
        if spec.type == "text":
            for record in dataset.records:
                value = record.get(name)
                if isinstance(value, Translations):
                    words.setdefault(name, {})[value.source] = _text(value, language)
    return words


def _text(value: str | Translations, language: str) -> str:
    if isinstance(value, Translations):
        picked = pick(value, language)
        return value.source if picked is None else picked
    return value


def _localized(value: Any, language: str) -> Any:
    """`value` with every `Translations` in it picked; the same object where nothing changed (shared
    between editions, and cheap for a project with nothing translated).
    """
    if isinstance(value, Translations):
        return _text(value, language)
    if isinstance(value, BaseModel):
        update = {}
        for name in _with_texts(type(value)):
            old = getattr(value, name)
            new = _localized(old, language)
            if new is not old:
                update[name] = new
        return value.model_copy(update=update) if update else value
    if isinstance(value, list):
        items = [_localized(item, language) for item in value]
        return items if any(new is not old for new, old in zip(items, value)) else value
    if isinstance(value, dict):
        items = {key: _localized(item, language) for key, item in value.items()}
        return items if any(items[key] is not value[key] for key in value) else value
    return value


def _dataset_texts(dataset: Dataset) -> Iterator[tuple[tuple, Any]]:
    """Every text of a dataset readers see, with its path in the file: metadata, then records'."""
    yield from _model_texts(dataset.meta, ())
    texts = _texts_written(dataset)
    for index, record in enumerate(dataset.records):
        for name in texts:
            if record.get(name) is not None:
                yield ("records", index, name), record[name]


def _model_texts(model: BaseModel, path: tuple) -> Iterator[tuple[tuple, Any]]:
    """The translatable texts of a model (its fields typed `Text`), with their paths, nested models included."""
    for name in _with_texts(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if name in _translatable_fields(type(model)):
            yield (*path, name), value
        else:
            yield from _nested_texts(value, (*path, name))


def _nested_texts(value: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, BaseModel):
        yield from _model_texts(value, path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nested_texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nested_texts(item, (*path, key))


@functools.cache
def _translatable_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of a model typed as a text readers see (`model.Text`, `model.Label`, optional or not)."""
    return frozenset(
        name for name, info in model.model_fields.items() if _is_translatable(info.annotation, info.metadata)
    )


@functools.cache
def _with_texts(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold a text readers see: typed so, or holding models that have one.
    Only these are walked, so a dataset's raw `records:` (read through `Dataset.records`) cost nothing.
    """
    return tuple(
        name
        for name, info in model.model_fields.items()
        if name in _translatable_fields(model) or any(_with_texts(sub) for sub in _models_in(info.annotation))
    )


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _is_translatable(annotation: Any, metadata: list) -> bool:
    if any(getattr(item, "func", None) is check_translations for item in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        return _is_translatable(typing.get_args(annotation)[0], list(annotation.__metadata__))
    return any(
        _is_translatable(arg, []) for arg in typing.get_args(annotation) if typing.get_origin(annotation) is not list
    )
