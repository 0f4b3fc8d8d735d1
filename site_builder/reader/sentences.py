"""Wording for the generated text alternatives: counts, lists, dates and titles inside sentences.

Each kind writes its own sentences (`describe()` in its module); these helpers keep them reading
alike: "3 figures", "A, B and C", "in June 1999", "status" for a title mid-sentence.
"""

from __future__ import annotations

from site_builder.formats.datasets import Dataset
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
    """A date as a phrase: "on 17 February 2008", "in June 1999", "in 2008"."""
    return ("on " if written.count("-") == 2 else "in ") + format_date(written)


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
    """Items as a list in prose: "A, B and C"; beyond LISTED items, "A, B, C, D, E and 3 more"."""
    if more and len(items) > LISTED:
        return ", ".join(items[:LISTED]) + f" and {len(items) - LISTED} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
