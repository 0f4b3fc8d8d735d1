"""Issue 3: pages and charts travel well: Open Graph and Twitter card metadata on every page, and
under each chart an image download (PNG, SVG: the card drawn at build time, issue 13), an embed snippet
to copy, and a citation. The social cards themselves (og:image) are checked in test_posters.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHART_PAGES, STANDALONE_PAGES, show

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CONTENT_PAGES = ["", *CHART_PAGES]
SOCIAL_META = """() => {
  const meta = key => { const el = document.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
                        return el ? el.getAttribute('content') : null; };
  const canonical = document.querySelector('link[rel=canonical]');
  return {
    canonical: canonical ? canonical.href : null,
    'og:title': meta('og:title'), 'og:description': meta('og:description'), 'og:url': meta('og:url'),
    'og:type': meta('og:type'), 'twitter:card': meta('twitter:card'),
    'twitter:title': meta('twitter:title'), 'twitter:description': meta('twitter:description'),
  };
}"""


@pytest.mark.parametrize("path", [*CONTENT_PAGES, *STANDALONE_PAGES])
def test_every_page_has_open_graph_and_twitter_card_metadata(site, new_context, path):
    page = new_context(java_script_enabled=False).new_page()  # what a link-preview crawler reads
    page.goto(site.url(path))
    meta = page.evaluate(SOCIAL_META)
    assert meta["canonical"] == site.url(path), meta
    assert meta["og:url"] == site.url(path), meta
    heading = page.locator("h1, .sb-chart__title").first.inner_text().strip().rstrip("¶").strip()
    assert meta["og:title"] and heading in meta["og:title"], (heading, meta)
    assert meta["twitter:title"] == meta["og:title"], meta
    assert meta["og:description"] and meta["twitter:description"] == meta["og:description"], meta
    assert meta["og:type"] in ("website", "article"), meta
    assert meta["twitter:card"] in ("summary", "summary_large_image"), meta


@pytest.mark.parametrize("path", ["troops/", "map/", "charts/states_map/"])
def test_each_chart_downloads_as_a_png_or_svg_image_drawn_at_build_time(site, new_context, path):
    """Plain links to the chart's card (issue 13): they work before any script, and with none."""
    context = new_context()
    page = context.new_page()
    page.goto(site.url(path))
    for figure in page.locator("figure.sb-chart").all():
        chart = figure.get_attribute("data-sb-chart")
        for fmt, content_type, magic in (("png", "image/png", b"\x89PNG\r\n"), ("svg", "image/svg+xml", b"<svg")):
            link = figure.locator(".sb-chart__downloads").get_by_role("link", name=f"image ({fmt.upper()})")
            expect(link).to_be_visible()
            with page.expect_download() as download:
                link.click()
            assert download.value.suggested_filename == f"{chart}.{fmt}"
            with open(download.value.path(), "rb") as file:
                assert magic in file.read(500), (chart, fmt)
            response = page.request.get(link.evaluate("a => a.href"))
            assert response.ok and response.headers["content-type"] == content_type, (chart, fmt)
    assert context.recorder.bundles() == [], "no plotly.js to make an image"
    assert not [url for url in context.recorder.requests if url.endswith("/figure.json")]


def test_each_chart_offers_an_embed_snippet_to_copy(site, new_context):
    context = new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.origin)
    page = context.new_page()
    page.goto(site.url("map/"))
    figure = page.locator("#chart-states_map")
    embed = figure.locator("details.sb-chart__embed")
    embed.locator("summary").click()
    code = embed.locator("textarea.sb-chart__embed-code")
    expect(code).to_be_visible()
    snippet = code.input_value()
    assert re.fullmatch(
        rf'<iframe src="{re.escape(site.url("charts/states_map/"))}" title="Who recognises"[^>]*></iframe>', snippet
    ), snippet
    copy = embed.locator("button.sb-chart__copy")
    expect(copy).to_be_visible()
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == snippet

    # The snippet, pasted into someone else's page, draws the chart from the site alone.
    other = context.new_page()
    other.set_content(f"<!doctype html><title>Elsewhere</title><main>{snippet}</main>")
    frame = other.frame_locator("iframe")
    expect(frame.locator("#chart-states_map .sb-chart__poster--light img")).to_be_visible()  # its poster, first
    frame.locator("#chart-states_map .sb-chart__plot").hover()
    expect(frame.locator("#chart-states_map")).to_have_class(re.compile(r"\bsb-chart--drawn\b"))
    assert context.recorder.off_origin(site.origin) == []


def test_each_chart_says_how_to_cite_it(site, new_context):
    page = new_context(java_script_enabled=False).new_page()  # a citation needs no script
    for path, charts in CHART_PAGES.items():
        page.goto(site.url(path))
        for chart in charts:
            figure = page.locator(f"#chart-{chart}")
            show(page, figure)
            cite = figure.locator("details.sb-chart__cite")
            cite.locator("summary").click()
            citation = cite.locator(".sb-chart__citation")
            expect(citation).to_be_visible()
            text = citation.inner_text()
            title = figure.locator(".sb-chart__title").inner_text()
            assert title in text and "Reader site" in text and site.url(f"charts/{chart}/") in text, text


def test_without_javascript_sharing_shows_only_what_works(site, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("troops/"))
    figure = page.locator("#chart-troops_line")
    expect(figure.locator("button.sb-chart__image")).to_have_count(0)  # drawn by plotly: only without images
    for fmt in ("PNG", "SVG"):  # made at build time: plain links
        expect(figure.locator(".sb-chart__downloads").get_by_role("link", name=f"image ({fmt})")).to_be_visible()
    expect(figure.locator(".sb-chart__explore")).to_be_hidden()  # drawing needs a script
    figure.locator("details.sb-chart__embed > summary").click()
    expect(figure.locator("textarea.sb-chart__embed-code")).to_be_visible()  # select and copy by hand
    expect(figure.locator("button.sb-chart__copy")).to_be_hidden()
    figure.locator("details.sb-chart__cite > summary").click()
    expect(figure.locator(".sb-chart__citation")).to_be_visible()
