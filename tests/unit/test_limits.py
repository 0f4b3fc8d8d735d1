"""Limits: what a hostile or broken file can make the loaders do.

Every bound has a clear message, and a pathological file (close to the 2 MB limit) is refused or
read in a fraction of a second. Times are CPU seconds of this process (`time.process_time`), not
wall-clock: the machines that run the suite are shared, and a hang guard must not flake when
another build runs beside it.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from site_builder.errors import MAX_PROBLEMS, ContentError
from site_builder.formats import datasets, yamlsource
from site_builder.formats.datasets import load_dataset
from site_builder.formats.project import Project
from site_builder.formats.specs import load_chart
from tests.conftest import FIXTURES

MINI = FIXTURES / "mini"
HEAD = (
    (MINI / "data" / "troops.yml").read_text().split("records:")[0]
)  # metadata, sources and fields of a valid dataset
SIZE = 1_900_000
HANG_GUARD = 2.0  # CPU seconds; the slowest case takes about 0.6 s on a 2-core machine


def fill(unit: str, head: str = HEAD + "records:\n", size: int = SIZE) -> str:
    return head + unit * ((size - len(head)) // len(unit))


def many_sources(count: int) -> str:
    return HEAD.replace(
        "sources:\n",
        "sources:\n"
        + "".join(f'  - {{id: s{i}, producer: P, title: T, date_accessed: "2026-11-28"}}\n' for i in range(count)),
    )


# name: (text, expected) -- expected is None when the file loads, else the start of the first problem's message
PATHOLOGICAL = {
    "many records (flow style)": (
        fill('  - {date: "2008", troops: 15000, source: nato}\n'),
        f"file has more than {yamlsource.MAX_NODES:,} values",
    ),
    "many records with long notes": (
        fill('  - date: "2008"\n    troops: 15000\n    source: nato\n    note: ' + "x" * 150 + "\n"),
        "this record has the same key as the record at line",  # each is read, then refused as a duplicate
    ),
    "many records, every one wrong": (
        fill('  - {date: "2008", troops: "15,000", src: nato}\n', size=900_000),
        "missing `source`",
    ),
    "wrong sources among thousands": (
        many_sources(3000)
        + "records:\n"
        + "".join(f'  - {{date: "2008", troops: 1, source: q{i}}}\n' for i in range(20_000)),
        "source 'q0' is not one of",
    ),
    "thousands of fields": (
        HEAD.replace(
            "fields:\n",
            "fields:\n" + "".join(f"  f{i}: {{type: text, title: F, required: false}}\n" for i in range(8000)),
        )
        + "records:\n"
        + '  - {date: "2008", troops: 1, source: nato}\n' * 15_000,
        "15,000 records of 8,002 fields make",
    ),
    "unknown keys by the ten thousand": ("".join(f"k{i}: {i}\n" for i in range(99_000)), "missing required key"),
    "duplicate keys": ("a: 1\n" * (SIZE // 5), f"file has more than {yamlsource.MAX_NODES:,} values"),
    "one long flow list": (
        "a: [" + "1," * (SIZE // 2 - 4) + "1]\n",
        f"file has more than {yamlsource.MAX_NODES:,} values",
    ),
    "deep flow nesting": ("a: " + "[" * (SIZE // 2 - 2) + "]" * (SIZE // 2 - 2) + "\n", "YAML syntax error"),
    "deep block nesting": (
        "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1900)),
        f"nesting deeper than {yamlsource.MAX_DEPTH} levels",
    ),
    "a huge plain string": ("a: " + "x" * (SIZE - 4) + "\n", f"text is {SIZE - 4:,} characters long"),
    "a huge quoted string": ('a: "' + "x" * (SIZE - 6) + '"\n', f"text is {SIZE - 6:,} characters long"),
    "a huge key": ("x" * (SIZE - 6) + ": 1\n", "YAML syntax error"),  # YAML allows 1,024 characters in a plain key
    "billion laughs": (
        'a: &a ["lol","lol"]\n'
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(20)),
        "YAML anchor '&a' is not allowed",
    ),
    "many aliases": ("a: [1]\nb: [" + "*a, " * (SIZE // 4 - 4) + "*a]\n", "YAML alias '*a' is not allowed"),
    "many tags": ("a: [" + "!!str x, " * (SIZE // 9 - 2) + "x]\n", "YAML tag 'tag:yaml.org,2002:str' is not allowed"),
    "a syntax error at the very end": (
        fill('  - {date: "2008", troops: 15000, source: nato}\n', size=SIZE // 3) + "  - {a: [\n",
        "YAML syntax error",
    ),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_pathological_file_is_refused_or_read_fast(name, tmp_path):
    text, expected = PATHOLOGICAL[name]
    assert len(text.encode()) < yamlsource.MAX_BYTES
    path = tmp_path / "data.yml"
    path.write_text(text)
    start = time.process_time()
    try:
        dataset = load_dataset(path)
        problems = None
    except ContentError as error:
        problems = error.problems
    elapsed = time.process_time() - start
    if expected is None:
        assert problems is None and dataset.records
    else:
        assert problems, f"{name}: loaded, expected {expected!r}"
        assert len(problems) <= MAX_PROBLEMS + 10  # the cap is checked between records
        assert any(p.message.startswith(expected) for p in problems), [p.message for p in problems[:3]]
    assert elapsed < HANG_GUARD, f"{name}: {elapsed:.2f} s of CPU"


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.yml"
    path.write_text("a: [" + "1," * 1_100_000 + "1]\n")
    with pytest.raises(ContentError) as caught:
        load_dataset(path)
    assert (
        caught.value.problems[0].message
        == f"file is {path.stat().st_size:,} bytes; the limit is {yamlsource.MAX_BYTES:,}"
    )


def test_record_count_limit(tmp_path):
    path = tmp_path / "many.yml"
    path.write_text(HEAD + "records:\n" + "  - {source: nato}\n" * (datasets.MAX_RECORDS + 1))
    with pytest.raises(ContentError) as caught:
        load_dataset(path)
    [problem] = caught.value.problems
    assert (problem.field, problem.message) == (
        "records",
        f"{datasets.MAX_RECORDS + 1:,} records; the limit is {datasets.MAX_RECORDS:,}",
    )
    assert problem.hint == "split the data into smaller datasets"


def test_checking_stops_after_enough_problems(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text(HEAD + "records:\n" + '  - {date: "2008", troops: "1,000", source: nato}\n' * 500)
    with pytest.raises(ContentError) as caught:
        load_dataset(path)
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].message == "expected an integer, got '1,000'"
    assert problems[-1].field == f"records[{MAX_PROBLEMS}]"
    assert problems[-1].message == f"records from here on were not checked: {MAX_PROBLEMS} problems found already"


@pytest.mark.parametrize("written", ["1e999", "-1e400", "1" * 5000])
def test_numbers_beyond_range_stay_text_and_are_refused_by_the_field(written, tmp_path):
    """float('1e999') is infinity (no JSON for it); int() refuses 5,000 digits with a ValueError."""
    assert yamlsource.parse_yaml(f"a: {written}\n", "x.yml").value == {"a": written}
    path = tmp_path / "troops.yml"
    path.write_text(HEAD + f'records:\n  - {{date: "2008", troops: {written}, source: nato}}\n')
    with pytest.raises(ContentError) as caught:
        load_dataset(path)
    message = caught.value.problems[0].message
    assert message.startswith("'") and message.endswith("' is beyond the numbers a chart can draw"), message


# -- what a spec or a page can name --------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["../troops", "/etc/passwd", "data/troops", "troops.yml", "Troops", "troops\n", "~root", "..", ""]
)
def test_a_spec_names_its_dataset_by_id_only(name, tmp_path):
    path = tmp_path / "chart.yml"
    text = (
        (MINI / "charts" / "troops_line.yml")
        .read_text()
        .replace("dataset: troops", f"dataset: {name!r}".replace("'", '"'))
    )
    path.write_text(text.replace('"\n"', '"\\n"'))
    with pytest.raises(ContentError) as caught:
        load_chart(path)
    [problem] = caught.value.problems
    assert problem.field == "dataset"
    assert (
        problem.message.startswith("expected an id of lower-case letters, digits and underscores")
        or problem.message == "expected text, got an empty value"
    )


def project_copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(MINI, root)
    return root


def test_a_data_file_linking_outside_the_project_is_refused_unread(tmp_path):
    root = project_copy(tmp_path)
    secret = tmp_path / "secret.yml"
    secret.write_text("title: SECRET-CONTENT\n")
    (root / "data" / "leak.yml").symlink_to(secret)
    with pytest.raises(ContentError) as caught:
        Project.load(root)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("data/leak.yml", "this file links to a place outside the project")
    ]
    assert "SECRET" not in str(caught.value)


def test_a_data_folder_linking_outside_the_project_is_refused(tmp_path):
    root = project_copy(tmp_path)
    outside = tmp_path / "elsewhere"
    (root / "data").rename(outside)
    (root / "data").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ContentError) as caught:
        Project.load(root)
    assert {p.message for p in caught.value.problems} == {"this file links to a place outside the project"}
    assert {p.path for p in caught.value.problems} == {"data/states.yml", "data/troops.yml"}


def test_a_chart_file_linking_outside_the_project_is_refused(tmp_path):
    root = project_copy(tmp_path)
    target = tmp_path / "elsewhere.yml"
    target.write_text((root / "charts" / "states_map.yml").read_text())
    (root / "charts" / "linked.yml").symlink_to(target)
    with pytest.raises(ContentError) as caught:
        Project.load(root)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("charts/linked.yml", "this file links to a place outside the project")
    ]


def test_a_link_inside_the_project_is_allowed(tmp_path):
    root = project_copy(tmp_path)
    (root / "data" / "copy_of_troops.yml").symlink_to(root / "data" / "troops.yml")
    assert "copy_of_troops" in Project.load(root).datasets


@pytest.mark.parametrize("stem", ["Troops", "troops-2", "../x", "troops\nx", "troops\n", "trööps"])
def test_file_names_must_be_ids(stem, tmp_path):
    root = project_copy(tmp_path)
    (root / "data" / f"{stem.replace('/', '_')}.yml").write_text((root / "data" / "troops.yml").read_text())
    with pytest.raises(ContentError) as caught:
        Project.load(root)
    assert [p.message for p in caught.value.problems] == [f"'{stem.replace('/', '_')}' is not a valid id"]


@pytest.mark.parametrize("line", ["::: chart ../../etc/passwd", "::: chart /etc/passwd", "::: chart troops_line/../x"])
def test_a_page_names_charts_by_id_only(line, tmp_path):
    project = Project.load(project_copy(tmp_path))
    [problem] = project.check_page("content/x.md", f"# X\n\n{line}\n")
    assert problem.message == f"chart '{line.split()[-1]}' not found in charts/"


# -- web addresses -------------------------------------------------------------------------------


def source_url_problems(url: str, tmp_path: Path) -> list:
    path = tmp_path / "troops.yml"
    path.write_text(
        (MINI / "data" / "troops.yml").read_text().replace("url_main: https://www.nato.int/", f"url_main: {url}")
    )
    try:
        load_dataset(path)
    except ContentError as error:
        return error.problems
    return []


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "'javascript:alert(1)'",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/",
        "mailto:a@example.org",
        "//example.org/x",
        "/relative/path",
        "example.org",
        "'https:/example.org'",
        "'https://'",
        "'https://exa mple.org'",
        '"https://example.org/\\nx"',
        '"https://example.org/\\tx"',
        "'http:\\\\example.org'",
        " ' https://example.org'",
    ],
)
def test_source_urls_must_be_web_addresses(url, tmp_path):
    [problem] = source_url_problems(url, tmp_path)
    assert problem.field == "sources[0].url_main"
    assert problem.message.startswith("expected a web address starting with http:// or https://, got '")
    assert problem.hint == "copy the address from the browser's address bar"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nato.int/",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/A?b=c#d",
        "'https://example.org/\"><svg/onload=alert(1)>'",
    ],
)
def test_web_addresses_are_accepted(url, tmp_path):
    """The last one is a valid address; where it lands (an href), the template escapes it."""
    assert source_url_problems(url, tmp_path) == []


@pytest.mark.parametrize("written", ['"2008\\n"', '"2008-02-17\\n"', '"٢٠٠٨"', '"2008-02-1７"'])
def test_dates_are_ascii_digits_with_nothing_after(written, tmp_path):
    r"""`$` in a Python pattern also matches before a final newline, and `\d` matches any script's digits."""
    path = tmp_path / "troops.yml"
    path.write_text(HEAD + f"records:\n  - {{date: {written}, troops: 1, source: nato}}\n")
    with pytest.raises(ContentError) as caught:
        load_dataset(path)
    [problem] = caught.value.problems
    assert problem.field == "records[0].date"
    assert problem.message.startswith("expected a date written YYYY, YYYY-MM or YYYY-MM-DD, got '")
