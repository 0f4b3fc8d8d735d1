"""A new page put into the navigation of mkdocs.yml, with every other byte of the file kept.

mkdocs.yml is the editors' own file: its comments, its order, its quoting, its `!ENV` tags and the
indentation they chose all stay as they are. So the edit is an inserted line (two for a new
section), placed where the YAML parser says the section's last entry ends, in the indentation of
its other entries. Then the new text is read again as every engine reads it (`SiteConfig.load`)
and compared with the old: the navigation must be the old one plus the page, every other setting
the same. Anything else, and nothing is written.

Why not load and dump the file with a round-trip YAML library: ruamel.yaml 0.19, tried on this
site's mkdocs.yml, re-indents the whole file unless it is told the one indentation the file happens
to use, and appends an entry after the comments that follow a list's last entry, which are often
the next key's (`# plugins` above `plugins:`): the new page then lands in someone else's comment.
"""

from __future__ import annotations

import difflib
import os
import shutil
from dataclasses import dataclass

import yaml

from site_builder.editors.yamltext import yaml_value
from site_builder.errors import ContentError, Problem
from site_builder.formats.site_config import SiteConfig

NESTED_STEP = 4  # how much deeper a new section's entries are, when no section shows the file's own way
COMMAND = "site-builder new page"  # where a bad --section is placed: scaffold.command_line("page")


@dataclass(frozen=True)
class Placement:
    """Where a page goes in the navigation, and the config file's new text (None: nothing to write)."""

    config: SiteConfig
    text: str | None
    line: int | None  # the page's line in the file, 1-based
    note: str  # what the editor is told: where it went, or why nothing was needed
    before: str | None = None  # the text it was placed in: a file changed since is not overwritten

    @property
    def changes(self) -> bool:
        return self.text is not None


@dataclass(frozen=True)
class _Section:
    titles: tuple[str, ...]  # from the top
    node: yaml.Node  # its list of entries


def place(config: SiteConfig, target: str, title: str, section: str | None = None) -> Placement:
    """The page `target` (its path in docs_dir) as `title` in the navigation: under `section` (found at
    any depth, whatever its case; created at the end when no section is named or spelt like it), under
    the section of the other pages of its folder, or at the end. Raises `ContentError` when the file's
    navigation cannot take it, naming the line to add by hand.
    """
    display = config.display
    section = section.strip() if section is not None else None
    if config.file is None or config.nav is None:
        return Placement(config, None, None, f"{display} has no `nav:`: the page appears in the site's menu by itself")
    for entry in config.nav:
        if entry.target == target:
            where = _under(entry.sections)
            return Placement(
                config, None, entry.line, f"already in the navigation of {display}{where}, line {entry.line}"
            )
    with open(config.file, encoding="utf-8", newline="") as handle:
        text = handle.read()
    nav = _nav_node(text)
    entry_text = f"- {yaml_value(title)}: {yaml_value(target)}"
    if nav.flow_style:
        why = "`nav:` is written as one [list]: pages are added only to a nav written an entry a line"
        raise _refusal(config, title, target, why, nav)
    sections = list(_sections(nav, ()))
    chosen, why = _choose(config, sections, target, section, nav)
    if chosen is None:  # a new section, at the end
        step = _nested_step(nav, sections)
        column = nav.start_mark.column
        lines = [f"{' ' * column}- {yaml_value(section)}:", f"{' ' * (column + step)}{entry_text}"]
        at, titles = _after(nav, text), (section,)
        why = ", a new section at the end"
    else:
        if chosen.node.flow_style or not isinstance(chosen.node, yaml.SequenceNode) or not chosen.node.value:
            why = f"the section {_quoted(chosen.titles)} is not a list written an entry a line"
            raise _refusal(config, title, target, why, chosen.node)
        lines = [f"{' ' * chosen.node.start_mark.column}{entry_text}"]
        at, titles = _after(chosen.node, text), chosen.titles
    new_text, line = _insert(text, at, lines)
    _verify(config, new_text, target, title, titles, line)
    where = _under(titles) if titles else " at the end"
    return Placement(config, new_text, line, f"added to the navigation of {display}{where}{why}, line {line}", text)


def write(placement: Placement) -> None:
    """Replace the config file with the placed text in one step (a reader never sees half a file)."""
    if not placement.changes:
        return
    file = placement.config.file
    temporary = file.with_name(f".{file.name}.site-builder-{os.getpid()}")
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as out:
            out.write(placement.text)
        shutil.copymode(file, temporary)
        os.replace(temporary, file)
    finally:
        temporary.unlink(missing_ok=True)


def unchanged(placement: Placement) -> bool:
    """Whether the config file still holds the text the page was placed in."""
    with open(placement.config.file, encoding="utf-8", newline="") as handle:
        return handle.read() == placement.before


def _nav_node(text: str) -> yaml.Node:
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # composing needs no constructor for `!ENV`
    return next(value for key, value in root.value if isinstance(key, yaml.ScalarNode) and key.value == "nav")


def _sections(node: yaml.Node, above: tuple[str, ...]):
    """Every section of the navigation (`- Title:` with a list under it), outermost first."""
    if not isinstance(node, yaml.SequenceNode):
        return
    for item in node.value:
        if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            key, value = item.value[0]
            if not isinstance(value, yaml.ScalarNode):
                titles = (*above, str(key.value))
                yield _Section(titles, value)
                yield from _sections(value, titles)


def _choose(config: SiteConfig, sections: list[_Section], target: str, section: str | None, nav: yaml.Node):
    """The section the page goes under (None: a new one) and how it was chosen, for the note."""
    if section is None:
        folder = target.rpartition("/")[0]
        if folder:  # where the other pages of the folder are, when they are all in one section
            homes = {entry.sections for entry in config.nav if entry.target.startswith(folder + "/")}
            if len(homes) == 1 and (home := homes.pop()):
                chosen = next(s for s in sections if s.titles == home)
                return chosen, f" (where the other pages of {folder}/ are)"
        return _Section((), nav), ""
    named = [s for s in sections if s.titles[-1].casefold() == section.casefold()]
    if len(named) == 1:
        return named[0], ""
    if len(named) > 1:
        raise ContentError(
            [
                Problem(
                    COMMAND,
                    f"{len(named)} sections of the navigation are called '{section}'",
                    field="--section",
                    hint="name the one you mean by its place: " + "; ".join(_quoted(s.titles) for s in named),
                )
            ]
        )
    titles = [s.titles[-1] for s in sections]
    if pages := [e for e in config.nav or () if (e.title or "").casefold() == section.casefold()]:
        raise ContentError(  # a new section beside the page would put two items of one name in the menu
            [
                Problem(
                    COMMAND,
                    f"'{section}' is a page in the navigation of {config.display} (line {pages[0].line}), not a "
                    "section; nothing was written",
                    field="--section",
                    hint="name a section: " + ", ".join(f"'{t}'" for t in titles)
                    if titles
                    else "leave out --section to add the page at the end",
                )
            ]
        )
    close = difflib.get_close_matches(section.casefold(), [t.casefold() for t in titles], n=1, cutoff=0.75)
    if close:  # a slip, not a new section: a second heading in the menu would go unnoticed
        spelt = next(t for t in titles if t.casefold() == close[0])
        raise ContentError(
            [
                Problem(
                    COMMAND,
                    f"no section '{section}' in the navigation of {config.display}; nothing was written",
                    field="--section",
                    hint=f"did you mean '{spelt}'? (a name unlike every section's starts a new section at the end)",
                )
            ]
        )
    return None, ""


def _nested_step(nav: yaml.Node, sections: list[_Section]) -> int:
    """How much deeper this file writes a section's entries than the section's own line (2 or 4, usually)."""
    for section in sections:
        if len(section.titles) == 1 and isinstance(section.node, yaml.SequenceNode) and not section.node.flow_style:
            return section.node.start_mark.column - nav.start_mark.column
    return NESTED_STEP


def _after(node: yaml.Node, text: str) -> int:
    """The 0-based line before which to insert: the one after the text of the list's last entry (a
    mapping ends where the next token starts, past comments, so its last scalar says where), and after
    the comments indented deeper than the list's dashes, which are that entry's (a section's
    commented-out page). A comment at the dashes' column or left of it, or past a blank line, is left
    below: it may be the next key's.
    """
    last = node
    while not isinstance(last, yaml.ScalarNode):
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    end = last.end_mark
    at = end.line if end.column == 0 else end.line + 1
    lines = text.splitlines()
    column = node.start_mark.column
    while at < len(lines) and lines[at].lstrip().startswith("#") and len(lines[at]) - len(lines[at].lstrip()) > column:
        at += 1
    return at


def _insert(text: str, at: int, lines: list[str]) -> tuple[str, int]:
    newline = "\r\n" if "\r\n" in text else "\n"
    kept = text.splitlines(keepends=True)
    if at >= len(kept) and kept and not kept[-1].endswith(("\n", "\r")):
        kept[-1] += newline
    added = [line + newline for line in lines]
    return "".join(kept[:at] + added + kept[at:]), at + len(lines)


def _verify(config: SiteConfig, new_text: str, target: str, title: str, titles: tuple[str, ...], line: int) -> None:
    """The new file read as the engines read it: the old navigation plus the page, nothing else changed."""
    file = config.file
    probe = file.with_name(f".{file.name}.site-builder-check-{os.getpid()}")
    try:
        probe.write_text(new_text, encoding="utf-8", newline="")
        try:
            new = SiteConfig.load(config.root, probe)
        except ContentError as error:
            raise _refusal(
                config, title, target, f"the new {config.display} would not read: {error.problems[0].message}"
            ) from None
    finally:
        probe.unlink(missing_ok=True)
    before = [(e.target, e.title, e.sections) for e in config.nav]
    after = [(e.target, e.title, e.sections) for e in new.nav or ()]
    added = (target, title, titles)
    inside = [i for i, (_, _, sections) in enumerate(before) if titles and sections[: len(titles)] == titles]
    at = inside[-1] + 1 if inside else len(before)  # after the section's last page, or at the end
    placed = [e.line for e in new.nav or () if (e.target, e.title, e.sections) == added]
    settings = [{key: value for key, value in c.raw.items() if key != "nav"} for c in (config, new)]
    if after != [*before[:at], added, *before[at:]] or placed != [line] or settings[0] != settings[1]:
        why = f"adding the line would change more of {config.display} than the navigation"
        raise _refusal(config, title, target, why)


def _refusal(config: SiteConfig, title: str, target: str, why: str, node: yaml.Node | None = None) -> ContentError:
    return ContentError(
        [
            Problem(
                config.display,
                f"{why}; nothing was written",
                node.start_mark.line + 1 if node is not None else None,
                field="nav",
                hint=f"add the page yourself, under `nav:`: - {yaml_value(title)}: {yaml_value(target)}",
            )
        ]
    )


def _under(titles: tuple[str, ...]) -> str:
    return f" under {_quoted(titles)}" if titles else ""


def _quoted(titles: tuple[str, ...]) -> str:
    return " > ".join(f'"{title}"' for title in titles)
