"""Issue 18: the Kosovo site built with Zensical, read as readers get it, with the same checks as the
MkDocs build (`test_real_site.read` and `findings`: every page drawn, every chart's poster shown
and drawn once reached, no console error, no request to another host, axe clean in light and
dark, nothing wider than a phone).

What differs from the MkDocs build, and why (the engines section of content/editors/index.md
says the same to editors) is `DIFFERENCES`; `test_the_differences_are_as_listed` checks each
claim on the two built sites, so the list cannot go stale in silence.
"""

from __future__ import annotations

import json
import os
import re
import threading

import pytest

from bench.gzip_server import pages_of
from tests.browser.conftest import Site, _serve
from tests.browser.test_real_site import findings, read
from tests.build.test_zensical import zensical_build, zensical_project

pytest.importorskip("zensical")

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("zensical")]

DIFFERENCES = {
    "contrast": "axe finds Zensical's theme ('modern' variant, primary indigo) below the contrast ratio in the "
    "active navigation link and the buttons (`.md-nav__link--active`, `.md-button`), in light and dark: Zensical's "
    "templates and stylesheet, not our content; the only axe findings allowed here (THEME_CONTRAST)",
    "theme": "Zensical draws pages with its own Material-like templates ('modern' variant): another layout and "
    "typeface, and its generator tag; the palette toggle, navigation and search work as on MkDocs",
    "weight": "the theme's own stylesheet and script weigh about 20 KB (gzip) more than mkdocs-material's on every "
    "page, which takes the heaviest page (recognition/, with the world map) a few KB past bench/page_weight.py's "
    "200 KB budget",
}
"""What differs, and why. Social tags, the search index (a chart's title and subtitle, not its
figure), charts, tables, downloads and images are the same on both engines (checked below)."""


THEME_CONTRAST = re.compile(r"color-contrast \(serious\): .* -> (\.md-nav__link--active|[^;]*\.md-button)")


def without_theme_contrast(found: dict) -> dict:
    """A page's findings less the theme's contrast ones (`DIFFERENCES["contrast"]`), each selector checked."""
    kept = {}
    for check, value in found.items():
        if check.startswith("axe"):
            value = [
                v
                for v in value
                if not all(
                    THEME_CONTRAST.match(v.split(" -> ")[0] + " -> " + part.strip())
                    for part in v.split(" -> ", 1)[1].split(";")
                )
            ]
        if value:
            kept[check] = value
    return kept


@pytest.fixture(scope="session")
def zensical_real_site(tmp_path_factory) -> Site:
    project = zensical_project(tmp_path_factory.mktemp("zensical-real") / "kosovo")
    root = project / "site"
    root.mkdir()
    server = _serve(root)  # serves the folder's path: the build puts the new site there by renaming
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    result = zensical_build(project, f"{origin}/", edition=None)  # its switcher's editions are there
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, name="zensical-site", daemon=True)
    thread.start()
    yield Site(root, origin)
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_every_page_of_the_zensical_site_as_readers_get_it(browser, zensical_real_site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    # The English edition: the others differ from it only in their words (test_real_site.py reads them).
    pages = [page for page in pages_of(zensical_real_site.root) if not page.startswith(("sq/", "sr/"))]
    assert "kfor/" in pages and "charts/kfor_troops/" in pages
    found = {}
    for path in pages:
        problems = without_theme_contrast(findings(read(browser, axe, zensical_real_site.origin, path)))
        if problems:
            found[path or "/"] = problems
    assert found == {}, json.dumps(found, indent=1)


def test_the_differences_are_as_listed(zensical_real_site, real_site):
    zensical, mkdocs = (site.root / "kfor" / "index.html" for site in (zensical_real_site, real_site))
    z_html, m_html = (path.read_text(encoding="utf-8") for path in (zensical, mkdocs))
    # The same: social tags, and search's text of a chart (its stub: never the figure's table).
    z_tags = [tag.replace(zensical_real_site.origin, "") for tag in _tags(z_html, "og:")]
    assert z_tags == [tag.replace(real_site.origin, "") for tag in _tags(m_html, "og:")] != []
    for index in (_search_text(zensical_real_site.root), _search_text(real_site.root)):
        assert "KFOR shrank from about 50,000 soldiers" in index and "Data table" not in index
    # "theme" and "weight": Zensical's own templates, and their heavier stylesheets and scripts.
    assert "zensical" in re.search(r'name="generator" content="([^"]*)"', z_html)[1].lower()
    z_theme, m_theme = (
        _theme_bytes(site.root, html) for site, html in ((zensical_real_site, z_html), (real_site, m_html))
    )
    assert z_theme > m_theme + 10_000, (z_theme, m_theme)


def _tags(html: str, prefix: str) -> list[str]:
    return re.findall(rf'<meta property="{prefix}[^>]*>', html)


def _theme_bytes(site, html: str) -> int:
    """The gzip bytes of the theme's stylesheets and scripts a page names (ours left out)."""
    import gzip

    total = 0
    for url in re.findall(r'(?:href|src)="\.\./(assets/(?:stylesheets|javascripts)/[^"]+\.(?:css|js))"', html):
        total += len(gzip.compress((site / url).read_bytes(), 9))
    return total


def _search_text(site) -> str:
    for name in ("search.json", os.path.join("search", "search_index.json")):
        if (site / name).is_file():
            return (site / name).read_text(encoding="utf-8")
    raise AssertionError(f"no search index in {site}")
