"""Strict builds of the `mini` sample project, read back as HTML and files."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.conftest import build


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_chart_page_has_a_complete_figure(mini_site):
    html = read(mini_site, "troops/index.html")
    figure = re.search(r'<figure class="sb-chart[^"]*" id="chart-troops_line".*?</figure>', html, re.S).group(0)
    assert '<span class="sb-chart__title">Troops over time</span>' in figure
    assert '<span class="sb-chart__subtitle">Soldiers deployed</span>' in figure
    # The text alternative is each poster's alt (the drawn chart's label, once drawn)
    assert figure.count('alt="A line falling from 50,000 in 1999 to 4,500 in 2023."') == 2
    assert (
        '<a href="https://www.nato.int/" rel="noopener noreferrer">NATO, <cite>Key facts</cite></a> (2025-04);'
        in figure
    )
    assert "A newspaper, <cite>A report</cite>" in figure
    assert "Note: Figures from two sources." in figure
    assert "1 of the figures shown is unconfirmed" in figure
    assert "Data as of 1 October 2023." in figure
    assert 'href="../charts/troops_line/data.csv"' in figure and 'href="../charts/troops_line/data.json"' in figure
    assert '<th scope="col">' in figure and "<table>" in figure
    # The figure is fetched when the chart draws, from the "Plotly figure" download
    assert 'data-sb-figure="../charts/troops_line/figure.json"' in figure and "<template" not in figure
    figure_data = json.loads(read(mini_site, "charts/troops_line/figure.json"))
    assert figure_data["data"] and "layout" in figure_data


def test_each_chart_shows_its_posters_in_the_plots_box(mini_site):
    """Light and dark, a narrow one for phones, each named with the size it is drawn at, so the box
    is reserved before any image arrives; maps' posters are WebP, the others SVG.
    """
    for page, chart, image in (("troops/", "troops_line", "svg"), ("deep/map/", "states_map", "webp")):
        html, up = read(mini_site, page + "index.html"), "../" * page.count("/")
        figure = re.search(rf'<figure class="sb-chart sb-chart--poster" id="chart-{chart}".*?</figure>', html, re.S)
        pictures = re.findall(r'<picture class="sb-chart__poster sb-chart__poster--(\w+)">(.*?)</picture>', figure[0])
        assert [scheme for scheme, _ in pictures] == ["light", "dark"]
        for scheme, picture in pictures:
            assert (
                f'<source media="(max-width: 600px)" srcset="{up}charts/{chart}/poster-{scheme}-narrow.{image}" '
                'width="380" height="320">'
            ) in picture
            assert (
                f'<img src="{up}charts/{chart}/poster-{scheme}-wide.{image}" width="720" height="400" alt="' in picture
            )
            assert 'loading="lazy"' in picture
        assert (
            '<button type="button" class="sb-chart__explore"' in figure[0] and " hidden>Explore</button>" in figure[0]
        )


def test_chart_files_have_stable_urls(mini_site):
    for chart in ("troops_line", "states_map", "states_step"):
        image = "webp" if chart == "states_map" else "svg"
        posters = [f"poster-{scheme}-{size}.{image}" for scheme in ("light", "dark") for size in ("wide", "narrow")]
        for name in ("data.csv", "data.json", "figure.json", "index.html", "chart.png", "chart.svg", *posters):
            assert (mini_site / "charts" / chart / name).is_file(), f"charts/{chart}/{name}"
    rows = list(csv.reader(io.StringIO(read(mini_site, "charts/troops_line/data.csv"))))
    assert len(rows) == 5 and any("50000" in cell or "50,000" in cell for cell in rows[1])
    standalone = read(mini_site, "charts/states_map/index.html")
    assert '<figure class="sb-chart sb-chart--poster" id="chart-states_map"' in standalone
    assert re.search(r'<script src="../../assets/site-builder/site-builder\.[0-9a-f]{8}\.js">', standalone)


def test_plotly_is_served_by_the_site_and_only_chart_pages_name_it(mini_site):
    assets = mini_site / "assets" / "site-builder"
    bundles = sorted(p.name for p in assets.glob("plotly-*.js"))
    assert bundles and all(re.fullmatch(r"plotly-[a-z]+\.[0-9a-f]{8}\.js", name) for name in bundles)
    line_page, map_page, home = (
        read(mini_site, "troops/index.html"),
        read(mini_site, "deep/map/index.html"),
        read(mini_site, "index.html"),
    )
    assert re.search(r'data-sb-bundle="plotly-basic\.[0-9a-f]{8}\.js"', line_page)
    assert re.search(r'data-sb-bundle="plotly-geo\.[0-9a-f]{8}\.js"', map_page)
    assert "data-sb-bundle" not in home and "plotly" not in home.lower().replace("site-builder", "")
    assert "::: chart not_an_embed_inside_code" in home


def test_no_third_party_hosts_in_pages(mini_site):
    for page in mini_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for host in ("cdn.plot.ly", "fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com"):
            assert host not in html, f"{page}: {host}"
        for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', html):
            assert url.startswith("http://127.0.0.1:8000/"), f"{page}: {url}"


def test_map_draws_the_world_from_local_geometry(mini_site):
    figure = json.loads(read(mini_site, "charts/states_map/figure.json"))
    assert figure["layout"]["geo"]["fitbounds"] is False
    assert {trace["type"] for trace in figure["data"]} == {"choropleth"}
    assert list((mini_site / "assets" / "site-builder").glob("topojson-*/world_110m.json"))


def failed_build(project: Path, out: Path, caplog) -> str:
    """Build, expect MkDocs to abort, and return what it logged as the error."""
    with pytest.raises(Abort):
        build(project, out)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_unknown_chart_fails_with_page_line_and_suggestion(mini, tmp_path, caplog):
    (mini / "content" / "troops.md").write_text("---\ntitle: T\n---\n\n# T\n\n::: chart troops_lin\n")
    error = failed_build(mini, tmp_path / "out", caplog)
    assert "content/troops.md:7: chart 'troops_lin' not found in charts/\n  hint: did you mean 'troops_line'?" in error
    assert not (tmp_path / "out").exists()


def test_bad_dataset_fails_before_anything_is_written(mini, tmp_path, caplog):
    path = mini / "data" / "troops.yml"
    path.write_text(path.read_text().replace("troops: 15000", "troops: '15000'"))
    error = failed_build(mini, tmp_path / "out", caplog)
    assert "data/troops.yml:28:28: records[1].troops: expected an integer, got '15000'" in error
    assert "charts/" not in error  # the chart on the broken dataset is not reported as well
    assert not (tmp_path / "out").exists()


def test_unknown_dataset_in_a_spec_suggests_the_right_one(mini, tmp_path, caplog):
    path = mini / "charts" / "troops_line.yml"
    path.write_text(path.read_text().replace("dataset: troops", "dataset: trops"))
    error = failed_build(mini, tmp_path / "out", caplog)
    assert (
        "charts/troops_line.yml:2:10: dataset: dataset 'trops' not found in data/\n  hint: did you mean 'troops'?"
        in error
    )


def test_unknown_field_in_a_spec_suggests_the_right_one(mini, tmp_path, caplog):
    path = mini / "charts" / "troops_line.yml"
    path.write_text(path.read_text().replace("y: troops", "y: trops"))
    error = failed_build(mini, tmp_path / "out", caplog)
    assert (
        "charts/troops_line.yml:8:4: y: field 'trops' not found in dataset 'troops'\n  hint: did you mean 'troops'?"
        in error
    )


def test_pages_may_link_to_a_charts_downloads_in_markdown(mini, tmp_path):
    """The chart files are written by the chart process, not copied by MkDocs, but MkDocs knows
    them: a strict build validates a Markdown link to one like any other file's.
    """
    page = mini / "content" / "troops.md"
    page.write_text(page.read_text() + "\n[The figures as CSV](charts/troops_line/data.csv)\n")
    site = build(mini, tmp_path / "site")
    assert 'href="../charts/troops_line/data.csv"' in (site / "troops" / "index.html").read_text()
    assert (site / "charts" / "troops_line" / "data.csv").read_text().splitlines()[0].startswith("Date,")


def test_a_link_to_a_download_of_no_chart_fails_a_strict_build(mini, tmp_path):
    page = mini / "content" / "troops.md"
    page.write_text(page.read_text() + "\n[Nothing](charts/troops_lines/data.csv)\n")
    with pytest.raises(Abort, match="strict mode"):
        build(mini, tmp_path / "site")


def tree_digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_builds_are_byte_identical(mini, tmp_path):
    first = tree_digest(build(mini, tmp_path / "one"))
    second = tree_digest(build(mini, tmp_path / "two"))
    assert first == second


def test_share_and_cite_under_each_chart(mini_site):
    html = read(mini_site, "troops/index.html")
    figure = re.search(r'<figure class="sb-chart[^"]*" id="chart-troops_line".*?</figure>', html, re.S).group(0)
    textarea = re.search(r'<textarea id="embed-troops_line"[^>]*>(.*?)</textarea>', figure, re.S)[1]
    assert unescape(textarea) == (
        '<iframe src="http://127.0.0.1:8000/charts/troops_line/" title="Troops over time" width="100%" height="640" '
        'style="border:0" loading="lazy"></iframe>'
    )
    assert (
        "“Troops over time”. Mini site, data as of 1 October 2023. http://127.0.0.1:8000/charts/troops_line/. "
        "Data: NATO; A newspaper." in figure
    )
    # The image downloads are the card drawn at build time: plain links, no script needed
    assert '<a href="../charts/troops_line/chart.png" download="troops_line.png">image (PNG)</a>' in figure
    assert '<a href="../charts/troops_line/chart.svg" download="troops_line.svg">image (SVG)</a>' in figure
    assert 'data-format="png"' not in figure


def test_every_page_has_social_metadata(mini_site):
    for page in ("index.html", "troops/index.html", "deep/map/index.html"):
        html = read(mini_site, page)
        for tag in (
            'property="og:title"',
            'property="og:description"',
            'property="og:url"',
            'name="twitter:card"',
            'name="twitter:title"',
            'rel="canonical"',
        ):
            assert tag in html, f"{page}: {tag}"
    assert '<meta property="og:title" content="Troops – Mini site">' in read(mini_site, "troops/index.html")


def test_notes_for_editors_reach_no_file_of_the_site(mini_site):
    """`editor_note:` and `editor_notes:` are the desk's: no page, hover, table, download or index has them."""
    leaks = [
        path.relative_to(mini_site).as_posix()
        for path in sorted(mini_site.rglob("*"))
        if path.is_file()
        and path.suffix != ".gz"
        and re.search(rb"EDITORS-ONLY|verify before publication", path.read_bytes(), re.I)
    ]
    assert leaks == []
    assert "Unconfirmed." in read(mini_site, "charts/troops_line/data.csv")  # the readers' note is published


def test_no_page_of_the_mini_site_uses_an_id_twice(mini_site):
    for path in sorted(mini_site.rglob("*.html")):
        ids = re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8"))
        assert len(ids) == len(set(ids)), f"{path.relative_to(mini_site)}: {sorted(i for i in ids if ids.count(i) > 1)}"
