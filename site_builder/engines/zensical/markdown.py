"""The Python-Markdown extension that puts our embeds into pages Zensical renders.

Zensical renders each page with Python-Markdown and the extensions named under
`markdown_extensions:`, in its own process, one page at a time. This one swaps each `:::` line
for its placeholder before Markdown (`embed.insert_placeholders`, as the MkDocs plugin does) and,
once Markdown is done, the placeholders for the charts, tables and sources of the build that
`run.py` started in the same process (`build/session.py`). A page holding a `:::` line that no
build of ours will fill fails the build, saying how to build instead: a plain `zensical build`
(which would leave the lines as text) or MkDocs without the plugin (which would too). Under
MkDocs with the plugin, the plugin has swapped every line before Markdown runs, and this does
nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from site_builder.build.generated import page_markdown
from site_builder.build.pages import escape_front_matter
from site_builder.build.session import EngineBuild
from site_builder.errors import ContentError, Problem
from site_builder.formats import embed

NAME = "site_builder.engines.zensical.markdown"  # as listed under `markdown_extensions:`

SESSION: EngineBuild | None = None
"""The build this process runs (`run.py` sets it before Zensical renders a page, and clears it)."""

_DIRECTIVE = re.compile(r"^[ \t]*:::[ \t]*[a-z]")  # any `:::` line, ours or not: none may reach readers
_LEFT_AS_TEXT = re.compile(r"<p>:::[ \t]*[a-z]")  # a `:::` line Markdown made a paragraph of


class SiteBuilderExtension(Extension):
    def __init__(self, **kwargs):
        # `charts`: what the pages show, as a digest (`EngineBuild.digest`), set by `run.py` so that
        # Zensical's cache of rendered pages renders them again when a chart changes.
        self.config = {"charts": ["", "what the pages show of the project (set by the build, not by hand)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        page = _Page(md)
        # After whitespace is normalised, before raw HTML and fenced code are stashed: as the
        # MkDocs plugin swaps the lines before Markdown sees the page.
        md.preprocessors.register(_Embeds(md, page), "site_builder_embeds", 29)
        # After raw HTML (the placeholders, which are comments) is put back.
        md.postprocessors.register(_Figures(md, page), "site_builder_figures", 5)


class _Page:
    """The page being rendered: its path in the docs folder and its URL, from Zensical's context."""

    def __init__(self, md):
        self.md, self.path, self.url, self.meta, self.embeds = md, None, None, None, False

    def find(self) -> None:
        try:
            from zensical.extensions.context import ContextPreprocessor  # only under Zensical
        except ImportError:
            return
        context = ContextPreprocessor.from_markdown(self.md)
        if context is not None:
            self.path, self.url, self.meta = context.page.path, context.page.url, context.page.meta


class _Embeds(Preprocessor):
    def __init__(self, md, page: _Page):
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        self.page.embeds = False
        self.page.find()
        if self.page.meta is not None:
            # Zensical's templates do not autoescape either, and write what the page's front matter
            # becomes after this (its `meta`, handed back to Zensical): escaped once, as under MkDocs.
            escape_front_matter(self.page.meta)
        text = "\n".join(lines)
        if SESSION is not None and self.page.path is not None:  # the reference, the glossary, a translation's notice
            text = page_markdown(text, self.page.meta or {}, *_source(self.page.path))
        if ":::" not in text:
            return text.split("\n")
        prose = [(number, line) for number, line, code in embed.lines_outside_fences(text) if not code]
        directives = [number for number, line in prose if _DIRECTIVE.match(line)]
        if not directives:
            return text.split("\n")
        if SESSION is None or self.page.path is None:
            raise ContentError(_not_built(self.page.path, text, directives[0]))
        self.page.embeds = True
        return embed.insert_placeholders(text).split("\n")


class _Figures(Postprocessor):
    def __init__(self, md, page: _Page):
        super().__init__(md)
        self.page = page

    def run(self, text: str) -> str:
        if self.page.embeds:
            # Zensical rewrites the URLs of `href`, `src` and `srcset` in the content it is given as
            # if relative to the page's source file; the loader's `data-sb-figure` is left as written.
            root, source_root = "../" * self.page.url.count("/"), "../" * self.page.path.count("/")
            text = SESSION.page_content(text, self.page.path, source_root)
            if root != source_root:
                text = text.replace(f'data-sb-figure="{source_root}charts/', f'data-sb-figure="{root}charts/')
        if self.page.embeds and (left := _LEFT_AS_TEXT.search(text)):
            raise ContentError(_left_as_text(self.page.path, text[left.start() + 3 : text.find("<", left.start() + 3)]))
        return text


def _docs_display(path: str) -> tuple[str, int]:
    """The page as editors see it (`content/kfor.md`), and how many lines its front matter takes
    (Zensical gives the Markdown without it), from Zensical's configuration.
    """
    try:
        from zensical.config import get_config  # only under Zensical

        config = get_config()
        docs, root = Path(config["docs_dir"]), Path(config["root_dir"])
    except (ImportError, KeyError, NameError, TypeError):
        return path, 0
    source = (root / docs / path) if not docs.is_absolute() else docs / path
    try:
        display = source.resolve().relative_to(root.resolve()).as_posix()
        return display, source.read_text(encoding="utf-8").count("\n")
    except (OSError, ValueError):
        return path, 0


def _source(path: str) -> tuple[Path, Path]:
    """The page's file and the project's folder, from Zensical's configuration."""
    from zensical.config import get_config  # only under Zensical, where a session runs

    config = get_config()
    root, docs = Path(config["root_dir"]), Path(config["docs_dir"])
    return (docs if docs.is_absolute() else root / docs) / path, root


def _not_built(path: str | None, text: str, line: int) -> list[Problem]:
    display, lines = _docs_display(path) if path else ("a page", 0)
    offset = max(lines - text.count("\n"), 0) if lines else 0
    problem = Problem(
        display,
        "this page's `:::` lines would be shown to readers as text: no site-builder build is running",
        line + offset if line else None,
        hint=(
            "with Zensical, build with `make site ENGINE=zensical` (or `python -m site_builder.engines.zensical "
            "build`; `... serve` to preview), not `zensical build`; with MkDocs, list `site-builder` under "
            "`plugins:` in mkdocs.yml"
        ),
    )
    return [problem]


def _left_as_text(path: str, line: str) -> list[Problem]:
    display, _ = _docs_display(path)
    problem = Problem(
        display,
        f"`{line.strip()}` would be shown to readers as text: it is not an embed site-builder knows",
        hint="the embeds are listed in the editors' guide (File formats); a line meant as text goes in a code block",
    )
    return [problem]


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return SiteBuilderExtension(**kwargs)
