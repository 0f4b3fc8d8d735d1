"""Translations that say what they are: the digest, a page's status, the notice, the front matter, --stamp."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from site_builder.editors.cli import main
from site_builder.formats.frontmatter import front_matter_problems
from site_builder.languages import current, notes
from tests.conftest import copy_project

NOTE = "---\ntitle: Ballina\ntranslation: {source: %s, date: 2026-12-01, method: machine, reviewed_by: null}\n---\n"


def test_the_digest_is_12_hex_of_sha256_with_crlf_read_as_lf():
    assert notes.digest(b"# Home\r\n\r\nText\r\n") == notes.digest(b"# Home\n\nText\n")
    assert notes.digest(b"x") == "2d711642b726"  # sha256("x") begins 2d711642b726b044


def test_a_translated_page_must_say_what_it_translates():
    problems = front_matter_problems("content/sq/index.md", "# Ballina\n", translated=True)
    assert [p.format() for p in problems] == [
        "content/sq/index.md:1: translation: a translated page must say what it translates: its front matter has "
        "no `translation:`\n  hint: add `translation: {source: <version>, date: YYYY-MM-DD, method: machine, "
        "reviewed_by: null}` to the front matter; `site-builder translations --stamp <page> --method machine` "
        "writes it"
    ]
    with current.using("sq"):  # by default, a page made in another language than the source's
        assert front_matter_problems("content/sq/index.md", "# Ballina\n")
    assert front_matter_problems("content/index.md", "# Home\n") == []


@pytest.mark.parametrize(
    "value, message",
    [
        ("{source: 12ab, date: 2026-12-01, method: machine}", "3:23: translation.source: expected the English page's"),
        ('{source: 0123456789ab, date: "2026-02-30", method: machine}', "translation.date: expected a date written"),
        ("{source: 0123456789ab, date: 2026-12-01, method: robot}", "translation.method: expected machine or human"),
        ("{source: 0123456789ab, date: 2026-12-01, method: human, reviewed_by: 3}", "translation.reviewed_by"),
        ("{source: 0123456789ab, date: 2026-12-01, method: human, by: x}", "unknown key 'by'"),
        ("{source: 0123456789ab, method: human}", "translation: missing required key 'date'"),
    ],
)
def test_the_translation_note_is_checked(value, message):
    page = f"---\ntitle: T\ntranslation: {value}\n---\n"
    problems = [p.format() for p in front_matter_problems("p.md", page, translated=True)]
    assert len(problems) == 1 and message in problems[0], problems


def test_a_valid_note_passes_quoted_date_and_reviewer_too():
    page = NOTE % "0123456789ab"
    assert front_matter_problems("p.md", page, translated=True) == []
    note = '{source: "0123456789ab", date: "2026-12-01", method: human, reviewed_by: "A B"}'
    page = f"---\ntitle: T\ntranslation: {note}\n---\n"
    assert front_matter_problems("p.md", page, translated=True) == []


def test_the_notice_in_each_language_and_the_link_when_stale():
    note = notes.Translation("0123456789ab", "2026-12-01", "machine", None)
    with current.using("sq"):
        said = notes.notice(note, notes.STALE, "../")
    assert said["text"] == (
        "Kjo faqe është përkthim makinerik i faqes në anglisht (versioni 0123456789ab, 1 dhjetor 2026), ende i "
        "pashqyrtuar nga një person."
    )
    assert said["stale"] == "Faqja në anglisht ka ndryshuar që kur u bë ky përkthim:"
    assert said["link"] == "lexoni faqen në anglisht"
    reviewed = notes.Translation("0123456789ab", "2026-12-01", "human", "Ana Marku")
    with current.using("sr-Latn"):
        said = notes.notice(reviewed, notes.UP_TO_DATE, "../")
    assert said["stale"] == "" and said["text"].endswith("koji je uradila osoba; pregled: Ana Marku.")
    assert "1. decembar 2026." in said["text"]


def test_the_link_to_the_english_page():
    assert notes.english_href("kfor.md", "sq") == "../../kfor/"
    assert notes.english_href("index.md", "sq") == "../"
    assert notes.english_href("a/b.md", "sr-latn") == "../../../a/b/"
    assert notes.english_href("kfor.md", "sq", directory_urls=False) == "../kfor.html"


@pytest.fixture
def edition(tmp_path) -> Path:
    """The mini project with an Albanian edition of its home page."""
    root = copy_project("mini", tmp_path / "mini")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text()
        + "extra:\n  alternate:\n    - {name: English, link: ./, lang: en}\n    - {name: Shqip, link: sq/, lang: sq}\n"
        + "exclude_docs: |\n  /sq/\n"
    )
    (root / "mkdocs.sq.yml").write_text(
        "INHERIT: mkdocs.yml\ndocs_dir: content/sq\nsite_dir: site/sq\ntheme:\n  language: sq\n"
        "plugins:\n  - site-builder\nnav:\n  - Ballina: index.md\n"
    )
    (root / "content" / "sq").mkdir()
    english = (root / "content" / "index.md").read_bytes()
    (root / "content" / "sq" / "index.md").write_text(NOTE % notes.digest(english) + "# Ballina\n\nAsnjë grafik.\n")
    return root


def test_status_up_to_date_then_stale_when_the_english_page_changes(edition, capsys):
    [index] = [page for page in notes.statuses(notes.SiteConfig.load(edition)) if page.page == "index.md"]
    assert index.state == notes.UP_TO_DATE
    fresh = main(["--root", str(edition), "check"])  # (1: the mini charts' texts are not in Albanian)
    capsys.readouterr()
    (edition / "content" / "index.md").write_text("# Home\n\nChanged.\n")
    [index] = [page for page in notes.statuses(notes.SiteConfig.load(edition)) if page.page == "index.md"]
    assert index.state == notes.STALE and index.current == notes.digest(b"# Home\n\nChanged.\n")
    code = main(["--root", str(edition), "check"])
    out, err = capsys.readouterr()
    assert code == fresh, err  # a note, not a problem: an English edit does not fail CI
    assert err.startswith(
        f"note: content/sq/index.md: stale translation: content/index.md has changed since version "
        f"{index.translation.source} (now {index.current}); readers are told so\n"
        "  hint: bring the translation up to date, then `site-builder translations --stamp content/sq/index.md`\n"
    )
    assert main(["--root", str(edition), "translations"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("sq (Shqip): 2 missing, 1 stale\n")
    assert "  stale              index.md  (machine, " in out and "  missing            troops.md\n" in out


def test_stamp_writes_the_current_version_and_today_keeping_the_rest(edition, capsys):
    (edition / "content" / "index.md").write_text("# Home\n\nChanged.\n")
    page = edition / "content" / "sq" / "index.md"
    site = notes.SiteConfig.load(edition)
    from site_builder.editors.wording_check import stamp_page

    said = stamp_page(site, page, None, today=datetime.date(2026, 12, 2))
    version = notes.digest(b"# Home\n\nChanged.\n")
    assert said == f"stamped content/sq/index.md (sq): translation of content/index.md, version {version}"
    assert page.read_text() == (
        f"---\ntitle: Ballina\ntranslation:\n  source: {version}\n  date: 2026-12-02\n  method: machine\n"
        "  reviewed_by: null\n---\n# Ballina\n\nAsnjë grafik.\n"
    )
    [index] = [p for p in notes.statuses(site) if p.page == "index.md"]
    assert index.state == notes.UP_TO_DATE


def test_a_translated_page_without_a_note_fails_check(edition, capsys):
    (edition / "content" / "sq" / "index.md").write_text("# Ballina\n")
    assert main(["--root", str(edition), "check"]) == 1
    assert (
        "content/sq/index.md:1: translation: a translated page must say what it translates" in capsys.readouterr().err
    )
