"""Every path a build writes, claimed once: two sources of one URL fail the build, naming both.

Without this, the last writer wins in silence: a page at `content/charts/<id>.md` becomes
`charts/<id>/index.html`, the chart's own page, and one of them is lost with exit 0. So before
anything is written, each writer claims its paths: pages (by the path they are written to, not
the one they are read from), files copied from the docs folder, each chart's page, downloads and
images (`contract.chart_paths`), the front-end files and the build manifest. Paths that differ
only in case are one path on macOS and Windows file systems and on many hosts: they clash too.

The theme's own files are not claimed: a file in the docs folder that replaces one of the
theme's (a favicon, a stylesheet) is how MkDocs lets a site override its theme.

No engine import: the adapter hands the claims in, as plain values.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from site_builder.build.contract import FEED, chart_paths
from site_builder.build.manifest import MANIFEST
from site_builder.errors import Problem


@dataclass(frozen=True)
class Claim:
    """A site path and who writes it: a file an editor can open (with a line where there is one),
    or a part of the build.
    """

    path: str  # site path, e.g. "charts/kfor_troops/index.html"
    source: str  # e.g. "content/charts/kfor_troops.md", "charts/kfor_troops.yml", "site-builder's front-end files"
    line: int | None = None
    editable: bool = (
        True  # False: a path the build gives (a chart's, the front-end's, the manifest), not one an editor chose
    )


def file_claim(path: str, source: str, docs: str, generated_by: str | None = None) -> Claim:
    """The claim of a file the engine knows: from the docs folder (`docs`/`source`), or made by another plugin."""
    if generated_by:
        return Claim(path, f"{generated_by}'s generated {source}", editable=False)
    return Claim(path, f"{docs}/{source}")


def build_claims(assets: Iterable[str], charts: dict[str, str], images: bool) -> list[Claim]:
    """What site-builder itself writes: the front-end files, each chart's files (chart id -> its
    spec file, as editors see it) and the build manifest.
    """
    claims = [Claim(path, "site-builder's front-end files", editable=False) for path in sorted(assets)]
    for chart_id, spec in sorted(charts.items()):
        claims += [Claim(path, f"the chart {spec}", editable=False) for path in chart_paths(chart_id, images)]
    feed = Claim(FEED, "site-builder's feed of corrections and updates", editable=False)
    return [*claims, feed, Claim(MANIFEST, "site-builder's build manifest", editable=False)]


def conflicts(claims: Iterable[Claim]) -> list[Problem]:
    """A problem for each path claimed twice, placed at the editor's file of the two."""
    first: dict[str, Claim] = {}
    problems = []
    for claim in claims:
        key = posixpath.normpath(claim.path).casefold()
        if key not in first:
            first[key] = claim
            continue
        other = first[key]
        mine, theirs = (claim, other) if claim.editable or not other.editable else (other, claim)
        same = "" if mine.path == theirs.path else f" ({theirs.path}: the same file where case is not told apart)"
        problems.append(
            Problem(
                mine.source if mine.editable else "",
                f"is written to {mine.path}, and so is {theirs.source}{same}: one would silently replace the other",
                line=mine.line,
                hint=_hint(mine, theirs),
            )
        )
    return problems


def _hint(mine: Claim, theirs: Claim) -> str:
    if not theirs.editable:
        return f"{theirs.path} belongs to {theirs.source}; rename or move {mine.source}"
    return f"rename or move one of {mine.source} and {theirs.source}"
