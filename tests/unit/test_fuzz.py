"""Random and mutated YAML into the loaders: every input loads or gives ContentError, nothing else.

Valid files of the `mini` fixture are mutated (characters deleted, inserted, replaced; lines
swapped, duplicated, re-indented) and YAML-ish text is generated from the characters YAML gives a
meaning to. A loader that raises anything but `ContentError` (a KeyError, a TypeError from an
unexpected type, a RecursionError...) fails the test with the input that caused it.
"""

from __future__ import annotations

import os
import string
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.build.prepare import prepare_charts
from site_builder.errors import ContentError
from site_builder.formats.datasets import load_dataset
from site_builder.formats.project import Project
from site_builder.formats.specs import check_chart, load_chart
from site_builder.formats.yamlsource import parse_yaml, read_yaml
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"
DATASETS = {path.stem: path.read_text() for path in sorted((MINI / "data").glob("*.yml"))}
CHARTS = {path.stem: path.read_text() for path in sorted((MINI / "charts").glob("*.yml"))}
VALID = {stem: load_dataset(MINI / "data" / f"{stem}.yml") for stem in DATASETS}

# The suite runs a fixed set of 200 examples a test (derandomized: the same every run, so a failure
# is never a fluke); FUZZ_EXAMPLES=5000 runs a longer, random search.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=EXAMPLES or 200,
    deadline=None,
    database=None,
    derandomize=not EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Characters YAML gives a meaning to, and some it refuses or treats specially.
SYNTAX = ":-?[]{},#&*!|>'\"%@`\n\t \\"
ODD = "\x00\x01\x7f\x85\u00a0\u2028\u2029\ufeff\ud7ff\ue000\U0001f600é"
ALPHABET = SYNTAX + ODD + string.ascii_letters + string.digits + "._~+="
TOKENS = [
    "title:",
    "fields:",
    "records:",
    "sources:",
    "type:",
    "- ",
    "  ",
    "    ",
    "\n",
    ": ",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "---\n",
    "...\n",
    "? ",
    "|\n",
    ">-\n",
    "null",
    "true",
    "1e999",
    "0x1F",
    "2008-02-17",
    "'",
    '"',
    "{",
    "}",
    "[",
    "]",
    "integer",
    "category",
    "country",
    "date",
    "XK",
    "categories:",
    "- value: x\n    label: y",
    "%YAML 1.2\n",
]


def mutation():
    """One edit of a text: (kind, position, length, inserted text)."""
    return st.tuples(
        st.sampled_from(["delete", "insert", "replace", "swap_lines", "duplicate_line", "indent"]),
        st.integers(0, 10_000),
        st.integers(0, 40),
        st.one_of(st.text(ALPHABET, max_size=12), st.sampled_from(TOKENS)),
    )


def mutate(text: str, edits) -> str:
    for kind, position, length, inserted in edits:
        at = position % (len(text) + 1)
        if kind == "delete":
            text = text[:at] + text[at + length :]
        elif kind == "insert":
            text = text[:at] + inserted + text[at:]
        elif kind == "replace":
            text = text[:at] + inserted + text[at + len(inserted) :]
        else:
            lines = text.split("\n")
            i, j = position % len(lines), (position + length + 1) % len(lines)
            if kind == "swap_lines":
                lines[i], lines[j] = lines[j], lines[i]
            elif kind == "duplicate_line":
                lines.insert(j, lines[i])
            else:
                lines[i] = " " * (length % 6) + lines[i].lstrip(" ")
            text = "\n".join(lines)
    return text


def write(text: str, name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    path = folder / f"{name}.yml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def loads_or_content_error(load, *args):
    try:
        return load(*args)
    except ContentError as error:
        assert error.problems, "a ContentError without problems"
        for problem in error.problems:
            assert problem.message and isinstance(problem.message, str)
            problem.format()
        str(error)
        return None


@FUZZ
@given(stem=st.sampled_from(sorted(DATASETS)), edits=st.lists(mutation(), min_size=1, max_size=4))
def test_mutated_dataset_loads_or_gives_content_error(stem, edits):
    loads_or_content_error(load_dataset, write(mutate(DATASETS[stem], edits), stem))


@FUZZ
@given(stem=st.sampled_from(sorted(CHARTS)), edits=st.lists(mutation(), min_size=1, max_size=4))
def test_mutated_chart_loads_or_gives_content_error(stem, edits):
    chart = loads_or_content_error(load_chart, write(mutate(CHARTS[stem], edits), stem))
    if chart is not None:
        for problem in check_chart(chart, VALID):
            problem.format()


yamlish = st.lists(st.one_of(st.text(ALPHABET, max_size=8), st.sampled_from(TOKENS)), max_size=30).map("".join)


@FUZZ
@given(text=yamlish)
def test_yamlish_text_parses_or_gives_content_error(text):
    loads_or_content_error(parse_yaml, text, "x.yml")


@FUZZ
@given(text=st.text(max_size=200))
def test_any_text_parses_or_gives_content_error(text):
    """Any Unicode string, lone surrogates included (a file never holds them; parse_yaml can be called with them)."""
    loads_or_content_error(parse_yaml, text, "x.yml")


@FUZZ
@given(data=st.binary(max_size=200))
def test_any_bytes_read_or_give_content_error(data):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    (folder / "x.yml").write_bytes(data)
    loads_or_content_error(read_yaml, folder / "x.yml")


# Well-formed YAML whose values have the wrong shapes: a subtree of a valid file swapped for a random value.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(ALPHABET, max_size=10),
    st.sampled_from(
        ["2008", "2008-02-30", "XK", "xk", "high", "nato", "mfa", "recognises", "date", "troops", "country", "-1", ""]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.text(ALPHABET, max_size=6)
            | st.sampled_from(["id", "type", "title", "value", "label", "source", "date"]),
            inner,
            max_size=3,
        ),
    ),
    max_leaves=8,
)


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, prefix + (index,))


def replaced(document, path, new):
    if not path:
        return new
    head, *rest = path
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[head] = replaced(document[head], tuple(rest), new)
    return copy


@FUZZ
@given(stem=st.sampled_from(sorted(DATASETS) + sorted(CHARTS)), pick=st.integers(0, 10_000), new=values)
def test_wrong_shapes_load_or_give_content_error(stem, pick, new):
    text = DATASETS.get(stem) or CHARTS[stem]
    document = yaml.safe_load(text)
    everywhere = list(paths(document))
    changed = replaced(document, everywhere[pick % len(everywhere)], new)
    path = write(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False), stem)
    loads_or_content_error(load_dataset if stem in DATASETS else load_chart, path)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!binary aGVsbG8=\n",
        "? - a\n: b\n",
        "? {a: b}\n: c\n",
        "a:\n  ? [x]\n  : y\n",
        "%TAG ! tag:x,2000:\n--- !a 1\n",
        "--- 1\n--- 2\n",
        "[a, b]: c\n",
        "a: \ufeffb\n",
        "\ufeffa: b\n",
        "a: b\x00\n",
        "a: 'b\u2028c'\n",
        "a: *\n",
        "a: &\n",
        "a: !<tag:x> b\n",
        "{a: 1, a: 1, [b]: 2}\n",
        "- {records: [{a: {b: [1, {c: 2}]}}]}\n",
    ],
)
def test_odd_yaml_gives_content_error_or_a_value(text):
    loads_or_content_error(parse_yaml, text, "x.yml")


# -- crashes the fuzzing found, kept as plain tests ------------------------------------------------


def test_a_kind_that_is_a_list_is_an_unknown_kind(tmp_path):
    """Was: TypeError: unhashable type: 'list' (specs.load_chart looked the kind up in a dict)."""
    path = tmp_path / "chart.yml"
    path.write_text(CHARTS["states_map"].replace("kind: choropleth", "kind: []"))
    with pytest.raises(ContentError) as caught:
        load_chart(path)
    assert [(p.field, p.message) for p in caught.value.problems] == [("kind", "unknown chart kind a list")]


def test_a_key_with_a_bracket_is_an_unknown_key(tmp_path):
    """Was: IndexError (a key containing '[' was taken for one of pydantic's union tags and dropped)."""
    path = tmp_path / "states.yml"
    path.write_text(DATASETS["states"].replace("title: States", "t[itle: States"))
    with pytest.raises(ContentError) as caught:
        load_dataset(path)
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("title", "missing required key 'title'"),
        ("t[itle", "unknown key 't[itle'"),
    ]
    assert caught.value.problems[1].hint == "did you mean 'title'?"


# -- numbers of any size, through the loaders and on to a chart ----------------------------------

numbers = st.one_of(
    st.integers(),
    st.integers(min_value=2**52, max_value=2**54) | st.integers(min_value=-(2**54), max_value=-(2**52)),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=1e290, max_value=1e308) | st.floats(min_value=-1e308, max_value=-1e290),
    st.sampled_from(["1e999", "-1e999", "9" * 5000, "1e-400", "0.0", "-0"]),
)


@FUZZ
@given(first=numbers, second=numbers, kind=st.sampled_from(["integer", "number"]))
def test_any_number_is_refused_where_written_or_drawn(tmp_path_factory, first, second, kind):
    """A number loads and then draws (figure, table, downloads, text alternative), or is refused at
    its file:line: never an exception from the chart code (was: OverflowError in the axis range).
    """
    root = tmp_path_factory.mktemp("numbers")
    (root / "data").mkdir()
    (root / "charts").mkdir()
    text = (
        DATASETS["troops"].replace("troops: 50000", f"troops: {first}", 1).replace("troops: 4500", f"troops: {second}")
    )
    (root / "data" / "troops.yml").write_text(text.replace("    min: 0\n", ""))
    (root / "charts" / "troops_line.yml").write_text(
        "\n".join(line for line in CHARTS["troops_line"].splitlines() if not line.startswith("alt:")) + "\n"
    )
    try:
        project = Project.load(root)
    except ContentError as error:
        assert {p.path for p in error.problems} == {"data/troops.yml"} and all(p.line for p in error.problems)
        return
    chart = prepare_charts(project)["troops_line"]
    assert chart.alt and chart.files()["charts/troops_line/data.csv"]
