"""The `site-builder` command: what MkDocs has no verb for.

Domain errors (`ContentError`) are turned into printed problems and exit code 1 here, at the
boundary, and nowhere else. Exit codes: 0 success, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .errors import ContentError, display_path, format_problems

EXAMPLES = """\
examples:
  site-builder check                 check every dataset, chart and page
  site-builder schema                write the JSON Schemas to schemas/
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="site-builder",
        description="Data-journalism sites from YAML datasets. Build and preview with `mkdocs build` and `mkdocs serve`; "
                    "this command checks content and writes editors' helpers.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check every dataset, chart spec and chart line in pages",
                                description="Check every dataset in data/, chart spec in charts/ and `::: chart` line in "
                                            "content/. Prints each problem as file:line:column with a hint.",
                                epilog="example:\n  site-builder check", formatter_class=argparse.RawDescriptionHelpFormatter)
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="write the JSON Schemas of the dataset and chart formats",
                                 description="Write dataset.schema.json and chart.schema.json, which YAML editors use for "
                                             "autocompletion.",
                                 epilog="example:\n  site-builder schema --out schemas",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="folder to write to (default: schemas/)")
    schema.set_defaults(run=_schema)

    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    return args.run(args)


def _check(args) -> int:
    from .project import Project

    started = time.perf_counter()
    root = args.root.resolve()
    try:
        project = Project.load(root)
    except ContentError as error:
        print(str(error), file=sys.stderr)
        return 1
    problems, pages = [], sorted((root / "content").rglob("*.md"))
    for page in pages:
        problems += project.check_page(display_path(page, root), page.read_text(encoding="utf-8"))
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    print(f"ok: {len(project.datasets)} datasets, {len(project.charts)} charts, {len(pages)} pages checked in {elapsed:.2f} s")
    return 0


def _schema(args) -> int:
    from .schema import chart_schema, dataset_schema, dumps

    out = args.out if args.out.is_absolute() else args.root / args.out
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in (("dataset", dataset_schema()), ("chart", chart_schema())):
        (out / f"{name}.schema.json").write_text(dumps(schema), encoding="utf-8")
        print(f"wrote {display_path(out / f'{name}.schema.json', args.root.resolve())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
