"""`site-builder build`: every edition with MkDocs' own build, in this one process.

Each edition is MkDocs' `build()` on its config (`load_config` of mkdocs.yml, mkdocs.sq.yml, ...,
with what `build/editions.py` sets over it: the folder it writes into, and for a Latin edition its
transliterated pages and texts), with the plugin's `on_startup` and `on_shutdown` around it as
`mkdocs build` runs them. The order, the single swap of the site and the project read once are
the core's (`EditionsBuild`); only the calls into MkDocs and the theme are here.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.theme import Theme

from site_builder.build.editions import EditionPlan, EditionsBuild
from site_builder.errors import display_path


class EditionFailed(Exception):
    """An edition's build stopped (MkDocs' words were logged as it stopped); the last site stays."""


def theme_words(language: str) -> str:
    """The theme's template of its words in `language` (Material's `partials/languages/<language>.html`)."""
    for folder in Theme(name="material").dirs:
        path = Path(folder, "partials", "languages", f"{language}.html")
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


def build_editions(root: Path, only: str | None = None, say=print) -> Path:
    """Build the site's editions (or `only` one) into the site folder; `EditionFailed` when one stopped."""
    root = Path(root).resolve()
    _log_to_terminal()
    editions = EditionsBuild(root, only, theme_words)

    def build_one(plan: EditionPlan) -> None:
        started = time.monotonic()
        where = (
            display_path(editions.final / plan.edition.folder, root) if plan.edition.folder else editions.site.site_dir
        )
        try:
            config = load_config(str(plan.config_file), **plan.overrides)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except (Abort, MkDocsException) as error:
            raise EditionFailed(f"the {plan.edition.name} edition ({plan.edition.language}) stopped: {error}") from None
        seconds = time.monotonic() - started
        say(f"site-builder: {plan.edition.name} ({plan.edition.language}) built for {where}/ in {seconds:.1f} s")

    return editions.run(build_one)


def _log_to_terminal() -> None:
    """MkDocs' warnings and errors on stderr, as `mkdocs build` prints them (its command, not `build()`, does)."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_site_builder", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-8s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._site_builder = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
