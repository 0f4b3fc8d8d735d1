"""The charts of one build, made in a second process while MkDocs renders the pages.

MkDocs renders pages one after another on one core, and most of its time goes into the theme's
templates; the charts (load and check the project, prepare, render, write 4 files a chart) are
independent of that until a page is written. So the plugin starts the chart work as soon as it
knows where the site goes (`on_config`) and takes its results when it needs them:

1. a forked process loads the project, prepares the charts and renders their figures
   (`publish.Publication`); told what the pages embed (`show`, from `on_files`), it sends back
   `ChartPages` (once: figures, search text, tables, bundle choices, page keys), then writes
   each chart's page and downloads into the site folder itself and sends their
   sizes and SHA-256 (so the build manifest need not read them again), with the SHA-256 of the
   build's inputs (hashed here, off the MkDocs process, for the same manifest);
2. the plugin waits for `ChartPages` in `on_env`, when MkDocs has read every page; a problem in
   the project fails the build there, with every problem listed, and the previous site stays;
3. it waits for the files in `on_post_build`, before the manifest and the swap of the site.

Inline, the same steps run in the MkDocs process: under `mkdocs serve` (the preview keeps the last
good charts when a file is broken, which needs them in this process), where `fork` does not exist,
and with `SITE_BUILDER_WORKERS=1`. Either way the site is byte for byte the same.

Light on purpose: `publish` (pydantic, the chart kinds) is imported where the work runs, so that
the MkDocs process of a forked build never loads it. What the two share is in `contract.py`.

Every edition's chart work runs in its language (`current.using(job.language)`), on the project
localized for it (`languages/localize.py`). A build of every edition (`build/editions.py`) loads
and checks the project once, before the first edition (`share_project`): each edition's chart
process is forked from that process and finds it there, loaded, rather than read every file again.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from site_builder.build.contract import ChartJob, ChartPages, Written
from site_builder.build.images import ImagesUnavailable
from site_builder.build.manifest import inputs
from site_builder.build.workers import background_possible, worker_count
from site_builder.errors import ContentError
from site_builder.languages import current

_SHARED: dict[tuple[str, str, str], object] = {}  # (root, data_dir, charts_dir) -> the Project loaded once


def share_project(root: Path, data_dir: str, charts_dir: str, project) -> None:
    """Let every later chart work of the project at `root` use `project`, loaded (None: forget it)."""
    key = (str(Path(root).resolve()), data_dir, charts_dir)
    if project is None:
        _SHARED.pop(key, None)
    else:
        _SHARED[key] = project


def localized_job(job: ChartJob) -> ChartJob:
    """`job` with its project: the shared one or loaded now (in the site's languages), localized for
    the job's language. `ContentError` when a text readers see has no translation into it: a strict
    build of the edition stops there, and no page shows English in a translation's place.
    """
    from site_builder.formats.project import Project  # the chart process's, as publish is
    from site_builder.languages.localize import localize, missing

    project = _SHARED.get((str(Path(job.root).resolve()), job.data_dir, job.charts_dir))
    if project is None:
        project = Project.load(job.root, job.data_dir, job.charts_dir, job.languages)
    if problems := missing(project, job.language):
        raise ContentError(problems)
    return replace(job, project=localize(project, job.language))


class WorkerFailed(Exception):
    """The chart work failed for a reason that is not the content's: a bug, or a killed process."""


def finish_files(files: dict[str, bytes], job: ChartJob) -> Written:
    """Write the chart files into the site; hash the inputs."""
    return Written(write_files(files, job.site_dir), inputs(job.root, *job.inputs))


def write_files(files: dict[str, bytes], site_dir: Path) -> dict[str, tuple[int, int, str]]:
    """Write files into the site; returns each one's `manifest.Stamp` by site path."""
    written = {}
    folders = set()
    for path, data in files.items():
        target = Path(site_dir, path)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        with open(target, "wb") as stream:
            stream.write(data)
            stream.flush()  # the last write sets the modification time
            written[path] = (len(data), os.fstat(stream.fileno()).st_mtime_ns, hashlib.sha256(data).hexdigest())
    return written


class ChartWork:
    """The chart work of one build: `show` tells it what the pages embed; `pages()` and `finish()`
    wait for it as far as they need.
    """

    @staticmethod
    def start(job: ChartJob, background: bool, progress: Callable[[int, int], None] | None = None) -> ChartWork:
        """Start the work: forked when `background` (and possible), else done here and now."""
        if background and background_possible():
            return _Forked(job)
        return _Inline(job, progress)

    def show(self, pages: dict[str, tuple]) -> None:
        """What each page embeds (page -> its `embed.Embed`s, for pages with any); once."""
        raise NotImplementedError

    def pages(self) -> ChartPages:
        """What the pages need; raises `ContentError` for problems in the project, `WorkerFailed` for a crash."""
        raise NotImplementedError

    def finish(self) -> Written:
        """Once every chart file is in the site folder: what was written, and the inputs' digests."""
        raise NotImplementedError

    def stop(self) -> None:
        """Give up on the work (the build failed or was interrupted)."""


class _Inline(ChartWork):
    def __init__(self, job: ChartJob, progress=None):
        from site_builder.build.publish import Publication  # see the module's docstring

        self.job, self._problems, self._pages = job, [], None
        try:
            with current.using(job.language):
                self._publication = Publication(localized_job(job), progress)
        except ContentError as error:
            self._problems = error.problems

    def show(self, pages: dict[str, tuple]) -> None:
        if not self._problems:
            with current.using(self.job.language):
                self._pages = self._publication.pages(pages)

    def pages(self) -> ChartPages:
        if self._problems:
            raise ContentError(self._problems)
        assert self._pages is not None, "show() comes first"
        return self._pages

    def finish(self) -> Written:
        self.pages()
        with current.using(self.job.language):
            return finish_files(self._publication.files(), self.job)


class _Forked(ChartWork):
    def __init__(self, job: ChartJob):
        # The MkDocs process keeps one core for the pages; preparing charts may fork more
        # processes from this one when there are more cores (see prepare.py).
        job = replace(job, workers=worker_count(job.workers, spare=1))
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        process_args = (job, theirs, self._connection, os.getpid())
        self._process = context.Process(target=_run, args=process_args, name="site-builder charts")
        self._process.start()
        theirs.close()  # the child's end is its own: when the child dies, our end reads as closed
        self._pages: ChartPages | None = None
        self._written: Written | None = None

    def show(self, pages: dict[str, tuple]) -> None:
        try:
            self._connection.send(pages)
        except OSError:  # the work ended already (problems, or a crash): `pages()` says which
            pass

    def _receive(self, expected: str):
        try:
            kind, value = self._connection.recv()
        except (EOFError, ConnectionResetError):  # the end of the pipe, or of a socket with our message unread
            self._process.join()
            raise WorkerFailed(
                f"the process making the charts stopped (exit code {self._process.exitcode}) "
                "before it was done; build again with SITE_BUILDER_WORKERS=1 to make them in "
                "one process and see the error"
            ) from None
        if kind == "problems":
            raise ContentError(value)
        if kind == "failed":
            raise WorkerFailed(f"making the charts failed:\n{value}")
        assert kind == expected, (kind, expected)
        return value

    def pages(self) -> ChartPages:
        if self._pages is None:
            self._pages = self._receive("pages")
        return self._pages

    def finish(self) -> Written:
        self.pages()
        if self._written is None:
            self._written = self._receive("written")
            self._process.join()
            self._connection.close()
        return self._written

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._connection.close()


def _run(job: ChartJob, connection, parents_end, parent: int) -> None:
    """The forked process: the charts, then (told what the pages embed) `ChartPages`, then the
    files; or the problems, or the failure. It ends with the MkDocs process, however that ends.
    """
    # The fork copied the MkDocs process's end of the pipe: closed here, so that the pipe closes,
    # and `recv` says so, when the MkDocs process dies (SIGKILL runs no `stop`).
    parents_end.close()
    # Ctrl-C reaches every process of the terminal's group: the MkDocs process handles it, and
    # ends this one (`stop`), so the reader sees one message, not a traceback from each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from site_builder.build.prepare import end_with_parent  # the chart process's own, as publish is
        from site_builder.build.publish import Publication  # see the module's docstring

        end_with_parent(parent)  # and, between two messages, while it works (see prepare.py)

        with current.using(job.language):
            publication = Publication(localized_job(job))
            shown = connection.recv()
            _send(connection, ("pages", publication.pages(shown)))
            _send(connection, ("written", finish_files(publication.files(), job)))
    except ContentError as error:
        _send(connection, ("problems", error.problems))
    except ImagesUnavailable as error:  # a set-up problem, with its advice: no traceback
        _send(connection, ("failed", str(error)))
    except EOFError:  # the MkDocs process is gone
        pass
    except BaseException:  # noqa: BLE001 - reported by the MkDocs process, which fails the build
        _send(connection, ("failed", traceback.format_exc()))
    finally:
        connection.close()


def _send(connection, message) -> None:
    try:
        connection.send(message)
    except OSError:  # the MkDocs process is gone: nobody to tell
        pass
