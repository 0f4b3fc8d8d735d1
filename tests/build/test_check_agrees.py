"""`site-builder check` and `mkdocs build --strict` agree: on projects broken one way each, both
fail and name the same places (file:line), the build before it writes anything; on the good
project both pass.

The build is run as editors run it, `mkdocs build --strict` in the project's folder, so that what
MkDocs itself refuses in strict mode (a nav entry to no page, a page left out of the nav) counts
as much as what the plugin refuses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.editors.cli import main
from tests.conftest import copy_project

pytestmark = pytest.mark.xdist_group("check_agrees")  # the builds share the chart cache of one worker

MKDOCS = Path(sys.executable).parent / "mkdocs"
# `content/troops.md:2:20: ...` or, for a page as a whole, `content/extra.md: ...`
PLACE = re.compile(r"^(?P<file>[\w./-]+\.(?:md|yml)):(?:(?P<line>\d+)(?::\d+)?:)? ", re.MULTILINE)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def add_page_to_nav(root: Path, line: str) -> None:
    edit(root / "mkdocs.yml", "  - Map: deep/map.md\n", f"  - Map: deep/map.md\n{line}\n")


def move(root: Path, folder: str, to: str, setting: str) -> None:
    shutil.move(root / folder, root / to)
    edit(root / "mkdocs.yml", "      images: false\n", f"      images: false\n      {setting}: {to}\n")


# name -> (how the project is broken, a place both must name)
BROKEN = {
    "an unquoted ': ' in a title": (
        lambda root: edit(root / "content/troops.md", "title: Troops", "title: KFOR in 2024: who sends the soldiers"),
        "content/troops.md:2",
    ),
    "an unknown front-matter key": (
        lambda root: edit(root / "content/troops.md", "title: Troops\n", "title: Troops\ndescripton: Soldiers\n"),
        "content/troops.md:3",
    ),
    "a title that is a number": (
        lambda root: edit(root / "content/troops.md", "title: Troops", "title: 2024"),
        "content/troops.md:2",
    ),
    "a page with no title": (
        lambda root: (
            write(root / "content/about.md", "About these figures.\n"),
            add_page_to_nav(root, "  - about.md"),
        ),
        "content/about.md:1",
    ),
    "an opening line MkDocs hides as metadata": (
        lambda root: edit(root / "content/index.md", "# Home\n", "Note: provisional figures\n\n# Home\n"),
        "content/index.md:1",
    ),
    "a nav entry to no page": (
        lambda root: edit(root / "mkdocs.yml", "Troops: troops.md", "Troops: troop.md"),
        "mkdocs.yml:14",
    ),
    "a page left out of the nav": (
        lambda root: (
            write(root / "content/extra.md", "# Extra\n"),
            edit(root / "mkdocs.yml", "nav:\n", "validation:\n  omitted_files: warn\nnav:\n"),
        ),
        "content/extra.md",
    ),
    "a README.md beside an index.md": (
        lambda root: write(root / "content/README.md", "# Read me\n"),
        "content/README.md",
    ),
    "a misspelt chart id in a ::: line": (
        lambda root: edit(root / "content/troops.md", "::: chart troops_line", "::: chart troops_lin"),
        "content/troops.md:7",
    ),
    "docs_dir docs/ and a misspelt chart id": (
        lambda root: (
            shutil.move(root / "content", root / "docs"),
            edit(root / "mkdocs.yml", "docs_dir: content", "docs_dir: docs"),
            edit(root / "docs/deep/map.md", "::: chart states_map", "::: chart states_mapp"),
        ),
        "docs/deep/map.md:3",
    ),
    "a tab in a dataset": (
        lambda root: edit(root / "data/troops.yml", "  - id: press\n", "\t- id: press\n"),
        "data/troops.yml:12",
    ),
    "data_dir in the plugin's settings, and a tab in a dataset there": (
        lambda root: (
            move(root, "data", "datasets", "data_dir"),
            edit(root / "datasets/troops.yml", "  - id: press\n", "\t- id: press\n"),
        ),
        "datasets/troops.yml:12",
    ),
    "charts_dir in the plugin's settings, and a misspelt dataset there": (
        lambda root: (
            move(root, "charts", "figures", "charts_dir"),
            edit(root / "figures/troops_line.yml", "dataset: troops", "dataset: troop"),
        ),
        "figures/troops_line.yml:2",
    ),
}


@pytest.fixture
def project(tmp_path) -> Path:
    root = copy_project("mini", tmp_path / "project")
    # No chart images: the builds here are about what is refused, and a good build draws none.
    edit(root / "mkdocs.yml", "  - site-builder\n", "  - site-builder:\n      images: false\n")
    return root


def check(root: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--root", str(root), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def build(root: Path) -> tuple[int, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764288000"}
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-q"], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    return done.returncode, done.stdout + done.stderr


def places(output: str) -> set[str]:
    return {f"{m['file']}:{m['line']}" if m["line"] else m["file"] for m in PLACE.finditer(output)}


@pytest.mark.parametrize("name", list(BROKEN))
def test_check_and_the_strict_build_refuse_the_same(name, project, capsys):
    breaks, place = BROKEN[name]
    breaks(project)
    check_code, check_output = check(project, capsys)
    build_code, build_output = build(project)
    assert check_code == 1, check_output
    assert build_code != 0, build_output
    assert place in places(check_output), check_output
    assert places(build_output) == places(check_output), f"check:\n{check_output}\nbuild:\n{build_output}"
    assert "hint: " in check_output and "Traceback" not in build_output
    assert not (project / "site").exists(), "a failed build wrote the site"


def test_check_and_the_strict_build_pass_the_good_project(project, capsys):
    check_code, check_output = check(project, capsys)
    assert (check_code, check_output.split(" checked")[0]) == (
        0,
        "ok: 2 datasets, 3 charts, 3 pages in content/ and the navigation",
    )
    build_code, build_output = build(project)
    assert build_code == 0, build_output
    assert (project / "site" / "troops" / "index.html").is_file()


def test_a_syntax_error_in_mkdocs_yml_is_worded_by_check_and_fails_the_build(project, capsys):
    """MkDocs reads its config file before any plugin runs, so the build's message is MkDocs' own:
    check gives the plain words.
    """
    edit(project / "mkdocs.yml", "  - Troops: troops.md", '  - "Troops: troops.md')
    code, output = check(project, capsys)
    assert (code, output.splitlines()[:2]) == (
        1,
        [
            'mkdocs.yml:14:5: YAML syntax error: a quote (") opened here is never closed: `  - "Troops: troops.md`',
            '  hint: end the text with the same quote: `  - "Troops: troops.md"`',
        ],
    )
    assert build(project)[0] != 0 and not (project / "site").exists()
