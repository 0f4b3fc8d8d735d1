"""Record values against their declared field type.

YAML has already kept every unquoted value that is not plainly a number, true/false or empty as
the text the editor wrote (see `yamlsource`). Here the field's type decides what a value may be:
no value is quietly turned into another type, and each refusal says how to write it instead.

A refusal is the one error type, `ContentError`, holding one `Problem` with no place yet: a value
is checked apart from the file it was written in, and the loader that read it places the problem
(`Document.problem`), so a record's value reports like every other mistake in the file. A problem
inside a text written per language names the language in its `field`, for the loader to add to
the value's path.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic_core import PydanticCustomError

from site_builder.errors import ContentError, Problem, describe, did_you_mean, number_hint
from site_builder.formats import countries
from site_builder.formats.model import NO_SOURCE_TEXT, FieldSpec, check_partial_date, language_problem, number_problem
from site_builder.languages import current
from site_builder.languages.translations import Translations


def convert(spec: FieldSpec, value: Any, languages: tuple[str, ...] = (current.SOURCE,)) -> Any:
    """The value as the site uses it; raises `ContentError` with one unplaced `Problem` when it does not fit.

    A text may be written in `languages` (the site's): a mapping of them becomes `Translations`.
    """
    if spec.type == "text":
        return _text(spec, value, languages)
    return _CONVERTERS[spec.type](spec, value)


def _refuse(message: str, hint: str = "") -> ContentError:
    return ContentError([Problem.unplaced(message, hint)])


def _text(spec: FieldSpec | None, value: Any, languages: tuple[str, ...]) -> str | Translations:
    """A text, or a text per language: `{en: ..., sq: ...}`, as every text readers see may be written."""
    if isinstance(value, dict):
        return translations(value, languages)
    if isinstance(value, str):
        if not value.strip():
            raise _refuse(
                "expected text, got an empty value", "write the text, or leave the key out if the field is optional"
            )
        return value
    hint = "put the value in quotes to keep it as text" if isinstance(value, (bool, int, float)) else ""
    raise _refuse(f"expected text, got {describe(value)}", hint)


def translations(value: dict, languages: tuple[str, ...]) -> Translations:
    """The languages' texts of one value (a record's text or note); a refusal names the language
    (`Problem.field`), for the loader to place.
    """
    for language, text in value.items():
        if (wrong := language_problem(language, languages)) is not None:
            raise ContentError([Problem("", *wrong[:1], field=language, hint=wrong[1])])
        if not isinstance(text, str) or not text.strip():
            got = "an empty value" if isinstance(text, str) or text is None else describe(text)
            raise ContentError(
                [Problem("", f"expected text, got {got}", field=language, hint="write the text in that language")]
            )
    if current.SOURCE not in value:
        raise _refuse(*NO_SOURCE_TEXT)
    return Translations(value)


# A number that `yamlsource` kept as the text written, being beyond floats (1e999, or over Python's
# 4,300 digits): no figure a chart can draw.
_NUMBER_WRITTEN = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\Z", re.ASCII)


def _number(spec: FieldSpec, value: Any, integer: bool) -> int | float:
    expected = "an integer" if integer else "a number"
    ok = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok:
        hint = ""
        if isinstance(value, str) and _NUMBER_WRITTEN.match(value) and not math.isfinite(float(value)):
            raise _refuse(f"{describe(value)} is beyond the numbers a chart can draw", number_problem(float("inf"))[1])
        if isinstance(value, str):
            hint = number_hint(value)
        elif isinstance(value, float) and integer:
            hint = "this field holds whole numbers; declare it `type: number` for fractions"
        raise _refuse(f"expected {expected}, got {describe(value)}", hint)
    if (wrong := number_problem(value)) is not None:
        raise _refuse(*wrong)
    if spec.min is not None and value < spec.min:
        raise _refuse(
            f"{value} is below the smallest allowed value, {spec.min}", "check the figure, or the field's `min`"
        )
    if spec.max is not None and value > spec.max:
        raise _refuse(
            f"{value} is above the largest allowed value, {spec.max}", "check the figure, or the field's `max`"
        )
    return value


def _date(spec: FieldSpec, value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)  # a bare year: the text the editor wrote
    if not isinstance(value, str):
        raise _refuse(
            f"expected a date written YYYY, YYYY-MM or YYYY-MM-DD, got {describe(value)}",
            "write dates as 2008-02-17, 2008-02 or 2008",
        )
    try:
        return check_partial_date(value)
    except PydanticCustomError as error:
        raise _refuse(error.message(), (error.context or {}).get("hint", "")) from None


def _country(spec: FieldSpec, value: Any) -> str:
    if not isinstance(value, str):
        raise _refuse(f"expected an ISO 3166-1 country code, got {describe(value)}", "write codes like DE or DEU")
    if countries.lookup(value) is None:
        if countries.lookup(value.upper()):
            raise _refuse(f"country codes are written in capitals, got '{value}'", f"write {value.upper()}")
        raise _refuse(
            f"'{value}' is not an ISO 3166-1 country code",
            "use the two- or three-letter code, like DE or DEU; Kosovo is XK or XKX",
        )
    return value


def _category(spec: FieldSpec, value: Any) -> str:
    allowed = [c.value for c in spec.categories or ()]
    if not isinstance(value, str) or value not in allowed:
        raise _refuse(
            f"expected one of {', '.join(repr(a) for a in allowed)}, got {describe(value)}",
            did_you_mean(str(value), allowed) if isinstance(value, str) else "",
        )
    return value


_CONVERTERS = {
    "integer": lambda spec, value: _number(spec, value, integer=True),
    "number": lambda spec, value: _number(spec, value, integer=False),
    "date": _date,
    "country": _country,
    "category": _category,
}
