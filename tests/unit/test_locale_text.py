"""Values in each edition's language: numbers, dates, units, country names, lists and order (en, sq, sr, sr-Latn).

English must read exactly as before editions; Albanian and Serbian as CLDR writes them; Latin
Serbian as the Cyrillic transliterated, letter for letter.
"""

from __future__ import annotations

import glob
from types import SimpleNamespace

import pycountry
import pytest
import yaml

from site_builder.formats import countries
from site_builder.formats.sets import UN_MEMBERS
from site_builder.languages import current
from site_builder.languages.translit import to_latin
from site_builder.reader import order, places, sentences, text
from tests.conftest import ROOT

LANGUAGES = ("en", "sq", "sr", "sr-Latn")
NBSP = "\u00a0"


def each(function, *args) -> dict[str, str]:
    """`function(*args)` made in every language."""
    out = {}
    for language in LANGUAGES:
        with current.using(language):
            out[language] = function(*args)
    return out


def kosovo_codes() -> set[str]:
    """Every country code in the Kosovo data's country fields, and the UN members its map covers."""
    codes = set(UN_MEMBERS) | {"XKX"}
    for path in glob.glob(str(ROOT / "data/*.yml")):
        document = yaml.safe_load(open(path, encoding="utf-8"))
        fields = [name for name, field in (document.get("fields") or {}).items() if field.get("type") == "country"]
        codes |= {record[name] for record in document.get("records", []) for name in fields if record.get(name)}
    return codes


# -- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (4353, {"en": "4,353", "sq": f"4{NBSP}353", "sr": "4.353", "sr-Latn": "4.353"}),
        (
            1234567.25,
            {"en": "1,234,567.25", "sq": f"1{NBSP}234{NBSP}567,25", "sr": "1.234.567,25", "sr-Latn": "1.234.567,25"},
        ),
        (3.5, {"en": "3.5", "sq": "3,5", "sr": "3,5", "sr-Latn": "3,5"}),
        (45.0, {"en": "45", "sq": "45", "sr": "45", "sr-Latn": "45"}),
        (-1200, {"en": "-1,200", "sq": f"-1{NBSP}200", "sr": "-1.200", "sr-Latn": "-1.200"}),
        (999, {"en": "999", "sq": "999", "sr": "999", "sr-Latn": "999"}),
    ],
)
def test_numbers_take_the_language_s_separators(value, expected):
    assert each(text.format_number, value) == expected


def test_the_digits_are_the_english_ones_in_every_language():
    """Rounded once: 2.675 is one figure in every edition, whatever a locale's rounding would do."""
    shown = each(text.format_number, 2.675)
    assert shown["en"] == "2.67" and shown["sq"] == shown["sr"] == "2,67"


def test_a_percent_sign_is_spaced_as_cldr_spaces_it_and_a_unit_in_words_after_a_space():
    percent = SimpleNamespace(short_unit="%", unit=None)
    soldiers = SimpleNamespace(short_unit=None, unit="soldiers")
    assert each(text.with_unit, 45, percent) == {"en": "45%", "sq": "45%", "sr": "45%", "sr-Latn": "45%"}
    assert each(text.with_unit, 4500, soldiers)["sq"] == f"4{NBSP}500 soldiers"
    with current.using("sq"):
        assert text._percent_spacing() == ""  # CLDR's sq percent pattern is "#,##0%"


def test_plotly_separators_agree_with_the_text_and_english_keeps_plotly_s_default():
    assert each(text.plotly_separators) == {"en": None, "sq": f",{NBSP}", "sr": ",.", "sr-Latn": ",."}


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2008", {"en": "2008", "sq": "2008", "sr": "2008.", "sr-Latn": "2008."}),
        ("2008-02", {"en": "February 2008", "sq": "shkurt 2008", "sr": "фебруар 2008.", "sr-Latn": "februar 2008."}),
        (
            "2008-02-17",
            {
                "en": "17 February 2008",
                "sq": "17 shkurt 2008",
                "sr": "17. фебруар 2008.",
                "sr-Latn": "17. februar 2008.",
            },
        ),
        ("1999-06-09", {"en": "9 June 1999", "sq": "9 qershor 1999", "sr": "9. јун 1999.", "sr-Latn": "9. jun 1999."}),
    ],
)
def test_dates_at_the_precision_written(written, expected):
    assert each(text.format_date, written) == expected


def test_every_month_in_latin_serbian_is_the_cyrillic_transliterated():
    for month in range(1, 13):
        written = f"2008-{month:02d}"
        for day in (f"{written}-01", written):
            shown = each(text.format_date, day)
            assert shown["sr-Latn"] == to_latin(shown["sr"]), day
            assert not any("\u0400" <= char <= "\u04ff" for char in shown["sr-Latn"])
        phrase = each(sentences.when, written)
        assert phrase["sr-Latn"] == to_latin(phrase["sr"])
    names = each(text.month_names)
    assert names["sr-Latn"] == tuple(to_latin(name) for name in names["sr"])
    assert names["en"] == text.MONTHS and names["sq"][1] == "shkurt" and names["sr"][1] == "фебруар"


def test_date_phrases_need_no_declined_word_around_them():
    assert each(sentences.when, "2008-02-17") == {
        "en": "on 17 February 2008",
        "sq": "më 17 shkurt 2008",
        "sr": "17. фебруара 2008.",
        "sr-Latn": "17. februara 2008.",
    }
    assert each(sentences.when, "1999-06") == {
        "en": "in June 1999",
        "sq": "në qershor 1999",
        "sr": "у јуну 1999.",
        "sr-Latn": "u junu 1999.",
    }
    assert each(sentences.when, "2008") == {
        "en": "in 2008",
        "sq": "në vitin 2008",
        "sr": "у 2008.",
        "sr-Latn": "u 2008.",
    }


def test_a_sentence_ending_in_a_serbian_date_has_one_period():
    assert sentences.finish("Признање у 2008..") == "Признање у 2008."
    assert sentences.finish("A list...") == "A list..."
    assert sentences.finish("Done.") == "Done."


# -- lists -------------------------------------------------------------------------------------


def test_lists_join_with_the_language_s_words_and_english_keeps_no_serial_comma():
    assert each(sentences.listing, ["A", "B", "C"]) == {
        "en": "A, B and C",
        "sq": "A, B dhe C",
        "sr": "A, B и C",
        "sr-Latn": "A, B i C",
    }
    assert each(sentences.listing, ["A", "B"]) == {"en": "A and B", "sq": "A dhe B", "sr": "A и B", "sr-Latn": "A i B"}
    assert each(sentences.listing, ["A"]) == dict.fromkeys(LANGUAGES, "A")
    assert each(sentences.listing, []) == dict.fromkeys(LANGUAGES, "")


def test_a_long_list_names_five_and_counts_the_rest():
    items = list("ABCDEFGH")
    assert each(sentences.listing, items) == {
        "en": "A, B, C, D, E and 3 more",
        "sq": "A, B, C, D, E dhe 3 të tjera",
        "sr": "A, B, C, D, E и још 3",
        "sr-Latn": "A, B, C, D, E i još 3",
    }
    assert each(sentences.listing, items[:6])["sq"] == "A, B, C, D, E dhe 1 tjetër"


def test_a_list_s_items_are_never_transliterated_again():
    with current.using("sr-Latn"):
        assert sentences.listing(["Nj", "Dž", "Lj"]) == "Nj, Dž i Lj"


# -- country names -----------------------------------------------------------------------------


def test_country_names_in_each_language():
    assert each(places.country_name, "DEU") == {
        "en": "Germany",
        "sq": "Gjermani",
        "sr": "Немачка",
        "sr-Latn": "Nemačka",
    }
    assert each(places.country_name, "RUS") == {
        "en": "Russian Federation",  # pycountry's English, as the English edition always showed it
        "sq": "Rusi",
        "sr": "Русија",
        "sr-Latn": "Rusija",
    }


def test_kosovo_is_named_as_each_community_names_it():
    for code in ("XK", "XKX"):
        assert each(places.country_name, code) == {"en": "Kosovo", "sq": "Kosova", "sr": "Косово", "sr-Latn": "Kosovo"}


def test_cldr_names_where_pycountry_s_are_formal_or_missing_and_pycountry_s_where_cldr_is_out_of_date():
    assert places.iso_name("TR", "sr") is None  # pycountry's Serbian catalog has no Türkiye
    assert places.country_name("TUR", "sr") == "Турска"
    assert places.iso_name("KR", "sq") == "Koreja e Jugut" and places.country_name("KOR", "sr") == "Јужна Кореја"
    assert places.cldr_name("SZ", "sr") == "Свазиленд"  # the name before 2018
    assert places.country_name("SWZ", "sr") == "Есватини"


def test_an_unknown_code_is_shown_as_written():
    assert each(places.country_name, "QQQ") == dict.fromkeys(LANGUAGES, "QQQ")


def test_every_country_of_the_kosovo_data_has_a_name_in_albanian_and_serbian():
    """From CLDR or pycountry, never the English one standing in."""
    codes = kosovo_codes()
    assert len(codes) > 190
    for code in sorted(codes):
        alpha_2 = countries.lookup(code).alpha_2
        english = countries.lookup(code).name
        for language in ("sq", "sr"):
            assert places.cldr_name(alpha_2, language) or places.iso_name(alpha_2, language), (code, language)
        assert any("\u0400" <= char <= "\u04ff" for char in places.country_name(code, "sr")), (code, english)


def test_pycountry_names_all_but_turkiye_of_the_kosovo_data_in_albanian_and_serbian():
    """What pycountry's catalogs cover (the fallback), so a gap that grows is seen."""
    missing = {
        (code, language)
        for code in kosovo_codes() - {"XKX"}
        for language in ("sq", "sr")
        if places.iso_name(countries.lookup(code).alpha_2, language) is None
    }
    assert missing == {("TUR", "sr")}


def test_every_latin_serbian_country_name_is_the_cyrillic_transliterated():
    for entry in pycountry.countries:
        cyrillic = places.country_name(entry.alpha_2, "sr")
        latin = places.country_name(entry.alpha_2, "sr-Latn")
        assert latin == to_latin(cyrillic), entry.alpha_2
        assert not any("\u0400" <= char <= "\u04ff" for char in latin), entry.alpha_2
    assert places.country_name("XK", "sr-Latn") == to_latin(places.country_name("XK", "sr"))


def test_display_value_names_a_country_field_s_value_in_the_language():
    field = SimpleNamespace(type="country")
    assert each(text.display_value, field, "SRB") == {
        "en": "Serbia",
        "sq": "Serbi",
        "sr": "Србија",
        "sr-Latn": "Srbija",
    }


# -- alphabetical order ------------------------------------------------------------------------


def test_albanian_order_puts_c_cedilla_after_c_and_digraphs_after_their_first_letter():
    names = ["Zvicër", "Çeki", "Cipro", "Dhjetor", "Dita", "Ekuador", "Ëndërr", "Wales", "Vietnam", "Xhibuti", "Xixa"]
    ordered = sorted(names, key=lambda name: order.name_key(name, "sq"))
    assert ordered == [
        "Cipro",
        "Çeki",
        "Dita",
        "Dhjetor",
        "Ekuador",
        "Ëndërr",
        "Vietnam",
        "Wales",
        "Xixa",
        "Xhibuti",
        "Zvicër",
    ]


def test_serbian_order_is_the_cyrillic_alphabet_s():
    names = ["Шведска", "Ђибути", "Јапан", "Иран", "Љубљана", "Лаос", "Њујорк", "Нигер", "Џибути", "Чешка", "Ћуприја"]
    ordered = sorted(names, key=lambda name: order.name_key(name, "sr"))
    assert ordered == [
        "Ђибути",
        "Иран",
        "Јапан",
        "Лаос",
        "Љубљана",
        "Нигер",
        "Њујорк",
        "Ћуприја",
        "Чешка",
        "Џибути",
        "Шведска",
    ]


def test_space_sorts_before_letters_and_accents_after_their_letter():
    assert sorted(["Sankt", "San Marino", "Ezo", "Élan", "Elan"], key=lambda n: order.name_key(n, "sq")) == [
        "Elan",
        "Élan",
        "Ezo",
        "San Marino",
        "Sankt",
    ]


def test_countries_sort_by_name_in_each_edition_and_latin_serbian_keeps_the_cyrillic_order():
    codes = ["DEU", "CZE", "TCD", "SRB", "ALB", "SWE", "JPN", "IRN", "DJI", "USA"]
    ordered = {}
    for language in LANGUAGES:
        with current.using(language):
            ordered[language] = [places.country_name(code) for code in sorted(codes, key=order.country_key)]
    assert ordered["en"] == sorted(ordered["en"])  # Python's order, as before editions
    # Albanian: "Ç" before "G", and "Sh" (a letter of its own) after every "S..."
    assert ordered["sq"] == [
        "Çad",
        "Çeki",
        "Gjermani",
        "Iran",
        "Japoni",
        "Serbi",
        "Suedi",
        "SHBA",
        "Shqipëri",
        "Xhibuti",
    ]
    # Serbian: "Ј" after "И", "Џ" after "Ч" (Unicode puts both after "Ш")
    assert ordered["sr"] == [
        "Албанија",
        "Иран",
        "Јапан",
        "Немачка",
        "Сједињене Државе",
        "Србија",
        "Чад",
        "Чешка",
        "Џибути",
        "Шведска",
    ]
    assert ordered["sr-Latn"] == [to_latin(name) for name in ordered["sr"]]
