"""YAML syntax errors in an editor's words: what is wrong with the line, the line as written, and
the line as it should be.

The parsers word their errors for people who write parsers ("mapping values are not allowed
here", "found character that cannot start any token"), and the wording differs between PyYAML
and libyaml. The mistakes behind them are few and always the same: a tab in the indentation, a
second `: ` (or a ` #`) inside text that is not in quotes, no space after a key's colon, a quote
or a bracket opened and never closed. Each is recognised here from where the parser stopped and
the line written there, and explained with that line corrected; anything else keeps the parser's
words, at its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

SHOWN = 100  # characters of a line shown in a message: a line may be megabytes long

_KEY_VALUE = re.compile(r"(?P<lead>\s*(?:-\s+)*)(?P<key>[^\s:#'\"\[\]{},][^:#]*?):(?P<gap>[ \t]+)(?P<value>.*)\Z")
_NO_SPACE = re.compile(r"(?P<lead>\s*(?:-\s+)*)(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:/].*)\Z")
_OPENERS = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class Wording:
    """A syntax error explained: the message, the hint, and where (0-based, as the parser counts)."""

    message: str
    hint: str
    line: int | None
    column: int | None


def explain(error: yaml.MarkedYAMLError, text: str) -> Wording:
    """The plain-words explanation of a syntax error in `text`."""
    problem, context = error.problem or "", error.context or ""
    mark, opened = error.problem_mark, error.context_mark
    for recognise in _RECOGNISERS:
        wording = recognise(problem, context, mark, opened, text)
        if wording is not None:
            return wording
    message = f"YAML syntax error: {problem or context}"
    if context and problem:
        message += f" ({context})"
    where = mark or opened
    return Wording(
        message,
        "check that this line is indented like the lines it belongs with, and that text with ': ' or ' #' in it "
        "is in quotes",
        where.line if where else None,
        where.column if where else None,
    )


def line_at(text: str, index: int) -> str:
    """The whole line of `text` that holds character `index`, without its line break."""
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return text[start : end if end >= 0 else len(text)].rstrip("\r")


def shown(line: str) -> str:
    """A line as a message quotes it: tabs made visible, long lines cut."""
    line = line.replace("\t", "\\t")
    return f"`{line if len(line) <= SHOWN else line[: SHOWN - 3] + '...'}`"


def quoted(value: str) -> str:
    """`value` as YAML text in quotes, double unless it holds a double quote and no single one."""
    value = value.rstrip()
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line(mark, text: str) -> str:
    return line_at(text, min(mark.index, len(text)))


def _tab(problem, context, mark, opened, text) -> Wording | None:
    if mark is None:
        return None
    line = _line(mark, text)
    at = line[mark.column : mark.column + 1]
    if at != "\t" and "tab" not in problem and "'\\t'" not in problem:
        return None
    indent = len(line) - len(line.lstrip(" \t"))
    if "\t" in line[:indent]:
        fixed = " " * _indentation_meant(text, mark.index, line[:indent]) + line[indent:]
        what, hint = "a tab in the indentation", "indent with spaces, not tabs"
    else:
        fixed = line.replace("\t", " ")
        what, hint = "a tab character", "use spaces, not tabs"
    return Wording(f"YAML syntax error: {what}: {shown(line)}", f"{hint}: {shown(fixed)}", mark.line, mark.column)


def _indentation_meant(text: str, index: int, written: str) -> int:
    """How many spaces a tab-indented line means: two more than a line above that opens a block
    (`sources:`), as many as a line above that does not.
    """
    start = text.rfind("\n", 0, index) + 1
    while start > 0:
        start = text.rfind("\n", 0, start - 1) + 1
        above = line_at(text, start)
        if above.strip() and not above.lstrip().startswith("#"):
            if "\t" in above[: len(above) - len(above.lstrip())]:
                break
            spaces = len(above) - len(above.lstrip(" "))
            return spaces + 2 if above.rstrip().endswith(":") else spaces
    return len(written.replace("\t", "  "))


def _unclosed_quote(problem, context, mark, opened, text) -> Wording | None:
    if "quoted scalar" not in context or opened is None:
        return None
    line = _line(opened, text)
    quote = line[opened.column : opened.column + 1] or '"'
    return Wording(
        f"YAML syntax error: a quote ({quote}) opened here is never closed: {shown(line)}",
        f"end the text with the same quote: {shown(line.rstrip() + quote)}",
        opened.line,
        opened.column,
    )


def _unclosed_bracket(problem, context, mark, opened, text) -> Wording | None:
    if not ("flow sequence" in context or "flow mapping" in context) or opened is None:
        return None
    line = _line(opened, text)
    bracket = line[opened.column : opened.column + 1]
    closer = _OPENERS.get(bracket, "]" if "sequence" in context else "}")
    if closer in line[opened.column :]:  # closed on its own line: something else is wrong inside
        return Wording(
            f"YAML syntax error: {problem or context}, inside the {bracket} {closer} of this line: {shown(line)}",
            "separate the items with ', ' and put any item with ',', ':' or a bracket in it in quotes",
            mark.line if mark else opened.line,
            mark.column if mark else opened.column,
        )
    return Wording(
        f"YAML syntax error: a '{bracket}' opened here is never closed: {shown(line)}",
        f"close it on the same line: {shown(line.rstrip() + closer)}, or write "
        + ("the items one a line, each after '- '" if closer == "]" else "each `key: value` on its own line"),
        opened.line,
        opened.column,
    )


def _missing_space(problem, context, mark, opened, text) -> Wording | None:
    """`title:KFOR` is text, not a key and its value: the parser stumbles on it or on a line after it."""
    if "simple key" in context and opened is not None:
        starts = [opened.index]
    elif "mapping values" in problem and mark is not None:
        line_start = text.rfind("\n", 0, mark.index) + 1
        starts = [line_start]  # the line itself, then up to three lines above it
        for _ in range(3):
            if line_start == 0:
                break
            line_start = text.rfind("\n", 0, line_start - 1) + 1
            starts.append(line_start)
    else:
        return None
    for index in starts:
        line = line_at(text, index)
        found = _NO_SPACE.match(line)
        if found is None or _KEY_VALUE.match(line):
            continue
        value = found["value"]
        fixed = f"{found['lead']}{found['key']}: {quoted(value) if ': ' in value or ' #' in value else value}"
        return Wording(
            f"YAML syntax error: no space after the colon: {shown(line)}",
            f"put a space after the colon: {shown(fixed)}",
            text.count("\n", 0, index),
            len(found["lead"]) + len(found["key"]) + 1,
        )
    return None


def _colon_in_text(problem, context, mark, opened, text) -> Wording | None:
    if "mapping values" not in problem or mark is None:
        return None
    line = _line(mark, text)
    found = _KEY_VALUE.match(line)
    if not found or mark.column <= len(found["lead"]) + len(found["key"]):
        return None
    fixed = f"{found['lead']}{found['key']}:{found['gap']}{quoted(found['value'])}"
    return Wording(
        f"YAML syntax error: ': ' inside text that is not in quotes: {shown(line)}",
        f"put the text in quotes: {shown(fixed)}",
        mark.line,
        mark.column,
    )


def _after_quote(problem, context, mark, opened, text) -> Wording | None:
    """`title: "KFOR" in 2024`: the quotes end the text, and more text follows."""
    if mark is None or not ("block end" in problem or "expected key" in problem):
        return None
    line = _line(mark, text)
    found = _KEY_VALUE.match(line)
    if not found or found["value"][:1] not in "\"'" or not found["value"] or mark.column <= len(found["lead"]):
        return None
    fixed = f"{found['lead']}{found['key']}:{found['gap']}{quoted(found['value'])}"
    return Wording(
        f"YAML syntax error: text after the closing quote: {shown(line)}",
        f"put the whole text in quotes: {shown(fixed)}",
        mark.line,
        mark.column,
    )


def _start(problem, context, mark, opened, text) -> Wording | None:
    """Text starting with a character YAML keeps for itself (`@`, a backquote)."""
    if "cannot start any token" not in problem or mark is None:
        return None
    line = _line(mark, text)
    found = _KEY_VALUE.match(line)
    character = line[mark.column : mark.column + 1]
    if not found or mark.column < len(line) - len(found["value"]):
        return None
    fixed = f"{found['lead']}{found['key']}:{found['gap']}{quoted(found['value'])}"
    return Wording(
        f"YAML syntax error: text cannot start with '{character}' unless it is in quotes: {shown(line)}",
        f"put the text in quotes: {shown(fixed)}",
        mark.line,
        mark.column,
    )


def _indentation(problem, context, mark, opened, text) -> Wording | None:
    """A line indented unlike the keys it belongs with: the parser expected the mapping to go on or
    end, or read the line as more of the text above it.
    """
    if mark is None:
        return None
    line = _line(mark, text)
    if "mapping values" in problem:  # `a: 1` then `  b: 2`: b's line is read as more of a's text
        line_start = text.rfind("\n", 0, mark.index) + 1
        if line_start == 0:
            return None
        above = line_at(text, line_start - 1)
        fixed = above[: len(above) - len(above.lstrip(" "))] + line.lstrip(" ")
        return Wording(
            f"YAML syntax error: this line is indented more than the line above it: {shown(line)}",
            f"line it up with the line above: {shown(fixed)}; or, if it is text going on from there, put the text "
            "in quotes",
            mark.line,
            mark.column,
        )
    if opened is None or not ("block mapping" in context or "block collection" in context):
        return None
    if not ("block end" in problem or "expected key" in problem):
        return None
    opening = line_at(text, opened.index)
    column = opened.column
    if opening[column : column + 1] == "-":  # a list item's keys start after its '- '
        column += len(opening[column:]) - len(opening[column + 1 :].lstrip(" "))
    fixed = " " * column + line.lstrip(" ")
    return Wording(
        f"YAML syntax error: this line is indented unlike the lines it belongs with: {shown(line)}",
        f"line it up with the keys of line {opened.line + 1}, which start at column {column + 1}: {shown(fixed)}; "
        "or, if it is text, put it in quotes",
        mark.line,
        mark.column,
    )


# In this order: a tab or an open quote explains whatever the parser says after it.
_RECOGNISERS = (
    _tab,
    _unclosed_quote,
    _unclosed_bracket,
    _colon_in_text,
    _missing_space,
    _after_quote,
    _start,
    _indentation,
)
