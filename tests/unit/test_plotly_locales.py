"""build/locales.py and its publication: plotly.js's locales for sq, sr and sr-Latn, read without Node,
agreeing with our text, published content-hashed, and used by the chart images.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from site_builder.build import locales, vendored
from site_builder.build.assets import PREFIX, FrontendAssets
from site_builder.build.images import ImageJob, ImageMaker
from site_builder.figures.theme import THEME, layout_overrides
from site_builder.languages import current
from site_builder.languages.translit import to_latin
from site_builder.reader import text
from tests.conftest import ROOT

MODULES = ROOT / "node_modules"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def assets():
    return FrontendAssets.load(ROOT, layout_overrides())


def package_file(name: str) -> dict:
    return locales.read_locale((MODULES / locales.PACKAGE / name).read_text("utf-8"), name)


def test_the_package_s_files_are_read_as_plain_values():
    sq = package_file("sq.js")
    assert sq["moduleType"] == "locale" and sq["name"] == "sq"
    assert sq["format"]["months"][1] == "Shkurt" and sq["format"]["days"][0] == "E Diel"
    assert package_file("sr.js")["format"]["months"][0] == "Јануар"


@pytest.mark.parametrize(
    "source",
    [
        "module.exports = {moduleType: 'locale', name: alert(1)};",
        "module.exports = {moduleType: 'locale', name: 'x'}; window.x = 1;",
        "window.Plotly.register({moduleType: 'locale'});",
        "module.exports = {name: 'x', dictionary: {}};",
        "module.exports = {moduleType: 'locale', name: `x${1}`};",
    ],
)
def test_anything_but_an_object_literal_of_a_locale_is_refused(source):
    with pytest.raises(locales.LocaleUnreadable) as error:
        locales.read_locale(source, "xx.js")
    assert "plotly.js-locales/xx.js" in str(error.value)


def test_plotly_s_own_latin_serbian_is_its_cyrillic_transliterated():
    """The check of our transliteration against plotly's hand-written Latin file (sr-sr.js)."""
    cyrillic, latin = package_file("sr.js")["format"], package_file("sr-sr.js")["format"]
    for key in ("days", "shortDays", "months", "shortMonths"):
        assert [to_latin(name) for name in cyrillic[key]] == latin[key], key


def test_a_locale_agrees_with_our_text():
    for language in locales.LANGUAGES:
        made = locales.locale(MODULES, language)
        with current.using(language):
            assert made["name"] == language
            assert made["format"]["months"] == list(text.month_names())
            decimal, group, _ = text.separators()
            assert (made["format"]["decimal"], made["format"]["thousands"]) == (decimal, group)
    assert locales.locale(MODULES, "sq")["format"]["days"][0] == "e diel"  # plotly's week starts on Sunday
    assert locales.locale(MODULES, "sr")["format"]["months"][1] == "фебруар"  # Serbian months are not capitalised


def test_plotly_s_controls_speak_the_language_and_latin_serbian_is_cyrillic_transliterated():
    sq, sr, latin = (locales.locale(MODULES, language) for language in ("sq", "sr", "sr-Latn"))
    assert sq["dictionary"]["Zoom in"] == "Zmadho" and sr["dictionary"]["Zoom in"] == "Увеличај"
    assert set(sq["dictionary"]) == set(sr["dictionary"]) == set(locales.plotly_words())
    assert latin["dictionary"] == {key: to_latin(value) for key, value in sr["dictionary"].items()}
    for key in ("days", "shortDays", "months", "shortMonths"):
        assert latin["format"][key] == [to_latin(name) for name in sr["format"][key]]
    assert not re.search("[\u0400-\u04ff]", json.dumps(latin, ensure_ascii=False))


def test_the_published_script_is_ascii_json_handed_to_the_loader():
    for language in locales.LANGUAGES:
        script = locales.script(MODULES, language)
        assert script.isascii() and b"<" not in script
        prefix = f'(window.siteBuilderLocales = window.siteBuilderLocales || {{}})["{language}"] = '.encode()
        assert script.startswith(prefix) and script.endswith(b";\n")
        assert json.loads(script[len(prefix) : -2]) == locales.locale(MODULES, language)


def test_each_locale_is_published_under_its_hash_and_named_in_the_loader_s_configuration(assets):
    loader = assets.files[assets.loader_path].decode()
    config, _ = json.JSONDecoder().raw_decode(loader, loader.index("var CONFIG = ") + len("var CONFIG = "))
    configured = config["locales"]
    assert sorted(configured) == ["sq", "sr", "sr-Latn"]
    for language, filename in configured.items():
        data = assets.files[PREFIX + filename]
        assert filename == f"locale-{language}.{hashlib.sha256(data).hexdigest()[:8]}.js"
        assert assets.locale_script(language) == data
    assert assets.locale_script("en") is None  # plotly.js's own
    words = config["words"]
    assert words["sq"]["Copied"] == "U kopjua" and words["sr-Latn"]["Copied"] == to_latin(words["sr"]["Copied"])
    assert sorted(words) == sorted(configured)


def test_the_wheel_carries_the_locales_and_their_licence():
    assert {"plotly.js-locales/sq.js", "plotly.js-locales/sr.js", "plotly.js-locales/LICENSE"} <= set(vendored.FILES)
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    assert (
        locked["node_modules/plotly.js-locales"]["version"]
        == json.loads((ROOT / "package.json").read_text())["dependencies"]["plotly.js-locales"]
    )


# -- images ------------------------------------------------------------------------------------


def date_figure() -> dict:
    """A figure made in the language being made: a date axis over months and thousands on the other."""
    layout = THEME.base_layout("cartesian") | {"width": 600, "height": 300}
    layout["yaxis"] = {**layout["yaxis"], "separatethousands": True, "exponentformat": "none"}
    data = [{"type": "scatter", "x": ["2008-01-15", "2008-03-15", "2008-06-15"], "y": [1200, 4353, 5600], "uid": "t0"}]
    return {"data": data, "layout": layout}


def test_an_image_made_in_albanian_is_drawn_with_albanian_months_and_separators(tmp_path, assets):
    maker = ImageMaker(tmp_path, assets, cache=False)
    basic = next(name for name in assets.bundle_files() if name.startswith("plotly-basic."))
    jobs = {}
    for language in ("en", "sq", "sr", "sr-Latn"):
        with current.using(language):
            jobs[language] = ImageJob(f"{language}.svg", date_figure(), "svg", basic)
    assert jobs["sq"].language == "sq"
    images = maker.make(list(jobs.values()))
    texts = {
        language: re.findall(r"<text[^>]*>([^<]*)</text>", images[job.path].decode()) for language, job in jobs.items()
    }
    assert "Feb 2008" in texts["en"] and "4,000" in texts["en"]
    assert "shk 2008" in texts["sq"] and f"4{NBSP}000" in texts["sq"]
    assert "феб 2008" in texts["sr"] and "4.000" in texts["sr"]
    assert texts["sr-Latn"] == [to_latin(label) for label in texts["sr"]]


def test_an_english_image_keeps_the_drawing_digest_it_had_before_locales(tmp_path, assets):
    """So an English image's cache entry and its SVG ids stay what they were."""
    maker = ImageMaker(tmp_path, assets, cache=False)
    basic = next(name for name in assets.bundle_files() if name.startswith("plotly-basic."))
    job = ImageJob("a.svg", date_figure(), "svg", basic, language="en")
    figure = json.dumps(job.figure, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    bundle = hashlib.sha256(assets.bundle_files()[basic]).hexdigest()
    assert maker.drawing(job) == hashlib.sha256(f"{bundle}\n{figure}".encode()).hexdigest()
    assert maker.drawing(ImageJob("a.svg", job.figure, "svg", basic, language="sq")) != maker.drawing(job)


def test_a_figure_made_in_a_language_carries_its_separators_and_an_english_one_none():
    assert "separators" not in THEME.base_layout("cartesian")
    for language, expected in (("sq", f",{NBSP}"), ("sr", ",."), ("sr-Latn", ",.")):
        with current.using(language):
            assert THEME.base_layout("cartesian")["separators"] == expected
            assert THEME.base_layout("geo")["separators"] == expected
