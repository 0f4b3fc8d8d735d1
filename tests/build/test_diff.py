"""`site-builder diff` on small git histories of the mini project: each kind of change, each report.

Each test commits the published project on `main`, edits it on a branch (or in the working tree),
and reads the report as a reviewer would. Images are skipped (`--no-images`) except where a test
is about them: they need Chromium, and every other line of the report is the same without them.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from site_builder.editors.cli import main
from tests.conftest import copy_project

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Desk",
    "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Desk",
    "GIT_COMMITTER_EMAIL": "desk@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=True,
        timeout=60,
    )
    return done.stdout


@pytest.fixture
def project(tmp_path) -> Path:
    """The mini project committed on `main`, checked out on a branch `work`."""
    folder = copy_project("mini", tmp_path / "mini")
    (folder / ".gitignore").write_text("node_modules\n.site-builder-cache/\n")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "published")
    git(folder, "checkout", "-qb", "work")
    return folder


def edit(folder: Path, path: str, old: str, new: str) -> None:
    file = folder / path
    text = file.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), "utf-8")


def diff(folder: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(folder), "diff", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def line_of(folder: Path, path: str, text: str) -> int:
    lines = (folder / path).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


NEW_VALUE = ('{date: "2008", troops: 15000, source: nato}', '{date: "2008", troops: 15500, source: nato}')
CORRECTION = """corrections:
  - date: "2026-12-01"
    record: {date: "2008", source: nato}
    field: troops
    old: OLD
    new: 15500
    reason: NATO's figure was misread.
"""


def test_a_changed_value_is_shown_with_both_values_and_its_line_and_flagged(project, capsys):
    edit(project, "data/troops.yml", *NEW_VALUE)
    code, out, err = diff(project, capsys, "--no-images")
    line = line_of(project, "data/troops.yml", "troops: 15500")
    assert code == 0, err
    assert re.match(r"[0-9a-f]{7} \(where HEAD left main\) → the working tree: 1 record changed, 1 chart redrawn", out)
    assert "  troops (data/troops.yml): Troops: 4 → 4 records" in out
    assert f"    changed   date 2008, source nato  (data/troops.yml:{line})" in out
    assert "      troops: 15000 → 15500" in out
    assert "  troops_line (charts/troops_line.yml): Troops over time" in out
    assert "    figure changed; shown on content/troops.md" in out
    assert "Published figures changed without a correction (1)" in out
    assert f"  data/troops.yml:{line}: troops, date 2008, source nato: troops 15000 → 15500" in out
    assert "old: 15000" in out  # the hint gives the value to write in `old:`

    code, _, err = diff(project, capsys, "--no-images", "--strict")
    assert code == 1
    assert "1 published figure changed without a correction (--strict)" in err


def test_a_correction_for_the_change_clears_the_flag_and_a_wrong_old_value_does_not(project, capsys):
    edit(project, "data/troops.yml", *NEW_VALUE)
    with open(project / "data/troops.yml", "a", encoding="utf-8") as file:
        file.write(CORRECTION.replace("OLD", "15000"))
    code, out, err = diff(project, capsys, "--no-images", "--strict")
    assert code == 0, out + err
    assert "Published figures changed" not in out
    assert "    correction 2026-12-01: date 2008, source nato: troops 15000 → 15500. NATO's figure was misread." in out

    text = (project / "data/troops.yml").read_text("utf-8")
    (project / "data/troops.yml").write_text(text.replace("old: 15000", "old: 16000"), "utf-8")
    code, out, _ = diff(project, capsys, "--no-images", "--strict")
    assert code == 1
    assert "the correction gives `old: 16000`, but the published value was 15000: write that in `old:`" in out


def test_records_added_and_removed_by_key(project, capsys):
    edit(
        project,
        "data/troops.yml",
        '  - {date: "2023-10-01", troops: 4500, source: nato}\n',
        '  - {date: "2024-06", troops: 4700, source: press, qualifier: about}\n'.replace(", qualifier: about", ""),
    )
    git(project, "commit", "-qam", "2024 figure in, 2023 out")
    code, out, err = diff(project, capsys, "main", "HEAD", "--no-images")
    assert code == 0, err
    main_line = line_of(project, "data/troops.yml", "2024-06")  # where the removed record was, in main
    assert re.search(r"^main \([0-9a-f]{7}\) → HEAD \([0-9a-f]{7}\): 1 record added, 1 record removed", out)
    assert f"    added     date 2024-06, source press  (data/troops.yml:{main_line})" in out
    assert "      troops: 4700" in out
    assert f"    removed   date 2023-10-01, source nato  (main:data/troops.yml:{main_line})" in out
    assert "main:data/troops.yml" in out and "record removed" in out  # a published record went uncorrected


def test_a_record_removed_with_a_removal_correction_is_not_flagged(project, capsys):
    edit(project, "data/troops.yml", '  - {date: "2023-10-01", troops: 4500, source: nato}\n', "")
    with open(project / "data/troops.yml", "a", encoding="utf-8") as file:
        file.write(
            'corrections:\n  - {date: "2026-12-01", record: {date: "2023-10-01", source: nato}, change: removed, '
            "reason: A duplicate of another figure.}\n"
        )
    code, out, err = diff(project, capsys, "--no-images", "--strict")
    assert code == 0, out + err
    assert "    removed   date 2023-10-01, source nato" in out
    assert "record removed. A duplicate of another figure." in out


def test_a_changed_source_url_and_metadata(project, capsys):
    edit(project, "data/troops.yml", "url_main: https://example.org/report", "url_main: https://example.org/report-2")
    edit(project, "data/troops.yml", "title: Troops\n", "title: Troops deployed\n")
    code, out, err = diff(project, capsys, "--no-images")
    assert code == 0, err
    line = line_of(project, "data/troops.yml", "id: press")
    assert f"    source changed    press  (data/troops.yml:{line})" in out
    assert "      url_main: https://example.org/report → https://example.org/report-2" in out
    assert "    metadata  title: Troops → Troops deployed  (data/troops.yml:1)" in out
    assert "Published figures changed" not in out  # a source's address is not a figure


def test_a_renamed_chart_keeps_its_figure_and_says_where_its_page_moves(project, capsys):
    git(project, "mv", "charts/troops_line.yml", "charts/troops_over_time.yml")
    edit(project, "content/troops.md", "::: chart troops_line", "::: chart troops_over_time")
    code, out, err = diff(project, capsys, "--no-images")
    assert code == 0, err
    assert "  troops_over_time (charts/troops_over_time.yml): Troops over time" in out
    assert "    renamed from troops_line (its page moves from charts/troops_line/ to charts/troops_over_time/)" in out
    assert "    figure unchanged; shown on content/troops.md" in out
    assert "0 charts redrawn" in out.splitlines()[0]


def test_a_deleted_dataset_and_its_charts(project, capsys):
    for path in ("data/states.yml", "charts/states_map.yml", "charts/states_step.yml"):
        git(project, "rm", "-q", path)
    for page in ("content/deep/map.md",):
        text = (project / page).read_text("utf-8")
        (project / page).write_text(re.sub(r"::: chart states_\w+\n", "", text), "utf-8")
    git(project, "commit", "-qam", "no more states")
    code, out, err = diff(project, capsys, "main", "work", "--no-images")
    assert code == 0, err
    assert "  states (main:data/states.yml): " in out and ": dataset removed, " in out
    assert "  states_map (main:charts/states_map.yml): Who recognises" in out
    assert "    chart removed; was shown on content/deep/map.md" in out
    assert "2 charts redrawn" in out.splitlines()[0]


def test_an_unchanged_project_says_so(project, capsys):
    code, out, _ = diff(project, capsys, "--no-images")
    assert code == 0
    assert out.endswith("→ the working tree: no change to data or charts\n")


def test_a_broken_file_in_head_is_reported_like_check_does(project, capsys):
    edit(project, "data/troops.yml", "troops: 15000", "troops: '15,000'")
    code, _, err = diff(project, capsys, "--no-images")
    line = line_of(project, "data/troops.yml", "'15,000'")
    assert code == 1
    assert f"data/troops.yml:{line}:" in err and "records[1].troops" in err


def test_markdown_escapes_every_value_and_names_the_images_beside_it(project, capsys, tmp_path):
    hostile = "<img src=x onerror=alert(1)> @everyone | [link](https://evil.example) *bold*"
    edit(project, "data/troops.yml", "title: A report", f"title: '{hostile}'")
    edit(project, "data/troops.yml", *NEW_VALUE)
    out_dir = tmp_path / "review"
    code, _, err = diff(project, capsys, "--format", "markdown", "--out", str(out_dir), "--no-images")
    assert code == 0, err
    text = (out_dir / "diff.md").read_text("utf-8")
    assert "<img src=x" not in text and "@everyone" not in text and "](https" not in text
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; &#64;everyone \\| \\[link\\]" in text
    assert "| changed | date 2008, source nato | troops | 15000 | 15500 | data/troops\\.yml:" in text
    assert "> [!CAUTION]" in text
    row_lines = [line for line in text.splitlines() if line.startswith("| ")]
    assert all(line.count(" | ") - line.count("\\|") >= 3 for line in row_lines)  # no cell split by a value


def test_html_is_one_self_contained_file_with_values_escaped(project, capsys, tmp_path):
    edit(project, "data/troops.yml", "title: A report", "title: '<script>alert(1)</script>'")
    edit(project, "data/troops.yml", *NEW_VALUE)
    code, out, err = diff(project, capsys, "--format", "html", "--no-images")
    assert code == 0, err
    assert out.startswith("<!doctype html>")
    assert "<script" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "default-src 'none'" in out  # nothing it could load, were something to slip through
    assert re.search(r"<td class=\"old\">15000</td><td class=\"new\">15500</td>", out)


def test_before_and_after_images_in_markdown_and_html(project, capsys, tmp_path):
    edit(project, "data/troops.yml", *NEW_VALUE)
    out_dir = tmp_path / "review"
    code, _, err = diff(project, capsys, "--format", "markdown", "--format", "html", "--out", str(out_dir))
    assert code == 0, err
    before, after = out_dir / "images/troops_line-before.svg", out_dir / "images/troops_line-after.svg"
    assert before.read_bytes().startswith(b"<svg") and after.read_bytes().startswith(b"<svg")
    assert before.read_bytes() != after.read_bytes()
    markdown = (out_dir / "diff.md").read_text("utf-8")
    assert '<img src="images/troops_line-before.svg"' in markdown
    assert '<img src="images/troops_line-after.svg"' in markdown
    html = (out_dir / "diff.html").read_text("utf-8")
    assert html.count('src="data:image/svg+xml;base64,') == 2
    assert 'src="images/' not in html  # self-contained: it travels as one file


def test_a_shallow_clone_fetches_the_base_or_says_what_to_fetch(project, capsys, tmp_path):
    edit(project, "data/troops.yml", *NEW_VALUE)
    git(project, "commit", "-qam", "a new figure")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch", "work", f"file://{project}", str(clone))
    (clone / "node_modules").symlink_to(project / "node_modules")
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"

    code, _, err = diff(clone, capsys, "origin/main", "--no-images", "--no-fetch")
    assert code == 2
    assert "'origin/main' is not a commit in this repository (a shallow clone)" in err
    assert "hint: fetch it: git fetch --no-tags --depth=1 origin main" in err

    code, out, err = diff(clone, capsys, "origin/main", "--no-images")
    assert code == 0, err
    assert "      troops: 15000 → 15500" in out


def test_outside_a_repository_it_says_so(tmp_path, capsys):
    folder = copy_project("mini", tmp_path / "plain")
    code, _, err = diff(folder, capsys)
    assert code == 2
    assert "is not in a git repository" in err


def test_a_base_file_this_version_cannot_read_is_compared_as_absent_and_said(project, capsys):
    """A format change (here `last_updated`, renamed `last_checked`): BASE's file is named in a note."""
    git(project, "checkout", "-q", "main")
    edit(project, "data/troops.yml", "last_checked:", "last_updated:")
    git(project, "commit", "-qam", "as the old format had it")
    git(project, "checkout", "-qb", "migrated")
    edit(project, "data/troops.yml", "last_updated:", "last_checked:")
    code, out, err = diff(project, capsys, "--no-images")
    assert code == 0, err
    assert "  troops (data/troops.yml): Troops: dataset added, 4 records" in out
    assert re.search(r"^note: [0-9a-f]{7}:data/troops.yml:\d+", out, re.M)
    assert "(BASE's file does not load with this version of site-builder: it is compared as absent)" in out
