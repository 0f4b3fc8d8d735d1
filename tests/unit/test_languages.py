"""The languages' foundation: Serbian transliteration, texts in several languages, our catalogs, editions."""

from __future__ import annotations

import pytest

from site_builder.errors import ContentError
from site_builder.formats.site_config import SiteConfig
from site_builder.languages import current, messages
from site_builder.languages.editions import editions_of
from site_builder.languages.translations import Translations, pick, written_in
from site_builder.languages.translit import to_latin
from tests.conftest import ROOT

CYRILLIC = "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
LATIN = "A B V G D Đ E Ž Z I J K L Lj M N Nj O P R S T Ć U F H C Č Dž Š".split()


def test_every_letter_of_the_serbian_cyrillic_alphabet_has_its_latin_letter():
    assert [to_latin(letter) for letter in CYRILLIC] == LATIN
    assert [to_latin(letter.lower()) for letter in CYRILLIC] == [latin.lower() for latin in LATIN]


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Косово и Метохија", "Kosovo i Metohija"),
        ("Љубав", "Ljubav"),
        ("ЉУБАВ", "LJUBAV"),  # a word in capitals keeps its digraphs in capitals
        ("ЊЕГОШ", "NJEGOŠ"),
        ("Џ", "Dž"),
        ("УЏБЕНИК", "UDžBENIK".replace("Dž", "DŽ")),
        ("Ђорђе Ћирић, КФОР-а", "Đorđe Ćirić, KFOR-a"),
        ("4.353 војника (NATO, 2023)", "4.353 vojnika (NATO, 2023)"),
    ],
)
def test_transliteration(cyrillic, latin):
    assert to_latin(cyrillic) == latin


def test_text_in_other_scripts_passes_through():
    for text in ("KFOR troop strength", "Numri i trupave të KFOR-it: ë ç", "Ελλάδα", "<a href='x'>", ""):
        assert to_latin(text) == text


def test_a_plain_string_is_english_only_and_a_mapping_gives_each_language():
    assert pick("Troops", "en") == "Troops"
    assert pick("Troops", "sq") is None  # no silent English on an Albanian page
    text = Translations({"en": "Troops", "sq": "Trupat", "sr": "Војници"})
    assert [pick(text, lang) for lang in ("en", "sq", "sr", "sr-Latn")] == ["Troops", "Trupat", "Војници", "Vojnici"]
    assert pick(Translations({"en": "Troops"}), "sr-Latn") is None
    assert written_in(text) == {"en", "sq", "sr"}
    assert written_in("Troops") == {"en"}
    with current.using("sq"):
        assert pick(text) == "Trupat"
    assert pick(text) == "Troops"


def test_translations_are_keyed_by_their_english_text():
    text = Translations({"en": "deployed", "sr": "распоређени"})
    assert text == "deployed" and hash(text) == hash("deployed")
    assert {text: 1}["deployed"] == 1
    assert text != Translations({"en": "deployed", "sr": "другачије"})


def test_the_language_being_made_is_restored_after_a_block():
    assert current.language() == "en"
    with current.using("sr"):
        with current.using("sr-Latn"):
            assert current.language() == "sr-Latn"
            assert current.babel_locale() == "sr_Latn" and current.base() == "sr"
        assert current.language() == "sr"
    assert current.language() == "en"


@pytest.mark.parametrize(
    ("count", "form"), [(1, "запис"), (2, "записа"), (4, "записа"), (5, "записа"), (11, "записа"), (21, "запис")]
)
def test_serbian_counts_take_their_three_forms(count, form):
    with current.using("sr"):
        assert messages.ngettext("{count} record", "{count} records", count) == f"{count} {form}"
    with current.using("sr-Latn"):
        assert messages.ngettext("{count} record", "{count} records", count) == to_latin(f"{count} {form}")
    assert messages.ngettext("{count} record", "{count} records", count).endswith("record" if count == 1 else "records")


def test_every_catalog_reads_and_names_its_language():
    languages = messages.catalog_languages()
    assert {"sq", "sr"} <= set(languages)
    for language in languages:
        catalog = messages._catalog(language)
        assert catalog.language == language and catalog.messages, language


def test_the_kosovo_site_has_four_editions_and_latin_serbian_is_made_from_cyrillic():
    editions = editions_of(SiteConfig.load(ROOT))
    expected = [("en", ""), ("sq", "sq"), ("sr", "sr"), ("sr-Latn", "sr-latn")]
    assert [(e.language, e.folder) for e in editions] == expected
    assert editions[0].is_source and editions[0].config_file == ROOT / "mkdocs.yml"
    assert editions[3].config_file is None and editions[3].built_from == "sr"
    assert all((ROOT / f"mkdocs.{e.language}.yml").is_file() for e in editions[1:3])


def _site(tmp_path, alternate: str) -> SiteConfig:
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: x\ntheme:\n  name: material\n  language: en\nextra:\n  alternate:\n{alternate}", encoding="utf-8"
    )
    return SiteConfig.load(tmp_path)


def test_an_edition_without_its_file_is_refused_at_the_line_of_extra(tmp_path):
    site = _site(tmp_path, "    - {name: English, link: ./, lang: en}\n    - {name: Shqip, link: sq/, lang: sq}\n")
    with pytest.raises(ContentError) as raised:
        editions_of(site)
    (problem,) = raised.value.problems
    assert (problem.path, problem.line) == ("mkdocs.yml", 5)
    assert "mkdocs.sq.yml" in problem.message and "INHERIT: mkdocs.yml" in problem.hint


def test_editions_lists_that_cannot_be_built_are_refused(tmp_path):
    (tmp_path / "mkdocs.sq.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    site = _site(
        tmp_path,
        "    - {name: Shqip, link: sq/, lang: sq}\n"  # the first must be mkdocs.yml's own
        "    - {name: Shqip, link: /sq, lang: sq}\n"  # a folder, ending in /
        "    - {name: Srpski, link: sr-latn/, lang: sr-Latn}\n"  # made from an sr edition the list lacks
        "    - {name: Nothing}\n",
    )
    with pytest.raises(ContentError) as raised:
        editions_of(site)
    messages_ = [p.message for p in raised.value.problems]
    assert len(messages_) == 4, messages_
    assert "the first language is the edition mkdocs.yml builds" in messages_[0]
    assert "`link: /sq`" in messages_[1]
    assert "`name`, `link` and `lang`" in messages_[2]
    assert "made from the `sr` edition" in messages_[3]


def test_a_site_without_editions_is_one_edition_in_its_theme_language(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: material\n  language: de\n", encoding="utf-8")
    (edition,) = editions_of(SiteConfig.load(tmp_path))
    assert (edition.language, edition.folder, edition.is_source) == ("de", "", True)
