"""build/images.py: images drawn in Chromium by the site's own plotly.js, stable bytes, cached."""

from __future__ import annotations

import pytest

from site_builder.build.assets import FrontendAssets
from site_builder.build.images import (
    CHROMIUM_ENVIRONMENT,
    ImageJob,
    ImageMaker,
    ImagesUnavailable,
    find_chromium,
    stable_svg,
)
from site_builder.figures.theme import layout_overrides
from tests.conftest import ROOT

FIGURE = {
    "data": [{"type": "scatter", "x": [1, 2, 3], "y": [2, 1, 3], "name": "a <b>", "uid": "t0"}],
    "layout": {"width": 300, "height": 200, "showlegend": True, "title": {"text": "T &amp; &lt;x&gt;"}},
}


@pytest.fixture(scope="module")
def assets():
    return FrontendAssets.load(ROOT, layout_overrides())


def basic(assets) -> str:
    return next(name for name in assets.bundle_files() if name.startswith("plotly-basic."))


def test_stable_svg_names_ids_after_the_key_and_orders_attributes():
    svg = (
        b'<svg><defs id="defs-5a6b33"><clipPath id="clip5a6b33xy"/></defs>'
        b'<g clip-path="url(#clip5a6b33xy)" class="trace5a6b33"><rect y="0" x="1"/><text>5a6b33</text></g></svg>'
    )
    out = stable_svg(svg, "0123456789abcdef")
    assert b'id="defs-sb01234567"' in out and b'id="clipsb01234567xy"' in out
    assert b'clip-path="url(#clipsb01234567xy)"' in out
    assert b'class="trace5a6b33"' in out and b"<text>5a6b33</text>" in out  # only ids and references to them
    assert b'<rect x="1" y="0"/>' in out
    assert stable_svg(out, "0123456789abcdef") == out


def test_images_are_drawn_stable_and_read_back_from_the_cache(tmp_path, assets, monkeypatch):
    maker = ImageMaker(tmp_path, assets)
    jobs = [
        ImageJob("a.svg", FIGURE, "svg", basic(assets)),
        ImageJob("b.svg", FIGURE, "svg", basic(assets)),  # the same figure, drawn second in a page
        ImageJob("c.png", FIGURE, "png", basic(assets)),
        ImageJob("d.png", FIGURE, "png", basic(assets), scale=2),
    ]
    first = maker.make(jobs, workers=2)
    assert maker.made == 4
    assert first["a.svg"] == first["b.svg"] and first["a.svg"].startswith(b"<svg")
    assert b"T &amp; &#60;x&#62;" in first["a.svg"] and b"<b>" not in first["a.svg"]  # plotly's entities, as text
    assert first["c.png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert _png_size(first["c.png"]) == (300, 200) and _png_size(first["d.png"]) == (600, 400)

    again = ImageMaker(tmp_path, assets)
    monkeypatch.setattr(ImageMaker, "_draw", lambda *args: pytest.fail("a warm build must start no browser"))
    assert again.make(jobs, workers=2) == first and again.made == 0


def test_a_cold_cache_draws_the_same_bytes(tmp_path, assets):
    jobs = [ImageJob("a.svg", FIGURE, "svg", basic(assets)), ImageJob("b.webp", FIGURE, "webp", basic(assets), 2)]
    one = ImageMaker(tmp_path / "one", assets).make(jobs)
    two = ImageMaker(tmp_path / "two", assets, cache=False).make(list(reversed(jobs)))
    assert one == two


def test_no_chromium_is_a_set_up_problem_with_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv(CHROMIUM_ENVIRONMENT, str(tmp_path / "no-such-browser"))
    with pytest.raises(ImagesUnavailable) as error:
        find_chromium()
    message = str(error.value)
    assert "apt-get install chromium" in message and "images: false" in message and "no-such-browser" in message


def test_a_browser_that_does_not_start_says_so(monkeypatch, tmp_path, assets):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho broken >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv(CHROMIUM_ENVIRONMENT, str(fake))
    maker = ImageMaker(tmp_path, assets, cache=False)
    with pytest.raises(ImagesUnavailable, match="did not start"):
        maker.make([ImageJob("a.svg", FIGURE, "svg", basic(assets))])


def _png_size(data: bytes) -> tuple[int, int]:
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
