"""Each chart kind: a valid plotly figure, deterministic, safe with hostile data, and showing
unconfirmed figures differently. Figures are validated with `plotly.graph_objects.Figure`, which
raises on any property plotly does not know.

The kind-wide tests run on every kind in the registry (`kind_cases()`): on the chart
`site-builder new chart` writes for it, and on the richer spec below where a kind has one.
"""

from __future__ import annotations

import csv
import io
import json

import plotly.graph_objects as go
import pytest

from site_builder.build.prepare import prepare_chart
from site_builder.figures import theme
from site_builder.figures.figure import build_figure, chart_records, figure_json
from site_builder.figures.kinds import CONTRACT, KINDS
from site_builder.formats.model import ChartSpecBase
from site_builder.formats.specs import check_chart
from site_builder.reader.tables import to_csv, to_json

from . import kind_fixtures as kf

EVENTS = [{"date": "2008-02-17", "label": label, "source": kf.EVIL} for label in kf.HOSTILE]
# Specs that reach further than a starting file (events, stacking, hover fields); the tests of
# single kinds below rely on them. A kind without one is still tested, on its starting file.
SPECS = {
    "line": ("troops", {"x": "date", "y": "troops", "series": "metric", "events": EVENTS}),
    "ranked_bar": ("contributions", {"category": "name", "value": "troops"}),
    "grouped_bar": ("contributions", {"x": "year", "y": "troops", "series": "country", "mode": "stack"}),
    "choropleth": ("recognitions", {"location": "country", "color": "status", "hover": ["date", "by"]}),
    "step": ("recognitions", {"x": "date", "label": "by", "series": "status", "events": EVENTS}),
}


def kind_cases() -> list:
    """(kind, variant) for every kind in the registry: "scaffolded" for all, "curated" where SPECS has one."""
    return [
        pytest.param(kind, variant, id=f"{kind}-{variant}")
        for kind in KINDS
        for variant in ("curated", "scaffolded")
        if variant == "scaffolded" or kind in SPECS
    ]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return kf.project(tmp_path_factory.mktemp("kinds"))


def chart(project, kind: str, variant: str = "curated", **changes):
    folder, datasets = project
    if variant == "curated":
        dataset, keys = SPECS[kind]
        spec = {"kind": kind, "dataset": dataset, **keys}
    else:
        spec = kf.scaffolded_spec(datasets, kind)
    spec = {**spec, "title": kf.EVIL, **changes}
    loaded = kf.write_chart(folder, f"{kind}_{variant}_{len(changes)}", spec)
    assert check_chart(loaded, datasets) == []
    return loaded.spec, datasets[spec["dataset"]]


def strings(value):
    """Every string in a figure, keys excluded."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


@pytest.mark.parametrize("kind, variant", kind_cases())
def test_figure_is_valid_plotly(project, kind, variant):
    go.Figure(build_figure(*chart(project, kind, variant)))


@pytest.mark.parametrize("kind, variant", kind_cases())
def test_figure_is_deterministic(project, kind, variant):
    spec, dataset = chart(project, kind, variant)
    assert figure_json(build_figure(spec, dataset)) == figure_json(build_figure(spec, dataset))


@pytest.mark.parametrize("kind, variant", kind_cases())
def test_hostile_strings_are_escaped_for_plotly(project, kind, variant):
    figure = build_figure(*chart(project, kind, variant))
    text = figure_json(figure)
    for hostile in kf.HOSTILE:
        assert hostile not in text or hostile == "%{x}"
    assert "<" not in text and ">" not in text  # all written \u003c, \u003e for the <script> element
    for value in strings(figure):
        for tag in ("<img", "<script", "</script", "<a "):
            assert tag not in value, value  # plotly would render it: escaped to &lt;img etc.
    assert any("&lt;img src=x onerror=alert(1)&gt;" in value for value in strings(json.loads(text)))


@pytest.mark.parametrize("kind, variant", kind_cases())
def test_no_data_string_reaches_a_template(project, kind, variant):
    """Hover text is composed in Python; a `%{x}` in data must never sit in a *template*."""
    figure = build_figure(*chart(project, kind, variant))
    for trace in figure["data"]:
        for key in ("hovertemplate", "texttemplate"):
            assert "%{x}" not in str(trace.get(key, ""))
    assert any("%{x}" in s for s in strings(figure)) or kind in ("ranked_bar", "grouped_bar") or variant != "curated"


EMPTY = {
    "line": {"date": "2008-02-17"},
    "ranked_bar": {"name": '=HYPERLINK("http://x")'},
    "grouped_bar": {"name": '=HYPERLINK("http://x")'},
    "choropleth": {"country": "SUR"},
    "step": {"country": "SUR"},
}


@pytest.mark.parametrize("kind", EMPTY)
def test_a_chart_with_no_records_left_still_draws(project, kind):
    """A filter can leave only unconfirmed records, and `exclude_low_confidence` then none."""
    spec, dataset = chart(project, kind, filter=EMPTY[kind], exclude_low_confidence=True)
    go.Figure(build_figure(spec, dataset))


@pytest.mark.parametrize("kind, variant", kind_cases())
def test_no_records_draw_an_empty_chart_table_and_text(project, kind, variant):
    spec, dataset = chart(project, kind, variant)
    go.Figure(KINDS[kind].build(spec, [], dataset, theme.THEME))
    assert KINDS[kind].rows(spec, [], dataset) == []


@pytest.mark.parametrize("kind, variant", kind_cases())
def test_prepared_chart_has_a_table_and_a_text_alternative(project, kind, variant):
    """What `prepare_chart` makes of every kind: rows from the chart's records, safe downloads, sentences."""
    spec, dataset = chart(project, kind, variant, alt=None)
    prepared = prepare_chart(f"{kind}_{variant}", spec, dataset)
    records = chart_records(spec, dataset)
    shown = KINDS[kind].rows(spec, records, dataset)
    assert all(any(row is record for record in records) for row in shown), "rows() must return the chart's records"
    assert len(prepared.table.rows) == len(shown) and prepared.table.headers[-3:] == ["Source", "Confidence", "Note"]
    assert prepared.alt.endswith(".") and prepared.alt != "The chart has no data to show."
    assert to_json(prepared.table) == to_json(prepare_chart(f"{kind}_{variant}", spec, dataset).table)
    assert len(list(csv.reader(io.StringIO(to_csv(prepared.table))))) == len(shown) + 1
    assert len(prepared.events) == len(spec.marked_events()) == len(getattr(spec, "events", None) or [])


@pytest.mark.parametrize("kind, variant", kind_cases())
def test_title_is_left_to_the_page(project, kind, variant):
    layout = build_figure(*chart(project, kind, variant))["layout"]
    assert "title" not in layout
    assert layout["paper_bgcolor"] == "rgba(0,0,0,0)"
    assert layout["font"]["family"] == theme.FONT_FAMILY


@pytest.mark.parametrize("kind", KINDS)
def test_kind_module_has_the_whole_contract(kind):
    module = KINDS[kind]
    for name in CONTRACT:
        assert hasattr(module, name), (
            f"{module.__name__} has no `{name}`: every kind module defines {', '.join(CONTRACT)} "
            "(see the docstring of site_builder/figures/kinds/__init__.py)"
        )
    assert issubclass(module.Spec, ChartSpecBase), f"{module.__name__}.Spec must subclass model.ChartSpecBase"
    assert module.Spec.model_fields["kind"].annotation.__args__ == (kind,), (
        f'{module.__name__}.Spec needs `kind: Literal["{kind}"]`, the name it has in KINDS'
    )
    assert set(module.FIELD_REFS) <= set(module.Spec.model_fields), f"{kind}: FIELD_REFS names keys Spec lacks"
    assert module.TRACES, f"{kind}: TRACES lists the plotly trace types build() draws"
    if "events" in module.Spec.model_fields:
        assert module.Spec.marked_events is not ChartSpecBase.marked_events, (
            f"{kind} has `events`: override marked_events() in its Spec to return them (the page numbers them)"
        )


@pytest.mark.parametrize("kind", KINDS)
def test_schema_documents_every_key(kind):
    schema = KINDS[kind].Spec.model_json_schema()
    for name, prop in schema["properties"].items():
        assert prop.get("description"), f"{kind}.{name} has no description"
    own = set(KINDS[kind].Spec.model_fields) - {
        "dataset",
        "title",
        "subtitle",
        "notes",
        "alt",
        "filter",
        "exclude_low_confidence",
    }
    for name in own:
        assert schema["properties"][name].get("examples"), f"{kind}.{name} has no examples"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("kind, variant", kind_cases())
def test_traces_declared(project, kind, variant):
    figure = build_figure(*chart(project, kind, variant))
    assert {trace["type"] for trace in figure["data"]} <= KINDS[kind].TRACES


def test_field_types_are_checked(project):
    folder, datasets = project
    loaded = kf.write_chart(
        folder, "wrong", {"kind": "line", "dataset": "troops", "title": "T", "x": "troops", "y": "date"}
    )
    messages = [p.message for p in check_chart(loaded, datasets)]
    assert "field 'troops' is a integer field; this key needs a date field" in messages[0]
    assert len(messages) == 2


# -- line ----------------------------------------------------------------------------------------


def markers(figure: dict) -> dict:
    """The first series' trace of markers, one a record (the line, its range and spans come before it)."""
    return next(trace for trace in figure["data"] if trace.get("mode") == "markers")


def test_line_marks_every_record_and_goes_through_a_picked_figure(project):
    figure = build_figure(*chart(project, "line", events=None, connect_gaps=True))
    line, points = figure["data"][0], markers(figure)
    assert points["x"][:2] == ["1999-06-15", "1999-06-15"]  # both sources' figures are shown
    assert sorted(points["y"][:2]) == [42000, 50000]
    assert line["y"][0] == 50000  # NATO's: equal confidence, and NATO is listed first among the sources
    assert line["x"] == ["1999-06-15", "2002-07-01", "2015-07-01", "2023-10-15"]  # the low figure stays off it
    low = points["x"].index("2008-02-17")
    assert points["marker"]["symbol"][low] == "circle-open" and points["marker"]["symbol"][0] == "circle"
    assert "Unconfirmed" in points["hovertext"][low]
    assert "Note: Disputed" in "".join(points["hovertext"])
    assert figure["data"][-1]["name"] == "Unconfirmed figure"  # a legend key for the open marker
    assert figure["layout"]["yaxis"]["rangemode"] == "tozero"


def test_line_hover_shows_the_date_as_written_and_units(project):
    points = markers(build_figure(*chart(project, "line", events=None)))
    assert points["hovertext"][0].startswith("<b>June 1999</b>")
    assert "50,000 soldiers" in points["hovertext"][0]
    assert "<br>Source: NATO" in points["hovertext"][0] and "Key Facts" not in points["hovertext"][0]  # producer only


def test_line_series_follow_category_order_and_labels(project):
    figure = build_figure(*chart(project, "line"))
    names = [t["name"] for t in figure["data"] if t.get("showlegend")]
    assert names[0].startswith("Total &lt;img") and names[1] == "US contingent"


def test_line_events_are_dashed_lines_with_labels(project):
    layout = build_figure(*chart(project, "line"))["layout"]
    assert len(layout["shapes"]) == len(layout["annotations"]) == len(EVENTS)
    assert {s["line"]["dash"] for s in layout["shapes"]} == {"dash"}
    assert len({a["y"] for a in layout["annotations"]}) == 3  # staggered heights
    assert layout["yaxis"]["range"][1] > 50000  # room above the data for the labels


def test_line_without_low_confidence_has_no_legend_key(project):
    figure = build_figure(*chart(project, "line", events=None, exclude_low_confidence=True))
    assert all(t["name"] != "Unconfirmed figure" for t in figure["data"])


# -- bars ----------------------------------------------------------------------------------------


def test_ranked_bar_is_sorted_largest_first_and_limited(project):
    figure = build_figure(*chart(project, "ranked_bar", limit=2))
    bar = figure["data"][0]
    assert bar["orientation"] == "h" and figure["layout"]["yaxis"]["autorange"] == "reversed"
    assert bar["x"] == [850, 715] and bar["y"][0] == "+cmd"
    assert bar["text"] == ["850", "715"]


def test_ranked_bar_marks_unconfirmed_bars(project):
    figure = build_figure(*chart(project, "ranked_bar", category="country"))
    bar = figure["data"][0]
    # Germany: one unconfirmed (70) and one confirmed (85) figure -> a solid bar at 85
    assert bar["y"] == ["Italy", "United States", "Germany"]
    assert bar["x"] == [715, 635, 85]  # the pick rule's figures (NATO's, listed first), never a median
    assert bar["marker"]["pattern"]["shape"] == ["", "", ""]
    hatched = build_figure(*chart(project, "ranked_bar", category="name"))["data"][0]
    assert "/" in hatched["marker"]["pattern"]["shape"]  # the =HYPERLINK contingent: unconfirmed only
    assert "Range of 1 source's figures: 715 to 850 soldiers (derived)" in bar["hovertext"][0]
    assert "median" not in bar["hovertext"][0]
    ranges = figure["data"][1]
    assert ranges["meta"]["derived"] == "range" and ranges["y"] == ["Italy", "United States"]
    assert ranges["base"] == [715, 580] and ranges["x"] == [135, 55]


def test_grouped_bar_stacks_in_group_order(project):
    figure = build_figure(*chart(project, "grouped_bar"))
    assert figure["layout"]["barmode"] == "stack"
    assert figure["layout"]["xaxis"]["categoryarray"] == ["2022", "2023"]
    assert [t["name"] for t in figure["data"]] == ["Germany", "Italy", "United States", "Unconfirmed figure"]
    germany = figure["data"][0]
    assert germany["marker"]["pattern"]["shape"] == ["/", ""]


# -- map -----------------------------------------------------------------------------------------


def _areas(figure) -> list[dict]:
    """The category traces of a map: one choropleth a category, in the field's order."""
    return [t for t in figure["data"] if t["type"] == "choropleth" and t.get("legendgroup", "").startswith("category-")]


def test_choropleth_is_a_world_map_with_a_trace_per_category(project):
    figure = build_figure(*chart(project, "choropleth"))
    geo = figure["layout"]["geo"]
    assert geo["fitbounds"] is False and geo["projection"]["type"] == "natural earth"
    assert geo["showland"] is True and geo["showlakes"] is False and geo["showcoastlines"] is False
    traces = _areas(figure)
    assert [t["name"] for t in traces][1:] == ["Withdrew recognition", "Does not recognise"]
    assert traces[0]["name"].startswith("Recognises &lt;img")
    assert [t["colorscale"][0][1] for t in traces] == list(theme.PALETTE[:3])
    assert traces[0]["locations"] == ["USA", "FRA", "DEU", "XKX", "TGO"]  # alpha-2 codes converted
    assert all(t["locationmode"] == "ISO-3" and t["showscale"] is False for t in traces)
    assert traces[1]["marker"]["opacity"] == [theme.THEME.low_confidence_opacity]  # Suriname, unconfirmed
    assert "Recognised on: 18 February 2008" in traces[0]["hovertext"][0]


def test_choropleth_keeps_categories_colours_when_one_is_missing(project):
    figure = build_figure(*chart(project, "choropleth", filter={"status": ["recognises", "does_not"]}))
    assert [t["colorscale"][0][1] for t in _areas(figure)] == [theme.PALETTE[0], theme.PALETTE[2]]


# -- step ----------------------------------------------------------------------------------------


def test_step_counts_records_over_time_and_undated_ones_last(project):
    figure = build_figure(*chart(project, "step", series=None, events=None))
    [trace] = [t for t in figure["data"] if t["name"] != "Unconfirmed figure"]
    assert trace["line"]["shape"] == "hv"
    # "2014" and "2017-10" are counted at the end of their year and month, never mid-period;
    # the 3 undated records in a last point after the last date: the count ends at all 8
    assert trace["x"][:4] == ["2008-02-18", "2008-02-20", "2014-12-31", "2017-10-31"]
    assert trace["x"][4] > trace["x"][3]
    assert trace["y"] == [2, 3, 4, 5, 8]
    assert trace["marker"]["symbol"][3] == "circle-open"  # Suriname's withdrawal is unconfirmed
    assert "+2" in trace["hovertext"][0]
    assert trace["text"] == ["", "", "", "", "+3 undated"]
    assert trace["meta"]["derived"] == "running_count" and "no date" in trace["meta"]["how"]
    # the undated mark stands in a pale band labelled "no date", so its rise reads as no time at all
    [label] = figure["layout"]["annotations"]
    [band] = [s for s in figure["layout"]["shapes"] if s["type"] == "rect"]
    assert label["text"] == "no date" and label["x"] == trace["x"][4]
    assert band["x0"] == trace["x"][3] < trace["x"][4] < band["x1"]


def test_step_series_have_their_own_counts(project):
    figure = build_figure(*chart(project, "step", events=None))
    counts = [t for t in figure["data"] if t.get("meta", {}).get("derived") == "running_count"]
    # the undated counted too: XK recognises, RS and ESP do not; the last values add up to all 8
    assert [t["y"][-1] for t in counts] == [5, 1, 2]
