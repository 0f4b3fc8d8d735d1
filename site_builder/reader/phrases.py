"""Phrases of the generated sentences that English words by grammar the other languages do not share.

English puts a preposition before a date ("in June 1999", "on 17 February 2008") and makes a
plural of any noun, a field's title too ("12 countries"). Serbian and Albanian decline both the
month and the noun, which no template can do for a title an editor wrote: so each phrase is one
message, and a translation words it so that nothing needs declining (Serbian puts the date in
brackets, "(јун 1999.)"; a count of a field's values names them after the count, "12 ставки
(држава)"). English keeps its own rules here, byte for byte.
"""

from __future__ import annotations

from site_builder.languages import current
from site_builder.languages.messages import _, ngettext
from site_builder.reader.sentences import count, lower
from site_builder.reader.text import format_date, format_number


def at(written: str) -> str:
    """A date as a phrase: "on 17 February 2008", "in June 1999", "in 2008"."""
    if written.count("-") == 2:
        return _("on {date}", date=format_date(written))
    return _("in {date}", date=format_date(written))


def period(first: str, last: str) -> str:
    """Two dates as a span, "from June 1999 to May 2020"; one date as `at` says it."""
    if first == last:
        return at(first)
    return _("from {start} to {end}", start=format_date(first), end=format_date(last))


def between(low, high_with_unit: str) -> str:
    """Where sources disagree: "between 4,000 and 4,500 soldiers" (`high_with_unit` carries the unit)."""
    return _("between {low} and {high}", low=format_number(low), high=high_with_unit)


def of_title(n: int, title: str) -> str:
    """`n` values of a field, named by its title: "12 countries" in English; a noun of ours and the
    title, undeclined, in the other languages.
    """
    if current.language() == current.SOURCE:
        return count(n, lower(title))
    return ngettext(
        "{number} item ({title})", "{number} items ({title})", n, number=format_number(n), title=lower(title)
    )


def records(n: int) -> str:
    """A count of records: "1 record", "12 records"."""
    return ngettext("{number} record", "{number} records", n, number=format_number(n))


def states(n: int) -> str:
    """A count of states: "1 state", "12 states"."""
    return ngettext("{number} state", "{number} states", n, number=format_number(n))
