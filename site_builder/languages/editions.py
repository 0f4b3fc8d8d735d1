"""The site's editions: one per language, as Material's language switcher lists them.

A site declares its languages where mkdocs-material (and Zensical, its successor) already looks
for them, `extra.alternate` in `mkdocs.yml`, so the theme's own switcher, `hreflang` links and
`theme.language` (the theme's words in each language) do the reader's side on every engine,
with no plugin that only MkDocs would run:

    extra:
      alternate:
        - {name: English, link: ./, lang: en}
        - {name: Shqip, link: sq/, lang: sq}
        - {name: Српски, link: sr/, lang: sr}
        - {name: Srpski (latinica), link: sr-latn/, lang: sr-Latn}

The first entry is the edition `mkdocs.yml` builds, at the site's root, in the source language.
Each other one is built from `mkdocs.<lang>.yml` (which starts `INHERIT: mkdocs.yml` and says what
differs: `docs_dir`, `site_dir`, `theme.language`, the nav's titles) into the folder its `link`
names. A Latin Serbian edition has no file of its own: it is the Cyrillic one, transliterated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import ContentError, Problem
from site_builder.languages import current

_FOLDER = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*/$")


@dataclass(frozen=True)
class Edition:
    language: str  # BCP 47: "en", "sq", "sr", "sr-Latn"
    name: str  # as the switcher shows it, in its own language
    folder: str  # where it is published under the site's root: "" for the first edition, else "sq"
    config_file: Path | None  # mkdocs.yml, mkdocs.<lang>.yml; None when made by transliteration
    transliterated_from: str | None = None  # "sr" for "sr-Latn"

    @property
    def is_source(self) -> bool:
        return self.folder == ""

    @property
    def built_from(self) -> str:
        """The language whose files this edition is built from (itself, or the Cyrillic one it transliterates)."""
        return self.transliterated_from or self.language


def editions_of(site) -> list[Edition]:
    """The editions a site's config (`SiteConfig` of `mkdocs.yml`) declares: just its own when it lists none.

    `ContentError` at `extra:`'s line when the list cannot be an edition each.
    """
    display, line = site.display, site.lines.get("extra")
    language = str(site.theme.get("language") or current.SOURCE)
    alternate = (site.raw.get("extra") or {}).get("alternate") if isinstance(site.raw.get("extra"), dict) else None
    if not alternate:
        return [Edition(language, language, "", site.file)]
    problems, editions = [], []
    for index, entry in enumerate(alternate):
        where = f"extra.alternate[{index}]"
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("name", "link", "lang")):
            problems.append(Problem(display, "each language needs `name`, `link` and `lang`", line, field=where))
            continue
        lang, link = entry["lang"], entry["link"]
        if index == 0:
            if lang != language or link not in ("./", "/"):
                problems.append(
                    Problem(
                        display,
                        f"the first language is the edition mkdocs.yml builds: `lang: {language}` (its "
                        f"theme.language), `link: ./`; it says `lang: {lang}`, `link: {link}`",
                        line,
                        field=where,
                    )
                )
            editions.append(Edition(lang, entry["name"], "", site.file))
            continue
        if not _FOLDER.match(link):
            problems.append(
                Problem(
                    display,
                    f"`link: {link}`: an edition's link is its folder under the site's root, in lower case, "
                    f"ending in `/`, like `{lang.lower()}/`",
                    line,
                    field=where,
                )
            )
            continue
        file = site.root / f"mkdocs.{lang}.yml"
        latin_of = current.base(lang) if current.is_latin_of_cyrillic(lang) else None
        if latin_of is None and not file.is_file():
            problems.append(
                Problem(
                    display,
                    f"the language `{lang}` has no mkdocs.{lang}.yml: each edition is built from its own "
                    "file, which says what differs from mkdocs.yml",
                    line,
                    field=where,
                    hint=f"write mkdocs.{lang}.yml starting with `INHERIT: mkdocs.yml`, with its `docs_dir`, "
                    f"`site_dir` and `theme.language: {lang}`",
                )
            )
            continue
        editions.append(Edition(lang, entry["name"], link.rstrip("/"), None if latin_of else file, latin_of))
    for edition in editions:
        if edition.transliterated_from and edition.transliterated_from not in {e.language for e in editions}:
            problems.append(
                Problem(
                    display,
                    f"`{edition.language}` is made from the `{edition.transliterated_from}` edition, "
                    "which the list does not have",
                    line,
                    field="extra.alternate",
                )
            )
    if problems:
        raise ContentError(problems)
    return editions
