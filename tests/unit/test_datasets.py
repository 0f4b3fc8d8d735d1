"""Dataset loading: every rule, with its exact message and position."""

import pytest

from site_builder.errors import ContentError
from site_builder.formats.datasets import load_dataset

HEAD = """\
title: KFOR troops
description: Test data.
license: CC BY 4.0
last_checked: "2026-11-28"
sources:
  - id: nato
    producer: NATO
    title: Key facts
    url_main: https://www.nato.int/
    date_accessed: "2026-11-28"
fields:
  date: {type: date, title: Date}
  troops: {type: integer, title: Troops, unit: soldiers, min: 0}
  country: {type: country, title: Country, required: false}
  status: {type: category, title: Status, required: false, categories: [{value: recognises, label: Recognises}]}
records:
"""


def load(tmp_path, records="  - {date: '2008', troops: 1, source: nato}\n", head=HEAD):
    path = tmp_path / "data" / "kfor.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(head + records)
    return load_dataset(path, tmp_path)


def problems(tmp_path, records, head=HEAD):
    with pytest.raises(ContentError) as caught:
        load(tmp_path, records, head)
    return [p.format() for p in caught.value.problems]


def test_valid_dataset_loads_with_typed_values(tmp_path):
    dataset = load(
        tmp_path,
        "  - {date: 2008-02-17, troops: 3800, source: nato, confidence: low, note: About, country: 'NO'}\n"
        "  - {date: 1999, troops: 50000, source: nato, status: recognises}\n",
    )
    assert dataset.id == "kfor"
    assert dataset.records[0] == {
        "date": "2008-02-17",
        "troops": 3800,
        "country": "NO",
        "status": None,
        "source": "nato",
        "confidence": "low",
        "note": "About",
        "editor_note": None,
    }
    assert dataset.records[1]["date"] == "1999" and dataset.records[1]["confidence"] == "high"
    assert dataset.source("nato").producer == "NATO"
    assert dataset.record_lines == [17, 18]


def test_thousands_separator(tmp_path):
    assert problems(tmp_path, "  - date: '2008'\n    troops: 3,800\n    source: nato\n") == [
        "data/kfor.yml:18:13: records[0].troops: expected an integer, got '3,800'\n"
        "  hint: write numbers without quotes or thousands separators: 3800"
    ]


def test_quoted_number_is_not_a_number(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: '3800', source: nato}\n") == [
        "data/kfor.yml:17:28: records[0].troops: expected an integer, got '3800'\n"
        "  hint: write numbers without quotes or thousands separators: 3800"
    ]


def test_fraction_in_integer_field(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 2.5, source: nato}\n") == [
        "data/kfor.yml:17:28: records[0].troops: expected an integer, got the number 2.5\n"
        "  hint: this field holds whole numbers; declare it `type: number` for fractions"
    ]


def test_value_below_min(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: -1, source: nato}\n") == [
        "data/kfor.yml:17:28: records[0].troops: -1 is below the smallest allowed value, 0\n"
        "  hint: check the figure, or the field's `min`"
    ]


def test_impossible_date(tmp_path):
    assert problems(tmp_path, "  - {date: 2008-02-30, troops: 1, source: nato}\n") == [
        "data/kfor.yml:17:12: records[0].date: '2008-02-30' is not a real date\n"
        "  hint: check the day: 2008-02 has 29 days"
    ]


def test_date_written_otherwise(tmp_path):
    assert problems(tmp_path, "  - {date: 17/02/2008, troops: 1, source: nato}\n") == [
        "data/kfor.yml:17:12: records[0].date: expected a date written YYYY, YYYY-MM or YYYY-MM-DD, got '17/02/2008'\n"
        "  hint: write it as 2008-02-17"
    ]


def test_boolean_looking_country_code_stays_a_code(tmp_path):
    assert load(tmp_path, "  - {date: '2008', troops: 1, source: nato, country: NO}\n").records[0]["country"] == "NO"


def test_unknown_country_code(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 1, source: nato, country: XX}\n") == [
        "data/kfor.yml:17:54: records[0].country: 'XX' is not an ISO 3166-1 country code\n"
        "  hint: use the two- or three-letter code, like DE or DEU; Kosovo is XK or XKX"
    ]


def test_unknown_category(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 1, source: nato, status: recognise}\n") == [
        "data/kfor.yml:17:53: records[0].status: expected one of 'recognises', got 'recognise'\n"
        "  hint: did you mean 'recognises'?"
    ]


def test_unknown_source(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 1, source: natoo}\n") == [
        "data/kfor.yml:17:39: records[0].source: source 'natoo' is not one of the dataset's sources\n"
        "  hint: did you mean 'nato'? (add it under `sources:` if it is new)"
    ]


def test_missing_source(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 1}\n") == [
        "data/kfor.yml:17:5: records[0]: missing `source`\n  hint: name the source of this figure, one of: nato"
    ]


def test_missing_required_field(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', source: nato}\n") == [
        "data/kfor.yml:17:5: records[0]: missing value for required field 'troops'\n"
        "  hint: add `troops:` to the record, or mark the field `required: false`"
    ]


def test_unknown_record_key(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 1, troopz: 2, source: nato}\n") == [
        "data/kfor.yml:17:31: records[0].troopz: unknown field 'troopz'\n"
        "  hint: did you mean 'troops'? (declare new fields under `fields:`)"
    ]


def test_bad_confidence(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 1, source: nato, confidence: lo}\n") == [
        "data/kfor.yml:17:57: records[0].confidence: expected high, medium or low, got 'lo'\n"
        "  hint: did you mean 'low'?"
    ]


def test_unknown_top_level_key(tmp_path):
    assert problems(tmp_path, "  - {date: '2008', troops: 1, source: nato}\ntitel: x\n") == [
        "data/kfor.yml:18:1: titel: unknown key 'titel'\n  hint: did you mean 'title'?"
    ]


def test_missing_metadata_key(tmp_path):
    assert problems(
        tmp_path, "  - {date: '2008', troops: 1, source: nato}\n", HEAD.replace("license: CC BY 4.0\n", "")
    ) == [
        "data/kfor.yml:1:1: license: missing required key 'license'\n"
        "  hint: add `license:` (the licence of this compilation.) For example: license: CC BY 4.0"
    ]


def test_wrong_type_in_metadata(tmp_path):
    assert problems(
        tmp_path, "  - {date: '2008', troops: 1, source: nato}\n", HEAD.replace("title: KFOR troops", "title: 1999")
    ) == ["data/kfor.yml:1:8: title: expected text, got the number 1999\n  hint: put the value in quotes"]


def test_hostile_url_is_refused(tmp_path):
    assert problems(
        tmp_path,
        "  - {date: '2008', troops: 1, source: nato}\n",
        HEAD.replace("https://www.nato.int/", "javascript:alert(1)"),
    ) == [
        "data/kfor.yml:9:15: sources[0].url_main: expected a web address starting with http:// or https://, "
        "got 'javascript:alert(1)'\n"
        "  hint: copy the address from the browser's address bar"
    ]


def test_unknown_field_type(tmp_path):
    assert problems(
        tmp_path, "  - {date: '2008', troops: 1, source: nato}\n", HEAD.replace("{type: integer,", "{type: int,")
    ) == [
        "data/kfor.yml:13:18: fields.troops.type: expected one of 'text', 'integer', 'number', 'date', "
        "'country' or 'category', got 'int'\n  hint: did you mean 'integer'?"
    ]


def test_category_field_without_categories(tmp_path):
    head = HEAD.replace(", categories: [{value: recognises, label: Recognises}]", "")
    assert problems(tmp_path, "  - {date: '2008', troops: 1, source: nato}\n", head) == [
        "data/kfor.yml:15:11: fields.status: a category field needs a list of categories\n"
        "  hint: add `categories:` with `- value: ...` and `label: ...` items"
    ]


def test_every_problem_at_once(tmp_path):
    found = problems(
        tmp_path,
        "  - {date: '2008', troops: x, source: nato}\n  - {date: '20080', troops: 1, source: nope}\n",
        HEAD.replace("title: KFOR troops", "title: 1999"),
    )
    assert [p.split(":")[1] for p in found] == ["1", "17", "18", "18"]


def test_records_must_be_mappings(tmp_path):
    assert problems(tmp_path, "  - just text\n") == [
        "data/kfor.yml:17:5: records[0]: expected a mapping (key: value lines), got 'just text'\n"
        "  hint: indent `key: value` lines under this key"
    ]


def test_not_a_mapping(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("- 1\n")
    with pytest.raises(ContentError) as caught:
        load_dataset(path, tmp_path)
    assert caught.value.problems[0].message.startswith(
        "expected a dataset (title:, sources:, fields:, records: ...), got a list"
    )


def test_a_low_confidence_record_needs_a_note_for_readers(tmp_path):
    found = problems(tmp_path, "  - {date: '2008', troops: 1, source: nato, confidence: low, editor_note: check}\n")
    assert found == [
        "data/kfor.yml:17:57: records[0].confidence: a low-confidence record needs a note for readers: "
        "why the figure is unconfirmed\n  hint: add `note:` saying what makes it doubtful (readers see it in "
        "the hover and the table); keep instructions for editors in `editor_note:`, which is never published"
    ]


def test_editor_notes_are_kept_apart_from_readers_notes(tmp_path):
    records = "  - {date: '2008', troops: 1, source: nato, note: About, editor_note: 'verify before publication'}\n"
    record = load(tmp_path, records).records[0]
    assert (record["note"], record["editor_note"]) == ("About", "verify before publication")
    assert problems(tmp_path, "  - {date: '2008', troops: 1, source: nato, editor_note: 12}\n") == [
        "data/kfor.yml:17:58: records[0].editor_note: expected text, got the number 12\n  hint: put the note in quotes"
    ]


# -- numbers a browser cannot draw exactly -----------------------------------------------------------

NUMBERS = HEAD.replace(
    "records:\n", "  share: {type: number, title: Share, required: false}\nrecords:\n"
)  # an integer field (troops, min 0) and a number field


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9" * 400, "999999999999...999999 (400 digits) is beyond the integers a browser can show exactly"),
        (str(2**53), "9007199254740992 (16 digits) is beyond the integers a browser can show exactly"),
        ("7" * 5000, "'" + "7" * 77 + "...' is beyond the numbers a chart can draw"),
        ("1e999", "'1e999' is beyond the numbers a chart can draw"),
        ("-1e999", "'-1e999' is beyond the numbers a chart can draw"),
        ("1e301", "1e+301 is beyond the numbers a chart can draw (up to 1e+300 either side of zero)"),
        ("-4" + "0" * 30, "-40000000000...000000 (31 digits) is beyond the integers a browser can show exactly"),
    ],
)
def test_a_number_a_browser_cannot_draw_is_refused_where_it_is_written(tmp_path, value, message):
    """Was: OverflowError in the chart's axis range, a traceback and no file:line."""
    found = problems(tmp_path, f"  - {{date: '2008', troops: 1, share: {value}, source: nato}}\n", NUMBERS)
    assert len(found) == 1 and found[0].startswith(f"data/kfor.yml:18:38: records[0].share: {message}"), found
    assert "hint: check the figure" in found[0]


def test_the_largest_exact_integers_load(tmp_path):
    records = f"  - {{date: '2008', troops: {2**53 - 1}, share: {-(2**53 - 1)}, source: nato}}\n"
    records += "  - {date: '2009', troops: 2, share: 9.5e299, source: nato}\n"
    dataset = load(tmp_path, records, NUMBERS)
    assert [r["troops"] for r in dataset.records] == [2**53 - 1, 2] and dataset.records[1]["share"] == 9.5e299


def test_an_integer_field_refuses_a_huge_integer_too(tmp_path):
    found = problems(tmp_path, f"  - {{date: '2008', troops: {10**20}, source: nato}}\n")
    assert found[0].startswith("data/kfor.yml:17:28: records[0].troops: 100000000000000000000 (21 digits) is beyond")


@pytest.mark.parametrize(
    ("bounds", "message"),
    [
        ("min: " + "1" * 400, "111111111111...111111 (400 digits) is beyond the integers a browser can show exactly"),
        ("max: 1e305", "1e+305 is beyond the numbers a chart can draw"),
        ("min: 10, max: 1", "`min` (10) is above `max` (1): no value would be allowed"),
    ],
)
def test_a_field_s_bounds_are_numbers_a_browser_draws(tmp_path, bounds, message):
    head = HEAD.replace("records:\n", f"  share: {{type: number, title: Share, {bounds}}}\nrecords:\n")
    found = problems(tmp_path, "  - {date: '2008', troops: 1, share: 5, source: nato}\n", head)
    assert any("fields.share" in p and message in p for p in found), found
