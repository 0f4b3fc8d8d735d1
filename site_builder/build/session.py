"""One build run by an adapter that owns the whole build (Zensical's): the steps the MkDocs plugin
spreads over MkDocs' hooks, in their order, for an engine that calls no hook of ours.

Zensical runs no MkDocs plugin; it runs Python-Markdown extensions, page by page, and nothing
before or after. So its adapter checks and prepares everything before the engine starts, lets
the engine render the pages with our extension, and writes what the engine does not know of
after it: the same core functions as the MkDocs plugin, in one object.

1. `EngineBuild(config)`: front-end files, Chromium, every page's `:::` lines checked against the
   project's files, paths claimed (`claims.py`), the output folder begun (`output.py`: the site
   is replaced only when the build succeeds) and the chart work started (`chartwork.py`);
2. `charts()` waits for the charts the pages need: every problem of the pages and the project is
   raised here at once (`ContentError`), before the engine writes a page;
3. `page_content(html, page, root)`: a page's rendered content with every embed filled: in a
   build, a chart with its stub (what the engine's search indexes, as under MkDocs), in a preview
   with its figure (nothing of ours runs after a preview's rebuild);
4. `finish()` finishes each page the engine wrote as the MkDocs plugin does (figures for stubs,
   social tags), writes the front-end files, waits for the chart files and seals the site
   (manifest, swap); `abort()` leaves the previous site as it was.

No engine import.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from pathlib import Path

import yaml

from site_builder.build.assets import FrontendAssets
from site_builder.build.atomic import AtomicSite
from site_builder.build.cache import code_fingerprint
from site_builder.build.chartwork import ChartWork, write_files
from site_builder.build.claims import Claim, build_claims, conflicts
from site_builder.build.contract import ChartJob, ChartPages
from site_builder.build.editions import EditionSetup
from site_builder.build.images import find_chromium
from site_builder.build.output import SiteOutput
from site_builder.build.pages import (
    escape_front_matter,
    figure_stubs,
    fill_for_search,
    finish_page,
    social_tags,
    splice,
)
from site_builder.build.progress import Progress
from site_builder.build.serving import PageCharts
from site_builder.errors import ContentError, display_path
from site_builder.figures import theme
from site_builder.formats.contents import Contents
from site_builder.formats.frontmatter import YAML_BLOCK
from site_builder.formats.navigation import site_pages
from site_builder.formats.site_config import SiteConfig


class EngineBuild:
    """One build (or one preview, `serving`) of the project `config` describes."""

    def __init__(self, config: SiteConfig, serving: bool = False, site_dir: Path | None = None):
        root, self.config, self.serving = config.root, config, serving
        # The edition `theme.language` names: its address (the site's and its folder), the other
        # editions' folders a root build keeps, each page's links to them (as under MkDocs).
        settings = {"theme": config.theme, "site_url": config.site_url, "use_directory_urls": config.use_directory_urls}
        self.edition = EditionSetup.of(root, settings, serving, transliterated=False)  # Zensical's: not yet
        self.site_url = settings["site_url"]
        self.assets = FrontendAssets.load(root, theme.layout_overrides())  # AssetsMissing: what to install
        if config.images:
            find_chromium()  # ImagesUnavailable: what to install, before anything is made
        contents = Contents.find(root, config.data_dir, config.charts_dir)
        docs = display_path(config.docs_path, root)
        self.published = set(site_pages(config)[0])  # not `exclude_docs` (the other editions' pages)
        pages = docs_pages(config.docs_path, self.published)
        self.problems, self.shown = contents.check_pages(docs, pages, config)  # front matter and nav too
        address = None if serving else config.address_problem(os.environ)  # as `SiteConfig.prepare` under MkDocs
        self.problems += [problem for problem in (config.font_problem(), address) if problem is not None]
        charts = {chart_id: display_path(path, root) for chart_id, path in contents.charts.items()}
        claims = [Claim(page_destination(path, config.use_directory_urls), f"{docs}/{path}") for path, _ in pages]
        if clashes := conflicts(claims + build_claims(self.assets.files, charts, config.images)):
            raise ContentError(clashes)
        # A preview writes into a folder of its own too, and never puts it in place of the site.
        final = site_dir or root / config.site_dir
        self.output: SiteOutput | None = SiteOutput.begin(root, final, edition=self.edition)
        # The chart work writes beside it: an engine may empty its output folder when it starts.
        self.staging = AtomicSite.begin(root / config.site_dir)
        folders = (config.data_dir, config.charts_dir, config.docs_dir)
        files = (str(config.file.relative_to(root)),) if config.file else ()
        site_name, site_url = str(config.raw.get("site_name") or ""), self.site_url or ""
        site = (self.staging.temp, site_name, site_url, self.assets)
        options = {
            "images": config.images,
            "directory_urls": config.use_directory_urls,
            **self.edition.job_options(),
        }
        job = ChartJob(root, config.data_dir, config.charts_dir, *site, inputs=(folders, files), **options)
        self.page_charts = PageCharts(keep_last_good=serving)
        progress = Progress("site-builder: preparing charts")
        try:
            self.page_charts.start(ChartWork.start(job, background=not serving, progress=progress))
            progress.finish()
            self.page_charts.work.show(self.shown)
        except BaseException:
            self.abort()
            raise

    @property
    def folder(self) -> Path:
        """Where the engine writes the pages, and this build everything else."""
        return self.output.folder

    def charts(self) -> ChartPages:
        """What the pages show; `ContentError` with every problem of the pages and the project."""
        return self.page_charts.take(self.problems)

    def digest(self) -> str:
        """What the pages show of the project, as one digest: an engine that caches rendered pages
        must render them again when it changes although their Markdown did not.
        """
        charts = self.charts()
        # Whether figures or stubs go into the content, and the code that puts them there, count too.
        shown = [charts.figures, charts.tables, charts.sources, charts.page_bundles, self.serving, code_fingerprint()]
        return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()

    def page_content(self, html: str, page: str, root: str) -> str:
        """A page's rendered content (`page` its path in the docs folder, `root` the prefix from it to
        the site root, `pages.page_root`) with each embed's placeholder filled: in a build, with what
        search should index (a chart's stub; `finish_pages` swaps in the figure once the engine has
        written the page), in a preview with the figures themselves (no step follows a rebuild).
        """
        charts = self.charts()
        content = fill_for_search(html, charts)
        if not self.serving:
            return content
        figures = [(start, end, charts.figure(chart_id, root, page)) for start, end, chart_id in figure_stubs(content)]
        return splice(content, figures)

    def site_files(self) -> dict[str, bytes]:
        """The front-end files every page names (`assets.css_path`, `assets.loader_path`)."""
        return self.assets.files

    def write_files(self) -> list[str]:
        """Write what the engine does not know of into its folder: the front-end files, and the
        chart files once they are made; their site paths.
        """
        write_files(self.site_files(), self.folder)
        self.written = self.page_charts.work.finish()
        for path in self.written.files:  # renamed: the modification times the manifest's stamps hold stay
            target = self.folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging.temp / path, target)
        return [*self.site_files(), *self.written.files]

    def finish_pages(self) -> None:
        """Each page the engine wrote, finished as the MkDocs plugin finishes it (`pages.finish_page`):
        its figures in place of their stubs, its social tags in its head.
        """
        charts, config = self.charts(), self.config
        site_url = (self.site_url or "").rstrip("/")
        site = (str(config.raw.get("site_name") or ""), str(config.raw.get("site_description") or ""))
        titles = {entry.target: entry.title for entry in config.nav or () if entry.title}
        for page, markdown in docs_pages(config.docs_path, self.published):
            written = self.folder / page_destination(page, config.use_directory_urls)
            if not written.is_file():
                continue  # a page the engine left out (a draft, an excluded file)
            meta = front_matter(markdown)
            escape_front_matter(meta)
            title = titles.get(page) or _first_heading(markdown) or Path(page).stem
            path = written.relative_to(self.folder).as_posix()
            url = path.removesuffix("index.html") if config.use_directory_urls else path
            card = charts.card(page)
            head = social_tags(meta, title, *site, f"{site_url}/{url}" if site_url else "", page == "index.md", card)
            root = "../" * url.count("/")
            output = written.read_text(encoding="utf-8")
            finished = finish_page(output, charts, root, page, head)
            written.write_text(self.edition.links(finished, page, root), encoding="utf-8")

    def keep_files(self, stop: threading.Event) -> None:
        """For a preview whose engine empties its folder at each rebuild: put our files back once
        it is done (its files stopped changing: writing while it cleans would lose its pages), the
        first time once its first build is. Runs on a thread until `stop` is set.
        """
        folder, files = self.folder, None
        marker = folder / self.assets.loader_path
        while not stop.wait(0.3):
            try:
                if marker.exists() or not _settled(folder, stop):
                    continue
                if files is None:
                    files = {path: (folder / path).read_bytes() for path in self.write_files()}
                else:
                    write_files(files, folder)
            except FileNotFoundError:  # the engine removed its folder while we looked: it is rebuilding
                continue

    def finish(self) -> Path:
        """The engine wrote every page: finish them, write the rest, seal the site and put it in place."""
        self.finish_pages()
        self.write_files()
        site, self.output = self.output.commit(self.written, self.assets.plotly_version), None
        return site

    def abort(self) -> None:
        """The build failed or was interrupted (or the preview ends): the previous site stays."""
        if self.page_charts.work is not None:
            self.page_charts.work.stop()
        self.staging.abort()
        if self.output is not None:
            self.output.abort()
            self.output = None


def docs_pages(docs: Path, published: set[str] | None = None) -> list[tuple[str, str]]:
    """(path in the docs folder, Markdown) of every page, as an engine finds them: `.md` files,
    not in folders or files whose names start with a dot (and, given `published`, only those).
    """
    pages = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        if published is not None and relative.as_posix() not in published:
            continue
        if not any(part.startswith(".") for part in relative.parts):
            pages.append((relative.as_posix(), path.read_text(encoding="utf-8")))
    return pages


def _settled(folder: Path, stop: threading.Event) -> bool:
    """Whether the engine has written its pages (its sitemap, which comes last) and nothing changed for a moment."""

    def state():
        return sorted((entry.path, entry.stat().st_mtime_ns) for entry in _entries(folder))

    before = state()
    return bool(before) and (folder / "sitemap.xml").exists() and not stop.wait(0.5) and state() == before


def _entries(folder: Path):
    for entry in os.scandir(folder):
        yield entry
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(Path(entry.path))


def front_matter(markdown: str) -> dict:
    """A page's YAML front matter as the engine reads it ({} for none, or for what is not a mapping)."""
    found = YAML_BLOCK.match(markdown)
    try:
        meta = yaml.safe_load(found.group(1)) if found else None
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _first_heading(markdown: str) -> str | None:
    heading = re.search(r"(?m)^#[ \t]+(.+?)[ \t#]*$", markdown)
    return heading.group(1) if heading else None


def page_destination(page: str, directory_urls: bool = True) -> str:
    """The site path a page is written to: `kfor.md` -> `kfor/index.html` (or `kfor.html`)."""
    stem = page[: -len(".md")]
    name = stem.rsplit("/", 1)[-1]
    if name in ("index", "README"):
        return stem[: -len(name)] + "index.html"
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"
