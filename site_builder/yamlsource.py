"""Strict YAML reading that keeps what the editor wrote, and where.

PyYAML's `safe_load` guesses types the editor never meant (`NO` becomes False, `2008-02-17` a
date, `012` the number 10), keeps the last of two duplicate keys without a word and expands
aliases without limit. Here, only a few plain scalars get a type (YAML 1.2's core schema, minus
its surprises): `null`/`~`/empty, `true`/`false`, decimal integers without leading zeros and
decimal numbers with a point or an exponent. Everything else stays the text that was written,
and the field's declared type decides later what it may become.

Every value's position is kept, so later checks can point at a line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, MappingStartEvent, ScalarEvent, SequenceStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import ContentError, Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 12
MAX_NODES = 200_000
MAX_STRING = 20_000

Path_ = tuple  # a path into the document: keys (str) and list indexes (int)

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z|[-+]?[0-9]+[eE][-+]?[0-9]+\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Document:
    """A parsed file: its plain value and where each part of it was written."""

    path: str
    value: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    plain: set[Path_] = field(default_factory=set)  # paths of unquoted scalars

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column of the value at `path`, or of its nearest written ancestor."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (None, None))

    def key_where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column of the key that introduces `path` (for unknown-key messages)."""
        return self.key_positions.get(tuple(path)) or self.where(path)

    def problem(self, path: Path_, message: str, hint: str = "", at_key: bool = False) -> Problem:
        line, column = self.key_where(path) if at_key else self.where(path)
        return Problem(self.path, message, line, column, format_path(path), hint)


def format_path(path: Path_) -> str:
    """`("records", 3, "troops")` becomes `records[3].troops`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class _StrictLoader(yaml.SafeLoader):
    """Refuses anchors, aliases, explicit tags and runaway nesting while composing."""

    def __init__(self, stream, display: str):
        super().__init__(stream)
        self.display = display
        self.depth = 0
        self.nodes = 0

    def _refuse(self, mark, message: str, hint: str) -> None:
        raise ContentError([Problem(self.display, message, mark.line + 1, mark.column + 1, "", hint)])

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            self._refuse(event.start_mark, f"YAML alias '*{event.anchor}' is not allowed",
                         "write the value out in full; anchors and aliases are refused so that a file means what it shows")
        if getattr(event, "anchor", None) is not None:
            self._refuse(event.start_mark, f"YAML anchor '&{event.anchor}' is not allowed",
                         "remove the anchor and write values out in full")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and not (isinstance(event, ScalarEvent) and event.implicit[0]):
            self._refuse(event.start_mark, f"YAML tag '{tag}' is not allowed", "remove the tag; types come from the dataset's fields")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._refuse(event.start_mark, f"file has more than {MAX_NODES:,} values", "split the data into smaller datasets")
        nesting = isinstance(event, (MappingStartEvent, SequenceStartEvent))
        if nesting:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                self._refuse(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels", "datasets and charts are shallow: check the indentation")
        try:
            return super().compose_node(parent, index)
        finally:
            if nesting:
                self.depth -= 1


def read_yaml(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file, or raise `ContentError` saying what is wrong and where."""
    display = display or Path(path).as_posix()
    try:
        size = Path(path).stat().st_size
    except OSError as error:
        raise ContentError([Problem(display, f"cannot read the file: {error.strerror}")]) from None
    if size > MAX_BYTES:
        raise ContentError([Problem(display, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                                    hint="split the data into smaller datasets")])
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError([Problem(display, "file is not valid UTF-8", line, None, "", "save the file as UTF-8")]) from None
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> Document:
    loader = _StrictLoader(text, display)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = f"YAML syntax error: {error.problem or error.context}"
        if error.context and error.problem:
            message += f" ({error.context})"
        raise ContentError([Problem(display, message, mark.line + 1 if mark else None, mark.column + 1 if mark else None, "",
                                    "check the indentation and that text with ': ' or '#' in it is quoted")]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(display, f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    document = Document(display, None)
    if node is None:
        return document
    problems: list[Problem] = []
    document.value = _convert(node, (), document, problems)
    if problems:
        raise ContentError(problems)
    return document


def _convert(node, path: Path_, document: Document, problems: list[Problem]) -> Any:
    document.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        if len(node.value) > MAX_STRING:
            problems.append(document.problem(path, f"text is {len(node.value):,} characters long; the limit is {MAX_STRING:,}"))
            return None
        if node.style is None:
            document.plain.add(path)
            return _plain_scalar(node.value)
        return node.value
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), document, problems) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(document.path, "a key must be plain text", key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1, format_path(path)))
                continue
            key = key_node.value
            if key in result:
                first = document.key_positions[path + (key,)]
                problems.append(Problem(document.path, f"duplicate key '{key}' (first written on line {first[0]})",
                                        key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                        format_path(path + (key,)), "remove one of the two; YAML would silently keep only the last"))
                continue
            document.key_positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, path + (key,), document, problems)
        return result
    raise AssertionError(f"unexpected YAML node {node!r}")  # the composer yields only the three kinds


def _plain_scalar(text: str) -> Any:
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text
