"""The charts a build's pages show, taken once a build from its chart work; under `mkdocs serve`,
the last good ones while the content has problems, and the problems shown over every served page.

A problem in the content (a page's embed line, a dataset, a chart spec) fails `mkdocs build`,
with every problem listed at once. Under `mkdocs serve` a failed build stalls the preview until a
build succeeds, so the preview keeps the charts of the latest build without problems instead,
and prints the problems and shows them on every page (preview.py) until a save fixes them.
Before any good build there is nothing to keep: the pages are built without charts then, each
chart a box that says it cannot be shown yet.

What the engine cannot rebuild at all (its config file, a build that stops) the engine's adapter
reports to `Preview`, which puts the problems of now into every page as it is served (`serve`: a
WSGI middleware, so it needs no engine), over the last good site the server still has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from site_builder.build.chartwork import ChartWork
from site_builder.build.contract import ChartPages, Written
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

    def kept(self) -> str:
        """What the pages show of the charts while the content has problems."""
        return preview.KEPT_CHARTS if self._last_good is not None else preview.NO_CHARTS

    def start(self, work: ChartWork) -> None:
        """A new build: its charts are taken when first needed."""
        self.work, self.pages = work, None

    def take(self, problems: list[Problem] | None = None) -> ChartPages:
        """The charts, waiting for the work the first time. With problems (the pages' `problems` and
        the project's), raises `ContentError` listing them all, unless serving: then the last good
        charts (or none, before a good build); `WorkerFailed` when the work crashed.
        """
        if self.pages is not None:
            return self.pages
        problems = list(problems or [])
        try:
            pages = self.work.pages()
        except ContentError as error:
            problems += error.problems
        if problems:
            if not self.keep_last_good:
                raise ContentError(problems)
            self.problems = problems
            preview.report(problems, kept=self._last_good is not None)
            self.work = self._last_good or _NothingYet()
            pages = self.work.pages()
        else:
            if self.problems:
                preview.recovered()
            self.problems = []
            if self.keep_last_good:
                self._last_good = self.work
        self.pages = pages
        return pages


class _NothingYet(ChartWork):
    """The charts of a preview started on broken content: none, until a build has no problems."""

    def show(self, pages: dict[str, tuple]) -> None:
        pass

    def pages(self) -> ChartPages:
        return ChartPages((), (), {}, {}, {}, {}, {}, "", {})

    def finish(self) -> Written:
        return Written({}, {})


class Preview:
    """What a preview server shows over its pages, across its builds: the content's problems (the
    plugin's `PageCharts`), why the last build stopped, and the warnings a strict build stops on.
    """

    def __init__(self, charts: PageCharts | None = None):
        self.charts = charts or PageCharts()  # the plugin's, once it is known (the engine's `on_serve`)
        self.failed: list[Problem] = []  # the last build stopped: the site served is the last good one
        self.warnings: list[Problem] = []  # of the last build, which finished
        self.built = False  # whether any build finished: there is a last good site

    def problems(self) -> list[Problem]:
        content = self.charts.problems
        placed = {(p.path, p.line) for p in content if p.path}
        return [*self.failed, *content, *(p for p in self.warnings if (p.path, p.line) not in placed)]

    def kept(self) -> str:
        if self.failed:
            return preview.KEPT_SITE
        return self.charts.kept() if self.charts.problems else preview.KEPT_NOTHING

    def finished(self, failed: list[Problem], warnings: list[Problem]) -> None:
        """A build ended: stopped for `failed` (nothing of it is served), or done with `warnings`."""
        before = self.failed or self.warnings
        self.failed, self.warnings = failed, [] if failed else warnings
        self.built = self.built or not failed
        if failed:
            preview.stopped(failed, kept=self.built)
        elif self.warnings:
            preview.warned(len(self.problems()))
        elif before:
            preview.recovered()

    def page(self, body: bytes, status: str) -> bytes | None:
        """An HTML response as the preview serves it, or None to serve it as it is."""
        problems = self.problems()
        filled = preview.fill(body.decode("utf-8", "replace"), problems, self.kept())
        if filled is not None:
            return filled.encode("utf-8")
        if status.startswith("404") and problems:  # a page the server has no version of
            return preview.problems_page(problems).encode("utf-8")
        return None


def serve(app: Callable, shown: Preview, reloading: Callable[[bytes], bytes]) -> Callable:
    """The server's WSGI app, with every HTML page it serves carrying the problems of now; the
    problems page gets `reloading` (the engine's live-reload script), which the engine adds only
    to the files it serves.
    """

    def respond(environ, start_response) -> Iterable[bytes]:
        held: list = []
        body = app(environ, lambda status, headers, exc_info=None: held.extend((status, headers)))
        status, headers = held
        if not any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            start_response(status, headers)
            return body
        try:
            content = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        page = shown.page(content, status)
        if page is not None:
            page = reloading(page) if not status.startswith("200") else page
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(page))))
        start_response(status, headers)
        return [content if page is None else page]

    return respond
