"""The MkDocs glue (with `mkdocs_serve.py`, `_messages.py`, `_editions.py`, the only modules importing MkDocs).

- `on_config`: check fonts and the address; the edition (`EditionSetup`); start the chart work in its language.
- `on_files`: check the pages (front matter, embeds) and the nav; tell the chart work what they embed; list its files.
- `on_page_markdown`: our blocks written in (`generated.py`); embed lines become placeholders (`embed.py`).
- `on_env` (every page read): take the charts (a problem fails the build here); fill placeholders for search.
- `on_post_page`: each page's figures, social tags and links to the other editions (`pages.py`, `alternates.py`).
- `on_post_build`: wait for the charts' files; write the manifests; swap the new site in (`output.py`).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from site_builder.build.assets import AssetsMissing, FrontendAssets
from site_builder.build.cache import mark_changed_pages, page_keys_path, write_page_keys
from site_builder.build.chartwork import ChartWork, WorkerFailed
from site_builder.build.claims import build_claims, conflicts, file_claim
from site_builder.build.contract import ChartJob, ChartPages, chart_paths
from site_builder.build.editions import EditionSetup
from site_builder.build.generated import page_markdown
from site_builder.build.images import ImagesUnavailable, find_chromium
from site_builder.build.output import SiteOutput
from site_builder.build.pages import escape_front_matter, fill_for_search, page_root, social_tags
from site_builder.build.progress import Progress
from site_builder.build.serving import PageCharts
from site_builder.editors import preview
from site_builder.engines import mkdocs_messages, mkdocs_serve
from site_builder.errors import ContentError, display_path, format_problems
from site_builder.figures import theme
from site_builder.formats import embed
from site_builder.formats.contents import Contents
from site_builder.formats.site_config import SiteConfig
from site_builder.languages import current

log = get_plugin_logger(__name__)


class SiteBuilderConfig(base.Config):
    enabled = c.Type(bool, default=True)
    data_dir = c.Type(str, default="data")
    charts_dir = c.Type(str, default="charts")
    images = c.Type(bool, default=True)  # posters and cards drawn at build time in Chromium (build/images.py)
    glossary = c.Optional(c.Type(str))  # the glossary's file, if not glossary.yml (formats/glossary.py)


class SiteBuilderPlugin(BasePlugin[SiteBuilderConfig]):
    def __init__(self):
        super().__init__()
        self.dirty, self.serving = False, False  # `--dirty`: MkDocs re-renders only modified pages (see `on_files`)
        self.charts = PageCharts()  # the charts of this build (under `mkdocs serve`, across rebuilds)
        self.output: SiteOutput | None = None  # where this build writes, until it replaces site_dir

    def on_startup(self, *, command, dirty):
        """Defining this hook also keeps the plugin, and the last good charts, across serve rebuilds."""
        self.dirty, self.serving = dirty, command == "serve"
        self.charts = PageCharts(keep_last_good=self.serving)
        self.first_log = mkdocs_messages.BuildLog() if self.serving else None  # for on_serve: what the first build said

    def on_config(self, config):
        if not self.config.enabled:
            return
        self.root = Path(config.config_file_path).resolve().parent
        self.serving and mkdocs_messages.lenient()  # strict warnings are the preview's problems, not an abort
        try:
            SiteConfig.load(self.root, config.config_file_path).prepare(self.serving, config.theme, log.info)
            self.edition = EditionSetup.of(self.root, config, self.serving)  # theme.language's; sets its site_url
            self.assets = FrontendAssets.load(self.root, theme.layout_overrides())
            self.config.images and find_chromium()  # before anything is made: say what to install
        except (AssetsMissing, ImagesUnavailable, ContentError) as error:
            raise PluginError(str(error)) from None
        self.assets.add_to(config.extra_css, config.extra_javascript)
        if not self.serving:  # a build replaces site_dir only when it succeeded (a preview server has its own folder)
            self.output = SiteOutput.begin(self.root, config.site_dir, self.dirty, self.edition)
            config.site_dir = str(self.output.folder)
        final = self.output.final if self.output else Path(config.site_dir).resolve()
        self.keys_file = page_keys_path(self.root, final)  # for the next dirty build into the same site folder
        own, site = self.config, (Path(config.site_dir), config.site_name, config.site_url or "", self.assets)
        inputs = ((own.data_dir, own.charts_dir, config.docs_dir), (config.config_file_path,))
        options = {"images": own.images, "directory_urls": config.use_directory_urls, **self.edition.job_options()}
        job = ChartJob(self.root, own.data_dir, own.charts_dir, *site, inputs, **options)
        progress = Progress("site-builder: preparing charts")  # shown when the charts are made in this process
        self.charts.start(ChartWork.start(job, background=not self.serving, progress=progress))
        progress.finish()  # (MkDocs keeps the config it gave when a hook returns None)

    def on_files(self, files: Files, config):
        """Check every page before anything is written; tell the chart work what they embed; list the charts' files."""
        if not self.config.enabled:
            return
        pages = files.documentation_pages()
        contents = Contents.find(self.root, self.config.data_dir, self.config.charts_dir)
        docs = display_path(Path(config.docs_dir), self.root)  # pages are named in problems as editors see them
        texts = [(f.src_uri, f.content_string) for f in pages]  # with mkdocs.yml: front matter, titles, nav too
        with current.using(self.edition.language):  # a translated page must say what it is (`translation:`)
            problems, shown = contents.check_pages(docs, texts, Path(config.config_file_path))
        self.charts.work.show(shown)
        if problems or self.serving or self.dirty:  # report every problem at once; dirty builds need the page keys now
            keys = self._take_charts(problems).page_keys
            if self.dirty and not self.charts.problems:
                mark_changed_pages(self.keys_file, keys, [(f.src_uri, f.abs_dest_path) for f in pages])
        ours = [f for f in files if f.generated_by or f.src_dir == config.docs_dir]  # not the theme's: see claims.py
        charts = {chart_id: display_path(path, self.root) for chart_id, path in contents.charts.items()}
        claims = [file_claim(f.dest_uri, f.src_uri, docs, f.generated_by) for f in ours]
        if problems := conflicts(claims + build_claims(self.assets.files, charts, self.config.images)):
            raise PluginError("\n" + format_problems(problems))
        for path, content in sorted(self.assets.files.items()):
            files.append(File.generated(config, path, content=content))
        for chart_id in sorted(self.charts.pages.charts if self.charts.pages else contents.charts):
            for path in chart_paths(chart_id, self.config.images):
                # The chart work writes these into site_dir itself, as MkDocs lets plugins do.
                files.append(_WrittenByPlugin.generated(config, path, abs_src_path=os.path.join(config.site_dir, path)))
        return files

    def _take_charts(self, problems: list | None = None) -> ChartPages:
        if self.charts.pages is None:
            try:
                pages = self.charts.take(problems)
            except ContentError as error:
                raise PluginError("\n" + format_problems(error.problems)) from None
            except WorkerFailed as error:
                raise PluginError(str(error)) from None
            if not self.charts.problems:
                log.info(pages.summary())
        return self.charts.pages

    def on_env(self, env, config, files):
        """Every page is read: take the charts, and put in each page what search should index of them."""
        if not self.config.enabled:
            return env
        charts = self._take_charts()
        for page in (file.page for file in files.documentation_pages() if file.page and file.page.content):
            page.content = fill_for_search(page.content, charts)
        return env

    @event_priority(-100)  # last, after other plugins (search) have written their files
    def on_post_build(self, config):
        if not self.config.enabled:
            return
        written = self.charts.work.finish()
        if not self.charts.problems:
            write_page_keys(self.keys_file, self.charts.pages.page_keys)
        if self.output is not None and not mkdocs_messages.strict_warnings():  # else strict mode fails the build next
            config.site_dir, self.output = str(self.output.commit(written, self.assets.plotly_version)), None
            log.debug(f"site written to {config.site_dir}")

    def on_build_error(self, error):
        """A failed build (bad content, a plugin's exception, strict mode's warnings): the previous site stays."""
        if self.charts.work is not None:
            self.charts.work.stop()
        self.output = self.output and self.output.abort()  # the old site stays; abort() returns None

    def on_shutdown(self):
        self.on_build_error(None)  # interrupted (Ctrl-C is no Exception, so MkDocs skips on_build_error)

    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled:
            return markdown
        escape_front_matter(page.meta)  # then the reference, the glossary, a translation's notice (generated.py)
        with current.using(self.edition.language):  # a translation's notice is in its edition's words
            return embed.insert_placeholders(page_markdown(markdown, page.meta, page.file.abs_src_path, self.root))

    def on_page_content(self, html, page, config, files):
        if self.config.enabled and self.serving:  # the content's problems; as served, every problem of now
            return preview.region(self.charts.problems, self.charts.kept()) + html
        return html

    def on_post_page(self, output, page, config):
        if self.output is not None:
            self.output.page_written(page.file.dest_uri, page.file.abs_dest_path)
        if not self.config.enabled:
            return output
        site, card = (config.site_name, config.site_description), self.charts.pages.card(page.file.src_uri)
        head = social_tags(page.meta, page.title, *site, page.canonical_url, page.is_homepage, card)
        root = page_root(get_relative_url(".", page.url))  # as MkDocs computes the page's `base_url`
        return self.edition.finish(output, self.charts.pages, root, page.file.src_uri, head)

    def on_serve(self, server, config, builder):
        """Make the server keep answering whatever breaks (mkdocs_serve.py); watch the data and the charts."""
        if not self.config.enabled:
            return server
        mkdocs_serve.install(server, self.root, self.first_log, self.charts)
        for folder in (f for f in (self.root / self.config.data_dir, self.root / self.config.charts_dir) if f.is_dir()):
            server.watch(str(folder))
        return server


class _WrittenByPlugin(File):
    """A file the chart work writes into site_dir itself, maybe while MkDocs copies: not MkDocs' to copy."""

    def copy_file(self, dirty: bool = False) -> None:
        pass
