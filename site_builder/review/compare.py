"""A review of two states: which files differ, those loaded and checked, compared into one `Review`.

Only what can have changed is loaded: datasets whose file differs, chart specs whose file
differs or that name such a dataset, and the datasets those charts plot. A file identical in both
states gives identical records and figures (the same code draws both sides), so on a site of
hundreds of datasets a one-dataset change costs one dataset's loading, not the site's (a whole
`Project.load` of 500 datasets and 1,500 charts takes seconds; bench/README.md, "diff").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from site_builder.build.cache import CACHE_DIR, ChartCache
from site_builder.build.prepare import PreparedChart, prepare_charts
from site_builder.errors import ContentError, Problem, display_path, unexpected
from site_builder.formats.contents import yaml_files
from site_builder.formats.datasets import Dataset, load_dataset
from site_builder.formats.embed import find_embeds
from site_builder.formats.project import Project
from site_builder.formats.specs import Chart, check_chart, load_chart
from site_builder.review.charts import KeptCache, compare_charts, draw_images
from site_builder.review.datasets import compare_dataset
from site_builder.review.gitstate import State
from site_builder.review.model import Review


@dataclass
class Side:
    """What a review loads of one state."""

    state: State
    datasets: dict[str, Path] = field(default_factory=dict)  # every dataset file, by id
    charts: dict[str, Path] = field(default_factory=dict)
    bytes: dict[Path, bytes] = field(default_factory=dict)
    loaded: dict[str, Dataset] = field(default_factory=dict)
    loaded_charts: dict[str, Chart] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    tried: set[Path] = field(default_factory=set)  # files loaded once, whether they loaded or not

    @classmethod
    def find(cls, state: State) -> Side:
        side = cls(state)
        ignored: list[Problem] = []  # a misnamed file is `site-builder check`'s to report
        side.datasets = {p.stem: p for p in yaml_files(state.root, state.config.data_dir, ignored)}
        side.charts = {p.stem: p for p in yaml_files(state.root, state.config.charts_dir, ignored)}
        return side

    def read(self, path: Path | None) -> bytes | None:
        if path is None:
            return None
        if path not in self.bytes:
            self.bytes[path] = path.read_bytes()
        return self.bytes[path]

    def dataset(self, dataset_id: str) -> Dataset | None:
        path = self.datasets.get(dataset_id)
        if path is not None and path not in self.tried:
            self.tried.add(path)
            try:
                self.loaded[dataset_id] = load_dataset(path, self.state.root)
            except ContentError as error:
                self.problems += error.problems
            except Exception as error:  # noqa: BLE001 - as Project.load: that file's problem
                self.problems.append(unexpected(display_path(path, self.state.root), "reading the dataset", error))
        return self.loaded.get(dataset_id)

    def chart(self, chart_id: str) -> Chart | None:
        path = self.charts.get(chart_id)
        if path is not None and path not in self.tried:
            self.tried.add(path)
            try:
                chart = load_chart(path, self.state.root)
                dataset = self.dataset(chart.spec.dataset)
                if dataset is not None or chart.spec.dataset not in self.datasets:
                    problems = check_chart(chart, self.loaded)
                    self.problems += problems
                    if not problems:
                        self.loaded_charts[chart_id] = chart
            except ContentError as error:
                self.problems += error.problems
            except Exception as error:  # noqa: BLE001 - as above
                self.problems.append(unexpected(display_path(path, self.state.root), "reading the chart spec", error))
        return self.loaded_charts.get(chart_id)

    def shown(self, charts: set[str]) -> tuple[dict[str, tuple[str, ...]], set[str]]:
        """The pages showing each of `charts` (docs-relative paths as editors name them), and the
        datasets whose table a page shows.
        """
        docs = self.state.root / self.state.config.docs_dir
        pages: dict[str, list[str]] = {chart_id: [] for chart_id in charts}
        tables: set[str] = set()
        for path in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
            text = path.read_text("utf-8", errors="replace")
            if ":::" not in text:
                continue
            for embed in find_embeds(text)[0]:
                if embed.kind == "chart" and embed.target in pages:
                    pages[embed.target].append(display_path(path, self.state.root))
                elif embed.kind == "table":
                    tables.add(embed.target)
        return {chart_id: tuple(found) for chart_id, found in pages.items()}, tables


def review(project_root: Path, base: State, head: State, images: bool = True) -> Review:
    """Compare `base` with `head`; `ContentError` when a file either side needs does not load
    (BASE's problems are named with its ref: `main:data/x.yml:3`).
    """
    old, new = Side.find(base), Side.find(head)
    changed_data = {
        i for i in {*old.datasets, *new.datasets} if old.read(old.datasets.get(i)) != new.read(new.datasets.get(i))
    }
    mentions = re.compile(rb"\\|\b(" + b"|".join(re.escape(i.encode()) for i in sorted(changed_data)) + rb")\b")
    candidates = set()
    for chart_id in {*old.charts, *new.charts}:
        before, after = old.read(old.charts.get(chart_id)), new.read(new.charts.get(chart_id))
        if before != after or (changed_data and any(t is not None and mentions.search(t) for t in (before, after))):
            candidates.add(chart_id)
    for dataset_id in sorted(changed_data):
        old.dataset(dataset_id), new.dataset(dataset_id)
    for chart_id in sorted(candidates):
        old.chart(chart_id), new.chart(chart_id)
    problems = new.problems + [replace(p, path=base.short + p.path) for p in old.problems]
    if problems:
        raise ContentError(problems)

    def relevant(side: Side) -> dict[str, Chart]:
        """Charts whose file differs or whose dataset changed (not those that only mention its name)."""
        other = new if side is old else old
        return {
            chart_id: chart
            for chart_id, chart in side.loaded_charts.items()
            if chart.spec.dataset in changed_data
            or side.read(side.charts.get(chart_id)) != other.read(other.charts.get(chart_id))
        }

    old_charts, new_charts = relevant(old), relevant(new)
    cache = KeptCache(Path(project_root) / CACHE_DIR / "charts")
    prepared_old = _prepare(old, old_charts, cache)
    prepared_new = _prepare(new, new_charts, cache)
    pages_old, tables_old = old.shown(set(old_charts))
    pages_new, _ = new.shown(set(new_charts))
    result = Review(base.label, head.label)
    plotted = {chart.spec.dataset for chart in old.loaded_charts.values()}
    for dataset_id in sorted(changed_data):
        published = dataset_id in plotted or dataset_id in tables_old
        change, uncorrected = compare_dataset(
            dataset_id, old.loaded.get(dataset_id), new.loaded.get(dataset_id), base, head, published
        )
        if change is not None:
            result.datasets.append(change)
        result.uncorrected += uncorrected
    result.charts = compare_charts(
        old_charts, new_charts, prepared_old, prepared_new, (pages_old, pages_new), (base, head)
    )
    if images:
        result.notes += draw_images(project_root, result, prepared_old, prepared_new)
    return result


def _prepare(side: Side, charts: dict[str, Chart], cache: ChartCache) -> dict[str, PreparedChart]:
    """Each chart prepared as a build prepares it, through the build's own cache."""
    datasets = {chart.spec.dataset: side.loaded[chart.spec.dataset] for chart in charts.values()}
    return prepare_charts(Project(side.state.root, datasets, charts), cache, workers=1)
