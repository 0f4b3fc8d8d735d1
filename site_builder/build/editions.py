"""Every edition of a site in one command (`site-builder build`), and what each edition's build
needs to know of the others.

One process builds the editions one after another (English at the root, then each folder that
`extra.alternate` lists), each with the engine's own build on its own config, into one new folder
beside `site/` that replaces it once, only when every edition succeeded (`atomic.py`): a failed
edition leaves the last good site whole. The project (datasets, charts) is read and checked once,
before the first edition, and every edition's chart process is forked from this one with it
(`chartwork.share_project`); each edition's charts are made in its language.

Serbian in Latin script has no files of its own: its pages, titles and the theme's own words are
the Cyrillic edition's, transliterated (`translit.to_latin`) into `.site-builder-cache/editions/`
(never committed, never in the content folder), and its build is the Cyrillic config with those
folders and texts over it.

No engine import: `engines/mkdocs_editions.py` hands each `EditionPlan` to MkDocs.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.build.alternates import Alternates, edition_site_url
from site_builder.build.atomic import AtomicSite
from site_builder.build.cache import CACHE_DIR
from site_builder.build.chartwork import share_project
from site_builder.build.contract import ChartPages
from site_builder.build.pages import finish_page
from site_builder.errors import ContentError, Problem
from site_builder.formats.site_config import SiteConfig
from site_builder.languages.editions import Edition, editions_of
from site_builder.languages.translit import to_latin

TEXT_SETTINGS = ("site_name", "site_description", "copyright", "nav", "extra")  # what a reader sees of the config
_TEXT_FILES = (".md", ".markdown", ".html", ".txt", ".yml", ".yaml", ".json", ".svg", ".css", ".js")


@dataclass(frozen=True)
class EditionSetup:
    """What one edition's build needs of the site's others: its own address, the folders of the
    old site it keeps (the English build, at the root, keeps the others'), and each page's links.
    """

    language: str  # the edition's (`theme.language`): the theme's words and the charts' text are in it
    edition: Edition | None  # None: a site of one language, or a config no edition names
    site_url: str | None
    keep: tuple[str, ...] = ()
    alternates: Alternates | None = None
    languages: tuple[str, ...] = ("en",)  # what texts are written in: each edition's, or the one it transliterates

    @classmethod
    def of(cls, root: Path, config, serving: bool, transliterated: bool = True) -> EditionSetup:
        """The edition an engine's config (a mapping: `theme`, `site_url`, `use_directory_urls`) builds;
        its `site_url` becomes the edition's own (the site's, which every edition inherits, and its folder).
        `transliterated`: whether the engine builds the editions made by transliteration, which pages
        link to (Zensical does not yet).
        """
        language, site_url = str(config["theme"]["language"] or "en"), config["site_url"] or None
        site = SiteConfig.load(root)
        editions = editions_of(site)
        edition = next((edition for edition in editions if edition.language == language), None)
        languages = tuple(dict.fromkeys(other.built_from for other in editions))
        if edition is None or len(editions) < 2:
            return cls(language, None, site_url, languages=languages)
        keep = tuple(other.folder for other in editions if not other.is_source) if edition.is_source else ()
        config["site_url"] = site_url if serving else edition_site_url(site_url, edition.folder)
        address = None if serving else site.site_url
        links = Alternates.of(root, language, address, config["use_directory_urls"], transliterated)
        return cls(language, edition, config["site_url"], keep, links, languages)

    def job_options(self) -> dict:
        """The chart work's languages (`ChartJob`): the one made, and the ones texts are written in."""
        return {"language": self.language, "languages": self.languages}

    def finish(self, output: str, charts: ChartPages, root: str, page: str, head: str) -> str:
        """`pages.finish_page`, and the page's links to the other editions (`Alternates.mend`)."""
        return self.links(finish_page(output, charts, root, page, head), page, root)

    def seal(self, folder: Path) -> None:
        """The edition's files are written in `folder`: its search index in plain UTF-8, its sitemap
        gets each page's `hreflang` links, its 404 page the links to the other editions.
        """
        compact_search_index(folder)
        if self.alternates:
            self.alternates.mend_sitemap(folder)
            self.alternates.mend_error_page(folder)

    def links(self, html: str, page: str, root: str) -> str:
        """A finished page with its links to the other editions (`Alternates.mend`)."""
        return self.alternates.mend(html, page, root) if self.alternates else html


@dataclass(frozen=True)
class EditionPlan:
    """One edition's build: the config file the engine loads and what is set over it."""

    edition: Edition
    config_file: Path
    site_dir: Path
    overrides: dict[str, Any] = field(default_factory=dict)


def choose(site: SiteConfig, only: str | None) -> list[Edition]:
    """The editions to build: all, or the one `only` names (by language or folder)."""
    editions = editions_of(site)
    if only is None:
        return editions
    chosen = [e for e in editions if only in (e.language, e.folder) or only.lower() == e.language.lower()]
    if not chosen:
        names = ", ".join(edition.language for edition in editions)
        raise ContentError(
            [
                Problem(
                    site.display,
                    f"the site has no edition '{only}'",
                    site.lines.get("extra"),
                    None,
                    "extra.alternate",
                    f"name one of its languages: {names}",
                )
            ]
        )
    return chosen


def transliterated(root: Path, edition: Edition, source: SiteConfig, theme_words: str) -> dict[str, Any]:
    """The settings that make a Latin edition from its Cyrillic one (`source`, its config): its
    pages and the theme's words (`theme_words`: the theme's template of the Cyrillic language's
    words) transliterated into `.site-builder-cache/editions/<language>/`, and the config's texts.
    """
    work = root / CACHE_DIR / "editions" / edition.language
    docs, templates = work / "docs", work / "theme"
    shutil.rmtree(work, ignore_errors=True)
    for path in sorted(p for p in source.docs_path.rglob("*") if p.is_file()):
        target = docs / path.relative_to(source.docs_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix in _TEXT_FILES:
            target.write_text(to_latin(path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copyfile(path, target)
    theme = _latin(dict(source.theme))
    if theme.get("custom_dir"):  # the site's own overrides stay, under the generated words
        shutil.copytree(source.root / str(theme["custom_dir"]), templates, dirs_exist_ok=True)
    words = templates / "partials" / "languages" / f"{edition.language}.html"
    words.parent.mkdir(parents=True, exist_ok=True)
    words.write_text(
        to_latin(theme_words).replace(f'"language": "{edition.built_from}"', f'"language": "{edition.language}"'),
        encoding="utf-8",
    )
    theme.update(language=edition.language, custom_dir=str(templates))  # `<html lang>`, the words: generated
    texts = {key: _latin(source.raw[key]) for key in TEXT_SETTINGS if key in source.raw}
    return {"docs_dir": str(docs), "theme": theme, **texts}


def _latin(value: Any) -> Any:
    if isinstance(value, str):
        return to_latin(value)
    if isinstance(value, dict):
        return {_latin(key): _latin(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_latin(item) for item in value]
    return value


class EditionsBuild:
    """A build of a site's editions: `run(build_one)` calls the engine on each `EditionPlan`."""

    def __init__(self, root: Path, only: str | None = None, theme_words: Callable[[str], str] | None = None):
        self.root = Path(root).resolve()
        self.site = SiteConfig.load(self.root)
        self.editions = choose(self.site, only)
        self.whole = only is None  # the whole site, swapped in once; else one edition into its folder
        self.theme_words = theme_words  # language -> the theme's template of its words (for Latin editions)
        self.final = self.root / self.site.site_dir

    def missing_pages(self) -> list[Problem]:
        """An edition whose pages' folder is not there (its translations not written yet), before anything is built."""
        problems, languages = [], {edition.language for edition in self.editions}
        for edition in self.editions:
            if edition.transliterated_from in languages:
                continue  # its pages are the other edition's: said once
            config = SiteConfig.load(self.root, f"mkdocs.{edition.built_from}.yml") if edition.folder else self.site
            if not config.docs_path.is_dir():
                problems.append(
                    Problem(
                        config.display_of("docs_dir"),
                        f"the {edition.name} edition's pages are not there: no folder {config.docs_dir}/",
                        config.lines.get("docs_dir"),
                        None,
                        "docs_dir",
                        f"write its pages in {config.docs_dir}/, each at the path of the page it translates, or "
                        f"build the other editions one by one (--edition)",
                    )
                )
        return problems

    def plans(self, site_folder: Path) -> list[EditionPlan]:
        plans = []
        for edition in self.editions:
            file = edition.config_file or self.root / f"mkdocs.{edition.built_from}.yml"
            site_dir = site_folder / edition.folder if edition.folder else site_folder
            overrides: dict[str, Any] = {"site_dir": str(site_dir)}
            if edition.transliterated_from:
                source = SiteConfig.load(self.root, file)
                words = self.theme_words(edition.built_from) if self.theme_words else ""
                overrides |= transliterated(self.root, edition, source, words)
            plans.append(EditionPlan(edition, Path(file), site_dir, overrides))
        return plans

    def run(self, build_one: Callable[[EditionPlan], None]) -> Path:
        """Build the editions (the project read and checked once, first); the site folder written.
        Raises what an edition's build raised (or `ContentError` for the project): the last good
        site stays as it was.
        """
        from site_builder.formats.project import Project, site_languages  # the data model: forked to each edition

        if problems := self.missing_pages():
            raise ContentError(problems)
        plugin = self.site.plugin
        data_dir, charts_dir = str(plugin.get("data_dir", "data")), str(plugin.get("charts_dir", "charts"))
        project = Project.load(self.root, data_dir, charts_dir, site_languages(self.site))
        share_project(self.root, data_dir, charts_dir, project)
        atomic = AtomicSite.begin(self.final) if self.whole else None
        try:
            for plan in self.plans(atomic.temp if atomic else self.final):
                build_one(plan)
        except BaseException:
            if atomic is not None:
                atomic.abort()
            raise
        finally:
            share_project(self.root, data_dir, charts_dir, None)
        if atomic is not None:
            atomic.commit()
        return self.final


def compact_search_index(folder: Path) -> None:
    r"""The theme's search index, which every page fetches, with its letters written as letters:
    Material's search plugin escapes every non-ASCII one (`\u0431`: six bytes for a Cyrillic letter
    that UTF-8 writes in two), and the Serbian edition's index was 26 KB gzip against 18 KB in Latin
    script for the same words. The same JSON, read the same; no other file changes.
    """
    index = folder / "search" / "search_index.json"
    if not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    compact = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    if compact != text:
        index.write_text(compact, encoding="utf-8")
