"""Small datasets and chart specs for the chart-kind tests, written as YAML files and loaded
with the real loaders (so the tests see exactly what the site sees).

Each dataset carries the strings an attacker would try in a data file, in every place a
string can reach a figure: source producer and title, field titles and units, category
labels, text values, notes and event labels.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from site_builder.editors.scaffold import chart_text, pick_fields
from site_builder.errors import ContentError
from site_builder.figures.kinds import KINDS
from site_builder.formats.datasets import Dataset, load_dataset
from site_builder.formats.specs import Chart, load_chart

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "%{x}",
    '<a href="javascript:alert(1)">x</a>',
]
EVIL = " | ".join(HOSTILE)  # one string with all of them


def _dump(value) -> str:
    """YAML is a superset of JSON: JSON text is a valid, fully quoted YAML document."""
    return json.dumps(value, indent=1, ensure_ascii=False)


def write_dataset(
    folder: Path, name: str, fields: dict, records: list[dict], sources: list[dict] | None = None
) -> Dataset:
    sources = sources or [
        {"id": "nato", "producer": "NATO", "title": "KFOR Key Facts and Figures", "date_accessed": "2026-11-28"},
        {"id": "evil", "producer": EVIL, "title": EVIL, "date_accessed": "2026-11-28"},
    ]
    data = {
        "title": f"Test {name}",
        "description": "For tests.",
        "license": "CC BY 4.0",
        "last_checked": "2026-11-28",
        "sources": sources,
        "fields": fields,
        "records": records,
    }
    path = folder / f"{name}.yml"
    path.write_text(_dump(data), encoding="utf-8")
    return load_dataset(path)


def write_chart(folder: Path, name: str, spec: dict) -> Chart:
    path = folder / f"{name}.yml"
    path.write_text(_dump(spec), encoding="utf-8")
    return load_chart(path)


def troops(folder: Path) -> Dataset:
    """KFOR-like troop numbers: two sources disagreeing on one date, a low-confidence figure, a note."""
    fields = {
        "date": {"type": "date", "title": "Date"},
        "troops": {"type": "integer", "title": "Troops " + EVIL, "unit": "soldiers " + EVIL, "min": 0},
        "metric": {
            "type": "category",
            "title": "Metric",
            "categories": [{"value": "total", "label": "Total " + EVIL}, {"value": "us", "label": "US contingent"}],
        },
    }
    records = [
        {"date": "1999-06", "troops": 50000, "metric": "total", "source": "nato"},
        {"date": "1999-06", "troops": 42000, "metric": "total", "source": "evil", "note": "Disputed " + EVIL},
        {"date": "2002", "troops": 39000, "metric": "total", "source": "nato"},
        {
            "date": "2008-02-17",
            "troops": 15000,
            "metric": "total",
            "source": "nato",
            "confidence": "low",
            "note": "Unconfirmed.",
        },
        {"date": "2015", "troops": 4600, "metric": "total", "source": "nato", "confidence": "medium"},
        {"date": "2023-10", "troops": 4500, "metric": "total", "source": "nato"},
        {"date": "1999-06", "troops": 7000, "metric": "us", "source": "nato"},
        {"date": "2023-10", "troops": 600, "metric": "us", "source": "nato"},
    ]
    return write_dataset(folder, "troops", fields, records)


def contributions(folder: Path) -> Dataset:
    """Troop contributions by country and year, for ranked and grouped bars."""
    fields = {
        "country": {"type": "country", "title": "Country"},
        "name": {"type": "text", "title": "Contingent"},
        "year": {"type": "date", "title": "Year"},
        "troops": {"type": "integer", "title": "Troops", "unit": "soldiers"},
        "change": {"type": "integer", "title": "Change", "required": False},
    }
    records = [
        {"country": "US", "name": "KFOR East", "year": "2022", "troops": 635, "change": -5, "source": "nato"},
        {"country": "ITA", "name": EVIL, "year": "2022", "troops": 715, "change": 10, "source": "nato"},
        {
            "country": "DE",
            "name": '=HYPERLINK("http://x")',
            "year": "2022",
            "troops": 70,
            "source": "nato",
            "confidence": "low",
            "note": "Unconfirmed.",
        },
        {"country": "US", "name": "KFOR East", "year": "2023", "troops": 600, "source": "nato"},
        {"country": "US", "name": "KFOR East", "year": "2023", "troops": 580, "source": "evil"},
        {"country": "ITA", "name": "+cmd", "year": "2023", "troops": 850, "source": "nato", "note": "@SUM(1)"},
        {"country": "DE", "name": "-2+3", "year": "2023", "troops": 85, "source": "nato"},
    ]
    return write_dataset(folder, "contributions", fields, records)


def recognitions(folder: Path, countries: list[str] | None = None) -> Dataset:
    """Recognitions of Kosovo: a status per country, a date (some unknown)."""
    fields = {
        "country": {"type": "country", "title": "Country"},
        "status": {
            "type": "category",
            "title": "Status",
            "categories": [
                {"value": "recognises", "label": "Recognises " + EVIL},
                {"value": "withdrew", "label": "Withdrew recognition"},
                {"value": "does_not", "label": "Does not recognise"},
            ],
        },
        "date": {"type": "date", "title": "Recognised on", "required": False},
        "by": {"type": "text", "title": "Recognised by " + EVIL, "required": False},
    }
    if countries is None:
        records = [
            {"country": "US", "status": "recognises", "date": "2008-02-18", "by": EVIL, "source": "nato"},
            {"country": "FRA", "status": "recognises", "date": "2008-02-18", "source": "nato"},
            {"country": "DE", "status": "recognises", "date": "2008-02-20", "source": "nato"},
            {"country": "XK", "status": "recognises", "source": "nato", "note": "Kosovo itself"},
            {
                "country": "SUR",
                "status": "withdrew",
                "date": "2017-10",
                "source": "evil",
                "confidence": "low",
                "note": "One claim.",
            },
            {"country": "RS", "status": "does_not", "source": "nato"},
            {"country": "ESP", "status": "does_not", "source": "nato"},
            {"country": "TG", "status": "recognises", "date": "2014", "source": "nato"},
        ]
    else:
        statuses = ["recognises", "does_not", "withdrew"]
        records = [
            {
                "country": code,
                "status": statuses[i % 3],
                "date": f"{2008 + i % 15}-{1 + i % 12:02d}",
                "source": "nato",
                **({"confidence": "low", "note": "Unconfirmed."} if i % 17 == 0 else {}),
            }
            for i, code in enumerate(countries)
        ]
    return write_dataset(folder, "recognitions", fields, records)


def project(folder: Path) -> tuple[Path, dict[str, Dataset]]:
    """The three datasets above in `folder`, by id: between them a field of every type."""
    return folder, {d.id: d for d in (troops(folder), contributions(folder), recognitions(folder))}


def scaffolded_spec(datasets: dict[str, Dataset], kind: str) -> dict:
    """The chart `site-builder new chart` writes for `kind`, on the first dataset it fits, with
    the fields it suggests for optional keys too (so more of the data reaches the figure).

    Every kind gets one without a line written for it here: the kind-wide tests need nothing
    but the registry entry.
    """
    refused = []
    for dataset in datasets.values():
        try:
            return {
                **yaml.safe_load(chart_text(KINDS[kind], dataset, kind, "charts/test.yml")),
                **pick_fields(KINDS[kind], dataset, "charts/test.yml"),
            }
        except ContentError as error:
            refused.append(f"{dataset.id}: {'; '.join(problem.message for problem in error.problems)}")
    raise AssertionError(
        f"no test dataset has the fields a {kind} chart needs ({'; '.join(refused)}): "
        "add them to tests/unit/kind_fixtures.py"
    )
