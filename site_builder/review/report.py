"""One run of `site-builder diff`: the two states found, compared once, and each report asked for made.

The reports share one `Review`, so a pull request's summary and its HTML artifact can never
disagree; images are drawn only for a report that shows them (Markdown written into a folder,
or HTML), so the terminal report starts no browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder.review.compare import review as compare
from site_builder.review.gitstate import (
    at_commit,
    main_branch,
    merge_base,
    repository,
    resolve,
    temporary_folder,
    working_tree,
)
from site_builder.review.model import Review
from site_builder.review.render import html_report, markdown_report
from site_builder.review.terminal import terminal_report

FORMATS = ("terminal", "markdown", "html")
FILES = {"markdown": "diff.md", "html": "diff.html"}
IMAGES_HINT = "before and after images: site-builder diff --format html --out DIR (or markdown)"


@dataclass
class Made:
    review: Review
    printed: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def run(
    root: Path,
    base: str | None,
    head: str | None,
    formats: list[str],
    out: Path | None,
    images: bool = True,
    fetch: bool = True,
) -> Made:
    """`GitProblem` when a state cannot be read, `ContentError` when a file either side needs does not load."""
    repository(root)  # not a repository: said first, before anything else is tried
    with temporary_folder() as base_folder, temporary_folder() as head_folder:
        if head is None:
            head_state = working_tree(root)
        else:
            commit = resolve(root, head, fetch)
            head_state = at_commit(root, commit, f"{head} ({commit[:7]})", Path(head_folder))
        if base is None:
            branch = main_branch(root)
            commit = merge_base(root, branch, head or "HEAD", fetch)
            label = f"{commit[:7]} (where {head or 'HEAD'} left {branch})"
        else:
            commit = resolve(root, base, fetch)
            label = f"{base} ({commit[:7]})"
        base_state = at_commit(root, commit, label, Path(base_folder))
        draws = images and ("html" in formats or ("markdown" in formats and out is not None))
        result = compare(root, base_state, head_state, draws)
    made = Made(result)
    for kind in formats:
        if kind == "terminal":
            made.printed.append(terminal_report(result, "" if draws else IMAGES_HINT))
            continue
        text = markdown_report(result, out is not None) if kind == "markdown" else html_report(result)
        if out is None:
            made.printed.append(text)
            continue
        out.mkdir(parents=True, exist_ok=True)
        (out / FILES[kind]).write_text(text, "utf-8")
        made.written.append(out / FILES[kind])
        if kind == "markdown":
            for chart in result.charts:
                for image in (chart.before, chart.after):
                    if image is not None:
                        (out / image.file).parent.mkdir(parents=True, exist_ok=True)
                        (out / image.file).write_bytes(image.data)
                        made.written.append(out / image.file)
    return made
