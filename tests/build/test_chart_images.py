"""Issue 13: every chart's images, made at build time, as a build publishes them.

Posters and cards are drawn in Chromium (build/images.py); here: they are where the pages say,
they are the formats and sizes named, shared links carry the card, a cold build draws the same
bytes, a machine without Chromium gets advice and keeps its last site, and a site may opt out.
"""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest

from site_builder.build.images import CHROMIUM_ENVIRONMENT
from tests.build.test_build import failed_build, read, tree_digest
from tests.conftest import build


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def webp_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", f"{path} is not a WebP"
    chunk = data[12:16]
    if chunk == b"VP8X":
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    return struct.unpack("<HH", data[26:30])[0] & 0x3FFF, struct.unpack("<HH", data[26:30])[1] & 0x3FFF


def svg_size(path: Path) -> tuple[int, int]:
    head = path.read_text(encoding="utf-8")[:600]
    return int(re.search(r' width="(\d+)"', head)[1]), int(re.search(r' height="(\d+)"', head)[1])


def test_every_poster_and_card_is_the_size_and_format_the_page_names(mini_site):
    for page in ("troops/index.html", "deep/map/index.html", "charts/states_map/index.html"):
        html = read(mini_site, page)
        folder = (mini_site / page).parent
        named = re.findall(r'(?:src|srcset)="([^"]+/poster-[^"]+)" width="(\d+)" height="(\d+)"', html)
        assert len(named) >= 4, page
        for url, width, height in named:
            path = (folder / url).resolve()
            scale = (2 if "narrow" in path.name else 1.25) if path.suffix == ".webp" else 1
            size = webp_size(path) if path.suffix == ".webp" else svg_size(path)
            assert size == (round(int(width) * scale), round(int(height) * scale)), f"{page}: {url}"
    for chart in ("troops_line", "states_map", "states_step"):
        assert png_size(mini_site / "charts" / chart / "chart.png") == (1200, 630)
        assert svg_size(mini_site / "charts" / chart / "chart.svg") == (1200, 630)


def test_shared_links_show_the_first_charts_card(mini_site):
    page = read(mini_site, "troops/index.html")
    assert '<meta property="og:image" content="http://127.0.0.1:8000/charts/troops_line/chart.png">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<meta property="og:image:alt" content="A line falling from 50,000 in 1999 to 4,500 in 2023.">' in page
    own = read(mini_site, "charts/states_map/index.html")
    assert '<meta property="og:image" content="http://127.0.0.1:8000/charts/states_map/chart.png">' in own
    home = read(mini_site, "index.html")
    assert "og:image" not in home and '<meta name="twitter:card" content="summary">' in home


def test_a_cold_build_draws_the_same_images(mini, tmp_path):
    first = tree_digest(build(mini, tmp_path / "one"))
    shutil.rmtree(mini / ".site-builder-cache")
    assert tree_digest(build(mini, tmp_path / "two")) == first


def test_without_chromium_the_build_says_what_to_install_and_keeps_the_last_site(mini, tmp_path, caplog, monkeypatch):
    site = build(mini, tmp_path / "site")
    before = tree_digest(site)
    monkeypatch.setenv(CHROMIUM_ENVIRONMENT, str(tmp_path / "no-chromium"))
    error = failed_build(mini, site, caplog)
    assert "sudo apt-get install chromium" in error and "images: false" in error
    assert tree_digest(site) == before


@pytest.fixture
def without_images(mini) -> Path:
    config = mini / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - site-builder\n", "  - site-builder:\n      images: false\n")
    config.write_text(text, encoding="utf-8")
    return mini


def test_a_site_may_build_without_images(without_images, tmp_path, monkeypatch):
    monkeypatch.setenv(CHROMIUM_ENVIRONMENT, str(tmp_path / "no-chromium"))  # not needed, so not looked for
    site = build(without_images, tmp_path / "site")
    assert not list(site.glob("charts/*/poster-*")) and not list(site.glob("charts/*/chart.*"))
    html = read(site, "troops/index.html")
    figure = re.search(r'<figure class="sb-chart" id="chart-troops_line".*?</figure>', html, re.S)[0]
    assert "<picture" not in figure and "sb-chart__explore" not in figure
    assert 'role="img" aria-label="A line falling' in figure  # the plot area carries the text alternative
    assert 'data-format="png"' in figure  # images made by plotly.js in the reader's browser instead
    assert "og:image" not in html
