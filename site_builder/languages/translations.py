"""A text written in several languages, and the pick of the one an edition shows.

In a dataset or a chart spec, any text readers see (a title, a note, a category's label, a
record's text) is either one string, in the source language (English), or a mapping from
language to string:

    title:
      en: KFOR troop strength
      sq: Numri i trupave të KFOR-it
      sr: Бројно стање КФОР-а

Serbian is written in Cyrillic; the Latin edition's text is made from it (`translit.py`), so
`sr-Latn` is never written. A text with no value for an edition's language is a missing
translation, reported at its line (`site-builder check`, and a strict build): a Serbian page
never shows English in its place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from site_builder.languages import current, translit


class Translations(Mapping[str, str]):
    """A text in several languages: immutable and hashable, so a record holding one can be a key.

    Compared and hashed by its source-language text, which is what a record's key and a
    correction's `record:` name it by.
    """

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str]):
        self._texts = dict(texts)

    def __getitem__(self, language: str) -> str:
        return self._texts[language]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    @property
    def source(self) -> str | None:
        return self._texts.get(current.SOURCE)

    def __hash__(self) -> int:
        return hash(self.source)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Translations):
            return self._texts == other._texts
        return isinstance(other, str) and other == self.source

    def __repr__(self) -> str:
        return f"Translations({self._texts!r})"


def pick(value, language: str | None = None) -> str | None:
    """The text of `value` in `language` (default: the one being made), or None when it has none.

    A plain string is source-language text: it is the English edition's, and no other's. The
    Latin Serbian text is the Cyrillic one transliterated.
    """
    language = language or current.language()
    if value is None:
        return None
    if isinstance(value, str):
        return value if language == current.SOURCE else None
    if current.is_latin_of_cyrillic(language):
        cyrillic = value.get(current.base(language))
        return None if cyrillic is None else translit.to_latin(cyrillic)
    return value.get(language)


def written_in(value) -> set[str]:
    """The languages a text is written in (a plain string: the source language)."""
    if isinstance(value, str):
        return {current.SOURCE}
    return set(value)
