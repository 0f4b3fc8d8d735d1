"""Texts in several languages in datasets and charts: read, checked, localized, and what is untranslated."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from site_builder.editors.cli import main
from site_builder.editors.schema import chart_schema, dataset_schema
from site_builder.errors import ContentError
from site_builder.formats.datasets import load_dataset
from site_builder.formats.project import Project
from site_builder.formats.site_config import SiteConfig
from site_builder.formats.specs import load_chart
from site_builder.formats.yamlsource import parse_yaml
from site_builder.languages.localize import localize, missing
from site_builder.languages.translations import Translations

LANGUAGES = ("en", "sq", "sr")

DATASET = """\
title:
  en: KFOR troops
  sq: Trupat e KFOR-it
  sr: Трупе КФОР-а
description: Test data.
license: CC BY 4.0
last_checked: "2026-11-28"
sources:
  - {id: nato, producer: NATO, title: Key facts, date_accessed: "2026-11-28"}
fields:
  date: {type: date, title: {en: Date, sq: Data, sr: Датум}}
  troops: {type: integer, title: {en: Troops, sq: Trupat, sr: Трупе}, unit: {en: soldiers, sq: ushtarë, sr: војника}}
  qualifier: {type: text, title: {en: Hedge, sq: Kufizim, sr: Ограда}, required: false}
key: [date, qualifier, source]
records:
  - {date: '2008', troops: 15000, source: nato, qualifier: {en: about, sq: rreth, sr: око}}
  - {date: '2023', troops: 3900, source: nato, qualifier: {en: about, sq: rreth, sr: око}}
"""
# Lines: records[0] is on line 16, records[1] on 17; corrections start on 18.
CORRECTION = """\
corrections:
  - date: "2026-12-01"
    record: {date: '2023', qualifier: about, source: nato}
    field: troops
    old: 3800
    new: 3900
    reason: {en: A typing error., sq: Një gabim shtypi., sr: Грешка у куцању.}
"""
CHART = """\
kind: line
dataset: kfor
title:
  en: KFOR troops
  sq: Trupat e KFOR-it
  sr: Трупе КФОР-а
subtitle: Soldiers deployed
x: date
y: troops
filter: {qualifier: about}
events:
  - {date: "2008-02-17", label: {en: Independence, sq: Pavarësia, sr: Независност}}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(load, *args) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(*args)
    return [problem.format() for problem in caught.value.problems]


@pytest.fixture
def project(tmp_path) -> Path:
    """A site in English, Albanian and Serbian (both scripts), with one dataset and one chart."""
    write(
        tmp_path,
        "mkdocs.yml",
        "site_name: Test\ndocs_dir: content\ntheme:\n  name: material\n  font: false\nplugins:\n  - site-builder\n"
        "nav:\n  - Home: index.md\nextra:\n  alternate:\n    - {name: English, link: ./, lang: en}\n"
        "    - {name: Shqip, link: sq/, lang: sq}\n    - {name: Српски, link: sr/, lang: sr}\n"
        "    - {name: Srpski, link: sr-latn/, lang: sr-Latn}\nexclude_docs: |\n  /sq/\n  /sr/\n",
    )
    for language in ("sq", "sr"):
        write(tmp_path, f"mkdocs.{language}.yml", f"INHERIT: mkdocs.yml\ndocs_dir: content/{language}\n")
    write(tmp_path, "content/index.md", "# Home\n\n::: chart kfor_line\n")
    write(tmp_path, "data/kfor.yml", DATASET + CORRECTION)
    write(tmp_path, "charts/kfor_line.yml", CHART)
    return tmp_path


def test_both_forms_load_a_string_is_english(tmp_path):
    dataset = load_dataset(write(tmp_path, "data/kfor.yml", DATASET), tmp_path, LANGUAGES)
    assert dataset.meta.title == Translations({"en": "KFOR troops", "sq": "Trupat e KFOR-it", "sr": "Трупе КФОР-а"})
    assert dataset.meta.description == "Test data."
    assert dataset.field("troops").unit["sq"] == "ushtarë"
    assert dataset.records[0]["qualifier"]["sr"] == "око"
    assert dataset.meta.sources[0].title == "Key facts"


def test_a_language_the_site_does_not_publish_is_refused_at_its_key(tmp_path):
    text = DATASET.replace("  sq: Trupat e KFOR-it", "  sqi: Trupat e KFOR-it")
    path = write(tmp_path, "data/kfor.yml", text)
    assert problems_of(load_dataset, path, tmp_path, LANGUAGES) == [
        "data/kfor.yml:3:3: title.sqi: `sqi` is not a language the site publishes (en, sq, sr)\n"
        "  hint: did you mean 'sq'? (a text's languages are the site's editions, listed under `extra.alternate` "
        "in mkdocs.yml)"
    ]


def test_old_callers_publish_english_alone(tmp_path):
    path = write(tmp_path, "data/kfor.yml", DATASET)
    assert problems_of(load_dataset, path, tmp_path)[0].startswith(
        "data/kfor.yml:3:3: title.sq: `sq` is not a language the site publishes (en)\n"
    )


def test_latin_serbian_is_refused_it_is_made_from_cyrillic(tmp_path):
    path = write(tmp_path, "charts/c.yml", CHART.replace("  sr: Трупе КФОР-а", "  sr-Latn: Trupe KFOR-a"))
    assert problems_of(load_chart, path, tmp_path, LANGUAGES) == [
        "charts/c.yml:6:3: title.sr-Latn: `sr-Latn` is not written: the Latin Serbian text is made from `sr` by "
        "transliteration\n  hint: write the text in Cyrillic under `sr:`, once; the site shows it in both scripts"
    ]


def test_a_record_value_in_an_unknown_language_or_empty_is_placed_at_the_language(tmp_path):
    text = DATASET.replace(
        "qualifier: {en: about, sq: rreth, sr: око}}\n  - {date: '2023'",
        "qualifier: {en: about, de: etwa}}\n  - {date: '2023'",
    )
    text = text.replace("qualifier: {en: about, sq: rreth, sr: око}}\n", "qualifier: {en: about, sq: ''}}\n")
    path = write(tmp_path, "data/kfor.yml", text)
    assert problems_of(load_dataset, path, tmp_path, LANGUAGES) == [
        "data/kfor.yml:16:72: records[0].qualifier.de: `de` is not a language the site publishes (en, sq, sr)\n"
        "  hint: a text's languages are the site's editions, listed under `extra.alternate` in mkdocs.yml",
        "data/kfor.yml:17:71: records[1].qualifier.sq: expected text, got an empty value\n"
        "  hint: write the text in that language",
    ]


def test_a_mapping_without_english_is_refused(tmp_path):
    path = write(tmp_path, "charts/c.yml", CHART.replace("  en: KFOR troops\n", ""))
    assert problems_of(load_chart, path, tmp_path, LANGUAGES) == [
        "charts/c.yml:4:3: title: no English (en) text: every text is written in English first, and translated "
        "from it\n  hint: add `en: ...` under it, beside its translations"
    ]


def test_an_event_label_is_at_most_60_characters_in_every_language(tmp_path):
    path = write(tmp_path, "charts/c.yml", CHART.replace("sq: Pavarësia", "sq: " + "a" * 61))
    assert problems_of(load_chart, path, tmp_path, LANGUAGES) == [
        "charts/c.yml:12:56: events[0].label.sq: text is too long (the limit is 60 characters)"
    ]


def test_a_list_where_a_text_goes_says_both_forms(tmp_path):
    path = write(tmp_path, "charts/c.yml", CHART.replace("subtitle: Soldiers deployed", "subtitle: [a]"))
    assert problems_of(load_chart, path, tmp_path, LANGUAGES) == [
        "charts/c.yml:7:11: subtitle: expected text, or a text per language (`en: ...` and each translation under "
        "it), got a list\n  hint: write the text on the key's line, or indent one `<language>: text` line a "
        "language under the key"
    ]


def test_a_key_with_a_translated_text_field_compares_english(tmp_path):
    twice = (
        DATASET + "  - {date: '2008', troops: 1, source: nato, qualifier: {en: about, sq: afërsisht, sr: отприлике}}\n"
    )
    path = write(tmp_path, "data/kfor.yml", twice)
    assert problems_of(load_dataset, path, tmp_path, LANGUAGES) == [
        "data/kfor.yml:18:5: records[2]: this record has the same key as the record at line 16: date '2008', "
        "qualifier 'about', source 'nato'\n  hint: records are told apart by `key: [date, qualifier, source]`: "
        "remove the duplicate, or add a field that tells the two apart"
    ]
    dataset = load_dataset(write(tmp_path, "data/kfor.yml", DATASET), tmp_path, LANGUAGES)
    assert dataset.key_of(dataset.records[0]) == ("2008", "about", "nato")


def test_a_correction_names_a_record_by_its_translated_qualifiers_english(tmp_path):
    dataset = load_dataset(write(tmp_path, "data/kfor.yml", DATASET + CORRECTION), tmp_path, LANGUAGES)
    assert dataset.correction_records == [1]
    wrong = CORRECTION.replace("qualifier: about", "qualifier: rreth")
    path = write(tmp_path, "data/kfor.yml", DATASET + wrong)
    assert problems_of(load_dataset, path, tmp_path, LANGUAGES)[0].startswith(
        "data/kfor.yml:20:13: corrections[0].record: no record has date '2023', qualifier 'rreth', source 'nato'\n"
        "  hint: did you mean the record at line 17: date '2023', qualifier 'about', source 'nato'?"
    )


def test_localize_picks_every_text_and_keeps_the_rest(project):
    loaded = Project.of_site(SiteConfig.load(project))
    assert loaded.languages == LANGUAGES
    sq = localize(loaded, "sq")
    dataset, chart = sq.datasets["kfor"], sq.charts["kfor_line"]
    assert (dataset.meta.title, dataset.field("troops").unit, dataset.records[0]["qualifier"]) == (
        "Trupat e KFOR-it",
        "ushtarë",
        "rreth",
    )
    assert dataset.corrections[0].reason == "Një gabim shtypi."
    assert dataset.meta.sources[0].title == "Key facts"  # as published
    assert (chart.spec.title, chart.spec.events[0].label) == ("Trupat e KFOR-it", "Pavarësia")
    assert chart.spec.subtitle == "Soldiers deployed"  # untranslated: English stands in, and `missing` says so
    assert chart.spec.filter == {"qualifier": "rreth"}  # keeps the records it kept in English
    assert dataset.records[0]["troops"] == 15000 and dataset.records is not loaded.datasets["kfor"].records
    latin = localize(sq, "sr-Latn")
    assert (latin.charts["kfor_line"].spec.title, latin.datasets["kfor"].records[1]["qualifier"]) == (
        "Trupe KFOR-a",
        "oko",
    )
    assert localize(loaded, "sq") is sq and localize(sq, "sq") is sq  # made once a language
    english = localize(loaded, "en")
    assert english.datasets["kfor"].meta.title == "KFOR troops"
    assert loaded.datasets["kfor"].meta.title["sr"] == "Трупе КФОР-а"  # the project loaded is untouched


def test_missing_names_each_untranslated_text_at_its_line(project):
    loaded = Project.of_site(SiteConfig.load(project))
    assert [p.format() for p in missing(loaded, "sr-Latn")] == [
        "charts/kfor_line.yml:7:11: subtitle: no Serbian (sr) translation\n"
        "  hint: write it as a text per language: `en:` with the text as it is, and `sr: ...`",
        "data/kfor.yml:5:14: description: no Serbian (sr) translation\n"
        "  hint: write it as a text per language: `en:` with the text as it is, and `sr: ...`",
    ]
    assert loaded.problems_in("sq") == missing(loaded, "sq") and len(missing(loaded, "sq")) == 2
    assert missing(loaded, "en") == []
    write(project, "data/kfor.yml", (DATASET + CORRECTION).replace(", sr: Грешка у куцању.", ""))
    reloaded = Project.of_site(SiteConfig.load(project))
    assert [p.format() for p in missing(reloaded, "sr")][2] == (
        "data/kfor.yml:24:5: corrections[0].reason: no Serbian (sr) translation\n"
        "  hint: add `sr: ...` under it, beside `en:`"
    )


def test_check_exits_1_naming_the_untranslated_text(project, capsys):
    write(
        project, "charts/kfor_line.yml", CHART.replace("subtitle: Soldiers deployed", "subtitle: {en: S, sq: S, sr: С}")
    )
    write(
        project,
        "data/kfor.yml",
        (DATASET + CORRECTION).replace("description: Test data.", "description: {en: T, sq: T, sr: Т}"),
    )
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    write(project, "charts/kfor_line.yml", CHART.replace("subtitle: Soldiers deployed", "subtitle: {en: S, sq: S}"))
    assert main(["--root", str(project), "check"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == (
        "charts/kfor_line.yml:7:1: subtitle: no Serbian (sr) translation\n"
        "  hint: add `sr: ...` under it, beside `en:`\n1 problem found.\n"
    )


def test_check_names_every_language_a_text_lacks_once(project, capsys):
    assert main(["--root", str(project), "check"]) == 1
    assert (
        "charts/kfor_line.yml:7:11: subtitle: no Albanian (sq) nor Serbian (sr) translation\n"
        in capsys.readouterr().err
    )


def test_the_schemas_take_both_forms_and_refuse_latin_serbian():
    chart, dataset = chart_schema(), dataset_schema()
    jsonschema.validate(parse_yaml(CHART, "c.yml").value, chart)
    jsonschema.validate(parse_yaml(DATASET + CORRECTION, "d.yml").value, dataset)
    latin = parse_yaml(CHART.replace("  sr: Трупе", "  sr-Latn: Trupe"), "c.yml").value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(latin, chart)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(parse_yaml(CHART.replace("  en: KFOR troops\n", ""), "c.yml").value, chart)


def compare_versions(tmp_path, before: str, after: str):
    from site_builder.review.datasets import compare_dataset
    from site_builder.review.gitstate import working_tree

    versions = []
    for side, text in (("base", before), ("head", after)):
        versions.append(load_dataset(write(tmp_path / side, "kfor.yml", text), tmp_path / side, LANGUAGES))
    return compare_dataset("kfor", *versions, working_tree(tmp_path / "base"), working_tree(tmp_path / "head"), True)


def test_the_review_sees_a_changed_translation_as_a_change_that_needs_no_correction(tmp_path):
    after = DATASET.replace(
        "{en: about, sq: rreth, sr: око}}\n  - {date: '2023'", "{en: about, sq: afro, sr: око}}\n  - {date: '2023'"
    )
    after = after.replace("sq: Trupat e KFOR-it", "sq: Trupat e KFOR")
    change, uncorrected = compare_versions(tmp_path, DATASET, after)
    assert uncorrected == []
    assert [(r.change, r.key, [(v.name, v.old, v.new) for v in r.values]) for r in change.records] == [
        (
            "changed",
            (("date", "2008"), ("qualifier", "about"), ("source", "nato")),
            [("qualifier", {"en": "about", "sq": "rreth", "sr": "око"}, {"en": "about", "sq": "afro", "sr": "око"})],
        )
    ]
    assert [(v.name, v.new["sq"]) for v in change.metadata] == [("title", "Trupat e KFOR")]
    assert change.title == "KFOR troops"


def test_the_review_sees_no_change_in_english_written_as_a_mapping(tmp_path):
    plain = DATASET.replace("description: Test data.", "description: {en: Test data.}")
    assert compare_versions(tmp_path, DATASET, plain) == (None, [])
    english_changed = DATASET.replace(
        "troops: 15000, source: nato, qualifier: {en: about,", "troops: 15000, source: nato, qualifier: {en: around,"
    )
    change, uncorrected = compare_versions(tmp_path, DATASET, english_changed)
    assert [r.change for r in change.records] == ["added", "removed"]  # the key's English changed: another record


def test_a_charts_filter_and_steps_name_translated_values_in_english(project):
    assert Project.of_site(SiteConfig.load(project)).charts["kfor_line"].spec.filter == {"qualifier": "about"}
    steps = CHART.replace("filter: {qualifier: about}", "series: qualifier\nsteps: [abot]")
    write(project, "charts/kfor_line.yml", steps)
    assert problems_of(Project.of_site, SiteConfig.load(project)) == [
        "charts/kfor_line.yml:11:9: steps[0]: no record of 'kfor' shown in this chart has qualifier = 'abot'\n"
        "  hint: did you mean 'about'?"
    ]
    write(project, "charts/kfor_line.yml", CHART.replace("filter: {qualifier: about}", "filter: {qualifier: abot}"))
    assert problems_of(Project.of_site, SiteConfig.load(project)) == [
        "charts/kfor_line.yml:10:21: filter.qualifier: no record of 'kfor' has qualifier = 'abot'\n"
        "  hint: did you mean 'about'?"
    ]


def test_a_new_chart_of_a_translated_dataset_starts_in_english(project, capsys):
    assert main(["--root", str(project), "new", "chart", "kfor_bars", "--dataset", "kfor", "--kind", "ranked_bar"]) == 0
    assert "\ntitle: KFOR troops\n" in (project / "charts" / "kfor_bars.yml").read_text(encoding="utf-8")


def test_a_localized_project_is_drawn_in_its_language_and_the_figures_stay_the_same(project):
    from site_builder.build.prepare import prepare_charts

    loaded = Project.of_site(SiteConfig.load(project))
    english, albanian = (prepare_charts(localize(loaded, code), workers=1)["kfor_line"] for code in ("en", "sq"))
    assert albanian.spec.title == "Trupat e KFOR-it" and english.spec.title == "KFOR troops"
    assert "Trupat (ushtarë)" in albanian.figure_json and "Pavarësia" in albanian.figure_json  # axis, event
    assert "Troops (soldiers)" in english.figure_json and "Трупе" not in albanian.figure_json
    assert len(albanian.table.rows) == len(english.table.rows) == 2  # the filter kept the same records
    assert albanian.dataset.records[0]["troops"] == english.dataset.records[0]["troops"] == 15000
    latin = prepare_charts(localize(loaded, "sr-Latn"), workers=1)["kfor_line"]
    assert latin.spec.title == "Trupe KFOR-a" and "Trupe (vojnika)" in latin.figure_json


def test_missing_survives_a_file_changed_since_it_was_loaded(project):
    loaded = Project.of_site(SiteConfig.load(project))
    write(project, "data/kfor.yml", "title: [unclosed\n")
    found = [p for p in missing(loaded, "sq") if p.path == "data/kfor.yml"]
    assert [(p.field, p.line, p.message) for p in found] == [("description", None, "no Albanian (sq) translation")]
