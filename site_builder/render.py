"""HTML for charts, from Jinja2 templates with autoescaping.

Strings from datasets and specs reach readers' browsers here, so nothing is concatenated by
hand: the templates escape every value for where it lands, and the only value marked safe is
the figure JSON, which `figures.figure_json` has already escaped for a `<script>` element.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("site_builder", "templates"), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=False, keep_trailing_newline=False)


def render_figure(chart, bundle: str, base: str) -> str:
    """The `<figure>` block of a prepared chart; `base` is the relative path from the page to the site root."""
    return _environment().get_template("figure.html").render(c=chart, bundle=bundle, base=base)


def render_standalone(chart, bundle: str, loader_path: str, css_path: str, site_name: str = "", canonical: str = "") -> str:
    """`charts/<id>/index.html`: the chart alone, fit for an iframe."""
    base = "../../"
    figure = render_figure(chart, bundle, base)
    return _environment().get_template("standalone.html").render(
        c=chart, figure=figure, base=base, loader_path=loader_path, css_path=css_path, site_name=site_name, canonical=canonical)
