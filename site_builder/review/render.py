"""The review as Markdown (a pull request's job summary or comment) and as one self-contained HTML file.

Both from templates in `review/templates/`, apart from the reader's (`reader/templates/`): these
are documents for the desk, with their own escaping, and nothing of them is ever published.
HTML escapes by Jinja's autoescaping; Markdown by `markdown_text`, applied to every value a
template writes (Jinja's `finalize`), so a template cannot forget it: a value from a file can
make no link, image, HTML tag, table cell or @-mention in a pull request.
"""

from __future__ import annotations

import base64
import html
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from site_builder.reader.sentences import count
from site_builder.review.model import Review
from site_builder.review.words import key_text, shown

_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_text(value: Any) -> str:
    """Text that GitHub's Markdown shows as written, even inside a table cell."""
    if isinstance(value, Markup):
        return str(value)
    text = " ".join(str(value).split())  # one line: a newline would end a table row
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)  # before the entities, whose `#` must stay as it is
    return html.escape(text, quote=True).replace("@", "&#64;")  # no tag, and no @-mention that notifies


def _finalize(value: Any) -> Any:
    return "" if value is None else value


@lru_cache(maxsize=2)
def _environment(kind: str) -> Environment:
    loader = PackageLoader("site_builder.review", "templates")
    if kind == "html":
        environment = Environment(
            loader=loader,
            autoescape=select_autoescape(default=True),
            undefined=StrictUndefined,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    else:
        environment = Environment(
            loader=loader,
            autoescape=False,
            undefined=StrictUndefined,
            finalize=lambda value: markdown_text(_finalize(value)),
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    environment.globals.update(shown=shown, key_text=key_text, plural=count, listed=listed, raw=Markup)
    environment.filters["h"] = lambda value: Markup(html.escape(str(value), quote=True))  # inside raw HTML
    return environment


def listed(values) -> str:
    """A record added or removed, on one line: `troops: 4300; confidence: medium; note: ...`."""
    return "; ".join(f"{value.name}: {shown(value.new)}" for value in values)


# Records listed a dataset in Markdown: GitHub refuses a job summary over 1 MiB, and a pull request
# replacing a dataset can change thousands; the HTML report lists every one.
MARKDOWN_RECORDS = 200


def markdown_report(review: Review, images: bool, limit: int = MARKDOWN_RECORDS) -> str:
    """`images`: whether the images are written beside the report (`images/<chart>-before.svg` ...)."""
    return _environment("markdown").get_template("report.md").render(r=review, images=images, limit=limit)


def html_report(review: Review) -> str:
    def data_url(image) -> str:
        return f"data:{image.mime};base64,{base64.b64encode(image.data).decode('ascii')}"

    return _environment("html").get_template("report.html").render(r=review, data_url=data_url)
