"""Translations that say what they are: of which version of the English page, made how, reviewed by whom.

Every page of a translated edition (`content/<lang>/<path>.md`) carries in its front matter

    translation: {source: 3f2a9c01b7de, date: 2026-12-01, method: machine, reviewed_by: null}

`source` is the first 12 hex digits of the SHA-256 of the English page's bytes (line ends as LF,
so a checkout on Windows changes nothing) when the translation was made or last brought up to
date. From it, a page's status: up to date, stale (the English page changed since: its readers
are told, with a link to the English page, and `site-builder check` lists it, without failing,
since an English edit must not block a build), or with no English original. Readers see the
notice at the top of every translated page, in its language (`messages.py`).
`site-builder translations --stamp <page>` writes the current digest and today's date.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml
from babel.dates import format_date

from site_builder.errors import ContentError, Problem, display_path
from site_builder.formats.frontmatter import YAML_BLOCK, translation_meta
from site_builder.formats.navigation import site_pages
from site_builder.formats.site_config import SiteConfig
from site_builder.languages import current
from site_builder.languages.editions import Edition, editions_of
from site_builder.languages.messages import _

DIGEST_LENGTH = 12
UP_TO_DATE, STALE, NO_ORIGINAL = "up to date", "stale", "no English original"
UNTRANSLATED, NO_NOTE = "missing", "no note"  # no translation yet; a translation that does not say what it is


def digest(data: bytes) -> str:
    """The version of an English page a translation names: 12 hex digits of its SHA-256, CRLF read as LF."""
    return hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class Translation:
    """A page's `translation:` front matter, as checked by `frontmatter.py`."""

    source: str
    date: str
    method: str  # machine | human
    reviewed_by: str | None

    @classmethod
    def of(cls, meta: dict) -> Translation | None:
        value = meta.get("translation") if isinstance(meta, dict) else None
        if not isinstance(value, dict) or not isinstance(value.get("source"), str):
            return None
        reviewer = value.get("reviewed_by")
        return cls(value["source"], str(value.get("date", "")), str(value.get("method", "")), reviewer or None)


@dataclass(frozen=True)
class PageStatus:
    edition: Edition
    page: str  # its path in the docs folders, `kfor.md`
    translated: Path | None  # the translation's file; None when the English page has none yet
    english: Path | None  # the English original; None when there is none
    translation: Translation | None
    state: str
    current: str | None = None  # the English page's digest now

    @property
    def is_stale(self) -> bool:
        return self.state == STALE


def status(translated: Path | None, english: Path | None, meta: dict | None = None) -> tuple[str, str | None]:
    """A translated page's state, and the English page's digest now."""
    now = digest(english.read_bytes()) if english is not None and english.is_file() else None
    if translated is None:
        return UNTRANSLATED, now
    if now is None:
        return NO_ORIGINAL, None
    note = Translation.of(meta if meta is not None else translation_meta(translated.read_text(encoding="utf-8")))
    if note is None:
        return NO_NOTE, now
    return (UP_TO_DATE if note.source == now else STALE), now


def translated_editions(site: SiteConfig) -> list[tuple[Edition, SiteConfig]]:
    """The editions built from files of their own (not the source, not a transliteration), with their config."""
    found = []
    for edition in editions_of(site):
        if not edition.is_source and edition.config_file is not None:
            found.append((edition, SiteConfig.load(site.root, edition.config_file)))
    return found


def statuses(site: SiteConfig, editions=None) -> list[PageStatus]:
    """Every page of every translated edition, and every English page it has no translation of.
    `editions`: `translated_editions(site)`, when known already.
    """
    english, _ = site_pages(site)
    result = []
    for edition, config in translated_editions(site) if editions is None else editions:
        pages, _ = site_pages(config)
        for page in sorted(set(pages) | set(english)):
            translated, original = pages.get(page), english.get(page)
            meta = translation_meta(translated.read_text(encoding="utf-8")) if translated else None
            state, now = status(translated, original, meta)
            note = Translation.of(meta) if meta else None
            result.append(PageStatus(edition, page, translated, original, note, state, now))
    return result


def edition_of_page(site: SiteConfig, path: Path, editions=None) -> tuple[str, Path | None]:
    """The language of the edition whose docs folder holds `path`, and the English page it translates
    (None for an English page). The deepest folder wins: `content/sq/` is inside `content/`.
    `editions`: `translated_editions(site)`, when known already.
    """
    path = path.resolve()
    best: tuple[int, str, SiteConfig] | None = None
    for edition, config in [(None, site), *(translated_editions(site) if editions is None else editions)]:
        docs = config.docs_path.resolve()
        if path.is_relative_to(docs) and (best is None or len(docs.parts) > best[0]):
            best = (len(docs.parts), edition.language if edition else current.SOURCE, config)
    if best is None or best[1] == current.SOURCE:
        return current.SOURCE, None
    relative = path.relative_to(best[2].docs_path.resolve())
    return best[1], site.docs_path / relative


def notice(translation: Translation | None, state: str, english_href: str) -> dict:
    """What the notice at the top of a translated page says, in the language being made."""
    if translation is None:
        return {}
    when = _date(translation.date)
    values = {"version": translation.source, "date": when}
    name = translation.reviewed_by
    if translation.method == "human" and name:
        text = _(
            "This page is a translation of the English page (version {version}, {date}) by a person, "
            "reviewed by {name}.",
            name=name,
            **values,
        )
    elif translation.method == "human":
        text = _(
            "This page is a translation of the English page (version {version}, {date}) by a person, "
            "not yet reviewed by a second person.",
            **values,
        )
    elif name:
        text = _(
            "This page is a machine translation of the English page (version {version}, {date}), reviewed by {name}.",
            name=name,
            **values,
        )
    else:
        text = _(
            "This page is a machine translation of the English page (version {version}, {date}), "
            "not yet reviewed by a person.",
            **values,
        )
    stale = _("The English page has changed since this translation was made:") if state == STALE else ""
    gone = _("The English page it was translated from no longer exists.") if state == NO_ORIGINAL else ""
    return {
        "text": text,
        "stale": stale,
        "gone": gone,
        "link": _("read the English page"),
        "href": english_href,
        "language": current.language(),
    }


def _date(written: str) -> str:
    """The translation's date as the edition writes dates ("1 dhjetor 2026"), or as written if it is no date."""
    try:
        day = datetime.date.fromisoformat(written)
    except ValueError:
        return written
    return format_date(day, format="long", locale=current.babel_locale())


def english_href(page: str, edition_folder: str, directory_urls: bool = True) -> str:
    """The link from a translated page to its English original (a relative URL, as MkDocs writes them)."""
    url = page_url(page, directory_urls)
    return "../" * (url.count("/") + edition_folder.strip("/").count("/") + 1) + url


def page_url(page: str, directory_urls: bool = True) -> str:
    """A page's URL from its site's root, as MkDocs makes it: `kfor.md` -> `kfor/` (or `kfor.html`)."""
    path = PurePosixPath(page)
    if not directory_urls:
        return path.with_name("index.html" if path.stem == "README" else path.name).with_suffix(".html").as_posix()
    if path.stem in ("index", "README"):
        parent = path.parent.as_posix()
        return "" if parent == "." else parent + "/"
    return path.with_suffix("").as_posix() + "/"


_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)[ \t]*:")


def stamp(path: Path, english: Path, root: Path, method: str | None = None, today: datetime.date | None = None) -> str:
    """Write the English page's current digest and today's date into a translated page's front matter
    (after its translation was brought up to date); every other line is kept. Returns the digest.
    """
    text = path.read_text(encoding="utf-8")
    shown = display_path(path, root)
    if not english.is_file():
        raise ContentError([Problem(shown, f"there is no English page {display_path(english, root)} to stamp it with")])
    meta = translation_meta(text)
    old = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    method = method or old.get("method")
    if method not in ("machine", "human"):
        raise ContentError(
            [Problem(shown, "the page does not say how it was translated", hint="give --method machine or human")]
        )
    version = digest(english.read_bytes())
    reviewer = old.get("reviewed_by")
    block = [
        "translation:",
        f"  source: {version}",
        f"  date: {(today or datetime.date.today()).isoformat()}",
        f"  method: {method}",
        f"  reviewed_by: {_yaml_text(reviewer) if reviewer else 'null'}",
    ]
    newline = "\r\n" if "\r\n" in text else "\n"
    body = text.replace("\r\n", "\n")
    front = YAML_BLOCK.match(body)
    if front is None:
        body = "---\n" + "\n".join(block) + "\n---\n" + body
    else:
        lines = front.group(1).split("\n")[:-1]
        kept, skipping = [], False
        for line in lines:
            key = _KEY_LINE.match(line)
            if key:
                skipping = key["key"] == "translation"
            if not skipping:
                kept.append(line)
        closing = body[front.start(1) + len(front.group(1)) : front.end()]
        body = "---\n" + "\n".join(kept + block) + "\n" + closing + body[front.end() :]
    path.write_text(body.replace("\n", newline), encoding="utf-8", newline="")
    return version


def _yaml_text(value) -> str:
    return yaml.safe_dump(str(value), allow_unicode=True, default_style='"').strip()
