"""Search in the reader's language, in each edition of the `editions` fixture site (built by
`site-builder build`, served on 127.0.0.1): Material's search, with `pipeline: []` in the Albanian
and Serbian editions (lunr has no stemmer for either, and its English trimmer would strip every
Cyrillic letter), finds a word with ë and a word in Cyrillic; the Latin edition finds the same word
in Latin script. And a page of an edition loads with a clean console (no request for a sitemap that
is not there: see build/alternates.py).
"""

from __future__ import annotations

import re
import threading

import pytest

from site_builder.engines.mkdocs_editions import build_editions
from tests.browser.conftest import Recorder, Site, _serve
from tests.conftest import copy_project

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def editions_site(tmp_path_factory):
    project = copy_project("editions", tmp_path_factory.mktemp("editions-browser"))
    root = project / "site"
    root.mkdir()
    server = _serve(root)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {origin}/", config.read_text(encoding="utf-8")))
    build_editions(project, say=lambda line: None)
    thread = threading.Thread(target=server.serve_forever, name="editions-site", daemon=True)
    thread.start()
    yield Site(root, origin)
    server.shutdown()
    server.server_close()
    thread.join(5)


def search(page, query: str) -> list[str]:
    """The titles and texts of the search results for `query`, typed as a reader types it."""
    page.keyboard.press("/")
    field = page.locator("input[data-md-component=search-query]")
    field.press_sequentially(query)
    # Letters no key of this keyboard makes are inserted without a keyup, which Material's search
    # waits for: a reader's own keyboard (Serbian, Albanian) sends one with each letter.
    field.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=8_000)
    return results.all_inner_texts()


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("sq/", "përkthyer", "përkthyer në shqip"),
        ("sr/", "преведени", "преведени на српски"),
        ("sr-latn/", "prevedeni", "prevedeni na srpski"),
    ],
)
def test_search_finds_a_word_of_the_editions_language(browser, editions_site, path, query, expected):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    recorder = Recorder()
    recorder.attach(context)
    try:
        page = context.new_page()
        page.goto(editions_site.url(path))
        found = search(page, query)
        assert any(expected in text for text in found), found
        assert not recorder.errors, recorder.errors
    finally:
        context.close()


def test_the_switcher_opens_the_same_page_in_the_other_script(browser, editions_site):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    recorder = Recorder()
    recorder.attach(context)
    try:
        page = context.new_page()
        page.goto(editions_site.url("sr/troops/"))
        page.locator(".md-select").first.hover()
        page.locator('a.md-select__link[hreflang="sr-Latn"]').click()
        page.wait_for_url(editions_site.url("sr-latn/troops/"))
        assert page.locator("html").get_attribute("lang") == "sr-Latn"
        assert not recorder.errors, recorder.errors
    finally:
        context.close()
