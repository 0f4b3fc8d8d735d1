"""Strict YAML reading that keeps what the editor wrote, and where.

PyYAML's `safe_load` guesses types the editor never meant (`NO` becomes False, `2008-02-17` a
date, `012` the number 10), keeps the last of two duplicate keys without a word and expands
aliases without limit. Here, only a few plain scalars get a type (YAML 1.2's core schema, minus
its surprises): `null`/`~`/empty, `true`/`false`, decimal integers without leading zeros and
decimal numbers with a point or an exponent. Everything else stays the text that was written,
and the field's declared type decides later what it may become.

Every value's position is kept, so later checks can point at a line and column. Every text, key
or value, is held to `characters.text_problem` (no control characters, written or escaped; no
direction control left open), so no loader has to remember it.

Reading is bounded: files over `MAX_BYTES`, more than `MAX_NODES` values, nesting deeper than
`MAX_DEPTH` or text longer than `MAX_STRING` characters are refused as soon as they are seen, so
a hostile or broken file fails in a fraction of a second (`tests/unit/test_limits.py`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent
from yaml.reader import Reader, ReaderError

from site_builder.errors import ContentError, Problem
from site_builder.formats.characters import text_problem
from site_builder.formats.yamlsyntax import explain

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


# libyaml's parser (PyYAML's C extension), much faster than the pure-Python one, so that a large
# hostile file is refused or read quickly (bench/README.md, "Measurements behind the code"). Documents are built
# straight from its events, without PyYAML's composer and resolver (most of the time spent).
_EventSource = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
_SLOW_MESSAGE_LIMIT = 256_000  # re-read up to this many characters for PyYAML's wording of a syntax error


class _Builder:
    """Turns parser events into the plain value and its positions; refuses anchors, aliases,
    explicit tags and runaway size or nesting as soon as they appear.
    """

    def __init__(self, loader, document: Document, display: str):
        self.loader, self.document, self.display = loader, document, display
        self.problems: list[Problem] = []
        self.depth = 0
        self.nodes = 0

    def _refuse(self, mark, message: str, hint: str) -> None:
        raise ContentError([Problem(self.display, message, mark.line + 1, mark.column + 1, "", hint)])

    def _check(self, event) -> None:
        kind = type(event)
        if kind is AliasEvent:
            self._refuse(
                event.start_mark,
                f"YAML alias '*{event.anchor}' is not allowed",
                "write the value out in full; anchors and aliases are refused so that a file means what it shows",
            )
        if event.anchor is not None:
            self._refuse(
                event.start_mark,
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor and write values out in full",
            )
        tag = event.tag
        if tag is not None and tag != "!" and not (kind is ScalarEvent and event.implicit[0]):
            self._refuse(
                event.start_mark,
                f"YAML tag '{tag}' is not allowed",
                "remove the tag; types come from the dataset's fields",
            )
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._refuse(
                event.start_mark, f"file has more than {MAX_NODES:,} values", "split the data into smaller datasets"
            )
        if kind is not ScalarEvent:
            self.depth += 1
            if self.depth > MAX_DEPTH:
                self._refuse(
                    event.start_mark,
                    f"nesting deeper than {MAX_DEPTH} levels",
                    "datasets and charts are shallow: check the indentation",
                )

    def value(self, event, path: Path_, keep: bool = True) -> Any:
        """The value that starts with `event`; with `keep` false it is read and checked, but not recorded."""
        self._check(event)
        mark = event.start_mark
        if keep:
            self.document.positions[path] = (mark.line + 1, mark.column + 1)
        if type(event) is ScalarEvent:
            if len(event.value) > MAX_STRING:
                if keep:
                    self.problems.append(
                        self.document.problem(
                            path, f"text is {len(event.value):,} characters long; the limit is {MAX_STRING:,}"
                        )
                    )
                return None
            if keep and (wrong := text_problem(event.value)):
                self.problems.append(self.document.problem(path, *wrong))
            if not event.style:  # plain (PyYAML says None, libyaml '')
                if keep:
                    self.document.plain.add(path)
                return _plain_scalar(event.value)
            return event.value
        get = self.loader.get_event
        if type(event) is SequenceStartEvent:
            items: list[Any] = []
            while type(item := get()) is not SequenceEndEvent:
                items.append(self.value(item, path + (len(items),), keep))
            self.depth -= 1
            return items
        result: dict[str, Any] = {}
        while type(key_event := get()) is not MappingEndEvent:
            self._check(key_event)
            key_mark = key_event.start_mark
            if type(key_event) is not ScalarEvent:
                self._skip_rest(key_event)
                if keep:
                    self.problems.append(
                        Problem(
                            self.display,
                            "a key must be plain text",
                            key_mark.line + 1,
                            key_mark.column + 1,
                            format_path(path),
                        )
                    )
                self.value(get(), path, keep=False)
                continue
            key = key_event.value
            if keep and (wrong := text_problem(key)):
                self.problems.append(
                    Problem(self.display, wrong[0], key_mark.line + 1, key_mark.column + 1, format_path(path), wrong[1])
                )
            if key in result and keep:
                first = self.document.key_positions[path + (key,)]
                self.problems.append(
                    Problem(
                        self.display,
                        f"duplicate key '{key}' (first written on line {first[0]})",
                        key_mark.line + 1,
                        key_mark.column + 1,
                        format_path(path + (key,)),
                        "remove one of the two; YAML would silently keep only the last",
                    )
                )
                self.value(get(), path + (key,), keep=False)
                continue
            if keep:
                self.document.key_positions[path + (key,)] = (key_mark.line + 1, key_mark.column + 1)
            result[key] = self.value(get(), path + (key,), keep)
        self.depth -= 1
        return result

    def _skip_rest(self, start) -> None:
        """Read (and check) the rest of a collection whose start event was already checked."""
        get = self.loader.get_event
        end = SequenceEndEvent if isinstance(start, SequenceStartEvent) else MappingEndEvent
        while not isinstance(event := get(), end):
            self.value(event, (), keep=False)
        self.depth -= 1


def read_yaml(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file, or raise `ContentError` saying what is wrong and where."""
    display = display or Path(path).as_posix()
    try:
        size = Path(path).stat().st_size
    except OSError as error:
        raise ContentError([Problem(display, f"cannot read the file: {error.strerror}")]) from None
    if size > MAX_BYTES:
        raise ContentError(
            [
                Problem(
                    display,
                    f"file is {size:,} bytes; the limit is {MAX_BYTES:,}",
                    hint="split the data into smaller datasets",
                )
            ]
        )
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            [Problem(display, "file is not valid UTF-8", line, None, "", "save the file as UTF-8")]
        ) from None
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> Document:
    document = Document(display, None)
    loader = _EventSource(text) if _encodable(text) else None
    if loader is None:
        raise ContentError([Problem(display, "text is not valid Unicode", hint="save the file as UTF-8")])
    try:
        builder = _Builder(loader, document, display)
        loader.get_event()  # stream start
        event = loader.get_event()
        if not isinstance(event, StreamEndEvent):  # a document
            start = event
            document.value = builder.value(loader.get_event(), ())
            loader.get_event()  # document end
            event = loader.get_event()
            if not isinstance(event, StreamEndEvent):
                raise ComposerError(
                    "expected a single document in the stream",
                    start.start_mark,
                    "but found another document",
                    event.start_mark,
                )
    except yaml.MarkedYAMLError as error:
        raise ContentError([syntax_problem(error, text, display)]) from None
    except ReaderError as error:
        raise ContentError([_reader_problem(error, text, display)]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(display, f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise ContentError(builder.problems)
    return document


def syntax_problem(error: yaml.MarkedYAMLError, text: str, display: str, first_line: int = 1) -> Problem:
    """A YAML syntax error as a problem at its line and column, in an editor's words (`yamlsyntax`):
    for datasets, charts, pages' front matter and the site's config file alike. `first_line` is
    the line of the file that `text` starts on (front matter starts on a page's second line).
    """
    wording = explain(_clearer_syntax_error(error, text), text)
    return Problem(
        display,
        wording.message,
        wording.line + first_line if wording.line is not None else None,
        wording.column + 1 if wording.column is not None else None,
        "",
        wording.hint,
    )


def _encodable(text: str) -> bool:
    """`libyaml` takes UTF-8: a string with lone surrogates (never read from a file) cannot be given to it."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _clearer_syntax_error(error: yaml.MarkedYAMLError, text: str) -> yaml.MarkedYAMLError:
    """PyYAML's own parser names the character it stumbled on ("found character '@' that cannot
    start any token"); libyaml does not. Ask it again, on the text up to the error's line, when
    that is quick and it points at the same place.
    """
    mark = error.problem_mark
    if _EventSource is yaml.SafeLoader or mark is None:
        return error
    end = text.find("\n", mark.index)
    prefix = text if end < 0 else text[: end + 1]
    if len(prefix) > _SLOW_MESSAGE_LIMIT:
        return error
    try:
        for _ in yaml.parse(prefix, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as slow:
        if slow.problem_mark is not None and (slow.problem_mark.line, slow.problem_mark.column) == (
            mark.line,
            mark.column,
        ):
            return slow
    except yaml.YAMLError:
        pass
    return error


def _reader_problem(error: ReaderError, text: str, display: str) -> Problem:
    match = Reader.NON_PRINTABLE.search(text)
    if match is None:
        return Problem(display, f"YAML error: {error}")
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return Problem(
        display,
        f"character U+{ord(match.group()):04X} is not allowed in a YAML file",
        line,
        column,
        "",
        "delete it: control characters are invisible, and not allowed in text, written or escaped",
    )


def _plain_scalar(text: str) -> Any:
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # over Python's 4,300 digits: no figure, keep what was written
            return text
    if _FLOAT.match(text):
        number = float(text)
        return number if math.isfinite(number) else text  # 1e999 would be infinity, which JSON cannot carry
    return text
