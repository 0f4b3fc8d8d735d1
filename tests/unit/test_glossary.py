"""The glossary of contested words: its format, the matcher, and `check`'s report of avoided words."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.editors.cli import main
from site_builder.errors import ContentError
from site_builder.formats import wording
from site_builder.formats.glossary import Glossary
from site_builder.formats.yamlsource import parse_yaml
from tests.conftest import ROOT, copy_project

SMALL = """\
terms:
  - id: place
    concept: {en: The territory, sq: Territori, sr: Територија}
    reason: {en: Neutral., sq: Neutrale., sr: Неутрално.}
    en: {use: [Kosovo], avoid: [Kosovo and Metohija, Kosova], names: [Radio Kosova e Lirë]}
    sq: {use: [Kosova, Kosovës], avoid: [Republika e Kosovës]}
    sr: {use: [Косово, Косова], avoid: [Косово и Метохија, Косову и Метохији, Шиптари]}
"""


def load(tmp_path: Path, text: str = SMALL) -> Glossary:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return Glossary.load(path)


def found(glossary: Glossary, text: str, language: str) -> list[str]:
    voice = wording.markdown_voice(text)
    return [text[f.start : f.end] for f in wording.matcher(glossary, language).find(voice)]


def test_the_kosovo_glossary_is_valid_and_complete_in_every_language():
    glossary = Glossary.load(ROOT / "glossary.yml")
    ids = {term.id for term in glossary.terms}
    assert {"place", "declaration", "air_campaign", "north", "kla", "albanians"} <= ids
    assert glossary.language_problems(["en", "sq", "sr", "sr-Latn"]) == []
    for language in ("en", "sq", "sr", "sr-Latn"):
        for row in glossary.rows(language):
            assert row.concept and row.reason and row.use, (language, row.id)
    latin = {row.id: row for row in glossary.rows("sr-Latn")}
    assert "Kosovo i Metohija" in latin["place"].avoid  # the Latin edition's words are the Cyrillic transliterated


def test_serbian_latin_is_never_a_key_of_its_own(tmp_path):
    with pytest.raises(ContentError) as error:
        load(tmp_path, SMALL + "    sr-Latn: {use: [Kosovo]}\n")
    assert "glossary.yml:2:5: terms[0]: `sr-Latn` is not a language's code" in str(error.value)
    assert "write Serbian under `sr:`, in Cyrillic" in str(error.value)


def test_a_reason_must_be_written_in_every_language_the_term_has_words_for(tmp_path):
    with pytest.raises(ContentError) as error:
        load(tmp_path, SMALL.replace("reason: {en: Neutral., sq: Neutrale., sr: Неутрално.}", "reason: Neutral."))
    assert "terms[0]: term 'place': `reason` is not written in sq, sr" in str(error.value)


def test_unknown_keys_empty_use_and_twice_the_same_id_are_refused(tmp_path):
    with pytest.raises(ContentError) as error:
        load(tmp_path, SMALL.replace("avoid: [Republika e Kosovës]", "avoid: [Republika e Kosovës], avod: []"))
    assert "glossary.yml:6:64: terms[0].sq.avod: unknown key 'avod'\n  hint: did you mean 'avoid'?" in str(error.value)
    with pytest.raises(ContentError) as error:
        load(tmp_path, SMALL.replace("use: [Kosovo]", "use: []"))
    assert "terms[0].en.use: expected at least 1 item(s), got none" in str(error.value)
    twice = SMALL + SMALL.split("\n", 1)[1]
    with pytest.raises(ContentError) as error:
        load(tmp_path, twice)
    assert "two terms have the id 'place'" in str(error.value)


def test_a_missing_language_of_the_site_is_a_problem_at_the_terms_line(tmp_path):
    glossary = load(tmp_path)
    problems = glossary.language_problems(["en", "sq", "sr", "de"])
    assert [p.format().split("\n")[0] for p in problems] == [
        "glossary.yml:2:5: terms[0]: term 'place' has no words for de, a language the site is published in"
    ]


def test_whole_words_only_and_in_any_case(tmp_path):
    glossary = load(tmp_path)
    assert found(glossary, "KOSOVA and kosova, not Kosovar or Kosovas or Kosova2", "en") == ["KOSOVA", "kosova"]
    assert found(glossary, "Kosovo and\nMetohija", "en") == ["Kosovo and\nMetohija"]  # across a line break


def test_quotations_blockquotes_code_and_link_targets_are_exempt(tmp_path):
    glossary = load(tmp_path)
    page = (
        "Serbia says “Kosovo and Metohija”, \"Kosova\" and «Kosova» and ‘Kosova’ and 'Kosova'.\n"
        "Kosovo's list is not 'Kosova'.\n"
        "> Kosovo and Metohija, in a blockquote\n"
        "`Kosova` in code, [a link](https://example.org/Kosova), [x][Kosova], <!-- Kosova -->\n"
        "```\nKosova\n```\n"
        "Radio Kosova e Lirë reported it. But Kosova here is ours.\n"
    )
    assert found(glossary, page, "en") == ["Kosova"]
    assert (
        page.index("Kosova here")
        == [f.start for f in wording.matcher(glossary, "en").find(wording.markdown_voice(page))][0]
    )


def test_a_quotation_closes_within_its_paragraph(tmp_path):
    glossary = load(tmp_path)
    assert found(glossary, "He said “no.\n\nThen Kosova, ours.", "en") == ["Kosova"]


def test_serbian_in_cyrillic_and_latin_and_the_declined_forms_listed(tmp_path):
    glossary = load(tmp_path)
    text = "У Косову и Метохији, у kosovu i metohiji, „Косово и Метохија“, ШИПТАРИ. Не: Шиптарима."
    assert found(glossary, text, "sr") == ["Косову и Метохији", "kosovu i metohiji", "ШИПТАРИ"]
    assert found(glossary, "Kosovo i Metohija", "sr-Latn") == ["Kosovo i Metohija"]
    assert found(glossary, "Republika e Kosovës, „Republika e Kosovës“", "sq") == ["Republika e Kosovës"]
    assert found(glossary, "Kosovo and Metohija", "sq") == []  # each text is checked in its own language


def test_a_datasets_texts_are_checked_each_in_its_language_and_placed_in_the_file(tmp_path):
    glossary = load(tmp_path)
    text = (
        "title:\n"
        "  en: Kosovo\n"
        "  sr: Косово и Метохија\n"
        "description: >-\n"
        "  Recognition of\n"
        "  Kosovo and\n"
        "  Metohija, and Kosova.\n"
        "sources:\n"
        "  - id: a\n"
        "    title: Kosova e Lirë\n"
        "    producer: Kosova\n"
        "records:\n"
        "  - {note: 'said \"Kosova\"', editor_note: Kosova}\n"
    )
    document = parse_yaml(text, "data/x.yml")
    problems = wording.document_problems(document, text, glossary, {"en", "sq", "sr"})
    assert [(p.line, p.column, p.field, p.message.split(" is ")[0]) for p in problems] == [
        (3, 7, "title.sr", "'Косово и Метохија'"),
        (6, 3, "description", "'Kosovo and Metohija'"),
        (7, 17, "description", "'Kosova'"),
    ]
    assert problems[0].hint.startswith("write Косово or Косова; keep 'Косово и Метохија' only in a quotation")
    assert problems[0].hint.endswith("Why: Неутрално.")


@pytest.fixture
def project(tmp_path) -> Path:
    root = copy_project("mini", tmp_path / "mini")
    (root / "glossary.yml").write_text(SMALL, encoding="utf-8")
    return root


def test_check_reports_an_avoided_word_at_file_line_column_with_what_to_write(project, capsys):
    page = project / "content" / "troops.md"
    page.write_text(page.read_text() + "\nThe troops left Kosovo and Metohija, “Kosova” says.\n", encoding="utf-8")
    code = main(["--root", str(project), "check"])
    out, err = capsys.readouterr()
    line = page.read_text().split("\n").index("The troops left Kosovo and Metohija, “Kosova” says.") + 1
    assert code == 1 and out == ""
    assert (
        f"content/troops.md:{line}:17: 'Kosovo and Metohija' is a word the glossary keeps out of our own voice "
        "(term 'place')\n  hint: write Kosovo; keep 'Kosovo and Metohija' only in a quotation or said by who says "
        "it. Why: Neutral."
    ) in err
    assert err.endswith("1 problem found.\n")


def test_the_plugin_setting_may_name_another_file_but_not_one_outside_the_project(project, capsys):
    (project / "glossary.yml").rename(project / "words.yml")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - site-builder\n", "  - site-builder:\n      glossary: ../x.yml\n"))
    assert main(["--root", str(project), "check"]) == 1
    assert "mkdocs.yml: glossary: `glossary: ../x.yml` is outside the project" in capsys.readouterr().err
    config.write_text(config.read_text().replace("../x.yml", "words.yml"))
    page = project / "content" / "index.md"
    page.write_text(page.read_text() + "\nKosova.\n", encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 1
    assert "content/index.md:9:1: 'Kosova' is a word the glossary keeps out" in capsys.readouterr().err


def test_the_glossary_line_becomes_its_html_block_outside_code_only():
    from site_builder.formats import embed

    page = '# M\n\n::: glossary\n\n```\n::: glossary\n```\n\n=== "Tab"\n\n    ::: glossary\n'
    assert embed.has_glossary(page) and not embed.has_glossary("```\n::: glossary\n```\n")
    calls = []
    out = embed.insert_glossary(page, lambda: calls.append(1) or "<div>\n<p>T</p>\n</div>")
    assert out == (
        '# M\n\n\n<div>\n<p>T</p>\n</div>\n\n\n```\n::: glossary\n```\n\n=== "Tab"\n\n\n'
        "    <div>\n    <p>T</p>\n    </div>\n\n"
    )
    assert calls == [1]  # rendered once a page


def test_a_page_showing_the_glossary_of_a_site_without_one_is_told_how_to_write_it(tmp_path):
    from site_builder.build.generated import page_markdown

    root = copy_project("mini", tmp_path / "mini")
    with pytest.raises(ContentError) as error:
        page_markdown("# Home\n\n::: glossary\n", {}, root / "content" / "index.md", root)
    assert "mkdocs.yml: a page shows `::: glossary`, but the site has no glossary" in str(error.value)
    assert "hint: write glossary.yml at the project's root" in str(error.value)
