"""From a chart spec and its dataset to a plotly figure, as plain dicts, and to safe JSON.

Figures are built as dicts, never as `plotly.graph_objects.Figure`: a `Figure` costs fifty times
as much to build (bench/README.md, "Measurements behind the code"), and a site may have hundreds
of charts. The unit tests validate every kind's output with `go.Figure(fig)` instead.

The kind modules (`kinds/`) draw; this module picks a chart's records and hands them to its
kind. The helpers the kinds share are in `marks.py`.
"""

from __future__ import annotations

import json

from site_builder.figures.kinds import KINDS
from site_builder.figures.theme import THEME, Theme
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase


def chart_records(spec: ChartSpecBase, dataset: Dataset) -> list[dict]:
    """The records a chart plots: its `filter` applied, low-confidence ones dropped if asked; in dataset order."""
    wanted = {name: set(value) if isinstance(value, list) else {value} for name, value in (spec.filter or {}).items()}
    return [
        record
        for record in dataset.records
        if all(record.get(name) in values for name, values in wanted.items())
        and not (spec.exclude_low_confidence and record.get("confidence") == "low")
    ]


def build_figure(spec: ChartSpecBase, dataset: Dataset, theme: Theme = THEME) -> dict:
    """The plotly figure of a chart, as a dict {"data": [...], "layout": {...}}. Pure."""
    return KINDS[spec.kind].build(spec, chart_records(spec, dataset), dataset, theme)


_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def figure_json(fig: dict) -> str:
    """Deterministic JSON, safe inside an HTML `<script>`: sorted keys, no spaces, and `<`, `>`,
    `&`, U+2028 and U+2029 written as escapes (they only occur in strings, where JSON allows it),
    so neither `</script>` nor `<!--` in a label can end the script element.
    """
    text = json.dumps(fig, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    for character, escape in _SCRIPT_SAFE:  # str.replace, not str.translate: faster here (bench/README.md)
        text = text.replace(character, escape)
    return text
