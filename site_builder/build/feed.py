"""The site's Atom feed (RFC 4287) of corrections and data updates, written with the chart files.

Readers and other newsrooms follow changes to published figures without visiting the
corrections page. What counts as a change is what editors write down: each dataset's
`corrections:` and its dated `updates:` (a chart's "data as of" moving on is not, by itself,
news a reader can act on). The feed is made from the data alone, never from the clock, so the
same files give the same bytes: each entry's date is the day its correction or update was
made, the feed's is the latest of them, and ids are fixed by the site and the entry's anchor.
Links are absolute only where the site's address (`site_url`) is known; otherwise they are
relative to the feed, at the site's root, as Atom allows.
"""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

from site_builder.build.contract import FEED
from site_builder.languages import current
from site_builder.languages.messages import _
from site_builder.reader.corrections import Change

__all__ = ["FEED", "atom_feed", "feed_title"]
ATOM = "http://www.w3.org/2005/Atom"
_IDS = uuid.UUID("6f1c3a4e-8d2b-5c7e-9a10-2b3c4d5e6f70")  # the namespace of ids made without a site address


def feed_title(site_name: str) -> str:
    if site_name:
        return _("{site}: corrections and data updates", site=site_name)
    return _("Corrections and data updates")


def atom_feed(changes: list[Change], site_name: str, site_url: str, page: str | None) -> bytes:
    """The feed of `changes` (newest first, `corrections.site_changes`); `page` is the corrections
    page's path from the site's root (entries link to their anchor there), or None.
    """
    root = site_url.rstrip("/") + "/" if site_url else ""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if current.language() != current.SOURCE:  # the source edition's feed stays as it was, byte for byte
        feed.set("{http://www.w3.org/XML/1998/namespace}lang", current.language())
    _text(feed, "id", root + FEED if root else _urn(site_name, "feed"))
    _text(feed, "title", feed_title(site_name))
    _text(feed, "updated", _timestamp(changes[0].date) if changes else "1970-01-01T00:00:00Z")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", site_name or _("The editors"))
    if root:
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=root + FEED)
    if page is not None:
        ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=root + page)
    for change in changes:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        link = f"{root}{page}#{change.anchor}" if page is not None else ""
        _text(entry, "id", link if root and page is not None else _urn(site_name, change.anchor))
        kind = _("Correction") if change.kind == "correction" else _("Update")
        _text(entry, "title", f"{kind}, {change.dataset_title}: {change.what}")
        _text(entry, "updated", _timestamp(change.date))
        if link:
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        ET.SubElement(entry, f"{{{ATOM}}}category", term=change.kind)
        summary = f"{change.what}. {change.reason}" if change.reason else f"{change.what}."
        _text(entry, "summary", summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}", **attributes).text = text


def _timestamp(day: str) -> str:
    """A day as Atom's date-time: the start of the day, UTC (the day is all the data says)."""
    return f"{day}T00:00:00Z"


def _urn(site_name: str, name: str) -> str:
    """A permanent id with no site address to build one on: the same site and entry, the same id."""
    return uuid.uuid5(_IDS, f"{site_name}\n{name}").urn
