"""Maps classify the whole set they claim, and running counts count every record (issue 12).

The map: `covers: un_members` is checked against the records, every state drawn has a colour with
a legend entry (grey and the land outside the set included), the subject is outlined, a contested
category is marked, small states are dots. The step chart: the last value is the number of
records, undated ones in a labelled last mark, partial dates at the end of their period.
"""

from __future__ import annotations

import pycountry
import pytest

from site_builder.figures.figure import build_figure, chart_records
from site_builder.figures.kinds import choropleth, step
from site_builder.figures.theme import THEME
from site_builder.formats import world
from site_builder.formats.sets import SETS, UN_MEMBERS
from site_builder.formats.specs import check_chart

from . import kind_fixtures as kf

# -- the set ----------------------------------------------------------------------------------------


def test_un_members_are_193_iso_codes():
    assert len(UN_MEMBERS) == 193
    assert all(pycountry.countries.get(alpha_3=code) for code in UN_MEMBERS)
    assert {"SSD", "MNE", "TLS", "STP", "KIR"} <= UN_MEMBERS
    assert not {"VAT", "PSE", "XKX", "TWN", "COK", "NIU", "ESH"} & UN_MEMBERS
    assert SETS["un_members"].codes is UN_MEMBERS and set(SETS["un_members"]) == UN_MEMBERS
    assert len(SETS["un_members"]) == 193 and "SRB" in SETS["un_members"]


# -- fixtures ---------------------------------------------------------------------------------------

STATUSES = [
    {"value": "recognises", "label": "Recognises Kosovo"},
    {"value": "withdrawal_claimed", "label": "Withdrawal claimed", "color": "orange", "contested": True},
    {"value": "does_not", "label": "Does not recognise", "color": "vermillion"},
]
SMALL = ["STP", "TUV", "NRU", "AND", "LIE", "MLT", "KNA", "LUX"]


def _states(folder, codes, blank=()):
    fields = {
        "country": {"type": "country", "title": "Country"},
        "status": {"type": "category", "title": "Status", "categories": STATUSES, "required": False},
    }
    records = []
    for index, code in enumerate(codes):
        record = {"country": code, "source": "nato"}
        if code not in blank:
            record["status"] = ["recognises", "withdrawal_claimed", "does_not"][index % 3]
        records.append(record)
    return kf.write_dataset(folder, "states", fields, records)


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    """Every UN member and Taiwan: SMALL first (so their statuses are fixed), three without a status."""
    folder = tmp_path_factory.mktemp("maps")
    codes = SMALL + sorted(UN_MEMBERS - set(SMALL)) + ["TWN"]
    return folder, _states(folder, codes, blank={"ZWE", "ZMB", "YEM"})


def _map(folder, dataset, **keys):
    spec = {"kind": "choropleth", "dataset": dataset.id, "title": "Map", "location": "country", "color": "status"}
    chart = kf.write_chart(folder, f"map_{len(keys)}_{'_'.join(sorted(keys))}", {**spec, **keys})
    return chart, {dataset.id: dataset}


# -- the covers check -------------------------------------------------------------------------------


def test_a_covered_state_without_a_record_is_a_problem_at_the_covers_key(tmp_path):
    dataset = _states(tmp_path, ["FRA", "DEU", "SRB", "TWN"])
    chart, datasets = _map(tmp_path, dataset, covers="un_members")
    problems = check_chart(chart, datasets)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.message.startswith("covers: un_members, but 190 states of the set have no record in 'states': ")
    assert "Afghanistan" in problem.message and "South Sudan" in problem.message and "France" not in problem.message
    assert problem.field == "covers" and problem.line == 7  # the key's own line in the written spec
    assert "unclassified:" in problem.hint


def test_the_covers_check_sees_the_filtered_records(whole):
    folder, dataset = whole
    chart, datasets = _map(folder, dataset, covers="un_members", filter={"status": ["recognises", "does_not"]})
    [problem] = check_chart(chart, datasets)
    assert "(after the chart's filter)" in problem.message


def test_a_whole_set_passes_and_without_covers_nothing_is_asked(whole, tmp_path):
    folder, dataset = whole
    assert check_chart(_map(folder, dataset, covers="un_members")[0], {dataset.id: dataset}) == []
    few = _states(tmp_path, ["FRA"])
    assert check_chart(_map(tmp_path, few)[0], {few.id: few}) == []


# -- the map ---------------------------------------------------------------------------------------


def _figure(whole, **keys):
    folder, dataset = whole
    chart, _ = _map(folder, dataset, covers="un_members", **keys)
    return build_figure(chart.spec, dataset), chart.spec, dataset


def _colour(trace) -> str:
    return trace["colorscale"][0][1] if trace["type"] == "choropleth" else trace["marker"]["color"]


def test_every_covered_state_has_a_colour_or_the_grey_of_unclassified(whole):
    figure, _, _ = _figure(whole, unclassified="No position found in the sources")
    coloured = [t for t in figure["data"] if t.get("legendgroup")]
    areas = {code for t in coloured for code in t.get("locations", [])}
    dots = " ".join(h for t in coloured if t["type"] == "scattergeo" for h in t["hovertext"])
    for code in UN_MEMBERS:
        where = world.place(code)
        name = pycountry.countries.get(alpha_3=code)
        shown = code in areas or (where is not None and where.small and getattr(name, "common_name", name.name) in dots)
        assert shown or where is None, f"{code} has no colour"  # None: Tuvalu, which the geometry lacks
    grey = [t for t in figure["data"] if t.get("legendgroup") == "unclassified" and t["type"] == "choropleth"]
    assert grey[0]["locations"] == ["YEM", "ZMB", "ZWE"] and grey[0]["showlegend"] is True
    assert grey[0]["name"] == "No position found in the sources"
    assert _colour(grey[0]) == THEME.unclassified_fill
    assert "No position found in the sources" in grey[0]["hovertext"][0]


def test_every_colour_on_the_map_has_a_legend_entry(whole):
    figure, _, _ = _figure(whole, unclassified="No position found")
    colours, legend = set(), set()
    for trace in figure["data"]:
        if trace["type"] == "choropleth" and trace["colorscale"][0][1] == "rgba(0,0,0,0)":
            continue  # the subject's outline, if any
        colour = _colour(trace)
        colours.add(colour)
        group = trace.get("legendgroup")
        shown = [
            t
            for t in figure["data"]
            if t.get("showlegend") and (t is trace or (group and t.get("legendgroup") == group))
        ]
        assert shown, f"{trace['name']} ({colour}) has no legend entry"
        legend.add(colour)
    assert colours == legend
    outside = [t for t in figure["data"] if t.get("name") == "Not a UN member state"]
    assert outside and "GRL" in outside[0]["locations"] and "FRA" not in outside[0]["locations"]
    assert "TWN" not in outside[0]["locations"]  # Taiwan has a record: its category colours it


def test_the_subject_is_outlined_on_a_trace_of_its_own(whole):
    figure, _, _ = _figure(whole, subject="XK")
    subject = figure["data"][-1]
    assert subject["locations"] == ["XKX"] and subject["name"] == "Kosovo (outlined)"
    assert subject["marker"]["line"]["width"] > 2 * THEME.dot_marker["line"]["width"]
    assert subject["colorscale"][0][1] == "rgba(0,0,0,0)" and subject["hoverinfo"] == "skip"


def test_a_subject_must_be_a_country_code(whole):
    folder, dataset = whole
    with pytest.raises(Exception, match="'XX' is not an ISO 3166-1 country code"):
        _map(folder, dataset, subject="XX")


def test_a_contested_category_gets_a_mark_of_its_own(whole):
    figure, _, _ = _figure(whole)
    crosses = [t for t in figure["data"] if t["name"] == "Contested: Withdrawal claimed"]
    assert len(crosses) == 1 and crosses[0]["showlegend"] is True
    assert crosses[0]["marker"]["symbol"] == THEME.contested_marker["symbol"] != THEME.dot_marker["symbol"]
    contested = [t for t in figure["data"] if t.get("legendgroup") == "category-1"]
    names = {h.split("</b>")[0] for t in contested for h in t["hovertext"]}
    assert len(crosses[0]["lon"]) == len(names) - (
        "<b>Tuvalu" in names
    )  # a cross on every state of the category, small ones too


def test_small_states_are_dots_in_their_colour_with_the_same_hover(whole):
    figure, _, _ = _figure(whole)
    dots = [t for t in figure["data"] if t["type"] == "scattergeo" and t.get("legendgroup", "").startswith("category")]
    hovers = " ".join(h for t in dots for h in t["hovertext"])
    for name in ("Sao Tome and Principe", "Nauru", "Andorra", "Liechtenstein", "Malta", "Saint Kitts and Nevis"):
        assert name in hovers
    sao_tome = next(t for t in dots if "Sao Tome" in " ".join(t["hovertext"]))
    index = [i for i, h in enumerate(sao_tome["hovertext"]) if "Sao Tome" in h][0]
    assert (sao_tome["lon"][index], sao_tome["lat"][index]) == (world.place("STP").lon, world.place("STP").lat)
    assert 6 < sao_tome["lon"][index] < 8 and 0 < sao_tome["lat"][index] < 2  # from the geometry, not typed
    assert sao_tome["ids"][index] == "STP"  # each dot names its state
    assert sao_tome["marker"]["color"] == THEME.colour(0)  # recognises, the first category
    assert "Luxembourg" in hovers  # in the map's geometry, but too small to see: a dot too
    assert not any(
        t["showlegend"]
        for t in dots
        if any(a.get("legendgroup") == t["legendgroup"] and a["type"] == "choropleth" for a in figure["data"])
    )


def test_small_states_come_from_the_geometry():
    assert world.place("STP").small and world.place("TUV") is None
    assert not world.place("FRA").small and not world.place("LBN").small
    assert "XKX" in world.drawn() and "MLT" not in world.drawn()


def test_the_map_text_counts_every_category_out_of_the_set(whole):
    folder, dataset = whole
    chart, _ = _map(folder, dataset, covers="un_members", unclassified="No position found", subject="XKX")
    text = " ".join(choropleth.describe(chart.spec, chart_records(chart.spec, dataset), dataset))
    assert text.startswith("World map of status for the 193 UN member states. Of the 193 UN member states, by status: ")
    assert "Withdrawal claimed (contested): " in text and "No position found: 3." in text
    assert "outside that set: Taiwan" in text and "Kosovo is outlined." in text
    explained = " ".join(choropleth.explain(chart.spec, chart_records(chart.spec, dataset), dataset))
    assert "all 193 UN member states" in explained and "un.org/en/about-us/member-states" in explained
    assert "drawn as dots" in explained and "Tuvalu" in explained and "cross" in explained


def test_figures_of_covered_maps_are_valid_plotly(whole):
    import plotly.graph_objects as go

    figure, _, _ = _figure(whole, unclassified="No position found", subject="XKX")
    go.Figure(figure)


# -- the running count -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("step")
    fields = {
        "country": {"type": "country", "title": "Country"},
        "date": {"type": "date", "title": "Recognised on", "required": False},
    }
    dates = ["2008-02-18", "2010", "2010", "2010-03-05", "2011-06", None, None]
    codes = ["FRA", "DEU", "ITA", "ESP", "PRT", "KWT", "HTI"]
    records = [
        {"country": c, "date": d, "source": "nato"} if d else {"country": c, "source": "nato"}
        for c, d in zip(codes, dates)
    ]
    dataset = kf.write_dataset(folder, "dated", fields, records)
    chart = kf.write_chart(
        folder, "count", {"kind": "step", "dataset": "dated", "title": "T", "x": "date", "label": "country"}
    )
    return chart.spec, dataset


def test_the_last_value_is_every_record_counted(dated):
    spec, dataset = dated
    figure = build_figure(spec, dataset)
    counts = [t for t in figure["data"] if t.get("meta", {}).get("derived") == "running_count"]
    assert sum(t["y"][-1] for t in counts) == len(dataset.records) == 7
    undated = counts[-1]
    assert undated["text"][-1] == "+2 undated" and undated["y"][-2:] == [5, 7]
    assert "Kuwait, Haiti" in undated["hovertext"][-1] and "no date" in undated["hovertext"][-1]


def test_partial_dates_are_counted_at_the_end_of_their_period(dated):
    spec, dataset = dated
    line = build_figure(spec, dataset)["data"][0]
    assert line["x"][:4] == ["2008-02-18", "2010-03-05", "2010-12-31", "2011-06-30"]
    assert line["y"] == [1, 2, 4, 5, 7]
    assert "2 records dated during 2010 (day not given)" in line["hovertext"][2]
    assert "Germany, Italy" in line["hovertext"][2]
    assert "during June 2011 (day not given)" in line["hovertext"][3]


def test_running_count_traces_are_labelled_derived(dated):
    spec, dataset = dated
    for trace in build_figure(spec, dataset)["data"]:
        if trace["y"] and trace["y"][0] is not None:
            assert trace["meta"]["derived"] == "running_count" and trace["meta"]["how"]


def test_step_explains_how_undated_and_partial_dates_are_counted(dated):
    spec, dataset = dated
    records = chart_records(spec, dataset)
    text = " ".join(step.explain(spec, records, dataset))
    assert "counted at the end of that year or month" in text
    assert (
        "2 records with no date are counted in the last mark, in the band" in text
        and "the final count, 7, every record" in text
    )
    described = " ".join(step.describe(spec, records, dataset))
    assert "The count reaches 7: 5 records dated from 18 February 2008 to June 2011, and 2 without a date" in described


def test_a_contested_count_is_drawn_dotted_and_said_so(tmp_path):
    fields = {
        "country": {"type": "country", "title": "Country"},
        "date": {"type": "date", "title": "Date"},
        "status": {"type": "category", "title": "Status", "categories": STATUSES},
    }
    records = [
        {"country": c, "date": "2010", "status": s, "source": "nato"}
        for c, s in [("FRA", "recognises"), ("DEU", "withdrawal_claimed"), ("ITA", "recognises")]
    ]
    dataset = kf.write_dataset(tmp_path, "counted", fields, records)
    spec = kf.write_chart(
        tmp_path, "by_status", {"kind": "step", "dataset": "counted", "title": "T", "x": "date", "series": "status"}
    ).spec
    lines = {t["name"]: t["line"] for t in build_figure(spec, dataset)["data"] if t.get("meta")}
    assert lines["Withdrawal claimed"].get("dash") == "dot" and "dash" not in lines["Recognises Kosovo"]
    assert "Counts of contested claims are drawn dotted." in step.explain(spec, dataset.records, dataset)
