"""What `mkdocs serve` shows while a file is broken: the problems in the terminal and on every
page, and the last good charts in the pages, so the preview keeps working while an editor types.

MkDocs' strict mode (`strict: true` in mkdocs.yml) counts every warning and error logged under
`mkdocs.*` and fails the build; under `mkdocs serve` a failed rebuild stalls every request until
a build succeeds. So problems found while serving are printed through a logger of our own, outside
`mkdocs.*`, formatted like MkDocs' lines. `mkdocs build` still fails on them, as it must.
"""

from __future__ import annotations

import logging
import sys

from site_builder.errors import Problem, format_problems
from site_builder.reader.render import render_preview

LOGGER = "site_builder.editors.preview"


class _Format(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {record.getMessage()}"


class _Stderr(logging.Handler):
    """Writes to the `sys.stderr` of the moment (tests and tools swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - logging must never break a build
            self.handleError(record)


def preview_logger() -> logging.Logger:
    logger = logging.getLogger(LOGGER)
    if not logger.handlers:
        handler = _Stderr()
        handler.setFormatter(_Format())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return logger


def report(problems: list[Problem], kept: bool) -> None:
    """Print the problems; say whether the preview keeps the last good charts."""
    tail = (
        "The preview keeps showing the last good charts; fix the file and save to update it."
        if kept
        else "Fix the file and save; the preview updates when it is valid."
    )
    preview_logger().error("site-builder:\n" + format_problems(problems) + "\n" + tail)


def recovered() -> None:
    preview_logger().info("site-builder: the problems are fixed; the preview is up to date.")


def banner(problems: list[Problem]) -> str:
    """An error box at the top of every previewed page while the content has problems."""
    return render_preview("problems", count=len(problems), text=format_problems(problems)) + "\n"


def missing(kind: str, ident: str) -> str:
    """In place of a chart (or table) the last good build does not have: a typo being fixed, a chart being written."""
    return render_preview("missing", kind=kind, ident=ident)
