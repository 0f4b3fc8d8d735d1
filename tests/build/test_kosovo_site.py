"""The real Kosovo site: every record sourced, every page's references resolving, a strict build.

What its pages weigh is measured in a browser: tests/browser/test_page_weight.py.
"""

from __future__ import annotations

from site_builder.formats.project import Project
from site_builder.languages.localize import localize
from tests.conftest import ROOT, build


def test_every_record_names_a_source_that_exists():
    project = localize(Project.load(ROOT), "en")
    assert len(project.datasets) >= 6
    for dataset in project.datasets.values():
        ids = {source.id for source in dataset.meta.sources}
        for index, record in enumerate(dataset.records):
            assert record["source"] in ids, f"{dataset.id} records[{index}]"
            assert record["confidence"] in ("high", "medium", "low")
            if record["confidence"] == "low":
                assert record["note"], f"{dataset.id} records[{index}] is low but says not why"


def test_every_page_reference_resolves():
    project = localize(Project.load(ROOT), "en")
    pages = sorted((ROOT / "content").rglob("*.md"))
    assert pages
    for page in pages:
        assert project.check_page(page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8")) == []


def test_every_chart_is_shown_on_a_page():
    project = localize(Project.load(ROOT), "en")
    text = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md"))
    for chart_id in project.charts:
        assert f"::: chart {chart_id}\n" in text, chart_id


def test_the_site_builds_strict_with_every_page(tmp_path):
    site = build(ROOT, tmp_path / "site")
    for page in (
        "index.html",
        "kfor/index.html",
        "recognition/index.html",
        "timeline/index.html",
        "methodology/index.html",
        "corrections/index.html",
    ):
        assert (site / page).is_file(), page
    methodology = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert methodology.count('class="sb-sources__dataset"') == len(localize(Project.load(ROOT), "en").datasets)
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "Banjska" in timeline and 'class="sb-dataset__table"' in timeline


def test_source_notes_shown_to_readers_give_no_instructions_to_editors():
    """Source notes are printed on the methodology page; what editors must do goes in `editor_notes`."""
    for dataset in localize(Project.load(ROOT), "en").datasets.values():
        for source in dataset.meta.sources:
            assert "must be attributed" not in (source.notes or ""), (dataset.id, source.id)


def test_germany_s_ceilings_in_force_are_told_apart_from_earlier_stages():
    dataset = localize(Project.load(ROOT), "en").datasets["germany_kfor"]
    stages = {"ceiling": [], "ceiling_proposed": []}
    for record in dataset.records:
        if record["measure"] in stages:
            stages[record["measure"]].append(record["stage"])
    assert len(stages["ceiling"]) == 8 and len(stages["ceiling_proposed"]) == 6
    assert all(s.startswith(("Bundestag vote", "in force")) for s in stages["ceiling"])
    assert not any(s.startswith(("Bundestag vote", "in force")) for s in stages["ceiling_proposed"])
    colours = [c.color for c in dataset.meta.fields["measure"].categories]
    assert None not in colours and len(colours) == len(set(colours))
