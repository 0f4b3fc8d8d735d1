"""Issue 13: charts that are there before any script. Each chart arrives as its poster (drawn at build
time by plotly.js: light and dark, wide and narrow), which costs no script; the interactive chart draws
in the poster's box when a reader reaches for it (pointer, tap, keyboard), with nothing moving. The
posters follow the palette with no moment showing neither, serve print and social cards, and a site
built with `images: false` keeps the old behaviour (charts drawn as they scroll into view).
"""

from __future__ import annotations

import functools
import json
import re
import struct
import threading

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    ALL_CHART_PAGES,
    CHART_PAGES,
    DRAWN,
    SHOWN_POSTERS,
    STANDALONE_PAGES,
    _QuietHandler,
    _QuietServer,
    draw_all,
    poster_loaded,
    reach,
    show,
)
from tests.browser.test_navigation import navigate, open_page
from tests.browser.test_theme import DARK_PALETTE
from tests.conftest import build, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"width": 375, "height": 740}
# Every layout shift from the page's start (buffered: those before this script ran count too).
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => { for (const entry of list.getEntries()) window.__shifts.push(entry.value); })
  .observe({type: 'layout-shift', buffered: true});
"""
PLOT_BOX = "p => { const r = p.getBoundingClientRect(); return [r.x + scrollX, r.y + scrollY, r.width, r.height]; }"


def fetched(context, part: str) -> list[str]:
    return [url for url in context.recorder.requests if part in url]


def shown_posters(page) -> list[dict]:
    """Each poster chart: the posters it shows. Waits until each chart in view shows one, loaded."""
    for figure in page.locator("figure.sb-chart--poster").all():
        show(page, figure)
        poster_loaded(figure)
    return page.evaluate(SHOWN_POSTERS)


@pytest.mark.parametrize("path", list(ALL_CHART_PAGES))
def test_a_page_nobody_touches_shows_its_posters_and_fetches_no_plotly_and_no_figure(site, context, page, path):
    """Read to the end, every content tab opened, no chart reached for: posters only, each the light, wide
    one (the page's scheme and width), with its text alternative; not the dark or the narrow ones.
    """
    page.goto(site.url(path))
    posters = shown_posters(page)
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")
    assert [p["chart"] for p in posters] == ALL_CHART_PAGES[path]
    for poster in posters:
        [shown] = poster["shown"]
        assert not poster["drawn"], poster
        assert shown["scheme"] == "light" and re.fullmatch(r"poster-light-wide\.(svg|webp)", shown["file"]), poster
        assert shown["complete"] and shown["naturalWidth"] > 0 and shown["width"] > 300, poster
        assert len(shown["alt"]) > 20, poster
    for figure in page.locator("figure.sb-chart").all():
        expect(figure.locator("button.sb-chart__explore")).to_be_visible()
    assert context.recorder.bundles() == []
    assert fetched(context, "figure.json") == []
    assert fetched(context, "poster-dark") == [] and fetched(context, "-narrow.") == []
    assert page.evaluate("'Plotly' in window") is False
    assert context.recorder.errors == []


@pytest.mark.parametrize("path", ["troops/", "map/", "charts/states_map/"])
def test_a_pointer_over_the_poster_draws_the_chart_in_the_same_box_with_no_layout_shift(site, new_context, path):
    context = new_context()
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    page.goto(site.url(path))
    for figure in page.locator("figure.sb-chart").all():
        page.mouse.move(0, 0)  # off the chart drawn before, or scrolling could bring this one under it
        show(page, figure)
        poster_loaded(figure)
        plot = figure.locator(".sb-chart__plot")
        before = plot.evaluate(PLOT_BOX)
        poster = figure.locator(".sb-chart__poster--light img").evaluate(PLOT_BOX)
        assert poster == before, "the poster fills the plot area"
        below = figure.locator(".sb-chart__downloads").evaluate(PLOT_BOX)
        plot.hover()
        expect(figure).to_have_class(DRAWN)
        expect(figure.locator(".sb-chart__poster").first).to_be_hidden()
        expect(figure.locator(".sb-chart__explore")).to_be_hidden()
        assert plot.evaluate(PLOT_BOX) == before, "the chart draws in the poster's box"
        assert figure.locator(".sb-chart__downloads").evaluate(PLOT_BOX) == below, "nothing under it moves"
        drawing = figure.locator(".sb-chart__plot .main-svg").first.evaluate(PLOT_BOX)
        assert [round(v) for v in drawing] == [round(v) for v in before], (drawing, before)
    page.wait_for_timeout(200)  # layout shifts are reported after the frame they happen in
    assert page.evaluate("window.__shifts") == [], "no layout shift from the page's start through the drawing"
    assert context.recorder.errors == []


def test_a_tap_on_a_phone_draws_the_chart(site, new_context):
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site.url("troops/"))
    figure = page.locator("figure.sb-chart")
    reach(page, figure, tap=True)
    expect(figure).to_have_class(DRAWN)
    assert context.recorder.bundles() == ["plotly-basic"]


# Every element that gets the keyboard's focus, in order: "<chart>: explore", "<chart>: chart" (the drawn
# chart's image), "<chart>: modebar", "<chart>: other"; outside the charts, nothing.
RECORD_FOCUS = """
window.__focus = [];
document.addEventListener('focusin', event => {
  const el = event.target, figure = el.closest && el.closest('figure.sb-chart');
  if (!figure) return;
  const what = el.matches('button.sb-chart__explore') ? 'explore'
      : el.matches('.sb-chart__plot svg.main-svg') ? 'chart'
      : el.closest('.modebar') ? 'modebar' : 'other';
  window.__focus.push(figure.dataset.sbChart + ': ' + what);
}, true);
"""


def test_a_keyboard_alone_reaches_explore_draws_each_chart_and_goes_on_into_its_controls(site, new_context):
    """Tab through the page with no mouse: on each chart's Explore button the chart draws, focus moves
    into the drawn chart (the button it stood on is gone), and the next Tab reaches the chart's toolbar.
    """
    context = new_context()
    context.add_init_script(RECORD_FOCUS)
    page = context.new_page()
    page.goto(site.url("map/"))
    page.wait_for_load_state("networkidle")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("window.__focus.slice(-1)[0] || ''").endswith("explore"):
            # The chart draws, and focus goes into it: wait for that before the next Tab.
            page.wait_for_function("() => document.activeElement.matches('.sb-chart__plot svg.main-svg')")
        if page.evaluate("document.activeElement === document.body"):
            break
    walk = [step for step in page.evaluate("window.__focus") if not step.endswith("other")]
    expected = []
    for chart in CHART_PAGES["map/"]:
        expected += [f"{chart}: explore", f"{chart}: chart", f"{chart}: modebar"]
    assert [step for i, step in enumerate(walk) if i == 0 or walk[i - 1] != step] == expected, walk
    for chart in CHART_PAGES["map/"]:
        expect(page.locator(f"#chart-{chart}")).to_have_class(DRAWN)
    assert context.recorder.errors == []


@pytest.mark.parametrize("how", ["Enter", "click"])
def test_the_explore_button_draws_the_chart_and_puts_focus_in_it(site, page, how):
    """With a mouse, the pointer crosses the plot area on its way to the button and draws the chart
    there; plotly's toolbar then sits where the button is, and the click meant for Explore must not
    land on the toolbar's "Download plot as a PNG": the button stays under the pointer until used.
    """
    page.goto(site.url("troops/"))
    downloads = []
    page.on("download", lambda download: downloads.append(download.suggested_filename))
    figure = page.locator("figure.sb-chart")
    explore = figure.get_by_role("button", name=re.compile("^Explore the chart: Troops over time"))
    if how == "Enter":
        explore.focus()
        page.keyboard.press("Enter")
    else:
        explore.hover()
        expect(figure).to_have_class(DRAWN)
        expect(explore).to_be_visible()
        explore.click()
        expect(explore).to_be_hidden()
    expect(figure).to_have_class(DRAWN)
    page.wait_for_function("() => document.activeElement.matches('figure.sb-chart .sb-chart__plot svg.main-svg')")
    expect(figure.locator(".sb-chart__plot svg.main-svg").first).to_be_focused()
    alt = figure.locator(".sb-chart__poster img").first.get_attribute("alt")
    expect(figure.get_by_role("img", name=alt, exact=True)).to_be_focused()
    page.wait_for_timeout(300)
    assert downloads == []


# Each undrawn chart's posters, as shown: in the same task as the toggle's click, and at every frame after
# it until each chart shows the dark poster, loaded.
TOGGLE_AND_WATCH = """async () => {
  const state = () => Array.from(document.querySelectorAll('figure.sb-chart--poster')).map(figure =>
    Array.from(figure.querySelectorAll('.sb-chart__poster')).filter(p => {
      const style = getComputedStyle(p);
      return style.display !== 'none' && style.visibility !== 'hidden';
    }).map(p => {
      const img = p.querySelector('img');
      return (p.classList.contains('sb-chart__poster--dark') ? 'dark' : 'light')
        + (img.complete && img.naturalWidth ? '' : ' (not loaded)');
    }).join(' + '));
  const seen = [];
  document.querySelector('label[for=__palette_1]').click();
  seen.push(['in the click\\'s task', document.body.getAttribute('data-md-color-scheme'), state()]);
  for (let frame = 0; frame < 600; frame++) {
    await new Promise(resolve => requestAnimationFrame(resolve));
    const now = state();
    seen.push(['frame ' + frame, document.body.getAttribute('data-md-color-scheme'), now]);
    if (now.every(s => s === 'dark')) break;
  }
  return seen;
}"""


def test_the_palette_toggle_swaps_to_the_dark_posters_and_no_moment_shows_neither(site, context, page):
    page.goto(site.url("map/"))
    assert all(p["shown"][0]["scheme"] == "light" for p in shown_posters(page))
    page.evaluate("window.scrollTo(0, 0)")  # the first chart in view, the second below it
    seen = page.evaluate(TOGGLE_AND_WATCH)
    assert seen[0][1] == "slate", seen[0]
    assert seen[-1][2] == ["dark", "dark"], seen[-1]
    for moment, _, charts in seen:
        assert all(shown in ("light", "dark") for shown in charts), (moment, charts)  # one poster, loaded
    assert context.recorder.bundles() == []
    # And back: the light posters are loaded already; the swap is immediate.
    page.locator("label[for=__palette_0]").click()
    assert all(p["shown"][0]["scheme"] == "light" and len(p["shown"]) == 1 for p in page.evaluate(SHOWN_POSTERS))
    assert context.recorder.errors == []


@pytest.mark.parametrize("how", ["prefers-color-scheme", "stored palette"])
def test_a_page_opened_in_dark_mode_shows_dark_posters_only(site, new_context, how):
    context = new_context(color_scheme="dark") if how == "prefers-color-scheme" else new_context()
    if how == "stored palette":
        context.add_init_script(
            f"if (location.protocol === 'http:') "
            f"localStorage.setItem('/.__palette', {json.dumps(json.dumps(DARK_PALETTE))})"
        )
    page = context.new_page()
    for path in ("troops/", "map/"):
        page.goto(site.url(path))
        posters = shown_posters(page)
        assert [p["shown"][0]["scheme"] for p in posters] == ["dark"] * len(CHART_PAGES[path]), posters
    page.wait_for_load_state("networkidle")
    assert fetched(context, "poster-dark-wide") and fetched(context, "poster-light") == []


def test_a_standalone_chart_page_shows_the_poster_of_the_operating_systems_scheme(site, new_context):
    context = new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site.url("charts/troops_line/"))
    [poster] = shown_posters(page)
    assert poster["shown"][0]["scheme"] == "dark"
    assert fetched(context, "poster-light") == []
    page.emulate_media(color_scheme="light")  # the reader switches: the old poster stays until the new one is in
    assert page.evaluate(SHOWN_POSTERS)[0]["shown"][0]["scheme"] in ("light", "dark")
    poster_loaded(page.locator("figure.sb-chart"))
    assert page.evaluate(SHOWN_POSTERS)[0]["shown"][0]["scheme"] == "light"


@pytest.mark.parametrize("width", ["narrow", "wide"])
def test_a_phone_gets_the_narrow_poster_and_a_wider_screen_the_wide_one(site, new_context, width):
    phone = width == "narrow"
    context = new_context(viewport=PHONE, is_mobile=True, has_touch=True) if phone else new_context()
    page = context.new_page()
    for path in ("troops/", "map/"):
        page.goto(site.url(path))
        for poster in shown_posters(page):
            [shown] = poster["shown"]
            assert re.fullmatch(rf"poster-light-{width}\.(svg|webp)", shown["file"]), poster
            plot = page.locator(f"#chart-{poster['chart']} .sb-chart__plot").evaluate(PLOT_BOX)
            assert (shown["width"], shown["height"]) == (plot[2], plot[3]), (shown, plot)
            assert shown["height"] == (320 if phone else 400), shown
    if phone:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    other = "wide" if phone else "narrow"
    assert fetched(context, f"-{other}.") == []


def test_in_print_each_chart_is_its_light_poster(site, new_context):
    """Printed from a dark page, one chart drawn and one not: paper gets the light posters, no plotly
    drawing and no Explore button.
    """
    context = new_context()
    context.add_init_script(
        f"if (location.protocol === 'http:') "
        f"localStorage.setItem('/.__palette', {json.dumps(json.dumps(DARK_PALETTE))})"
    )
    page = context.new_page()
    page.goto(site.url("map/"))
    drawn = page.locator("#chart-states_map")
    reach(page, drawn)
    expect(drawn).to_have_class(DRAWN)
    page.emulate_media(media="print")
    for figure in page.locator("figure.sb-chart").all():
        show(page, figure)
        light = figure.locator(".sb-chart__poster--light img")
        expect(light).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=light.element_handle())
        expect(figure.locator(".sb-chart__poster--dark")).to_be_hidden()
        expect(figure.locator(".sb-chart__explore")).to_be_hidden()
        expect(figure.locator(".plot-container")).to_be_hidden()
        expect(figure.locator(".sb-chart__share").first).to_be_hidden()
    assert drawn.locator(".plot-container").count() == 1, "the drawn chart is there, just not printed"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", data[:16]
    return struct.unpack(">II", data[16:24])


SOCIAL_IMAGE = """() => Object.fromEntries(['og:image', 'og:image:width', 'og:image:height', 'og:image:type',
  'og:image:alt', 'twitter:card', 'twitter:image', 'twitter:image:alt'].map(key => {
    const el = document.querySelector(`meta[property="${key}"], meta[name="${key}"]`);
    return [key, el ? el.getAttribute('content') : null];
}))"""


@pytest.mark.parametrize("path", ["", *CHART_PAGES, *STANDALONE_PAGES])
def test_social_cards_are_absolute_and_serve_a_1200_by_630_png(site, new_context, path):
    """A chart page's card is its first chart's; a standalone page's, its chart's; a page without charts
    has none (and a summary card). What a link-preview crawler reads: the HTML, no script.
    """
    context = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(path))
    meta = page.evaluate(SOCIAL_IMAGE)
    charts = ALL_CHART_PAGES.get(path)
    if not charts:
        assert meta["og:image"] is None and meta["twitter:image"] is None and meta["twitter:card"] == "summary", meta
        return
    card = site.url(f"charts/{charts[0]}/chart.png")
    assert meta["og:image"] == meta["twitter:image"] == card, meta
    assert meta["twitter:card"] == "summary_large_image", meta
    assert (meta["og:image:width"], meta["og:image:height"], meta["og:image:type"]) == ("1200", "630", "image/png")
    assert meta["og:image:alt"] and meta["twitter:image:alt"] == meta["og:image:alt"], meta
    response = page.request.get(card)
    assert response.ok and response.headers["content-type"] == "image/png"
    assert png_size(response.body()) == (1200, 630)


def test_charts_reached_by_instant_navigation_show_their_posters(site, context, page):
    open_page(page, site.url(""))
    page.evaluate("window.__marker = 1")
    navigate(page, site, "Map")
    posters = shown_posters(page)
    assert [p["chart"] for p in posters] == CHART_PAGES["map/"]
    assert all(p["shown"][0]["naturalWidth"] > 0 for p in posters), posters
    assert context.recorder.bundles() == []
    navigate(page, site, "Troops")
    draw_all(page, CHART_PAGES["troops/"])
    assert page.evaluate("window.__marker") == 1
    assert context.recorder.errors == []


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("path", ["troops/", "map/", "charts/states_map/"])
def test_axe_finds_nothing_on_an_untouched_page_of_posters_in_light_or_dark_mode(site, new_context, axe, path):
    """The poster state is what most readers get: it is held to the same rule as the drawn charts."""
    found = {}
    for scheme in ("light", "dark"):
        page = new_context(color_scheme=scheme).new_page()
        page.goto(site.url(path))
        shown_posters(page)
        page.evaluate("window.scrollTo(0, 0)")
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        problems = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:5]]}"
            for v in axe.run(page).response["violations"]
        ]
        if problems:
            found[scheme] = problems
    assert not found, json.dumps(found, indent=1)


# -- a site built without images ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def imageless(tmp_path_factory):
    """The reader fixture with `images: false`: no posters, charts drawn as they scroll into view."""
    project = copy_project("reader", tmp_path_factory.mktemp("imageless"))
    root = project / "site"
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    config = project / "mkdocs.yml"
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: {origin}/", config.read_text(encoding="utf-8"))
    text, count = re.subn(r"(?m)^  - site-builder$", "  - site-builder:\n      images: false", text)
    assert count == 1, "tests/fixtures/reader/mkdocs.yml must list `  - site-builder`"
    config.write_text(text, encoding="utf-8")
    build(project, root)
    thread = threading.Thread(target=server.serve_forever, name="imageless-site", daemon=True)
    thread.start()
    yield origin
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_without_images_charts_draw_as_they_scroll_into_view_and_download_through_plotly(imageless, new_context):
    context = new_context()
    page = context.new_page()
    page.goto(f"{imageless}/long/")
    page.wait_for_load_state("networkidle")
    figure = page.locator("figure.sb-chart")
    expect(figure.locator(".sb-chart__poster")).to_have_count(0)
    expect(figure.locator(".sb-chart__explore")).to_have_count(0)
    assert context.recorder.bundles() == [], "the chart is far below the fold"
    figure.scroll_into_view_if_needed()  # scrolled to, not pointed at
    expect(figure).to_have_class(DRAWN)
    assert context.recorder.bundles() == ["plotly-basic"]
    for fmt, magic in (("png", b"\x89PNG"), ("svg", b"<svg")):
        button = figure.locator(f"button.sb-chart__image[data-format={fmt}]")
        expect(button).to_be_visible()
        expect(button).to_have_accessible_name(re.compile(rf"download .*{fmt}", re.I))
        with page.expect_download() as download:
            button.click()
        assert download.value.suggested_filename == f"contributors_grouped.{fmt}"
        with open(download.value.path(), "rb") as file:
            assert magic in file.read(500), fmt
    assert page.evaluate(SOCIAL_IMAGE)["og:image"] is None
    assert context.recorder.errors == []
