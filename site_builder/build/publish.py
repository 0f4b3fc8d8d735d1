"""Everything a build makes of the charts: the figures its pages show, and the files of `charts/`.

From the project's files to what readers get, without MkDocs: load and check the project, prepare
each chart once (through the cache), choose each chart's plotly.js bundle, render each figure
once (with `markers.BASE_MARK` where a page's own root goes), then the `::: table` and `::: sources`
blocks the pages ask for, and last each chart's own page and downloads. `chartwork.py` runs this
in a second process while MkDocs renders the pages, or in the MkDocs process itself.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from markupsafe import Markup, escape

from site_builder.build.cache import ChartCache, page_key
from site_builder.build.contract import ChartJob, ChartPages, chart_paths
from site_builder.build.digests import file_sha256
from site_builder.build.feed import FEED, atom_feed, feed_title
from site_builder.build.images import ImageJob, ImageMaker
from site_builder.build.prepare import PreparedChart, prepare_charts
from site_builder.build.workers import worker_count
from site_builder.errors import ContentError, display_path, unexpected
from site_builder.figures.posters import CARD_FILES, card_figure, credit_line, poster_figure, posters
from site_builder.formats.project import Project
from site_builder.languages.localize import localize
from site_builder.markers import BASE_MARK
from site_builder.reader.addresses import absolute_url
from site_builder.reader.corrections import site_changes
from site_builder.reader.render import (
    render_corrections,
    render_dataset_table,
    render_feed_link,
    render_figure,
    render_sources,
    render_standalone,
    resolve_corrections_page,
)


class Publication:
    """One build's charts. Raises `ContentError` (every problem of every file) when the project is not valid."""

    def __init__(self, job: ChartJob, progress: Callable[[int, int], None] | None = None):
        self.job = job
        ranking = threading.Thread(target=job.assets.rank, daemon=True)
        ranking.start()
        loaded = job.project  # loaded once for every edition, and localized (`chartwork.localized_job`)
        if loaded is None:  # a caller of its own (a test, a script): in the job's language too
            loaded = localize(Project.load(job.root, job.data_dir, job.charts_dir, job.languages), job.language)
        self.project = loaded
        self.cache = ChartCache.beside(job.root) if job.cache else ChartCache(None)
        self.charts: dict[str, PreparedChart] = prepare_charts(self.project, self.cache, job.workers, progress)
        ranking.join()
        self.bundles = {
            chart_id: job.assets.bundle_for(set(chart.traces)).filename for chart_id, chart in self.charts.items()
        }
        site = (job.site_name, job.site_url, job.images, job.directory_urls)
        self.figures = self._each(
            "writing the chart's HTML", lambda i, c: render_figure(c, self.bundles[i], BASE_MARK, *site)
        )
        # Everything a chart's files need but the drawing, made now: a problem fails the build before
        # the pages are finished, like every other content problem.
        self.standalone = self._each("writing the chart's own page", self._standalone)
        self.image_jobs = self._image_jobs() if job.images else []
        self.images = ImageMaker(job.root, job.assets, job.cache) if job.images else None
        self.corrections_page: str | None = None  # known once the pages say what they show (`pages`)
        self.feed: bytes | None = None

    def _each(self, doing: str, make: Callable[[str, PreparedChart], object]) -> dict:
        """`make(chart_id, chart)` for every chart; what no check foresaw fails as a problem of the
        chart's file (`errors.unexpected`), every chart's at once, never as a traceback.
        """
        made, problems = {}, []
        for chart_id, chart in self.charts.items():
            try:
                made[chart_id] = make(chart_id, chart)
            except Exception as error:  # noqa: BLE001 - reported as the file's problem
                problems.append(
                    unexpected(display_path(self.project.charts[chart_id].path, self.job.root), doing, error)
                )
        if problems:
            raise ContentError(problems)
        return made

    def pages(self, shown: dict[str, tuple]) -> ChartPages:
        """What the pages need, given what each embeds (page -> its `embed.Embed`s)."""
        job, datasets = self.job, self.project.datasets
        shown_tables = {embed.target for embeds in shown.values() for embed in embeds if embed.kind == "table"}
        shows_sources = any(embed.kind == "sources" for embeds in shown.values() for embed in embeds)
        self.corrections_page = corrections_page(shown, job.directory_urls)
        changes = site_changes(sorted(datasets.values(), key=lambda d: d.id))
        self.feed = atom_feed(changes, job.site_name, job.site_url, self.corrections_page) if changes else None
        page_bundles = {}
        for page, embeds in shown.items():
            traces = {
                e.target: set(self.charts[e.target].traces)
                for e in embeds
                if e.kind == "chart" and e.target in self.charts
            }
            if traces:
                page_bundles[page] = {
                    chart_id: bundle.filename for chart_id, bundle in job.assets.bundles_for_page(traces).items()
                }
        return ChartPages(
            charts=tuple(self.charts),
            datasets=tuple(datasets),
            stubs={chart_id: _search_text(chart) for chart_id, chart in self.charts.items()},
            figures={i: resolve_corrections_page(f, self.corrections_page) for i, f in self.figures.items()},
            bundles=self.bundles,
            page_bundles=page_bundles,
            tables={
                ident: render_dataset_table(datasets[ident]) for ident in sorted(shown_tables) if ident in datasets
            },
            sources=render_sources(datasets) if shows_sources else "",
            page_keys=self._page_keys(shown),
            cards=self._cards(shown),
            corrections=self._corrections_block(),
            feed_link=render_feed_link(feed_title(job.site_name), BASE_MARK + FEED) if self.feed else "",
        )

    def _corrections_block(self) -> str:
        page = self.corrections_page
        if page is None:
            return ""
        return render_corrections(self.project.datasets, "../" * page.count("/"), FEED if self.feed else "")

    def files(self) -> dict[str, bytes]:
        """Each chart's own page, downloads and images, by site path (`contract.chart_paths`)."""
        job, made = self.job, {}
        for chart_id, chart in self.charts.items():
            made.update(chart.files())
            own_page = resolve_corrections_page(self.standalone[chart_id].decode(), self.corrections_page)
            made[f"charts/{chart_id}/index.html"] = own_page.encode()
        if self.feed is not None:
            made[FEED] = self.feed
        if self.images is not None:
            # A page of Chromium a core, not a core less: the engine's pages are done long before the images.
            made.update(self.images.make(self.image_jobs, worker_count()))
        for chart_id in self.charts:
            own = {path for path in made if path.startswith(f"charts/{chart_id}/")}
            assert own <= set(chart_paths(chart_id, job.images)), "chart_paths must name every file of a chart"
        return made

    def _standalone(self, chart_id: str, chart: PreparedChart) -> bytes:
        job = self.job
        figure = self.figures[chart_id].replace(BASE_MARK, "../../")
        assets = (job.assets.loader_path, job.assets.css_path)
        site = (job.site_name, job.site_url)
        return render_standalone(
            chart, self.bundles[chart_id], *assets, *site, figure, job.images, job.directory_urls
        ).encode()

    def _image_jobs(self) -> list[ImageJob]:
        """Each chart's four posters and its card, as PNG and SVG (figures/posters.py)."""
        jobs = []
        for chart_jobs in self._each("drawing the chart's images", self._chart_image_jobs).values():
            jobs += chart_jobs
        return jobs

    def _chart_image_jobs(self, chart_id: str, chart: PreparedChart) -> list[ImageJob]:
        figure, bundle, folder = json.loads(chart.figure_json), self.bundles[chart_id], f"charts/{chart_id}/"
        jobs = []
        for poster in posters(figure, chart.traces):
            jobs.append(
                ImageJob(
                    folder + poster.file,
                    poster_figure(figure, poster),
                    poster.format,
                    bundle,
                    poster.scale,
                    poster.quality,
                )
            )
        producers = list(dict.fromkeys(source.producer for source in chart.sources))
        card = card_figure(figure, chart.spec.title, chart.spec.subtitle, credit_line(producers), self.job.site_name)
        return jobs + [ImageJob(folder + name, card, name.rsplit(".", 1)[1], bundle) for name in CARD_FILES]

    def _cards(self, shown: dict[str, tuple]) -> dict[str, tuple[str, str]]:
        """Each page's image for shared links: its first chart's card (an absolute URL, so only
        when the site's address is known).
        """
        if self.images is None or not self.job.site_url:
            return {}
        cards = {}
        for page, embeds in shown.items():
            first = next((e.target for e in embeds if e.kind == "chart" and e.target in self.charts), None)
            if first:
                card = absolute_url(self.job.site_url, f"charts/{first}/{CARD_FILES[0]}")
                cards[page] = (card, self.charts[first].alt)
        return cards

    def _page_keys(self, shown: dict[str, tuple]) -> dict[str, str]:
        """What each page shows of the project, as one digest (see `cache.page_key`): a dirty build
        re-renders a page whose digest changed although its Markdown did not.
        """
        digests: dict = {}
        datasets = self.project.datasets

        def dataset_digest(dataset_id):
            if dataset_id not in digests:
                ids = sorted(datasets) if dataset_id is None else [dataset_id]
                digests[dataset_id] = ",".join(file_sha256(datasets[i].path) for i in ids if i in datasets)
            return digests[dataset_id]

        return {page: page_key(embeds, self.cache.keys, dataset_digest) for page, embeds in shown.items()}


def corrections_page(shown: dict[str, tuple], directory_urls: bool = True) -> str | None:
    """The path, from the site's root, of the first page (by source path) that shows `::: corrections`."""
    pages = sorted(page for page, embeds in shown.items() if any(e.kind == "corrections" for e in embeds))
    if not pages:
        return None
    stem = pages[0].rsplit(".", 1)[0]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _search_text(chart: PreparedChart) -> str:
    """A chart's title and subtitle, escaped: what Material's search indexes of it."""
    spec = chart.spec
    return str(escape(spec.title) + (Markup(". ") + escape(spec.subtitle) if spec.subtitle else ""))
