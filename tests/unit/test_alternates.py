"""Each page's links to its other editions (build/alternates.py), on the `editions` fixture's files."""

from __future__ import annotations

import pytest

from site_builder.build.alternates import Alternates, edition_site_url, page_url
from tests.conftest import copy_project

MATERIAL_HEAD = (
    '<head>\n    <link rel="alternate" href="./" hreflang="en">\n    <link rel="alternate" href="sq/" hreflang="sq">\n'
    "</head><body>"
    '<a href="./" hreflang="en" class="md-select__link">English</a>'
    '<a href="sq/" hreflang="sq" class="md-select__link">Shqip</a>'
    '<a href="sr/" hreflang="sr" class="md-select__link">Српски</a>'
    '<a href="sr-latn/" hreflang="sr-Latn" class="md-select__link">Srpski</a></body>'
)


@pytest.fixture
def project(tmp_path):
    return copy_project("editions", tmp_path / "editions")


def test_page_urls_under_both_url_schemes():
    assert [page_url(p) for p in ("index.md", "kfor.md", "a/index.md", "a/b.md")] == ["", "kfor/", "a/", "a/b/"]
    assert [page_url(p, False) for p in ("index.md", "kfor.md", "a/b.md")] == ["", "kfor.html", "a/b.html"]
    assert edition_site_url("https://example.org/news", "sq") == "https://example.org/news/sq/"
    assert edition_site_url("https://example.org/news/sq/", "sq") == "https://example.org/news/sq/"
    assert edition_site_url(None, "sq") is None and edition_site_url("https://e.org/", "") == "https://e.org/"


def test_without_an_address_links_are_relative_from_the_page(project):
    links = Alternates.of(project, "sr", None)
    html = links.mend(MATERIAL_HEAD, "troops.md", "../")
    assert 'href="../../troops/" hreflang="en" lang="en"' in html
    assert 'href="../../sq/" hreflang="sq"' in html  # no such page in Albanian: its home
    assert 'href="../../sr-latn/troops/" hreflang="sr-Latn"' in html
    assert 'href="../../sr/troops/" hreflang="sr" lang="sr" class="md-select__link" aria-current="page"' in html
    assert "<link" not in html  # a page in a subfolder: its hreflang links are in the sitemap only
    home = links.mend(MATERIAL_HEAD, "index.md", "")
    assert '<link rel="alternate" href="../" hreflang="en">' in home
    assert '<link rel="alternate" href="../" hreflang="x-default">' in home
    assert home.count("<link") == 5  # en, sq, sr, sr-Latn, x-default; Material's two replaced


def test_an_edition_at_the_root_and_flat_urls(project):
    links = Alternates.of(project, "en", "https://example.org/", directory_urls=False)
    html = links.mend(MATERIAL_HEAD, "troops.md", "")
    assert 'href="https://example.org/sr/troops.html" hreflang="sr"' in html
    # troops.html lies in its edition's root folder, beside the sitemap Material's script asks for
    assert '<link rel="alternate" href="https://example.org/troops.html" hreflang="x-default">' in html


def test_a_site_of_one_language_has_no_alternates(tmp_path):
    project = copy_project("mini", tmp_path / "mini")
    assert Alternates.of(project, "en", None) is None


def test_the_sitemap_names_each_edition_of_each_page(project):
    links = Alternates.of(project, "sr", "https://example.org/")
    sitemap = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <url>\n    <loc>https://example.org/sr/troops/</loc>\n'
        "  </url>\n</urlset>\n"
    )
    mended = links.sitemap(sitemap)
    assert '    <xhtml:link rel="alternate" hreflang="sr-Latn" href="https://example.org/sr-latn/troops/"/>\n' in mended
    assert 'hreflang="sq"' not in mended and 'hreflang="x-default" href="https://example.org/troops/"' in mended
    assert Alternates.of(project, "sr", None).sitemap(sitemap) == sitemap  # no address: a sitemap lists none
