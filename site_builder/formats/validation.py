"""Pydantic's errors, translated into editors' problems: where, what, and how to fix it.

The rules live in the models (`model.py`); this module only words what pydantic reports, in the
editors' terms (text, a number, a mapping) rather than Python's, locates each problem in the file
and keeps the few that say something useful out of the many a union or an optional value yields.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from site_builder.errors import MAX_PROBLEMS, Problem, describe, did_you_mean, number_hint
from site_builder.formats.model import ID_PATTERN, LANGUAGES
from site_builder.formats.yamlsource import Document

_EXPECTED = {
    "string_type": ("text", "put the value in quotes"),
    "int_type": ("an integer", "write a whole number without quotes or separators"),
    "float_type": ("a number", "write a number without quotes or separators"),
    "bool_type": ("true or false", "write true or false without quotes"),
    "scalar_type": ("text or a number", "write one value, not a list or a mapping"),
    "text_type": (
        "text, or a text per language (`en: ...` and each translation under it)",
        "write the text on the key's line, or indent one `<language>: text` line a language under the key",
    ),
    "dict_type": ("a mapping (key: value lines)", "indent `key: value` lines under this key"),
    "list_type": ("a list", "write one `- item` a line under this key"),
    "model_type": ("a mapping (key: value lines)", "indent `key: value` lines under this key"),
    "model_attributes_type": ("a mapping (key: value lines)", "indent `key: value` lines under this key"),
}


def validate(
    model: type[BaseModel], document: Document, base: tuple = (), value: Any = ..., languages: tuple[str, ...] = ()
) -> tuple[Any, list[Problem]]:
    """Validate `value` (default: the document's value at `base`) against `model`; texts may be written in
    `languages`, the site's (English alone when none are given).

    Returns the model instance (or None) and the problems, located in the document.
    """
    if value is ...:
        value = document.value
        for part in base:
            value = value[part]
    try:
        return model.model_validate(value, context={LANGUAGES: languages} if languages else None), []
    except ValidationError as error:
        # A broken file fails fast, and its first problems are what to fix: at most MAX_PROBLEMS.
        errors = _without_renamed(model, _deepest(error.errors(include_url=False)[: 4 * MAX_PROBLEMS], value))
        problems = [_problem(model, document, base, e) for e in errors[:MAX_PROBLEMS]]
        if error.error_count() > 4 * MAX_PROBLEMS or len(errors) > MAX_PROBLEMS:
            problems.append(document.problem(base, "more problems not shown", "fix these first, then check again"))
        return None, problems


def _deepest(errors: list[dict], value: Any) -> list[dict]:
    """Of the errors a union or an optional field gives, keep those that say something useful."""
    seen, result = set(), []
    for e in errors:
        loc = _input_loc(e["loc"], value, e["type"])
        if e["type"] == "none_required":
            continue
        key = (loc, e["type"])
        if key in seen:
            continue
        seen.add(key)
        result.append({**e, "loc": loc})
    # A mapping where text or a mapping was allowed (a text per language): what is wrong is inside it,
    # not that it is no string.
    inside = {e["loc"][:n] for e in result for n in range(len(e["loc"]))}
    result = [
        e
        for e in result
        if not (e["type"] == "string_type" and isinstance(e.get("input"), dict) and e["loc"] in inside)
    ]
    # An optional value of the wrong type yields one error per alternative; report one, naming
    # both when text and a number were allowed (a correction's `old` and `new`), or text and a
    # mapping (a text readers see, in one language or several).
    by_loc: dict[tuple, dict] = {}
    kinds: dict[tuple, set] = {}
    for e in result:
        by_loc.setdefault(e["loc"], e)
        kinds.setdefault(e["loc"], set()).add(e["type"])
    for loc, types in kinds.items():
        if "string_type" in types and types & {"int_type", "float_type"}:
            by_loc[loc] = {**by_loc[loc], "type": "scalar_type"}
        if types == {"string_type", "dict_type"} and not isinstance(by_loc[loc].get("input"), (int, float, bool)):
            # a text readers see (one string, or a string per language) given a list: a number is
            # worded as before, text to quote
            by_loc[loc] = {**by_loc[loc], "type": "text_type"}
    return list(by_loc.values()) if len(by_loc) < len(result) else result


def _without_renamed(model: type[BaseModel], errors: list[dict]) -> list[dict]:
    """Without the missing key a file wrote under its old name: the rename is the one problem to report."""
    renames = {(tuple(e["loc"][:-1]), _renamed(model, e["loc"])) for e in errors if e["type"] == "extra_forbidden"}
    return [e for e in errors if not (e["type"] == "missing" and (tuple(e["loc"][:-1]), e["loc"][-1]) in renames)]


def _input_loc(loc: tuple, value: Any, kind: str) -> tuple:
    """The keys and indexes of an error's location, without the tags pydantic adds for unions and
    validators ('str', 'list[str]', 'function-after[...]'), found by following the input itself
    (a key an editor wrote, such as 't[itle', is kept).
    """
    kept = []
    for index, part in enumerate(loc):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
            value = value[part]
        elif not (kind == "missing" and index == len(loc) - 1):  # a missing key is not in the input
            continue
        kept.append(part)
    return tuple(kept)


def _problem(model: type[BaseModel], document: Document, base: tuple, e: dict) -> Problem:
    loc = base + tuple(e["loc"])
    kind, value = e["type"], e.get("input")
    ctx = e.get("ctx") or {}
    if kind == "missing":
        return document.problem(loc, f"missing required key '{loc[-1]}'", _missing_hint(model, e["loc"]))
    if kind == "extra_forbidden" and (renamed := _renamed(model, e["loc"])):
        return document.problem(
            loc,
            f"`{loc[-1]}` was renamed to `{renamed}`",
            f"rename the key, keeping its value: {renamed}: {_written_back(value)}",
            at_key=True,
        )
    if kind == "extra_forbidden":
        return document.problem(
            loc,
            f"unknown key '{loc[-1]}'",
            did_you_mean(str(loc[-1]), _allowed_keys(model, e["loc"][:-1])),
            at_key=True,
        )
    if kind == "site_builder":
        key = ctx.get("key")  # a refusal of one key of the mapping (a text's language): placed at that key
        return document.problem(loc + (key,) if key else loc, e["msg"], ctx.get("hint", ""), at_key=bool(key))
    if kind in _EXPECTED:
        expected, hint = _EXPECTED[kind]
        if kind == "string_type" and not isinstance(value, (int, float, bool)):
            hint = ""
        if kind in ("int_type", "float_type") and isinstance(value, str):
            hint = number_hint(value)
        return document.problem(loc, f"expected {expected}, got {describe(value)}", hint)
    if kind == "literal_error":
        return document.problem(
            loc,
            f"expected one of {ctx.get('expected')}, got {describe(value)}",
            did_you_mean(str(value), re.findall(r"'([^']*)'", str(ctx.get("expected", "")))),
        )
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        return document.problem(
            loc,
            f"expected an id of lower-case letters, digits and underscores, got {describe(value)}",
            "write ids like kfor_troops",
        )
    if kind == "too_short":
        return document.problem(
            loc,
            f"expected at least {ctx.get('min_length')} item(s), got none",
            "add an item, or remove the key if it is optional",
        )
    if kind in ("string_too_short",):
        return document.problem(
            loc, "expected text, got an empty value", "write the text, or remove the key if it is optional"
        )
    if kind in ("string_too_long",):
        return document.problem(loc, f"text is too long (the limit is {ctx.get('max_length')} characters)")
    return document.problem(loc, f"{e['msg'][0].lower()}{e['msg'][1:]}, got {describe(value)}")


def _renamed(model: type[BaseModel], loc: tuple) -> str | None:
    """The key's new name, when `loc` ends in a key a model renamed (`renamed` in model.py)."""
    sub = _submodel(model, loc[:-1])
    return getattr(sub, "renamed", {}).get(loc[-1]) if sub else None


def _written_back(value: Any) -> str:
    """A scalar as it would be written back in YAML, for a hint that shows the line to write."""
    return f'"{value}"' if isinstance(value, str) else str(value)


def _submodel(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model that validates the mapping at `loc` (relative to `model`)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return None if not isinstance(current, type) else current
        current = _model_in(info.annotation)
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    sub = _submodel(model, loc)
    return list(sub.model_fields) if sub else []


def _missing_hint(model: type[BaseModel], loc: tuple) -> str:
    sub = _submodel(model, loc[:-1])
    info = sub.model_fields.get(loc[-1]) if sub else None
    if info is not None and info.description:
        example = (
            f" For example: {loc[-1]}: {info.examples[0]}"
            if info.examples and not isinstance(info.examples[0], dict)
            else ""
        )
        return f"add `{loc[-1]}:` ({info.description[0].lower()}{info.description[1:]}){example}"
    return f"add `{loc[-1]}:`"
