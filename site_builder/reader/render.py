"""HTML for charts, from Jinja2 templates with autoescaping.

Strings from datasets and specs reach readers' browsers here, so nothing is concatenated by
hand: the templates escape every value for where it lands.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from site_builder.figures.figure import chart_records
from site_builder.figures.kinds import KINDS
from site_builder.figures.posters import poster_sets
from site_builder.languages import current, messages
from site_builder.languages.messages import _
from site_builder.markers import CORRECTIONS_PAGE_MARK
from site_builder.reader.addresses import absolute_url, chart_page, no_address
from site_builder.reader.corrections import site_changes
from site_builder.reader.tables import neutral_note
from site_builder.reader.text import display_value, field_title, format_date


@lru_cache(maxsize=1)
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("site_builder.reader", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=False,
    )
    environment.filters["date"] = format_date
    messages.install(environment)
    return environment


def render_figure(
    chart,
    bundle: str,
    base: str,
    site_name: str = "",
    site_url: str = "",
    images: bool = True,
    directory_urls: bool = True,
) -> str:
    """The `<figure>` block of a prepared chart; `base` is the relative path from the page to the site root
    (or `markers.BASE_MARK`, for a figure that many pages show). With `images`, the chart shows its
    posters until a reader reaches for it (figures/posters.py). `site_url` ("" when not configured)
    and `directory_urls` (MkDocs' `use_directory_urls`) say how the chart's page is addressed.
    """
    figure = json.loads(chart.figure_json)
    return (
        _environment()
        .get_template("figure.html")
        .render(
            c=chart,
            bundle=bundle,
            base=base,
            site_name=site_name,
            site_url=site_url,
            directory_urls=directory_urls,
            page_url=chart_page(chart.id, directory_urls),
            explain=chart_explanation(chart),
            posters=poster_sets(figure, chart.traces) if images else [],
            height=figure.get("layout", {}).get("height"),
            embed_code=embed_code(chart, site_url, directory_urls),
            corrections_page=CORRECTIONS_PAGE_MARK,
            no_address=no_address(),
            download_note="" if current.language() == current.SOURCE else neutral_note(),
        )
    )


_CORRECTION_LINK = re.compile(r'<a class="sb-chart__correction-link" href="[^"]*">([^<]*)</a>')


def resolve_corrections_page(html: str, page: str | None) -> str:
    """A figure's correction links pointed at the corrections page (`page`, its path from the site's
    root), or, where no page shows `::: corrections`, taken out: the line still says what changed.
    """
    if CORRECTIONS_PAGE_MARK not in html:
        return html
    if page is None:
        return _CORRECTION_LINK.sub(r"\1", html)
    return html.replace(CORRECTIONS_PAGE_MARK, page)


def render_corrections(datasets, base: str, feed: str) -> str:
    """`::: corrections`: every correction and update, newest first (reader/corrections.py), each
    with its anchor; `base` is the page's root, `feed` the feed's path from it ("" for none).
    """
    ordered = sorted(datasets.values(), key=lambda d: d.id)
    return _environment().get_template("corrections.html").render(entries=site_changes(ordered), base=base, feed=feed)


def render_feed_link(title: str, href: str) -> str:
    """The `<link rel="alternate">` that lets feed readers find the feed from any page."""
    return _environment().get_template("feed_link.html").render(title=title, href=href)


def embed_code(chart, site_url: str, directory_urls: bool = True) -> str:
    """The embed snippet, as the text a reader copies: escaped for its own attributes here, a plain
    `str` so that the textarea showing it escapes it once more; "" when the site's address is not
    configured (the figure then says so: there is nothing to point an iframe at).
    """
    url = chart.url(site_url, directory_urls)
    return str(_environment().get_template("embed_code.html").render(url=url, title=chart.spec.title)) if url else ""


def chart_explanation(chart) -> list[str]:
    """The kind's sentences on how the chart is drawn (`explain()`), shown after the spec's notes."""
    return KINDS[chart.spec.kind].explain(chart.spec, chart_records(chart.spec, chart.dataset), chart.dataset)


def render_dataset_table(dataset) -> str:
    """`::: table <dataset>`: every record, formatted for readers, with its source."""
    names = list(dataset.fields)
    headers = [field_title(dataset.field(name)) for name in names]
    rows = [
        ([display_value(dataset.field(n), r[n]) if r.get(n) is not None else "" for n in names], r)
        for r in dataset.records
    ]
    return (
        _environment()
        .get_template("dataset_table.html")
        .render(
            d=dataset,
            headers=headers,
            rows=rows,
            sources=dataset.sources,
            last_checked=format_date(dataset.meta.last_checked),
            any_note=any(r["note"] or r["confidence"] == "low" for r in dataset.records),
        )
    )


def render_sources(datasets) -> str:
    """`::: sources`: each dataset's description and full source list, generated, never retyped."""
    ordered = sorted(datasets.values(), key=lambda d: d.meta.title)
    counts = {}
    for d in ordered:
        levels = [sum(1 for r in d.records if r["confidence"] == level) for level in ("high", "medium", "low")]
        counts[d.id] = _(
            "confidence: {high} high, {medium} medium, {low} low", high=levels[0], medium=levels[1], low=levels[2]
        )
    return _environment().get_template("sources.html").render(datasets=ordered, counts=counts)


def render_social_meta(
    title: str, description: str, site_name: str, url: str, is_home: bool, image: tuple[str, str] = ("", "")
) -> str:
    """A page's Open Graph and Twitter tags; `image` is a card's absolute URL and its alt text, or empty."""
    card, alt = image
    return (
        _environment()
        .get_template("social_meta.html")
        .render(title=title, description=description, site_name=site_name, url=url, is_home=is_home, card=card, alt=alt)
    )


def render_standalone(
    chart,
    bundle: str,
    loader_path: str,
    css_path: str,
    site_name: str = "",
    site_url: str = "",
    figure: str | None = None,
    images: bool = True,
    directory_urls: bool = True,
) -> str:
    """`charts/<id>/index.html`: the chart alone, fit for an iframe.
    `figure`: its `render_figure` for this page, if made already. Its canonical link and card are
    absolute, so written only when the site's address (`site_url`) is known.
    """
    base = "../../"
    if figure is None:
        figure = render_figure(chart, bundle, base, site_name, site_url, images, directory_urls)
    # The chart's title is the page's heading here: on a page of the site it is a caption under
    # the page's own headings, alone on its page it is what the page is (axe: page-has-heading-one).
    caption = f'<span class="sb-chart__title">{escape(chart.spec.title)}</span>'
    figure = figure.replace(caption, f'<h1 class="sb-chart__title">{escape(chart.spec.title)}</h1>', 1)
    title = f"{chart.spec.title} – {site_name}" if site_name else chart.spec.title
    canonical = chart.url(site_url, directory_urls)
    card_url = absolute_url(site_url, f"charts/{chart.id}/chart.png")
    card = (card_url, chart.alt) if card_url and images else ("", "")
    social = render_social_meta(title, chart.alt, site_name, canonical, is_home=False, image=card)
    return (
        _environment()
        .get_template("standalone.html")
        .render(
            c=chart,
            figure=figure,
            base=base,
            loader_path=loader_path,
            css_path=css_path,
            site_name=site_name,
            canonical=canonical,
            lang=current.language(),
            social=social,
        )
    )


def render_preview(notice: str, **values) -> str:
    """What the live preview shows while the content has problems (editors/preview.py):
    `preview_<notice>.html`, the `problems` banner or a `missing` chart's box.
    """
    return _environment().get_template(f"preview_{notice}.html").render(**values)


def render_edition_block(template: str, **values) -> str:
    """What an edition adds to a page in its language (`glossary.html`, the table of `::: glossary`;
    `translation_notice.html`, a translated page's notice), as one line-break-free HTML block that a
    page's Markdown carries through as raw HTML.
    """
    return _environment().get_template(f"{template}.html").render(**values)
