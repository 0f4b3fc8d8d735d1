"""Build progress: a counter on terminals, nothing in CI logs, pipes or files."""

from __future__ import annotations

import io

from site_builder.build.progress import Progress, interactive


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_only_a_terminal_outside_ci_gets_progress():
    assert interactive(Terminal(), {})
    assert not interactive(Terminal(), {"CI": "true"})
    assert not interactive(Terminal(), {"TERM": "dumb"})
    assert not interactive(io.StringIO(), {})  # a pipe or a file: a CI log


def test_progress_redraws_one_line_and_clears_it():
    out, clock = Terminal(), Clock()
    progress = Progress("site-builder: preparing charts", out, {}, clock)
    progress(0, 3)
    clock.now = 1
    progress(1, 3)
    clock.now = 1.01
    progress(2, 3)  # too soon after the last redraw: skipped
    progress(3, 3)  # the end is always drawn
    progress.finish()
    text = out.getvalue()
    assert text.split("\r")[1:] == [
        "site-builder: preparing charts 0/3",
        "site-builder: preparing charts 1/3",
        "site-builder: preparing charts 3/3",
        " " * 34,
        "",
    ]
    assert "\n" not in text


def test_progress_is_silent_in_ci_and_in_pipes():
    for stream, environ in ((Terminal(), {"CI": "1"}), (io.StringIO(), {})):
        progress = Progress("x", stream, environ)
        for done in range(5):
            progress(done, 4)
        progress.finish()
        assert stream.getvalue() == ""


def test_prepare_charts_reports_each_chart(mini):
    from site_builder.build.prepare import prepare_charts
    from site_builder.formats.project import Project

    calls = []
    charts = prepare_charts(Project.load(mini), progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)] and len(charts) == 3
