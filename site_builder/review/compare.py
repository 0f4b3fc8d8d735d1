"""A review of two states: which files differ, those loaded and checked, compared into one `Review`.

Only what can have changed is loaded: datasets whose file differs, chart specs whose file
differs or that name such a dataset, and the datasets those charts plot. A file identical in both
states gives identical records and figures (the same code draws both sides), so on a site of
hundreds of datasets a one-dataset change costs one dataset's loading, not the site's (a whole
`Project.load` of 500 datasets and 1,500 charts takes seconds; bench/README.md, "diff").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from site_builder.build.cache import CACHE_DIR, ChartCache
from site_builder.build.prepare import PreparedChart, prepare_charts
from site_builder.errors import ContentError, Problem, unexpected
from site_builder.formats.datasets import Dataset, load_dataset
from site_builder.formats.embed import find_embeds
from site_builder.formats.project import Project, declared_languages
from site_builder.formats.specs import Chart, check_chart, load_chart
from site_builder.languages import current
from site_builder.languages.localize import localize
from site_builder.review.charts import KeptCache, compare_charts, draw_images
from site_builder.review.datasets import compare_dataset
from site_builder.review.gitstate import State
from site_builder.review.model import Review


@dataclass
class Side:
    """What a review loads of one state."""

    state: State
    datasets: dict[str, str] = field(default_factory=dict)  # every dataset file, by id (its name in the project)
    charts: dict[str, str] = field(default_factory=dict)
    loaded: dict[str, Dataset] = field(default_factory=dict)
    loaded_charts: dict[str, Chart] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    tried: set[str] = field(default_factory=set)  # files loaded once, whether they loaded or not

    languages: tuple[str, ...] = ()  # the languages its texts may be written in: the state's editions'

    @classmethod
    def find(cls, state: State) -> Side:
        side = cls(state, languages=declared_languages(state.config))
        side.datasets = state.files.ids(state.config.data_dir)
        side.charts = state.files.ids(state.config.charts_dir)
        return side

    def identity(self, name: str | None) -> str | None:
        return None if name is None else self.state.files.identity(name)

    def dataset(self, dataset_id: str) -> Dataset | None:
        name = self.datasets.get(dataset_id)
        if name is not None and name not in self.tried:
            self.tried.add(name)
            try:
                self.loaded[dataset_id] = load_dataset(self.state.files.path(name), self.state.root, self.languages)
            except ContentError as error:
                self.problems += error.problems
            except Exception as error:  # noqa: BLE001 - as Project.load: that file's problem
                self.problems.append(unexpected(name, "reading the dataset", error))
        return self.loaded.get(dataset_id)

    def chart(self, chart_id: str) -> Chart | None:
        name = self.charts.get(chart_id)
        if name is not None and name not in self.tried:
            self.tried.add(name)
            try:
                chart = load_chart(self.state.files.path(name), self.state.root, self.languages)
                dataset = self.dataset(chart.spec.dataset)
                if dataset is not None or chart.spec.dataset not in self.datasets:
                    problems = check_chart(chart, self.loaded)
                    self.problems += problems
                    if not problems:
                        self.loaded_charts[chart_id] = chart
            except ContentError as error:
                self.problems += error.problems
            except Exception as error:  # noqa: BLE001 - as above
                self.problems.append(unexpected(name, "reading the chart spec", error))
        return self.loaded_charts.get(chart_id)

    def shown(self, charts: set[str]) -> tuple[dict[str, tuple[str, ...]], set[str]]:
        """The pages showing each of `charts` (paths as editors name them), and the datasets whose
        table a page shows.
        """
        files = self.state.files
        names = files.pages(self.state.config.docs_dir)
        files.read_all(names)
        pages: dict[str, list[str]] = {chart_id: [] for chart_id in charts}
        tables: set[str] = set()
        for name in names:
            text = files.read(name).decode("utf-8", errors="replace")
            if ":::" not in text:
                continue
            for embed in find_embeds(text)[0]:
                if embed.kind == "chart" and embed.target in pages:
                    pages[embed.target].append(name)
                elif embed.kind == "table":
                    tables.add(embed.target)
        return {chart_id: tuple(found) for chart_id, found in pages.items()}, tables


def review(project_root: Path, base: State, head: State, images: bool = True) -> Review:
    """Compare `base` with `head`; `ContentError` when a file HEAD needs does not load (one of BASE's
    becomes a note of the review, named with its ref: `main:data/x.yml:3`).
    """
    old, new = Side.find(base), Side.find(head)
    changed_data = {
        i
        for i in {*old.datasets, *new.datasets}
        if old.identity(old.datasets.get(i)) != new.identity(new.datasets.get(i))
    }
    candidates = {
        i for i in {*old.charts, *new.charts} if old.identity(old.charts.get(i)) != new.identity(new.charts.get(i))
    }
    if changed_data:  # an unchanged chart is the same on both sides: read on one, where it names a changed dataset
        mentions = re.compile(rb"\\|\b(" + b"|".join(re.escape(i.encode()) for i in sorted(changed_data)) + rb")\b")
        same = sorted(set(new.charts) & set(old.charts) - candidates)
        new.state.files.read_all([new.charts[i] for i in same])
        candidates |= {i for i in same if mentions.search(new.state.files.read(new.charts[i]))}
    for dataset_id in sorted(changed_data):
        old.dataset(dataset_id), new.dataset(dataset_id)
    for chart_id in sorted(candidates):
        old.chart(chart_id), new.chart(chart_id)
    if new.problems:
        raise ContentError(new.problems)

    def relevant(side: Side) -> dict[str, Chart]:
        """Charts whose file differs or whose dataset changed (not those that only mention its name)."""
        other = new if side is old else old
        return {
            chart_id: chart
            for chart_id, chart in side.loaded_charts.items()
            if chart.spec.dataset in changed_data
            or side.identity(side.charts.get(chart_id)) != other.identity(other.charts.get(chart_id))
        }

    # Charts are compared by their figures, drawn in English (datasets by their texts in every language).
    old_charts, new_charts = _in_english(old, relevant(old)), _in_english(new, relevant(new))
    cache = KeptCache(Path(project_root) / CACHE_DIR / "charts")
    prepared_old = _prepare(old, old_charts, cache)
    prepared_new = _prepare(new, new_charts, cache)
    pages_old, tables_old = old.shown(set(old_charts))
    pages_new, _ = new.shown(set(new_charts))
    result = Review(base.label, head.label)
    # BASE was published, so a file of it that does not load is one this code reads differently (a
    # format changed since): compared as absent, and said, rather than failing every review of the change.
    for problem in old.problems:
        result.notes.append(
            f"{base.short}{problem.format()} (BASE's file does not load with this version of site-builder: "
            "it is compared as absent)"
        )
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


def _in_english(side: Side, charts: dict[str, Chart]) -> dict[str, Chart]:
    """The charts with their texts in English, as the English edition draws them."""
    datasets = {chart.spec.dataset: side.loaded[chart.spec.dataset] for chart in charts.values()}
    return localize(Project(side.state.root, datasets, charts), current.SOURCE).charts


def _prepare(side: Side, charts: dict[str, Chart], cache: ChartCache) -> dict[str, PreparedChart]:
    """Each chart prepared as a build prepares it (in English), through the build's own cache."""
    datasets = {chart.spec.dataset: side.loaded[chart.spec.dataset] for chart in charts.values()}
    return prepare_charts(localize(Project(side.state.root, datasets, charts), current.SOURCE), cache, workers=1)
