"""Lines and bars draw only figures a source gave (issue 12): the pick rule, ranges labelled as
derived, partial dates that create no order, gaps, steps, and the sentences that say so.
"""

from __future__ import annotations

import pytest

from site_builder.build.prepare import prepare_chart
from site_builder.figures.figure import build_figure, chart_records
from site_builder.figures.kinds import KINDS
from site_builder.formats.specs import check_chart
from site_builder.reader.alt_text import describe_chart
from site_builder.reader.render import render_figure
from site_builder.reader.tables import chart_table

from . import kind_fixtures as kf

SOURCES = [
    {"id": "nato", "producer": "NATO", "title": "KFOR placemat", "date_accessed": "2026-11-28"},
    {"id": "bw", "producer": "Bundeswehr", "title": "25 Jahre KFOR", "date_accessed": "2026-11-28"},
    {"id": "press", "producer": "Press", "title": "A report", "date_accessed": "2026-11-28"},
]
FIELDS = {
    "date": {"type": "date", "title": "Date"},
    "troops": {"type": "integer", "title": "Troops", "unit": "soldiers"},
    "measure": {"type": "text", "title": "Measure"},
    "claimed_by": {"type": "text", "title": "Claimed by", "required": False},
}
# The fact-check's case: 42,500 on 12 June 1999, and two "June 1999" figures that must not be
# drawn after it (a rise of 10,000 in three days that no source reports).
JUNE_1999 = [
    {"date": "1999-06-12", "troops": 42500, "measure": "deployed", "source": "bw"},
    {"date": "1999-06", "troops": 50000, "measure": "deployed", "source": "nato"},
    {"date": "1999-06", "troops": 55000, "measure": "deployed", "source": "press", "claimed_by": "NATO officials"},
    {"date": "2000", "troops": 45000, "measure": "deployed", "source": "nato"},
    {"date": "2003-05-01", "troops": 26000, "measure": "deployed", "source": "nato"},
    {"date": "2004-03-17", "troops": 18500, "measure": "deployed", "source": "nato"},
    {"date": "2023", "troops": 4353, "measure": "deployed", "source": "press"},
    {"date": "2023-01-01", "troops": 3800, "measure": "deployed", "source": "nato", "confidence": "medium"},
    {"date": "2023-01-01", "troops": 4000, "measure": "deployed", "source": "bw"},
    {
        "date": "2023-01-01",
        "troops": 3000,
        "measure": "deployed",
        "source": "press",
        "confidence": "low",
        "note": "Unconfirmed.",
    },
    {"date": "2024-06-01", "troops": 4500, "measure": "deployed", "source": "nato"},
    {"date": "1999-06-11", "troops": 8500, "measure": "ceiling", "source": "bw"},
    {"date": "2009-05-28", "troops": 3500, "measure": "ceiling", "source": "bw"},
    {"date": "2010-07-01", "troops": 2500, "measure": "ceiling", "source": "bw"},
]
BANJSKA = [{"date": "2023-09-24", "label": "Banjska attack"}]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("source_figures")
    datasets = [
        kf.write_dataset(folder, "kfor", FIELDS, JUNE_1999, SOURCES),
        kf.contributions(folder),
        kf.troops(folder),
    ]
    return folder, {d.id: d for d in datasets}


def chart(project, **keys):
    folder, datasets = project
    spec = {"kind": "line", "dataset": "kfor", "title": "T", "x": "date", "y": "troops", **keys}
    loaded = kf.write_chart(folder, f"chart_{abs(hash(repr(sorted(keys.items()))))}", spec)
    assert check_chart(loaded, datasets) == []
    return loaded.spec, datasets[spec["dataset"]]


def deployed(project, **keys):
    return chart(project, filter={"measure": "deployed"}, **keys)


def line_of(figure: dict, index: int = 0) -> dict:
    return [t for t in figure["data"] if t.get("mode") == "lines" and "meta" not in t][index]


def segments(trace: dict) -> list[tuple]:
    """The pairs of points a line trace joins (None in x breaks it)."""
    pairs = []
    for a, b in zip(zip(trace["x"], trace["y"]), zip(trace["x"][1:], trace["y"][1:])):
        if a[0] is not None and b[0] is not None:
            pairs.append((a, b))
    return pairs


# -- only figures sources gave -------------------------------------------------------------------


def value_axis(kind: str, trace: dict) -> list:
    if kind == "ranked_bar" or trace.get("orientation") == "h":
        return trace["x"]
    return trace["y"]


CASES = [
    ("kfor", {"kind": "line", "x": "date", "y": "troops", "series": "measure", "events": BANJSKA}),
    ("kfor", {"kind": "line", "x": "date", "y": "troops", "series": "measure", "connect_gaps": True}),
    ("troops", {"kind": "line", "x": "date", "y": "troops", "series": "metric"}),
    ("contributions", {"kind": "ranked_bar", "category": "country", "value": "troops"}),
    ("contributions", {"kind": "ranked_bar", "category": "name", "value": "troops"}),
    ("contributions", {"kind": "grouped_bar", "x": "year", "y": "troops", "series": "country"}),
    ("contributions", {"kind": "grouped_bar", "x": "year", "y": "troops", "series": "country", "mode": "stack"}),
]


@pytest.mark.parametrize("dataset, keys", CASES)
def test_every_number_drawn_is_a_records_figure_or_labelled_derived(project, dataset, keys):
    folder, datasets = project
    loaded = kf.write_chart(folder, "case", {"dataset": dataset, "title": "T", **keys})
    figure = build_figure(loaded.spec, datasets[dataset])
    given = {r[loaded.spec.y if keys["kind"] != "ranked_bar" else "troops"] for r in datasets[dataset].records}
    derived = [t for t in figure["data"] if "meta" in t]
    for trace in figure["data"]:
        if "meta" in trace:
            assert trace["meta"]["derived"] == "range" and trace["meta"]["how"]
            continue
        drawn = {v for v in value_axis(keys["kind"], trace) if v is not None}
        assert drawn <= given, f"{trace.get('name')}: {sorted(drawn - given)} no record gave"
    if keys.get("mode") == "stack":
        assert derived == []  # a range in a stack would move every bar above it: the hover has it
    elif keys["kind"] != "line" or dataset != "troops":
        assert derived, "these charts have figures that disagree: a range is drawn"


def test_kinds_declare_explain():
    for module in KINDS.values():
        assert callable(module.explain)


# -- the pick rule -------------------------------------------------------------------------------


def test_pick_by_confidence_then_source_order(project):
    figure = build_figure(*deployed(project, connect_gaps=True))
    line = line_of(figure)
    at = dict(zip(line["x"], line["y"]))
    # 1 January 2023: NATO (listed first) is medium, Bundeswehr high, Press low -> the Bundeswehr's
    assert at["2023-01-01"] == 4000
    by_order = dict(zip(*(line_of(build_figure(*deployed(project, pick=["source_order"])))[k] for k in "xy")))
    assert by_order["2023-01-01"] == 3800  # source order alone: NATO's, although of medium confidence


def test_an_unconfirmed_figure_is_never_picked_for_the_line(project):
    line = line_of(build_figure(*deployed(project, pick=["source_order"], connect_gaps=True)))
    assert 3000 not in line["y"]


def test_pick_rules_are_checked(project):
    folder, _ = project
    with pytest.raises(Exception, match="highest_confidence"):
        kf.write_chart(
            folder,
            "bad",
            {"kind": "line", "dataset": "kfor", "title": "T", "x": "date", "y": "troops", "pick": ["median"]},
        )


# -- ranges --------------------------------------------------------------------------------------


def test_a_range_spans_the_confirmed_figures_and_is_labelled(project):
    figure = build_figure(*deployed(project))
    (ranges,) = [t for t in figure["data"] if "meta" in t]
    assert ranges["meta"] == {
        "derived": "range",
        "how": "From the lowest to the highest confirmed figure that sources gave for the same date.",
    }
    assert ranges["x"] == ["1999-06-15", "1999-06-15", None, "2023-01-01", "2023-01-01", None]
    assert ranges["y"] == [50000, 55000, None, 3800, 4000, None]  # the low figure (3,000) is no part of it
    assert "Range of 2 sources&#39;" not in ranges["hovertext"][0]
    assert "<b>June 1999</b><br>Range of 2 sources' figures: 50,000 to 55,000 soldiers" in ranges["hovertext"][0]
    assert "Derived" in ranges["hovertext"][0]


def test_bars_show_a_picked_figure_and_a_labelled_range(project):
    folder, datasets = project
    spec = kf.write_chart(
        folder,
        "grouped",
        {
            "kind": "grouped_bar",
            "dataset": "contributions",
            "title": "T",
            "x": "year",
            "y": "troops",
            "series": "country",
        },
    ).spec
    figure = build_figure(spec, datasets["contributions"])
    us = next(t for t in figure["data"] if t["name"] == "United States" and "meta" not in t)
    assert us["y"] == [635, 600]  # 2023: NATO's 600 (listed first), not the median 590
    assert "Range of 2 sources' figures: 580 to 600 soldiers (derived)" in us["hovertext"][1]
    assert "600 soldiers: NATO" in us["hovertext"][1] and "580 soldiers:" in us["hovertext"][1]
    (ranges,) = [t for t in figure["data"] if "meta" in t]
    assert ranges["offsetgroup"] == us["offsetgroup"]  # drawn in the bar's own slot
    assert ranges["base"] == [580] and ranges["y"] == [20] and ranges["meta"]["derived"] == "range"


# -- partial dates -------------------------------------------------------------------------------


def test_june_1999_figures_make_no_order_with_12_june(project):
    figure = build_figure(*deployed(project))
    line = line_of(figure)
    assert line["x"][0] == "1999-06-12" and line["y"][0] == 42500  # the dated figure keeps its place
    joined = {point for pair in segments(line) for point in pair}
    assert not {50000, 55000} & {y for _, y in joined}  # no segment orders June 1999 against 12 June
    assert "1999-06-15" not in line["x"]
    spans = line_of(figure, 1)
    assert spans["x"][:3] == ["1999-06-01", "1999-06-30", None]  # drawn across the month
    points = next(t for t in figure["data"] if t.get("mode") == "markers")
    june = points["y"].index(50000)
    assert points["hovertext"][june].startswith("<b>June 1999</b>")
    assert "Off the line" in points["hovertext"][june]


def test_a_year_holding_an_event_stays_off_the_line(project):
    line = line_of(build_figure(*deployed(project, events=BANJSKA)))
    assert 4353 not in line["y"]  # "2023": before or after the Banjska attack is not known
    alone = chart(project, filter={"measure": "deployed", "date": ["2023", "2024-06-01"]}, events=BANJSKA)
    assert 4353 not in line_of(build_figure(*alone))["y"]
    assert 4353 in line_of(build_figure(*chart(project, filter={"measure": "deployed", "date": ["2023"]})))["y"]


def test_a_partial_date_alone_in_its_period_joins_the_line(project):
    line = line_of(build_figure(*deployed(project, connect_gaps=True)))
    assert ("2000-07-01", 45000) in zip(line["x"], line["y"])


# -- gaps and steps ------------------------------------------------------------------------------


def test_a_gap_year_breaks_the_line_unless_connected(project):
    line = line_of(build_figure(*deployed(project)))
    pairs = segments(line)
    # 2004 to 2023: whole years without a figure between them
    assert not any(a[1] == 18500 and b[0] >= "2023" for a, b in pairs)
    assert None in line["x"]
    bridged = line_of(build_figure(*deployed(project, connect_gaps=True)))
    assert None not in bridged["x"]
    # 2003 to 2004: no whole calendar year between them, so joined
    assert (("2003-05-01", 26000), ("2004-03-17", 18500)) in segments(line)


def test_steps_are_drawn_hv(project):
    figure = build_figure(*chart(project, series="measure", steps=["ceiling"], connect_gaps=True))
    shapes = {t["name"]: t["line"].get("shape") for t in figure["data"] if t.get("mode") == "lines" and "meta" not in t}
    assert shapes["ceiling"] == "hv" and shapes["deployed"] is None


# -- the words -----------------------------------------------------------------------------------


def alt(project, **keys) -> str:
    spec, dataset = deployed(project, **keys)
    return describe_chart(spec, chart_records(spec, dataset), dataset)


def test_alt_text_names_figures_and_ranges_never_a_median(project):
    text = alt(project, events=BANJSKA)
    assert "median" not in text
    assert "between 50,000 and 55,000 soldiers in June 1999" in text or "55,000 soldiers in June 1999" in text
    assert "the chart shows each figure and their range" in text
    assert "Overall it fell, from 42,500 soldiers on 12 June 1999." in text  # figures of the line only
    assert "rose" not in text


def test_explain_says_what_the_line_follows(project):
    spec, dataset = deployed(project, events=BANJSKA)
    sentences = KINDS["line"].explain(spec, chart_records(spec, dataset), dataset)
    text = " ".join(sentences)
    assert "the figure of highest confidence and, among equals, the figure of the source listed first" in text
    assert "a shaded bar spans the lowest to the highest: a range, not a figure of its own" in text
    assert "month or year is drawn across that period" in text and "stays off the line" in text
    assert "breaks where a whole calendar year has no confirmed figure" in text
    assert "Unconfirmed figures (open markers) stay off the line." in text
    assert "median" not in text


def test_explain_is_shown_under_the_chart_after_the_notes(project):
    spec, dataset = deployed(project, notes="Planned sizes are left out.")
    html = render_figure(prepare_chart("c", spec, dataset), "plotly-basic", "../")
    notes = html.index("Note: Planned sizes are left out.")
    explained = html.index('<p class="sb-chart__notes sb-chart__explain">How the chart is drawn: Each marker')
    assert notes < explained


def test_bars_explain_the_pick_and_the_range(project):
    folder, datasets = project
    spec = kf.write_chart(
        folder,
        "ranked",
        {"kind": "ranked_bar", "dataset": "contributions", "title": "T", "category": "country", "value": "troops"},
    ).spec
    text = " ".join(
        KINDS["ranked_bar"].explain(spec, chart_records(spec, datasets["contributions"]), datasets["contributions"])
    )
    assert text.startswith("Where sources give several figures for one bar, the bar shows the figure of highest")
    assert "An outlined box over a bar spans the lowest to the highest confirmed figure" in text


# -- table_columns -------------------------------------------------------------------------------


def test_table_columns_are_appended_to_the_table(project):
    spec, dataset = deployed(project, table_columns=["claimed_by"])
    table = chart_table(spec, dataset, "c")
    assert table.headers == ["Date", "Troops (soldiers)", "Claimed by", "Source", "Confidence", "Note"]
    assert ["June 1999", "55,000", "NATO officials"] in [row[:3] for row in table.display_rows()]


def test_an_unknown_table_column_is_a_problem_with_a_hint(project):
    folder, datasets = project
    loaded = kf.write_chart(
        folder,
        "wrong_column",
        {"kind": "line", "dataset": "kfor", "title": "T", "x": "date", "y": "troops", "table_columns": ["claimed"]},
    )
    (problem,) = check_chart(loaded, datasets)
    assert problem.message == "field 'claimed' not found in dataset 'kfor'"
    assert "claimed_by" in problem.hint and problem.line


def test_an_unconfirmed_figures_period_is_dotted_like_its_open_marker(tmp_path):
    records = [
        {"date": "2008", "troops": 15000, "measure": "deployed", "source": "nato"},
        {"date": "2009", "troops": 17500, "measure": "deployed", "source": "press", "confidence": "low", "note": "?"},
    ]
    dataset = kf.write_dataset(tmp_path, "spans", FIELDS, records, SOURCES)
    spec = kf.write_chart(tmp_path, "s", {"kind": "line", "dataset": "spans", "title": "T", "x": "date", "y": "troops"})
    spans = [t for t in build_figure(spec.spec, dataset)["data"] if t.get("mode") == "lines" and "meta" not in t]
    dashes = {t["y"][0]: t["line"].get("dash") for t in spans if t["x"][2:3] == [None]}
    assert dashes == {15000: None, 17500: "dot"}


def test_steps_must_name_a_series_value(project):
    folder, datasets = project
    spec = {"kind": "line", "dataset": "kfor", "title": "T", "x": "date", "y": "troops", "series": "measure"}
    loaded = kf.write_chart(folder, "bad_steps", {**spec, "steps": ["cieling"]})
    (problem,) = check_chart(loaded, datasets)
    assert problem.field == "steps[0]" and problem.line is not None
    assert "measure = 'cieling'" in problem.message and problem.hint == "did you mean 'ceiling'?"
    (problem,) = check_chart(kf.write_chart(folder, "no_series", {**spec, "series": None, "steps": ["x"]}), datasets)
    assert problem.message == "`steps:` needs `series:`"
