"""Where a cold build's image time goes: Chromium's start, and each image's draw, by kind and format.

bench/run.py times whole builds; this times the drawing alone, in this process, on the same
synthetic charts (bench/run.py's `generate`), as site_builder/build/images.py draws them: one
Chromium, pages that load the plotly.js bundles once, one `Plotly.toImage` a `page.evaluate`.
It prints Chromium's start (with the bundles), the mean draw of each (kind, image) pair, the same
poster drawn in other formats (what a raster costs over its SVG), the cost of an evaluate round
trip, and images per second with one page and with two (the build uses one page per core it may
use: one on 2 cores, the other core is MkDocs').

A benchmark, not a test: it never fails.

    .venv/bin/python bench/image_profile.py [charts, default 60]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import generate  # noqa: E402
from site_builder.build import images  # noqa: E402
from site_builder.build.assets import FrontendAssets  # noqa: E402
from site_builder.build.contract import ChartJob  # noqa: E402
from site_builder.build.publish import Publication  # noqa: E402
from site_builder.figures import theme  # noqa: E402


def jobs_of(folder: Path, charts: int):
    generate(folder, charts, charts=True, prune=False)
    assets = FrontendAssets.load(folder, theme.layout_overrides())
    job = ChartJob(folder, "data", "charts", folder / "site", "Bench", "http://127.0.0.1:8000/", assets, cache=False)
    publication = Publication(job)
    return publication.images, publication._image_jobs()


def label(job) -> str:
    kind = "map" if "geo" in job.figure["layout"] else "line/bar"
    name = job.path.rsplit("/", 1)[1]
    return f"{kind} {'poster' if name.startswith('poster-') else 'card'} {job.format}@{job.scale}x"


async def profile(maker, jobs) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        started = time.perf_counter()
        browser = await playwright.chromium.launch(executable_path=maker.executable, args=list(images.CHROMIUM_ARGS))
        launched = time.perf_counter()

        async def ready_page():
            page = await browser.new_page()
            await page.set_content("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>")
            await page.evaluate(images._SETUP, maker.topojson.decode("utf-8"))
            for bundle in sorted({job.bundle for job in jobs}):
                await page.add_script_tag(content=maker.bundles[bundle].decode("utf-8"))
                await page.evaluate("name => { window.__sbPlotly[name] = window.Plotly; }", bundle)
            return page

        page = await ready_page()
        loaded = time.perf_counter()
        print(f"Chromium start {launched - started:.2f} s; a page with the bundles {loaded - launched:.2f} s")

        async def draw(page, job, image_format=None, scale=None):
            return await page.evaluate(
                images._DRAW, [job.bundle, job.figure, image_format or job.format, scale or job.scale]
            )

        times: dict[str, list[float]] = {}
        began = time.perf_counter()
        for job in jobs:
            start = time.perf_counter()
            await draw(page, job)
            times.setdefault(label(job), []).append(time.perf_counter() - start)
        one_page = time.perf_counter() - began
        print(f"\n{len(jobs)} images on one page: {one_page:.1f} s, {len(jobs) / one_page:.1f} images/s")
        print("\n| image | count | mean ms | share of the time |\n|---|---:|---:|---:|")
        for name, spent in sorted(times.items(), key=lambda item: -sum(item[1])):
            print(f"| {name} | {len(spent)} | {1000 * sum(spent) / len(spent):.0f} | {sum(spent) / one_page:.0%} |")

        posters = [job for job in jobs if "/poster-" in job.path]
        sample = {
            "map": [j for j in posters if j.format == "webp"][:6],
            "line/bar": [j for j in posters if j.format == "svg"][:6],
        }
        print("\nThe same posters in other formats (mean ms):\n| poster | svg | png@1x | png@2x | webp@1x | webp@2x |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, picked in sample.items():
            cells = []
            for image_format, scale in (("svg", 1), ("png", 1), ("png", 2), ("webp", 1), ("webp", 2)):
                start = time.perf_counter()
                for job in picked:
                    await draw(page, job, image_format, scale)
                cells.append(f"{1000 * (time.perf_counter() - start) / max(1, len(picked)):.0f}")
            print(f"| {name} | " + " | ".join(cells) + " |")

        start = time.perf_counter()
        for _ in range(100):
            await page.evaluate("figure => 0", jobs[0].figure)
        print(f"\nan evaluate round trip with a figure and no drawing: {10 * (time.perf_counter() - start):.1f} ms")

        second = await ready_page()
        began = time.perf_counter()

        async def share(page, part):
            for job in part:
                await draw(page, job)

        await asyncio.gather(share(page, jobs[0::2]), share(second, jobs[1::2]))
        two_pages = time.perf_counter() - began
        print(f"{len(jobs)} images on two pages at once: {two_pages:.1f} s, {len(jobs) / two_pages:.1f} images/s")
        await browser.close()


def main(argv: list[str]) -> int:
    charts = int(argv[1]) if len(argv) > 1 else 60
    with tempfile.TemporaryDirectory(prefix="image-profile-") as temporary:
        maker, jobs = jobs_of(Path(temporary) / "project", charts)
        asyncio.run(profile(maker, jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
