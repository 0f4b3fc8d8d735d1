"""One build of every edition against the sum of single-edition builds, and each edition's heaviest page.

Issue 19's measure: "all editions together build in no more than the sum of single-language builds
of the same pages (the datasets are read and checked once, figures shared where only text differs)";
"page weight per edition within the budget of issue 10". A benchmark, not a test: it prints and never fails.

In one run, alternating, each build in its own process on a copy of the project, the chart cache
warmed first (as CI keeps it between runs; a cold cache draws each edition's images once, whichever
way it is built):

- together: `site-builder build` (every edition in one process, the project loaded once);
- separate: one process an edition: `mkdocs build` (English), `mkdocs build -f mkdocs.<lang>.yml`
  for each edition with a file, `site-builder build --edition <lang>` for one made by transliteration.

Then each edition's pages are loaded in Chromium at a phone's width (bench/page_weight.py: gzip body
bytes before the reader touches anything), and the heaviest of each edition is printed against the
200 KB budget.

The project's translated pages (content/sq, content/sr) come from translators; where a folder is
missing, the copy stands the English pages in for it, and the output says so (the build's work is
the same, the words are not).

    .venv/bin/python bench/editions.py                  # the repository's project, 3 rounds
    .venv/bin/python bench/editions.py --repeat 1 --no-weight
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_builder.formats.site_config import SiteConfig  # noqa: E402
from site_builder.languages.editions import editions_of  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COPIED = ("content", "data", "charts", "package.json")


def project_copy(source: Path, destination: Path) -> list[str]:
    """The project in `destination`; the editions whose pages the English ones stand in for."""
    destination.mkdir(parents=True)
    for name in (name for name in COPIED if (source / name).exists()):
        (shutil.copytree if (source / name).is_dir() else shutil.copy)(source / name, destination / name)
    for config in source.glob("mkdocs*.yml"):
        shutil.copy(config, destination / config.name)
    modules = source / "node_modules" if (source / "node_modules").is_dir() else ROOT / "node_modules"
    (destination / "node_modules").symlink_to(modules, target_is_directory=True)
    stand_ins = []
    for edition in editions_of(SiteConfig.load(destination)):
        if edition.config_file is None or edition.is_source:
            continue
        docs = SiteConfig.load(destination, edition.config_file.name).docs_path
        if not docs.is_dir():
            english = SiteConfig.load(destination).docs_path
            shutil.copytree(english, docs, ignore=shutil.ignore_patterns("sq", "sr", "editors"))
            stand_ins.append(edition.language)
    return stand_ins


def timed(command: list[str], project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "1764288000")
    env.setdefault("SITE_URL", "http://127.0.0.1:8000/")
    started = time.monotonic()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    took = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return took


def separate_commands(project: Path) -> list[tuple[str, list[str]]]:
    commands = []
    for edition in editions_of(SiteConfig.load(project)):
        if edition.is_source:
            commands.append((edition.language, [str(BIN / "mkdocs"), "build", "--strict", "-q"]))
        elif edition.config_file is not None:
            file = edition.config_file.name
            commands.append((edition.language, [str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", file]))
        else:
            commands.append((edition.language, [str(BIN / "site-builder"), "build", "--edition", edition.language]))
    return commands


def heaviest(site: Path, folders: dict[str, str]) -> dict[str, tuple[str, int]]:
    """Each edition's heaviest page at a phone's width (page, gzip bytes), measured in Chromium."""
    from bench.gzip_server import pages_of, serve
    from bench.page_weight import PHONE, measure

    others = [folder for folder in folders.values() if folder]
    with serve(site) as server:
        pages = pages_of(server.root)
        result = {}
        for language, folder in folders.items():
            mine = [
                p
                for p in pages
                if (p.startswith(f"{folder}/") if folder else not any(p.startswith(f"{o}/") for o in others))
            ]
            weights = measure(server, mine, (PHONE,))
            top = max(weights, key=lambda weight: weight.total)
            result[language] = (top.page or "/", top.total)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--project", type=Path, default=ROOT, help="the project (default: this repository's)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of both ways (default 3)")
    parser.add_argument("--no-weight", action="store_true", help="skip the page weights")
    args = parser.parse_args(argv[1:])
    with tempfile.TemporaryDirectory(prefix="bench-editions-") as temporary:
        project = Path(temporary) / "project"
        stand_ins = project_copy(args.project.resolve(), project)
        together_command = [str(BIN / "site-builder"), "build"]
        separate = separate_commands(project)
        print(f"warming the chart cache ({' '.join(together_command)})...", file=sys.stderr, flush=True)
        timed(together_command, project)
        together, apart = [], {language: [] for language, _ in separate}
        for round_ in range(args.repeat):
            print(f"round {round_ + 1} of {args.repeat}...", file=sys.stderr, flush=True)
            shutil.rmtree(project / "site", ignore_errors=True)
            together.append(timed(together_command, project))
            shutil.rmtree(project / "site", ignore_errors=True)
            for language, command in separate:
                apart[language].append(timed(command, project))
        sums = [sum(times[i] for times in apart.values()) for i in range(args.repeat)]
        print("\n| build | median s | runs |\n|---|---:|---|")
        print(f"| every edition, one process | {statistics.median(together):.1f} | {_runs(together)} |")
        for language, times in apart.items():
            print(f"| {language} alone | {statistics.median(times):.1f} | {_runs(times)} |")
        print(f"| sum of the single-edition builds | {statistics.median(sums):.1f} | {_runs(sums)} |")
        ratio = statistics.median(together) / statistics.median(sums)
        print(f"\ntogether / sum: {ratio:.2f} (the goal: at most 1.00)")
        if stand_ins:
            print(f"(stand-ins: the English pages built as the {', '.join(stand_ins)} edition's, no translation yet)")
        if not args.no_weight:
            shutil.rmtree(project / "site", ignore_errors=True)
            timed(together_command, project)
            folders = {e.language: e.folder for e in editions_of(SiteConfig.load(project))}
            print("\n| edition | heaviest page (phone) | KB gzip | budget 200 KB |\n|---|---|---:|---|")
            for language, (page, size) in heaviest(project / "site", folders).items():
                print(f"| {language} | {page} | {size / 1000:.1f} | {'within' if size <= 200_000 else 'OVER'} |")
    return 0


def _runs(times: list[float]) -> str:
    return ", ".join(f"{t:.1f}" for t in times)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
