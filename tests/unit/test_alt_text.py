"""alt_text.py: the generated text alternative says what the chart shows, in plain sentences."""

from __future__ import annotations

import pytest

from site_builder.figures.figure import chart_records
from site_builder.reader.alt_text import describe_chart

from . import kind_fixtures as kf


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("alt")
    fields = {
        "date": {"type": "date", "title": "Date"},
        "troops": {"type": "integer", "title": "Troops", "unit": "soldiers"},
        "share": {"type": "number", "title": "Share", "short_unit": "%"},
    }
    records = [
        {"date": "1999-06", "troops": 50000, "share": 10.5, "source": "nato"},
        {"date": "1999-06", "troops": 42000, "share": 10.5, "source": "evil"},
        {
            "date": "2008-02-17",
            "troops": 15000,
            "share": 12,
            "source": "nato",
            "confidence": "low",
            "note": "Unconfirmed.",
        },
        {"date": "2012", "troops": 6000, "share": 12, "source": "nato"},
        {"date": "2023-10", "troops": 4500, "share": 12.25, "source": "nato"},
    ]
    datasets = [
        kf.write_dataset(folder, "kfor", fields, records),
        kf.contributions(folder),
        kf.recognitions(folder),
        kf.troops(folder),
    ]
    return folder, {d.id: d for d in datasets}


def alt(project, spec: dict) -> str:
    folder, datasets = project
    chart = kf.write_chart(folder, "chart", {"title": "T", **spec})
    dataset = datasets[spec["dataset"]]
    return describe_chart(chart.spec, chart_records(chart.spec, dataset), dataset)


def test_line(project):
    text = alt(
        project,
        {
            "kind": "line",
            "dataset": "kfor",
            "x": "date",
            "y": "troops",
            "events": [{"date": "2008-02-17", "label": "Independence"}],
        },
    )
    assert text.startswith("Line chart of Troops (soldiers) from June 1999 to October 2023.")
    assert "Highest 50,000 soldiers in June 1999" in text  # a figure a source gave, not the median of two
    assert "lowest 4,500 soldiers in October 2023; latest 4,500 soldiers in October 2023." in text
    assert "Overall it fell, from between 42,000 and 50,000 soldiers in June 1999." in text
    assert "On 1 date sources give different figures; the chart shows each figure and their range." in text
    assert "median" not in text
    assert "5 figures from 2 sources." in text
    assert "Marked: Independence (17 February 2008)." in text
    assert text.endswith("1 figure is unconfirmed.")


def test_line_rising_with_short_unit(project):
    text = alt(project, {"kind": "line", "dataset": "kfor", "x": "date", "y": "share", "exclude_low_confidence": True})
    assert "Overall it rose, from 10.5% in June 1999." in text and "unconfirmed" not in text


def test_line_series(project):
    text = alt(project, {"kind": "line", "dataset": "troops", "x": "date", "y": "troops", "series": "metric"})
    assert "One line for each metric: Total" in text and "and US contingent." in text
    assert "US contingent: Highest 7,000 soldiers" in text


def test_ranked_bar(project):
    text = alt(
        project,
        {
            "kind": "ranked_bar",
            "dataset": "contributions",
            "category": "country",
            "value": "troops",
            "filter": {"year": "2023"},
        },
    )
    assert text == (
        "Bar chart ranking 3 countries by Troops (soldiers), largest first. "
        "Italy 850 soldiers, United States 600 soldiers (sources give between 580 and 600 soldiers) "
        "and Germany 85 soldiers."
    )
    limited = alt(
        project,
        {"kind": "ranked_bar", "dataset": "contributions", "category": "country", "value": "troops", "limit": 2},
    )
    assert limited.startswith("Bar chart ranking the top 2 of 3 by Troops (soldiers)")


def test_grouped_bar(project):
    text = alt(
        project,
        {
            "kind": "grouped_bar",
            "dataset": "contributions",
            "x": "year",
            "y": "troops",
            "series": "country",
            "mode": "stack",
        },
    )
    assert text.startswith(
        "Stacked bar chart of Troops (soldiers) for 2 years (2022 and 2023), one bar for each "
        "country: Germany, Italy and United States."
    )
    assert "Highest: 850 soldiers (Italy, 2023); lowest: 70 soldiers (Germany, 2022)." in text


def test_map_counts_countries_per_category_out_of_the_states_in_the_data(project):
    text = alt(project, {"kind": "choropleth", "dataset": "recognitions", "location": "country", "color": "status"})
    assert text.startswith(
        "World map of status for the 8 states in the data; states not in the data are drawn pale. "
        "Of the 8 states in the data, by status: Recognises"
    )
    assert ": 5; Withdrew recognition: 1; Does not recognise: 2." in text
    assert "Does not recognise: 2 countries" not in text  # a category's count, never as if it were all states


def test_step_final_count_is_every_record_with_undated_and_partial_dates(project):
    text = alt(
        project, {"kind": "step", "dataset": "recognitions", "x": "date", "y_title": "Countries recognising Kosovo"}
    )
    assert text.startswith(
        "Step chart of the running count of countries recognising Kosovo. "
        "The count reaches 8: 5 records dated from 18 February 2008 to October 2017, "
        "and 3 without a date, counted at the end."
    )
    assert "2 records dated only by year or month are counted at the end of that year or month." in text
    assert "The largest rise on one day was 2, on 18 February 2008." in text
    assert "not shown" not in text


def test_step_series_are_counted_out_of_the_whole(project):
    text = alt(project, {"kind": "step", "dataset": "recognitions", "x": "date", "series": "status"})
    assert "By status, of the 8: " in text
    assert "Withdrew recognition 1; " not in text and "Does not recognise 2 (2 undated)." in text


def test_single_point(project):
    text = alt(project, {"kind": "line", "dataset": "kfor", "x": "date", "y": "troops", "filter": {"date": "2012"}})
    assert text == "Line chart of Troops (soldiers) in 2012. 6,000 soldiers in 2012. 1 figure from 1 source."


@pytest.mark.parametrize(
    "kind, keys",
    [
        ("line", {"x": "date", "y": "troops"}),
        ("grouped_bar", {"x": "date", "y": "troops", "series": "date"}),
        ("step", {"x": "date"}),
    ],
)
def test_no_data(project, kind, keys):
    text = alt(
        project,
        {"kind": kind, "dataset": "kfor", "filter": {"date": "2008-02-17"}, "exclude_low_confidence": True, **keys},
    )
    assert text == "The chart has no data to show."
