"""Country names in the language being made: "Germany", "Gjermani", "Немачка", "Nemačka".

A record names a country by its ISO code, never by a name an editor typed, so every edition
names it in its own language from the code. Two sources name countries in Albanian and Serbian:

- CLDR (Babel's `Locale.territories`): the names a reader uses ("Rusi", "Русија", "Турска",
  "Јужна Кореја"), written by native speakers in the Unicode survey and complete for every ISO
  3166-1 code in both languages.
- pycountry's gettext catalogs (`pycountry.LOCALES_DIR`, domain `iso3166-1`): translations of
  ISO's formal names, inverted for sorting as ISO writes them ("Korea, Republika e",
  "Конго, Демократска Република", "Руска Федерација"), and with gaps: its Serbian catalog has no
  name for Türkiye (TR), which the Kosovo recognition data holds, and none of the short English
  names ("Iran", "South Korea") that the English edition shows.

So a name is CLDR's, and pycountry's catalog only where CLDR has none or is out of date
(`_ISO_PREFERRED`: CLDR's Serbian still calls Eswatini by its name before 2018). English keeps
the names `formats/countries.py` gives (pycountry's English), exactly as before editions existed.
Kosovo (XK, not in ISO 3166-1) is named as each community names it: Kosovo, Kosova, Косово
(CLDR's Albanian "Kosovë" is the indefinite form, not the name written alone; see glossary.yml).
The Latin Serbian name is the Cyrillic one transliterated, so both Serbian editions name the
same country alike.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pycountry
from babel import Locale
from babel.messages.mofile import read_mo

from site_builder.formats import countries
from site_builder.languages import current, translit

KOSOVO = {"en": "Kosovo", "sq": "Kosova", "sr": "Косово"}
# Codes whose CLDR name in a language is not the country's name today, with pycountry's in its place.
_ISO_PREFERRED = {"sr": frozenset({"SZ"})}  # Eswatini since 2018; CLDR's Serbian keeps "Свазиленд"


def country_name(code: str, language: str | None = None) -> str:
    """The name of the country with this alpha-2 or alpha-3 code in `language` (default: the one
    being made); a code nobody knows is shown as written.
    """
    language = language or current.language()
    if language == current.SOURCE:
        country = countries.lookup(code)
        return country.name if country else code
    return _name(code, language)


@functools.lru_cache(maxsize=4096)
def _name(code: str, language: str) -> str:
    country = countries.lookup(code)
    if country is None:
        return code
    if current.is_latin_of_cyrillic(language):
        return translit.to_latin(country_name(code, current.base(language)))
    if country.alpha_2 == "XK":
        return KOSOVO.get(language, country.name)
    preferred = country.alpha_2 in _ISO_PREFERRED.get(language, ())
    sources = (iso_name, cldr_name) if preferred else (cldr_name, iso_name)
    for source in sources:
        name = source(country.alpha_2, language)
        if name:
            return name
    return country.name


def cldr_name(alpha_2: str, language: str) -> str | None:
    """CLDR's name of a territory in a language, or None."""
    return _territories(language).get(alpha_2)


def iso_name(alpha_2: str, language: str) -> str | None:
    """The translation in pycountry's catalog of ISO 3166-1's name (its common name where ISO gives one), or None
    where its catalog for the language has none.
    """
    entry = pycountry.countries.get(alpha_2=alpha_2)
    if entry is None:
        return None
    catalog = _iso_catalog(language)
    for english in (getattr(entry, "common_name", None), entry.name):
        message = catalog.get(english) if english else None
        if message is not None and message.string:
            return message.string
    return None


@functools.cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(current.babel_locale(language)).territories)


@functools.cache
def _iso_catalog(language: str):
    path = Path(pycountry.LOCALES_DIR) / language / "LC_MESSAGES" / "iso3166-1.mo"
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        return read_mo(file)
