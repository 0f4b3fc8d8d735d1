"""Every edition in one build (`site-builder build`): the editions' folders, the links between them,
Serbian in Latin script made from the Cyrillic edition, the last good site kept on a failure, and
`mkdocs build` of one edition keeping the others.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_builder.build.alternates import page_url
from site_builder.engines.mkdocs_editions import EditionFailed, build_editions
from site_builder.formats.site_config import SiteConfig
from site_builder.languages.translit import to_latin
from tests.conftest import build, copy_project, kosovo_copy

pytestmark = pytest.mark.xdist_group("editions")
CYRILLIC = re.compile("[\u0400-\u04ff]")
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "content")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = copy_project("editions", tmp_path_factory.mktemp("editions"))
    build_editions(project, say=lambda line: None)
    return project


class _Page(HTMLParser):
    """What a reader sees or hears of a page: its text nodes and its text attributes (scripts aside);
    and its links by tag.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._script = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self._script += tag in ("script", "style")
        for name in ATTRIBUTES:
            value = attrs.get(name)
            if value and not (name == "content" and "://" in value):  # og:url and the like: the edition's address
                self.texts.append(f"@{name}={value}")

    def handle_endtag(self, tag):
        self._script -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._script and data.strip():
            self.texts.append(data.strip())


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def switcher(page: _Page) -> dict[str, dict]:
    return {a["hreflang"]: a for tag, a in page.tags if tag == "a" and "md-select__link" in (a.get("class") or "")}


def hreflang(page: _Page) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for tag, a in page.tags if tag == "link" and a.get("hreflang")}


def test_every_edition_is_built_into_its_folder(built):
    site = built / "site"
    for folder in ("", "sq", "sr", "sr-latn"):
        assert (site / folder / "index.html").is_file(), folder
        assert (site / folder / "build-manifest.json").is_file(), folder
    assert (site / "troops" / "index.html").is_file() and (site / "sr" / "troops" / "index.html").is_file()
    assert not (site / "sq" / "troops").exists()  # the Albanian edition has no such page
    assert parse(site / "sq" / "index.html").tags[0] == ("html", {"lang": "sq", "class": "no-js"})
    assert not list(site.parent.glob(".site.tmp-*"))


def test_the_switcher_keeps_the_reader_on_the_same_page(built):
    page = parse(built / "site" / "sr" / "troops" / "index.html")
    links = switcher(page)
    base = "http://127.0.0.1:8000/"
    assert {lang: a["href"] for lang, a in links.items()} == {
        "en": base + "troops/",
        "sq": base + "sq/",  # no such page there: its home
        "sr": base + "sr/troops/",
        "sr-Latn": base + "sr-latn/troops/",
    }
    assert [lang for lang, a in links.items() if a.get("aria-current") == "page"] == ["sr"]
    assert all(a["lang"] == lang for lang, a in links.items())


def test_hreflang_links_name_each_edition_of_the_page_and_never_a_missing_sitemap(built):
    """In the sitemap for every page; in the head for a page in its edition's root folder, where
    Material's script finds the sitemap.xml it asks for beside each `<link rel="alternate">`.
    """
    base = "http://127.0.0.1:8000/"
    home = {"en": base, "sq": base + "sq/", "sr": base + "sr/", "sr-Latn": base + "sr-latn/", "x-default": base}
    assert hreflang(parse(built / "site" / "sq" / "index.html")) == home
    assert hreflang(parse(built / "site" / "sr" / "troops" / "index.html")) == {}
    for page in (built / "site").rglob("*.html"):
        for href in hreflang(parse(page)).values():
            folder = href.removeprefix(base).rsplit("/", 1)[0]
            assert (built / "site" / folder / "sitemap.xml").is_file(), (page, href)
    sitemap = (built / "site" / "sr" / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap.split(f"<loc>{base}sr/troops/</loc>", 1)[1].split("</url>", 1)[0]
    found = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', entry))
    assert found == {
        "en": base + "troops/",
        "sr": base + "sr/troops/",
        "sr-Latn": base + "sr-latn/troops/",
        "x-default": base + "troops/",
    }
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap


def test_serbian_latin_is_the_cyrillic_edition_transliterated(built):
    site = built / "site"
    pages = sorted(path.relative_to(site / "sr") for path in (site / "sr").rglob("*.html"))
    assert len(pages) >= 3
    for relative in pages:
        cyrillic, latin = parse(site / "sr" / relative), parse(site / "sr-latn" / relative)
        addresses = [text.replace("/sr-latn/", "/sr/") for text in latin.texts]  # (embed snippets name the edition)
        assert addresses == [to_latin(text) for text in cyrillic.texts], relative
    assert parse(site / "sr-latn" / "index.html").tags[0][1]["lang"] == "sr-Latn"
    assert any(CYRILLIC.search(text) for text in parse(site / "sr" / "index.html").texts)
    for path in (site / "sr-latn").rglob("*"):
        if path.suffix in (".html", ".json", ".js", ".xml") and "assets" not in path.parts:
            assert not CYRILLIC.search(path.read_text(encoding="utf-8")), path


def test_search_indexes_each_edition_in_its_own_words(built):
    index = json.loads((built / "site" / "sr-latn" / "search" / "search_index.json").read_text())
    words = " ".join(doc["text"] for doc in index["docs"])
    assert "Ljubav, njiva, džep" in words
    index = json.loads((built / "site" / "sr" / "search" / "search_index.json").read_text())
    assert index["config"]["pipeline"] == []


def test_mkdocs_build_of_one_edition_keeps_the_others(built):
    site = built / "site"
    before = (site / "sq" / "index.html").read_bytes()
    build(built, site)  # `mkdocs build`: the English edition
    assert (site / "sq" / "index.html").read_bytes() == before
    assert (site / "sr-latn" / "index.html").is_file()
    sr_latn = (site / "sr-latn" / "index.html").read_bytes()
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(built / "mkdocs.sq.yml"))  # `mkdocs build -f mkdocs.sq.yml`
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    assert (site / "sq" / "index.html").is_file() and (site / "index.html").is_file()
    assert (site / "sr-latn" / "index.html").read_bytes() == sr_latn
    assert not list(site.glob(".sq.tmp-*"))


def _manifests(site: Path) -> dict[str, bytes]:
    return {folder: (site / folder / "build-manifest.json").read_bytes() for folder in ("", "sq", "sr", "sr-latn")}


def test_a_failed_edition_leaves_the_last_site_whole_and_builds_are_reproducible(tmp_path):
    project = copy_project("editions", tmp_path / "editions")
    build_editions(project, say=lambda line: None)
    first = _manifests(project / "site")
    build_editions(project, say=lambda line: None)
    assert _manifests(project / "site") == first  # the same bytes twice
    page = project / "content" / "sr" / "troops.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n::: chart no_such_chart\n", encoding="utf-8")
    with pytest.raises(EditionFailed, match="sr"):
        build_editions(project, say=lambda line: None)
    assert _manifests(project / "site") == first
    assert not list(project.glob(".site.tmp-*"))
    build_editions(project, only="sq", say=lambda line: None)  # one edition, into its folder: the rest kept
    assert _manifests(project / "site") == first


def test_the_kosovo_site_builds_in_every_edition(tmp_path, monkeypatch):
    project = tmp_path / "kosovo"
    kosovo_copy(project)
    base = "http://127.0.0.1:8000/"
    monkeypatch.setenv("SITE_URL", base)
    build_editions(project, say=lambda line: None)
    site = project / "site"
    pages = [entry.target for entry in SiteConfig.load(project, "mkdocs.sq.yml").nav]
    for folder in ("sq", "sr", "sr-latn"):
        for page in pages:
            assert (site / folder / page_url(page) / "index.html").is_file(), (folder, page)
    links = switcher(parse(site / "sq" / "kfor" / "index.html"))
    assert {lang: a["href"] for lang, a in links.items()} == {
        "en": base + "kfor/",
        "sq": base + "sq/kfor/",
        "sr": base + "sr/kfor/",
        "sr-Latn": base + "sr-latn/kfor/",
    }
    assert switcher(parse(site / "editors" / "index.html"))["sq"]["href"] == base + "sq/"  # not translated: home
    assert parse(site / "sr-latn" / "index.html").tags[0][1]["lang"] == "sr-Latn"
    cyrillic_words = re.compile(r"[\u0400-\u04ff][\u0400-\u04ff ]*")
    for path in (site / "sr-latn").rglob("*"):
        if path.suffix in (".html", ".json", ".js", ".xml") and "assets" not in path.parts:
            english = (site / path.relative_to(site / "sr-latn")).read_text(encoding="utf-8")
            # Only text the English edition shows as well: a source's title as published (in Bulgarian).
            left = [run for run in cyrillic_words.findall(path.read_text(encoding="utf-8")) if run not in english]
            assert not left, (path, left)
    assert "Kosovo u podacima" in (site / "sr-latn" / "index.html").read_text(encoding="utf-8")
