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

from site_builder.editors import init, scaffold
from site_builder.editors.schema import write_schemas
from site_builder.editors.wording_check import stamp_page, translations_report, words_and_translations
from site_builder.errors import ContentError, Problem, display_path, format_problems
from site_builder.figures.kinds import KINDS
from site_builder.formats.contents import Contents
from site_builder.formats.navigation import site_pages
from site_builder.formats.project import Project, site_languages
from site_builder.formats.site_config import SiteConfig
from site_builder.languages.localize import untranslated
from site_builder.reader.sentences import count
from site_builder.review import report
from site_builder.review.gitstate import GitProblem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

EXAMPLES = """\
examples:
  site-builder init mysite                                    start a new site in mysite/
  site-builder check                                          check every dataset, chart and page
  site-builder new dataset kfor_troops                        start data/kfor_troops.yml
  site-builder new chart kfor_line --dataset kfor_troops --kind line
                                                              start charts/kfor_line.yml
  site-builder new page kfor --section Recognition            start content/kfor.md, listed in mkdocs.yml's nav
  site-builder schema                                         write the JSON Schemas to schemas/
  site-builder build                                          build every edition into site/ (make site)
  site-builder build --edition sq                             build the Albanian edition into site/sq/
  site-builder serve                                          preview the site on http://127.0.0.1:8000/
  site-builder serve -f mkdocs.sq.yml                         preview the Albanian edition
  site-builder diff                                           what your branch changes in data and charts
  site-builder translations                                   each edition's pages: up to date, stale, missing

exit codes: 0 success, 1 problems in the content (or a file not written), 2 a mistake in the command line.
Build the site with `site-builder build` (make site); preview it with `site-builder serve` (make serve).
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

    start = commands.add_parser(
        "init",
        help="start a new site in a new folder: mkdocs.yml, an example dataset, chart and page, the workflow",
        formatter_class=raw,
        description="Write a new site into DIR: mkdocs.yml (system fonts, instant navigation, strict, the "
        "site-builder plugin), an example dataset, chart and page with real, sourced figures, the JSON Schemas, "
        ".gitignore, requirements.txt, a GitHub Pages workflow and a README. It passes `site-builder check` and "
        "builds with `mkdocs build` as written. DIR must be new or empty.",
        epilog="example:\n  site-builder init mysite\n  cd mysite\n  mkdocs build",
    )
    start.add_argument("dir", metavar="DIR", type=Path, help="the folder to create (or an empty one)")
    start.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty (an existing file is still never overwritten)",
    )
    start.set_defaults(run=_init)

    check = commands.add_parser(
        "check",
        help="check everything a strict build checks: datasets, charts, pages and the navigation",
        formatter_class=raw,
        description="Check what `mkdocs build --strict` would refuse, reading mkdocs.yml for the folders: every "
        "dataset (data_dir), every chart spec (charts_dir) against its dataset, every page in docs_dir (its front "
        "matter, its title, its `:::` lines) and the `nav:` (entries that name no page, pages it leaves out). "
        "Prints each problem as file:line:column: field: message, with a hint, and exits 1; prints a one-line "
        "summary and exits 0 when all is well. Fast enough to run on every save.",
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
        description="Write data/NAME.yml (in the plugin's data_dir, set in mkdocs.yml): a dataset with a "
        "placeholder source, two fields (a date and a number) and one record, each key explained in a comment. "
        "Then it suggests the chart kind that fits those fields.",
        epilog="example:\n  site-builder new dataset kfor_troops      # writes data/kfor_troops.yml",
    )
    dataset.add_argument("name", metavar="NAME", help="the dataset id: lower-case letters, digits and underscores")
    dataset.set_defaults(run=_new)
    chart = what.add_parser(
        "chart",
        help="charts/NAME.yml: a chart of a dataset, with fields picked for its kind",
        formatter_class=raw,
        description="Write charts/NAME.yml (in the plugin's charts_dir, set in mkdocs.yml): a chart of the dataset, "
        "its keys naming fields of that dataset picked by the types the kind accepts; optional keys are written "
        "as comments.",
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
        help="content/NAME.md: a page, with a commented example of a chart line, added to the navigation",
        formatter_class=raw,
        description="Write NAME.md in the site's docs_dir (set in mkdocs.yml) with a title, a description and a\n"
        "commented example of a chart line, and add it to the navigation in mkdocs.yml: one line, under the\n"
        "--section named, or else under the section of the other pages of its folder, or else at the end.\n"
        "Nothing else in mkdocs.yml changes. A section that does not exist is made at the end, unless its\n"
        "name is close to an existing one's: that is taken for a slip, and nothing is written. Without `nav:`\n"
        "in mkdocs.yml, the page appears in the menu by itself.\n\n"
        "The title is made from NAME, with the words the project's titles write in capitals kept so\n"
        '(kfor-in-2024: "KFOR in 2024"); --title gives another.',
        epilog="examples:\n  site-builder new page kfor-contributors --section Recognition\n"
        '  site-builder new page kfor-in-2024 --title "KFOR in 2024: who sends the soldiers"\n'
        "  site-builder new page history/kfor    # writes content/history/kfor.md",
    )
    page.add_argument("name", metavar="NAME", help="the page's path in the docs folder, without .md")
    page.add_argument("--title", help="the page's title, as readers see it (default: made from NAME)")
    page.add_argument(
        "--section",
        metavar="TITLE",
        help="the navigation section to list it under (default: its folder's section, or the end)",
    )
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

    build = commands.add_parser(
        "build",
        help="build every edition of the site (each language) into site/, swapped in once all succeeded",
        formatter_class=raw,
        description="Build the site's editions (the languages mkdocs.yml lists under extra.alternate: the "
        "first from mkdocs.yml at the site's root, each other from mkdocs.<lang>.yml into its folder) one after "
        "another with MkDocs, the datasets and charts read and checked once for all. The new site replaces "
        "site/ only when every edition succeeded; otherwise the last good site stays. `make site` runs it.",
        epilog="examples:\n  site-builder build\n  site-builder build --edition sq   (into site/sq/, the rest kept)",
    )
    build.add_argument("--edition", metavar="LANG", help="build only this edition (its language, like sq or sr-Latn)")
    build.set_defaults(run=_build)

    serve = commands.add_parser(
        "serve",
        help="live preview of the site, which keeps answering while a file is broken",
        formatter_class=raw,
        description="Build the site and serve it on http://127.0.0.1:8000/, rebuilding it on every save "
        "(MkDocs' live-reload server). Whatever a save breaks (a dataset, a chart, a page, mkdocs.yml, the "
        "navigation), the preview keeps answering: every page shows the problems in a red box over the last "
        "good version, and the next save that fixes them brings the pages back. It starts on a broken project "
        "too. Stop it with Ctrl-C. `make serve` runs it.",
        epilog="example:\n  site-builder serve --dev-addr 127.0.0.1:8001",
    )
    serve.add_argument("--dev-addr", metavar="HOST:PORT", help="where to serve (default: mkdocs.yml's dev_addr)")
    serve.add_argument(
        "-f", "--config-file", metavar="FILE", help="an edition's config, like mkdocs.sq.yml (default: mkdocs.yml)"
    )
    serve.set_defaults(run=_serve)
    _diff_parser(commands, raw)
    _translations_parser(commands, raw)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return args.run(args)


def _init(args) -> int:

    folder = args.dir if args.dir.is_absolute() else args.root / args.dir
    try:
        started = init.init(folder.resolve(), force=args.force, shown=str(args.dir))
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return EXIT_CONTENT
    print(f"wrote {len(started.written)} files into {args.dir}/: {', '.join(started.written)}")
    for step in started.next_steps:
        print(f"next: {step}")
    return EXIT_OK


def _check(args) -> int:
    """Everything a strict build refuses, found the way the build finds it: the folders, pages and
    `nav:` of mkdocs.yml (`SiteConfig`), each page through `Contents.check_pages` (the plugin's own
    check), the datasets and charts through `Project.load` (the chart work's), and their texts with
    no translation into an edition's language (`Project.problems_in`, what a strict build of it stops on).
    """
    started = time.perf_counter()
    root = args.root.resolve()
    try:
        site = SiteConfig.load(root)
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return EXIT_CONTENT
    problems = []
    try:
        project = Project.of_site(site)
    except ContentError as error:
        problems += error.problems
        project = None
    else:  # every edition's texts, in its language, a line a text (Latin Serbian's are the Cyrillic ones)
        problems += untranslated(project, project.languages)
    contents = Contents.of_site(site)  # pages are checked against the files that exist, broken or not
    pages, _ = site_pages(site)
    docs = display_path(site.docs_path, root)
    texts = []
    for uri, path in pages.items():
        try:
            texts.append((uri, path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:  # MkDocs stops on it too
            problems.append(Problem(f"{docs}/{uri}", f"cannot read the page: {error}", hint="save the file as UTF-8"))
    problems += contents.check_pages(docs, texts, site)[0]
    problems += [problem for problem in [site.font_problem()] if problem]  # fonts from a third-party host
    wording, notes = words_and_translations(site)  # the glossary's words; stale translations
    problems += wording
    for note in notes:
        print(f"note: {note.format()}", file=sys.stderr)  # an English edit must not fail CI: readers are told
    if problems:
        print(format_problems(ContentError(problems).problems), file=sys.stderr)  # sorted by file and line
        return EXIT_CONTENT
    elapsed = time.perf_counter() - started
    print(
        f"ok: {count(len(project.datasets), 'dataset')}, {count(len(project.charts), 'chart')}, "
        f"{count(len(pages), 'page')} in {docs}/ and the navigation checked in {elapsed:.2f} s"
    )
    return EXIT_OK


def _new(args) -> int:
    """The folders come from mkdocs.yml (docs_dir, the plugin's data_dir and charts_dir), as the build reads them."""
    root = args.root.resolve()
    try:
        config = SiteConfig.load(root)
        if args.what == "dataset":
            made = scaffold.dataset(config.root, args.name, config.data_dir)
        elif args.what == "chart":
            made = scaffold.chart(
                config.root,
                args.name,
                args.dataset,
                args.kind,
                config.data_dir,
                config.charts_dir,
                config.docs_dir,
                site_languages(config),
            )
        else:
            made = scaffold.page(config, args.name, args.title, args.section)
        scaffold.write(made)
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        usage = all(problem.path == scaffold.command_line(args.what) for problem in error.problems)
        return EXIT_USAGE if usage else EXIT_CONTENT
    for done in made.done:
        print(done)
    for step in made.next_steps:
        print(f"next: {step}")
    return EXIT_OK


def _schema(args) -> int:

    root = args.root.resolve()
    out = args.out if args.out.is_absolute() else root / args.out
    for path in write_schemas(out):
        print(f"wrote {display_path(path, root)}")
    return EXIT_OK


def _serve(args) -> int:
    from site_builder.engines.mkdocs_serve import serve  # MkDocs, only for this command

    serve(args.root, args.dev_addr, args.config_file)
    return EXIT_OK


def _build(args) -> int:
    from site_builder.engines.mkdocs_editions import EditionFailed, build_editions  # MkDocs, only for this command

    try:
        site = build_editions(args.root, args.edition)
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return EXIT_CONTENT
    except EditionFailed as error:
        print(f"site-builder: {error}; the last site is kept as it was", file=sys.stderr)
        return EXIT_CONTENT
    print(f"site-builder: the site is in {display_path(site, args.root.resolve())}")
    return EXIT_OK


def _translations_parser(commands, raw) -> None:
    translations = commands.add_parser(
        "translations",
        help="each edition's pages: up to date, stale (the English page changed since), missing",
        formatter_class=raw,
        description="List every page of every translated edition (mkdocs.<lang>.yml) with its status: up to "
        "date (its `translation: source` is the English page's version now), stale (the English page changed "
        "since: readers are told, with a link to it), missing (no translation yet), no English original, or no "
        "note (no `translation:` front matter). With --stamp, after bringing a translation up to date, write "
        "the English page's current version and today's date into its front matter.",
        epilog="examples:\n  site-builder translations\n  site-builder translations --stamp content/sq/kfor.md\n"
        "  site-builder translations --stamp content/sr/kfor.md --method human",
    )
    translations.add_argument("--stamp", metavar="PAGE", type=Path, help="a translated page brought up to date")
    translations.add_argument(
        "--method", choices=["machine", "human"], help="how it was translated (with --stamp; default: as it says)"
    )
    translations.set_defaults(run=_translations)


def _translations(args) -> int:
    root = args.root.resolve()
    try:
        site = SiteConfig.load(root)
        if args.stamp is not None:
            print(stamp_page(site, args.stamp, args.method))
        else:
            sys.stdout.write(translations_report(site))
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return EXIT_CONTENT
    return EXIT_OK


DIFF_EPILOG = """\
examples:
  site-builder diff                        your branch (with uncommitted edits) against where it left main
  site-builder diff main HEAD              the last commit against main
  site-builder diff --format markdown --out review/     review/diff.md and its images (a pull request's summary)
  site-builder diff --format html --out review/         review/diff.html, one file with its images
  site-builder diff --strict origin/main   exit 1 if a published figure changed without a correction

exit codes: 0 reported (changes or none), 1 problems in a file either side, or with --strict a published
figure changed without a correction, 2 a mistake in the command line or a commit that is not here.
"""


def _diff_parser(commands, raw) -> None:
    diff = commands.add_parser(
        "diff",
        help="what changed in data and charts between two commits (by default: your work against main)",
        formatter_class=raw,
        description="Compare two states of the project: each dataset's records added, removed and changed "
        "(matched by the dataset's key, with each value before and after and its line), its sources and "
        "metadata; each chart whose figure changed, the pages showing it, and its image before and after. "
        "Flags published figures changed without a correction. BASE and HEAD are git commits or branches; "
        "by default BASE is where HEAD left the main branch and HEAD is your files as they are now, "
        "uncommitted edits included. A missing remote branch (origin/main on a shallow clone) is fetched.",
        epilog=DIFF_EPILOG,
    )
    diff.add_argument("base", nargs="?", metavar="BASE", help="the published state (default: the merge base with main)")
    diff.add_argument("head", nargs="?", metavar="HEAD", help="the state to review (default: the working tree)")
    diff.add_argument(
        "--format",
        action="append",
        choices=report.FORMATS,
        help="terminal (default), markdown or html; give it twice for two reports of one run",
    )
    diff.add_argument("--out", type=Path, metavar="DIR", help="write diff.md / diff.html and images/ into DIR")
    diff.add_argument("--strict", action="store_true", help="exit 1 on a published figure changed uncorrected")
    diff.add_argument("--no-images", action="store_true", help="skip the before and after images (no Chromium)")
    diff.add_argument("--no-fetch", action="store_true", help="never fetch from the remote, even on a shallow clone")
    diff.set_defaults(run=_diff)


def _diff(args) -> int:
    formats = args.format or ["terminal"]
    if len(formats) > 1 and args.out is None:
        print("site-builder diff: two formats need --out DIR (each report is a file there)", file=sys.stderr)
        return EXIT_USAGE
    try:
        made = report.run(
            args.root.resolve(), args.base, args.head, formats, args.out, not args.no_images, fetch=not args.no_fetch
        )
    except GitProblem as error:
        print(f"site-builder diff: {error.format()}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return EXIT_CONTENT
    for text in made.printed:
        sys.stdout.write(text)
    for path in made.written:
        print(f"wrote {path}", file=sys.stderr)
    if made.review.uncorrected and args.strict:
        count = len(made.review.uncorrected)
        print(
            f"site-builder diff: {count} published figure{'s' * (count != 1)} changed without a correction (--strict)",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
