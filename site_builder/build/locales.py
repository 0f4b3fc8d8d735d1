"""plotly.js's locale for each edition's language: its month names, separators and its controls' words.

A drawn chart writes some text itself: the ticks of a date axis ("shkurt 2008"), the thousands
in a number axis ("4 353"), the names of its toolbar's buttons ("Zoom in"), the hint after a
zoom. plotly.js words them from a registered locale (`Plotly.register`, then `config.locale`),
which the `plotly.js-locales` package gives for Albanian (`sq`) and Serbian in Cyrillic (`sr`):
read from its files in `node_modules/` (or the wheel's copy), pinned by `package-lock.json`.

The package's files are CommonJS modules; the build reads their object literal here (strictly:
names, strings, lists and objects, nothing that runs), so no Node.js is needed to build a site and
nothing of the package's code runs in readers' browsers. What a locale holds is then made to agree
with the text around the chart (`reader/text.py`): month and day names are CLDR's, as our dates
write them (plotly's own capitalise Serbian months, which Serbian does not), the separators
CLDR's, and plotly's words for its controls come from our catalogs (the package's dictionaries
for these languages are empty). The Latin Serbian locale is the Cyrillic one transliterated, as
every text of that edition is; plotly's own Latin Serbian file (`sr-sr.js`) agrees with that
transliteration (tests/unit/test_locale_text.py).

Each locale is published as a small script that hands the object to our loader
(`window.siteBuilderLocales[language]`), which registers it with the plotly.js it draws with.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from babel import Locale

from site_builder.languages import current, translit
from site_builder.languages.messages import _
from site_builder.reader.text import separators

PACKAGE = "plotly.js-locales"
FILES = {"sq": "sq.js", "sr": "sr.js"}  # the package's file for each language written by hand
LANGUAGES = ("sq", "sr", "sr-Latn")  # every language a locale is published for (sr-Latn: made from sr)


class LocaleUnreadable(Exception):
    """A locale file of plotly.js-locales is not the plain object literal this module reads."""


def plotly_words() -> dict[str, str]:
    """plotly.js's words that our charts show (the toolbar's buttons left by the loader, its hints),
    in the language being made; the keys are plotly's English, as its dictionaries want.
    """
    return {
        "Download plot as a PNG": _("Download plot as a PNG"),
        "Download plot": _("Download plot"),
        "Zoom": _("Zoom"),
        "Pan": _("Pan"),
        "Zoom in": _("Zoom in"),
        "Zoom out": _("Zoom out"),
        "Reset axes": _("Reset axes"),
        "Reset": _("Reset"),
        "Double-click to zoom back out": _("Double-click to zoom back out"),
        "Double-click on legend to isolate one trace": _("Double-click on legend to isolate one trace"),
    }


def loader_words() -> dict[str, dict[str, str]]:
    """Our loader's own words (site-builder.js: a label it gives, a button's text once it has copied)
    in each language a locale is published for, keyed by their English; English pages use the keys.
    """
    words = {}
    for language in LANGUAGES:
        with current.using(language):
            words[language] = {
                "Chart tools: {title}": _("Chart tools: {title}"),
                "Copied": _("Copied"),
                "Search": _("Search"),
            }
    return words


def locale(modules: Path, language: str) -> dict:
    """The plotly.js locale object for `language` ("sq", "sr", "sr-Latn"), read from `modules`."""
    if current.is_latin_of_cyrillic(language):
        cyrillic = locale(modules, current.base(language))
        return {**_transliterated(cyrillic), "name": language}
    made = read_locale((modules / PACKAGE / FILES[language]).read_text("utf-8"), FILES[language])
    names = Locale.parse(current.babel_locale(language))
    decimal, group, _minus = separators(language)
    made["name"] = language
    made["format"] = {
        **made.get("format", {}),
        "days": [names.days["stand-alone"]["wide"][(day + 6) % 7] for day in range(7)],  # plotly: Sunday first
        "shortDays": [names.days["stand-alone"]["abbreviated"][(day + 6) % 7] for day in range(7)],
        "months": [names.months["stand-alone"]["wide"][month] for month in range(1, 13)],
        "shortMonths": [names.months["stand-alone"]["abbreviated"][month] for month in range(1, 13)],
        "decimal": decimal,
        "thousands": group,
    }
    with current.using(language):
        ours = {english: text for english, text in plotly_words().items() if text != english}
    made["dictionary"] = {**made.get("dictionary", {}), **ours}
    return made


def script(modules: Path, language: str) -> bytes:
    """The published file: the locale handed to the loader, as JSON (ASCII, `<` escaped: inert anywhere)."""
    payload = json.dumps(locale(modules, language), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    payload = payload.replace("<", "\\u003c")
    key = json.dumps(language)
    return f"(window.siteBuilderLocales = window.siteBuilderLocales || {{}})[{key}] = {payload};\n".encode()


def _transliterated(value):
    if isinstance(value, str):
        return translit.to_latin(value)
    if isinstance(value, list):
        return [_transliterated(item) for item in value]
    if isinstance(value, dict):
        return {key: value[key] if key == "name" else _transliterated(value[key]) for key in value}
    return value


# A CommonJS locale file: 'use strict'; module.exports = { ... };
_MODULE = re.compile(r"\A\s*(?:'use strict'|\"use strict\");?\s*module\.exports\s*=\s*(\{.*\})\s*;?\s*\Z", re.S)
_TOKEN = re.compile(
    r"""(?P<space>\s+|//[^\n]*|/\*.*?\*/)
      |(?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      |(?P<name>[A-Za-z_$][\w$]*)(?=\s*:)
      |(?P<punct>[{}\[\],:])
      |(?P<number>-?\d+(?:\.\d+)?)""",
    re.S | re.X,
)


def read_locale(text: str, name: str = "locale") -> dict:
    """The object literal of a plotly.js-locales file, as Python values (no JavaScript is run)."""
    found = _MODULE.match(text)
    if not found:
        raise LocaleUnreadable(f"{PACKAGE}/{name} is not `module.exports = {{...}}`: has the package changed?")
    body, out, position = found.group(1), [], 0
    while position < len(body):
        token = _TOKEN.match(body, position)
        if token is None:
            raise LocaleUnreadable(f"{PACKAGE}/{name}: unexpected {body[position : position + 20]!r}")
        position = token.end()
        kind = token.lastgroup
        if kind == "name":
            out.append(repr(token.group()))
        elif kind != "space":
            out.append(token.group())
    try:
        value = ast.literal_eval("".join(out))
    except (SyntaxError, ValueError) as error:
        raise LocaleUnreadable(f"{PACKAGE}/{name}: {error}") from None
    if not isinstance(value, dict) or value.get("moduleType") != "locale":
        raise LocaleUnreadable(f"{PACKAGE}/{name} holds no plotly.js locale (moduleType: 'locale')")
    return value
