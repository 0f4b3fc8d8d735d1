"""Issue 14, class 3: two sources of one URL fail the build, naming both; nothing is written."""

from __future__ import annotations

import pytest

from site_builder.build.claims import Claim, conflicts
from tests.build.test_build import failed_build
from tests.conftest import build


def test_a_page_at_a_charts_own_url_is_refused(mini, tmp_path, caplog):
    (mini / "content" / "charts").mkdir()
    (mini / "content" / "charts" / "troops_line.md").write_text("# Mine\n")
    error = failed_build(mini, tmp_path / "out", caplog)
    assert (
        "content/charts/troops_line.md: is written to charts/troops_line/index.html, and so is the chart "
        "charts/troops_line.yml" in error
    )
    assert (
        "hint: charts/troops_line/index.html belongs to the chart charts/troops_line.yml; rename or move content/charts"
        in error
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("one", "other", "path"),
    [
        ("a.md", "a/index.md", "a/index.html"),  # two folders, one page: MkDocs does not see it
        ("troops/index.md", "Troops.md", "Troops/index.html"),  # one path on a case-blind file system
        ("charts/states_map/data.csv", None, "charts/states_map/data.csv"),  # a download replaced
        ("build-manifest.json", None, "build-manifest.json"),  # the build's own
    ],
)
def test_every_second_claim_fails_the_build(mini, tmp_path, caplog, one, other, path):
    for name in filter(None, (one, other)):
        target = mini / "content" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# Page\n" if name.endswith(".md") else "x\n")
    error = failed_build(mini, tmp_path / "out", caplog)
    assert f"is written to {path}" in error or f"({path}: the same file where case is not told apart)" in error
    assert "one would silently replace the other" in error
    assert not (tmp_path / "out").exists()


def test_a_docs_file_may_replace_a_theme_file(mini, tmp_path):
    """MkDocs' way of overriding a theme's file (its favicon here): not a clash."""
    icon = mini / "content" / "assets" / "images" / "favicon.png"
    icon.parent.mkdir(parents=True)
    icon.write_bytes(b"\x89PNG\r\n\x1a\n")
    site = build(mini, tmp_path / "out")
    assert (site / "assets" / "images" / "favicon.png").read_bytes() == b"\x89PNG\r\n\x1a\n"


def test_the_editors_file_is_named_first_and_the_builds_own_files_get_their_own_hint():
    problems = conflicts(
        [
            Claim("build-manifest.json", "site-builder's build manifest", editable=False),
            Claim("build-manifest.json", "content/build-manifest.json"),
            Claim("x/index.html", "content/x.md"),
            Claim("x/index.html", "content/x/index.md"),
            Claim("y/index.html", "content/y.md"),
        ]
    )
    assert [(p.path, p.hint) for p in problems] == [
        (
            "content/build-manifest.json",
            "build-manifest.json belongs to site-builder's build manifest; rename or move content/build-manifest.json",
        ),
        ("content/x/index.md", "rename or move one of content/x/index.md and content/x.md"),
    ]
