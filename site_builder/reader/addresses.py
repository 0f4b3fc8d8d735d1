"""Where a chart lives, as the site's configuration says: its page's URL for each of MkDocs' URL
schemes, and absolute URLs only when the site's address is known.

One place for these, because a chart is linked from pages, from its own page's canonical link and
card, from the embed snippet and from the citation: a rule written twice (`charts/<id>/` was) is
wrong in one of them the day a site sets `use_directory_urls: false`.
"""

from __future__ import annotations

from site_builder.formats.site_config import ADDRESS_SETTING
from site_builder.languages.messages import _

# What the site says where its own address belongs (an embed snippet, a citation) when none is
# configured: a relative URL there would be wrong on every page it is pasted into.
NO_ADDRESS = (
    "The site's address is not configured, so this chart has no address to link to yet: "
    f"set {ADDRESS_SETTING} and build again."
)


def no_address() -> str:
    """`NO_ADDRESS` in the language being made (the site's readers see it where the link would be)."""
    return _(
        "The site's address is not configured, so this chart has no address to link to yet: "
        "set {setting} and build again.",
        setting=ADDRESS_SETTING,
    )


def chart_page(chart_id: str, directory_urls: bool = True) -> str:
    """The site-relative URL of a chart's own page, written as MkDocs writes its pages' links:
    `charts/<id>/` with `use_directory_urls` (the default), else `charts/<id>/index.html`, which a
    host without folder index files (and a site opened from `file://`) can open. The file is
    `charts/<id>/index.html` either way, beside its downloads.
    """
    return f"charts/{chart_id}/" if directory_urls else f"charts/{chart_id}/index.html"


def absolute_url(site_url: str | None, path: str) -> str:
    """`path` (site-relative) under the site's configured address, or "" when there is none: a
    build that does not know where it is published writes no absolute URL at all.
    """
    return f"{site_url.rstrip('/')}/{path}" if site_url else ""
