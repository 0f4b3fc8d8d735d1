"""The `site-builder` command: what MkDocs has no verb for.

Domain errors (`ContentError`) are turned into printed problems (`format_problems`) and exit codes
here, at the boundary, and nowhere else. Exit codes: 0 success, 1 content errors (or a file that
would be overwritten), 2 usage errors (argparse's own, and bad names: problems placed at the
command line, `scaffold.command_line`).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from site_builder.editors import scaffold
from site_builder.editors.schema import write_schemas
from site_builder.errors import ContentError, display_path, format_problems
from site_builder.figures.kinds import KINDS
from site_builder.formats.contents import Contents
from site_builder.formats.project import Project
from site_builder.formats.site_config import SiteConfig

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

EXAMPLES = """\
examples:
  site-builder check                                          check every dataset, chart and page
  site-builder new dataset kfor_troops                        start data/kfor_troops.yml
  site-builder new chart kfor_line --dataset kfor_troops --kind line
                                                              start charts/kfor_line.yml
  site-builder new page kfor                                  start content/kfor.md
  site-builder schema                                         write the JSON Schemas to schemas/

exit codes: 0 success, 1 problems in the content (or a file not written), 2 a mistake in the command line.
Build the site with `mkdocs build` (make site); preview it with `mkdocs serve` (make serve).
"""


def _parser() -> argparse.ArgumentParser:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="site-builder",
        formatter_class=raw,
        epilog=EXAMPLES,
        description="Data-journalism sites from YAML datasets. This command checks the content and writes "
        "starting files and editors' helpers; MkDocs builds and previews the site.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="check every dataset, chart spec and chart line in pages",
        formatter_class=raw,
        description="Check every dataset in data/, every chart spec in charts/ (against its dataset) and every "
        "`::: chart` line in content/. Prints each problem as file:line:column: field: message, with a "
        "hint, and exits 1; prints a one-line summary and exits 0 when all is well. Fast enough to run "
        "on every save.",
        epilog="example:\n  site-builder check\n"
        "  data/kfor_troops.yml:14:7: records[3].troops: expected an integer, got '3,800'\n"
        "    hint: write numbers without quotes or thousands separators: 3800",
    )
    check.set_defaults(run=_check)

    new = commands.add_parser(
        "new",
        help="write a starting dataset, chart spec or page",
        formatter_class=raw,
        description="Write a commented starting file that passes `site-builder check` as written. "
        "Never overwrites a file.",
        epilog="examples:\n  site-builder new dataset kfor_troops\n"
        "  site-builder new chart kfor_line --dataset kfor_troops --kind line\n  site-builder new page kfor",
    )
    what = new.add_subparsers(dest="what", metavar="WHAT", required=True)
    dataset = what.add_parser(
        "dataset",
        help="data/NAME.yml: metadata, a source, two fields and a record",
        formatter_class=raw,
        description="Write data/NAME.yml: a dataset with a placeholder source, two fields (a date and a number) "
        "and one record, each key explained in a comment.",
        epilog="example:\n  site-builder new dataset kfor_troops      # writes data/kfor_troops.yml",
    )
    dataset.add_argument("name", metavar="NAME", help="the dataset id: lower-case letters, digits and underscores")
    dataset.set_defaults(run=_new)
    chart = what.add_parser(
        "chart",
        help="charts/NAME.yml: a chart of a dataset, with fields picked for its kind",
        formatter_class=raw,
        description="Write charts/NAME.yml: a chart of the dataset, its keys naming fields of that dataset picked "
        "by the types the kind accepts; optional keys are written as comments.",
        epilog="example:\n  site-builder new chart kfor_line --dataset kfor_troops --kind line",
    )
    chart.add_argument("name", metavar="NAME", help="the chart id: lower-case letters, digits and underscores")
    chart.add_argument(
        "--dataset", required=True, metavar="ID", help="the id of the dataset to plot (its file name in data/)"
    )

    chart.add_argument("--kind", required=True, choices=list(KINDS), help="the chart kind")
    chart.set_defaults(run=_new)
    page = what.add_parser(
        "page",
        help="content/NAME.md: a page, with a commented example of a chart line",
        formatter_class=raw,
        description="Write content/NAME.md with a title, a description and a commented example of a chart line. "
        "mkdocs.yml lists pages explicitly: add the line printed at the end to its `nav:`.",
        epilog="example:\n  site-builder new page kfor            # writes content/kfor.md\n"
        "  site-builder new page history/kfor    # writes content/history/kfor.md",
    )
    page.add_argument("name", metavar="NAME", help="the page's path in content/, without .md")
    page.set_defaults(run=_new)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas of the dataset and chart formats",
        formatter_class=raw,
        description="Write dataset.schema.json and chart.schema.json, generated from the models that validate the "
        "files. YAML editors use them for autocompletion and inline errors (see .vscode/settings.json). "
        "Run it after changing a model; a test fails when the committed schemas are out of date.",
        epilog="example:\n  site-builder schema --out schemas",
    )
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="folder to write to (default: schemas/)")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return args.run(args)


def _check(args) -> int:

    started = time.perf_counter()
    root = args.root.resolve()
    problems = []
    try:
        project = Project.load(root)
    except ContentError as error:
        problems += error.problems
        # Pages can still be checked against the dataset and chart files that exist.
        project = Contents.find(root)
    pages = sorted((root / "content").rglob("*.md"))
    for page in pages:
        problems += project.check_page(display_path(page, root), page.read_text(encoding="utf-8"))
    try:  # what the build stops on in mkdocs.yml: fonts from a third-party host
        problems += [problem for problem in [SiteConfig.load(root).font_problem()] if problem]
    except ContentError as error:
        problems += error.problems
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return EXIT_CONTENT
    elapsed = time.perf_counter() - started
    print(
        f"ok: {len(project.datasets)} datasets, {len(project.charts)} charts, "
        f"{len(pages)} pages checked in {elapsed:.2f} s"
    )
    return EXIT_OK


def _new(args) -> int:

    root = args.root.resolve()
    try:
        if args.what == "dataset":
            made = scaffold.dataset(root, args.name)
        elif args.what == "chart":
            made = scaffold.chart(root, args.name, args.dataset, args.kind)
        else:
            made = scaffold.page(root, args.name)
        scaffold.write(made)
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        usage = all(problem.path == scaffold.command_line(args.what) for problem in error.problems)
        return EXIT_USAGE if usage else EXIT_CONTENT
    print(f"wrote {made.shown}")
    for step in made.next_steps:
        print(f"next: {step}")
    return EXIT_OK


def _schema(args) -> int:

    root = args.root.resolve()
    out = args.out if args.out.is_absolute() else root / args.out
    for path in write_schemas(out):
        print(f"wrote {display_path(path, root)}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
