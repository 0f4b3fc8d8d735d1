"""`site-builder check`'s part on words and translations, and `site-builder translations`.

`check` flags every avoided word (`formats/glossary.py`) the site says in its own voice, in every
edition's pages (English in `docs_dir`, each translation in its own) and in every dataset's and
chart's texts for readers, each text in its language; and a translated page that does not say
what it translates. Stale translations (the English page changed since) are notes: printed, with
the exit status unchanged, because an English edit must not block a build and the reader's notice
says so on the page.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from site_builder.errors import ContentError, Problem, display_path
from site_builder.formats import glossary as glossary_file
from site_builder.formats import wording
from site_builder.formats.contents import Contents
from site_builder.formats.frontmatter import front_matter_problems
from site_builder.formats.navigation import site_pages
from site_builder.formats.site_config import SiteConfig
from site_builder.formats.yamlsource import read_yaml
from site_builder.languages import current, notes
from site_builder.languages.editions import editions_of


def words_and_translations(site: SiteConfig) -> tuple[list[Problem], list[Problem]]:
    """(problems, notes): avoided words and translations that do not say what they are; stale translations."""
    problems: list[Problem] = []
    try:
        glossary = glossary_file.of_site(site)
        editions = notes.translated_editions(site)
        languages = [edition.language for edition in editions_of(site)]
    except ContentError as error:
        return list(error.problems), []
    pages = [(current.SOURCE, site, site_pages(site)[0])]
    pages += [(edition.language, config, site_pages(config)[0]) for edition, config in editions]
    for language, config, found in pages:
        docs = display_path(config.docs_path, site.root)
        for page, path in found.items():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # the pages' own check says so
            display = f"{docs}/{page}"
            if language != current.SOURCE:
                checked = front_matter_problems(display, text, titled=True, translated=True)
                problems += [problem for problem in checked if problem.field.startswith("translation")]
            if glossary is not None:
                problems += wording.page_problems(display, text, language, glossary)
    if glossary is not None:
        problems += glossary.language_problems(languages)
        problems += _data_problems(site, glossary, {current.base(code) for code in languages} | _languages(glossary))
    return list(dict.fromkeys(problems)), _notes(site, editions)


def _languages(glossary) -> set[str]:
    return {language for term in glossary.terms for language in term.languages}


def _data_problems(site: SiteConfig, glossary, languages: set[str]) -> list[Problem]:
    contents = Contents.of_site(site)
    problems = []
    patterns = [wording.matcher(glossary, language).pattern for language in sorted(languages)]
    for path in [*contents.datasets.values(), *contents.charts.values()]:
        try:
            text = path.read_text(encoding="utf-8")
            if not any(pattern and pattern.search(text) for pattern in patterns):
                continue  # no avoided word anywhere in the file: nothing to place
            document = read_yaml(path, display_path(path, site.root))
        except (ContentError, OSError, UnicodeDecodeError):
            continue  # the file's own check reports it
        problems += wording.document_problems(document, text, glossary, languages)
    return problems


def _notes(site: SiteConfig, editions) -> list[Problem]:
    found = []
    for page in notes.statuses(site, editions):
        if page.translated is None:
            continue
        shown = display_path(page.translated, site.root)
        english = display_path(site.docs_path / page.page, site.root)
        if page.state == notes.STALE:
            found.append(
                Problem(
                    shown,
                    f"stale translation: {english} has changed since version {page.translation.source} "
                    f"(now {page.current}); readers are told so",
                    hint=f"bring the translation up to date, then `site-builder translations --stamp {shown}`",
                )
            )
        elif page.state == notes.NO_ORIGINAL:
            found.append(Problem(shown, f"{english} does not exist: this translation has no English original", hint=""))
    return found


def translations_report(site: SiteConfig) -> str:
    """Each edition's pages with their status, a line a page."""
    lines = []
    by_edition: dict[str, list[notes.PageStatus]] = {}
    for page in notes.statuses(site):
        by_edition.setdefault(page.edition.language, []).append(page)
    editions = {edition.language: edition for edition in editions_of(site)}
    for language, edition in editions.items():
        if edition.is_source:
            continue
        if edition.transliterated_from:
            lines.append(f"{language} ({edition.name}): made from {edition.transliterated_from} by transliteration")
            continue
        pages = by_edition.get(language, [])
        counts = {}
        for page in pages:
            counts[page.state] = counts.get(page.state, 0) + 1
        summary = ", ".join(f"{count} {state}" for state, count in sorted(counts.items()))
        lines.append(f"{language} ({edition.name}): {summary or 'no pages'}")
        for page in pages:
            lines.append(f"  {page.state:<18} {page.page}{_detail(page)}")
    return "\n".join(lines) + "\n" if lines else "the site has one edition: nothing is translated\n"


def _detail(page: notes.PageStatus) -> str:
    note = page.translation
    if page.state == notes.UNTRANSLATED:
        return ""
    if note is None:
        return "  (no `translation:` in its front matter)"
    reviewed = f"reviewed by {note.reviewed_by}" if note.reviewed_by else "not reviewed"
    changed = f"; the English page is now {page.current}" if page.state == notes.STALE else ""
    return f"  ({note.method}, {note.source}, {note.date}, {reviewed}{changed})"


def stamp_page(site: SiteConfig, page: Path, method: str | None, today: datetime.date | None = None) -> str:
    """`--stamp`: the English page's version now and today's date, written into a translated page."""
    path = (page if page.is_absolute() else Path.cwd() / page).resolve()
    if not path.is_file() and not page.is_absolute():
        path = (site.root / page).resolve()
    language, english = notes.edition_of_page(site, path)
    shown = display_path(path, site.root)
    if not path.is_file():
        raise ContentError(
            [Problem(shown, "no such page", hint="give the translated page's path, like content/sq/kfor.md")]
        )
    if english is None:
        raise ContentError(
            [Problem(shown, "this is an English page: only a translated edition's pages are stamped", hint="")]
        )
    version = notes.stamp(path, english, site.root, method, today)
    return f"stamped {shown} ({language}): translation of {display_path(english, site.root)}, version {version}"
