"""Everything the site shows of one chart, computed once a build.

A chart appears in pages (with page-relative links), on its own page and in three downloads;
preparing it once keeps the figure, its table and its sources identical in all of them and
keeps per-chart work out of the per-page path.
"""

from __future__ import annotations

from dataclasses import dataclass

from .datasets import Dataset
from .figures import build_figure, chart_records, figure_json
from .kinds import KINDS
from .model import ChartSpecBase, Source
from .project import Project
from .alt_text import describe_chart
from .tables import Table, chart_table, to_csv, to_json

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True)
class PreparedChart:
    id: str
    spec: ChartSpecBase
    dataset: Dataset
    figure_json: str
    traces: tuple[str, ...]
    table: Table
    alt: str
    sources: tuple[Source, ...]  # the sources of the records shown, in the dataset's order
    as_of: str  # the latest date in the records shown, as readers read dates
    unconfirmed: int  # low-confidence records shown

    def url(self, site_url: str) -> str:
        """The chart's own page: absolute when the site's address is known, else site-relative."""
        return f"{site_url.rstrip('/')}/charts/{self.id}/" if site_url else f"charts/{self.id}/"

    def citation(self, site_name: str, site_url: str) -> str:
        """Plain text a reader can paste: the chart, where it lives, and whose figures it shows."""
        producers = list(dict.fromkeys(source.producer for source in self.sources))
        shown = "; ".join(producers[:3]) + (f"; and {len(producers) - 3} other sources" if len(producers) > 3 else "")
        where = f"{site_name}, " if site_name else ""
        return f"“{self.spec.title}”. {where}data as of {self.as_of}. {self.url(site_url)}. Data: {shown}."

    def files(self) -> dict[str, bytes]:
        """The chart's downloads, by site path."""
        prefix = f"charts/{self.id}/"
        return {prefix + "data.csv": to_csv(self.table).encode(),
                prefix + "data.json": to_json(self.table).encode(),
                prefix + "figure.json": self.figure_json.encode()}


def prepare_chart(chart_id: str, spec: ChartSpecBase, dataset: Dataset) -> PreparedChart:
    records = chart_records(spec, dataset)
    figure = build_figure(spec, dataset)
    used = {r["source"] for r in records}
    dates = [r[name] for name, f in dataset.fields.items() if f.type == "date" for r in records if r.get(name)]
    return PreparedChart(
        id=chart_id,
        spec=spec,
        dataset=dataset,
        figure_json=figure_json(figure),
        traces=tuple(sorted(KINDS[spec.kind].TRACES)),
        table=chart_table(spec, dataset, chart_id),
        alt=spec.alt or describe_chart(spec, records, dataset),
        sources=tuple(s for s in dataset.meta.sources if s.id in used),
        as_of=reader_date(max(dates, key=_date_key)) if dates else reader_date(dataset.meta.last_updated),
        unconfirmed=sum(1 for r in records if r["confidence"] == "low"),
    )


def prepare_charts(project: Project) -> dict[str, PreparedChart]:
    return {chart_id: prepare_chart(chart_id, chart.spec, project.datasets[chart.spec.dataset])
            for chart_id, chart in sorted(project.charts.items())}


def reader_date(text: str) -> str:
    """'2008-02-17' -> '17 February 2008'; '2008-02' -> 'February 2008'; '2008' -> '2008'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {_MONTHS[parts[1] - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[parts[1] - 1]} {parts[0]}"
    return str(parts[0])


def _date_key(text: str) -> tuple[int, ...]:
    """Sort partial dates by the last day they could mean, so '2023' sorts after '2023-06-01'."""
    parts = [int(p) for p in text.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 13, parts[2] if len(parts) > 2 else 32)
