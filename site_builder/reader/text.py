"""Values as readers read them: partial dates, numbers with their units, category labels, country names.

Charts, tables, the text alternative and the page templates all show the same record values; one
set of rules here keeps "17 February 2008" and "4,500 soldiers" written the same way in all of
them. Plain text only: escaping for plotly or HTML happens where the text lands.
"""

from __future__ import annotations

from typing import Any

from site_builder.formats import countries

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
    """A partial date for readers: "2008", "February 2008", "17 February 2008"."""
    parts = written.split("-")
    if len(parts) == 1:
        return written
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


# -- numbers and values --------------------------------------------------------------------------


def format_number(value: int | float) -> str:
    """Thousands separators; at most two decimals, trailing zeros dropped ("3.5", "4,500")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def with_unit(value: int | float, field) -> str:
    """A number with its field's unit: "45%" for a short unit, "4,500 soldiers" for a unit in words."""
    text = format_number(value)
    if field.short_unit:
        return text + field.short_unit
    if field.unit:
        return f"{text} {field.unit}"
    return text


def display_value(field, value: Any) -> str:
    """A record value as readers see it: country names, category labels, readable dates and numbers."""
    if value is None:
        return ""
    if field.type == "country":
        country = countries.lookup(value)
        return country.name if country else value
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
