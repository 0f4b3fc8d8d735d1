"""Issue 18: the Kosovo site builds on Zensical, every chart in place, and a Zensical build that
would show our `:::` lines as text fails, saying why.

The site is built once for the session (`zensical_site`: Zensical takes about a second; the
charts come from the repository's cache), in a copy of the project, as `make site ENGINE=zensical`
builds it: `python -m site_builder.engines.zensical build` run in the project's folder.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.gzip_server import pages_of
from site_builder.build.contract import chart_paths
from site_builder.build.manifest import MANIFEST
from site_builder.build.session import docs_pages, page_destination
from site_builder.engines.zensical.markdown import NAME
from site_builder.formats.contents import Contents
from site_builder.formats.navigation import site_pages
from site_builder.formats.site_config import SiteConfig
from tests.conftest import ROOT

pytest.importorskip("zensical")

pytestmark = pytest.mark.xdist_group("zensical")

PROJECT_FILES = ("mkdocs.yml", "content", "data", "charts", "glossary.yml", "mkdocs.sq.yml", "mkdocs.sr.yml")


def zensical_project(destination: Path) -> Path:
    """A copy of the Kosovo project (Zensical writes inside the project's folder only), sharing the
    repository's front-end files and chart cache.
    """
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (ROOT / ".site-builder-cache").mkdir(exist_ok=True)
    (destination / ".site-builder-cache").symlink_to(ROOT / ".site-builder-cache", target_is_directory=True)
    return destination


def zensical_build(project: Path, site_url: str = "http://127.0.0.1:8000/", *args: str, edition: str | None = "en"):
    """`python -m site_builder.engines.zensical build` in `project`, as `make site ENGINE=zensical` runs it:
    by default the English edition, what these tests read (None: every edition Zensical builds).
    """
    env = {**os.environ, "SITE_URL": site_url}
    only = ["--edition", edition] if edition else []
    command = [sys.executable, "-m", "site_builder.engines.zensical", "build", *only, *args]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    project = zensical_project(tmp_path_factory.mktemp("zensical") / "kosovo")
    result = zensical_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_every_chart_is_on_its_page_and_written(zensical_site):
    """No `:::` line is left anywhere; each page holds the figure of every chart it embeds, and
    every chart's own page, downloads and images are written.
    """
    config = SiteConfig.load(ROOT)
    contents = Contents.find(ROOT, config.data_dir, config.charts_dir)
    pages = docs_pages(config.docs_path, set(site_pages(config)[0]))  # not the other editions' (`exclude_docs`)
    problems, shown = contents.check_pages("content", pages)
    assert not problems and shown
    for page, embeds in shown.items():
        written = zensical_site / page_destination(page)
        html = written.read_text(encoding="utf-8")
        for embed in embeds:
            if embed.kind == "chart":
                assert '<figure class="sb-chart' in html and f'data-sb-chart="{embed.target}"' in html, (page, embed)
        assert "site-builder:" not in html, f"{page}: a placeholder left in the page"
    leftovers = [
        path for path in pages_of(zensical_site) if re.search(r"<(p|li|td|dd)>\s*:::", _html(zensical_site, path))
    ]
    assert leftovers == [], "`:::` text in these pages"
    for chart_id in contents.charts:
        written = [path for path in chart_paths(chart_id) if (zensical_site / path).is_file()]
        assert {f"charts/{chart_id}/{name}" for name in ("index.html", "data.csv", "data.json", "figure.json")} <= set(
            written
        ), chart_id
        assert any(path.endswith(".svg") for path in written), f"{chart_id}: no poster"
    assert (zensical_site / MANIFEST).is_file()


def test_figure_urls_resolve_from_each_page(zensical_site):
    """Zensical rewrites the content's links from the page's source folder: every chart file a page
    names (links, posters, the loader's figure) is there, from that page's own URL.
    """
    missing = []
    for path in pages_of(zensical_site):
        if path.startswith("charts/") or path == "404.html":
            continue
        html = _html(zensical_site, path)
        for url in re.findall(r'(?:href|src|srcset|data-sb-figure)="([^"#?:]*charts/[^"#?]*)"', html):
            target = (zensical_site / path / url).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.append(f"{path or '/'}: {url}")
    assert missing == []


def test_the_front_end_files_are_named_in_every_page(zensical_site):
    assets = sorted((zensical_site / "assets" / "site-builder").glob("site-builder.*"))
    assert sorted(p.suffix for p in assets) == [".css", ".js"]
    for path in pages_of(zensical_site):
        html = _html(zensical_site, path)
        for asset in assets:
            assert f"assets/site-builder/{asset.name}" in html, (path, asset.name)


def test_without_the_extension_listed_the_build_fails_saying_why(tmp_path):
    project = zensical_project(tmp_path / "kosovo")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(rf"(?m)^\s*- {re.escape(NAME)}.*\n", "", config.read_text()), encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1
    expected = "mkdocs.yml: markdown_extensions: `markdown_extensions:` does not list"
    assert result.stderr.startswith(expected), result.stderr
    assert f"hint: add the line `  - {NAME}`" in result.stderr
    assert not (project / "site").exists(), "nothing is written"


def test_plain_zensical_build_fails_rather_than_show_the_lines(tmp_path):
    """`zensical build` alone runs our extension, which has no build to fill the page from: it stops
    with the page, the line and how to build, and no `:::` text is published.
    """
    project = zensical_project(tmp_path / "kosovo")
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build"], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "content/" in result.stderr and "would be shown to readers as text" in result.stderr, result.stderr
    assert "make site ENGINE=zensical" in result.stderr


def test_a_line_no_embed_knows_fails_the_build(tmp_path):
    project = zensical_project(tmp_path / "kosovo")
    page = project / "content" / "timeline.md"
    page.write_text(page.read_text() + "\n::: gallery kfor\n", encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1
    assert "content/timeline.md" in result.stderr and "::: gallery kfor" in result.stderr, result.stderr
    assert not (project / "site").exists(), "the previous site (none) stays"


def test_a_content_problem_fails_before_anything_is_written(tmp_path):
    project = zensical_project(tmp_path / "kosovo")
    page = project / "content" / "kfor.md"
    page.write_text(page.read_text().replace("::: chart kfor_troops", "::: chart kfor_trops"), encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1
    assert re.search(r"content/kfor\.md:\d+: .*kfor_trops", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_front_matter_and_nav_slips_fail_as_under_mkdocs(tmp_path):
    """The checks `site-builder check` and the MkDocs plugin make (issue 15) hold on Zensical too."""
    project = zensical_project(tmp_path / "kosovo")
    page = project / "content" / "kfor.md"
    page.write_text(
        page.read_text().replace("title: KFOR troop strength", "title: KFOR in 2024: who"), encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Timeline: timeline.md\n", ""), encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1
    assert "content/kfor.md:2:20: front matter: YAML syntax error" in result.stderr, result.stderr
    assert "content/timeline.md: the page is not in the navigation" in result.stderr
    assert not (project / "site").exists()


def _html(site: Path, path: str) -> str:
    file = site / path if path.endswith(".html") else site / path / "index.html"
    return file.read_text(encoding="utf-8")


def test_front_matter_reaches_the_theme_escaped(tmp_path):
    """Zensical's templates do not autoescape what a page's front matter says (nor do MkDocs'):
    our extension escapes it once, as the MkDocs plugin does, for the title, the description and
    the social tags alike.
    """
    project = zensical_project(tmp_path / "kosovo")
    page = project / "content" / "corrections.md"
    hostile = '---\ntitle: "<b>T</b> & co"\ndescription: "\\"><script>alert(1)</script>"\n---\n\n'
    page.write_text(hostile + page.read_text().split("---\n", 2)[-1], encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>T</b>" not in html
    assert "<title>&lt;b&gt;T&lt;/b&gt; &amp; co" in html
    assert 'content="&lt;b&gt;T&lt;/b&gt; &amp; co – ' in html, "og:title, escaped once"


def test_serve_previews_every_chart_across_a_rebuild(tmp_path):
    """`serve`: the pages with their figures, and the chart files, still there after Zensical's
    rebuild on a save (which empties its folder); the site folder itself is never written.
    """
    import socket
    import time
    import urllib.request

    project = zensical_project(tmp_path / "kosovo")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    origin = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "site_builder.engines.zensical", "serve", "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "SITE_URL": f"{origin}/"}
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def fetch(path: str, until: float) -> str:
        while True:
            try:
                with urllib.request.urlopen(f"{origin}/{path}", timeout=5) as response:
                    return response.read().decode("utf-8")
            except OSError:
                if time.monotonic() > until or server.poll() is not None:
                    server.kill()
                    raise AssertionError(
                        f"{path}: not served; the server said:\n{server.communicate()[1].decode()}"
                    ) from None
                time.sleep(0.3)

    try:
        deadline = time.monotonic() + 120
        assert 'data-sb-chart="kfor_troops"' in fetch("kfor/", deadline)
        assert fetch("charts/kfor_troops/data.csv", deadline)
        page = project / "content" / "kfor.md"
        page.write_text(page.read_text() + "\nA line added while serving.\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while "A line added while serving." not in fetch("kfor/", deadline):
            assert time.monotonic() < deadline, "the page was not rebuilt"
            time.sleep(0.3)
        time.sleep(1)  # our files are put back within a moment of the rebuild
        assert fetch("charts/kfor_troops/data.csv", time.monotonic() + 5)
        html = fetch("kfor/", deadline)
        assert 'data-sb-figure="../charts/kfor_troops/figure.json"' in html
        assert 'src="../charts/kfor_troops/' in html
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C
        server.wait(30)
    assert not (project / "site").exists(), "a preview writes into a folder of its own"
    assert not list(project.glob(".site.tmp-*")), "and removes it when it ends"
