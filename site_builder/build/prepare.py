"""Everything the site shows of one chart, computed once a build.

A chart appears in pages (with page-relative links), on its own page and in three downloads;
preparing it once keeps the figure, its table and its sources identical in all of them and
keeps per-chart work out of the per-page path.
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields, replace
from pathlib import Path

from site_builder.build.cache import ChartCache, chart_key, theme_fingerprint
from site_builder.build.digests import file_sha256
from site_builder.build.workers import can_fork, worker_count
from site_builder.errors import ContentError, Problem, display_path, unexpected
from site_builder.figures.figure import build_figure, chart_records, figure_json
from site_builder.figures.kinds import KINDS
from site_builder.figures.theme import THEME
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase, Event, Source
from site_builder.formats.project import Project
from site_builder.languages import current
from site_builder.languages.messages import CATALOGS, _, ngettext
from site_builder.reader.addresses import absolute_url, chart_page, no_address
from site_builder.reader.alt_text import describe_chart
from site_builder.reader.corrections import CorrectionNote, chart_corrections
from site_builder.reader.tables import Table, chart_table, to_csv, to_json
from site_builder.reader.text import format_date


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
    as_of: str  # the latest date the records shown carry, as readers read dates ("" when they carry none)
    unconfirmed: int  # low-confidence records shown
    events: tuple[tuple[str, Event], ...] = ()  # (date as readers read it, event) in date order, numbered on the chart
    corrections: tuple[CorrectionNote, ...] = ()  # of the records shown (reader/corrections.py), oldest first
    download: Table | None = None  # the downloads' table where it is not `table`: a translation's, in no language

    def url(self, site_url: str, directory_urls: bool = True) -> str:
        """The chart's own page as an absolute URL, or "" when the site's address is not configured
        (a relative one would point elsewhere on every page it is pasted into).
        """
        return absolute_url(site_url, chart_page(self.id, directory_urls))

    def citation(self, site_name: str, site_url: str, directory_urls: bool = True) -> str:
        """Plain text a reader can paste: the chart, where it lives, and whose figures it shows."""
        producers = list(dict.fromkeys(source.producer for source in self.sources))
        others = len(producers) - 3
        shown = "; ".join(producers[:3]) + (
            ngettext("; and {count} other source", "; and {count} other sources", others) if others > 0 else ""
        )
        where = f"{site_name}, " if site_name else ""
        url = self.url(site_url, directory_urls)
        cited = _("“{title}”.", title=self.spec.title) + f" {where}"
        cited += _("data as of {date}.", date=self.as_of) if self.as_of else ""
        data = _("Data: {sources}.", sources=shown)
        return f"{cited} {url}. {data}" if url else f"{cited} {data} ({no_address()})"

    def files(self) -> dict[str, bytes]:
        """The chart's downloads, by site path."""
        prefix = f"charts/{self.id}/"
        return {
            prefix + "data.csv": to_csv(self.download or self.table).encode(),
            prefix + "data.json": to_json(self.download or self.table).encode(),
            prefix + "figure.json": self.figure_json.encode(),
            prefix + "figure.js": figure_script(self.id, self.figure_json).encode(),
        }


def figure_script(chart_id: str, figure_json: str) -> str:
    """The figure as a script that hands it to the loader: a page opened from `file://` may load
    scripts beside it but not `fetch()` them, so there the loader adds this instead of fetching
    figure.json. Safe in a script: the figure's JSON escapes `<`, `>` and `/` (`figure_json`), and
    the id is a file name (`json.dumps` quotes it).
    """
    return f"(window.siteBuilderFigures = window.siteBuilderFigures || {{}})[{json.dumps(chart_id)}] = {figure_json};\n"


def prepare_chart(chart_id: str, spec: ChartSpecBase, dataset: Dataset) -> PreparedChart:
    records = chart_records(spec, dataset)
    figure = build_figure(spec, dataset)
    used = {r["source"] for r in records}
    return PreparedChart(
        id=chart_id,
        spec=spec,
        dataset=dataset,
        figure_json=figure_json(figure),
        traces=tuple(sorted(KINDS[spec.kind].TRACES)),
        table=chart_table(spec, dataset, chart_id),
        alt=spec.alt or describe_chart(spec, records, dataset),
        sources=tuple(s for s in dataset.meta.sources if s.id in used),
        as_of=data_as_of(dataset, records),
        unconfirmed=sum(1 for r in records if r["confidence"] == "low"),
        events=tuple((format_date(e.date), e) for e in sorted(spec.marked_events(), key=lambda e: _date_key(e.date))),
        corrections=tuple(chart_corrections(spec, dataset, records)),
        download=None if current.language() == current.SOURCE else chart_table(spec, dataset, chart_id, neutral=True),
    )


def data_as_of(dataset: Dataset, records: list[dict]) -> str:
    """The date of the latest figure shown, as precise as it was written ("March 2024"): the latest
    value of the records' date fields or, for records with none (a ranking of one year, a map of
    states), the latest publication date of their sources. Never the day the file was last
    checked (`last_checked`): that says nothing of how recent the figures are. "" when the records
    carry no date at all, and the chart then says nothing of it.
    """
    dates = [r[name] for name, f in dataset.fields.items() if f.type == "date" for r in records if r.get(name)]
    if not dates:
        published = (dataset.source(r["source"]).date_published for r in records)
        dates = [date for date in published if date]
    return format_date(max(dates, key=_date_key)) if dates else ""


def prepare_charts(
    project: Project,
    cache: ChartCache | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, PreparedChart]:
    """Every chart, by id. With a `cache`, a chart whose spec file, dataset file, theme and code are
    unchanged is read back, the others are prepared (on every core when there are many) and
    stored; `cache.keys` then maps each chart id to its key. The result is the same either way.
    `progress(done, total)` is called as charts are ready (see progress.py). A chart that fails in a
    way no check foresaw is its spec file's problem: `ContentError` once every chart was tried.
    """
    jobs = {
        chart_id: (chart_id, chart.spec, project.datasets[chart.spec.dataset])
        for chart_id, chart in sorted(project.charts.items())
    }
    prepared: dict[str, PreparedChart] = {}
    if cache is not None:
        digests: dict[Path, str] = {}
        theme_digest = theme_fingerprint(THEME) + _language_fingerprint()
        for chart_id, chart in project.charts.items():
            paths = (chart.path, jobs[chart_id][2].path)
            for path in paths:
                if path not in digests:
                    digests[path] = file_sha256(path)
            cache.keys[chart_id] = chart_key(chart_id, digests[paths[0]], digests[paths[1]], theme_digest)
        for chart_id, job in jobs.items():
            payload = cache.get(cache.keys[chart_id])
            if payload is not None and (chart := _from_payload(job, payload)) is not None:
                prepared[chart_id] = chart
    missing = [chart_id for chart_id in jobs if chart_id not in prepared]
    if progress:
        progress(len(prepared), len(jobs))
    problems = []
    for chart_id, chart in zip(missing, _prepare_all([jobs[chart_id] for chart_id in missing], workers)):
        if isinstance(chart, Problem):  # a chart no check foresaw: named by its spec file
            problems.append(replace(chart, path=display_path(project.charts[chart_id].path, project.root)))
            continue
        prepared[chart_id] = chart
        if cache is not None:
            cache.put(cache.keys[chart_id], _payload(chart))
        if progress:
            progress(len(prepared), len(jobs))
    if cache is not None:
        cache.forget_others(set(cache.keys.values()))
    if problems:
        raise ContentError(problems)
    return {chart_id: prepared[chart_id] for chart_id in jobs}


def _language_fingerprint() -> str:
    """What the words of a prepared chart depend on besides its files: the language being made and
    its catalog (a translation fixed is a chart prepared again). Nothing for the source language, so
    its keys stay what they were.
    """
    language = current.language()
    if language == current.SOURCE:
        return ""
    catalog = CATALOGS / f"{current.base(language)}.po"
    return f":{language}:" + (file_sha256(catalog) if catalog.is_file() else "")


def _prepare_guarded(job: tuple) -> PreparedChart | Problem:
    """`prepare_chart`, or the problem an exception no check foresaw makes of it (`errors.unexpected`):
    its figure, table and text alternative are made from values the loaders let through, and
    whatever still breaks them is reported as the chart's problem, not as a traceback.
    """
    try:
        return prepare_chart(*job)
    except Exception as error:  # noqa: BLE001 - reported, with the chart's file, by prepare_charts
        return unexpected("", f"making the chart from dataset '{job[2].id}'", error)


# Below this many charts to prepare, one process is as fast or faster: starting workers and sending
# each result back cost more than they save (measured: bench/README.md, "Every core").
PARALLEL_MIN = 250
_JOBS: list[tuple] = []  # the jobs of a parallel run, inherited by the forked workers


def _prepare_all(jobs: list[tuple], workers: int | None = None) -> Iterable[PreparedChart | Problem]:
    """`prepare_chart` for each job, in order, or its problem; in forked worker processes when there are many."""
    global _JOBS
    workers = min(worker_count(workers), len(jobs) // max(1, PARALLEL_MIN // 2))
    if workers < 2 or len(jobs) < PARALLEL_MIN or not can_fork():
        return (_prepare_guarded(job) for job in jobs)  # one at a time, so that progress can follow
    _JOBS = jobs
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=end_with_parent, initargs=(os.getpid(),)
        ) as pool:
            payloads = list(pool.map(_prepare_payload, range(len(jobs)), chunksize=-(-len(jobs) // (workers * 4))))
    finally:
        _JOBS = []
    return [
        payload if isinstance(payload, Problem) else _from_payload(job, payload) for job, payload in zip(jobs, payloads)
    ]


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL = 0.5  # seconds between two looks at the parent, where no parent-death signal exists


def end_with_parent(parent: int) -> None:
    """End this forked process as soon as `parent`, which started it, ends, however it ends.

    A process killed with SIGKILL runs no clean-up, so its children must notice by themselves, or
    they live on (a chart process blocked on a pipe, workers waiting for jobs, each holding memory
    and the site's temporary folder). On Linux the kernel kills this process when the parent dies
    (`PR_SET_PDEATHSIG`, which also works while this process is busy); everywhere, a thread checks
    that the parent is still the parent twice a second. Called first in the chart process
    (chartwork.py) and in each preparing worker. Chromium, drawing the images, is Playwright's
    driver's child: the driver ends when the pipe from this process closes, and closes the browser.
    """
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no C library to ask: the thread below still watches
            pass
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="site-builder parent watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _prepare_payload(index: int) -> dict | Problem:
    chart = _prepare_guarded(_JOBS[index])
    return chart if isinstance(chart, Problem) else _payload(chart)


_GIVEN = ("id", "spec", "dataset", "sources")  # what the project already holds; the rest is derived


def _payload(chart: PreparedChart) -> dict:
    """What a prepared chart adds to its spec and dataset, as plain values (for the cache and workers)."""
    values = {f.name: getattr(chart, f.name) for f in fields(PreparedChart) if f.name not in _GIVEN}
    values["source_ids"] = tuple(source.id for source in chart.sources)
    return values


def _from_payload(job: tuple, payload: dict) -> PreparedChart | None:
    """The prepared chart back from `_payload`; None if the payload does not fit (a foreign entry)."""
    chart_id, spec, dataset = job
    try:
        values = dict(payload)
        ids = set(values.pop("source_ids"))
        return PreparedChart(
            id=chart_id,
            spec=spec,
            dataset=dataset,
            sources=tuple(s for s in dataset.meta.sources if s.id in ids),
            **values,
        )
    except Exception:  # noqa: BLE001 - a stale or foreign cache entry is a miss
        return None


def _date_key(text: str) -> tuple[int, ...]:
    """Sort partial dates by the last day they could mean, so '2023' sorts after '2023-06-01'."""
    parts = [int(p) for p in text.split("-")]
    return (parts[0], parts[1] if len(parts) > 1 else 13, parts[2] if len(parts) > 2 else 32)
