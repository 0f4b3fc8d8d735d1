"""A new page's default title: its name's words, spelt as the project's titles spell them."""

from __future__ import annotations

import pytest

from site_builder.editors.titles import project_titles, spellings, title_from_name
from site_builder.formats.site_config import SiteConfig
from tests.conftest import ROOT

TITLES = [
    "KFOR shrank tenfold, then grew again",  # an acronym counts at the start of a title too
    "Who recognises Kosovo",
    "Troops sent by NATO members: the UN view",  # "the" after a colon starts a sentence: no evidence
    "EU and iPhone users",  # a mixed-case word keeps its spelling wherever it stands
    "Kosovo's neighbours",
    "Recognitions over time",  # capitalised by its place: "recognitions" is not a name
    "The data: sources and methods",
    "US troops",
    "What it means for us",  # a word also written in lower case stays lower case
]


def test_the_spellings_are_the_words_written_one_way_other_than_lower_case():
    assert spellings(TITLES) == {
        "kfor": "KFOR",
        "kosovo": "Kosovo",
        "nato": "NATO",
        "un": "UN",
        "eu": "EU",
        "iphone": "iPhone",
    }  # not "Kosovo's": it starts its title


@pytest.mark.parametrize(
    "name, title",
    [
        ("kfor-contributors-2024", "KFOR contributors 2024"),
        ("nato-and-the-un", "NATO and the UN"),
        ("history/kfor", "KFOR"),
        ("kosovo_and_eu", "Kosovo and EU"),
        ("recognitions-by-year", "Recognitions by year"),
        ("what-us-troops-do", "What us troops do"),  # "us" is written both ways: left as typed
        ("2024-report", "2024 report"),
        ("iphone-readers", "iPhone readers"),  # a spelling that starts in lower case keeps it
    ],
)
def test_a_name_becomes_a_title_with_the_projects_spellings(name, title):
    assert title_from_name(name, spellings(TITLES)) == title


def test_the_kosovo_sites_titles_spell_its_acronyms():
    known = spellings(project_titles(SiteConfig.load(ROOT)))
    assert {known.get(word) for word in ("kfor", "nato", "un", "kosovo")} == {"KFOR", "NATO", "UN", "Kosovo"}
    assert title_from_name("kfor-contributors-2024", known) == "KFOR contributors 2024"


def test_titles_are_read_from_nav_pages_datasets_and_charts(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: The OSCE desk\ndocs_dir: pages\nnav:\n  - The UNMIK years: unmik.md\n  - EULEX files:\n"
        "      - One: one.md\n"
    )
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "unmik.md").write_text('---\ntitle: "Mission of the OSCE: a # in it"\n---\n\n# About ICO\n')
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "d.yml").write_text("title: Troops sent by the WEU\nsources:\n  - title: Key Facts\n")
    (tmp_path / "charts").mkdir()
    (tmp_path / "charts" / "c.yml").write_text("title: x\nsubtitle: As the ICJ saw it\n")
    titles = project_titles(SiteConfig.load(tmp_path))
    assert set(titles) >= {
        "The OSCE desk",
        "The UNMIK years",
        "EULEX files",
        "Mission of the OSCE: a # in it",
        "About ICO",
        "Troops sent by the WEU",
        "As the ICJ saw it",
    }
    assert "Key Facts" not in titles  # a source's title is the producer's, in the producer's style
