"""The strict YAML reader: what editors write is what the site gets, and every refusal says where."""

import pytest

from site_builder.errors import ContentError
from site_builder.formats import yamlsource
from site_builder.formats.yamlsource import parse_yaml, read_yaml


def only_problem(text):
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "data/x.yml")
    assert len(caught.value.problems) == 1
    return caught.value.problems[0]


@pytest.mark.parametrize(
    "written, kept",
    [
        ("NO", "NO"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("Off", "Off"),
        ("2008-02-17", "2008-02-17"),
        ("012", "012"),
        ("12:30", "12:30"),
        ("1_000", "1_000"),
        ("3,800", "3,800"),
        ("0x1F", "0x1F"),
        (".inf", ".inf"),
        ("3800", 3800),
        ("-5", -5),
        ("0", 0),
        ("2.5", 2.5),
        ("1e3", 1000.0),
        ("true", True),
        ("false", False),
        ("~", None),
        ("null", None),
        ("", None),
        ('"3800"', "3800"),
        ("'true'", "true"),
    ],
)
def test_plain_scalars_keep_what_was_written(written, kept):
    value = parse_yaml(f"a: {written}\n", "x.yml").value["a"]
    assert value == kept and type(value) is type(kept)


def test_on_as_a_key_stays_text():
    assert parse_yaml("on: 1\n", "x.yml").value == {"on": 1}


def test_positions_are_kept_for_every_value():
    document = parse_yaml("title: T\nrecords:\n  - date: '2008'\n    troops: 5\n", "x.yml")
    assert document.where(("records", 0, "troops")) == (4, 13)
    assert document.key_where(("records", 0, "troops")) == (4, 5)
    assert document.where(("records", 0, "missing")) == (3, 5)


def test_duplicate_key_is_refused_with_both_lines():
    problem = only_problem("a: 1\nb: 2\na: 3\n")
    assert problem.format() == (
        "data/x.yml:3:1: a: duplicate key 'a' (first written on line 1)\n"
        "  hint: remove one of the two; YAML would silently keep only the last"
    )


def test_anchor_is_refused():
    problem = only_problem("a: &x 1\nb: 2\n")
    assert (problem.line, problem.column, problem.message) == (1, 4, "YAML anchor '&x' is not allowed")


def test_alias_is_refused():
    problem = only_problem("a: [1]\nb: *x\n")
    assert (problem.line, problem.message) == (2, "YAML alias '*x' is not allowed")


def test_billion_laughs_is_refused_fast():
    text = 'a: &a ["lol","lol"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8)
    )
    assert only_problem(text).message == "YAML anchor '&a' is not allowed"


def test_explicit_tags_are_refused():
    problem = only_problem("a: !!python/object:os.system 1\n")
    assert problem.message == "YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"


def test_syntax_error_names_line_and_column():
    problem = only_problem("a:\n  - b: 1\n  c: 2\n")
    assert (problem.line, problem.column) == (3, 3)
    assert problem.message.startswith("YAML syntax error: expected <block end>, but found '?'")
    assert problem.hint


def test_deep_nesting_is_refused():
    text = "a: " + "[" * (yamlsource.MAX_DEPTH + 1) + "]" * (yamlsource.MAX_DEPTH + 1) + "\n"
    assert only_problem(text).message == f"nesting deeper than {yamlsource.MAX_DEPTH} levels"


def test_long_string_is_refused():
    problem = only_problem("a: " + "x" * (yamlsource.MAX_STRING + 1) + "\n")
    assert (
        problem.message
        == f"text is {yamlsource.MAX_STRING + 1:,} characters long; the limit is {yamlsource.MAX_STRING:,}"
    )
    assert problem.field == "a"


def test_large_file_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_BYTES", 100)
    path = tmp_path / "big.yml"
    path.write_text("a: " + "x" * 200)
    with pytest.raises(ContentError) as caught:
        read_yaml(path, "data/big.yml")
    assert str(caught.value).startswith("data/big.yml: file is 203 bytes; the limit is 100")


def test_non_utf8_is_refused(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"a: 1\nb: \xff\n")
    with pytest.raises(ContentError) as caught:
        read_yaml(path, "data/x.yml")
    assert caught.value.problems[0].format() == "data/x.yml:2: file is not valid UTF-8\n  hint: save the file as UTF-8"


def test_empty_file_is_none():
    assert parse_yaml("", "x.yml").value is None
