"""Corrections as readers get them, on strict builds of the `corrections` sample project: the line
under each corrected chart, the generated corrections page and its anchors, the downloads, the
Atom feed (valid, reproducible, absolute links only with a site address), and "Data as of" from
the figures shown, never from when the file was checked.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import build, copy_project

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(copy_project("corrections", tmp_path_factory.mktemp("corrections")))


@pytest.fixture(scope="module")
def site_without_url(tmp_path_factory) -> Path:
    """The same project with no `site_url`: the feed cannot know its own address."""
    project = copy_project("corrections", tmp_path_factory.mktemp("corrections-no-url"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_url: http://127.0.0.1:8000/\n", ""), "utf-8")
    return build(project)


def read(site: Path, path: str) -> str:
    return (site / path).read_text("utf-8")


def figure(html: str, chart: str) -> str:
    return re.search(rf'<figure class="sb-chart[^"]*" id="chart-{chart}".*?</figure>', html, re.S).group(0)


def test_a_corrected_chart_says_so_linked_to_each_entry(site):
    home = figure(read(site, "index.html"), "troops_line")
    assert "<summary>Corrected 4 times, last on 1 December 2026</summary>" in home
    assert (
        '<li>30 November 2026: <a class="sb-chart__correction-link" href="corrections/#correction-troops-1">'
        "Troops of 2008 (NATO): was 16,000 soldiers, now 15,000 soldiers</a>. The 2008 figure was misread "
        "from the report.</li>"
    ) in home
    assert ">Source of 1 January 2023: was Relaying outlet, now Die Welt</a>" in home
    assert ">Record added: March 2024 (NATO)</a>" in home and ">Record removed: 2010 (NATO)</a>" in home


def test_a_chart_lists_only_the_corrections_of_what_it_shows(site):
    """`early_troops` shows 1999 and 2008: the 2008 correction only (the removed 2010 record's
    date does not pass its filter); the ranking has none.
    """
    early = figure(read(site, "index.html"), "early_troops")
    assert re.findall(r"#(correction-[a-z0-9-]+)", early) == ["correction-troops-1"]
    assert '<p class="sb-chart__notes sb-chart__corrections">Corrected 30 November 2026: ' in early
    assert "sb-chart__corrections" not in figure(read(site, "contributors/index.html"), "contributors")


def test_the_chart_on_its_own_page_links_to_the_corrections_page(site):
    own = read(site, "charts/early_troops/index.html")
    assert 'href="../../corrections/#correction-troops-1"' in own


def test_the_corrections_page_is_generated_newest_first_with_anchors(site):
    page = read(site, "corrections/index.html")
    entries = re.findall(r'<li id="([a-z0-9-]+)"><strong>([^<]+)</strong> · (\w+) · Troops: ([^<]*)</li>', page)
    assert [(anchor, day, kind) for anchor, day, kind, _ in entries] == [
        ("correction-troops-4", "1 December 2026", "Correction"),
        ("correction-troops-3", "1 December 2026", "Correction"),
        ("correction-troops-2", "1 December 2026", "Correction"),
        ("correction-troops-1", "30 November 2026", "Correction"),
        ("update-troops-1", "29 November 2026", "Update"),
    ]
    assert entries[3][3] == (
        "Troops of 2008 (NATO): was 16,000 soldiers, now 15,000 soldiers. The 2008 figure was misread from the report."
    )
    assert entries[4][3] == "Figures of March 2024 added."
    # every link under a chart reaches an entry
    for anchor in re.findall(r'href="corrections/#([a-z0-9-]+)"', read(site, "index.html")):
        assert f'id="{anchor}"' in page
    assert '<a href="../feed.xml" type="application/atom+xml">' in page


def test_editors_notes_of_a_correction_reach_no_reader(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".svg"):
            assert "EDITORS-ONLY" not in path.read_text("utf-8", errors="replace"), path


def test_every_page_names_the_feed_in_its_head(site):
    for page, root in (("index.html", ""), ("contributors/index.html", "../"), ("corrections/index.html", "../")):
        head = read(site, page).split("</head>")[0]
        assert (
            '<link rel="alternate" type="application/atom+xml" title="Corrections site: corrections and data '
            f'updates" href="{root}feed.xml">'
        ) in head


def test_the_feed_is_valid_atom_with_ids_dates_and_absolute_links(site):
    feed = ET.fromstring((site / "feed.xml").read_bytes())
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == "http://127.0.0.1:8000/feed.xml"
    assert feed.findtext(f"{ATOM}title") == "Corrections site: corrections and data updates"
    assert feed.findtext(f"{ATOM}updated") == "2026-12-01T00:00:00Z"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Corrections site"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": "http://127.0.0.1:8000/feed.xml", "alternate": "http://127.0.0.1:8000/corrections/"}
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == 5
    for entry in entries:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", entry.findtext(f"{ATOM}updated"))
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")
        (link,) = entry.findall(f"{ATOM}link")
        assert link.get("href") == entry.findtext(f"{ATOM}id")
        assert link.get("href").startswith("http://127.0.0.1:8000/corrections/#")
    first = entries[-2]
    assert first.findtext(f"{ATOM}title") == (
        "Correction, Troops: Troops of 2008 (NATO): was 16,000 soldiers, now 15,000 soldiers"
    )
    assert entries[-1].find(f"{ATOM}category").get("term") == "update"


def test_without_a_site_address_the_feed_links_relatively_and_ids_stay_fixed(site_without_url, tmp_path):
    feed = ET.fromstring((site_without_url / "feed.xml").read_bytes())
    assert feed.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert [link.get("href") for link in feed.findall(f"{ATOM}link")] == ["corrections/"]
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        assert entry.find(f"{ATOM}link").get("href").startswith("corrections/#")
    # Reproducible: another build of the same files, elsewhere, gives the same bytes (no clock in it).
    again = build(copy_project("corrections", tmp_path / "again"))
    assert (again / "feed.xml").read_bytes() != (site_without_url / "feed.xml").read_bytes()  # site_url differs
    project = copy_project("corrections", tmp_path / "third")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_url: http://127.0.0.1:8000/\n", ""), "utf-8")
    assert (build(project) / "feed.xml").read_bytes() == (site_without_url / "feed.xml").read_bytes()


def test_the_downloads_carry_the_corrections(site):
    document = json.loads(read(site, "charts/troops_line/data.json"))
    assert document["last_checked"] == "2026-12-01"
    assert [c["id"] for c in document["corrections"]] == [f"correction-troops-{n}" for n in (1, 2, 3, 4)]
    assert document["corrections"][0] == {
        "id": "correction-troops-1",
        "date": "2026-11-30",
        "dataset": "troops",
        "record": {"date": "2008", "source": "nato"},
        "change": "value",
        "field": "troops",
        "old": 16000,
        "new": 15000,
        "reason": "The 2008 figure was misread from the report.",
    }
    assert "editor_notes" not in json.dumps(document)
    # The CSV stays one row a record, exactly the JSON's rows: corrections are in the JSON download.
    rows = list(csv.reader(io.StringIO(read(site, "charts/troops_line/data.csv"))))
    assert len(rows) == 1 + len(document["rows"]) == 5


def test_data_as_of_is_the_latest_figure_never_the_day_checked(site):
    home = read(site, "index.html")
    assert "Data as of March 2024." in figure(home, "troops_line")
    assert "Data as of 2008." in figure(home, "early_troops")
    # No date field: the latest publication date of the sources of the bars, as precise as given.
    ranking = figure(read(site, "contributors/index.html"), "contributors")
    assert "Data as of March 2024." in ranking
    assert "data as of March 2024." in ranking  # the citation
    for path in ("index.html", "contributors/index.html", "charts/contributors/index.html"):
        assert "Data as of 1 December 2026" not in read(site, path)


def test_last_checked_is_labelled_where_it_appears(site):
    sources = read(site, "contributors/index.html")
    assert sources.count("Last checked 1 December 2026; licence: CC BY 4.0.") == 2
