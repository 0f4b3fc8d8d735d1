"""What changed between two states of a project, as plain values: the one model the three reports render.

Each change says where a reviewer finds it: a line in HEAD's file for what is there now, a line
in BASE's file (prefixed with BASE's name) for what was taken out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Key = tuple[tuple[str, Any], ...]  # a record's key: (field, value) pairs, in the key's order


@dataclass(frozen=True)
class Where:
    path: str  # "data/kfor_troops.yml", or "main:data/kfor_troops.yml" for a line of BASE
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class ValueChange:
    """One value: `old` in BASE, `new` in HEAD (`MISSING` on the side that has none)."""

    name: str  # a field, `source`, `confidence`, `note`, or a path such as `fields.troops.unit`
    old: Any
    new: Any
    where: Where | None = None
    published: bool = True  # False for what readers never see (editor notes)


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a value a side does not have (a key added or taken out)


@dataclass(frozen=True)
class RecordChange:
    change: str  # "added", "removed" or "changed"
    key: Key
    where: Where
    values: tuple[ValueChange, ...]  # changed: each value that differs; added or removed: the record's values


@dataclass(frozen=True)
class SourceChange:
    change: str  # "added", "removed" or "changed"
    id: str
    where: Where
    values: tuple[ValueChange, ...]  # changed: each attribute that differs (url_main, date_published, ...)


@dataclass(frozen=True)
class CorrectionNote:
    """A correction or an update HEAD adds: what readers will be told."""

    where: Where
    text: str


@dataclass(frozen=True)
class DatasetChange:
    id: str
    change: str  # "added", "removed" or "changed"
    title: str
    where: Where
    records: tuple[RecordChange, ...] = ()
    sources: tuple[SourceChange, ...] = ()
    metadata: tuple[ValueChange, ...] = ()
    corrections: tuple[CorrectionNote, ...] = ()
    updates: tuple[CorrectionNote, ...] = ()
    counts: tuple[int, int] = (0, 0)  # records in BASE, in HEAD

    def count(self, change: str) -> int:
        return sum(1 for record in self.records if record.change == change)


@dataclass(frozen=True)
class Uncorrected:
    """A published value that HEAD changes, or a published record it removes, with no correction for it."""

    dataset: str
    where: Where
    key: Key
    name: str  # the field; "" for a record removed
    old: Any
    new: Any
    why: str  # what is missing, as advice


@dataclass(frozen=True)
class Image:
    file: str  # "images/kfor_troops-after.svg": its name beside a Markdown report
    data: bytes
    format: str  # "svg" or "webp"

    @property
    def mime(self) -> str:
        return "image/svg+xml" if self.format == "svg" else f"image/{self.format}"


@dataclass(frozen=True)
class ChartChange:
    id: str
    change: str  # "added", "removed", "changed" or "renamed"
    title: str
    where: Where
    dataset: str
    figure_changed: bool
    table_changed: bool = False  # the table or downloads differ (a column the figure does not draw)
    spec: tuple[ValueChange, ...] = ()
    old_id: str = ""  # renamed: the id in BASE
    pages: tuple[str, ...] = ()  # pages showing it in HEAD (in BASE, for a chart removed)
    pages_before: tuple[str, ...] = ()
    before: Image | None = None
    after: Image | None = None


@dataclass
class Review:
    base: str  # how each side is named: "main (3f2a1bc)", "the working tree"
    head: str
    datasets: list[DatasetChange] = field(default_factory=list)
    charts: list[ChartChange] = field(default_factory=list)
    uncorrected: list[Uncorrected] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the report itself (images not drawn, and why)

    @property
    def empty(self) -> bool:
        return not self.datasets and not self.charts

    def summary(self) -> str:
        """One line: what a reviewer sees first."""
        if self.empty:
            return "no change to data or charts"
        parts = []
        records = [r for d in self.datasets for r in d.records]
        for change in ("changed", "added", "removed"):
            count = sum(1 for r in records if r.change == change)
            if count:
                parts.append(f"{count} record{'s' * (count != 1)} {change}")
        sources = sum(len(d.sources) for d in self.datasets)
        if sources:
            parts.append(f"{sources} source{'s' * (sources != 1)} changed")
        for change in ("added", "removed"):
            count = sum(1 for d in self.datasets if d.change == change)
            if count:
                parts.append(f"{count} dataset{'s' * (count != 1)} {change}")
        drawn = sum(1 for c in self.charts if c.figure_changed)
        parts.append(f"{drawn} chart{'s' * (drawn != 1)} redrawn")
        return ", ".join(parts)
