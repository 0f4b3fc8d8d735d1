"""Lighthouse on every page of the site, built and served as readers get it (issue 13). A benchmark: it never fails.

The repository's site (content/, mkdocs.yml, as they are) is built into a temporary folder with
SITE_URL set to the origin of a gzip server (bench/gzip_server.py) bound beforehand, so that
Material's instant navigation, the canonical links and the social tags point where the pages are
served, and every text file comes compressed, as from GitHub Pages. Every page is found by walking
the built site (`pages_of`), so a page added to the site is measured from then on.

Lighthouse (bench/lighthouse/, pinned by its package-lock.json; `make lighthouse` installs it) runs
with its mobile preset, `--runs` times a page in one headless Debian chromium
(bench/lighthouse/run.mjs). The table shows the median of the runs for each category, and LCP, TBT
and CLS of the run with the median performance score. Accessibility, best practices and SEO do not
depend on timing; tests/browser/test_lighthouse.py holds every page to 100 in them.

    .venv/bin/python bench/lighthouse_site.py [--runs 3] [--pages kfor/,charts/] [--json report.json]

The machines this runs on are shared: performance moves by several points between runs of the same
page, which is why it is a median of runs, and why it is a benchmark rather than a test.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: `python bench/lighthouse_site.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gzip_server import pages_of, serve

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bench" / "lighthouse"
RUNNER = PACKAGE / "run.mjs"
CHROMIUM = Path(os.environ.get("CHROME_PATH") or "/usr/bin/chromium")
# Lighthouse's category ids, and their names in the table.
CATEGORIES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
DETERMINISTIC = ("accessibility", "best-practices", "seo")
PAGE_TIMEOUT = 90  # seconds a page may take in the runner before it counts as hung: a busy machine takes 10


def missing() -> list[str]:
    """What Lighthouse needs here and is not installed, each with how to install it."""
    found = []
    if not shutil.which("node"):
        found.append("Node.js is missing: install Node.js 20 or later (Debian: `sudo apt-get install nodejs npm`)")
    if not (PACKAGE / "node_modules" / "lighthouse" / "package.json").is_file():
        found.append(
            "Lighthouse is not installed: run `make setup-test` (or `npm ci --prefix bench/lighthouse`), "
            "which installs the version pinned in bench/lighthouse/package-lock.json"
        )
    if not CHROMIUM.is_file():
        found.append(
            f"{CHROMIUM} is missing: Lighthouse runs Debian's chromium; run `make setup-test`, which installs it "
            "(or `sudo apt-get install chromium`), or set CHROME_PATH to another Chromium"
        )
    return found


def run_lighthouse(urls: list[str], categories=tuple(CATEGORIES), runs: int = 1, processes: int = 1) -> dict:
    """bench/lighthouse/run.mjs on `urls`: its JSON report (see there), one entry per URL in the order given.

    With `processes` > 1 the pages are shared between that many runners, each with its own chromium:
    a run without the performance category spends most of its time waiting for the page to settle,
    so two runners take little more than half the time of one. Timed runs keep to one runner, or
    each would slow the other's pages down.
    """
    shares = [urls[share::processes] for share in range(processes) if urls[share::processes]]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    started = []
    for share in shares:
        command = ["node", str(RUNNER), "--runs", str(runs), "--categories", ",".join(categories), *share]
        started.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    reports = []
    try:
        for runner, share in zip(started, shares):
            out, err = runner.communicate(timeout=30 + PAGE_TIMEOUT * runs * len(share))
            if runner.returncode != 0:
                raise RuntimeError(f"Lighthouse failed (exit {runner.returncode}):\n{err.strip()[-4000:]}")
            reports.append(json.loads(out))
    finally:
        for runner in started:
            if runner.poll() is None:
                runner.kill()
                runner.communicate()
    pages = {page["url"]: page for report in reports for page in report["pages"]}
    return {**reports[0], "pages": [pages[url] for url in urls]}


def build_site(folder: Path, origin: str) -> None:
    """The repository's site built into `folder` in strict mode, with site_url = `origin` + "/"."""
    env = {**os.environ, "SITE_URL": f"{origin}/", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(folder)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the site does not build (`make site` says why):\n{done.stderr.strip()[-4000:]}")


def failures(report: dict, origin: str, categories=DETERMINISTIC) -> dict[str, list[str]]:
    """Every page scoring under 100 in one of `categories` (or not measured at all), with what cost it points."""
    found = {}
    for page in report["pages"]:
        name = page["url"].removeprefix(origin + "/") or "/"
        result = page["median"]
        if "error" in result:
            found[name] = [f"Lighthouse could not measure it: {result['error']}"]
            continue
        lines = []
        for category in categories:
            score = result["scores"].get(category)
            if score == 100:
                continue
            lines.append(f"{CATEGORIES[category]} {score}:")
            for audit in (a for a in result["failing"] if a["category"] == category):
                lines.append(f"  {audit['id']}: {audit['title']} {audit['explanation']}".rstrip())
                for item in audit["items"]:
                    if "text" in item:
                        lines.append(f"    {item['text']}")
                    else:
                        lines.append(f"    {item['selector']}  {item['snippet']}  “{item['label']}”")
        if lines:
            found[name] = lines
    return found


def table(report: dict, origin: str) -> str:
    """The Markdown table: each page's median scores, and the metrics of its median performance run."""
    lines = [
        "| page | performance | accessibility | best practices | SEO | LCP s | TBT ms | CLS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in report["pages"]:
        name = page["url"].removeprefix(origin + "/") or "/"
        result = page["median"]
        if "error" in result:
            lines.append(f"| {name} | not measured: {result['error'][:120]} | | | | | | |")
            continue
        scores = [result["scores"].get(category) for category in CATEGORIES]
        runs = [run["scores"]["performance"] for run in page["runs"] if "error" not in run]
        cells = [f"{scores[0]:g}" + (f" ({min(runs)}–{max(runs)})" if len(set(runs)) > 1 else "")]
        cells += [f"{score:g}" for score in scores[1:]]
        metrics = result["metrics"]
        cells += [f"{metrics['lcp_ms'] / 1000:.1f}", f"{metrics['tbt_ms']:,}", f"{metrics['cls']:.3f}"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs a page; the table shows medians (default: 3)")
    parser.add_argument("--pages", default="", help="only pages whose path contains one of these, comma-separated")
    parser.add_argument("--json", type=Path, help="also write Lighthouse's summarised report here")
    args = parser.parse_args(argv[1:])
    problems = missing()
    if problems:
        print("Lighthouse not run:\n" + "\n".join(f"- {p}" for p in problems), file=sys.stderr)
        return 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temporary, serve(Path(temporary) / "site") as server:
        try:
            build_site(server.root, server.origin)
        except RuntimeError as error:
            print(f"Lighthouse not run: {error}", file=sys.stderr)
            return 0
        built = time.monotonic()
        wanted = [p for p in args.pages.split(",") if p]
        pages = [p for p in pages_of(server.root) if not wanted or any(w in p for w in wanted)]
        print(
            f"Lighthouse, mobile preset, {args.runs} run(s) of {len(pages)} pages served with gzip...", file=sys.stderr
        )
        try:
            report = run_lighthouse([server.url(page) for page in pages], runs=args.runs)
        except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
            print(f"Lighthouse not run: {error}", file=sys.stderr)
            return 0
        if args.json:
            args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
        print(table(report, server.origin))
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"\nLighthouse {report['lighthouse']}, {_chromium_version(report['chromium'])}, {datetime.date.today()}, "
            f"{os.cpu_count()} cores, "
            f"load average {load}; build {built - started:.0f} s, Lighthouse {time.monotonic() - built:.0f} s. "
            f"Performance: median of {args.runs} (range when the runs differ); LCP, TBT, CLS: the median run."
        )
        found = failures(report, server.origin)
        if found:
            print("\nBelow 100 in accessibility, best practices or SEO:")
            for page, lines in found.items():
                print(f"- {page}\n" + "\n".join(f"    {line}" for line in lines))
    return 0


def _chromium_version(agent: str) -> str:
    """The browser measured, "HeadlessChrome/131.0.6778.85", from the user agent string Lighthouse reports."""
    return next((part for part in agent.split() if "Chrome/" in part), "")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
