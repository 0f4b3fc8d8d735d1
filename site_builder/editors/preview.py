"""What `mkdocs serve` shows while a file is broken: the problems in the terminal and on every
page, over the last good version of what could not be rebuilt, so the preview keeps working while
an editor types.

MkDocs' strict mode (`strict: true` in mkdocs.yml) counts every warning and error logged under
`mkdocs.*` and fails the build; under `mkdocs serve` a failed rebuild stalls every request until
a build succeeds. So problems found while serving are printed through a logger of our own, outside
`mkdocs.*`, formatted like MkDocs' lines. `mkdocs build` still fails on them, as it must.

Three things can be behind: the charts (a dataset or chart is broken: the last good charts are
shown), the whole site (mkdocs.yml cannot be read, or the build stopped: the last good site is
shown), or nothing (the site is current, but has problems `make site` stops on: MkDocs' strict
warnings). The box says which.
"""

from __future__ import annotations

import logging
import sys

from markupsafe import Markup

from site_builder.errors import Problem, format_problems
from site_builder.markers import PREVIEW_CLOSE, PREVIEW_FOUND, PREVIEW_OPEN
from site_builder.reader.render import render_preview

LOGGER = "site_builder.editors.preview"


class _Format(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname:<8}-  {record.getMessage()}"
        return text + "\n" + self.formatException(record.exc_info) if record.exc_info else text


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


# What the preview shows of before: the last good charts, the last good site, nothing (the site is
# current), no charts (none was ever good), no page (none was ever built).
KEPT_CHARTS, KEPT_SITE, KEPT_NOTHING, NO_CHARTS, NO_PAGE = "charts", "site", "", "no charts", "no page"


def banner(problems: list[Problem], kept: str = KEPT_CHARTS) -> str:
    """An error box at the top of every previewed page while the content has problems."""
    count = len(problems)
    what = f"{count} problem{'s' if count != 1 else ''}"
    title = {
        KEPT_CHARTS: f"site-builder: {what} in the content; this preview shows the last good charts",
        KEPT_SITE: f"site-builder: {what}; this preview shows the last good version of the site",
        KEPT_NOTHING: f"site-builder: {what}; `make site` stops on {'them' if count != 1 else 'it'} until fixed",
        NO_CHARTS: f"site-builder: {what} in the content; this preview shows the pages without their charts",
        NO_PAGE: f"site-builder: {what}; the preview has no version of this page yet",
    }[kept]
    return render_preview("problems", title=title, text=format_problems(problems)) + "\n"


def region(problems: list[Problem], kept: str = KEPT_CHARTS) -> str:
    """The box as a page is built under `mkdocs serve`, between markers that `fill` finds again."""
    return PREVIEW_OPEN + (banner(problems, kept) if problems else "") + PREVIEW_CLOSE


def fill(page: str, problems: list[Problem], kept: str) -> str | None:
    """A served page with the box of now in place of the one it was built with; None for a page
    with no box (not built under `mkdocs serve`: a chart's own page, the theme's 404 page).
    """
    if PREVIEW_OPEN not in page:
        return None
    box = region(problems, kept)
    return PREVIEW_FOUND.sub(lambda _: box, page, count=1)


def problems_page(problems: list[Problem]) -> str:
    """What the preview serves for a page it has no version of: nothing could be built yet."""
    return render_preview("page", box=Markup(banner(problems, NO_PAGE)), count=len(problems))


def build_stopped(message: str) -> Problem:
    """The build stopped for a reason no check of ours names (a plugin's error, a bug)."""
    return Problem(
        "",
        f"the build stopped: {message}",
        hint="the terminal running the preview shows where; fix the file it names and save",
    )


def config_value(display: str, key: str, message: str, line: int | None) -> Problem:
    """A setting of mkdocs.yml that the engine refused."""
    return Problem(display, message, line, None, key, f"correct `{key}:` in {display} and save")


def not_in_nav(page: str, display: str) -> Problem:
    return Problem(
        page,
        f"this page is not in the navigation (`nav:` in {display})",
        hint=f"add a line such as `- Title: {page.split('/', 1)[-1]}` under `nav:` in {display}",
    )


def nav_target_missing(display: str, target: str, line: int | None, docs: str, close: list[str]) -> Problem:
    hint = f"did you mean '{close[0]}'?" if close else f"write the path of a page in {docs}/, or remove the line"
    return Problem(display, f"'{target}' is not a page in {docs}/", line, None, "nav", hint)


def engine_warning(message: str) -> Problem:
    """A warning of MkDocs' own, which strict mode (`make site`) stops on."""
    return Problem("", message, hint="`make site` (strict mode) stops on this warning: fix what it names")


def stopped(problems: list[Problem], kept: bool) -> None:
    """The site could not be rebuilt: say so, and whether the preview keeps the last good one."""
    tail = (
        "The preview keeps showing the last good version of the site; fix the file and save to update it."
        if kept
        else "The preview shows the problems on every page; fix the file and save, and the site takes their place."
    )
    preview_logger().error("site-builder:\n" + format_problems(problems) + "\n" + tail)


def warned(count: int) -> None:
    preview_logger().warning(
        f"site-builder: the preview shows {count} problem{'s' if count != 1 else ''} on every page;"
        " `make site` stops on them until they are fixed."
    )


def missing(kind: str, ident: str) -> str:
    """In place of a chart (or table) the last good build does not have: a typo being fixed, a chart being written."""
    return render_preview("missing", kind=kind, ident=ident)
