"""The MkDocs glue, and the only module that imports MkDocs.

The work lives in plain functions and classes (`contents`, `chartwork`, `publish`, `embed`,
`assets`); each hook here only hands MkDocs' objects to them. Moving to mkdocs-material's
successor means rewriting this file alone.

A build, hook by hook:

- `on_config`: start the chart work (`chartwork.py`: in a second process while MkDocs renders
  pages), as soon as the site folder is known.
- `on_files`: check every page's embed lines against the project's files; tell the chart work
  what each page embeds; list the charts' files.
- `on_page_markdown`, `on_page_content`: embed lines become placeholders.
- `on_env` (every page read): take the charts (a problem in the project fails the build here) and
  fill each page's placeholders with what search should index: titles, tables, sources.
- `on_post_page`: swap in each page's figures; add Open Graph and Twitter tags.
- `on_post_build`: wait for the charts' files; write the manifests; swap the new site in.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from site_builder.build import manifest as build_manifest
from site_builder.build.assets import AssetsMissing, FrontendAssets
from site_builder.build.atomic import AtomicSite
from site_builder.build.cache import CACHE_DIR, read_manifest, write_manifest
from site_builder.build.chartwork import ChartJob, ChartPages, ChartWork, WorkerFailed, chart_paths
from site_builder.build.progress import Progress
from site_builder.editors import preview
from site_builder.errors import ContentError, display_path, format_problems
from site_builder.figures import theme
from site_builder.formats import embed
from site_builder.formats.contents import Contents, check_embeds
from site_builder.reader.render import render_social_meta

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
    work: ChartWork | None = None  # this build's chart work (chartwork.py)
    last_good: ChartWork | None = None  # serving: the latest work without problems
    charts: ChartPages | None = None  # what the pages show of the charts, once taken from the work
    hashing: build_manifest.Hashing | None = None  # pages hashed for the build manifest as they are written
    _unhashed = None  # the page MkDocs writes next (see `_hash_written_page`)

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
        for path, target in (
            (self.assets.css_path, config.extra_css),
            (self.assets.loader_path, config.extra_javascript),
        ):
            if path not in [str(item) for item in target]:
                target.append(path)
        if not self.serving:  # a build replaces site_dir only when it succeeded (a preview server has its own folder)
            if not os.environ.get("SOURCE_DATE_EPOCH") and (epoch := build_manifest.source_date_epoch(self.root)):
                os.environ["SOURCE_DATE_EPOCH"] = epoch  # dates in the site come from the last commit, not the clock
            self.atomic = AtomicSite.begin(config.site_dir, seed=self.dirty)
            config.site_dir = str(self.atomic.temp)
            self.hashing, self._unhashed = build_manifest.Hashing(), None
        job = ChartJob(
            self.root,
            self.config.data_dir,
            self.config.charts_dir,
            Path(config.site_dir),
            config.site_name,
            config.site_url or "",
            self.assets,
            inputs=((self.config.data_dir, self.config.charts_dir, config.docs_dir), (config.config_file_path,)),
        )
        progress = Progress("site-builder: preparing charts")  # shown when the charts are made in this process
        self.work, self.charts = ChartWork.start(job, background=not self.serving, progress=progress), None
        progress.finish()
        return config

    def on_files(self, files: Files, config):
        """Check every page before anything is written, tell the chart work what they embed, and
        list the charts' files."""
        if not self.config.enabled:
            return
        contents = Contents.find(self.root, self.config.data_dir, self.config.charts_dir)
        docs = display_path(Path(config.docs_dir), self.root)  # pages are named in problems as editors see them
        problems, shown = [], {}
        for file in files.documentation_pages():
            text = file.content_string
            if ":::" in text:
                embeds, malformed = embed.find_embeds(text)
                problems += check_embeds(
                    f"{docs}/{file.src_uri}", embeds, malformed, contents.charts, contents.datasets
                )
                shown[file.src_uri] = tuple(embeds)
        self.work.show(shown)
        if problems or self.serving or self.dirty:  # report every problem at once; dirty builds need the page keys now
            self._take_charts(problems)
            self._mark_dirty_pages(files, config)
        for path, content in sorted(self.assets.files.items()):
            files.append(self._own_file(files, File.generated(config, path, content=content), config))
        for chart_id in sorted(self.charts.charts if self.charts else contents.charts):
            for path in chart_paths(chart_id):
                # The chart work writes these into site_dir itself, as MkDocs lets plugins do.
                generated = _WrittenByPlugin.generated(config, path, abs_src_path=os.path.join(config.site_dir, path))
                files.append(self._own_file(files, generated, config))
        return files

    @staticmethod
    def _own_file(files: Files, file: File, config) -> File:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(
                f"{file.src_uri} is written by site-builder; remove or rename the file of that name in {config.docs_dir}"
            )
        return file

    def _take_charts(self, problems: list) -> ChartPages:
        """The charts for the pages, once the work has made them. Problems (the pages' and the
        project's, all at once) fail a build; while serving, the last good charts stay."""
        if self.charts is not None:
            return self.charts
        try:
            charts = self.work.pages()
        except ContentError as error:
            problems = problems + error.problems
        except WorkerFailed as error:
            raise PluginError(str(error)) from None
        if problems:
            if not (self.serving and self.last_good is not None):
                raise PluginError("\n" + format_problems(problems))
            self.problems = problems  # serving: report, and keep the last good charts
            preview.report(self.problems, kept=True)
            self.work = self.last_good
            charts = self.work.pages()
        else:
            if self.problems:
                preview.recovered()
            self.problems = []
            if self.serving:
                self.last_good = self.work
            log.info(f"{len(charts.charts)} charts from {len(charts.datasets)} datasets")
        self.charts = charts
        return charts

    def _mark_dirty_pages(self, files: Files, config) -> None:
        """In a dirty build, make MkDocs re-render the pages whose charts (or datasets) changed
        since the last build into this site folder, by dating their output before their source
        (MkDocs' test of a modified page)."""
        if not self.dirty or self.problems:
            return
        previous = read_manifest(self._pages_manifest(config))
        for file in files.documentation_pages():
            if self.charts.page_keys.get(file.src_uri, "") != previous.get(file.src_uri, "") and os.path.isfile(
                file.abs_dest_path
            ):
                os.utime(file.abs_dest_path, (0, 0))

    def _pages_manifest(self, config) -> Path:
        """Where the page keys of the latest build into this site folder are kept (for dirty builds)."""
        site = hashlib.sha256(
            str(self.atomic.final if self.atomic else Path(config.site_dir).resolve()).encode()
        ).hexdigest()[:16]
        return self.root / CACHE_DIR / f"pages-{site}.json"

    def on_env(self, env, config, files):
        """Every page is read: take the charts, and put in each page what search should index of them."""
        if not self.config.enabled:
            return env
        self._take_charts([])
        for file in files.documentation_pages():
            page = file.page
            if page is not None and page.content and embed.has_placeholders(page.content):
                page.content = embed.fill_placeholders(page.content, self._figure_stub, self._render_directive)
        return env

    @event_priority(-100)  # last, after other plugins (search) have written their files
    def on_post_build(self, config):
        if not self.config.enabled:
            return
        written = self.work.finish()
        self._hash_written_page()
        if not self.problems:
            write_manifest(self._pages_manifest(config), self.charts.page_keys)
        if self.atomic is not None and not _strict_warnings():  # with warnings, strict mode fails the build next
            site = Path(config.site_dir)
            build_manifest.normalise_gzip(site)
            known = {**self.hashing.stamps(), **written.files}
            build_manifest.write_manifest(site, written.inputs, self.assets.plotly_version, known=known)
            self.atomic.commit()
            config.site_dir, self.atomic, self.hashing = str(self.atomic.final), None, None
            log.debug(f"site written to {config.site_dir}")

    def on_build_error(self, error):
        """A failed build (bad content, a plugin's exception, strict mode's warnings): the previous site stays."""
        if self.work is not None:
            self.work.stop()
        if self.atomic is not None:
            self.atomic.abort()
            self.atomic = None
        if self.hashing is not None:
            self.hashing.stamps()
            self.hashing = None

    def on_shutdown(self):
        self.on_build_error(None)  # interrupted (Ctrl-C is no Exception, so MkDocs skips on_build_error)

    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled:
            return markdown
        _escape_front_matter(page.meta)
        if embed.REFERENCE in markdown:  # the editors' field reference (imports the data model)
            from site_builder.editors.reference_docs import insert_reference

            markdown = insert_reference(markdown)
        return embed.insert_placeholders(markdown)

    def on_page_content(self, html, page, config, files):
        if self.config.enabled and self.problems:  # serving while the content has problems: say so on every page
            return preview.banner(self.problems) + html
        return html

    def _figure_stub(self, chart_id: str) -> str:
        """What a page's content holds for a chart until `on_post_page` swaps in its figure: its title
        and subtitle, all that Material's search should index of it. (The search plugin parses
        every page's content: a figure's table, sources and links tripled its work.)"""
        if chart_id not in self.charts.stubs:  # serving: a chart being written
            return preview.missing("chart", chart_id)
        return f"{_STUB_OPEN}{chart_id}--><p>{self.charts.stubs[chart_id]}</p>{_STUB_CLOSE}"

    def _render_directive(self, kind: str, ident: str) -> str:
        if kind == "table":
            if ident not in self.charts.tables:  # serving: a table being written
                return preview.missing("dataset", ident)
            return self.charts.tables[ident]
        return self.charts.sources

    def on_post_page(self, output, page, config):
        """The charts' figures in place of their stubs; Open Graph and Twitter card tags (Material
        writes the canonical link and description itself)."""
        self._hash_written_page(page)
        if not self.config.enabled:
            return output
        edits = []
        head = output.find("</head>")
        if head >= 0:
            edits.append((head, head, self._social_tags(page, config) + "\n"))
        base, src_uri = _relative_root(page.url), page.file.src_uri
        edits += [(start, end, self.charts.figure(chart_id, base, src_uri)) for start, end, chart_id in _stubs(output)]
        return _splice(output, edits)

    @staticmethod
    def _social_tags(page, config) -> str:
        heading = _plain(page.meta.get("title") or page.title)
        title = heading if page.is_homepage else f"{heading} – {config.site_name}"
        description = _plain(page.meta.get("description") or config.site_description or "")
        return render_social_meta(
            str(title), str(description), config.site_name, page.canonical_url or "", page.is_homepage
        )

    def _hash_written_page(self, page=None) -> None:
        """Hash pages for the build manifest while the next ones render: MkDocs writes each page
        right after `on_post_page`, so the page before this one is on disk now. Without a page,
        the last one (from `on_post_build`)."""
        if self.hashing is None:
            return
        if self._unhashed is not None:
            self.hashing.add(self._unhashed.dest_uri, self._unhashed.abs_dest_path)
        self._unhashed = page.file if page is not None else None

    def on_serve(self, server, config, builder):
        if not self.config.enabled:
            return server
        for folder in (self.config.data_dir, self.config.charts_dir):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server


class _WrittenByPlugin(File):
    """A file of the site that the chart work writes into site_dir itself, possibly while MkDocs
    copies the other static files: MkDocs must not copy it (it may not be there yet)."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


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

    return any(
        isinstance(handler, CountHandler) and handler.get_counts() for handler in logging.getLogger("mkdocs").handlers
    )


_STUB_OPEN, _STUB_CLOSE = "<!--site-builder:figure:", "<!--/site-builder:figure-->"


def _stubs(output: str):
    """(start, end, chart id) of each chart stub in a rendered page. With str.find, not a regular
    expression: re scans a 200 kB page at 0.8 ms, find at a few microseconds."""
    start = output.find(_STUB_OPEN)
    while start >= 0:
        id_end = output.find("-->", start + len(_STUB_OPEN))
        end = output.find(_STUB_CLOSE, id_end) if id_end >= 0 else -1
        if end < 0:
            return
        yield start, end + len(_STUB_CLOSE), output[start + len(_STUB_OPEN) : id_end]
        start = output.find(_STUB_OPEN, end)


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with each `(start, end, replacement)` applied, in one join: a page is 200 kB or more,
    and each copy of it costs as much as the edits (0.1 to 0.3 ms, most of it fresh memory)."""
    if not edits:
        return text
    parts, done = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: edit[:2]):
        parts += [text[done:start], replacement]
        done = end
    parts.append(text[done:])
    return "".join(parts)


def _relative_root(page_url: str) -> str:
    """The path from a page's folder to the site root: '' for the home page, '../' one level down."""
    folder = posixpath.dirname("/" + page_url) if not page_url.endswith("/") else "/" + page_url.rstrip("/")
    depth = len([part for part in folder.split("/") if part])
    return "../" * depth
