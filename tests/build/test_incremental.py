"""Rebuilds: a warm cache changes no byte, and a dirty build re-renders only the pages whose charts changed."""

from __future__ import annotations

import logging
from pathlib import Path

from tests.conftest import build


def build_dirty(project: Path, site_dir: Path) -> None:
    """`mkdocs build --dirty`, in-process."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config = load_config(config_file=str(project / "mkdocs.yml"), strict=False, site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=True)
    try:
        mkdocs_build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()


def test_dirty_build_rerenders_only_pages_whose_charts_changed(mini, tmp_path):
    site = build(mini, tmp_path / "site")
    troops, world = site / "troops" / "index.html", site / "deep" / "map" / "index.html"
    before = {page: page.stat().st_mtime_ns for page in (troops, world)}
    assert "4,600" not in troops.read_text("utf-8")
    dataset = mini / "data" / "troops.yml"
    dataset.write_text(dataset.read_text("utf-8").replace("troops: 4500", "troops: 4600"), "utf-8")

    build_dirty(mini, site)

    assert "4,600" in troops.read_text("utf-8") and troops.stat().st_mtime_ns != before[troops]
    assert "4,600" in (site / "charts" / "troops_line" / "figure.json").read_text("utf-8")
    assert world.stat().st_mtime_ns == before[world]  # its charts plot another dataset

    after = troops.stat().st_mtime_ns
    build_dirty(mini, site)  # nothing changed since: nothing re-rendered
    assert troops.stat().st_mtime_ns == after and world.stat().st_mtime_ns == before[world]


def test_search_index_holds_no_figure_json(mini, tmp_path):
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8")
    site = build(mini, tmp_path / "site")
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "Troops over time" in index  # the chart's caption is found
    assert "Data table" not in index and "Download" not in index  # the rest of the figure is not indexed
    for json_key in ('"layout"', "hoverinfo", "paper_bgcolor"):
        assert json_key not in index
