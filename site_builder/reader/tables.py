"""The data a chart shows, as a table: the HTML fallback under the chart, and the CSV and JSON downloads.

One `Table` feeds all three, so the downloads always hold exactly what the table shows. Cells
hold *export* values (numbers as numbers, dates as written, category labels, country names
beside their codes); `Table.display_rows()` formats them for readers (thousands separators,
"17 February 2008"). Every row carries its source, confidence and note, because a figure without
its source is not one we publish.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from site_builder.figures.figure import chart_records
from site_builder.figures.kinds import KINDS
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase
from site_builder.languages.messages import _
from site_builder.reader.corrections import chart_corrections, confidence_text
from site_builder.reader.text import display_value, field_title, format_date, format_number


@dataclass(frozen=True)
class Column:
    name: str  # the dataset field, or "source", "confidence", "note"; "<field>_code" for a country's code
    title: str  # the header readers see, with the unit
    type: str  # the field type; "text" for the added columns


@dataclass(frozen=True)
class Table:
    chart: str
    dataset: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    sources: tuple[dict[str, Any], ...]  # the sources of the rows, in the dataset's order
    # The corrections of the rows (reader/corrections.py, `CorrectionNote.as_json`), oldest first: the CSV,
    # one row a record, cannot hold them; the JSON download and the corrections page do.
    corrections: tuple[dict[str, Any], ...] = ()
    last_checked: str = ""  # when the dataset was last checked against its sources, YYYY-MM-DD

    @property
    def headers(self) -> list[str]:
        return [column.title for column in self.columns]

    def display_rows(self) -> list[list[str]]:
        """The rows as readers see them in the HTML table."""
        return [[_display(column, value) for column, value in zip(self.columns, row)] for row in self.rows]


def _display(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.type in ("integer", "number"):
        return format_number(value)
    if column.type == "date":
        return format_date(value)
    if column.name == "confidence":
        return confidence_text(value)
    return str(value)


def chart_table(spec: ChartSpecBase, dataset: Dataset, chart_id: str = "", neutral: bool = False) -> Table:
    """The rows the chart shows, in the order its kind gives: its columns and the spec's `table_columns`,
    then source, confidence and note.

    `neutral`: the table of a translated edition's downloads, in no language: columns named by
    their field, categories by their value, countries by their ISO code, numbers and dates as
    written, so that a figure downloaded from any edition reads the same (the page says so,
    in the reader's language: `neutral_note()`). The source edition's downloads keep its words.
    """
    if neutral:
        return _neutral_table(spec, dataset, chart_id)
    kind = KINDS[spec.kind]
    names = kind.columns(spec, dataset)
    names = names + [name for name in spec.table_columns or [] if name not in names]  # the editors' extra fields
    records = kind.rows(spec, chart_records(spec, dataset), dataset)
    columns: list[Column] = []
    for name in names:
        field = dataset.field(name)
        columns.append(Column(name, field_title(field), field.type))
        if field.type == "country":
            columns.append(Column(f"{name}_code", _("{title} (code)", title=field.title), "text"))
    columns += [
        Column("source", _("Source"), "text"),
        Column("confidence", _("Confidence"), "text"),
        Column("note", _("Note"), "text"),
    ]
    rows = tuple(tuple(_cells(dataset, names, record)) for record in records)
    used = {record["source"] for record in records}
    sources = tuple(source.model_dump(mode="json") for source in dataset.meta.sources if source.id in used)
    corrections = tuple(note.as_json() for note in chart_corrections(spec, dataset, chart_records(spec, dataset)))
    return Table(chart_id, dataset.id, tuple(columns), rows, sources, corrections, dataset.meta.last_checked)


def _neutral_table(spec: ChartSpecBase, dataset: Dataset, chart_id: str) -> Table:
    kind = KINDS[spec.kind]
    names = kind.columns(spec, dataset)
    names = names + [name for name in spec.table_columns or [] if name not in names]
    records = kind.rows(spec, chart_records(spec, dataset), dataset)
    columns = [Column(name, name, dataset.field(name).type) for name in names]
    columns += [Column(name, name, "text") for name in ("source", "confidence", "note")]
    rows = tuple(
        tuple([record.get(name) for name in names] + [record["source"], record.get("confidence"), record.get("note")])
        for record in records
    )
    used = {record["source"] for record in records}
    sources = tuple(source.model_dump(mode="json") for source in dataset.meta.sources if source.id in used)
    corrections = tuple(note.as_json() for note in chart_corrections(spec, dataset, chart_records(spec, dataset)))
    return Table(chart_id, dataset.id, tuple(columns), rows, sources, corrections, dataset.meta.last_checked)


def neutral_note() -> str:
    """What a translated edition's page says of its downloads, in the reader's language."""
    return _(
        "The downloads are the same in every language: columns are named by their field, categories by "
        "their value, countries by their ISO code, dates as YYYY-MM-DD, and each row's source by its id "
        "(listed in the JSON download)."
    )


def _cells(dataset: Dataset, names: list[str], record: dict) -> list[Any]:
    cells: list[Any] = []
    for name in names:
        field, value = dataset.field(name), record.get(name)
        if field.type == "country":
            cells += [display_value(field, value) if value is not None else None, value]
        elif field.type == "category":
            cells.append(display_value(field, value) if value is not None else None)
        else:
            cells.append(value)
    source = dataset.source(record["source"])
    return cells + [f"{source.producer}, {source.title}", record.get("confidence"), record.get("note")]


# -- downloads -----------------------------------------------------------------------------------

# What a spreadsheet takes for the start of a formula (OWASP's list, with ASVS's NUL), and every line
# break some reader of a CSV splits on (Python's `str.splitlines`, Excel, LibreOffice): the text after
# a break inside a cell is the start of a line to whatever splits there.
FORMULA_START = "=+-@\t\r\0"
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = "(\\A|\r\n|[" + LINE_BREAKS + "])"
# Spaces first, because some spreadsheets trim them before they look for a formula; apostrophes
# first, so that a text that already starts with "'=" keeps its own apostrophe (see `csv_text`).
_RISKY = re.compile(_BREAK + "(?='*[ \u00a0]*[" + re.escape(FORMULA_START) + "])")
_NEUTRALISED = re.compile(_BREAK + "'(?='*[ \u00a0]*[" + re.escape(FORMULA_START) + "])")


def csv_text(text: str) -> str:
    """Text as a CSV cell holds it: a spreadsheet never reads a formula in it (CSV injection).

    A leading apostrophe, as OWASP advises, wherever the cell or a line inside it starts with
    = + - @ tab, CR or NUL (after spaces or apostrophes): spreadsheets show the rest as text.
    Reversible (`json_text`), so the CSV holds exactly the JSON download's values: only the
    JSON, which no spreadsheet evaluates, carries the text untouched.
    """
    return _RISKY.sub(r"\1'", text)


def json_text(cell: str) -> str:
    """The text a CSV cell was made from: `csv_text` undone (for readers of our CSV, and its tests)."""
    return _NEUTRALISED.sub(r"\1", cell)


def _csv_cell(column: Column, value: Any) -> str:
    """A number from a number field stays a number (negative ones included); the rest is text, quoted
    where it must be.
    """
    if value is None:
        return ""
    if column.type in ("integer", "number") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return _quoted(csv_text(str(value)))


_NEEDS_QUOTES = re.compile('[,"' + LINE_BREAKS + "]")


def _quoted(cell: str) -> str:
    """RFC 4180's quoting, for a comma, a quote and every line break any reader might end a row at:
    Python's csv module quotes only CR and LF, and only those of its own line ending.
    """
    return '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES.search(cell) else cell


def to_csv(table: Table) -> str:
    """The table as CSV, one line a row and a row per record, exactly as in `to_json`: a value with a
    line break of any kind (a CR, U+2028...) is quoted, so that no reader ends a row inside it.
    """
    lines = [",".join(_quoted(csv_text(title)) for title in table.headers)]
    for row in table.rows:
        lines.append(",".join(_csv_cell(column, value) for column, value in zip(table.columns, row)))
    return "\n".join(lines) + "\n"


def to_json(table: Table) -> str:
    """Deterministic, compact JSON: columns in order, rows as lists in the same order, the sources."""
    document = {
        "chart": table.chart,
        "dataset": table.dataset,
        "columns": [{"name": c.name, "title": c.title, "type": c.type} for c in table.columns],
        "rows": [list(row) for row in table.rows],
        "sources": list(table.sources),
        "last_checked": table.last_checked,
        "corrections": list(table.corrections),
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
