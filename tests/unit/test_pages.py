"""What happens to a rendered page (site_builder/build/pages.py): embeds filled for search, figures
swapped in for their stubs, social tags, front matter escaped once. No MkDocs.
"""

from __future__ import annotations

import posixpath

import pytest
from markupsafe import Markup

from site_builder.build import pages
from site_builder.build.contract import ChartPages
from site_builder.formats.embed import insert_placeholders
from site_builder.markers import BASE_MARK, FIGURE_STUB_CLOSE, FIGURE_STUB_OPEN


def charts(**overrides) -> ChartPages:
    values = dict(
        charts=("a",),
        datasets=("d",),
        stubs={"a": "Troops &amp; more"},
        figures={"a": f'<figure data-sb-bundle="basic.js"><img src="{BASE_MARK}x.png"></figure>'},
        bundles={"a": "basic.js"},
        page_bundles={"maps.md": {"a": "geo.js"}},
        tables={"d": "<table>d</table>"},
        sources="<ul>sources</ul>",
        page_keys={},
    )
    return ChartPages(**{**values, **overrides})


def test_embeds_are_filled_with_what_search_indexes():
    content = insert_placeholders("::: chart a\n\n::: table d\n\n::: sources\n")
    filled = pages.fill_for_search(content, charts())
    assert filled == (
        f"{FIGURE_STUB_OPEN}a--><p>Troops &amp; more</p>{FIGURE_STUB_CLOSE}\n\n<table>d</table>\n\n<ul>sources</ul>\n"
    )
    assert pages.fill_for_search("<p>no embeds</p>", charts()) == "<p>no embeds</p>"


def test_embeds_the_kept_charts_lack_say_so():
    """While the preview keeps the last good charts, a chart or table being written is a notice."""
    filled = pages.fill_for_search(insert_placeholders("::: chart new\n::: table fresh\n"), charts())
    assert "The chart 'new' cannot be shown yet" in filled and "The dataset 'fresh' cannot be shown yet" in filled


def test_figures_replace_their_stubs_and_tags_go_before_the_end_of_head():
    stub = pages.fill_for_search(insert_placeholders("::: chart a"), charts())
    output = f"<html><head><title>t</title></head><body>{stub}<p>between</p>{stub}</body></html>"
    done = pages.finish_page(output, charts(), "../", "maps.md", '<meta property="og:title">')
    assert done == (
        '<html><head><title>t</title><meta property="og:title">\n</head><body>'
        '<figure data-sb-bundle="geo.js"><img src="../x.png"></figure><p>between</p>'
        '<figure data-sb-bundle="geo.js"><img src="../x.png"></figure></body></html>'
    )
    assert "basic.js" in pages.finish_page(stub, charts(), "", "other.md", "")  # no head, the chart's own bundle


def test_a_cut_off_stub_is_left_alone():
    text = f"<p>{FIGURE_STUB_OPEN}a--><p>title</p>"
    assert list(pages.figure_stubs(text)) == []
    assert pages.finish_page(text, charts(), "", "p.md", "") == text


def test_splice_applies_edits_in_order_of_place():
    assert pages.splice("abcdef", [(4, 5, "E"), (0, 1, "A"), (2, 2, "-")]) == "Ab-cdEf"
    assert pages.splice("same", []) == "same"


def _relative_root(page_url: str) -> str:
    """The plugin's own computation before it used MkDocs' `base_url` (kept here to compare)."""
    folder = posixpath.dirname("/" + page_url) if not page_url.endswith("/") else "/" + page_url.rstrip("/")
    return "../" * len([part for part in folder.split("/") if part])


@pytest.mark.parametrize("url", ["", "kfor/", "a/b/", "a/b/c/", "index.html", "kfor.html", "a/b.html", "a/b/c.html"])
def test_the_page_root_is_mkdocs_base_url(url):
    from mkdocs.utils import get_relative_url

    assert pages.page_root(get_relative_url(".", url)) == _relative_root(url)


def test_front_matter_is_escaped_once_and_read_back_as_written():
    meta = {"title": "<script>x</script>", "description": "a & b", "status": None, "other": "<b>"}
    pages.escape_front_matter(meta)
    assert meta["title"] == Markup("&lt;script&gt;x&lt;/script&gt;") and meta["other"] == "<b>"
    pages.escape_front_matter(meta)  # `mkdocs serve` reads a page again: not escaped twice
    assert str(meta["description"]) == "a &amp; b" and meta["status"] is None
    assert pages.plain(meta["title"]) == "<script>x</script>" and pages.plain(3) == "3"


def test_social_tags_name_the_page_and_the_site():
    meta = {"title": Markup("A &lt;b&gt;")}
    tags = pages.social_tags(meta, "ignored", "Site", "About", "https://x.org/a/", False)
    assert 'content="A &lt;b&gt; – Site"' in tags and 'content="About"' in tags
    assert 'content="https://x.org/a/"' in tags
    home = pages.social_tags({}, "Home", "Site", "", None, True)
    assert 'content="Home"' in home
