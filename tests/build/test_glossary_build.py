"""The glossary's table and a translation's notice as readers get them: strict MkDocs builds of the
`mini` sample project (its texts in Albanian too, from the `editions` fixture) with a glossary and an
Albanian edition (mkdocs.sq.yml, content/sq/).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from site_builder.languages import notes
from tests.conftest import FIXTURES, ROOT, build, copy_project

NOTE = "---\ntitle: Ballina\ntranslation: {source: %s, date: 2026-12-01, method: machine, reviewed_by: %s}\n---\n"


def build_edition(project: Path, config_file: str, site_dir: Path) -> Path:
    """`mkdocs build --strict -f <config_file>`, in-process, as `conftest.build` builds mkdocs.yml."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config = load_config(config_file=str(project / config_file), strict=True, site_dir=str(site_dir))
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = copy_project("mini", tmp_path_factory.mktemp("glossary"))
    for folder in ("data", "charts"):  # the same datasets and charts with their texts in Albanian (not Serbian)
        for path in (FIXTURES / "editions" / folder).glob("*.yml"):
            serbian = re.compile(r', sr: ("[^"]*"|[^,}]*)')
            (root / folder / path.name).write_text(serbian.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "glossary.yml").write_bytes((ROOT / "glossary.yml").read_bytes())
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - site-builder\n", "  - site-builder:\n      images: false\n")
        + "extra:\n  alternate:\n    - {name: English, link: ./, lang: en}\n    - {name: Shqip, link: sq/, lang: sq}\n"
        + "exclude_docs: |\n  /sq/\n"
    )
    index = root / "content" / "index.md"
    index.write_text(index.read_text() + "\n## Words we use\n\n::: glossary\n")
    (root / "mkdocs.sq.yml").write_text(
        "INHERIT: mkdocs.yml\ndocs_dir: content/sq\ntheme:\n  name: material\n  language: sq\n"
        "plugins:\n  - site-builder:\n      images: false\nnav:\n  - Ballina: index.md\n  - Trupat: troops.md\n"
    )
    sq = root / "content" / "sq"
    sq.mkdir()
    (sq / "index.md").write_text(NOTE % ("0123456789ab", "null") + "# Ballina\n\nFjalët:\n\n::: glossary\n")
    troops = notes.digest((root / "content" / "troops.md").read_bytes())
    (sq / "troops.md").write_text(
        NOTE.replace("Ballina", "Trupat") % (troops, '"Ana Marku"') + "# Trupat\n\nNjë faqe pa grafik.\n"
    )
    return root


@pytest.fixture(scope="module")
def english(project, tmp_path_factory) -> Path:
    return build(project, tmp_path_factory.mktemp("site-en"))


@pytest.fixture(scope="module")
def albanian(project, tmp_path_factory) -> Path:
    return build_edition(project, "mkdocs.sq.yml", tmp_path_factory.mktemp("site-sq"))


def test_the_glossary_table_in_english(english):
    page = (english / "index.html").read_text("utf-8")
    assert "<caption>The words this site uses for contested things, and why</caption>" in page
    assert '<tr id="glossary-place"><th scope="row">The territory the site is about</th><td>Kosovo</td>' in page
    assert "::: glossary" not in page
    assert "Kosovo and Metohija" in page and "<p><div" not in page  # a block of its own, not inside a paragraph


def test_the_glossary_table_in_albanian_and_the_notice_of_a_stale_translation(albanian):
    page = (albanian / "index.html").read_text("utf-8")
    assert '<th scope="col">Fjalët që përdorim</th>' in page
    assert '<tr id="glossary-place"><th scope="row">Territori për të cilin flet ky sajt</th>' in page
    assert "Republika e Kosovës" in page
    notice = page[page.index('<div class="admonition info sb-translation-notice"') :].split("</div>", 1)[0]
    assert (
        "Kjo faqe është përkthim makinerik i faqes në anglisht (versioni 0123456789ab, 1 dhjetor 2026), ende i "
        "pashqyrtuar nga një person. Faqja në anglisht ka ndryshuar që kur u bë ky përkthim: "
        '<a href="../" hreflang="en">lexoni faqen në anglisht</a>.'
    ) in notice
    assert page.index("<h1") < page.index("sb-translation-notice")  # under the page's title


def test_an_up_to_date_reviewed_translation_says_so_without_a_link(albanian):
    page = (albanian / "troops" / "index.html").read_text("utf-8")
    notice = page[page.index('<div class="admonition info sb-translation-notice"') :].split("</div>", 1)[0]
    assert "i shqyrtuar nga Ana Marku." in notice
    assert "<a " not in notice
