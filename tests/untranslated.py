"""English left in a page of another edition: the theme's words and our own, found in what readers see.

The strings looked for are every English string Material's templates can show (its `en` language
file) and every message of our catalogs (`languages/catalogs/`, the English `msgid`s, cut at their
placeholders). A page is read as a reader's browser and a screen reader get it: its text (not
scripts, styles or code) and the attributes that are read out or shown (alt, title, aria-label,
placeholder, the description and social tags). A one-word string counts only as the whole of a
text or attribute ("Search" as a button's label, not the word inside a sentence); a longer one
anywhere in it. Quotations kept in English and source titles are no UI strings, so they never match.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import material
from babel.messages.pofile import read_po

from site_builder.languages import messages

READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "data-md-tooltip"}
READ_META = {"description", "og:title", "og:description", "twitter:title", "twitter:description", "og:image:alt"}
SKIPPED = {"script", "style", "code", "pre", "svg", "math"}
# Material's words that are no words to a reader of our pages, or that are the same in Albanian and Serbian,
# and English words that are Albanian words too ("Data": Albanian for "the date").
NOT_WORDS = {"en", "ltr", "stopWordFilter", "[\\s\\-]+", "RSS feed", "Tabs", "Data"}
# A fragment of a message between its placeholders made of these words alone says nothing of its own.
GLUE = {"of", "the", "for", "and", "in", "on", "to", "a", "an", "by", "from", "at", "with", "or", "than", "as"}


@functools.cache
def english_strings() -> frozenset[str]:
    """Every English string the theme or our code can put on a page."""
    theme = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    found = set(re.findall(r'^\s*"[a-z.]+": "(.*)",?$', theme.read_text(encoding="utf-8"), re.MULTILINE))
    found = {text.replace("#", "").strip() for text in found} - NOT_WORDS
    for language in messages.catalog_languages():
        with (messages.CATALOGS / f"{language}.po").open("rb") as file:
            for message in read_po(file):
                for english in message.id if isinstance(message.id, tuple) else (message.id,):
                    found |= {part.strip(" .,:;()") for part in re.split(r"\{[^}]*\}", english)}
    return frozenset(
        text
        for text in found
        if len(text) >= 3
        and re.search("[A-Za-z]{3}", text)
        and not set(text.lower().split()) <= GLUE
        and text not in NOT_WORDS
    )


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in SKIPPED:
            self.skipping.append(tag)
        for name in READ_ATTRIBUTES & values.keys():
            self.texts.append(values[name] or "")
        if tag == "meta" and (values.get("name") or values.get("property")) in READ_META:
            self.texts.append(values.get("content") or "")

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def texts_of(html: str) -> list[str]:
    """What a reader sees or hears of a page: its text nodes and the attributes read out, whitespace folded."""
    reader = _Reader()
    reader.feed(html)
    return [" ".join(text.split()) for text in reader.texts if text.strip()]


def english_in(html: str) -> list[str]:
    """The English strings of the theme and our code found in a page, each with the text it was found in."""
    found = []
    strings = english_strings()
    for text in texts_of(html):
        for english in strings:
            if (" " in english and english in text) or text.strip(" .,:;()") == english:
                found.append(f"{english!r} in {text[:120]!r}")
    return sorted(set(found))
