"""One error type for everything an editor can get wrong.

Loaders collect every problem in a file before they stop, so an editor fixes a file in one
pass instead of one error per build. The CLI and the MkDocs plugin print problems with
`format_problems`, in the `file:line:column: field: message` shape editors' tools understand.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str = ""  # e.g. "records[3].troops"
    hint: str = ""

    @classmethod
    def unplaced(cls, message: str, hint: str = "") -> Problem:
        """A problem with a value checked apart from its file (a record's value against its field's
        type): the caller, which knows where the value was written, places it (`Document.problem`).
        """
        return cls("", message, hint=hint)

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where + ': ' if where else ''}{self.field + ': ' if self.field else ''}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ContentError(Exception):
    """Raised with every problem found; nothing is written when it is raised."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.column or 0))
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    lines = [p.format() for p in problems]
    count = len(problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found.")
    return "\n".join(lines)


def unexpected(path: str, doing: str, error: BaseException) -> Problem:
    """An exception no check foresaw, raised while `doing` something with the file at `path`, as a
    problem of that file: the build then ends like any other content problem, naming the file,
    with advice, and not with a traceback. Every loader and every chart is run so
    (`Project.load`, `prepare_charts`, the pages' checks): what no rule refuses yet still reaches an
    editor as the file to look at. Where it was raised goes in the hint, for the bug report.
    """
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (raised at {Path(frames[-1].filename).parent.name}/{Path(frames[-1].filename).name}:{frames[-1].lineno})"
    text = str(error)
    text = text if len(text) <= 200 else text[:197] + "..."
    return Problem(
        path,
        f"{doing} failed: {type(error).__name__}{': ' + text if text else ''}",
        hint="no rule of the file formats expected this: look in the file for an unusual value (a huge number, "
        "a very long or odd text) and change it, and tell site-builder's maintainers" + (where if frames else ""),
    )


MAX_PROBLEMS = 100  # per file: after this many, loaders stop looking, so a broken file fails fast
SUGGEST_AMONG = 1_000  # beyond this many choices, list some instead of searching (difflib's cost: bench/README.md)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or listing the choices when none is close."""
    choices = sorted(set(choices))
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6) if len(choices) <= SUGGEST_AMONG else []
    if close:
        return f"did you mean '{close[0]}'?"
    if not choices:
        return ""
    if len(choices) <= 12:
        return "expected one of: " + ", ".join(f"'{c}'" for c in choices)
    return "expected one of: " + ", ".join(f"'{c}'" for c in choices[:12]) + ", ..."


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths in messages are relative to the project, as an editor sees them."""
    path = Path(path)
    if root is not None:
        for candidate in (path.absolute(), path.resolve()):  # a link is named where it is, not where it leads
            try:
                return candidate.relative_to(_resolved(root)).as_posix()
            except ValueError:
                pass
    return path.as_posix()


@lru_cache(maxsize=16)
def _resolved(root: Path) -> Path:
    """A project's root, resolved once: loading a project names a thousand files."""
    return Path(root).resolve()


def describe(value: Any) -> str:
    """How a wrong value is named in a message: its type as an editor thinks of it, and the value."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (a true/false value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, datetime.date):  # YAML's own reading of `2024-03-01` (MkDocs reads front matter so)
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 80 else f"'{value[:77]}...'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    return repr(value)


_GROUPED = re.compile(r"-?\d{1,3}([,_ ]\d{3})+(\.\d+)?")
_PLAIN = re.compile(r"-?\d+(\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def number_hint(text: str) -> str:
    """How to write, as a number, text that was meant as one ('3,800', '"3800"', '1,5')."""
    text = text.strip()
    if _GROUPED.fullmatch(text) or _PLAIN.fullmatch(text):
        return f"write numbers without quotes or thousands separators: {re.sub('[,_ ]', '', text)}"
    if _DECIMAL_COMMA.fullmatch(text):
        return f"write decimals with a point: {text.replace(',', '.')}"
    return "write a number, like 3800"


# Month names as editors copy them from sources ("17 February 2008", "Feb. 2008"), matched by their
# first three letters: for reading only (readers' month names are in reader/text.py).
_MONTH_PREFIXES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO_LIKE = re.compile(
    r"(\d{4})[-/. ](\d{1,2})(?:[-/. ](\d{1,2}))?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?", re.ASCII
)
_DAY_FIRST = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4})", re.ASCII)
_MONTH_YEAR = re.compile(r"(\d{1,2})[./-](\d{4})", re.ASCII)
_NAMED = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)?\.? +)?([A-Za-z]{3,})\.?,?(?: +(\d{1,2})(?:st|nd|rd|th)?,?)? +(\d{4})", re.ASCII
)
_ANY_DATE = "write dates as 2008-02-17, 2008-02 or 2008"


def date_hint(text: str, full: bool = False) -> str:
    """How to write, as YYYY-MM-DD (or YYYY-MM, YYYY), a date written otherwise ('2023-3-1',
    '17.02.2008', '17 February 2008'), or why a date so written does not exist ('2023-02-30').

    A correction is offered only where the text means one date: '03/04/2008' is day first in
    Europe and month first in the United States, and gets both readings; a dotted date is day
    first. `full` is for a key that needs the day: the correction is never a made-up day.
    """
    readings = _date_readings(text.strip())
    if readings is None:
        return "write dates as YYYY-MM-DD, as in 2026-11-28" if full else _ANY_DATE
    if isinstance(readings, str):
        return readings
    if full and len(readings[0]) < 10:
        return f"write the day too: {readings[0]}{'-MM' * (len(readings[0]) == 4)}-DD, as in 2026-11-28"
    if len(readings) == 1:
        return f"write it as {readings[0]}"
    return f"write it as {readings[0]} (if the day comes first) or {readings[1]} (if the month does)"


def _date_readings(text: str) -> list[str] | str | None:
    """The dates, as ISO text, that `text` can mean; a string: why it is no date; None: not a date's shape."""
    if re.fullmatch(r"\d{4}", text, re.ASCII):
        return [text]
    if match := _ISO_LIKE.fullmatch(text):
        year, month, day = match.groups()
        return _checked(int(year), int(month), int(day) if day else None)
    if match := _DAY_FIRST.fullmatch(text):
        first, separator, second, year = match.groups()
        first, second, year = int(first), int(second), int(year)
        if first > 12 or (second <= 12 and (first == second or separator == ".")):
            return _checked(year, second, first)
        if second > 12:
            return _checked(year, first, second)
        return [_iso(year, second, first), _iso(year, first, second)]
    if match := _MONTH_YEAR.fullmatch(text):
        month, year = match.groups()
        return _checked(int(year), int(month), None)
    if match := _NAMED.fullmatch(text):
        day_before, name, day_after, year = match.groups()
        month = _month(name)
        if month is None or (day_before and day_after):
            return None
        day = day_before or day_after
        return _checked(int(year), month, int(day) if day else None)
    return None


def _month(name: str) -> int | None:
    name = name.lower()
    for number, prefix in enumerate(_MONTH_PREFIXES, 1):
        if name.startswith(prefix) and len(name) <= 9:
            return number
    return None


def _checked(year: int, month: int, day: int | None) -> list[str] | str:
    if year < 1:
        return "check the year"
    if not 1 <= month <= 12:
        if 12 < month <= 31 and day is not None and 1 <= day <= 12:  # the day written before the month
            return _checked(year, day, month)
        return "check the month: it goes from 01 to 12"
    if day is None:
        return [f"{year:04d}-{month:02d}"]
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"check the day: {year:04d}-{month:02d} has {calendar.monthrange(year, month)[1]} days"
    return [_iso(year, month, day)]


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"
