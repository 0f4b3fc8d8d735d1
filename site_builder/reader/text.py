"""Values as readers read them: partial dates, numbers with their units, category labels, country names.

Charts, tables, the text alternative and the page templates all show the same record values; one
set of rules here keeps "17 February 2008" and "4,500 soldiers" written the same way in all of
them. Plain text only: escaping for plotly or HTML happens where the text lands.

Each value is written as the language being made writes it (`current.language()`), by CLDR's
rules through Babel: "4 353" and "17 shkurt 2008" in Albanian, "4.353" and "17. фебруар 2008."
in Serbian, whose Latin edition is the Cyrillic text transliterated. English is written exactly
as it was before there were editions. The digits never depend on the language: a number is
rounded once, in the English form, and only its separators change, so every edition shows the
same figure.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from babel import Locale, dates, numbers

from site_builder.languages import current, translit
from site_builder.reader import places

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# -- dates ---------------------------------------------------------------------------------------


def plot_date(written: str) -> str:
    """Where a partial date sits on a time axis: the middle of the period it names.

    "1999" plots at 1999-07-01 and "1999-06" at 1999-06-15, so a yearly figure sits between the
    monthly figures of that year rather than beside January's, and a line between a year and a
    day does not lean half a year early. Hover and tables show the date as written.
    """
    parts = written.split("-")
    if len(parts) == 1:
        return f"{written}-07-01"
    if len(parts) == 2:
        return f"{written}-15"
    return written


def format_date(written: str) -> str:
    """A partial date for readers, at the precision written: "2008", "February 2008", "17 February
    2008"; sq "shkurt 2008", sr "фебруар 2008." (CLDR's forms for a year, a month of a year, a day).
    """
    parts = written.split("-")
    language = current.language()
    if language != current.SOURCE:
        return _localized_date(written, language)
    if len(parts) == 1:
        return written
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def month_names(language: str | None = None) -> tuple[str, ...]:
    """The twelve months' names as a month of a year is written alone ("shkurt", "фебруар")."""
    language = language or current.language()
    if language == current.SOURCE:
        return MONTHS
    return tuple(_in_script(language, functools.partial(_month, number=number)) for number in range(1, 13))


@functools.lru_cache(maxsize=4096)  # a build writes the same few hundred dates many times over
def _localized_date(written: str, language: str) -> str:
    return _in_script(language, lambda base: _cldr_date(written.split("-"), base))


def _cldr_date(parts: list[str], language: str) -> str:
    day = datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    locale = _locale(language)
    if len(parts) == 3:
        return dates.format_date(day, "long", locale=locale)
    return dates.format_skeleton("yMMMM" if len(parts) == 2 else "y", day, locale=locale)


def _month(language: str, number: int) -> str:
    return _locale(language).months["stand-alone"]["wide"][number]


def _in_script(language: str, make) -> str:
    """`make(language)`, or for a Latin edition of a Cyrillic one, the Cyrillic text transliterated."""
    if current.is_latin_of_cyrillic(language):
        return translit.to_latin(make(current.base(language)))
    return make(language)


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(current.babel_locale(language))


# -- numbers and values --------------------------------------------------------------------------


def format_number(value: int | float) -> str:
    """Thousands separators; at most two decimals, trailing zeros dropped ("3.5", "4,500"; sq "3,5",
    "4 500" with a no-break space; sr "3,5", "4.500").
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    language = current.language()
    if language == current.SOURCE:
        return text
    decimal, group, minus = separators(language)
    return text.translate({ord(","): group, ord("."): decimal, ord("-"): minus})


def separators(language: str | None = None) -> tuple[str, str, str]:
    """The language's decimal separator, thousands separator and minus sign (CLDR's, Latin digits)."""
    return _separators(current.base(language or current.language()))


@functools.cache
def _separators(language: str) -> tuple[str, str, str]:
    locale = _locale(language)
    return (
        numbers.get_decimal_symbol(locale),
        numbers.get_group_symbol(locale),
        numbers.get_minus_sign_symbol(locale),
    )


def plotly_separators(language: str | None = None) -> str | None:
    """plotly.js's `layout.separators` for the language (decimal, then thousands), so that its tick
    labels agree with our text; None for English, whose figures keep plotly's default.
    """
    language = language or current.language()
    if language == current.SOURCE:
        return None
    decimal, group, _ = separators(language)
    return decimal + group


def with_unit(value: int | float, field) -> str:
    """A number with its field's unit: "45%" for a short unit, "4,500 soldiers" for a unit in words.

    A percent sign is spaced as the language's CLDR percent pattern spaces it ("45 %" where that
    has a space; "45%" in English, Albanian and Serbian).
    """
    text = format_number(value)
    if field.short_unit:
        return text + _percent_spacing() + field.short_unit if field.short_unit == "%" else text + field.short_unit
    if field.unit:
        return f"{text} {field.unit}"
    return text


def _percent_spacing() -> str:
    language = current.language()
    if language == current.SOURCE:
        return ""
    pattern = _locale(current.base(language)).percent_formats[None].pattern
    between = pattern[pattern.rfind("0") + 1 : pattern.find("%")] if "%" in pattern else ""
    return between if between.strip() == "" else ""


def display_value(field, value: Any) -> str:
    """A record value as readers see it: country names, category labels, readable dates and numbers."""
    if value is None:
        return ""
    if field.type == "country":
        return places.country_name(value)
    if field.type == "category":
        return next((c.label for c in field.categories if c.value == value), value)
    if field.type == "date":
        return format_date(value)
    if field.type in ("integer", "number"):
        return format_number(value)
    return value


def field_title(field, override: str | None = None) -> str:
    """An axis or column title: the field's title with its unit, "Troops (soldiers)" (but "Soldiers")."""
    if override:
        return override
    unit = field.unit or field.short_unit
    return f"{field.title} ({unit})" if unit and unit.lower() != field.title.lower() else field.title


def shorten(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
