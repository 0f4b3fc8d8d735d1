"""tables.py: the rows a chart shows, readers' formatting, and safe CSV and JSON downloads."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from site_builder.build.prepare import prepare_chart
from site_builder.reader.tables import Column, Table, chart_table, csv_text, json_text, to_csv, to_json

from . import kind_fixtures as kf


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    return folder, {d.id: d for d in (kf.troops(folder), kf.contributions(folder), kf.recognitions(folder))}


def table(project, spec: dict):
    folder, datasets = project
    chart = kf.write_chart(folder, "chart", {"title": "T", **spec})
    return chart_table(chart.spec, datasets[spec["dataset"]], "chart")


def test_line_table_columns_rows_and_display(project):
    t = table(project, {"kind": "line", "dataset": "troops", "x": "date", "y": "troops", "filter": {"metric": "total"}})
    assert t.headers[0] == "Date" and t.headers[1].startswith("Troops <img") and t.headers[1].endswith(")")
    assert t.headers[2:] == ["Source", "Confidence", "Note"]
    rows = t.display_rows()
    assert rows[0][:2] == ["June 1999", "50,000"]
    assert [r[0] for r in rows] == ["June 1999", "June 1999", "2002", "17 February 2008", "2015", "October 2023"]
    assert rows[3][3] == "low (unconfirmed)"
    assert rows[1][4].startswith("Disputed")
    assert t.rows[0][:2] == ("1999-06", 50000)  # export values: the date as written, the number as a number


def test_country_columns_give_name_and_code(project):
    t = table(project, {"kind": "choropleth", "dataset": "recognitions", "location": "country", "color": "status"})
    assert t.headers[:3] == ["Country", "Country (code)", "Status"]
    assert [r[0] for r in t.rows][:3] == ["France", "Germany", "Kosovo"]  # by name
    assert t.rows[2][1] == "XK"


def test_ranked_table_follows_the_ranking_and_limit(project):
    t = table(
        project, {"kind": "ranked_bar", "dataset": "contributions", "category": "name", "value": "troops", "limit": 2}
    )
    assert [r[1] for r in t.rows] == [850, 715]


def test_sources_are_those_of_the_rows(project):
    t = table(project, {"kind": "line", "dataset": "troops", "x": "date", "y": "troops", "filter": {"metric": "us"}})
    assert [s["id"] for s in t.sources] == ["nato"]


def test_csv_neutralises_formulas_but_keeps_negative_numbers(project):
    t = table(
        project, {"kind": "grouped_bar", "dataset": "contributions", "x": "name", "y": "change", "series": "year"}
    )
    text = to_csv(t)
    assert "\r" not in text and text.endswith("\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Contingent", "Year", "Change"]
    assert ["KFOR East", "2022", "-5"] in [row[:3] for row in rows]  # a number from a number field stays a number
    t = table(project, {"kind": "ranked_bar", "dataset": "contributions", "category": "name", "value": "troops"})
    cells = [cell for row in csv.reader(io.StringIO(to_csv(t))) for cell in row]
    assert "'+cmd" in cells and "'-2+3" in cells and '\'=HYPERLINK("http://x")' in cells and "'@SUM(1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_csv_header_and_values(project):
    t = table(project, {"kind": "line", "dataset": "troops", "x": "date", "y": "troops", "filter": {"metric": "us"}})
    rows = list(csv.reader(io.StringIO(to_csv(t))))
    assert rows[0][0] == "Date" and rows[1][:2] == ["1999-06", "7000"]
    assert rows[1][2] == "NATO, KFOR Key Facts and Figures" and rows[1][3] == "high"


def test_json_is_deterministic_and_complete(project):
    spec = {"kind": "step", "dataset": "recognitions", "x": "date", "label": "country"}
    text = to_json(table(project, spec))
    assert text == to_json(table(project, spec))
    document = json.loads(text)
    assert list(document) == ["chart", "dataset", "columns", "rows", "sources", "last_checked", "corrections"]
    assert document["chart"] == "chart" and document["dataset"] == "recognitions"
    assert [c["name"] for c in document["columns"]] == [
        "date",
        "country",
        "country_code",
        "source",
        "confidence",
        "note",
    ]
    assert document["rows"][0] == ["2008-02-18", "France", "FRA", "NATO, KFOR Key Facts and Figures", "high", None]
    assert len(document["rows"]) == 8  # undated records are in the table even though the chart leaves them out
    assert {s["id"] for s in document["sources"]} == {"nato", "evil"}


def test_ranked_table_shows_the_bars_the_chart_shows(tmp_path):
    """One ranking rule (`ranked_bar.top_bars`) for the chart, the table (so CSV and JSON) and the
    text: a record without a category makes no bar, so it is no row either, and `limit` then
    counts the bars shown.

    (The table used to rank the unnamed record first and drop B.)
    """
    fields = {
        "name": {"type": "text", "title": "Contingent", "required": False},
        "troops": {"type": "integer", "title": "Troops"},
    }
    records = [
        {"troops": 900, "source": "nato"},
        {"name": "A", "troops": 800, "source": "nato"},
        {"name": "B", "troops": 700, "source": "nato"},
        {"name": "C", "troops": 600, "source": "nato"},
    ]
    dataset = kf.write_dataset(tmp_path, "unnamed", fields, records)
    spec = {"kind": "ranked_bar", "dataset": "unnamed", "title": "T", "category": "name", "value": "troops", "limit": 2}
    chart = kf.write_chart(tmp_path, "chart", spec)
    prepared = prepare_chart("chart", chart.spec, dataset)
    assert json.loads(prepared.figure_json)["data"][0]["y"] == ["A", "B"]
    assert [row[:2] for row in prepared.table.rows] == [("A", 800), ("B", 700)]
    assert [row[:2] for row in csv.reader(io.StringIO(to_csv(prepared.table)))][1:] == [["A", "800"], ["B", "700"]]
    assert [row[:2] for row in json.loads(to_json(prepared.table))["rows"]] == [["A", 800], ["B", 700]]
    assert prepared.alt == "Bar chart ranking the top 2 of 3 by Troops, largest first. A 800 and B 700."


# -- the CSV is its JSON twin: one row a record, and no formula after any line break ----------------

LINE_BREAKS = ["\r", "\n", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
_SPLIT = re.compile("|".join(re.escape(b) for b in sorted(LINE_BREAKS, key=len, reverse=True)))


def line_starts(cell: str) -> list[str]:
    """What a spreadsheet (or anything splitting at any line break) takes for the start of a cell."""
    return [cell] + [cell[match.end() :] for match in _SPLIT.finditer(cell)]


def assert_csv_is_json_twin(csv_download: str, json_download: str) -> list[list[str]]:
    """Python's csv module reads exactly the JSON's rows from the CSV: the header, then one row a
    record, each text cell the JSON's text once its apostrophes (`csv_text`) are undone, each
    number the number; and no cell, nor any line inside one, starts a formula. Returns the rows.
    """
    document = json.loads(json_download)
    rows = list(csv.reader(io.StringIO(csv_download, newline="")))
    assert len(rows) == 1 + len(document["rows"]), "a value split a row"
    assert [json_text(cell) for cell in rows[0]] == [column["title"] for column in document["columns"]]
    for got, expected in zip(rows[1:], document["rows"]):
        assert len(got) == len(expected)
        for cell, value in zip(got, expected):
            if value is None:
                assert cell == ""
            elif isinstance(value, (int, float)):
                assert cell == str(value)
            else:
                assert json_text(cell) == value
    for row in rows:
        for cell in row:
            for start in line_starts(cell):
                if start[:1] and start[0] in "=+-@\t\r\0":
                    float(start)  # only a number from a number field may (a negative figure)
    return rows


# Every line break in a value, with a formula after it, at the start, and a text that already
# begins with the apostrophe the CSV adds.
AWKWARD = [f"a{br}{f}1" for br in LINE_BREAKS for f in "=+-@\t"] + [
    "\r=1",
    "=1\r=2",
    "\r\n\r\n@x",
    "'=already",
    "''+twice",
    " =spaced",
    "\u00a0-nbsp",
    "\x00=nul",
    "plain",
    "",
]


def awkward_table(values: list[str]) -> Table:
    columns = (Column("name", "=Name\r=x", "text"), Column("value", "Value", "number"), Column("note", "Note", "text"))
    rows = tuple((value, -1.5 if i % 2 else -(10**15), value[::-1]) for i, value in enumerate(values))
    return Table("chart", "dataset", columns, rows, ())


def test_csv_has_one_row_a_record_whatever_the_line_breaks():
    table = awkward_table(AWKWARD)
    rows = assert_csv_is_json_twin(to_csv(table), to_json(table))
    assert rows[1][0] == "a\r'=1" and rows[0][0] == "'=Name\r'=x" and rows[1][1] == "-1000000000000000"


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.text(alphabet="=+-@\t\r\n\x00' a\u00a0\u2028\u2029\x85\x0b\"," + "".join(LINE_BREAKS)), max_size=6))
def test_any_text_makes_a_csv_twin_of_the_json(values):
    table = awkward_table(values)
    assert_csv_is_json_twin(to_csv(table), to_json(table))


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet="=+-@\t\r\n\x00'x \u00a0\u2028" + "".join(LINE_BREAKS), max_size=12))
def test_csv_text_is_undone_exactly_and_leaves_no_formula(text):
    cell = csv_text(text)
    assert json_text(cell) == text
    assert not [start for start in line_starts(cell) if start[:1] and start[0] in "=+-@\t\r\0"]
    assert csv_text("plain text") == "plain text" and csv_text("It's") == "It's"  # apostrophes only where needed
