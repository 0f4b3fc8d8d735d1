"""Every chart of the Kosovo site and of the fixtures draws only what a source gave, or says what it derived.

A chart is journalism: a mark a reader can hover is a record's value as its source gave it, or a
derived figure (a range, a running count, a total) whose trace says so (`meta.derived`, with how
it was derived in `meta.how`). These tests read the figures every chart of the real site and of
the test projects builds, so a new chart or kind is held to the same rules without a test of its own.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from site_builder.figures.figure import build_figure, chart_records
from site_builder.figures.kinds import KINDS
from site_builder.formats import countries, sets, world
from site_builder.formats.project import Project
from site_builder.languages.localize import localize
from tests.conftest import FIXTURES, ROOT

PROJECTS = {"kosovo": ROOT, "mini": FIXTURES / "mini", "reader": FIXTURES / "reader"}
DERIVED = {"range", "running_count", "total", "share"}


def _charts():
    for name, root in PROJECTS.items():
        project = localize(Project.load(root), "en")  # as the English edition draws it
        for chart_id in sorted(project.charts):
            yield pytest.param(project, chart_id, id=f"{name}:{chart_id}")


CHARTS = list(_charts())


def _of_kind(kind: str) -> list:
    return [param for param in CHARTS if param.values[0].charts[param.values[1]].spec.kind == kind]


def _figure(project: Project, chart_id: str):
    spec = project.charts[chart_id].spec
    dataset = project.datasets[spec.dataset]
    return spec, dataset, chart_records(spec, dataset), build_figure(spec, dataset)


def _numbers(values) -> list[float]:
    return [v for v in values or [] if isinstance(v, (int, float)) and not isinstance(v, bool)]


def _value_axis(trace: dict) -> str | None:
    """Where a trace puts the numbers it draws: `y`, or `x` for horizontal bars; None for maps."""
    if trace["type"] in ("choropleth", "scattergeo"):
        return None
    return "x" if trace.get("orientation") == "h" else "y"


def _value_field(spec) -> str | None:
    return getattr(spec, "y", None) or getattr(spec, "value", None)


def test_the_real_site_is_among_the_subjects():
    assert any(param.id.startswith("kosovo:") for param in CHARTS)
    assert len([p for p in CHARTS if p.id.startswith("kosovo:")]) == len(list((ROOT / "charts").glob("*.yml")))


@pytest.mark.parametrize(("project", "chart_id"), CHARTS)
def test_every_number_drawn_is_a_sources_or_labelled_derived(project, chart_id):
    spec, dataset, records, figure = _figure(project, chart_id)
    field = _value_field(spec)
    given = {record[field] for record in records if field and isinstance(record.get(field), (int, float))}
    for index, trace in enumerate(figure["data"]):
        derived = (trace.get("meta") or {}).get("derived")
        axis = _value_axis(trace)
        if derived:
            assert derived in DERIVED, f"trace {index}: unknown kind of derived figure {derived!r}"
            assert (trace["meta"].get("how") or "").strip(), f"trace {index}: a derived figure must say how"
            continue
        if axis is None:
            continue
        for value in _numbers(trace.get(axis)):
            assert any(math.isclose(value, g) for g in given), (
                f"{chart_id}: trace {index} ({trace.get('name', '')!r}) draws {value}, which no record of the "
                f"chart gives; label the trace as derived (meta.derived, meta.how) or draw the record's value"
            )
        error = trace.get(f"error_{axis}") or {}
        assert not error.get("visible", bool(error)) or not _numbers(error.get("array")), (
            f"{chart_id}: trace {index} draws error bars on the value axis without saying it is derived"
        )


@pytest.mark.parametrize(("project", "chart_id"), _of_kind("step"))
def test_a_running_count_ends_at_the_records_it_counts(project, chart_id):
    spec, dataset, records, figure = _figure(project, chart_id)
    counts = [t for t in figure["data"] if (t.get("meta") or {}).get("derived") == "running_count"]
    assert counts, f"{chart_id}: a running count is a derived figure; its traces must say so"
    finals = [max(_numbers(t["y"]), default=0) for t in counts]
    assert sum(finals) == len(records), (
        f"{chart_id}: the counts end at {finals} (sum {sum(finals)}) but the chart counts {len(records)} records; "
        "every record, dated or not, must be in the count"
    )


@pytest.mark.parametrize(("project", "chart_id"), _of_kind("choropleth"))
def test_a_map_classifies_every_state_of_its_set(project, chart_id):
    spec, dataset, records, figure = _figure(project, chart_id)
    if Path(project.root) == ROOT:
        assert spec.covers, f"{chart_id}: a map of the Kosovo site says which set of states it shows (`covers:`)"
    covered = set(sets.SETS[spec.covers]) if spec.covers else set()
    drawn = {
        code
        for trace in figure["data"]
        if trace["type"] in ("choropleth", "scattergeo")
        for code in (trace.get("locations") or trace.get("ids") or [])
    }
    shapeless = {code for code in covered - drawn if world.place(code) is None}
    missing = covered - drawn - shapeless
    assert not missing, f"{chart_id}: {len(missing)} states of its set have no colour and no dot: {sorted(missing)}"
    explained = " ".join(KINDS[spec.kind].explain(spec, records, dataset))
    for code in shapeless:  # no geometry to draw it on: the reader must be told, and find it in the table
        assert countries.lookup(code).name in explained, f"{chart_id}: {code} cannot be drawn and is not explained"
