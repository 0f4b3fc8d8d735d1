"""One error type: every mistake an editor can make reaches them as a `Problem`, printed by `format_problems`."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import site_builder
from site_builder.build import prepare
from site_builder.build.prepare import prepare_charts
from site_builder.editors.cli import main
from site_builder.errors import ContentError, Problem, format_problems, unexpected
from site_builder.figures.kinds import KINDS
from site_builder.formats.datasets import load_dataset
from site_builder.formats.fieldtypes import convert
from site_builder.formats.model import FieldSpec
from site_builder.formats.project import Project
from tests.conftest import copy_project

# Exceptions that are not an editor's mistake, each with the reason; everything else an editor can
# cause is a ContentError.
NOT_EDITORS_MISTAKES = {
    "site_builder.errors.ContentError": "the one error type itself",
    "site_builder.build.assets.AssetsMissing": "an installation problem (node_modules missing or stale, fixed "
    "with `npm ci`), not in any file an editor writes: it has no path, line or field to point at",
    "site_builder.build.locales.LocaleUnreadable": "an installation problem (a plotly.js-locales release whose "
    "files are not the plain object literal read at build time), named with the package's file; no editor's file",
    "site_builder.build.images.ImagesUnavailable": "an installation problem (no Chromium or Playwright to "
    "draw chart images with), with what to install or the `images: false` opt-out; no editor's file is at fault",
    "site_builder.build.chartwork.WorkerFailed": "a bug or a killed chart process, not the content's fault "
    "(content problems cross the process boundary as ContentError)",
    "site_builder.engines.mkdocs_editions.EditionFailed": "MkDocs stopped an edition's build (its Abort): the "
    "problems, located in the editors' files, were printed already as the plugin and MkDocs log them; it only says "
    "which edition stopped and that the last site stays",
    "site_builder.review.git.GitProblem": "a state of the repository `site-builder diff` cannot read (no git, a ref "
    "that is not there, a base beyond a shallow clone): it names the git command to run, not a file to fix",
}


def exception_classes() -> dict[str, type]:
    """Every exception class defined in the package, found by importing each module."""
    found = {}
    for module_info in pkgutil.walk_packages(site_builder.__path__, "site_builder."):
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ == module.__name__ and issubclass(value, BaseException):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_no_module_defines_another_error_type_for_editors_mistakes():
    found = exception_classes()
    assert set(found) == set(NOT_EDITORS_MISTAKES), (
        "an exception for an editor's mistake: raise ContentError([Problem(...)]) instead, "
        "or add the class to NOT_EDITORS_MISTAKES with the reason it is not an editor's mistake"
    )


def test_a_wrong_value_is_refused_unplaced_then_placed_by_the_loader(tmp_path):
    with pytest.raises(ContentError) as caught:
        convert(FieldSpec(type="integer", title="Troops"), "3,800")
    assert caught.value.problems == [
        Problem(
            "", "expected an integer, got '3,800'", hint="write numbers without quotes or thousands separators: 3800"
        )
    ]
    mini = copy_project("mini", tmp_path / "mini")
    path = mini / "data" / "troops.yml"
    path.write_text(path.read_text().replace("troops: 15000", "troops: '3,800'"))
    with pytest.raises(ContentError) as caught:
        load_dataset(path, mini)
    assert format_problems(caught.value.problems) == (
        "data/troops.yml:28:28: records[1].troops: expected an integer, got '3,800'\n"
        "  hint: write numbers without quotes or thousands separators: 3800\n"
        "1 problem found."
    )


def test_an_unplaced_problem_prints_without_an_empty_place():
    assert Problem.unplaced("expected text", "put it in quotes").format() == "expected text\n  hint: put it in quotes"


def test_a_scaffold_mistake_is_printed_by_format_problems_with_its_exit_code(tmp_path, capsys):
    mini = copy_project("mini", tmp_path / "mini")
    assert main(["--root", str(mini), "new", "chart", "troops_line", "--dataset", "troops", "--kind", "line"]) == 1
    assert (
        capsys.readouterr().err
        == format_problems(
            [
                Problem(
                    "charts/troops_line.yml",
                    "the file exists already; nothing was written",
                    hint="choose another name, or edit the existing file",
                )
            ]
        )
        + "\n"
    )
    assert main(["--root", str(mini), "new", "page", "../up"]) == 2
    assert capsys.readouterr().err == (
        "site-builder new page: NAME: '../up' is not a valid page name\n"
        "  hint: use lower-case letters, digits, - and _, with / for a folder: kfor or history/kfor\n"
        "1 problem found.\n"
    )


# -- what no rule foresaw is still a problem of the file being processed --------------------------


def _overflow(*args, **kwargs):
    raise OverflowError("int too large to convert to float")


@pytest.mark.parametrize(
    ("target", "path", "doing"),
    [
        ("site_builder.formats.datasets.convert", "data/troops.yml", "reading the dataset"),
        ("site_builder.formats.specs.validate", "charts/states_map.yml", "reading the chart spec"),
        ("site_builder.formats.specs.chart_records", "charts/states_map.yml", "checking the chart against"),
    ],
)
def test_an_unforeseen_exception_while_loading_names_the_file(tmp_path, monkeypatch, target, path, doing):
    mini = copy_project("mini", tmp_path / "mini")
    monkeypatch.setattr(target, _overflow)
    with pytest.raises(ContentError) as caught:
        Project.load(mini)
    found = [p for p in caught.value.problems if p.path == path]
    assert found and found[0].message.startswith(doing), caught.value.problems
    assert found[0].message.endswith("failed: OverflowError: int too large to convert to float")
    assert (
        "look in the file for an unusual value" in found[0].hint and "(raised at unit/test_errors.py:" in found[0].hint
    )


def test_an_unforeseen_exception_while_a_chart_is_made_names_its_spec(tmp_path, monkeypatch):
    """Was: a 400-digit figure ended the build with a traceback from the figure's axis range."""
    mini = copy_project("mini", tmp_path / "mini")
    project = Project.load(mini)
    monkeypatch.setattr(KINDS["line"], "build", _overflow)
    with pytest.raises(ContentError) as caught:
        prepare_charts(project)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (
            "charts/troops_line.yml",
            "making the chart from dataset 'troops' failed: OverflowError: int too large to convert to float",
        )
    ]
    monkeypatch.setattr(prepare, "PARALLEL_MIN", 2)  # the same in the preparing workers
    with pytest.raises(ContentError) as caught:
        prepare_charts(project, workers=2)
    assert [p.path for p in caught.value.problems] == ["charts/troops_line.yml"]


def test_an_unforeseen_exception_s_message_is_cut_short():
    try:
        raise ValueError("x" * 1000)
    except ValueError as error:
        problem = unexpected("data/x.yml", "reading the dataset", error)
    assert len(problem.message) < 260 and problem.message.endswith("...") and problem.path == "data/x.yml"
