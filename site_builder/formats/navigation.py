"""The site's pages and its `nav:`, as MkDocs finds them, and where the two disagree.

A `nav:` entry that names no page, or a page that no entry names, is a warning in MkDocs, so a
strict build fails on it after every page has been read, with no line in `mkdocs.yml` to go to.
Checked here from the config file and the docs folder alone, `site-builder check` finds them
too, and the build finds them before it renders anything, both with the entry's line. The levels
are MkDocs': `validation.nav.not_found` (a warning unless set otherwise) and
`validation.nav.omitted_files` (a warning only when set so), and pages matched by `not_in_nav`
are never missing.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pathspec

from site_builder.errors import Problem, did_you_mean, display_path
from site_builder.formats.site_config import SiteConfig
from site_builder.formats.yamlsyntax import quoted

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # mkdocs.utils.markdown_extensions
_ALWAYS_EXCLUDED = (".*", "/templates/")  # mkdocs.structure.files: dot files and the theme's templates


def site_pages(site: SiteConfig) -> tuple[dict[str, Path], set[str]]:
    """The pages a build publishes (path in docs_dir -> file), in MkDocs' order, and the pages it
    leaves out (`exclude_docs`, drafts, a README.md beside an index.md).
    """
    docs = site.docs_path
    excluded_spec = pathspec.GitIgnoreSpec.from_lines([*_ALWAYS_EXCLUDED, *site.patterns("exclude_docs")])
    drafts = pathspec.GitIgnoreSpec.from_lines(site.patterns("draft_docs"))
    pages: dict[str, Path] = {}
    left_out: set[str] = set()
    if not docs.is_dir():
        return pages, left_out
    for folder, subfolders, names in os.walk(docs, followlinks=True):
        subfolders.sort()
        relative = PurePosixPath(Path(folder).relative_to(docs).as_posix())
        stems = {Path(name).stem for name in names if name.endswith(MARKDOWN)}
        for name in sorted(names, key=lambda name: (Path(name).stem not in ("index", "README"), name)):
            if not name.endswith(MARKDOWN):
                continue
            uri = (relative / name).as_posix() if str(relative) != "." else name
            if excluded_spec.match_file(uri) or drafts.match_file(uri):
                left_out.add(uri)
            elif Path(name).stem == "README" and "index" in stems:  # MkDocs warns: see `readme_problems`
                left_out.add(uri)
            else:
                pages[uri] = Path(folder) / name
    return pages, left_out


def nav_problems(
    site: SiteConfig, pages: Collection[str], left_out: Collection[str] = (), titles: Mapping[str, str] | None = None
) -> list[Problem]:
    """`nav:` entries that name no page, and pages that no entry names, at the levels MkDocs uses;
    `titles` (a page's own title, by path) word the line a hint proposes for a page.
    """
    if site.nav is None:  # no `nav:`: MkDocs lists every page
        return []
    problems = []
    docs = display_path(site.docs_path, site.root)
    absolute = site.validation("nav", "absolute_links", "info")
    if site.validation("nav", "not_found", "warn") == "warn":
        for entry in site.nav:
            scheme, netloc, *_ = urlsplit(entry.target)
            target = entry.target
            if scheme or netloc:
                continue  # a link to another site
            if target.startswith("/"):
                if absolute != "relative_to_docs":
                    if absolute == "warn":
                        problems.append(_absolute(site, entry))
                    continue
                target = target.lstrip("/")
            target = PurePosixPath(target).as_posix()
            if target not in pages and target not in left_out:
                problems.append(
                    Problem(
                        site.nav_display,
                        f"'{entry.target}' is not a page in {docs}/",
                        entry.line,
                        None,
                        "nav",
                        _missing_hint(target, pages, docs),
                    )
                )
    if site.validation("nav", "omitted_files", "info") == "warn":
        listed = {PurePosixPath(entry.target.lstrip("/")).as_posix() for entry in site.nav}
        not_in_nav = pathspec.GitIgnoreSpec.from_lines(site.patterns("not_in_nav"))
        for page in pages:
            if page not in listed and not not_in_nav.match_file(page):
                title = (titles or {}).get(page) or _title_of(page)
                title = quoted(title) if ": " in title or " #" in title or title[:1] in "\"'[{&*!|>%@`#" else title
                problems.append(
                    Problem(
                        f"{docs}/{page}",
                        f"the page is not in the navigation (`nav:` in {site.nav_display})",
                        None,
                        None,
                        "",
                        f"add a line for it to `nav:`, like `- {title}: {page}`, where readers should "
                        "find it; or, if only links are to lead to it, add it to `not_in_nav:`",
                    )
                )
    return problems


def readme_problems(site: SiteConfig, pages: Collection[str], left_out: Collection[str]) -> list[Problem]:
    """A README.md beside an index.md: both would be the folder's page, so MkDocs leaves the README
    out with a warning, which fails a strict build.
    """
    docs = display_path(site.docs_path, site.root)
    problems = []
    for uri in sorted(left_out):
        path = PurePosixPath(uri)
        if path.stem == "README" and any(PurePosixPath(page).parent == path.parent for page in pages):
            index = next(page for page in pages if PurePosixPath(page).parent == path.parent)
            if PurePosixPath(index).stem == "index":
                problems.append(
                    Problem(
                        f"{docs}/{uri}",
                        f"this page and {docs}/{index} would both be the page of their folder: MkDocs leaves it out",
                        hint="merge the two, or rename this one",
                    )
                )
    return problems


def _missing_hint(target: str, pages: Collection[str], docs: str) -> str:
    """A close page, compared without the `.md` every page shares (it would make any two alike)."""
    by_stem = {str(PurePosixPath(page).with_suffix("")): page for page in pages}
    close = did_you_mean(str(PurePosixPath(target).with_suffix("")), by_stem)
    if close.startswith("did you mean"):
        return f"did you mean '{by_stem[close.split(chr(39))[1]]}'?"
    names = sorted(pages)
    listed = ", ".join(f"'{page}'" for page in names[:12]) + (", ..." if len(names) > 12 else "")
    return f"name a page by its path in {docs}/, like `index.md` or `section/page.md`" + (
        f"; the pages are {listed}" if names else ""
    )


def _absolute(site: SiteConfig, entry) -> Problem:
    return Problem(
        site.nav_display,
        f"'{entry.target}' is an absolute path, which MkDocs leaves as a link outside the site",
        entry.line,
        None,
        "nav",
        f"name the page by its path in {display_path(site.docs_path, site.root)}/, without the leading '/'",
    )


def _title_of(page: str) -> str:
    stem = PurePosixPath(page).stem
    return (PurePosixPath(page).parent.name if stem == "index" else stem).replace("-", " ").replace("_", " ").title()
