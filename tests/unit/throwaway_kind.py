"""A chart kind that exists only for `test_new_kind.py`: dots, one a record, a number per label.

It is written the way a newcomer writes a kind: one module with the registry's contract
(`site_builder/figures/kinds/__init__.py`) and nothing anywhere else but the registry line,
which the test adds.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from site_builder.figures.marks import axis_labels, cartesian_axis, hover_lines, record_details, value_axis
from site_builder.figures.theme import Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase
from site_builder.reader.order import by_columns
from site_builder.reader.sentences import count
from site_builder.reader.text import display_value, field_title, with_unit


class DotsSpec(ChartSpecBase):
    """Dots: one a record, its label along the bottom and its number up the side."""

    kind: Literal["dots"] = Field(description="Dots: one a record, a number per label.", examples=["dots"])
    label: str = Field(description="The field naming each dot, along the bottom axis.", examples=["country"])
    value: str = Field(description="The integer or number field that sets the dot's height.", examples=["troops"])


Spec = DotsSpec

FIELD_REFS = {"label": ("text", "country", "category", "date"), "value": ("integer", "number")}
TRACES = frozenset({"scatter"})
GUIDE_DRAWS = "a dot a record, a number per label"
GUIDE_KEYS = "`label` (a text, country, category or date field), `value` (an integer or number field)"


def build(spec: DotsSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    label_field, value_field = dataset.field(spec.label), dataset.field(spec.value)
    shown = [r for r in records if r.get(spec.label) is not None and r.get(spec.value) is not None]
    labels = [display_value(label_field, r[spec.label]) for r in shown]
    trace = {
        "type": "scatter",
        "mode": "markers",
        "x": axis_labels(labels),
        "y": [r[spec.value] for r in shown],
        "marker": {"color": theme.colour(0)},
        "hoverinfo": "text",
        "hovertext": [
            hover_lines([label, with_unit(r[spec.value], value_field), *record_details(dataset, r)])
            for label, r in zip(labels, shown)
        ],
    }
    layout = theme.base_layout("cartesian")
    layout.update(
        {
            "xaxis": {**layout["xaxis"], **cartesian_axis(field_title(label_field), type="category")},
            "yaxis": {**layout["yaxis"], **value_axis(field_title(value_field), value_field)},
            "showlegend": False,
        }
    )
    return {"data": [trace], "layout": layout}


def columns(spec: DotsSpec, dataset: Dataset) -> list[str]:
    return [spec.label, spec.value]


def rows(spec: DotsSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    return by_columns(dataset, columns(spec, dataset), records)


def describe(spec: DotsSpec, records: list[dict], dataset: Dataset) -> list[str]:
    return [f"Dot chart of {field_title(dataset.field(spec.value))}, {count(len(records), 'dot')}."]


def explain(spec: DotsSpec, records: list[dict], dataset: Dataset) -> list[str]:
    return ["Each dot is one record's figure."]
