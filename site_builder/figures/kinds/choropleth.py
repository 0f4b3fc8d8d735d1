"""World map: each country coloured by a category, e.g. whether it recognises Kosovo.

One choropleth trace per category (a single constant colour each), so the legend lists the
categories by their labels, in the field's order, and clicking one hides it; a continuous
colour bar would suggest an order the categories do not have. Unconfirmed records are drawn paler.

A map claims a set of states (`covers: un_members`): every state of it is coloured, by its
category or grey (`unclassified:` says why, in the legend), and the checker fails a spec whose
records leave a covered state out. Every colour drawn has a legend entry, the land outside the
set included. States too small to see at 1:110m are dots in their colour (`formats/world.py`
places them), a contested category gets a cross on each of its states, and the `subject:` is
outlined.

The map needs only the `land` and `countries` layers of plotly's `world_110m` topojson: frame,
coastlines, lakes, ocean, rivers and subunits are all switched off.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from site_builder.errors import Problem
from site_builder.figures.marks import hover_lines, legend_label, record_details
from site_builder.figures.theme import Theme
from site_builder.formats import countries, world
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase, Text
from site_builder.formats.sets import SETS
from site_builder.languages.messages import _, ngettext
from site_builder.reader import phrases
from site_builder.reader.order import by_columns
from site_builder.reader.sentences import count, listing, lower
from site_builder.reader.text import display_value, format_number

NO_CATEGORY = "No category given"  # the grey legend entry when the spec has no `unclassified:` text


def _known_country(code: str) -> str:
    country = countries.lookup(code)
    if country is None:
        raise PydanticCustomError(
            "site_builder",
            "'{code}' is not an ISO 3166-1 country code",
            {"code": code, "hint": "write the two- or three-letter code, as in XKX for Kosovo"},
        )
    return country.alpha_3


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
    covers: Literal["un_members"] | None = Field(
        None,
        description="The set of states the map shows, every one classified: `un_members`, the 193 UN member "
        "states. A covered state with no record stops the build.",
        examples=["un_members"],
    )
    unclassified: Text | None = Field(
        None,
        description="For readers: why a state drawn has no category (its record leaves it empty). Shown in the "
        "legend beside grey, and on hover.",
        examples=["No position found in the sources"],
    )
    subject: Annotated[str, AfterValidator(_known_country)] | None = Field(
        None,
        description="The country the map is about (ISO 3166-1 code, or XKX for Kosovo): drawn outlined.",
        examples=["XKX"],
    )


Spec = ChoroplethSpec  # the registry's name for it; the class name keeps JSON Schema definitions readable

FIELD_REFS = {"location": ("country",), "color": ("category",), "hover": None}
TRACES = frozenset({"choropleth", "scattergeo"})
GUIDE_DRAWS = "a world map, each country coloured by a category"
GUIDE_KEYS = (
    "`location` (a country field), `color` (a category field: its categories give the colours and the legend), "
    "`hover` (optional: a list of more fields to show on hover), `covers` (optional: `un_members`, the set "
    "every state of which must be classified), `unclassified` (optional: why a state is grey), `subject` "
    "(optional: a country code drawn outlined)"
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


class _Map:
    """The chart's states sorted out once, for `build`, `describe` and `explain` alike."""

    def __init__(self, spec: ChoroplethSpec, records: list[dict], dataset: Dataset):
        self.covered = SETS[spec.covers].codes if spec.covers else frozenset()
        self.first: dict[str, dict] = {}  # alpha-3 code -> the country's first record: it colours the country
        self.others: dict[str, int] = {}
        for record in records:
            country = countries.lookup(record.get(spec.location) or "")
            if country is None:
                continue
            if country.alpha_3 in self.first:
                self.others[country.alpha_3] = self.others.get(country.alpha_3, 0) + 1
            else:
                self.first[country.alpha_3] = record
        self.categories = dataset.field(spec.color).categories
        self.by_category = {
            c.value: [code for code, r in self.first.items() if r.get(spec.color) == c.value] for c in self.categories
        }
        classified = {code for codes in self.by_category.values() for code in codes}
        # Grey: a record with no category, or a covered state with no record (the checker stops
        # such a build; a preview still draws it, grey).
        self.grey = [code for code in self.first if code not in classified]
        self.grey += sorted(code for code in self.covered if code not in self.first)
        self.missing = sorted(code for code in self.covered if code not in self.first)

    def states(self) -> list[str]:
        return [*(code for codes in self.by_category.values() for code in codes), *self.grey]


def check(spec: ChoroplethSpec, records: list[dict], dataset: Dataset, document) -> list[Problem]:
    """A covered state with no record: the map would claim to classify a state it knows nothing of."""
    if not spec.covers:
        return []
    missing = _Map(spec, records, dataset).missing
    if not missing:
        return []
    names = [countries.lookup(code).name for code in missing]
    chosen = " (after the chart's filter)" if spec.filter or spec.exclude_low_confidence else ""
    verb = "has" if len(missing) == 1 else "have"
    return [
        document.problem(
            ("covers",),
            f"covers: {spec.covers}, but {count(len(missing), 'state')} of the set {verb} "
            f"no record in '{spec.dataset}'{chosen}: {', '.join(names)}",
            f"add a record for each, with its category and source (leave `{spec.color}` empty where no source "
            "says, and say why in `unclassified:`), or remove `covers:`",
            at_key=True,
        )
    ]


def build(spec: ChoroplethSpec, records: list[dict], dataset: Dataset, theme: Theme) -> dict:
    chart = _Map(spec, records, dataset)
    areas, dots, crosses = [], [], []
    for index, category in enumerate(chart.categories):
        members = chart.by_category[category.value]
        if not members:
            continue
        colour = theme.named(category.color) if category.color else theme.colour(index)
        group, name = f"category-{index}", legend_label(category.label)
        layer = _areas(spec, dataset, chart, members, colour, name, group, theme)
        areas += layer
        dots += _dots(spec, dataset, chart, members, colour, name, group, theme, legend=not layer)
        if category.contested:
            crosses.append(_crosses(spec, dataset, chart, members, category.label, theme))
    if chart.grey:
        name = legend_label(spec.unclassified or _no_category())
        layer = _areas(spec, dataset, chart, chart.grey, theme.unclassified_fill, name, "unclassified", theme)
        areas += layer
        dots += _dots(spec, dataset, chart, chart.grey, theme.unclassified_fill, name, "unclassified", theme, not layer)
    data = [*areas, *_outside(spec, chart, theme), *dots, *crosses]
    if spec.subject:
        data.append(_subject(spec.subject, theme))
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


def _areas(spec, dataset, chart: _Map, codes, colour, name, group, theme: Theme) -> list[dict]:
    shaped = [code for code in codes if code in world.drawn()]
    if not shaped:
        return []
    records = [chart.first.get(code) for code in shaped]
    return [
        {
            "type": "choropleth",
            "locationmode": "ISO-3",
            "name": name,
            "legendgroup": group,
            "locations": shaped,
            "z": [1] * len(shaped),
            "zmin": 0,
            "zmax": 1,
            "colorscale": [[0, colour], [1, colour]],
            "showscale": False,
            "showlegend": True,
            "marker": {
                "line": {"color": AREA_BORDER, "width": 0.5},
                "opacity": [_opacity(r, theme) for r in records],
            },
            "hoverinfo": "text",
            "hovertext": [hover_lines(_hover(spec, dataset, chart, code)) for code in shaped],
        }
    ]


def _dots(spec, dataset, chart: _Map, codes, colour, name, group, theme: Theme, legend: bool) -> list[dict]:
    small = [(code, world.place(code)) for code in codes]
    small = [(code, where) for code, where in small if where is not None and where.small]
    if not small:
        return []
    return [
        {
            "type": "scattergeo",
            "mode": "markers",
            "name": name,
            "legendgroup": group,
            "showlegend": legend,
            "ids": [code for code, _ in small],  # the states' codes (`locations` would override lon and lat)
            "lon": [where.lon for _, where in small],
            "lat": [where.lat for _, where in small],
            "marker": {
                **theme.dot_marker,
                "color": colour,
                "opacity": [_opacity(chart.first.get(code), theme) for code, _ in small],
            },
            "hoverinfo": "text",
            "hovertext": [hover_lines(_hover(spec, dataset, chart, code)) for code, _ in small],
        }
    ]


def _crosses(spec, dataset, chart: _Map, codes, label: str, theme: Theme) -> dict:
    placed = [(code, world.place(code)) for code in codes]
    placed = [(code, where) for code, where in placed if where is not None]
    return {
        "type": "scattergeo",
        "mode": "markers",
        "name": legend_label(_("Contested: {label}", label=label)),
        "showlegend": True,
        "lon": [where.lon for _, where in placed],
        "lat": [where.lat for _, where in placed],
        "marker": dict(theme.contested_marker),
        "hoverinfo": "text",
        "hovertext": [hover_lines(_hover(spec, dataset, chart, code)) for code, _ in placed],
    }


def _outside(spec: ChoroplethSpec, chart: _Map, theme: Theme) -> list[dict]:
    """The land no trace colours, drawn pale with a legend entry: no colour on the map goes unexplained."""
    coloured = set(chart.states())
    rest = sorted(code for code in world.drawn() if code not in coloured and code != "ATA")  # Antarctica: cut off
    if not rest:
        return []
    label = _set_outside(spec.covers) if spec.covers else _("No record in the data")
    return [
        {
            "type": "choropleth",
            "locationmode": "ISO-3",
            "name": legend_label(label),
            "locations": rest,
            "z": [1] * len(rest),
            "zmin": 0,
            "zmax": 1,
            "colorscale": [[0, theme.neutral], [1, theme.neutral]],
            "showscale": False,
            "showlegend": True,
            "marker": {"line": {"color": AREA_BORDER, "width": 0.5}, "opacity": theme.outside_opacity},
            "hoverinfo": "skip",
        }
    ]


def _subject(code: str, theme: Theme) -> dict:
    return {
        "type": "choropleth",
        "locationmode": "ISO-3",
        "name": legend_label(_("{country} (outlined)", country=_country(code))),
        "locations": [code],
        "z": [1],
        "zmin": 0,
        "zmax": 1,
        "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        "showscale": False,
        "showlegend": True,
        "marker": {"line": dict(theme.subject_outline)},
        "hoverinfo": "skip",
    }


def _opacity(record: dict | None, theme: Theme) -> float:
    return theme.low_confidence_opacity if record and record.get("confidence") == "low" else 1


def _hover(spec: ChoroplethSpec, dataset: Dataset, chart: _Map, code: str) -> list[str]:
    record = chart.first.get(code)
    if record is None:
        return [_country(code), spec.unclassified or _no_category(), _("No record in the data")]
    lines = [
        display_value(dataset.field(spec.location), record[spec.location]),
        display_value(dataset.field(spec.color), record.get(spec.color)) or spec.unclassified or _no_category(),
    ]
    for name in spec.hover or []:
        if record.get(name) is not None:
            lines.append(f"{dataset.field(name).title}: {display_value(dataset.field(name), record[name])}")
    lines += record_details(dataset, record)
    others = chart.others.get(code, 0)
    if others:
        lines.append(
            ngettext(
                "{count} more record for this country: see the table",
                "{count} more records for this country: see the table",
                others,
            )
        )
    return lines


def _no_category() -> str:
    """The grey legend entry when the spec has no `unclassified:` text (`NO_CATEGORY`), in the reader's language."""
    return _("No category given")


def _country(code: str) -> str:
    """A state's name as readers read it (reader/text.py), from its code."""
    return display_value(_COUNTRY, code)


class _CountryField:
    type = "country"


_COUNTRY = _CountryField()


def _set_states(covers: str, n: int) -> str:
    """The states of a covered set, counted ("193 UN member states"), in the reader's language."""
    if covers == "un_members":
        return ngettext("{number} UN member state", "{number} UN member states", n, number=format_number(n))
    return f"{format_number(n)} {SETS[covers].name}"


def _set_outside(covers: str) -> str:
    """The legend entry for the land outside a covered set."""
    return _("Not a UN member state") if covers == "un_members" else SETS[covers].outside


def _set_defined_by(covers: str) -> str:
    """The list that defines a covered set, for `explain()`."""
    if covers == "un_members":
        return _("the United Nations' list of member states (https://www.un.org/en/about-us/member-states)")
    return SETS[covers].defined_by


def columns(spec: ChoroplethSpec, dataset: Dataset) -> list[str]:
    return list(dict.fromkeys([spec.location, spec.color, *(spec.hover or [])]))


def rows(spec: ChoroplethSpec, records: list[dict], dataset: Dataset) -> list[dict]:
    return by_columns(dataset, columns(spec, dataset), records)


def describe(spec: ChoroplethSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """How many states fall in each category, always out of the whole the map shows: the covered
    set, or the states in the data (never a category's count as if it were all states).
    """
    chart = _Map(spec, records, dataset)
    title = lower(dataset.field(spec.color).title)
    if spec.covers:
        whole = SETS[spec.covers]
        inside = lambda codes: [c for c in codes if c in chart.covered]  # noqa: E731
        states = _set_states(spec.covers, len(whole.codes))
        sentences = [_("World map of {title} for the {states}.", title=title, states=states)]
        lead = _("Of the {states}", states=states)
    else:
        inside = list
        states = phrases.states(len(chart.first))
        sentences = [
            _(
                "World map of {title} for the {states} in the data; states not in the data are drawn pale.",
                title=title,
                states=states,
            )
        ]
        lead = _("Of the {states} in the data", states=states)
    parts = []
    for category in chart.categories:
        n = len(inside(chart.by_category[category.value]))
        if n:
            label = _("{label} (contested)", label=category.label) if category.contested else f"{category.label}"
            parts.append(f"{label}: {format_number(n)}")
    grey = inside(chart.grey)
    if grey:
        parts.append(f"{spec.unclassified or _no_category()}: {format_number(len(grey))}")
    sentences.append(_("{lead}, by {title}: {parts}.", lead=lead, title=title, parts="; ".join(parts)))
    if spec.covers:
        outside = [code for code in chart.first if code not in chart.covered]
        if outside:
            names = [_country(code) for code in outside]
            sentences.append(
                _(
                    "The map also shows {states} outside that set: {names}.",
                    states=phrases.states(len(outside)),
                    names=listing(names),
                )
            )
    if spec.subject:
        sentences.append(_("{country} is outlined.", country=_country(spec.subject)))
    return sentences


def explain(spec: ChoroplethSpec, records: list[dict], dataset: Dataset) -> list[str]:
    """How the map is drawn, for readers: the set it covers, grey, dots, contested categories."""
    chart = _Map(spec, records, dataset)
    sentences = []
    if spec.covers:
        whole = SETS[spec.covers]
        sentences.append(
            _(
                "The map shows all {states}, as listed by {list}: each has a colour, or grey where it has no category.",
                states=_set_states(spec.covers, len(whole.codes)),
                list=_set_defined_by(spec.covers),
            )
        )
        sentences.append(
            _("Land outside that set is pale, marked “{outside}” in the legend.", outside=_set_outside(spec.covers))
        )
    else:
        sentences.append(_("Only states in the data have a colour; pale land has no record in the data."))
    if chart.grey:
        sentences.append(_("Grey: {why}.", why=spec.unclassified or _no_category()))
    states = chart.states()
    small = [code for code in states if (where := world.place(code)) is not None and where.small]
    if small:
        sentences.append(
            ngettext(
                "{number} state too small to see at this scale is drawn as a dot in its colour, at the centre of "
                "its largest island or area (Natural Earth geometry).",
                "{number} states too small to see at this scale are drawn as dots in their colour, at the centre of "
                "their largest island or area (Natural Earth geometry).",
                len(small),
                number=format_number(len(small)),
            )
        )
    unplaced = [_country(code) for code in states if world.place(code) is None]
    if unplaced:
        sentences.append(_("The map's geometry has no shape for {names}: see the table.", names=listing(unplaced)))
    contested = [_("“{label}”", label=c.label) for c in chart.categories if c.contested and chart.by_category[c.value]]
    if contested:
        sentences.append(
            ngettext(
                "{names} is a contested claim: its states carry a cross over their colour, so they cannot be read "
                "as uncontested.",
                "{names} are contested claims: their states carry a cross over their colour, so they cannot be "
                "read as uncontested.",
                len(contested),
                names=listing(contested, more=False),
            )
        )
    if any(r.get("confidence") == "low" for r in chart.first.values()):
        sentences.append(_("States whose record is unconfirmed (low confidence) are drawn paler."))
    if spec.subject:
        sentences.append(_("{country}, the map's subject, is outlined.", country=_country(spec.subject)))
    return sentences
