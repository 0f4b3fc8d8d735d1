"""Each page's links to itself in the site's other editions: the language switcher and `hreflang`.

mkdocs-material (and Zensical) draw the switcher and the `<link rel="alternate" hreflang>` tags from
`extra.alternate`, with each edition's `link` as written: the edition's home, and, since every
edition inherits the list from mkdocs.yml, relative to the edition being built (`./` in `sq/` is
`sq/` itself). Material's script mends the switcher from each edition's sitemap.xml when it can
(only with an address, only with JavaScript). Here the page the theme wrote is mended instead,
from the files: each link goes to the same page in that edition when it has one, else to its
home; one `hreflang` link per edition that has the page plus `x-default` (the source edition),
absolute when the site's address is known; the current language's link marked `aria-current`, and
each link says its language (`lang`), since its text is in it. No engine import: the MkDocs plugin
and `session.py` (Zensical) call `mend` on the page they finish.

Where the `hreflang` links go: Material's script requests `sitemap.xml` beside every
`<link rel="alternate">` of a page (`new URL("sitemap.xml", href)`, to map the switcher), so a link
to `sq/kfor/` would cost a request for `sq/kfor/sitemap.xml` on every page view: a 404 and a
console error each. A page whose address lies in its edition's root folder (the home page; every
page with `use_directory_urls: false` that is not in a subfolder) has its `hreflang` links in its
`<head>`; every page has them in its edition's sitemap.xml (`<xhtml:link rel="alternate">`, which
search engines read as they read the head's, and Material's script reads too), when the site's
address is known (a sitemap lists absolute addresses only).
"""

from __future__ import annotations

import gzip
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from site_builder.formats.navigation import site_pages
from site_builder.formats.site_config import SiteConfig
from site_builder.languages.editions import Edition, editions_of

# The tags Material's templates write (base.html, partials/alternate.html), exactly.
_HEAD_LINK = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_SWITCH_LINK = re.compile(r'<a href="[^"]*" hreflang="([^"]*)" class="md-select__link">')


def page_url(page: str, directory_urls: bool = True) -> str:
    """A page's address under its edition's root: `kfor.md` -> `kfor/` (or `kfor.html`), `index.md` -> ``."""
    stem = page.rsplit(".", 1)[0]
    name = stem.rsplit("/", 1)[-1]
    if name in ("index", "README"):
        return stem[: -len(name)]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def edition_site_url(site_url: str | None, folder: str) -> str | None:
    """An edition's own address: the site's, with the edition's folder (`sq/`) after it."""
    if not site_url or not folder:
        return site_url
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base if base.endswith(f"/{folder}/") else f"{base}{folder}/"


@dataclass(frozen=True)
class Alternates:
    """The editions of a site, with the pages each one has, for the edition being built (`language`)."""

    language: str
    editions: tuple[Edition, ...]
    pages: dict[str, frozenset[str]]  # language -> its pages (paths in its docs folder)
    site_url: str | None  # the site's root address (None: links are relative)
    directory_urls: bool = True

    @classmethod
    def of(
        cls, root, language: str, site_url: str | None, directory_urls: bool = True, transliterated: bool = True
    ) -> Alternates | None:
        """The site's editions from mkdocs.yml at `root` (None for a site of one language); without
        those made by transliteration when the engine does not build them (`transliterated`).
        """
        site = SiteConfig.load(root)
        editions = [edition for edition in editions_of(site) if transliterated or not edition.transliterated_from]
        if len(editions) < 2 or language not in {edition.language for edition in editions}:
            return None
        pages = {}
        for edition in editions:
            config = site if edition.is_source else SiteConfig.load(root, f"mkdocs.{edition.built_from}.yml")
            pages[edition.language] = frozenset(site_pages(config)[0])
        return cls(language, tuple(editions), pages, site_url or None, directory_urls)

    @property
    def current(self) -> Edition:
        return next(edition for edition in self.editions if edition.language == self.language)

    def href(self, edition: Edition, page: str, root: str) -> str:
        """The address of `page` in `edition` (its home when it has no such page), from a page of the
        current edition whose prefix to the edition's root is `root` (`pages.page_root`).
        """
        target = page_url(page, self.directory_urls) if page in self.pages[edition.language] else ""
        path = f"{edition.folder}/{target}" if edition.folder else target
        if self.site_url:
            return (self.site_url if self.site_url.endswith("/") else self.site_url + "/") + path
        return (root + "../" * bool(self.current.folder) + path) or "./"

    def links(self, page: str, root: str) -> list[tuple[str, str]]:
        """(hreflang, address) of `page` in each edition that has it, and `x-default` (the source's)."""
        having = [edition for edition in self.editions if page in self.pages[edition.language]]
        links = [(edition.language, self.href(edition, page, root)) for edition in having]
        return [*links, ("x-default", self.href(self.editions[0], page, root))]

    def head(self, page: str, root: str) -> str:
        """The `hreflang` links of `page` for its `<head>`: only for a page in its edition's root
        folder, where Material's script finds the sitemap it asks for (see the module's docstring).
        """
        if posixpath.dirname(page_url(page, self.directory_urls)):
            return ""
        return "".join(
            f'    <link rel="alternate" href="{escape(href)}" hreflang="{escape(lang)}">\n'
            for lang, href in self.links(page, root)
        )

    def sitemap(self, text: str) -> str:
        """The edition's sitemap.xml with each page's `hreflang` links (absolute: only with an address)."""
        if not self.site_url or "<loc>" not in text:
            return text
        own = (self.site_url.rstrip("/") + "/") + (f"{self.current.folder}/" if self.current.folder else "")
        by_address = {own + page_url(page, self.directory_urls): page for page in self.pages[self.language]}

        def entry(found: re.Match) -> str:
            page = by_address.get(found[2])
            if page is None:
                return found[0]
            indent = found[1]
            links = "".join(
                f'{indent}<xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}"/>\n'
                for lang, href in self.links(page, "")
            )
            return found[0] + links

        text = re.sub(r"([ \t]*)<loc>([^<]*)</loc>\n", entry, text)
        return text.replace(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
            1,
        )

    def mend_error_page(self, folder: Path) -> None:
        """The edition's 404.html (which the engine renders apart from the pages, and a server sends
        for any address) with its links to each edition's home, from the site's root.
        """
        path = Path(folder) / "404.html"
        if path.is_file():
            root = "/" + (f"{self.current.folder}/" if self.current.folder else "")
            path.write_text(self.mend(path.read_text(encoding="utf-8"), "404.html", root), encoding="utf-8")

    def mend_sitemap(self, folder: Path) -> None:
        """Put the `hreflang` links into the sitemap an edition's build wrote in `folder` (and its gzip copy)."""
        path = Path(folder) / "sitemap.xml"
        if not path.is_file():
            return
        text = self.sitemap(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        if (packed := path.with_name("sitemap.xml.gz")).is_file():
            packed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))

    def mend(self, html: str, page: str, root: str) -> str:
        """The page the theme wrote (`page`: its path in the docs folder), with its switcher's links
        and its `hreflang` links to the same page in each edition.
        """
        by_language = {edition.language: edition for edition in self.editions}

        def switch(found: re.Match) -> str:
            edition = by_language.get(found[1])
            if edition is None:
                return found[0]
            current = ' aria-current="page"' if edition.language == self.language else ""
            lang = escape(edition.language)
            href = escape(self.href(edition, page, root))
            return f'<a href="{href}" hreflang="{lang}" lang="{lang}" class="md-select__link"{current}>'

        html = _SWITCH_LINK.sub(switch, html)
        first = _HEAD_LINK.search(html)
        if first is None:
            return html
        head = self.head(page, root)  # Material's own links (each edition's home) replaced, or removed
        rest = _HEAD_LINK.sub("", html[first.end() :])
        return html[: first.start()] + head + rest
