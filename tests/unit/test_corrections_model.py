"""A dataset's `key:` and `corrections:`, and the renamed `last_checked`: every rule, with its exact message."""

import pytest

from site_builder.errors import ContentError
from site_builder.formats.datasets import load_dataset
from site_builder.formats.model import default_key

HEAD = """\
title: KFOR troops
description: Test data.
license: CC BY 4.0
last_checked: "2026-11-28"
sources:
  - {id: nato, producer: NATO, title: Key facts, date_accessed: "2026-11-28"}
  - {id: welt, producer: Die Welt, title: KFOR, date_accessed: "2026-11-28"}
fields:
  date: {type: date, title: Date}
  troops: {type: integer, title: Troops, min: 0}
  qualifier: {type: text, title: Hedge, required: false}
records:
  - {date: '2008', troops: 15000, source: nato}
  - {date: 2023-01-01, troops: 3800, source: welt, qualifier: about}
"""
# Lines: records[0] is on line 13, records[1] on line 14; corrections start on line 15.


def load(tmp_path, tail="", head=HEAD):
    path = tmp_path / "data" / "kfor.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(head + tail)
    return load_dataset(path, tmp_path)


def problems(tmp_path, tail="", head=HEAD):
    with pytest.raises(ContentError) as caught:
        load(tmp_path, tail, head)
    return [p.format() for p in caught.value.problems]


CORRECTION = """\
corrections:
  - date: "2026-12-01"
    record: {date: 2023-01-01, source: welt, qualifier: about}
    field: source
    old: nato
    new: welt
    reason: The figure was Die Welt's.
    editor_notes: Found in the archived article.
"""
SOURCE_CHANGE = "field: source\n    old: nato\n    new: welt"


def test_default_key_is_what_a_record_is_about_and_who_says_so(tmp_path):
    dataset = load(tmp_path)
    assert dataset.key == ("date", "qualifier", "source") == default_key(dataset.fields)
    assert dataset.key_of(dataset.records[1]) == ("2023-01-01", "about", "welt")
    assert dataset.key_of(dataset.records[0]) == ("2008", None, "nato")


def test_declared_key(tmp_path):
    dataset = load(tmp_path, head=HEAD.replace("records:\n", "key: [date]\nrecords:\n"))
    assert dataset.key == ("date",)
    assert dataset.key_of(dataset.records[0]) == ("2008",)


def test_two_records_with_one_key(tmp_path):
    head = HEAD.replace("records:\n", "key: [source]\nrecords:\n")
    assert problems(tmp_path, "  - {date: '2009', troops: 1, source: nato}\n", head) == [
        "data/kfor.yml:16:5: records[2]: this record has the same key as the record at line 14: source 'nato'\n"
        "  hint: records are told apart by `key: [source]`: remove the duplicate, or add a field that tells the "
        "two apart"
    ]


def test_two_records_with_one_default_key(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 14000, source: nato}\n") == [
        "data/kfor.yml:15:5: records[2]: this record has the same key as the record at line 13: "
        "date '2008', qualifier nothing (an empty value), source 'nato'\n"
        "  hint: records are told apart by their key (date, qualifier, source): remove the duplicate, or declare "
        "`key:` with a field that tells the two apart"
    ]


def test_key_names_a_field(tmp_path):
    head = HEAD.replace("records:\n", "key: [dates, source, source]\nrecords:\n")
    assert problems(tmp_path, head=head) == [
        "data/kfor.yml:12:7: key[0]: 'dates' in `key:` is not a field of the dataset\n  hint: did you mean 'date'?",
        "data/kfor.yml:12:22: key[2]: 'source' is in `key:` twice\n  hint: list each field once",
    ]


def test_a_correction_loads_and_names_its_record(tmp_path):
    dataset = load(tmp_path, CORRECTION)
    (correction,) = dataset.corrections
    assert (correction.field, correction.old, correction.new) == ("source", "nato", "welt")
    assert correction.editor_notes == "Found in the archived article."
    assert dataset.correction_records == [1]
    assert dataset.correction_lines == [16]
    assert dataset.corrections_of({1}) == [0] and dataset.corrections_of({0}) == []


def test_a_key_field_left_empty_may_be_left_out(tmp_path):
    tail = CORRECTION.replace("{date: 2023-01-01, source: welt, qualifier: about}", "{date: '2008', source: nato}")
    tail = tail.replace("old: nato\n    new: welt", "old: welt\n    new: nato")
    assert load(tmp_path, tail).correction_records == [0]


def test_new_must_be_what_the_record_says(tmp_path):
    tail = CORRECTION.replace(SOURCE_CHANGE, "field: troops\n    old: 3900\n    new: 3850")
    assert problems(tmp_path, tail) == [
        "data/kfor.yml:20:10: corrections[0].new: `new` is the number 3850, but the record at line 14 says "
        "the number 3800\n"
        "  hint: the record now says 3800: write that in `new:` if it is the corrected value, or correct the "
        "record itself (a correction records a change made to the record)"
    ]


def test_old_must_fit_the_field(tmp_path):
    tail = CORRECTION.replace(SOURCE_CHANGE, "field: troops\n    old: '3,900'\n    new: 3800")
    assert problems(tmp_path, tail) == [
        "data/kfor.yml:19:10: corrections[0].old: expected an integer, got '3,900'\n"
        "  hint: write numbers without quotes or thousands separators: 3900"
    ]


def test_old_equal_to_new(tmp_path):
    tail = CORRECTION.replace("old: nato", "old: welt")
    assert problems(tmp_path, tail) == [
        "data/kfor.yml:16:5: corrections[0]: `old` and `new` are the same ('welt'): nothing was corrected\n"
        "  hint: `new:` is what the record says now, `old:` what it said before the correction: "
        "one of the two is not what you meant"
    ]


def test_a_value_correction_needs_field_old_and_new(tmp_path):
    tail = CORRECTION.replace("    old: nato\n", "")
    assert problems(tmp_path, tail) == [
        "data/kfor.yml:16:5: corrections[0]: a correction of a value needs `field`, `old` and `new`: missing old\n"
        "  hint: write `field:` (the field changed), `old:` (what it said) and `new:` (what it says now); for a "
        "record added or removed, write `change: added` or `change: removed` instead"
    ]


def test_old_source_must_be_listed(tmp_path):
    assert problems(tmp_path, CORRECTION.replace("old: nato", "old: sputnik")) == [
        "data/kfor.yml:19:10: corrections[0].old: source 'sputnik' is not one of the dataset's sources\n"
        "  hint: expected one of: 'nato', 'welt' (keep a source a figure was credited to under `sources:`, so "
        "readers can see it)"
    ]


def test_confidence_correction(tmp_path):
    tail = CORRECTION.replace(SOURCE_CHANGE, "field: confidence\n    old: low\n    new: high")
    assert load(tmp_path, tail).corrections[0].field == "confidence"
    tail = tail.replace("old: low", "old: sure")
    assert problems(tmp_path, tail) == [
        "data/kfor.yml:19:10: corrections[0].old: expected high, medium or low, got 'sure'\n"
        "  hint: expected one of: 'high', 'low', 'medium'"
    ]


def test_a_correction_pointing_at_no_record(tmp_path):
    tail = CORRECTION.replace("{date: 2023-01-01, source: welt, qualifier: about}", "{date: 2023-01-10, source: welt}")
    assert problems(tmp_path, tail) == [
        "data/kfor.yml:17:13: corrections[0].record: no record has date '2023-01-10', qualifier nothing (an empty "
        "value), source 'welt'\n"
        "  hint: did you mean the record at line 14: date '2023-01-01', qualifier 'about', source 'welt'? (`record:` "
        "names the record by its values now, after the correction)"
    ]


def test_record_names_key_fields_only(tmp_path):
    tail = CORRECTION.replace("qualifier: about}", "qualifier: about, troop: 3800}")
    assert problems(tmp_path, tail) == [
        "data/kfor.yml:17:71: corrections[0].record.troop: 'troop' is not in the dataset's key (date, qualifier, "
        "source)\n  hint: name the record by its key's values only: expected one of: 'date', 'qualifier', 'source'"
    ]


def test_field_must_be_correctable(tmp_path):
    assert problems(tmp_path, CORRECTION.replace("field: source", "field: troop")) == [
        "data/kfor.yml:18:12: corrections[0].field: 'troop' is not a field a correction can change\n"
        "  hint: did you mean 'troops'?"
    ]


def test_record_added(tmp_path):
    tail = (
        "corrections:\n  - date: '2026-12-01'\n    record: {date: '2008', source: nato}\n    change: added\n"
        "    reason: The 2008 figure was missing.\n"
    )
    assert load(tmp_path, tail).correction_records == [0]
    assert problems(tmp_path, tail.replace("change: added", "change: added\n    field: troops")) == [
        "data/kfor.yml:16:5: corrections[0]: a record added has no `field`\n"
        "  hint: remove field: `record:` names the record added, `reason:` says why"
    ]


def test_record_removed(tmp_path):
    tail = (
        "corrections:\n  - date: '2026-12-01'\n    record: {date: '2009', source: nato}\n    change: removed\n"
        "    reason: The 2009 figure was a plan, not a strength.\n"
    )
    assert load(tmp_path, tail).correction_records == [None]
    assert problems(tmp_path, tail.replace("'2009'", "'2008'")) == [
        "data/kfor.yml:17:13: corrections[0].record: the record removed is still in the file, at line 13\n"
        "  hint: delete the record from `records:`, or correct it with `change: value` instead"
    ]


def test_corrections_oldest_first(tmp_path):
    second = CORRECTION.split("\n", 1)[1].replace("2026-12-01", "2026-11-30")
    assert problems(tmp_path, CORRECTION + second) == [
        "data/kfor.yml:23:11: corrections[1].date: correction 2 (2026-11-30) comes after one of 2026-12-01\n"
        "  hint: list corrections oldest first, adding new ones at the end"
    ]


def test_correction_date_is_a_full_date(tmp_path):
    assert problems(tmp_path, CORRECTION.replace('"2026-12-01"', "2026-12")) == [
        "data/kfor.yml:16:11: corrections[0].date: expected a full date YYYY-MM-DD, got '2026-12'\n"
        "  hint: write the day too: 2026-12-DD, as in 2026-11-28"
    ]


def test_updates(tmp_path):
    dataset = load(tmp_path, "updates:\n  - {date: '2026-12-01', summary: Figures of 2025 added.}\n")
    assert dataset.meta.updates[0].summary == "Figures of 2025 added."


def test_last_updated_was_renamed(tmp_path):
    head = HEAD.replace('last_checked: "2026-11-28"', 'last_updated: "2026-11-28"')
    assert problems(tmp_path, head=head) == [
        "data/kfor.yml:4:1: last_updated: `last_updated` was renamed to `last_checked`\n"
        '  hint: rename the key, keeping its value: last_checked: "2026-11-28"'
    ]
