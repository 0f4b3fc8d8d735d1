"""What happens to a page of the site once the engine has rendered it: its embeds filled with
what search indexes, then its figures swapped in and its social tags added; and its front matter
escaped before the theme writes it.

Search (Material's plugin) parses every page's content: a figure's table, sources and links
would triple its work, so until search is done a chart stands in the content as a stub of its
title and subtitle (`markers.FIGURE_STUB_OPEN`), and the figure replaces the stub in the page
the theme has written. No engine import: the plugin hands the page's text and values here.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from site_builder.build.contract import ChartPages
from site_builder.editors import preview
from site_builder.formats import embed
from site_builder.markers import FIGURE_STUB_CLOSE, FIGURE_STUB_OPEN
from site_builder.reader.render import render_social_meta

FRONT_MATTER_TEXT = ("title", "description", "subtitle", "status")


def escape_front_matter(meta: dict) -> None:
    """Material writes these front-matter values into pages as they are (MkDocs' theme templates do
    not autoescape): `title: <script>...` would run in every page's navigation. They become
    escaped `Markup`, which Jinja's `|e` leaves alone, so each lands escaped exactly once.
    """
    for key in FRONT_MATTER_TEXT:
        if meta.get(key) is not None and not hasattr(meta[key], "__html__"):
            meta[key] = escape(str(meta[key]))


def plain(value) -> str:
    """Front-matter text as written (see `escape_front_matter`), for templates that escape it themselves."""
    return value.unescape() if isinstance(value, Markup) else str(value)


def fill_for_search(content: str, charts: ChartPages) -> str:
    """A page's content with each embed's placeholder filled with what search should index of it:
    a chart's stub, a dataset's table, the sources. While the preview keeps the last good charts,
    an embed they do not have (a chart being written) is a box that says so.
    """
    if not embed.has_placeholders(content):
        return content

    def stub(chart_id: str) -> str:
        if chart_id not in charts.stubs:
            return preview.missing("chart", chart_id)
        return f"{FIGURE_STUB_OPEN}{chart_id}--><p>{charts.stubs[chart_id]}</p>{FIGURE_STUB_CLOSE}"

    def block(kind: str, ident: str) -> str:
        if kind == "table":
            return charts.tables[ident] if ident in charts.tables else preview.missing("dataset", ident)
        return charts.corrections if kind == "corrections" else charts.sources

    return embed.fill_placeholders(content, stub, block)


def social_tags(
    meta: dict, title: str, site_name: str, site_description: str, url: str, is_home: bool, card=("", "")
) -> str:
    """A page's Open Graph and Twitter card tags (Material writes the canonical link and description
    itself); `card`: its first chart's card, from `ChartPages.card`.
    """
    heading = plain(meta.get("title") or title)
    description = plain(meta.get("description") or site_description or "")
    full_title = heading if is_home else f"{heading} – {site_name}"
    return render_social_meta(str(full_title), str(description), site_name, url or "", is_home, card)


def page_root(base_url: str) -> str:
    """The prefix from a page to the site root, from MkDocs' `base_url` of the page ("." or "../..",
    `mkdocs.utils.get_relative_url(".", page.url)`): "" for a page at the root, else "../" a level.
    """
    return "" if base_url == "." else base_url + "/"


def finish_page(output: str, charts: ChartPages, root: str, page: str, head: str) -> str:
    """The page the theme wrote, with `head` added before `</head>` and each chart's figure (for
    this page's `root` and `page`, its source path) in place of its stub.
    """
    edits = []
    end_of_head = output.find("</head>")
    if end_of_head >= 0:
        edits.append((end_of_head, end_of_head, head + charts.head(root) + "\n"))
    edits += [(start, end, charts.figure(chart_id, root, page)) for start, end, chart_id in figure_stubs(output)]
    return splice(output, edits)


def figure_stubs(output: str):
    """(start, end, chart id) of each chart stub in a rendered page. With str.find, not a regular
    expression, which cost more than the rest of the step (bench/README.md).
    """
    start = output.find(FIGURE_STUB_OPEN)
    while start >= 0:
        id_end = output.find("-->", start + len(FIGURE_STUB_OPEN))
        end = output.find(FIGURE_STUB_CLOSE, id_end) if id_end >= 0 else -1
        if end < 0:
            return
        yield start, end + len(FIGURE_STUB_CLOSE), output[start + len(FIGURE_STUB_OPEN) : id_end]
        start = output.find(FIGURE_STUB_OPEN, end)


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with each `(start, end, replacement)` applied, in one join: a page is 200 kB or more,
    and each copy of it costs as much as the edits.
    """
    if not edits:
        return text
    parts, done = [], 0
    for start, end, replacement in sorted(edits, key=lambda edit: edit[:2]):
        parts += [text[done:start], replacement]
        done = end
    parts.append(text[done:])
    return "".join(parts)
