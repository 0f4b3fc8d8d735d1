"""The strict YAML reader: what editors write is what the site gets, and every refusal says where."""

import pytest
import yaml

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
    assert problem.message == "YAML syntax error: this line is indented unlike the lines it belongs with: `  c: 2`"
    assert problem.hint == (
        "line it up with the keys of line 2, which start at column 5: `    c: 2`; or, if it is text, put it in quotes"
    )


# Each mistake editors make, with the line as written (in the message) and as it should be (in the hint).
SYNTAX = {
    "a tab in the indentation": (
        "records:\n\t- troops: 1\n",
        (2, 1),
        "YAML syntax error: a tab in the indentation: `\\t- troops: 1`",
        "indent with spaces, not tabs: `  - troops: 1`",
    ),
    "a tab before a key": (
        "a: 1\n\tb: 2\n",
        (2, 1),
        "YAML syntax error: a tab in the indentation: `\\tb: 2`",
        "indent with spaces, not tabs: `b: 2`",
    ),
    "a second ': ' in text": (
        "title: KFOR in 2024: who sends the soldiers\ndescription: x\n",
        (1, 20),
        "YAML syntax error: ': ' inside text that is not in quotes: `title: KFOR in 2024: who sends the soldiers`",
        'put the text in quotes: `title: "KFOR in 2024: who sends the soldiers"`',
    ),
    "a second ': ' in a list item": (
        "records:\n  - note: counted: twice\n",
        (2, 18),
        "YAML syntax error: ': ' inside text that is not in quotes: `  - note: counted: twice`",
        'put the text in quotes: `  - note: "counted: twice"`',
    ),
    "a ': ' in text with a double quote in it": (
        'note: the "final" figure: 3800\n',
        (1, 25),
        "YAML syntax error: ': ' inside text that is not in quotes: `note: the \"final\" figure: 3800`",
        "put the text in quotes: `note: 'the \"final\" figure: 3800'`",
    ),
    "no space after a colon, on the first line": (
        "title:KFOR\ndescription: x\n",
        (1, 7),
        "YAML syntax error: no space after the colon: `title:KFOR`",
        "put a space after the colon: `title: KFOR`",
    ),
    "no space after a colon, among keys": (
        "a: 1\ntitle:KFOR\nb: 2\n",
        (2, 7),
        "YAML syntax error: no space after the colon: `title:KFOR`",
        "put a space after the colon: `title: KFOR`",
    ),
    "an unclosed double quote": (
        'title: "KFOR in 2024\ndescription: x\n',
        (1, 8),
        'YAML syntax error: a quote (") opened here is never closed: `title: "KFOR in 2024`',
        'end the text with the same quote: `title: "KFOR in 2024"`',
    ),
    "an unclosed single quote": (
        "a: 1\ntitle: 'KFOR\n",
        (2, 8),
        "YAML syntax error: a quote (') opened here is never closed: `title: 'KFOR`",
        "end the text with the same quote: `title: 'KFOR'`",
    ),
    "an unclosed bracket": (
        "tags: [kfor, nato\nother: 1\n",
        (1, 7),
        "YAML syntax error: a '[' opened here is never closed: `tags: [kfor, nato`",
        "close it on the same line: `tags: [kfor, nato]`, or write the items one a line, each after '- '",
    ),
    "an unclosed brace": (
        "records:\n  - {date: 2008, troops: 1\n  - {date: 2009, troops: 2}\n",
        (2, 5),
        "YAML syntax error: a '{' opened here is never closed: `  - {date: 2008, troops: 1`",
        "close it on the same line: `  - {date: 2008, troops: 1}`, or write each `key: value` on its own line",
    ),
    "text after a closing quote": (
        'title: "KFOR" in 2024\n',
        (1, 15),
        'YAML syntax error: text after the closing quote: `title: "KFOR" in 2024`',
        "put the whole text in quotes: `title: '\"KFOR\" in 2024'`",
    ),
    "text starting with @": (
        "source: @nato\n",
        (1, 9),
        "YAML syntax error: text cannot start with '@' unless it is in quotes: `source: @nato`",
        'put the text in quotes: `source: "@nato"`',
    ),
    "a line indented more than the one above": (
        "a: 1\n  b: 2\n",
        (2, 4),
        "YAML syntax error: this line is indented more than the line above it: `  b: 2`",
        "line it up with the line above: `b: 2`; or, if it is text going on from there, put the text in quotes",
    ),
}


@pytest.mark.parametrize("name", list(SYNTAX))
def test_syntax_errors_in_plain_words(name):
    text, where, message, hint = SYNTAX[name]
    problem = only_problem(text)
    assert ((problem.line, problem.column), problem.message, problem.hint) == (where, message, hint)


def test_syntax_errors_are_worded_alike_by_both_parsers(monkeypatch):
    """Without libyaml (PyYAML's own parser, whose messages differ) the words are the same."""
    worded = {name: only_problem(text).format() for name, (text, *_) in SYNTAX.items()}
    monkeypatch.setattr(yamlsource, "_EventSource", yaml.SafeLoader)
    assert {name: only_problem(text).format() for name, (text, *_) in SYNTAX.items()} == worded


def test_a_syntax_error_keeps_the_file_line_in_front_matter():
    """Front matter starts on a page's second line: the error is placed in the page, not the block."""
    try:
        yaml.safe_load("title: x\nnote: a: b\n")
    except yaml.MarkedYAMLError as error:
        problem = yamlsource.syntax_problem(error, "title: x\nnote: a: b\n", "content/p.md", first_line=2)
    assert (problem.path, problem.line, problem.column) == ("content/p.md", 3, 8)


def test_a_long_line_is_cut_in_the_message():
    problem = only_problem("title: " + "x" * 300 + ": y\n")
    assert problem.message.endswith("x...`") and len(problem.message) < 200


def test_an_unrecognised_syntax_error_keeps_the_parsers_words():
    problem = only_problem("a: b\n--- x\n: y\n")
    assert problem.message.startswith("YAML syntax error: ") and problem.line is not None


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
