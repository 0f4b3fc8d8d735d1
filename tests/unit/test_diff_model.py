"""The review's pieces without git histories: dataset comparison, wording, escaping, file identities."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from markupsafe import Markup

from site_builder.formats.datasets import load_dataset
from site_builder.review.datasets import compare_dataset
from site_builder.review.files import WorkingFiles, blob_id
from site_builder.review.gitstate import working_tree
from site_builder.review.model import MISSING, DatasetChange, RecordChange, Review, ValueChange, Where
from site_builder.review.render import html_report, markdown_report, markdown_text
from site_builder.review.words import key_text, shown

HEAD = """title: Troops
description: Soldiers.
license: CC BY 4.0
last_checked: "2026-11-28"
sources:
  - {id: nato, producer: NATO, title: Facts, date_accessed: "2026-11-28"}
fields:
  date: {type: date, title: Date}
  country: {type: country, title: Country}
  troops: {type: integer, title: Troops}
KEY
records:
  - {date: "2008", country: DEU, troops: 100, source: nato}
  - {date: "2009", country: DEU, troops: 90, source: nato}
"""


def dataset(folder: Path, text: str, name: str = "troops"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yml"
    path.write_text(text, "utf-8")
    return load_dataset(path, folder)


@pytest.fixture
def states(tmp_path):
    head = working_tree(tmp_path / "head")
    base = replace(working_tree(tmp_path / "base"), label="main (abc1234)", commit="abc1234")
    return base, head


def compare(tmp_path, states, before: str, after: str, published: bool = True):
    base, head = states
    old = dataset(tmp_path / "base", before.replace("KEY\n", ""))
    new = dataset(tmp_path / "head", after.replace("KEY\n", ""))
    return compare_dataset("troops", old, new, base, head, published)


def test_an_unchanged_dataset_is_no_change(tmp_path, states):
    assert compare(tmp_path, states, HEAD, HEAD) == (None, [])


def test_a_reformatted_file_is_no_change_values_are_compared_typed(tmp_path, states):
    reformatted = HEAD.replace("troops: 100,", "troops: +100,").replace('{date: "2008"', "{date: '2008'")
    assert compare(tmp_path, states, HEAD, reformatted) == (None, [])


def test_only_published_datasets_get_flagged(tmp_path, states):
    after = HEAD.replace("troops: 100", "troops: 110")
    change, flagged = compare(tmp_path, states, HEAD, after, published=True)
    assert [(f.name, f.old, f.new, f.key) for f in flagged] == [
        ("troops", 100, 110, (("date", "2008"), ("country", "DEU"), ("source", "nato")))
    ]
    assert flagged[0].where == Where("troops.yml", 12)
    change, flagged = compare(tmp_path, states, HEAD, after, published=False)
    assert flagged == [] and change.records[0].values[0].old == 100


def test_notes_are_shown_but_never_flagged_and_editor_notes_are_marked_unpublished(tmp_path, states):
    after = HEAD.replace("troops: 90, source: nato}", "troops: 90, source: nato, note: Rounded., editor_note: Check.}")
    change, flagged = compare(tmp_path, states, HEAD, after)
    assert flagged == []
    values = {v.name: (v.old, v.new, v.published) for v in change.records[0].values}
    assert values == {"note": (None, "Rounded.", True), "editor_note": (None, "Check.", False)}


def test_a_confidence_change_is_a_published_change(tmp_path, states):
    after = HEAD.replace("troops: 90, source: nato}", "troops: 90, source: nato, confidence: low, note: Doubtful.}")
    _, flagged = compare(tmp_path, states, HEAD, after)
    assert [f.name for f in flagged] == ["confidence"]


def test_a_changed_key_value_is_a_record_removed_and_one_added(tmp_path, states):
    after = HEAD.replace("country: DEU, troops: 90", "country: FRA, troops: 90")
    change, flagged = compare(tmp_path, states, HEAD, after)
    assert [(r.change, key_text(r.key)) for r in change.records] == [
        ("added", "date 2009, country FRA, source nato"),
        ("removed", "date 2009, country DEU, source nato"),
    ]
    assert change.records[1].where == Where("main:troops.yml", 13)
    assert [f.name for f in flagged] == [""]  # the removed record


def test_a_new_key_that_no_longer_tells_base_records_apart_falls_back_to_base_key(tmp_path, states):
    after = HEAD.replace("KEY", "key: [date, source]").replace("troops: 100", "troops: 101")
    change, _ = compare(tmp_path, states, HEAD, after)
    assert [(r.change, key_text(r.key)) for r in change.records] == [("changed", "date 2008, source nato")]
    assert ("key", "date, country, source", "date, source") in [(m.name, m.old, m.new) for m in change.metadata]


def test_a_field_added_to_the_format_is_metadata(tmp_path, states):
    after = HEAD.replace(
        "  troops: {type: integer, title: Troops}", "  troops: {type: integer, title: Soldiers, unit: soldiers}"
    )
    change, _ = compare(tmp_path, states, HEAD, after)
    assert [(m.name, m.old, m.new) for m in change.metadata] == [
        ("fields.troops.title", "Troops", "Soldiers"),
        ("fields.troops.unit", MISSING, "soldiers"),
    ]


def test_markdown_text_makes_no_markup_of_a_value():
    assert markdown_text("<b>x</b> @team | [a](https://e.example) `c` *d*\nnext") == (
        "&lt;b&gt;x&lt;/b&gt; &#64;team \\| \\[a\\]\\(https://e\\.example\\) \\`c\\` \\*d\\* next"
    )
    assert markdown_text(Markup("images/a-before.svg")) == "images/a-before.svg"


def test_values_are_shown_as_written():
    assert [shown(v) for v in (None, MISSING, True, 3800, 1.5, ["a", "b"], "a\n  b")] == [
        "(empty)",
        "(none)",
        "true",
        "3800",
        "1.5",
        "a, b",
        "a b",
    ]
    assert shown("x" * 50, 10) == "x" * 9 + "…"


def test_the_summary_counts_what_a_reviewer_looks_for():
    review = Review("main (abc1234)", "the working tree")
    assert review.summary() == "no change to data or charts"
    review.datasets.append(DatasetChange("d", "removed", "D", Where("main:data/d.yml")))
    assert review.summary() == "1 dataset removed, 0 charts redrawn"


def test_a_working_file_is_identified_as_git_identifies_it(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.yml").write_bytes(b"title: x\n\x00\xff binary too\n")
    (tmp_path / "data" / "Bad.yml").write_text("x: 1\n")
    git = subprocess.run(["git", "hash-object", "data/a.yml"], cwd=tmp_path, capture_output=True, text=True)
    files = WorkingFiles(tmp_path)
    assert files.identity("data/a.yml") == git.stdout.strip() == blob_id((tmp_path / "data/a.yml").read_bytes())
    assert files.ids("data") == {"a": "data/a.yml"}  # a name that is no id is not a dataset


def test_markdown_lists_a_bounded_number_of_records_and_says_how_many_more():
    records = tuple(
        RecordChange("added", (("n", i),), Where("data/d.yml", i + 10), (ValueChange("v", i, i),)) for i in range(5)
    )
    review = Review("main (abc1234)", "the working tree")
    review.datasets.append(DatasetChange("d", "changed", "D", Where("data/d.yml"), records, counts=(0, 5)))
    text = markdown_report(review, images=False, limit=3)
    assert text.count("| added | n 2 |") == 1 and "| added | n 3 |" not in text
    assert "... and 2 more records changed, added or removed: the HTML report lists them all." in text
    assert html_report(review).count("<td>added</td>") == 5
