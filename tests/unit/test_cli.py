"""The `site-builder` command: exit codes 0 / 1 / 2, messages, help texts."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from site_builder.editors.cli import main
from tests.conftest import ROOT, copy_project


@pytest.fixture
def mini(tmp_path) -> Path:
    return copy_project("mini", tmp_path / "mini")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_a_one_line_summary_when_all_is_well(mini, capsys):
    code, out, err = run(capsys, "--root", str(mini), "check")
    assert code == 0 and err == ""
    assert out.startswith("ok: 2 datasets, 3 charts, 3 pages in content/ and the navigation checked in ")
    assert out.endswith(" s\n")
    assert out.count("\n") == 1


def test_check_reports_every_problem_with_file_line_column_and_hint(mini, capsys):
    path = mini / "data" / "troops.yml"
    path.write_text(path.read_text().replace("troops: 15000", "troops: '15,000'"))
    (mini / "content" / "troops.md").write_text("# T\n\n::: chart troops_lin\n")
    code, out, err = run(capsys, "--root", str(mini), "check")
    assert code == 1 and out == ""
    assert (
        "data/troops.yml:28:28: records[1].troops: expected an integer, got '15,000'\n"
        "  hint: write numbers without quotes or thousands separators: 15000"
    ) in err
    # pages are checked even when a dataset is broken
    assert "content/troops.md:3: chart 'troops_lin' not found in charts/\n  hint: did you mean 'troops_line'?" in err
    assert err.endswith("2 problems found.\n")


def test_check_passes_on_this_repositorys_site_and_is_fast(capsys):
    started = time.perf_counter()
    code, out, err = run(capsys, "--root", str(ROOT), "check")
    elapsed = time.perf_counter() - started
    assert code == 0, err
    assert elapsed < 5, f"check took {elapsed:.1f} s: too slow to run on every save"


def test_new_then_check(mini, capsys):
    code, out, _ = run(capsys, "--root", str(mini), "new", "dataset", "levels")
    assert code == 0 and out.startswith("wrote data/levels.yml\nnext: ")
    assert "next: draw it: site-builder new chart levels_line --dataset levels --kind line\n" in out
    code, out, _ = run(
        capsys, "--root", str(mini), "new", "chart", "levels_line", "--dataset", "levels", "--kind", "line"
    )
    assert code == 0 and out.startswith("wrote charts/levels_line.yml\n")
    code, out, _ = run(capsys, "--root", str(mini), "new", "page", "levels")
    assert code == 0 and out == (
        "wrote content/levels.md\n"
        "added to the navigation of mkdocs.yml at the end, line 15\n"
        "next: write the page in content/levels.md, then run `site-builder check`\n"
        'next: its title is "Levels": to choose another, run the command with --title\n'
    )
    assert (mini / "mkdocs.yml").read_text().endswith("  - Map: deep/map.md\n  - Levels: levels.md\n")
    assert run(capsys, "--root", str(mini), "check")[0] == 0


def test_new_page_with_a_title_in_a_new_section(mini, capsys):
    code, out, err = run(
        capsys, "--root", str(mini), "new", "page", "deep/kfor", "--title", "KFOR: a history", "--section", "History"
    )
    assert (code, err) == (0, "")
    assert out == (
        "wrote content/deep/kfor.md\n"
        'added to the navigation of mkdocs.yml under "History", a new section at the end, line 16\n'
        "next: write the page in content/deep/kfor.md, then run `site-builder check`\n"
    )
    assert (mini / "mkdocs.yml").read_text().endswith('  - History:\n      - "KFOR: a history": deep/kfor.md\n')
    assert run(capsys, "--root", str(mini), "check")[0] == 0


def test_new_writes_in_the_folders_mkdocs_yml_names(mini, capsys):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("docs_dir: content", "docs_dir: pages"))
    (mini / "content").rename(mini / "pages")
    code, out, _ = run(capsys, "--root", str(mini), "new", "page", "levels")
    assert code == 0 and out.startswith("wrote pages/levels.md\n") and (mini / "pages" / "levels.md").is_file()
    assert not (mini / "content").exists()


def test_new_refuses_while_mkdocs_yml_is_broken(mini, capsys):
    (mini / "mkdocs.yml").write_text("site_name: [\n")
    code, out, err = run(capsys, "--root", str(mini), "new", "page", "levels")
    assert code == 1 and out == "" and err.startswith("mkdocs.yml:")
    assert not (mini / "content" / "levels.md").exists()


def test_a_misspelt_section_is_a_usage_error(mini, capsys):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Map: deep/map.md", "  - Maps:\n      - Map: deep/map.md"))
    before = config.read_bytes()
    code, out, err = run(capsys, "--root", str(mini), "new", "page", "x", "--section", "maps ")
    assert code == 0 and 'under "Maps", line 16' in out  # any case, spaces trimmed
    code, out, err = run(capsys, "--root", str(mini), "new", "page", "y", "--section", "Mapss")
    assert (code, out) == (2, "")
    assert err == (
        "site-builder new page: --section: no section 'Mapss' in the navigation of mkdocs.yml; nothing was written\n"
        "  hint: did you mean 'Maps'? (a name unlike every section's starts a new section at the end)\n"
        "1 problem found.\n"
    )
    assert not (mini / "content" / "y.md").exists() and config.read_bytes().count(b"\n") == before.count(b"\n") + 1


def test_new_refuses_to_overwrite_with_exit_1(mini, capsys):
    before = (mini / "data" / "troops.yml").read_bytes()
    code, out, err = run(capsys, "--root", str(mini), "new", "dataset", "troops")
    assert code == 1 and out == ""
    assert err == (
        "data/troops.yml: the file exists already; nothing was written\n"
        "  hint: choose another name, or edit the existing file\n"
        "1 problem found.\n"
    )
    assert (mini / "data" / "troops.yml").read_bytes() == before


def test_new_chart_of_a_missing_dataset_suggests_one(mini, capsys):
    code, _, err = run(capsys, "--root", str(mini), "new", "chart", "c", "--dataset", "trops", "--kind", "line")
    assert code == 1
    assert err == (
        "charts/c.yml: dataset 'trops' not found in data/\n  hint: did you mean 'troops'?\n1 problem found.\n"
    )


def test_new_chart_of_a_broken_dataset_prints_its_problems_with_file_line_and_column(mini, capsys):
    path = mini / "data" / "troops.yml"
    path.write_text(path.read_text().replace("troops: 15000", "troops: '15,000'"))
    code, out, err = run(capsys, "--root", str(mini), "new", "chart", "c", "--dataset", "troops", "--kind", "line")
    assert code == 1 and out == ""
    assert err == (
        "charts/c.yml: dataset 'troops' has problems; fix them first\n"
        "data/troops.yml:28:28: records[1].troops: expected an integer, got '15,000'\n"
        "  hint: write numbers without quotes or thousands separators: 15000\n"
        "2 problems found.\n"
    )
    assert not (mini / "charts" / "c.yml").exists()


def test_bad_name_is_a_usage_error(mini, capsys):
    code, out, err = run(capsys, "--root", str(mini), "new", "dataset", "KFOR")
    assert code == 2 and out == ""
    assert err == (
        "site-builder new dataset: NAME: 'KFOR' is not a valid dataset id\n"
        "  hint: use lower-case letters, digits and underscores, starting with a letter: kfor_troops\n"
        "1 problem found.\n"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["frobnicate"],
        ["check", "--verbose"],
        ["new"],
        ["new", "chart", "c", "--dataset", "troops"],
        ["new", "chart", "c", "--dataset", "troops", "--kind", "pie"],
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: site-builder" in capsys.readouterr().err


def test_no_command_prints_help_and_exits_2(capsys):
    code, out, err = run(capsys)
    assert code == 2 and "usage: site-builder" in err


@pytest.mark.parametrize(
    "argv", [[], ["check"], ["new"], ["new", "dataset"], ["new", "chart"], ["new", "page"], ["schema"]]
)
def test_every_help_says_what_it_does_with_an_example(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv + ["--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0
    assert "example" in out and "site-builder " + " ".join(argv) in out
    assert len(out.split("\n\n")[1]) > 40  # a description, not only the usage line


def test_the_installed_command_runs(mini):
    result = subprocess.run(
        [sys.executable, "-m", "site_builder.editors.cli", "--root", str(mini), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("ok: ")
    assert (Path(sys.executable).parent / "site-builder").exists()


def test_schema_writes_both_schemas(tmp_path, capsys):
    code, out, _ = run(capsys, "--root", str(tmp_path), "schema")
    assert code == 0 and out == (
        "wrote schemas/dataset.schema.json\nwrote schemas/chart.schema.json\nwrote schemas/glossary.schema.json\n"
    )
    assert (tmp_path / "schemas" / "chart.schema.json").read_text() == (
        ROOT / "schemas" / "chart.schema.json"
    ).read_text()


def test_the_test_command_collects_every_kind_of_test():
    """`pytest` skips folders named "build" unless told otherwise: the build tests must run in `make test`."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    folders = {line.split("/")[1] for line in out.splitlines() if line.startswith("tests/") and "::" in line}
    assert folders == {"unit", "build", "browser"}
