"""The charts a build's pages show, taken once a build from its chart work; under `mkdocs serve`,
the last good ones while the content has problems.

A problem in the content (a page's embed line, a dataset, a chart spec) fails `mkdocs build`,
with every problem listed at once. Under `mkdocs serve` a failed build stalls the preview until a
build succeeds, so the preview keeps the charts of the latest build without problems instead,
and prints the problems and shows them on every page (preview.py) until a save fixes them.
Before any good build there is nothing to keep: the problems fail the build then too.
"""

from __future__ import annotations

from site_builder.build.chartwork import ChartWork
from site_builder.build.contract import ChartPages
from site_builder.editors import preview
from site_builder.errors import ContentError, Problem


class PageCharts:
    """One build's charts for the pages, across the builds of one `mkdocs build` or `serve`."""

    def __init__(self, keep_last_good: bool = False):
        self.keep_last_good = keep_last_good  # serving
        self.work: ChartWork | None = None  # this build's work; while it has problems, the last good one
        self.pages: ChartPages | None = None  # once taken
        self.problems: list[Problem] = []  # the content's problems, while the last good charts are kept
        self._last_good: ChartWork | None = None

    def start(self, work: ChartWork) -> None:
        """A new build: its charts are taken when first needed."""
        self.work, self.pages = work, None

    def take(self, problems: list[Problem] | None = None) -> ChartPages:
        """The charts, waiting for the work the first time. With problems (the pages' `problems` and
        the project's), raises `ContentError` listing them all, unless the last good charts are kept;
        `WorkerFailed` when the work crashed.
        """
        if self.pages is not None:
            return self.pages
        problems = list(problems or [])
        try:
            pages = self.work.pages()
        except ContentError as error:
            problems += error.problems
        if problems:
            if not (self.keep_last_good and self._last_good is not None):
                raise ContentError(problems)
            self.problems = problems
            preview.report(problems, kept=True)
            self.work = self._last_good
            pages = self.work.pages()
        else:
            if self.problems:
                preview.recovered()
            self.problems = []
            if self.keep_last_good:
                self._last_good = self.work
        self.pages = pages
        return pages
