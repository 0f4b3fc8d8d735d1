"""The prepared-chart cache: keys, corrupt entries, and the same charts with or without it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from site_builder.build import cache as cache_module
from site_builder.build.cache import (
    CACHE_DIR,
    ChartCache,
    chart_key,
    code_fingerprint,
    page_key,
    read_page_keys,
    theme_fingerprint,
    write_page_keys,
)
from site_builder.build.digests import file_sha256
from site_builder.build.prepare import prepare_charts
from site_builder.figures.theme import THEME, Theme
from site_builder.formats.embed import find_embeds
from site_builder.formats.project import Project
from tests.conftest import copy_project


@pytest.fixture
def project_root(tmp_path) -> Path:
    return copy_project("mini", tmp_path / "mini")


def entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR / "charts").glob("*.pickle"))


def test_put_then_get_and_misses(tmp_path):
    cache = ChartCache(tmp_path / "c")
    assert cache.get("a" * 64) is None
    cache.put("a" * 64, {"figure_json": "{}"})
    assert ChartCache(tmp_path / "c").get("a" * 64) == {"figure_json": "{}"}
    assert cache.misses == 1
    assert not list((tmp_path / "c").glob(".tmp-*"))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"garbage",
        pickle.dumps({"not": "an entry"}),
        pickle.dumps((cache_module.FORMAT, "b" * 64, {"x": 1})),  # another key's entry
        pickle.dumps((cache_module.FORMAT + 1, "a" * 64, {"x": 1})),  # another format
        pickle.dumps((cache_module.FORMAT, "a" * 64, {"x": 1}))[:-3],
    ],
)  # truncated
def test_corrupt_or_foreign_entries_are_misses(tmp_path, content):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / ("a" * 64 + ".pickle")).write_bytes(content)
    assert ChartCache(folder).get("a" * 64) is None


def test_an_unwritable_folder_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ChartCache(blocker / "charts")
    cache.put("a" * 64, {"x": 1})
    assert cache.get("a" * 64) is None
    cache.forget_others(set())
    assert ChartCache(None).get("a" * 64) is None


def test_forget_others_keeps_only_the_given_keys(tmp_path):
    cache = ChartCache(tmp_path / "c")
    for key in ("a" * 64, "b" * 64):
        cache.put(key, 1)
    (tmp_path / "c" / ".tmp-stray").write_bytes(b"x")
    cache.forget_others({"a" * 64})
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["a" * 64 + ".pickle"]


def test_keys_change_with_every_input(tmp_path):
    spec, data = tmp_path / "spec.yml", tmp_path / "data.yml"
    spec.write_text("kind: line\n")
    data.write_text("title: x\n")
    theme = theme_fingerprint(THEME)
    base = chart_key("c", file_sha256(spec), file_sha256(data), theme)
    assert base == chart_key("c", file_sha256(spec), file_sha256(data), theme_fingerprint(Theme()))
    assert chart_key("d", file_sha256(spec), file_sha256(data), theme) != base
    assert chart_key("c", file_sha256(spec), file_sha256(data), theme_fingerprint(Theme(font_size=15))) != base
    data.write_text("title: y\n")
    assert chart_key("c", file_sha256(spec), file_sha256(data), theme) != base
    spec.write_text("kind: line \n")
    assert chart_key("c", file_sha256(spec), file_sha256(data), theme) != base


def test_code_fingerprint_covers_the_version(monkeypatch):
    first = code_fingerprint()
    code_fingerprint.cache_clear()
    monkeypatch.setattr(cache_module, "__version__", "999.0")
    try:
        assert code_fingerprint() != first
    finally:
        code_fingerprint.cache_clear()


def test_cached_charts_equal_fresh_ones(project_root):
    project = Project.load(project_root)
    fresh = prepare_charts(project)
    cold = ChartCache.beside(project_root)
    assert prepare_charts(project, cold) == fresh
    assert (cold.hits, cold.misses) == (0, 3) and len(entries(project_root)) == 3
    warm = ChartCache.beside(project_root)
    assert prepare_charts(project, warm) == fresh
    assert (warm.hits, warm.misses) == (3, 0)
    assert warm.keys == cold.keys


def test_editing_a_dataset_prepares_only_its_charts_again(project_root):
    prepare_charts(Project.load(project_root), ChartCache.beside(project_root))
    path = project_root / "data" / "troops.yml"
    path.write_text(path.read_text().replace("troops: 4500", "troops: 4600"))
    project = Project.load(project_root)
    cache = ChartCache.beside(project_root)
    charts = prepare_charts(project, cache)
    assert (cache.hits, cache.misses) == (2, 1)  # states_map and states_step come from the cache
    assert "4,600" in charts["troops_line"].figure_json
    assert charts == prepare_charts(project)
    assert len(entries(project_root)) == 3  # the old troops_line entry is gone


def test_corrupt_entries_on_disk_give_the_same_charts(project_root):
    project = Project.load(project_root)
    prepare_charts(project, ChartCache.beside(project_root))
    for number, path in enumerate(entries(project_root)):
        path.write_bytes(b"\x80\x05garbage" if number else b"")
    cache = ChartCache.beside(project_root)
    assert prepare_charts(project, cache) == prepare_charts(project)
    assert cache.misses == 3


def test_parallel_preparation_gives_identical_charts(project_root, monkeypatch):
    from site_builder.build import prepare

    project = Project.load(project_root)
    serial = prepare_charts(project, workers=1)
    monkeypatch.setattr(prepare, "PARALLEL_MIN", 2)
    assert prepare_charts(project, workers=2) == serial


def test_page_keys_follow_what_a_page_shows():
    embeds, _ = find_embeds("# Page\n\n::: chart a\n\ntext\n")
    assert page_key([], {"a": "1"}, lambda d: "x") == ""
    one = page_key(embeds, {"a": "1"}, lambda d: "x")
    assert one and one == page_key(embeds, {"a": "1", "b": "2"}, lambda d: "x")
    assert one != page_key(embeds, {"a": "2"}, lambda d: "x")


def test_page_keys_round_trip_and_survive_corruption(tmp_path):
    path = tmp_path / "deep" / "pages.json"
    assert read_page_keys(path) == {}
    write_page_keys(path, {"index.md": "abc"})
    assert read_page_keys(path) == {"index.md": "abc"}
    path.write_text("{not json")
    assert read_page_keys(path) == {}
    path.write_text("[1, 2]")
    assert read_page_keys(path) == {}


def test_a_figure_rendered_once_with_the_base_mark_equals_a_direct_render(project_root):
    from site_builder.markers import BASE_MARK
    from site_builder.reader.render import render_figure

    charts = prepare_charts(Project.load(project_root))
    for chart in charts.values():
        marked = render_figure(chart, "plotly-basic.0.js", BASE_MARK, "Site <&>", "http://example.org/")
        assert marked.count(str(BASE_MARK)) >= 4
        for base in ("", "../", "../../"):
            assert marked.replace(BASE_MARK, base) == render_figure(
                chart, "plotly-basic.0.js", base, "Site <&>", "http://example.org/"
            )


def test_a_dirty_build_re_renders_the_pages_whose_keys_changed(tmp_path):
    keys_file = cache_module.page_keys_path(tmp_path, tmp_path / "site")
    assert keys_file.parent == tmp_path / CACHE_DIR and keys_file != cache_module.page_keys_path(tmp_path, tmp_path)
    write_page_keys(keys_file, {"same.md": "1", "changed.md": "1"})
    outputs = {name: tmp_path / f"{name}.html" for name in ("same.md", "changed.md", "new.md", "unwritten.md")}
    for name in ("same.md", "changed.md", "new.md"):
        outputs[name].write_text(name)
    keys = {"same.md": "1", "changed.md": "2", "new.md": "3", "unwritten.md": "4"}
    cache_module.mark_changed_pages(keys_file, keys, [(name, str(path)) for name, path in outputs.items()])
    assert outputs["same.md"].stat().st_mtime > 0
    assert outputs["changed.md"].stat().st_mtime == 0 and outputs["new.md"].stat().st_mtime == 0
    assert not outputs["unwritten.md"].exists()
