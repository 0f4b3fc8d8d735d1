"""Where the corrections page is, and a figure's correction links when no page lists them."""

from site_builder.build.publish import corrections_page
from site_builder.formats.embed import Embed, find_embeds
from site_builder.markers import BASE_MARK, CORRECTIONS_PAGE_MARK
from site_builder.reader.render import resolve_corrections_page

LISTS = (Embed(3, "", "corrections"),)


def test_the_corrections_line_is_an_embed_without_an_id():
    assert find_embeds("# C\n\n::: corrections\n") == ([Embed(3, "", "corrections")], [])
    assert find_embeds("::: corrections all\n") == ([], [(1, "::: corrections all")])


def test_the_page_that_lists_the_corrections():
    assert corrections_page({"index.md": (), "about/corrections.md": LISTS}) == "about/corrections/"
    assert corrections_page({"index.md": LISTS}) == ""
    assert corrections_page({"news/index.md": LISTS}) == "news/"
    assert corrections_page({"about/corrections.md": LISTS}, directory_urls=False) == "about/corrections.html"
    assert corrections_page({"b.md": LISTS, "a.md": LISTS}) == "a/"  # the first by source path
    assert corrections_page({"index.md": (Embed(1, "", "sources"),)}) is None


def test_without_a_corrections_page_the_line_keeps_its_words_not_its_link():
    html = (
        f'<p>Corrected 1 December 2026: <a class="sb-chart__correction-link" href="{BASE_MARK}'
        f'{CORRECTIONS_PAGE_MARK}#correction-troops-1">Troops of 2008: was 1, now 2</a>. Why.</p>'
    )
    assert (
        resolve_corrections_page(html, None) == "<p>Corrected 1 December 2026: Troops of 2008: was 1, now 2. Why.</p>"
    )
    assert resolve_corrections_page(html, "corrections/") == html.replace(str(CORRECTIONS_PAGE_MARK), "corrections/")
