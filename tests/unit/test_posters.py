"""figures/posters.py: each image of a chart is the figure as the loader would draw it in that box."""

from __future__ import annotations

from site_builder.build.contract import chart_paths
from site_builder.figures.posters import (
    CARD,
    NARROW_EVENTS,
    card_figure,
    credit_line,
    is_raster,
    possible_files,
    poster_figure,
    poster_sets,
    posters,
    themed,
)
from site_builder.figures.theme import layout_overrides

LINE = {
    "data": [{"type": "scatter", "x": [1, 2], "y": [3, 4], "name": "a"}],
    "layout": {
        "xaxis": {"title": {"text": "x"}},
        "yaxis": {},
        "annotations": [{"name": "sb-event-1", "text": "Independence", "xanchor": "left", "x": 1}, {"text": "keep"}],
    },
}
MAP = {"data": [{"type": "choropleth", "locations": ["FRA"], "z": [1]}], "layout": {"geo": {"fitbounds": False}}}


def test_four_posters_in_the_plot_areas_sizes_a_figures_own_height_kept():
    made = posters(LINE, ("scatter",))
    assert sorted((p.scheme, p.size, p.width, p.height) for p in made) == [
        ("dark", "narrow", 380, 320),
        ("dark", "wide", 720, 400),
        ("light", "narrow", 380, 320),
        ("light", "wide", 720, 400),
    ]
    assert {p.file for p in made} == {f"poster-{s}-{z}.svg" for s in ("light", "dark") for z in ("wide", "narrow")}
    tall = {"data": [], "layout": {"height": 520}}
    assert {p.height for p in posters(tall, ("bar",))} == {520}


def test_a_map_is_a_raster_at_twice_the_pixels_everything_else_svg():
    assert is_raster(("choropleth", "scatter")) and not is_raster(("bar", "scatter"))
    assert {(p.format, p.scale) for p in posters(MAP, ("choropleth",))} == {("webp", 2), ("webp", 1.25)}
    assert {(p.format, p.scale) for p in posters(LINE, ("scatter",))} == {("svg", 1)}
    assert {p.quality for p in posters(MAP, ("choropleth",))} == {0.7}


def test_the_page_names_light_then_dark_each_with_its_wide_and_narrow_poster():
    sets = poster_sets(LINE, ("scatter",))
    assert [(scheme, wide.size, narrow.size) for scheme, wide, narrow in sets] == [
        ("light", "wide", "narrow"),
        ("dark", "wide", "narrow"),
    ]


def test_the_theme_is_merged_as_the_loader_merges_it():
    dark = themed(LINE, "dark")["layout"]
    assert dark["paper_bgcolor"] == layout_overrides()["dark"]["paper_bgcolor"]
    assert "geo" not in dark  # a theme key for a subplot the figure lacks is dropped (plotly would draw it)
    assert "xaxis" not in themed(MAP, "light")["layout"]
    assert LINE["layout"].get("paper_bgcolor") is None  # the figure itself is left alone


def test_events_show_their_numbers_below_the_loaders_width_and_traces_get_fixed_uids():
    for poster in posters(LINE, ("scatter",)):
        drawn = poster_figure(LINE, poster)
        assert (drawn["layout"]["width"], drawn["layout"]["height"]) == (poster.width, poster.height)
        labels = [note["text"] for note in drawn["layout"]["annotations"]]
        assert labels == (["1", "keep"] if poster.width < NARROW_EVENTS else ["Independence", "keep"])
        assert [trace["uid"] for trace in drawn["data"]] == ["t0"]  # plotly's random uids reach the SVG's classes


def test_the_card_carries_title_subtitle_sources_and_site_escaped_and_wrapped():
    title = "A <b>bold</b> & long title that goes on " + "and on " * 12
    card = card_figure(LINE, title, "Sub <i>", credit_line(["NATO", "KFOR", "Bundeswehr"]), "Site & co")
    layout = card["layout"]
    assert (layout["width"], layout["height"]) == CARD
    heading = layout["title"]["text"]
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; long" in heading and "Sub &lt;i&gt;" in heading
    assert heading.count("<br>") >= 2  # the long title wraps
    credit = layout["annotations"][-1]["text"]
    assert credit == "Sources: NATO; KFOR; and 1 more<br>Site &amp; co"
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "#ffffff"  # opaque, on any page a card is shown
    assert credit_line(["NATO"]) == "Source: NATO"


def test_a_chart_claims_every_image_name_it_could_have():
    names = set(possible_files())
    for traces in (("scatter",), ("choropleth",)):
        assert {p.file for p in posters(LINE, traces)} <= names
    assert {"chart.png", "chart.svg"} <= names
    assert "charts/x/poster-dark-narrow.webp" in chart_paths("x")
    assert not [p for p in chart_paths("x", images=False) if "poster" in p or "chart." in p]
