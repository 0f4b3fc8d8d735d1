"""figure.py, marks.py, reader/text.py: record selection, text escaping, dates and numbers, and script-safe JSON."""

from __future__ import annotations

import json

import pytest

from site_builder.figures import theme
from site_builder.figures.figure import build_figure, chart_records, figure_json
from site_builder.figures.marks import axis_labels, plotly_text
from site_builder.reader.text import format_date, format_number, plot_date

from . import kind_fixtures as kf


@pytest.fixture(scope="module")
def troops(tmp_path_factory):
    folder = tmp_path_factory.mktemp("figures")
    return folder, kf.troops(folder)


def spec(troops, **keys):
    folder, _ = troops
    return kf.write_chart(
        folder, "chart", {"kind": "line", "dataset": "troops", "title": "T", "x": "date", "y": "troops", **keys}
    ).spec


def test_plotly_text_escapes_markup():
    assert plotly_text('<a href="javascript:alert(1)">x</a>') == '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'
    assert plotly_text("AT&T <b>") == "AT&amp;T &lt;b&gt;"
    assert plotly_text("&lt;") == "&amp;lt;"  # an entity in data stays the text it was


@pytest.mark.parametrize(
    "written, plotted, shown",
    [
        ("1999", "1999-07-01", "1999"),
        ("1999-06", "1999-06-15", "June 1999"),
        ("2008-02-17", "2008-02-17", "17 February 2008"),
    ],
)
def test_partial_dates(written, plotted, shown):
    assert plot_date(written) == plotted
    assert format_date(written) == shown


@pytest.mark.parametrize(
    "value, text",
    [(4500, "4,500"), (-5, "-5"), (3.5, "3.5"), (1234567.891, "1,234,567.89"), (4500.0, "4,500"), (0.25, "0.25")],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_chart_records_filters_and_keeps_dataset_order(troops):
    _, dataset = troops
    assert chart_records(spec(troops), dataset) == dataset.records
    totals = chart_records(spec(troops, filter={"metric": "total"}), dataset)
    assert [r["troops"] for r in totals] == [50000, 42000, 39000, 15000, 4600, 4500]
    several = chart_records(spec(troops, filter={"metric": ["us", "total"], "date": "2023-10"}), dataset)
    assert [r["troops"] for r in several] == [4500, 600]
    confirmed = chart_records(spec(troops, exclude_low_confidence=True), dataset)
    assert len(confirmed) == len(dataset.records) - 1 and all(r["confidence"] != "low" for r in confirmed)


def test_build_figure_is_pure(troops):
    _, dataset = troops
    before = json.dumps(dataset.records)
    first = build_figure(spec(troops), dataset)
    assert build_figure(spec(troops), dataset) == first
    assert json.dumps(dataset.records) == before


def test_figure_json_is_deterministic_and_compact():
    a = figure_json({"layout": {"b": 1, "a": [1, 2]}, "data": []})
    assert a == figure_json({"data": [], "layout": {"a": [1, 2], "b": 1}}) == '{"data":[],"layout":{"a":[1,2],"b":1}}'


def test_figure_json_cannot_close_a_script_element():
    text = figure_json({"layout": {"t": "</script><script>alert(1)</script> <!-- & \u2028\u2029 é"}})
    assert "</script" not in text.lower() and "<!--" not in text and "<" not in text and ">" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert "é" in text  # UTF-8 kept: smaller than \u00e9
    assert json.loads(text)["layout"]["t"] == "</script><script>alert(1)</script> <!-- & \u2028\u2029 é"


def test_figure_json_refuses_nan():
    with pytest.raises(ValueError):
        figure_json({"data": [{"y": [float("nan")]}]})


def test_axis_labels_are_cut_unless_they_would_merge():
    long = "A very long contingent name that goes on and on"
    assert axis_labels([long, "<b>"], 20) == ["A very long conting…", "&lt;b&gt;"]
    assert axis_labels([long + " 1", long + " 2"], 20) == [long + " 1", long + " 2"]


def test_light_and_dark_themes_touch_the_same_keys():
    overrides = theme.layout_overrides()

    def paths(value, prefix=""):
        return {
            p for k, v in value.items() for p in (paths(v, f"{prefix}{k}.") if isinstance(v, dict) else {prefix + k})
        }

    assert paths(overrides["light"]) == paths(overrides["dark"])
    assert overrides["light"]["geo"]["landcolor"] == theme.NO_DATA_FILL["light"]
