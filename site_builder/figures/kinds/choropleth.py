"""World map: each country coloured by a category, e.g. whether it recognises Kosovo.

One choropleth trace per category (a single constant colour each), so the legend lists the
categories by their labels, in the field's order, and clicking one hides it; a continuous
colour bar would suggest an order the categories do not have. Countries with no record keep the
land colour (`theme.NO_DATA_FILL`). Unconfirmed records are drawn paler.

The map needs only the `land` and `countries` layers of plotly's `world_110m` topojson: frame,
coastlines, lakes, ocean, rivers and subunits are all switched off.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from site_builder.figures.marks import hover_lines, legend_label, record_details
from site_builder.figures.theme import Theme
from site_builder.formats import countries
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase
from site_builder.reader.order import by_columns
from site_builder.reader.sentences import count, lower
from site_builder.reader.text import display_value


class ChoroplethSpec(ChartSpecBase):
    """A world map with each country coloured by a category."""

    kind: Literal["choropleth"] = Field(
        description="A world map, each country coloured by a category.", examples=["choropleth"]
    )
    location: str = Field(
        description="The country field (ISO 3166-1 codes, two or three letters).", examples=["country"]
    )
    color: str = Field(
        description="The category field that colours each country; its categories' order and labels make the legend.",
        examples=["status"],
    )
    hover: list[Annotated[str, Field(min_length=1)]] | None = Field(
        None,
        min_length=1,
        description="More fields to show when a reader points at a country.",
        examples=[["date", "recognised_by"]],
    )


Spec = ChoroplethSpec  # the registry's name for it; the class name keeps JSON Schema definitions readable

FIELD_REFS = {"location": ("country",), "color": ("category",), "hover": None}
TRACES = frozenset({"choropleth"})
GUIDE_DRAWS = "a world map, each country coloured by a category"
GUIDE_KEYS = (
    "`location` (a country field), `color` (a category field: its categories give the colours and the legend), "
    "`hover` (optional: a list of more fields to show on hover)"
)

AREA_BORDER = "#a0a0a0"  # a country outline that reads on both light and dark fills

GEO = {
    "scope": "world",
    "resolution": 110,
    "projection": {"type": "natural earth"},
    "fitbounds": False,  # plotly.js 4 zooms to the coloured countries by default; a world map shows the world
    "lataxis": {"range": [-58, 85]},  # Antarctica takes space and has no countries
    "showframe": False,
    "showcoastlines": False,
    "showland": True,
    "showcountries": True,
    "showlakes": False,
    "showocean": False,
    "showrivers": False,
    "showsubunits": False,
    "countrywidth": 0.5,
}


def build(spec: ChoroplethSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    color_field = dataset.field(spec.color)
    first: dict[str, dict] = {}  # alpha-3 code -> the country's first record: it colours the country
    others: dict[str, int] = {}
    for record in records:
        country = countries.lookup(record.get(spec.location) or "")
        if country is None or record.get(spec.color) is None:
            continue
        if country.alpha_3 in first:
            others[country.alpha_3] = others.get(country.alpha_3, 0) + 1
        else:
            first[country.alpha_3] = record
    data = []
    for index, category in enumerate(color_field.categories):
        members = [(code, record) for code, record in first.items() if record[spec.color] == category.value]
        if not members:
            continue
        colour = theme.named(category.color) if category.color else theme.colour(index)
        data.append(
            {
                "type": "choropleth",
                "locationmode": "ISO-3",
                "name": legend_label(category.label),
                "locations": [code for code, _ in members],
                "z": [1] * len(members),
                "zmin": 0,
                "zmax": 1,
                "colorscale": [[0, colour], [1, colour]],
                "showscale": False,
                "showlegend": True,
                "marker": {
                    "line": {"color": AREA_BORDER, "width": 0.5},
                    "opacity": [
                        theme.low_confidence_opacity if r.get("confidence") == "low" else 1 for _, r in members
                    ],
                },
                "hoverinfo": "text",
                "hovertext": [
                    hover_lines(_hover(spec, dataset, record, others.get(code, 0))) for code, record in members
                ],
            }
        )
    layout = theme.base_layout("geo")
    layout.update(
        {
            "geo": {**layout["geo"], **GEO},
            "showlegend": True,
            "hovermode": "closest",
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
        }
    )
    return {"data": data, "layout": layout}


def _hover(spec: ChoroplethSpec, dataset: Dataset, record: dict, others: int) -> list[str]:
    lines = [
        display_value(dataset.field(spec.location), record[spec.location]),
        display_value(dataset.field(spec.color), record[spec.color]),
    ]
    for name in spec.hover or []:
        if record.get(name) is not None:
            lines.append(f"{dataset.field(name).title}: {display_value(dataset.field(name), record[name])}")
    lines += record_details(dataset, record)
    if others:
        lines.append(f"{others} more record{'s' if others > 1 else ''} for this country: see the table")
    return lines


def columns(spec: ChoroplethSpec, dataset: Dataset) -> list[str]:
    return list(dict.fromkeys([spec.location, spec.color, *(spec.hover or [])]))


def rows(spec: ChoroplethSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    return by_columns(dataset, columns(spec, dataset), records)


def describe(spec: ChoroplethSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """How many countries the map shows, and how many fall in each category."""
    color = dataset.field(spec.color)
    seen: dict[str, str] = {}
    for record in records:
        code, value = record.get(spec.location), record.get(spec.color)
        if code is not None and value is not None:
            seen.setdefault(code, value)
    counts = [(c.label, sum(1 for v in seen.values() if v == c.value)) for c in color.categories]
    parts = [f"{label}: {count(n, 'country')}" for label, n in counts if n]
    return [f"World map of {lower(color.title)} for {count(len(seen), 'country')}.", "; ".join(parts) + "."]


def explain(spec, records, dataset) -> list[str]:
    return []
