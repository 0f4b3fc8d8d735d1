"""Build-speed and page-weight benchmark (issues #7 and #13). A benchmark, not a test: it never fails CI.

For each size N it generates three synthetic projects in the project's own formats, N pages of
about 600 words in folders of ten (so the navigation has sections, as real sites do):

- bare: mkdocs-material with the same pages and configuration, no charts, no site-builder plugin
  (the floor);
- plain: the same pages, each with one chart (line, ranked bar and world map in turn; three
  consecutive charts share one dataset), built with `images: false` (no posters);
- ours: the same project with images (the default): four posters and a card (PNG and SVG) a chart,
  drawn in Chromium (site_builder/build/images.py).

Then, alternating, each build in its own `python -m mkdocs build` subprocess:

1. bare, plain and ours cold: site folder and `.site-builder-cache/` removed first, so ours draws
   every image;
2. ours warm: the site folder removed, `.site-builder-cache/` kept, as CI keeps it between runs
   (every image comes from the cache; no browser starts);
3. ours rebuild: one dataset edited (3 charts, 18 images depend on it), `mkdocs build` again;
4. ours dirty rebuild: the dataset edited again, `mkdocs build --dirty` (what `mkdocs serve
   --dirty` does on a change: only the pages whose charts changed are re-rendered).

It prints medians of `--repeat` runs (sizes of `--large` pages or more run `--repeat-large`
times, 1 by default), each build's ratio to the bare build of the same run, the images a cold
build draws and how many it adds per second of wall clock ((cold - plain) seconds), peak memory
(max RSS of the build process, from wait4), site size, and what a phone downloads for one line
chart page and one map page before the reader touches anything (bench/page_weight.py: measured in
chromium, served with gzip).

    .venv/bin/python bench/run.py --sizes 500 --repeat 3
    .venv/bin/python bench/image_profile.py 60      # where a cold build's image time goes
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: `bench` importable (bench/page_weight.py measures the pages)
    sys.path.insert(0, str(ROOT))
PAGES_PER_SECTION = 10
CHARTS_PER_DATASET = 3
KINDS = ("line", "ranked_bar", "choropleth")
COUNTRIES = (
    "FRA",
    "DEU",
    "ESP",
    "ITA",
    "GBR",
    "USA",
    "CAN",
    "BRA",
    "ARG",
    "MEX",
    "CHN",
    "JPN",
    "IND",
    "AUS",
    "NZL",
    "ZAF",
    "EGY",
    "NGA",
    "KEN",
    "TUR",
    "GRC",
    "POL",
    "SWE",
    "NOR",
    "FIN",
    "UKR",
    "SRB",
    "ALB",
    "MKD",
    "XKX",
)
WORDS = (
    "troops",
    "recognition",
    "mission",
    "security",
    "report",
    "government",
    "border",
    "agreement",
    "council",
    "the",
    "of",
    "and",
    "a",
    "in",
    "to",
    "was",
    "for",
    "with",
    "on",
    "that",
    "by",
    "from",
    "as",
    "its",
    "forces",
    "state",
    "international",
    "parliament",
    "dialogue",
    "election",
    "minister",
    "municipality",
    "north",
    "south",
    "bridge",
    "police",
    "budget",
    "treaty",
    "statement",
    "figures",
    "numbers",
    "source",
)


# -- the synthetic projects ----------------------------------------------------------------------


def _mkdocs_yml(name: str, plugin: bool, prune: bool, images: bool = True) -> str:
    features = [
        "navigation.instant",
        "navigation.instant.progress",
        "navigation.sections",
        "navigation.top",
        "content.tabs.link",
        "search.suggest",
    ] + (["navigation.prune"] if prune else [])
    plugins = ["search"] + (["site-builder"] if plugin else [])
    if plugin and not images:
        plugins[-1] = "site-builder:\n      images: false"
    return "\n".join(
        [
            f"site_name: {name}",
            "site_url: http://127.0.0.1:8000/",
            "docs_dir: content",
            "site_dir: site",
            "theme:",
            "  name: material",
            "  language: en",
            "  font: false",
            "  features:",
            *[f"    - {f}" for f in features],
            "  palette:",
            '    - media: "(prefers-color-scheme: light)"',
            "      scheme: default",
            "      toggle: {icon: material/weather-night, name: Switch to dark mode}",
            '    - media: "(prefers-color-scheme: dark)"',
            "      scheme: slate",
            "      toggle: {icon: material/weather-sunny, name: Switch to light mode}",
            "plugins:",
            *[f"  - {p}" for p in plugins],
            "markdown_extensions:",
            "  - attr_list",
            "  - md_in_html",
            "  - admonition",
            "  - tables",
            "  - toc:",
            "      permalink: true",
            "  - pymdownx.superfences",
            "  - pymdownx.tabbed:",
            "      alternate_style: true",
            "",
        ]
    )


def _dataset_yml(index: int, edit: int = 0) -> str:
    rng = random.Random(index)
    records = []
    for j, country in enumerate(COUNTRIES[:20]):
        value = rng.randint(100, 50000) + (edit if j == 0 else 0)
        status = ("recognises", "does_not_recognise", "unclear")[rng.randint(0, 2)]
        confidence = ", confidence: low, note: Unconfirmed." if j % 7 == 3 else ""
        records.append(
            f'  - {{date: "{2000 + j}", country: {country}, value: {value}, status: {status}, '
            f"source: s{j % 3}{confidence}}}"
        )
    sources = []
    for s in range(3):
        sources += [
            f"  - id: s{s}",
            f"    producer: Producer {s}",
            f"    title: Report {index} number {s}",
            f"    url_main: https://example.org/{index}/{s}",
            '    date_published: "2025-04"',
            '    date_accessed: "2026-11-28"',
        ]
    return "\n".join(
        [
            f"title: Synthetic dataset {index}",
            "description: Generated for the build benchmark.",
            "license: CC BY 4.0",
            'last_checked: "2026-11-28"',
            "sources:",
            *sources,
            "fields:",
            "  date: {type: date, title: Year}",
            "  country: {type: country, title: Country}",
            "  value: {type: integer, title: Troops, unit: soldiers, min: 0}",
            "  status:",
            "    type: category",
            "    title: Status",
            "    categories:",
            "      - {value: recognises, label: Recognises}",
            "      - {value: does_not_recognise, label: Does not recognise}",
            "      - {value: unclear, label: Unclear}",
            "records:",
            *records,
            "",
        ]
    )


def _chart_yml(index: int) -> str:
    kind = KINDS[index % len(KINDS)]
    head = [
        f"kind: {kind}",
        f"dataset: d{index // CHARTS_PER_DATASET:05d}",
        f"title: Chart number {index}",
        f"subtitle: A {kind.replace('_', ' ')} of generated figures",
        "notes: Generated for the benchmark.",
    ]
    body = {
        "line": ["x: date", "y: value", "events:", '  - {date: "2008-02-17", label: Independence}'],
        "ranked_bar": ["category: country", "value: value", "limit: 15"],
        "choropleth": ["location: country", "color: status"],
    }[kind]
    return "\n".join(head + body + [""])


def _page_md(index: int, chart: bool) -> str:
    rng = random.Random(10_000 + index)
    out = [f"# Page {index}", ""]
    for paragraph in range(6):
        if paragraph in (2, 4):
            out += [f"## Section {paragraph // 2} of page {index}", ""]
        words = [rng.choice(WORDS) for _ in range(100)]
        out += [" ".join(words).capitalize() + ".", ""]
        if paragraph == 2 and chart:
            out += [f"::: chart c{index:05d}", ""]
    return "\n".join(out)


SECTIONS_PER_PART = 10
NESTED = False  # --nested: parts of ten sections of ten pages, so that navigation.prune has something to prune


def page_path(index: int) -> str:
    section = index // PAGES_PER_SECTION
    part = f"part{section // SECTIONS_PER_PART:02d}/" if NESTED else ""
    return f"{part}s{section:04d}/p{index:05d}.md"


def generate(folder: Path, pages: int, charts: bool, prune: bool, images: bool = True) -> Path:
    """A synthetic project in `folder` (replaced if present)."""
    if folder.exists():
        shutil.rmtree(folder)
    content = folder / "content"
    content.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(_mkdocs_yml(f"Bench {pages}", charts, prune, images), "utf-8")
    (content / "index.md").write_text("# Benchmark\n\nA generated site.\n", "utf-8")
    for i in range(pages):
        path = content / page_path(i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page_md(i, charts), "utf-8")
    if charts:
        (folder / "data").mkdir()
        (folder / "charts").mkdir()
        for d in range((pages + CHARTS_PER_DATASET - 1) // CHARTS_PER_DATASET):
            (folder / "data" / f"d{d:05d}.yml").write_text(_dataset_yml(d), "utf-8")
        for i in range(pages):
            (folder / "charts" / f"c{i:05d}.yml").write_text(_chart_yml(i), "utf-8")
        (folder / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return folder


def edit_dataset(folder: Path, edit: int) -> None:
    """Change one figure of the first dataset (its three charts depend on it)."""
    (folder / "data" / "d00000.yml").write_text(_dataset_yml(0, edit), "utf-8")


# -- building and measuring ----------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the build and the processes it waited for
    peak: int  # bytes: the largest resident set of the build (or of one of its workers)


def build(folder: Path, dirty: bool = False) -> Run:
    """One `mkdocs build` in a subprocess."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1764288000"))
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")] + (
        ["--dirty"] if dirty else []
    )
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(
            f"mkdocs build failed in {folder} ({process.returncode}):\n{stderr.decode(errors='replace')[-3000:]}"
        )
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)  # Linux: ru_maxrss in kilobytes


def cold(folder: Path) -> Run:
    shutil.rmtree(folder / "site", ignore_errors=True)
    shutil.rmtree(folder / ".site-builder-cache", ignore_errors=True)
    return build(folder)


def warm(folder: Path) -> Run:
    """A build as CI makes it: a fresh checkout (no site/), the cache restored from the last run."""
    shutil.rmtree(folder / "site", ignore_errors=True)
    return build(folder)


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def image_count(site: Path) -> int:
    """The chart images a build wrote: four posters and the card's PNG and SVG a chart."""
    return sum(1 for p in (site / "charts").glob("*/*") if p.name.startswith(("poster-", "chart.")))


def phone_weights(site: Path, pages: list[str]) -> list[int]:
    """What a phone downloads for each page before touching it (bench/page_weight.py), or 0 where
    it cannot be measured (no chromium here): a benchmark never fails for want of a browser.
    """
    from bench.gzip_server import serve
    from bench.page_weight import PHONE, measure

    try:
        with serve(site) as server:
            return [weight.total for weight in measure(server, pages, (PHONE,))]
    except Exception as error:  # noqa: BLE001 - reported, and the build figures still printed
        print(f"page weight not measured: {error}", file=sys.stderr)
        return [0 for _ in pages]


@dataclass
class Row:
    pages: int
    prune: bool
    repeats: int = 0
    bare: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)  # site-builder with `images: false`
    ours: list[float] = field(default_factory=list)  # cold: every image drawn
    warm: list[float] = field(default_factory=list)  # cache kept, site/ removed
    plain_ratio: list[float] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)
    warm_ratio: list[float] = field(default_factory=list)
    cpu_ratio: list[float] = field(default_factory=list)
    rate: list[float] = field(default_factory=list)  # images added per second of wall clock
    rebuild: list[float] = field(default_factory=list)
    dirty: list[float] = field(default_factory=list)
    images: int = 0
    peak_ours: int = 0
    peak_bare: int = 0
    site_ours: int = 0
    site_bare: int = 0
    line_page: int = 0
    map_page: int = 0


def measure(workdir: Path, pages: int, prune: bool, repeats: int, log) -> Row:
    tag = f"{pages}{'-prune' if prune else ''}{'-nested' if NESTED else ''}"
    bare = generate(workdir / f"bare-{tag}", pages, charts=False, prune=prune)
    plain = generate(workdir / f"plain-{tag}", pages, charts=True, prune=prune, images=False)
    ours = generate(workdir / f"ours-{tag}", pages, charts=True, prune=prune)
    row = Row(pages, prune, repeats)
    for run in range(repeats):
        b = cold(bare)
        p = cold(plain)
        o = cold(ours)
        drawn = image_count(ours / "site")
        if run == 0:  # sizes from the first cold builds, before any edit
            row.site_ours, row.site_bare, row.images = tree_bytes(ours / "site"), tree_bytes(bare / "site"), drawn
            first = Path(page_path(0)).with_suffix("").as_posix() + "/"
            third = Path(page_path(min(2, pages - 1))).with_suffix("").as_posix() + "/"
            row.line_page, row.map_page = phone_weights(ours / "site", [first, third])
        w = warm(ours)
        edit_dataset(ours, 2 * run + 1)
        r = build(ours)
        edit_dataset(ours, 2 * run + 2)
        d = build(ours, dirty=True)
        row.bare.append(b.wall)
        row.plain.append(p.wall)
        row.ours.append(o.wall)
        row.warm.append(w.wall)
        row.plain_ratio.append(p.wall / b.wall)
        row.ratio.append(o.wall / b.wall)
        row.warm_ratio.append(w.wall / b.wall)
        row.cpu_ratio.append(o.cpu / b.cpu)
        row.rate.append(drawn / max(o.wall - p.wall, 1e-3))
        row.rebuild.append(r.wall)
        row.dirty.append(d.wall)
        row.peak_bare = max(row.peak_bare, b.peak)
        row.peak_ours = max(row.peak_ours, o.peak, w.peak, r.peak, d.peak)
        log(
            f"N={pages} prune={'on' if prune else 'off'} run {run + 1}/{repeats}: "
            f"bare {b.wall:.2f} s ({b.cpu:.2f} s CPU), "
            f"no images {p.wall:.2f} s ({p.cpu:.2f} s CPU; x{row.plain_ratio[-1]:.3f}), "
            f"cold {o.wall:.2f} s ({o.cpu:.2f} s CPU; x{row.ratio[-1]:.3f} wall, x{row.cpu_ratio[-1]:.3f} CPU; "
            f"{drawn} images, {row.rate[-1]:.1f}/s), "
            f"warm {w.wall:.2f} s ({w.cpu:.2f} s CPU; x{row.warm_ratio[-1]:.3f}), "
            f"rebuild {r.wall:.2f} s ({r.cpu:.2f} s CPU), dirty rebuild {d.wall:.2f} s ({d.cpu:.2f} s CPU)"
        )
    edit_dataset(ours, 0)
    return row


def table(rows: list[Row]) -> str:
    med = statistics.median
    header = (
        "| N | prune | runs | bare s | no images s | no images/bare | cold s | cold/bare | warm s | warm/bare "
        "| CPU cold/bare | images | images/s | rebuild s | dirty s "
        "| peak MB ours (bare) | site MB ours (bare) | line page gz kB | map page gz kB |"
    )
    lines = [header, "|" + "|".join(["---:"] * (header.count("|") - 1)) + "|"]
    for r in rows:
        lines.append(
            f"| {r.pages} | {'on' if r.prune else 'off'}{' (nested nav)' if NESTED else ''} | {r.repeats} | "
            f"{med(r.bare):.2f} | {med(r.plain):.2f} | {med(r.plain_ratio):.3f} | "
            f"{med(r.ours):.2f} | {med(r.ratio):.3f} | {med(r.warm):.2f} | {med(r.warm_ratio):.3f} | "
            f"{med(r.cpu_ratio):.3f} | {r.images} | {med(r.rate):.1f} | "
            f"{med(r.rebuild):.2f} | {med(r.dirty):.2f} | "
            f"{r.peak_ours / 2**20:.0f} ({r.peak_bare / 2**20:.0f}) | "
            f"{r.site_ours / 1e6:.1f} ({r.site_bare / 1e6:.1f}) | {r.line_page / 1000:.0f} | {r.map_page / 1000:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="50,500,2000", help="page counts, comma-separated (default 50,500,2000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the table shows medians (default 3)")
    parser.add_argument(
        "--large", type=int, default=1000, help="sizes from this many pages up run --repeat-large times"
    )
    parser.add_argument("--repeat-large", type=int, default=1, help="runs for large sizes (default 1)")
    parser.add_argument(
        "--prune",
        choices=("off", "on", "both"),
        default="off",
        help="mkdocs-material's navigation.prune in both projects (default off)",
    )
    parser.add_argument(
        "--nested",
        action="store_true",
        help="pages in parts of sections (part/section/page) instead of top-level sections of ten pages; "
        "with navigation.sections, Material never prunes top-level sections",
    )
    parser.add_argument(
        "--workdir", type=Path, help="where the projects go (default: a temporary folder, removed after)"
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    global NESTED
    NESTED = args.nested
    prunes = {"off": [False], "on": [True], "both": [False, True]}[args.prune]

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="site-builder-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = []
    try:
        for pages in sizes:
            for prune in prunes:
                repeats = args.repeat_large if pages >= args.large else args.repeat
                rows.append(measure(workdir, pages, prune, max(1, repeats), log))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(rows))
    print(
        f"\n{os.cpu_count()} cores, Python {sys.version.split()[0]}; medians of the runs shown; "
        f"total {time.perf_counter() - started:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
