"""Reading order: of a field's values (legend entries, groups, sentences) and of a table's rows.

A chart's legend, its text alternative and its table list the same values in the same order, so
a reader moving between them never has to search: categories in the order the dataset declares,
dates in time order, countries by name, text as first written.

Names sort by the alphabet of the language being made (`name_key`), not by Unicode's code
points, which put Albanian "Çeki" after "Zvicër" and Serbian "Ђ", "Ј", "Љ", "Њ", "Ћ", "Џ" after
"Ш". No `locale` module: the C library's collations differ between machines (and are often not
installed), and a build must give the same order everywhere. The key is the alphabet itself:
Albanian's 36 letters, digraphs included ("dh" after every "d..."; "ë" after "e", "ç" after "c"),
and Serbian Cyrillic's 30, in their order. A letter outside the alphabet sorts as its base letter
(accents stripped: "é" as "e") just after it, a Latin letter an alphabet lacks after the one
before it ("w" after "v"), and a space or hyphen before any letter ("San
Marino" before "Sankt ..."), as dictionaries do. The Latin Serbian edition lists names in the
Cyrillic edition's order, as it shows the same page transliterated: both editions list the same
countries in the same order. English keeps Python's order of its names, as before editions.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from site_builder.formats.datasets import Dataset
from site_builder.languages import current
from site_builder.reader import places
from site_builder.reader.text import plot_date

ALPHABETS = {
    "sq": "a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh".split(),
    "sr": list("абвгдђежзијклљмнњопрстћуфхцчџш"),
}


def ordered_values(dataset: Dataset, name: str, records: list[dict]) -> list[Any]:
    """The distinct values of a field among `records`, in reading order.

    Categories keep the order the dataset declares (its legend order), dates and numbers are
    sorted, countries go by name, and text keeps the order of first appearance.
    """
    field = dataset.field(name)
    present = list(dict.fromkeys(r[name] for r in records if r.get(name) is not None))
    if field.type == "category":
        order = {c.value: i for i, c in enumerate(field.categories)}
        return sorted(present, key=order.__getitem__)
    if field.type == "date":
        return sorted(present, key=plot_date)
    if field.type in ("integer", "number"):
        return sorted(present)
    if field.type == "country":
        return sorted(present, key=country_key)
    return present


def country_key(code: str):
    """Where a country goes in an alphabetical list of the language being made (see the module)."""
    language = current.language()
    if language == current.SOURCE:
        return places.country_name(code)
    base = current.base(language)
    return name_key(places.country_name(code, base), base)


def name_key(text: str, language: str | None = None) -> tuple:
    """A sort key for a name in `language`'s alphabet (default: the one being made's): letters first,
    then accents ("Elan", "Élan", "Ezo"), then the text itself, so the order is total.
    """
    return _name_key(text, current.base(language or current.language()))


@functools.lru_cache(maxsize=8192)  # the same few hundred names, sorted again for every chart and table
def _name_key(text: str, language: str) -> tuple:
    letters = _letters(language)
    if letters is None:
        return (text.casefold(), text)
    primary, secondary = [], []
    folded = text.casefold()
    index = 0
    while index < len(folded):
        for size in (2, 1):
            piece = folded[index : index + size]
            if len(piece) == size and piece in letters:
                place, accent = letters[piece], 0
                index += size
                break
        else:
            place, accent = _outside(folded[index], letters)
            index += 1
        primary.append(place)
        secondary.append(accent)
    return (tuple(primary), tuple(secondary), text)


def _outside(char: str, letters: dict[str, int]) -> tuple[float, int]:
    """A character not in the alphabet: its base letter's place (told apart after the letters); a
    Latin letter the alphabet lacks just after the one before it; a digit or a space before every
    letter; any other letter after the whole alphabet.
    """
    if not char.isalnum():
        return (-2, 0)
    if char.isdigit():
        return (-1, int(char) if char.isascii() else 10)
    base = unicodedata.normalize("NFD", char)[0]
    if base in letters:
        return (letters[base], 1 + ord(char))
    before = [letter for letter in letters if len(letter) == 1 and letter.isascii() and letter < base]
    if base.isascii() and before:  # "w" in Albanian: just after "v"
        return (letters[max(before)] + 0.5, 0)
    return (len(letters), ord(char))


@functools.cache
def _letters(language: str) -> dict[str, int] | None:
    alphabet = ALPHABETS.get(language)
    return None if alphabet is None else {letter: place for place, letter in enumerate(alphabet)}


def by_columns(dataset: Dataset, names: list[str], records: list[dict]) -> list[dict]:
    """Table rows sorted by their non-numeric columns in turn (dates in time order, categories in
    legend order, countries by name), keeping the dataset's order among equals: the order most
    kinds' tables use (`rows()` in their module).
    """
    keys = [name for name in names if dataset.field(name).type not in ("integer", "number")]
    return sorted(records, key=lambda record: [_sort_key(dataset, name, record.get(name)) for name in keys])


def _sort_key(dataset: Dataset, name: str, value: Any) -> tuple:
    field = dataset.field(name)
    if value is None:
        return (1, "")
    if field.type == "date":
        return (0, plot_date(value))
    if field.type == "category":
        return (0, next(i for i, c in enumerate(field.categories) if c.value == value))
    if field.type == "country":
        return (0, country_key(value))
    return (0, "")  # text keeps the dataset's order
