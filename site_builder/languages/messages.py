"""Our own words in each edition's language: buttons, headings, the sentences we generate.

Everything a reader sees that no editor wrote (the "Download CSV" link, "Data as of", a chart's
generated text alternative, table headings) is written in English in the code, marked with `_()`
(or `ngettext()` where a count changes the words), and translated in a gettext catalog per
language, `catalogs/<language>.po`: the format every translation tool (Poedit, Weblate) edits,
read here with Babel, which MkDocs' theme already brings. Placeholders are named, `{count}`,
so a translation can put them where its grammar wants them.

The Latin Serbian words are the Cyrillic ones transliterated. A message missing from a catalog
shows in English; `tests/unit/test_messages.py` extracts every marked message from the code and
the templates (Babel's extractors) and fails on one any catalog lacks.
"""

from __future__ import annotations

import functools
import gettext as _gettext
from pathlib import Path

from markupsafe import Markup

from site_builder.languages import current, translit

CATALOGS = Path(__file__).parent / "catalogs"


def _(message: str, /, **values) -> str:
    """`message` in the language being made, with its `{placeholders}` filled from `values`."""
    text = _translate(message, None, None)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, count: int, /, **values) -> str:
    """The form for `count` ("1 country", "2 countries"; Serbian's three forms), filled from `values`
    (and `{count}`).
    """
    text = _translate(singular, plural, count)
    return text.format(count=count, **values)


def _translate(singular: str, plural: str | None, count: int | None) -> str:
    language = current.language()
    english = singular if plural is None or count == 1 else plural
    if language == current.SOURCE:
        return english
    catalog = _catalog(current.base(language))
    text = catalog.lookup(singular, count) if catalog else None
    if text is None:
        return english
    return translit.to_latin(text) if current.is_latin_of_cyrillic(language) else text


class _Catalog:
    def __init__(self, path: Path):
        from babel.messages.pofile import read_po  # only once a translation is wanted: light for English builds

        with path.open("rb") as file:
            catalog = read_po(file)
        self.language = catalog.locale_identifier
        self.plural = _gettext.c2py(catalog.plural_expr)
        self.messages: dict[str, tuple[str, ...]] = {}
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if all(strings):
                self.messages[key] = strings

    def lookup(self, singular: str, count: int | None) -> str | None:
        strings = self.messages.get(singular)
        if strings is None:
            return None
        if count is None:
            return strings[0]
        index = self.plural(count)
        return strings[index] if index < len(strings) else strings[-1]


@functools.cache
def _catalog(language: str) -> _Catalog | None:
    path = CATALOGS / f"{language}.po"
    return _Catalog(path) if path.is_file() else None


def catalog_languages() -> list[str]:
    """The languages our own words are translated into (besides English)."""
    return sorted(path.stem for path in CATALOGS.glob("*.po"))


def install(environment) -> None:
    """Give a Jinja environment's templates `_()` and `ngettext()`.

    In a template, a message is markup, as Jinja's own i18n extension treats it: our catalogs are
    ours, not readers' input, so the text is not escaped (English stays byte for byte what the
    template said), while every value filled into it is escaped unless it is markup already (a
    macro's output, such as a link).
    """
    environment.globals.update(_=_markup, ngettext=_markup_ngettext)


def _markup(message: str, /, **values) -> Markup:
    return Markup(_translate(message, None, None)).format(**values)


def _markup_ngettext(singular: str, plural: str, count: int, /, **values) -> Markup:
    return Markup(_translate(singular, plural, count)).format(count=count, **values)
