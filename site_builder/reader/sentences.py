"""Wording for the generated text alternatives: counts, lists, dates and titles inside sentences.

Each kind writes its own sentences (`describe()` in its module); these helpers keep them reading
alike: "3 figures", "A, B and C", "in June 1999", "status" for a title mid-sentence.

Lists and date phrases follow the language being made: a list is joined as CLDR joins one
("A, B dhe C", "A, Б и Ц"), and a date phrase is worded so that it needs no declined country or
noun around it. Serbian declines the month after a preposition ("у јуну 1999.", "17. фебруара
2008."), which the twelve forms below give; Albanian does not ("në qershor 1999", "më 17 shkurt
2008"). A Serbian date ends in the period of its ordinal year: `finish()` ends a sentence with one
period, not two.
"""

from __future__ import annotations

import functools

from babel import lists

from site_builder.formats.datasets import Dataset
from site_builder.languages import current, translit
from site_builder.languages.messages import ngettext
from site_builder.reader.order import ordered_values
from site_builder.reader.text import display_value, format_date, format_number

LISTED = 5  # items named before "and N more"
NO_DATA = "The chart has no data to show."


def value_groups(dataset: Dataset, name: str | None, records: list[dict]) -> list[tuple[str, list[dict]]]:
    """(label, records) per value of a field, in reading order; one unlabelled group without a field."""
    if name is None:
        return [("", records)]
    field = dataset.field(name)
    return [
        (display_value(field, value), [r for r in records if r.get(name) == value])
        for value in ordered_values(dataset, name, records)
    ]


def lower(title: str) -> str:
    """A title inside a sentence: "Status" -> "status", but "KFOR troops" and "US" stay."""
    return title[0].lower() + title[1:] if title[1:2].islower() else title


def when(written: str) -> str:
    """A date as a phrase: "on 17 February 2008", "in June 1999", "in 2008"; sq "më 17 shkurt 2008",
    "në qershor 1999", "në vitin 2008"; sr "17. фебруара 2008.", "у јуну 1999.", "у 2008.".

    Grammar rather than words to translate (which is why it is not in the catalogs): the
    preposition a language puts before a day, a month and a year, and in Serbian the month's case
    after it. A language with neither here gets the date alone.
    """
    language = current.language()
    if language == current.SOURCE:
        return ("on " if written.count("-") == 2 else "in ") + format_date(written)
    if current.base(language) == "sr":
        phrase = _serbian_when(written)
        return translit.to_latin(phrase) if current.is_latin_of_cyrillic(language) else phrase
    day, month, year = _PREPOSITIONS.get(current.base(language), ("{date}",) * 3)
    return (day, month, year)[2 - written.count("-")].format(date=format_date(written))


# Before a day, a month, a year: Albanian declines neither the month nor the year after these.
_PREPOSITIONS = {"sq": ("më {date}", "në {date}", "në vitin {date}")}
# Serbian months after a day (genitive: "17. фебруара") and after "у" (locative: "у јуну").
_SR_GENITIVE = "јануара фебруара марта априла маја јуна јула августа септембра октобра новембра децембра".split()
_SR_LOCATIVE = "јануару фебруару марту априлу мају јуну јулу августу септембру октобру новембру децембру".split()


def _serbian_when(written: str) -> str:
    parts = written.split("-")
    if len(parts) == 1:
        return f"у {parts[0]}."
    month = int(parts[1]) - 1
    if len(parts) == 2:
        return f"у {_SR_LOCATIVE[month]} {parts[0]}."
    return f"{int(parts[2])}. {_SR_GENITIVE[month]} {parts[0]}."


def finish(sentence: str) -> str:
    """A sentence ending in one period, though its last word be a Serbian date ("у 2008." + ".")."""
    return sentence[:-1] if sentence.endswith("..") and not sentence.endswith("...") else sentence


def count(n: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun: "1 figure", "3 figures", "2 countries"; "1 figure is", "3 figures are"."""
    if plural is None:
        verb = " is" if singular.endswith(" is") else ""
        noun = singular[: len(singular) - len(verb)]
        plural = _plural(noun) + (" are" if verb else "")
    return f"{format_number(n)} {singular if n == 1 else plural}"


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def listing(items: list[str], more: bool = True) -> str:
    """Items as a list in prose: "A, B and C"; beyond LISTED items, "A, B, C, D, E and 3 more"
    (sq "A, B dhe C", sr "A, Б и Ц": CLDR's joining words, without English's serial comma).
    """
    language = current.language()
    if language == current.SOURCE:
        if more and len(items) > LISTED:
            return ", ".join(items[:LISTED]) + f" and {len(items) - LISTED} more"
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + " and " + items[-1]
    if more and len(items) > LISTED:
        rest = len(items) - LISTED
        return ngettext(
            "{items} and {number} more",
            "{items} and {number} more",
            rest,
            items=", ".join(items[:LISTED]),
            number=format_number(rest),
        )
    if not items:
        return ""
    return _join(language, tuple(items))


def _join(language: str, items: tuple[str, ...]) -> str:
    """CLDR's list of `items` (a Latin Serbian list joined as the Cyrillic one, with its words in Latin)."""
    if current.is_latin_of_cyrillic(language):
        return _joined(current.base(language), items, translit.to_latin)
    return _joined(language, items, str)


def _joined(language: str, items: tuple[str, ...], script) -> str:
    # Join placeholders, not the items: an item's own letters must never be transliterated twice.
    marks = [f"\x00{index}\x00" for index in range(len(items))]
    text = script(_list_pattern(language, len(items), tuple(marks)))
    for mark, item in zip(marks, items, strict=True):
        text = text.replace(mark, item)
    return text


@functools.cache
def _list_pattern(language: str, size: int, marks: tuple[str, ...]) -> str:
    return lists.format_list(list(marks), locale=current.babel_locale(language))
