"""MkDocs' log lines during a build, as the preview's problems: what stopped a build, and the
warnings strict mode stops on (a page not in `nav:`, a `nav:` entry that names no page, a broken
link), placed in mkdocs.yml or the page where MkDocs names them.

MkDocs reports these only as log lines under `mkdocs.*` (strict mode counts them with a
`CountHandler` it adds before any plugin runs), so they are read here from the log; their
wording is MkDocs 1.6's, pinned by constraints.txt (tests/build/test_serve.py breaks if it changes).
"""

from __future__ import annotations

import difflib
import logging
import re
import threading
from pathlib import Path

from mkdocs.exceptions import MkDocsException
from mkdocs.utils import CountHandler

from site_builder.editors import preview
from site_builder.errors import ContentError, Problem, display_path
from site_builder.formats.site_config import SiteConfig

CONFIG_VALUE = re.compile(r"Config value '([^']+)': (.*)", re.DOTALL)
NOT_IN_NAV = re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\"")
NAV_TARGET = re.compile(r"A reference to '(.+)' is included in the 'nav' configuration, which is not found")


class BuildLog(logging.Handler):
    """The `mkdocs.*` warnings and errors of the builds run on the thread that made it (not the
    requests' log lines, which the server writes from its own threads).
    """

    def __init__(self):
        super().__init__(logging.WARNING)
        self.thread, self.records = threading.get_ident(), []
        logging.getLogger("mkdocs").addHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and not record.name.startswith("mkdocs.livereload"):
            self.records.append(record)

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
        super().close()


def strict_warnings() -> bool:
    """Whether `mkdocs build --strict` has counted warnings: it then aborts after on_post_build."""
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logging.getLogger("mkdocs").handlers)


def lenient() -> None:
    """Strict mode's counter off for this build (MkDocs adds it before any plugin runs)."""
    logger = logging.getLogger("mkdocs")
    for handler in [h for h in logger.handlers if isinstance(h, CountHandler)]:
        logger.removeHandler(handler)


def outcome(error: BaseException | None, records: list, root: Path) -> tuple[list[Problem], list[Problem]]:
    """What stopped a build (nothing of it is served), and the warnings of a build that finished."""
    try:
        site = SiteConfig.load(root)
    except ContentError as unreadable:  # what MkDocs stopped on, in our words; or, built, what `check` refuses
        return (unreadable.problems, []) if error is not None else ([], unreadable.problems)
    docs = display_path(site.docs_path, site.root)
    stopped, warnings = [], []
    for record in records:
        message = record.getMessage()
        if found := CONFIG_VALUE.match(message):
            key = found[1].split(".")[0]
            stopped.append(preview.config_value(site.display_of(key), found[1], found[2], site.lines.get(key)))
        elif NOT_IN_NAV.match(message):
            pages = [line.strip()[2:] for line in message.splitlines()[1:] if line.strip().startswith("- ")]
            warnings += [preview.not_in_nav(f"{docs}/{page}", site.nav_display) for page in pages]
        elif found := NAV_TARGET.match(message):
            lines = [entry.line for entry in site.nav or () if entry.target == found[1]]
            pages = [p.relative_to(site.docs_path).as_posix() for p in site.docs_path.rglob("*.md")]
            close = difflib.get_close_matches(found[1], pages, n=1)
            warnings.append(preview.nav_target_missing(site.nav_display, found[1], (lines or [None])[0], docs, close))
        elif record.levelno >= logging.ERROR:
            stopped.append(preview.build_stopped(message))
        else:
            warnings.append(preview.engine_warning(message))
    if error is None or "warnings in strict mode" in str(error):  # built in full, strict or not
        return [], warnings + stopped
    if not stopped:
        if not isinstance(error, MkDocsException):  # not the content's: where, for the bug report
            preview.preview_logger().error("site-builder: the build raised", exc_info=error)
        stopped = [preview.build_stopped(f"{type(error).__name__}: {error}")]
    return stopped, []
