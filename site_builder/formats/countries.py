"""ISO 3166-1 country codes, and Kosovo's.

Kosovo has no ISO-assigned code; the user-assigned XK / XKX are used by the European Commission,
the IMF and most datasets about it, so they are accepted here beside the ISO list.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pycountry


@dataclass(frozen=True)
class Country:
    alpha_2: str
    alpha_3: str
    name: str


_EXTRA = (Country("XK", "XKX", "Kosovo"),)


@lru_cache(maxsize=1)
def _table() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for entry in pycountry.countries:
        country = Country(entry.alpha_2, entry.alpha_3, getattr(entry, "common_name", None) or entry.name)
        table[country.alpha_2] = table[country.alpha_3] = country
    for country in _EXTRA:
        table[country.alpha_2] = table[country.alpha_3] = country
    return table


def lookup(code: str) -> Country | None:
    """The country with this alpha-2 or alpha-3 code (exact, upper-case), or None."""
    return _table().get(code)
