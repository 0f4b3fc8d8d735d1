"""The charts the pages show (site_builder/build/serving.py): a problem fails a build; under
`mkdocs serve` the last good charts (or none) stay until the problems are fixed. No MkDocs.
"""

from __future__ import annotations

import pytest

from site_builder.build.serving import PageCharts
from site_builder.errors import ContentError, Problem

BAD = Problem("data/t.yml", "expected an integer, got '3,800'", 4, 7)
PAGE_BAD = Problem("content/p.md", "chart 'x' not found in charts/", 3)


class Work:
    """A chart work that gives `pages` or raises the project's problems; counts how often it is asked."""

    def __init__(self, pages=None, problems=()):
        self._pages, self._problems, self.asked = pages, list(problems), 0

    def pages(self):
        self.asked += 1
        if self._problems:
            raise ContentError(self._problems)
        return self._pages


def test_a_build_takes_its_charts_once():
    charts, work = PageCharts(), Work(pages="good")
    charts.start(work)
    assert charts.take() == "good" and charts.take([PAGE_BAD]) == "good" and work.asked == 1
    assert charts.problems == []


def test_a_build_with_problems_fails_with_every_one_of_them():
    charts = PageCharts()
    charts.start(Work(problems=[BAD]))
    with pytest.raises(ContentError) as raised:
        charts.take([PAGE_BAD])
    assert raised.value.problems == [PAGE_BAD, BAD]


def test_the_preview_shows_no_charts_before_any_good_build(capsys):
    """A preview started on broken content serves its pages (each chart a box), not an exit."""
    charts = PageCharts(keep_last_good=True)
    charts.start(Work(pages="good"))
    assert charts.take([PAGE_BAD]).charts == () and charts.problems == [PAGE_BAD]
    assert "the preview updates when it is valid" in capsys.readouterr().err
    charts.start(Work(pages="fixed"))
    assert charts.take() == "fixed" and charts.problems == []


def test_the_preview_keeps_the_last_good_charts_and_recovers(capsys):
    charts, good = PageCharts(keep_last_good=True), Work(pages="good")
    charts.start(good)
    assert charts.take() == "good"
    charts.start(Work(problems=[BAD]))  # a broken save
    assert charts.take() == "good" and charts.work is good and charts.problems == [BAD]
    assert "keeps showing the last good charts" in capsys.readouterr().err
    charts.start(Work(pages="fixed"))
    assert charts.take() == "fixed" and charts.problems == []
    assert "the problems are fixed" in capsys.readouterr().err
