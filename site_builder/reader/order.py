"""Reading order: of a field's values (legend entries, groups, sentences) and of a table's rows.

A chart's legend, its text alternative and its table list the same values in the same order, so
a reader moving between them never has to search: categories in the order the dataset declares,
dates in time order, countries by name, text as first written.
"""

from __future__ import annotations

from typing import Any

from site_builder.formats.datasets import Dataset
from site_builder.reader.text import display_value, plot_date


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
        return sorted(present, key=lambda v: display_value(field, v))
    return present


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
        return (0, display_value(field, value))
    return (0, "")  # text keeps the dataset's order
