"""What we write into a page's Markdown before the engine renders it: the editors' field reference
(`::: reference`), the glossary's table (`::: glossary`) and a translated page's notice.

Each is HTML (or, for the reference, Markdown) made from the project's files, not from the page,
so the engines' adapters hand a page over here whole and get it back: the MkDocs plugin in
`on_page_markdown`, the Zensical extension before Markdown (MkDocs' title comes from a page's
opening heading, so the notice goes after it). The data model (pydantic) is loaded only for a page
that shows the reference or the glossary: the MkDocs process stays light.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from site_builder.build.cache import CACHE_DIR
from site_builder.errors import ContentError, Problem
from site_builder.formats import embed
from site_builder.formats.site_config import SiteConfig
from site_builder.languages import current, notes
from site_builder.languages.editions import Edition
from site_builder.languages.messages import _
from site_builder.reader.render import render_edition_block

_HEADING = re.compile(r"\A(?:[ \t]*\n)*(#(?!#)[^\n]*\n|[^\n]+\n=+[ \t]*\n)")


def page_markdown(markdown: str, meta: dict, source: str | Path, root: Path) -> str:
    """`markdown` (a page's, without its front matter) with our blocks written in. `source` is the
    page's file; `meta` its front matter, as the engine read it.
    """
    if embed.REFERENCE in markdown:
        from site_builder.editors.reference_docs import insert_reference  # the data model: for one page

        markdown = insert_reference(markdown)
    site, editions = _layout(root, _stamp(root))
    language, english = notes.edition_of_page(site, _written(Path(source), root, editions), editions)
    if current.base() == language:  # the Latin edition is made from the Cyrillic one's files
        language = current.language()
    with current.using(language):
        if embed.has_glossary(markdown):
            markdown = embed.insert_glossary(markdown, lambda: glossary_html(site))
        if english is not None:
            edition = next((e for e, config in editions if e.language == current.base()), None)
            markdown = _with_notice(markdown, meta, Path(source), english, site, edition)
    return markdown


def _written(source: Path, root: Path, editions) -> Path:
    """The page an editor wrote: a Latin edition's pages are its Cyrillic ones transliterated into the
    cache (`editions.transliterated`), and say what they translate as those do.
    """
    latin = (root / CACHE_DIR / "editions" / current.language() / "docs").resolve()
    if not current.is_latin_of_cyrillic() or not source.resolve().is_relative_to(latin):
        return source
    cyrillic = next((config for edition, config in editions if edition.language == current.base()), None)
    return source if cyrillic is None else cyrillic.docs_path / source.resolve().relative_to(latin)


def glossary_html(site: SiteConfig) -> str:
    """The glossary's table in the language being made (`ContentError` when the site has none)."""
    from site_builder.formats import glossary  # the data model: for the one page that shows it

    found = glossary.of_site(site)
    if found is None:
        raise ContentError(
            [Problem(site.display, "a page shows `::: glossary`, but the site has no glossary", hint=glossary.HINT)]
        )
    headings = {
        "concept": _("What it is"),
        "use": _("The words we use"),
        "avoid": _("The words we do not use in our own voice"),
        "reason": _("Why"),
    }
    caption = _("The words this site uses for contested things, and why")
    return render_edition_block("glossary", rows=found.rows(), headings=headings, caption=caption)


def _with_notice(markdown: str, meta: dict, source: Path, english: Path, site: SiteConfig, edition) -> str:
    translation = notes.Translation.of(meta)
    state, _now = notes.status(source, english, meta)
    page = english.relative_to(site.docs_path).as_posix()
    folder = current.language().lower() if edition is None else edition.folder
    if current.is_latin_of_cyrillic():  # its own folder, beside the Cyrillic edition's
        folder = current.language().lower()
    href = notes.english_href(page, folder, site.use_directory_urls)
    values = notes.notice(translation, state, href)
    if not values:
        return markdown
    block = render_edition_block("translation_notice", n=values) + "\n\n"
    heading = _HEADING.match(markdown)
    if heading is None:
        return block + markdown
    return markdown[: heading.end()] + "\n" + block + markdown[heading.end() :]


def _stamp(root: Path) -> tuple:
    """The config files' versions: the editions are read again when one changes (under `serve`)."""
    return tuple((path.name, path.stat().st_mtime_ns) for path in sorted(root.glob("mkdocs*.yml")))


@functools.lru_cache(maxsize=4)
def _layout(root: Path, stamp: tuple) -> tuple[SiteConfig, list[tuple[Edition, SiteConfig]]]:
    """The site's config and its translated editions', read once for all of a build's pages. Editions
    that cannot be read are none here: their own check says why, and an English page needs none.
    """
    site = SiteConfig.load(root)
    try:
        return site, notes.translated_editions(site)
    except ContentError:
        return site, []
