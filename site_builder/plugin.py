"""The MkDocs glue, and the only module that imports MkDocs.

The work lives in plain functions (`project`, `prepare`, `render`, `embed`, `assets`); each hook
here only hands MkDocs' objects to them. Moving to mkdocs-material's successor means rewriting
this file alone.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import threading
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import embed, preview, theme
from . import manifest as build_manifest
from .assets import AssetsMissing, FrontendAssets
from .atomic import AtomicSite
from .cache import CACHE_DIR, ChartCache, file_digest, page_key, read_manifest, write_manifest
from .errors import ContentError, display_path, format_problems
from .prepare import PreparedChart, prepare_charts
from .progress import Progress
from .project import Project
from .reference_docs import insert_reference
from .render import BASE_MARK, render_dataset_table, render_figure, render_social_meta, render_sources, render_standalone

log = get_plugin_logger(__name__)


class SiteBuilderConfig(base.Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")
    charts_dir = c.Type(str, default="charts")


class SiteBuilderPlugin(BasePlugin[SiteBuilderConfig]):
    supports_multiple_instances = False
    dirty = False
    serving = False  # under `mkdocs serve`, a content problem keeps the last good charts (see preview.py)
    problems: list = []  # the content's problems, while serving
    atomic: AtomicSite | None = None  # the folder this build writes into, until it replaces site_dir (atomic.py)

    def on_startup(self, *, command, dirty):
        """`dirty`: `mkdocs serve --dirty` or `build --dirty`, which re-render only modified pages
        (see `_mark_dirty_pages`). Defining this hook also keeps the plugin across serve rebuilds."""
        self.dirty = dirty
        self.serving = command == "serve"

    def on_config(self, config):
        if not self.config.enabled:
            return
        self.root = Path(config.config_file_path).resolve().parent
        try:
            self.assets = FrontendAssets.load(self.root, theme.layout_overrides())
        except AssetsMissing as error:
            raise PluginError(str(error)) from None
        # Choosing bundles gzips 2.6 MB of plotly.js (0.2 s); zlib releases the GIL, so a second core
        # does it while the project loads. `_bundle` waits for it.
        self._ranking = threading.Thread(target=self.assets.bundle_for, args=(set(),), daemon=True)
        self._ranking.start()
        for path, target in ((self.assets.css_path, config.extra_css), (self.assets.loader_path, config.extra_javascript)):
            if path not in [str(item) for item in target]:
                target.append(path)
        if not self.serving:  # a build replaces site_dir only when it succeeded (a preview server has its own folder)
            if not os.environ.get("SOURCE_DATE_EPOCH") and (epoch := build_manifest.source_date_epoch(self.root)):
                os.environ["SOURCE_DATE_EPOCH"] = epoch  # dates in the site come from the last commit, not the clock
            self.atomic = AtomicSite.begin(config.site_dir, seed=self.dirty)
            config.site_dir = str(self.atomic.temp)
        return config

    def on_files(self, files: Files, config):
        """Check everything before anything is written, then add the charts' files to the site."""
        if not self.config.enabled:
            return
        try:
            project = Project.load(self.root, self.config.data_dir, self.config.charts_dir)
            problems = []
            for file in files.documentation_pages():
                problems += project.check_page(display_path(Path(file.abs_src_path), self.root), file.content_string)
            if problems:
                raise ContentError(problems)
        except ContentError as error:
            if not (self.serving and hasattr(self, "charts")):
                raise PluginError("\n" + format_problems(error.problems)) from None
            self.problems = error.problems  # serving: report, and keep the last good project and charts
            preview.report(self.problems, kept=True)
        else:
            if self.problems:
                preview.recovered()
            self.problems, self.project = [], project
            self.cache = ChartCache.beside(self.root)  # prepared charts by content hash, kept between builds
            progress = Progress("site-builder: preparing charts")
            self.charts: dict[str, PreparedChart] = prepare_charts(self.project, self.cache, progress=progress)
            progress.finish()
            self._mark_dirty_pages(files, config)
            log.info(f"{len(self.charts)} charts from {len(self.project.datasets)} datasets")
        generated: dict[str, bytes] = dict(self.assets.files)
        self._figures: dict[str, tuple] = {}  # chart id -> (chart, its figure with BASE_MARK), this build's
        self._page_bundles: dict[str, dict[str, str]] = {}  # page -> chart id -> the plotly.js bundle it names there
        for chart in self.charts.values():
            generated.update(chart.files())
            bundle = self._bundle(chart.id)
            canonical = f"{config.site_url}charts/{chart.id}/" if config.site_url else ""
            generated[f"charts/{chart.id}/index.html"] = render_standalone(
                chart, bundle, self.assets.loader_path, self.assets.css_path, config.site_name, canonical,
                self._figure(chart.id, "../../", config)).encode()
        for path, content in sorted(generated.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"{path} is written by site-builder; remove or rename the file of that name in {config.docs_dir}")
            files.append(File.generated(config, path, content=content))
        return files

    def _mark_dirty_pages(self, files: Files, config) -> None:
        """Record what each page shows of the project; in a dirty build, make MkDocs re-render the
        pages whose charts (or datasets) changed since the last build into this site folder, by
        dating their output before their source (MkDocs' test of a modified page)."""
        digests: dict = {}

        def dataset_digest(dataset_id):
            if dataset_id not in digests:
                ids = sorted(self.project.datasets) if dataset_id is None else [dataset_id]
                digests[dataset_id] = ",".join(file_digest(self.project.datasets[i].path) for i in ids if i in self.project.datasets)
            return digests[dataset_id]

        self.page_keys = {}
        for file in files.documentation_pages():
            text = file.content_string
            if ":::" in text:
                self.page_keys[file.src_uri] = page_key(embed.find_embeds(text)[0], self.cache.keys, dataset_digest)
        site = hashlib.sha256(str(self.atomic.final if self.atomic else Path(config.site_dir).resolve()).encode()).hexdigest()[:16]
        self.manifest = self.root / CACHE_DIR / f"pages-{site}.json"
        if not self.dirty:
            return
        previous = read_manifest(self.manifest)
        for file in files.documentation_pages():
            if self.page_keys.get(file.src_uri, "") != previous.get(file.src_uri, "") and os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))

    @event_priority(-100)  # last, after other plugins (search) have written their files
    def on_post_build(self, config):
        if self.config.enabled:
            write_manifest(self.manifest, self.page_keys)
        if self.atomic is not None and not _strict_warnings():  # with warnings, strict mode fails the build next
            site = Path(config.site_dir)
            build_manifest.normalise_gzip(site)
            build_manifest.write_manifest(site, build_manifest.inputs(
                self.root, [self.config.data_dir, self.config.charts_dir, config.docs_dir], [config.config_file_path]),
                self.assets.plotly_version)
            self.atomic.commit()
            config.site_dir, self.atomic = str(self.atomic.final), None
            log.debug(f"site written to {config.site_dir}")

    def on_build_error(self, error):
        """A failed build (bad content, a plugin's exception, strict mode's warnings): the previous site stays."""
        if self.atomic is not None:
            self.atomic.abort()
            self.atomic = None

    def on_shutdown(self):
        self.on_build_error(None)  # interrupted (Ctrl-C is no Exception, so MkDocs skips on_build_error)

    def _figure(self, chart_id: str, base: str, config, bundle: str | None = None) -> str:
        """A chart's `<figure>` for a page whose root is `base`: rendered once a build (the table and
        sources are most of the work), with `render.BASE_MARK` where each page's own root goes.
        `bundle`: the page's choice of plotly.js bundle, when it differs from the chart's own."""
        chart = self.charts[chart_id]
        own = self._bundle(chart_id)
        if self._figures.get(chart_id, (None,))[0] is not chart:
            html = render_figure(chart, own, BASE_MARK, config.site_name, config.site_url or "")
            self._figures[chart_id] = (chart, html)
        html = self._figures[chart_id][1].replace(BASE_MARK, base)
        if bundle and bundle != own:
            html = html.replace(f'data-sb-bundle="{own}"', f'data-sb-bundle="{bundle}"', 1)
        return html

    def _bundle(self, chart_id: str) -> str:
        """Each chart names the smallest plotly.js bundle that draws it; the loader reuses a loaded one that covers it."""
        self._ranking.join()
        return self.assets.bundle_for(set(self.charts[chart_id].traces)).filename

    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled:
            return markdown
        _escape_front_matter(page.meta)
        return embed.insert_placeholders(insert_reference(markdown))

    def on_page_content(self, html, page, config, files):
        if not self.config.enabled:
            return html
        if self.problems:  # serving while the content has problems: say so on every page
            html = preview.banner(self.problems) + html
        if not embed.has_placeholders(html):
            return html
        shown = {chart_id: set(self.charts[chart_id].traces) for chart_id in embed.placeholder_ids(html) if chart_id in self.charts}
        self._ranking.join()
        self._page_bundles[page.file.src_uri] = {chart_id: bundle.filename for chart_id, bundle in
                                                 self.assets.bundles_for_page(shown).items()}
        return embed.fill_placeholders(html, self._figure_stub, self._render_directive)

    def _figure_stub(self, chart_id: str) -> str:
        """What a page's content holds for a chart until `on_post_page` swaps in its figure: its title
        and subtitle, all that Material's search should index of it. (The search plugin parses
        every page's content: a figure's table, sources and links tripled its work.)"""
        if chart_id not in self.charts:  # serving: a chart being written
            return preview.missing("chart", chart_id)
        spec = self.charts[chart_id].spec
        text = escape(spec.title) + (Markup(". ") + escape(spec.subtitle) if spec.subtitle else "")
        return f"{_STUB_OPEN}{chart_id}--><p>{text}</p>{_STUB_CLOSE}"

    def _render_directive(self, kind: str, ident: str) -> str:
        if kind == "table" and ident not in self.project.datasets:  # serving: a table being written
            return preview.missing("dataset", ident)
        if kind == "table":
            return render_dataset_table(self.project.datasets[ident])
        return render_sources(self.project.datasets)

    def on_post_page(self, output, page, config):
        """The charts' figures in place of their stubs; Open Graph and Twitter card tags (Material
        writes the canonical link and description itself)."""
        if self.config.enabled and _STUB_OPEN in output:
            base = _relative_root(page.url)
            bundles = self._page_bundles.get(page.file.src_uri, {})
            output = _swap_stubs(output, lambda chart_id: self._figure(chart_id, base, config, bundles.get(chart_id)))
        if not self.config.enabled or "</head>" not in output:
            return output
        heading = _plain(page.meta.get("title") or page.title)
        title = heading if page.is_homepage else f"{heading} – {config.site_name}"
        description = _plain(page.meta.get("description") or config.site_description or "")
        tags = render_social_meta(str(title), str(description), config.site_name, page.canonical_url or "", page.is_homepage)
        return output.replace("</head>", tags + "\n</head>", 1)

    def on_serve(self, server, config, builder):
        if not self.config.enabled:
            return server
        for folder in (self.config.data_dir, self.config.charts_dir):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server


_FRONT_MATTER_TEXT = ("title", "description", "subtitle", "status")


def _escape_front_matter(meta: dict) -> None:
    """Material writes these front-matter values into pages as they are (MkDocs' theme templates do
    not autoescape): `title: <script>...` would run in every page's navigation. They become
    escaped `Markup`, which Jinja's `|e` leaves alone, so each lands escaped exactly once."""
    for key in _FRONT_MATTER_TEXT:
        if meta.get(key) is not None and not hasattr(meta[key], "__html__"):
            meta[key] = escape(str(meta[key]))


def _plain(value) -> str:
    """Front-matter text as written (see `_escape_front_matter`), for templates that escape it themselves."""
    return value.unescape() if isinstance(value, Markup) else str(value)


def _strict_warnings() -> bool:
    """Whether `mkdocs build --strict` has counted warnings: it then aborts after on_post_build."""
    from mkdocs.utils import CountHandler

    return any(isinstance(handler, CountHandler) and handler.get_counts() for handler in logging.getLogger("mkdocs").handlers)


_STUB_OPEN, _STUB_CLOSE = "<!--site-builder:figure:", "<!--/site-builder:figure-->"


def _swap_stubs(output: str, figure) -> str:
    """Each chart stub in a rendered page replaced by `figure(chart_id)`. With str.find, not a
    regular expression: re scans a 200 kB page at 0.8 ms, find at a few microseconds."""
    parts, done = [], 0
    start = output.find(_STUB_OPEN)
    while start >= 0:
        id_end = output.find("-->", start + len(_STUB_OPEN))
        end = output.find(_STUB_CLOSE, id_end)
        if id_end < 0 or end < 0:
            break
        parts += [output[done:start], figure(output[start + len(_STUB_OPEN):id_end])]
        done = end + len(_STUB_CLOSE)
        start = output.find(_STUB_OPEN, done)
    return "".join(parts) + output[done:] if parts else output


def _relative_root(page_url: str) -> str:
    """The path from a page's folder to the site root: '' for the home page, '../' one level down."""
    folder = posixpath.dirname("/" + page_url) if not page_url.endswith("/") else "/" + page_url.rstrip("/")
    depth = len([part for part in folder.split("/") if part])
    return "../" * depth
