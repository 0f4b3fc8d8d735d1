"""`::: chart <id>` (and `::: table <dataset>`, `::: sources`, `::: corrections`) lines in Markdown pages.

An editor embeds a chart with a line of its own. The line becomes a placeholder comment
(`markers.EMBED_PLACEHOLDER`) that Markdown passes through untouched; after Markdown has rendered
the page, each placeholder is swapped for its HTML. Swapping strings in the rendered page, rather
than re-parsing it, keeps builds fast. Lines inside fenced code blocks are examples, not embeds,
and are left alone.

The directives:

- `::: chart <chart-id>`: a chart from `charts/`;
- `::: table <dataset-id>`: every record of a dataset, with its source (a timeline, a list);
- `::: sources`: every source of every dataset, grouped by dataset (a methodology page);
- `::: corrections`: every dataset's corrections and updates, newest first (the corrections page);
- `::: glossary`: the glossary's table of contested words, in the page's edition's language
  (`formats/glossary.py`): written into the Markdown as HTML before it is rendered
  (`build/generated.py`), since it needs no chart work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from site_builder.markers import ANY_MARKER, EMBED_FOUND, EMBED_PLACEHOLDER

EMBED = re.compile(
    r"^(?P<indent>[ \t]*):::[ \t]+(?P<kind>chart|table|sources|corrections)(?:[ \t]+(?P<id>[^\s]+))?[ \t]*$"
)
_LOOSE = re.compile(r"^[ \t]*:::[ \t]*(chart|table|sources|corrections)\b")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
REFERENCE = "::: reference"  # the editors' field reference, generated from the data model (reference_docs.py)
GLOSSARY = re.compile(r"^[ \t]*:::[ \t]+glossary[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Embed:
    line: int  # 1-based, in the text given
    target: str  # what it embeds: a chart id (`chart`), a dataset id (`table`), "" (`sources`, `corrections`)
    kind: str = "chart"


def lines_outside_fences(markdown: str):
    """(line number, line, inside a fenced code block?) for every line; fence lines count as inside."""
    fence = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            yield number, line, True
            continue
        yield number, line, fence is not None


def _parse(line: str):
    """The embed on a line, or None; `sources` and `corrections` take no id, the others need one."""
    match = EMBED.match(line)
    if not match or (match.group("kind") in ("sources", "corrections")) != (match.group("id") is None):
        return None
    return match


def find_embeds(markdown: str) -> tuple[list[Embed], list[tuple[int, str]]]:
    """The embeds in a page, and lines that look like an embed but are malformed (line, text)."""
    embeds, malformed = [], []
    for number, line, in_code in lines_outside_fences(markdown):
        if in_code:
            continue
        match = _parse(line)
        if match:
            embeds.append(Embed(number, match.group("id") or "", match.group("kind")))
        elif _LOOSE.match(line):
            malformed.append((number, line.strip()))
    return embeds, malformed


def insert_placeholders(markdown: str) -> str:
    """Swap embed lines for placeholders, keeping their indentation (charts inside tabs or admonitions)."""
    out = []
    for _, line, in_code in lines_outside_fences(markdown):
        match = None if in_code else _parse(line)
        out.append(
            match.group("indent") + EMBED_PLACEHOLDER.format(kind=match.group("kind"), id=match.group("id") or "")
            if match
            else line
        )
    return "\n".join(out)


def fill_placeholders(html: str, render: Callable[[str], str], others: Callable[[str, str], str] | None = None) -> str:
    """Replace chart placeholders with `render(chart_id)`, the other directives with `others(kind, id)`."""

    def replace(match: re.Match) -> str:
        kind, ident = match.groups()
        if kind == "chart":
            return render(ident)
        return others(kind, ident) if others else match.group(0)

    return EMBED_FOUND.sub(replace, html)


def has_placeholders(html: str) -> bool:
    return ANY_MARKER in html


def has_glossary(markdown: str) -> bool:
    return any(GLOSSARY.match(line) and not in_code for _, line, in_code in lines_outside_fences(markdown))


def insert_glossary(markdown: str, render: Callable[[], str]) -> str:
    """Each `::: glossary` line outside code blocks replaced by `render()`, an HTML block set apart by
    blank lines (so Markdown passes it through), at the line's indentation (inside a tab or an admonition).
    """
    out, html = [], None
    for _, line, in_code in lines_outside_fences(markdown):
        if in_code or not GLOSSARY.match(line):
            out.append(line)
            continue
        html = render() if html is None else html
        indent = line[: len(line) - len(line.lstrip())]
        out += ["", *(indent + part for part in html.strip().split("\n")), ""]
    return "\n".join(out)
