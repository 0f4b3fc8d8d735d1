"""Which engine draws the chart images: Playwright driving Chromium (ours) against kaleido, side by side.

Draws the same figures (each chart of the Kosovo site as its wide light poster, as SVG, and its
card as PNG) with both, cold (a browser started for the run), in one run on one machine, and
prints seconds and images per second for each, with the ratio. kaleido is not a dependency of
the project: `pip install kaleido` in the venv to compare (without it, only ours is timed).

    python bench/image_engines.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.build.assets import FrontendAssets  # noqa: E402
from site_builder.build.images import ImageJob, ImageMaker  # noqa: E402
from site_builder.build.prepare import prepare_charts  # noqa: E402
from site_builder.figures.posters import card_figure, poster_figure, posters  # noqa: E402
from site_builder.figures.theme import layout_overrides  # noqa: E402
from site_builder.formats.project import Project  # noqa: E402


def figures() -> list[tuple[str, dict, str, tuple]]:
    """(name, figure, format, traces): each chart's wide light poster (SVG) and its card (PNG)."""
    charts = prepare_charts(Project.load(ROOT))
    out = []
    for chart_id, chart in sorted(charts.items()):
        figure = json.loads(chart.figure_json)
        wide = next(p for p in posters(figure, ("scatter",)) if (p.scheme, p.size) == ("light", "wide"))
        out.append((f"{chart_id}.svg", poster_figure(figure, wide), "svg", chart.traces))
        out.append((f"{chart_id}.png", card_figure(figure, chart.spec.title, None, "Source"), "png", chart.traces))
    return out


def ours(jobs, assets) -> float:
    bundles = assets.bundle_files()
    geo = next(name for name in bundles if name.startswith("plotly-geo."))
    basic = next(name for name in bundles if name.startswith("plotly-basic."))
    with tempfile.TemporaryDirectory() as folder:
        maker = ImageMaker(Path(folder), assets, cache=False)
        work = [ImageJob(n, f, fmt, geo if "choropleth" in t else basic) for n, f, fmt, t in jobs]
        start = time.perf_counter()
        maker.make(work, workers=1)
        return time.perf_counter() - start


def kaleido_time(jobs, assets) -> float | None:
    try:
        import kaleido
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        topojson = Path(folder) / "world_110m.json"
        topojson.write_bytes(assets.world_geometry())
        import plotly.io as pio

        pio.defaults.topojson = topojson.resolve().as_uri().rsplit("/", 1)[0] + "/"  # no CDN
        specs = [
            {
                "fig": figure,
                "path": str(Path(folder) / name),
                "opts": {"format": fmt, "width": figure["layout"]["width"], "height": figure["layout"]["height"]},
            }
            for name, figure, fmt, _ in jobs
        ]
        start = time.perf_counter()
        kaleido.write_fig_from_object_sync(specs)
        return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; medians are shown (default 3)")
    args = parser.parse_args(argv)
    assets = FrontendAssets.load(ROOT, layout_overrides())
    jobs = figures()
    times: dict[str, list[float]] = {"playwright + chromium": [], "kaleido": []}
    for _ in range(args.repeat):  # alternate, so both see the same machine
        times["playwright + chromium"].append(ours(jobs, assets))
        k = kaleido_time(jobs, assets)
        if k is not None:
            times["kaleido"].append(k)
    print(
        f"{len(jobs)} images ({len(jobs) // 2} SVG posters, {len(jobs) // 2} PNG cards), cold, median of {args.repeat}"
    )
    print("| engine | seconds | images/s | ratio |")
    print("|---|---:|---:|---:|")
    base = statistics.median(times["playwright + chromium"])
    for engine, runs in times.items():
        if not runs:
            print(f"| {engine} | not installed (pip install kaleido) | | |")
            continue
        median = statistics.median(runs)
        print(f"| {engine} | {median:.2f} | {len(jobs) / median:.1f} | {median / base:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
