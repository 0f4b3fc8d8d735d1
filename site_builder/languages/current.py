"""The language the build is writing text in now.

A build makes each edition's text in turn (charts, tables, sentences, page templates), and the
functions that word a value (`reader/text.py`, `messages.py`) are called from deep inside the
chart kinds; passing a language through every one of them would touch every signature for one
fact that does not change during an edition. So it is a context variable, set for the time of an
edition with `using(language)`, and English (the project's source language) otherwise.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

SOURCE = "en"  # the language editors write first; every other edition is a translation of it
_language: contextvars.ContextVar[str] = contextvars.ContextVar("site_builder_language", default=SOURCE)


def language() -> str:
    """The BCP 47 code of the language text is made in: "en", "sq", "sr", "sr-Latn"."""
    return _language.get()


def babel_locale(code: str | None = None) -> str:
    """The language as Babel and CLDR name it: "sr-Latn" -> "sr_Latn"."""
    return (code or language()).replace("-", "_")


def base(code: str | None = None) -> str:
    """The language without its script: "sr-Latn" -> "sr"."""
    return (code or language()).split("-", 1)[0]


def is_latin_of_cyrillic(code: str | None = None) -> bool:
    """Whether the language's text is made from its Cyrillic edition by transliteration (Serbian in Latin)."""
    return (code or language()) == "sr-Latn"


@contextlib.contextmanager
def using(code: str) -> Iterator[str]:
    """Make text in `code` until the block ends (nested blocks restore the outer language)."""
    token = _language.set(code)
    try:
        yield code
    finally:
        _language.reset(token)
