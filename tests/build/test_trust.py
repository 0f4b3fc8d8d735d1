"""Trust: hostile strings stay text, a failed build leaves the previous site alone, and two builds
of the same sources are byte-identical.

The `hostile` fixture (tests/fixtures/hostile, written by its generate.py) puts known XSS,
template and CSV-injection payloads into every text field of a dataset, of six charts and of the
pages' front matter. tests/browser/test_xss.py loads the same site in Chromium.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import io
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from mkdocs.exceptions import Abort

import site_builder
from site_builder.reader.tables import json_text
from tests.conftest import FIXTURES, build, copy_project
from tests.unit.test_tables import assert_csv_is_json_twin

PAYLOADS: list[str] = json.loads((FIXTURES / "hostile" / "payloads.json").read_text())


def as_html_reads(text: str) -> str:
    """Text as HTML gives it to readers: a browser (and our parser) reads CR and CRLF as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


READ = {as_html_reads(payload) for payload in PAYLOADS}
SITE_NAME = "Hostile fixture"


# -- hostile strings -----------------------------------------------------------------------------


class Page(HTMLParser):
    """What a browser would make of a page: elements, attributes, text, inline scripts, templates."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.templates: list[str] = []
        self._open: list[str] = []
        self.raw = text
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._open.append(tag)
        if tag in ("script", "template"):
            (self.scripts if tag == "script" else self.templates).append("")

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)
        if self._open and self._open[-1] == "script":
            self.scripts[-1] += data
        if self._open and self._open[-1] == "template":
            self.templates[-1] += data

    def title(self) -> str:
        match = re.search(r"<title>(.*?)</title>", self.raw, re.S)
        return Page(match.group(1)).all_text() if match else ""

    def all_text(self) -> str:
        return "".join(self.text)

    def meta(self, key: str, value: str) -> list[str]:
        return [attrs.get("content") for tag, attrs in self.elements if tag == "meta" and attrs.get(key) == value]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build(copy_project("hostile", tmp_path_factory.mktemp("hostile")))


@pytest.fixture(scope="module")
def pages(hostile_site) -> dict[str, Page]:
    return {
        p.relative_to(hostile_site).as_posix(): Page(p.read_text(encoding="utf-8"))
        for p in sorted(hostile_site.rglob("*.html"))
    }


def test_the_fixture_holds_every_payload():
    """generate.py and the committed files agree, and every payload is in data, charts and pages."""
    root = FIXTURES / "hostile"
    data = (root / "data" / "hostile.yml").read_text() + "".join(
        p.read_text() for p in sorted((root / "charts").glob("*.yml"))
    )
    pages = "".join(p.read_text() for p in sorted((root / "content").rglob("*.md")))
    for payload in PAYLOADS:
        written = json.dumps(payload)
        assert written in data and written in pages, payload
    must = [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "'><svg onload=alert(1)>",
        "</template><script>alert(1)</script>",
        "</script><script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        "javascript:alert(1)",
        "%{x}<img src=x onerror=alert(1)>",
        "{{7*7}}",
        '=HYPERLINK("http://x")',
        "+cmd",
        "-2+3",
        "@SUM(1)",
    ]
    assert set(must) <= set(PAYLOADS) and any("\u2028" in p for p in PAYLOADS)


def test_every_payload_reaches_readers_as_text(hostile_site, pages):
    text = "\n".join(page.all_text() + "".join(json.dumps(a) for _, a in page.elements) for page in pages.values())
    figures = "".join(p.read_text(encoding="utf-8") for p in sorted(hostile_site.glob("charts/*/figure.json")))
    for payload in PAYLOADS:
        assert as_html_reads(payload) in text, f"{payload!r} is not shown anywhere"
        # in the figure JSON: escaped for plotly's label rendering, then JSON-encoded, script-safe
        label = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert json.dumps(label, ensure_ascii=False)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e").replace(
            "&", "\\u0026"
        ).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") in figures or payload in ("{{7*7}}",), payload


def test_no_payload_becomes_markup(pages):
    for name, page in pages.items():
        for tag, attrs in page.elements:
            assert tag not in ("img", "iframe", "svg") or not ({"onerror", "onload", "srcdoc"} & set(attrs)), (
                f"{name}: <{tag} {attrs}>"
            )
            assert not any(key.startswith("on") for key in attrs), f"{name}: <{tag} {attrs}>"
            for key in ("href", "src", "action", "formaction"):
                assert not (attrs.get(key) or "").strip().lower().startswith("javascript:"), f"{name}: <{tag} {attrs}>"
            assert tag != "b" or not attrs, f"{name}: <b {attrs}>"
        for script in page.scripts:
            assert "alert(" not in script, f"{name}: a payload became a script: {script[:100]!r}"
        assert page.raw.count("<template") == page.raw.count("</template>") == len(page.templates), name


def test_figure_json_is_inert_and_labels_are_escaped(hostile_site, pages):
    # The figure is fetched from charts/<id>/figure.json when a chart draws: no page carries it.
    assert not [name for name, page in pages.items() if page.templates], "figure JSON inlined in a page"
    figures = sorted(hostile_site.glob("charts/*/figure.json"))
    assert len(figures) >= 6
    for text in [p.read_text() for p in figures]:
        assert not re.search(r"[<>\u2028\u2029]", text), "figure JSON must escape <, > and line separators"
        figure = json.loads(text)
        for key, value in strings(figure):
            tags = set(re.findall(r"<\s*/?\s*([a-zA-Z0-9]+)", value))
            assert tags <= {"b", "br"}, f"{key}: {value[:120]!r}"  # only the generator's own hover markup
            assert key not in ("hovertemplate", "texttemplate", "template"), f"{key}: {value[:80]!r}"


def strings(value, key=""):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from strings(item, k)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, key)


def test_chart_images_show_every_payload_as_text(hostile_site):
    """The posters and cards are drawn by plotly.js from the same escaped labels: in an SVG a
    payload is text (entities), never an element, an attribute or a link; a reader opening the
    SVG download or a site embedding it runs nothing.
    """
    svgs = sorted(hostile_site.glob("charts/*/*.svg"))
    charts = sorted((hostile_site / "charts").iterdir())
    assert len(charts) >= 6 and all((chart / "chart.svg").is_file() for chart in charts)
    assert len(svgs) >= 5 * len(charts) - 4  # four posters and the card's SVG a chart (a map's posters are WebP)
    texts = []
    for path in svgs:
        root = ElementTree.parse(path).getroot()  # well-formed XML, or this fails
        for element in root.iter():
            tag = element.tag.rpartition("}")[2]
            assert tag in SVG_ELEMENTS, f"{path}: <{tag}>"
            for name, value in element.attrib.items():
                name = name.rpartition("}")[2]
                assert not name.lower().startswith("on"), f"{path}: <{tag} {name}>"
                assert not value.strip().lower().startswith("javascript:"), f"{path}: <{tag} {name}={value!r}>"
            texts.append(element.text or "")
    assert "<script>alert(1)</script>" in "\n".join(texts), "a hostile title is drawn as its text"


# What plotly.js writes into an SVG: nothing that runs or loads (no script, foreignObject, image, a).
SVG_ELEMENTS = {
    "svg",
    "g",
    "rect",
    "path",
    "defs",
    "clipPath",
    "text",
    "tspan",
    "line",
    "circle",
    "style",
    "linearGradient",
    "radialGradient",
    "stop",
    "pattern",
    "polygon",
    "polyline",
    "ellipse",
}


def test_csv_cells_cannot_be_formulas(hostile_site):
    files = sorted(hostile_site.glob("charts/*/data.csv"))
    assert len(files) == 6
    cells = [
        cell for path in files for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row
    ]
    for payload in ('=HYPERLINK("http://x")', "+cmd", "-2+3", "@SUM(1)", "\t=1+1"):
        assert "'" + payload in cells, payload
    for cell in cells:
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
            float(cell)  # only numbers may start so (a negative figure)


def test_front_matter_is_escaped_exactly_once(pages):
    """Material writes front matter into <title>, the navigation and <meta name=description> as it is."""
    titled = {
        name: page for name, page in pages.items() if name not in ("404.html",) and not name.startswith("charts/")
    }
    assert len(titled) == 5 + len(PAYLOADS) - 10
    seen = set()
    for name, page in titled.items():
        title = page.title()
        payload = title[: -len(f" - {SITE_NAME}")] if title.endswith(f" - {SITE_NAME}") else title
        assert payload in READ, f"{name}: <title> reads {title!r}"
        description = page.meta("name", "description")
        assert description and description[0] in READ, f"{name}: {description!r}"
        assert page.meta("property", "og:title")[0].startswith(payload)
        seen.add(payload)
    assert "{{7*7}}" in seen and "&lt;script&gt;alert(1)&lt;/script&gt;" in seen  # neither evaluated nor unescaped
    navigation = pages["index.html"].all_text()
    for payload in seen:
        assert payload in navigation  # every page is listed, with its title as text


def test_source_links_stay_web_addresses(pages):
    links = [
        attrs["href"]
        for page in pages.values()
        for tag, attrs in page.elements
        if tag == "a" and "example.org" in attrs.get("href", "")
    ]
    assert links and all(
        link.startswith("https://example.org/") and link.endswith('"><svg/onload=alert(1)>') for link in links
    )


# -- atomic builds -------------------------------------------------------------------------------


def tree_digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name or ".old-" in p.name)


@pytest.fixture
def built(mini, tmp_path):
    """The `mini` project, built once into out/site: (project, site, digest of the site)."""
    site = build(mini, tmp_path / "out" / "site")
    (site / ".nojekyll").write_text("")  # a dot-file MkDocs' clean would keep
    return mini, site, tree_digest(site)


def assert_unchanged(site: Path, before: dict) -> None:
    assert tree_digest(site) == before
    assert leftovers(site.parent) == []


def test_bad_data_leaves_the_previous_site(built):
    project, site, before = built
    path = project / "data" / "troops.yml"
    path.write_text(path.read_text().replace("troops: 15000", "troops: '15000'"))
    with pytest.raises(Abort):
        build(project, site)
    assert_unchanged(site, before)


def test_a_missing_chart_leaves_the_previous_site(built):
    project, site, before = built
    (project / "content" / "troops.md").write_text("# T\n\n::: chart nowhere\n")
    with pytest.raises(Abort):
        build(project, site)
    assert_unchanged(site, before)


def test_an_exception_while_pages_are_written_leaves_the_previous_site(built, monkeypatch):
    """MkDocs copies the theme's files before it renders pages: without a swap, half a site."""
    project, site, before = built

    def broken(*args, **kwargs):
        raise RuntimeError("a plugin failed")

    monkeypatch.setattr("site_builder.build.pages.render_social_meta", broken)  # called as each page is written
    with pytest.raises(RuntimeError, match="a plugin failed"):
        build(project, site)
    assert_unchanged(site, before)


def test_a_failure_while_the_charts_are_made_leaves_the_previous_site(built, monkeypatch, caplog):
    """The charts are made in a second process (chartwork.py): its exception fails the build, with its traceback."""
    project, site, before = built

    def broken(*args, **kwargs):
        raise RuntimeError("a chart failed")

    monkeypatch.delenv("SITE_BUILDER_WORKERS", raising=False)
    monkeypatch.setattr(
        "site_builder.build.publish.prepare_charts", broken
    )  # one chart's failure is its file's problem
    with pytest.raises(Abort):
        build(project, site)
    assert "making the charts failed" in caplog.text and "RuntimeError: a chart failed" in caplog.text
    assert_unchanged(site, before)
    assert multiprocessing.active_children() == []


def test_a_chart_process_that_dies_fails_the_build_with_advice(built, monkeypatch, caplog):
    project, site, before = built
    monkeypatch.delenv("SITE_BUILDER_WORKERS", raising=False)
    monkeypatch.setattr("site_builder.build.publish.render_figure", lambda *args, **kwargs: os._exit(3))
    with pytest.raises(Abort):
        build(project, site)
    assert "the process making the charts stopped (exit code 3)" in caplog.text
    assert "SITE_BUILDER_WORKERS=1" in caplog.text
    assert_unchanged(site, before)


def test_a_bad_dataset_and_a_bad_page_are_reported_together(built, caplog):
    """Pages are checked in the MkDocs process and the project in the chart process: one list all the same."""
    project, site, before = built
    path = project / "data" / "troops.yml"
    path.write_text(path.read_text().replace("troops: 15000", "troops: '15000'"))
    (project / "content" / "troops.md").write_text("# T\n\n::: chart nowhere\n")
    with pytest.raises(Abort):
        build(project, site)
    assert "data/troops.yml:" in caplog.text and "content/troops.md:3: chart 'nowhere' not found" in caplog.text
    assert "2 problems found." in caplog.text
    assert_unchanged(site, before)


def test_strict_mode_warnings_leave_the_previous_site(built):
    """`--strict` fails the build after on_post_build: the new site must not be in place by then."""
    project, site, before = built
    page = project / "content" / "troops.md"
    page.write_text(page.read_text() + "\n[a link to nowhere](nowhere.md)\n")
    with pytest.raises(Abort, match="strict mode"):
        build(project, site)
    assert_unchanged(site, before)


def test_an_interrupt_leaves_the_previous_site(built, monkeypatch):
    """Ctrl-C is no Exception: MkDocs skips on_build_error, and the plugin cleans up in on_shutdown."""
    project, site, before = built

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("site_builder.build.pages.render_social_meta", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(project, site)
    assert_unchanged(site, before)
    assert multiprocessing.active_children() == []  # the chart process ended with the build


def test_a_failed_first_build_leaves_nothing(mini, tmp_path):
    (mini / "content" / "troops.md").write_text("# T\n\n::: chart nowhere\n")
    with pytest.raises(Abort):
        build(mini, tmp_path / "out" / "site")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_good_build_replaces_the_site_and_keeps_dot_files(built):
    project, site, before = built
    page = project / "content" / "troops.md"
    page.write_text(page.read_text().replace("# Troops", "# Soldiers"))
    build(project, site)
    after = tree_digest(site)
    assert after["troops/index.html"] != before["troops/index.html"]
    assert after[".nojekyll"] == before[".nojekyll"]
    assert leftovers(site.parent) == []


def test_a_preview_server_builds_in_place(mini, tmp_path):
    """`mkdocs serve` serves its own temporary folder and rebuilds it: no swap there."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(mini / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        config = config.plugins.on_config(config)
        assert config.site_dir == str(tmp_path / "served")
    finally:
        config.plugins.on_shutdown()
    config = load_config(config_file=str(mini / "mkdocs.yml"), site_dir=str(tmp_path / "built"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        assert Path(config.site_dir).parent == tmp_path and Path(config.site_dir).name.startswith(".built.tmp-")
    finally:
        config.plugins.on_shutdown()
    assert leftovers(tmp_path) == []


# -- reproducible builds -------------------------------------------------------------------------


def test_two_builds_in_different_folders_with_different_times_are_identical(tmp_path):
    one = copy_project("mini", tmp_path / "a")
    two = copy_project("mini", tmp_path / "elsewhere" / "deeper" / "b")
    for number, path in enumerate(sorted(p for p in two.rglob("*") if p.is_file() and "node_modules" not in p.parts)):
        os.utime(path, (1_000_000_000 + number * 86_400, 1_000_000_000 + number * 86_400))
    first, second = tree_digest(build(one)), tree_digest(build(two, two / "public"))
    assert first == second
    assert "build-manifest.json" in first and "sitemap.xml.gz" in first


def test_charts_made_in_one_process_or_two_give_the_same_site(tmp_path, monkeypatch):
    forked = tree_digest(build(copy_project("mini", tmp_path / "a")))
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    inline = tree_digest(build(copy_project("mini", tmp_path / "b")))
    assert forked == inline


def test_the_manifest_describes_the_site_and_its_inputs(mini):
    site = build(mini)
    manifest = json.loads((site / "build-manifest.json").read_text())
    files = tree_digest(site)
    del files["build-manifest.json"]
    assert manifest["files"] == files
    assert manifest["generator"] == {"name": "site-builder", "version": site_builder.__version__}
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["plotly.js"])
    inputs = sorted(
        p.relative_to(mini).as_posix()
        for folder in ("data", "charts", "content")
        for p in (mini / folder).rglob("*")
        if p.is_file()
    )
    assert list(manifest["inputs"]) == sorted(inputs + ["mkdocs.yml"])
    assert (
        manifest["inputs"]["data/troops.yml"] == hashlib.sha256((mini / "data" / "troops.yml").read_bytes()).hexdigest()
    )
    text = (site / "build-manifest.json").read_text()
    assert text == json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_the_gzipped_sitemap_carries_no_time(mini):
    data = (build(mini) / "sitemap.xml.gz").read_bytes()
    assert data[4:8] == b"\0\0\0\0"
    assert gzip.decompress(data) == (mini / "site" / "sitemap.xml").read_bytes()


def test_dates_come_from_the_last_commit_when_the_date_is_not_given(mini, monkeypatch):
    """Plain `mkdocs build` (without the Makefile's SOURCE_DATE_EPOCH) dates the sitemap by the last commit,
    not today.
    """
    env = {
        **os.environ,
        "GIT_COMMITTER_DATE": "2024-01-02T03:04:05Z",
        "GIT_AUTHOR_DATE": "2024-01-02T03:04:05Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "init", "-q", str(mini)], check=True)
    subprocess.run(["git", "-C", str(mini), "add", "data", "charts", "content", "mkdocs.yml"], check=True)
    subprocess.run(["git", "-C", str(mini), "commit", "-qm", "fixture"], check=True, env=env)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    site = build(mini)
    assert "<lastmod>2024-01-02</lastmod>" in (site / "sitemap.xml").read_text()
    assert json.loads((site / "build-manifest.json").read_text())["source_date_epoch"] == "1704164645"


def dirty_build(project: Path, site: Path) -> None:
    """`mkdocs build --dirty`: re-renders only what changed, into a copy of the current site."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(
        config_file=str(project / "mkdocs.yml"), site_dir=str(site)
    )  # MkDocs warns about --dirty: not strict
    config.plugins.on_startup(command="build", dirty=True)
    try:
        mkdocs_build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()


def test_a_dirty_build_starts_from_a_copy_of_the_site(built):
    project, site, before = built
    page = project / "content" / "troops.md"
    page.write_text(page.read_text().replace("# Troops", "# Soldiers"))
    dirty_build(project, site)
    after = tree_digest(site)
    assert set(after) == set(before)
    assert after["troops/index.html"] != before["troops/index.html"] and after["index.html"] == before["index.html"]
    assert leftovers(site.parent) == []
    (project / "content" / "troops.md").write_text("# T\n\n::: chart nowhere\n")
    with pytest.raises(Abort):
        dirty_build(project, site)
    assert_unchanged(site, after)


def test_the_embed_snippet_is_one_iframe_whatever_the_title(pages):
    """Issue 14, class 1: the snippet a newsroom pastes is code of its own; a title that closes its
    attribute must not add attributes or elements to it. Escaped for the snippet's attribute, then
    again for the textarea that shows it (reader/templates/embed_code.html, figure.html).
    """
    snippets = [
        unescape(text)
        for page in pages.values()
        for text in re.findall(r'<textarea[^>]*class="sb-chart__embed-code"[^>]*>(.*?)</textarea>', page.raw, re.S)
    ]
    assert len(snippets) >= 6
    hostile = 0
    for snippet in snippets:
        pasted = Page(snippet)
        assert [tag for tag, _ in pasted.elements] == ["iframe"], snippet
        attrs = pasted.elements[0][1]
        assert set(attrs) == {"src", "title", "width", "height", "style", "loading"}, snippet
        assert attrs["src"].startswith("http") and "/charts/" in attrs["src"]
        hostile += any(payload in attrs["title"] for payload in PAYLOADS)
    assert hostile, "the hostile titles reached the snippets"


def test_every_page_is_valid_html_with_unique_ids(pages):
    """Issue 14, class 4: no id twice on a page (a chart shown twice is refused; see test_contents.py)."""
    for name, page in pages.items():
        ids = [attrs["id"] for _, attrs in page.elements if attrs.get("id")]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert not repeated, f"{name}: ids used twice: {repeated}"


# -- a killed build leaves no process behind --------------------------------------------------------

MARK = "SITE_BUILDER_TEST_MARK"  # inherited by every process a build starts: the chart process, Playwright, Chromium


def processes_of(mark: str) -> dict[int, tuple[int, str]]:
    """The live processes whose environment holds `mark`: pid -> (parent's pid, command line)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environment = Path(f"/proc/{entry}/environ").read_bytes()
            status = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if f"{MARK}={mark}".encode() in environment.split(b"\0") and status[0] != "Z":
            found[int(entry)] = (int(status[1]), command)
    return found


# When to kill: the chart process forked (waiting for the pages' embeds, or loading), Playwright's
# driver started, Chromium drawing, and a moment later in the drawing.
MOMENTS = {
    "chart process": lambda build, found: any(parent == build for parent, _ in found.values()),
    "playwright driver": lambda build, found: any("playwright" in command for _, command in found.values()),
    "chromium": lambda build, found: any("chromium" in command for _, command in found.values()),
    "chromium, later": lambda build, found: any("chromium" in command for _, command in found.values()),
}


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds a build's processes in /proc")
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_build_leaves_no_process_behind(mini, moment):
    """SIGKILL runs no clean-up: the chart process (blocked on its pipe, or working), its
    workers, Playwright's driver and Chromium must each notice by themselves, within seconds.
    """
    mark = f"{moment.replace(' ', '-').replace(',', '')}-{os.getpid()}-{id(mini)}"
    environment = {**os.environ, MARK: mark}
    environment.pop("SITE_BUILDER_WORKERS", None)  # the chart process is forked
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet"],
        cwd=mini,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not MOMENTS[moment](build.pid, processes_of(mark)):
            assert build.poll() is None, f"the build ended before the moment to kill it ({moment})"
            assert time.monotonic() < deadline, f"no {moment} within a minute"
            time.sleep(0.02)
        if moment.endswith("later"):
            time.sleep(0.5)
        seen = processes_of(mark)
    finally:
        build.kill()
        build.wait()
    assert len(seen) >= 2, seen  # the build and what it started
    deadline = time.monotonic() + 5
    while (left := processes_of(mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in left:  # this test's own, so that a failure leaves nothing running either
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert not left, f"left behind after the build was killed at '{moment}': {left}"
    # Nor did the chart process finish its work first (it writes the charts' files last, after the
    # images): it ended with the build, not seconds later.
    assert not list(mini.glob(".site.tmp-*/charts/*/data.csv")), "the chart process outlived the build"


# -- CSV downloads: their JSON twin's rows, whatever the line breaks -------------------------------


def test_every_csv_download_is_its_json_twin(hostile_site):
    """Python's csv module reads from each CSV exactly the rows of the chart's data.json, though the
    values hold CR, LF, CRLF, U+2028 and NEL with formulas after them; no line of any cell starts one.
    """
    files = sorted(hostile_site.rglob("*.csv"))
    assert len(files) == 6 and all(path.name == "data.csv" for path in files)
    breaking = [payload for payload in PAYLOADS if re.search("[\r\n\u2028\x85]", payload)]
    assert len(breaking) >= 5
    seen = set()
    for path in files:
        rows = assert_csv_is_json_twin(path.read_bytes().decode("utf-8"), (path.parent / "data.json").read_text())
        seen |= {json_text(cell) for row in rows for cell in row}
    assert set(breaking) <= seen  # each reached a CSV, and reads back exactly


# -- right-to-left text, and direction controls ----------------------------------------------------

RTL_PRODUCER = "وزارة الخارجية"
RTL_TITLE = "משרד החוץ: הודעה"


def test_right_to_left_sources_reach_the_page_the_csv_and_the_card_intact(hostile_site, pages):
    assert RTL_PRODUCER in pages["lines/index.html"].all_text() and RTL_TITLE in pages["lines/index.html"].all_text()
    cells = [
        cell
        for row in csv.reader(io.StringIO((hostile_site / "charts/line_plain/data.csv").read_text(), newline=""))
        for cell in row
    ]
    assert f"{RTL_PRODUCER}, {RTL_TITLE}" in cells
    card = ElementTree.parse(hostile_site / "charts/line_plain/chart.svg").getroot()
    assert any(RTL_PRODUCER in (element.text or "") for element in card.iter())
    isolated = next(payload for payload in PAYLOADS if payload.startswith("\u2067"))
    assert isolated in pages["index.html"].all_text() + pages["titles/t26/index.html"].title()


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        (
            "charts/troops_line.yml",
            "title: Troops over time",
            'title: "Troops \\u202Eover time"',
            "charts/troops_line.yml:3:8: title: direction control U+202E (right-to-left override) at character 8 "
            "is not closed by the end of the text",
        ),
        (
            "data/troops.yml",
            "producer: A newspaper",
            "producer: A newspaper\u2067",
            "data/troops.yml:13:15: sources[1].producer: direction control U+2067 (right-to-left isolate)",
        ),
        (
            "content/troops.md",
            "",
            '---\ntitle: "Troops\\u202E"\n---\n',
            "content/troops.md:2:8: direction control U+202E (right-to-left override) at character 7",
        ),
        (
            "data/troops.yml",
            "troops: 50000",
            "troops: " + "9" * 400,
            "data/troops.yml:27:31: records[0].troops: 999999999999...999999 (400 digits) is beyond the integers",
        ),
    ],
)
def test_an_open_direction_control_or_a_huge_number_fails_the_build_at_file_line(
    mini, caplog, path, old, new, expected
):
    """Was: an override reordered what followed the field everywhere; a 400-digit figure ended the
    build with an OverflowError's traceback. Now each is a problem at its file:line, and the build
    says so without a traceback.
    """
    chart = mini / "charts" / "troops_line.yml"
    chart.write_text(chart.read_text().replace("alt: A line falling from 50,000 in 1999 to 4,500 in 2023.\n", ""))
    target = mini / path
    target.write_text(target.read_text().replace(old, new, 1) if old else new + target.read_text())
    with pytest.raises(Abort):
        build(mini)
    assert expected in caplog.text and "Traceback" not in caplog.text, caplog.text[-2000:]
