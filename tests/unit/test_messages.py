"""Our own words in every edition's language: each message the code and the templates mark is in
every catalog, translated, with the same placeholders, and no English word of ours is left when
the Kosovo project's charts, tables, sources, corrections and feed are made in Albanian or Serbian.

The messages are found as a translator's tool finds them, with Babel's extractors (Python, and
Jinja's for the templates), so a message marked in a way no tool sees fails here too.
"""

from __future__ import annotations

import html.parser
import json
import re
from functools import cache

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from site_builder.build.feed import atom_feed, feed_title
from site_builder.build.prepare import prepare_chart
from site_builder.figures.posters import credit_line
from site_builder.formats.project import Project
from site_builder.formats.site_config import ADDRESS_SETTING, SiteConfig
from site_builder.languages import current, messages, translit
from site_builder.languages.localize import localize
from site_builder.reader.corrections import site_changes
from site_builder.reader.render import (
    render_corrections,
    render_dataset_table,
    render_figure,
    render_sources,
    render_standalone,
)
from site_builder.reader.sentences import LISTED, listing, lower

from ..conftest import ROOT

PACKAGE = ROOT / "site_builder"
KEYWORDS = {"_": None, "ngettext": (1, 2)}
# What readers see: editors' tools (the preview, `check`, the CLI) speak English to editors.
METHODS = [
    ("languages/notes.py", "python"),  # a translation's notice, for readers
    ("languages/**.py", "ignore"),
    ("editors/**.py", "ignore"),
    ("review/**.py", "ignore"),
    ("**.py", "python"),
    ("reader/templates/preview_*.html", "ignore"),
    ("**/templates/**.html", "jinja2"),
]
LANGUAGES = messages.catalog_languages()
PLACEHOLDER = re.compile(r"\{(\w*)\}")
# Names and formats that are the same in every language (a product, a file type, a URL's words).
SAME_EVERYWHERE = re.compile(r"https?://\S+|\b(?:Natural Earth|Plotly|Atom|CSV|JSON|PNG|SVG|HTML|ISO|YYYY-MM-DD)\b")


@cache
def extracted() -> dict[str, tuple[str, ...]]:
    """Every marked message (its id) -> its forms in English (one, or singular and plural)."""
    found: dict[str, tuple[str, ...]] = {}
    for _filename, _line, message, _comments, _context in extract_from_dir(PACKAGE, METHODS, keywords=KEYWORDS):
        forms = (message,) if isinstance(message, str) else tuple(message)
        found[forms[0]] = forms
    return found


@cache
def catalog(language: str):
    with (messages.CATALOGS / f"{language}.po").open("rb") as file:
        return read_po(file)


def translations(language: str) -> dict[str, tuple[str, ...]]:
    entries = {}
    for message in catalog(language):
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        entries[key] = message
    return entries


def test_the_extractors_find_our_messages():
    found = extracted()
    assert len(found) > 100
    assert "Download:" in found  # a template's
    assert found["{number} figure is unconfirmed."] == (
        "{number} figure is unconfirmed.",
        "{number} figures are unconfirmed.",
    )  # a plural, from Python


def test_no_message_is_built_at_run_time():
    """An f-string or a variable in `_()` is a message no extractor sees, so no catalog has it."""
    built = re.compile(r"\b(?:_|ngettext)\(\s*(?:f[\"']|[A-Za-z_][\w.]*\s*[,)])")
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parts[-2] in ("languages", "editors", "review"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if built.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "messages must be literals:\n" + "\n".join(offenders)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    entries = translations(language)
    problems = []
    for key, forms in extracted().items():
        entry = entries.get(key)
        if entry is None:
            problems.append(f"missing: {key!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"fuzzy: {key!r}")
        if not all(strings):
            problems.append(f"empty: {key!r}")
        if (len(forms) > 1) != isinstance(entry.id, tuple):
            problems.append(f"plural in one and not the other: {key!r}")
        elif len(forms) > 1 and len(strings) != catalog(language).num_plurals:
            problems.append(f"{len(strings)} forms, not {catalog(language).num_plurals}: {key!r}")
    assert not problems, f"{language}.po:\n" + "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_left_over(language):
    unused = sorted(set(translations(language)) - set(extracted()))
    assert not unused, f"{language}.po has messages no code uses (remove them): {unused}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match(language):
    problems = []
    for key, entry in translations(language).items():
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = {name for text in ids for name in PLACEHOLDER.findall(text)}
        for text in strings:
            given = set(PLACEHOLDER.findall(text))
            if given != wanted:
                problems.append(f"{key!r}: {sorted(given)} in {text!r}, not {sorted(wanted)}")
            try:
                text.format(**{"count": 2, **dict.fromkeys(wanted - {"count"}, "x")})
            except (KeyError, IndexError, ValueError) as error:
                problems.append(f"{key!r}: {text!r} cannot be filled ({error})")
    assert not problems, f"{language}.po:\n" + "\n".join(problems)


def test_serbian_is_written_in_cyrillic():
    """The Latin edition is made from the Cyrillic words (translit.py): a Latin letter in sr.po
    would pass into both editions unchanged.
    """
    latin = []
    for key, entry in translations("sr").items():
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for text in strings:
            rest = SAME_EVERYWHERE.sub("", PLACEHOLDER.sub("", text))
            if re.search("[A-Za-z]", rest):
                latin.append(f"{key!r}: {text!r}")
    assert not latin, "\n".join(latin)


def test_latin_serbian_is_the_cyrillic_transliterated():
    message = "The count reaches {total}: {span}."
    with current.using("sr"):
        cyrillic = messages._(message, total="3", span="x")
    with current.using("sr-Latn"):
        latin = messages._(message, total="3", span="x")
    assert latin == translit.to_latin(cyrillic) != cyrillic


def test_counts_take_each_languages_forms():
    singular, plural = "Corrected {count} time, last on {date}", "Corrected {count} times, last on {date}"
    said = {}
    for language in ("en", "sq", "sr"):
        with current.using(language):
            said[language] = [messages.ngettext(singular, plural, n, date="D").split()[1:3] for n in (1, 2, 5, 21)]
    assert said["en"] == [["1", "time,"], ["2", "times,"], ["5", "times,"], ["21", "times,"]]
    assert said["sr"] == [["1", "пут,"], ["2", "пута,"], ["5", "пута,"], ["21", "пут,"]]  # three forms
    assert [words[1] for words in said["sq"]] == ["herë,"] * 4


def test_template_values_are_escaped_and_the_message_is_not():
    environment = type("Environment", (), {"globals": {}})()
    messages.install(environment)
    markup = environment.globals["_"]("Data table: {title}", title="<b>A & B</b>")
    assert str(markup) == "Data table: &lt;b&gt;A &amp; B&lt;/b&gt;"


# -- no English word of ours in an Albanian or Serbian page --------------------------------------


class _Text(html.parser.HTMLParser):
    """The words of an HTML fragment a reader meets: its text, and the attributes read aloud or shown."""

    SHOWN = ("alt", "aria-label", "title", "content", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and ("name", "viewport") in attrs:
            return
        self.parts += [value for name, value in attrs if name in self.SHOWN and value]


def _html_text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    return f" {BOUNDARY} ".join(parser.parts)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _strings(item)]
    return []


@cache
def kosovo(language: str = current.SOURCE) -> Project:
    """The Kosovo project as an edition in `language` reads it: its texts picked in that language
    (`languages.localize`, where the formats carry texts in several languages).
    """
    project = Project.of_site(SiteConfig.load(ROOT))
    return localize(project, language)


def _editors_words(project: Project) -> list[str]:
    """Every text of the project's files (titles, labels, sources, notes, record values): these are the
    editors' and the translators' (checked by `site-builder check`), not ours, so they are taken out
    of what is checked here, longest first.
    """
    texts = set()
    for dataset in project.datasets.values():
        texts.update(_strings(dataset.meta.model_dump(mode="json")))
        texts.update(_strings([dict(record) for record in dataset.records]))
    for chart in project.charts.values():
        texts.update(_strings(chart.spec.model_dump(mode="json")))
    from site_builder.reader.text import display_value

    for dataset in project.datasets.values():
        for name, field in dataset.fields.items():
            if field.type == "country":
                texts.update(display_value(field, record[name]) for record in dataset.records if record.get(name))
    texts |= {lower(text) for text in texts if text}  # a title inside a sentence (sentences.lower)
    texts.add(ADDRESS_SETTING)  # the setting's name and where it is, for whoever builds the site
    return sorted((text for text in texts if text.strip()), key=len, reverse=True)


SHOWN_IN_FIGURES = ("name", "hovertext", "text", "how")  # plotly's keys of text a reader sees


def _figure_text(value, key: str = "") -> list[str]:
    """The text of a plotly figure (trace names, hovers, labels, axis titles, a derived trace's "how"),
    with plotly's markup and escapes undone.
    """
    if isinstance(value, dict):
        return [text for name, item in value.items() for text in _figure_text(item, name)]
    if isinstance(value, list):
        return [text for item in value for text in _figure_text(item, key)]
    if isinstance(value, str) and key in SHOWN_IN_FIGURES:
        return [html.unescape(re.sub(r"<[^>]+>", " ", value))]
    return []


def made_in(language: str) -> list[str]:
    """Everything the core writes for readers of the Kosovo project in `language`, as texts."""
    project = kosovo(language)
    parts = []
    with current.using(language):
        for chart_id, chart in sorted(project.charts.items()):
            prepared = prepare_chart(chart_id, chart.spec, project.datasets[chart.spec.dataset])
            figure = render_figure(prepared, "plotly.min.js", "../", "Kosovo", "", images=True)
            parts.append(_html_text(figure))
            parts.append(_html_text(render_standalone(prepared, "plotly.min.js", "l.js", "s.css", "Kosovo", "")))
            parts.append(_html_text(render_figure(prepared, "plotly.min.js", "../", "", "https://example.org/")))
            parts += _figure_text(json.loads(prepared.figure_json))
            parts.append(credit_line([source.producer for source in prepared.sources]))
            parts += [column.title for column in prepared.table.columns]
        datasets = project.datasets
        parts.append(_html_text(render_sources(datasets)))
        parts.append(_html_text(render_corrections(datasets, "../", "feed.xml")))
        parts.append(_html_text(render_corrections({}, "../", "")))
        parts += [_html_text(render_dataset_table(dataset)) for dataset in datasets.values()]
        changes = site_changes(sorted(datasets.values(), key=lambda d: d.id))
        parts.append(_html_text(atom_feed(changes, "", "https://example.org/", "corrections/").decode()))
        parts.append(feed_title("Kosovo"))
    return parts


BOUNDARY = "¶"  # between two texts of a page (cells, attributes): no text of an editor's runs across it
TOKEN = re.compile(r"\w+|…|" + BOUNDARY)


def _starts(texts: list[str]) -> dict[str, list[tuple[str, ...]]]:
    """`texts` as runs of words, by their first word, longest first."""
    starts: dict[str, list[tuple[str, ...]]] = {}
    for text in texts:
        words = tuple(TOKEN.findall(SAME_EVERYWHERE.sub(" ", text)))
        if words:
            starts.setdefault(words[0], []).append(words)
    return starts


def _without(tokens: list[str], starts: dict[str, list[tuple[str, ...]]]) -> list[str]:
    """`tokens` with every run of them that is one of the texts of `starts` (as words, whatever the
    spacing, the line breaks of a hover or its markup) taken out; a text cut short on hover ("…") too.
    """
    kept, index = [], 0
    while index < len(tokens):
        for words in starts.get(tokens[index], ()):
            end = index + len(words)
            if tuple(tokens[index:end]) == words:
                index = end
                break
            cut = next((i for i in range(index, min(end + 1, len(tokens))) if tokens[i] == "…"), None)
            if cut is not None and cut - index >= 3 and _cut_short(tokens[index:cut], words):
                index = cut + 1
                break
        else:
            kept.append(tokens[index])
            index += 1
    return kept


def _cut_short(shown: list[str], words: tuple[str, ...]) -> bool:
    """Whether `shown` is the start of `words`, its last word perhaps cut inside ("Onlin…")."""
    last = len(shown) - 1
    return tuple(shown[:last]) == words[:last] and words[last].startswith(shown[last])


def _not_ours(language: str) -> set[str]:
    """Words other helpers write that are not yet in `language` (the list joins of reader/sentences.py,
    the "locale" work's): left to that work's own test, and checked here once it words them.
    """
    with current.using(language):
        joined = listing([f"x{n}" for n in range(LISTED + 3)])
    with current.using(current.SOURCE):
        english = listing([f"x{n}" for n in range(LISTED + 3)])
    return set(_words(joined)) if joined == english else set()


def english_left(texts: list[str], language: str) -> list[str]:
    """The words of our English messages in `texts`, once the editors' words and the words every
    language shares are taken out (a word our translation uses too, such as "Plotly", is no sign).
    """
    editors = _starts(_editors_words(kosovo(language)))
    tokens = [word for text in texts for word in _without(TOKEN.findall(SAME_EVERYWHERE.sub(" ", text)), editors)]
    ours = {word.lower() for forms in extracted().values() for form in forms for word in _words(form)}
    if language != current.SOURCE:
        for entry in catalog(current.base(language)):
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            if current.is_latin_of_cyrillic(language):
                strings = tuple(translit.to_latin(string) for string in strings)
            ours -= {word.lower() for string in strings for word in _words(string)}
    ours -= _not_ours(language)
    return sorted({word for word in tokens if len(word) >= 3 and word.lower() in ours})


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", SAME_EVERYWHERE.sub(" ", PLACEHOLDER.sub(" ", text)))


@pytest.mark.parametrize("language", ["sq", "sr", "sr-Latn"])
def test_no_english_word_of_ours_is_left(language):
    assert english_left(made_in(language), language) == []


def test_the_check_finds_english():
    """The same check on the English edition finds our words everywhere: it can fail."""
    left = english_left(made_in("en"), "sq")
    assert {"Download", "Source", "Cite", "chart"} <= set(left)


# -- what else differs in a translated edition ----------------------------------------------------


def _prepared(language: str, chart_id: str = "kfor_troops"):
    project = kosovo(language)
    chart = project.charts[chart_id]
    with current.using(language):
        return prepare_chart(chart_id, chart.spec, project.datasets[chart.spec.dataset])


def test_a_translations_downloads_are_in_no_language():
    english, albanian = _prepared("en"), _prepared("sq")
    csv = albanian.files()["charts/kfor_troops/data.csv"].decode()
    header = csv.splitlines()[0].split(",")
    dataset = kosovo().datasets[kosovo().charts["kfor_troops"].spec.dataset]
    assert set(header) <= set(dataset.fields) | {"source", "confidence", "note"}
    assert header != english.table.headers  # the source edition keeps its words, byte for byte
    assert [column.title for column in albanian.table.columns] != header  # the page's table is in Albanian
    document = json.loads(albanian.files()["charts/kfor_troops/data.json"])
    assert {row[header.index("source")] for row in document["rows"]} <= {s["id"] for s in document["sources"]}
    with current.using("sq"):
        page = render_figure(albanian, "plotly.min.js", "../")
    assert "Shkarkimet janë të njëjta në çdo gjuhë" in page
    assert "sb-chart__neutral" not in render_figure(english, "plotly.min.js", "../")


def test_a_translations_own_pages_say_their_language():
    for language in ("sq", "sr-Latn"):
        with current.using(language):
            page = render_standalone(_prepared(language), "plotly.min.js", "l.js", "s.css", "Kosovo", "")
        assert f'<html lang="{language}">' in page
    with current.using("sr"):
        feed = atom_feed([], "Косово", "https://example.org/sr/", "corrections/").decode()
    assert 'xml:lang="sr"' in feed and "<title>Косово: исправке и ажурирања података</title>" in feed
    english = atom_feed([], "Kosovo", "https://example.org/", "corrections/").decode()
    assert "xml:lang" not in english


def test_prepared_charts_are_cached_per_language(tmp_path):
    from site_builder.build.cache import ChartCache
    from site_builder.build.prepare import prepare_charts

    keys = {}
    for language in ("en", "sq", "en"):
        cache = ChartCache(tmp_path / language)
        with current.using(language):
            prepare_charts(kosovo(), cache)
        keys.setdefault(language, []).append(dict(cache.keys))
    assert keys["en"][0] == keys["en"][1]
    assert set(keys["sq"][0].values()).isdisjoint(keys["en"][0].values())
