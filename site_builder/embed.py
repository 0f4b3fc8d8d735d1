"""`::: chart <id>` lines in Markdown pages.

An editor embeds a chart with a line of its own. The line becomes a placeholder comment that
Markdown passes through untouched; after Markdown has rendered the page, each placeholder is
swapped for the chart's HTML. Swapping strings in the rendered page, rather than re-parsing it,
keeps builds fast. Lines inside fenced code blocks are examples, not embeds, and are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

EMBED = re.compile(r"^(?P<indent>[ \t]*):::[ \t]+chart[ \t]+(?P<id>\S+)[ \t]*$")
_LOOSE = re.compile(r"^[ \t]*:::[ \t]*chart\b")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
PLACEHOLDER = "<!--site-builder:chart:{id}-->"
_PLACEHOLDER = re.compile(r"<!--site-builder:chart:([a-z][a-z0-9_]*)-->")


@dataclass(frozen=True)
class Embed:
    line: int  # 1-based, in the text given
    chart_id: str


def _lines_outside_fences(markdown: str):
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


def find_embeds(markdown: str) -> tuple[list[Embed], list[tuple[int, str]]]:
    """The embeds in a page, and lines that look like an embed but are malformed (line, text)."""
    embeds, malformed = [], []
    for number, line, in_code in _lines_outside_fences(markdown):
        if in_code:
            continue
        match = EMBED.match(line)
        if match:
            embeds.append(Embed(number, match.group("id")))
        elif _LOOSE.match(line):
            malformed.append((number, line.strip()))
    return embeds, malformed


def insert_placeholders(markdown: str) -> str:
    """Swap embed lines for placeholders, keeping their indentation (charts inside tabs or admonitions)."""
    out = []
    for _, line, in_code in _lines_outside_fences(markdown):
        match = None if in_code else EMBED.match(line)
        out.append(match.group("indent") + PLACEHOLDER.format(id=match.group("id")) if match else line)
    return "\n".join(out)


def fill_placeholders(html: str, render: Callable[[str], str]) -> str:
    return _PLACEHOLDER.sub(lambda m: render(m.group(1)), html)


def placeholder_ids(html: str) -> list[str]:
    return _PLACEHOLDER.findall(html)
