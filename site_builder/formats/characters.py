r"""Characters that text in a project's files may not hold: invisible controls, and direction
controls that do not close within the text they are in.

Text an editor writes is shown in many places at once: a page, a `<title>`, a citation, a CSV
line, an SVG, the search index. A control character there is invisible to the editor who wrote
it and breaks some of those places (XML, and so the SVG images, cannot hold most of them). A
direction control (an override such as U+202E, or an isolate such as U+2067) applies to all the
text after it until it is closed: left open in a title, it reorders whatever follows the title
where the title is written, the chart's address in a citation read backwards included. So text
is refused when it holds a control, or a direction control that does not close inside it, or a
closing one that closes nothing (in a longer text it would close someone else's). Balanced
embeddings and isolates pass, and right-to-left text itself (Arabic, Hebrew) needs none of them:
the browser orders it by itself.

The same rules hold for every text of a dataset or a chart spec (`yamlsource`, for each value and
key as it is read, escapes such as "\u202e" included) and of a page's front matter (`contents`).
Light on purpose: the MkDocs process checks pages with it.
"""

from __future__ import annotations

import re

# YAML's printable characters (what PyYAML's reader accepts in a file), with NEL: tab, line
# breaks and everything from the space on, less C1 controls, surrogates and U+FFFE/U+FFFF.
NOT_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

OPENERS = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
}
CLOSERS = {"\u202c": "pop directional formatting", "\u2069": "pop directional isolate"}
_ISOLATES = "\u2066\u2067\u2068"
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069\n\r\x1c-\x1e\x85\u2029]")
_PARAGRAPH_END = "\n\r\x1c\x1d\x1e\x85\u2029"  # where Unicode's bidi algorithm closes whatever is open

CLOSE_HINT = (
    "close it in the same text ({opener} with {closer}), or delete it: left open, it reorders whatever "
    "follows the text where it is shown (a page title, the citation and its link, a CSV line); "
    "right-to-left text (Arabic, Hebrew) needs no control characters"
)


def name(char: str) -> str:
    """A character as messages name it: its code and, for direction controls, what it does."""
    described = OPENERS.get(char) or CLOSERS.get(char)
    return f"U+{ord(char):04X}" + (f" ({described})" if described else "")


def text_problem(text: str) -> tuple[str, str] | None:
    """What is wrong with `text` (message, hint), or None when it may be published."""
    bad = NOT_TEXT.search(text)
    if bad:
        return (
            f"character {name(bad.group())} is not allowed in text (character {bad.start() + 1})",
            "delete it: control characters are invisible, and some of the places text is shown "
            "(the SVG images, the downloads) cannot hold them",
        )
    return direction_problem(text)


def has_direction_controls(text: str) -> bool:
    return _CONTROLS.search(text) is not None


def direction_problem(text: str) -> tuple[str, str] | None:
    """A direction control in `text` that is not closed inside it, or closes nothing (message, hint)."""
    if not _CONTROLS.search(text):
        return None
    open_: list[tuple[str, int]] = []  # (opener, index), innermost last
    for match in _DIRECTION.finditer(text):
        char, index = match.group(), match.start()
        if char in OPENERS:
            open_.append((char, index))
        elif char in CLOSERS:
            wanted = "\u2069" if open_ and open_[-1][0] in _ISOLATES else "\u202c"
            if not open_ or char != wanted:
                return (
                    f"direction control {name(char)} at character {index + 1} closes nothing opened before it"
                    + (f" (the {name(open_[-1][0])} open there is closed by U+{ord(wanted):04X})" if open_ else ""),
                    "delete it: a closing direction control belongs after the one it closes, in the same text",
                )
            open_.pop()
        elif open_:  # a line or paragraph break
            return _unclosed(*open_[-1], "before the line break at character " + str(index + 1))
    return _unclosed(*open_[-1], "by the end of the text") if open_ else None


def _unclosed(opener: str, index: int, where: str) -> tuple[str, str]:
    closer = "U+2069" if opener in _ISOLATES else "U+202C"
    return (
        f"direction control {name(opener)} at character {index + 1} is not closed {where}",
        CLOSE_HINT.format(opener=f"U+{ord(opener):04X}", closer=closer),
    )
