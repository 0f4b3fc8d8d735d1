"""The site's own URLs, as the configuration says: no absolute URL without an address (and a CI build
without one stops), chart pages linked as each of MkDocs' URL schemes writes pages, at the root or
under a subpath, and every link of every built page pointing at a file that exists.

Font privacy too: mkdocs-material's fonts come from Google unless `theme.font` is false.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from site_builder.formats.site_config import SiteConfig
from site_builder.reader.addresses import NO_ADDRESS
from tests.conftest import ROOT, build, build_every_edition, copy_project

LOOPBACK = re.compile(r"127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0")
MATERIAL_SOURCE_MAPS = re.compile(r"^([a-z-]+/)?assets/javascripts/.*\.map$")  # Material's own sources (each edition's)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src", "srcset", "data-sb-figure"):
                for part in value.split(",") if name == "srcset" else [value]:
                    self.links.append((tag, name, part.strip().split(" ")[0]))


def site_links(site: Path, site_url: str = "") -> list[tuple[str, str, Path | None]]:
    """Every link in the site's pages that points into the site: (page, link, the file it names, or
    None when there is none). Relative links, and absolute ones under `site_url`, are followed as a
    static host does: a folder's URL names its index.html.
    """
    found, root = [], urlsplit(site_url).path or "/"  # 404.html links from the site's root path
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        here = "file:///site/" + page.relative_to(site).as_posix()
        for _tag, _attribute, link in parser.links:
            if site_url and link.startswith(site_url):
                url = "file:///site/" + link[len(site_url) :]
            elif link.startswith(root) and not link.startswith("//"):
                url = "file:///site/" + link[len(root) :]
            elif urlsplit(link).scheme or link.startswith(("#", "//")):
                continue
            else:
                url = urljoin(here, link)
            path = unquote(urlsplit(url).path)
            if not path.startswith("/site/"):
                found.append((page.relative_to(site).as_posix(), link, None))
                continue
            target = site / path[len("/site/") :]
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            found.append((page.relative_to(site).as_posix(), link, target if target.is_file() else None))
    return found


def broken(site: Path, site_url: str = "") -> list[str]:
    return [f"{page}: {link}" for page, link, target in site_links(site, site_url) if target is None]


# --- no address -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unaddressed(tmp_path_factory) -> Path:
    """The Kosovo site (every edition) built as a plain `make site` builds it: no SITE_URL, not in CI."""
    return build_every_edition(tmp_path_factory.mktemp("no-address") / "site", None)


@pytest.mark.xdist_group("real-site")
def test_a_build_without_an_address_writes_no_loopback_address(unaddressed):
    """Every file of the site, grepped: a loopback address only where a page's own Markdown writes
    one (the editors' guide names the preview's address), never from the configuration.
    """
    found = []
    for path in sorted(p for p in unaddressed.rglob("*") if p.is_file()):
        name = path.relative_to(unaddressed).as_posix()
        text = path.read_bytes().decode("utf-8", "replace")
        if MATERIAL_SOURCE_MAPS.match(name) or not LOOPBACK.search(text):
            continue
        source = ROOT / "content" / (name.removesuffix("index.html") + "index.md")
        if not source.is_file():
            source = ROOT / "content" / (name.removesuffix("/index.html") + ".md")
        written = source.is_file() and len(LOOPBACK.findall(source.read_text(encoding="utf-8")))
        if not written or len(LOOPBACK.findall(text)) > 2 * written:  # a link's href and its text
            found.append(name)
    assert found == []


@pytest.mark.xdist_group("real-site")
def test_a_build_without_an_address_writes_no_absolute_url_of_its_own(unaddressed):
    pages = {p.relative_to(unaddressed).as_posix(): p.read_text(encoding="utf-8") for p in unaddressed.rglob("*.html")}
    assert len(pages) > 15
    for name, html in pages.items():
        for mark in ('rel="canonical"', 'property="og:url"', 'property="og:image"', 'name="twitter:image"'):
            assert mark not in html, f"{name}: {mark}"
    sitemap = (unaddressed / "sitemap.xml").read_text(encoding="utf-8")
    assert "<url>" not in sitemap and "<urlset" in sitemap  # MkDocs leaves out pages with no address
    assert broken(unaddressed) == []


@pytest.mark.xdist_group("real-site")
def test_without_an_address_embed_and_citation_say_so(unaddressed):
    kfor = (unaddressed / "kfor" / "index.html").read_text(encoding="utf-8")
    said = NO_ADDRESS.replace("'", "&#39;")
    assert kfor.count(f'<p class="sb-chart__no-address">{said}</p>') == 3, "one in each chart's embed box"
    assert "<iframe" not in kfor and "sb-chart__embed-code" not in kfor
    citations = re.findall(r'<p class="sb-chart__citation">([^<]*)</p>', kfor)
    assert len(citations) == 3 and all(c.endswith(f"({said})") for c in citations), citations
    assert "site_url in mkdocs.yml" in NO_ADDRESS and "SITE_URL" in NO_ADDRESS


def _mkdocs_build(project: Path, site: Path, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "SITE_URL")}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env={**environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _without_site_url(project: Path) -> Path:
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    return project


def test_a_ci_build_without_an_address_stops_naming_the_setting(tmp_path):
    project = _without_site_url(copy_project("mini", tmp_path / "mini"))
    result = _mkdocs_build(project, tmp_path / "site", CI="true")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "mkdocs.yml: site_url: the site's address is not configured, and this is a published build" in result.stderr
    assert "hint: set site_url in mkdocs.yml (or the SITE_URL variable" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists(), "nothing is written"


def test_the_ci_check_names_the_line_of_an_empty_address(tmp_path):
    project = copy_project("mini", tmp_path / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_url: http://127.0.0.1:8000/", "site_url: !ENV NOT_SET_ANYWHERE"))
    problem = SiteConfig.load(project).address_problem({"CI": "1"})
    assert problem is not None and problem.format().startswith("mkdocs.yml:2: site_url: ")
    assert SiteConfig.load(project).address_problem({"CI": "false"}) is None
    assert SiteConfig.load(project).address_problem({}) is None


def test_a_local_build_without_an_address_says_what_it_leaves_out(tmp_path):
    project = _without_site_url(copy_project("mini", tmp_path / "mini"))
    result = _mkdocs_build(project, tmp_path / "site", CI="false")
    assert result.returncode == 0, result.stderr
    assert "no site address configured" in result.stderr and "instant navigation stays off" in result.stderr
    assert not LOOPBACK.search((tmp_path / "site" / "troops" / "index.html").read_text(encoding="utf-8"))


def test_the_site_reads_its_address_from_site_url_alone():
    """The Kosovo site's mkdocs.yml has no address of its own: SITE_URL gives it, or nothing does."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.findall(r"(?m)^site_url: .*$", text) == ["site_url: !ENV SITE_URL"]
    before = os.environ.pop("SITE_URL", None)
    try:
        assert SiteConfig.load(ROOT).site_url is None
        os.environ["SITE_URL"] = "https://example.org/kosovo/"
        assert SiteConfig.load(ROOT).site_url == "https://example.org/kosovo/"
    finally:
        os.environ.pop("SITE_URL", None)
        if before is not None:
            os.environ["SITE_URL"] = before


def test_env_with_one_name_in_a_list_reads_it(tmp_path, monkeypatch):
    """`!ENV [NAME]` is NAME with no default, as pyyaml_env_tag reads it for MkDocs."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: !ENV [URLS_TEST_ADDRESS]\n")
    monkeypatch.delenv("URLS_TEST_ADDRESS", raising=False)
    assert SiteConfig.load(tmp_path).site_url is None
    monkeypatch.setenv("URLS_TEST_ADDRESS", "https://example.org/")
    assert SiteConfig.load(tmp_path).site_url == "https://example.org/"


# --- every URL scheme -------------------------------------------------------------------------

SCHEMES = {
    "folders at the root": ("https://newsroom.test/", True),
    "files at the root": ("https://newsroom.test/", False),
    "folders under a subpath": ("https://newsroom.test/data/kosovo/", True),
    "files under a subpath": ("https://newsroom.test/data/kosovo/", False),
}


def scheme_project(tmp_path: Path, site_url: str, directory_urls: bool) -> Path:
    project = copy_project("mini", tmp_path / "mini")
    config = project / "mkdocs.yml"
    text = config.read_text().replace("site_url: http://127.0.0.1:8000/", f"site_url: {site_url}")
    config.write_text(text + f"use_directory_urls: {'true' if directory_urls else 'false'}\n")
    return project


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_url_follows_the_scheme(tmp_path, scheme):
    site_url, directory_urls = SCHEMES[scheme]
    site = build(scheme_project(tmp_path, site_url, directory_urls), tmp_path / "site")
    page = "troops/index.html" if directory_urls else "troops.html"
    chart = "charts/troops_line/" if directory_urls else "charts/troops_line/index.html"
    html = (site / page).read_text(encoding="utf-8")
    up = "../" if directory_urls else ""
    assert f'<a href="{up}{chart}">chart on its own page</a>' in html
    assert f'<link rel="canonical" href="{site_url}{page.removesuffix("index.html")}">' in html
    assert f'<iframe src="{site_url}{chart}" title="Troops over time"' in html.replace("&lt;", "<").replace(
        "&#34;", '"'
    ).replace("&quot;", '"')
    assert f"data as of 1 October 2023. {site_url}{chart}. Data:" in html
    assert f'<meta property="og:image" content="{site_url}charts/troops_line/chart.png">' in html
    own = (site / "charts/troops_line/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{site_url}{chart}">' in own
    assert f'<meta property="og:url" content="{site_url}{chart}">' in own
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site_url}{page.removesuffix('index.html')}</loc>" in sitemap
    links = site_links(site, site_url)
    assert [f"{page}: {link}" for page, link, target in links if target is None] == []
    assert len(links) > 100
    if not directory_urls:  # a host without folder index files (and file://) opens every link
        folders = [f"{page}: {link}" for page, link, _ in links if urlsplit(link).path.endswith("/")]
        assert folders == []


# --- fonts ------------------------------------------------------------------------------------


def test_a_site_that_names_no_font_gets_the_system_fonts(tmp_path):
    project = copy_project("mini", tmp_path / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", ""))
    site = build(project, tmp_path / "site")
    for page in site.rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8") and "fonts.gstatic" not in page.read_text(
            encoding="utf-8"
        ), page


def test_a_font_from_google_stops_the_build_with_the_fix(tmp_path):
    project = copy_project("mini", tmp_path / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font:\n    text: Roboto\n"))
    result = _mkdocs_build(project, tmp_path / "site", SITE_URL="https://example.org/")
    assert result.returncode == 1, result.stderr
    assert (
        "mkdocs.yml:6: theme.font: theme.font loads 'Roboto' from Google Fonts, a third-party host" in result.stderr
    ), result.stderr
    assert "hint: write `font: false` under `theme:`" in result.stderr
    assert not (tmp_path / "site").exists()


def test_site_builder_check_reports_a_font_from_google(tmp_path):
    project = copy_project("mini", tmp_path / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false\n", "  font:\n    text: Inter\n    code: Fira Code\n"))
    result = subprocess.run(
        [sys.executable, "-m", "site_builder.editors.cli", "check"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "mkdocs.yml:6: theme.font: theme.font loads 'Inter' and 'Fira Code' from Google Fonts" in result.stderr
