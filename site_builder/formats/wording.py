"""Words the glossary keeps out of the site's own voice, found in pages, datasets and charts.

An avoided word ("Kosovo and Metohija", "NATO aggression") is allowed where it is someone else's:
in quotation marks (“…”, "…", „…“, «…», ‘…’, '…'), in a blockquote, in code, in a link's target,
in a source's title or producer. Everywhere else it is the site speaking, and `site-builder check`
says where, what to write instead and why (the glossary's reason, in the text's language).

Matching is by whole words (a letter or digit on either side is another word), case-insensitive,
in the forms the glossary lists. Serbian is matched in both scripts: a Serbian page in Cyrillic may
hold Latin text, and the Latin edition is made from the Cyrillic, so Latin text is checked through
the Cyrillic words transliterated.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from site_builder.errors import Problem
from site_builder.formats.embed import lines_outside_fences
from site_builder.formats.yamlsource import Document, format_path
from site_builder.languages import current, translit
from site_builder.languages.translations import pick

# Pairs of quotation marks, opening -> closing ones (English and Albanian “…”, Serbian „…“ and „…”,
# Albanian «…», single ‘…’ and ‚…‘); ASCII quotes are handled apart, since ' is also an apostrophe.
_QUOTES = {"“": "”", "„": "“”", "«": "»", "‘": "’", "‚": "‘’", '"': '"'}
_ANY_QUOTE = re.compile("[" + re.escape("".join(_QUOTES)) + "']")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)|\]\[[^\]\n]*\]|<(?:https?|mailto):[^>\s]*>")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.DOTALL)
_NOT_OURS = re.compile(r"^[ \t]*(>|:::)")  # blockquotes and `:::` lines

# Keys of datasets and charts whose text is not the site's voice: published as the source wrote it,
# never shown, or an id (`sources[].title` is matched by its path below).
NOT_OUR_VOICE = frozenset(
    {"producer", "citation_full", "url", "url_main", "license", "editor_notes", "editor_note", "source", "id"}
    | {"dataset", "kind", "key", "type", "record"}
)


@dataclass(frozen=True)
class Avoided:
    """An avoided word as the glossary lists it, with what to write instead and why."""

    term: str
    word: str
    use: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Found:
    start: int  # offset in the text checked
    end: int
    avoided: Avoided


def blank(text: str, start: int, end: int) -> str:
    """`text` with `start:end` made spaces, line breaks kept, so offsets and lines stay where they were."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def without_quotations(text: str) -> str:
    """`text` with every quotation blanked, mark to mark, within a paragraph; an opening mark with no
    closing one before the paragraph ends quotes nothing.
    """
    index, out = 0, text
    while (mark := _ANY_QUOTE.search(out, index)) is not None:
        index = mark.start()
        char = out[index]
        closers = _QUOTES.get(char)
        if char == "'":
            closers = "'" if _opens_single(out, index) else None
        if not closers:
            index += 1
            continue
        end = _closing(out, index, closers)
        if end is None:
            index += 1
            continue
        out = blank(out, index, end + 1)
        index = end + 1
    return out


def _opens_single(text: str, index: int) -> bool:
    """An ASCII ' opens a quotation after a space or punctuation and before a letter (not Kosovo's)."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


def _closing(text: str, index: int, closers: str) -> int | None:
    paragraph = _PARAGRAPH_END.search(text, index)
    limit = paragraph.start() if paragraph else len(text)
    position = index + 1
    while position < limit:
        char = text[position]
        if char in closers:
            after = text[position + 1] if position + 1 < len(text) else " "
            # ’ and ' are apostrophes inside a word (Kosovo’s): a quotation closes before a non-letter
            if char not in "’'" or not after.isalnum():
                return position
        position += 1
    return None


def markdown_voice(markdown: str) -> str:
    """A page's Markdown with everything that is not the site speaking blanked: code blocks and
    spans, blockquotes, `:::` lines, HTML tags and comments, link targets, quotations.
    """
    lines = []
    for _, line, in_code in lines_outside_fences(markdown):
        lines.append(" " * len(line) if in_code or _NOT_OURS.match(line) else line)
    text = "\n".join(lines)
    for pattern in (_INLINE_CODE, _HTML, _LINK_TARGET, _REFERENCE):
        for match in list(pattern.finditer(text)):
            text = blank(text, match.start(), match.end())
    return without_quotations(text)


class Matcher:
    """The avoided words of one language, as one expression of whole words."""

    def __init__(self, glossary, language: str):
        self.by_form: dict[str, Avoided] = {}
        names: list[str] = []
        for term in glossary.terms:
            words = term.words(language)
            if words is None:
                continue
            reason = _text_in(term.reason, language)
            for word in words.avoid:
                avoided = Avoided(term.id, word, tuple(words.use), reason)
                for form in _forms(word, language):
                    self.by_form.setdefault(_key(form), avoided)
            names += [form for name in words.names for form in _forms(name, language)]
        self.pattern = _whole_words(self.by_form)
        self.names = _whole_words({_key(name): None for name in names})

    def find(self, voice: str) -> list[Found]:
        """Every avoided word in `voice` (text with what is not ours blanked), first to last."""
        if self.pattern is None:
            return []
        if self.names is not None:
            for match in list(self.names.finditer(voice)):
                voice = blank(voice, match.start(), match.end())
        return [Found(m.start(), m.end(), self.by_form[_key(m.group(0))]) for m in self.pattern.finditer(voice)]


@functools.lru_cache(maxsize=16)
def matcher(glossary, language: str) -> Matcher:
    return Matcher(glossary, language)


def _forms(word: str, language: str) -> list[str]:
    """A word as it may be written: Serbian in either script."""
    latin = translit.to_latin(word) if current.base(language) == "sr" else word
    return list(dict.fromkeys([word, latin]))


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _whole_words(forms) -> re.Pattern | None:
    if not forms:
        return None
    alternatives = sorted(forms, key=len, reverse=True)  # the longest first: "Kosovo and Metohija" before "Kosovo"
    body = "|".join(r"\s+".join(re.escape(part) for part in form.split(" ")) for form in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def _text_in(value, language: str) -> str:
    return pick(value, language) or pick(value, current.SOURCE) or ""


def problem(display: str, line: int | None, column: int | None, found: Found, written: str, field: str = "") -> Problem:
    """One avoided word, at file:line:column, with what to write instead and why."""
    avoided = found.avoided
    instead = " or ".join(", ".join(avoided.use).rsplit(", ", 1))
    return Problem(
        display,
        f"'{written}' is a word the glossary keeps out of our own voice (term '{avoided.term}')",
        line,
        column,
        field,
        f"write {instead}; keep '{avoided.word}' only in a quotation or said by who says it. Why: {avoided.reason}",
    )


def page_problems(display: str, markdown: str, language: str, glossary, first_line: int = 1) -> list[Problem]:
    """The avoided words a page (front matter and all) says in its own voice, in the page's language."""
    words = matcher(glossary, language)
    if words.pattern is None or not words.pattern.search(markdown):
        return []
    voice = markdown_voice(markdown.replace("\r\n", "\n"))
    starts = _line_starts(voice)
    problems = []
    for found in matcher(glossary, language).find(voice):
        line, column = _position(starts, found.start)
        written = " ".join(markdown.replace("\r\n", "\n")[found.start : found.end].split())
        problems.append(problem(display, line + first_line - 1, column, found, written))
    return problems


def document_problems(document: Document, text: str, glossary, languages: set[str]) -> list[Problem]:
    """The avoided words of a dataset's or a chart's texts for readers, each in its language: a plain
    string is English, a mapping `{en: ..., sq: ..., sr: ...}` one text a language. `text` is the
    file as written, where each word is placed.
    """
    problems = []
    starts = _line_starts(text)
    for path, language, value in _texts(document.value, (), languages):
        after = None  # each word is searched for after the one before it, in the file
        words = matcher(glossary, language)
        if words.pattern is None or not words.pattern.search(value):  # most texts: no quotation to look for
            continue
        for found in words.find(without_quotations(value)):
            written = " ".join(value[found.start : found.end].split())
            (line, column), after = _placed(text, starts, document.where(path), written, after)
            problems.append(problem(document.path, line, column, found, written, format_path(path)))
    return problems


def _texts(value, path: tuple, languages: set[str]):
    """(path, language, text) of every text readers may see in a dataset or chart spec."""
    if isinstance(value, str):
        yield path, current.SOURCE, value
    elif isinstance(value, dict):
        if value and set(value) <= languages and all(isinstance(text, str) for text in value.values()):
            for language, text in value.items():
                yield path + (language,), language, text
            return
        for key, item in value.items():
            if key in NOT_OUR_VOICE or (key == "title" and len(path) == 2 and path[0] == "sources"):
                continue
            yield from _texts(item, path + (key,), languages)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,), languages)


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def _placed(text: str, starts: list[int], where: tuple, written: str, after: int | None):
    """Where a word of a YAML value is written in the file, and the offset to search for the next
    one from: searched from the value's start (or the word before), since a folded or quoted value's
    text is not the file's; the value's own place when it cannot be found.
    """
    line, column = where
    if line is None or line - 1 >= len(starts):
        return (line, column), after
    begin = after if after is not None else starts[line - 1] + (column or 1) - 1
    pattern = r"\s+".join(re.escape(part) for part in written.split(" "))
    match = re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE).search(text, begin)
    return (_position(starts, match.start()), match.end()) if match else ((line, column), after)
