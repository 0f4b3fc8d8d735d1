"""A new page's title from its file name, spelt as the project spells its words.

A page name is lower case (`kfor-contributors-2024`), so it cannot say which words are acronyms or
names. The project's own titles can: a word that every title writing it mid-sentence writes the
same way, and not in lower case ("KFOR", "NATO", "UN", "EU", "Kosovo"), keeps that spelling; an
all-capital word counts at the start of a title too ("KFOR shrank tenfold"), a merely capitalised
one does not (every first word is). A word any title writes in lower case stays lower case. The
first word is capitalised, the rest kept as typed: "KFOR contributors 2024". Anything else is the
editor's to say, with `--title`.

The titles read: the site's name, the navigation's titles and sections, every page's title and
first heading, and every dataset's and chart's title and subtitle, by their lines (no YAML or
Markdown parsing: this runs on every `new page`, and a broken file still has its titles).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from site_builder.formats.site_config import SiteConfig

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = (":", ".", "!", "?", "—", "–")
_TITLE_LINE = re.compile(r"^(?:title|subtitle|site_name):[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_ENGLISH_TITLE = re.compile(r"^(?:title|subtitle):[ \t]*\r?\n[ \t]+en:[ \t]*(.+?)[ \t]*$", re.MULTILINE)  # per language
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)


def title_from_name(name: str, spellings: dict[str, str]) -> str:
    """`kfor-contributors-2024` -> "KFOR contributors 2024", given the project's spellings."""
    words = [word for word in re.split(r"[-_\s]+", name.rsplit("/", 1)[-1]) if word]
    spelt = [spellings.get(word.casefold(), word) for word in words]
    if spelt and spelt[0] == words[0]:
        spelt[0] = spelt[0][:1].upper() + spelt[0][1:]
    return " ".join(spelt)


def spellings(titles: Iterable[str]) -> dict[str, str]:
    """The words, by their lower-case form, that the titles always write one way other than lower case."""
    seen: dict[str, set[str]] = defaultdict(set)
    for title in titles:
        for match in _WORD.finditer(title):
            word = match.group()
            if len(word) < 2:
                continue
            before = title[: match.start()].rstrip(" \t\"'“‘(«")
            if (not before or before.endswith(_SENTENCE_END)) and not (word.isupper() or _mixed(word)):
                continue  # capitalised by its place, which says nothing of the word
            seen[word.casefold()].add(word)
    return {key: next(iter(ways)) for key, ways in seen.items() if len(ways) == 1 and not next(iter(ways)).islower()}


def project_titles(config: SiteConfig) -> list[str]:
    """Every title the project shows: see the module's docstring."""
    titles = [str(config.raw.get("site_name") or "")]
    for entry in config.nav or ():
        titles += [entry.title or "", *entry.sections]
    docs = config.root / config.docs_dir
    for page in sorted(docs.rglob("*.md")) if docs.is_dir() else []:
        text = _read(page)
        front = _FRONT_MATTER.match(text)
        if front:
            titles += [_unquoted(value) for value in _TITLE_LINE.findall(front.group(1))]
            text = text[front.end() :]
        heading = _HEADING.search(text)
        if heading:
            titles.append(heading.group(1))
    for folder in (config.data_dir, config.charts_dir):
        path = config.root / folder
        for file in sorted(path.glob("*.yml")) if path.is_dir() else []:
            text = _read(file)
            titles += [_unquoted(value) for value in _TITLE_LINE.findall(text) + _ENGLISH_TITLE.findall(text)]
    return [title for title in titles if title]


def _mixed(word: str) -> bool:
    """Capitals past the first letter ("iPhone", "McAllister"): a spelling, wherever it stands."""
    return any(char.isupper() for char in word[1:])


def _unquoted(value: str) -> str:
    """A YAML line's value as text, near enough for its words: quotes and a trailing comment dropped."""
    if value[:1] in ('"', "'") and value[0] in value[1:]:
        return value[1 : value.index(value[0], 1)]
    return value.split(" #", 1)[0].strip()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
